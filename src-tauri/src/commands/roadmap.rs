//! The certification roadmap: a thin adapter over `ready20k_store::roadmap`.

use ready20k_domain::roadmap::Roadmap;
use tauri::State;

use super::{CmdResult, with_project};
use crate::state::AppState;

/// The roadmap of the open project, today: steps, warning, body guidance and reuse.
#[tauri::command]
pub async fn roadmap_load(state: State<'_, AppState>) -> CmdResult<Roadmap> {
    with_project(&state, |p| {
        ready20k_store::roadmap::view(p.conn(), p.clock().now().date_naive())
    })
}
