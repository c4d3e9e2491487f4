//! Snapshot rows of the self-assessment's tables.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
