//! Roadmap tests: planned dates from a target date, the earliest-date warning and its
//! thresholds, step statuses from a new firm and from a demo-like firm, and the reuse view.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use chrono::{Days, Months, NaiveDate};

use super::*;
use crate::content::library;
use crate::documents::{DocStatus, register};
use crate::scoring::{AuditFacts, ReviewFacts, score_project};
use crate::wizard::{HeldCertificate, WizardData};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-12-07";

/// A firm's facts: `done` fills the registers as the demo does (documents approved, records
/// for six months, a reported audit cycle, a review held, a body named).
struct Firm {
    profile: FirmProfile,
    settings: ScoringSettings,
    inputs: VerdictInputs,
    documents: Register,
}

impl Firm {
    fn new(target: Option<NaiveDate>, done: bool) -> Self {
        let lib = library();
        let today = d(TODAY);
        let mut profile = FirmProfile {
            legal_name: "Acme IT Ltd".into(),
            target_date: target.map(|t| t.format("%Y-%m-%d").to_string()),
            ..FirmProfile::default()
        };
        let settings = ScoringSettings::default();
        let mut inputs = VerdictInputs::default();
        let mut documents = register(lib, &WizardData::default(), &[], today);
        if done {
            profile.certification_body = "Albion Certification".into();
            inputs.operating.records_since = Some("2026-06-01".into());
            inputs.audit = Some(AuditFacts {
                programme: true,
                performed: 4,
                clauses_not_covered: Vec::new(),
            });
            inputs.review = Some(ReviewFacts {
                next_planned: Some("2027-06-01".into()),
                held: 1,
            });
            for e in &mut documents.entries {
                e.status = DocStatus::Approved;
            }
        }
        Self {
            profile,
            settings,
            inputs,
            documents,
        }
    }

    fn roadmap(&self) -> Roadmap {
        let lib = library();
        let card = score_project(lib, &BTreeMap::new(), &self.inputs);
        let facts = RoadmapFacts {
            profile: &self.profile,
            settings: &self.settings,
            inputs: &self.inputs,
            scorecard: &card,
            documents: &self.documents,
        };
        roadmap(lib, &facts, d(TODAY))
    }
}

fn step(r: &Roadmap, kind: RoadmapStepKind) -> &RoadmapStep {
    r.steps.iter().find(|s| s.kind == kind).unwrap()
}

#[test]
fn steps_are_planned_backwards_from_the_stage2_date() {
    let p = plan(d("2027-06-30"), 3);
    assert_eq!(p.stage1, d("2027-05-19"));
    assert_eq!(p.review, (d("2027-05-05"), d("2027-05-12")));
    assert_eq!(p.audit, (d("2027-04-06"), d("2027-05-04")));
    assert_eq!(p.operate, (d("2027-03-30"), d("2027-06-30")));
    assert_eq!(p.documents, (d("2027-01-30"), d("2027-03-30")));
    assert_eq!(p.decision, d("2027-08-11"));
    assert_eq!(p.surveillance1, (d("2028-06-11"), d("2028-08-11")));
    assert_eq!(p.surveillance2, (d("2029-06-11"), d("2029-08-11")));
    assert_eq!(p.recertification, (d("2030-02-11"), d("2030-08-11")));
    // With one month of records the audit cannot start before operation does.
    let p = plan(d("2027-06-30"), 1);
    assert_eq!(p.operate.0, d("2027-05-30"));
    assert!(p.audit.0 >= d("2027-04-27") && p.audit.0 < p.audit.1);
}

#[test]
fn the_roadmap_lists_nine_steps_in_order_with_the_auditors_part() {
    let r = Firm::new(Some(d("2027-09-30")), false).roadmap();
    let kinds: Vec<RoadmapStepKind> = r.steps.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            RoadmapStepKind::ScopeAndDocuments,
            RoadmapStepKind::Operate,
            RoadmapStepKind::InternalAudit,
            RoadmapStepKind::ManagementReview,
            RoadmapStepKind::Stage1,
            RoadmapStepKind::Stage2,
            RoadmapStepKind::Surveillance1,
            RoadmapStepKind::Surveillance2,
            RoadmapStepKind::Recertification,
        ]
    );
    assert_eq!(r.stage2_date, "2027-09-30");
    assert!(
        r.steps
            .iter()
            .all(|s| !s.auditor.is_empty() && s.from <= s.to)
    );
    assert!(r.steps.windows(2).all(|w| w[0].from <= w[1].from));
    assert_eq!(
        step(&r, RoadmapStepKind::Stage2).readiness,
        Some(Verdict::NotReady)
    );
    assert_eq!(r.body_guidance.len(), BODY_GUIDANCE.len());
    assert!(
        r.body_guidance
            .iter()
            .any(|g| g.text.contains("ISO/IEC 20000-6"))
    );
}

#[test]
fn a_new_firm_two_months_from_its_target_is_warned_why() {
    let today = d(TODAY);
    let target = today.checked_add_days(Days::new(60)).unwrap();
    let r = Firm::new(Some(target), false).roadmap();
    let w = r.warning.clone().unwrap();
    assert_eq!(w.level, WarningLevel::TooClose, "{w:?}");
    // Three months of records are the binding constraint.
    let records = today.checked_add_months(Months::new(3)).unwrap();
    assert_eq!(r.earliest_stage2, records.format("%Y-%m-%d").to_string());
    assert!(w.title.contains("too close"), "{}", w.title);
    assert!(
        w.reasons[0].contains("months of records"),
        "{:?}",
        w.reasons
    );
    for words in [
        "internal-audit cycle",
        "management review",
        "certification body",
    ] {
        assert!(
            w.reasons.iter().any(|l| l.contains(words)),
            "{words}: {w:?}"
        );
    }
    // Its windows have passed without the work: late.
    assert_eq!(
        step(&r, RoadmapStepKind::ScopeAndDocuments).status,
        RoadmapStatus::Late
    );
    assert_eq!(
        step(&r, RoadmapStepKind::Operate).status,
        RoadmapStatus::Late
    );
    assert_eq!(
        step(&r, RoadmapStepKind::Surveillance1).status,
        RoadmapStatus::NotStarted
    );
}

