//! Stage verdicts, the caps that override them, and the gap items that explain them.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::inputs::{MONTHS_PER_OPERATED_CYCLE, SodConflict, VerdictInputs};
use super::maturity::{Answer, MaturityLevel, Stage, Support, effective_level};
use super::score::{ClauseScore, Tally};
use crate::content::{Clause, Document, DocumentKind, Gate, Question, top_level_of};

/// The version of the verdict rules. Stored with every scorecard, so a snapshot made under
/// older rules can be told apart (and re-judged) when the rules change.
/// - 1: blocking questions, weak top-level clauses.
/// - 2: clause floors, internal audit and management review gates, operating period,
///   evidence kinds, setup errors and separation of duties in the verdict.
pub const RULES_VERSION: u32 = 2;

/// Stage 2 floor per requirement clause: a clause whose score (`S(Q, 4)`) is below this, or
/// whose questions are all at level 0–1, is *wholly unaddressed* and forces `NotReady`.
///
/// Why 25: it is exactly the score of a clause whose every question sits at level 1 (done
/// informally, by habit). Under it the clause has, weight for weight, less than informal
/// practice: most of it is absent. A certification auditor grades a requirement that is not
/// addressed at all as a major nonconformity, whatever the rest of the system looks like.
pub const CLAUSE_FLOOR: f64 = 25.0;

/// The level the internal-audit and management-review questions must reach at Stage 1 to
/// count as *being performed*: 3, in use with first records (an audit or review held).
pub const PERFORMED_LEVEL: MaturityLevel = MaturityLevel::Implemented;

/// The level the audit-cycle question must reach for Stage 2: 4, a full cycle over clauses 4
/// to 10 completed with records.
pub const AUDIT_CYCLE_LEVEL: MaturityLevel = MaturityLevel::Operated;

/// The level the review-held question must reach for Stage 2: 3, at least one review held by
/// top management with minutes.
pub const REVIEW_HELD_LEVEL: MaturityLevel = MaturityLevel::Implemented;

/// Level every Stage 1 question must reach for the Stage 1 audit: 2, an approved document.
pub const STAGE1_REQUIRED: MaturityLevel = MaturityLevel::Documented;

/// Level every question (Stage 1 and Stage 2) must reach for the Stage 2 audit: 4, operated
/// for a full cycle with records. This is also the certification target that
/// [`impact`] measures the distance to.
pub const STAGE2_REQUIRED: MaturityLevel = MaturityLevel::Operated;

/// A blocking question below this level at Stage 2 is a hard cap (likely a major
/// nonconformity): 3, implemented. At exactly this level it is a soft cap (in use, but no full
/// cycle of records yet).
pub const STAGE2_BLOCKING_MINIMUM: MaturityLevel = MaturityLevel::Implemented;

/// A capped stage score of at least this (and no cap triggered) is [`Verdict::Ready`].
/// Section 8.5 starting value, to be calibrated with pilot customers.
pub const READY_THRESHOLD: f64 = 85.0;

/// A capped stage score of at least this is [`Verdict::NearlyReady`]; below it,
/// [`Verdict::NotReady`]. Section 8.5 starting value.
pub const NEARLY_READY_THRESHOLD: f64 = 65.0;

/// Hard cap: a stage score is shown as at most this when a hard cap triggers, which forces
/// [`Verdict::NotReady`]. Just below [`NEARLY_READY_THRESHOLD`].
pub const HARD_CAP: f64 = 64.0;

/// Soft cap: a stage score is shown as at most this when a soft cap triggers, which makes
/// [`Verdict::NearlyReady`] the best possible verdict. Just below [`READY_THRESHOLD`].
pub const SOFT_CAP: f64 = 84.0;

/// At Stage 2, a top-level clause (4..10) whose clause score is below this triggers a soft cap:
/// auditors sample every clause, so one neglected clause is not hidden by strong others.
pub const WEAK_CLAUSE_THRESHOLD: f64 = 50.0;

// The bands only make sense in this order; checked at compile time.
const _: () = assert!(
    WEAK_CLAUSE_THRESHOLD < NEARLY_READY_THRESHOLD
        && HARD_CAP < NEARLY_READY_THRESHOLD
        && NEARLY_READY_THRESHOLD <= SOFT_CAP
        && SOFT_CAP < READY_THRESHOLD
);

/// Below this share of answered questions (percent), the scorecard is marked provisional.
pub const COMPLETENESS_WARNING: f64 = 90.0;

/// How ready the firm is for an audit stage. Ordered: `NotReady < NearlyReady < Ready`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Major gaps that an auditor would likely raise as major nonconformities.
    NotReady,
    /// Close: the listed gaps should be closed before booking the audit.
    NearlyReady,
    /// Book the audit and keep the records flowing.
    Ready,
}

impl Verdict {
    /// The verdict a capped score earns on its own, before caps lower it.
    pub fn from_score(score: f64) -> Self {
        if score >= READY_THRESHOLD {
            Self::Ready
        } else if score >= NEARLY_READY_THRESHOLD {
            Self::NearlyReady
        } else {
            Self::NotReady
        }
    }
}

