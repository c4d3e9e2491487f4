//! The SMS calendar's rows in the project snapshot: `export_*` reads them in key order,
//! `import_*` writes them back (into a fresh, migrated file). Kept files travel as base64.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ready20k_domain::snapshot::{CalendarCompletionSnap, CalendarDutySnap};
use rusqlite::{Connection, params};

use crate::rows;
use crate::{Result, StoreError};

/// Reads every `calendar_duty` row.
pub fn export_duties(conn: &Connection) -> Result<Vec<CalendarDutySnap>> {
    rows::all(
        conn,
        "SELECT duty_id, anchor_on, frequency, owner_id, active, updated_at
         FROM calendar_duty ORDER BY duty_id",
        [],
        |r| {
            Ok(CalendarDutySnap {
                duty_id: r.get(0)?,
                anchor_on: r.get(1)?,
                frequency: r.get(2)?,
                owner_id: r.get(3)?,
                active: r.get(4)?,
                updated_at: r.get(5)?,
            })
        },
    )
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
    let rows = rows::all(
        conn,
        "SELECT occurrence_id, series_id, due_on, done_on, person_id, evidence_id, note,
                file_name, size, sha256, created_at
         FROM calendar_completion ORDER BY occurrence_id",
        [],
        |r| {
            Ok(CalendarCompletionSnap {
                occurrence_id: r.get(0)?,
                series_id: r.get(1)?,
                due_on: r.get(2)?,
                done_on: r.get(3)?,
                person_id: r.get(4)?,
                evidence_id: r.get(5)?,
                note: r.get(6)?,
                file_name: r.get(7)?,
                size: r.get(8)?,
                sha256: r.get(9)?,
                content_base64: None,
                created_at: r.get(10)?,
            })
        },
    )?;
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
    for d in duties {
        conn.execute(
            "INSERT INTO calendar_duty (duty_id, anchor_on, frequency, owner_id, active,
                 updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                d.duty_id,
                d.anchor_on,
                d.frequency,
                d.owner_id,
                d.active,
                d.updated_at
            ],
        )?;
    }
    for c in completions {
        conn.execute(
            "INSERT INTO calendar_completion (occurrence_id, series_id, due_on, done_on,
                 person_id, evidence_id, note, file_name, size, sha256, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                c.occurrence_id,
                c.series_id,
                c.due_on,
                c.done_on,
                c.person_id,
                c.evidence_id,
                c.note,
                c.file_name,
                c.size,
                c.sha256,
                c.created_at
            ],
        )?;
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
