//! Records of the self-assessment, as stored and as they cross to the UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::scoring::{MaturityLevel, Scorecard, Verdict};

/// The firm's answer to one question, with who owns closing it and by when.
///
/// There is no "not applicable": every requirement of the standard applies. Where another
/// party (a supplier, a parent company, a customer) operates the process, the answer names
/// that party and says how the firm controls its work.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnswerRecord {
    /// The question, e.g. `Q-8.5.1.3-01`.
    pub question_id: String,
    /// Claimed maturity, 0–5.
    pub level: MaturityLevel,
    /// Free note: what exists, what is missing.
    #[serde(default)]
    pub note: String,
    /// The person (from the setup wizard) who owns this topic.
    #[serde(default)]
    pub owner_id: Option<i64>,
    /// When the owner aims to reach the target level (`YYYY-MM-DD`).
    #[serde(default)]
    pub target_date: Option<String>,
    /// The other party (from the setup wizard) that operates the process, if any.
    #[serde(default)]
    pub other_party_id: Option<i64>,
    /// How the firm controls the other party's part (contract, SLA, reports, reviews).
    #[serde(default)]
    pub other_party_control: String,
    /// Last change (RFC 3339); set by the store.
    #[serde(default)]
    pub updated_at: String,
}

/// What a piece of evidence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A file stored inside the project file, with its SHA-256.
    File,
    /// An approved version of a document from the document register.
    Document,
    /// A description of where the evidence lives (a system, a folder, a binder).
    Location,
}

impl EvidenceKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::File => "file",
            Self::Document => "document",
            Self::Location => "location",
        }
    }

    /// Parses the stored name.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "file" => Some(Self::File),
            "document" => Some(Self::Document),
            "location" => Some(Self::Location),
            _ => None,
        }
    }
}

/// One piece of evidence, linked to one or more questions. File contents are not included
/// (they stay in the project file; see the store).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Evidence {
    /// Row id.
    pub id: i64,
    /// File, approved document or location.
    pub kind: EvidenceKind,
    /// Short title shown in lists.
    pub title: String,
    /// Original file name (files).
    pub file_name: Option<String>,
    /// Size in bytes (files).
    pub size: Option<i64>,
    /// SHA-256 of the contents, lowercase hex (files).
    pub sha256: Option<String>,
    /// Document id in the register, e.g. `DOC-SCOPE` (documents).
    pub document_id: Option<String>,
    /// Approved version number (documents).
    pub document_version: Option<i64>,
    /// Where it lives (locations).
    pub location: Option<String>,
    /// When it was added (RFC 3339).
    pub added_at: String,
    /// After this date (`YYYY-MM-DD`) the evidence no longer counts (a certificate, a
    /// contract, a test that must be repeated).
    pub expires_on: Option<String>,
    /// On this date (`YYYY-MM-DD`) someone should check it is still current; it still counts.
    pub review_on: Option<String>,
    /// Question ids it supports.
    pub questions: Vec<String>,
}

/// Evidence to add that is not a file (files come with their bytes; see the store).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewEvidence {
    /// Short title; for documents and locations it defaults to the document id or location.
    #[serde(default)]
    pub title: String,
    /// Document id (kind document).
    #[serde(default)]
    pub document_id: Option<String>,
    /// Approved version (kind document).
    #[serde(default)]
    pub document_version: Option<i64>,
    /// Where it lives (kind location).
    #[serde(default)]
    pub location: Option<String>,
    /// Expiry date, `YYYY-MM-DD`.
    #[serde(default)]
    pub expires_on: Option<String>,
    /// Review date, `YYYY-MM-DD`.
    #[serde(default)]
    pub review_on: Option<String>,
    /// Questions to link it to (at least one).
    pub questions: Vec<String>,
}

/// Whether a piece of evidence still counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceStatus {
    /// Counts.
    Current,
    /// Counts, but its review date has passed.
    ReviewDue,
    /// Its expiry date has passed: it no longer counts for scoring.
    Expired,
}

/// Where an action comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionSource {
    /// A gap from the self-assessment.
    Gap,
    /// An internal audit finding (9.2).
    Audit,
    /// A management review output (9.3).
    ManagementReview,
    /// Anything else: a complaint, an incident review, an idea.
    Other,
}

