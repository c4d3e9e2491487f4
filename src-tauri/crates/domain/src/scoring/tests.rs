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
    // Clause 10 carries 2 of 22 weight units and scores 25: the score stays above 85 but an
    // auditor would find little in clause 10.
    let mut qs: Vec<Question> = (0..20)
        .map(|i| q(&format!("Q-8-{i}"), "8.1", 1, false, 2))
        .collect();
    qs.push(q("Q-10", "10.1", 1, false, 2));
    qs.push(q("Q-10-b", "10.1", 1, false, 2));
    let mut a = all_at(&qs, Operated, true);
    // Clause 10.1 at (2 + 0) / 8 = 25: above the floor, so "weak" rather than "wholly
    // unaddressed".
    a.insert("Q-10".into(), Answer::new(Documented, true));
    a.remove("Q-10-b");
    let card = score(&qs, &a);
    assert!(card.stage2.score >= READY_THRESHOLD);
    assert_eq!(card.stage2.verdict, Verdict::NearlyReady);
    let cap = &card.stage2.caps[0];
    assert_eq!(
        (cap.code, cap.clause.as_deref()),
        (CapCode::WeakClause, Some("10"))
    );
    assert_eq!(cap.questions, ["Q-10-b", "Q-10"]);
    assert_eq!(ids(&card.stage2.reasons), ["Q-10-b", "Q-10"]);
    // With both at 0 the clause is wholly unaddressed: a hard cap.
    a.remove("Q-10");
    let card = score(&qs, &a);
    assert_eq!(card.stage2.verdict, Verdict::NotReady);
    assert_eq!(card.stage2.caps[0].code, CapCode::UnaddressedClause);
    assert_eq!(card.stage2.caps[0].clause.as_deref(), Some("10.1"));
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

fn lib() -> &'static content::Library {
    content::library()
}

/// Every question of the real bank at `level`, backed by `support`.
fn every(level: MaturityLevel, support: Support) -> BTreeMap<String, Answer> {
    bank()
        .iter()
        .map(|q| (q.id.clone(), Answer::supported(level, support)))
        .collect()
}

fn codes(stage: &StageResult) -> Vec<CapCode> {
    stage.caps.iter().map(|c| c.code).collect()
}

/// Requirement clauses of the real bank (those with questions), in clause order.
fn requirement_clauses() -> Vec<String> {
    let mut ids: Vec<String> = lib()
        .clauses
        .iter()
        .filter(|c| c.kind == content::ClauseKind::Requirement)
        .map(|c| c.id.clone())
        .collect();
    ids.sort_by(|a, b| clause_order(a, b));
    ids
}

#[test]
fn every_gate_is_carried_by_a_question_of_its_stage_and_clause() {
    for gate in Gate::ALL {
        let carriers: Vec<&Question> = bank().iter().filter(|q| q.gate == Some(gate)).collect();
        assert!(!carriers.is_empty(), "no question carries {gate:?}");
        for q in carriers {
            assert_eq!(q.stage, gate.stage(), "{} carries {gate:?}", q.id);
            assert_eq!(q.clause, gate.clause(), "{} carries {gate:?}", q.id);
        }
    }
    assert_eq!(requirement_clauses().len(), 57);
}

#[test]
fn real_bank_all_operated_with_records_and_clean_roles_is_ready_at_both_stages() {
    for support in [Support::Record, Support::Measurements] {
        for level in [Operated, Improving] {
            let card = score_project(lib(), &every(level, support), &VerdictInputs::default());
            assert_eq!(card.stage1.verdict, Verdict::Ready, "{level:?} {support:?}");
            assert_eq!(card.stage2.verdict, Verdict::Ready, "{level:?} {support:?}");
            assert!(card.stage1.caps.is_empty() && card.stage2.caps.is_empty());
            assert!(
                card.stage1
                    .checks
                    .iter()
                    .all(|c| c.status == CheckStatus::Met)
            );
            assert!(
                card.stage2
                    .checks
                    .iter()
                    .all(|c| c.status == CheckStatus::Met)
            );
            assert_eq!(card.rules, RULES_VERSION);
        }
    }
}

#[test]
fn documents_alone_support_level_3_not_operation() {
    // Every answer at 5 backed only by documents: implemented, never operated.
    let card = score_project(
        lib(),
        &every(Improving, Support::Document),
        &VerdictInputs::default(),
    );
    assert_eq!(card.views.operated, Some(0.0));
    assert_eq!(card.views.implemented, Some(100.0));
    assert_eq!(card.stage1.verdict, Verdict::Ready);
    assert_eq!(card.stage2.verdict, Verdict::NotReady);
    assert!(codes(&card.stage2).contains(&CapCode::NoAuditCycle));
    let gap = &card.stage2.reasons[0];
    assert_eq!(gap.evidence_needed, Some(Support::Record));
}

