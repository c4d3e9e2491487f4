//! References, versions, approvals and files of the documents.

use std::collections::{BTreeMap, BTreeSet};

use ready20k_domain::content::library;

use super::*;

impl Checker<'_> {
    /// Returns (doc_key, version id) pairs of every issued version.
    pub(super) fn documents(
        &mut self,
        docs: &[DocumentSnap],
        people: &BTreeSet<i64>,
    ) -> BTreeSet<(String, i64)> {
        let lib = library();
        let mut doc_ids = BTreeMap::new();
        let mut keys = BTreeMap::new();
        let mut att_ids = BTreeMap::new();
        let mut ver_ids = BTreeMap::new();
        let mut appr_ids = BTreeMap::new();
        let mut versions = BTreeSet::new();
        for (i, d) in docs.iter().enumerate() {
            let p = format!("/documents/{i}");
            self.unique(&mut doc_ids, d.id, format!("{p}/id"));
            self.unique(&mut keys, d.doc_key.clone(), format!("{p}/doc_key"));
            self.nonempty(format!("{p}/doc_key"), &d.doc_key, "the key");
            self.nonempty(format!("{p}/title"), &d.title, "the title");
            if !d.clause.is_empty() && lib.clause(&d.clause).is_none() {
                self.err(
                    format!("{p}/clause"),
                    format!("there is no clause {:?} in the library", d.clause),
                );
            }
            if let Some(t) = &d.template_id
                && lib.template(t).is_none()
            {
                self.err(
                    format!("{p}/template_id"),
                    format!("there is no template {t:?} in the library"),
                );
            }
            self.role(format!("{p}/owner_role"), &d.owner_role);
            self.role(format!("{p}/approver_role"), &d.approver_role);
            if !(1..=120).contains(&d.review_months) {
                self.err(format!("{p}/review_months"), "must be between 1 and 120");
            }
            self.date(
                format!("{p}/next_review_date"),
                d.next_review_date.as_deref(),
            );
            self.time(format!("{p}/created_at"), &d.created_at);
            let mut own: BTreeMap<i64, &str> = BTreeMap::new();
            for (k, a) in d.attachments.iter().enumerate() {
                let ap = format!("{p}/attachments/{k}");
                self.unique(&mut att_ids, a.id, format!("{ap}/id"));
                self.nonempty(format!("{ap}/file_name"), &a.file_name, "the file name");
                self.time(format!("{ap}/added_at"), &a.added_at);
                self.blob(&ap, &a.content_base64, &a.sha256, Some(a.size));
                own.insert(a.id, a.sha256.as_str());
            }
            let own_file = |id: Option<i64>| id.is_none_or(|id| own.contains_key(&id));
            if let Some(dr) = &d.draft {
                if !own_file(dr.attachment_id) {
                    self.err(
                        format!("{p}/draft/attachment_id"),
                        "is not one of this document's attachments",
                    );
                }
                self.person(
                    people,
                    format!("{p}/draft/author_person_id"),
                    dr.author_person_id,
                );
                if !dr.filled_values.is_object() {
                    self.err(format!("{p}/draft/filled_values"), "must be an object");
                }
                self.time(format!("{p}/draft/updated_at"), &dr.updated_at);
            }
            let mut numbers = BTreeMap::new();
            for (k, v) in d.versions.iter().enumerate() {
                let vp = format!("{p}/versions/{k}");
                self.unique(&mut ver_ids, v.id, format!("{vp}/id"));
                versions.insert((d.doc_key.clone(), v.id));
                if v.major < 1 || v.minor < 0 {
                    self.err(format!("{vp}/major"), "version numbers start at 1.0");
                }
                self.unique(
                    &mut numbers,
                    format!("version {}.{}", v.major, v.minor),
                    vp.clone(),
                );
                if !is_sha(&v.sha256) {
                    self.err(format!("{vp}/sha256"), "must be 64 lowercase hex digits");
                } else {
                    match v.attachment_id {
                        Some(a) => match own.get(&a) {
                            None => self.err(
                                format!("{vp}/attachment_id"),
                                "is not one of this document's attachments",
                            ),
                            Some(sha) if *sha != v.sha256 => self.err(
                                format!("{vp}/sha256"),
                                "does not match the attachment's SHA-256",
                            ),
                            Some(_) => {}
                        },
                        None => {
                            if sha_hex(v.body.as_bytes()) != v.sha256 {
                                self.err(format!("{vp}/sha256"), "does not match the SHA-256 of the body (the version was altered)");
                            }
                        }
                    }
                }
                self.nonempty(
                    format!("{vp}/change_summary"),
                    &v.change_summary,
                    "the change summary",
                );
                self.person(people, format!("{vp}/author_person_id"), v.author_person_id);
                if !v.filled_values.is_object() {
                    self.err(format!("{vp}/filled_values"), "must be an object");
                }
                self.time(format!("{vp}/issued_at"), &v.issued_at);
                if let Some(a) = &v.approval {
                    let ap = format!("{vp}/approval");
                    self.unique(&mut appr_ids, a.id, format!("{ap}/id"));
                    self.person(
                        people,
                        format!("{ap}/approver_person_id"),
                        Some(a.approver_person_id),
                    );
                    self.role(format!("{ap}/role_id"), &a.role_id);
                    self.time(format!("{ap}/approved_at"), &a.approved_at);
                }
            }
        }
        versions
    }
}
