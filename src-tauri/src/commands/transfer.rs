//! Whole-project transfer from the window: export as JSON, import a JSON export into a new
//! project file, save a copy, and the rolling backups taken when a project is opened.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ready20k_domain::ErrorPayload;
use ready20k_domain::clock::Clock;
use ready20k_domain::project::ProjectInfo;
use ready20k_domain::transfer::{BackupsView, FileSaved, ImportOutcome, ImportProblem};
use ready20k_store::backup::Backups;
use ready20k_store::snapshot::{
    CollectOptions, ImportError, ImportErrors, Limits, ProjectSnapshot, collect_with,
    import_snapshot, parse, to_json,
};
use ready20k_store::{Project, atomic};
use tauri::{AppHandle, State};

use super::project::install;
use super::{CmdError, CmdResult, blocking, with_project};
use crate::dialogs;
use crate::state::AppState;

fn saved(path: &Path) -> CmdResult<FileSaved> {
    Ok(FileSaved {
        path: path.display().to_string(),
        bytes: std::fs::metadata(path)?.len(),
    })
}

/// Opens `path` and takes a rolling backup of it. The backup's failure does not fail the open:
/// it comes back beside the project, for [`remember_backup`].
pub(super) fn open_with_backup(
    backups: &Backups,
    path: &Path,
    clock: Arc<dyn Clock>,
) -> CmdResult<(Project, Option<ErrorPayload>)> {
    let project = Project::open(path, clock.clone())?;
    let failed = backups.take(&project, clock.as_ref()).err();
    Ok((project, failed.map(|e| e.payload())))
}

/// Remembers whether the backup on opening `project` failed (shown in its Backups list).
pub(super) fn remember_backup(state: &AppState, project: &Project, failed: Option<ErrorPayload>) {
    *state.backup_error.lock().unwrap_or_else(|e| e.into_inner()) =
        failed.map(|e| (project.path().to_owned(), e));
}

/// Writes the open project as one JSON file where the user chooses (with the change journal
/// when `journal`). `None` if cancelled.
#[tauri::command]
pub async fn project_export_json(
    app: AppHandle,
    state: State<'_, AppState>,
    journal: bool,
) -> CmdResult<Option<FileSaved>> {
    let firm = with_project(&state, |p| p.firm_name())?;
    let Some(dest) = blocking(move || dialogs::pick_json_save_path(&app, &firm)).await? else {
        return Ok(None);
    };
    let bytes = with_project(&state, |p| {
        collect_with(p, CollectOptions { journal }).and_then(|s| to_json(&s))
    })?;
    blocking(move || {
        atomic::write_file(&dest, &bytes)?;
        saved(&dest).map(Some)
    })
    .await?
}

/// The outcome that refuses the JSON file `file` for `list`.
fn refused(file: &str, list: Vec<ImportError>) -> ImportOutcome {
    ImportOutcome::Refused {
        file: file.to_owned(),
        problems: list
            .into_iter()
            .map(|e| ImportProblem {
                path: e.path,
                message: e.message,
            })
            .collect(),
    }
}

/// Reads and checks all of the JSON export at `json`: the snapshot, or the outcome that
/// refuses it with every problem found.
fn check_export(json: &Path) -> CmdResult<Result<ProjectSnapshot, ImportOutcome>> {
    let bytes = std::fs::read(json)?;
    match parse(&bytes, &Limits::default()) {
        Ok(snap) => Ok(Ok(snap)),
        Err(ImportErrors::Invalid(list)) => Ok(Err(refused(&json.display().to_string(), list))),
        Err(ImportErrors::Store(e)) => Err(e.into()),
    }
}

