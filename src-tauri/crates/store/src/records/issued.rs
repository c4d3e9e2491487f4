//! Issued monthly service reports (migration `0013_service_reports`): issuing a report stores
//! its PDF, SHA-256 and figures as an append-only record and links it as evidence to the 8.3.3
//! and 9.4 questions. A re-issue of the same service and month is the next version; the
//! triggers refuse any change to an issued row.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ready20k_domain::records::{
    IssuedReport, ReportFigures, ReportRenderer, ReportRequest, ServiceReportsView,
};
use ready20k_domain::snapshot::ServiceReportSnap;
use rusqlite::{Connection, OptionalExtension, Row, params};
use sha2::{Digest, Sha256};

use super::{RecordsError, Result};
use crate::assessment::record_evidence::{RecordEvidence, link_record, questions_for};
use crate::journal::write_in;
use crate::{Project, rows};

/// Identifies the reports of one service and month across versions (evidence location
/// before ` v{n}`).
fn location_stem(service_id: i64, month: &str) -> String {
    format!("Ready20k monthly service report {service_id} {month}")
}

/// The questions an issued service report evidences: those of 8.3.3 (service level
/// management) and 9.4 (service reporting) whose records are SLA or service reports.
fn report_questions() -> Result<Vec<String>> {
    Ok(questions_for(
        &["8.3.3", "9.4"],
        &["REC-SLA-REPORTS", "REC-SERVICE-REPORTS"],
    )?)
}

const COLUMNS: &str = "id, service_id, service_name, month, version, issued_on, issued_by, \
    issued_by_name, issued_at, pages, size, sha256, evidence_id";

fn issued(r: &Row<'_>) -> rusqlite::Result<IssuedReport> {
    Ok(IssuedReport {
        id: r.get(0)?,
        service_id: r.get(1)?,
        service: r.get(2)?,
        month: r.get(3)?,
        version: r.get(4)?,
        issued_on: r.get(5)?,
        issued_by: r.get(6)?,
        issued_by_name: r.get(7)?,
        issued_at: r.get(8)?,
        pages: r.get(9)?,
        size: r.get(10)?,
        sha256: r.get(11)?,
        evidence_id: r.get(12)?,
    })
}

/// Every issued report, newest month first, then by service and newest version first.
pub fn list_service_reports(conn: &Connection) -> Result<Vec<IssuedReport>> {
    Ok(rows::all(
        conn,
        &format!(
            "SELECT {COLUMNS} FROM service_report
             ORDER BY month DESC, service_name, version DESC"
        ),
        [],
        issued,
    )?)
}

/// The issued reports, the current people who may issue one and the months with records.
pub fn service_reports_view(conn: &Connection) -> Result<ServiceReportsView> {
    let data = crate::wizard::load(conn)?;
    Ok(ServiceReportsView {
        reports: list_service_reports(conn)?,
        people: ready20k_domain::screens::people(&data),
        months: rows::all(
            conn,
            "SELECT DISTINCT printf('%04d-%02d', month / 100, month % 100) FROM ticket
             ORDER BY 1 DESC",
            [],
            |r| r.get(0),
        )?,
    })
}

/// One issued report with its PDF.
pub fn service_report_pdf(conn: &Connection, id: i64) -> Result<(IssuedReport, Vec<u8>)> {
    conn.query_row(
        &format!("SELECT {COLUMNS}, pdf FROM service_report WHERE id = ?1"),
        [id],
        |r| Ok((issued(r)?, r.get(13)?)),
    )
    .optional()?
    .ok_or(RecordsError::UnknownReport(id))
}

