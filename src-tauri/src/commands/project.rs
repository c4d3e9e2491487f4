//! Project file commands: start screen, new, open, demo, save as, close, recent list.

use std::path::PathBuf;

use ready20k_domain::ErrorPayload;
use ready20k_domain::project::{ProjectInfo, RecentProject, StartInfo};
use ready20k_store::{Project, StoreError};
use tauri::{AppHandle, State};

use crate::dialogs;
use crate::state::AppState;

type CmdResult<T> = Result<T, ErrorPayload>;

fn err(e: StoreError) -> ErrorPayload {
    e.payload()
}

/// Runs blocking work (dialogs, SQLite) off the main thread.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> CmdResult<T> + Send + 'static,
) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| ErrorPayload::new("internal", format!("Background task failed: {e}")))?
}

/// Puts `project` in the window's slot (closing any previous one) and records it as recent.
fn install(state: &AppState, project: Project) -> CmdResult<ProjectInfo> {
    let info = project.info().map_err(err)?;
    state.close_project();
    *state.project() = Some(project);
    // The recent list is a convenience: failing to write it must not fail the open.
    let _ = state.recent.touch(
        std::path::Path::new(&info.path),
        &info.firm_name,
        &state.clock.now().to_rfc3339(),
    );
    Ok(info)
}

/// Start screen data.
#[tauri::command]
pub async fn app_start(state: State<'_, AppState>) -> CmdResult<StartInfo> {
    let open = match state.project().as_ref() {
        Some(p) => Some(p.info().map_err(err)?),
        None => None,
    };
    Ok(StartInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        recent: state.recent.list(),
        open,
    })
}

/// Creates a project for `firm_name`, asking where to save it. `None` if cancelled.
#[tauri::command]
pub async fn project_new(
    app: AppHandle,
    state: State<'_, AppState>,
    firm_name: String,
) -> CmdResult<Option<ProjectInfo>> {
    let name = ready20k_domain::project::validate_firm_name(&firm_name)
        .map_err(|m| ErrorPayload::new("invalid", m))?;
    let clock = state.clock.clone();
    let created = blocking(move || {
        let Some(path) = dialogs::pick_save_path(&app, &name) else {
            return Ok(None);
        };
        Project::create(&path, &name, clock).map(Some).map_err(err)
    })
    .await?;
    created.map(|p| install(&state, p)).transpose()
}

/// Opens `path`, or asks which file to open when `path` is absent. `None` if cancelled.
#[tauri::command]
pub async fn project_open(
    app: AppHandle,
    state: State<'_, AppState>,
    path: Option<String>,
) -> CmdResult<Option<ProjectInfo>> {
    // Opening the file that is already open here just shows it again.
    if let (Some(p), Some(open)) = (&path, state.project().as_ref())
        && std::path::Path::new(p) == open.path()
    {
        return open.info().map(Some).map_err(err);
    }
    let clock = state.clock.clone();
    let opened = blocking(move || {
        let Some(path) = path
            .map(PathBuf::from)
            .or_else(|| dialogs::pick_open_path(&app))
        else {
            return Ok(None);
        };
        Project::open(&path, clock).map(Some).map_err(err)
    })
    .await?;
    opened.map(|p| install(&state, p)).transpose()
}

/// Opens the demo project, creating a fresh one in the app data dir.
#[tauri::command]
pub async fn project_open_demo(state: State<'_, AppState>) -> CmdResult<ProjectInfo> {
    let path = state.data_dir.join("demo.r20k");
    if state.project().as_ref().is_some_and(|p| p.path() == path) {
        state.close_project();
    }
    let clock = state.clock.clone();
    let project = blocking(move || {
        std::fs::create_dir_all(path.parent().unwrap_or(&path)).map_err(|e| err(e.into()))?;
        if path.exists() {
            std::fs::remove_file(&path).map_err(|e| err(e.into()))?;
        }
        ready20k_store::demo::create_demo(&path, clock).map_err(err)
    })
    .await?;
    install(&state, project)
}

/// The open project's summary.
#[tauri::command]
pub async fn project_info(state: State<'_, AppState>) -> CmdResult<ProjectInfo> {
    match state.project().as_ref() {
        Some(p) => p.info().map_err(err),
        None => Err(ErrorPayload::new("no_project", "No project is open.")),
    }
}

/// Saves a copy under a new name and continues in the copy. `None` if cancelled.
#[tauri::command]
pub async fn project_save_as(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<ProjectInfo>> {
    let firm = match state.project().as_ref() {
        Some(p) => p.firm_name().map_err(err)?,
        None => return Err(ErrorPayload::new("no_project", "No project is open.")),
    };
    let Some(dest) = blocking(move || Ok(dialogs::pick_save_path(&app, &firm))).await? else {
        return Ok(None);
    };
    let copy = {
        let guard = state.project();
        let Some(p) = guard.as_ref() else {
            return Err(ErrorPayload::new("no_project", "No project is open."));
        };
        p.save_as(&dest).map_err(err)?
    };
    install(&state, copy).map(Some)
}

/// Closes the open project.
#[tauri::command]
pub async fn project_close(state: State<'_, AppState>) -> CmdResult<()> {
    if let Some(p) = state.project().take() {
        p.close().map_err(err)?;
    }
    Ok(())
}

/// Removes an entry from the recent list.
#[tauri::command]
pub async fn recent_forget(
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<Vec<RecentProject>> {
    state.recent.forget(&path).map_err(err)?;
    Ok(state.recent.list())
}
