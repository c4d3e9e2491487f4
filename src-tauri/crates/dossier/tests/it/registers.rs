//! The register and operating-record pages (risks with heat map, suppliers, calendar, SLA
//! attainment) and the monthly service report, on the demo project with rows added to its
//! snapshot.

use ready20k_domain::snapshot::{
    ProjectSnapshot, RiskSnap, SupplierAgreementSnap, SupplierReviewSnap, TicketSnap,
};
use ready20k_dossier::build::{
    DossierOptions, Pack, ServiceReportError, ServiceReportOptions, build, service_report,
};
use ready20k_dossier::model::{Block, Dossier, Section, Tone};

use crate::demo::{date, library, snapshot};

fn risk(
    id: i64,
    kind: &str,
    l: i64,
    i: i64,
    residual: Option<(i64, i64)>,
    review: &str,
) -> RiskSnap {
    RiskSnap {
        id,
        kind: kind.into(),
        title: format!("Entry {id}"),
        description: String::new(),
        source_kind: "other".into(),
        source_id: None,
        suggestion_key: None,
        owner_id: None,
        inherent_l: l,
        inherent_i: i,
        residual_l: residual.map(|r| r.0),
        residual_i: residual.map(|r| r.1),
        treatment: Some("reduce".into()),
        treatment_note: String::new(),
        review_on: Some(review.into()),
        status: "treating".into(),
        infosec: false,
        created_at: "2026-01-01T00:00:00Z".into(),
        updated_at: "2026-01-01T00:00:00Z".into(),
    }
}

fn change(id: i64, service: i64, month: i64, approver: &str, self_approved: bool) -> TicketSnap {
    TicketSnap {
        id,
        source: "ready20k".into(),
        external_id: format!("C-{id}"),
        source_file_id: 1,
        kind: "change".into(),
        service_value: String::new(),
        service_id: Some(service),
        priority: None,
        opened: format!("{}-{:02}-10T10:00:00Z", month / 100, month % 100),
        responded: None,
        resolved: Some(format!("{}-{:02}-10T12:00:00Z", month / 100, month % 100)),
        requester: "Ann".into(),
        approver: approver.into(),
        implementer: "Bob".into(),
        change_type: Some("normal".into()),
        outcome: Some("success".into()),
        title: format!("Change {id}"),
        status: "Done".into(),
        self_approved,
        month,
        response_s: None,
        response_bs: None,
        resolution_s: Some(7200),
        resolution_bs: Some(7200),
    }
}

/// The demo snapshot with three risks, an opportunity, one supplier agreement and review,
/// and two changes of its first service in February 2026 (one self-approved).
fn filled() -> ProjectSnapshot {
    let mut s = snapshot().clone();
    let r = &mut s.registers;
    r.risks = vec![
        risk(901, "risk", 4, 4, Some((2, 2)), "2026-01-31"),
        risk(902, "risk", 4, 4, None, "2026-12-31"),
        risk(903, "risk", 1, 2, None, "2026-12-31"),
        risk(904, "opportunity", 3, 3, None, "2026-12-31"),
    ];
    let party = s.wizard.other_parties[0].id;
    r.supplier_agreements = vec![SupplierAgreementSnap {
        id: 901,
        party_id: party,
        contract_ref: "MSA-1".into(),
        start_on: Some("2025-01-01".into()),
        end_on: None,
        notice_on: None,
        service_levels: "99.9 %".into(),
        contacts: "[]".into(),
        review_months: 6,
        notes: String::new(),
        updated_at: "2026-01-01T00:00:00Z".into(),
    }];
    r.supplier_reviews = vec![SupplierReviewSnap {
        id: 901,
        party_id: party,
        reviewed_on: "2025-06-01".into(),
        rating: 2,
        issues: "Slow".into(),
        reviewer_id: None,
        created_at: "2025-06-01T00:00:00Z".into(),
    }];
    let service = s.wizard.services[0].id;
    s.records.tickets = vec![
        change(901, service, 202602, "Carol", false),
        change(902, service, 202602, "Bob", true),
    ];
    s
}

