use chrono::NaiveDate;

use super::*;
use crate::assessment::{Action, ActionSource, ActionStatus};
use crate::wizard::{Person, WizardData};

fn review(status: ReviewStatus, held: Option<&str>, tm: bool) -> Review {
    Review {
        id: 1,
        title: "MR 1".into(),
        planned_on: Some("2027-01-05".into()),
        held_on: held.map(str::to_owned),
        attendees: vec![
            Attendee {
                person_id: 1,
                top_management: tm,
            },
            Attendee {
                person_id: 2,
                top_management: false,
            },
        ],
        decisions: String::new(),
        next_planned_on: Some("2027-07-05".into()),
        inputs: None,
        minutes: "m".into(),
        status,
        issued_at: None,
        approved_by: None,
        approved_at: None,
        action_ids: vec![],
        created_at: String::new(),
        updated_at: String::new(),
    }
}

#[test]
fn a_review_without_top_management_does_not_count() {
    let without = review(ReviewStatus::Approved, Some("2027-01-05"), false);
    assert!(!counts(&without));
    assert!(
        why_not_counted(&without)
            .unwrap()
            .contains("top management")
    );
    assert_eq!(review_facts(&[without]).held, 0);
    let with = review(ReviewStatus::Approved, Some("2027-01-05"), true);
    assert!(counts(&with));
    assert_eq!(why_not_counted(&with), None);
    let facts = review_facts(&[with]);
    assert_eq!(facts.held, 1);
    assert_eq!(facts.next_planned.as_deref(), Some("2027-07-05"));
}

#[test]
fn unapproved_or_unheld_reviews_do_not_count() {
    assert!(!counts(&review(
        ReviewStatus::Issued,
        Some("2027-01-05"),
        true
    )));
    assert!(!counts(&review(ReviewStatus::Draft, None, true)));
}

#[test]
fn next_planned_prefers_a_planned_review_not_yet_held() {
    let mut held = review(ReviewStatus::Approved, Some("2027-01-05"), true);
    held.next_planned_on = Some("2027-09-01".into());
    let mut planned = review(ReviewStatus::Draft, None, false);
    planned.id = 2;
    planned.planned_on = Some("2027-07-01".into());
    let f = review_facts(&[held, planned]);
    assert_eq!(f.held, 1);
    assert_eq!(f.next_planned.as_deref(), Some("2027-07-01"));
    assert_eq!(review_facts(&[]), crate::scoring::ReviewFacts::default());
}

#[test]
fn approved_minutes_cannot_be_edited_and_only_attending_top_management_approves() {
    assert_eq!(
        check_editable(ReviewStatus::Approved).unwrap_err().code,
        "review_approved"
    );
    assert_eq!(
        check_editable(ReviewStatus::Issued).unwrap_err().code,
        "review_issued"
    );
    let issued = review(ReviewStatus::Issued, Some("2027-01-05"), true);
    assert!(check_approve(&issued, 1).is_ok());
    assert_eq!(
        check_approve(&issued, 2).unwrap_err().code,
        "approver_not_top_management"
    );
    let no_tm = review(ReviewStatus::Issued, Some("2027-01-05"), false);
    assert_eq!(
        check_approve(&no_tm, 1).unwrap_err().code,
        "no_top_management"
    );
    let draft = review(ReviewStatus::Draft, Some("2027-01-05"), true);
    assert_eq!(
        check_approve(&draft, 1).unwrap_err().code,
        "review_not_issued"
    );
    let mut unheld = review(ReviewStatus::Draft, None, true);
    assert_eq!(check_issue(&unheld).unwrap_err().code, "review_not_held");
    unheld.held_on = Some("2027-01-05".into());
    assert!(check_issue(&unheld).is_ok());
}

