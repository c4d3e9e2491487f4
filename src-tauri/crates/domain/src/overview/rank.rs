//! The next steps: what holds a verdict back, one step per kind of work, ranked.
//!
//! Every cap of both stages, every unfinished part of the path (wizard steps, unapproved
//! required documents, unanswered questions) and overdue work (actions, calendar duties) is a
//! candidate. A kind of work is one step, however many caps it lifts. Steps are ranked by the
//! first stage they hold back (Stage 1 before Stage 2, then steps that hold back no verdict),
//! then in path order (the order of [`NextStepKind`]): of the work that holds a stage back,
//! the step the firm would take first on its way anyway (documents before the assessment that
//! cites them, an audit before the review that reads its results). A step remembers whether
//! it lifts a hard cap (a likely major nonconformity) so the screen can say so.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{OverviewInputs, ProjectScreen, required_documents};
use crate::assessment::ActionStatus;
use crate::calendar::OccurrenceStatus;
use crate::scoring::{Cap, CapCode, Verdict};
use crate::wizard::steps::StepState;

/// How many next steps the Overview shows.
pub const NEXT_STEPS: usize = 3;

/// A kind of work, in path order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NextStepKind {
    /// Finish the setup wizard or fix what it refuses.
    Wizard,
    /// Draft and approve the required documents.
    Documents,
    /// Answer the self-assessment or close its gaps.
    Assessment,
    /// Resolve separation-of-duties conflicts.
    Roles,
    /// Import operating records.
    Records,
    /// Catch up on overdue calendar duties.
    Calendar,
    /// Review risks past their review date.
    Risks,
    /// Plan, perform or complete the internal audit.
    Audit,
    /// Schedule or hold the management review.
    Review,
    /// Close nonconformities and overdue actions.
    Actions,
    /// Print the dossier.
    Dossier,
}

impl NextStepKind {
    /// The screen where the work is done.
    pub fn screen(self) -> ProjectScreen {
        match self {
            Self::Wizard => ProjectScreen::Wizard,
            Self::Documents => ProjectScreen::Policies,
            Self::Assessment => ProjectScreen::Assessment,
            Self::Roles => ProjectScreen::Roles,
            Self::Records => ProjectScreen::Records,
            Self::Calendar => ProjectScreen::Calendar,
            Self::Risks => ProjectScreen::Risks,
            Self::Audit => ProjectScreen::Audits,
            Self::Review => ProjectScreen::Reviews,
            Self::Actions => ProjectScreen::Scorecard,
            Self::Dossier => ProjectScreen::Dossier,
        }
    }

    /// The kind of work that lifts a cap.
    pub fn of_cap(code: CapCode) -> Self {
        match code {
            CapCode::SetupError => Self::Wizard,
            CapCode::MissingDocumentedInformation => Self::Documents,
            CapCode::BlockingBelowMinimum
            | CapCode::BlockingNotOperated
            | CapCode::WeakClause
            | CapCode::NoQuestions
            | CapCode::UnaddressedClause => Self::Assessment,
            CapCode::AuditorIndependence | CapCode::SodConflict => Self::Roles,
            CapCode::OperatingPeriod
            | CapCode::KeyPracticeWithoutRecords
            | CapCode::ClaimWithoutRecords => Self::Records,
            CapCode::OverdueDuty | CapCode::DutyNotKept => Self::Calendar,
            CapCode::RiskReviewOverdue | CapCode::RiskRegisterNotReviewed => Self::Risks,
            CapCode::NoAuditProgramme | CapCode::AuditNotPerformed | CapCode::NoAuditCycle => {
                Self::Audit
            }
            CapCode::NoReviewScheduled | CapCode::ReviewNotHeld | CapCode::NoManagementReview => {
                Self::Review
            }
            CapCode::OpenMajorNonconformity | CapCode::MinorNonconformityUnplanned => Self::Actions,
        }
    }
}

