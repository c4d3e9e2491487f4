use chrono::NaiveDate;

use super::search::DEFAULT_LIMIT;
use super::*;
use crate::content::library;
use crate::documents::register;
use crate::test_support::location_evidence;
use crate::wizard::WizardData;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
}

fn screens() -> Vec<ScreenEntry> {
    [
        ("home", "Overview"),
        ("assessment", "Assessment"),
        ("scorecard", "Scorecard"),
        ("calendar", "SMS calendar"),
    ]
    .into_iter()
    .map(|(id, label)| ScreenEntry {
        id: id.into(),
        label: label.into(),
    })
    .collect()
}

fn ids(hits: &[PaletteHit]) -> Vec<&str> {
    hits.iter().map(|h| h.id.as_str()).collect()
}

fn evidence(id: i64, title: &str, questions: &[&str], expires_on: Option<&str>) -> Evidence {
    Evidence {
        expires_on: expires_on.map(Into::into),
        ..location_evidence(
            id,
            title,
            "Ticket system",
            "2026-01-01T00:00:00Z",
            questions,
        )
    }
}

#[test]
fn a_full_clause_number_finds_that_clause_first() {
    let hits = search(library(), &screens(), "8.5.1.3", DEFAULT_LIMIT);
    assert_eq!(ids(&hits), ["8.5.1.3"]);
    assert_eq!(hits[0].kind, HitKind::Clause);
    assert_eq!(hits[0].title, "Change management activities");
    let questions = library()
        .questions
        .iter()
        .filter(|q| q.clause == "8.5.1.3")
        .count();
    assert_eq!(hits[0].questions as usize, questions);
    // "clause" and a trailing dot say nothing more.
    assert_eq!(
        ids(&search(library(), &[], "Clause 8.5.1.3.", 5)),
        ["8.5.1.3"]
    );
}

#[test]
fn a_clause_number_prefix_lists_the_clause_then_its_sub_clauses_in_order() {
    let hits = search(library(), &screens(), "8.5", 50);
    let got = ids(&hits);
    assert_eq!(got[0], "8.5");
    assert_eq!(&got[1..5], ["8.5.1", "8.5.1.1", "8.5.1.2", "8.5.1.3"]);
    assert!(got.iter().all(|id| within(id, "8.5")), "{got:?}");
    let all = library()
        .clauses
        .iter()
        .filter(|c| within(&c.id, "8.5"))
        .count();
    assert_eq!(got.len(), all);
    // "1" is not the start of "10".
    assert!(search(library(), &[], "1", 50).is_empty());
    assert_eq!(
        ids(&search(library(), &[], "10", 50)),
        ["10", "10.1", "10.2"]
    );
}

#[test]
fn a_word_finds_the_titled_clause_before_clauses_that_mention_it() {
    let hits = search(library(), &screens(), "capacity", DEFAULT_LIMIT);
    assert_eq!(hits[0].id, "8.4.3");
    assert!(hits.len() > 1, "other clauses mention capacity too");
    assert!(hits.iter().all(|h| h.kind == HitKind::Clause));
    // Every word must match: capacity and demand only together.
    let both = search(library(), &[], "capacity demand", DEFAULT_LIMIT);
    assert!(!both.is_empty());
    for h in &both {
        let c = library().clause(&h.id).unwrap();
        let text = format!("{} {} {}", c.title, c.summary, c.small_firm).to_lowercase();
        assert!(
            text.contains("capacity")
                || c.evidence
                    .iter()
                    .any(|e| e.to_lowercase().contains("capacity"))
        );
    }
    assert!(search(library(), &screens(), "zzzyx", DEFAULT_LIMIT).is_empty());
}

#[test]
fn words_combine_with_numbers_and_plurals_find_singulars() {
    let hits = search(library(), &[], "8.5 policy", DEFAULT_LIMIT);
    assert_eq!(hits[0].id, "8.5.1.1");
    let hits = search(library(), &[], "changes", DEFAULT_LIMIT);
    assert!(ids(&hits).contains(&"8.5.1.3"), "{:?}", ids(&hits));
}

#[test]
fn screens_are_found_by_name() {
    let hits = search(library(), &screens(), "Scorecard", DEFAULT_LIMIT);
    assert_eq!(hits[0].kind, HitKind::Screen);
    assert_eq!(hits[0].id, "scorecard");
    let hits = search(library(), &screens(), "calen", DEFAULT_LIMIT);
    assert_eq!(hits[0].id, "calendar");
}

