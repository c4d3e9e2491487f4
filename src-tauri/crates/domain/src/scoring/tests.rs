//! Scorecard tests: worked examples on small hand-made sets, the real question bank, and
//! property tests (proptest) on the real bank and on generated question sets.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::content::{self, Question};
use MaturityLevel::*;

fn q(id: &str, clause: &str, weight: u8, blocking: bool, stage: u8) -> Question {
    Question {
        id: id.into(),
        clause: clause.into(),
        text: format!("text of {id}"),
        evidence: vec![],
        weight,
        blocking,
        stage,
        documents: vec![],
        gate: None,
    }
}

fn answers(items: &[(&str, MaturityLevel, bool)]) -> BTreeMap<String, Answer> {
    items
        .iter()
        .map(|&(id, l, e)| (id.to_owned(), Answer::new(l, e)))
        .collect()
}

fn all_at(
    questions: &[Question],
    level: MaturityLevel,
    evidence: bool,
) -> BTreeMap<String, Answer> {
    questions
        .iter()
        .map(|q| (q.id.clone(), Answer::new(level, evidence)))
        .collect()
}

fn ids(gaps: &[Gap]) -> Vec<&str> {
    gaps.iter().map(|g| g.question_id.as_str()).collect()
}

/// The five questions of the worked example in section 8.7.
fn example() -> (Vec<Question>, BTreeMap<String, Answer>) {
    let qs = vec![
        q("Q-4.3-01", "4.3", 3, true, 1),
        q("Q-6.3-01", "6.3", 3, true, 1),
        q("Q-8.6.1-01", "8.6.1", 3, true, 2),
        q("Q-8.6.1-05", "8.6.1", 2, false, 2),
        q("Q-9.2-02", "9.2", 3, true, 2),
    ];
    let a = answers(&[
        ("Q-4.3-01", Documented, true),
        ("Q-6.3-01", Initial, true),
        ("Q-8.6.1-01", Operated, true),
        ("Q-8.6.1-05", Implemented, true),
        ("Q-9.2-02", Initial, true),
    ]);
    (qs, a)
}

#[test]
fn worked_example_of_section_8_7() {
    let (qs, a) = example();
    let card = score(&qs, &a);

    assert_eq!(card.stage1.score, 75.0);
    assert_eq!(card.stage1.verdict, Verdict::NotReady);
    assert_eq!(card.stage1.capped_score, HARD_CAP);
    assert_eq!(card.stage1.caps.len(), 1);
    assert_eq!(card.stage1.caps[0].code, CapCode::BlockingBelowMinimum);
    assert_eq!(card.stage1.caps[0].questions, ["Q-6.3-01"]);
    assert_eq!(ids(&card.stage1.reasons), ["Q-6.3-01"]);
    let g = &card.stage1.reasons[0];
    assert_eq!(
        (g.level, g.required, g.impact, g.stage),
        (Initial, Documented, 3, 1)
    );
    assert!(g.blocking && !g.evidence_missing);

    assert_eq!(round1(card.stage2.score), 53.6);
    assert_eq!(card.overall, card.stage2.score);
    assert_eq!(card.stage2.verdict, Verdict::NotReady);
    assert_eq!(card.stage2.caps[0].code, CapCode::BlockingBelowMinimum);
    // Q-4.3-01 (level 2), Q-6.3-01 (1) and Q-9.2-02 (1) are blocking and below level 3.
    assert_eq!(
        card.stage2.caps[0].questions,
        ["Q-6.3-01", "Q-9.2-02", "Q-4.3-01"]
    );
    assert_eq!(
        ids(&card.stage2.reasons),
        ["Q-6.3-01", "Q-9.2-02", "Q-4.3-01", "Q-8.6.1-05"]
    );
    assert_eq!(
        ids(&card.blocking_gaps),
        ["Q-6.3-01", "Q-9.2-02", "Q-4.3-01"]
    );
    assert_eq!(card.blocking_gaps[0].impact, 9);
}

