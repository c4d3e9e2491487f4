//! What the programme and audit screens show, computed from the records.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::facts::{audit_facts, clauses_not_covered, processes_not_covered};
use super::independence::{Independence, check_independence};
use super::nc::{NcStage, nc_stage, self_verification};
use super::types::{Audit, AuditLine, AuditProgramme, AuditReport, LineResult, Nonconformity};
use crate::assessment::Action;
use crate::content::Library;
use crate::scoring::AuditFacts;
use crate::wizard::WizardData;

/// Everything stored about audits (the store reads it; the views are computed from it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditRecords {
    /// The programme header, once generated.
    pub programme: Option<AuditProgramme>,
    /// Audits in date order.
    pub audits: Vec<Audit>,
    /// Checklist lines of every audit.
    pub lines: Vec<AuditLine>,
    /// Issued reports.
    pub reports: Vec<AuditReport>,
    /// Actions raised from checklist lines, with their nonconformity fields.
    pub findings: Vec<(Action, Nonconformity)>,
}

/// Findings of an audit by grade.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FindingCounts {
    /// Major nonconformities.
    pub major: u32,
    /// Minor nonconformities.
    pub minor: u32,
    /// Opportunities for improvement.
    pub ofi: u32,
    /// Nonconformities not closed yet.
    pub open: u32,
}

/// Where an audit's report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportState {
    /// Not issued.
    None,
    /// Issued, awaiting approval.
    Issued,
    /// Approved: a record.
    Approved,
}

/// One audit in the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditRow {
    /// The audit.
    pub audit: Audit,
    /// Auditors' names (people, then the contracted auditor).
    pub auditors: Vec<String>,
    /// The independence check.
    pub independence: Independence,
    /// Checklist lines.
    pub lines: u32,
    /// Lines with a result.
    pub checked: u32,
    /// Findings raised.
    pub findings: FindingCounts,
    /// The report.
    pub report: ReportState,
}

/// A person who can be chosen as auditor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditorOption {
    /// Person id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Not on the staff.
    pub external: bool,
}

/// The programme screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProgrammeView {
    /// The header, once generated.
    pub programme: Option<AuditProgramme>,
    /// Audits in date order.
    pub rows: Vec<AuditRow>,
    /// Requirement clauses cycle 1 does not cover.
    pub clauses_not_covered: Vec<String>,
    /// SMS processes cycle 1 does not cover.
    pub processes_not_covered: Vec<String>,
    /// Audits that are not independent and have no mitigation.
    pub conflicts: u32,
    /// What the verdict reads.
    pub facts: AuditFacts,
    /// People who can audit.
    pub people: Vec<AuditorOption>,
}

/// A finding raised from a checklist line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FindingView {
    /// The line.
    pub line_id: i64,
    /// The action in the register.
    pub action: Action,
    /// Its nonconformity fields.
    pub nc: Nonconformity,
    /// How far it has got.
    pub stage: NcStage,
    /// A separation-of-duties warning, if any.
    pub warning: Option<String>,
}

/// The audit (checklist) screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditView {
    /// The audit as the programme shows it.
    pub row: AuditRow,
    /// Its checklist.
    pub lines: Vec<AuditLine>,
    /// Findings raised from it.
    pub findings: Vec<FindingView>,
    /// The report, once issued.
    pub report: Option<AuditReport>,
}

fn auditors(data: &WizardData, a: &Audit) -> Vec<String> {
    let mut names: Vec<String> = a
        .auditor_ids
        .iter()
        .map(|id| {
            data.person(*id)
                .map_or_else(|| format!("Person {id}"), |p| p.name.clone())
        })
        .collect();
    if !a.external_auditor.trim().is_empty() {
        names.push(a.external_auditor.trim().to_owned());
    }
    names
}

