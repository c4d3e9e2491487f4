//! Shared app state: the open project (one per window; the app has one window) and the
//! recent-projects list.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use ready20k_domain::ErrorPayload;
use ready20k_domain::clock::{Clock, SystemClock};
use ready20k_store::Project;
use ready20k_store::backup::Backups;
use ready20k_store::recent::RecentList;
use tauri::Manager;

/// State managed by Tauri.
pub struct AppState {
    project: Mutex<Option<Project>>,
    /// The recent-projects list in the app data dir.
    pub recent: RecentList,
    /// Where app-owned files (recent list, demo project) live.
    pub data_dir: PathBuf,
    /// The clock every write uses.
    pub clock: Arc<dyn Clock>,
    /// The rolling backups taken when a project is opened (in the data dir).
    pub backups: Backups,
    /// The project whose backup on opening failed last, and why (shown in its Backups list).
    pub backup_error: Mutex<Option<(PathBuf, ErrorPayload)>>,
}

/// Resolves the app data dir; `READY20K_DATA_DIR` overrides it (tests, portable installs).
pub fn data_dir(app: &tauri::AppHandle) -> Result<PathBuf, Box<dyn std::error::Error>> {
    if let Some(dir) = std::env::var_os("READY20K_DATA_DIR") {
        return Ok(PathBuf::from(dir));
    }
    Ok(app.path().app_data_dir()?)
}

impl AppState {
    /// New state for the given data dir.
    pub fn new(data_dir: PathBuf) -> Self {
        Self {
            project: Mutex::new(None),
            recent: RecentList::in_dir(&data_dir),
            backups: Backups::in_data_dir(&data_dir),
            backup_error: Mutex::new(None),
            data_dir,
            clock: Arc::new(SystemClock),
        }
    }

    /// The open project slot. A poisoned lock is recovered: the project inside is still valid
    /// because every write is its own SQLite transaction.
    pub fn project(&self) -> MutexGuard<'_, Option<Project>> {
        self.project.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Closes the open project, if any (window closing).
    pub fn close_project(&self) {
        if let Some(p) = self.project().take() {
            let _ = p.close();
        }
    }
}