#[test]
fn clauses_cover_top_level_and_requirement_ids() {
    let (qs, a) = example();
    let card = score(&qs, &a);
    let keys: Vec<&str> = card.clauses.keys().map(String::as_str).collect();
    assert_eq!(keys, ["4", "4.3", "6", "6.3", "8", "8.6.1", "9", "9.2"]);
    let c = &card.clauses["8.6.1"];
    assert_eq!((c.questions, c.answered, c.weight), (2, 2, 5));
    assert_eq!(c.score, 100.0 * (3.0 * 4.0 + 2.0 * 3.0) / (5.0 * 4.0));
    assert_eq!(c.views.documented, None);
    assert_eq!(c.views.implemented, Some(100.0));
    assert_eq!(c.views.operated, Some(60.0));
    assert_eq!(card.clauses["8"], card.clauses["8.6.1"]);
    assert_eq!(card.clauses["4"].score, 50.0);
}

#[test]
fn a_question_on_a_top_level_clause_is_counted_once() {
    let qs = vec![q("Q-a", "4", 2, false, 1), q("Q-b", "4.1", 1, false, 2)];
    let card = score(&qs, &BTreeMap::new());
    assert_eq!(card.clauses.len(), 2);
    assert_eq!(card.clauses["4"].questions, 2);
    assert_eq!(card.clauses["4.1"].questions, 1);
}

#[test]
fn views_are_weighted_shares_of_their_stage() {
    let qs = vec![
        q("Q-1", "4.1", 3, false, 1),
        q("Q-2", "4.1", 1, false, 1),
        q("Q-3", "8.1", 2, false, 2),
        q("Q-4", "8.1", 2, false, 2),
    ];
    let a = answers(&[
        ("Q-1", Documented, true),
        ("Q-2", Improving, false), // no evidence: counts as 1
        ("Q-3", Implemented, true),
        ("Q-4", Operated, true),
    ]);
    let card = score(&qs, &a);
    assert_eq!(card.views.documented, Some(75.0));
    assert_eq!(card.views.implemented, Some(100.0));
    assert_eq!(card.views.operated, Some(50.0));
    // Partial credit in the score: (3·2 + 1·1 + 2·3 + 2·4) / (8 · 4).
    assert_eq!(card.overall, 100.0 * 21.0 / 32.0);
    assert_eq!(card.maturity_index, 21.0 / 8.0);
}

#[test]
fn evidence_rule_applies_to_scores_and_gaps() {
    let qs = vec![q("Q-1", "8.1", 3, true, 2), q("Q-2", "4.3", 3, true, 1)];
    let without = score(&qs, &all_at(&qs, Operated, false));
    let with = score(&qs, &all_at(&qs, Operated, true));
    assert_eq!(with.overall, 100.0);
    // Stage 2 question counts 2, Stage 1 question counts 1: (3·2 + 3·1) / (6·4).
    assert_eq!(without.overall, 100.0 * 9.0 / 24.0);
    assert_eq!(without.views.implemented, Some(0.0));
    assert_eq!(without.stage1.verdict, Verdict::NotReady);
    let gap = &without.stage1.reasons[0];
    assert_eq!((gap.level, gap.answered_level), (Initial, Some(Operated)));
    assert!(gap.evidence_missing);
    assert_eq!(with.stage1.verdict, Verdict::Ready);
    assert_eq!(with.stage2.verdict, Verdict::Ready);
}

#[test]
fn unanswered_counts_as_absent_and_unknown_ids_are_ignored() {
    let qs = vec![q("Q-1", "4.1", 1, false, 1), q("Q-2", "4.1", 1, false, 2)];
    let a = answers(&[("Q-1", Operated, true), ("Q-999", Improving, true)]);
    let card = score(&qs, &a);
    assert_eq!((card.answered, card.questions), (1, 2));
    assert!(card.provisional);
    assert_eq!(card.overall, 50.0);
    let gap = card
        .stage2
        .reasons
        .iter()
        .find(|g| g.question_id == "Q-2")
        .unwrap();
    assert_eq!(
        (gap.level, gap.answered_level, gap.evidence_missing),
        (Absent, None, false)
    );
    // An explicit 0 is an answer.
    let card = score(
        &qs,
        &answers(&[("Q-1", Absent, false), ("Q-2", Absent, false)]),
    );
    assert_eq!(card.answered, 2);
    assert!(!card.provisional);
}

