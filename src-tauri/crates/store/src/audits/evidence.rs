//! An approved audit report as evidence (issue 13.5): the evidence register holds one dated
//! location per audit report, linked to the 9.2 questions an audit report evidences, so the
//! assessment and the verdict see the report as a record (see
//! [`crate::assessment::record_evidence`]).

use ready20k_domain::audits::AuditReport;
use rusqlite::Connection;

use crate::assessment::record_evidence::{RecordEvidence, link_record, questions_for};
use crate::register_error::RegisterResult;

/// Identifies an audit's report across versions (its evidence location before ` v{n}`).
fn location_stem(audit_id: i64) -> String {
    format!("Ready20k internal audit report {audit_id}")
}

/// The questions an audit report evidences: those of clause 9.2 whose records are the audit
/// programme or the audit results (not auditor competence, which a report does not show).
pub(crate) fn report_questions() -> RegisterResult<Vec<String>> {
    Ok(questions_for(
        &["9.2"],
        &["REC-AUDIT-PROGRAMME", "REC-AUDIT-RESULTS"],
    )?)
}

/// Adds (or, for a later version of the same audit's report, updates) the evidence item of an
/// approved report: title with the audit and approval date, the report's location, added at
/// the approval time and due for review a year after approval (the programme's yearly cycle),
/// linked to [`report_questions`]. Returns the evidence id. Runs inside the caller's
/// transaction.
pub(crate) fn link_report(
    conn: &Connection,
    report: &AuditReport,
    audit_title: &str,
) -> RegisterResult<i64> {
    let Some(approved_at) = report.approved_at.as_deref() else {
        return Err(crate::register_error::RegisterError::refused(
            "report_not_approved",
            "Only an approved audit report is evidence.",
        ));
    };
    let day = approved_at.get(..10).unwrap_or(approved_at);
    Ok(link_record(
        conn,
        &RecordEvidence {
            stem: location_stem(report.audit_id),
            version: report.version,
            title: format!(
                "Internal audit report: {audit_title} (v{}, approved {day})",
                report.version
            ),
            added_at: approved_at,
            questions: report_questions()?,
        },
    )?)
}