fn full(s: &ProjectSnapshot) -> Dossier {
    build(s, library(), &DossierOptions::full(date()))
}

fn section<'a>(d: &'a Dossier, title: &str) -> &'a Section {
    d.sections
        .iter()
        .find(|s| s.title == title)
        .unwrap_or_else(|| panic!("no section {title}"))
}

/// Every block of a section and its subsections.
fn blocks(s: &Section) -> Vec<&Block> {
    let mut out: Vec<&Block> = s.blocks.iter().collect();
    for sub in &s.subsections {
        out.extend(blocks(sub));
    }
    out
}

/// The text of every table cell of a section, row by row.
fn cells(s: &Section) -> Vec<Vec<(String, Tone)>> {
    blocks(s)
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .flat_map(|t| {
            t.rows.iter().map(|r| {
                r.iter()
                    .map(|c| (c.content.text(), c.tone))
                    .collect::<Vec<_>>()
            })
        })
        .collect()
}

#[test]
fn risk_register_counts_the_heat_map_and_flags_an_overdue_review() {
    let d = full(&filled());
    let s = section(&d, "Risks and opportunities");
    let map = blocks(s)
        .into_iter()
        .find_map(|b| match b {
            Block::HeatMap(m) => Some(m),
            _ => None,
        })
        .expect("a heat map");
    // Before treatment: two risks at L4 × I4, one at L1 × I2; the opportunity is not counted.
    assert_eq!(map.grids[0].cells[3][3], 2);
    assert_eq!(map.grids[0].cells[0][1], 1);
    assert_eq!(map.grids[0].cells.iter().flatten().sum::<u32>(), 3);
    // After treatment: the treated one moves to L2 × I2.
    assert_eq!(map.grids[1].cells[3][3], 1);
    assert_eq!(map.grids[1].cells[1][1], 1);
    let rows = cells(s);
    let overdue = rows
        .iter()
        .find(|r| r[0].0.contains("Entry 901"))
        .expect("risk 901 listed");
    let review = overdue.last().unwrap();
    assert!(
        review.0.contains("overdue") && review.1 == Tone::Bad,
        "{review:?}"
    );
    let later = rows.iter().find(|r| r[0].0.contains("Entry 902")).unwrap();
    assert!(!later.last().unwrap().0.contains("overdue"));
}

#[test]
fn supplier_register_shows_the_last_rating_and_the_overdue_review() {
    let d = full(&filled());
    let rows = cells(section(&d, "Suppliers and agreements"));
    let row = rows
        .iter()
        .find(|r| r[1].0.contains("MSA-1"))
        .expect("agreement row");
    assert!(row.iter().any(|c| c.0.contains("2/5")), "{row:?}");
    // Reviewed 1 Jun 2025 every 6 months: due 1 Dec 2025, overdue on 12 Mar 2026.
    let next = row.last().unwrap();
    assert!(
        next.0.contains("1 Dec 2025") && next.0.contains("overdue"),
        "{next:?}"
    );
}

#[test]
fn operating_records_flag_the_self_approved_change() {
    let d = full(&filled());
    let s = section(&d, "Operating records");
    let rows = cells(s);
    let flagged = rows
        .iter()
        .find(|r| r[0].0.contains("C-902"))
        .expect("C-902 listed");
    assert!(flagged.last().unwrap().0.contains("Self-approved"));
    assert!(
        !rows.iter().any(|r| r[0].0.contains("C-901")),
        "an ordinary change is not of note"
    );
    assert!(blocks(s).iter().any(
        |b| matches!(b, Block::Callout(c) if c.title.as_deref() == Some("Self-approved changes"))
    ));
}

