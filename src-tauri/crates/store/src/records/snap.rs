//! The operating records' rows in the project snapshot: `export_*` reads them in key order,
//! `import_*` writes them back with their ids (into a fresh, migrated file). The issued service
//! reports' rows are read and written by their own module.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ready20k_domain::snapshot::{
    RecordServiceMapSnap, RecordSettingsSnap, RecordSourceSnap, RecordsSnap, ServiceLevelSnap,
    ServiceLevelTargetSnap, TicketSnap,
};
use rusqlite::{Connection, OptionalExtension, params};

use crate::rows;
use crate::{Result, StoreError};

/// Reads every operating-records table.
pub fn export_records(conn: &Connection) -> Result<RecordsSnap> {
    let settings = conn
        .query_row(
            "SELECT business_hours, updated_at FROM record_settings WHERE id = 1",
            [],
            |r| {
                Ok(RecordSettingsSnap {
                    business_hours: r.get(0)?,
                    updated_at: r.get(1)?,
                })
            },
        )
        .optional()?;
    let service_levels = rows::all(
        conn,
        "SELECT service_id, availability_pct, fulfilment_min, fulfilment_clock, note, updated_at
         FROM service_level ORDER BY service_id",
        [],
        |r| {
            Ok(ServiceLevelSnap {
                service_id: r.get(0)?,
                availability_pct: r.get(1)?,
                fulfilment_min: r.get(2)?,
                fulfilment_clock: r.get(3)?,
                note: r.get(4)?,
                updated_at: r.get(5)?,
            })
        },
    )?;
    let service_level_targets = rows::all(
        conn,
        "SELECT service_id, priority, response_min, resolution_min, clock
         FROM service_level_target ORDER BY service_id, priority",
        [],
        |r| {
            Ok(ServiceLevelTargetSnap {
                service_id: r.get(0)?,
                priority: r.get(1)?,
                response_min: r.get(2)?,
                resolution_min: r.get(3)?,
                clock: r.get(4)?,
            })
        },
    )?;
    let service_map = rows::all(
        conn,
        "SELECT source, value, service_id FROM record_service_map ORDER BY source, value",
        [],
        |r| {
            Ok(RecordServiceMapSnap {
                source: r.get(0)?,
                value: r.get(1)?,
                service_id: r.get(2)?,
            })
        },
    )?;
    let sources = rows::all(
        conn,
        "SELECT id, source, file_name, size, sha256, bytes, imported_at, rows_read, rows_added,
                rows_updated, rows_rejected
         FROM record_source ORDER BY id",
        [],
        |r| {
            Ok(RecordSourceSnap {
                id: r.get(0)?,
                source: r.get(1)?,
                file_name: r.get(2)?,
                size: r.get(3)?,
                sha256: r.get(4)?,
                content_base64: STANDARD.encode(r.get::<_, Vec<u8>>(5)?),
                imported_at: r.get(6)?,
                rows_read: r.get(7)?,
                rows_added: r.get(8)?,
                rows_updated: r.get(9)?,
                rows_rejected: r.get(10)?,
            })
        },
    )?;
    let tickets = rows::all(
        conn,
        "SELECT id, source, external_id, source_file_id, kind, service_value, service_id,
                priority, opened, responded, resolved, requester, approver, implementer,
                change_type, outcome, title, status, self_approved, month, response_s,
                response_bs, resolution_s, resolution_bs
         FROM ticket ORDER BY id",
        [],
        |r| {
            Ok(TicketSnap {
                id: r.get(0)?,
                source: r.get(1)?,
                external_id: r.get(2)?,
                source_file_id: r.get(3)?,
                kind: r.get(4)?,
                service_value: r.get(5)?,
                service_id: r.get(6)?,
                priority: r.get(7)?,
                opened: r.get(8)?,
                responded: r.get(9)?,
                resolved: r.get(10)?,
                requester: r.get(11)?,
                approver: r.get(12)?,
                implementer: r.get(13)?,
                change_type: r.get(14)?,
                outcome: r.get(15)?,
                title: r.get(16)?,
                status: r.get(17)?,
                self_approved: r.get(18)?,
                month: r.get(19)?,
                response_s: r.get(20)?,
                response_bs: r.get(21)?,
                resolution_s: r.get(22)?,
                resolution_bs: r.get(23)?,
            })
        },
    )?;
    Ok(RecordsSnap {
        settings,
        service_levels,
        service_level_targets,
        service_map,
        sources,
        tickets,
        service_reports: super::issued::export_service_reports(conn)?,
    })
}

/// Writes every operating-records table (services must already be in place). The derived
/// ticket columns are carried as exported: the business hours travel with them.
pub fn import_records(conn: &Connection, s: &RecordsSnap) -> Result<()> {
    if let Some(st) = &s.settings {
        conn.execute(
            "INSERT INTO record_settings (id, business_hours, updated_at) VALUES (1, ?1, ?2)",
            params![st.business_hours, st.updated_at],
        )?;
    }
    for l in &s.service_levels {
        conn.execute(
            "INSERT INTO service_level (service_id, availability_pct, fulfilment_min,
                 fulfilment_clock, note, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                l.service_id,
                l.availability_pct,
                l.fulfilment_min,
                l.fulfilment_clock,
                l.note,
                l.updated_at
            ],
        )?;
    }
    for t in &s.service_level_targets {
        conn.execute(
            "INSERT INTO service_level_target (service_id, priority, response_min,
                 resolution_min, clock) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                t.service_id,
                t.priority,
                t.response_min,
                t.resolution_min,
                t.clock
            ],
        )?;
    }
    for m in &s.service_map {
        conn.execute(
            "INSERT INTO record_service_map (source, value, service_id) VALUES (?1, ?2, ?3)",
            params![m.source, m.value, m.service_id],
        )?;
    }
    for f in &s.sources {
        let bytes = STANDARD
            .decode(&f.content_base64)
            .map_err(|e| StoreError::FileRefused(format!("bad base64: {e}")))?;
        conn.execute(
            "INSERT INTO record_source (id, source, file_name, size, sha256, bytes, imported_at,
                 rows_read, rows_added, rows_updated, rows_rejected)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                f.id,
                f.source,
                f.file_name,
                f.size,
                f.sha256,
                bytes,
                f.imported_at,
                f.rows_read,
                f.rows_added,
                f.rows_updated,
                f.rows_rejected
            ],
        )?;
    }
    for t in &s.tickets {
        conn.execute(
            "INSERT INTO ticket (id, source, external_id, source_file_id, kind, service_value,
                 service_id, priority, opened, responded, resolved, requester, approver,
                 implementer, change_type, outcome, title, status, self_approved, month,
                 response_s, response_bs, resolution_s, resolution_bs)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
            params![
                t.id,
                t.source,
                t.external_id,
                t.source_file_id,
                t.kind,
                t.service_value,
                t.service_id,
                t.priority,
                t.opened,
                t.responded,
                t.resolved,
                t.requester,
                t.approver,
                t.implementer,
                t.change_type,
                t.outcome,
                t.title,
                t.status,
                t.self_approved,
                t.month,
                t.response_s,
                t.response_bs,
                t.resolution_s,
                t.resolution_bs
            ],
        )?;
    }
    super::issued::import_service_reports(conn, &s.service_reports)
}