/// Why a stage's verdict is capped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CapCode {
    /// Hard. Stage 1: a blocking Stage 1 question below level 2. Stage 2: a blocking question
    /// (either stage) below level 3.
    BlockingBelowMinimum,
    /// Soft, Stage 2 only: a blocking question at level 3 (in use, not yet operated with
    /// records for a full cycle).
    BlockingNotOperated,
    /// Soft, Stage 2 only: a top-level clause scores below [`WEAK_CLAUSE_THRESHOLD`].
    WeakClause,
    /// Hard: the stage has no questions to judge (an empty or broken question bank).
    NoQuestions,
    /// Hard, Stage 1: the setup wizard would refuse something in the project (the scope is
    /// the first thing a Stage 1 auditor reads). One cap per open error.
    SetupError,
    /// Hard, Stage 1: no internal audit programme.
    NoAuditProgramme,
    /// Hard, Stage 1: no management review scheduled with a date.
    NoReviewScheduled,
    /// Soft, Stage 1: audits are planned but none has been performed yet.
    AuditNotPerformed,
    /// Soft, Stage 1: reviews are scheduled but none has been held yet.
    ReviewNotHeld,
    /// Soft, Stage 1: a requirement clause calls for a document and none is in place. One
    /// cap per clause.
    MissingDocumentedInformation,
    /// Hard, Stage 2: a requirement clause is wholly unaddressed (see [`CLAUSE_FLOOR`]). One
    /// cap per clause.
    UnaddressedClause,
    /// Hard, Stage 2: no completed internal audit cycle over all clauses.
    NoAuditCycle,
    /// Hard, Stage 2: no management review held.
    NoManagementReview,
    /// Soft, Stage 2: fewer months of records than expected before the Stage 2 date.
    OperatingPeriod,
    /// Hard, Stage 2: an internal auditor would audit their own work. One cap per conflict.
    AuditorIndependence,
    /// Soft, Stage 2: an open block-severity separation-of-duties conflict. One cap per
    /// conflict.
    SodConflict,
}

impl CapCode {
    /// Whether the cap forces `NotReady` (hard) or allows at most `NearlyReady` (soft).
    pub const fn is_hard(self) -> bool {
        matches!(
            self,
            Self::BlockingBelowMinimum
                | Self::NoQuestions
                | Self::SetupError
                | Self::NoAuditProgramme
                | Self::NoReviewScheduled
                | Self::UnaddressedClause
                | Self::NoAuditCycle
                | Self::NoManagementReview
                | Self::AuditorIndependence
        )
    }
}

/// A triggered cap: it overrides the numeric score and limits the verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Cap {
    /// What triggered it.
    pub code: CapCode,
    /// Hard caps force `NotReady`; soft caps allow at most `NearlyReady`.
    pub hard: bool,
    /// The score shown is at most this ([`HARD_CAP`] or [`SOFT_CAP`]).
    pub limit: f64,
    /// The top-level clause, for [`CapCode::WeakClause`].
    pub clause: Option<String>,
    /// The questions that trigger it, in gap order.
    pub questions: Vec<String>,
    /// The separation-of-duties rule, for conflicts.
    #[serde(default)]
    pub rule: Option<String>,
    /// The person concerned, for conflicts.
    #[serde(default)]
    pub person: Option<String>,
    /// Why it applies, in words an auditor would recognise.
    #[serde(default)]
    pub reason: String,
    /// What would lift it.
    #[serde(default)]
    pub lift: String,
}

/// How a stage's check stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// A hard cap applies: likely a major nonconformity.
    Failed,
    /// A soft cap applies: close the gap before booking.
    Limited,
    /// Nothing limits the verdict here.
    Met,
}

/// One thing the auditor will check at a stage, and how the firm stands against it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Check {
    /// Short topic, e.g. "Internal audit".
    pub topic: String,
    /// What the auditor looks at, in one sentence.
    pub looks_at: String,
    /// Met, limited (soft cap) or failed (hard cap).
    pub status: CheckStatus,
    /// The caps of this stage that belong to the check.
    pub caps: Vec<CapCode>,
}

/// One question below the level a stage requires: an item on the action plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Gap {
    /// Question id, e.g. `Q-6.3-01`.
    pub question_id: String,
    /// The requirement clause the question checks.
    pub clause: String,
    /// The question text.
    pub text: String,
    /// The effective level it counts for now (after the evidence rule).
    pub level: MaturityLevel,
    /// The level the firm answered, or `None` when unanswered.
    pub answered_level: Option<MaturityLevel>,
    /// `true` when the answered level counts lower only because no evidence is attached:
    /// attaching evidence is the first action.
    pub evidence_missing: bool,
    /// The level the stage requires.
    pub required: MaturityLevel,
    /// Whether the question is blocking (a likely major nonconformity).
    pub blocking: bool,
    /// The stage the question belongs to (1 or 2).
    pub stage: u8,
    /// The question's weight, 1..3.
    pub weight: u8,
    /// `weight × (required − level)`: how much closing the gap moves the stage score.
    pub impact: u32,
    /// The kind of evidence to attach so the answered level counts (`None` when the
    /// evidence is enough or the answer is below the required level anyway).
    #[serde(default)]
    pub evidence_needed: Option<Support>,
}

/// The judgement for one audit stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StageResult {
    /// Ready, nearly ready or not ready.
    pub verdict: Verdict,
    /// The stage readiness score before caps, 0..=100. Stage 1: `S(Stage 1 questions, 2)`,
    /// the weighted attainment of level 2 by the Stage 1 questions. Stage 2:
    /// `S(all questions, 4)`, the weighted attainment of level 4 by every question.
    pub score: f64,
    /// `min(score, lowest triggered cap limit)`: the number to show next to the verdict.
    pub capped_score: f64,
    /// Every triggered cap, hard ones first.
    pub caps: Vec<Cap>,
    /// The gaps behind the verdict: every question of the stage's scope below the stage's
    /// required level, ordered blocking first, then by impact (highest first), then Stage 1
    /// before Stage 2, then clause order, then id. Never empty when the verdict is not `Ready`
    /// (unless the stage has no questions at all, which [`CapCode::NoQuestions`] reports).
    /// When `Ready`, whatever is still below the required level (possibly nothing).
    /// Stage 1 also lists the internal-audit and management-review questions that keep a
    /// Stage 1 cap in place.
    pub reasons: Vec<Gap>,
    /// What the auditor checks at this stage, in the order an audit goes, each with its
    /// status; the caps say why and what would lift them.
    #[serde(default)]
    pub checks: Vec<Check>,
}

/// `weight × (target − effective level)`, or 0 at or above the target.
pub fn impact_towards(question: &Question, answer: Option<&Answer>, target: MaturityLevel) -> u32 {
    let level = effective_level(question, answer);
    u32::from(question.weight) * u32::from(target.value().saturating_sub(level.value()))
}