#[test]
fn a_demo_like_firm_shows_its_work_done_and_meets_a_target_with_room() {
    let today = d(TODAY);
    let target = today.checked_add_days(Days::new(60)).unwrap();
    let r = Firm::new(Some(target), true).roadmap();
    for kind in [
        RoadmapStepKind::ScopeAndDocuments,
        RoadmapStepKind::Operate,
        RoadmapStepKind::InternalAudit,
        RoadmapStepKind::ManagementReview,
    ] {
        let s = step(&r, kind);
        assert_eq!(s.status, RoadmapStatus::Done, "{kind:?}: {s:?}");
        assert!(s.remains.is_empty());
    }
    // Only the Stage 1 to Stage 2 gap remains: 28 days, well before the target.
    assert_eq!(
        r.earliest_stage2,
        today
            .checked_add_days(Days::new(STAGE_GAP_MIN_DAYS))
            .unwrap()
            .format("%Y-%m-%d")
            .to_string()
    );
    assert_eq!(r.warning, None);
    assert!(
        step(&r, RoadmapStepKind::Operate)
            .progress
            .contains("3 of 3 months")
    );
}

#[test]
fn warning_thresholds_tight_passed_and_no_target() {
    let today = d(TODAY);
    let firm = Firm::new(None, true);
    let earliest = Earliest {
        stage1: d("2027-01-04"),
        stage2: d("2027-02-01"),
        reasons: vec![(d("2027-02-01"), "Stage 2 follows Stage 1.".into())],
    };
    let at = |days: u64| earliest.stage2.checked_add_days(Days::new(days)).unwrap();
    let level = |t: Option<NaiveDate>| plan::warning(t, &earliest, today).map(|w| w.level);
    assert_eq!(
        level(Some(earliest.stage2.pred_opt().unwrap())),
        Some(WarningLevel::TooClose)
    );
    assert_eq!(level(Some(earliest.stage2)), Some(WarningLevel::Tight));
    assert_eq!(level(Some(at(13))), Some(WarningLevel::Tight));
    assert_eq!(level(Some(at(14))), None);
    assert_eq!(
        level(Some(today.pred_opt().unwrap())),
        Some(WarningLevel::Passed)
    );
    assert_eq!(level(None), Some(WarningLevel::NoTarget));
    // Without a target the plan is anchored on the earliest date.
    let r = firm.roadmap();
    assert_eq!(r.stage2_date, r.earliest_stage2);
    assert_eq!(r.warning.unwrap().level, WarningLevel::NoTarget);
}

#[test]
fn the_planned_stage2_setting_wins_over_the_target_date() {
    let mut firm = Firm::new(Some(d("2027-09-30")), true);
    firm.settings.stage2_date = Some("2027-08-15".into());
    let r = firm.roadmap();
    assert_eq!(r.stage2_date, "2027-08-15");
    assert_eq!(r.target_date.as_deref(), Some("2027-09-30"));
}

#[test]
fn a_27001_holder_sees_what_it_can_reuse_and_what_to_add() {
    let mut firm = Firm::new(Some(d("2027-09-30")), false);
    assert_eq!(firm.roadmap().reuse.reusable.len(), 0);
    firm.profile.certificates = vec![HeldCertificate::Iso27001];
    let reuse = firm.roadmap().reuse;
    assert_eq!(reuse.held, [HeldCertificate::Iso27001]);
    assert!(reuse.upgrade.is_empty());
    assert!(!reuse.reusable.is_empty() && !reuse.to_add.is_empty());
    assert!(reuse.reusable.iter().any(|d| d.document == "DOC-SCOPE"));
    for doc in &reuse.reusable {
        assert!(
            doc.links
                .iter()
                .all(|l| l.standard.starts_with("ISO/IEC 27001"))
        );
    }
    // Every required document is in exactly one of the two lists.
    let lib = library();
    let required = lib
        .documents
        .iter()
        .filter(|d| d.required && d.kind == crate::content::DocumentKind::Document)
        .count();
    assert_eq!(reuse.reusable.len() + reuse.to_add.len(), required);
}

#[test]
fn a_2011_holder_sees_the_crosswalk_on_its_register() {
    let mut firm = Firm::new(Some(d("2027-09-30")), true);
    firm.profile.certificates = vec![HeldCertificate::Iso20000_2011];
    let reuse = firm.roadmap().reuse;
    let lib = library();
    assert_eq!(reuse.upgrade.len(), lib.crosswalks.clause_map.len());
    assert!(reuse.reusable.is_empty() && reuse.to_add.is_empty());
    let policy = reuse.upgrade.iter().find(|r| r.from == "4.1.2").unwrap();
    let to: Vec<&str> = policy.to.iter().map(|c| c.clause.as_str()).collect();
    assert_eq!(to, ["5.2.1", "5.2.2", "6.2.1"]);
    assert!(policy.to.iter().all(|c| !c.title.is_empty()));
    // The firm's register shows through: the policy document is approved.
    assert!(
        policy.to[0]
            .documents
            .iter()
            .any(|(_, s)| *s == DocStatus::Approved),
        "{:?}",
        policy.to[0]
    );
}
