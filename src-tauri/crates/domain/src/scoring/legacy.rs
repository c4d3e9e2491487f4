//! The verdict rules of versions 1 and 2, kept only to say which verdicts moved because the
//! rules changed: the same answers judged by the old and the current rules.
//!
//! Version 2 is the current engine without the registers and records (see [`inputs_v2`]):
//! version 3 added them, and nothing else.
//!
//! Version 1: any current evidence carried a claim in full; Stage 1 judged Stage 1 questions
//! against level 2 with a hard cap for blocking ones below it; Stage 2 judged every question
//! against level 4 with a hard cap for blocking questions below 3, a soft cap at 3, and a
//! soft cap for a top-level clause under [`WEAK_CLAUSE_THRESHOLD`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::inputs::VerdictInputs;
use super::maturity::{Answer, MaturityLevel, cap_without_evidence};
use super::verdict::{
    CapCode, HARD_CAP, SOFT_CAP, STAGE1_REQUIRED, STAGE2_BLOCKING_MINIMUM, STAGE2_REQUIRED,
    Verdict, WEAK_CLAUSE_THRESHOLD,
};
use super::{RULES_VERSION, Scorecard, score_project};
use crate::content::{Library, Question, top_level_of};

/// `inputs` as the version 2 rules saw them: no operating records (so no period counted from
/// them), no overdue duties, no risk reviews, no nonconformities.
pub fn inputs_v2(inputs: &VerdictInputs) -> VerdictInputs {
    let mut v = inputs.clone();
    v.records = Default::default();
    v.overdue.clear();
    v.risks = Default::default();
    v.nonconformities.clear();
    let op = &mut v.operating;
    if op.since_from_records {
        op.records_since = None;
        op.months = None;
    }
    op.record_months = 0;
    op.records_span = None;
    op.since_from_records = false;
    v
}

/// The Stage 1 and Stage 2 verdicts the version 2 rules give `answers` with `inputs`.
pub fn verdicts_v2(
    lib: &Library,
    answers: &BTreeMap<String, Answer>,
    inputs: &VerdictInputs,
) -> [Verdict; 2] {
    let card = score_project(lib, answers, &inputs_v2(inputs));
    [card.stage1.verdict, card.stage2.verdict]
}

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

/// Cap codes the version 2 rules had (all but those of the registers and records).
const V2_CAPS: [CapCode; 16] = [
    CapCode::BlockingBelowMinimum,
    CapCode::BlockingNotOperated,
    CapCode::WeakClause,
    CapCode::NoQuestions,
    CapCode::SetupError,
    CapCode::NoAuditProgramme,
    CapCode::NoReviewScheduled,
    CapCode::AuditNotPerformed,
    CapCode::ReviewNotHeld,
    CapCode::MissingDocumentedInformation,
    CapCode::UnaddressedClause,
    CapCode::NoAuditCycle,
    CapCode::NoManagementReview,
    CapCode::OperatingPeriod,
    CapCode::AuditorIndependence,
    CapCode::SodConflict,
];

