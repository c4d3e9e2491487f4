//! Document drafting in the project file (migration `0004_documents`).
//!
//! Row access lives in [`records`]; this module holds the operations the app performs, each
//! one transaction that also appends a `document_*` journal entry. The rules come from
//! `ready20k_domain::documents`: filling from the wizard, version numbers, approval checks,
//! review dates. The wizard's answers are read with `crate::wizard::load` (read only).
//!
//! Immutability: issued versions, approvals and stored files are protected by SQLite triggers
//! (`UPDATE`/`DELETE` abort), so even a bug here cannot change an approved text.

mod drafting;
mod issuing;
pub mod records;
mod view;

pub use drafting::{
    add_own_document, attach_file, media_type, redraft, refresh_draft, save_draft, start_document,
};
pub use issuing::{approve_version, issue_version, set_review_date};
pub use view::{
    ApprovedDocument, approved_documents, diff_versions, document_view, register, version_html,
};

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

/// A value that must be given is empty.
fn required(msg: impl Into<String>) -> DocError {
    DocError::Store(StoreError::Required(msg.into()))
}

/// A reference to a library document, role, clause or template that does not exist.
fn unknown(msg: impl Into<String>) -> DocError {
    DocError::Store(StoreError::UnknownReference(msg.into()))
}

/// Not allowed in the document's current state.
fn not_allowed(msg: impl Into<String>) -> DocError {
    DocError::Store(StoreError::NotAllowed(msg.into()))
}

/// A file refused for its type, size or encoding.
fn file_refused(msg: impl Into<String>) -> DocError {
    DocError::Store(StoreError::FileRefused(msg.into()))
}

/// A date that is not in the expected form.
fn bad_date(msg: impl Into<String>) -> DocError {
    DocError::Store(StoreError::InvalidDate(msg.into()))
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
    dom::parse_date(now).ok_or_else(|| bad_date(format!("Bad timestamp {now}.")))
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

#[cfg(test)]
mod tests;
