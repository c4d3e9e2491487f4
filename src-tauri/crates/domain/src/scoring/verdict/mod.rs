//! Stage verdicts, the caps that override them, and the gap items that explain them.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::inputs::{MONTHS_PER_OPERATED_CYCLE, SodConflict, VerdictInputs};
use super::maturity::{Answer, MaturityLevel, Stage, Support, effective_level};
use super::score::{ClauseScore, Tally};
use crate::content::{Clause, Document, DocumentKind, Gate, Question, top_level_of};

mod checks;
mod records;
mod stage1;
mod stage2;

use checks::{CheckDef, STAGE1_CHECKS, STAGE2_CHECKS, TOPIC_OPERATING, TOPIC_RECORDS, checks};
pub(crate) use stage1::stage1;
pub(crate) use stage2::stage2;

/// The version of the verdict rules. Stored with every scorecard, so a snapshot made under
/// older rules can be told apart (and re-judged) when the rules change.
/// - 1: blocking questions, weak top-level clauses.
/// - 2: clause floors, internal audit and management review gates, operating period,
///   evidence kinds, setup errors and separation of duties in the verdict.
/// - 3: the registers and records in the verdict: the operating period from the imported
///   operating records, claims of operation the records contradict, overdue calendar duties,
///   risks past review, and open nonconformities.
pub const RULES_VERSION: u32 = 3;

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
    /// Hard, Stage 2: a blocking practice is claimed operated with records, but the imported
    /// operating records hold none of its kind in the recent window. One cap per record kind.
    KeyPracticeWithoutRecords,
    /// Soft, Stage 2: other answers claim operation with records the imported operating
    /// records do not show. One cap per record kind.
    ClaimWithoutRecords,
    /// Soft, Stage 2: a calendar duty of the clause is overdue without a record (an isolated
    /// lapse). One cap per clause.
    OverdueDuty,
    /// Hard, Stage 2: the clause's planned activities are not being kept: a duty missed two
    /// cycles running, three or more duties overdue, or a test or review the standard
    /// requires at planned intervals never done. One cap per clause.
    DutyNotKept,
    /// Soft, Stage 2: risks past their review date. One cap per clause (6.1, 8.7.3.1).
    RiskReviewOverdue,
    /// Hard, Stage 2: every open entry of the risk register is past its review date.
    RiskRegisterNotReviewed,
    /// Hard, Stage 2: a major nonconformity in the action register is not closed.
    OpenMajorNonconformity,
    /// Soft, Stage 2: a minor nonconformity is open with no root cause and corrective action
    /// recorded.
    MinorNonconformityUnplanned,
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
                | Self::KeyPracticeWithoutRecords
                | Self::DutyNotKept
                | Self::RiskRegisterNotReviewed
                | Self::OpenMajorNonconformity
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
    /// The registers and records the check read, in words ("Imported operating records: 6
    /// months, 2026-05 to 2026-10"): what lifted or capped it. Empty when it read answers
    /// only.
    #[serde(default)]
    pub records: Vec<String>,
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

/// Ids of the blocking gaps that satisfy `filter`, in gap order.
fn blocking_ids(gaps: &[Gap], filter: impl Fn(&Gap) -> bool) -> Vec<String> {
    let mut hits: Vec<&Gap> = gaps.iter().filter(|g| g.blocking && filter(g)).collect();
    hits.sort_by(|a, b| gap_order(a, b));
    hits.into_iter().map(|g| g.question_id.clone()).collect()
}

#[cfg(test)]
mod tests;
