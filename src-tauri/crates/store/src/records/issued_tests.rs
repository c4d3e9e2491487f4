#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use ready20k_domain::ErrorPayload;
use ready20k_domain::clock::FixedClock;
use ready20k_domain::records::{RenderedReport, ReportFigures, ReportRequest};
use ready20k_domain::snapshot::ProjectSnapshot;
use sha2::Digest;

use super::*;
use crate::Project;
use crate::demo::create_demo_with;
use crate::snapshot::{collect, import, to_json};

/// A stand-in for the dossier engine: a small "PDF" naming the service, month and date, and
/// the figures counting the month's tickets of the service.
pub(crate) fn fake_render(
    snap: &ProjectSnapshot,
    req: &ReportRequest,
) -> Result<RenderedReport, ErrorPayload> {
    let service = snap
        .wizard
        .services
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case(&req.service))
        .ok_or_else(|| ErrorPayload::new("unknown_service", "no such service"))?;
    let key: i64 = req.month.replace('-', "").parse().unwrap();
    let incidents = snap
        .records
        .tickets
        .iter()
        .filter(|t| t.service_id == Some(service.id) && t.month == key && t.kind == "incident")
        .count() as u64;
    let mut figures = ReportFigures {
        service: service.name.clone(),
        month: req.month.clone(),
        ..ReportFigures::default()
    };
    figures.this_month.month = req.month.clone();
    figures.this_month.incidents = incidents;
    Ok(RenderedReport {
        service_id: service.id,
        pdf: format!("%PDF-1.7 {} {} {}", service.name, req.month, req.date).into_bytes(),
        pages: 2,
        figures,
    })
}

fn demo(dir: &std::path::Path) -> Project {
    let now = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
    create_demo_with(
        &dir.join("demo.r20k"),
        Arc::new(FixedClock(now)),
        Some(&fake_render),
    )
    .unwrap()
}

fn request(p: &Project, service: &str) -> ReportRequest {
    let by: i64 = p
        .conn()
        .query_row("SELECT min(id) FROM person", [], |r| r.get(0))
        .unwrap();
    ReportRequest {
        service: service.into(),
        month: "2026-10".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
        issued_by: by,
    }
}

#[test]
fn the_demo_issues_last_months_report_of_every_service() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo(dir.path());
    let list = list_service_reports(p.conn()).unwrap();
    let services: i64 = p
        .conn()
        .query_row("SELECT count(*) FROM service", [], |r| r.get(0))
        .unwrap();
    assert_eq!(list.len() as i64, services);
    assert!(list.iter().all(|r| r.month == "2026-11" && r.version == 1));
    let (first, pdf) = service_report_pdf(p.conn(), list[0].id).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(first.issued_on, "2026-12-07");
    assert_eq!(first.sha256, format!("{:x}", sha2::Sha256::digest(&pdf)));
    let figures = issued_figures(p.conn()).unwrap();
    assert_eq!(figures.len(), list.len());
    assert!(figures.iter().any(|(_, f)| f.this_month.incidents > 0));
}

