//! The clause guide and the command palette's search. Thin adapters over
//! `ready20k_store::guide` and `ready20k_domain::guide::search`.

use ready20k_domain::content::try_library;
use ready20k_domain::guide::search::DEFAULT_LIMIT;
use ready20k_domain::guide::{ClauseGuide, PaletteHit, ScreenEntry, search};
use tauri::State;

use super::{CmdResult, with_project};
use crate::state::AppState;

/// The palette's hits for `query` over the clauses and the UI's `screens`, best first.
#[tauri::command]
pub async fn guide_search(query: String, screens: Vec<ScreenEntry>) -> CmdResult<Vec<PaletteHit>> {
    let lib = try_library()?;
    Ok(search(lib, &screens, &query, DEFAULT_LIMIT))
}

/// The guide for clause `clause` with the open project's documents, evidence and answers.
#[tauri::command]
pub async fn guide_clause(state: State<'_, AppState>, clause: String) -> CmdResult<ClauseGuide> {
    with_project(&state, |p| {
        ready20k_store::guide::clause_guide(p.conn(), &clause, p.clock().now().date_naive())
    })
}
