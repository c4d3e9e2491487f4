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

    fn check_clauses(&mut self) {
        let lib = self.lib;
        for top in TOP_LEVEL {
            if !self.clauses.contains(top) {
                self.push(
                    ProblemKind::BadStructure,
                    "clauses.toml",
                    top,
                    "top-level clause is missing",
                );
            }
        }
        for c in &lib.clauses {
            let f = "clauses.toml";
            let id = c.id.as_str();
            let numeric = !id.is_empty()
                && id
                    .split('.')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            if !numeric || !TOP_LEVEL.contains(&c.top_level()) {
                self.push(
                    ProblemKind::BadId,
                    f,
                    id,
                    "clause id must be a clause number within 4–10",
                );
            }
            self.text(f, id, "title", &c.title);
            self.text(f, id, "summary", &c.summary);
            self.text(f, id, "small_firm", &c.small_firm);
            let needs_evidence = c.kind == ClauseKind::Requirement;
            self.texts(f, id, "evidence", &c.evidence, needs_evidence);
            self.refs(f, id, "documents", Ref::Document, &c.documents);
            if let Some(a) = &c.amendment {
                self.text(f, id, "amendment", a);
            }
            match (c.parent(), c.kind) {
                (None, ClauseKind::Clause) => {}
                (None, _) => self.push(
                    ProblemKind::BadStructure,
                    f,
                    id,
                    "a top-level clause must have kind \"clause\"",
                ),
                (Some(_), ClauseKind::Clause) => self.push(
                    ProblemKind::BadStructure,
                    f,
                    id,
                    "only top-level clauses may have kind \"clause\"",
                ),
                (Some(parent), _) => match lib.clause(parent) {
                    None => self.push(
                        ProblemKind::BadStructure,
                        f,
                        id,
                        format!("parent clause {parent} is missing"),
                    ),
                    Some(p) if p.kind == ClauseKind::Requirement => self.push(
                        ProblemKind::BadStructure,
                        f,
                        id,
                        format!("parent {parent} is a requirement; make it a group"),
                    ),
                    Some(_) => {}
                },
            }
            if c.kind != ClauseKind::Requirement && lib.children(id).next().is_none() {
                self.push(
                    ProblemKind::BadStructure,
                    f,
                    id,
                    "a clause or group needs sub-clauses",
                );
            }
        }
    }

    fn check_documents(&mut self) {
        let lib = self.lib;
        let f = "documents.toml";
        for d in &lib.documents {
            let id = d.id.as_str();
            let prefix_ok = match (d.kind, d.required) {
                (_, false) => id.starts_with("RDOC-"),
                (DocumentKind::Document, true) => id.starts_with("DOC-"),
                (DocumentKind::Record, true) => id.starts_with("REC-"),
            };
            if !prefix_ok {
                self.push(
                    ProblemKind::BadId,
                    f,
                    id,
                    "required documents start with DOC-, required records with REC-, recommended extras with RDOC-",
                );
            }
            self.text(f, id, "name", &d.name);
            self.text(f, id, "description", &d.description);
            self.texts(f, id, "clauses", &d.clauses, true);
            self.refs(f, id, "clauses", Ref::Clause, &d.clauses);
            self.reference(f, id, "owner_role", Ref::Role, &d.owner_role);
            self.refs(f, id, "templates", Ref::Template, &d.templates);
            self.texts(f, id, "also_serves", &d.also_serves, false);
            if d.expected && !(d.required && d.kind == DocumentKind::Record) {
                self.push(
                    ProblemKind::BadStructure,
                    f,
                    id,
                    "only a required record can be \"expected\" rather than mandatory",
                );
            }
            if d.required && d.templates.is_empty() {
                self.push(
                    ProblemKind::MissingTemplate,
                    f,
                    id,
                    "required document has no template",
                );
            }
        }
    }

    fn check_roles(&mut self) {
        let lib = self.lib;
        let f = "roles.toml";
        for r in &lib.roles {
            let id = r.id.as_str();
            if !r.id.starts_with("ROLE-") {
                self.push(ProblemKind::BadId, f, id, "role ids start with ROLE-");
            }
            self.text(f, id, "name", &r.name);
            self.text(f, id, "description", &r.description);
            self.texts(f, id, "responsibilities", &r.responsibilities, true);
            self.refs(f, id, "clauses", Ref::Clause, &r.clauses);
        }
    }

    fn check_sod_rules(&mut self) {
        let lib = self.lib;
        let f = "sod_rules.toml";
        for r in &lib.sod_rules {
            let id = r.id.as_str();
            if !r.id.starts_with("SOD-") {
                self.push(ProblemKind::BadId, f, id, "rule ids start with SOD-");
            }
            self.reference(f, id, "role_a", Ref::Role, &r.role_a);
            self.reference(f, id, "role_b", Ref::Role, &r.role_b);
            if r.role_a == r.role_b {
                self.push(
                    ProblemKind::BadStructure,
                    f,
                    id,
                    "role_a and role_b are the same role",
                );
            }
            self.text(f, id, "activity_a", &r.activity_a);
            self.text(f, id, "activity_b", &r.activity_b);
            self.text(f, id, "rationale", &r.rationale);
            self.text(f, id, "mitigation", &r.mitigation);
        }
    }

    fn check_questions(&mut self) {
        let lib = self.lib;
        let f = "questions.toml";
        for q in &lib.questions {
            let id = q.id.as_str();
            let expected = format!("Q-{}-", q.clause);
            let well_formed = id
                .strip_prefix(&expected)
                .is_some_and(|n| n.len() >= 2 && n.bytes().all(|b| b.is_ascii_digit()));
            if !well_formed {
                self.push(
                    ProblemKind::BadId,
                    f,
                    id,
                    format!("question id must be {expected}NN"),
                );
            }
            match lib.clause(&q.clause) {
                None => self.reference(f, id, "clause", Ref::Clause, &q.clause),
                Some(c) if c.kind != ClauseKind::Requirement => self.push(
                    ProblemKind::MissingReference,
                    f,
                    id,
                    format!("clause {} is not a requirement clause", q.clause),
                ),
                Some(_) => {}
            }
            self.text(f, id, "text", &q.text);
            self.texts(f, id, "evidence", &q.evidence, true);
            self.refs(f, id, "documents", Ref::Document, &q.documents);
            if !(1..=3).contains(&q.weight) {
                self.push(
                    ProblemKind::BadWeight,
                    f,
                    id,
                    format!("weight {} is outside 1..3", q.weight),
                );
            }
            if !(1..=2).contains(&q.stage) {
                self.push(
                    ProblemKind::BadStage,
                    f,
                    id,
                    format!("stage {} is not 1 or 2", q.stage),
                );
            }
        }
        let mut per_clause: BTreeMap<&str, usize> = BTreeMap::new();
        let mut per_top: BTreeMap<&str, usize> = BTreeMap::new();
        for q in &lib.questions {
            *per_clause.entry(q.clause.as_str()).or_default() += 1;
            *per_top.entry(top_level_of(&q.clause)).or_default() += 1;
        }
        for c in lib
            .clauses
            .iter()
            .filter(|c| c.kind == ClauseKind::Requirement)
        {
            if !per_clause.contains_key(c.id.as_str()) {
                self.push(
                    ProblemKind::MissingQuestion,
                    f,
                    &c.id,
                    "requirement clause has no question",
                );
            }
        }
        self.check_blocking();
        for top in TOP_LEVEL {
            let n = per_top.get(top).copied().unwrap_or(0);
            if n < MIN_QUESTIONS_PER_CLAUSE {
                self.push(
                    ProblemKind::TooFewQuestions,
                    f,
                    top,
                    format!("clause {top} has {n} questions; at least {MIN_QUESTIONS_PER_CLAUSE} are needed"),
                );
            }
        }
    }

    /// The blocking policy (see `questions.toml`): every requirement clause has a blocking
    /// question unless it records why not; a blocking question has weight 3; and each document
    /// clause 7.5.4 lists is asked about by a blocking question of its own clause, so that the
    /// existence of each required document is one answer, not part of a roll-up.
    fn check_blocking(&mut self) {
        let lib = self.lib;
        let f = "questions.toml";
        for c in lib
            .clauses
            .iter()
            .filter(|c| c.kind == ClauseKind::Requirement)
        {
            let blocking = lib.questions_for(&c.id).filter(|q| q.blocking).count();
            match (&c.blocking_exempt, blocking) {
                (None, 0) => self.push(
                    ProblemKind::MissingBlocking,
                    "clauses.toml",
                    &c.id,
                    "requirement clause has no blocking question (add one, or record \
                     blocking_exempt with the reason its absence is not a major nonconformity)",
                ),
                (Some(reason), n) => {
                    self.text("clauses.toml", &c.id, "blocking_exempt", reason);
                    if n > 0 {
                        self.push(
                            ProblemKind::MissingBlocking,
                            "clauses.toml",
                            &c.id,
                            "clause is blocking_exempt but has a blocking question",
                        );
                    }
                }
                (None, _) => {}
            }
        }
        for q in lib.questions.iter().filter(|q| q.blocking && q.weight != 3) {
            self.push(
                ProblemKind::BadWeight,
                f,
                &q.id,
                "a blocking question is central to its clause: weight 3",
            );
        }
        let listed = lib
            .clause(SMS_DOCUMENTS_CLAUSE)
            .map(|c| c.documents.as_slice())
            .unwrap_or_default();
        for d in listed {
            let asked = lib
                .questions
                .iter()
                .any(|q| q.blocking && q.clause != SMS_DOCUMENTS_CLAUSE && q.documents.contains(d));
            if !asked {
                self.push(
                    ProblemKind::UnaskedDocument,
                    f,
                    d,
                    format!(
                        "{d} is listed by clause {SMS_DOCUMENTS_CLAUSE} but no blocking question \
                         of its own clause names it in documents"
                    ),
                );
            }
        }
    }

    fn check_templates(&mut self, ctx: Option<&TemplateContext>) {
        let lib = self.lib;
        let f = "templates.toml";
        for t in &lib.templates {
            let id = t.id.as_str();
            let well_formed = id
                .strip_prefix("TPL-")
                .is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit()));
            if !well_formed {
                self.push(ProblemKind::BadId, f, id, "template ids are TPL-NN");
            }
            self.text(f, id, "title", &t.title);
            self.texts(f, id, "clauses", &t.clauses, true);
            self.refs(f, id, "clauses", Ref::Clause, &t.clauses);
            self.refs(f, id, "documents", Ref::Document, &t.documents);
            self.reference(f, id, "approver_role", Ref::Role, &t.approver_role);
            self.reference(f, id, "owner_role", Ref::Role, &t.owner_role);
            if t.review_months == 0 {
                self.push(
                    ProblemKind::BadStructure,
                    f,
                    id,
                    "review_months must be at least 1",
                );
            }
            if t.body.trim().is_empty() {
                self.push(ProblemKind::EmptyText, f, id, "body is empty");
            }
            if t.body_text.trim().is_empty() {
                self.push(
                    ProblemKind::MissingBody,
                    f,
                    id,
                    format!(
                        "body {} is missing or empty (not embedded in this build)",
                        t.body
                    ),
                );
                continue;
            }
            for partial in ["_control", "_approval"] {
                if !t.body_text.contains(partial) {
                    self.push(
                        ProblemKind::MissingBody,
                        f,
                        id,
                        format!("body does not include the {partial} partial"),
                    );
                }
            }
            match unknown_variables(id, &t.body_text) {
                Ok(unknown) => {
                    for v in unknown {
                        self.push(
                            ProblemKind::UnknownVariable,
                            f,
                            id,
                            format!("uses unknown variable {v}"),
                        );
                    }
                }
                Err(e) => {
                    self.push(ProblemKind::RenderFailed, f, id, e.to_string());
                    continue;
                }
            }
            if let Some(ctx) = ctx
                && let Err(e) = render(t, ctx)
            {
                self.push(ProblemKind::RenderFailed, f, id, e.to_string());
            }
        }
    }

    fn check_duties(&mut self) {
        let lib = self.lib;
        let f = "duties.toml";
        self.duties_ids();
        for d in &lib.duties {
            let id = d.id.as_str();
            if !id.starts_with("DUTY-") {
                self.push(ProblemKind::BadId, f, id, "duty ids start with DUTY-");
            }
            self.text(f, id, "duty", &d.duty);
            self.text(f, id, "evidence", &d.evidence);
            self.reference(f, id, "owner_role", Ref::Role, &d.owner_role);
            self.texts(f, id, "clauses", &d.clauses, true);
            self.refs(f, id, "clauses", Ref::Clause, &d.clauses);
            self.texts(f, id, "mentions", &d.mentions, true);
            if d.mentions.iter().any(|m| *m != m.to_lowercase()) {
                self.push(ProblemKind::BadDuty, f, id, "mentions are lower case");
            }
            let fr = d.frequency;
            if fr.micro < fr.small || fr.small < fr.medium {
                self.push(
                    ProblemKind::BadDuty,
                    f,
                    id,
                    "a smaller firm must not do a duty more often than a larger one",
                );
            }
        }
        let mut sessions: Vec<u32> = Vec::new();
        for a in &lib.audit_areas {
            let id = a.id.as_str();
            if !id.starts_with("IA-") {
                self.push(ProblemKind::BadId, f, id, "audit area ids start with IA-");
            }
            self.text(f, id, "title", &a.title);
            self.texts(f, id, "clauses", &a.clauses, true);
            self.refs(f, id, "clauses", Ref::Clause, &a.clauses);
            self.texts(f, id, "roles", &a.roles, true);
            self.refs(f, id, "roles", Ref::Role, &a.roles);
            if !sessions.contains(&a.micro_session) {
                sessions.push(a.micro_session);
            }
        }
        sessions.sort_unstable();
        if sessions
            .iter()
            .enumerate()
            .any(|(i, s)| *s as usize != i + 1)
        {
            self.push(
                ProblemKind::BadDuty,
                f,
                "audit_area",
                "micro_session numbers must run 1, 2, 3, … without gaps",
            );
        }
        if !lib.audit_areas.is_empty() {
            for c in lib
                .clauses
                .iter()
                .filter(|c| c.kind == ClauseKind::Requirement)
            {
                let covered = lib.audit_areas.iter().any(|a| {
                    a.clauses
                        .iter()
                        .any(|x| c.id == *x || c.id.starts_with(&format!("{x}.")))
                });
                if !covered {
                    self.push(
                        ProblemKind::BadDuty,
                        f,
                        &c.id,
                        "requirement clause is in no audit area: the default programme would not \
                         be a full cycle",
                    );
                }
            }
        }
        let g = "data_protection.toml";
        for r in &lib.data_protection {
            let id = r.id.as_str();
            if !id.starts_with("DP-") {
                self.push(ProblemKind::BadId, g, id, "regime ids start with DP-");
            }
            self.texts(g, id, "countries", &r.countries, true);
            self.text(g, id, "law", &r.law);
            self.text(g, id, "authority", &r.authority);
            self.text(g, id, "breach_notice", &r.breach_notice);
        }
    }

    fn duties_ids(&mut self) {
        let lib = self.lib;
        let ids = lib.duties.iter().map(|d| d.id.as_str());
        self.duplicates(
            "duties.toml",
            ids.chain(lib.audit_areas.iter().map(|a| a.id.as_str())),
        );
        self.duplicates(
            "data_protection.toml",
            lib.data_protection.iter().map(|r| r.id.as_str()),
        );
    }

    /// Renders every template for the sample firm at several sizes and reports each sentence
    /// or table row that states another frequency for a duty than `duties.toml` gives.
    fn check_frequencies(&mut self, ctx: &TemplateContext) {
        let lib = self.lib;
        let mut seen = HashSet::new();
        for headcount in FREQUENCY_CHECK_SIZES
            .iter()
            .copied()
            .chain([ctx.firm.headcount])
        {
            let mut c = ctx.clone();
            c.firm.headcount = headcount;
            complete_context(lib, &mut c, None);
            let docs: Vec<(String, String)> = lib
                .templates
                .iter()
                .filter_map(|t| render(t, &c).ok().map(|out| (t.id.clone(), out)))
                .collect();
            for x in frequency_conflicts(lib, headcount, &docs) {
                if seen.insert((x.document.clone(), x.duty.clone(), x.text.clone())) {
                    self.push(
                        ProblemKind::FrequencyConflict,
                        "templates.toml",
                        &x.document,
                        format!(
                            "for a firm of {headcount} people it says {:?} for {} (duties.toml: \
                             {:?}): {}",
                            x.found, x.duty, x.expected, x.text
                        ),
                    );
                }
            }
        }
    }

    fn check_crosswalks(&mut self) {
        let lib = self.lib;
        let f = "crosswalks.toml";
        for x in &lib.crosswalks.clause_map {
            let id = x.id.as_str();
            if !x.id.starts_with("XW-") {
                self.push(ProblemKind::BadId, f, id, "crosswalk ids start with XW-");
            }
            self.text(f, id, "from", &x.from);
            self.text(f, id, "from_title", &x.from_title);
            self.text(f, id, "note", &x.note);
            self.texts(f, id, "to", &x.to, true);
            self.refs(f, id, "to", Ref::Clause, &x.to);
        }
        for x in &lib.crosswalks.standard_map {
            let id = x.id.as_str();
            if !x.id.starts_with("XW-") {
                self.push(ProblemKind::BadId, f, id, "crosswalk ids start with XW-");
            }
            self.reference(f, id, "document", Ref::Document, &x.document);
            self.text(f, id, "standard", &x.standard);
            self.text(f, id, "note", &x.note);
            self.texts(f, id, "clauses", &x.clauses, true);
        }
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
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::content::types::*;

    const GOOD_BODY: &str =
        "{% include \"_control.md.j2\" %}\n{{ firm.name }}\n{% include \"_approval.md.j2\" %}\n";

    fn s(v: &str) -> String {
        v.to_owned()
    }

    fn clause(id: &str, kind: ClauseKind) -> Clause {
        Clause {
            id: s(id),
            title: format!("Clause {id}"),
            kind,
            summary: s("What it asks."),
            small_firm: s("What it means."),
            evidence: if kind == ClauseKind::Requirement {
                vec![s("A record")]
            } else {
                vec![]
            },
            documents: vec![],
            amendment: None,
            blocking_exempt: None,
        }
    }

    fn question(clause: &str, n: u32) -> Question {
        Question {
            id: format!("Q-{clause}-{n:02}"),
            clause: s(clause),
            text: s("Do you?"),
            evidence: vec![s("Something")],
            weight: 2,
            blocking: false,
            stage: 1,
            documents: vec![],
            gate: None,
        }
    }

    /// A minimal library that validates clean: clauses 4–10 each with one requirement
    /// sub-clause and three questions, one role, one document, one template.
    fn good() -> Library {
        let mut lib = Library::default();
        for top in TOP_LEVEL {
            lib.clauses.push(clause(top, ClauseKind::Clause));
            let req = format!("{top}.1");
            lib.clauses.push(clause(&req, ClauseKind::Requirement));
            for n in 1..=3 {
                let mut q = question(&req, n);
                if n == 1 {
                    q.blocking = true;
                    q.weight = 3;
                }
                lib.questions.push(q);
            }
        }
        lib.roles.push(Role {
            id: s("ROLE-TM"),
            name: s("Top management"),
            description: s("Directs the firm."),
            responsibilities: vec![s("Approves policy")],
            clauses: vec![s("5.1")],
            needs_deputy: true,
        });
        lib.roles.push(Role {
            id: s("ROLE-IA"),
            name: s("Internal auditor"),
            ..lib.roles[0].clone()
        });
        lib.documents.push(Document {
            id: s("DOC-SCOPE"),
            name: s("Scope"),
            kind: DocumentKind::Document,
            required: true,
            expected: false,
            clauses: vec![s("4.1")],
            description: s("The scope."),
            owner_role: s("ROLE-TM"),
            templates: vec![s("TPL-01")],
            also_serves: vec![],
        });
        lib.templates.push(Template {
            id: s("TPL-01"),
            title: s("Scope statement"),
            kind: TemplateKind::Policy,
            clauses: vec![s("4.1")],
            documents: vec![s("DOC-SCOPE")],
            approver_role: s("ROLE-TM"),
            owner_role: s("ROLE-TM"),
            review_months: 12,
            body: s("templates/TPL-01.md.j2"),
            body_text: s(GOOD_BODY),
        });
        lib.sod_rules.push(SodRule {
            id: s("SOD-01"),
            role_a: s("ROLE-TM"),
            role_b: s("ROLE-IA"),
            activity_a: s("runs it"),
            activity_b: s("audits it"),
            severity: Severity::Block,
            rationale: s("self-review"),
            mitigation: s("external auditor"),
            mitigation_allowed: true,
            check: SodCheck::Role,
        });
        lib.crosswalks.clause_map.push(ClauseMapEntry {
            id: s("XW-2011-4.1"),
            from: s("4.1"),
            from_title: s("Management responsibility"),
            to: vec![s("5.1")],
            note: s("moved"),
        });
        lib.crosswalks.standard_map.push(StandardMapEntry {
            id: s("XW-DOC-SCOPE"),
            document: s("DOC-SCOPE"),
            standard: s("ISO/IEC 27001:2022"),
            clauses: vec![s("4.3")],
            note: s("same scope"),
        });
        lib
    }

    fn kinds(lib: &Library) -> Vec<ProblemKind> {
        validate(lib).into_iter().map(|p| p.kind).collect()
    }

    fn assert_finds(lib: &Library, kind: ProblemKind, id: &str) {
        let problems = validate(lib);
        assert!(
            problems.iter().any(|p| p.kind == kind && p.id == id),
            "expected {kind:?} on {id}, got {problems:#?}"
        );
    }

    #[test]
    fn minimal_library_is_clean() {
        assert_eq!(validate(&good()), vec![]);
    }

    #[test]
    fn duplicate_ids() {
        let mut lib = good();
        lib.roles.push(lib.roles[0].clone());
        lib.questions.push(lib.questions[0].clone());
        assert_finds(&lib, ProblemKind::DuplicateId, "ROLE-TM");
        assert_finds(&lib, ProblemKind::DuplicateId, "Q-4.1-01");
        assert_eq!(
            kinds(&lib)
                .iter()
                .filter(|k| **k == ProblemKind::DuplicateId)
                .count(),
            2
        );
    }

    #[test]
    fn bad_ids() {
        let mut lib = good();
        lib.documents[0].id = s("REC-SCOPE");
        lib.documents[0].templates = vec![s("TPL-01")];
        lib.templates[0].documents.clear();
        lib.crosswalks.standard_map.clear();
        lib.questions[0].id = s("Q-4-01");
        lib.templates[0].id = s("T-1");
        lib.documents[0].templates = vec![s("T-1")];
        assert_finds(&lib, ProblemKind::BadId, "REC-SCOPE");
        assert_finds(&lib, ProblemKind::BadId, "Q-4-01");
        assert_finds(&lib, ProblemKind::BadId, "T-1");
    }

    #[test]
    fn missing_references() {
        let mut lib = good();
        lib.questions[0].clause = s("4.9");
        lib.questions[0].id = s("Q-4.9-01");
        lib.documents[0].owner_role = s("ROLE-NOBODY");
        lib.templates[0].documents.push(s("DOC-NONE"));
        lib.sod_rules[0].role_b = s("ROLE-GHOST");
        lib.crosswalks.clause_map[0].to.push(s("11.1"));
        lib.clauses[1].documents.push(s("DOC-MISSING"));
        assert_finds(&lib, ProblemKind::MissingReference, "Q-4.9-01");
        assert_finds(&lib, ProblemKind::MissingReference, "DOC-SCOPE");
        assert_finds(&lib, ProblemKind::MissingReference, "TPL-01");
        assert_finds(&lib, ProblemKind::MissingReference, "SOD-01");
        assert_finds(&lib, ProblemKind::MissingReference, "XW-2011-4.1");
        assert_finds(&lib, ProblemKind::MissingReference, "4.1");
    }

    #[test]
    fn question_on_a_group_is_refused() {
        let mut lib = good();
        lib.questions[0].clause = s("4");
        lib.questions[0].id = s("Q-4-01");
        assert_finds(&lib, ProblemKind::MissingReference, "Q-4-01");
    }

    #[test]
    fn requirement_without_question() {
        let mut lib = good();
        lib.clauses.push(clause("4.2", ClauseKind::Requirement));
        assert_finds(&lib, ProblemKind::MissingQuestion, "4.2");
    }

    #[test]
    fn top_level_clause_with_too_few_questions() {
        let mut lib = good();
        lib.questions.retain(|q| q.id != "Q-9.1-03");
        assert_eq!(kinds(&lib), vec![ProblemKind::TooFewQuestions]);
        assert_finds(&lib, ProblemKind::TooFewQuestions, "9");
    }

    #[test]
    fn required_document_without_template() {
        let mut lib = good();
        lib.documents[0].templates.clear();
        assert_eq!(kinds(&lib), vec![ProblemKind::MissingTemplate]);
        // A recommended extra may have none.
        let mut lib = good();
        lib.documents.push(Document {
            id: s("RDOC-RACI"),
            required: false,
            templates: vec![],
            ..lib.documents[0].clone()
        });
        assert_eq!(validate(&lib), vec![]);
    }

    #[test]
    fn empty_text() {
        let mut lib = good();
        lib.clauses[1].summary = s("  ");
        lib.roles[0].responsibilities.push(String::new());
        lib.sod_rules[0].mitigation.clear();
        lib.questions[0].evidence.clear();
        lib.clauses[3].evidence.clear();
        let problems = validate(&lib);
        let empty: Vec<_> = problems
            .iter()
            .filter(|p| p.kind == ProblemKind::EmptyText)
            .map(|p| &p.id)
            .collect();
        assert_eq!(empty, vec!["4.1", "5.1", "ROLE-TM", "SOD-01", "Q-4.1-01"]);
    }

    #[test]
    fn weight_and_stage() {
        let mut lib = good();
        lib.questions[1].weight = 0;
        lib.questions[2].weight = 4;
        lib.questions[4].stage = 3;
        lib.questions[5].stage = 0;
        let k = kinds(&lib);
        assert_eq!(
            k.iter().filter(|k| **k == ProblemKind::BadWeight).count(),
            2
        );
        assert_eq!(k.iter().filter(|k| **k == ProblemKind::BadStage).count(), 2);
    }

    #[test]
    fn clause_structure() {
        let mut lib = good();
        lib.clauses.push(clause("8.5.1.1", ClauseKind::Requirement));
        lib.questions.push(question("8.5.1.1", 1));
        lib.clauses.push(clause("6.2", ClauseKind::Group));
        lib.clauses.push(clause("7.1.1", ClauseKind::Requirement));
        lib.questions.push(question("7.1.1", 1));
        lib.clauses.retain(|c| c.id != "10");
        assert_finds(&lib, ProblemKind::BadStructure, "8.5.1.1");
        assert_finds(&lib, ProblemKind::BadStructure, "6.2");
        assert_finds(&lib, ProblemKind::BadStructure, "7.1.1");
        assert_finds(&lib, ProblemKind::BadStructure, "10");
    }

    #[test]
    fn template_body_problems() {
        let mut lib = good();
        lib.templates[0].body_text.clear();
        assert_eq!(kinds(&lib), vec![ProblemKind::MissingBody]);

        let mut lib = good();
        lib.templates[0].body_text = s("{{ firm.name }}");
        assert_eq!(
            kinds(&lib),
            vec![ProblemKind::MissingBody, ProblemKind::MissingBody]
        );
    }

    #[test]
    fn template_that_fails_to_render() {
        let mut lib = good();
        lib.templates[0].body_text = format!("{GOOD_BODY}{{{{ services[7].name }}}}");
        assert_finds(&lib, ProblemKind::RenderFailed, "TPL-01");
        let mut lib = good();
        lib.templates[0].body_text = format!("{GOOD_BODY}{{% for x in %}}");
        assert_finds(&lib, ProblemKind::RenderFailed, "TPL-01");
        let p = validate(&lib);
        assert!(p[0].message.contains("TPL-01"), "{}", p[0].message);
    }

    #[test]
    fn template_with_unknown_variable() {
        let mut lib = good();
        lib.templates[0].body_text = format!(
            "{GOOD_BODY}{{% if climate.relevant %}}ok{{% else %}}{{{{ firm_name }}}}{{% endif %}}"
        );
        // The sample firm takes the first branch, so rendering succeeds; the variable check
        // still finds the unknown name in the other branch.
        assert_eq!(kinds(&lib), vec![ProblemKind::UnknownVariable]);
        assert!(validate(&lib)[0].message.contains("firm_name"));
    }

    #[test]
    fn requirement_clause_without_blocking_question() {
        let mut lib = good();
        lib.questions[0].blocking = false;
        assert_eq!(kinds(&lib), vec![ProblemKind::MissingBlocking]);
        assert_finds(&lib, ProblemKind::MissingBlocking, "4.1");
        // A recorded reason exempts the clause ...
        lib.clauses[1].blocking_exempt = Some(s("explains how the others fit together"));
        assert_eq!(validate(&lib), vec![]);
        // ... but an empty reason does not, and an exempt clause cannot have a blocking one.
        lib.clauses[1].blocking_exempt = Some(s(" "));
        assert_eq!(kinds(&lib), vec![ProblemKind::EmptyText]);
        lib.clauses[1].blocking_exempt = Some(s("reason"));
        lib.questions[0].blocking = true;
        assert_finds(&lib, ProblemKind::MissingBlocking, "4.1");
    }

    #[test]
    fn blocking_question_has_weight_three() {
        let mut lib = good();
        lib.questions[0].weight = 2;
        assert_eq!(kinds(&lib), vec![ProblemKind::BadWeight]);
        assert_finds(&lib, ProblemKind::BadWeight, "Q-4.1-01");
    }

    #[test]
    fn each_document_of_7_5_4_is_asked_by_a_blocking_question_of_its_own_clause() {
        let mut lib = good();
        lib.clauses.push(clause("7.5", ClauseKind::Group));
        lib.clauses.push(clause("7.5.4", ClauseKind::Requirement));
        lib.clauses.last_mut().unwrap().documents = vec![s("DOC-SCOPE")];
        let mut roll_up = question("7.5.4", 1);
        roll_up.blocking = true;
        roll_up.weight = 3;
        roll_up.documents = vec![s("DOC-SCOPE")];
        lib.questions.push(roll_up);
        // Only the 7.5.4 question names the scope: not enough.
        assert_eq!(kinds(&lib), vec![ProblemKind::UnaskedDocument]);
        assert_finds(&lib, ProblemKind::UnaskedDocument, "DOC-SCOPE");
        // A non-blocking question of the scope's clause is not enough either.
        lib.questions[1].documents = vec![s("DOC-SCOPE")];
        assert_eq!(kinds(&lib), vec![ProblemKind::UnaskedDocument]);
        // The blocking question of its own clause is.
        lib.questions[0].documents = vec![s("DOC-SCOPE")];
        assert_eq!(validate(&lib), vec![]);
    }

    #[test]
    fn only_a_required_record_can_be_expected() {
        let mut lib = good();
        lib.documents[0].expected = true;
        assert_eq!(kinds(&lib), vec![ProblemKind::BadStructure]);
        assert_finds(&lib, ProblemKind::BadStructure, "DOC-SCOPE");
        lib.documents[0].id = s("REC-SCOPE");
        lib.documents[0].kind = DocumentKind::Record;
        lib.templates[0].documents = vec![s("REC-SCOPE")];
        lib.crosswalks.standard_map.clear();
        assert_eq!(validate(&lib), vec![]);
    }

    fn duty(id: &str, micro: Frequency, small: Frequency, medium: Frequency) -> Duty {
        Duty {
            id: s(id),
            duty: s("Review access"),
            owner_role: s("ROLE-TM"),
            clauses: vec![s("4.1")],
            evidence: s("Review record"),
            mentions: vec![s("access review")],
            frequency: BandFrequency {
                micro,
                small,
                medium,
            },
        }
    }

    #[test]
    fn duties_scale_down_and_audit_areas_cover_every_clause() {
        use Frequency::*;
        let mut lib = good();
        lib.duties
            .push(duty("DUTY-ACCESS", HalfYearly, Quarterly, Quarterly));
        assert_eq!(validate(&lib), vec![]);
        lib.duties[0].frequency.micro = Monthly;
        assert_eq!(kinds(&lib), vec![ProblemKind::BadDuty]);
        lib.duties[0].frequency.micro = Yearly;
        lib.duties[0].owner_role = s("ROLE-NOBODY");
        assert_eq!(kinds(&lib), vec![ProblemKind::MissingReference]);
        lib.duties[0].owner_role = s("ROLE-TM");
        lib.audit_areas.push(AuditArea {
            id: s("IA-01"),
            title: s("Clauses 4 to 9"),
            clauses: ["4", "5", "6", "7", "8", "9"].map(s).to_vec(),
            roles: vec![s("ROLE-TM")],
            micro_session: 1,
        });
        assert_finds(&lib, ProblemKind::BadDuty, "10.1");
        lib.audit_areas[0].clauses.push(s("10"));
        assert_eq!(validate(&lib), vec![]);
        lib.audit_areas[0].micro_session = 2;
        assert_finds(&lib, ProblemKind::BadDuty, "audit_area");
    }

    #[test]
    fn a_template_with_another_frequency_for_a_duty_is_a_conflict() {
        use Frequency::*;
        let mut lib = good();
        lib.duties
            .push(duty("DUTY-ACCESS", HalfYearly, Quarterly, Quarterly));
        lib.templates[0].body_text = format!(
            "{GOOD_BODY}\nThe access review is done {{{{ duties[\"DUTY-ACCESS\"].every }}}}.\n"
        );
        assert_eq!(validate(&lib), vec![]);
        lib.templates[0].body_text = format!("{GOOD_BODY}\nThe access review is done monthly.\n");
        assert_finds(&lib, ProblemKind::FrequencyConflict, "TPL-01");
        let p = validate(&lib);
        assert!(p[0].message.contains("DUTY-ACCESS"), "{}", p[0].message);
    }

    #[test]
    fn sod_rule_with_same_role_twice() {
        let mut lib = good();
        lib.sod_rules[0].role_b = s("ROLE-TM");
        assert_eq!(kinds(&lib), vec![ProblemKind::BadStructure]);
    }
}