/// Reads a JSON export the user picks, checks all of it, and only then asks where to write
/// the new project file (an existing file is refused) and opens it. A file with problems is
/// answered with every problem and its path; nothing is written.
#[tauri::command]
pub async fn project_import_json(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<ImportOutcome> {
    let picker = app.clone();
    let Some(json) = blocking(move || dialogs::pick_json_open_path(&picker)).await? else {
        return Ok(ImportOutcome::Cancelled);
    };
    let json_name = json.display().to_string();
    let snap = match blocking(move || check_export(&json)).await?? {
        Ok(snap) => snap,
        Err(outcome) => return Ok(outcome),
    };
    let clock = state.clock.clone();
    let imported = blocking(move || {
        dialogs::pick_save_path(&app, &snap.project.firm_name)
            .map(|dest| import_snapshot(&snap, &dest, clock))
            .transpose()
    })
    .await?;
    match imported {
        Ok(None) => Ok(ImportOutcome::Cancelled),
        Ok(Some(project)) => Ok(ImportOutcome::Opened {
            project: install(&state, &mut state.project(), project)?,
        }),
        Err(ImportErrors::Invalid(list)) => Ok(refused(&json_name, list)),
        Err(ImportErrors::Store(e)) => Err(e.into()),
    }
}

/// Writes a copy of the open project where the user chooses and keeps working in this one.
/// `None` if cancelled.
#[tauri::command]
pub async fn project_save_copy(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<FileSaved>> {
    let firm = with_project(&state, |p| p.firm_name())?;
    let suggested = format!("{firm} copy");
    let Some(dest) = blocking(move || dialogs::pick_save_path(&app, &suggested)).await? else {
        return Ok(None);
    };
    let copy = with_project(&state, |p| p.save_as(&dest))?;
    let path = copy.path().to_owned();
    copy.close()?;
    saved(&path).map(Some)
}

fn open_path(state: &AppState) -> CmdResult<PathBuf> {
    with_project(state, |p| Ok::<_, CmdError>(p.path().to_owned()))
}

/// The rolling backups of the project at `path`, with the failure of its last backup if any.
fn backups_view(state: &AppState, path: &Path) -> CmdResult<BackupsView> {
    let last_error = state
        .backup_error
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .filter(|(failed, _)| failed == path)
        .map(|(_, e)| e.clone());
    let backups: &Backups = &state.backups;
    Ok(BackupsView {
        folder: backups.folder_for(path)?.display().to_string(),
        keep: u32::try_from(backups.keep()).unwrap_or(u32::MAX),
        entries: backups.list(path)?,
        last_error,
    })
}

/// The open project's rolling backups: where they are, how many are kept, and the newest.
#[tauri::command]
pub async fn project_backups(state: State<'_, AppState>) -> CmdResult<BackupsView> {
    backups_view(&state, &open_path(&state)?)
}

/// Copies one of the open project's backups to a new file the user chooses (never over an
/// existing one) and opens it in place of the current project. `None` if cancelled.
#[tauri::command]
pub async fn project_restore_backup(
    app: AppHandle,
    state: State<'_, AppState>,
    backup: String,
) -> CmdResult<Option<ProjectInfo>> {
    let path = open_path(&state)?;
    let firm = with_project(&state, |p| p.firm_name())?;
    let suggested = format!("{firm} restored");
    let backups = state.backups.clone();
    let clock = state.clock.clone();
    let restored = blocking(move || {
        dialogs::pick_save_path(&app, &suggested)
            .map(|dest| backups.restore(&path, Path::new(&backup), &dest, clock))
            .transpose()
    })
    .await??;
    restored
        .map(|p| install(&state, &mut state.project(), p))
        .transpose()
}

#[cfg(test)]
mod tests {
    use ready20k_domain::clock::FixedClock;
    use ready20k_store::snapshot::collect;

    use super::*;

    /// A fresh directory under the system temp dir, unique to this process and `name`.
    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ready20k-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn clock() -> Arc<dyn Clock> {
        Arc::new(FixedClock::at_rfc3339("2026-12-07T09:30:00Z").unwrap())
    }

    #[test]
    fn a_broken_export_is_refused_with_every_problem_and_its_path() {
        let dir = temp_dir("transfer-refused");
        let demo = ready20k_store::demo::create_demo(&dir.join("demo.r20k"), clock()).unwrap();
        let bytes = to_json(&collect(&demo).unwrap()).unwrap();
        demo.close().unwrap();
        let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        v["wizard"]["people"][1]["email"] = serde_json::json!(42);
        v["wizard"]["services"][0]["colour"] = serde_json::json!("blue");
        let json = dir.join("broken.json");
        std::fs::write(&json, serde_json::to_vec(&v).unwrap()).unwrap();

        let Err(ImportOutcome::Refused { file, problems }) = check_export(&json).unwrap() else {
            panic!("the broken export was not refused");
        };
        assert_eq!(file, json.display().to_string());
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert!(paths.contains(&"/wizard/people/1/email"), "{problems:?}");
        assert!(paths.contains(&"/wizard/services/0/colour"), "{problems:?}");

        std::fs::write(&json, b"{ not json").unwrap();
        let Err(ImportOutcome::Refused { problems, .. }) = check_export(&json).unwrap() else {
            panic!("a file that is not JSON was not refused");
        };
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, "");
        assert!(
            problems[0].message.contains("not valid JSON"),
            "{problems:?}"
        );

        std::fs::write(&json, &bytes).unwrap();
        assert!(check_export(&json).unwrap().is_ok());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn opening_takes_a_backup_and_a_failed_backup_does_not_stop_the_open() {
        let dir = temp_dir("transfer-backup");
        let file = dir.join("work/acme.r20k");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        Project::create(&file, "Acme", clock())
            .unwrap()
            .close()
            .unwrap();

        let state = AppState::new(dir.join("appdata"));
        for _ in 0..2 {
            let (project, failed) = open_with_backup(&state.backups, &file, clock()).unwrap();
            assert_eq!(failed, None);
            remember_backup(&state, &project, failed);
            project.close().unwrap();
        }
        let view = backups_view(&state, &file).unwrap();
        assert_eq!(view.entries.len(), 2);
        assert_eq!(view.keep, 5);
        assert!(
            view.folder
                .starts_with(&dir.join("appdata/backups").display().to_string())
        );
        assert_eq!(view.last_error, None);
        // Only the project itself is in the user's folder.
        assert_eq!(
            std::fs::read_dir(file.parent().unwrap()).unwrap().count(),
            1
        );

        // A data dir where no backup can be written: the project opens, the failure is shown.
        let blocked = dir.join("blocked");
        std::fs::create_dir_all(&blocked).unwrap();
        std::fs::write(blocked.join("backups"), b"not a folder").unwrap();
        let state = AppState::new(blocked);
        let (project, failed) = open_with_backup(&state.backups, &file, clock()).unwrap();
        assert_eq!(failed.as_ref().map(|e| e.code.as_str()), Some("io"));
        remember_backup(&state, &project, failed);
        assert_eq!(project.firm_name().unwrap(), "Acme");
        let path = project.path().to_owned();
        let view = backups_view(&state, &path).unwrap();
        assert_eq!(view.last_error.map(|e| e.code), Some("io".to_owned()));
        assert_eq!(
            backups_view(&state, &dir.join("other.r20k"))
                .unwrap()
                .last_error,
            None
        );
        project.close().unwrap();
        let _ = std::fs::remove_dir_all(&dir);
    }
}