/// The impact of a question on the action plan: `weight × (4 − effective level)`, 0 at level 4
/// or 5. The target is [`STAGE2_REQUIRED`], the level every question needs for certification;
/// stage gap lists use the stage's own required level instead (see [`Gap::impact`]).
pub fn impact(question: &Question, answer: Option<&Answer>) -> u32 {
    impact_towards(question, answer, STAGE2_REQUIRED)
}

/// Compares clause ids in document order: numerically segment by segment (`8.2` < `8.10`
/// < `9`), non-numeric segments after numeric ones and by text.
pub fn clause_order(a: &str, b: &str) -> Ordering {
    let mut left = a.split('.');
    let mut right = b.split('.');
    loop {
        match (left.next(), right.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let ord = match (x.parse::<u32>(), y.parse::<u32>()) {
                    (Ok(m), Ok(n)) => m.cmp(&n),
                    (Ok(_), Err(_)) => Ordering::Less,
                    (Err(_), Ok(_)) => Ordering::Greater,
                    (Err(_), Err(_)) => x.cmp(y),
                };
                if ord != Ordering::Equal {
                    return ord;
                }
            }
        }
    }
}

/// The action-plan order of section 8.5: blocking first, then impact (descending), then
/// Stage 1 before Stage 2, then clause order, then question id.
pub fn gap_order(a: &Gap, b: &Gap) -> Ordering {
    b.blocking
        .cmp(&a.blocking)
        .then_with(|| b.impact.cmp(&a.impact))
        .then_with(|| a.stage.cmp(&b.stage))
        .then_with(|| clause_order(&a.clause, &b.clause))
        .then_with(|| a.question_id.cmp(&b.question_id))
}

/// One question with its answer and effective level, as the engine sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scored<'a> {
    pub(crate) question: &'a Question,
    pub(crate) answer: Option<Answer>,
    pub(crate) level: MaturityLevel,
    pub(crate) stage: Stage,
}

impl Scored<'_> {
    /// The gap of this question against `required`, or `None` if it reaches it.
    pub(crate) fn gap(&self, required: MaturityLevel) -> Option<Gap> {
        if self.level >= required {
            return None;
        }
        let q = self.question;
        Some(Gap {
            question_id: q.id.clone(),
            clause: q.clause.clone(),
            text: q.text.clone(),
            level: self.level,
            answered_level: self.answer.map(|a| a.level),
            evidence_missing: self.answer.is_some_and(|a| a.level > self.level),
            required,
            blocking: q.blocking,
            stage: self.stage.number(),
            weight: q.weight,
            impact: u32::from(q.weight) * u32::from(required.value() - self.level.value()),
            evidence_needed: self.answer.and_then(|a| {
                a.support
                    .needed_for(a.level.min(required), self.stage.number())
            }),
        })
    }

    /// Whether the answer reaches level 2 with current evidence attached: the documented
    /// information it asks about is in place.
    fn documented(&self) -> bool {
        self.level >= MaturityLevel::Documented && self.answer.is_some_and(|a| a.has_evidence())
    }
}

/// What the verdict rules read besides the answers: the questions and the content they point
/// to (clause titles, which documents are required).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context<'a> {
    pub(crate) items: &'a [Scored<'a>],
    pub(crate) clauses: &'a [Clause],
    pub(crate) documents: &'a [Document],
    pub(crate) inputs: &'a VerdictInputs,
}

impl<'a> Context<'a> {
    /// `8.7.2 (Service continuity management)`, or the bare id when the title is unknown.
    fn clause_name(&self, id: &str) -> String {
        match self.clauses.iter().find(|c| c.id == id) {
            Some(c) => format!("{id} ({})", c.title),
            None => id.to_owned(),
        }
    }

    /// The questions grouped by the clause they are attached to, in clause order.
    fn by_clause(&self) -> Vec<(&'a str, Vec<&'a Scored<'a>>)> {
        let mut groups: BTreeMap<&'a str, Vec<&'a Scored<'a>>> = BTreeMap::new();
        for item in self.items {
            groups
                .entry(item.question.clause.as_str())
                .or_default()
                .push(item);
        }
        let mut out: Vec<(&'a str, Vec<&'a Scored<'a>>)> = groups.into_iter().collect();
        out.sort_by(|a, b| clause_order(a.0, b.0));
        out
    }

    /// The questions carrying `gate` and the lowest effective level among them, or `None`
    /// when no question carries it.
    fn gate(&self, gate: Gate) -> Option<GateState<'a>> {
        let items: Vec<&'a Scored<'a>> = self
            .items
            .iter()
            .filter(|s| s.question.gate == Some(gate))
            .collect();
        let level = items.iter().map(|s| s.level).min()?;
        Some(GateState { level, items })
    }

    /// The required maintained documents a clause's questions name, by name.
    fn required_documents(&self, questions: &[&Scored<'_>]) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for id in questions.iter().flat_map(|s| &s.question.documents) {
            let Some(d) = self.documents.iter().find(|d| &d.id == id) else {
                continue;
            };
            if d.required && d.kind == DocumentKind::Document && !names.contains(&d.name) {
                names.push(d.name.clone());
            }
        }
        names
    }
}

/// The questions of one gate, and the lowest effective level among them.
struct GateState<'a> {
    level: MaturityLevel,
    items: Vec<&'a Scored<'a>>,
}

impl GateState<'_> {
    /// The gaps against `required`, in gap order.
    fn gaps(&self, required: MaturityLevel) -> Vec<Gap> {
        let mut gaps: Vec<Gap> = self.items.iter().filter_map(|s| s.gap(required)).collect();
        gaps.sort_by(gap_order);
        gaps
    }

    /// Ids of the questions below `required`, in gap order.
    fn below(&self, required: MaturityLevel) -> Vec<String> {
        self.gaps(required)
            .into_iter()
            .map(|g| g.question_id)
            .collect()
    }
}

