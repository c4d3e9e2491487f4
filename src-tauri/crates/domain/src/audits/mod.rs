//! Internal audit (9.2) and nonconformity handling (10.1): the programme generated from the
//! project, auditor independence, checklists with sampling prompts, reports, the finding stages
//! and the facts the verdict reads. Pure rules; the store keeps the records.

mod checklist;
mod facts;
mod independence;
mod nc;
mod programme;
mod report;
mod sampling;
mod types;
mod view;

#[cfg(test)]
mod tests;

pub use checklist::{checklist, in_scope, requirement_clauses};
pub use facts::{audit_facts, clauses_not_covered, processes_not_covered};
pub use independence::{
    AuditorConflict, Independence, IndependenceState, audit_processes, check_independence,
    clauses_overlap, runs, scope_processes,
};
pub use nc::{NcStage, check_nc, nc_stage, self_verification};
pub use programme::{CONTRACTED_AUDITOR, ProgrammeProposal, generate_programme, headcount};
pub use report::{ReportFinding, report_body};
pub use sampling::{GENERAL_PROMPT, prompt_for};
pub use types::*;
pub use view::{
    AuditRecords, AuditRow, AuditView, AuditorOption, FindingCounts, FindingView, NcSaved,
    ProgrammeView, ReportState, audit_view, programme_view,
};
