//! The readiness self-assessment: answers with owners and dates, evidence, the action plan
//! (gaps, internal audit findings, management review actions: the 10.1 register) and frozen
//! scorecard snapshots.
//!
//! Everything here is pure. The store loads the records; the functions below turn them into
//! scoring input ([`scoring_answers`]), an ordered action plan ([`plan`]), and a comparison
//! of two scorecards ([`compare`]). Scoring itself is [`crate::scoring`].

pub mod compare;
pub mod plan;
pub mod types;
pub mod view;

pub use compare::{ClauseDelta, Comparison, QuestionChange, compare};
pub use plan::{PlannedAction, plan};
pub use types::*;
pub use view::{
    AnswerSaved, AssessmentView, ClauseSection, EvidenceEntry, LinkableDocument,
    RequirementSection, ScorecardView, sections, suggested_documents,
};

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::content::Library;
use crate::scoring::{Answer, MaturityLevel, Support, effective_level};

/// Parses a `YYYY-MM-DD` date; `None` for anything else.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// `Some(trimmed)` when `text` is a valid `YYYY-MM-DD` date, `None` when empty, and an error
/// message naming `what` otherwise.
pub fn normalise_date(
    text: Option<&str>,
    what: &str,
) -> Result<Option<String>, crate::error::Refusal> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => parse_date(t)
            .map(|d| Some(d.format("%Y-%m-%d").to_string()))
            .ok_or_else(|| {
                crate::error::Refusal::new(
                    "invalid_date",
                    format!("The {what} must be a date like 2026-06-30; got \"{t}\"."),
                )
            }),
    }
}

/// Whether a piece of evidence has lapsed on `today`, is due for review, or is current.
pub fn evidence_status(evidence: &Evidence, today: NaiveDate) -> EvidenceStatus {
    let before = |d: &Option<String>| {
        d.as_deref()
            .and_then(parse_date)
            .is_some_and(|date| date < today)
    };
    if before(&evidence.expires_on) {
        EvidenceStatus::Expired
    } else if before(&evidence.review_on) {
        EvidenceStatus::ReviewDue
    } else {
        EvidenceStatus::Current
    }
}

/// How far one piece of evidence carries a claim on `today` (see [`Support`]):
/// - expired evidence supports nothing;
/// - an approved document from the register supports "implemented" at most
///   ([`Support::Document`]);
/// - a file stored in the project is a record ([`Support::Record`]);
/// - a location is a record only while it is dated and within its review period (a review
///   date that has not passed); an undated location, or one past its review date, says where
///   things live and supports no more than a document.
pub fn evidence_support(evidence: &Evidence, today: NaiveDate) -> Support {
    let status = evidence_status(evidence, today);
    match (status, evidence.kind) {
        (EvidenceStatus::Expired, _) => Support::None,
        (_, EvidenceKind::Document) => Support::Document,
        (_, EvidenceKind::File) => Support::Record,
        (EvidenceStatus::Current, EvidenceKind::Location) if evidence.review_on.is_some() => {
            Support::Record
        }
        (_, EvidenceKind::Location) => Support::Document,
    }
}

/// How far all the evidence linked to one question carries its claim on `today`: the
/// strongest piece, and [`Support::Measurements`] when record-grade pieces were added in at
/// least two different months (measurements over time).
pub fn question_support<'a>(
    evidence: impl IntoIterator<Item = &'a Evidence>,
    today: NaiveDate,
) -> Support {
    let mut best = Support::None;
    let mut months: BTreeSet<&str> = BTreeSet::new();
    for e in evidence {
        let s = evidence_support(e, today);
        if s >= Support::Record {
            months.insert(e.added_at.get(..7).unwrap_or(&e.added_at));
        }
        best = best.max(s);
    }
    if months.len() >= 2 {
        Support::Measurements
    } else {
        best
    }
}

/// The answers as the scoring engine takes them: level plus how far the question's current
/// evidence carries it ([`question_support`]; expired evidence does not count, evidence due
/// for review still does).
pub fn scoring_answers(
    answers: &[AnswerRecord],
    evidence: &[Evidence],
    today: NaiveDate,
) -> BTreeMap<String, Answer> {
    let mut linked: BTreeMap<&str, Vec<&Evidence>> = BTreeMap::new();
    for e in evidence {
        for q in &e.questions {
            linked.entry(q.as_str()).or_default().push(e);
        }
    }
    answers
        .iter()
        .map(|a| {
            let support = linked
                .get(a.question_id.as_str())
                .map_or(Support::None, |es| {
                    question_support(es.iter().copied(), today)
                });
            (a.question_id.clone(), Answer::supported(a.level, support))
        })
        .collect()
}

