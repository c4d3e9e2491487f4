//! The audit tables in the project snapshot: `export_audits` reads them in key order,
//! `import_audits` writes them back with their ids (into a fresh, migrated file, after the
//! people, services and actions).

use ready20k_domain::snapshot::{
    AuditLineSnap, AuditProgrammeSnap, AuditReportSnap, AuditSnap, AuditsSnap, NonconformitySnap,
};
use rusqlite::{Connection, params};

use crate::table_row::{self, table_row};
use crate::{Result, rows};

// The programme is one row (`id` is always 1: the first row of the table).
table_row!(
    AuditProgrammeSnap,
    "audit_programme",
    "id",
    [cycle_start, target_date, notes, generated_at, updated_at]
);
table_row!(
    AuditLineSnap,
    "audit_line",
    "id",
    [
        id,
        audit_id,
        position,
        clause,
        question_id,
        prompt,
        sampling,
        result,
        evidence_refs,
        notes,
        action_id
    ]
);
table_row!(
    AuditReportSnap,
    "audit_report",
    "audit_id",
    [
        audit_id,
        version,
        summary,
        body,
        issued_at,
        issued_by,
        approved_at,
        approved_by
    ]
);

/// Reads every audit table and the nonconformity columns of the action register.
pub fn export_audits(conn: &Connection) -> Result<AuditsSnap> {
    let programme = table_row::export(conn)?.pop();
    let mut audits = rows::all(
        conn,
        "SELECT id, cycle, title, areas, clauses, processes, planned_on, performed_on,
                external_auditor, plan, status, mitigation, created_at, updated_at
         FROM audit ORDER BY id",
        [],
        |r| {
            Ok(AuditSnap {
                id: r.get(0)?,
                cycle: r.get(1)?,
                title: r.get(2)?,
                areas: super::audit::json(&r.get::<_, String>(3)?)?,
                clauses: super::audit::json(&r.get::<_, String>(4)?)?,
                processes: super::audit::json(&r.get::<_, String>(5)?)?,
                planned_on: r.get(6)?,
                performed_on: r.get(7)?,
                external_auditor: r.get(8)?,
                plan: r.get(9)?,
                status: r.get(10)?,
                mitigation: r.get(11)?,
                auditor_ids: Vec::new(),
                service_ids: Vec::new(),
                created_at: r.get(12)?,
                updated_at: r.get(13)?,
            })
        },
    )?;
    for a in &mut audits {
        (a.auditor_ids, a.service_ids) = super::audit::linked_ids(conn, a.id)?;
    }
    let lines = table_row::export(conn)?;
    let reports = table_row::export(conn)?;
    let nonconformities = rows::all(
        conn,
        "SELECT id, nc_grade, requirement, nc_evidence, verified_on, verified_by, closed_on
         FROM action
         WHERE nc_grade IS NOT NULL OR requirement <> '' OR nc_evidence <> ''
            OR verified_on IS NOT NULL OR verified_by IS NOT NULL OR closed_on IS NOT NULL
         ORDER BY id",
        [],
        |r| {
            Ok(NonconformitySnap {
                action_id: r.get(0)?,
                grade: r.get(1)?,
                requirement: r.get(2)?,
                evidence: r.get(3)?,
                verified_on: r.get(4)?,
                verified_by: r.get(5)?,
                closed_on: r.get(6)?,
            })
        },
    )?;
    Ok(AuditsSnap {
        programme,
        audits,
        lines,
        reports,
        nonconformities,
    })
}

/// Writes the audit tables and the nonconformity columns (people, services and actions in
/// place).
pub fn import_audits(conn: &Connection, s: &AuditsSnap) -> Result<()> {
    if let Some(g) = &s.programme {
        table_row::import(conn, std::slice::from_ref(g))?;
    }
    for a in &s.audits {
        super::audit::write(conn, a)?;
    }
    table_row::import(conn, &s.lines)?;
    table_row::import(conn, &s.reports)?;
    for n in &s.nonconformities {
        conn.execute(
            "UPDATE action SET nc_grade = ?2, requirement = ?3, nc_evidence = ?4,
                 verified_on = ?5, verified_by = ?6, closed_on = ?7
             WHERE id = ?1",
            params![
                n.action_id,
                n.grade,
                n.requirement,
                n.evidence,
                n.verified_on,
                n.verified_by,
                n.closed_on
            ],
        )?;
    }
    Ok(())
}
