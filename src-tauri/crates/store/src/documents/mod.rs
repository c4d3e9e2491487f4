//! Document drafting in the project file (migration `0004_documents`).
//!
//! Row access lives in [`records`]; this module holds the operations the app performs, each
//! one transaction that also appends a `document_*` journal entry. The rules come from
//! `ready20k_domain::documents`: filling from the wizard, version numbers, approval checks,
//! review dates. The wizard's answers are read with `crate::wizard::load` (read only).
//!
//! Immutability: issued versions, approvals and stored files are protected by SQLite triggers
//! (`UPDATE`/`DELETE` abort), so even a bug here cannot change an approved text.

pub mod records;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ready20k_domain::ErrorPayload;
use ready20k_domain::content::{ContentError, Library, try_library};
use ready20k_domain::documents::approval::{ApprovalCheck, approver_options, check_approval};
use ready20k_domain::documents::fill::{
    DocInfo, changed_values, draft_from_template, fill_context, refresh_body, stamp_version,
};
use ready20k_domain::documents::status::{next_review_date, next_version};
use ready20k_domain::documents::{
    self as dom, ApprovalRecord, AttachmentInfo, DocRecord, DocSummary, DocumentView, DraftRecord,
    DraftView, NewOwnDocument, OWN_PREFIX, PersonRef, Refusal, Register, SavedDraft,
    TemplateChoice, TextDiffResult, VersionNumber, VersionRecord, VersionView,
};
use ready20k_domain::wizard::WizardData;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::StoreError;

/// What can go wrong with a document operation.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    /// A store error (database, invalid input).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The approval rules refused (wrong role, self-approval, stale version, …).
    #[error("{}", .0.message)]
    Refused(Refusal),
    /// The draft was saved elsewhere since the caller loaded it.
    #[error("{0}")]
    Conflict(String),
    /// The template could not be filled.
    #[error(transparent)]
    Content(#[from] ContentError),
}

impl From<rusqlite::Error> for DocError {
    fn from(e: rusqlite::Error) -> Self {
        DocError::Store(e.into())
    }
}

impl From<serde_json::Error> for DocError {
    fn from(e: serde_json::Error) -> Self {
        DocError::Store(e.into())
    }
}

impl DocError {
    /// Stable snake_case code: the refusal's code (`wrong_role`, `self_approval`,
    /// `stale_version`, …), `draft_conflict`, or the store/content code.
    pub fn code(&self) -> &'static str {
        match self {
            DocError::Store(e) => e.code(),
            DocError::Refused(r) => r.code.as_str(),
            DocError::Conflict(_) => "draft_conflict",
            DocError::Content(e) => e.code(),
        }
    }

    /// The error as the UI receives it.
    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload::new(self.code(), self.to_string())
    }
}

/// Result of document operations.
pub type DocResult<T> = std::result::Result<T, DocError>;

fn invalid(msg: impl Into<String>) -> DocError {
    DocError::Store(StoreError::Invalid(msg.into()))
}

fn lib() -> DocResult<&'static Library> {
    try_library().map_err(|e| DocError::Content(e.clone()))
}

/// Largest own file accepted (25 MiB).
pub const MAX_FILE_BYTES: usize = 25 * 1024 * 1024;

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

use crate::journal::write_in as write;

fn person_name(data: &WizardData, id: Option<i64>) -> String {
    id.and_then(|id| data.person(id))
        .map(|p| p.name.clone())
        .unwrap_or_default()
}

fn firm_name(conn: &Connection) -> DocResult<String> {
    Ok(
        conn.query_row("SELECT firm_name FROM project WHERE id = 1", [], |r| {
            r.get(0)
        })?,
    )
}

/// The date part of an RFC 3339 `now`.
fn date_of(now: &str) -> DocResult<NaiveDate> {
    dom::parse_date(now).ok_or_else(|| invalid(format!("Bad timestamp {now}.")))
}

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

