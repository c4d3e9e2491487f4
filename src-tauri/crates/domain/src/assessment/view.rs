//! What the assessment screen shows: the question bank grouped by clause, the answers, the
//! evidence, and who can own an answer.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use super::plan::PlannedAction;
use super::types::{AnswerRecord, Evidence, EvidenceStatus, SnapshotSummary};
use crate::content::{ClauseKind, Library, Question, top_level_of};
use crate::scoring::{
    LevelDescription, MaturityLevel, RulesChange, Scorecard, ScoringSettings, clause_order,
};
use crate::wizard::{OtherParty, Person};

/// An approved document version that can be linked as evidence (from the document register's
/// approved versions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
pub struct LinkableDocument {
    /// Document key in the register, e.g. `DOC-SCOPE` (library documents use their library id).
    pub document_id: String,
    /// Its title.
    pub title: String,
    /// The approved version's row id in the register (stored as the evidence's version).
    pub version: i64,
    /// The version as people read it, e.g. `1.2`.
    pub version_label: String,
}

/// One requirement clause with its questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RequirementSection {
    /// Clause id, e.g. `8.5.1.3`.
    pub id: String,
    /// Short title.
    pub title: String,
    /// What it asks for, in our words.
    pub summary: String,
    /// Its questions, in bank order.
    pub questions: Vec<Question>,
    /// Document ids that evidence it (suggested when linking approved documents).
    pub documents: Vec<String>,
}

/// A top-level clause (4–10) with its requirement clauses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClauseSection {
    /// `4`..`10`.
    pub id: String,
    /// Short title.
    pub title: String,
    /// Requirement clauses that have questions, in clause order.
    pub requirements: Vec<RequirementSection>,
}

/// A piece of evidence and whether it still counts today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EvidenceEntry {
    /// The evidence.
    pub evidence: Evidence,
    /// Current, due for review or expired.
    pub status: EvidenceStatus,
}

/// Everything the assessment screen needs, in one answer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AssessmentView {
    /// Today (`YYYY-MM-DD`), from the app clock: the reference for overdue and expired.
    pub today: String,
    /// The 0–5 scale with plain descriptions.
    pub scale: Vec<LevelDescription>,
    /// The question bank by clause.
    pub sections: Vec<ClauseSection>,
    /// Every answer given so far.
    pub answers: Vec<AnswerRecord>,
    /// The level every answered question counts for today, keyed by question id: the claimed
    /// level, capped while no current evidence supports it ([`super::effective_levels`]).
    pub effective_levels: BTreeMap<String, MaturityLevel>,
    /// Every piece of evidence (file contents stay in the project file).
    pub evidence: Vec<EvidenceEntry>,
    /// People who can own an answer or an action.
    pub people: Vec<Person>,
    /// Other parties that can operate a process.
    pub other_parties: Vec<OtherParty>,
    /// Approved document versions that can be linked.
    pub documents: Vec<LinkableDocument>,
    /// Score (0..=100) of every clause, keyed by clause id.
    pub clause_scores: BTreeMap<String, f64>,
    /// Answers to look at again because their question was split, moved or reworded when the
    /// question bank changed: question id -> why. An entry goes once the answer is saved.
    pub review: BTreeMap<String, String>,
}

/// The answer to saving or clearing one answer: what the screen needs to update in place.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AnswerSaved {
    /// The question.
    pub question_id: String,
    /// The answer as stored, or `None` after clearing it.
    pub answer: Option<AnswerRecord>,
    /// Things to point out about the answer ([`super::answer_warnings`]).
    pub warnings: Vec<String>,
    /// The level the answer counts for today (the evidence rule applied); `None` after
    /// clearing it.
    pub effective_level: Option<MaturityLevel>,
    /// Score (0..=100) of every clause after the change, keyed by clause id.
    pub clause_scores: BTreeMap<String, f64>,
}

/// Everything the scorecard screen needs, in one answer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScorecardView {
    /// Today (`YYYY-MM-DD`), from the app clock.
    pub today: String,
    /// The scorecard now.
    pub scorecard: Scorecard,
    /// Title of every clause that has a score, keyed by clause id.
    pub clause_titles: BTreeMap<String, String>,
    /// The action plan, ordered ([`super::plan`]).
    pub plan: Vec<PlannedAction>,
    /// Frozen scorecards, oldest first.
    pub snapshots: Vec<SnapshotSummary>,
    /// People who can own an action.
    pub people: Vec<Person>,
    /// The scoring settings (months of records expected, records start, planned Stage 2).
    pub settings: ScoringSettings,
    /// The firm's target certification date from the firm profile (the planned Stage 2 date
    /// when the settings give none).
    pub target_date: Option<String>,
    /// Which verdicts moved because the rules changed, when a stored snapshot was made under
    /// older rules.
    pub rules_change: Option<RulesChange>,
}

