//! What the register and document screens show, diffs, and the approved documents.

use super::*;

/// Register summary of one stored document.
fn summary(conn: &Connection, doc: DocRecord) -> DocResult<DocSummary> {
    let draft = records::get_draft(conn, doc.id)?;
    let versions = records::list_versions(conn, doc.id)?;
    let latest = versions.first();
    let mut approved = None;
    for v in &versions {
        if records::get_approval(conn, v.id)?.is_some() {
            approved = Some(v.number);
            break;
        }
    }
    let latest_approved = latest.is_some_and(|l| approved == Some(l.number));
    let draft_pending = match (&draft, latest) {
        (Some(d), Some(l)) => d.body != l.body || d.attachment_id != l.attachment_id,
        (Some(_), None) => true,
        _ => false,
    };
    Ok(DocSummary {
        has_draft: draft.is_some(),
        draft_pending,
        issued: u32::try_from(versions.len()).unwrap_or(u32::MAX),
        latest: latest.map(|v| v.number),
        latest_approved,
        approved,
        doc,
    })
}

/// The document register on `today`.
pub fn register(conn: &Connection, today: NaiveDate) -> DocResult<Register> {
    let data = crate::wizard::load(conn)?;
    let docs = records::list_documents(conn)?
        .into_iter()
        .map(|d| summary(conn, d))
        .collect::<DocResult<Vec<_>>>()?;
    Ok(dom::register(lib()?, &data, &docs, today))
}

/// Everything the document screen shows, for the document `key` (library id or `OWN-nnn`).
pub fn document_view(conn: &Connection, key: &str, today: NaiveDate) -> DocResult<DocumentView> {
    let lib = lib()?;
    let data = crate::wizard::load(conn)?;
    let reg = register(conn, today)?;
    let entry = reg
        .entries
        .into_iter()
        .find(|e| e.key == key)
        .ok_or_else(|| unknown(format!("There is no document {key}.")))?;
    let templates = entry
        .templates
        .iter()
        .filter_map(|t| lib.template(t))
        .map(|t| TemplateChoice {
            id: t.id.clone(),
            title: t.title.clone(),
        })
        .collect();
    let people = data
        .people
        .iter()
        .map(|p| PersonRef {
            id: p.id,
            name: p.name.clone(),
        })
        .collect();
    let Some(doc) = records::find_document(conn, key)? else {
        let review_months = entry
            .templates
            .first()
            .and_then(|t| lib.template(t))
            .map_or(12, |t| t.review_months);
        let latest = None;
        return Ok(DocumentView {
            entry,
            templates,
            template_id: None,
            draft: None,
            versions: Vec::new(),
            next_minor: next_version(latest, false).to_string(),
            next_major: next_version(latest, true).to_string(),
            people,
            approvers: Vec::new(),
            review_months,
        });
    };
    let records_v = records::list_versions(conn, doc.id)?;
    let mut versions = Vec::new();
    for v in &records_v {
        versions.push(VersionView {
            id: v.id,
            number: v.number.to_string(),
            change_summary: v.change_summary.clone(),
            author_name: v.author_name.clone(),
            author_person_id: v.author_person_id,
            issued_at: v.issued_at.clone(),
            sha256: v.sha256.clone(),
            attachment: v
                .attachment_id
                .map(|a| records::get_attachment(conn, a))
                .transpose()?,
            approval: records::get_approval(conn, v.id)?,
            unresolved: dom::unresolved::unresolved_in(&v.body),
        });
    }
    let latest = records_v.first();
    let approvers = match (latest, versions.first()) {
        (Some(l), Some(lv)) if lv.approval.is_none() => {
            approver_options(&check_for(lib, &data, &doc, l, latest, None, false))
        }
        _ => Vec::new(),
    };
    let draft = match records::get_draft(conn, doc.id)? {
        None => None,
        Some(d) => {
            let firm = firm_name(conn)?;
            let current =
                fill_context(lib, &data, &firm, &doc_info(&doc, VersionNumber::FIRST)).values;
            let changes = if d.attachment_id.is_some() {
                Vec::new()
            } else {
                changed_values(lib, &data, &d.values, &current, &d.body)
            };
            let preview = dom::preview(&d.body);
            Some(DraftView {
                differs_from_latest: latest
                    .is_none_or(|l| l.body != d.body || l.attachment_id != d.attachment_id),
                html: preview.html,
                placeholders: preview.placeholders,
                author_name: person_name(&data, d.author_person_id),
                author_person_id: d.author_person_id,
                revision: d.revision,
                updated_at: d.updated_at,
                changes,
                attachment: d
                    .attachment_id
                    .map(|a| records::get_attachment(conn, a))
                    .transpose()?,
                body: d.body,
            })
        }
    };
    let latest_number = latest.map(|v| v.number);
    Ok(DocumentView {
        entry,
        templates,
        template_id: doc.template_id.clone(),
        draft,
        versions,
        next_minor: next_version(latest_number, false).to_string(),
        next_major: next_version(latest_number, true).to_string(),
        people,
        approvers,
        review_months: doc.review_months,
    })
}

/// The line diff from version `old` to version `new` (any two versions of one document).
pub fn diff_versions(conn: &Connection, old: i64, new: i64) -> DocResult<TextDiffResult> {
    let a = records::get_version(conn, old)?;
    let b = records::get_version(conn, new)?;
    if a.document_id != b.document_id {
        return Err(not_allowed("Those versions belong to different documents."));
    }
    let text = |v: &VersionRecord| -> DocResult<String> {
        Ok(match v.attachment_id {
            Some(id) => {
                let f = records::get_attachment(conn, id)?;
                format!(
                    "File {} ({} bytes)\nSHA-256 {}\n",
                    f.file_name, f.size, f.sha256
                )
            }
            None => v.body.clone(),
        })
    };
    Ok(dom::diff::diff_lines(&text(&a)?, &text(&b)?))
}

/// Safe HTML of an issued version's text.
pub fn version_html(conn: &Connection, version_id: i64) -> DocResult<String> {
    let v = records::get_version(conn, version_id)?;
    Ok(dom::markdown::to_safe_html(&v.body))
}

/// An approved version, as the dossier and the assessment's evidence links use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovedDocument {
    /// Document key (`DOC-…`, `OWN-…`).
    pub key: String,
    /// Title.
    pub title: String,
    /// The version.
    pub version: VersionRecord,
    /// Its approval.
    pub approval: ApprovalRecord,
    /// Next review date.
    pub next_review_date: Option<String>,
}

/// The newest approved version of every document (only approved versions go into the dossier).
pub fn approved_documents(conn: &Connection) -> DocResult<Vec<ApprovedDocument>> {
    let mut out = Vec::new();
    for doc in records::list_documents(conn)? {
        for v in records::list_versions(conn, doc.id)? {
            if let Some(approval) = records::get_approval(conn, v.id)? {
                out.push(ApprovedDocument {
                    key: doc.key.clone(),
                    title: doc.title.clone(),
                    version: v,
                    approval,
                    next_review_date: doc.next_review_date.clone(),
                });
                break;
            }
        }
    }
    Ok(out)
}
