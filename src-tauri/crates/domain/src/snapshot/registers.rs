//! Snapshot rows of the registers (migration `0008_registers`): risks and opportunities,
//! supplier agreements, reviews and disputes, and the SMS calendar's settings and completions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The registers. Absent in exports made before they were carried (then empty).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RegistersSnap {
    /// The `risk_criteria` row, if set.
    pub risk_criteria: Option<RiskCriteriaSnap>,
    /// `risk` rows, by id.
    pub risks: Vec<RiskSnap>,
    /// `risk_action` links, by risk and action id.
    pub risk_actions: Vec<LinkSnap>,
    /// `supplier_agreement` rows, by id.
    pub supplier_agreements: Vec<SupplierAgreementSnap>,
    /// `supplier_review` rows, by id.
    pub supplier_reviews: Vec<SupplierReviewSnap>,
    /// `supplier_review_action` links, by review and action id.
    pub supplier_review_actions: Vec<LinkSnap>,
    /// `supplier_dispute` rows, by id.
    pub supplier_disputes: Vec<SupplierDisputeSnap>,
    /// `supplier_none` rows, by kind.
    pub supplier_nones: Vec<SupplierNoneSnap>,
    /// `calendar_duty` rows, by duty id.
    pub calendar_duties: Vec<CalendarDutySnap>,
    /// `calendar_completion` rows with their kept file, by occurrence id.
    pub calendar_completions: Vec<CalendarCompletionSnap>,
}

/// A link row between a register entry (`id`) and an action (`/assessment/actions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkSnap {
    /// The risk or review id.
    pub id: i64,
    /// Action id.
    pub action_id: i64,
}

/// The `risk_criteria` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskCriteriaSnap {
    /// Words for likelihood 1–5.
    pub likelihood: Vec<String>,
    /// Words for impact 1–5.
    pub impact: Vec<String>,
    /// Highest score accepted without treatment (1–25).
    pub acceptance: i64,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One `risk` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskSnap {
    /// Row id.
    pub id: i64,
    /// `risk` or `opportunity`.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// `context_issue`, `interested_party`, `service`, `supplier`, `climate` or `other`.
    pub source_kind: String,
    /// Id in the table `source_kind` names (soft reference).
    pub source_id: Option<i64>,
    /// Key of the suggestion it was adopted from.
    pub suggestion_key: Option<String>,
    /// Owner person id.
    pub owner_id: Option<i64>,
    /// Inherent likelihood 1–5.
    pub inherent_l: i64,
    /// Inherent impact 1–5.
    pub inherent_i: i64,
    /// Residual likelihood 1–5.
    pub residual_l: Option<i64>,
    /// Residual impact 1–5.
    pub residual_i: Option<i64>,
    /// `reduce`, `avoid`, `transfer`, `accept` or `pursue`.
    pub treatment: Option<String>,
    /// Treatment note.
    pub treatment_note: String,
    /// Next review (`YYYY-MM-DD`).
    pub review_on: Option<String>,
    /// `open`, `treating`, `monitored` or `closed`.
    pub status: String,
    /// An information security risk.
    pub infosec: bool,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One `supplier_agreement` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupplierAgreementSnap {
    /// Row id.
    pub id: i64,
    /// Other party id (`/wizard/other_parties`).
    pub party_id: i64,
    /// Contract reference.
    pub contract_ref: String,
    /// Start (`YYYY-MM-DD`).
    pub start_on: Option<String>,
    /// End (`YYYY-MM-DD`).
    pub end_on: Option<String>,
    /// Notice date (`YYYY-MM-DD`).
    pub notice_on: Option<String>,
    /// Agreed service levels, free text.
    pub service_levels: String,
    /// Contacts as stored (JSON array text).
    pub contacts: String,
    /// Months between reviews (1–36).
    pub review_months: i64,
    /// Notes.
    pub notes: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One `supplier_review` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupplierReviewSnap {
    /// Row id.
    pub id: i64,
    /// Other party id.
    pub party_id: i64,
    /// Review date (`YYYY-MM-DD`).
    pub reviewed_on: String,
    /// Rating 1–5.
    pub rating: i64,
    /// Issues found.
    pub issues: String,
    /// Reviewer person id.
    pub reviewer_id: Option<i64>,
    /// Created (RFC 3339).
    pub created_at: String,
}

/// One `supplier_dispute` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupplierDisputeSnap {
    /// Row id.
    pub id: i64,
    /// Other party id.
    pub party_id: i64,
    /// Opened (`YYYY-MM-DD`).
    pub opened_on: String,
    /// Description.
    pub description: String,
    /// `open` or `resolved`.
    pub status: String,
    /// Resolved (`YYYY-MM-DD`).
    pub resolved_on: Option<String>,
    /// Resolution.
    pub resolution: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One `supplier_none` row: "we have none of these".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupplierNoneSnap {
    /// `external_supplier`, `internal_supplier` or `customer`.
    pub kind: String,
    /// Note.
    pub note: String,
    /// Recorded (RFC 3339).
    pub recorded_at: String,
}

/// One `calendar_duty` row: the project's choices for a duty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarDutySnap {
    /// Duty id of the duty list.
    pub duty_id: String,
    /// First due date (`YYYY-MM-DD`).
    pub anchor_on: Option<String>,
    /// `weekly`, `monthly`, `quarterly`, `half_yearly` or `yearly`.
    pub frequency: Option<String>,
    /// Owner person id.
    pub owner_id: Option<i64>,
    /// Whether the duty applies.
    pub active: bool,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One `calendar_completion` row with its kept file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarCompletionSnap {
    /// Occurrence id.
    pub occurrence_id: String,
    /// Series id.
    pub series_id: String,
    /// Due (`YYYY-MM-DD`).
    pub due_on: String,
    /// Done (`YYYY-MM-DD`).
    pub done_on: String,
    /// Person who did it.
    pub person_id: Option<i64>,
    /// Evidence id (`/assessment/evidence`).
    pub evidence_id: Option<i64>,
    /// Note.
    pub note: String,
    /// Kept file's name.
    pub file_name: Option<String>,
    /// Kept file's size in bytes.
    pub size: Option<i64>,
    /// Kept file's SHA-256, lowercase hex.
    pub sha256: Option<String>,
    /// Kept file's content, standard base64.
    pub content_base64: Option<String>,
    /// Created (RFC 3339).
    pub created_at: String,
}
