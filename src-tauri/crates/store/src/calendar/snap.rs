//! The SMS calendar's rows in the project snapshot: `export_*` reads them in key order,
//! `import_*` writes them back (into a fresh, migrated file). Kept files travel as base64.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ready20k_domain::snapshot::{CalendarCompletionSnap, CalendarDutySnap};
use rusqlite::{Connection, params};

use crate::table_row::{self, table_row};
use crate::{Result, StoreError};

table_row!(
    CalendarDutySnap,
    "calendar_duty",
    "duty_id",
    [duty_id, anchor_on, frequency, owner_id, active, updated_at]
);
table_row!(
    CalendarCompletionSnap,
    "calendar_completion",
    "occurrence_id",
    [
        occurrence_id,
        series_id,
        due_on,
        done_on,
        person_id,
        evidence_id,
        note,
        file_name,
        size,
        sha256,
        created_at
    ],
    default[content_base64]
);

/// Reads every `calendar_duty` row.
pub fn export_duties(conn: &Connection) -> Result<Vec<CalendarDutySnap>> {
    table_row::export(conn)
}

/// Reads every `calendar_completion` row with its kept file.
pub fn export_completions(conn: &Connection) -> Result<Vec<CalendarCompletionSnap>> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut stmt = conn.prepare("SELECT occurrence_id, content FROM calendar_completion_file")?;
    for row in stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
    })? {
        let (id, bytes) = row?;
        files.insert(id, bytes);
    }
    let rows: Vec<CalendarCompletionSnap> = table_row::export(conn)?;
    Ok(rows
        .into_iter()
        .map(|mut c| {
            c.content_base64 = files.remove(&c.occurrence_id).map(|b| STANDARD.encode(b));
            c
        })
        .collect())
}

/// Writes the duty settings and the completions with their files (people and evidence in
/// place).
pub fn import_calendar(
    conn: &Connection,
    duties: &[CalendarDutySnap],
    completions: &[CalendarCompletionSnap],
) -> Result<()> {
    table_row::import(conn, duties)?;
    table_row::import(conn, completions)?;
    for c in completions {
        if let Some(b64) = &c.content_base64 {
            let bytes = STANDARD
                .decode(b64)
                .map_err(|e| StoreError::FileRefused(format!("bad base64: {e}")))?;
            conn.execute(
                "INSERT INTO calendar_completion_file (occurrence_id, content) VALUES (?1, ?2)",
                params![c.occurrence_id, bytes],
            )?;
        }
    }
    Ok(())
}