/// A cap with its reason and lift.
fn cap(code: CapCode, questions: Vec<String>, reason: String, lift: String) -> Cap {
    let hard = code.is_hard();
    Cap {
        code,
        hard,
        limit: if hard { HARD_CAP } else { SOFT_CAP },
        clause: None,
        questions,
        rule: None,
        person: None,
        reason,
        lift,
    }
}

fn with_clause(mut c: Cap, clause: &str) -> Cap {
    c.clause = Some(clause.to_owned());
    c
}

/// ` (Q-a, Q-b, …)` for a reason: up to [`IDS_IN_REASON`] ids, then how many more (the cap's
/// `questions` holds them all).
fn ids_list(ids: &[String]) -> String {
    match ids.len() {
        0 => String::new(),
        n if n <= IDS_IN_REASON => format!(" ({})", ids.join(", ")),
        n => format!(
            " ({} and {} more)",
            ids[..IDS_IN_REASON].join(", "),
            n - IDS_IN_REASON
        ),
    }
}

/// Most question ids a reason names.
const IDS_IN_REASON: usize = 6;

/// What an auditor checks at a stage: topic, what is looked at, the caps that belong to it.
type CheckDef = (&'static str, &'static str, &'static [CapCode]);

const STAGE1_CHECKS: &[CheckDef] = &[
    (
        "Scope and setup",
        "The scope statement names the organization, services, customers and locations, \
         excludes no requirement of the standard, and agrees with the service catalogue.",
        &[CapCode::SetupError],
    ),
    (
        "Documented information",
        "The documents the standard requires exist, are approved and under control, starting \
         with scope, policy and service management plan.",
        &[
            CapCode::BlockingBelowMinimum,
            CapCode::MissingDocumentedInformation,
            CapCode::NoQuestions,
        ],
    ),
    (
        "Internal audit planned and under way",
        "An internal audit programme covers every clause and service, and audits have started.",
        &[CapCode::NoAuditProgramme, CapCode::AuditNotPerformed],
    ),
    (
        "Management review planned and under way",
        "Top management has dated management reviews in the calendar, and has held one.",
        &[CapCode::NoReviewScheduled, CapCode::ReviewNotHeld],
    ),
];

const STAGE2_CHECKS: &[CheckDef] = &[
    (
        "Every requirement addressed",
        "Each requirement clause of 4 to 10 is in place; auditors sample every clause.",
        &[
            CapCode::UnaddressedClause,
            CapCode::WeakClause,
            CapCode::NoQuestions,
        ],
    ),
    (
        "Key practices operated with records",
        "The practices whose absence is a major nonconformity run with complete records for a \
         full cycle.",
        &[CapCode::BlockingBelowMinimum, CapCode::BlockingNotOperated],
    ),
    (
        "Internal audit cycle",
        "A full internal audit over clauses 4 to 10 is completed and reported, with findings \
         under corrective action.",
        &[CapCode::NoAuditCycle],
    ),
    (
        "Management review",
        "Top management has held at least one management review, after the internal audit, \
         with minutes, decisions and actions.",
        &[CapCode::NoManagementReview],
    ),
    (
        "Operating period",
        "Processes have run with records long enough before the audit (commonly three months).",
        &[CapCode::OperatingPeriod],
    ),
    (
        "Independence and separation of duties",
        "Nobody audits their own work, and no conflicting roles are left without control.",
        &[CapCode::AuditorIndependence, CapCode::SodConflict],
    ),
];

fn checks(defs: &[CheckDef], caps: &[Cap]) -> Vec<Check> {
    defs.iter()
        .map(|(topic, looks_at, codes)| {
            let mine: Vec<&Cap> = caps.iter().filter(|c| codes.contains(&c.code)).collect();
            let status = if mine.iter().any(|c| c.hard) {
                CheckStatus::Failed
            } else if mine.is_empty() {
                CheckStatus::Met
            } else {
                CheckStatus::Limited
            };
            let mut present: Vec<CapCode> = mine.iter().map(|c| c.code).collect();
            present.dedup();
            Check {
                topic: (*topic).to_owned(),
                looks_at: (*looks_at).to_owned(),
                status,
                caps: present,
            }
        })
        .collect()
}

/// Applies the caps to a score and turns it into a result.
fn judge(
    score: Option<f64>,
    mut caps: Vec<Cap>,
    mut reasons: Vec<Gap>,
    defs: &[CheckDef],
) -> StageResult {
    if score.is_none() {
        caps.push(cap(
            CapCode::NoQuestions,
            Vec::new(),
            "The question bank has no questions for this stage, so nothing can be judged.".into(),
            "Repair the question bank (reinstall the app).".into(),
        ));
    }
    let score = score.unwrap_or(0.0);
    caps.sort_by(|a, b| {
        b.hard
            .cmp(&a.hard)
            .then(a.code.cmp(&b.code))
            .then_with(|| {
                clause_order(
                    a.clause.as_deref().unwrap_or(""),
                    b.clause.as_deref().unwrap_or(""),
                )
            })
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| a.person.cmp(&b.person))
            .then_with(|| a.reason.cmp(&b.reason))
    });
    let limit = caps.iter().map(|c| c.limit).fold(f64::INFINITY, f64::min);
    let capped_score = score.min(limit);
    let ceiling = if caps.iter().any(|c| c.hard) {
        Verdict::NotReady
    } else if caps.is_empty() {
        Verdict::Ready
    } else {
        Verdict::NearlyReady
    };
    reasons.sort_by(gap_order);
    reasons.dedup_by(|a, b| a.question_id == b.question_id);
    StageResult {
        verdict: Verdict::from_score(capped_score).min(ceiling),
        score,
        capped_score,
        checks: checks(defs, &caps),
        caps,
        reasons,
    }
}