/// The question bank grouped by top-level clause and requirement clause.
pub fn sections(lib: &Library) -> Vec<ClauseSection> {
    let mut out: Vec<ClauseSection> = lib
        .clauses
        .iter()
        .filter(|c| c.kind == ClauseKind::Clause)
        .map(|c| ClauseSection {
            id: c.id.clone(),
            title: c.title.clone(),
            requirements: Vec::new(),
        })
        .collect();
    out.sort_by(|a, b| clause_order(&a.id, &b.id));
    let mut by_clause: BTreeMap<&str, Vec<Question>> = BTreeMap::new();
    for q in &lib.questions {
        by_clause
            .entry(q.clause.as_str())
            .or_default()
            .push(q.clone());
    }
    let mut ids: Vec<&str> = by_clause.keys().copied().collect();
    ids.sort_by(|a, b| clause_order(a, b));
    for id in ids {
        let top = top_level_of(id);
        let Some(section) = out.iter_mut().find(|s| s.id == top) else {
            continue;
        };
        let clause = lib.clause(id);
        let questions = by_clause.remove(id).unwrap_or_default();
        section.requirements.push(RequirementSection {
            id: id.to_owned(),
            title: clause.map(|c| c.title.clone()).unwrap_or_default(),
            summary: clause.map(|c| c.summary.clone()).unwrap_or_default(),
            documents: documents_for(lib, id, &questions),
            questions,
        });
    }
    out
}

/// Document ids that evidence clause `id`: those its questions name, those the clause
/// requires, and those the catalogue says serve it.
fn documents_for(lib: &Library, id: &str, questions: &[Question]) -> Vec<String> {
    let mut docs: Vec<String> = Vec::new();
    let mut add = |d: &String| {
        if !docs.contains(d) {
            docs.push(d.clone());
        }
    };
    questions
        .iter()
        .flat_map(|q| &q.documents)
        .for_each(&mut add);
    lib.clause(id)
        .into_iter()
        .flat_map(|c| &c.documents)
        .for_each(&mut add);
    lib.documents
        .iter()
        .filter(|d| d.clauses.iter().any(|c| c == id))
        .for_each(|d| add(&d.id));
    docs
}

/// The approved documents worth suggesting for `question`: those that evidence its clause.
pub fn suggested_documents<'a>(
    lib: &Library,
    question: &Question,
    approved: &'a [LinkableDocument],
) -> Vec<&'a LinkableDocument> {
    let wanted = documents_for(lib, &question.clause, std::slice::from_ref(question));
    approved
        .iter()
        .filter(|d| wanted.contains(&d.document_id))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::content::library;

    #[test]
    fn every_question_is_in_exactly_one_section() {
        let lib = library();
        let s = sections(lib);
        assert_eq!(
            s.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["4", "5", "6", "7", "8", "9", "10"]
        );
        let n: usize = s
            .iter()
            .flat_map(|c| &c.requirements)
            .map(|r| r.questions.len())
            .sum();
        assert_eq!(n, lib.questions.len());
        for c in &s {
            assert!(
                !c.requirements.is_empty(),
                "clause {} has no questions",
                c.id
            );
            for pair in c.requirements.windows(2) {
                assert!(clause_order(&pair[0].id, &pair[1].id).is_lt());
            }
        }
    }

    #[test]
    fn approved_documents_are_suggested_for_their_clauses() {
        let lib = library();
        let scope_q = lib.questions.iter().find(|q| q.clause == "4.3").unwrap();
        let other_q = lib.questions.iter().find(|q| q.clause == "8.7.1").unwrap();
        let approved = vec![LinkableDocument {
            document_id: "DOC-SCOPE".into(),
            title: "Scope".into(),
            version: 2,
            version_label: "1.0".into(),
        }];
        assert_eq!(suggested_documents(lib, scope_q, &approved).len(), 1);
        assert!(suggested_documents(lib, other_q, &approved).is_empty());
    }
}
