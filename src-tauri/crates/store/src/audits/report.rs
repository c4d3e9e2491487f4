//! `audit_report`: the issued report, approved once and then a record (the store refuses
//! changes; triggers in the file refuse them too).

use ready20k_domain::audits::{
    AuditReport, AuditStatus, LineResult, ReportFinding, check_independence, report_body,
};
use rusqlite::{Connection, OptionalExtension, params};

use super::{get_audit, list_lines, not_approved, today};
use crate::Project;
use crate::journal::write_in;
use crate::register_error::{RegisterError, RegisterResult, known_person};
use crate::rows;

const COLUMNS: &str =
    "audit_id, version, summary, body, issued_at, issued_by, approved_at, approved_by";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditReport> {
    Ok(AuditReport {
        audit_id: r.get(0)?,
        version: r.get(1)?,
        summary: r.get(2)?,
        body: r.get(3)?,
        issued_at: r.get(4)?,
        issued_by: r.get(5)?,
        approved_at: r.get(6)?,
        approved_by: r.get(7)?,
    })
}

/// Every issued report, by audit id.
pub fn list_reports(conn: &Connection) -> RegisterResult<Vec<AuditReport>> {
    Ok(rows::all(
        conn,
        &format!("SELECT {COLUMNS} FROM audit_report ORDER BY audit_id"),
        [],
        row,
    )?)
}

/// The report of audit `audit_id`, if issued.
pub fn get_report(conn: &Connection, audit_id: i64) -> RegisterResult<Option<AuditReport>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM audit_report WHERE audit_id = ?1"),
            [audit_id],
            row,
        )
        .optional()?)
}

/// Issues (or, before approval, re-issues) the report of an audit in progress: freezes the
/// checklist's results and findings into the report body, records the date performed (today
/// unless set) and marks the audit reported.
pub fn issue_report(
    p: &mut Project,
    audit_id: i64,
    summary: &str,
    issued_by: Option<i64>,
) -> RegisterResult<AuditReport> {
    let now = p.now();
    let mut a = get_audit(p.conn(), audit_id)?;
    not_approved(p.conn(), audit_id)?;
    if a.status == AuditStatus::Planned {
        return Err(RegisterError::refused(
            "audit_not_started",
            "Start the audit and work through its checklist before issuing the report.",
        ));
    }
    let summary = summary.trim();
    if summary.is_empty() {
        return Err(RegisterError::refused(
            "report_summary_required",
            "Write the audit's conclusion in a few sentences.",
        ));
    }
    let data = crate::wizard::load(p.conn())?;
    let ind = check_independence(&data, &a);
    if !ind.is_acceptable() {
        return Err(RegisterError::refused("audit_not_independent", ind.message));
    }
    let lines = list_lines(p.conn(), audit_id)?;
    if lines.iter().all(|l| l.result == LineResult::NotChecked) {
        return Err(RegisterError::refused(
            "checklist_empty",
            "No checklist line has a result yet: audit before reporting.",
        ));
    }
    a.performed_on = a.performed_on.or_else(|| Some(today(p).to_string()));
    let actions = crate::assessment::actions::list_actions(p.conn())?;
    let findings: Vec<ReportFinding<'_>> = lines
        .iter()
        .filter_map(|l| {
            Some(ReportFinding {
                line: l,
                grade: l.result.grade()?,
                action: actions.iter().find(|x| Some(x.id) == l.action_id),
            })
        })
        .collect();
    let mut auditors: Vec<String> = a
        .auditor_ids
        .iter()
        .filter_map(|id| data.person(*id).map(|x| x.name.clone()))
        .collect();
    if !a.external_auditor.is_empty() {
        auditors.push(a.external_auditor.clone());
    }
    let body = report_body(&a, &auditors, &lines, &findings, summary);
    let version = get_report(p.conn(), audit_id)?.map_or(1, |r| r.version + 1);
    write_in::<_, RegisterError>(p.conn_mut(), &now, "audit_report_issued", |tx| {
        known_person(tx, issued_by)?;
        tx.execute(
            "INSERT INTO audit_report (audit_id, version, summary, body, issued_at, issued_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (audit_id) DO UPDATE SET version = excluded.version,
                 summary = excluded.summary, body = excluded.body,
                 issued_at = excluded.issued_at, issued_by = excluded.issued_by",
            params![audit_id, version, summary, body, now, issued_by],
        )?;
        tx.execute(
            "UPDATE audit SET status = 'reported', performed_on = ?2, updated_at = ?3
             WHERE id = ?1",
            params![audit_id, a.performed_on, now],
        )?;
        Ok(((), format!("{audit_id} v{version}")))
    })?;
    get_report(p.conn(), audit_id)?.ok_or_else(|| super::not_found(audit_id))
}

/// Approves an issued report. The approver must be on the people list and hold top management
/// or SMS manager (the management the results are reported to). From then on the report, its
/// audit and its checklist never change. The approved report becomes evidence for the 9.2
/// questions (one evidence item per audit, updated for a later version).
pub fn approve_report(
    p: &mut Project,
    audit_id: i64,
    approved_by: i64,
) -> RegisterResult<AuditReport> {
    let now = p.now();
    let Some(r) = get_report(p.conn(), audit_id)? else {
        return Err(RegisterError::refused(
            "report_not_issued",
            "Issue the report before approving it.",
        ));
    };
    not_approved(p.conn(), audit_id)?;
    let data = crate::wizard::load(p.conn())?;
    let management = ["ROLE-TM", "ROLE-SMSM"].iter().any(|role| {
        data.assignment(role)
            .is_some_and(|a| a.holders.contains(&approved_by))
    });
    if !management {
        return Err(RegisterError::refused(
            "approver_not_management",
            "The report is approved by top management or the SMS manager (the management \
             audit results are reported to).",
        ));
    }
    write_in::<_, RegisterError>(p.conn_mut(), &now, "audit_report_approved", |tx| {
        known_person(tx, Some(approved_by))?;
        tx.execute(
            "UPDATE audit_report SET approved_at = ?2, approved_by = ?3 WHERE audit_id = ?1",
            params![audit_id, now, approved_by],
        )?;
        let approved = AuditReport {
            approved_at: Some(now.clone()),
            approved_by: Some(approved_by),
            ..r.clone()
        };
        let title = tx.query_row("SELECT title FROM audit WHERE id = ?1", [audit_id], |x| {
            x.get::<_, String>(0)
        })?;
        super::evidence::link_report(tx, &approved, &title)?;
        Ok(((), format!("{audit_id} v{}", r.version)))
    })?;
    get_report(p.conn(), audit_id)?.ok_or_else(|| super::not_found(audit_id))
}
