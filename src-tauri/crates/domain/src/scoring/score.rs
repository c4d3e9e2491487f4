//! Weighted scores of question sets: attainment against a target level, and "share at or
//! above a level" views.
//!
//! Every set is summarised as a [`Tally`]: the sum of question weights per effective level.
//! All sums are integers, so scores are exact up to the one final division, deterministic, and
//! exactly monotone (no rounding drift from summing floats in different orders).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::maturity::MaturityLevel;

/// Sum of question weights per effective level, plus counts, for one set of questions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    /// `by_level[l]` = total weight of the questions whose effective level is `l`.
    by_level: [u32; 6],
    /// Number of questions in the set.
    pub(crate) questions: u32,
    /// Number of them that have an answer.
    pub(crate) answered: u32,
}

impl Tally {
    /// Adds one question of `weight` at effective `level`.
    pub(crate) fn add(&mut self, weight: u8, level: MaturityLevel, answered: bool) {
        self.by_level[usize::from(level.value())] += u32::from(weight);
        self.questions += 1;
        self.answered += u32::from(answered);
    }

    /// Adds every question of `other`.
    pub(crate) fn merge(&mut self, other: &Tally) {
        for (mine, theirs) in self.by_level.iter_mut().zip(other.by_level) {
            *mine += theirs;
        }
        self.questions += other.questions;
        self.answered += other.answered;
    }

    /// Total weight of the set.
    pub(crate) fn weight(&self) -> u32 {
        self.by_level.iter().sum()
    }

    /// `S(Q, T)` of section 8.2: `100 × Σ w·min(e, T) / (T · Σ w)`, in 0..=100.
    ///
    /// A level at or above `target` earns the full weight; lower levels earn a proportional
    /// part (level 2 against target 4 earns half). `None` for a set without weight, and for
    /// target 0 (nothing to attain).
    pub(crate) fn attainment(&self, target: MaturityLevel) -> Option<f64> {
        let t = u32::from(target.value());
        let total = self.weight();
        if total == 0 || t == 0 {
            return None;
        }
        let earned: u32 = (0u32..)
            .zip(self.by_level)
            .map(|(level, weight)| weight * level.min(t))
            .sum();
        Some(100.0 * f64::from(earned) / f64::from(total * t))
    }

    /// Weighted share (0..=100) of the set whose effective level is at least `level`. `None`
    /// for a set without weight.
    pub(crate) fn share_at_least(&self, level: MaturityLevel) -> Option<f64> {
        let total = self.weight();
        if total == 0 {
            return None;
        }
        let reached: u32 = self.by_level[usize::from(level.value())..].iter().sum();
        Some(100.0 * f64::from(reached) / f64::from(total))
    }

    /// Weighted mean effective level, 0.0..=5.0 (`MI` of section 8.2); 0 for an empty set.
    pub(crate) fn maturity_index(&self) -> f64 {
        let total = self.weight();
        if total == 0 {
            return 0.0;
        }
        let sum: u32 = (0u32..)
            .zip(self.by_level)
            .map(|(level, weight)| weight * level)
            .sum();
        f64::from(sum) / f64::from(total)
    }
}

/// The level a question must reach for the *documented* view: 2, an approved document.
pub const DOCUMENTED_LEVEL: MaturityLevel = MaturityLevel::Documented;
/// The level a question must reach for the *implemented* view: 3, in use with first records.
pub const IMPLEMENTED_LEVEL: MaturityLevel = MaturityLevel::Implemented;
/// The level a question must reach for the *operated* view: 4, a full cycle with records.
pub const OPERATED_LEVEL: MaturityLevel = MaturityLevel::Operated;

/// The three readiness views of a set of questions. Each is the weighted share (0..=100) of
/// the relevant questions whose *effective* level (after the evidence rule, see
/// [`effective_level`](super::effective_level)) reaches a threshold. A view is `None` when the
/// set has no question of the stage it looks at.
///
/// Shares, not partial credit: "60 % implemented" means questions carrying 60 % of the weight
/// are really in use, not that every question is 60 % of the way there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Views {
    /// Stage 1 questions at level ≥ 2 ([`DOCUMENTED_LEVEL`]): the approved document exists
    /// (and, by the evidence rule, is attached).
    pub documented: Option<f64>,
    /// Stage 2 questions at level ≥ 3 ([`IMPLEMENTED_LEVEL`]): in use, with at least one
    /// record attached (the evidence rule caps unevidenced Stage 2 answers at 2).
    pub implemented: Option<f64>,
    /// Stage 2 questions at level ≥ 4 ([`OPERATED_LEVEL`]): run for a full cycle with records
    /// and a review, with evidence attached.
    pub operated: Option<f64>,
}