/// The figures each latest issue showed, per service and month (newest month first).
pub fn issued_figures(conn: &Connection) -> Result<Vec<(IssuedReport, ReportFigures)>> {
    let list = rows::all(
        conn,
        &format!(
            "SELECT {COLUMNS}, figures FROM service_report s
             WHERE version = (SELECT max(version) FROM service_report t
                              WHERE t.service_name = s.service_name AND t.month = s.month)
             ORDER BY month DESC, service_name"
        ),
        [],
        |r| Ok((issued(r)?, r.get::<_, String>(13)?)),
    )?;
    list.into_iter()
        .map(|(i, f)| Ok((i, serde_json::from_str(&f)?)))
        .collect()
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Issues `req`: renders the report from the project as it is now (with `render`, the dossier
/// engine), stores it as the next version of its service and month, and links it as evidence.
/// Errors: `unknown_person`, the renderer's codes (`unknown_service`, `bad_month`, ...).
pub fn issue_service_report(
    p: &mut Project,
    req: &ReportRequest,
    render: ReportRenderer<'_>,
) -> Result<IssuedReport> {
    let person: Option<String> = p
        .conn()
        .query_row(
            "SELECT name FROM person WHERE id = ?1 AND deleted_at IS NULL",
            [req.issued_by],
            |r| r.get(0),
        )
        .optional()?;
    let Some(person) = person else {
        return Err(RecordsError::UnknownPerson(req.issued_by));
    };
    let snap = crate::snapshot::collect(p)?;
    let rendered = render(&snap, req).map_err(RecordsError::Render)?;
    let figures = serde_json::to_string(&rendered.figures)?;
    let sha256 = sha256_hex(&rendered.pdf);
    let month = rendered.figures.month.clone();
    let service = rendered.figures.service.clone();
    let issued_on = req.date.format("%Y-%m-%d").to_string();
    let now: &str = &p.now();
    let questions = report_questions()?;
    write_in(p.conn_mut(), now, "service_report_issued", |tx| {
        let version: u32 = tx.query_row(
            "SELECT coalesce(max(version), 0) + 1 FROM service_report
             WHERE (service_id = ?1 OR service_name = ?2) AND month = ?3",
            params![rendered.service_id, service, month],
            |r| r.get(0),
        )?;
        let evidence_id = link_record(
            tx,
            &RecordEvidence {
                stem: location_stem(rendered.service_id, &month),
                version,
                title: format!(
                    "Monthly service report: {service}, {month} (v{version}, issued \
                     {issued_on} by {person})"
                ),
                added_at: now,
                questions,
            },
        )?;
        tx.execute(
            "INSERT INTO service_report (service_id, service_name, month, version, issued_on,
                 issued_by, issued_by_name, issued_at, pages, size, sha256, pdf, figures,
                 evidence_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                rendered.service_id,
                service,
                month,
                version,
                issued_on,
                req.issued_by,
                person,
                now,
                rendered.pages,
                rendered.pdf.len() as i64,
                sha256,
                rendered.pdf,
                figures,
                evidence_id
            ],
        )?;
        let id = tx.last_insert_rowid();
        let report = tx.query_row(
            &format!("SELECT {COLUMNS} FROM service_report WHERE id = ?1"),
            [id],
            issued,
        )?;
        let detail = format!("{service} {month} v{version} by {person}, sha256 {sha256}");
        Ok((report, detail))
    })
}

/// Reads every `service_report` row for the snapshot, by id.
pub(crate) fn export_service_reports(conn: &Connection) -> crate::Result<Vec<ServiceReportSnap>> {
    rows::all(
        conn,
        &format!("SELECT {COLUMNS}, pdf, figures FROM service_report ORDER BY id"),
        [],
        |r| {
            let i = issued(r)?;
            Ok(ServiceReportSnap {
                id: i.id,
                service_id: i.service_id,
                service_name: i.service,
                month: i.month,
                version: i.version,
                issued_on: i.issued_on,
                issued_by: i.issued_by,
                issued_by_name: i.issued_by_name,
                issued_at: i.issued_at,
                pages: i.pages,
                size: i.size,
                sha256: i.sha256,
                content_base64: STANDARD.encode(r.get::<_, Vec<u8>>(13)?),
                figures: r.get(14)?,
                evidence_id: i.evidence_id,
            })
        },
    )
}

/// Writes the snapshot's `service_report` rows with their ids (evidence and people must
/// already be in place).
pub(crate) fn import_service_reports(
    conn: &Connection,
    list: &[ServiceReportSnap],
) -> crate::Result<()> {
    for s in list {
        let pdf = STANDARD
            .decode(&s.content_base64)
            .map_err(|e| crate::StoreError::FileRefused(format!("bad base64: {e}")))?;
        conn.execute(
            "INSERT INTO service_report (id, service_id, service_name, month, version,
                 issued_on, issued_by, issued_by_name, issued_at, pages, size, sha256, pdf,
                 figures, evidence_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                s.id,
                s.service_id,
                s.service_name,
                s.month,
                s.version,
                s.issued_on,
                s.issued_by,
                s.issued_by_name,
                s.issued_at,
                s.pages,
                s.size,
                s.sha256,
                pdf,
                s.figures,
                s.evidence_id
            ],
        )?;
    }
    Ok(())
}