fn row(data: &WizardData, r: &AuditRecords, a: &Audit) -> AuditRow {
    let lines: Vec<&AuditLine> = r.lines.iter().filter(|l| l.audit_id == a.id).collect();
    let mut findings = FindingCounts::default();
    for l in &lines {
        let Some((action, nc)) = l
            .action_id
            .and_then(|id| r.findings.iter().find(|(x, _)| x.id == id))
        else {
            continue;
        };
        match nc.grade {
            Some(super::FindingGrade::Major) => findings.major += 1,
            Some(super::FindingGrade::Minor) => findings.minor += 1,
            Some(super::FindingGrade::Ofi) => findings.ofi += 1,
            None => {}
        }
        if nc.grade.is_some_and(|g| g.is_nonconformity()) && nc_stage(action, nc) != NcStage::Closed
        {
            findings.open += 1;
        }
    }
    let report = match r.reports.iter().find(|x| x.audit_id == a.id) {
        None => ReportState::None,
        Some(x) if x.approved_at.is_some() => ReportState::Approved,
        Some(_) => ReportState::Issued,
    };
    AuditRow {
        audit: a.clone(),
        auditors: auditors(data, a),
        independence: check_independence(data, a),
        lines: u32::try_from(lines.len()).unwrap_or(u32::MAX),
        checked: u32::try_from(
            lines
                .iter()
                .filter(|l| l.result != LineResult::NotChecked)
                .count(),
        )
        .unwrap_or(u32::MAX),
        findings,
        report,
    }
}

/// The programme screen.
pub fn programme_view(lib: &Library, data: &WizardData, r: &AuditRecords) -> ProgrammeView {
    let rows: Vec<AuditRow> = r.audits.iter().map(|a| row(data, r, a)).collect();
    let first = r.audits.iter().filter(|a| a.cycle == 1);
    ProgrammeView {
        programme: r.programme.clone(),
        clauses_not_covered: if r.audits.is_empty() {
            Vec::new()
        } else {
            clauses_not_covered(lib, first.clone())
        },
        processes_not_covered: if r.audits.is_empty() {
            Vec::new()
        } else {
            processes_not_covered(first)
        },
        conflicts: u32::try_from(
            rows.iter()
                .filter(|x| !x.independence.is_acceptable())
                .count(),
        )
        .unwrap_or(u32::MAX),
        facts: audit_facts(lib, r.programme.as_ref(), &r.audits),
        people: data
            .people
            .iter()
            .map(|p| AuditorOption {
                id: p.id,
                name: p.name.clone(),
                external: p.external,
            })
            .collect(),
        rows,
    }
}

/// The screen of audit `id`, if it exists.
pub fn audit_view(data: &WizardData, r: &AuditRecords, id: i64) -> Option<AuditView> {
    let a = r.audits.iter().find(|a| a.id == id)?;
    let lines: Vec<AuditLine> = r
        .lines
        .iter()
        .filter(|l| l.audit_id == id)
        .cloned()
        .collect();
    let findings = lines
        .iter()
        .filter_map(|l| {
            let (action, nc) = r.findings.iter().find(|(x, _)| Some(x.id) == l.action_id)?;
            Some(FindingView {
                line_id: l.id,
                action: action.clone(),
                nc: nc.clone(),
                stage: nc_stage(action, nc),
                warning: self_verification(action, nc),
            })
        })
        .collect();
    Some(AuditView {
        row: row(data, r, a),
        lines,
        findings,
        report: r.reports.iter().find(|x| x.audit_id == id).cloned(),
    })
}

/// A finding as saved from the action register: the action, its fields, stage and warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NcSaved {
    /// The action as stored.
    pub action: Action,
    /// Its nonconformity fields as stored.
    pub nc: Nonconformity,
    /// How far it has got.
    pub stage: NcStage,
    /// A separation-of-duties warning, if any.
    pub warning: Option<String>,
}

impl NcSaved {
    /// Builds the answer for `action` with `nc`.
    pub fn new(action: Action, nc: Nonconformity) -> Self {
        Self {
            stage: nc_stage(&action, &nc),
            warning: self_verification(&action, &nc),
            action,
            nc,
        }
    }
}
