//! Stage verdicts, the caps that override them, and the gap items that explain them.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::maturity::{Answer, MaturityLevel, Stage, effective_level};
use super::score::{ClauseScore, Tally};
use crate::content::Question;

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
    pub reasons: Vec<Gap>,
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
        })
    }
}

fn cap(code: CapCode, hard: bool, clause: Option<String>, questions: Vec<String>) -> Cap {
    Cap {
        code,
        hard,
        limit: if hard { HARD_CAP } else { SOFT_CAP },
        clause,
        questions,
    }
}

/// Applies the caps to a score and turns it into a result.
fn judge(score: Option<f64>, mut caps: Vec<Cap>, mut reasons: Vec<Gap>) -> StageResult {
    if score.is_none() {
        caps.push(cap(CapCode::NoQuestions, true, None, Vec::new()));
    }
    let score = score.unwrap_or(0.0);
    caps.sort_by(|a, b| b.hard.cmp(&a.hard).then(a.code.cmp(&b.code)));
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
    StageResult {
        verdict: Verdict::from_score(capped_score).min(ceiling),
        score,
        capped_score,
        caps,
        reasons,
    }
}

/// Stage 1 (documentation and design): only Stage 1 questions count.
///
/// - Score `R1 = S(Stage 1 questions, T = 2)`: weighted attainment of level 2. (Section 8.3
///   also blends in 20 % of Stage 2 questions; we keep Stage 1 to its own questions so that
///   "documented" is judged on documents alone.)
/// - Required documents enter through the Stage 1 questions that ask for them (scope, policy,
///   plan, the documented-information list), whose levels count only with evidence attached.
/// - Hard cap [`CapCode::BlockingBelowMinimum`]: any blocking Stage 1 question below level 2.
pub(crate) fn stage1(items: &[Scored<'_>], stage1_tally: &Tally) -> StageResult {
    let gaps: Vec<Gap> = items
        .iter()
        .filter(|s| s.stage == Stage::One)
        .filter_map(|s| s.gap(STAGE1_REQUIRED))
        .collect();
    let mut caps = Vec::new();
    let blocking = blocking_ids(&gaps, |_| true);
    if !blocking.is_empty() {
        caps.push(cap(CapCode::BlockingBelowMinimum, true, None, blocking));
    }
    judge(stage1_tally.attainment(STAGE1_REQUIRED), caps, gaps)
}

/// Stage 2 (implementation and operation): every question counts.
///
/// - Score `R2 = S(all questions, T = 4)`: weighted attainment of level 4.
/// - Hard cap [`CapCode::BlockingBelowMinimum`]: any blocking question below level 3.
/// - Soft cap [`CapCode::BlockingNotOperated`]: any blocking question at level 3.
/// - Soft cap [`CapCode::WeakClause`]: any top-level clause scoring below
///   [`WEAK_CLAUSE_THRESHOLD`].
pub(crate) fn stage2<'c>(
    items: &[Scored<'_>],
    all: &Tally,
    top_level: impl Iterator<Item = (&'c str, &'c ClauseScore)>,
) -> StageResult {
    let gaps: Vec<Gap> = items
        .iter()
        .filter_map(|s| s.gap(STAGE2_REQUIRED))
        .collect();
    let mut caps = Vec::new();
    let hard = blocking_ids(&gaps, |g| g.level < STAGE2_BLOCKING_MINIMUM);
    if !hard.is_empty() {
        caps.push(cap(CapCode::BlockingBelowMinimum, true, None, hard));
    }
    let soft = blocking_ids(&gaps, |g| g.level >= STAGE2_BLOCKING_MINIMUM);
    if !soft.is_empty() {
        caps.push(cap(CapCode::BlockingNotOperated, false, None, soft));
    }
    for (id, clause) in top_level {
        if clause.questions > 0 && clause.score < WEAK_CLAUSE_THRESHOLD {
            let mut in_clause: Vec<&Gap> = gaps
                .iter()
                .filter(|g| crate::content::top_level_of(&g.clause) == id)
                .collect();
            in_clause.sort_by(|a, b| gap_order(a, b));
            let ids = in_clause
                .into_iter()
                .map(|g| g.question_id.clone())
                .collect();
            caps.push(cap(CapCode::WeakClause, false, Some(id.to_owned()), ids));
        }
    }
    judge(all.attainment(STAGE2_REQUIRED), caps, gaps)
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
            true,
            None,
            vec!["Q-a".into()],
        );
        let soft = cap(CapCode::WeakClause, false, Some("8".into()), vec![]);
        let r = judge(
            Some(95.0),
            vec![soft.clone(), hard.clone()],
            vec![gap("Q-a", "4.1", true, 3, 1)],
        );
        assert_eq!(r.verdict, Verdict::NotReady);
        assert_eq!(r.capped_score, HARD_CAP);
        assert_eq!(r.score, 95.0);
        assert_eq!(r.caps, vec![hard, soft.clone()]);

        let r = judge(Some(95.0), vec![soft], vec![]);
        assert_eq!(
            (r.verdict, r.capped_score),
            (Verdict::NearlyReady, SOFT_CAP)
        );
        let r = judge(Some(50.0), vec![], vec![gap("Q-a", "4.1", false, 3, 1)]);
        assert_eq!((r.verdict, r.capped_score), (Verdict::NotReady, 50.0));
        let r = judge(None, vec![], vec![]);
        assert_eq!(r.verdict, Verdict::NotReady);
        assert_eq!(r.caps[0].code, CapCode::NoQuestions);
    }

    #[test]
    fn caps_land_in_the_intended_bands() {
        // A hard cap must force NotReady and a soft cap must stop short of Ready.
        assert_eq!(Verdict::from_score(HARD_CAP), Verdict::NotReady);
        assert_eq!(Verdict::from_score(SOFT_CAP), Verdict::NearlyReady);
    }
}