impl ActionSource {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gap => "gap",
            Self::Audit => "audit",
            Self::ManagementReview => "management_review",
            Self::Other => "other",
        }
    }

    /// Parses the stored name.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "gap" => Some(Self::Gap),
            "audit" => Some(Self::Audit),
            "management_review" => Some(Self::ManagementReview),
            "other" => Some(Self::Other),
            _ => None,
        }
    }
}

/// Progress of an action.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Not started.
    #[default]
    Open,
    /// Being worked on.
    InProgress,
    /// Finished.
    Done,
}

impl ActionStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::InProgress => "in_progress",
            Self::Done => "done",
        }
    }

    /// Parses the stored name.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "open" => Some(Self::Open),
            "in_progress" => Some(Self::InProgress),
            "done" => Some(Self::Done),
            _ => None,
        }
    }
}

/// One entry of the action plan and the nonconformity and corrective action register (10.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Action {
    /// Row id (0 for a new action).
    #[serde(default)]
    pub id: i64,
    /// Gap, internal audit, management review or other.
    pub source: ActionSource,
    /// The question it closes (gaps; optional for the others).
    #[serde(default)]
    pub question_id: Option<String>,
    /// What is to be done, in one line.
    pub title: String,
    /// Who does it (a person from the setup wizard).
    #[serde(default)]
    pub owner_id: Option<i64>,
    /// Due date, `YYYY-MM-DD`.
    #[serde(default)]
    pub due: Option<String>,
    /// Open, in progress or done.
    #[serde(default)]
    pub status: ActionStatus,
    /// Root cause (10.1: why the nonconformity happened).
    #[serde(default)]
    pub cause: String,
    /// Correction: what was done straight away to contain it.
    #[serde(default)]
    pub correction: String,
    /// Corrective action: what removes the cause so it does not happen again.
    #[serde(default)]
    pub corrective_action: String,
    /// How, when and by whom the effectiveness of the corrective action was verified.
    #[serde(default)]
    pub verification: String,
    /// Created (RFC 3339); set by the store.
    #[serde(default)]
    pub created_at: String,
    /// Last change (RFC 3339); set by the store.
    #[serde(default)]
    pub updated_at: String,
}

impl Action {
    /// A new open action (id 0) from `source` titled `title`; everything else empty.
    pub fn new(source: ActionSource, title: impl Into<String>) -> Self {
        Self {
            id: 0,
            source,
            question_id: None,
            title: title.into(),
            owner_id: None,
            due: None,
            status: ActionStatus::Open,
            cause: String::new(),
            correction: String::new(),
            corrective_action: String::new(),
            verification: String::new(),
            created_at: String::new(),
            updated_at: String::new(),
        }
    }
}

/// A frozen scorecard, listed without its body (for the trend and the snapshot list).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SnapshotSummary {
    /// Row id.
    pub id: i64,
    /// When it was taken (RFC 3339).
    pub taken_at: String,
    /// The label the firm gave it, e.g. "Before internal audit".
    pub label: String,
    /// Overall readiness, 0..=100.
    pub overall: f64,
    /// Stage 1 verdict.
    pub stage1: Verdict,
    /// Stage 1 score after caps.
    pub stage1_score: f64,
    /// Stage 2 verdict.
    pub stage2: Verdict,
    /// Stage 2 score after caps.
    pub stage2_score: f64,
    /// Questions answered when it was taken.
    pub answered: u32,
    /// Questions in the bank when it was taken.
    pub questions: u32,
}

impl SnapshotSummary {
    /// The summary of `scorecard` frozen as snapshot `id`.
    pub fn of(id: i64, taken_at: &str, label: &str, scorecard: &Scorecard) -> Self {
        Self {
            id,
            taken_at: taken_at.to_owned(),
            label: label.to_owned(),
            overall: scorecard.overall,
            stage1: scorecard.stage1.verdict,
            stage1_score: scorecard.stage1.capped_score,
            stage2: scorecard.stage2.verdict,
            stage2_score: scorecard.stage2.capped_score,
            answered: scorecard.answered,
            questions: scorecard.questions,
        }
    }
}

/// A frozen scorecard with its body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Snapshot {
    /// Id, date, label and headline numbers.
    pub summary: SnapshotSummary,
    /// The scorecard as it was.
    pub scorecard: Scorecard,
}
