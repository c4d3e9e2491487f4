//! Section 4: every approved policy, plan and procedure in full, each with its version and
//! approval.

use ready20k_domain::snapshot::{DocKindSnap, DocumentSnap, VersionSnap};

use crate::build::convert::{self, date_of};
use crate::build::facts::Facts;
use crate::build::markdown;
use crate::build::util::{long_date, note, opt_date, p, plural, sec, short_date, warning};
use crate::model::{Block, KeyValue, Paragraph, Run, Section};

/// Longest document text printed in full (about 100 pages); longer texts are shortened
/// with a notice, so that one pasted export cannot make the dossier unprintable.
const MAX_DOCUMENT_BYTES: usize = 200_000;

/// The document-control facts of an approved version: reference, version, owner, author,
/// approval, next review, changes and the text's SHA-256.
pub(crate) fn control_fields(f: &Facts<'_>, doc: &DocumentSnap, v: &VersionSnap) -> Vec<KeyValue> {
    let mut kv = vec![KeyValue {
        key: "Reference".into(),
        value: Paragraph::from_runs(vec![Run::mono(doc.doc_key.clone())]),
    }];
    kv.push(KeyValue::new("Version", format!("{}.{}", v.major, v.minor)));
    let owner = f.holders(&doc.owner_role);
    kv.push(KeyValue::new(
        "Owner",
        if owner.is_empty() {
            f.role_name(&doc.owner_role)
        } else {
            format!("{owner}, {}", f.role_name(&doc.owner_role))
        },
    ));
    if !v.author_name.trim().is_empty() {
        kv.push(KeyValue::new(
            "Prepared by",
            format!(
                "{} — issued {}",
                v.author_name.trim(),
                short_date(&v.issued_at)
            ),
        ));
    }
    if let Some(a) = &v.approval {
        kv.push(KeyValue::new(
            "Approved by",
            format!(
                "{}, {} — {}",
                a.approver_name,
                a.role_name,
                date_of(&a.approved_at).map_or_else(|| a.approved_at.clone(), long_date)
            ),
        ));
        if let Some(n) = a.sod_note.as_deref().filter(|n| !n.trim().is_empty()) {
            kv.push(KeyValue::new("Approval note", n.trim()));
        }
    }
    if let Some(next) = doc.next_review_date.as_deref() {
        kv.push(KeyValue::new("Next review", opt_date(Some(next))));
    }
    if !v.change_summary.trim().is_empty() {
        kv.push(KeyValue::new("Changes", v.change_summary.trim()));
    }
    kv.push(KeyValue {
        key: "SHA-256".into(),
        value: Paragraph::from_runs(vec![Run::mono(v.sha256.clone())]),
    });
    kv
}

/// 4.n: one approved document.
pub(crate) fn policy_section(f: &Facts<'_>, doc: &DocumentSnap, v: &VersionSnap) -> Section {
    let mut blocks = vec![Block::KeyValue(control_fields(f, doc, v))];
    if let Some(latest) = convert::latest_version(doc)
        && latest.id != v.id
    {
        blocks.push(note(
            "Revision in progress",
            format!(
                "Version {}.{} was issued on {} and awaits approval; the approved version {}.{} \
                 below stays in force until then.",
                latest.major,
                latest.minor,
                short_date(&latest.issued_at),
                v.major,
                v.minor
            ),
        ));
    }
    if let Some(att) = v
        .attachment_id
        .and_then(|id| doc.attachments.iter().find(|a| a.id == id))
    {
        blocks.push(Block::Paragraph(Paragraph::from_runs(vec![
            Run::plain("This version was issued as the file "),
            Run::mono(att.file_name.clone()),
            Run::plain(format!(
                " ({}, {} bytes). The file is kept in the project with its SHA-256 and is \
                 available to the auditor on request.",
                att.media_type, att.size
            )),
        ])));
    } else if v.body.trim().is_empty() {
        blocks.push(p("This version has no text."));
    } else if v.body.len() > MAX_DOCUMENT_BYTES {
        // Cut at a line break before the limit, never inside a character.
        let mut cut = MAX_DOCUMENT_BYTES;
        while !v.body.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = &v.body[..cut];
        let head = head.rfind('\n').map_or(head, |i| &head[..i]);
        blocks.push(warning(
            "Document shortened in this dossier",
            format!(
                "This version is {} KB of text, too long to print in full. The first {} KB \
                 are printed below; the complete approved text is kept in the project file \
                 and can be checked against the SHA-256 above.",
                v.body.len() / 1024,
                head.len() / 1024
            ),
        ));
        blocks.extend(markdown::blocks(head, &doc.title));
    } else {
        blocks.extend(markdown::blocks(&v.body, &doc.title));
    }
    sec(doc.title.trim().to_owned(), blocks, Vec::new())
}

/// Section 4.
pub(super) fn policies(f: &Facts<'_>) -> Section {
    let approved = f.approved_documents();
    let documents: Vec<_> = approved
        .into_iter()
        .filter(|(d, _)| matches!(d.kind, DocKindSnap::Document))
        .collect();
    let mut blocks = vec![p(
        "This section reproduces in full every policy, plan and procedure of the SMS that has \
         an approved version, each with its version and approval. Drafts and versions awaiting \
         approval are not included.",
    )];
    let unapproved = f.unapproved_required_documents();
    if !unapproved.is_empty() {
        let names: Vec<String> = unapproved
            .iter()
            .map(|e| format!("{} ({})", e.title, e.status.label().to_lowercase()))
            .collect();
        blocks.push(warning(
            "Required documents not yet approved",
            format!(
                "{}: {}. Until they are approved this dossier is a draft.",
                plural(unapproved.len(), "document is", "documents are"),
                names.join("; ")
            ),
        ));
    }
    if documents.is_empty() {
        blocks.push(p("No document has been approved yet."));
    }
    // Each document starts on a new page, so that it can be read (and handed over) on its own.
    let n = documents.len();
    let subs = documents
        .into_iter()
        .enumerate()
        .map(|(i, (d, v))| {
            let mut s = policy_section(f, d, v);
            if i + 1 < n {
                s.blocks.push(Block::PageBreak);
            }
            s
        })
        .collect();
    sec("Approved policies and procedures", blocks, subs)
}
