//! References, enumerations and dates of the internal audits: auditors and verifiers are
//! people, services exist, lines belong to audits and raise existing actions, a report belongs
//! to an audit that was reported, clauses and processes are in the library.

use std::collections::{BTreeMap, BTreeSet};

use ready20k_domain::wizard::processes::process;

use super::*;

impl Checker<'_> {
    fn clause(&mut self, path: String, id: &str) {
        if library().clause(id).is_none() {
            self.err(path, format!("there is no clause {id:?} in the library"));
        }
    }

    pub(super) fn audits(&mut self, s: &ProjectSnapshot, people: &BTreeSet<i64>) {
        let a = &s.audits;
        let services: BTreeSet<i64> = s.wizard.services.iter().map(|x| x.id).collect();
        let actions: BTreeSet<i64> = s.assessment.actions.iter().map(|x| x.id).collect();
        if let Some(g) = &a.programme {
            self.date("/audits/programme/cycle_start".into(), Some(&g.cycle_start));
            self.date(
                "/audits/programme/target_date".into(),
                g.target_date.as_deref(),
            );
            self.time("/audits/programme/generated_at".into(), &g.generated_at);
            self.time("/audits/programme/updated_at".into(), &g.updated_at);
        }
        let mut ids = BTreeMap::new();
        let mut reported = BTreeSet::new();
        for (i, x) in a.audits.iter().enumerate() {
            let p = format!("/audits/audits/{i}");
            self.unique(&mut ids, x.id, format!("{p}/id"));
            self.nonempty(format!("{p}/title"), &x.title, "the title");
            if x.cycle < 1 {
                self.err(format!("{p}/cycle"), "must be 1 or more");
            }
            if x.clauses.is_empty() {
                self.err(format!("{p}/clauses"), "an audit needs at least one clause");
            }
            for (j, c) in x.clauses.iter().enumerate() {
                self.clause(format!("{p}/clauses/{j}"), c);
            }
            for (j, id) in x.processes.iter().enumerate() {
                if process(id).is_none() {
                    self.err(
                        format!("{p}/processes/{j}"),
                        format!("there is no SMS process {id:?}"),
                    );
                }
            }
            self.date(format!("{p}/planned_on"), Some(&x.planned_on));
            self.date(format!("{p}/performed_on"), x.performed_on.as_deref());
            self.one_of(
                format!("{p}/status"),
                &x.status,
                &["planned", "in_progress", "reported"],
            );
            if x.status == "reported" {
                reported.insert(x.id);
                if x.performed_on.is_none() {
                    self.err(
                        format!("{p}/performed_on"),
                        "a reported audit needs its date",
                    );
                }
            }
            for (j, id) in x.auditor_ids.iter().enumerate() {
                self.person(people, format!("{p}/auditor_ids/{j}"), Some(*id));
            }
            for (j, id) in x.service_ids.iter().enumerate() {
                if !services.contains(id) {
                    self.err(
                        format!("{p}/service_ids/{j}"),
                        format!("there is no service {id} in /wizard/services"),
                    );
                }
            }
            self.time(format!("{p}/created_at"), &x.created_at);
            self.time(format!("{p}/updated_at"), &x.updated_at);
        }
        let audits: BTreeSet<i64> = ids.keys().copied().collect();
        let mut line_ids = BTreeMap::new();
        let mut positions = BTreeMap::new();
        for (i, l) in a.lines.iter().enumerate() {
            let p = format!("/audits/lines/{i}");
            self.unique(&mut line_ids, l.id, format!("{p}/id"));
            self.unique(
                &mut positions,
                format!("audit {} position {}", l.audit_id, l.position),
                format!("{p}/position"),
            );
            if !audits.contains(&l.audit_id) {
                self.err(
                    format!("{p}/audit_id"),
                    format!("there is no audit {} in /audits/audits", l.audit_id),
                );
            }
            self.clause(format!("{p}/clause"), &l.clause);
            if let Some(q) = &l.question_id {
                self.question(format!("{p}/question_id"), q);
            }
            self.nonempty(format!("{p}/prompt"), &l.prompt, "the prompt");
            self.one_of(
                format!("{p}/result"),
                &l.result,
                &["conformity", "minor_nc", "major_nc", "ofi", "not_checked"],
            );
            if let Some(id) = l.action_id
                && !actions.contains(&id)
            {
                self.err(
                    format!("{p}/action_id"),
                    format!("there is no action {id} in /assessment/actions"),
                );
            }
        }
        let mut report_ids = BTreeMap::new();
        for (i, r) in a.reports.iter().enumerate() {
            let p = format!("/audits/reports/{i}");
            self.unique(&mut report_ids, r.audit_id, format!("{p}/audit_id"));
            if !reported.contains(&r.audit_id) {
                self.err(
                    format!("{p}/audit_id"),
                    format!("audit {} is not a reported audit", r.audit_id),
                );
            }
            self.nonempty(format!("{p}/body"), &r.body, "the report body");
            self.time(format!("{p}/issued_at"), &r.issued_at);
            self.person(people, format!("{p}/issued_by"), r.issued_by);
            self.person(people, format!("{p}/approved_by"), r.approved_by);
            if let Some(t) = &r.approved_at {
                self.time(format!("{p}/approved_at"), t);
            }
            if r.approved_at.is_some() != r.approved_by.is_some() {
                self.err(
                    format!("{p}/approved_by"),
                    "an approval needs both its time and its approver",
                );
            }
        }
        let mut nc_ids = BTreeMap::new();
        for (i, n) in a.nonconformities.iter().enumerate() {
            let p = format!("/audits/nonconformities/{i}");
            self.unique(&mut nc_ids, n.action_id, format!("{p}/action_id"));
            if !actions.contains(&n.action_id) {
                self.err(
                    format!("{p}/action_id"),
                    format!("there is no action {} in /assessment/actions", n.action_id),
                );
            }
            if let Some(g) = &n.grade {
                self.one_of(format!("{p}/grade"), g, &["major", "minor", "ofi"]);
            }
            self.date(format!("{p}/verified_on"), n.verified_on.as_deref());
            self.date(format!("{p}/closed_on"), n.closed_on.as_deref());
            self.person(people, format!("{p}/verified_by"), n.verified_by);
        }
    }
}