/// Stage 1 (documentation and readiness): what a Stage 1 auditor judges.
///
/// - Score `R1 = S(Stage 1 questions, T = 2)`: weighted attainment of level 2.
/// - Hard [`CapCode::BlockingBelowMinimum`]: any blocking Stage 1 question below level 2.
/// - Hard [`CapCode::SetupError`]: each open setup error (scope, services, profile).
/// - Hard [`CapCode::NoAuditProgramme`] / [`CapCode::NoReviewScheduled`]: the internal audit
///   programme or the dated management review schedule is missing (the questions with gate
///   `audit_programme` / `review_schedule` below level 2, or the registers' facts).
/// - Soft [`CapCode::AuditNotPerformed`] / [`CapCode::ReviewNotHeld`]: planned, but no audit
///   performed / no review held yet (gate `audit_cycle` / `review_held` below
///   [`PERFORMED_LEVEL`]).
/// - Soft [`CapCode::MissingDocumentedInformation`]: a requirement clause whose questions name
///   a required maintained document, with no answer of the clause at level 2 or more with
///   evidence.
pub(crate) fn stage1(cx: &Context<'_>, stage1_tally: &Tally) -> StageResult {
    let mut gaps: Vec<Gap> = cx
        .items
        .iter()
        .filter(|s| s.stage == Stage::One)
        .filter_map(|s| s.gap(STAGE1_REQUIRED))
        .collect();
    let mut caps = Vec::new();
    let blocking = blocking_ids(&gaps, |_| true);
    if !blocking.is_empty() {
        caps.push(cap(
            CapCode::BlockingBelowMinimum,
            blocking.clone(),
            format!(
                "{} blocking Stage 1 question(s) are below level 2 (approved, in place and \
                 linked){}: a Stage 1 auditor looks for these first.",
                blocking.len(),
                ids_list(&blocking)
            ),
            "Approve each document or decision, put it in place and link it as evidence \
             (level 2 or more)."
                .into(),
        ));
    }
    for e in &cx.inputs.setup_errors {
        caps.push(cap(
            CapCode::SetupError,
            Vec::new(),
            format!("Setup, {}: {}", e.step_label, e.message),
            format!(
                "Fix it in the setup wizard ({} step); the scope statement and the dossier use \
                 this data.",
                e.step_label
            ),
        ));
    }
    audit_and_review_stage1(cx, &mut caps, &mut gaps);
    for (clause, items) in cx.by_clause() {
        let docs = cx.required_documents(&items);
        if docs.is_empty() || items.iter().any(|s| s.documented()) {
            continue;
        }
        let ids: Vec<String> = items.iter().map(|s| s.question.id.clone()).collect();
        caps.push(with_clause(
            cap(
                CapCode::MissingDocumentedInformation,
                ids,
                format!(
                    "Clause {} calls for documented information ({}) and none is in place: no \
                     answer of the clause is at level 2 or more with evidence attached.",
                    cx.clause_name(clause),
                    docs.join(", ")
                ),
                "Write and approve the document, then link it to one of the clause's \
                 questions."
                    .into(),
            ),
            clause,
        ));
    }
    judge(
        stage1_tally.attainment(STAGE1_REQUIRED),
        caps,
        gaps,
        STAGE1_CHECKS,
    )
}

/// A planned-and-performed pair of facts at Stage 1: whether the plan exists and whether the
/// activity has been performed, each `None` when unknown, with the questions behind them.
struct PlanFacts<'a> {
    planned: Option<bool>,
    performed: Option<bool>,
    plan_gate: Option<GateState<'a>>,
    done_gate: Option<GateState<'a>>,
}

impl<'a> PlanFacts<'a> {
    fn from_answers(plan_gate: Option<GateState<'a>>, done_gate: Option<GateState<'a>>) -> Self {
        Self {
            planned: plan_gate.as_ref().map(|g| g.level >= STAGE1_REQUIRED),
            performed: done_gate.as_ref().map(|g| g.level >= PERFORMED_LEVEL),
            plan_gate,
            done_gate,
        }
    }

    fn plan_ids(&self) -> Vec<String> {
        self.plan_gate
            .as_ref()
            .map(|g| g.below(STAGE1_REQUIRED))
            .unwrap_or_default()
    }

    fn done_ids(&self) -> Vec<String> {
        self.done_gate
            .as_ref()
            .map(|g| g.below(PERFORMED_LEVEL))
            .unwrap_or_default()
    }

    /// Pushes the hard cap (nothing planned) or the soft cap (planned, nothing performed).
    fn apply(
        &self,
        caps: &mut Vec<Cap>,
        gaps: &mut Vec<Gap>,
        missing: (CapCode, &str, &str),
        not_done: (CapCode, &str, &str),
    ) {
        if self.planned == Some(false) {
            let ids = self.plan_ids();
            caps.push(cap(
                missing.0,
                ids.clone(),
                format!("{}{}{}", missing.1, ids_list(&ids), STAGE1_WHY),
                missing.2.to_owned(),
            ));
            if let Some(g) = &self.plan_gate {
                gaps.extend(g.gaps(STAGE1_REQUIRED));
            }
        } else if self.planned == Some(true) && self.performed == Some(false) {
            let ids = self.done_ids();
            caps.push(cap(
                not_done.0,
                ids.clone(),
                format!("{}{}{}", not_done.1, ids_list(&ids), STAGE1_WHY),
                not_done.2.to_owned(),
            ));
            if let Some(g) = &self.done_gate {
                gaps.extend(g.gaps(PERFORMED_LEVEL));
            }
        }
    }
}

const STAGE1_WHY: &str = ": a Stage 1 auditor checks that internal audits and management \
                          reviews are planned and being performed.";

