//! Comparing two scorecards (two snapshots, or a snapshot and now): what improved, what
//! slipped.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::scoring::{MaturityLevel, STAGE2_REQUIRED, Scorecard, Verdict, clause_order};

/// Score changes smaller than this (in points) count as unchanged.
const EPSILON: f64 = 0.05;

/// The change of one clause's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClauseDelta {
    /// Clause id.
    pub clause: String,
    /// Score in the earlier scorecard (0 when the clause did not exist then).
    pub before: f64,
    /// Score in the later scorecard.
    pub after: f64,
    /// `after − before`.
    pub delta: f64,
}

/// The change of one question's effective level. Levels at or above 4 show as 4: the
/// scorecard keeps only the questions below the Stage 2 target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuestionChange {
    /// Question id.
    pub question_id: String,
    /// Its clause.
    pub clause: String,
    /// Its text.
    pub text: String,
    /// Effective level before (4 = at target).
    pub before: MaturityLevel,
    /// Effective level after (4 = at target).
    pub after: MaturityLevel,
    /// Whether it is blocking.
    pub blocking: bool,
}

/// What changed between two scorecards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Comparison {
    /// `after.overall − before.overall`.
    pub overall_delta: f64,
    /// Stage 1 verdict before and after.
    pub stage1: (Verdict, Verdict),
    /// Stage 2 verdict before and after.
    pub stage2: (Verdict, Verdict),
    /// Top-level clauses 4–10, in order, changed or not.
    pub clauses: Vec<ClauseDelta>,
    /// Requirement clauses whose score rose, biggest rise first.
    pub improved: Vec<ClauseDelta>,
    /// Requirement clauses whose score fell, biggest fall first.
    pub slipped: Vec<ClauseDelta>,
    /// Questions whose effective level rose, in clause order.
    pub questions_improved: Vec<QuestionChange>,
    /// Questions whose effective level fell, in clause order.
    pub questions_slipped: Vec<QuestionChange>,
}

/// Compares `before` with `after`.
pub fn compare(before: &Scorecard, after: &Scorecard) -> Comparison {
    let ids: BTreeSet<&String> = before.clauses.keys().chain(after.clauses.keys()).collect();
    let mut top = Vec::new();
    let mut improved = Vec::new();
    let mut slipped = Vec::new();
    for id in ids {
        let b = before.clauses.get(id).map_or(0.0, |c| c.score);
        let a = after.clauses.get(id).map_or(0.0, |c| c.score);
        let d = ClauseDelta {
            clause: id.clone(),
            before: b,
            after: a,
            delta: a - b,
        };
        if !id.contains('.') {
            top.push(d);
        } else if d.delta > EPSILON {
            improved.push(d);
        } else if d.delta < -EPSILON {
            slipped.push(d);
        }
    }
    top.sort_by(|x, y| clause_order(&x.clause, &y.clause));
    let by_size = |x: &ClauseDelta, y: &ClauseDelta| {
        y.delta
            .abs()
            .total_cmp(&x.delta.abs())
            .then_with(|| clause_order(&x.clause, &y.clause))
    };
    improved.sort_by(by_size);
    slipped.sort_by(by_size);

    // Questions below target, with their level, on each side.
    let levels = |card: &Scorecard| -> BTreeMap<String, (MaturityLevel, String, String, bool)> {
        card.stage2
            .reasons
            .iter()
            .map(|g| {
                (
                    g.question_id.clone(),
                    (g.level, g.clause.clone(), g.text.clone(), g.blocking),
                )
            })
            .collect()
    };
    let lb = levels(before);
    let la = levels(after);
    let mut questions_improved = Vec::new();
    let mut questions_slipped = Vec::new();
    let qids: BTreeSet<&String> = lb.keys().chain(la.keys()).collect();
    for id in qids {
        let (b, a) = (lb.get(id), la.get(id));
        let Some((_, clause, text, blocking)) = a.or(b) else {
            continue;
        };
        let change = QuestionChange {
            question_id: id.clone(),
            clause: clause.clone(),
            text: text.clone(),
            before: b.map_or(STAGE2_REQUIRED, |x| x.0),
            after: a.map_or(STAGE2_REQUIRED, |x| x.0),
            blocking: *blocking,
        };
        if change.after > change.before {
            questions_improved.push(change);
        } else if change.after < change.before {
            questions_slipped.push(change);
        }
    }
    let q_order = |x: &QuestionChange, y: &QuestionChange| {
        clause_order(&x.clause, &y.clause).then_with(|| x.question_id.cmp(&y.question_id))
    };
    questions_improved.sort_by(q_order);
    questions_slipped.sort_by(q_order);

    Comparison {
        overall_delta: after.overall - before.overall,
        stage1: (before.stage1.verdict, after.stage1.verdict),
        stage2: (before.stage2.verdict, after.stage2.verdict),
        clauses: top,
        improved,
        slipped,
        questions_improved,
        questions_slipped,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::content::Question;
    use crate::scoring::{Answer, score};

    fn q(id: &str, clause: &str) -> Question {
        Question {
            id: id.into(),
            clause: clause.into(),
            text: id.into(),
            evidence: vec![],
            weight: 2,
            blocking: false,
            stage: 2,
            documents: vec![],
            gate: None,
        }
    }

    #[test]
    fn reports_improvements_and_slips() {
        use MaturityLevel::*;
        let qs = vec![
            q("Q-4.1-01", "4.1"),
            q("Q-5.1-01", "5.1"),
            q("Q-6.1-01", "6.1"),
        ];
        let mut a = BTreeMap::new();
        a.insert("Q-4.1-01".to_owned(), Answer::new(Documented, false));
        a.insert("Q-5.1-01".to_owned(), Answer::new(Operated, true));
        let before = score(&qs, &a);
        let mut b = a.clone();
        b.insert("Q-4.1-01".to_owned(), Answer::new(Improving, true));
        b.insert("Q-5.1-01".to_owned(), Answer::new(Implemented, true));
        let after = score(&qs, &b);
        let c = compare(&before, &after);
        assert_eq!(
            c.clauses
                .iter()
                .map(|d| d.clause.as_str())
                .collect::<Vec<_>>(),
            ["4", "5", "6"]
        );
        assert_eq!(c.improved.len(), 1);
        assert_eq!(c.improved[0].clause, "4.1");
        assert_eq!(c.improved[0].delta, 50.0);
        assert_eq!(c.slipped[0].clause, "5.1");
        assert_eq!(c.questions_improved[0].question_id, "Q-4.1-01");
        assert_eq!(c.questions_improved[0].after, Operated);
        assert_eq!(c.questions_slipped[0].question_id, "Q-5.1-01");
        assert_eq!(c.questions_slipped[0].before, Operated);
        assert_eq!(c.questions_slipped[0].after, Implemented);
        assert!(c.clauses[2].delta.abs() < 1e-9);
        let same = compare(&after, &after);
        assert!(same.improved.is_empty() && same.slipped.is_empty());
        assert!(same.questions_improved.is_empty() && same.overall_delta == 0.0);
    }
}
