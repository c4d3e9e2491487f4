//! Checks that the content library is complete and consistent; lists every problem found.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::duties::frequency_conflicts;
use super::render::{
    TemplateContext, complete_context, render, sample_context_for, unknown_variables,
};
use super::types::{ClauseKind, DocumentKind, Library, top_level_of};

mod clauses;
mod duty_rules;
mod questions;
mod templates;

/// Top-level clauses that carry requirements.
const TOP_LEVEL: [&str; 7] = ["4", "5", "6", "7", "8", "9", "10"];
/// Firm sizes (besides the sample firm's) every template is rendered for when checking that
/// each duty has one frequency: one per size band and the edges of the micro band.
const FREQUENCY_CHECK_SIZES: [u32; 5] = [3, 5, 10, 25, 50];
/// The clause listing the minimum documented information of the SMS.
const SMS_DOCUMENTS_CLAUSE: &str = "7.5.4";
/// Minimum number of questions per top-level clause.
const MIN_QUESTIONS_PER_CLAUSE: usize = 3;

/// What sort of problem validation found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Two entries of one file share an id.
    DuplicateId,
    /// An id does not have the agreed form (or does not fit its kind).
    BadId,
    /// A reference to a clause, document, role or template that does not exist.
    MissingReference,
    /// A requirement clause has no question.
    MissingQuestion,
    /// A top-level clause 4–10 has fewer than three questions.
    TooFewQuestions,
    /// A required document has no template.
    MissingTemplate,
    /// A text field (or list item) is empty.
    EmptyText,
    /// A question weight outside 1..3.
    BadWeight,
    /// A question stage other than 1 or 2.
    BadStage,
    /// The clause tree or a kind is inconsistent (missing parent, group without children, …).
    BadStructure,
    /// A template body is missing or lacks the control/approval partials.
    MissingBody,
    /// A template does not render for the sample firm.
    RenderFailed,
    /// A template uses a variable the context does not provide.
    UnknownVariable,
    /// A requirement clause has no blocking question and no recorded exemption, or an exempt
    /// clause has one anyway.
    MissingBlocking,
    /// A document that clause 7.5.4 lists is not asked about by a blocking question of its
    /// own clause.
    UnaskedDocument,
    /// A duty is done more often in a smaller firm than in a larger one, or the audit areas
    /// leave a requirement clause out of the audit cycle.
    BadDuty,
    /// A rendered template states a frequency for a duty other than the one in `duties.toml`.
    FrequencyConflict,
}

/// One problem found by [`validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Problem {
    /// What sort of problem.
    pub kind: ProblemKind,
    /// The content file, e.g. `questions.toml`.
    pub file: String,
    /// Id of the entry with the problem.
    pub id: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.file, self.id, self.message)
    }
}

struct Checker<'a> {
    lib: &'a Library,
    problems: Vec<Problem>,
    clauses: HashSet<&'a str>,
    documents: HashSet<&'a str>,
    roles: HashSet<&'a str>,
    templates: HashSet<&'a str>,
}

impl<'a> Checker<'a> {
    fn new(lib: &'a Library) -> Self {
        Self {
            lib,
            problems: Vec::new(),
            clauses: lib.clauses.iter().map(|c| c.id.as_str()).collect(),
            documents: lib.documents.iter().map(|d| d.id.as_str()).collect(),
            roles: lib.roles.iter().map(|r| r.id.as_str()).collect(),
            templates: lib.templates.iter().map(|t| t.id.as_str()).collect(),
        }
    }

