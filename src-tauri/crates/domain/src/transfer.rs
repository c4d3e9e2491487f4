//! Moving a whole project in and out of the window: JSON export, JSON import (with every
//! problem and its path when refused), a copy of the file, and the rolling backups taken when
//! a project is opened.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ErrorPayload;
use crate::project::ProjectInfo;

/// Where a file was written and how big it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileSaved {
    /// Absolute path of the written file.
    pub path: String,
    /// Its size in bytes.
    #[ts(type = "number")]
    pub bytes: u64,
}

/// One problem found in a JSON file offered for import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProblem {
    /// JSON Pointer to the offending value, e.g. `/wizard/people/3/email` (empty: the file).
    pub path: String,
    /// What is wrong, in plain words.
    pub message: String,
}

/// What importing a JSON export from the window came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportOutcome {
    /// The user closed a file dialog; nothing was read or written.
    Cancelled,
    /// The file is not a valid project: nothing was written. Every problem found, with its path.
    Refused {
        /// The JSON file that was checked.
        file: String,
        /// The problems, in the order found.
        problems: Vec<ImportProblem>,
    },
    /// The new project file was written and is now open.
    Opened {
        /// The new project.
        project: ProjectInfo,
    },
}

/// One rolling backup of a project file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupEntry {
    /// Absolute path of the backup file.
    pub path: String,
    /// When it was taken (RFC 3339, UTC).
    pub taken_at: String,
    /// Its size in bytes.
    #[ts(type = "number")]
    pub bytes: u64,
}

/// The rolling backups of the open project, for the Backups dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupsView {
    /// The folder that holds this project's backups (in the app's data folder, never beside
    /// the project).
    pub folder: String,
    /// How many backups are kept; older ones are removed when a new one is taken.
    pub keep: u32,
    /// The backups, newest first.
    pub entries: Vec<BackupEntry>,
    /// Why the backup on opening this project failed, if it did (the project opened anyway).
    pub last_error: Option<ErrorPayload>,
}