/// The row for a library document: template defaults, review period of the template.
fn library_record(lib: &Library, key: &str, template_id: Option<&str>) -> DocResult<DocRecord> {
    let d = lib
        .document(key)
        .ok_or_else(|| invalid(format!("{key} is not a document of the library.")))?;
    let tpl_id = template_id
        .map(str::to_owned)
        .or_else(|| d.templates.first().cloned());
    let tpl = tpl_id.as_deref().and_then(|t| lib.template(t));
    if let Some(t) = template_id
        && !d.templates.iter().any(|x| x == t)
    {
        return Err(invalid(format!("{t} does not draft {}.", d.name)));
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

fn doc_info(doc: &DocRecord, version: VersionNumber) -> DocInfo {
    DocInfo {
        id: doc.key.clone(),
        title: doc.title.clone(),
        version: version.to_string(),
        review_months: doc.review_months,
        owner_role: doc.owner_role.clone(),
        approver_role: doc.approver_role.clone(),
    }
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
    conn: &mut Connection,
    now: &str,
    key: &str,
    template_id: Option<&str>,
    author: Option<i64>,
) -> DocResult<i64> {
    let lib = lib()?;
    let data = crate::wizard::load(conn)?;
    write(conn, now, "document_started", |tx| {
        let doc = match records::find_document(tx, key)? {
            Some(d) => {
                if records::get_draft(tx, d.id)?.is_some() {
                    return Err(invalid("This document already has a draft; open it."));
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
pub fn add_own_document(conn: &mut Connection, now: &str, d: &NewOwnDocument) -> DocResult<i64> {
    let lib = lib()?;
    let title = d.title.trim();
    if title.is_empty() {
        return Err(invalid("Give the document a title."));
    }
    for role in [&d.owner_role, &d.approver_role] {
        if lib.role(role).is_none() {
            return Err(invalid(format!("{role} is not a role of the library.")));
        }
    }
    if lib.clause(d.clause.trim()).is_none() {
        return Err(invalid(format!(
            "{} is not a clause of ISO/IEC 20000-1 (4 to 10).",
            d.clause
        )));
    }
    if !(1..=120).contains(&d.review_months) {
        return Err(invalid("The review interval must be 1 to 120 months."));
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
fn draft_at(conn: &Connection, doc_id: i64, revision: i64) -> DocResult<DraftRecord> {
    let draft = records::get_draft(conn, doc_id)?
        .ok_or_else(|| invalid("This document has no draft; start one from its template first."))?;
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
    conn: &mut Connection,
    now: &str,
    doc_id: i64,
    body: &str,
    author: Option<i64>,
    revision: i64,
) -> DocResult<SavedDraft> {
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
    conn: &mut Connection,
    now: &str,
    doc_id: i64,
    template_id: Option<&str>,
    revision: i64,
) -> DocResult<()> {
    let lib = lib()?;
    let data = crate::wizard::load(conn)?;
    write(conn, now, "document_redrafted", |tx| {
        let mut d = draft_at(tx, doc_id, revision)?;
        if let Some(t) = template_id {
            let doc = records::get_document(tx, doc_id)?;
            if let Some(libdoc) = lib.document(&doc.key)
                && !libdoc.templates.iter().any(|x| x == t)
            {
                return Err(invalid(format!("{t} does not draft {}.", libdoc.name)));
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
    conn: &mut Connection,
    now: &str,
    doc_id: i64,
    keys: &[String],
    revision: i64,
) -> DocResult<Vec<String>> {
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
    conn: &mut Connection,
    now: &str,
    doc_id: i64,
    file_name: &str,
    bytes: &[u8],
) -> DocResult<AttachmentInfo> {
    let Some(media) = media_type(file_name) else {
        return Err(invalid(
            "Use a PDF, Word (.docx) or Markdown (.md) file for your own document.",
        ));
    };
    if bytes.is_empty() {
        return Err(invalid(format!("{file_name} is empty.")));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(invalid(format!(
            "{file_name} is larger than 25 MB; store a smaller export."
        )));
    }
    let text = if media == "text/markdown" {
        Some(
            String::from_utf8(bytes.to_vec())
                .map_err(|_| invalid(format!("{file_name} is not UTF-8 text.")))?,
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

/// Issues the draft of `doc_id` as a new immutable version: 1.0 first, then a minor step, or
/// a major one when `major`. The `| Version |` row of the document control table is set to
/// the new number in the issued text (and in the draft, which stays as the working copy).
pub fn issue_version(
    conn: &mut Connection,
    now: &str,
    doc_id: i64,
    change_summary: &str,
    major: bool,
    revision: i64,
) -> DocResult<VersionRecord> {
    let summary = change_summary.trim();
    if summary.is_empty() {
        return Err(invalid(
            "Say in a few words what this version changes (for 1.0: \"First issue\").",
        ));
    }
    let data = crate::wizard::load(conn)?;
    write(conn, now, "document_version_issued", |tx| {
        let mut d = draft_at(tx, doc_id, revision)?;
        let versions = records::list_versions(tx, doc_id)?;
        if let Some(l) = versions.first()
            && l.body == d.body
            && l.attachment_id == d.attachment_id
        {
            return Err(invalid(format!(
                "The draft is the same as version {}; change something before issuing.",
                l.number
            )));
        }
        if d.attachment_id.is_none() && d.body.trim().is_empty() {
            return Err(invalid("The draft is empty; write it before issuing."));
        }
        let number = next_version(versions.first().map(|v| v.number), major);
        let body = if d.attachment_id.is_some() {
            String::new()
        } else {
            stamp_version(&d.body, &number.to_string())
        };
        let sha256 = match d.attachment_id {
            Some(a) => records::get_attachment(tx, a)?.sha256,
            None => sha256_hex(body.as_bytes()),
        };
        let mut v = VersionRecord {
            id: 0,
            document_id: doc_id,
            number,
            body: body.clone(),
            attachment_id: d.attachment_id,
            sha256,
            change_summary: summary.to_owned(),
            author_person_id: d.author_person_id,
            author_name: person_name(&data, d.author_person_id),
            issued_at: now.to_owned(),
        };
        v.id = records::insert_version(tx, &v, &d.values)?;
        d.body = body;
        d.revision += 1;
        records::put_draft(tx, now, &d)?;
        Ok((v, format!("{doc_id} {number}")))
    })
}

fn check_for<'a>(
    lib: &'a Library,
    data: &'a WizardData,
    doc: &'a DocRecord,
    version: &VersionRecord,
    latest: Option<&VersionRecord>,
    seen: Option<&str>,
    already_approved: bool,
) -> ApprovalCheck<'a> {
    ApprovalCheck {
        lib,
        people: &data.people,
        assignments: &data.assignments,
        mitigations: &data.mitigations,
        headcount: data.profile.headcount,
        approver_role: &doc.approver_role,
        author: version.author_person_id,
        is_latest: latest.is_some_and(|l| l.id == version.id),
        seen_matches: seen.is_none_or(|s| VersionNumber::parse(s) == Some(version.number)),
        already_approved,
    }
}

/// Approves version `version_id` as `approver`, who was shown version number `seen`. The rules
/// of `ready20k_domain::documents::approval` decide; a refusal writes nothing. On approval the
/// next review date becomes the approval date plus the document's review interval.
pub fn approve_version(
    conn: &mut Connection,
    now: &str,
    version_id: i64,
    approver: i64,
    seen: &str,
) -> DocResult<ApprovalRecord> {
    let lib = lib()?;
    let data = crate::wizard::load(conn)?;
    let today = date_of(now)?;
    write(conn, now, "document_approved", |tx| {
        let version = records::get_version(tx, version_id)?;
        let doc = records::get_document(tx, version.document_id)?;
        let versions = records::list_versions(tx, doc.id)?;
        let already = records::get_approval(tx, version.id)?.is_some();
        let c = check_for(
            lib,
            &data,
            &doc,
            &version,
            versions.first(),
            Some(seen),
            already,
        );
        let grant = check_approval(&c, approver).map_err(DocError::Refused)?;
        let record = ApprovalRecord {
            version_id: version.id,
            approver_person_id: approver,
            approver_name: person_name(&data, Some(approver)),
            role_id: grant.role_id,
            role_name: grant.role_name,
            approved_at: now.to_owned(),
            sod_note: grant.sod_note,
        };
        records::insert_approval(tx, &record)?;
        let next = next_review_date(today, doc.review_months);
        records::set_next_review(tx, doc.id, Some(&next.to_string()))?;
        Ok((
            record,
            format!("{} {} by {}", doc.key, version.number, approver),
        ))
    })
}

/// Sets the next review date of an approved document (`YYYY-MM-DD`).
pub fn set_review_date(conn: &mut Connection, now: &str, doc_id: i64, date: &str) -> DocResult<()> {
    let parsed = dom::parse_date(date)
        .filter(|_| date.trim().len() == 10)
        .ok_or_else(|| invalid("Enter the date as YYYY-MM-DD."))?;
    write(conn, now, "document_review_date_set", |tx| {
        records::get_document(tx, doc_id)?;
        records::set_next_review(tx, doc_id, Some(&parsed.to_string()))?;
        Ok(((), format!("{doc_id} {parsed}")))
    })
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
        .ok_or_else(|| invalid(format!("There is no document {key}.")))?;
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
        return Err(invalid("Those versions belong to different documents."));
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

#[cfg(test)]
mod tests;