/// The first scenario of issue 12: every question at 4 with evidence except eleven
/// requirement clauses left wholly at 0. It scored 85.9 and "ready" at both stages.
#[test]
fn eleven_clauses_wholly_absent_are_not_ready_and_each_is_named() {
    let absent = [
        "4.1", "4.2", "7.3", "7.6", "8.2.5", "8.3.2", "8.3.4.2", "8.4.2", "8.5.2.2", "8.5.2.3",
        "10.2",
    ];
    let a: BTreeMap<String, Answer> = bank()
        .iter()
        .map(|q| {
            let level = if absent.contains(&q.clause.as_str()) {
                Absent
            } else {
                Operated
            };
            (q.id.clone(), Answer::supported(level, Support::Record))
        })
        .collect();
    let card = score_project(lib(), &a, &VerdictInputs::default());
    assert_eq!(card.stage2.verdict, Verdict::NotReady);
    let named: Vec<&str> = card
        .stage2
        .caps
        .iter()
        .filter(|c| c.code == CapCode::UnaddressedClause)
        .filter_map(|c| c.clause.as_deref())
        .collect();
    assert_eq!(named, absent);
    let c = card
        .stage2
        .caps
        .iter()
        .find(|c| c.clause.as_deref() == Some("4.1"))
        .unwrap();
    assert!(
        c.reason.contains("4.1 (Understanding the organization"),
        "{}",
        c.reason
    );
    assert!(c.hard);
    // Stage 1 is not ready either: these clauses' documents (where they call for one) are
    // missing, and blocking Stage 1 questions among them are absent.
    assert_ne!(card.stage1.verdict, Verdict::Ready);
}

/// The second scenario of issue 12: documents only (Stage 1 questions at 3 with evidence,
/// every Stage 2 question at 0). It was "ready for Stage 1 at 100/100".
#[test]
fn documents_only_is_at_most_nearly_ready_for_stage1_with_the_reasons() {
    let a: BTreeMap<String, Answer> = bank()
        .iter()
        .map(|q| {
            let level = if q.stage == 1 { Implemented } else { Absent };
            (q.id.clone(), Answer::supported(level, Support::Document))
        })
        .collect();
    let card = score_project(lib(), &a, &VerdictInputs::default());
    assert_eq!(card.stage1.score, 100.0);
    assert_eq!(card.stage1.verdict, Verdict::NearlyReady);
    let c = codes(&card.stage1);
    assert!(c.contains(&CapCode::AuditNotPerformed), "{c:?}");
    assert!(c.contains(&CapCode::ReviewNotHeld), "{c:?}");
    let audit = card
        .stage1
        .checks
        .iter()
        .find(|c| c.topic.starts_with("Internal audit"))
        .unwrap();
    assert_eq!(audit.status, CheckStatus::Limited);
    // The gate questions appear among the Stage 1 reasons.
    for gate in [Gate::AuditCycle, Gate::ReviewHeld] {
        let q = bank().iter().find(|q| q.gate == Some(gate)).unwrap();
        assert!(card.stage1.reasons.iter().any(|g| g.question_id == q.id));
    }
    assert_eq!(card.stage2.verdict, Verdict::NotReady);
}

#[test]
fn no_audit_programme_or_no_review_date_is_not_ready_for_stage1() {
    for gate in [Gate::AuditProgramme, Gate::ReviewSchedule] {
        let mut a = every(Operated, Support::Record);
        for q in bank().iter().filter(|q| q.gate == Some(gate)) {
            a.insert(q.id.clone(), Answer::supported(Initial, Support::Record));
        }
        let card = score_project(lib(), &a, &VerdictInputs::default());
        assert_eq!(card.stage1.verdict, Verdict::NotReady, "{gate:?}");
        let want = if gate == Gate::AuditProgramme {
            CapCode::NoAuditProgramme
        } else {
            CapCode::NoReviewScheduled
        };
        assert!(codes(&card.stage1).contains(&want));
    }
}

#[test]
fn stage1_needs_the_documents_a_clause_calls_for() {
    // A clause that names a required maintained document, with every answer of it below 2.
    let mut a = every(Operated, Support::Record);
    let clause = "8.7.2";
    for q in bank().iter().filter(|q| q.clause == clause) {
        a.insert(q.id.clone(), Answer::supported(Initial, Support::Record));
    }
    let card = score_project(lib(), &a, &VerdictInputs::default());
    assert_ne!(card.stage1.verdict, Verdict::Ready);
    let cap = card
        .stage1
        .caps
        .iter()
        .find(|c| c.code == CapCode::MissingDocumentedInformation)
        .unwrap();
    assert_eq!(cap.clause.as_deref(), Some(clause));
    assert!(cap.reason.contains("continuity"), "{}", cap.reason);
}