#[test]
fn stage1_ignores_stage2_questions() {
    let qs = vec![q("Q-1", "4.3", 3, true, 1), q("Q-2", "9.2", 3, true, 2)];
    let card = score(&qs, &answers(&[("Q-1", Documented, true)]));
    assert_eq!(card.stage1.verdict, Verdict::Ready);
    assert_eq!(card.stage1.score, 100.0);
    assert!(card.stage1.reasons.is_empty());
    assert_eq!(card.stage2.verdict, Verdict::NotReady);
}

#[test]
fn blocking_at_level_3_is_a_soft_cap_at_stage2() {
    let qs: Vec<Question> = (0..10)
        .map(|i| q(&format!("Q-{i}"), "8.1", 1, i == 0, 2))
        .collect();
    let mut a = all_at(&qs, Improving, true);
    a.insert("Q-0".into(), Answer::new(Implemented, true));
    let card = score(&qs, &a);
    assert!(card.stage2.score >= READY_THRESHOLD);
    assert_eq!(card.stage2.verdict, Verdict::NearlyReady);
    assert_eq!(card.stage2.capped_score, SOFT_CAP);
    assert_eq!(card.stage2.caps[0].code, CapCode::BlockingNotOperated);
    assert!(!card.stage2.caps[0].hard);
    assert_eq!(ids(&card.stage2.reasons), ["Q-0"]);
    assert_eq!(ids(&card.blocking_gaps), ["Q-0"]);
}

#[test]
fn a_weak_clause_is_a_soft_cap_at_stage2() {
    // Clause 10 carries 1 of 21 weight units and sits at level 0: the score stays above 85
    // but an auditor would find nothing in clause 10.
    let mut qs: Vec<Question> = (0..20)
        .map(|i| q(&format!("Q-8-{i}"), "8.1", 1, false, 2))
        .collect();
    qs.push(q("Q-10", "10.1", 1, false, 2));
    let mut a = all_at(&qs, Operated, true);
    a.remove("Q-10");
    let card = score(&qs, &a);
    assert!(card.stage2.score >= READY_THRESHOLD);
    assert_eq!(card.stage2.verdict, Verdict::NearlyReady);
    let cap = &card.stage2.caps[0];
    assert_eq!(
        (cap.code, cap.clause.as_deref()),
        (CapCode::WeakClause, Some("10"))
    );
    assert_eq!(cap.questions, ["Q-10"]);
    assert_eq!(ids(&card.stage2.reasons), ["Q-10"]);
}

#[test]
fn impact_is_weight_times_distance_to_level_4() {
    let s2 = q("Q-1", "8.1", 3, false, 2);
    assert_eq!(impact(&s2, None), 12);
    assert_eq!(impact(&s2, Some(&Answer::new(Implemented, true))), 3);
    assert_eq!(impact(&s2, Some(&Answer::new(Implemented, false))), 6);
    assert_eq!(impact(&s2, Some(&Answer::new(Improving, true))), 0);
    assert_eq!(
        impact_towards(&s2, Some(&Answer::new(Initial, true)), Documented),
        3
    );
}

#[test]
fn an_empty_bank_is_not_ready_with_a_cap() {
    let card = score(&[], &BTreeMap::new());
    assert_eq!(card.overall, 0.0);
    assert!(card.clauses.is_empty());
    assert_eq!(card.views, Views::default());
    for stage in [&card.stage1, &card.stage2] {
        assert_eq!(stage.verdict, Verdict::NotReady);
        assert_eq!(stage.caps[0].code, CapCode::NoQuestions);
    }
}

