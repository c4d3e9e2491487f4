//! The Stage 2 caps of the registers and records, each in both directions: the record that
//! caps the verdict, and the record that lifts it again.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::calendar::{CompletionRef, OccurrenceKind, Schedule, Series};
use crate::content::library;
use crate::records::RecordKind;
use crate::scoring::{
    Answer, CapCode, CheckStatus, MaturityLevel, NcSeverity, OpenNonconformity, OperatingPeriod,
    OverdueDuty, RecordBasis, RiskDue, RiskReviews, ScoringSettings, StageResult, Support, Verdict,
    VerdictInputs, apply_records, operating_records, overdue_duties, score_project,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn every(level: MaturityLevel) -> BTreeMap<String, Answer> {
    library()
        .questions
        .iter()
        .map(|q| (q.id.clone(), Answer::supported(level, Support::Record)))
        .collect()
}

fn codes(stage: &StageResult) -> Vec<CapCode> {
    stage.caps.iter().map(|c| c.code).collect()
}

fn judge(inputs: &VerdictInputs) -> (Verdict, Vec<CapCode>, StageResult) {
    let card = score_project(library(), &every(MaturityLevel::Operated), inputs);
    // None of these rules reaches Stage 1.
    assert_eq!(card.stage1.verdict, Verdict::Ready);
    (card.stage2.verdict, codes(&card.stage2), card.stage2)
}

const TODAY: &str = "2026-10-15";

fn months(kinds: &[RecordKind], from: u32, to: u32) -> Vec<(RecordKind, u32)> {
    kinds
        .iter()
        .flat_map(|k| (from..=to).map(move |m| (*k, m)))
        .collect()
}

fn with_records(ticket_months: Vec<(RecordKind, u32)>) -> VerdictInputs {
    let mut inputs = VerdictInputs::default();
    let basis = RecordBasis {
        ticket_months,
        ..RecordBasis::default()
    };
    apply_records(&mut inputs, &basis, d(TODAY));
    inputs
}

#[test]
fn without_imported_records_the_claims_stand_on_their_evidence() {
    let (verdict, caps, _) = judge(&with_records(Vec::new()));
    assert_eq!((verdict, caps), (Verdict::Ready, vec![]));
}

#[test]
fn a_key_practice_claimed_without_its_records_is_not_ready_and_its_records_lift_it() {
    use RecordKind::*;
    // Incidents and requests imported for six months, no change at all.
    let inputs = with_records(months(&[Incident, Request], 202605, 202610));
    let (verdict, caps, stage) = judge(&inputs);
    assert_eq!(verdict, Verdict::NotReady);
    assert_eq!(caps, [CapCode::KeyPracticeWithoutRecords]);
    let cap = &stage.caps[0];
    assert!(
        cap.questions.contains(&"Q-8.5.1.3-02".to_owned()),
        "{:?}",
        cap.questions
    );
    assert!(
        cap.reason
            .contains("no change records from 2026-08 to 2026-10"),
        "{}",
        cap.reason
    );
    assert!(
        cap.lift
            .contains("Import the service desk's change records"),
        "{}",
        cap.lift
    );
    let check = stage
        .checks
        .iter()
        .find(|c| c.topic == "Records behind the claims")
        .unwrap();
    assert_eq!(check.status, CheckStatus::Failed);
    assert!(
        check.records[0].contains("change records in 0 of them"),
        "{:?}",
        check.records
    );
    // Changes from before the recent window do not show operation now.
    let mut old = months(&[Incident, Request], 202605, 202610);
    old.extend(months(&[Change], 202601, 202606));
    assert_eq!(judge(&with_records(old)).0, Verdict::NotReady);
    // The change records of the last months lift it.
    let inputs = with_records(months(&[Incident, Request, Change], 202605, 202610));
    let (verdict, caps, stage) = judge(&inputs);
    assert_eq!((verdict, caps), (Verdict::Ready, vec![]));
    let check = stage
        .checks
        .iter()
        .find(|c| c.topic == "Records behind the claims")
        .unwrap();
    assert!(
        check.records[0].contains("change records in 3 of them"),
        "{:?}",
        check.records
    );
}

#[test]
fn non_blocking_claims_without_records_cap_at_nearly_ready() {
    use RecordKind::*;
    // Only the non-blocking incident questions claim operation; the blocking ones sit at
    // level 3 (their own soft cap).
    let mut answers = every(MaturityLevel::Operated);
    for q in library()
        .questions
        .iter()
        .filter(|q| q.clause == "8.6.1" && q.blocking)
    {
        answers.insert(
            q.id.clone(),
            Answer::supported(MaturityLevel::Implemented, Support::Record),
        );
    }
    let inputs = with_records(months(&[Request, Change], 202605, 202610));
    let card = score_project(library(), &answers, &inputs);
    let c = codes(&card.stage2);
    assert!(c.contains(&CapCode::ClaimWithoutRecords), "{c:?}");
    assert!(!c.contains(&CapCode::KeyPracticeWithoutRecords), "{c:?}");
    assert_eq!(card.stage2.verdict, Verdict::NearlyReady);
}

#[test]
fn the_operating_period_counts_from_the_records_when_the_firm_has_not_said() {
    use RecordKind::*;
    let today = d(TODAY);
    let period = || OperatingPeriod::new(&ScoringSettings::default(), None, today);
    // One month and a half of records: the period is counted from them and is too short.
    let mut inputs = VerdictInputs {
        operating: period(),
        ..VerdictInputs::default()
    };
    let basis = RecordBasis {
        ticket_months: months(&[Incident, Request, Change], 202609, 202610),
        ..RecordBasis::default()
    };
    apply_records(&mut inputs, &basis, today);
    assert!(inputs.operating.since_from_records);
    assert_eq!(
        inputs.operating.records_since.as_deref(),
        Some("2026-09-01")
    );
    let (verdict, caps, stage) = judge(&inputs);
    assert_eq!(
        (verdict, caps),
        (Verdict::NearlyReady, vec![CapCode::OperatingPeriod])
    );
    let cap = &stage.caps[0];
    assert!(
        cap.reason.contains("imported operating records"),
        "{}",
        cap.reason
    );
    assert!(cap.lift.contains("2026-12-01"), "{}", cap.lift);
    let check = stage
        .checks
        .iter()
        .find(|c| c.topic == "Operating period")
        .unwrap();
    assert!(check.records[0].contains("2 month(s) with records, 2026-09 to 2026-10"));
    // Six months of records lift it.
    let mut inputs = VerdictInputs {
        operating: period(),
        ..VerdictInputs::default()
    };
    let basis = RecordBasis {
        ticket_months: months(&[Incident, Request, Change], 202605, 202610),
        ..RecordBasis::default()
    };
    apply_records(&mut inputs, &basis, today);
    assert_eq!(inputs.operating.months, Some(5));
    assert_eq!(judge(&inputs).0, Verdict::Ready);
    // A date the firm set stays; the records are shown beside it.
    let settings = ScoringSettings {
        records_since: Some("2026-09-20".into()),
        ..ScoringSettings::default()
    };
    let mut inputs = VerdictInputs {
        operating: OperatingPeriod::new(&settings, None, today),
        ..VerdictInputs::default()
    };
    apply_records(&mut inputs, &basis, today);
    assert!(!inputs.operating.since_from_records);
    let (_, caps, stage) = judge(&inputs);
    assert_eq!(caps, [CapCode::OperatingPeriod]);
    assert!(
        stage.caps[0].reason.contains("2026-05 to 2026-10"),
        "{}",
        stage.caps[0].reason
    );
}

fn overdue(clause: &str, title: &str, count: u32, ever_done: bool) -> OverdueDuty {
    OverdueDuty {
        series_id: title.into(),
        kind: OccurrenceKind::Duty,
        title: title.into(),
        clause: clause.into(),
        owner: "Bob".into(),
        first_due: "2026-10-01".into(),
        overdue: count,
        ever_done,
    }
}

fn with_overdue(duties: Vec<OverdueDuty>) -> VerdictInputs {
    VerdictInputs {
        overdue: duties,
        ..VerdictInputs::default()
    }
}

#[test]
fn one_overdue_duty_is_a_minor_finding_for_its_clause() {
    let (verdict, caps, stage) = judge(&with_overdue(vec![overdue(
        "8.7.2",
        "Test restoring backups",
        1,
        true,
    )]));
    assert_eq!(
        (verdict, caps),
        (Verdict::NearlyReady, vec![CapCode::OverdueDuty])
    );
    let cap = &stage.caps[0];
    assert_eq!(cap.clause.as_deref(), Some("8.7.2"));
    assert!(
        cap.reason
            .contains("\"Test restoring backups\" due 2026-10-01 (Bob)"),
        "{}",
        cap.reason
    );
    assert!(cap.reason.contains("minor nonconformity"), "{}", cap.reason);
    assert!(cap.lift.contains("attach its record"), "{}", cap.lift);
    // Done with a record: nothing overdue, nothing capped.
    assert_eq!(judge(&with_overdue(vec![])).0, Verdict::Ready);
}

#[test]
fn duties_not_kept_are_a_major_finding() {
    // Missed twice running.
    let (v, c, _) = judge(&with_overdue(vec![overdue(
        "8.7.2",
        "Test restoring backups",
        2,
        true,
    )]));
    assert_eq!((v, c), (Verdict::NotReady, vec![CapCode::DutyNotKept]));
    // A continuity test never done.
    let (v, c, s) = judge(&with_overdue(vec![overdue(
        "8.7.2",
        "DUTY-CONTINUITY-TEST",
        1,
        false,
    )]));
    assert_eq!((v, c), (Verdict::NotReady, vec![CapCode::DutyNotKept]));
    assert!(
        s.caps[0].reason.contains("never done"),
        "{}",
        s.caps[0].reason
    );
    // A first restore test not done yet: a lapse, not a breakdown.
    let (v, c, _) = judge(&with_overdue(vec![overdue(
        "8.7.2",
        "DUTY-RESTORE-TEST",
        1,
        false,
    )]));
    assert_eq!((v, c), (Verdict::NearlyReady, vec![CapCode::OverdueDuty]));
    // Three lapses against one clause are taken together; spread over clauses they are not.
    let three = |clauses: [&str; 3]| {
        with_overdue(
            clauses
                .iter()
                .enumerate()
                .map(|(i, c)| overdue(c, &format!("Duty {i}"), 1, true))
                .collect(),
        )
    };
    let (v, c, _) = judge(&three(["8.7.3.2"; 3]));
    assert_eq!((v, c), (Verdict::NotReady, vec![CapCode::DutyNotKept]));
    let (v, c, _) = judge(&three(["8.7.3.2", "8.2.6", "7.5"]));
    assert_eq!(
        (v, c),
        (Verdict::NearlyReady, vec![CapCode::OverdueDuty; 3])
    );
}

fn due(id: i64, clause: &str) -> RiskDue {
    RiskDue {
        risk_id: id,
        title: format!("Risk {id}"),
        clause: clause.into(),
        review_on: "2026-09-30".into(),
    }
}

#[test]
fn risks_past_review_cap_their_clause() {
    let inputs = |open: u32, past: Vec<RiskDue>| VerdictInputs {
        risks: RiskReviews {
            open,
            past_review: past,
        },
        ..VerdictInputs::default()
    };
    let (v, c, s) = judge(&inputs(5, vec![due(1, "6.1"), due(2, "8.7.3.1")]));
    assert_eq!(v, Verdict::NearlyReady);
    assert_eq!(c, [CapCode::RiskReviewOverdue, CapCode::RiskReviewOverdue]);
    assert_eq!(s.caps[0].clause.as_deref(), Some("6.1"));
    assert!(
        s.caps[0]
            .reason
            .contains("\"Risk 1\" (due for review 2026-09-30)")
    );
    // Every open entry past review: the register is not maintained.
    let (v, c, _) = judge(&inputs(2, vec![due(1, "6.1"), due(2, "6.1")]));
    assert_eq!(
        (v, c),
        (Verdict::NotReady, vec![CapCode::RiskRegisterNotReviewed])
    );
    // Reviewed: lifted.
    assert_eq!(judge(&inputs(5, vec![])).0, Verdict::Ready);
}

fn nc(grade: NcSeverity, planned: bool) -> OpenNonconformity {
    OpenNonconformity {
        action_id: 7,
        title: "Changes deployed before approval".into(),
        requirement: "8.5.1.3".into(),
        grade,
        planned,
    }
}

#[test]
fn open_nonconformities_cap_by_grade_and_plan() {
    let inputs = |ncs: Vec<OpenNonconformity>| VerdictInputs {
        nonconformities: ncs,
        ..VerdictInputs::default()
    };
    let (v, c, s) = judge(&inputs(vec![nc(NcSeverity::Major, true)]));
    assert_eq!(
        (v, c),
        (Verdict::NotReady, vec![CapCode::OpenMajorNonconformity])
    );
    assert!(
        s.caps[0].reason.contains("against 8.5.1.3 (action 7)"),
        "{}",
        s.caps[0].reason
    );
    let (v, c, _) = judge(&inputs(vec![nc(NcSeverity::Minor, false)]));
    assert_eq!(
        (v, c),
        (
            Verdict::NearlyReady,
            vec![CapCode::MinorNonconformityUnplanned]
        )
    );
    // A minor with its root cause and corrective action recorded, or none open: ready.
    assert_eq!(
        judge(&inputs(vec![nc(NcSeverity::Minor, true)])).0,
        Verdict::Ready
    );
    assert_eq!(judge(&inputs(vec![])).0, Verdict::Ready);
}

fn series(id: &str, clause: &str, kind: OccurrenceKind, anchor: &str) -> Series {
    Series {
        id: id.into(),
        duty_id: id.into(),
        kind,
        title: format!("Do {id}"),
        clause: clause.into(),
        owner: String::new(),
        schedule: Schedule::Every {
            anchor: d(anchor),
            months: 3,
        },
    }
}

#[test]
fn overdue_duties_are_counted_per_series_from_the_calendar() {
    let all = [
        series(
            "DUTY-RESTORE-TEST",
            "8.7.2",
            OccurrenceKind::Duty,
            "2026-03-01",
        ),
        series(
            "notice:1",
            "8.3.4",
            OccurrenceKind::ContractNotice,
            "2026-03-01",
        ),
        series(
            "evidence-expiry:1",
            "7.5",
            OccurrenceKind::EvidenceExpiry,
            "2026-03-01",
        ),
    ];
    let done = |on: &str| CompletionRef {
        occurrence_id: format!("DUTY-RESTORE-TEST@{on}"),
        done_on: d(on),
        record: "Evidence 1".into(),
    };
    // Due 03-01, 06-01, 09-01; the first done: two overdue, done before.
    let found = overdue_duties(&all, &[done("2026-03-01")], d(TODAY));
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert_eq!(
        (
            f.series_id.as_str(),
            f.overdue,
            f.ever_done,
            f.first_due.as_str()
        ),
        ("DUTY-RESTORE-TEST", 2, true, "2026-06-01")
    );
    // All done: nothing overdue (notice dates and evidence expiry never count).
    let every = [done("2026-03-01"), done("2026-06-01"), done("2026-09-01")];
    assert!(overdue_duties(&all, &every, d(TODAY)).is_empty());
    // Nothing done ever.
    let f = &overdue_duties(&all, &[], d(TODAY))[0];
    assert_eq!((f.overdue, f.ever_done), (3, false));
}

#[test]
fn the_recent_window_follows_the_required_months() {
    let r = operating_records(&[(RecordKind::Change, 202604)], 6, d(TODAY));
    assert_eq!((r.window_from, r.window_to), (202605, 202610));
    assert_eq!(r.recent(RecordKind::Change), 0);
}

#[test]
fn the_interval_duties_are_in_the_duty_list() {
    for id in super::INTERVAL_DUTIES {
        assert!(library().duty(id).is_some(), "{id} is not in the duty list");
    }
}

mod registers {
    use super::*;
    use crate::assessment::{Action, ActionSource, ActionStatus};
    use crate::audits::{FindingGrade, Nonconformity};
    use crate::scoring::{audit_register, open_nonconformities, review_register};
    use crate::snapshot::{
        AuditProgrammeSnap, AuditSnap, AuditsSnap, ReviewAttendeeSnap, ReviewSnap, ReviewsSnap,
    };

    fn action(id: i64, planned: bool) -> Action {
        let text = |t: &str| if planned { t.to_owned() } else { String::new() };
        Action {
            id,
            source: ActionSource::Audit,
            question_id: None,
            title: format!("Finding {id}"),
            owner_id: None,
            due: None,
            status: ActionStatus::Open,
            cause: text("No approval step in the tool"),
            correction: text("Approved retrospectively"),
            corrective_action: text("Approval made mandatory in the workflow"),
            verification: String::new(),
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    fn finding(id: i64, grade: FindingGrade, closed: bool) -> Nonconformity {
        Nonconformity {
            action_id: id,
            grade: Some(grade),
            requirement: "8.5.1.3".into(),
            closed_on: closed.then(|| "2026-10-01".to_owned()),
            ..Nonconformity::default()
        }
    }

    #[test]
    fn open_findings_are_read_from_the_action_register() {
        let actions = [
            action(1, false),
            action(2, true),
            action(3, false),
            action(4, false),
        ];
        let ncs = [
            finding(1, FindingGrade::Major, false),
            finding(2, FindingGrade::Minor, false),
            finding(3, FindingGrade::Ofi, false),
            finding(4, FindingGrade::Major, true),
        ];
        let open = open_nonconformities(&actions, &ncs);
        let seen: Vec<(i64, NcSeverity, bool)> = open
            .iter()
            .map(|n| (n.action_id, n.grade, n.planned))
            .collect();
        assert_eq!(
            seen,
            [(1, NcSeverity::Major, false), (2, NcSeverity::Minor, true)]
        );
        assert_eq!(open[0].title, "Finding 1");
        // The open major caps Stage 2; the planned minor does not.
        let inputs = VerdictInputs {
            nonconformities: open,
            ..VerdictInputs::default()
        };
        let (v, c, s) = judge(&inputs);
        assert_eq!(
            (v, c),
            (Verdict::NotReady, vec![CapCode::OpenMajorNonconformity])
        );
        let check = s
            .checks
            .iter()
            .find(|c| c.topic == "Nonconformities under control")
            .unwrap();
        assert!(
            check.records[0].contains("1 major and 1 minor"),
            "{:?}",
            check.records
        );
    }

    fn review(top_management: bool) -> ReviewsSnap {
        ReviewsSnap {
            reviews: vec![ReviewSnap {
                id: 1,
                title: "Management review 2026".into(),
                planned_on: Some("2026-09-01".into()),
                held_on: Some("2026-09-03".into()),
                decisions: "Keep going.".into(),
                next_planned_on: Some("2027-03-01".into()),
                inputs: None,
                minutes: "Minutes".into(),
                status: "approved".into(),
                issued_at: Some("2026-09-04T10:00:00Z".into()),
                approved_by: Some(1),
                approved_at: Some("2026-09-05T10:00:00Z".into()),
                created_at: "2026-08-01T10:00:00Z".into(),
                updated_at: "2026-09-05T10:00:00Z".into(),
            }],
            attendees: vec![
                ReviewAttendeeSnap {
                    review_id: 1,
                    person_id: 1,
                    top_management,
                },
                ReviewAttendeeSnap {
                    review_id: 1,
                    person_id: 2,
                    top_management: false,
                },
            ],
            actions: vec![],
        }
    }

    #[test]
    fn a_review_without_top_management_does_not_count() {
        assert_eq!(review_register(&ReviewsSnap::default()), None);
        let without = review_register(&review(false)).unwrap();
        assert_eq!(without.held, 0);
        let inputs = VerdictInputs {
            review: Some(without),
            ..VerdictInputs::default()
        };
        // Nothing counts, so nothing is scheduled either: Stage 1 fails too.
        let card = score_project(library(), &every(MaturityLevel::Operated), &inputs);
        assert_eq!(codes(&card.stage1), [CapCode::NoReviewScheduled]);
        let s = card.stage2;
        assert_eq!(
            (s.verdict, codes(&s)),
            (
                Verdict::NotReady,
                // Without a review that counts, no operated cycle is shown either.
                vec![CapCode::NoManagementReview, CapCode::OperatingPeriod]
            )
        );
        assert!(
            s.caps[0].reason.contains("review register"),
            "{}",
            s.caps[0].reason
        );
        // Held again with top management: it counts and lifts the cap.
        let with = review_register(&review(true)).unwrap();
        assert_eq!(with.held, 1);
        let inputs = VerdictInputs {
            review: Some(with),
            ..VerdictInputs::default()
        };
        let (v, c, s) = judge(&inputs);
        assert_eq!((v, c), (Verdict::Ready, vec![]));
        let check = s
            .checks
            .iter()
            .find(|c| c.topic == "Management review")
            .unwrap();
        assert!(
            check.records[0].contains("1 review(s) that count"),
            "{:?}",
            check.records
        );
    }

    fn audits(status: &str, clauses: &[&str]) -> AuditsSnap {
        AuditsSnap {
            programme: Some(AuditProgrammeSnap {
                cycle_start: "2026-01-01".into(),
                target_date: None,
                notes: String::new(),
                generated_at: "2026-01-01T00:00:00Z".into(),
                updated_at: "2026-01-01T00:00:00Z".into(),
            }),
            audits: vec![AuditSnap {
                id: 1,
                cycle: 1,
                title: "Whole SMS".into(),
                areas: vec![],
                clauses: clauses.iter().map(|c| (*c).to_owned()).collect(),
                processes: vec![],
                planned_on: "2026-06-01".into(),
                performed_on: Some("2026-06-02".into()),
                external_auditor: "Audit Ltd".into(),
                plan: String::new(),
                status: status.into(),
                mitigation: String::new(),
                auditor_ids: vec![],
                service_ids: vec![],
                created_at: "2026-01-01T00:00:00Z".into(),
                updated_at: "2026-06-02T00:00:00Z".into(),
            }],
            ..AuditsSnap::default()
        }
    }

    #[test]
    fn the_audit_register_replaces_the_answers_once_it_holds_an_audit() {
        assert_eq!(audit_register(library(), &AuditsSnap::default()), None);
        let all = ["4", "5", "6", "7", "8", "9", "10"];
        // Planned, not reported: no cycle yet.
        let planned = audit_register(library(), &audits("in_progress", &all)).unwrap();
        let inputs = VerdictInputs {
            audit: Some(planned),
            ..VerdictInputs::default()
        };
        let card = score_project(library(), &every(MaturityLevel::Operated), &inputs);
        // Stage 1: planned and under way, none performed yet.
        assert_eq!(codes(&card.stage1), [CapCode::AuditNotPerformed]);
        let s = card.stage2;
        assert_eq!(s.verdict, Verdict::NotReady);
        assert_eq!(s.caps[0].code, CapCode::NoAuditCycle);
        assert!(
            s.caps[0].reason.contains("audit register"),
            "{}",
            s.caps[0].reason
        );
        // Reported over every clause: lifted, and the check says which record did it.
        let done = audit_register(library(), &audits("reported", &all)).unwrap();
        let (v, c, s) = judge(&VerdictInputs {
            audit: Some(done),
            ..VerdictInputs::default()
        });
        assert_eq!((v, c), (Verdict::Ready, vec![]));
        let check = s
            .checks
            .iter()
            .find(|c| c.topic == "Internal audit cycle")
            .unwrap();
        assert!(
            check.records[0].contains("1 audit(s) reported, clauses 4 to 10 covered"),
            "{:?}",
            check.records
        );
    }
}

#[test]
fn a_review_in_the_review_register_counts_as_done_before_for_the_calendar() {
    use crate::scoring::ReviewFacts;
    let review = series(
        "DUTY-MGMT-REVIEW",
        "9.3",
        OccurrenceKind::Duty,
        "2026-09-01",
    );
    let judge_with = |held: u32| {
        let mut inputs = VerdictInputs::default();
        let basis = RecordBasis {
            series: vec![review.clone()],
            review: Some(ReviewFacts {
                next_planned: Some("2027-01-10".into()),
                held,
            }),
            ..RecordBasis::default()
        };
        apply_records(&mut inputs, &basis, d(TODAY));
        score_project(library(), &every(MaturityLevel::Operated), &inputs).stage2
    };
    // Never held anywhere: a management review never done is a major finding.
    assert!(codes(&judge_with(0)).contains(&CapCode::DutyNotKept));
    // Held (in the register) but the calendar occurrence not marked: a lapse only.
    let s = judge_with(1);
    assert_eq!(codes(&s), [CapCode::OverdueDuty]);
    assert_eq!(s.verdict, Verdict::NearlyReady);
}
