//! Project file commands: start screen, new, open, demo, save as, close, recent list.

use std::path::{Path, PathBuf};

use ready20k_domain::project::{ProjectInfo, RecentProject, StartInfo};
use ready20k_store::Project;
use tauri::{AppHandle, State};

use super::{CmdError, CmdResult, blocking, transfer, with_project};
use crate::dialogs;
use crate::state::AppState;

/// Puts `project` in the window's `slot` (closing any previous one) and records it as recent.
pub(super) fn install(
    state: &AppState,
    slot: &mut Option<Project>,
    project: Project,
) -> CmdResult<ProjectInfo> {
    let info = project.info()?;
    if let Some(previous) = slot.replace(project) {
        let _ = previous.close();
    }
    // The recent list is a convenience: failing to write it must not fail the open.
    let _ = state.recent.touch(
        Path::new(&info.path),
        &info.firm_name,
        &state.clock.now().to_rfc3339(),
    );
    Ok(info)
}

/// [`install`] under the project lock.
fn install_opened(state: &AppState, project: Option<Project>) -> CmdResult<Option<ProjectInfo>> {
    project
        .map(|p| install(state, &mut state.project(), p))
        .transpose()
}

/// Start screen data.
#[tauri::command]
pub async fn app_start(state: State<'_, AppState>) -> CmdResult<StartInfo> {
    let open = state.project().as_ref().map(Project::info).transpose()?;
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
        .map_err(|e| CmdError::new(e.code, e.message))?;
    let clock = state.clock.clone();
    let created = blocking(move || {
        dialogs::pick_save_path(&app, &name)
            .map(|path| Project::create(&path, &name, clock))
            .transpose()
    })
    .await??;
    install_opened(&state, created)
}

/// Opens `path`, or asks which file to open when `path` is absent, and takes a rolling backup
/// of it (see [`transfer`]). `None` if cancelled.
#[tauri::command]
pub async fn project_open(
    app: AppHandle,
    state: State<'_, AppState>,
    path: Option<String>,
) -> CmdResult<Option<ProjectInfo>> {
    // Opening the file that is already open here just shows it again.
    if let (Some(p), Some(open)) = (&path, state.project().as_ref())
        && Path::new(p) == open.path()
    {
        return Ok(Some(open.info()?));
    }
    let clock = state.clock.clone();
    let backups = state.backups.clone();
    let opened = blocking(move || {
        path.map(PathBuf::from)
            .or_else(|| dialogs::pick_open_path(&app))
            .map(|path| transfer::open_with_backup(&backups, &path, clock))
            .transpose()
    })
    .await??;
    let opened = opened.map(|(project, failed)| {
        transfer::remember_backup(&state, &project, failed);
        project
    });
    install_opened(&state, opened)
}

/// Opens the demo project, creating a fresh one in the app data dir.
#[tauri::command]
pub async fn project_open_demo(state: State<'_, AppState>) -> CmdResult<ProjectInfo> {
    let path = state.data_dir.join("demo.r20k");
    {
        let mut slot = state.project();
        if slot.as_ref().is_some_and(|p| p.path() == path)
            && let Some(demo) = slot.take()
        {
            let _ = demo.close();
        }
    }
    let clock = state.clock.clone();
    let project = blocking(move || -> CmdResult<Project> {
        std::fs::create_dir_all(path.parent().unwrap_or(&path))?;
        if path.exists() {
            std::fs::remove_file(&path)?;
        }
        let render = ready20k_dossier::build::render_service_report;
        Ok(ready20k_store::demo::create_demo_with(
            &path,
            clock,
            Some(&render),
        )?)
    })
    .await??;
    install(&state, &mut state.project(), project)
}

/// The open project's summary.
#[tauri::command]
pub async fn project_info(state: State<'_, AppState>) -> CmdResult<ProjectInfo> {
    with_project(&state, |p| p.info())
}

/// Saves a copy under a new name and continues in the copy. `None` if cancelled.
#[tauri::command]
pub async fn project_save_as(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<ProjectInfo>> {
    let firm = with_project(&state, |p| p.firm_name())?;
    let Some(dest) = blocking(move || dialogs::pick_save_path(&app, &firm)).await? else {
        return Ok(None);
    };
    // The dialog ran without the lock; the copy is made and installed under one lock.
    let mut slot = state.project();
    let copy = slot
        .as_ref()
        .ok_or_else(CmdError::no_project)?
        .save_as(&dest)?;
    install(&state, &mut slot, copy).map(Some)
}

/// Closes the open project.
#[tauri::command]
pub async fn project_close(state: State<'_, AppState>) -> CmdResult<()> {
    if let Some(p) = state.project().take() {
        p.close()?;
    }
    Ok(())
}

/// Removes an entry from the recent list.
#[tauri::command]
pub async fn recent_forget(
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<Vec<RecentProject>> {
    state.recent.forget(&path)?;
    Ok(state.recent.list())
}
