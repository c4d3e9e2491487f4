use std::sync::Arc;

use ready20k_domain::assessment::{Action, ActionSource, ActionStatus, AnswerRecord, NewEvidence};
use ready20k_domain::clock::FixedClock;
use ready20k_domain::scoring::{MaturityLevel, Verdict};
use ready20k_domain::wizard::{OtherParty, OtherPartyKind};

use super::*;
use crate::Project;
use crate::register_error::testing::person;
use crate::wizard::services;

const NOW: &str = "2026-01-10T09:00:00+00:00";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 10).unwrap()
}

fn project(dir: &tempfile::TempDir) -> Project {
    let clock = Arc::new(FixedClock::at_rfc3339(NOW).unwrap());
    Project::create(&dir.path().join("p.r20k"), "Acme IT", clock).unwrap()
}

fn answer(id: &str, level: MaturityLevel) -> AnswerRecord {
    AnswerRecord {
        question_id: id.into(),
        level,
        ..AnswerRecord::default()
    }
}

fn on(questions: &[&str]) -> NewEvidence {
    NewEvidence {
        questions: questions.iter().map(|q| (*q).to_owned()).collect(),
        ..NewEvidence::default()
    }
}

/// A Stage 2 question (evidence matters above level 2).
fn stage2_question() -> String {
    library()
        .unwrap()
        .questions
        .iter()
        .find(|q| q.stage == 2)
        .unwrap()
        .id
        .clone()
}

#[test]
fn answers_round_trip_validate_and_survive_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path;
    {
        let mut p = project(&dir);
        path = p.path().to_owned();
        let c = &mut p;
        let ann = person(c, "Ann");
        let cloud = services::save_other_party(
            c,
            &OtherParty {
                id: 0,
                name: "CloudCo".into(),
                kind: OtherPartyKind::ExternalSupplier,
                provides: "hosting".into(),
                services: vec![],
                processes: vec![],
            },
        )
        .unwrap();
        let a = AnswerRecord {
            note: "  Draft exists ".into(),
            owner_id: Some(ann),
            target_date: Some("2026-06-30".into()),
            other_party_id: Some(cloud),
            other_party_control: "Monthly SLA review".into(),
            ..answer("Q-4.1-01", MaturityLevel::Initial)
        };
        let saved = answers::save_answer(c, &a).unwrap();
        assert_eq!(saved.note, "Draft exists");
        assert_eq!(saved.updated_at, NOW);
        // Saving again replaces.
        answers::save_answer(c, &answer("Q-4.1-01", MaturityLevel::Documented)).unwrap();
        answers::save_answer(c, &a).unwrap();
        // Refusals.
        let mut bad = |x: AnswerRecord| answers::save_answer(c, &x).unwrap_err().code();
        assert_eq!(
            bad(answer("Q-NOPE", MaturityLevel::Initial)),
            "unknown_reference"
        );
        assert_eq!(
            bad(AnswerRecord {
                target_date: Some("30.06.2026".into()),
                ..answer("Q-4.1-02", MaturityLevel::Initial)
            }),
            "invalid_date"
        );
        assert_eq!(
            bad(AnswerRecord {
                owner_id: Some(999),
                ..answer("Q-4.1-02", MaturityLevel::Initial)
            }),
            "unknown_reference"
        );
        assert_eq!(
            bad(AnswerRecord {
                other_party_id: Some(999),
                ..answer("Q-4.1-02", MaturityLevel::Initial)
            }),
            "unknown_reference"
        );
        assert!(
            answers::get_answer(c.conn_mut(), "Q-4.1-02")
                .unwrap()
                .is_none()
        );
        answers::save_answer(c, &answer("Q-4.1-02", MaturityLevel::Absent)).unwrap();
        let removed = answers::clear_answer(c, "Q-4.1-02").unwrap();
        assert_eq!(removed.unwrap().level, MaturityLevel::Absent);
        assert!(answers::clear_answer(c, "Q-4.1-02").unwrap().is_none());
        p.close().unwrap();
    }
    let clock = Arc::new(FixedClock::at_date(2026, 1, 11).unwrap());
    let p = Project::open(&path, clock).unwrap();
    let all = answers::list_answers(p.conn()).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].other_party_control, "Monthly SLA review");
    assert_eq!(all[0].target_date.as_deref(), Some("2026-06-30"));
    let v = view(p.conn(), today()).unwrap();
    assert_eq!(v.answers.len(), 1);
    assert_eq!(v.people.len(), 1);
    assert_eq!(v.other_parties.len(), 1);
    assert_eq!(v.scale.len(), 6);
    assert!(v.clause_scores.contains_key("4"));
}

