//! The project's Overview: where the firm stands and what to do next.
//!
//! [`overview`] gathers, from views the other screens already build, the Stage 1 and Stage 2
//! verdicts with their top reasons, the three most useful next steps ([`next_steps`], ranked
//! by what holds a verdict back first), what is due or overdue in the next weeks (calendar
//! duties and actions, nonconformity corrective actions among them) and the progress of each
//! step of the path to certification. The UI shows what the view carries.

mod due;
mod progress;
mod rank;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assessment::PlannedAction;
use crate::calendar::Occurrence;
use crate::documents::RegisterEntry;
use crate::scoring::{Scorecard, StageResult, Verdict, VerdictInputs, round1};
use crate::wizard::steps::StepStatus;

pub use due::{DUE_HORIZON_DAYS, DueItem, DueSource, MAX_DUE_ITEMS, due_items};
pub use progress::{ProgressArea, StepProgress, progress};
pub use rank::{NEXT_STEPS, NextStep, NextStepKind, next_steps};

/// A screen inside an open project, as the UI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProjectScreen {
    /// The setup wizard.
    Wizard,
    /// The document register.
    Policies,
    /// Roles and separation of duties.
    Roles,
    /// The self-assessment.
    Assessment,
    /// The scorecard and the action plan (nonconformities and corrective actions).
    Scorecard,
    /// Imported operating records.
    Records,
    /// The risk register.
    Risks,
    /// The SMS calendar.
    Calendar,
    /// Internal audit.
    Audits,
    /// Management review.
    Reviews,
    /// The dossier.
    Dossier,
}

/// Most reasons a stage summary lists (the scorecard shows them all).
pub const MAX_REASONS: usize = 3;

/// One reason a stage is not ready.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StageReason {
    /// Why, in an auditor's words.
    pub text: String,
    /// What would lift it (empty when the reason is a question gap).
    pub lift: String,
    /// A likely major nonconformity (hard cap) rather than a gap to close before booking.
    pub hard: bool,
}

/// A stage verdict as the Overview shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StageSummary {
    /// 1 or 2.
    pub stage: u8,
    /// Ready, nearly ready or not ready.
    pub verdict: Verdict,
    /// The capped stage score, rounded to one decimal.
    pub score: f64,
    /// The top reasons: caps first (hard ones first), else the largest question gaps.
    pub reasons: Vec<StageReason>,
    /// Reasons not listed (the scorecard shows every one).
    pub more: u32,
}

impl StageSummary {
    /// The summary of `result` for `stage`.
    pub fn of(stage: u8, result: &StageResult) -> Self {
        let caps = result.caps.iter().map(|c| StageReason {
            text: c.reason.clone(),
            lift: c.lift.clone(),
            hard: c.hard,
        });
        let all: Vec<StageReason> = if result.caps.is_empty() && result.verdict != Verdict::Ready {
            result
                .reasons
                .iter()
                .map(|g| StageReason {
                    text: format!("{} (clause {}): {}", g.question_id, g.clause, g.text),
                    lift: String::new(),
                    hard: g.blocking,
                })
                .collect()
        } else {
            caps.collect()
        };
        let more = u32::try_from(all.len().saturating_sub(MAX_REASONS)).unwrap_or(u32::MAX);
        Self {
            stage,
            verdict: result.verdict,
            score: round1(result.capped_score),
            reasons: all.into_iter().take(MAX_REASONS).collect(),
            more,
        }
    }
}

/// What the Overview shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OverviewView {
    /// The day it was made for (`YYYY-MM-DD`).
    pub today: String,
    /// Questions answered and in the bank.
    pub answered: u32,
    /// Questions in the bank.
    pub questions: u32,
    /// Too few answers for the verdicts to mean much yet.
    pub provisional: bool,
    /// The Stage 1 (documentation) verdict.
    pub stage1: StageSummary,
    /// The Stage 2 (implementation and operation) verdict.
    pub stage2: StageSummary,
    /// At most [`NEXT_STEPS`] steps, most useful first.
    pub next_steps: Vec<NextStep>,
    /// Overdue items, then items due within [`DUE_HORIZON_DAYS`] days, earliest first; at
    /// most [`MAX_DUE_ITEMS`].
    pub due: Vec<DueItem>,
    /// Overdue items in all (listed or not).
    pub overdue_count: u32,
    /// Items due within the horizon in all (listed or not), not counting overdue ones.
    pub due_count: u32,
    /// Progress of each step of the path, in path order.
    pub progress: Vec<StepProgress>,
}

/// What the Overview is built from: views the other screens already build.
#[derive(Debug, Clone, Copy)]
pub struct OverviewInputs<'a> {
    /// The day to judge on.
    pub today: NaiveDate,
    /// The scorecard on `today`.
    pub scorecard: &'a Scorecard,
    /// What the verdicts read besides the answers (audit and review facts, operating period).
    pub inputs: &'a VerdictInputs,
    /// The setup wizard's step list.
    pub wizard_steps: &'a [StepStatus],
    /// The document register's rows.
    pub documents: &'a [RegisterEntry],
    /// Calendar occurrences from today on, with every overdue one.
    pub occurrences: &'a [Occurrence],
    /// The action plan (gaps, audit findings, review outputs, other).
    pub actions: &'a [PlannedAction],
}

/// The Overview of a project.
pub fn overview(i: &OverviewInputs<'_>) -> OverviewView {
    let due = due_items(i.occurrences, i.actions, i.today);
    let count = |overdue: bool| {
        u32::try_from(due.iter().filter(|d| d.overdue == overdue).count()).unwrap_or(u32::MAX)
    };
    let (overdue_count, due_count) = (count(true), count(false));
    OverviewView {
        today: i.today.format("%Y-%m-%d").to_string(),
        answered: i.scorecard.answered,
        questions: i.scorecard.questions,
        provisional: i.scorecard.provisional,
        stage1: StageSummary::of(1, &i.scorecard.stage1),
        stage2: StageSummary::of(2, &i.scorecard.stage2),
        next_steps: next_steps(i),
        due: due.into_iter().take(MAX_DUE_ITEMS).collect(),
        overdue_count,
        due_count,
        progress: progress(i),
    }
}

/// Required library documents (the firm's own and recommended extras do not count).
pub(crate) fn required_documents(
    entries: &[RegisterEntry],
) -> impl Iterator<Item = &RegisterEntry> {
    entries.iter().filter(|e| e.required && !e.custom)
}
