//! The approved documents one by one, for export as Word, PDF or Markdown files: each with
//! the document-control facts the dossier prints, its approved text and a one-document
//! dossier model for the PDF.

use chrono::NaiveDate;
use ready20k_domain::content::Library;
use ready20k_domain::documents::markdown::Block as MdBlock;
use ready20k_domain::snapshot::{DocKindSnap, DocumentSnap, ProjectSnapshot, VersionSnap};

use super::convert::date_of;
use super::facts::Facts;
use super::markdown::body_blocks;
use super::sections::{control_fields, policy_section};
use super::util::long_date;
use super::{DossierOptions, Pack};
use crate::model::{Cover, Dossier, Meta, Tone, VerdictLine};

/// One approved document, ready to be written in any export format.
#[derive(Debug, Clone, PartialEq)]
pub struct ApprovedDocument {
    /// Document id, e.g. `DOC-SMS-POLICY`.
    pub key: String,
    /// Title.
    pub title: String,
    /// The firm (running header).
    pub firm: String,
    /// Approved version, e.g. `1.2`.
    pub version: String,
    /// Day of the approval, when the timestamp is readable.
    pub approved_on: Option<NaiveDate>,
    /// Document-control rows (label, value), as the dossier prints them.
    pub control: Vec<(String, String)>,
    /// The approved text (Markdown); empty when the version was issued as a file.
    pub body: String,
    /// When the version was issued as a file of the firm's own: what to say instead of the
    /// text.
    pub file_note: Option<String>,
    /// The document as a one-section dossier (cover with its control facts, then the text).
    pub model: Dossier,
}

impl ApprovedDocument {
    /// The body as Markdown blocks, without a first heading that repeats the title.
    pub fn blocks(&self) -> Vec<MdBlock> {
        body_blocks(&self.body, &self.title)
    }
}

/// Every approved policy, plan and procedure of the project (register order, records left
/// out, as in the dossier's section 4). `date` is "today" for the register.
pub fn approved_documents(
    snapshot: &ProjectSnapshot,
    content: &Library,
    date: NaiveDate,
) -> Vec<ApprovedDocument> {
    let opts = DossierOptions {
        date,
        pack: Pack::Stage1,
        version: None,
    };
    let f = Facts::new(snapshot, content, &opts);
    f.approved_documents()
        .into_iter()
        .filter(|(d, _)| matches!(d.kind, DocKindSnap::Document))
        .map(|(d, v)| approved(&f, d, v))
        .collect()
}

fn approved(f: &Facts<'_>, doc: &DocumentSnap, v: &VersionSnap) -> ApprovedDocument {
    let control: Vec<(String, String)> = control_fields(f, doc, v)
        .into_iter()
        .map(|kv| (kv.key, kv.value.text()))
        .collect();
    let version = format!("{}.{}", v.major, v.minor);
    let approved_on = v.approval.as_ref().and_then(|a| date_of(&a.approved_at));
    let file_note = v
        .attachment_id
        .and_then(|id| doc.attachments.iter().find(|a| a.id == id))
        .map(|a| {
            format!(
                "This version was issued as the file {} ({}, {} bytes), kept in the project \
                 with its SHA-256.",
                a.file_name, a.media_type, a.size
            )
        });
    let title = doc.title.trim().to_owned();
    let mut section = policy_section(f, doc, v);
    section.id = "document".into();
    let model = Dossier {
        meta: Meta {
            title: title.clone(),
            firm: f.firm(),
            version: format!("{} v{version}", doc.doc_key),
            date: approved_on.unwrap_or(f.opts.date),
            author: f.firm(),
            subject: format!("{title} ({}), version {version}", doc.doc_key),
        },
        cover: Cover {
            firm: f.legal_name(),
            scope_summary: format!(
                "The approved version {version} of {title}, a document of the service \
                 management system of {}.",
                f.firm()
            ),
            version_line: format!("{} · Version {version}", doc.doc_key),
            date_line: approved_on.map_or_else(|| "Not dated".to_owned(), long_date),
            verdict: control
                .iter()
                .filter(|(k, _)| matches!(k.as_str(), "Owner" | "Approved by" | "Next review"))
                .map(|(k, val)| VerdictLine {
                    label: k.clone(),
                    value: val.clone(),
                    tone: Tone::Neutral,
                })
                .collect(),
            details: Vec::new(),
            labels: Some(("About this document".into(), "Document control".into())),
        },
        front: Vec::new(),
        sections: vec![section],
        watermark: None,
    };
    ApprovedDocument {
        key: doc.doc_key.clone(),
        title,
        firm: f.firm(),
        version,
        approved_on,
        control,
        body: if file_note.is_some() {
            String::new()
        } else {
            v.body.clone()
        },
        file_note,
        model,
    }
}
