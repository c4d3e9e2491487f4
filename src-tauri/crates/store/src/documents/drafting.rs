//! Drafting: starting a document from its template, the firm's own documents and files,
//! autosave, redrafting and applying wizard changes to a draft.

use super::*;
use crate::Project;

/// The row for a library document: template defaults, review period of the template.
fn library_record(lib: &Library, key: &str, template_id: Option<&str>) -> DocResult<DocRecord> {
    let d = lib
        .document(key)
        .ok_or_else(|| unknown(format!("{key} is not a document of the library.")))?;
    let tpl_id = template_id
        .map(str::to_owned)
        .or_else(|| d.templates.first().cloned());
    let tpl = tpl_id.as_deref().and_then(|t| lib.template(t));
    if let Some(t) = template_id
        && !d.templates.iter().any(|x| x == t)
    {
        return Err(not_allowed(format!("{t} does not draft {}.", d.name)));
    }
    Ok(DocRecord {
        id: 0,
        key: d.id.clone(),
        title: d.name.clone(),
        kind: d.kind,
        clause: d.clauses.first().cloned().unwrap_or_default(),
        template_id: tpl.map(|t| t.id.clone()),
        // The template names who writes and owns the drafted text; without one, the library.
        owner_role: tpl.map_or_else(|| d.owner_role.clone(), |t| t.owner_role.clone()),
        approver_role: tpl.map_or_else(|| "ROLE-TM".to_owned(), |t| t.approver_role.clone()),
        review_months: tpl.map_or(12, |t| t.review_months),
        next_review_date: None,
    })
}

/// The number the current draft would be issued as (minor step).
fn pending_number(conn: &Connection, doc_id: i64) -> DocResult<VersionNumber> {
    let latest = records::list_versions(conn, doc_id)?
        .first()
        .map(|v| v.number);
    Ok(next_version(latest, false))
}

/// Fills the template of `doc` from the wizard: body and the values snapshot.
fn fill(
    conn: &Connection,
    lib: &Library,
    data: &WizardData,
    doc: &DocRecord,
) -> DocResult<(String, BTreeMap<String, String>)> {
    let firm = firm_name(conn)?;
    let info = doc_info(doc, pending_number(conn, doc.id)?);
    match doc.template_id.as_deref().and_then(|t| lib.template(t)) {
        Some(t) => Ok(draft_from_template(lib, data, &firm, t, &info)?),
        None => {
            let values = fill_context(lib, data, &firm, &info).values;
            Ok((format!("# {}\n\n", doc.title), values))
        }
    }
}

/// Starts a library document: creates its row (if needed) and a draft filled from
/// `template_id` (default: its first template) with the wizard's answers. The author defaults
/// to the holder of the owner role. Refuses when a draft already exists. Returns the row id.
pub fn start_document(
    p: &mut Project,
    key: &str,
    template_id: Option<&str>,
    author: Option<i64>,
) -> DocResult<i64> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let lib = lib()?;
    let data = crate::wizard::load(conn)?;
    write(conn, now, "document_started", |tx| {
        let doc = match records::find_document(tx, key)? {
            Some(d) => {
                if records::get_draft(tx, d.id)?.is_some() {
                    return Err(not_allowed("This document already has a draft; open it."));
                }
                if let Some(t) = template_id {
                    records::set_template(tx, d.id, Some(t))?;
                }
                records::get_document(tx, d.id)?
            }
            None => {
                let mut rec = library_record(lib, key, template_id)?;
                rec.id = records::insert_document(tx, now, &rec)?;
                rec
            }
        };
        let (body, values) = fill(tx, lib, &data, &doc)?;
        let author = author.or_else(|| {
            data.assignment(&doc.owner_role)
                .and_then(|a| a.holders.first().copied())
        });
        records::put_draft(
            tx,
            now,
            &DraftRecord {
                document_id: doc.id,
                body,
                attachment_id: None,
                author_person_id: author,
                values,
                revision: 1,
                updated_at: now.to_owned(),
            },
        )?;
        Ok((doc.id, key.to_owned()))
    })
}