/// One next step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NextStep {
    /// The kind of work.
    pub kind: NextStepKind,
    /// What to do, as a short imperative.
    pub title: String,
    /// Why, or how far it is.
    pub detail: String,
    /// The first stage it holds back (1 or 2); `None` when it holds back no verdict.
    pub blocks: Option<u8>,
    /// It lifts a likely major nonconformity (a hard cap).
    pub hard: bool,
    /// Where to do it.
    pub screen: ProjectScreen,
}

/// A candidate while ranking: the first stage it holds back and its first cap there.
struct Candidate<'a> {
    stage: Option<u8>,
    hard: bool,
    cap: Option<&'a Cap>,
}

impl Candidate<'_> {
    fn key(&self, kind: NextStepKind) -> (u8, NextStepKind, bool) {
        (self.stage.unwrap_or(u8::MAX), kind, !self.hard)
    }
}

/// Adds a candidate for `kind`, keeping the earliest stage (and a hard cap over a soft one).
fn offer<'a>(
    found: &mut BTreeMap<NextStepKind, Candidate<'a>>,
    kind: NextStepKind,
    c: Candidate<'a>,
) {
    match found.get(&kind) {
        Some(old) if old.key(kind) <= c.key(kind) => {}
        _ => {
            found.insert(kind, c);
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The most useful next steps, at most [`NEXT_STEPS`], ranked as the module says.
pub fn next_steps(i: &OverviewInputs<'_>) -> Vec<NextStep> {
    let card = i.scorecard;
    let mut found: BTreeMap<NextStepKind, Candidate<'_>> = BTreeMap::new();
    for (stage, result) in [(1u8, &card.stage1), (2, &card.stage2)] {
        for cap in &result.caps {
            let c = Candidate {
                stage: Some(stage),
                hard: cap.hard,
                cap: Some(cap),
            };
            offer(&mut found, NextStepKind::of_cap(cap.code), c);
        }
    }
    let todo = |stage: Option<u8>| Candidate {
        stage,
        hard: false,
        cap: None,
    };

    let wizard_open = i
        .wizard_steps
        .iter()
        .filter(|s| s.state != StepState::Done)
        .count();
    if wizard_open > 0 {
        offer(&mut found, NextStepKind::Wizard, todo(Some(1)));
    }
    let required: Vec<_> = required_documents(i.documents).collect();
    let unapproved: Vec<_> = required
        .iter()
        .filter(|e| e.approved_version.is_none())
        .collect();
    if !unapproved.is_empty() {
        offer(&mut found, NextStepKind::Documents, todo(Some(1)));
    }
    let unanswered = card.questions.saturating_sub(card.answered);
    if unanswered > 0 {
        let stage = card.provisional.then_some(1);
        offer(&mut found, NextStepKind::Assessment, todo(stage));
    }
    let overdue_actions = i
        .actions
        .iter()
        .filter(|p| p.overdue && p.action.status != ActionStatus::Done)
        .count();
    if overdue_actions > 0 {
        offer(&mut found, NextStepKind::Actions, todo(None));
    }
    let overdue_duties = i
        .occurrences
        .iter()
        .filter(|o| o.status == OccurrenceStatus::Overdue)
        .count();
    if overdue_duties > 0 {
        offer(&mut found, NextStepKind::Calendar, todo(None));
    }
    if card.stage1.verdict == Verdict::Ready {
        offer(&mut found, NextStepKind::Dossier, todo(None));
    }

    let mut ranked: Vec<(NextStepKind, Candidate<'_>)> = found.into_iter().collect();
    ranked.sort_by_key(|(kind, c)| c.key(*kind));
    ranked
        .into_iter()
        .take(NEXT_STEPS)
        .map(|(kind, c)| {
            let (title, detail) = match kind {
                NextStepKind::Wizard => {
                    let done = i.wizard_steps.len() - wizard_open;
                    let of = format!("{done} of {} steps done", i.wizard_steps.len());
                    if wizard_open > 0 {
                        ("Finish the setup wizard".to_owned(), of)
                    } else {
                        (
                            "Fix what the setup wizard reports".to_owned(),
                            reason(&c, of),
                        )
                    }
                }
                NextStepKind::Documents => {
                    let mut d = format!(
                        "{} of {} required documents approved",
                        required.len() - unapproved.len(),
                        required.len()
                    );
                    if let Some(first) = unapproved.first() {
                        d.push_str(&format!("; start with {}", first.title));
                    }
                    ("Draft and approve the required documents".to_owned(), d)
                }
                NextStepKind::Assessment if unanswered > 0 => (
                    "Answer the self-assessment".to_owned(),
                    format!(
                        "{} of {} answered; {}",
                        card.answered,
                        card.questions,
                        plural(unanswered as usize, "question to go", "questions to go")
                    ),
                ),
                NextStepKind::Assessment => (
                    "Close the gaps behind the verdict".to_owned(),
                    reason(&c, String::new()),
                ),
                NextStepKind::Roles => (
                    "Resolve separation-of-duties conflicts".to_owned(),
                    reason(&c, String::new()),
                ),
                NextStepKind::Records => (
                    "Import your operating records".to_owned(),
                    reason(&c, String::new()),
                ),
                NextStepKind::Calendar => (
                    "Catch up on overdue SMS duties".to_owned(),
                    reason(
                        &c,
                        format!(
                            "{} overdue in the SMS calendar",
                            plural(overdue_duties, "duty", "duties")
                        ),
                    ),
                ),
                NextStepKind::Risks => (
                    "Review the risks past their review date".to_owned(),
                    reason(&c, String::new()),
                ),
                NextStepKind::Audit => (audit_title(&c).to_owned(), reason(&c, String::new())),
                NextStepKind::Review => (review_title(&c).to_owned(), reason(&c, String::new())),
                NextStepKind::Actions => (
                    actions_title(&c).to_owned(),
                    reason(
                        &c,
                        format!(
                            "{} past the due date",
                            plural(overdue_actions, "action", "actions")
                        ),
                    ),
                ),
                NextStepKind::Dossier => (
                    if card.stage2.verdict == Verdict::Ready {
                        "Print the dossier for your certification body"
                    } else {
                        "Print the Stage 1 pack"
                    }
                    .to_owned(),
                    "Stage 1 reads as ready: hand the auditor one complete pack.".to_owned(),
                ),
            };
            NextStep {
                kind,
                title,
                detail,
                blocks: c.stage,
                hard: c.hard,
                screen: kind.screen(),
            }
        })
        .collect()
}

/// The cap's reason, or `otherwise` when the step comes from no cap.
fn reason(c: &Candidate<'_>, otherwise: String) -> String {
    c.cap.map_or(otherwise, |cap| cap.reason.clone())
}

fn audit_title(c: &Candidate<'_>) -> &'static str {
    match c.cap.map(|cap| cap.code) {
        Some(CapCode::NoAuditProgramme) => "Plan the internal audit programme",
        Some(CapCode::AuditNotPerformed) => "Perform a first internal audit",
        _ => "Complete the internal audit cycle",
    }
}

fn review_title(c: &Candidate<'_>) -> &'static str {
    match c.cap.map(|cap| cap.code) {
        Some(CapCode::NoReviewScheduled) => "Schedule the management review",
        _ => "Hold the management review",
    }
}

fn actions_title(c: &Candidate<'_>) -> &'static str {
    match c.cap.map(|cap| cap.code) {
        Some(CapCode::OpenMajorNonconformity) => "Close the open major nonconformity",
        Some(CapCode::MinorNonconformityUnplanned) => {
            "Record cause and corrective action for open nonconformities"
        }
        _ => "Finish the overdue actions",
    }
}