#[test]
fn file_evidence_is_stored_with_its_hash_and_lifts_the_score() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = project(&dir);
    let q = stage2_question();
    let c = &mut p;
    answers::save_answer(c, &answer(&q, MaturityLevel::Operated)).unwrap();
    let clause = library().unwrap().question(&q).unwrap().clause.clone();
    let before = scorecard(c.conn_mut(), today()).unwrap().clauses[&clause].score;

    let bytes = b"minutes of the review".to_vec();
    let e = evidence::add_file(c, "review.txt", &bytes, &on(&[&q])).unwrap();
    assert_eq!(
        e.sha256.as_deref(),
        Some(evidence::sha256_hex(&bytes).as_str())
    );
    assert_eq!(e.size, Some(bytes.len() as i64));
    assert_eq!(e.added_at, NOW);
    assert_eq!(e.title, "review.txt");
    assert_eq!(
        evidence::read_file(c.conn_mut(), e.id).unwrap(),
        ("review.txt".into(), bytes)
    );
    let after = scorecard(c.conn_mut(), today()).unwrap().clauses[&clause].score;
    assert!(after > before, "{after} should exceed {before}");

    // Expired evidence stops counting.
    let mut meta = on(&[]);
    meta.expires_on = Some("2026-01-09".into());
    evidence::update_evidence(c, e.id, &meta).unwrap();
    assert_eq!(
        scorecard(c.conn_mut(), today()).unwrap().clauses[&clause].score,
        before
    );

    // Unlinking the last question deletes the evidence and its file.
    assert!(evidence::unlink(c, e.id, &q).unwrap().is_none());
    assert!(evidence::list_evidence(c.conn_mut()).unwrap().is_empty());
    let blobs: i64 = c
        .conn()
        .query_row("SELECT count(*) FROM evidence_file", [], |r| r.get(0))
        .unwrap();
    assert_eq!(blobs, 0);
}

#[test]
fn document_and_location_evidence_rules() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = project(&dir);
    let c = &mut p;
    assert!(evidence::add_location(c, &on(&["Q-4.1-01"])).is_err());
    let mut loc = on(&["Q-4.1-01"]);
    loc.location = Some("SharePoint / SMS / Context".into());
    loc.review_on = Some("2026-12-31".into());
    let e = evidence::add_location(c, &loc).unwrap();
    assert_eq!(e.title, "SharePoint / SMS / Context");
    let e = evidence::link(c, e.id, "Q-4.1-02").unwrap();
    assert_eq!(e.questions, vec!["Q-4.1-01", "Q-4.1-02"]);
    assert!(evidence::unlink(c, e.id, "Q-4.1-01").unwrap().is_some());
    assert!(evidence::link(c, e.id, "Q-NOPE").is_err());
    assert!(evidence::add_document(c, &on(&["Q-4.3-01"])).is_err());
    let mut doc = on(&["Q-4.3-01"]);
    doc.document_id = Some("DOC-SCOPE".into());
    doc.document_version = Some(2);
    let d = evidence::add_document(c, &doc).unwrap();
    assert_eq!(d.title, "DOC-SCOPE v2");
    assert!(evidence::add_file(c, "x.pdf", b"x", &on(&[])).is_err());
    evidence::delete_evidence(c, d.id).unwrap();
    assert_eq!(evidence::list_evidence(c.conn_mut()).unwrap().len(), 1);
}

#[test]
fn actions_and_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = project(&dir);
    let c = &mut p;
    let gap = Action {
        question_id: Some("Q-4.1-01".into()),
        due: Some("2026-01-05".into()),
        ..Action::new(ActionSource::Gap, " Write the issues list ")
    };
    let saved = actions::save_action(c, &gap).unwrap();
    assert!(saved.id > 0);
    assert_eq!(saved.title, "Write the issues list");
    let no_question = Action {
        question_id: None,
        ..gap.clone()
    };
    assert!(actions::save_action(c, &no_question).is_err());
    let audit = Action {
        source: ActionSource::Audit,
        cause: "No owner".into(),
        correction: "Assigned".into(),
        corrective_action: "RACI review".into(),
        verification: "Checked at next audit".into(),
        ..no_question
    };
    let audit = actions::save_action(c, &audit).unwrap();
    let done = actions::save_action(
        c,
        &Action {
            status: ActionStatus::Done,
            ..audit.clone()
        },
    )
    .unwrap();
    assert_eq!(done.status, ActionStatus::Done);
    assert_eq!(done.verification, "Checked at next audit");
    assert_eq!(actions::list_actions(c.conn_mut()).unwrap().len(), 2);
    let removed = actions::delete_action(c, audit.id).unwrap();
    assert_eq!(removed.cause, "No owner");
    assert_eq!(actions::list_actions(c.conn_mut()).unwrap().len(), 1);

    let card = scorecard(c.conn_mut(), today()).unwrap();
    assert_eq!(card.stage1.verdict, Verdict::NotReady);
    assert!(snapshots::take_snapshot(c, " ", &card).is_err());
    let s = snapshots::take_snapshot(c, "Baseline", &card).unwrap();
    let list = snapshots::list_snapshots(c.conn_mut()).unwrap();
    assert_eq!(list, vec![s.clone()]);
    let full = snapshots::get_snapshot(c.conn_mut(), s.id).unwrap();
    assert_eq!(full.scorecard, card);
    snapshots::delete_snapshot(c, s.id).unwrap();
    assert!(snapshots::get_snapshot(c.conn_mut(), s.id).is_err());
}
