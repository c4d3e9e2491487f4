//! Issued monthly service reports: ids, keys, references, dates, figures and the kept PDFs.

use std::collections::{BTreeMap, BTreeSet};

use ready20k_domain::records::ReportFigures;

use super::*;

impl Checker<'_> {
    pub(super) fn service_reports(&mut self, s: &ProjectSnapshot, people: &BTreeSet<i64>) {
        let services: BTreeSet<i64> = s.wizard.services.iter().map(|x| x.id).collect();
        let evidence: BTreeSet<i64> = s.assessment.evidence.iter().map(|e| e.id).collect();
        let mut ids = BTreeMap::new();
        let mut keys = BTreeMap::new();
        for (i, r) in s.records.service_reports.iter().enumerate() {
            let p = format!("/records/service_reports/{i}");
            self.unique(&mut ids, r.id, format!("{p}/id"));
            let key = format!("{:?} {} v{}", r.service_name, r.month, r.version);
            self.unique(&mut keys, key, format!("{p}/version"));
            self.nonempty(format!("{p}/service_name"), &r.service_name, "the service");
            if let Some(id) = r.service_id
                && !services.contains(&id)
            {
                self.err(
                    format!("{p}/service_id"),
                    format!("there is no service {id} in /wizard/services"),
                );
            }
            if ready20k_domain::records::measure::month_key(&r.month).is_none() {
                self.err(format!("{p}/month"), "must be a month, YYYY-MM");
            }
            if r.version == 0 {
                self.err(format!("{p}/version"), "must be 1 or more");
            }
            if r.pages == 0 {
                self.err(format!("{p}/pages"), "must be 1 or more");
            }
            if !is_date(&r.issued_on) {
                self.err(format!("{p}/issued_on"), "is not a date (YYYY-MM-DD)");
            }
            self.person(people, format!("{p}/issued_by"), Some(r.issued_by));
            self.time(format!("{p}/issued_at"), &r.issued_at);
            self.blob(&p, &r.content_base64, &r.sha256, Some(r.size));
            if serde_json::from_str::<ReportFigures>(&r.figures).is_err() {
                self.err(
                    format!("{p}/figures"),
                    "is not the figures of a service report",
                );
            }
            if let Some(e) = r.evidence_id
                && !evidence.contains(&e)
            {
                self.err(
                    format!("{p}/evidence_id"),
                    format!("there is no evidence {e} in /assessment/evidence"),
                );
            }
        }
    }
}