#[test]
fn audit_and_review_records_replace_the_answers_when_they_exist() {
    let a = every(Operated, Support::Record);
    let records = VerdictInputs {
        audit: Some(AuditFacts {
            programme: true,
            performed: 2,
            clauses_not_covered: vec!["8.7.3".into()],
        }),
        review: Some(ReviewFacts {
            next_planned: Some("2027-01-15".into()),
            held: 0,
        }),
        ..VerdictInputs::default()
    };
    let card = score_project(lib(), &a, &records);
    assert_eq!(card.stage1.verdict, Verdict::NearlyReady);
    assert_eq!(codes(&card.stage1), [CapCode::ReviewNotHeld]);
    assert_eq!(card.stage2.verdict, Verdict::NotReady);
    let c = codes(&card.stage2);
    assert!(c.contains(&CapCode::NoAuditCycle) && c.contains(&CapCode::NoManagementReview));
    let audit = card
        .stage2
        .caps
        .iter()
        .find(|c| c.code == CapCode::NoAuditCycle)
        .unwrap();
    assert!(audit.reason.contains("8.7.3"));
}

#[test]
fn the_operating_period_caps_stage2_at_nearly_ready() {
    let a = every(Operated, Support::Record);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let settings = ScoringSettings {
        records_since: Some("2026-02-01".into()),
        ..ScoringSettings::default()
    };
    let inputs = VerdictInputs {
        operating: OperatingPeriod::new(&settings, Some("2026-04-15"), today),
        ..VerdictInputs::default()
    };
    let card = score_project(lib(), &a, &inputs);
    assert_eq!(card.stage2.verdict, Verdict::NearlyReady);
    let cap = &card.stage2.caps[0];
    assert_eq!(cap.code, CapCode::OperatingPeriod);
    assert!(cap.reason.contains("2 month(s)"), "{}", cap.reason);
    assert!(cap.lift.contains("2026-05-01"), "{}", cap.lift);
    // Planned later, the period is long enough.
    let inputs = VerdictInputs {
        operating: OperatingPeriod::new(&settings, Some("2026-05-01"), today),
        ..VerdictInputs::default()
    };
    assert_eq!(
        score_project(lib(), &a, &inputs).stage2.verdict,
        Verdict::Ready
    );
    // Six months expected and no start date: the answers cannot show it.
    let inputs = VerdictInputs {
        operating: OperatingPeriod {
            required_months: 6,
            ..OperatingPeriod::default()
        },
        ..VerdictInputs::default()
    };
    let card = score_project(lib(), &a, &inputs);
    assert_eq!(codes(&card.stage2), [CapCode::OperatingPeriod]);
}

fn conflict(rule: &str, independence: bool) -> SodConflict {
    SodConflict {
        rule_id: rule.into(),
        person: "Dana".into(),
        independence,
        message: "Dana holds both roles.".into(),
    }
}

#[test]
fn separation_of_duties_reaches_the_stage2_verdict() {
    let a = every(Operated, Support::Record);
    let open = VerdictInputs {
        sod: vec![conflict("SOD-11", false)],
        ..VerdictInputs::default()
    };
    let card = score_project(lib(), &a, &open);
    assert_eq!(card.stage1.verdict, Verdict::Ready);
    assert_eq!(card.stage2.verdict, Verdict::NearlyReady);
    let cap = &card.stage2.caps[0];
    assert_eq!(
        (cap.code, cap.rule.as_deref(), cap.person.as_deref()),
        (CapCode::SodConflict, Some("SOD-11"), Some("Dana"))
    );
    let own_work = VerdictInputs {
        sod: vec![conflict("SOD-01", true)],
        ..VerdictInputs::default()
    };
    let card = score_project(lib(), &a, &own_work);
    assert_eq!(card.stage2.verdict, Verdict::NotReady);
    assert_eq!(card.stage2.caps[0].code, CapCode::AuditorIndependence);
    assert!(card.stage2.caps[0].reason.starts_with("SOD-01: Dana"));
}

