//! Snapshot rows of the document tables.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Document or record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocKindSnap {
    /// A controlled document.
    Document,
    /// A record.
    Record,
}

/// One `doc_document` row with its files, draft, versions and approvals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentSnap {
    /// Row id.
    pub id: i64,
    /// Stable key: a library document id (e.g. `DOC-SMS-POLICY`) or the firm's own key.
    pub doc_key: String,
    /// Title.
    pub title: String,
    /// Document or record.
    pub kind: DocKindSnap,
    /// Main clause id (may be empty).
    pub clause: String,
    /// Library template it was drafted from.
    pub template_id: Option<String>,
    /// Library role that owns it.
    pub owner_role: String,
    /// Library role that approves it.
    pub approver_role: String,
    /// Review interval in months (1–120).
    pub review_months: i64,
    /// Next review date (`YYYY-MM-DD`).
    pub next_review_date: Option<String>,
    /// When created (RFC 3339).
    pub created_at: String,
    /// The firm's own files for this document.
    pub attachments: Vec<AttachmentSnap>,
    /// The working draft.
    pub draft: Option<DraftSnap>,
    /// Issued versions, oldest first, each with its approval.
    pub versions: Vec<VersionSnap>,
}

/// One `doc_attachment` row with its content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttachmentSnap {
    /// Row id.
    pub id: i64,
    /// File name.
    pub file_name: String,
    /// Media type.
    pub media_type: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
    /// The content, standard base64.
    pub content_base64: String,
    /// When stored (RFC 3339).
    pub added_at: String,
}

/// The `doc_draft` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftSnap {
    /// Markdown body.
    pub body: String,
    /// Attachment used instead of a body.
    pub attachment_id: Option<i64>,
    /// Author person id.
    pub author_person_id: Option<i64>,
    /// Values filled into the template (a JSON object).
    pub filled_values: serde_json::Value,
    /// Autosave revision.
    pub revision: i64,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One `doc_version` row (immutable once issued).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionSnap {
    /// Row id (evidence links refer to it).
    pub id: i64,
    /// Major number (from 1).
    pub major: i64,
    /// Minor number.
    pub minor: i64,
    /// Issued Markdown body (empty when an attachment is the version).
    pub body: String,
    /// Attachment issued as this version.
    pub attachment_id: Option<i64>,
    /// SHA-256 of the body or the attachment.
    pub sha256: String,
    /// What changed.
    pub change_summary: String,
    /// Author person id.
    pub author_person_id: Option<i64>,
    /// Author's name at the time.
    pub author_name: String,
    /// Values filled into the template (a JSON object).
    pub filled_values: serde_json::Value,
    /// When issued (RFC 3339).
    pub issued_at: String,
    /// The approval, once approved.
    pub approval: Option<ApprovalSnap>,
}

/// One `doc_approval` row (immutable).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalSnap {
    /// Row id.
    pub id: i64,
    /// Approver person id.
    pub approver_person_id: i64,
    /// Approver's name at the time.
    pub approver_name: String,
    /// Library role approved as.
    pub role_id: String,
    /// Role name at the time.
    pub role_name: String,
    /// When approved (RFC 3339).
    pub approved_at: String,
    /// Separation-of-duties note shown on the approval.
    pub sod_note: Option<String>,
    /// Placeholders and template instructions the approver explicitly kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<String>,
}
