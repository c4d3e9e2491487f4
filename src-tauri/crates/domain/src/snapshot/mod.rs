//! The snapshot types: the whole project file as one serde value.
//!
//! Plain data (no SQL): the store collects and imports them, the dossier is built from them.
//!
//! Every table is represented row by row with its stored ids, so that
//! export -> import -> export gives identical bytes. Lists are in id (or key) order.
//! Timestamps are the stored RFC 3339 strings; dates are `YYYY-MM-DD`.

mod convert;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The value of [`ProjectSnapshot::format`].
pub const FORMAT: &str = "ready20k-project";

/// The snapshot format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// The whole project: header, wizard, documents, assessment and (optionally) the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Ready20k project")]
pub struct ProjectSnapshot {
    /// Always `"ready20k-project"`.
    pub format: String,
    /// Version of this snapshot format; `1`.
    pub format_version: u32,
    /// `PRAGMA user_version` of the project file the snapshot was taken from.
    pub schema_version: u32,
    /// The firm and project header.
    pub project: ProjectHeader,
    /// Key/value settings of the project.
    pub settings: Vec<Setting>,
    /// The setup wizard.
    pub wizard: WizardSnapshot,
    /// Document drafting: documents, drafts, files, issued versions and approvals.
    pub documents: Vec<DocumentSnap>,
    /// The readiness self-assessment.
    pub assessment: AssessmentSnapshot,
    /// The project's change journal, when exported with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal: Option<Vec<JournalRow>>,
}

/// The `project` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectHeader {
    /// The firm's name as given when the project was created.
    pub firm_name: String,
    /// When the project was created (RFC 3339).
    pub created_at: String,
    /// When anything was last changed (RFC 3339).
    pub updated_at: Option<String>,
    /// Version of Ready20k that created the file.
    pub app_version: String,
}

/// One `settings` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Setting {
    /// Setting name.
    pub key: String,
    /// Setting value.
    pub value: String,
}

/// One journal entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JournalRow {
    /// Row id, increasing.
    pub id: i64,
    /// When (RFC 3339).
    pub at: String,
    /// Kind of change, e.g. `project_created`.
    pub kind: String,
    /// Free detail.
    pub detail: String,
}

// ---------------------------------------------------------------------------------------------
// Wizard

/// Everything the setup wizard stores, including removed (soft-deleted) people.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WizardSnapshot {
    /// Step 1: the firm profile (absent until first saved).
    pub profile: Option<ProfileSnap>,
    /// Internal and external issues (4.1).
    pub issues: Vec<IssueSnap>,
    /// Interested parties and their requirements (4.2).
    pub interested_parties: Vec<InterestedPartySnap>,
    /// Whether climate change is a relevant issue (2024 amendment).
    pub climate: Option<ClimateSnap>,
    /// The service catalogue.
    pub services: Vec<ServiceSnap>,
    /// Suppliers, group companies and customers involved in the SMS (8.2.3, 8.2.4).
    pub other_parties: Vec<OtherPartySnap>,
    /// The scope statement (4.3).
    pub scope: Option<ScopeSnap>,
    /// People, including removed ones (`deleted_at` set).
    pub people: Vec<PersonSnap>,
    /// Who holds which library role.
    pub role_holders: Vec<RoleHolderSnap>,
    /// Deputies of roles.
    pub role_deputies: Vec<RoleDeputySnap>,
    /// Recorded separation-of-duties mitigations.
    pub sod_mitigations: Vec<MitigationSnap>,
    /// Wizard progress.
    pub progress: Option<ProgressSnap>,
}

/// The `firm_profile` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileSnap {
    /// Registered legal name.
    pub legal_name: String,
    /// Trading name.
    pub trading_name: String,
    /// Head office address.
    pub address: String,
    /// Sector.
    pub sector: String,
    /// Number of people.
    pub headcount: u32,
    /// Kinds of customers served.
    pub customer_kinds: Vec<String>,
    /// Target certification date (`YYYY-MM-DD`).
    pub target_date: Option<String>,
    /// Chosen certification body.
    pub certification_body: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// Internal or external issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IssueKindSnap {
    /// Internal issue.
    Internal,
    /// External issue.
    External,
}

