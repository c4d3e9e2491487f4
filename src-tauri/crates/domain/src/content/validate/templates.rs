//! Checks of the document templates: partials, variables and rendering for the sample firm.

use super::*;

impl Checker<'_> {
    pub(super) fn check_templates(&mut self, ctx: Option<&TemplateContext>) {
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
}
