//! References and limits of the wizard rows.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use ready20k_domain::content::library;
use ready20k_domain::wizard::processes::process;

use super::*;

impl Checker<'_> {
    /// Returns the ids of all people (current and removed).
    pub(super) fn wizard(&mut self, w: &WizardSnapshot) -> BTreeSet<i64> {
        if let Some(p) = &w.profile {
            self.date(
                "/wizard/profile/target_date".into(),
                p.target_date.as_deref(),
            );
            self.time("/wizard/profile/updated_at".into(), &p.updated_at);
        }
        let mut ids = BTreeMap::new();
        for (i, it) in w.issues.iter().enumerate() {
            let p = format!("/wizard/issues/{i}");
            self.unique(&mut ids, it.id, format!("{p}/id"));
            self.nonempty(format!("{p}/text"), &it.text, "an issue");
        }
        let mut ids = BTreeMap::new();
        for (i, it) in w.interested_parties.iter().enumerate() {
            let p = format!("/wizard/interested_parties/{i}");
            self.unique(&mut ids, it.id, format!("{p}/id"));
            self.nonempty(format!("{p}/name"), &it.name, "the name");
        }
        if let Some(c) = &w.climate {
            self.time("/wizard/climate/updated_at".into(), &c.updated_at);
        }
        let mut services = BTreeMap::new();
        for (i, it) in w.services.iter().enumerate() {
            let p = format!("/wizard/services/{i}");
            self.unique(&mut services, it.id, format!("{p}/id"));
            self.nonempty(format!("{p}/name"), &it.name, "the name");
        }
        let mut ids = BTreeMap::new();
        for (i, o) in w.other_parties.iter().enumerate() {
            let p = format!("/wizard/other_parties/{i}");
            self.unique(&mut ids, o.id, format!("{p}/id"));
            self.nonempty(format!("{p}/name"), &o.name, "the name");
            let mut seen = HashSet::new();
            for (k, sid) in o.services.iter().enumerate() {
                if !services.contains_key(sid) {
                    self.err(
                        format!("{p}/services/{k}"),
                        format!("there is no service {sid} in /wizard/services"),
                    );
                } else if !seen.insert(*sid) {
                    self.err(
                        format!("{p}/services/{k}"),
                        format!("service {sid} is listed twice"),
                    );
                }
            }
            let mut seen = HashSet::new();
            for (k, pid) in o.processes.iter().enumerate() {
                if process(pid).is_none() {
                    self.err(
                        format!("{p}/processes/{k}"),
                        format!("there is no process {pid:?}"),
                    );
                } else if !seen.insert(pid.as_str()) {
                    self.err(
                        format!("{p}/processes/{k}"),
                        format!("process {pid} is listed twice"),
                    );
                }
            }
        }
        if let Some(sc) = &w.scope {
            self.time("/wizard/scope/updated_at".into(), &sc.updated_at);
        }
        let mut people = BTreeMap::new();
        let mut emails: BTreeMap<String, usize> = BTreeMap::new();
        for (i, it) in w.people.iter().enumerate() {
            let p = format!("/wizard/people/{i}");
            self.unique(&mut people, it.id, format!("{p}/id"));
            self.nonempty(format!("{p}/name"), &it.name, "the name");
            self.time(format!("{p}/created_at"), &it.created_at);
            if let Some(d) = &it.deleted_at {
                self.time(format!("{p}/deleted_at"), d);
            }
            let email = it.email.trim().to_lowercase();
            if !email.is_empty() {
                if !ready20k_domain::wizard::csv::valid_email(&email) {
                    self.err(
                        format!("{p}/email"),
                        format!("{:?} is not an e-mail address", it.email),
                    );
                }
                if it.deleted_at.is_none() {
                    if let Some(&j) = emails.get(&email) {
                        self.err(
                            format!("{p}/email"),
                            format!("{} is also the address of /wizard/people/{j}", it.email),
                        );
                    } else {
                        emails.insert(email, i);
                    }
                }
            }
        }
        let people: BTreeSet<i64> = people.into_keys().collect();
        let mut pairs = BTreeMap::new();
        for (i, h) in w.role_holders.iter().enumerate() {
            let p = format!("/wizard/role_holders/{i}");
            self.role(format!("{p}/role_id"), &h.role_id);
            self.person(&people, format!("{p}/person_id"), Some(h.person_id));
            self.unique(
                &mut pairs,
                format!("{} held by {}", h.role_id, h.person_id),
                p,
            );
        }
        let mut roles = BTreeMap::new();
        for (i, d) in w.role_deputies.iter().enumerate() {
            let p = format!("/wizard/role_deputies/{i}");
            self.role(format!("{p}/role_id"), &d.role_id);
            self.person(&people, format!("{p}/person_id"), Some(d.person_id));
            self.unique(&mut roles, d.role_id.clone(), format!("{p}/role_id"));
        }
        let mut pairs = BTreeMap::new();
        for (i, m) in w.sod_mitigations.iter().enumerate() {
            let p = format!("/wizard/sod_mitigations/{i}");
            match library().sod_rule(&m.rule_id) {
                None => self.err(
                    format!("{p}/rule_id"),
                    format!("there is no rule {:?} in the library", m.rule_id),
                ),
                Some(r) if !r.mitigation_allowed => self.err(
                    format!("{p}/rule_id"),
                    format!("{} cannot be mitigated", r.id),
                ),
                Some(_) => {}
            }
            self.person(&people, format!("{p}/person_id"), Some(m.person_id));
            self.nonempty(format!("{p}/text"), &m.text, "a mitigation");
            self.time(format!("{p}/recorded_at"), &m.recorded_at);
            self.unique(
                &mut pairs,
                format!("{} for person {}", m.rule_id, m.person_id),
                p,
            );
        }
        if let Some(pr) = &w.progress {
            self.time("/wizard/progress/updated_at".into(), &pr.updated_at);
        }
        people
    }
}