/// One `context_issue` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueSnap {
    /// Row id.
    pub id: i64,
    /// Internal or external.
    pub kind: IssueKindSnap,
    /// The issue.
    pub text: String,
    /// Display order.
    pub position: i64,
}

/// One `interested_party` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InterestedPartySnap {
    /// Row id.
    pub id: i64,
    /// Name of the party.
    pub name: String,
    /// Their relevant requirements.
    pub requirements: String,
    /// Display order.
    pub position: i64,
}

/// The `climate_decision` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClimateSnap {
    /// Relevant (`true`), not relevant (`false`) or undecided (`null`).
    pub relevant: Option<bool>,
    /// Why.
    pub rationale: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One `service` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceSnap {
    /// Row id.
    pub id: i64,
    /// Catalogue name.
    pub name: String,
    /// What it is.
    pub description: String,
    /// Customers or customer kinds.
    pub customers: Vec<String>,
    /// Service level targets.
    pub sla_targets: String,
    /// Delivery locations.
    pub locations: Vec<String>,
    /// Whether other parties deliver part of it.
    pub delivered_by_others: bool,
    /// Display order.
    pub position: i64,
}

/// Kind of other party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OtherPartyKindSnap {
    /// An external supplier.
    ExternalSupplier,
    /// A group company acting as internal supplier.
    InternalSupplier,
    /// A customer acting as a supplier.
    Customer,
}

/// One `other_party` row with its links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherPartySnap {
    /// Row id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Kind of party.
    pub kind: OtherPartyKindSnap,
    /// What they provide.
    pub provides: String,
    /// Display order.
    pub position: i64,
    /// Ids of the services they are involved in (see `wizard.services`).
    pub services: Vec<i64>,
    /// Ids of the processes they operate (the wizard's process list, e.g. `P-AVL`).
    pub processes: Vec<String>,
}

/// The `scope_statement` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeSnap {
    /// The statement text (empty: generated from the services).
    pub text: String,
    /// Whether the user edited it.
    pub edited: bool,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One `person` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonSnap {
    /// Row id, referenced by roles, owners and approvals.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// E-mail address (may be empty).
    pub email: String,
    /// Job title.
    pub job_title: String,
    /// Contracted from outside the firm.
    pub external: bool,
    /// When added (RFC 3339).
    pub created_at: String,
    /// When removed (RFC 3339), if removed.
    pub deleted_at: Option<String>,
}

/// One `role_holder` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleHolderSnap {
    /// Library role id, e.g. `ROLE-TM`.
    pub role_id: String,
    /// Person id.
    pub person_id: i64,
    /// Order among the role's holders.
    pub position: i64,
}

/// One `role_deputy` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleDeputySnap {
    /// Library role id.
    pub role_id: String,
    /// Person id.
    pub person_id: i64,
}

/// One `sod_mitigation` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MitigationSnap {
    /// Library separation-of-duties rule id, e.g. `SOD-20`.
    pub rule_id: String,
    /// The person holding both roles.
    pub person_id: i64,
    /// The compensating arrangement.
    pub text: String,
    /// When recorded (RFC 3339).
    pub recorded_at: String,
}

/// A wizard step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StepSnap {
    /// Firm profile.
    Profile,
    /// Context.
    Context,
    /// Services and scope.
    Services,
    /// People.
    People,
    /// Roles.
    Roles,
    /// Review.
    Review,
}

/// The `wizard_progress` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressSnap {
    /// The step shown.
    pub current_step: StepSnap,
    /// Steps finished.
    pub completed: Vec<StepSnap>,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

// ---------------------------------------------------------------------------------------------
// Documents

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
}

// ---------------------------------------------------------------------------------------------
// Assessment

