//! Document drafting: the register of required documents and records, drafts filled from the
//! wizard's answers, immutable numbered versions, approvals and review dates.
//!
//! - [`status`]: document status and version numbers (pure, `today` injected);
//! - [`approval`]: who may approve which version (role, separation of duties, staleness);
//! - [`fill`]: template context from the wizard with visible placeholders, value snapshots,
//!   change detection and refresh;
//! - [`markdown`]: safe HTML for the preview and a neutral block list for the dossier;
//! - [`diff`]: line diff between versions.
//!
//! The store (`ready20k_store::documents`) keeps the records below; [`register`] and the view
//! types are what the UI receives.

pub mod approval;
pub mod diff;
pub mod export;
pub mod fill;
pub mod markdown;
pub mod status;
pub mod unresolved;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::content::{DocumentKind, Library, top_level_of};
use crate::wizard::WizardData;

pub use approval::{ApproverOption, Grant, Refusal, RefusalCode};
pub use diff::{DiffHunk, DiffLine, DiffTag, TextDiffResult};
pub use fill::{PlaceholderUse, ValueChange};
pub use status::{DocStatus, VersionNumber};
pub use unresolved::{Unresolved, UnresolvedKind};

/// Prefix of the ids of documents a firm adds itself.
pub const OWN_PREFIX: &str = "OWN-";

/// A stored document (a register row that has been started, or one the firm added).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocRecord {
    /// Row id.
    pub id: i64,
    /// Library document id (`DOC-…`, `REC-…`, `RDOC-…`) or `OWN-nnn` for the firm's own.
    pub key: String,
    /// Title.
    pub title: String,
    /// Document or record.
    pub kind: DocumentKind,
    /// Main clause, e.g. `5.2`.
    pub clause: String,
    /// Template it was drafted from, if any.
    pub template_id: Option<String>,
    /// Role that owns it.
    pub owner_role: String,
    /// Role that approves it.
    pub approver_role: String,
    /// Review interval in months.
    pub review_months: u32,
    /// Next review date (`YYYY-MM-DD`), set on approval and editable.
    pub next_review_date: Option<String>,
}

/// The working draft of a document (autosaved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftRecord {
    /// The document.
    pub document_id: i64,
    /// Markdown text (empty for a file draft).
    pub body: String,
    /// The firm's own file standing in for the text, if any.
    pub attachment_id: Option<i64>,
    /// Who writes it.
    pub author_person_id: Option<i64>,
    /// Values filled in from the wizard when the draft was made or last refreshed.
    pub values: BTreeMap<String, String>,
    /// Increases with every save; a save must name the revision it started from.
    pub revision: i64,
    /// Last save (RFC 3339).
    pub updated_at: String,
}

/// An issued version. Never changes once written (enforced by the store).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRecord {
    /// Row id.
    pub id: i64,
    /// The document.
    pub document_id: i64,
    /// Its number.
    pub number: VersionNumber,
    /// Markdown text (empty for a file version).
    pub body: String,
    /// The firm's own file, if the version is a file.
    pub attachment_id: Option<i64>,
    /// SHA-256 of the text, or of the file.
    pub sha256: String,
    /// What changed.
    pub change_summary: String,
    /// Who wrote it.
    pub author_person_id: Option<i64>,
    /// Their name at the time.
    pub author_name: String,
    /// When it was issued (RFC 3339).
    pub issued_at: String,
}

/// An approval of a version. Never changes once written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApprovalRecord {
    /// The version approved.
    pub version_id: i64,
    /// Who approved.
    pub approver_person_id: i64,
    /// Their name at the time.
    pub approver_name: String,
    /// The role they approved in.
    pub role_id: String,
    /// Its name.
    pub role_name: String,
    /// When (RFC 3339).
    pub approved_at: String,
    /// A note when the author approved under a recorded SoD mitigation.
    pub sod_note: Option<String>,
    /// Placeholders and template instructions the approver explicitly kept as they are.
    #[serde(default)]
    pub kept: Vec<String>,
}

/// A file of the firm's own, stored in the project file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttachmentInfo {
    /// Row id.
    pub id: i64,
    /// Original file name.
    pub file_name: String,
    /// Media type, e.g. `application/pdf`.
    pub media_type: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
    /// When it was added (RFC 3339).
    pub added_at: String,
}

