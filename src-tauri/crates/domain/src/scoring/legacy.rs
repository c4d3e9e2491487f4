//! The verdict rules of version 1, kept only to say which verdicts moved because the rules
//! changed: the same answers judged by the old and the current rules.
//!
//! Version 1: any current evidence carried a claim in full; Stage 1 judged Stage 1 questions
//! against level 2 with a hard cap for blocking ones below it; Stage 2 judged every question
//! against level 4 with a hard cap for blocking questions below 3, a soft cap at 3, and a
//! soft cap for a top-level clause under [`WEAK_CLAUSE_THRESHOLD`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::maturity::{Answer, MaturityLevel, cap_without_evidence};
use super::verdict::{
    CapCode, HARD_CAP, SOFT_CAP, STAGE1_REQUIRED, STAGE2_BLOCKING_MINIMUM, STAGE2_REQUIRED,
    Verdict, WEAK_CLAUSE_THRESHOLD,
};
use super::{RULES_VERSION, Scorecard};
use crate::content::{Question, top_level_of};

/// The Stage 1 and Stage 2 verdicts the version 1 rules give `answers`.
pub fn verdicts_v1(questions: &[Question], answers: &BTreeMap<String, Answer>) -> [Verdict; 2] {
    let level = |q: &Question| match answers.get(&q.id) {
        None => MaturityLevel::Absent,
        Some(a) if a.has_evidence() => a.level,
        Some(a) => a.level.min(cap_without_evidence(q.stage)),
    };
    let attain = |qs: &[(&Question, MaturityLevel)], t: MaturityLevel| -> Option<f64> {
        let total: u32 = qs.iter().map(|(q, _)| u32::from(q.weight)).sum();
        let earned: u32 = qs
            .iter()
            .map(|(q, l)| u32::from(q.weight) * u32::from(l.min(&t).value()))
            .sum();
        (total > 0).then(|| 100.0 * f64::from(earned) / f64::from(total * u32::from(t.value())))
    };
    let judge = |score: Option<f64>, hard: bool, soft: bool| match score {
        None => Verdict::NotReady,
        Some(s) => {
            let limit = if hard {
                HARD_CAP
            } else if soft {
                SOFT_CAP
            } else {
                f64::INFINITY
            };
            let ceiling = if hard {
                Verdict::NotReady
            } else if soft {
                Verdict::NearlyReady
            } else {
                Verdict::Ready
            };
            Verdict::from_score(s.min(limit)).min(ceiling)
        }
    };
    let all: Vec<(&Question, MaturityLevel)> = questions.iter().map(|q| (q, level(q))).collect();
    let s1: Vec<(&Question, MaturityLevel)> =
        all.iter().copied().filter(|(q, _)| q.stage == 1).collect();
    let hard1 = s1.iter().any(|(q, l)| q.blocking && *l < STAGE1_REQUIRED);
    let stage1 = judge(attain(&s1, STAGE1_REQUIRED), hard1, false);

    let hard2 = all
        .iter()
        .any(|(q, l)| q.blocking && *l < STAGE2_BLOCKING_MINIMUM);
    let mut soft2 = all
        .iter()
        .any(|(q, l)| q.blocking && *l >= STAGE2_BLOCKING_MINIMUM && *l < STAGE2_REQUIRED);
    let mut tops: BTreeMap<&str, Vec<(&Question, MaturityLevel)>> = BTreeMap::new();
    for (q, l) in &all {
        tops.entry(top_level_of(&q.clause))
            .or_default()
            .push((q, *l));
    }
    soft2 |= tops
        .values()
        .any(|qs| attain(qs, STAGE2_REQUIRED).is_some_and(|s| s < WEAK_CLAUSE_THRESHOLD));
    let stage2 = judge(attain(&all, STAGE2_REQUIRED), hard2, soft2);
    [stage1, stage2]
}

/// A stage whose verdict the current rules give differently than the old ones, for the same
/// answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VerdictMove {
    /// 1 or 2.
    pub stage: u8,
    /// The verdict under the old rules.
    pub before: Verdict,
    /// The verdict under the current rules.
    pub after: Verdict,
    /// The reasons of the caps the old rules did not have (why it moved).
    pub because: Vec<String>,
}

