//! Checks of the clause tree, the documents, the roles and the separation-of-duties rules.

use super::*;

impl Checker<'_> {
    pub(super) fn check_clauses(&mut self) {
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

    pub(super) fn check_documents(&mut self) {
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

    pub(super) fn check_roles(&mut self) {
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

    pub(super) fn check_sod_rules(&mut self) {
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
}