/// The Stage 1 internal-audit and management-review caps.
fn audit_and_review_stage1(cx: &Context<'_>, caps: &mut Vec<Cap>, gaps: &mut Vec<Gap>) {
    let audit = match &cx.inputs.audit {
        Some(f) => PlanFacts {
            planned: Some(f.programme),
            performed: Some(f.performed > 0),
            plan_gate: None,
            done_gate: None,
        },
        None => PlanFacts::from_answers(cx.gate(Gate::AuditProgramme), cx.gate(Gate::AuditCycle)),
    };
    audit.apply(
        caps,
        gaps,
        (
            CapCode::NoAuditProgramme,
            "There is no internal audit programme",
            "Approve an audit programme that covers clauses 4 to 10 and every service over one \
             cycle, with the auditors named, and link it.",
        ),
        (
            CapCode::AuditNotPerformed,
            "Internal audits are planned but none has been performed yet",
            "Perform the first audits of the programme and link their reports.",
        ),
    );
    let review = match &cx.inputs.review {
        Some(f) => PlanFacts {
            planned: Some(f.next_planned.is_some() || f.held > 0),
            performed: Some(f.held > 0),
            plan_gate: None,
            done_gate: None,
        },
        None => PlanFacts::from_answers(cx.gate(Gate::ReviewSchedule), cx.gate(Gate::ReviewHeld)),
    };
    review.apply(
        caps,
        gaps,
        (
            CapCode::NoReviewScheduled,
            "No management review is scheduled with a date",
            "Put dated management reviews (at least yearly) in the service management plan or \
             calendar and link it.",
        ),
        (
            CapCode::ReviewNotHeld,
            "Management reviews are scheduled but none has been held yet",
            "Hold the first management review with top management and link the minutes.",
        ),
    );
}

/// Stage 2 (implementation and operation): every question counts.
///
/// - Score `R2 = S(all questions, T = 4)`: weighted attainment of level 4.
/// - Hard [`CapCode::BlockingBelowMinimum`]: any blocking question below level 3.
/// - Hard [`CapCode::UnaddressedClause`]: a requirement clause whose questions are all at
///   level 0–1 or whose score is under [`CLAUSE_FLOOR`].
/// - Hard [`CapCode::NoAuditCycle`]: no completed internal audit cycle over all clauses (gate
///   `audit_cycle` below [`AUDIT_CYCLE_LEVEL`], or clauses the audit records do not cover).
/// - Hard [`CapCode::NoManagementReview`]: no management review held (gate `review_held`
///   below [`REVIEW_HELD_LEVEL`], or no review record).
/// - Hard [`CapCode::AuditorIndependence`]: an internal auditor would audit their own work.
/// - Soft [`CapCode::BlockingNotOperated`]: any blocking question at level 3.
/// - Soft [`CapCode::WeakClause`]: any top-level clause scoring below
///   [`WEAK_CLAUSE_THRESHOLD`].
/// - Soft [`CapCode::OperatingPeriod`]: fewer months of records than the setting by the
///   planned Stage 2 date.
/// - Soft [`CapCode::SodConflict`]: any other open block-severity conflict.
pub(crate) fn stage2<'c>(
    cx: &Context<'_>,
    all: &Tally,
    top_level: impl Iterator<Item = (&'c str, &'c ClauseScore)>,
    requirement: &BTreeMap<&str, ClauseScore>,
) -> StageResult {
    let gaps: Vec<Gap> = cx
        .items
        .iter()
        .filter_map(|s| s.gap(STAGE2_REQUIRED))
        .collect();
    let mut caps = Vec::new();
    let hard = blocking_ids(&gaps, |g| g.level < STAGE2_BLOCKING_MINIMUM);
    if !hard.is_empty() {
        caps.push(cap(
            CapCode::BlockingBelowMinimum,
            hard.clone(),
            format!(
                "{} practice(s) whose absence is a major nonconformity are not in use with \
                 records{}.",
                hard.len(),
                ids_list(&hard)
            ),
            "Bring each to level 3 or more (in use, with evidence linked), then to level 4.".into(),
        ));
    }
    let soft = blocking_ids(&gaps, |g| g.level >= STAGE2_BLOCKING_MINIMUM);
    if !soft.is_empty() {
        caps.push(cap(
            CapCode::BlockingNotOperated,
            soft.clone(),
            format!(
                "{} key practice(s) are in use but not yet operated for a full cycle with \
                 records{}.",
                soft.len(),
                ids_list(&soft)
            ),
            "Keep them running for a full cycle and link the records and the review (level 4)."
                .into(),
        ));
    }
    for (clause, items) in cx.by_clause() {
        // Questions attached to a top-level clause id have no requirement score of their own;
        // for them only the "all at 0–1" test applies.
        let score = requirement.get(clause).map(|c| c.score);
        let all_low = items.iter().all(|s| s.level <= MaturityLevel::Initial);
        let score = score.unwrap_or(CLAUSE_FLOOR);
        if !(all_low || score < CLAUSE_FLOOR) {
            continue;
        }
        let ids: Vec<String> = items.iter().map(|s| s.question.id.clone()).collect();
        let why = if all_low {
            "every question of it is at level 0 or 1".to_owned()
        } else {
            format!(
                "its score is {:.1}, under the floor of {CLAUSE_FLOOR:.0}",
                super::round1(score)
            )
        };
        caps.push(with_clause(
            cap(
                CapCode::UnaddressedClause,
                ids,
                format!(
                    "Clause {} is wholly unaddressed: {why}. An auditor raises a major \
                     nonconformity for a requirement not addressed at all.",
                    cx.clause_name(clause)
                ),
                format!(
                    "Put the clause in place: at least one of its questions at level 2 or more \
                     and a clause score of {CLAUSE_FLOOR:.0} or more (Stage 2 then wants level \
                     4)."
                ),
            ),
            clause,
        ));
    }
    for (id, clause) in top_level {
        if clause.questions > 0 && clause.score < WEAK_CLAUSE_THRESHOLD {
            let mut in_clause: Vec<&Gap> = gaps
                .iter()
                .filter(|g| top_level_of(&g.clause) == id)
                .collect();
            in_clause.sort_by(|a, b| gap_order(a, b));
            let ids = in_clause
                .into_iter()
                .map(|g| g.question_id.clone())
                .collect();
            caps.push(with_clause(
                cap(
                    CapCode::WeakClause,
                    ids,
                    format!(
                        "Clause {} scores {:.1}, below {WEAK_CLAUSE_THRESHOLD:.0}: auditors \
                         sample every clause, and strong clauses do not hide a weak one.",
                        cx.clause_name(id),
                        super::round1(clause.score)
                    ),
                    format!(
                        "Raise the clause's questions until it scores \
                         {WEAK_CLAUSE_THRESHOLD:.0} or more."
                    ),
                ),
                id,
            ));
        }
    }
    audit_and_review_stage2(cx, &mut caps);
    for conflict in &cx.inputs.sod {
        caps.push(sod_cap(conflict));
    }
    judge(all.attainment(STAGE2_REQUIRED), caps, gaps, STAGE2_CHECKS)
}