#[test]
fn a_reissue_is_the_next_version_and_one_evidence_item_follows_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = demo(dir.path());
    let req = request(&p, "managed workplace");
    let v1 = issue_service_report(&mut p, &req, &fake_render).unwrap();
    let v2 = issue_service_report(&mut p, &req, &fake_render).unwrap();
    assert_eq!((v1.version, v2.version), (1, 2));
    assert_eq!(v1.month, "2026-10");
    assert_eq!(v1.service, "Managed Workplace");
    let person: String = p
        .conn()
        .query_row(
            "SELECT name FROM person WHERE id = ?1",
            [req.issued_by],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(v2.issued_by_name, person);
    // One evidence item per service and month, now at v2, linked to 8.3.3 and 9.4.
    let evidence = v2.evidence_id.unwrap();
    assert_eq!(v1.evidence_id, Some(evidence));
    let (title, location): (String, String) = p
        .conn()
        .query_row(
            "SELECT title, location FROM evidence WHERE id = ?1",
            [evidence],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(title.contains("Managed Workplace, 2026-10 (v2"), "{title}");
    assert!(location.ends_with(" 2026-10 v2"), "{location}");
    let questions: Vec<String> = crate::rows::all(
        p.conn(),
        "SELECT question_id FROM evidence_question WHERE evidence_id = ?1 ORDER BY 1",
        [evidence],
        |r| r.get(0),
    )
    .unwrap();
    assert!(
        questions.iter().any(|q| q.starts_with("Q-8.3.3-")),
        "{questions:?}"
    );
    assert!(
        questions.iter().any(|q| q.starts_with("Q-9.4-")),
        "{questions:?}"
    );
    let journal = crate::journal::list_by_kind(p.conn(), "service_report_issued").unwrap();
    assert!(journal.iter().any(|e| e.detail.contains("2026-10 v2")));
}

#[test]
fn an_issued_report_cannot_be_changed_or_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = demo(dir.path());
    let req = request(&p, "Cloud Hosting");
    let r = issue_service_report(&mut p, &req, &fake_render).unwrap();
    for sql in [
        "UPDATE service_report SET pdf = x'00' WHERE id = ?1",
        "UPDATE service_report SET figures = '{}' WHERE id = ?1",
        "UPDATE service_report SET service_id = service_id + 1 WHERE id = ?1",
        "DELETE FROM service_report WHERE id = ?1",
    ] {
        let e = p.conn().execute(sql, [r.id]).unwrap_err();
        assert!(
            e.to_string().contains("service_report_issued"),
            "{sql}: {e}"
        );
    }
    // Removing its evidence item clears the link and keeps the record.
    p.conn()
        .execute(
            "DELETE FROM evidence WHERE id = ?1",
            [r.evidence_id.unwrap()],
        )
        .unwrap();
    let (kept, pdf) = service_report_pdf(p.conn(), r.id).unwrap();
    assert_eq!((kept.evidence_id, kept.sha256), (None, r.sha256));
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn bad_requests_are_refused_with_codes_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = demo(dir.path());
    let before = list_service_reports(p.conn()).unwrap().len();
    let mut req = request(&p, "Cloud Hosting");
    req.issued_by = 9999;
    let e = issue_service_report(&mut p, &req, &fake_render).unwrap_err();
    assert_eq!(e.code(), "unknown_person");
    let req = request(&p, "Printing");
    let e = issue_service_report(&mut p, &req, &fake_render).unwrap_err();
    assert_eq!(e.code(), "unknown_service");
    assert_eq!(
        service_report_pdf(p.conn(), 9999).unwrap_err().code(),
        "unknown_service_report"
    );
    assert_eq!(list_service_reports(p.conn()).unwrap().len(), before);
}

#[test]
fn issued_reports_survive_export_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo(dir.path());
    let first = to_json(&collect(&p).unwrap()).unwrap();
    let snap = collect(&p).unwrap();
    assert!(!snap.records.service_reports.is_empty());
    let copy = import(&first, &dir.path().join("copy.r20k"), p.clock().clone()).unwrap();
    assert_eq!(to_json(&collect(&copy).unwrap()).unwrap(), first);
    assert_eq!(
        list_service_reports(copy.conn()).unwrap(),
        list_service_reports(p.conn()).unwrap()
    );
    // A kept PDF that does not match its SHA-256 is refused with its path.
    let mut v: serde_json::Value = serde_json::from_slice(&first).unwrap();
    v["records"]["service_reports"][0]["content_base64"] = "JVBERi0=".into();
    let e = import(
        &serde_json::to_vec(&v).unwrap(),
        &dir.path().join("bad.r20k"),
        p.clock().clone(),
    )
    .unwrap_err();
    assert!(
        e.problems()
            .iter()
            .any(|x| x.path.starts_with("/records/service_reports/0/")),
        "{e}"
    );
}
