//! Unit tests of the verdict rules and orderings.

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
    let status =
        |r: &StageResult, topic: &str| r.checks.iter().find(|c| c.topic == topic).unwrap().status;
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

/// Every cap code, read from the enum itself (its TypeScript union of snake_case names).
fn all_cap_codes() -> Vec<CapCode> {
    CapCode::inline(&ts_rs::Config::default())
        .split('|')
        .map(|name| serde_json::from_str(name.trim()).unwrap())
        .collect()
}

#[test]
fn every_cap_code_belongs_to_a_check_of_its_stage() {
    use CapCode::*;
    let all = all_cap_codes();
    assert!(all.len() > 20, "{all:?}");
    for code in all {
        // Exhaustive: a new code must say which stages raise it.
        let stages: &[&[CheckDef]] = match code {
            BlockingBelowMinimum | NoQuestions => &[STAGE1_CHECKS, STAGE2_CHECKS],
            SetupError
            | NoAuditProgramme
            | NoReviewScheduled
            | AuditNotPerformed
            | ReviewNotHeld
            | MissingDocumentedInformation => &[STAGE1_CHECKS],
            BlockingNotOperated
            | WeakClause
            | UnaddressedClause
            | NoAuditCycle
            | NoManagementReview
            | OperatingPeriod
            | AuditorIndependence
            | SodConflict
            | KeyPracticeWithoutRecords
            | ClaimWithoutRecords
            | OverdueDuty
            | DutyNotKept
            | RiskReviewOverdue
            | RiskRegisterNotReviewed
            | OpenMajorNonconformity
            | MinorNonconformityUnplanned => &[STAGE2_CHECKS],
        };
        for defs in stages {
            assert!(
                defs.iter().any(|(_, _, cs)| cs.contains(&code)),
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