#[test]
fn stage1_has_the_registers_but_not_the_calendar_or_records() {
    let s = filled();
    let d = build(
        &s,
        library(),
        &DossierOptions {
            date: date(),
            pack: Pack::Stage1,
            version: None,
        },
    );
    let titles: Vec<&str> = d.sections.iter().map(|s| s.title.as_str()).collect();
    assert!(titles.contains(&"Risks and opportunities"));
    assert!(titles.contains(&"Suppliers and agreements"));
    for t in [
        "Internal audit",
        "Management review",
        "Nonconformity register",
    ] {
        assert!(titles.contains(&t), "{t} missing from {titles:?}");
    }
    assert!(!titles.contains(&"SMS calendar") && !titles.contains(&"Operating records"));
}

#[test]
fn checklist_counts_registers_kept_in_the_app() {
    let d = full(&filled());
    let rows = cells(section(&d, "Required documents checklist"));
    let risk = rows
        .iter()
        .find(|r| r[1].0 == "DOC-RISK")
        .expect("DOC-RISK listed");
    assert_eq!(risk[0].0, "✓");
    let changes = rows.iter().find(|r| r[1].0 == "REC-CHANGES").unwrap();
    assert!(
        changes.last().unwrap().0.contains("2 change records"),
        "{changes:?}"
    );
}

#[test]
fn service_report_reports_the_month_and_refuses_bad_input() {
    let s = filled();
    let name = s.wizard.services[0].name.clone();
    let opts = |service: &str, month: &str| ServiceReportOptions {
        service: service.into(),
        month: month.into(),
        date: date(),
    };
    let r = service_report(&s, &opts(&name.to_uppercase(), "2026-02")).unwrap();
    assert_eq!(r.meta.version, "2026-02");
    let line = r
        .cover
        .verdict
        .iter()
        .find(|v| v.label == "Self-approved changes")
        .unwrap();
    assert_eq!((line.value.as_str(), line.tone), ("1", Tone::Bad));
    let notes = cells(r.sections.last().unwrap());
    assert!(notes.iter().any(|r| r[0].0.contains("C-902")));
    let pdf = ready20k_dossier::render(&r).unwrap();
    assert!(pdf.pages >= 3);
    assert!(matches!(
        service_report(&s, &opts("No such service", "2026-02")),
        Err(ServiceReportError::UnknownService { .. })
    ));
    let bad = service_report(&s, &opts(&name, "2026-13")).unwrap_err();
    assert_eq!(bad.code(), "bad_month");
}