/// The readiness self-assessment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentSnapshot {
    /// Answers, by question id.
    pub answers: Vec<AnswerSnap>,
    /// Evidence with the questions it supports.
    pub evidence: Vec<EvidenceSnap>,
    /// Action plan and corrective action register.
    pub actions: Vec<ActionSnap>,
    /// Frozen scorecards.
    pub snapshots: Vec<ScoreSnapshotSnap>,
}

/// One `answer` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerSnap {
    /// Library question id.
    pub question_id: String,
    /// Maturity level 0–5.
    pub level: u8,
    /// Note.
    pub note: String,
    /// Owner person id.
    pub owner_id: Option<i64>,
    /// Target date (`YYYY-MM-DD`).
    pub target_date: Option<String>,
    /// Other party that operates this control.
    pub other_party_id: Option<i64>,
    /// How control over the other party is exercised.
    pub other_party_control: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// Kind of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKindSnap {
    /// A file stored in the project.
    File,
    /// An approved document version.
    Document,
    /// A described location.
    Location,
}

/// One `evidence` row with its file and question links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceSnap {
    /// Row id.
    pub id: i64,
    /// File, document or location.
    pub kind: EvidenceKindSnap,
    /// Title.
    pub title: String,
    /// File name (kind `file`).
    pub file_name: Option<String>,
    /// File size in bytes (kind `file`).
    pub size: Option<i64>,
    /// SHA-256 of the file, lowercase hex (kind `file`).
    pub sha256: Option<String>,
    /// File content, standard base64 (kind `file`).
    pub content_base64: Option<String>,
    /// Document key (kind `document`).
    pub document_id: Option<String>,
    /// Document version row id (kind `document`).
    pub document_version: Option<i64>,
    /// Where it lives (kind `location`).
    pub location: Option<String>,
    /// When added (RFC 3339).
    pub added_at: String,
    /// Expiry date (`YYYY-MM-DD`).
    pub expires_on: Option<String>,
    /// Review date (`YYYY-MM-DD`).
    pub review_on: Option<String>,
    /// Library question ids it supports.
    pub questions: Vec<String>,
}

/// Where an action came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionSourceSnap {
    /// A gap found by the assessment.
    Gap,
    /// An internal audit finding.
    Audit,
    /// A management review output.
    ManagementReview,
    /// Anything else.
    Other,
}

/// Action status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatusSnap {
    /// Not started.
    Open,
    /// Being worked on.
    InProgress,
    /// Finished.
    Done,
}

/// One `action` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionSnap {
    /// Row id.
    pub id: i64,
    /// Where it came from.
    pub source: ActionSourceSnap,
    /// Library question id (required for gaps).
    pub question_id: Option<String>,
    /// What to do.
    pub title: String,
    /// Owner person id.
    pub owner_id: Option<i64>,
    /// Due date (`YYYY-MM-DD`).
    pub due: Option<String>,
    /// Status.
    pub status: ActionStatusSnap,
    /// Root cause (nonconformities).
    pub cause: String,
    /// Immediate correction.
    pub correction: String,
    /// Corrective action.
    pub corrective_action: String,
    /// How effectiveness was verified.
    pub verification: String,
    /// When created (RFC 3339).
    pub created_at: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One `snapshot` row: a frozen scorecard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoreSnapshotSnap {
    /// Row id.
    pub id: i64,
    /// When taken (RFC 3339).
    pub taken_at: String,
    /// Label.
    pub label: String,
    /// Overall score.
    pub overall: f64,
    /// Stage 1 verdict (`not_ready`, `nearly_ready`, `ready`).
    pub stage1: String,
    /// Stage 1 score.
    pub stage1_score: f64,
    /// Stage 2 verdict.
    pub stage2: String,
    /// Stage 2 score.
    pub stage2_score: f64,
    /// Questions answered.
    pub answered: i64,
    /// Questions in the library at the time.
    pub questions: i64,
    /// The whole scorecard (the domain `Scorecard` as JSON).
    pub scorecard: serde_json::Value,
}