fn sod_cap(c: &SodConflict) -> Cap {
    let (code, lift) = if c.independence {
        (
            CapCode::AuditorIndependence,
            format!(
                "Have someone who does not run those processes audit them (a colleague or a \
                 contracted external auditor), name them in the audit programme, and record \
                 that arrangement for {} under {} on the roles step.",
                c.person, c.rule_id
            ),
        )
    } else {
        (
            CapCode::SodConflict,
            format!(
                "Give one of the roles to someone else, or record the compensating arrangement \
                 for {} under {} where the rule allows one.",
                c.person, c.rule_id
            ),
        )
    };
    let mut cap = cap(
        code,
        Vec::new(),
        format!("{}: {}", c.rule_id, c.message),
        lift,
    );
    cap.rule = Some(c.rule_id.clone());
    cap.person = Some(c.person.clone());
    cap
}

/// The Stage 2 internal-audit, management-review and operating-period caps.
fn audit_and_review_stage2(cx: &Context<'_>, caps: &mut Vec<Cap>) {
    let audit_done = match &cx.inputs.audit {
        Some(f) => {
            let done = f.performed > 0 && f.clauses_not_covered.is_empty();
            if !done {
                let reason = if f.performed == 0 {
                    "No internal audit has been performed: Stage 2 needs a completed audit cycle \
                     over clauses 4 to 10."
                        .to_owned()
                } else {
                    format!(
                        "The internal audits performed so far do not cover clause(s) {}: Stage 2 \
                         needs a completed audit cycle over clauses 4 to 10.",
                        f.clauses_not_covered.join(", ")
                    )
                };
                caps.push(cap(
                    CapCode::NoAuditCycle,
                    Vec::new(),
                    reason,
                    "Complete the audit programme's cycle and record the reports.".into(),
                ));
            }
            Some(done)
        }
        None => cx.gate(Gate::AuditCycle).map(|g| {
            let done = g.level >= AUDIT_CYCLE_LEVEL;
            if !done {
                let ids = g.below(AUDIT_CYCLE_LEVEL);
                caps.push(cap(
                    CapCode::NoAuditCycle,
                    ids.clone(),
                    format!(
                        "No completed internal audit cycle over clauses 4 to 10 with records{}: \
                         a certification body will not hold Stage 2 without one.",
                        ids_list(&ids)
                    ),
                    "Complete a full internal audit of clauses 4 to 10, report the results to \
                     management and link the audit reports (level 4, with a record)."
                        .into(),
                ));
            }
            done
        }),
    };

    let review_done = match &cx.inputs.review {
        Some(f) => {
            if f.held == 0 {
                caps.push(cap(
                    CapCode::NoManagementReview,
                    Vec::new(),
                    "No management review has been held: Stage 2 needs at least one, chaired \
                     by top management, with minutes."
                        .into(),
                    "Hold a management review after the internal audit and record the minutes."
                        .into(),
                ));
            }
            Some(f.held > 0)
        }
        None => cx.gate(Gate::ReviewHeld).map(|g| {
            let done = g.level >= REVIEW_HELD_LEVEL;
            if !done {
                let ids = g.below(REVIEW_HELD_LEVEL);
                caps.push(cap(
                    CapCode::NoManagementReview,
                    ids.clone(),
                    format!(
                        "No management review has been held{}: Stage 2 needs at least one, \
                         chaired by top management, with minutes.",
                        ids_list(&ids)
                    ),
                    "Hold a management review after the internal audit and link the minutes."
                        .into(),
                ));
            }
            done
        }),
    };

    let op = &cx.inputs.operating;
    let required = op.required_months;
    if let Some(months) = op.months {
        if months < required {
            let since = op.records_since.as_deref().unwrap_or("?");
            let until = op.until.as_deref().unwrap_or("?");
            caps.push(cap(
                CapCode::OperatingPeriod,
                Vec::new(),
                format!(
                    "Records kept since {since} give {months} month(s) of operation by \
                     {until}; certification bodies commonly expect {required} before Stage 2."
                ),
                match op.reached_on() {
                    Some(d) => format!(
                        "Keep the processes running with records until {d}, or plan Stage 2 \
                         for then or later."
                    ),
                    None => "Keep the processes running with records for longer.".into(),
                },
            ));
        }
    } else if audit_done.is_some() || review_done.is_some() {
        // No start date: a full audit cycle and a review, both with records, stand for one
        // operated cycle of about three months (the maturity scale's level 4).
        let shown = audit_done != Some(false)
            && review_done != Some(false)
            && required <= MONTHS_PER_OPERATED_CYCLE;
        if !shown {
            caps.push(cap(
                CapCode::OperatingPeriod,
                Vec::new(),
                format!(
                    "No operating period of {required} month(s) with records is shown yet: no \
                     date is set since when records are kept, and the answers do not show a \
                     full cycle of {required} month(s) operated with records."
                ),
                "Enter since when your processes run with records (scorecard settings), or \
                 complete and record a full operating cycle with its internal audit and \
                 management review."
                    .into(),
            ));
        }
    }
}

