//! The checklist of an audit: one line per question of the bank for each requirement clause in
//! scope, each with the sampling prompt of its clause area.

use super::sampling::{GENERAL_PROMPT, prompt_for};
use super::types::{AuditLine, LineResult};
use crate::content::{ClauseKind, Library};

/// Whether `clause` lies inside one of `scope` (equal to it or below it).
pub fn in_scope(clause: &str, scope: &[String]) -> bool {
    scope
        .iter()
        .any(|s| clause == s || clause.starts_with(&format!("{s}.")))
}

/// Requirement clauses inside `scope`, in library order.
pub fn requirement_clauses<'a>(lib: &'a Library, scope: &'a [String]) -> Vec<&'a str> {
    lib.clauses
        .iter()
        .filter(|c| c.kind == ClauseKind::Requirement && in_scope(&c.id, scope))
        .map(|c| c.id.as_str())
        .collect()
}

/// The checklist lines for an audit of `scope` (ids 0, positions from 1).
pub fn checklist(lib: &Library, scope: &[String]) -> Vec<AuditLine> {
    let mut lines = Vec::new();
    for clause in requirement_clauses(lib, scope) {
        let sampling = prompt_for(clause).unwrap_or(GENERAL_PROMPT).to_owned();
        let mut questions = lib.questions_for(clause).peekable();
        if questions.peek().is_none() {
            let prompt = lib.clause(clause).map_or_else(
                || format!("Check clause {clause}."),
                |c| format!("{} {}", c.title, c.summary),
            );
            lines.push(line(lines.len(), clause, None, prompt, &sampling));
        }
        for q in questions {
            lines.push(line(
                lines.len(),
                clause,
                Some(q.id.clone()),
                q.text.clone(),
                &sampling,
            ));
        }
    }
    lines
}

fn line(
    index: usize,
    clause: &str,
    question_id: Option<String>,
    prompt: String,
    sampling: &str,
) -> AuditLine {
    AuditLine {
        id: 0,
        audit_id: 0,
        position: u32::try_from(index + 1).unwrap_or(u32::MAX),
        clause: clause.to_owned(),
        question_id,
        prompt,
        sampling: sampling.to_owned(),
        result: LineResult::NotChecked,
        evidence_refs: String::new(),
        notes: String::new(),
        action_id: None,
    }
}
