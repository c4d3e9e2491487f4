//! The audit report as issued: Markdown built from the audit, its checklist and findings.

use std::fmt::Write as _;

use super::types::{Audit, AuditLine, FindingGrade, LineResult};
use crate::assessment::Action;

/// A finding as the report shows it.
pub struct ReportFinding<'a> {
    /// The line that raised it.
    pub line: &'a AuditLine,
    /// Its grade.
    pub grade: FindingGrade,
    /// The action in the register.
    pub action: Option<&'a Action>,
}

/// The report body. `auditors` are the auditors' names (people and contracted).
pub fn report_body(
    audit: &Audit,
    auditors: &[String],
    lines: &[AuditLine],
    findings: &[ReportFinding<'_>],
    summary: &str,
) -> String {
    let count = |r: LineResult| lines.iter().filter(|l| l.result == r).count();
    let mut s = String::new();
    let _ = writeln!(s, "# Internal audit report: {}\n", audit.title);
    let _ = writeln!(s, "- Scope (clauses): {}", audit.clauses.join(", "));
    let _ = writeln!(s, "- Planned: {}", audit.planned_on);
    let _ = writeln!(
        s,
        "- Performed: {}",
        audit.performed_on.as_deref().unwrap_or("not recorded")
    );
    let _ = writeln!(s, "- Auditors: {}", auditors.join(", "));
    if !audit.mitigation.trim().is_empty() {
        let _ = writeln!(s, "- Independence mitigation: {}", audit.mitigation.trim());
    }
    let _ = writeln!(
        s,
        "- Checklist: {} lines; {} conformity, {} minor, {} major, {} opportunities, {} not \
         checked\n",
        lines.len(),
        count(LineResult::Conformity),
        count(LineResult::MinorNc),
        count(LineResult::MajorNc),
        count(LineResult::Ofi),
        count(LineResult::NotChecked),
    );
    let _ = writeln!(s, "## Conclusion\n\n{}\n", summary.trim());
    let _ = writeln!(s, "## Findings\n");
    if findings.is_empty() {
        let _ = writeln!(s, "No findings.\n");
    }
    for f in findings {
        let _ = writeln!(
            s,
            "- {} ({}): {}",
            f.grade.label(),
            f.line.clause,
            f.action
                .map_or(f.line.prompt.as_str(), |a| a.title.as_str())
        );
        if !f.line.evidence_refs.trim().is_empty() {
            let _ = writeln!(s, "  - Evidence: {}", f.line.evidence_refs.trim());
        }
        if !f.line.notes.trim().is_empty() {
            let _ = writeln!(s, "  - Notes: {}", f.line.notes.trim());
        }
    }
    s
}