/// What the store knows about one document, for the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocSummary {
    /// The stored row.
    pub doc: DocRecord,
    /// A draft exists.
    pub has_draft: bool,
    /// The draft differs from the newest version (a revision in progress).
    pub draft_pending: bool,
    /// Versions issued.
    pub issued: u32,
    /// Newest issued version.
    pub latest: Option<VersionNumber>,
    /// Whether the newest is approved.
    pub latest_approved: bool,
    /// Newest approved version.
    pub approved: Option<VersionNumber>,
}

/// One row of the document register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegisterEntry {
    /// Library id or `OWN-nnn`.
    pub key: String,
    /// Stored row id, once the document has been started.
    pub document_id: Option<i64>,
    /// Title.
    pub title: String,
    /// Document or record.
    pub kind: DocumentKind,
    /// Required by the standard (false: recommended extra or the firm's own).
    pub required: bool,
    /// A required record the standard asks for as an activity but not explicitly as retained
    /// documented information: show it as "expected", not "mandatory".
    pub expected: bool,
    /// Added by the firm.
    pub custom: bool,
    /// What it is.
    pub description: String,
    /// Clauses it serves.
    pub clauses: Vec<String>,
    /// Top-level clause it is grouped under, `4`…`10`.
    pub group: String,
    /// Title of that clause.
    pub group_title: String,
    /// Status today.
    pub status: DocStatus,
    /// Owner role id.
    pub owner_role: String,
    /// Owner's name(s), or empty when the role is not assigned.
    pub owner_name: String,
    /// Approver role id.
    pub approver_role: String,
    /// Approver role name.
    pub approver_role_name: String,
    /// Newest issued version, e.g. `1.1`.
    pub version: Option<String>,
    /// Newest approved version.
    pub approved_version: Option<String>,
    /// Next review date.
    pub next_review_date: Option<String>,
    /// A revision is being drafted beyond the newest version.
    pub draft_pending: bool,
    /// Templates that draft it.
    pub templates: Vec<String>,
}

/// Count of documents with one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatusCount {
    /// The status.
    pub status: DocStatus,
    /// How many required documents have it.
    pub count: u32,
}

/// The document register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Register {
    /// Rows: library documents in catalogue order, then the firm's own.
    pub entries: Vec<RegisterEntry>,
    /// Counts per status over required documents and the firm's own.
    pub counts: Vec<StatusCount>,
    /// Documents whose review date has passed.
    pub overdue: u32,
    /// Documents due for review within 30 days.
    pub due: u32,
    /// The day the statuses were computed for.
    pub today: String,
}

fn role_name(lib: &Library, id: &str) -> String {
    lib.role(id)
        .map_or_else(|| id.to_owned(), |r| r.name.clone())
}

fn group_of(lib: &Library, clause: &str) -> (String, String) {
    let top = top_level_of(clause).to_owned();
    let title = lib
        .clause(&top)
        .map(|c| c.title.clone())
        .unwrap_or_default();
    (top, title)
}

/// Parses a stored `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// Builds one register row.
fn entry(
    lib: &Library,
    data: &WizardData,
    base: RegisterEntry,
    s: Option<&DocSummary>,
    today: NaiveDate,
) -> RegisterEntry {
    let Some(s) = s else {
        return base;
    };
    let facts = status::StatusFacts {
        has_draft: s.has_draft,
        issued: s.issued,
        latest_approved: s.latest_approved,
        any_approved: s.approved.is_some(),
        next_review: s.doc.next_review_date.as_deref().and_then(parse_date),
    };
    RegisterEntry {
        document_id: Some(s.doc.id),
        title: s.doc.title.clone(),
        status: status::status(facts, today),
        owner_role: s.doc.owner_role.clone(),
        owner_name: crate::wizard::scope::join_and(&data.holder_names(&s.doc.owner_role)),
        approver_role: s.doc.approver_role.clone(),
        approver_role_name: role_name(lib, &s.doc.approver_role),
        version: s.latest.map(|v| v.to_string()),
        approved_version: s.approved.map(|v| v.to_string()),
        next_review_date: if s.approved.is_some() {
            s.doc.next_review_date.clone()
        } else {
            None
        },
        draft_pending: s.draft_pending && s.issued > 0,
        ..base
    }
}