/// What changed for the firm when the verdict rules changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RulesChange {
    /// The rules version of the older snapshots.
    pub from_rules: u32,
    /// The current rules version.
    pub to_rules: u32,
    /// Labels of the snapshots made under older rules.
    pub snapshots: Vec<String>,
    /// The stages whose verdict moved, for today's answers.
    pub moved: Vec<VerdictMove>,
}

/// Cap codes the version 1 rules already had.
const V1_CAPS: [CapCode; 4] = [
    CapCode::BlockingBelowMinimum,
    CapCode::BlockingNotOperated,
    CapCode::WeakClause,
    CapCode::NoQuestions,
];

/// Which verdicts of `current` (scored under the current rules) moved compared with the
/// version 1 rules on the same `answers`, when `older` (labels and rules versions of stored
/// snapshots) holds any snapshot made under older rules; `None` otherwise.
pub fn rules_change(
    questions: &[Question],
    answers: &BTreeMap<String, Answer>,
    current: &Scorecard,
    older: &[(String, u32)],
) -> Option<RulesChange> {
    let old: Vec<&(String, u32)> = older.iter().filter(|(_, r)| *r < RULES_VERSION).collect();
    let from = old.iter().map(|(_, r)| *r).min()?;
    let before = verdicts_v1(questions, answers);
    let moved = [(1u8, &current.stage1), (2u8, &current.stage2)]
        .into_iter()
        .zip(before)
        .filter(|((_, now), then)| now.verdict != *then)
        .map(|((stage, now), then)| {
            let mut because: Vec<String> = now
                .caps
                .iter()
                .filter(|c| !V1_CAPS.contains(&c.code))
                .map(|c| c.reason.clone())
                .collect();
            if because.is_empty() {
                because.push(
                    "Evidence now counts by its kind: a linked document supports at most level \
                     3, level 4 needs a record, level 5 measurements over time."
                        .into(),
                );
            }
            VerdictMove {
                stage,
                before: then,
                after: now.verdict,
                because,
            }
        })
        .collect();
    Some(RulesChange {
        from_rules: from,
        to_rules: RULES_VERSION,
        snapshots: old.iter().map(|(l, _)| l.clone()).collect(),
        moved,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::content::library;
    use crate::scoring::{Support, VerdictInputs, score_project};

    #[test]
    fn documents_claimed_as_operation_moved_from_ready_to_not_ready() {
        // Every answer at 4, backed by linked documents only: the old rules took any evidence
        // as carrying the claim in full.
        let lib = library();
        let answers: BTreeMap<String, Answer> = lib
            .questions
            .iter()
            .map(|q| {
                (
                    q.id.clone(),
                    Answer::supported(MaturityLevel::Operated, Support::Document),
                )
            })
            .collect();
        let card = score_project(lib, &answers, &VerdictInputs::default());
        assert_eq!(
            verdicts_v1(&lib.questions, &answers),
            [Verdict::Ready, Verdict::Ready]
        );
        assert_eq!(card.stage1.verdict, Verdict::Ready);
        assert_eq!(card.stage2.verdict, Verdict::NotReady);
        // No older snapshot: nothing to say.
        assert_eq!(rules_change(&lib.questions, &answers, &card, &[]), None);
        let older = vec![("Before".to_owned(), 1), ("Now".to_owned(), RULES_VERSION)];
        let change = rules_change(&lib.questions, &answers, &card, &older).unwrap();
        assert_eq!((change.from_rules, change.to_rules), (1, RULES_VERSION));
        assert_eq!(change.snapshots, ["Before"]);
        assert_eq!(change.moved.len(), 1);
        let m = &change.moved[0];
        assert_eq!(
            (m.stage, m.before, m.after),
            (2, Verdict::Ready, Verdict::NotReady)
        );
        assert!(
            m.because.iter().any(|b| b.contains("internal audit")),
            "{:?}",
            m.because
        );
    }

    #[test]
    fn perfect_answers_do_not_move() {
        let lib = library();
        let answers: BTreeMap<String, Answer> = lib
            .questions
            .iter()
            .map(|q| {
                (
                    q.id.clone(),
                    Answer::supported(MaturityLevel::Operated, Support::Record),
                )
            })
            .collect();
        let card = score_project(lib, &answers, &VerdictInputs::default());
        let change =
            rules_change(&lib.questions, &answers, &card, &[("Old".to_owned(), 1)]).unwrap();
        assert!(change.moved.is_empty());
    }
}
