//! The certification roadmap: the steps from "scope and documents" to recertification, planned
//! backwards from the firm's target date, each with its status read from the project, what
//! the auditor does there and what remains; a warning when the target is too close for what
//! remains; how to choose a certification body; and what a firm's existing certificates let
//! it reuse ([`reuse`]).
//!
//! Everything is computed from what the verdict already reads ([`RoadmapFacts`]: the
//! scorecard, its [`VerdictInputs`], the document register and the firm profile), so the
//! roadmap and the scorecard never disagree about the same project.

mod bodies;
mod plan;
mod reuse;
mod steps;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::content::Library;
use crate::documents::Register;
use crate::scoring::{Scorecard, ScoringSettings, Verdict, VerdictInputs};
use crate::wizard::FirmProfile;

pub use bodies::{BODY_GUIDANCE, GuidanceItem};
pub use plan::{
    AUDIT_CYCLE_MIN_DAYS, BOOKING_LEAD_DAYS, DOCUMENTS_MIN_DAYS, Earliest, Plan,
    REVIEW_AFTER_AUDIT_DAYS, STAGE_GAP_DAYS, STAGE_GAP_MIN_DAYS, TIGHT_SLACK_DAYS, earliest, plan,
};
pub use reuse::{ClauseState, ReuseDocument, ReuseLink, ReuseView, UpgradeRow, reuse_view};

/// The steps of the certification journey, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RoadmapStepKind {
    /// Scope statement and the required documents, approved.
    ScopeAndDocuments,
    /// The processes run with records for the chosen number of months.
    Operate,
    /// A full internal-audit cycle over clauses 4 to 10.
    InternalAudit,
    /// A management review held by top management.
    ManagementReview,
    /// The certification body's Stage 1 audit.
    Stage1,
    /// The certification body's Stage 2 audit.
    Stage2,
    /// First surveillance audit (year one).
    Surveillance1,
    /// Second surveillance audit (year two).
    Surveillance2,
    /// Recertification audit before the certificate expires.
    Recertification,
}

/// Where a step stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RoadmapStatus {
    /// The project shows it done.
    Done,
    /// Started, not finished, still within its window.
    InProgress,
    /// Not started; its window has not passed.
    NotStarted,
    /// Its window has passed (or it cannot finish in time) and it is not done.
    Late,
}

/// One step of the roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoadmapStep {
    /// Which step.
    pub kind: RoadmapStepKind,
    /// Its title.
    pub title: String,
    /// Planned start (`YYYY-MM-DD`).
    pub from: String,
    /// Planned end (`YYYY-MM-DD`); equal to `from` for a one-off audit.
    pub to: String,
    /// Where it stands.
    pub status: RoadmapStatus,
    /// What the project shows, e.g. "14 of 22 required documents approved".
    pub progress: String,
    /// What the auditor does at this step, or looks for from it.
    pub auditor: String,
    /// What is still to do, most important first (empty when done).
    pub remains: Vec<String>,
    /// For Stage 1 and Stage 2: the readiness verdict today.
    pub readiness: Option<Verdict>,
    /// The screen where the work is done (an id of the UI's screens), if any.
    pub screen: Option<String>,
}

/// How serious the roadmap warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WarningLevel {
    /// No target date: the roadmap shows the earliest dates possible.
    NoTarget,
    /// The target date has passed.
    Passed,
    /// The target is earlier than what remains allows.
    TooClose,
    /// The target can be met, with less than [`TIGHT_SLACK_DAYS`] to spare.
    Tight,
}

/// Why the target date cannot (or can only just) be met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoadmapWarning {
    /// How serious.
    pub level: WarningLevel,
    /// One sentence.
    pub title: String,
    /// The reasoning, one constraint per line, in the order they bind.
    pub reasons: Vec<String>,
}

/// Everything the roadmap screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Roadmap {
    /// The day it was computed for.
    pub today: String,
    /// The firm's target certification date, if set.
    pub target_date: Option<String>,
    /// The Stage 2 date the plan is built back from: the planned Stage 2 date of the scoring
    /// settings, else the target date, else the earliest possible date.
    pub stage2_date: String,
    /// Days from today to `stage2_date` (negative once passed).
    pub days_left: i64,
    /// The earliest Stage 2 date what remains allows.
    pub earliest_stage2: String,
    /// Months of records the plan asks for before Stage 2.
    pub operating_months: u32,
    /// The steps, in order.
    pub steps: Vec<RoadmapStep>,
    /// Shown above the steps when the target is missing, passed, too close or tight.
    pub warning: Option<RoadmapWarning>,
    /// The certification body named in the firm profile (may be empty).
    pub certification_body: String,
    /// How to choose a certification body.
    pub body_guidance: Vec<GuidanceItem>,
    /// What the firm's existing certificates let it reuse.
    pub reuse: ReuseView,
}

/// What the roadmap reads: the same facts the verdict reads, plus the document register.
#[derive(Debug, Clone, Copy)]
pub struct RoadmapFacts<'a> {
    /// The firm profile (target date, certification body, certificates held).
    pub profile: &'a FirmProfile,
    /// The scoring settings (months of records, planned Stage 2 date).
    pub settings: &'a ScoringSettings,
    /// What the verdict reads besides the answers.
    pub inputs: &'a VerdictInputs,
    /// The scorecard judged with `inputs`.
    pub scorecard: &'a Scorecard,
    /// The document register.
    pub documents: &'a Register,
}

/// Parses a `YYYY-MM-DD` date.
fn day(text: Option<&str>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok())
}

/// `YYYY-MM-DD`.
fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The roadmap of a project on `today`.
pub fn roadmap(lib: &Library, facts: &RoadmapFacts<'_>, today: NaiveDate) -> Roadmap {
    let state = steps::State::read(facts, today);
    let earliest = earliest(&state.remaining(), facts.profile, today);
    let target = day(facts.profile.target_date.as_deref());
    let anchor = day(facts.settings.stage2_date.as_deref())
        .or(target)
        .unwrap_or(earliest.stage2);
    let months = facts.settings.min_operating_months;
    let plan = plan(anchor, months);
    Roadmap {
        today: ymd(today),
        target_date: target.map(ymd),
        stage2_date: ymd(anchor),
        days_left: (anchor - today).num_days(),
        earliest_stage2: ymd(earliest.stage2),
        operating_months: months,
        steps: steps::steps(&plan, &state, facts, today),
        warning: plan::warning(target.map(|_| anchor), &earliest, today),
        certification_body: facts.profile.certification_body.trim().to_owned(),
        body_guidance: BODY_GUIDANCE
            .iter()
            .map(|(title, text)| GuidanceItem {
                title: (*title).to_owned(),
                text: (*text).to_owned(),
            })
            .collect(),
        reuse: reuse_view(lib, facts, facts.profile),
    }
}
