//! Objectives and KPIs commands (6.2, 9.1): the screen, objectives, KPIs linked to them and
//! hand-entered KPI values. Thin adapters over `ready20k_store::objectives`; each mutation
//! answers with the recomputed view.

use ready20k_domain::objectives::{KpiInput, ObjectiveInput, ObjectivesView};
use ready20k_store::objectives::{self as obj, ObjectivesError};
use tauri::State;

use super::{CmdError, CmdResult, with_project};
use crate::state::AppState;

impl From<ObjectivesError> for CmdError {
    fn from(e: ObjectivesError) -> Self {
        Self(e.payload())
    }
}

/// Every objective with its KPIs, values, status and trend.
#[tauri::command]
pub async fn objectives_view(state: State<'_, AppState>) -> CmdResult<ObjectivesView> {
    with_project(&state, |p| obj::objectives_view(p))
}

/// Adds an objective.
#[tauri::command]
pub async fn objectives_add(
    state: State<'_, AppState>,
    objective: ObjectiveInput,
) -> CmdResult<ObjectivesView> {
    with_project(&state, |p| {
        obj::add_objective(p, &objective)?;
        obj::objectives_view(p)
    })
}

/// Changes an objective's text, owner or due date.
#[tauri::command]
pub async fn objectives_update(
    state: State<'_, AppState>,
    id: i64,
    objective: ObjectiveInput,
) -> CmdResult<ObjectivesView> {
    with_project(&state, |p| {
        obj::update_objective(p, id, &objective)?;
        obj::objectives_view(p)
    })
}

/// Links a new KPI to an objective.
#[tauri::command]
pub async fn objectives_add_kpi(
    state: State<'_, AppState>,
    kpi: KpiInput,
) -> CmdResult<ObjectivesView> {
    with_project(&state, |p| {
        obj::add_kpi(p, &kpi)?;
        obj::objectives_view(p)
    })
}

/// Appends a hand-entered value of a KPI for a month (`YYYY-MM`).
#[tauri::command]
pub async fn objectives_record_value(
    state: State<'_, AppState>,
    kpi_id: i64,
    period: String,
    value: f64,
    note: String,
) -> CmdResult<ObjectivesView> {
    with_project(&state, |p| {
        obj::record_kpi_value(p, kpi_id, &period, value, &note)?;
        obj::objectives_view(p)
    })
}