/// Which verdicts of `current` (scored under the current rules with `inputs`) moved compared
/// with the oldest rules of `older` (labels and rules versions of stored snapshots) on the
/// same `answers`: version 1's rules, or version 2's (the current ones without the registers
/// and records). `None` when no snapshot was made under older rules.
pub fn rules_change(
    lib: &Library,
    answers: &BTreeMap<String, Answer>,
    inputs: &VerdictInputs,
    current: &Scorecard,
    older: &[(String, u32)],
) -> Option<RulesChange> {
    let old: Vec<&(String, u32)> = older.iter().filter(|(_, r)| *r < RULES_VERSION).collect();
    let from = old.iter().map(|(_, r)| *r).min()?;
    let (before, known): ([Verdict; 2], &[CapCode]) = if from <= 1 {
        (verdicts_v1(&lib.questions, answers), &V1_CAPS)
    } else {
        (verdicts_v2(lib, answers, inputs), &V2_CAPS)
    };
    let moved = [(1u8, &current.stage1), (2u8, &current.stage2)]
        .into_iter()
        .zip(before)
        .filter(|((_, now), then)| now.verdict != *then)
        .map(|((stage, now), then)| {
            let mut because: Vec<String> = now
                .caps
                .iter()
                .filter(|c| !known.contains(&c.code))
                .map(|c| c.reason.clone())
                .collect();
            if because.is_empty() {
                because.push(if from <= 1 {
                    "Evidence now counts by its kind: a linked document supports at most level \
                     3, level 4 needs a record, level 5 measurements over time."
                        .into()
                } else {
                    "The operating period is now also counted from the imported operating \
                     records."
                        .into()
                });
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
    use crate::scoring::{Support, VerdictInputs};

    /// Every question of `lib` answered at level 4 with `support` behind it.
    fn all_operated(lib: &crate::content::Library, support: Support) -> BTreeMap<String, Answer> {
        lib.questions
            .iter()
            .map(|q| {
                (
                    q.id.clone(),
                    Answer::supported(MaturityLevel::Operated, support),
                )
            })
            .collect()
    }

    #[test]
    fn documents_claimed_as_operation_moved_from_ready_to_not_ready() {
        // Every answer at 4, backed by linked documents only: the old rules took any evidence
        // as carrying the claim in full.
        let lib = library();
        let answers = all_operated(lib, Support::Document);
        let card = score_project(lib, &answers, &VerdictInputs::default());
        assert_eq!(
            verdicts_v1(&lib.questions, &answers),
            [Verdict::Ready, Verdict::Ready]
        );
        assert_eq!(card.stage1.verdict, Verdict::Ready);
        assert_eq!(card.stage2.verdict, Verdict::NotReady);
        // No older snapshot: nothing to say.
        assert_eq!(
            rules_change(lib, &answers, &VerdictInputs::default(), &card, &[]),
            None
        );
        let older = vec![("Before".to_owned(), 1), ("Now".to_owned(), RULES_VERSION)];
        let change = rules_change(lib, &answers, &VerdictInputs::default(), &card, &older).unwrap();
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
        let answers = all_operated(lib, Support::Record);
        let card = score_project(lib, &answers, &VerdictInputs::default());
        let change = rules_change(
            lib,
            &answers,
            &VerdictInputs::default(),
            &card,
            &[("Old".to_owned(), 1)],
        )
        .unwrap();
        assert!(change.moved.is_empty());
    }

    #[test]
    fn snapshots_of_rules_2_are_compared_without_the_registers_and_records() {
        use crate::scoring::{NcSeverity, OpenNonconformity};
        let lib = library();
        let answers = all_operated(lib, Support::Record);
        let inputs = VerdictInputs {
            nonconformities: vec![OpenNonconformity {
                action_id: 3,
                title: "Backups not tested".into(),
                requirement: "8.7.2".into(),
                grade: NcSeverity::Major,
                planned: false,
            }],
            ..VerdictInputs::default()
        };
        let card = score_project(lib, &answers, &inputs);
        assert_eq!(
            verdicts_v2(lib, &answers, &inputs),
            [Verdict::Ready, Verdict::Ready]
        );
        let change = rules_change(lib, &answers, &inputs, &card, &[("May".to_owned(), 2)]).unwrap();
        assert_eq!((change.from_rules, change.to_rules), (2, RULES_VERSION));
        assert_eq!(change.moved.len(), 1);
        let m = &change.moved[0];
        assert_eq!(
            (m.stage, m.before, m.after),
            (2, Verdict::Ready, Verdict::NotReady)
        );
        // Only the cap the new rules added explains the move.
        assert_eq!(m.because.len(), 1);
        assert!(
            m.because[0].contains("Backups not tested"),
            "{:?}",
            m.because
        );
    }
}
