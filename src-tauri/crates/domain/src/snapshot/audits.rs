//! Snapshot rows of the internal audits (migration `0009_audits`): the programme header,
//! audits with their auditors and services, checklist lines, issued reports, and the
//! nonconformity columns of the action register.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The internal audits. Absent in exports made before they were carried (then empty).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AuditsSnap {
    /// The `audit_programme` row, once generated.
    pub programme: Option<AuditProgrammeSnap>,
    /// `audit` rows with their auditors and services, by id.
    pub audits: Vec<AuditSnap>,
    /// `audit_line` rows, by id.
    pub lines: Vec<AuditLineSnap>,
    /// `audit_report` rows, by audit id.
    pub reports: Vec<AuditReportSnap>,
    /// The nonconformity columns of `action` rows that have any, by action id.
    pub nonconformities: Vec<NonconformitySnap>,
}

/// The `audit_programme` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditProgrammeSnap {
    /// First day of the cycle.
    pub cycle_start: String,
    /// Target certification date, if set.
    pub target_date: Option<String>,
    /// How it was planned.
    pub notes: String,
    /// Generated (RFC 3339).
    pub generated_at: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One `audit` row with its `audit_auditor` and `audit_service` links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditSnap {
    /// Row id.
    pub id: i64,
    /// Programme cycle, from 1.
    pub cycle: i64,
    /// Title.
    pub title: String,
    /// Audit areas (`IA-…`).
    pub areas: Vec<String>,
    /// Clauses in scope.
    pub clauses: Vec<String>,
    /// SMS processes in scope (`P-…`).
    pub processes: Vec<String>,
    /// Planned date.
    pub planned_on: String,
    /// Date performed.
    pub performed_on: Option<String>,
    /// Contracted auditor not on the people list.
    pub external_auditor: String,
    /// The audit plan.
    pub plan: String,
    /// `planned`, `in_progress` or `reported`.
    pub status: String,
    /// Independence mitigation.
    pub mitigation: String,
    /// Auditors (person ids), ascending.
    pub auditor_ids: Vec<i64>,
    /// Services sampled (service ids), ascending.
    pub service_ids: Vec<i64>,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One `audit_line` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditLineSnap {
    /// Row id.
    pub id: i64,
    /// The audit.
    pub audit_id: i64,
    /// Order, from 1.
    pub position: i64,
    /// Requirement clause.
    pub clause: String,
    /// Question of the bank, if any.
    pub question_id: Option<String>,
    /// What to check.
    pub prompt: String,
    /// How to sample it.
    pub sampling: String,
    /// `conformity`, `minor_nc`, `major_nc`, `ofi` or `not_checked`.
    pub result: String,
    /// Evidence looked at.
    pub evidence_refs: String,
    /// Notes.
    pub notes: String,
    /// The finding in the action register.
    pub action_id: Option<i64>,
}

/// One `audit_report` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditReportSnap {
    /// The audit.
    pub audit_id: i64,
    /// Issue number.
    pub version: i64,
    /// Conclusion.
    pub summary: String,
    /// The report as issued (Markdown).
    pub body: String,
    /// Issued (RFC 3339).
    pub issued_at: String,
    /// Who issued it.
    pub issued_by: Option<i64>,
    /// Approved (RFC 3339).
    pub approved_at: Option<String>,
    /// Who approved it.
    pub approved_by: Option<i64>,
}

/// The nonconformity columns of one `action` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NonconformitySnap {
    /// The action.
    pub action_id: i64,
    /// `major`, `minor` or `ofi`.
    pub grade: Option<String>,
    /// Requirement (clause).
    pub requirement: String,
    /// Objective evidence.
    pub evidence: String,
    /// Verified on.
    pub verified_on: Option<String>,
    /// Verified by (person id).
    pub verified_by: Option<i64>,
    /// Closed on.
    pub closed_on: Option<String>,
}