#[test]
fn setup_errors_cap_stage1_and_name_each_error() {
    let a = every(Operated, Support::Record);
    let inputs = VerdictInputs {
        setup_errors: vec![SetupError {
            step: crate::wizard::StepId::Services,
            step_label: "Services and scope".into(),
            message: "The scope excludes clause 8.4.1.".into(),
        }],
        ..VerdictInputs::default()
    };
    let card = score_project(lib(), &a, &inputs);
    assert_eq!(card.stage1.verdict, Verdict::NotReady);
    assert_eq!(card.stage1.caps[0].code, CapCode::SetupError);
    assert!(card.stage1.caps[0].reason.contains("8.4.1"));
    assert_eq!(card.stage2.verdict, Verdict::Ready);
}

#[test]
fn real_roles_feed_the_verdict() {
    use crate::wizard::sod::check_sod;
    use crate::wizard::types::{Person, RoleAssignment};
    let person = |id: i64, name: &str, external: bool| Person {
        id,
        name: name.into(),
        external,
        ..Person::default()
    };
    let assign = |role: &str, holders: &[i64]| RoleAssignment {
        role_id: role.into(),
        holders: holders.to_vec(),
        deputy: None,
    };
    let people = vec![
        person(1, "Ann", false),
        person(2, "Ben", false),
        person(3, "Auditor Ltd", true),
    ];
    let mut roles = vec![
        assign("ROLE-TM", &[1]),
        assign("ROLE-SMSM", &[1]),
        assign("ROLE-RES", &[2]),
        assign("ROLE-IA", &[3]),
    ];
    let a = every(Operated, Support::Record);
    let clean = check_sod(lib(), &people, &roles, &[], 2);
    let inputs = VerdictInputs {
        sod: sod_conflicts(&clean),
        ..VerdictInputs::default()
    };
    assert!(inputs.sod.is_empty(), "{:?}", inputs.sod);
    assert_eq!(
        score_project(lib(), &a, &inputs).stage2.verdict,
        Verdict::Ready
    );
    // Ben, who resolves incidents and implements changes, becomes the internal auditor.
    roles[3] = assign("ROLE-IA", &[2]);
    let report = check_sod(lib(), &people, &roles, &[], 2);
    let inputs = VerdictInputs {
        sod: sod_conflicts(&report),
        ..VerdictInputs::default()
    };
    let card = score_project(lib(), &a, &inputs);
    assert_eq!(card.stage2.verdict, Verdict::NotReady);
    let cap = &card.stage2.caps[0];
    assert_eq!(cap.code, CapCode::AuditorIndependence);
    assert_eq!(cap.person.as_deref(), Some("Ben"));
    assert!(cap.reason.contains("Incident management"), "{}", cap.reason);
}

#[test]
fn old_scorecards_read_as_rules_version_1() {
    let (qs, a) = example();
    let card = score(&qs, &a);
    let mut json: serde_json::Value = serde_json::to_value(&card).unwrap();
    let obj = json.as_object_mut().unwrap();
    obj.remove("rules");
    for stage in ["stage1", "stage2"] {
        let st = obj[stage].as_object_mut().unwrap();
        st.remove("checks");
        for cap in st["caps"].as_array_mut().unwrap() {
            let cap = cap.as_object_mut().unwrap();
            for k in ["rule", "person", "reason", "lift"] {
                cap.remove(k);
            }
        }
    }
    let back: Scorecard = serde_json::from_value(json).unwrap();
    assert_eq!(back.rules, 1);
    assert!(back.stage1.checks.is_empty());
}

// ---- Properties ----

fn levels() -> impl Strategy<Value = MaturityLevel> {
    (0u8..=5).prop_map(|v| MaturityLevel::from_value(v).unwrap_or_default())
}

fn supports() -> impl Strategy<Value = Support> {
    prop::sample::select(vec![
        Support::None,
        Support::Document,
        Support::Record,
        Support::Measurements,
    ])
}

