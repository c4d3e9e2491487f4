//! The internal audit records (9.2) and the nonconformity fields of an action (10.1).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where an audit stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditStatus {
    /// In the programme, not started.
    #[default]
    Planned,
    /// The auditor is working through the checklist.
    InProgress,
    /// Performed and its report issued.
    Reported,
}

impl AuditStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::InProgress => "in_progress",
            Self::Reported => "reported",
        }
    }

    /// Parses the stored name.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "planned" => Some(Self::Planned),
            "in_progress" => Some(Self::InProgress),
            "reported" => Some(Self::Reported),
            _ => None,
        }
    }
}

/// What the auditor found on one checklist line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LineResult {
    /// The requirement is met, with evidence.
    Conformity,
    /// An isolated lapse.
    MinorNc,
    /// A requirement not met at all, or a breakdown.
    MajorNc,
    /// Not a nonconformity: a suggestion.
    Ofi,
    /// Not looked at (yet).
    #[default]
    NotChecked,
}

impl LineResult {
    /// Every result, in the order of the keyboard keys 1–5.
    pub const ALL: [LineResult; 5] = [
        Self::Conformity,
        Self::MinorNc,
        Self::MajorNc,
        Self::Ofi,
        Self::NotChecked,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Conformity => "conformity",
            Self::MinorNc => "minor_nc",
            Self::MajorNc => "major_nc",
            Self::Ofi => "ofi",
            Self::NotChecked => "not_checked",
        }
    }

    /// Parses the stored name.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// The finding grade this result raises in the action register, if any.
    pub fn grade(self) -> Option<FindingGrade> {
        match self {
            Self::MinorNc => Some(FindingGrade::Minor),
            Self::MajorNc => Some(FindingGrade::Major),
            Self::Ofi => Some(FindingGrade::Ofi),
            Self::Conformity | Self::NotChecked => None,
        }
    }
}

/// The grade of a finding in the action register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FindingGrade {
    /// Major nonconformity.
    Major,
    /// Minor nonconformity.
    Minor,
    /// Opportunity for improvement (not a nonconformity).
    Ofi,
}

impl FindingGrade {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Major => "major",
            Self::Minor => "minor",
            Self::Ofi => "ofi",
        }
    }

    /// Parses the stored name.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "major" => Some(Self::Major),
            "minor" => Some(Self::Minor),
            "ofi" => Some(Self::Ofi),
            _ => None,
        }
    }

    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Major => "Major nonconformity",
            Self::Minor => "Minor nonconformity",
            Self::Ofi => "Opportunity for improvement",
        }
    }

    /// A nonconformity (major or minor), which 10.1 requires to be corrected and closed.
    pub fn is_nonconformity(self) -> bool {
        !matches!(self, Self::Ofi)
    }
}

/// The programme's header: the current cycle.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditProgramme {
    /// First day of the cycle, `YYYY-MM-DD`.
    pub cycle_start: String,
    /// Target certification date the cycle ends before, if set.
    pub target_date: Option<String>,
    /// How the programme was planned and what to watch.
    pub notes: String,
    /// When it was generated (RFC 3339); set by the store.
    #[serde(default)]
    pub generated_at: String,
    /// Last change (RFC 3339); set by the store.
    #[serde(default)]
    pub updated_at: String,
}

/// One audit of the programme.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Audit {
    /// Row id (0 for a new audit).
    #[serde(default)]
    pub id: i64,
    /// Programme cycle (1 = before certification, then one a year).
    pub cycle: u32,
    /// What is audited, in one line.
    pub title: String,
    /// Audit areas of the content library (`IA-…`) it covers.
    #[serde(default)]
    pub areas: Vec<String>,
    /// Clauses in scope (a clause covers its sub-clauses).
    pub clauses: Vec<String>,
    /// SMS processes in scope (`P-…`).
    #[serde(default)]
    pub processes: Vec<String>,
    /// Services sampled (service ids; empty = all in scope).
    #[serde(default)]
    pub services: Vec<i64>,
    /// Planned date, `YYYY-MM-DD`.
    pub planned_on: String,
    /// Date performed, `YYYY-MM-DD`.
    #[serde(default)]
    pub performed_on: Option<String>,
    /// Auditors from the people list.
    #[serde(default)]
    pub auditor_ids: Vec<i64>,
    /// A contracted auditor not on the people list (name or firm), if any.
    #[serde(default)]
    pub external_auditor: String,
    /// The audit plan: criteria, method, sampling, who is interviewed.
    #[serde(default)]
    pub plan: String,
    /// Planned, in progress or reported.
    #[serde(default)]
    pub status: AuditStatus,
    /// Why the audit is still objective where no auditor is independent of all its scope.
    #[serde(default)]
    pub mitigation: String,
}

/// One checklist line of an audit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditLine {
    /// Row id (0 before it is stored).
    #[serde(default)]
    pub id: i64,
    /// The audit.
    #[serde(default)]
    pub audit_id: i64,
    /// Order in the checklist, from 1.
    pub position: u32,
    /// The requirement clause checked.
    pub clause: String,
    /// The question of the bank it comes from, if any.
    #[serde(default)]
    pub question_id: Option<String>,
    /// What to check.
    pub prompt: String,
    /// How to sample it.
    #[serde(default)]
    pub sampling: String,
    /// What was found.
    #[serde(default)]
    pub result: LineResult,
    /// Evidence looked at: records, document versions, evidence register entries.
    #[serde(default)]
    pub evidence_refs: String,
    /// Auditor's notes.
    #[serde(default)]
    pub notes: String,
    /// The finding raised in the action register, if any.
    #[serde(default)]
    pub action_id: Option<i64>,
}

/// The issued audit report: a record, immutable once approved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditReport {
    /// The audit.
    pub audit_id: i64,
    /// Issue number (re-issuing before approval raises it).
    pub version: u32,
    /// The auditor's conclusion in a few sentences.
    pub summary: String,
    /// The whole report as issued (Markdown), frozen at issue.
    pub body: String,
    /// Issued (RFC 3339).
    pub issued_at: String,
    /// Who issued it.
    pub issued_by: Option<i64>,
    /// Approved (RFC 3339); from then on nothing changes.
    pub approved_at: Option<String>,
    /// Who approved it.
    pub approved_by: Option<i64>,
}

/// The nonconformity fields of an action (10.1); the action's `cause`, `correction`,
/// `corrective_action` and `verification` texts complete them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Nonconformity {
    /// The action.
    pub action_id: i64,
    /// Major, minor or OFI; `None` for an action that is not a finding.
    pub grade: Option<FindingGrade>,
    /// The requirement (clause) not met.
    #[serde(default)]
    pub requirement: String,
    /// What was seen: the objective evidence of the finding.
    #[serde(default)]
    pub evidence: String,
    /// When the effectiveness of the corrective action was verified.
    #[serde(default)]
    pub verified_on: Option<String>,
    /// Who verified it.
    #[serde(default)]
    pub verified_by: Option<i64>,
    /// When the finding was closed.
    #[serde(default)]
    pub closed_on: Option<String>,
}

/// What the auditor records on one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LineInput {
    /// The line.
    pub line_id: i64,
    /// What was found.
    pub result: LineResult,
    /// Evidence looked at.
    #[serde(default)]
    pub evidence_refs: String,
    /// Notes.
    #[serde(default)]
    pub notes: String,
}