impl Views {
    /// The views of a set split into its Stage 1 and Stage 2 tallies.
    pub(crate) fn of(stage1: &Tally, stage2: &Tally) -> Self {
        Self {
            documented: stage1.share_at_least(DOCUMENTED_LEVEL),
            implemented: stage2.share_at_least(IMPLEMENTED_LEVEL),
            operated: stage2.share_at_least(OPERATED_LEVEL),
        }
    }
}

/// The score of one clause: a top-level clause (`"4"`..`"10"`, all questions below it) or a
/// requirement clause (`"8.5.1.3"`, the questions attached to exactly that id).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ClauseScore {
    /// Attainment of all its questions against level 4 (`S(Q, 4)`), 0..=100; 0 when the
    /// clause has no questions.
    pub score: f64,
    /// Documented / implemented / operated shares of its questions.
    pub views: Views,
    /// Questions with an answer.
    pub answered: u32,
    /// Questions in the clause.
    pub questions: u32,
    /// Sum of the question weights: the clause's influence on the overall score.
    pub weight: u32,
}

/// Per-stage tallies of one clause while scoring.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ClauseTally {
    pub(crate) stage1: Tally,
    pub(crate) stage2: Tally,
}

impl ClauseTally {
    /// Both stages together.
    pub(crate) fn all(&self) -> Tally {
        let mut all = self.stage1;
        all.merge(&self.stage2);
        all
    }

    /// The presented clause score.
    pub(crate) fn to_score(self) -> ClauseScore {
        let all = self.all();
        ClauseScore {
            score: all.attainment(OPERATED_LEVEL).unwrap_or(0.0),
            views: Views::of(&self.stage1, &self.stage2),
            answered: all.answered,
            questions: all.questions,
            weight: all.weight(),
        }
    }
}

/// Rounds a percentage (or any score) to one decimal, for presentation only. Scores are kept
/// unrounded everywhere else, so thresholds are compared against exact values.
pub fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use MaturityLevel::*;

    fn tally(items: &[(u8, MaturityLevel)]) -> Tally {
        let mut t = Tally::default();
        for &(w, l) in items {
            t.add(w, l, true);
        }
        t
    }

    #[test]
    fn attainment_matches_the_worked_example() {
        // Section 8.7: the two Stage 1 questions against T=2 give 75.0.
        let s1 = tally(&[(3, Documented), (3, Initial)]);
        assert_eq!(s1.attainment(Documented), Some(75.0));
        // All five against T=4 give 53.6 (rounded).
        let mut all = s1;
        all.merge(&tally(&[(3, Operated), (2, Implemented), (3, Initial)]));
        let r2 = all.attainment(Operated).unwrap();
        assert_eq!(round1(r2), 53.6);
    }

    #[test]
    fn levels_above_target_earn_no_more() {
        let t = tally(&[(2, Improving), (1, Operated)]);
        assert_eq!(t.attainment(Operated), Some(100.0));
        assert_eq!(t.attainment(Improving), Some(100.0 * 14.0 / 15.0));
    }

    #[test]
    fn shares_count_weight_at_or_above_a_level() {
        let t = tally(&[(3, Implemented), (1, Documented)]);
        assert_eq!(t.share_at_least(Implemented), Some(75.0));
        assert_eq!(t.share_at_least(Operated), Some(0.0));
        assert_eq!(t.share_at_least(Absent), Some(100.0));
        assert_eq!(t.maturity_index(), 2.75);
    }

    #[test]
    fn empty_sets_have_no_score() {
        let t = Tally::default();
        assert_eq!(t.attainment(Operated), None);
        assert_eq!(t.share_at_least(Documented), None);
        assert_eq!(t.maturity_index(), 0.0);
        assert_eq!(tally(&[(1, Operated)]).attainment(Absent), None);
    }

    #[test]
    fn round1_is_for_display() {
        assert_eq!(round1(53.571_428), 53.6);
        assert_eq!(round1(84.96), 85.0);
        assert_eq!(round1(0.04), 0.0);
    }
}
