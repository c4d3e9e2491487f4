#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::*;
use crate::assessment::{Action, ActionSource, ActionStatus, PlannedAction};
use crate::calendar::{Occurrence, OccurrenceKind, OccurrenceStatus};
use crate::content::library;
use crate::documents::register;
use crate::scoring::{
    Answer, AuditFacts, MaturityLevel, ReviewFacts, Scorecard, Support, VerdictInputs,
    score_project,
};
use crate::wizard::steps::{StepState, StepStatus};
use crate::wizard::{WizardData, view};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A project as the tests shape it: the library's documents, the wizard's steps, a scorecard.
struct Fixture {
    today: NaiveDate,
    card: Scorecard,
    inputs: VerdictInputs,
    steps: Vec<StepStatus>,
    documents: Vec<RegisterEntry>,
    occurrences: Vec<Occurrence>,
    actions: Vec<PlannedAction>,
}

impl Fixture {
    /// A brand-new project: nothing answered, no document approved, no wizard step done.
    fn new_project() -> Self {
        let lib = library();
        let today = day("2026-07-12");
        let data = WizardData::default();
        let inputs = VerdictInputs::default();
        Self {
            today,
            card: score_project(lib, &BTreeMap::new(), &inputs),
            steps: view(lib, data.clone(), today).steps,
            documents: register(lib, &data, &[], today).entries,
            inputs,
            occurrences: Vec::new(),
            actions: Vec::new(),
        }
    }

    /// Every wizard step done, every required document approved, every question answered at
    /// `level` with records attached.
    fn set_up(level: MaturityLevel, inputs: VerdictInputs) -> Self {
        let lib = library();
        let mut f = Self::new_project();
        for s in &mut f.steps {
            s.state = StepState::Done;
        }
        for e in &mut f.documents {
            e.approved_version = Some("1.0".into());
        }
        let answers: BTreeMap<String, Answer> = lib
            .questions
            .iter()
            .map(|q| {
                let a = Answer {
                    level,
                    support: Support::Measurements,
                };
                (q.id.clone(), a)
            })
            .collect();
        f.card = score_project(lib, &answers, &inputs);
        f.inputs = inputs;
        f
    }

    fn view(&self) -> OverviewView {
        overview(&OverviewInputs {
            today: self.today,
            scorecard: &self.card,
            inputs: &self.inputs,
            wizard_steps: &self.steps,
            documents: &self.documents,
            occurrences: &self.occurrences,
            actions: &self.actions,
        })
    }
}

/// An audit programme with a full cycle performed, and a review held and scheduled.
fn registers_complete() -> VerdictInputs {
    VerdictInputs {
        audit: Some(AuditFacts {
            programme: true,
            performed: 2,
            clauses_not_covered: Vec::new(),
        }),
        review: Some(ReviewFacts {
            next_planned: Some("2027-01-10".into()),
            held: 1,
        }),
        ..VerdictInputs::default()
    }
}

fn kinds(v: &OverviewView) -> Vec<NextStepKind> {
    v.next_steps.iter().map(|s| s.kind).collect()
}

#[test]
fn a_new_project_is_steered_to_the_wizard_the_documents_and_the_assessment() {
    let v = Fixture::new_project().view();
    assert_eq!(
        kinds(&v),
        [
            NextStepKind::Wizard,
            NextStepKind::Documents,
            NextStepKind::Assessment
        ]
    );
    assert!(v.next_steps.iter().all(|s| s.blocks == Some(1)));
    assert_eq!(v.next_steps[0].screen, ProjectScreen::Wizard);
    assert_eq!(v.next_steps[1].screen, ProjectScreen::Policies);
    assert!(
        v.next_steps[1].detail.starts_with("0 of "),
        "{}",
        v.next_steps[1].detail
    );
    assert_eq!(v.stage1.verdict, Verdict::NotReady);
    assert!(v.stage1.reasons.len() <= MAX_REASONS);
    assert!(!v.stage1.reasons.is_empty());
    assert!(v.provisional);
}

#[test]
fn once_set_up_the_audit_and_review_registers_come_first() {
    // Everything answered at level 3 with records: Stage 1 holds back only for the missing
    // audit programme and review schedule the registers report.
    let inputs = VerdictInputs {
        audit: Some(AuditFacts::default()),
        review: Some(ReviewFacts::default()),
        ..VerdictInputs::default()
    };
    let v = Fixture::set_up(MaturityLevel::Implemented, inputs).view();
    let k = kinds(&v);
    assert_eq!(
        k[..2],
        [NextStepKind::Audit, NextStepKind::Review],
        "{v:#?}"
    );
    assert_eq!(v.next_steps[0].title, "Plan the internal audit programme");
    assert_eq!(v.next_steps[0].blocks, Some(1));
    assert!(v.next_steps[0].hard);
    assert_eq!(v.next_steps[1].title, "Schedule the management review");
    assert!(!k.contains(&NextStepKind::Wizard));
    assert!(!k.contains(&NextStepKind::Documents));
}

