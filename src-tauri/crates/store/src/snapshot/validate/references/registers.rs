//! References, enumerations, dates and kept files of the registers (risks, suppliers and the
//! SMS calendar).

use std::collections::{BTreeMap, BTreeSet};

use super::*;

impl Checker<'_> {
    /// Refuses a value outside 1..=`max`.
    fn within(&mut self, path: String, v: i64, max: i64) {
        if !(1..=max).contains(&v) {
            self.err(path, format!("must be between 1 and {max}"));
        }
    }

    /// Checks action links: the entry exists, the action exists, no pair twice.
    fn links(
        &mut self,
        path: &str,
        links: &[LinkSnap],
        entries: &BTreeSet<i64>,
        what: &str,
        actions: &BTreeSet<i64>,
    ) {
        let mut seen = BTreeMap::new();
        for (i, l) in links.iter().enumerate() {
            let p = format!("{path}/{i}");
            self.unique(
                &mut seen,
                format!("link {} -> action {}", l.id, l.action_id),
                p.clone(),
            );
            if !entries.contains(&l.id) {
                self.err(format!("{p}/id"), format!("there is no {what} {}", l.id));
            }
            if !actions.contains(&l.action_id) {
                self.err(
                    format!("{p}/action_id"),
                    format!("there is no action {} in /assessment/actions", l.action_id),
                );
            }
        }
    }

    pub(super) fn registers(&mut self, s: &ProjectSnapshot, people: &BTreeSet<i64>) {
        let r = &s.registers;
        let w = &s.wizard;
        let actions: BTreeSet<i64> = s.assessment.actions.iter().map(|a| a.id).collect();
        let parties: BTreeSet<i64> = w.other_parties.iter().map(|o| o.id).collect();
        if let Some(c) = &r.risk_criteria {
            for (field, words) in [("likelihood", &c.likelihood), ("impact", &c.impact)] {
                if words.len() != 5 {
                    self.err(
                        format!("/registers/risk_criteria/{field}"),
                        "needs exactly five words",
                    );
                }
            }
            self.within(
                "/registers/risk_criteria/acceptance".into(),
                c.acceptance,
                25,
            );
            self.time("/registers/risk_criteria/updated_at".into(), &c.updated_at);
        }
        let mut ids = BTreeMap::new();
        let mut keys = BTreeMap::new();
        for (i, k) in r.risks.iter().enumerate() {
            let p = format!("/registers/risks/{i}");
            self.unique(&mut ids, k.id, format!("{p}/id"));
            self.one_of(format!("{p}/kind"), &k.kind, &["risk", "opportunity"]);
            self.nonempty(format!("{p}/title"), &k.title, "the title");
            self.risk_source(&p, &k.source_kind, k.source_id);
            if let Some(key) = &k.suggestion_key {
                self.unique(&mut keys, key.clone(), format!("{p}/suggestion_key"));
            }
            self.person(people, format!("{p}/owner_id"), k.owner_id);
            self.within(format!("{p}/inherent_l"), k.inherent_l, 5);
            self.within(format!("{p}/inherent_i"), k.inherent_i, 5);
            match (k.residual_l, k.residual_i) {
                (Some(l), Some(i)) => {
                    self.within(format!("{p}/residual_l"), l, 5);
                    self.within(format!("{p}/residual_i"), i, 5);
                }
                (None, None) => {}
                _ => self.err(
                    format!("{p}/residual_l"),
                    "residual likelihood and impact go together",
                ),
            }
            if let Some(t) = &k.treatment {
                self.one_of(
                    format!("{p}/treatment"),
                    t,
                    &["reduce", "avoid", "transfer", "accept", "pursue"],
                );
            }
            self.date(format!("{p}/review_on"), k.review_on.as_deref());
            self.one_of(
                format!("{p}/status"),
                &k.status,
                &["open", "treating", "monitored", "closed"],
            );
            self.time(format!("{p}/created_at"), &k.created_at);
            self.time(format!("{p}/updated_at"), &k.updated_at);
        }
        let risks: BTreeSet<i64> = r.risks.iter().map(|k| k.id).collect();
        self.links(
            "/registers/risk_actions",
            &r.risk_actions,
            &risks,
            "risk in /registers/risks",
            &actions,
        );
        let mut ids = BTreeMap::new();
        let mut per_party = BTreeMap::new();
        for (i, a) in r.supplier_agreements.iter().enumerate() {
            let p = format!("/registers/supplier_agreements/{i}");
            self.unique(&mut ids, a.id, format!("{p}/id"));
            self.unique(&mut per_party, a.party_id, format!("{p}/party_id"));
            self.party(&parties, format!("{p}/party_id"), a.party_id);
            self.date(format!("{p}/start_on"), a.start_on.as_deref());
            self.date(format!("{p}/end_on"), a.end_on.as_deref());
            self.date(format!("{p}/notice_on"), a.notice_on.as_deref());
            if !serde_json::from_str::<serde_json::Value>(&a.contacts).is_ok_and(|v| v.is_array()) {
                self.err(format!("{p}/contacts"), "is not a JSON array");
            }
            self.within(format!("{p}/review_months"), a.review_months, 36);
            self.time(format!("{p}/updated_at"), &a.updated_at);
        }
        let mut ids = BTreeMap::new();
        for (i, v) in r.supplier_reviews.iter().enumerate() {
            let p = format!("/registers/supplier_reviews/{i}");
            self.unique(&mut ids, v.id, format!("{p}/id"));
            self.party(&parties, format!("{p}/party_id"), v.party_id);
            self.date(format!("{p}/reviewed_on"), Some(&v.reviewed_on));
            self.within(format!("{p}/rating"), v.rating, 5);
            self.person(people, format!("{p}/reviewer_id"), v.reviewer_id);
            self.time(format!("{p}/created_at"), &v.created_at);
        }
        let reviews: BTreeSet<i64> = r.supplier_reviews.iter().map(|v| v.id).collect();
        self.links(
            "/registers/supplier_review_actions",
            &r.supplier_review_actions,
            &reviews,
            "review in /registers/supplier_reviews",
            &actions,
        );
        let mut ids = BTreeMap::new();
        for (i, d) in r.supplier_disputes.iter().enumerate() {
            let p = format!("/registers/supplier_disputes/{i}");
            self.unique(&mut ids, d.id, format!("{p}/id"));
            self.party(&parties, format!("{p}/party_id"), d.party_id);
            self.date(format!("{p}/opened_on"), Some(&d.opened_on));
            self.nonempty(
                format!("{p}/description"),
                &d.description,
                "the description",
            );
            self.one_of(format!("{p}/status"), &d.status, &["open", "resolved"]);
            self.date(format!("{p}/resolved_on"), d.resolved_on.as_deref());
            if d.status == "resolved" && d.resolved_on.is_none() {
                self.err(
                    format!("{p}/resolved_on"),
                    "a resolved dispute needs its date",
                );
            }
            self.time(format!("{p}/updated_at"), &d.updated_at);
        }
        let mut ids = BTreeMap::new();
        for (i, n) in r.supplier_nones.iter().enumerate() {
            let p = format!("/registers/supplier_nones/{i}");
            self.unique(&mut ids, n.kind.clone(), format!("{p}/kind"));
            self.one_of(
                format!("{p}/kind"),
                &n.kind,
                &["external_supplier", "internal_supplier", "customer"],
            );
            self.time(format!("{p}/recorded_at"), &n.recorded_at);
        }
        self.calendar(s, people);
    }

    fn party(&mut self, parties: &BTreeSet<i64>, path: String, id: i64) {
        if !parties.contains(&id) {
            self.err(
                path,
                format!("there is no other party {id} in /wizard/other_parties"),
            );
        }
    }

    /// The risk's source: a known kind, and an id only for the kinds that name a row. The id
    /// is a soft reference (no foreign key): deleting an issue, party or service leaves it in
    /// place and the risk register shows "no longer exists". A dangling id is therefore a state
    /// the app produces and is carried as is; only an id of the wrong kind of list is refused.
    fn risk_source(&mut self, p: &str, kind: &str, id: Option<i64>) {
        match kind {
            "context_issue" | "interested_party" | "service" | "supplier" => {}
            "climate" | "other" => {
                if id.is_some() {
                    self.err(
                        format!("{p}/source_id"),
                        format!("a source of kind {kind} has no id"),
                    );
                }
            }
            _ => self.one_of(
                format!("{p}/source_kind"),
                kind,
                &[
                    "context_issue",
                    "interested_party",
                    "service",
                    "supplier",
                    "climate",
                    "other",
                ],
            ),
        }
    }

    fn calendar(&mut self, s: &ProjectSnapshot, people: &BTreeSet<i64>) {
        let r = &s.registers;
        let evidence: BTreeSet<i64> = s.assessment.evidence.iter().map(|e| e.id).collect();
        let mut ids = BTreeMap::new();
        for (i, d) in r.calendar_duties.iter().enumerate() {
            let p = format!("/registers/calendar_duties/{i}");
            self.unique(&mut ids, d.duty_id.clone(), format!("{p}/duty_id"));
            if library().duty(&d.duty_id).is_none() {
                self.err(
                    format!("{p}/duty_id"),
                    format!("there is no duty {:?} in the library", d.duty_id),
                );
            }
            self.date(format!("{p}/anchor_on"), d.anchor_on.as_deref());
            if let Some(f) = &d.frequency {
                self.one_of(
                    format!("{p}/frequency"),
                    f,
                    &["weekly", "monthly", "quarterly", "half_yearly", "yearly"],
                );
            }
            self.person(people, format!("{p}/owner_id"), d.owner_id);
            self.time(format!("{p}/updated_at"), &d.updated_at);
        }
        let mut ids = BTreeMap::new();
        for (i, c) in r.calendar_completions.iter().enumerate() {
            let p = format!("/registers/calendar_completions/{i}");
            self.unique(
                &mut ids,
                c.occurrence_id.clone(),
                format!("{p}/occurrence_id"),
            );
            self.nonempty(
                format!("{p}/occurrence_id"),
                &c.occurrence_id,
                "the occurrence id",
            );
            self.date(format!("{p}/due_on"), Some(&c.due_on));
            self.date(format!("{p}/done_on"), Some(&c.done_on));
            self.person(people, format!("{p}/person_id"), c.person_id);
            if let Some(e) = c.evidence_id
                && !evidence.contains(&e)
            {
                self.err(
                    format!("{p}/evidence_id"),
                    format!("there is no evidence {e} in /assessment/evidence"),
                );
            }
            let has_file = match (&c.file_name, &c.sha256, c.size, &c.content_base64) {
                (Some(name), Some(sha), Some(size), Some(b64)) => {
                    self.nonempty(format!("{p}/file_name"), name, "the file name");
                    self.blob(&p, b64, sha, Some(size));
                    true
                }
                (None, None, None, None) => false,
                _ => {
                    self.err(
                        p.clone(),
                        "a kept file needs file_name, size, sha256 and content_base64",
                    );
                    true
                }
            };
            if c.evidence_id.is_none() && (!has_file || c.note.trim().is_empty()) {
                self.err(
                    p.clone(),
                    "a completion needs a piece of evidence, or a kept file with a note",
                );
            }
            self.time(format!("{p}/created_at"), &c.created_at);
        }
    }
}