/// One answer per question (`None` = unanswered), for a bank of `n` questions.
fn answer_set(n: usize) -> impl Strategy<Value = Vec<Option<Answer>>> {
    prop::collection::vec(
        prop::option::weighted(
            0.9,
            (levels(), supports()).prop_map(|(l, s)| Answer::supported(l, s)),
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
        prop_assert!(
            stage.checks.iter().any(|c| c.status != CheckStatus::Met) || stage.caps.is_empty()
        );
    }
    for cap in &stage.caps {
        prop_assert!(!cap.reason.is_empty() && !cap.lift.is_empty(), "{:?}", cap);
        prop_assert_eq!(cap.hard, cap.code.is_hard());
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
        stronger in supports(),
    ) {
        let i = pick.index(qs.len());
        let before = answers[i].unwrap_or_default();
        let level = MaturityLevel::from_value(before.level.value().saturating_add(raise).min(5))
            .unwrap_or(Improving);
        let after = Answer::supported(level, before.support.max(stronger));
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

    /// Issue 12: setting any single requirement clause wholly to 0 never leaves Stage 2
    /// ready, whatever the rest looks like (everything operated, or random).
    #[test]
    fn a_requirement_clause_wholly_at_zero_is_never_ready_at_stage2(
        pick in any::<prop::sample::Index>(),
        answers in answer_set(bank().len()),
        top in any::<bool>(),
    ) {
        let clauses = requirement_clauses();
        let clause = &clauses[pick.index(clauses.len())];
        let mut answers = if top {
            vec![Some(Answer::supported(Improving, Support::Measurements)); bank().len()]
        } else {
            answers
        };
        for (q, a) in bank().iter().zip(answers.iter_mut()) {
            if &q.clause == clause {
                *a = Some(Answer::supported(Absent, Support::Record));
            }
        }
        let card = score_project(lib(), &to_map(bank(), &answers), &VerdictInputs::default());
        prop_assert_eq!(card.stage2.verdict, Verdict::NotReady);
        let named = card.stage2.caps.iter().any(|c| {
            c.code == CapCode::UnaddressedClause && c.clause.as_deref() == Some(clause.as_str())
        });
        prop_assert!(named, "clause {} not named", clause);
    }

    /// Issue 12: removing every internal-audit and management-review answer never leaves
    /// Stage 1 ready.
    #[test]
    fn without_audit_and_review_answers_stage1_is_never_ready(
        answers in answer_set(bank().len()),
        top in any::<bool>(),
    ) {
        let mut map = if top {
            every(Improving, Support::Measurements)
        } else {
            to_map(bank(), &answers)
        };
        for q in bank().iter().filter(|q| q.clause == "9.2" || q.clause == "9.3") {
            map.remove(&q.id);
        }
        let card = score_project(lib(), &map, &VerdictInputs::default());
        prop_assert_eq!(card.stage1.verdict, Verdict::NotReady);
        let c = codes(&card.stage1);
        prop_assert!(c.contains(&CapCode::NoAuditProgramme) && c.contains(&CapCode::NoReviewScheduled));
    }

    /// Issue 12: an open independence conflict never leaves Stage 2 ready.
    #[test]
    fn an_open_independence_conflict_is_never_ready_at_stage2(
        answers in answer_set(bank().len()),
        top in any::<bool>(),
        others in prop::collection::vec(any::<bool>(), 0..3),
    ) {
        let map = if top {
            every(Improving, Support::Measurements)
        } else {
            to_map(bank(), &answers)
        };
        let mut sod = vec![conflict("SOD-01", true)];
        sod.extend(others.into_iter().map(|i| conflict("SOD-11", i)));
        let inputs = VerdictInputs { sod, ..VerdictInputs::default() };
        let card = score_project(lib(), &map, &inputs);
        prop_assert_eq!(card.stage2.verdict, Verdict::NotReady);
        prop_assert!(card.stage2.caps.iter().any(|c| c.code == CapCode::AuditorIndependence));
    }

    /// Monotonicity with the whole library and project inputs: raising an answer or
    /// strengthening its evidence never lowers a verdict or a capped score.
    #[test]
    fn raising_one_answer_never_lowers_a_project_verdict(
        answers in answer_set(bank().len()),
        pick in any::<prop::sample::Index>(),
        raise in 0u8..=5,
        stronger in supports(),
        sod in prop::collection::vec(any::<bool>(), 0..2),
        months in prop::option::of(0u32..8),
    ) {
        let qs = bank();
        let i = pick.index(qs.len());
        let before = answers[i].unwrap_or_default();
        let level = MaturityLevel::from_value(before.level.value().saturating_add(raise).min(5))
            .unwrap_or(Improving);
        let mut raised = answers.clone();
        raised[i] = Some(Answer::supported(level, before.support.max(stronger)));
        let inputs = VerdictInputs {
            sod: sod.into_iter().map(|i| conflict("SOD-02", i)).collect(),
            operating: OperatingPeriod { months, ..OperatingPeriod::default() },
            ..VerdictInputs::default()
        };
        let a = score_project(lib(), &to_map(qs, &answers), &inputs);
        let b = score_project(lib(), &to_map(qs, &raised), &inputs);
        for (sa, sb) in [(&a.stage1, &b.stage1), (&a.stage2, &b.stage2)] {
            prop_assert!(sa.score <= sb.score);
            prop_assert!(sa.capped_score <= sb.capped_score);
            prop_assert!(sa.verdict <= sb.verdict);
            prop_assert!(sa.caps.len() >= sb.caps.len());
        }
        check_reasons(&a.stage1)?;
        check_reasons(&a.stage2)?;
    }
}