#[test]
fn a_ready_firm_is_told_to_print_the_dossier() {
    let inputs = registers_complete();
    let f = Fixture::set_up(MaturityLevel::Improving, inputs);
    let v = f.view();
    assert_eq!(v.stage1.verdict, Verdict::Ready, "{:#?}", v.stage1);
    assert!(v.stage1.reasons.is_empty());
    assert_eq!(v.next_steps[0].kind, NextStepKind::Dossier, "{v:#?}");
    let audit = v
        .progress
        .iter()
        .find(|p| p.area == ProgressArea::Audit)
        .unwrap();
    assert_eq!((audit.done, audit.total, audit.percent), (3, 3, 100));
}

fn occurrence(title: &str, due: &str, status: OccurrenceStatus) -> Occurrence {
    Occurrence {
        id: format!("{title}@{due}"),
        duty_id: "DUTY-X".into(),
        kind: OccurrenceKind::Duty,
        title: title.into(),
        clause: "8.7.1".into(),
        owner: "Ann".into(),
        due: day(due),
        status,
        completion: None,
    }
}

fn action(title: &str, source: ActionSource, due: &str, status: ActionStatus) -> PlannedAction {
    PlannedAction {
        action: Action {
            due: Some(due.into()),
            status,
            ..Action::new(source, title)
        },
        impact: 0,
        blocking: false,
        clause: None,
        overdue: status != ActionStatus::Done && day(due) < day("2026-07-12"),
    }
}

#[test]
fn due_lists_overdue_first_then_by_date_within_the_horizon() {
    let mut f = Fixture::new_project();
    f.occurrences = vec![
        occurrence("Restore test", "2026-07-20", OccurrenceStatus::Due),
        occurrence("Access review", "2026-06-30", OccurrenceStatus::Overdue),
        occurrence("Done already", "2026-07-13", OccurrenceStatus::Done),
        occurrence("Far away", "2026-09-01", OccurrenceStatus::Due),
    ];
    f.actions = vec![
        action(
            "Fix the backup job",
            ActionSource::Audit,
            "2026-07-01",
            ActionStatus::Open,
        ),
        action(
            "Finished",
            ActionSource::Other,
            "2026-07-02",
            ActionStatus::Done,
        ),
        action(
            "Train the desk",
            ActionSource::Gap,
            "2026-07-15",
            ActionStatus::InProgress,
        ),
    ];
    let v = f.view();
    let titles: Vec<&str> = v.due.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Access review",
            "Fix the backup job",
            "Train the desk",
            "Restore test"
        ]
    );
    assert_eq!((v.overdue_count, v.due_count), (2, 2));
    assert_eq!(v.due[1].source, DueSource::Nonconformity);
    assert_eq!(v.due[1].screen, ProjectScreen::Scorecard);
    assert_eq!(v.due[0].screen, ProjectScreen::Calendar);
    // Overdue work that holds no verdict back still makes a next step once the rest is done.
    let k = kinds(&v);
    assert_eq!(k.len(), NEXT_STEPS);
}

#[test]
fn overdue_actions_become_a_step_after_the_stage_blockers() {
    let inputs = registers_complete();
    let mut f = Fixture::set_up(MaturityLevel::Improving, inputs);
    f.actions = vec![action(
        "Update the supplier list",
        ActionSource::Other,
        "2026-07-01",
        ActionStatus::Open,
    )];
    let v = f.view();
    let first = &v.next_steps[0];
    assert_eq!(first.kind, NextStepKind::Actions, "{v:#?}");
    assert_eq!(first.title, "Finish the overdue actions");
    assert_eq!(first.detail, "1 action past the due date");
    assert_eq!(first.blocks, None);
}

#[test]
fn progress_covers_every_step_in_path_order() {
    let mut f = Fixture::new_project();
    let required = required_documents(&f.documents).count();
    let key = required_documents(&f.documents).next().unwrap().key.clone();
    for e in &mut f.documents {
        if e.key == key {
            e.approved_version = Some("1.0".into());
        }
    }
    f.steps[0].state = StepState::Done;
    let v = f.view();
    let areas: Vec<ProgressArea> = v.progress.iter().map(|p| p.area).collect();
    assert_eq!(
        areas,
        [
            ProgressArea::Wizard,
            ProgressArea::Policies,
            ProgressArea::Assessment,
            ProgressArea::Records,
            ProgressArea::Audit,
            ProgressArea::Review,
            ProgressArea::Dossier
        ]
    );
    let docs = &v.progress[1];
    assert_eq!((docs.done, docs.total as usize), (1, required));
    assert_eq!(docs.percent as usize, 100 / required);
    assert_eq!(v.progress[0].done, 1);
    assert!(v.progress.iter().all(|p| p.total > 0 && p.done <= p.total));
}

#[test]
fn a_stage_summary_lists_three_reasons_and_counts_the_rest() {
    let v = Fixture::new_project().view();
    let caps = Fixture::new_project().card.stage1.caps.len();
    assert!(caps > MAX_REASONS, "{caps}");
    assert_eq!(v.stage1.reasons.len(), MAX_REASONS);
    assert_eq!(v.stage1.more as usize, caps - MAX_REASONS);
    // Hard caps come first, as the scorecard orders them.
    assert!(v.stage1.reasons[0].hard);
}
