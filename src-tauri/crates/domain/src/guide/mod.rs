//! The clause guide: for one clause of ISO/IEC 20000-1 what it asks, what it means for a small
//! firm, what an auditor wants to see, the documents it needs with the firm's own status, the
//! firm's evidence for its questions and the Amendment 1 note; and the command palette's
//! search over clauses and screens ([`search`]).
//!
//! Pure: the store hands in the register, the evidence and the answers.

pub mod search;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assessment::{AnswerRecord, Evidence, EvidenceKind, EvidenceStatus, evidence_status};
use crate::content::{Clause, ClauseKind, DocumentKind, Library};
use crate::documents::{DocStatus, RegisterEntry};
use crate::scoring::MaturityLevel;

pub use search::{HitKind, PaletteHit, ScreenEntry, search};

/// Whether clause `id` is `scope` or one of its sub-clauses (`8.5.1.3` is within `8.5`).
pub fn within(id: &str, scope: &str) -> bool {
    id.strip_prefix(scope)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// A clause named in a list: its number and short title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClauseRef {
    /// Clause number, e.g. `8.5.1`.
    pub id: String,
    /// Short title.
    pub title: String,
}

impl From<&Clause> for ClauseRef {
    fn from(c: &Clause) -> Self {
        Self {
            id: c.id.clone(),
            title: c.title.clone(),
        }
    }
}

/// A self-assessment question of the clause and the firm's answer to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GuideQuestion {
    /// `Q-<clause>-<nn>`.
    pub id: String,
    /// The requirement clause it checks.
    pub clause: String,
    /// The question.
    pub text: String,
    /// A "no" is likely a major nonconformity.
    pub blocking: bool,
    /// The level the firm claimed, if answered.
    pub level: Option<MaturityLevel>,
}

/// A document the clause needs or that serves it, with where the firm stands on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GuideDocument {
    /// Library id or `OWN-nnn` (the register's key).
    pub key: String,
    /// Title.
    pub title: String,
    /// Document (maintained) or record (retained).
    pub kind: DocumentKind,
    /// The clause itself names it as needed (otherwise it serves the clause).
    pub needed: bool,
    /// Required by the standard.
    pub required: bool,
    /// A record the standard expects as an activity rather than a retained record.
    pub expected: bool,
    /// Added by the firm.
    pub custom: bool,
    /// Where the firm stands today (`missing` when not started).
    pub status: DocStatus,
    /// Newest approved version, e.g. `1.0`.
    pub approved_version: Option<String>,
}

/// A piece of the firm's evidence linked to a question of the clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GuideEvidence {
    /// Evidence row id.
    pub id: i64,
    /// File, approved document or location.
    pub kind: EvidenceKind,
    /// Short title.
    pub title: String,
    /// Still counts, review due, or expired.
    pub status: EvidenceStatus,
    /// The questions of this clause it supports (in bank order).
    pub questions: Vec<String>,
}

/// Everything the clause guide panel shows for one clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClauseGuide {
    /// Clause number.
    pub id: String,
    /// Short title.
    pub title: String,
    /// Top-level clause, heading or requirement.
    pub kind: ClauseKind,
    /// The clauses above it, top-level first (`8`, `8.5`, `8.5.1` for `8.5.1.3`).
    pub path: Vec<ClauseRef>,
    /// Its direct sub-clauses.
    pub children: Vec<ClauseRef>,
    /// What it asks for, in plain words.
    pub summary: String,
    /// What it means for a firm of 5–50 people.
    pub small_firm: String,
    /// What an auditor typically asks to see.
    pub evidence: Vec<String>,
    /// What Amendment 1:2024 (climate action) adds here, if anything.
    pub amendment: Option<String>,
    /// Documents it needs first, then those that serve it, each with the firm's status.
    pub documents: Vec<GuideDocument>,
    /// Its questions (for a heading: those of every sub-clause), with the firm's answers.
    pub questions: Vec<GuideQuestion>,
    /// Questions answered so far.
    pub answered: u32,
    /// The firm's evidence linked to those questions.
    pub firm_evidence: Vec<GuideEvidence>,
}

