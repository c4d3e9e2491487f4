//! The readiness scorecard: turns answers to the self-assessment questions into weighted
//! scores, readiness views and a verdict per audit stage, each with the gaps behind it.
//!
//! This is a product model (section 8 of the design reference), **not** part of ISO/IEC
//! 20000-1: certification bodies do not score, they raise nonconformities. Reports must say
//! so. Thresholds are starting values to be calibrated with pilot customers.
//!
//! # The model
//!
//! 1. **Answers.** Each question is answered on the 0–5 [`MaturityLevel`] scale, with a flag
//!    for attached evidence ([`Answer`]). There is no "not applicable"; an unanswered question
//!    counts as level 0.
//! 2. **Effective level** ([`effective_level`]). Evidence kinds decide how far a claim counts
//!    ([`Support`]): without evidence a Stage 1 question counts at most 1 and a Stage 2
//!    question at most 2; a document supports at most 3, a record 4, measurements over time 5.
//! 3. **Scores** (all 0..=100, unrounded; use [`round1`] to display). For a set of questions
//!    `Q` and a target level `T`, `S(Q, T) = 100 × Σ w·min(e, T) / (T · Σ w)`.
//!    - [`Scorecard::overall`] and every [`ClauseScore::score`]: `S(Q, 4)`: how close the
//!      questions are, weight for weight, to "operated with records", the level certification
//!      needs. Levels above 4 earn nothing extra ([`Scorecard::maturity_index`] shows them).
//!    - Clauses: every top-level clause `"4"`..`"10"` (all questions below it) and every
//!      requirement clause a question is attached to (exactly its questions).
//! 4. **Views** ([`Views`]): weighted shares that reach a level: *documented* = Stage 1
//!    questions at ≥ 2; *implemented* = Stage 2 questions at ≥ 3; *operated* = Stage 2
//!    questions at ≥ 4. Because of the evidence rule, "implemented" and "operated" only count
//!    answers with evidence attached.
//! 5. **Verdicts** ([`StageResult`]): Stage 1 judges Stage 1 questions against level 2;
//!    Stage 2 judges all questions against level 4. The score maps to a [`Verdict`] by
//!    [`READY_THRESHOLD`] and [`NEARLY_READY_THRESHOLD`]; [`Cap`]s override it: hard caps
//!    force `NotReady` ([`HARD_CAP`]), soft caps allow at most `NearlyReady` ([`SOFT_CAP`]).
//!    The caps model what a certification auditor checks at each stage (see
//!    [`StageResult::checks`]): blocking questions, requirement clauses wholly unaddressed
//!    ([`CLAUSE_FLOOR`]) or without their documents, internal audit and management review
//!    planned, performed and completed (found through the questions' [`Gate`] attribute, or
//!    from register facts in [`VerdictInputs`]), the operating period, open setup errors and
//!    separation-of-duties conflicts. Every cap says why and what would lift it, and every
//!    verdict comes with its gaps.
//!
//!    Since rules version 3 the verdict also reads the registers and records ([`RecordBasis`],
//!    applied by [`inputs_for`] for the app and the dossier alike): the months of imported
//!    operating records (the operating period, and answers claiming operation their records
//!    do not show), overdue calendar duties and risks past review (graded as an auditor
//!    grades them: an isolated lapse is minor, a systematic one major), the internal-audit
//!    and management-review registers, and open nonconformities. Each such cap names the
//!    record, and each check lists what it read ([`Check::records`]).
//! 6. **Impact** ([`impact`]): `weight × distance to the target level`, which orders gaps
//!    and the action plan.
//!
//! Everything is pure and deterministic: same questions and answers, same scorecard.

mod inputs;
mod legacy;
mod maturity;
mod records;
mod score;
mod snapshot_basis;
mod verdict;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::content::{Clause, Document, Library, Question, top_level_of};