/// Ids of the blocking gaps that satisfy `filter`, in gap order.
fn blocking_ids(gaps: &[Gap], filter: impl Fn(&Gap) -> bool) -> Vec<String> {
    let mut hits: Vec<&Gap> = gaps.iter().filter(|g| g.blocking && filter(g)).collect();
    hits.sort_by(|a, b| gap_order(a, b));
    hits.into_iter().map(|g| g.question_id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap(id: &str, clause: &str, blocking: bool, impact: u32, stage: u8) -> Gap {
        Gap {
            question_id: id.into(),
            clause: clause.into(),
            text: String::new(),
            level: MaturityLevel::Absent,
            answered_level: None,
            evidence_missing: false,
            required: STAGE2_REQUIRED,
            blocking,
            stage,
            weight: 1,
            impact,
            evidence_needed: None,
        }
    }

    #[test]
    fn clause_order_is_numeric() {
        let mut ids = vec![
            "10", "8.10", "8.2", "9", "4.1", "4", "8.5.1.3", "8.5.1", "x",
        ];
        ids.sort_by(|a, b| clause_order(a, b));
        assert_eq!(
            ids,
            [
                "4", "4.1", "8.2", "8.5.1", "8.5.1.3", "8.10", "9", "10", "x"
            ]
        );
        assert_eq!(clause_order("8.a", "8.b"), Ordering::Less);
    }

    #[test]
    fn gaps_are_ordered_blocking_impact_stage_clause_id() {
        let mut gaps = [
            gap("Q-e", "9.1", false, 3, 2),
            gap("Q-d", "8.10", false, 3, 1),
            gap("Q-c", "8.2", false, 3, 1),
            gap("Q-b", "10", false, 9, 2),
            gap("Q-a", "4.1", true, 1, 2),
            gap("Q-f", "8.2", false, 3, 1),
        ];
        gaps.sort_by(gap_order);
        let ids: Vec<&str> = gaps.iter().map(|g| g.question_id.as_str()).collect();
        assert_eq!(ids, ["Q-a", "Q-b", "Q-c", "Q-f", "Q-d", "Q-e"]);
    }

    #[test]
    fn verdict_bands() {
        assert_eq!(Verdict::from_score(100.0), Verdict::Ready);
        assert_eq!(Verdict::from_score(85.0), Verdict::Ready);
        assert_eq!(Verdict::from_score(84.99), Verdict::NearlyReady);
        assert_eq!(Verdict::from_score(65.0), Verdict::NearlyReady);
        assert_eq!(Verdict::from_score(64.99), Verdict::NotReady);
        assert!(Verdict::NotReady < Verdict::NearlyReady && Verdict::NearlyReady < Verdict::Ready);
        assert_eq!(
            serde_json::to_string(&Verdict::NearlyReady).unwrap(),
            r#""nearly_ready""#
        );
    }

    #[test]
    fn caps_override_the_score() {
        let hard = cap(
            CapCode::BlockingBelowMinimum,
            vec!["Q-a".into()],
            "r".into(),
            "l".into(),
        );
        let soft = with_clause(
            cap(CapCode::WeakClause, vec![], "r".into(), "l".into()),
            "8",
        );
        let r = judge(
            Some(95.0),
            vec![soft.clone(), hard.clone()],
            vec![gap("Q-a", "4.1", true, 3, 1)],
            STAGE2_CHECKS,
        );
        assert_eq!(r.verdict, Verdict::NotReady);
        assert_eq!(r.capped_score, HARD_CAP);
        assert_eq!(r.score, 95.0);
        assert_eq!(r.caps, vec![hard, soft.clone()]);
        let status = |r: &StageResult, topic: &str| {
            r.checks.iter().find(|c| c.topic == topic).unwrap().status
        };
        assert_eq!(
            status(&r, "Every requirement addressed"),
            CheckStatus::Limited
        );
        assert_eq!(
            status(&r, "Key practices operated with records"),
            CheckStatus::Failed
        );
        assert_eq!(status(&r, "Operating period"), CheckStatus::Met);

        let r = judge(Some(95.0), vec![soft], vec![], STAGE2_CHECKS);
        assert_eq!(
            (r.verdict, r.capped_score),
            (Verdict::NearlyReady, SOFT_CAP)
        );
        let r = judge(
            Some(50.0),
            vec![],
            vec![gap("Q-a", "4.1", false, 3, 1)],
            STAGE1_CHECKS,
        );
        assert_eq!((r.verdict, r.capped_score), (Verdict::NotReady, 50.0));
        assert!(r.checks.iter().all(|c| c.status == CheckStatus::Met));
        let r = judge(None, vec![], vec![], STAGE1_CHECKS);
        assert_eq!(r.verdict, Verdict::NotReady);
        assert_eq!(r.caps[0].code, CapCode::NoQuestions);
    }

    #[test]
    fn every_cap_code_belongs_to_a_check_of_its_stage() {
        use CapCode::*;
        let stage1 = [
            BlockingBelowMinimum,
            NoQuestions,
            SetupError,
            NoAuditProgramme,
            NoReviewScheduled,
            AuditNotPerformed,
            ReviewNotHeld,
            MissingDocumentedInformation,
        ];
        let stage2 = [
            BlockingBelowMinimum,
            BlockingNotOperated,
            WeakClause,
            NoQuestions,
            UnaddressedClause,
            NoAuditCycle,
            NoManagementReview,
            OperatingPeriod,
            AuditorIndependence,
            SodConflict,
        ];
        for (codes, defs) in [(&stage1[..], STAGE1_CHECKS), (&stage2[..], STAGE2_CHECKS)] {
            for code in codes {
                assert!(
                    defs.iter().any(|(_, _, cs)| cs.contains(code)),
                    "{code:?} has no check"
                );
            }
        }
    }

    #[test]
    fn caps_land_in_the_intended_bands() {
        // A hard cap must force NotReady and a soft cap must stop short of Ready.
        assert_eq!(Verdict::from_score(HARD_CAP), Verdict::NotReady);
        assert_eq!(Verdict::from_score(SOFT_CAP), Verdict::NearlyReady);
    }
}
