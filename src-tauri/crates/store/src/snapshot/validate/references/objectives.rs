//! References, enumerations and dates of objectives, KPIs, KPI values and incident reviews.

use std::collections::{BTreeMap, BTreeSet};

use ready20k_domain::objectives::Measure;

use super::*;

impl Checker<'_> {
    pub(super) fn objectives(&mut self, s: &ProjectSnapshot) {
        let o = &s.objectives;
        let services: BTreeSet<i64> = s.wizard.services.iter().map(|x| x.id).collect();
        let tickets: BTreeMap<i64, (&str, Option<&str>)> = s
            .records
            .tickets
            .iter()
            .map(|t| (t.id, (t.kind.as_str(), t.priority.as_deref())))
            .collect();
        let mut ids = BTreeMap::new();
        for (i, x) in o.objectives.iter().enumerate() {
            let p = format!("/objectives/objectives/{i}");
            self.unique(&mut ids, x.id, format!("{p}/id"));
            self.nonempty(format!("{p}/text"), &x.text, "the objective");
            self.date(format!("{p}/due"), x.due.as_deref());
            self.time(format!("{p}/created_at"), &x.created_at);
            self.time(format!("{p}/updated_at"), &x.updated_at);
        }
        let objectives: BTreeSet<i64> = o.objectives.iter().map(|x| x.id).collect();
        let mut ids = BTreeMap::new();
        for (i, k) in o.kpis.iter().enumerate() {
            let p = format!("/objectives/kpis/{i}");
            self.unique(&mut ids, k.id, format!("{p}/id"));
            if !objectives.contains(&k.objective_id) {
                self.err(
                    format!("{p}/objective_id"),
                    format!(
                        "there is no objective {} in /objectives/objectives",
                        k.objective_id
                    ),
                );
            }
            self.nonempty(format!("{p}/name"), &k.name, "the KPI name");
            if !k.target.is_finite() {
                self.err(format!("{p}/target"), "must be a number");
            }
            self.one_of(
                format!("{p}/direction"),
                &k.direction,
                &["at_least", "at_most"],
            );
            self.one_of(format!("{p}/source"), &k.source, &["manual", "measurement"]);
            match (k.source.as_str(), &k.measure) {
                ("manual", Some(_)) => {
                    self.err(format!("{p}/measure"), "must be null for a manual KPI")
                }
                ("measurement", None) => {
                    self.err(format!("{p}/measure"), "is needed for a measurement KPI")
                }
                (_, Some(m)) if Measure::parse(m).is_none() => {
                    let all: Vec<&str> = Measure::ALL.iter().map(|m| m.as_str()).collect();
                    self.one_of(format!("{p}/measure"), m, &all);
                }
                _ => {}
            }
            if let Some(id) = k.service_id
                && !services.contains(&id)
            {
                self.err(
                    format!("{p}/service_id"),
                    format!("there is no service {id} in /wizard/services"),
                );
            }
            self.time(format!("{p}/created_at"), &k.created_at);
        }
        let manual: BTreeSet<i64> = o
            .kpis
            .iter()
            .filter(|k| k.source == "manual")
            .map(|k| k.id)
            .collect();
        let mut ids = BTreeMap::new();
        for (i, v) in o.kpi_values.iter().enumerate() {
            let p = format!("/objectives/kpi_values/{i}");
            self.unique(&mut ids, v.id, format!("{p}/id"));
            if !manual.contains(&v.kpi_id) {
                self.err(
                    format!("{p}/kpi_id"),
                    format!("there is no manual KPI {} in /objectives/kpis", v.kpi_id),
                );
            }
            let canonical = ready20k_domain::objectives::validate_value(&v.period, v.value);
            if canonical.as_deref() != Ok(v.period.as_str()) {
                self.err(
                    format!("{p}/period"),
                    "must be a month (YYYY-MM) with a numeric value",
                );
            }
            self.time(format!("{p}/recorded_at"), &v.recorded_at);
        }
        let mut ids = BTreeMap::new();
        for (i, r) in o.incident_reviews.iter().enumerate() {
            let p = format!("/objectives/incident_reviews/{i}");
            self.unique(&mut ids, r.ticket_id, format!("{p}/ticket_id"));
            match tickets.get(&r.ticket_id) {
                Some(("incident", Some("P1"))) => {}
                Some(_) => self.err(
                    format!("{p}/ticket_id"),
                    format!("ticket {} is not a P1 incident", r.ticket_id),
                ),
                None => self.err(
                    format!("{p}/ticket_id"),
                    format!("there is no ticket {} in /records/tickets", r.ticket_id),
                ),
            }
            self.date(format!("{p}/reviewed_on"), Some(&r.reviewed_on));
            self.time(format!("{p}/recorded_at"), &r.recorded_at);
        }
    }
}
