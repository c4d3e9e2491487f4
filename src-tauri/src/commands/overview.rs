//! The Overview command: verdicts, next steps, what is due and progress per step. A thin
//! adapter over `ready20k_store::overview`.

use ready20k_domain::overview::OverviewView;
use tauri::State;

use super::{CmdResult, with_project};
use crate::state::AppState;

/// The open project's Overview, as of now.
#[tauri::command]
pub async fn overview_load(state: State<'_, AppState>) -> CmdResult<OverviewView> {
    with_project(&state, |p| {
        ready20k_store::overview::overview(p.conn(), p.clock().now())
    })
}