/// The guide for clause `id`, with the firm's register, evidence and answers on `today`;
/// `None` when the library has no such clause.
pub fn guide(
    lib: &Library,
    id: &str,
    register: &[RegisterEntry],
    evidence: &[Evidence],
    answers: &[AnswerRecord],
    today: chrono::NaiveDate,
) -> Option<ClauseGuide> {
    let clause = lib.clause(id)?;
    let path = ancestors(lib, clause);
    let questions: Vec<GuideQuestion> = lib
        .questions
        .iter()
        .filter(|q| within(&q.clause, id))
        .map(|q| GuideQuestion {
            id: q.id.clone(),
            clause: q.clause.clone(),
            text: q.text.clone(),
            blocking: q.blocking,
            level: answers
                .iter()
                .find(|a| a.question_id == q.id)
                .map(|a| a.level),
        })
        .collect();
    let firm_evidence = evidence
        .iter()
        .filter_map(|e| {
            let linked: Vec<String> = questions
                .iter()
                .filter(|q| e.questions.contains(&q.id))
                .map(|q| q.id.clone())
                .collect();
            (!linked.is_empty()).then(|| GuideEvidence {
                id: e.id,
                kind: e.kind,
                title: e.title.clone(),
                status: evidence_status(e, today),
                questions: linked,
            })
        })
        .collect();
    Some(ClauseGuide {
        id: clause.id.clone(),
        title: clause.title.clone(),
        kind: clause.kind,
        path,
        children: lib.children(id).map(ClauseRef::from).collect(),
        summary: clause.summary.clone(),
        small_firm: clause.small_firm.clone(),
        evidence: clause.evidence.clone(),
        amendment: clause.amendment.clone(),
        documents: documents(lib, clause, register),
        answered: u32::try_from(questions.iter().filter(|q| q.level.is_some()).count())
            .unwrap_or(u32::MAX),
        questions,
        firm_evidence,
    })
}

/// The clauses above `clause`, top-level first.
fn ancestors(lib: &Library, clause: &Clause) -> Vec<ClauseRef> {
    let mut path = Vec::new();
    let mut next = clause.parent();
    while let Some(id) = next {
        match lib.clause(id) {
            Some(c) => {
                path.push(ClauseRef::from(c));
                next = c.parent();
            }
            None => next = None,
        }
    }
    path.reverse();
    path
}

/// The documents the clause (or, for a heading, any sub-clause) names as needed, then every
/// other register entry serving it or its sub-clauses or named by one of its questions.
fn documents(lib: &Library, clause: &Clause, register: &[RegisterEntry]) -> Vec<GuideDocument> {
    let scope = &clause.id;
    let needed: Vec<&String> = lib
        .clauses
        .iter()
        .filter(|c| within(&c.id, scope))
        .flat_map(|c| &c.documents)
        .collect();
    let asked: Vec<&String> = lib
        .questions
        .iter()
        .filter(|q| within(&q.clause, scope))
        .flat_map(|q| &q.documents)
        .collect();
    let serves = |e: &RegisterEntry| {
        needed.contains(&&e.key)
            || asked.contains(&&e.key)
            || e.clauses.iter().any(|c| within(c, scope))
    };
    let mut out: Vec<GuideDocument> = register
        .iter()
        .filter(|e| serves(e))
        .map(|e| GuideDocument {
            key: e.key.clone(),
            title: e.title.clone(),
            kind: e.kind,
            needed: needed.contains(&&e.key),
            required: e.required,
            expected: e.expected,
            custom: e.custom,
            status: e.status,
            approved_version: e.approved_version.clone(),
        })
        .collect();
    // Needed first, then required, then the rest; the register's order within each.
    out.sort_by_key(|d| (!d.needed, !d.required));
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