/// The level every answered question of the bank counts for on `today`, keyed by question
/// id: the evidence rule of [`crate::scoring::effective_level`] applied with only evidence
/// that has not expired. Answers to questions not in the bank are left out.
pub fn effective_levels(
    lib: &Library,
    answers: &[AnswerRecord],
    evidence: &[Evidence],
    today: NaiveDate,
) -> BTreeMap<String, MaturityLevel> {
    scoring_answers(answers, evidence, today)
        .into_iter()
        .filter_map(|(id, a)| {
            let level = effective_level(lib.question(&id)?, Some(&a));
            Some((id, level))
        })
        .collect()
}

/// What the assessment screen updates after the answer to `question_id` was saved
/// (`answer` is the stored answer) or cleared (`None`): warnings, the level it counts for
/// with the `evidence` current on `today`, and the clause scores after the change.
pub fn answer_saved(
    lib: &Library,
    question_id: String,
    answer: Option<AnswerRecord>,
    evidence: &[Evidence],
    today: NaiveDate,
    clause_scores: BTreeMap<String, f64>,
) -> AnswerSaved {
    let (warnings, effective_level) = match &answer {
        Some(a) => (
            answer_warnings(a),
            effective_levels(lib, std::slice::from_ref(a), evidence, today).remove(&a.question_id),
        ),
        None => (Vec::new(), None),
    };
    AnswerSaved {
        question_id,
        answer,
        warnings,
        effective_level,
        clause_scores,
    }
}

