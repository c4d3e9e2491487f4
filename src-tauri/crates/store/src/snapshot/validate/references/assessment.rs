//! References, evidence files and dates of the assessment.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::*;

impl Checker<'_> {
    pub(super) fn assessment(
        &mut self,
        s: &ProjectSnapshot,
        people: &BTreeSet<i64>,
        versions: &BTreeSet<(String, i64)>,
    ) {
        let a = &s.assessment;
        let parties: BTreeSet<i64> = s.wizard.other_parties.iter().map(|o| o.id).collect();
        let mut ids = BTreeMap::new();
        for (i, an) in a.answers.iter().enumerate() {
            let p = format!("/assessment/answers/{i}");
            self.unique(&mut ids, an.question_id.clone(), format!("{p}/question_id"));
            self.question(format!("{p}/question_id"), &an.question_id);
            if an.level > 5 {
                self.err(format!("{p}/level"), "must be between 0 and 5");
            }
            self.person(people, format!("{p}/owner_id"), an.owner_id);
            if let Some(o) = an.other_party_id
                && !parties.contains(&o)
            {
                self.err(
                    format!("{p}/other_party_id"),
                    format!("there is no other party {o} in /wizard/other_parties"),
                );
            }
            self.date(format!("{p}/target_date"), an.target_date.as_deref());
            self.time(format!("{p}/updated_at"), &an.updated_at);
        }
        let mut ids = BTreeMap::new();
        for (i, e) in a.evidence.iter().enumerate() {
            let p = format!("/assessment/evidence/{i}");
            self.unique(&mut ids, e.id, format!("{p}/id"));
            self.nonempty(format!("{p}/title"), &e.title, "the title");
            match e.kind {
                EvidenceKindSnap::File => {
                    match (&e.file_name, &e.sha256, &e.content_base64, e.size) {
                        (Some(name), Some(sha), Some(b64), Some(size)) => {
                            self.nonempty(format!("{p}/file_name"), name, "the file name");
                            self.blob(&p, b64, sha, Some(size));
                        }
                        _ => self.err(
                            p.clone(),
                            "file evidence needs file_name, size, sha256 and content_base64",
                        ),
                    }
                }
                EvidenceKindSnap::Document => match (&e.document_id, e.document_version) {
                    (Some(doc), Some(v)) => {
                        if !versions.contains(&(doc.clone(), v)) {
                            self.err(
                                format!("{p}/document_version"),
                                format!("document {doc:?} has no issued version with id {v} in /documents"),
                            );
                        }
                    }
                    _ => self.err(
                        p.clone(),
                        "document evidence needs document_id and document_version",
                    ),
                },
                EvidenceKindSnap::Location => {
                    if e.location.as_deref().is_none_or(|l| l.trim().is_empty()) {
                        self.err(
                            format!("{p}/location"),
                            "location evidence needs a location",
                        );
                    }
                }
            }
            if e.kind != EvidenceKindSnap::File && e.content_base64.is_some() {
                self.err(
                    format!("{p}/content_base64"),
                    "only file evidence has content",
                );
            }
            self.time(format!("{p}/added_at"), &e.added_at);
            self.date(format!("{p}/expires_on"), e.expires_on.as_deref());
            self.date(format!("{p}/review_on"), e.review_on.as_deref());
            let mut seen = HashSet::new();
            for (k, q) in e.questions.iter().enumerate() {
                self.question(format!("{p}/questions/{k}"), q);
                if !seen.insert(q.as_str()) {
                    self.err(format!("{p}/questions/{k}"), format!("{q} is listed twice"));
                }
            }
        }
        let mut ids = BTreeMap::new();
        for (i, ac) in a.actions.iter().enumerate() {
            let p = format!("/assessment/actions/{i}");
            self.unique(&mut ids, ac.id, format!("{p}/id"));
            self.nonempty(format!("{p}/title"), &ac.title, "the title");
            match &ac.question_id {
                Some(q) => self.question(format!("{p}/question_id"), q),
                None if ac.source == ActionSourceSnap::Gap => self.err(
                    format!("{p}/question_id"),
                    "an action from a gap needs its question",
                ),
                None => {}
            }
            self.person(people, format!("{p}/owner_id"), ac.owner_id);
            self.date(format!("{p}/due"), ac.due.as_deref());
            self.time(format!("{p}/created_at"), &ac.created_at);
            self.time(format!("{p}/updated_at"), &ac.updated_at);
        }
        let mut ids = BTreeMap::new();
        let verdicts = ["not_ready", "nearly_ready", "ready"];
        for (i, sn) in a.snapshots.iter().enumerate() {
            let p = format!("/assessment/snapshots/{i}");
            self.unique(&mut ids, sn.id, format!("{p}/id"));
            self.nonempty(format!("{p}/label"), &sn.label, "the label");
            self.time(format!("{p}/taken_at"), &sn.taken_at);
            for (field, v) in [("stage1", &sn.stage1), ("stage2", &sn.stage2)] {
                if !verdicts.contains(&v.as_str()) {
                    self.err(
                        format!("{p}/{field}"),
                        format!("use one of: {}", verdicts.join(", ")),
                    );
                }
            }
            for (field, x) in [
                ("overall", sn.overall),
                ("stage1_score", sn.stage1_score),
                ("stage2_score", sn.stage2_score),
            ] {
                if !x.is_finite() {
                    self.err(format!("{p}/{field}"), "must be a number");
                }
            }
        }
    }
}
