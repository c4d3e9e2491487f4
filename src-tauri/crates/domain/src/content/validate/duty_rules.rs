//! Checks of the duties (and their frequencies per firm size) and of the crosswalks.

use super::*;

impl Checker<'_> {
    pub(super) fn check_duties(&mut self) {
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
    pub(super) fn check_frequencies(&mut self, ctx: &TemplateContext) {
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

    pub(super) fn check_crosswalks(&mut self) {
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