pub use crate::content::Gate;
pub use inputs::{
    AuditFacts, DEFAULT_OPERATING_MONTHS, MAX_OPERATING_MONTHS, MONTHS_PER_OPERATED_CYCLE,
    OperatingPeriod, ReviewFacts, SETTING_OPERATING_MONTHS, SETTING_RECORDS_SINCE,
    SETTING_STAGE2_DATE, ScoringSettings, SetupError, SodConflict, VerdictInputs, inputs_for,
    setup_errors, sod_conflicts, whole_months,
};
pub use legacy::{RulesChange, VerdictMove, inputs_v2, rules_change, verdicts_v1, verdicts_v2};
pub use maturity::{
    Answer, LevelDescription, MaturityLevel, Support, cap_without_evidence, effective_level,
};
pub use records::{
    KindMonths, NcSeverity, OpenNonconformity, OperatingRecords, OverdueDuty, RecordBasis, RiskDue,
    RiskReviews, apply_records, kind_label, open_nonconformities, operating_records,
    overdue_duties, record_kind_of, records_start, risk_reviews,
};
pub use score::{ClauseScore, DOCUMENTED_LEVEL, IMPLEMENTED_LEVEL, OPERATED_LEVEL, Views, round1};
pub use snapshot_basis::{audit_register, review_register, reviews_of};
pub use verdict::{
    AUDIT_CYCLE_LEVEL, CLAUSE_FLOOR, COMPLETENESS_WARNING, Cap, CapCode, Check, CheckStatus, Gap,
    HARD_CAP, NEARLY_READY_THRESHOLD, PERFORMED_LEVEL, READY_THRESHOLD, REVIEW_HELD_LEVEL,
    RULES_VERSION, SOFT_CAP, STAGE1_REQUIRED, STAGE2_BLOCKING_MINIMUM, STAGE2_REQUIRED,
    StageResult, Verdict, WEAK_CLAUSE_THRESHOLD, clause_order, gap_order, impact, impact_towards,
};

use maturity::Stage;
use score::{ClauseTally, Tally};
use verdict::{Context, Scored};

/// Everything the scorecard view, the action plan and the dossier show about readiness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Scorecard {
    /// `S(all questions, 4)`, 0..=100: weighted closeness to "operated with records". Equal
    /// to [`StageResult::score`] of Stage 2 (before caps).
    pub overall: f64,
    /// Weighted mean effective level, 0.0..=5.0 (for trends; level 5 shows here only).
    pub maturity_index: f64,
    /// Questions with an answer (answers to unknown question ids are ignored).
    pub answered: u32,
    /// Questions scored.
    pub questions: u32,
    /// `true` while fewer than [`COMPLETENESS_WARNING`] percent of questions are answered:
    /// the verdicts are provisional.
    pub provisional: bool,
    /// Per clause: the top-level clauses `"4"`..`"10"` and every requirement clause that
    /// has questions, keyed by clause id (sort with [`clause_order`] for display).
    pub clauses: BTreeMap<String, ClauseScore>,
    /// Documented / implemented / operated shares over the whole question set.
    pub views: Views,
    /// The Stage 1 audit (documentation) verdict and its reasons.
    pub stage1: StageResult,
    /// The Stage 2 audit (implementation and operation) verdict and its reasons.
    pub stage2: StageResult,
    /// Every blocking question below level 4 ([`STAGE2_REQUIRED`]), in [`gap_order`]
    /// (all are blocking, so by [`impact`] first): the likely major nonconformities.
    pub blocking_gaps: Vec<Gap>,
    /// The version of the verdict rules it was made with ([`RULES_VERSION`]); 1 for
    /// scorecards stored before rules were versioned.
    #[serde(default = "first_rules")]
    pub rules: u32,
}

fn first_rules() -> u32 {
    1
}

/// The content the verdict rules read: the questions, and the clauses and documents they
/// point to (clause titles in reasons; which documents a clause requires).
#[derive(Debug, Clone, Copy)]
pub struct Bank<'a> {
    /// The questions to score.
    pub questions: &'a [Question],
    /// The clause catalogue (titles).
    pub clauses: &'a [Clause],
    /// The document catalogue (which documents are required, and their names).
    pub documents: &'a [Document],
}

impl<'a> Bank<'a> {
    /// The whole library.
    pub fn of(lib: &'a Library) -> Self {
        Self {
            questions: &lib.questions,
            clauses: &lib.clauses,
            documents: &lib.documents,
        }
    }

    /// Questions alone: no clause titles, no document catalogue (so no clause counts as
    /// calling for documented information).
    pub fn questions(questions: &'a [Question]) -> Self {
        Self {
            questions,
            clauses: &[],
            documents: &[],
        }
    }
}

/// Scores `questions` with the answers keyed by question id, with nothing known besides the
/// answers ([`VerdictInputs::default`]) and no document catalogue.
///
/// Questions without an entry in `answers` count as unanswered (level 0); entries for ids not
/// in `questions` are ignored.
pub fn score(questions: &[Question], answers: &BTreeMap<String, Answer>) -> Scorecard {
    score_by(questions, |id| answers.get(id).copied())
}

