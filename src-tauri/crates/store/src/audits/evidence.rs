//! An approved audit report as evidence (issue 13.5): the evidence register holds one dated
//! location per audit report, linked to the 9.2 questions an audit report evidences, so the
//! assessment and the verdict see the report as a record.

use ready20k_domain::audits::AuditReport;
use rusqlite::{Connection, OptionalExtension, params};

use crate::register_error::RegisterResult;

/// The evidence location of audit `audit_id`'s report at `version`; the part before the
/// version identifies the report's evidence item across versions.
pub(crate) fn location(audit_id: i64, version: u32) -> String {
    format!("{} v{version}", location_stem(audit_id))
}

fn location_stem(audit_id: i64) -> String {
    format!("Ready20k internal audit report {audit_id}")
}

/// The questions an audit report evidences: those of clause 9.2 whose records are the audit
/// programme or the audit results (not auditor competence, which a report does not show).
pub(crate) fn report_questions() -> RegisterResult<Vec<String>> {
    let lib = crate::assessment::library()?;
    Ok(lib
        .questions_for("9.2")
        .filter(|q| {
            q.documents
                .iter()
                .any(|d| d == "REC-AUDIT-PROGRAMME" || d == "REC-AUDIT-RESULTS")
        })
        .map(|q| q.id.clone())
        .collect())
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
    let review_on: Option<String> =
        conn.query_row("SELECT date(?1, '+1 year')", [day], |r| r.get(0))?;
    let title = format!(
        "Internal audit report: {audit_title} (v{}, approved {day})",
        report.version
    );
    let location = location(report.audit_id, report.version);
    let stem = format!("{} v", location_stem(report.audit_id));
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM evidence WHERE kind = 'location' AND substr(location, 1, ?2) = ?1
             ORDER BY id LIMIT 1",
            params![stem, i64::try_from(stem.len()).unwrap_or(i64::MAX)],
            |r| r.get(0),
        )
        .optional()?;
    let id = match existing {
        Some(id) => {
            conn.execute(
                "UPDATE evidence SET title = ?2, location = ?3, added_at = ?4, review_on = ?5,
                     expires_on = NULL
                 WHERE id = ?1",
                params![id, title, location, approved_at, review_on],
            )?;
            id
        }
        None => {
            conn.execute(
                "INSERT INTO evidence (kind, title, location, added_at, review_on)
                 VALUES ('location', ?1, ?2, ?3, ?4)",
                params![title, location, approved_at, review_on],
            )?;
            conn.last_insert_rowid()
        }
    };
    for q in report_questions()? {
        conn.execute(
            "INSERT OR IGNORE INTO evidence_question (evidence_id, question_id) VALUES (?1, ?2)",
            params![id, q],
        )?;
    }
    Ok(id)
}