/// Things about an answer the UI should point out (never a refusal: the firm keeps typing).
pub fn answer_warnings(answer: &AnswerRecord) -> Vec<String> {
    let mut out = Vec::new();
    if answer.other_party_id.is_some() && answer.other_party_control.trim().is_empty() {
        out.push(
            "Say how you control the other party's part: contract, SLA, reports, reviews.".into(),
        );
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::scoring::MaturityLevel;
    use crate::test_support::location_evidence;

    fn evidence(questions: &[&str], expires: Option<&str>, review: Option<&str>) -> Evidence {
        Evidence {
            expires_on: expires.map(Into::into),
            review_on: review.map(Into::into),
            ..location_evidence(1, "x", "SharePoint", "2026-01-01T00:00:00+00:00", questions)
        }
    }

    fn answer(id: &str, level: MaturityLevel) -> AnswerRecord {
        AnswerRecord {
            question_id: id.into(),
            level,
            ..AnswerRecord::default()
        }
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(
            normalise_date(Some(" 2026-06-30 "), "due date")
                .unwrap()
                .as_deref(),
            Some("2026-06-30")
        );
        assert_eq!(normalise_date(Some(""), "due date").unwrap(), None);
        assert_eq!(normalise_date(None, "due date").unwrap(), None);
        assert!(
            normalise_date(Some("30/06/2026"), "due date")
                .unwrap_err()
                .message
                .contains("due date")
        );
    }

    #[test]
    fn expired_evidence_does_not_count_review_due_does() {
        let today = parse_date("2026-03-01").unwrap();
        let answers = vec![
            answer("Q-A", MaturityLevel::Operated),
            answer("Q-B", MaturityLevel::Operated),
            answer("Q-C", MaturityLevel::Operated),
        ];
        let ev = vec![
            evidence(&["Q-A"], Some("2026-02-28"), None),
            evidence(&["Q-B"], Some("2026-03-01"), Some("2026-01-01")),
        ];
        assert_eq!(evidence_status(&ev[0], today), EvidenceStatus::Expired);
        assert_eq!(evidence_status(&ev[1], today), EvidenceStatus::ReviewDue);
        let map = scoring_answers(&answers, &ev, today);
        assert!(!map["Q-A"].has_evidence());
        assert!(map["Q-B"].has_evidence());
        assert!(!map["Q-C"].has_evidence());
        assert_eq!(map["Q-C"].level, MaturityLevel::Operated);
    }

    #[test]
    fn evidence_kinds_decide_the_support() {
        let today = parse_date("2026-03-01").unwrap();
        let mut loc = evidence(&["Q-A"], None, None);
        assert_eq!(evidence_support(&loc, today), Support::Document);
        loc.review_on = Some("2026-06-30".into());
        assert_eq!(evidence_support(&loc, today), Support::Record);
        loc.review_on = Some("2026-02-01".into());
        assert_eq!(evidence_support(&loc, today), Support::Document);
        let mut doc = evidence(&["Q-A"], None, None);
        doc.kind = EvidenceKind::Document;
        doc.document_id = Some("DOC-SCOPE".into());
        assert_eq!(evidence_support(&doc, today), Support::Document);
        let mut file = evidence(&["Q-A"], None, None);
        file.kind = EvidenceKind::File;
        assert_eq!(evidence_support(&file, today), Support::Record);
        file.expires_on = Some("2026-02-01".into());
        assert_eq!(evidence_support(&file, today), Support::None);
        file.expires_on = None;
        // Two records from different months are measurements over time; the same month is not.
        let mut later = file.clone();
        later.added_at = "2026-01-20T00:00:00+00:00".into();
        assert_eq!(question_support([&file, &later], today), Support::Record);
        later.added_at = "2026-02-03T00:00:00+00:00".into();
        assert_eq!(
            question_support([&file, &later], today),
            Support::Measurements
        );
        assert_eq!(question_support([&doc, &loc], today), Support::Document);
        // A document carries a claim of 4 only to 3; a record to 4.
        let answers = vec![answer("Q-A", MaturityLevel::Operated)];
        assert_eq!(
            scoring_answers(&answers, &[doc], today)["Q-A"].support,
            Support::Document
        );
    }

    #[test]
    fn effective_levels_cap_unevidenced_answers_by_stage() {
        let lib = crate::content::library();
        let stage = |n: u8| lib.questions.iter().find(|q| q.stage == n).unwrap();
        let (s1, s2) = (stage(1).id.as_str(), stage(2).id.as_str());
        let today = parse_date("2026-03-01").unwrap();
        let answers = vec![
            answer(s1, MaturityLevel::Implemented),
            answer(s2, MaturityLevel::Implemented),
            answer("Q-NOT-IN-BANK", MaturityLevel::Implemented),
        ];
        // Without evidence: Stage 1 counts at most 1, Stage 2 at most 2.
        let none = effective_levels(lib, &answers, &[], today);
        assert_eq!(none[s1], MaturityLevel::Initial);
        assert_eq!(none[s2], MaturityLevel::Documented);
        assert!(!none.contains_key("Q-NOT-IN-BANK"));
        // Current evidence lifts the cap (any kind carries level 3); expired evidence does not
        // count.
        let current = vec![evidence(&[s1], None, None)];
        assert_eq!(
            effective_levels(lib, &answers, &current, today)[s1],
            MaturityLevel::Implemented
        );
        let expired = vec![evidence(&[s1, s2], Some("2026-02-28"), None)];
        let capped = effective_levels(lib, &answers, &expired, today);
        assert_eq!(capped[s1], MaturityLevel::Initial);
        assert_eq!(capped[s2], MaturityLevel::Documented);
        // A level under the cap is kept.
        let low = vec![answer(s1, MaturityLevel::Absent)];
        assert_eq!(
            effective_levels(lib, &low, &[], today)[s1],
            MaturityLevel::Absent
        );
    }

    #[test]
    fn a_saved_answer_carries_its_level_and_warnings_and_a_cleared_one_none() {
        let lib = crate::content::library();
        let q = lib.questions.iter().find(|q| q.stage == 2).unwrap();
        let today = parse_date("2026-03-01").unwrap();
        let mut a = answer(&q.id, MaturityLevel::Implemented);
        a.other_party_id = Some(1);
        let saved = answer_saved(lib, q.id.clone(), Some(a), &[], today, BTreeMap::new());
        assert_eq!(saved.effective_level, Some(MaturityLevel::Documented));
        assert_eq!(saved.warnings.len(), 1);
        let ev = vec![evidence(&[&q.id], None, Some("2026-01-01"))];
        let a = answer(&q.id, MaturityLevel::Implemented);
        let saved = answer_saved(lib, q.id.clone(), Some(a), &ev, today, BTreeMap::new());
        assert_eq!(saved.effective_level, Some(MaturityLevel::Implemented));
        let cleared = answer_saved(lib, q.id.clone(), None, &ev, today, BTreeMap::new());
        assert_eq!((cleared.answer, cleared.effective_level), (None, None));
        assert!(cleared.warnings.is_empty());
    }

    #[test]
    fn other_party_without_control_is_flagged() {
        let mut a = answer("Q-A", MaturityLevel::Implemented);
        assert!(answer_warnings(&a).is_empty());
        a.other_party_id = Some(3);
        assert_eq!(answer_warnings(&a).len(), 1);
        a.other_party_control = "Monthly SLA report reviewed".into();
        assert!(answer_warnings(&a).is_empty());
    }
}