    fn push(&mut self, kind: ProblemKind, file: &str, id: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            kind,
            file: file.to_owned(),
            id: id.to_owned(),
            message: message.into(),
        });
    }

    fn duplicates<'b>(&mut self, file: &str, ids: impl Iterator<Item = &'b str>) {
        let mut seen = HashSet::new();
        let mut reported = HashSet::new();
        for id in ids {
            if !seen.insert(id) && reported.insert(id) {
                self.push(
                    ProblemKind::DuplicateId,
                    file,
                    id,
                    format!("id {id} is used more than once"),
                );
            }
        }
    }

    fn text(&mut self, file: &str, id: &str, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(
                ProblemKind::EmptyText,
                file,
                id,
                format!("{field} is empty"),
            );
        }
    }

    fn texts(&mut self, file: &str, id: &str, field: &str, values: &[String], at_least_one: bool) {
        if at_least_one && values.is_empty() {
            self.push(
                ProblemKind::EmptyText,
                file,
                id,
                format!("{field} has no entries"),
            );
        }
        for (i, v) in values.iter().enumerate() {
            if v.trim().is_empty() {
                self.push(
                    ProblemKind::EmptyText,
                    file,
                    id,
                    format!("{field}[{i}] is empty"),
                );
            }
        }
    }

    fn refs(&mut self, file: &str, id: &str, field: &str, what: Ref, values: &[String]) {
        for v in values {
            self.reference(file, id, field, what, v);
        }
    }

    fn reference(&mut self, file: &str, id: &str, field: &str, what: Ref, value: &str) {
        let known = match what {
            Ref::Clause => &self.clauses,
            Ref::Document => &self.documents,
            Ref::Role => &self.roles,
            Ref::Template => &self.templates,
        };
        if !known.contains(value) {
            let noun = match what {
                Ref::Clause => "clause",
                Ref::Document => "document",
                Ref::Role => "role",
                Ref::Template => "template",
            };
            self.push(
                ProblemKind::MissingReference,
                file,
                id,
                format!("{field} refers to unknown {noun} {value}"),
            );
        }
    }

    fn check_ids(&mut self) {
        let lib = self.lib;
        self.duplicates("clauses.toml", lib.clauses.iter().map(|c| c.id.as_str()));
        self.duplicates(
            "documents.toml",
            lib.documents.iter().map(|d| d.id.as_str()),
        );
        self.duplicates("roles.toml", lib.roles.iter().map(|r| r.id.as_str()));
        self.duplicates(
            "sod_rules.toml",
            lib.sod_rules.iter().map(|r| r.id.as_str()),
        );
        self.duplicates(
            "questions.toml",
            lib.questions.iter().map(|q| q.id.as_str()),
        );
        self.duplicates(
            "templates.toml",
            lib.templates.iter().map(|t| t.id.as_str()),
        );
        let xw = lib.crosswalks.clause_map.iter().map(|x| x.id.as_str());
        let xw = xw.chain(lib.crosswalks.standard_map.iter().map(|x| x.id.as_str()));
        self.duplicates("crosswalks.toml", xw);
    }
}

#[derive(Clone, Copy)]
enum Ref {
    Clause,
    Document,
    Role,
    Template,
}

/// Checks the library and lists every problem found (empty when the library is clean).
///
/// Checks: unique ids and id forms; every reference to a clause, document, role or template
/// resolves; the clause tree is consistent; every requirement clause has a question and every
/// top-level clause 4–10 at least three; every required document has a template; no empty text;
/// question weights 1..3 and stages 1|2; every template body includes the partials, uses only
/// known variables and renders for the sample firm.
pub fn validate(lib: &Library) -> Vec<Problem> {
    let mut c = Checker::new(lib);
    c.check_ids();
    c.check_clauses();
    c.check_documents();
    c.check_roles();
    c.check_sod_rules();
    c.check_questions();
    let ctx = match sample_context_for(lib) {
        Ok(ctx) => Some(ctx),
        Err(e) => {
            c.push(
                ProblemKind::RenderFailed,
                "sample_context.json",
                "sample",
                e.to_string(),
            );
            None
        }
    };
    c.check_templates(ctx.as_ref());
    c.check_duties();
    if let Some(ctx) = &ctx {
        c.check_frequencies(ctx);
    }
    c.check_crosswalks();
    c.problems
}

#[cfg(test)]
mod tests;
