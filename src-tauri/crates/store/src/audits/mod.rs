//! `audit_programme`, `audit`, `audit_auditor`, `audit_service`, `audit_line`, `audit_report`
//! and the nonconformity columns of `action` (migration `0009_audits`): the internal audit
//! programme, its audits, checklists, findings and reports. The rules (programme, independence,
//! checklists, closure, views) are `ready20k_domain::audits`; this module owns the SQL. Every
//! write runs in one transaction and appends an `audit_*` journal entry.

mod audit;
mod evidence;
mod lines;
mod nc;
mod programme;
mod report;
mod snap;
#[cfg(test)]
mod tests;

pub use audit::{delete_audit, get_audit, list_audits, save_audit};
pub use lines::{link_finding, list_lines, record_line, start_audit};
pub use nc::{get_nc, list_ncs, save_nc};
pub use programme::{generate_programme, get_programme, update_programme};
pub use report::{approve_report, get_report, issue_report, list_reports};
pub use snap::{export_audits, import_audits};

use ready20k_domain::audits::{AuditRecords, AuditView, ProgrammeView, audit_view, programme_view};
use ready20k_domain::error::Refusal;
use rusqlite::Connection;

use crate::Project;
use crate::register_error::{RegisterError, RegisterResult};

/// A domain refusal as a register error.
pub(crate) fn refused(r: Refusal) -> RegisterError {
    RegisterError::refused(r.code, r.message)
}

/// Everything stored about audits, for the views.
pub fn records(conn: &Connection) -> RegisterResult<AuditRecords> {
    let lines = lines::all_lines(conn)?;
    let actions = crate::assessment::actions::list_actions(conn)?;
    let ncs = list_ncs(conn)?;
    let findings = lines
        .iter()
        .filter_map(|l| l.action_id)
        .filter_map(|id| {
            let a = actions.iter().find(|a| a.id == id)?;
            let nc = ncs.iter().find(|n| n.action_id == id).cloned().unwrap_or(
                ready20k_domain::audits::Nonconformity {
                    action_id: id,
                    ..Default::default()
                },
            );
            Some((a.clone(), nc))
        })
        .collect();
    Ok(AuditRecords {
        programme: get_programme(conn)?,
        audits: list_audits(conn)?,
        lines,
        reports: list_reports(conn)?,
        findings,
    })
}

/// The programme screen.
pub fn view_programme(p: &Project) -> RegisterResult<ProgrammeView> {
    let lib = crate::assessment::library()?;
    let data = crate::wizard::load(p.conn())?;
    Ok(programme_view(lib, &data, &records(p.conn())?))
}

/// The screen of audit `id`.
pub fn view_audit(p: &Project, id: i64) -> RegisterResult<AuditView> {
    let data = crate::wizard::load(p.conn())?;
    audit_view(&data, &records(p.conn())?, id).ok_or_else(|| not_found(id))
}

/// The audit facts for the verdict (programme, audits performed, clauses not covered).
pub fn facts(conn: &Connection) -> RegisterResult<ready20k_domain::scoring::AuditFacts> {
    let lib = crate::assessment::library()?;
    Ok(ready20k_domain::audits::audit_facts(
        lib,
        get_programme(conn)?.as_ref(),
        &list_audits(conn)?,
    ))
}

pub(crate) fn not_found(id: i64) -> RegisterError {
    RegisterError::not_found(
        "audit_not_found",
        format!("There is no audit {id}; reload."),
    )
}

/// Refuses a change to an audit whose report is approved (a record).
pub(crate) fn not_approved(conn: &Connection, audit_id: i64) -> RegisterResult<()> {
    if report::get_report(conn, audit_id)?.is_some_and(|r| r.approved_at.is_some()) {
        return Err(RegisterError::refused(
            "audit_report_approved",
            "This audit's report is approved: it is a record and cannot change. Plan a \
             follow-up audit instead.",
        ));
    }
    Ok(())
}

/// Today's date from the project's clock.
pub(crate) fn today(p: &Project) -> chrono::NaiveDate {
    p.clock().now().date_naive()
}