/// Scores `questions`, looking each answer up with `answer_for(question_id)` (see [`score`]).
pub fn score_by(questions: &[Question], answer_for: impl Fn(&str) -> Option<Answer>) -> Scorecard {
    evaluate(
        Bank::questions(questions),
        answer_for,
        &VerdictInputs::default(),
    )
}

/// Scores a project: the library's questions with `answers`, judged with everything else the
/// verdicts need (`inputs`: setup errors, separation of duties, the operating period, and
/// audit and review records when they exist).
pub fn score_project(
    lib: &Library,
    answers: &BTreeMap<String, Answer>,
    inputs: &VerdictInputs,
) -> Scorecard {
    evaluate(Bank::of(lib), |id| answers.get(id).copied(), inputs)
}

/// The engine: scores `bank`'s questions, looking each answer up with `answer_for`, and judges
/// both stages with `inputs`.
pub fn evaluate(
    bank: Bank<'_>,
    answer_for: impl Fn(&str) -> Option<Answer>,
    inputs: &VerdictInputs,
) -> Scorecard {
    let questions = bank.questions;
    let items: Vec<Scored<'_>> = questions
        .iter()
        .map(|question| {
            let answer = answer_for(&question.id);
            Scored {
                question,
                answer,
                level: effective_level(question, answer.as_ref()),
                stage: Stage::of(question),
            }
        })
        .collect();

    // One pass: tallies per stage, per top-level clause and per requirement clause.
    let mut stage1_tally = Tally::default();
    let mut stage2_tally = Tally::default();
    let mut top_level: BTreeMap<&str, ClauseTally> = BTreeMap::new();
    let mut requirement: BTreeMap<&str, ClauseTally> = BTreeMap::new();
    for item in &items {
        let q = item.question;
        let answered = item.answer.is_some();
        let pick = |t: &mut ClauseTally| match item.stage {
            Stage::One => t.stage1.add(q.weight, item.level, answered),
            Stage::Two => t.stage2.add(q.weight, item.level, answered),
        };
        match item.stage {
            Stage::One => stage1_tally.add(q.weight, item.level, answered),
            Stage::Two => stage2_tally.add(q.weight, item.level, answered),
        }
        let top = top_level_of(&q.clause);
        pick(top_level.entry(top).or_default());
        if q.clause != top {
            pick(requirement.entry(q.clause.as_str()).or_default());
        }
    }
    let mut all = stage1_tally;
    all.merge(&stage2_tally);

    let top_scores: Vec<(&str, ClauseScore)> = top_level
        .into_iter()
        .map(|(id, t)| (id, t.to_score()))
        .collect();
    let requirement: BTreeMap<&str, ClauseScore> = requirement
        .into_iter()
        .map(|(id, t)| (id, t.to_score()))
        .collect();
    let cx = Context {
        items: &items,
        clauses: bank.clauses,
        documents: bank.documents,
        inputs,
    };
    let stage1 = verdict::stage1(&cx, &stage1_tally);
    let stage2 = verdict::stage2(
        &cx,
        &all,
        top_scores.iter().map(|(id, s)| (*id, s)),
        &requirement,
    );

    let mut blocking_gaps: Vec<Gap> = items
        .iter()
        .filter(|s| s.question.blocking)
        .filter_map(|s| s.gap(STAGE2_REQUIRED))
        .collect();
    blocking_gaps.sort_by(gap_order);

    let clauses: BTreeMap<String, ClauseScore> = top_scores
        .into_iter()
        .map(|(id, s)| (id.to_owned(), s))
        .chain(requirement.into_iter().map(|(id, s)| (id.to_owned(), s)))
        .collect();

    let completeness = if all.questions == 0 {
        0.0
    } else {
        100.0 * f64::from(all.answered) / f64::from(all.questions)
    };

    Scorecard {
        overall: all.attainment(OPERATED_LEVEL).unwrap_or(0.0),
        maturity_index: all.maturity_index(),
        answered: all.answered,
        questions: all.questions,
        provisional: completeness < COMPLETENESS_WARNING,
        clauses,
        views: Views::of(&stage1_tally, &stage2_tally),
        stage1,
        stage2,
        blocking_gaps,
        rules: RULES_VERSION,
    }
}
