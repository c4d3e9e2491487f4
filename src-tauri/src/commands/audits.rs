//! Internal audit commands (9.2, 10.1). Thin adapters over `ready20k_store::audits`: programme
//! commands answer with the programme screen, audit commands with the audit's screen.

use ready20k_domain::assessment::Action;
use ready20k_domain::audits::{
    Audit, AuditLine, AuditView, LineInput, NcSaved, Nonconformity, ProgrammeView,
};
use ready20k_store::audits;
use tauri::State;

use super::{CmdResult, with_project};
use crate::state::AppState;

/// The programme with every audit, its independence check and coverage.
#[tauri::command]
pub async fn audits_load(state: State<'_, AppState>) -> CmdResult<ProgrammeView> {
    with_project(&state, |p| audits::view_programme(p))
}

/// Generates the default programme (planned audits are replaced; started ones stay).
#[tauri::command]
pub async fn audits_generate(state: State<'_, AppState>) -> CmdResult<ProgrammeView> {
    with_project(&state, audits::generate_programme)
}

/// Inserts (`id == 0`) or updates an audit; answers with the programme.
#[tauri::command]
pub async fn audit_save(state: State<'_, AppState>, audit: Audit) -> CmdResult<ProgrammeView> {
    with_project(&state, |p| {
        audits::save_audit(p, &audit)?;
        audits::view_programme(p)
    })
}

/// Removes an audit without an issued report; answers with the removed audit (for undo).
#[tauri::command]
pub async fn audit_delete(state: State<'_, AppState>, id: i64) -> CmdResult<Audit> {
    with_project(&state, |p| audits::delete_audit(p, id))
}

/// One audit with its checklist, findings and report.
#[tauri::command]
pub async fn audit_detail(state: State<'_, AppState>, id: i64) -> CmdResult<AuditView> {
    with_project(&state, |p| audits::view_audit(p, id))
}

/// Starts an audit: its checklist is generated and it is in progress.
#[tauri::command]
pub async fn audit_start(state: State<'_, AppState>, id: i64) -> CmdResult<AuditView> {
    with_project(&state, |p| {
        audits::start_audit(p, id)?;
        audits::view_audit(p, id)
    })
}

/// Records one checklist line (a finding is raised in the action register as needed).
#[tauri::command]
pub async fn audit_record_line(
    state: State<'_, AppState>,
    input: LineInput,
) -> CmdResult<AuditLine> {
    with_project(&state, |p| audits::record_line(p, &input))
}

/// Issues (or re-issues) the audit report.
#[tauri::command]
pub async fn audit_issue_report(
    state: State<'_, AppState>,
    id: i64,
    summary: String,
    issued_by: Option<i64>,
) -> CmdResult<AuditView> {
    with_project(&state, |p| {
        audits::issue_report(p, id, &summary, issued_by)?;
        audits::view_audit(p, id)
    })
}

/// Approves the report: from then on it is a record.
#[tauri::command]
pub async fn audit_approve_report(
    state: State<'_, AppState>,
    id: i64,
    approver: i64,
) -> CmdResult<AuditView> {
    with_project(&state, |p| {
        audits::approve_report(p, id, approver)?;
        audits::view_audit(p, id)
    })
}

/// The nonconformity fields of every action that has any (for the action plan).
#[tauri::command]
pub async fn nc_list(state: State<'_, AppState>) -> CmdResult<Vec<Nonconformity>> {
    with_project(&state, |p| audits::list_ncs(p.conn()))
}

/// Saves a finding's action with its nonconformity fields (correction, root cause, corrective
/// action, verification, closure).
#[tauri::command]
pub async fn nc_save(
    state: State<'_, AppState>,
    action: Action,
    nc: Nonconformity,
) -> CmdResult<NcSaved> {
    with_project(&state, |p| {
        let (a, n) = audits::save_nc(p, &action, &nc)?;
        Ok::<_, ready20k_store::register_error::RegisterError>(NcSaved::new(a, n))
    })
}