/// The register: every document of the library (required first in catalogue order, then the
/// recommended extras) and the firm's own, each with its status on `today`.
pub fn register(
    lib: &Library,
    data: &WizardData,
    docs: &[DocSummary],
    today: NaiveDate,
) -> Register {
    let mut entries = Vec::new();
    let mut ordered: Vec<&crate::content::Document> = lib.documents.iter().collect();
    ordered.sort_by_key(|d| !d.required);
    for d in ordered {
        let clause = d.clauses.first().cloned().unwrap_or_default();
        let (group, group_title) = group_of(lib, &clause);
        // The (first) template names who owns and who approves the drafted text.
        let tpl = d.templates.first().and_then(|t| lib.template(t));
        let approver_role = tpl.map_or_else(|| "ROLE-TM".to_owned(), |t| t.approver_role.clone());
        let owner_role = tpl.map_or_else(|| d.owner_role.clone(), |t| t.owner_role.clone());
        let base = RegisterEntry {
            key: d.id.clone(),
            document_id: None,
            title: d.name.clone(),
            kind: d.kind,
            required: d.required,
            expected: d.expected,
            custom: false,
            description: d.description.clone(),
            clauses: d.clauses.clone(),
            group,
            group_title,
            status: DocStatus::Missing,
            owner_name: crate::wizard::scope::join_and(&data.holder_names(&owner_role)),
            owner_role,
            approver_role_name: role_name(lib, &approver_role),
            approver_role,
            version: None,
            approved_version: None,
            next_review_date: None,
            draft_pending: false,
            templates: d.templates.clone(),
        };
        let s = docs.iter().find(|s| s.doc.key == d.id);
        entries.push(entry(lib, data, base, s, today));
    }
    for s in docs.iter().filter(|s| s.doc.key.starts_with(OWN_PREFIX)) {
        let (group, group_title) = group_of(lib, &s.doc.clause);
        let base = RegisterEntry {
            key: s.doc.key.clone(),
            document_id: Some(s.doc.id),
            title: s.doc.title.clone(),
            kind: s.doc.kind,
            required: false,
            expected: false,
            custom: true,
            description: "Added by the firm.".into(),
            clauses: vec![s.doc.clause.clone()],
            group,
            group_title,
            status: DocStatus::Missing,
            owner_role: s.doc.owner_role.clone(),
            owner_name: String::new(),
            approver_role: s.doc.approver_role.clone(),
            approver_role_name: String::new(),
            version: None,
            approved_version: None,
            next_review_date: None,
            draft_pending: false,
            templates: Vec::new(),
        };
        entries.push(entry(lib, data, base, Some(s), today));
    }
    let counted = entries.iter().filter(|e| e.required || e.custom);
    let counts = DocStatus::ALL
        .iter()
        .map(|st| StatusCount {
            status: *st,
            count: u32::try_from(counted.clone().filter(|e| e.status == *st).count()).unwrap_or(0),
        })
        .collect();
    let overdue = u32::try_from(
        entries
            .iter()
            .filter(|e| e.status == DocStatus::Overdue)
            .count(),
    )
    .unwrap_or(0);
    let due = u32::try_from(
        entries
            .iter()
            .filter(|e| e.status == DocStatus::DueForReview)
            .count(),
    )
    .unwrap_or(0);
    Register {
        entries,
        counts,
        overdue,
        due,
        today: today.to_string(),
    }
}

/// What the firm says about a document of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewOwnDocument {
    /// Title.
    pub title: String,
    /// Document or record.
    pub kind: DocumentKind,
    /// Main clause, e.g. `8.7.2`.
    pub clause: String,
    /// Owner role id.
    pub owner_role: String,
    /// Approver role id.
    pub approver_role: String,
    /// Review interval in months.
    pub review_months: u32,
}

/// A person the UI can pick (author).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonRef {
    /// Person id.
    pub id: i64,
    /// Name.
    pub name: String,
}

/// A template that can draft a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateChoice {
    /// `TPL-NN`.
    pub id: String,
    /// Title.
    pub title: String,
}

/// The working draft as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DraftView {
    /// Markdown text.
    pub body: String,
    /// Safe HTML of the text (sanitized in Rust; see [`markdown`]).
    pub html: String,
    /// Placeholders still to fill.
    pub placeholders: Vec<PlaceholderUse>,
    /// Author person id.
    pub author_person_id: Option<i64>,
    /// Author name.
    pub author_name: String,
    /// Revision for the next autosave.
    pub revision: i64,
    /// Last save.
    pub updated_at: String,
    /// Wizard values that changed since the draft was filled.
    pub changes: Vec<ValueChange>,
    /// The firm's own file, when the draft is a file.
    pub attachment: Option<AttachmentInfo>,
    /// Whether the draft differs from the newest issued version (something to issue).
    pub differs_from_latest: bool,
}