/// Adds a document of the firm's own (`OWN-nnn`) with an empty draft. Returns its row id.
pub fn add_own_document(p: &mut Project, d: &NewOwnDocument) -> DocResult<i64> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let lib = lib()?;
    let title = d.title.trim();
    if title.is_empty() {
        return Err(required("Give the document a title."));
    }
    for role in [&d.owner_role, &d.approver_role] {
        if lib.role(role).is_none() {
            return Err(unknown(format!("{role} is not a role of the library.")));
        }
    }
    if lib.clause(d.clause.trim()).is_none() {
        return Err(unknown(format!(
            "{} is not a clause of ISO/IEC 20000-1 (4 to 10).",
            d.clause
        )));
    }
    if !(1..=120).contains(&d.review_months) {
        return Err(not_allowed("The review interval must be 1 to 120 months."));
    }
    let data = crate::wizard::load(conn)?;
    write(conn, now, "document_added", |tx| {
        let key = format!("{OWN_PREFIX}{:03}", records::count_own(tx)? + 1);
        let mut rec = DocRecord {
            id: 0,
            key: key.clone(),
            title: title.to_owned(),
            kind: d.kind,
            clause: d.clause.trim().to_owned(),
            template_id: None,
            owner_role: d.owner_role.clone(),
            approver_role: d.approver_role.clone(),
            review_months: d.review_months,
            next_review_date: None,
        };
        rec.id = records::insert_document(tx, now, &rec)?;
        let (body, values) = fill(tx, lib, &data, &rec)?;
        records::put_draft(
            tx,
            now,
            &DraftRecord {
                document_id: rec.id,
                body,
                attachment_id: None,
                author_person_id: data
                    .assignment(&rec.owner_role)
                    .and_then(|a| a.holders.first().copied()),
                values,
                revision: 1,
                updated_at: now.to_owned(),
            },
        )?;
        Ok((rec.id, key))
    })
}

/// Loads the draft of `doc_id` and checks the caller's `revision`.
pub(super) fn draft_at(conn: &Connection, doc_id: i64, revision: i64) -> DocResult<DraftRecord> {
    let draft = records::get_draft(conn, doc_id)?.ok_or_else(|| {
        not_allowed("This document has no draft; start one from its template first.")
    })?;
    if draft.revision != revision {
        return Err(DocError::Conflict(
            "The draft was changed elsewhere since you opened it. Reload it; your last typing \
             is kept in the editor so you can copy it."
                .into(),
        ));
    }
    Ok(draft)
}

/// Autosaves the draft text and author. `revision` is the one the editor loaded; a mismatch is
/// a `draft_conflict` and nothing is written.
pub fn save_draft(
    p: &mut Project,
    doc_id: i64,
    body: &str,
    author: Option<i64>,
    revision: i64,
) -> DocResult<SavedDraft> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    write(conn, now, "document_draft_saved", |tx| {
        let mut d = draft_at(tx, doc_id, revision)?;
        d.body = body.to_owned();
        d.author_person_id = author;
        d.revision += 1;
        records::put_draft(tx, now, &d)?;
        Ok((
            SavedDraft {
                revision: d.revision,
                updated_at: now.to_owned(),
            },
            doc_id.to_string(),
        ))
    })
}

/// Replaces the draft with a fresh fill of `template_id` (the author's edits are discarded;
/// the UI confirms first). A file draft becomes a text draft again.
pub fn redraft(
    p: &mut Project,
    doc_id: i64,
    template_id: Option<&str>,
    revision: i64,
) -> DocResult<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let lib = lib()?;
    let data = crate::wizard::load(conn)?;
    write(conn, now, "document_redrafted", |tx| {
        let mut d = draft_at(tx, doc_id, revision)?;
        if let Some(t) = template_id {
            let doc = records::get_document(tx, doc_id)?;
            if let Some(libdoc) = lib.document(&doc.key)
                && !libdoc.templates.iter().any(|x| x == t)
            {
                return Err(not_allowed(format!("{t} does not draft {}.", libdoc.name)));
            }
            records::set_template(tx, doc_id, Some(t))?;
        }
        let doc = records::get_document(tx, doc_id)?;
        let (body, values) = fill(tx, lib, &data, &doc)?;
        d.body = body;
        d.values = values;
        d.attachment_id = None;
        d.revision += 1;
        records::put_draft(tx, now, &d)?;
        Ok(((), doc_id.to_string()))
    })
}