/// The demo snapshot with one reported audit (a minor nonconformity on action `nc`), its
/// approved report, and one approved management review attended by top management.
fn audited() -> (ProjectSnapshot, i64) {
    use ready20k_domain::snapshot::{
        AuditLineSnap, AuditProgrammeSnap, AuditReportSnap, AuditSnap, NonconformitySnap,
        ReviewAttendeeSnap, ReviewSnap,
    };
    let mut s = snapshot().clone();
    let nc = s.assessment.actions[0].id;
    let person = s.wizard.people[0].id;
    let a = &mut s.audits;
    a.programme = Some(AuditProgrammeSnap {
        cycle_start: "2025-09-01".into(),
        target_date: Some("2026-09-01".into()),
        notes: String::new(),
        generated_at: "2025-09-01T00:00:00Z".into(),
        updated_at: "2025-09-01T00:00:00Z".into(),
    });
    a.audits = vec![AuditSnap {
        id: 901,
        cycle: 1,
        title: "Change management".into(),
        areas: Vec::new(),
        clauses: vec!["8.5.1".into()],
        processes: Vec::new(),
        planned_on: "2026-02-01".into(),
        performed_on: Some("2026-02-02".into()),
        external_auditor: "Audit Partners Ltd".into(),
        plan: String::new(),
        status: "reported".into(),
        mitigation: String::new(),
        auditor_ids: Vec::new(),
        service_ids: Vec::new(),
        created_at: "2026-01-01T00:00:00Z".into(),
        updated_at: "2026-02-03T00:00:00Z".into(),
    }];
    a.lines = vec![AuditLineSnap {
        id: 901,
        audit_id: 901,
        position: 1,
        clause: "8.5.1".into(),
        question_id: None,
        prompt: "Pick three changes".into(),
        sampling: String::new(),
        result: "minor_nc".into(),
        evidence_refs: "CHG-7".into(),
        notes: String::new(),
        action_id: Some(nc),
    }];
    a.reports = vec![AuditReportSnap {
        audit_id: 901,
        version: 1,
        summary: "Mostly effective.".into(),
        body: "# Internal audit report: Change management".into(),
        issued_at: "2026-02-03T00:00:00Z".into(),
        issued_by: None,
        approved_at: None,
        approved_by: None,
    }];
    a.nonconformities = vec![NonconformitySnap {
        action_id: nc,
        grade: Some("minor".into()),
        requirement: "8.5.1".into(),
        evidence: "CHG-7".into(),
        verified_on: None,
        verified_by: None,
        closed_on: None,
    }];
    s.reviews.reviews = vec![ReviewSnap {
        id: 901,
        title: "Review 2026".into(),
        planned_on: Some("2026-02-10".into()),
        held_on: Some("2026-02-10".into()),
        decisions: "Keep going.".into(),
        next_planned_on: None,
        inputs: None,
        minutes: "## Attendance\n\nAll present.".into(),
        status: "approved".into(),
        issued_at: Some("2026-02-11T00:00:00Z".into()),
        approved_by: Some(person),
        approved_at: Some("2026-02-12T00:00:00Z".into()),
        created_at: "2026-02-01T00:00:00Z".into(),
        updated_at: "2026-02-12T00:00:00Z".into(),
    }];
    s.reviews.attendees = vec![ReviewAttendeeSnap {
        review_id: 901,
        person_id: person,
        top_management: true,
    }];
    (s, nc)
}

#[test]
fn audit_report_review_minutes_and_nc_register_are_printed() {
    let (s, nc) = audited();
    let d = full(&s);
    let audit = section(&d, "Internal audit");
    let report = audit
        .subsections
        .iter()
        .find(|x| x.title == "Audit report: Change management")
        .expect("the report's subsection");
    let rows = cells(report);
    assert!(
        rows.iter()
            .any(|r| r.iter().any(|c| c.0 == "Minor NC" && c.1 == Tone::Warn))
    );
    assert!(
        rows.iter()
            .any(|r| r.iter().any(|c| c.0 == format!("A-{nc:02}")))
    );
    let review = section(&d, "Management review");
    assert!(
        review
            .subsections
            .iter()
            .any(|x| x.title == "Latest review: Review 2026")
    );
    let register = cells(section(&d, "Nonconformity register"));
    let row = register
        .iter()
        .find(|r| r[0].0.starts_with(&format!("A-{nc:02}")))
        .unwrap();
    assert_eq!(row[1].0, "Minor NC");
    assert_eq!(row.last().unwrap().0, "Open");
    let checklist = cells(section(&d, "Required documents checklist"));
    for key in [
        "REC-AUDIT-PROGRAMME",
        "REC-AUDIT-RESULTS",
        "REC-MGMT-REVIEW",
        "REC-NC-CA",
    ] {
        let r = checklist.iter().find(|r| r[1].0 == key).unwrap();
        assert_eq!(r[0].0, "✓", "{key}: {r:?}");
    }
}

#[test]
fn a_review_without_top_management_is_listed_but_not_printed_as_the_latest() {
    let (mut s, _) = audited();
    s.reviews.attendees[0].top_management = false;
    let d = full(&s);
    let review = section(&d, "Management review");
    assert!(review.subsections.is_empty());
    let rows = cells(review);
    assert!(
        rows[0].last().unwrap().0.contains("top management"),
        "{rows:?}"
    );
}