#[test]
fn an_empty_query_lists_screens_then_top_level_clauses() {
    let hits = search(library(), &screens(), "  ", 50);
    assert_eq!(
        ids(&hits),
        [
            "home",
            "assessment",
            "scorecard",
            "calendar",
            "4",
            "5",
            "6",
            "7",
            "8",
            "9",
            "10"
        ]
    );
    assert_eq!(search(library(), &screens(), "", 3).len(), 3);
}

#[test]
fn the_guide_carries_the_clause_text_documents_questions_and_evidence() {
    let lib = library();
    let mut reg = register(lib, &WizardData::default(), &[], today()).entries;
    let changes = reg.iter_mut().find(|e| e.key == "REC-CHANGES").unwrap();
    changes.status = DocStatus::Approved;
    changes.approved_version = Some("1.0".into());
    let answers = vec![AnswerRecord {
        question_id: "Q-8.5.1.3-01".into(),
        level: MaturityLevel::Initial,
        ..AnswerRecord::default()
    }];
    let ev = vec![
        evidence(1, "Change log", &["Q-8.5.1.3-01", "Q-4.1-01"], None),
        evidence(2, "Old CAB minutes", &["Q-8.5.1.3-02"], Some("2026-01-01")),
        evidence(3, "Issues list", &["Q-4.1-01"], None),
    ];
    let g = guide(lib, "8.5.1.3", &reg, &ev, &answers, today()).unwrap();
    let c = lib.clause("8.5.1.3").unwrap();
    assert_eq!(g.title, c.title);
    assert_eq!(g.summary, c.summary);
    assert_eq!(g.small_firm, c.small_firm);
    assert_eq!(g.evidence, c.evidence);
    assert_eq!(
        g.path.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["8", "8.5", "8.5.1"]
    );
    assert!(g.children.is_empty());
    // The clause's own document comes first, with the firm's status.
    let first = &g.documents[0];
    assert_eq!(first.key, "REC-CHANGES");
    assert!(first.needed);
    assert_eq!(first.status, DocStatus::Approved);
    assert_eq!(first.approved_version.as_deref(), Some("1.0"));
    assert!(g.documents.iter().skip(1).all(|d| !d.needed));
    // Questions with the answer given; evidence only for this clause's questions.
    assert_eq!(g.questions.len(), lib.questions_for("8.5.1.3").count());
    assert_eq!(g.answered, 1);
    assert_eq!(g.questions[0].level, Some(MaturityLevel::Initial));
    assert_eq!(
        g.firm_evidence
            .iter()
            .map(|e| (e.id, e.status, e.questions.clone()))
            .collect::<Vec<_>>(),
        [
            (1, EvidenceStatus::Current, vec!["Q-8.5.1.3-01".to_owned()]),
            (2, EvidenceStatus::Expired, vec!["Q-8.5.1.3-02".to_owned()]),
        ]
    );
}

#[test]
fn the_guide_of_a_heading_covers_its_sub_clauses_and_shows_the_amendment() {
    let lib = library();
    let reg = register(lib, &WizardData::default(), &[], today()).entries;
    let g = guide(lib, "4", &reg, &[], &[], today()).unwrap();
    assert_eq!(g.kind, ClauseKind::Clause);
    assert!(g.path.is_empty());
    assert_eq!(
        g.children.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["4.1", "4.2", "4.3", "4.4"]
    );
    let top4 = lib.questions.iter().filter(|q| q.clause.starts_with("4."));
    assert_eq!(g.questions.len(), top4.count());
    assert!(g.documents.iter().any(|d| d.key == "DOC-SCOPE" && d.needed));
    assert!(g.documents.iter().all(|d| d.status == DocStatus::Missing));

    let a = guide(lib, "4.1", &reg, &[], &[], today()).unwrap();
    assert!(a.amendment.as_deref().unwrap().contains("climate"));
    assert_eq!(a.answered, 0);
    assert!(guide(lib, "4.9", &reg, &[], &[], today()).is_none());
}

#[test]
fn within_respects_number_boundaries() {
    assert!(within("8.5.1.3", "8.5"));
    assert!(within("8.5", "8.5"));
    assert!(!within("8.50", "8.5"));
    assert!(!within("10", "1"));
}