#[test]
fn scorecard_round_trips_through_json_and_has_a_ts_type() {
    let (qs, a) = example();
    let card = score(&qs, &a);
    let json = serde_json::to_string(&card).unwrap();
    let back: Scorecard = serde_json::from_str(&json).unwrap();
    assert_eq!(back, card);
    assert!(json.contains(r#""verdict":"not_ready""#));
    assert!(json.contains(r#""code":"blocking_below_minimum""#));
    use ts_rs::TS;
    let decl = Scorecard::decl(&ts_rs::Config::default());
    for field in [
        "overall",
        "clauses",
        "views",
        "stage1",
        "stage2",
        "blocking_gaps",
    ] {
        assert!(decl.contains(field), "{decl}");
    }
    assert!(MaturityLevel::decl(&ts_rs::Config::default()).contains("0 | 1 | 2 | 3 | 4 | 5"));
}

// ---- The real question bank ----

fn bank() -> &'static [Question] {
    &content::library().questions
}

#[test]
fn real_bank_extremes() {
    let qs = bank();
    assert!(
        qs.len() >= 150,
        "question bank has only {} questions",
        qs.len()
    );
    let zero = score(qs, &all_at(qs, Absent, false));
    assert_eq!(zero.overall, 0.0);
    assert_eq!(zero.stage1.verdict, Verdict::NotReady);
    assert_eq!(zero.stage2.verdict, Verdict::NotReady);
    assert_eq!(zero.stage2.reasons.len(), qs.len());
    assert_eq!(
        zero.blocking_gaps.len(),
        qs.iter().filter(|q| q.blocking).count()
    );

    let top = score(qs, &all_at(qs, Improving, true));
    assert_eq!(top.overall, 100.0);
    assert_eq!(top.stage1.verdict, Verdict::Ready);
    assert_eq!(top.stage2.verdict, Verdict::Ready);
    assert!(top.stage1.reasons.is_empty() && top.stage2.reasons.is_empty());
    assert!(top.blocking_gaps.is_empty());
    for top_level in ["4", "5", "6", "7", "8", "9", "10"] {
        assert_eq!(top.clauses[top_level].score, 100.0, "clause {top_level}");
    }
    assert!(qs.iter().all(|q| top.clauses.contains_key(&q.clause)));

    // Claims without evidence never make a firm ready.
    let claimed = score(qs, &all_at(qs, Improving, false));
    assert_eq!(claimed.stage1.verdict, Verdict::NotReady);
    assert_eq!(claimed.stage2.verdict, Verdict::NotReady);
    assert_eq!(claimed.views.implemented, Some(0.0));
}

#[test]
fn real_bank_documented_only_passes_stage1_not_stage2() {
    let qs = bank();
    let a: BTreeMap<String, Answer> = qs
        .iter()
        .map(|q| {
            (
                q.id.clone(),
                Answer::new(if q.stage == 1 { Documented } else { Initial }, true),
            )
        })
        .collect();
    let card = score(qs, &a);
    assert_eq!(card.views.documented, Some(100.0));
    assert_eq!(card.stage1.verdict, Verdict::Ready);
    assert_eq!(card.stage2.verdict, Verdict::NotReady);
}

// ---- Properties ----

fn levels() -> impl Strategy<Value = MaturityLevel> {
    (0u8..=5).prop_map(|v| MaturityLevel::from_value(v).unwrap_or_default())
}

/// One answer per question (`None` = unanswered), for a bank of `n` questions.
fn answer_set(n: usize) -> impl Strategy<Value = Vec<Option<Answer>>> {
    prop::collection::vec(
        prop::option::weighted(
            0.9,
            (levels(), any::<bool>()).prop_map(|(l, e)| Answer::new(l, e)),
        ),
        n,
    )
}

fn to_map(qs: &[Question], answers: &[Option<Answer>]) -> BTreeMap<String, Answer> {
    qs.iter()
        .zip(answers)
        .filter_map(|(q, a)| a.map(|a| (q.id.clone(), a)))
        .collect()
}

/// A generated question set with at least one question of each stage.
fn question_sets() -> impl Strategy<Value = Vec<Question>> {
    let clauses = prop::sample::select(vec![
        "4.1", "4.3", "5.2", "6.3", "7.5.4", "8.2", "8.5.1.3", "9.2", "10.1",
    ]);
    prop::collection::vec(
        (clauses, 1u8..=3, prop::bool::weighted(0.25), 1u8..=2),
        2..40,
    )
    .prop_map(|items| {
        items
            .into_iter()
            .enumerate()
            .map(|(i, (clause, weight, blocking, stage))| {
                let stage = match i {
                    0 => 1,
                    1 => 2,
                    _ => stage,
                };
                q(
                    &format!("Q-{clause}-{i:02}"),
                    clause,
                    weight,
                    blocking,
                    stage,
                )
            })
            .collect()
    })
}

/// A question set with answers, from the real bank or generated.
fn scenario() -> impl Strategy<Value = (Vec<Question>, Vec<Option<Answer>>)> {
    let real = Just(bank().to_vec()).prop_flat_map(|qs| {
        let n = qs.len();
        (Just(qs), answer_set(n))
    });
    let generated = question_sets().prop_flat_map(|qs| {
        let n = qs.len();
        (Just(qs), answer_set(n))
    });
    prop_oneof![real, generated]
}

fn in_range(x: f64) -> bool {
    (0.0..=100.0).contains(&x)
}

fn views_in_range(v: &Views) -> bool {
    [v.documented, v.implemented, v.operated]
        .into_iter()
        .flatten()
        .all(in_range)
}

/// `a <= b` for optional views (a view never appears or disappears when levels change).
fn view_le(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => x <= y,
        _ => false,
    }
}

fn views_le(a: &Views, b: &Views) -> bool {
    view_le(a.documented, b.documented)
        && view_le(a.implemented, b.implemented)
        && view_le(a.operated, b.operated)
}

fn check_reasons(stage: &StageResult) -> Result<(), TestCaseError> {
    if stage.verdict != Verdict::Ready {
        prop_assert!(
            !stage.reasons.is_empty(),
            "{:?} without reasons",
            stage.verdict
        );
    }
    prop_assert!(
        stage
            .reasons
            .windows(2)
            .all(|w| gap_order(&w[0], &w[1]).is_le())
    );
    prop_assert!(stage.reasons.iter().all(|g| g.level < g.required));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn scores_are_bounded((qs, answers) in scenario()) {
        let card = score(&qs, &to_map(&qs, &answers));
        prop_assert!(in_range(card.overall));
        prop_assert!((0.0..=5.0).contains(&card.maturity_index));
        prop_assert!(views_in_range(&card.views));
        for (id, c) in &card.clauses {
            prop_assert!(in_range(c.score), "clause {id}: {}", c.score);
            prop_assert!(views_in_range(&c.views));
            prop_assert!(c.answered <= c.questions);
        }
        for stage in [&card.stage1, &card.stage2] {
            prop_assert!(in_range(stage.score) && in_range(stage.capped_score));
            prop_assert!(stage.capped_score <= stage.score);
        }
    }

    #[test]
    fn raising_one_answer_never_lowers_anything(
        (qs, answers) in scenario(),
        pick in any::<prop::sample::Index>(),
        raise in 0u8..=5,
        add_evidence in any::<bool>(),
    ) {
        let i = pick.index(qs.len());
        let before = answers[i].unwrap_or_default();
        let level = MaturityLevel::from_value(before.level.value().saturating_add(raise).min(5))
            .unwrap_or(Improving);
        let after = Answer::new(level, before.has_evidence || add_evidence);
        let mut raised = answers.clone();
        raised[i] = Some(after);

        let a = score(&qs, &to_map(&qs, &answers));
        let b = score(&qs, &to_map(&qs, &raised));
        prop_assert!(a.overall <= b.overall, "overall {} -> {}", a.overall, b.overall);
        prop_assert!(a.maturity_index <= b.maturity_index);
        prop_assert!(views_le(&a.views, &b.views));
        prop_assert_eq!(a.clauses.len(), b.clauses.len());
        for (id, ca) in &a.clauses {
            let cb = &b.clauses[id];
            prop_assert!(ca.score <= cb.score, "clause {} {} -> {}", id, ca.score, cb.score);
            prop_assert!(views_le(&ca.views, &cb.views));
        }
        for (sa, sb) in [(&a.stage1, &b.stage1), (&a.stage2, &b.stage2)] {
            prop_assert!(sa.score <= sb.score);
            prop_assert!(sa.capped_score <= sb.capped_score);
            prop_assert!(sa.verdict <= sb.verdict);
            prop_assert!(sa.reasons.len() >= sb.reasons.len());
        }
        prop_assert!(a.blocking_gaps.len() >= b.blocking_gaps.len());
    }

    #[test]
    fn all_absent_is_not_ready_and_all_top_with_evidence_is_ready(qs in question_sets()) {
        let zero = score(&qs, &all_at(&qs, Absent, false));
        prop_assert_eq!(zero.stage1.verdict, Verdict::NotReady);
        prop_assert_eq!(zero.stage2.verdict, Verdict::NotReady);
        let top = score(&qs, &all_at(&qs, Improving, true));
        prop_assert_eq!(top.stage1.verdict, Verdict::Ready);
        prop_assert_eq!(top.stage2.verdict, Verdict::Ready);
        prop_assert_eq!(top.overall, 100.0);
    }

    #[test]
    fn a_blocking_question_at_zero_prevents_ready_at_its_stage(
        (qs, answers) in scenario(),
        pick in any::<prop::sample::Index>(),
        top in any::<bool>(),
    ) {
        let blocking: Vec<usize> = (0..qs.len()).filter(|&i| qs[i].blocking).collect();
        prop_assume!(!blocking.is_empty());
        let i = blocking[pick.index(blocking.len())];
        // Either everything else perfect or everything else random.
        let mut answers = if top {
            vec![Some(Answer::new(Improving, true)); qs.len()]
        } else {
            answers
        };
        answers[i] = Some(Answer::new(Absent, true));
        let card = score(&qs, &to_map(&qs, &answers));
        let stage = if qs[i].stage == 1 { &card.stage1 } else { &card.stage2 };
        prop_assert_eq!(stage.verdict, Verdict::NotReady);
        prop_assert_eq!(stage.reasons.first().map(|g| g.blocking), Some(true));
        prop_assert!(stage.reasons.iter().any(|g| g.question_id == qs[i].id));
        prop_assert!(stage.caps.iter().any(|c| c.hard && c.questions.contains(&qs[i].id)));
        // Stage 2 judges every question, so it is not ready either.
        prop_assert_eq!(card.stage2.verdict, Verdict::NotReady);
        prop_assert!(card.blocking_gaps.iter().any(|g| g.question_id == qs[i].id));
    }

    #[test]
    fn verdicts_other_than_ready_have_reasons((qs, answers) in scenario()) {
        let card = score(&qs, &to_map(&qs, &answers));
        check_reasons(&card.stage1)?;
        check_reasons(&card.stage2)?;
        prop_assert!(card.blocking_gaps.iter().all(|g| g.blocking));
        prop_assert!(card.blocking_gaps.windows(2).all(|w| w[0].impact >= w[1].impact));
    }

    #[test]
    fn scoring_is_deterministic_and_ignores_extra_answers((qs, answers) in scenario()) {
        let map = to_map(&qs, &answers);
        let card = score(&qs, &map);
        let mut extra = map.clone();
        extra.insert("Q-unknown".into(), Answer::new(Improving, true));
        prop_assert_eq!(&card, &score(&qs, &extra));
        prop_assert_eq!(&card, &score_by(&qs, |id| map.get(id).copied()));
    }
}