#[test]
fn edits_are_checked() {
    let ok = ReviewEdit {
        title: "MR".into(),
        held_on: Some("2027-01-05".into()),
        next_planned_on: Some("2027-07-05".into()),
        ..Default::default()
    };
    assert!(check_edit(&ok).is_ok());
    let mut e = ok.clone();
    e.title = " ".into();
    assert_eq!(check_edit(&e).unwrap_err().code, "title_required");
    let mut e = ok.clone();
    e.held_on = Some("5 Jan".into());
    assert_eq!(check_edit(&e).unwrap_err().code, "invalid_date");
    let mut e = ok.clone();
    e.next_planned_on = Some("2027-01-01".into());
    assert_eq!(check_edit(&e).unwrap_err().code, "next_review_not_after");
    let mut e = ok;
    e.attendees = vec![
        Attendee {
            person_id: 3,
            top_management: true,
        };
        2
    ];
    assert_eq!(check_edit(&e).unwrap_err().code, "duplicate_attendee");
}

fn data() -> WizardData {
    WizardData {
        people: vec![Person {
            id: 1,
            name: "Ann Boss".into(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn action(id: i64, source: ActionSource, status: ActionStatus, due: &str) -> Action {
    Action {
        id,
        source,
        question_id: None,
        title: format!("Action {id}"),
        owner_id: Some(1),
        due: Some(due.into()),
        status,
        cause: String::new(),
        correction: String::new(),
        corrective_action: String::new(),
        verification: if status == ActionStatus::Done {
            "checked".into()
        } else {
            String::new()
        },
        created_at: String::new(),
        updated_at: String::new(),
    }
}

fn sources<'a>(data: &'a WizardData, actions: &'a [Action]) -> InputSources<'a> {
    InputSources {
        since: None,
        today: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
        data,
        previous_actions: &[],
        actions,
        context_changes: &[],
        sla: None,
        service_reports: &[],
        kpis: &[],
        supplier_reviews: &[],
        disputes: &[],
        audits: None,
        risks: &[],
        acceptance: 6,
    }
}

#[test]
fn empty_project_inputs_say_no_data_yet_with_their_source() {
    let d = WizardData::default();
    let inputs = collect_inputs(&sources(&d, &[]));
    assert_eq!(inputs.sections.len(), 10);
    let by = |k| inputs.sections.iter().find(|s| s.key == k).unwrap();
    for k in [
        InputKey::PreviousActions,
        InputKey::Performance,
        InputKey::CustomerFeedback,
        InputKey::Suppliers,
        InputKey::Nonconformities,
        InputKey::Audits,
        InputKey::Risks,
    ] {
        let s = by(k);
        assert!(s.no_data, "{k:?}");
        assert!(!s.empty_note.is_empty() && !s.source.is_empty(), "{k:?}");
    }
    assert_eq!(by(InputKey::Audits).empty_note, "No audits recorded");
    assert!(
        by(InputKey::Performance)
            .empty_note
            .starts_with("No data yet")
    );
    // The context always says what is on record and the climate decision.
    let ctx = by(InputKey::ContextChanges);
    assert!(!ctx.no_data);
    assert!(ctx.lines.iter().any(|l| l.contains("Climate change")));
}

#[test]
fn inputs_show_actions_nonconformities_audits_and_kpis() {
    let d = data();
    let actions = [
        action(1, ActionSource::Audit, ActionStatus::Done, "2027-02-01"),
        action(2, ActionSource::Other, ActionStatus::Open, "2027-02-01"),
        action(
            3,
            ActionSource::ManagementReview,
            ActionStatus::Open,
            "2027-04-01",
        ),
    ];
    let previous = [actions[2].clone()];
    let audits = ["IA-1 (clauses 8.1): 1 minor nonconformity".to_owned()];
    let kpis = ["First-time fix rate: 82 % (target 80 %)".to_owned()];
    let mut s = sources(&d, &actions);
    s.previous_actions = &previous;
    s.audits = Some(&audits);
    s.kpis = &kpis;
    let inputs = collect_inputs(&s);
    let by = |k| inputs.sections.iter().find(|x| x.key == k).unwrap();
    assert_eq!(
        by(InputKey::PreviousActions).lines,
        vec!["Action 3 (owner Ann Boss, due 2027-04-01): open".to_owned()]
    );
    let nc = &by(InputKey::Nonconformities).lines;
    assert!(nc[0].starts_with("2 nonconformities"), "{nc:?}");
    assert!(nc[0].contains("1 closed (1 with effectiveness verified), 1 overdue"));
    assert!(
        nc.iter()
            .any(|l| l.contains("Action 2") && l.ends_with("overdue"))
    );
    assert_eq!(by(InputKey::Audits).lines, audits.to_vec());
    let perf = &by(InputKey::Performance).lines;
    assert_eq!(perf[0], "SLA attainment: no data yet");
    assert_eq!(perf[1], kpis[0]);
}

#[test]
fn minutes_follow_the_template_headings_and_carry_inputs_and_quorum() {
    let d = data();
    let actions = [action(
        7,
        ActionSource::ManagementReview,
        ActionStatus::Open,
        "2027-05-01",
    )];
    let inputs = collect_inputs(&sources(&d, &actions));
    let edit = ReviewEdit {
        title: "Management review 2027-1".into(),
        held_on: Some("2027-03-01".into()),
        attendees: vec![Attendee {
            person_id: 1,
            top_management: true,
        }],
        decisions: "Hire a second engineer.".into(),
        next_planned_on: Some("2027-09-01".into()),
        ..Default::default()
    };
    let ctx = MinutesContext {
        firm: "Acme IT",
        data: &d,
        actions: &actions,
    };
    let m = draft_minutes(&ctx, &edit, &inputs);
    for h in ["## B1.", "## B2.", "## B3.", "## B8.", "## B13.", "## B14."] {
        assert!(m.contains(h), "{h}");
    }
    assert!(m.contains("TPL-28"));
    assert!(m.contains("| Ann Boss | Top management |"));
    assert!(m.contains("Quorum met (at least one member of top management present): yes"));
    assert!(m.contains("- No audits recorded"));
    assert!(m.contains("Hire a second engineer."));
    assert!(m.contains("| Action 7 | Ann Boss | 2027-05-01 |"));
    assert!(m.contains("Next management review planned for 2027-09-01."));
    let mut alone = edit;
    alone.attendees[0].top_management = false;
    assert!(draft_minutes(&ctx, &alone, &inputs).contains("no: this review does not count"));
}

#[test]
fn audit_results_count_findings_of_audits_performed_since_the_last_review() {
    use crate::audits::{Audit, AuditLine, AuditRecords, AuditReport, LineResult};
    assert_eq!(sources::audit_lines(&AuditRecords::default(), None), None);
    let audit = |id: i64, title: &str, performed: Option<&str>| Audit {
        id,
        title: title.into(),
        clauses: vec!["8.1".into()],
        planned_on: "2027-02-01".into(),
        performed_on: performed.map(str::to_owned),
        ..Default::default()
    };
    let line = |result: LineResult| AuditLine {
        audit_id: 1,
        result,
        ..Default::default()
    };
    let records = AuditRecords {
        audits: vec![
            audit(1, "Operation", Some("2027-02-03")),
            audit(2, "Old one", Some("2026-06-01")),
            audit(3, "Leadership", None),
        ],
        lines: vec![
            line(LineResult::Conformity),
            line(LineResult::MinorNc),
            line(LineResult::Ofi),
            line(LineResult::Ofi),
        ],
        reports: vec![AuditReport {
            audit_id: 1,
            version: 1,
            summary: String::new(),
            body: "b".into(),
            issued_at: String::new(),
            issued_by: None,
            approved_at: Some("2027-02-04T10:00:00Z".into()),
            approved_by: Some(1),
        }],
        ..Default::default()
    };
    let lines = sources::audit_lines(&records, Some("2027-01-01")).unwrap();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(
        lines[0],
        "Operation (clauses 8.1), performed 2027-02-03: 1 conformities, 0 major and 1 minor \
         nonconformities, 2 opportunities for improvement, 0 lines not checked; report approved"
    );
    assert_eq!(
        lines[1],
        "1 audits of the programme still to do; next: Leadership on 2027-02-01"
    );
}

#[test]
fn risk_treatments_are_not_counted_as_nonconformities_or_improvements() {
    let d = data();
    let actions = [
        action(1, ActionSource::Other, ActionStatus::Open, "2027-05-01"),
        action(2, ActionSource::Other, ActionStatus::Open, "2027-05-01"),
    ];
    let risk: crate::risks::Risk = serde_json::from_value(serde_json::json!({
        "id": 9, "kind": "risk", "title": "Outage", "description": "", "source": "other",
        "source_id": null, "suggestion_key": null, "owner_id": 1,
        "inherent": {"likelihood": 3, "impact": 3}, "residual": null, "treatment": "reduce",
        "treatment_note": "", "action_ids": [2], "review_on": null, "status": "treating",
        "infosec": false
    }))
    .unwrap();
    let risks = [risk];
    let mut s = sources(&d, &actions);
    s.risks = &risks;
    let inputs = collect_inputs(&s);
    let by = |k| inputs.sections.iter().find(|x| x.key == k).unwrap();
    let nc = &by(InputKey::Nonconformities).lines;
    assert!(nc[0].starts_with("1 nonconformities"), "{nc:?}");
    assert!(!nc.iter().any(|l| l.contains("Action 2")));
    let imp = &by(InputKey::Improvement).lines;
    assert!(imp.iter().any(|l| l.contains("Action 1")));
    assert!(!imp.iter().any(|l| l.contains("Action 2")));
    let risk_lines = &by(InputKey::Risks).lines;
    assert!(
        risk_lines[0].contains("1 risks above the acceptance level"),
        "{risk_lines:?}"
    );
    assert!(risk_lines[1].starts_with("Treatment actions: 0 of 1 done"));
}

#[test]
fn issued_service_reports_of_the_period_are_performance_inputs_with_their_figures() {
    use crate::records::{IssuedReport, MonthMeasures, ReportFigures};
    let d = data();
    let issued = |month: &str, on: &str| {
        (
            IssuedReport {
                id: 1,
                service_id: Some(1),
                service: "Managed Workplace".into(),
                month: month.into(),
                version: 2,
                issued_on: on.into(),
                issued_by: 1,
                issued_by_name: "Ann Boss".into(),
                issued_at: format!("{on}T09:00:00Z"),
                pages: 3,
                size: 100,
                sha256: "0".repeat(64),
                evidence_id: None,
            },
            ReportFigures {
                this_month: MonthMeasures {
                    incidents: 12,
                    incidents_resolution_met_pct: Some(91.7),
                    requests: 4,
                    changes: 3,
                    changes_failed: 1,
                    ..MonthMeasures::default()
                },
                ..ReportFigures::default()
            },
        )
    };
    let reports = [
        issued("2027-01", "2027-02-03"),
        issued("2026-08", "2026-09-02"),
    ];
    let kpis = ["Objective: KPI at 95 %".to_owned()];
    let mut s = sources(&d, &[]);
    s.since = Some("2026-10-01");
    s.kpis = &kpis;
    s.service_reports = &reports;
    let inputs = collect_inputs(&s);
    let perf = inputs
        .sections
        .iter()
        .find(|x| x.key == InputKey::Performance)
        .unwrap();
    assert!(
        perf.source.contains("monthly service reports issued"),
        "{}",
        perf.source
    );
    let lines: Vec<&String> = perf
        .lines
        .iter()
        .filter(|l| l.starts_with("Service report"))
        .collect();
    assert_eq!(
        lines,
        [
            "Service report Managed Workplace 2027-01 (v2, issued 2027-02-03 by Ann Boss): 12 \
             incidents, resolved within target 92 %; 4 requests, fulfilled within target not \
             measured; 3 changes (1 failed)"
        ],
        "only the report issued after the previous review, with its own figures"
    );
}