#[test]
fn heat_map_prints_each_count_and_a_line_chart_breaks_at_a_missing_month() {
    use ready20k_dossier::layout::{Prim, palette};
    use ready20k_dossier::model::{HeatGrid, HeatMap, LineChart, LineSeries};
    let mut cells = [[0u32; 5]; 5];
    cells[4][4] = 7;
    cells[0][0] = 3;
    let d = crate::layout::tiny(vec![
        Block::HeatMap(HeatMap {
            title: "Heat".into(),
            grids: vec![HeatGrid {
                caption: "Before".into(),
                cells,
            }],
            acceptance: 6,
        }),
        Block::LineChart(LineChart {
            title: "Trend".into(),
            periods: vec!["2026-01".into(), "2026-02".into(), "2026-03".into()],
            series: vec![LineSeries {
                label: "Resolved".into(),
                values: vec![Some(50.0), None, Some(60.0)],
            }],
        }),
    ]);
    let doc = ready20k_dossier::layout::layout(&d).unwrap();
    let page = doc
        .pages
        .iter()
        .find(|p| crate::texts(p).any(|t| t.text == "Heat"))
        .expect("the chart page");
    let words: Vec<&str> = crate::texts(page).map(|t| t.text.as_str()).collect();
    for w in ["7", "3", "Before", "Likelihood", "Impact", "Resolved"] {
        assert!(words.contains(&w), "{w} missing from {words:?}");
    }
    // Two measured months with a gap between them: markers, but no line joining them.
    let teal_lines = page
        .prims
        .iter()
        .filter(|p| matches!(p, Prim::Line { stroke, .. } if stroke.colour == palette::TEAL && stroke.width > 1.5))
        .count();
    assert_eq!(teal_lines, 1, "only the legend's sample line");
}

#[test]
fn issued_service_reports_are_listed_in_the_records_section() {
    use ready20k_domain::snapshot::ServiceReportSnap;
    let mut s = filled();
    let issued = |version: u32| ServiceReportSnap {
        id: i64::from(version),
        service_id: None,
        service_name: "Managed Workplace".into(),
        month: "2026-02".into(),
        version,
        issued_on: "2026-03-02".into(),
        issued_by: 1,
        issued_by_name: "Ann Lee".into(),
        issued_at: "2026-03-02T09:00:00Z".into(),
        pages: 3,
        size: 5,
        sha256: "ab".repeat(32),
        content_base64: "JVBERi0=".into(),
        figures: "{}".into(),
        evidence_id: None,
    };
    s.records.service_reports = vec![issued(1), issued(2)];
    let d = full(&s);
    let rows = cells(section(&d, "Operating records"));
    let listed: Vec<&Vec<(String, Tone)>> = rows
        .iter()
        .filter(|r| r.len() == 5 && r[0].0 == "Managed Workplace" && r[1].0 == "2026-02")
        .collect();
    assert_eq!(listed.len(), 2, "{rows:?}");
    assert_eq!(listed[0][2].0, "v2", "newest version first");
    assert_eq!(listed[0][3].0, "2026-03-02 by Ann Lee");
}

#[test]
fn the_rendered_report_carries_the_figures_it_shows() {
    use ready20k_domain::records::ReportRequest;
    use ready20k_dossier::build::{render_service_report, service_report_with_figures};
    let s = filled();
    let req = ReportRequest {
        service: "managed workplace".into(),
        month: "2026-02".into(),
        date: date(),
        issued_by: 1,
    };
    let r = render_service_report(&s, &req).unwrap();
    assert!(r.pdf.starts_with(b"%PDF-") && r.pages >= 1);
    let opts = ServiceReportOptions {
        service: req.service.clone(),
        month: req.month.clone(),
        date: req.date,
    };
    let (_, id, figures) = service_report_with_figures(&s, &opts).unwrap();
    assert_eq!((r.service_id, &r.figures), (id, &figures));
    assert_eq!(figures.month, "2026-02");
    assert_eq!(figures.trend.len(), 12);
    assert_eq!(figures.trend.last(), Some(&figures.this_month));
    let bad = ReportRequest {
        service: "Nope".into(),
        ..req
    };
    assert_eq!(
        render_service_report(&s, &bad).unwrap_err().code,
        "unknown_service"
    );
}
