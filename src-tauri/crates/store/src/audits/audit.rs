//! `audit`, `audit_auditor`, `audit_service`: the audits of the programme.

use ready20k_domain::audits::{Audit, AuditStatus};
use ready20k_domain::snapshot::AuditSnap;
use ready20k_domain::wizard::processes::process;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{not_approved, not_found};
use crate::Project;
use crate::journal::write_in;
use crate::register_error::{RegisterError, RegisterResult, known_person};
use crate::rows;

const COLUMNS: &str = "id, cycle, title, areas, clauses, processes, planned_on, performed_on, \
                       external_auditor, plan, status, mitigation";

pub(super) fn json(text: &str) -> rusqlite::Result<Vec<String>> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Audit> {
    let status: String = r.get(10)?;
    Ok(Audit {
        id: r.get(0)?,
        cycle: r.get(1)?,
        title: r.get(2)?,
        areas: json(&r.get::<_, String>(3)?)?,
        clauses: json(&r.get::<_, String>(4)?)?,
        processes: json(&r.get::<_, String>(5)?)?,
        services: Vec::new(),
        planned_on: r.get(6)?,
        performed_on: r.get(7)?,
        auditor_ids: Vec::new(),
        external_auditor: r.get(8)?,
        plan: r.get(9)?,
        status: AuditStatus::parse(&status).unwrap_or_default(),
        mitigation: r.get(11)?,
    })
}

/// The auditor (person) ids and service ids linked to audit `id`, each in id order: the one
/// read of the audit's link tables, for the register and the snapshot.
pub(crate) fn linked_ids(conn: &Connection, id: i64) -> crate::Result<(Vec<i64>, Vec<i64>)> {
    let auditors = rows::all(
        conn,
        "SELECT person_id FROM audit_auditor WHERE audit_id = ?1 ORDER BY person_id",
        [id],
        |r| r.get(0),
    )?;
    let services = rows::all(
        conn,
        "SELECT service_id FROM audit_service WHERE audit_id = ?1 ORDER BY service_id",
        [id],
        |r| r.get(0),
    )?;
    Ok((auditors, services))
}

fn links(conn: &Connection, mut a: Audit) -> RegisterResult<Audit> {
    (a.auditor_ids, a.services) = linked_ids(conn, a.id)?;
    Ok(a)
}

/// Every audit with its auditors and services, by planned date.
pub fn list_audits(conn: &Connection) -> RegisterResult<Vec<Audit>> {
    rows::all(
        conn,
        &format!("SELECT {COLUMNS} FROM audit ORDER BY planned_on, id"),
        [],
        row,
    )?
    .into_iter()
    .map(|a| links(conn, a))
    .collect()
}

/// One audit.
pub fn get_audit(conn: &Connection, id: i64) -> RegisterResult<Audit> {
    let a = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM audit WHERE id = ?1"),
            [id],
            row,
        )
        .optional()?
        .ok_or_else(|| not_found(id))?;
    links(conn, a)
}

fn invalid(code: &'static str, message: &str) -> RegisterError {
    RegisterError::refused(code, message)
}

/// Checks and trims an audit's fields.
fn clean(a: &Audit) -> RegisterResult<Audit> {
    let lib = crate::assessment::library()?;
    let mut c = a.clone();
    c.title = a.title.trim().to_owned();
    if c.title.is_empty() {
        return Err(invalid("audit_title_required", "Give the audit a title."));
    }
    c.planned_on = crate::assessment::date(Some(&a.planned_on), "planned date")?
        .ok_or_else(|| invalid("audit_date_required", "Give the audit a planned date."))?;
    c.performed_on = crate::assessment::date(a.performed_on.as_deref(), "date performed")?;
    if c.clauses.is_empty() {
        return Err(invalid(
            "audit_scope_required",
            "Give the audit its scope: at least one clause.",
        ));
    }
    if let Some(bad) = c.clauses.iter().find(|x| lib.clause(x).is_none()) {
        return Err(RegisterError::refused(
            "unknown_clause",
            format!("There is no clause {bad} in clauses 4 to 10."),
        ));
    }
    if let Some(bad) = c.processes.iter().find(|x| process(x).is_none()) {
        return Err(RegisterError::refused(
            "unknown_process",
            format!("There is no SMS process {bad}."),
        ));
    }
    c.cycle = a.cycle.max(1);
    c.external_auditor = a.external_auditor.trim().to_owned();
    c.plan = a.plan.trim().to_owned();
    c.mitigation = a.mitigation.trim().to_owned();
    c.auditor_ids.sort_unstable();
    c.auditor_ids.dedup();
    c.services.sort_unstable();
    c.services.dedup();
    Ok(c)
}

