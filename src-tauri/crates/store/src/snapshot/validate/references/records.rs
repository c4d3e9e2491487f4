//! References, enumerations, dates and kept files of the operating records.

use std::collections::{BTreeMap, BTreeSet};

use super::*;

const CLOCKS: [&str; 2] = ["24x7", "business_hours"];
const PRIORITIES: [&str; 4] = ["P1", "P2", "P3", "P4"];

impl Checker<'_> {
    /// Refuses `value` unless it is one of `allowed`.
    pub(super) fn one_of(&mut self, path: String, value: &str, allowed: &[&str]) {
        if !allowed.contains(&value) {
            self.err(path, format!("use one of: {}", allowed.join(", ")));
        }
    }

    /// Refuses a service id that is not in `/wizard/services`.
    fn service(&mut self, services: &BTreeSet<i64>, path: String, id: Option<i64>) {
        if let Some(id) = id
            && !services.contains(&id)
        {
            self.err(
                path,
                format!("there is no service {id} in /wizard/services"),
            );
        }
    }

    /// Refuses a minutes target that is not positive.
    fn minutes(&mut self, path: String, m: Option<i64>) {
        if m.is_some_and(|m| m <= 0) {
            self.err(path, "must be more than 0 minutes");
        }
    }

    pub(super) fn records(&mut self, s: &ProjectSnapshot) {
        let r = &s.records;
        let services: BTreeSet<i64> = s.wizard.services.iter().map(|x| x.id).collect();
        if let Some(st) = &r.settings {
            if serde_json::from_str::<serde_json::Value>(&st.business_hours).is_err() {
                self.err("/records/settings/business_hours", "is not valid JSON");
            }
            self.time("/records/settings/updated_at".into(), &st.updated_at);
        }
        let mut ids = BTreeMap::new();
        for (i, l) in r.service_levels.iter().enumerate() {
            let p = format!("/records/service_levels/{i}");
            self.unique(&mut ids, l.service_id, format!("{p}/service_id"));
            self.service(&services, format!("{p}/service_id"), Some(l.service_id));
            if l.availability_pct
                .is_some_and(|a| !(a.is_finite() && a > 0.0 && a <= 100.0))
            {
                self.err(
                    format!("{p}/availability_pct"),
                    "must be more than 0 and at most 100",
                );
            }
            self.minutes(format!("{p}/fulfilment_min"), l.fulfilment_min);
            if let Some(c) = &l.fulfilment_clock {
                self.one_of(format!("{p}/fulfilment_clock"), c, &CLOCKS);
            }
            self.time(format!("{p}/updated_at"), &l.updated_at);
        }
        let mut ids = BTreeMap::new();
        for (i, t) in r.service_level_targets.iter().enumerate() {
            let p = format!("/records/service_level_targets/{i}");
            let key = format!("service {} {}", t.service_id, t.priority);
            self.unique(&mut ids, key, format!("{p}/priority"));
            self.service(&services, format!("{p}/service_id"), Some(t.service_id));
            self.one_of(format!("{p}/priority"), &t.priority, &PRIORITIES);
            self.minutes(format!("{p}/response_min"), t.response_min);
            self.minutes(format!("{p}/resolution_min"), t.resolution_min);
            self.one_of(format!("{p}/clock"), &t.clock, &CLOCKS);
        }
        let mut ids = BTreeMap::new();
        for (i, m) in r.service_map.iter().enumerate() {
            let p = format!("/records/service_map/{i}");
            let key = format!("{:?} {:?}", m.source, m.value);
            self.unique(&mut ids, key, format!("{p}/value"));
            self.service(&services, format!("{p}/service_id"), m.service_id);
        }
        let mut sources = BTreeMap::new();
        for (i, f) in r.sources.iter().enumerate() {
            let p = format!("/records/sources/{i}");
            self.unique(&mut sources, f.id, format!("{p}/id"));
            self.one_of(
                format!("{p}/source"),
                &f.source,
                &["jira", "glpi", "itop", "zammad", "ready20k"],
            );
            self.nonempty(format!("{p}/file_name"), &f.file_name, "the file name");
            self.blob(&p, &f.content_base64, &f.sha256, Some(f.size));
            self.time(format!("{p}/imported_at"), &f.imported_at);
            for (field, n) in [
                ("rows_read", f.rows_read),
                ("rows_added", f.rows_added),
                ("rows_updated", f.rows_updated),
                ("rows_rejected", f.rows_rejected),
            ] {
                if n < 0 {
                    self.err(format!("{p}/{field}"), "cannot be negative");
                }
            }
        }
        let mut ids = BTreeMap::new();
        let mut keys = BTreeMap::new();
        for (i, t) in r.tickets.iter().enumerate() {
            let p = format!("/records/tickets/{i}");
            self.unique(&mut ids, t.id, format!("{p}/id"));
            self.nonempty(format!("{p}/external_id"), &t.external_id, "the ticket id");
            let key = format!("{:?} {:?}", t.source, t.external_id);
            self.unique(&mut keys, key, format!("{p}/external_id"));
            if !sources.contains_key(&t.source_file_id) {
                self.err(
                    format!("{p}/source_file_id"),
                    format!("there is no file {} in /records/sources", t.source_file_id),
                );
            }
            self.one_of(
                format!("{p}/kind"),
                &t.kind,
                &["incident", "request", "change"],
            );
            self.service(&services, format!("{p}/service_id"), t.service_id);
            if let Some(pr) = &t.priority {
                self.one_of(format!("{p}/priority"), pr, &PRIORITIES);
            }
            if let Some(c) = &t.change_type {
                self.one_of(
                    format!("{p}/change_type"),
                    c,
                    &["standard", "normal", "emergency"],
                );
            }
            if let Some(o) = &t.outcome {
                self.one_of(
                    format!("{p}/outcome"),
                    o,
                    &["success", "failed", "rolled_back"],
                );
            }
            self.time(format!("{p}/opened"), &t.opened);
            if let Some(x) = &t.responded {
                self.time(format!("{p}/responded"), x);
            }
            if let Some(x) = &t.resolved {
                self.time(format!("{p}/resolved"), x);
            }
        }
    }
}