/// Applies the wizard changes `keys` to the draft text (see
/// `ready20k_domain::documents::fill::refresh_body`) and takes a new values snapshot for
/// them. Issued and approved versions are never touched. Returns the keys applied.
pub fn refresh_draft(
    p: &mut Project,
    doc_id: i64,
    keys: &[String],
    revision: i64,
) -> DocResult<Vec<String>> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let lib = lib()?;
    let data = crate::wizard::load(conn)?;
    write(conn, now, "document_refreshed", |tx| {
        let mut d = draft_at(tx, doc_id, revision)?;
        let doc = records::get_document(tx, doc_id)?;
        let firm = firm_name(tx)?;
        let current = fill_context(lib, &data, &firm, &doc_info(&doc, VersionNumber::FIRST)).values;
        let changes = changed_values(lib, &data, &d.values, &current, &d.body);
        let (body, applied) = refresh_body(&d.body, &changes, keys);
        d.body = body;
        for k in &applied {
            if let Some(v) = current.get(k) {
                d.values.insert(k.clone(), v.clone());
            }
        }
        // Keys the caller chose to keep as they are: acknowledged, so they stop showing.
        for k in keys {
            if !applied.contains(k)
                && let Some(v) = current.get(k)
            {
                d.values.insert(k.clone(), v.clone());
            }
        }
        d.revision += 1;
        records::put_draft(tx, now, &d)?;
        Ok((applied.clone(), applied.join(",")))
    })
}

/// Media type of an accepted own file, by extension.
pub fn media_type(file_name: &str) -> Option<&'static str> {
    let ext = file_name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => Some("application/pdf"),
        "docx" => Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "md" | "markdown" => Some("text/markdown"),
        _ => None,
    }
}

/// Stores a file of the firm's own for document `doc_id` and makes it the draft: a Markdown
/// file becomes the editable draft text; a PDF or DOCX file stands in for the text. The file
/// is kept in the project with its SHA-256.
pub fn attach_file(
    p: &mut Project,
    doc_id: i64,
    file_name: &str,
    bytes: &[u8],
) -> DocResult<AttachmentInfo> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let Some(media) = media_type(file_name) else {
        return Err(file_refused(
            "Use a PDF, Word (.docx) or Markdown (.md) file for your own document.",
        ));
    };
    if bytes.is_empty() {
        return Err(file_refused(format!("{file_name} is empty.")));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(file_refused(format!(
            "{file_name} is larger than 25 MB; store a smaller export."
        )));
    }
    let text = if media == "text/markdown" {
        Some(
            String::from_utf8(bytes.to_vec())
                .map_err(|_| file_refused(format!("{file_name} is not UTF-8 text.")))?,
        )
    } else {
        None
    };
    let sha = sha256_hex(bytes);
    write(conn, now, "document_file_attached", |tx| {
        let doc = records::get_document(tx, doc_id)?;
        let info = records::insert_attachment(tx, now, doc.id, file_name, media, &sha, bytes)?;
        let prev = records::get_draft(tx, doc.id)?;
        let d = DraftRecord {
            document_id: doc.id,
            body: text.clone().unwrap_or_default(),
            attachment_id: if text.is_some() { None } else { Some(info.id) },
            author_person_id: prev.as_ref().and_then(|p| p.author_person_id),
            values: BTreeMap::new(),
            revision: prev.as_ref().map_or(1, |p| p.revision + 1),
            updated_at: now.to_owned(),
        };
        records::put_draft(tx, now, &d)?;
        Ok((info, format!("{} {file_name} {sha}", doc.key)))
    })
}