/// Writes `a` (id 0: a new row) with its links; returns its id.
pub(crate) fn put(tx: &Transaction<'_>, now: &str, a: &Audit) -> RegisterResult<i64> {
    for id in &a.auditor_ids {
        known_person(tx, Some(*id))?;
    }
    for s in &a.services {
        let n: i64 = tx.query_row("SELECT count(*) FROM service WHERE id = ?1", [s], |r| {
            r.get(0)
        })?;
        if n == 0 {
            return Err(RegisterError::refused(
                "unknown_service",
                format!("There is no service {s}; reload."),
            ));
        }
    }
    Ok(write(
        tx,
        &AuditSnap {
            id: a.id,
            cycle: i64::from(a.cycle),
            title: a.title.clone(),
            areas: a.areas.clone(),
            clauses: a.clauses.clone(),
            processes: a.processes.clone(),
            planned_on: a.planned_on.clone(),
            performed_on: a.performed_on.clone(),
            external_auditor: a.external_auditor.clone(),
            plan: a.plan.clone(),
            status: a.status.as_str().to_owned(),
            mitigation: a.mitigation.clone(),
            auditor_ids: a.auditor_ids.clone(),
            service_ids: a.services.clone(),
            created_at: now.to_owned(),
            updated_at: now.to_owned(),
        },
    )?)
}

/// Writes the `audit` row of `a` (id 0: a new row; an existing row keeps its `created_at`)
/// and replaces its auditor and service links; returns its id. Saving an audit and importing
/// a snapshot both write through here.
pub(crate) fn write(conn: &Connection, a: &AuditSnap) -> crate::Result<i64> {
    conn.execute(
        "INSERT INTO audit (id, cycle, title, areas, clauses, processes, planned_on, performed_on,
                            external_auditor, plan, status, mitigation, created_at, updated_at)
         VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (id) DO UPDATE SET cycle = excluded.cycle, title = excluded.title,
             areas = excluded.areas, clauses = excluded.clauses,
             processes = excluded.processes, planned_on = excluded.planned_on,
             performed_on = excluded.performed_on, external_auditor = excluded.external_auditor,
             plan = excluded.plan, status = excluded.status, mitigation = excluded.mitigation,
             updated_at = excluded.updated_at",
        params![
            a.id,
            a.cycle,
            a.title,
            serde_json::to_string(&a.areas)?,
            serde_json::to_string(&a.clauses)?,
            serde_json::to_string(&a.processes)?,
            a.planned_on,
            a.performed_on,
            a.external_auditor,
            a.plan,
            a.status,
            a.mitigation,
            a.created_at,
            a.updated_at
        ],
    )?;
    let id = if a.id == 0 {
        conn.last_insert_rowid()
    } else {
        a.id
    };
    conn.execute("DELETE FROM audit_auditor WHERE audit_id = ?1", [id])?;
    conn.execute("DELETE FROM audit_service WHERE audit_id = ?1", [id])?;
    for p in &a.auditor_ids {
        conn.execute(
            "INSERT INTO audit_auditor (audit_id, person_id) VALUES (?1, ?2)",
            [id, *p],
        )?;
    }
    for s in &a.service_ids {
        conn.execute(
            "INSERT INTO audit_service (audit_id, service_id) VALUES (?1, ?2)",
            [id, *s],
        )?;
    }
    Ok(id)
}

/// Inserts (`a.id == 0`) or updates an audit of the programme; returns it as stored.
///
/// The status is not changed here (starting the checklist and issuing the report do that); an
/// audit whose report is approved is a record and refuses every change.
pub fn save_audit(p: &mut Project, a: &Audit) -> RegisterResult<Audit> {
    let now = p.now();
    let mut c = clean(a)?;
    let conn = p.conn_mut();
    if c.id != 0 {
        let old = get_audit(conn, c.id)?;
        not_approved(conn, c.id)?;
        c.status = old.status;
        if old.status == AuditStatus::Reported {
            c.performed_on = c.performed_on.or(old.performed_on);
        }
    } else {
        c.status = AuditStatus::Planned;
    }
    let id = write_in::<_, RegisterError>(conn, &now, "audit_saved", |tx| {
        let id = put(tx, &now, &c)?;
        Ok((id, format!("{id} {}", c.title)))
    })?;
    get_audit(p.conn(), id)
}

/// Removes an audit that has no issued report, with its checklist (findings stay in the action
/// register).
pub fn delete_audit(p: &mut Project, id: i64) -> RegisterResult<Audit> {
    let now = p.now();
    let conn = p.conn_mut();
    let old = get_audit(conn, id)?;
    if super::report::get_report(conn, id)?.is_some() {
        return Err(RegisterError::refused(
            "audit_reported",
            "This audit has an issued report; it stays in the programme as a record.",
        ));
    }
    write_in::<_, RegisterError>(conn, &now, "audit_removed", |tx| {
        tx.execute("DELETE FROM audit WHERE id = ?1", [id])?;
        Ok(((), format!("{id} {}", old.title)))
    })?;
    Ok(old)
}