/// An issued version as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VersionView {
    /// Row id.
    pub id: i64,
    /// `1.0`, `1.1`, ….
    pub number: String,
    /// What changed.
    pub change_summary: String,
    /// Who wrote it.
    pub author_name: String,
    /// Author person id.
    pub author_person_id: Option<i64>,
    /// When issued.
    pub issued_at: String,
    /// SHA-256 of the text or file.
    pub sha256: String,
    /// The file, for a file version.
    pub attachment: Option<AttachmentInfo>,
    /// The approval, if approved.
    pub approval: Option<ApprovalRecord>,
    /// Placeholders and template instructions left in its text, for the approver to fix or
    /// keep ([`unresolved::unresolved_in`]).
    pub unresolved: Vec<Unresolved>,
}

/// Everything the document screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentView {
    /// The register row.
    pub entry: RegisterEntry,
    /// Templates that can draft it.
    pub templates: Vec<TemplateChoice>,
    /// The template the draft came from.
    pub template_id: Option<String>,
    /// The working draft.
    pub draft: Option<DraftView>,
    /// Issued versions, newest first.
    pub versions: Vec<VersionView>,
    /// Number a minor revision would get.
    pub next_minor: String,
    /// Number a major revision would get.
    pub next_major: String,
    /// People (author choice).
    pub people: Vec<PersonRef>,
    /// For the newest unapproved version: who may approve it.
    pub approvers: Vec<ApproverOption>,
    /// Review interval in months.
    pub review_months: u32,
}

/// Result of an autosave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedDraft {
    /// New revision.
    pub revision: i64,
    /// When saved.
    pub updated_at: String,
}

/// A rendered preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Preview {
    /// Safe HTML.
    pub html: String,
    /// Placeholders left.
    pub placeholders: Vec<PlaceholderUse>,
}

/// Renders a preview of `markdown`.
pub fn preview(markdown: &str) -> Preview {
    Preview {
        html: markdown::to_safe_html(markdown),
        placeholders: fill::placeholders_in(markdown),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::content::library;

    fn rec(id: i64, key: &str) -> DocRecord {
        DocRecord {
            id,
            key: key.into(),
            title: "Service management policy".into(),
            kind: DocumentKind::Document,
            clause: "5.2".into(),
            template_id: Some("TPL-03".into()),
            owner_role: "ROLE-SMSM".into(),
            approver_role: "ROLE-TM".into(),
            review_months: 12,
            next_review_date: Some("2026-01-01".into()),
        }
    }

    #[test]
    fn register_lists_every_library_document_grouped_with_status() {
        let lib = library();
        let today = parse_date("2026-03-01").unwrap();
        let docs = vec![
            DocSummary {
                doc: rec(1, "DOC-SM-POLICY"),
                has_draft: true,
                draft_pending: false,
                issued: 1,
                latest: Some(VersionNumber::FIRST),
                latest_approved: true,
                approved: Some(VersionNumber::FIRST),
            },
            DocSummary {
                doc: DocRecord {
                    key: "OWN-001".into(),
                    title: "Our backup runbook".into(),
                    clause: "8.7.2".into(),
                    next_review_date: None,
                    ..rec(2, "")
                },
                has_draft: true,
                draft_pending: true,
                issued: 0,
                latest: None,
                latest_approved: false,
                approved: None,
            },
        ];
        let r = register(lib, &WizardData::default(), &docs, today);
        assert_eq!(r.entries.len(), lib.documents.len() + 1);
        let policy = r.entries.iter().find(|e| e.key == "DOC-SM-POLICY").unwrap();
        assert_eq!(policy.status, DocStatus::Overdue);
        assert_eq!(policy.group, "5");
        assert_eq!(policy.approver_role_name, "Top management");
        assert_eq!(r.overdue, 1);
        let own = r.entries.last().unwrap();
        assert!(own.custom);
        assert_eq!(own.status, DocStatus::Draft);
        assert_eq!(own.group, "8");
        let scope = r.entries.iter().find(|e| e.key == "DOC-SCOPE").unwrap();
        assert_eq!(scope.status, DocStatus::Missing);
        // Required first.
        let first_extra = r.entries.iter().position(|e| !e.required).unwrap();
        assert!(r.entries[first_extra..].iter().all(|e| !e.required));
        let missing = r
            .counts
            .iter()
            .find(|c| c.status == DocStatus::Missing)
            .unwrap();
        assert_eq!(missing.count, 52);
    }

    #[test]
    fn preview_is_safe_and_lists_placeholders() {
        let p = preview("Hi «firm address» <script>x</script>");
        assert!(!p.html.contains("<script"));
        assert_eq!(p.placeholders.len(), 1);
    }
}
