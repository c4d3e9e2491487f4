//! Importing a service-desk export: preview, then write the tickets and keep the file.
//!
//! The re-import key is the source (preset) and the tool's ticket id: a ticket seen before is
//! updated when the tool's export says something new about it (a later status, a resolution
//! time) and otherwise left alone, so the same or an overlapping export adds nothing twice.

use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, Utc};
use ready20k_domain::records::{
    DayWindows, ImportContext, ImportPreview, Preset, RecordSourceView, Ticket, WorkCalendar,
    parse_export,
};
use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::levels::{Derived, calendar};
use super::{RecordsError, Result};
use crate::Project;
use crate::journal::write_in;

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The export format.
    pub preset: Preset,
    /// The file's name, kept with it.
    pub file_name: String,
    /// Import the good rows when some are rejected (default: all or nothing).
    pub skip_bad_rows: bool,
    /// Choices for the tool's service values (catalogue id, or `None` for no service); saved
    /// and reused by later imports from the same tool.
    pub service_map: BTreeMap<String, Option<i64>>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOutcome {
    /// The preview the import was made from (without the tickets).
    pub preview: ImportPreview,
    /// The kept source file.
    pub source_id: i64,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// Tickets new to the project.
    pub added: u64,
    /// Tickets already imported that the file changed.
    pub updated: u64,
    /// Tickets already imported and unchanged.
    pub unchanged: u64,
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn catalogue(conn: &Connection) -> Result<Vec<(i64, String)>> {
    Ok(conn
        .prepare("SELECT id, name FROM service ORDER BY position, id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?)
}

fn saved_map(
    conn: &Connection,
    preset: Preset,
    overrides: &BTreeMap<String, Option<i64>>,
) -> Result<BTreeMap<String, Option<i64>>> {
    let mut map: BTreeMap<String, Option<i64>> = conn
        .prepare("SELECT value, service_id FROM record_service_map WHERE source = ?1")?
        .query_map([preset.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    map.extend(overrides.iter().map(|(k, v)| (k.clone(), *v)));
    Ok(map)
}

fn read(
    conn: &Connection,
    bytes: &[u8],
    preset: Preset,
    overrides: &BTreeMap<String, Option<i64>>,
) -> Result<(ImportPreview, WorkCalendar)> {
    let cal = calendar(conn)?;
    let services = catalogue(conn)?;
    for id in overrides.values().flatten() {
        if !services.iter().any(|(s, _)| s == id) {
            return Err(RecordsError::UnknownService(*id));
        }
    }
    let map = saved_map(conn, preset, overrides)?;
    let preview = parse_export(
        bytes,
        &ImportContext {
            preset,
            calendar: cal,
            services: &services,
            service_map: &map,
        },
    )?;
    Ok((preview, cal))
}

/// Reads `bytes` as a `preset` export and returns the preview (nothing is written).
pub fn preview(
    conn: &Connection,
    bytes: &[u8],
    preset: Preset,
    service_map: &BTreeMap<String, Option<i64>>,
) -> Result<ImportPreview> {
    let (mut p, _) = read(conn, bytes, preset, service_map)?;
    p.tickets = Vec::new();
    Ok(p)
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

const COLUMNS: &str = "source_file_id, kind, service_value, service_id, priority, opened, \
    responded, resolved, requester, approver, implementer, change_type, outcome, title, status, \
    self_approved, month, response_s, response_bs, resolution_s, resolution_bs";

/// Turns SQLite's CHECK constraints off on a connection until dropped.
///
/// The `ticket` table's CHECKs are `IN (...)` lists, which SQLite evaluates by filling four
/// temporary b-trees on every execution of an insert: more than half of the time of a large
/// import. The rows [`write_tickets`] writes come from the domain's typed values (enums,
/// non-empty ids, booleans), so those checks cannot fail there. The guard must outlive the
/// statements' last use: setting the pragma expires every prepared statement, and one used
/// after that is prepared again with the checks.
struct ChecksOff<'c>(&'c Connection);

impl<'c> ChecksOff<'c> {
    fn new(conn: &'c Connection) -> rusqlite::Result<Self> {
        conn.pragma_update(None, "ignore_check_constraints", true)?;
        Ok(Self(conn))
    }
}

impl Drop for ChecksOff<'_> {
    fn drop(&mut self) {
        // Cannot fail for a valid pragma on an open connection; nothing to report in drop.
        let _ = self
            .0
            .pragma_update(None, "ignore_check_constraints", false);
    }
}

/// Writes the tickets; returns (added, updated, unchanged).
fn write_tickets(
    tx: &Transaction<'_>,
    source: Preset,
    source_id: i64,
    tickets: &[Ticket],
    cal: &WorkCalendar,
) -> Result<(u64, u64, u64)> {
    let checks_off = ChecksOff::new(tx)?;
    let mut insert = tx.prepare(&format!(
        "INSERT OR IGNORE INTO ticket (source, external_id, {COLUMNS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23)"
    ))?;
    let mut update = tx.prepare(
        "UPDATE ticket SET source_file_id = ?3, kind = ?4, service_value = ?5, service_id = ?6,
             priority = ?7, opened = ?8, responded = ?9, resolved = ?10, requester = ?11,
             approver = ?12, implementer = ?13, change_type = ?14, outcome = ?15, title = ?16,
             status = ?17, self_approved = ?18, month = ?19, response_s = ?20,
             response_bs = ?21, resolution_s = ?22, resolution_bs = ?23
         WHERE source = ?1 AND external_id = ?2
           AND (kind, service_value, service_id, priority, opened, responded, resolved,
                requester, approver, implementer, change_type, outcome, title, status)
               IS NOT (?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    let (mut added, mut updated, mut unchanged) = (0, 0, 0);
    let mut memo = DayWindows::new(cal);
    for t in tickets {
        let d = Derived::new(&mut memo, t.opened, t.responded, t.resolved);
        let values = params![
            source.as_str(),
            t.external_id,
            source_id,
            t.kind.as_str(),
            t.service_value,
            t.service_id,
            t.priority.map(|p| p.as_str()),
            time(t.opened),
            t.responded.map(time),
            t.resolved.map(time),
            t.requester,
            t.approver,
            t.implementer,
            t.change_type.map(|c| c.as_str()),
            t.outcome.map(|o| o.as_str()),
            t.title,
            t.status,
            t.self_approved(),
            d.month,
            d.response.map(|e| e[0]),
            d.response.map(|e| e[1]),
            d.resolution.map(|e| e[0]),
            d.resolution.map(|e| e[1]),
        ];
        if insert.execute(values)? == 1 {
            added += 1;
        } else if update.execute(values)? == 1 {
            updated += 1;
        } else {
            unchanged += 1;
        }
    }
    drop((insert, update));
    drop(checks_off);
    Ok((added, updated, unchanged))
}

/// Imports a `opts.preset` export: all or nothing unless `opts.skip_bad_rows`. The file is kept
/// in the project with its SHA-256; the service choices are remembered.
pub fn import_export(p: &mut Project, bytes: &[u8], opts: &ImportOptions) -> Result<ImportOutcome> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let (mut preview, cal) = read(conn, bytes, opts.preset, &opts.service_map)?;
    if let Some(first) = preview.rejected.first()
        && !opts.skip_bad_rows
    {
        return Err(RecordsError::RowsRejected {
            count: preview.summary.rejected,
            first: Box::new(first.clone()),
        });
    }
    if preview.tickets.is_empty() {
        return Err(RecordsError::NothingToImport);
    }
    let tickets = std::mem::take(&mut preview.tickets);
    let sha256 = sha256_hex(bytes);
    let file_name = opts.file_name.trim().to_owned();
    write_in(conn, now, "records_imported", |tx| {
        tx.execute(
            "INSERT INTO record_source (source, file_name, size, sha256, bytes, imported_at,
                 rows_read, rows_added, rows_updated, rows_rejected)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, 0, ?8)",
            params![
                opts.preset.as_str(),
                file_name,
                bytes.len() as i64,
                sha256,
                bytes,
                now,
                preview.summary.rows as i64,
                preview.summary.rejected as i64
            ],
        )?;
        let source_id = tx.last_insert_rowid();
        {
            let mut remember = tx.prepare(
                "INSERT INTO record_service_map (source, value, service_id) VALUES (?1, ?2, ?3)
                 ON CONFLICT(source, value) DO UPDATE SET service_id = ?3",
            )?;
            for (value, service) in &opts.service_map {
                remember.execute(params![opts.preset.as_str(), value, service])?;
            }
        }
        let (added, updated, unchanged) =
            write_tickets(tx, opts.preset, source_id, &tickets, &cal)?;
        tx.execute(
            "UPDATE record_source SET rows_added = ?2, rows_updated = ?3 WHERE id = ?1",
            params![source_id, added as i64, updated as i64],
        )?;
        let detail = format!(
            "{} {file_name} sha256 {sha256}: {added} added, {updated} updated, {unchanged} \
             unchanged, {} rejected",
            opts.preset.as_str(),
            preview.summary.rejected
        );
        Ok((
            ImportOutcome {
                preview: preview.clone(),
                source_id,
                sha256: sha256.clone(),
                added,
                updated,
                unchanged,
            },
            detail,
        ))
    })
}

/// The imported files, oldest first (without their bytes).
pub fn list_sources(conn: &Connection) -> Result<Vec<RecordSourceView>> {
    Ok(conn
        .prepare(
            "SELECT id, source, file_name, size, sha256, imported_at, rows_read, rows_added,
                 rows_updated, rows_rejected FROM record_source ORDER BY id",
        )?
        .query_map([], |r| {
            Ok(RecordSourceView {
                id: r.get(0)?,
                source: r.get(1)?,
                file_name: r.get(2)?,
                size: r.get(3)?,
                sha256: r.get(4)?,
                imported_at: r.get(5)?,
                rows_read: r.get(6)?,
                rows_added: r.get(7)?,
                rows_updated: r.get(8)?,
                rows_rejected: r.get(9)?,
            })
        })?
        .collect::<Result<_, _>>()?)
}
