//! Errors of the store crate.

use ready20k_domain::ErrorPayload;

/// Anything that can go wrong opening, migrating, reading or writing a project file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The path does not exist.
    #[error("The file {path} does not exist.")]
    NotFound {
        /// The path asked for.
        path: String,
    },
    /// A file was expected not to exist (creating a project over an existing file).
    #[error("The file {path} already exists; choose another name.")]
    AlreadyExists {
        /// The path asked for.
        path: String,
    },
    /// The file is not a SQLite database or not a Ready20k project.
    #[error("{path} is not a Ready20k project file. It was left untouched.")]
    NotAProject {
        /// The path asked for.
        path: String,
    },
    /// The file is a Ready20k project but damaged.
    #[error("{path} is damaged ({detail}). It was left untouched; restore it from a backup.")]
    Corrupt {
        /// The path asked for.
        path: String,
        /// What the integrity check reported.
        detail: String,
    },
    /// The file was written by a newer Ready20k.
    #[error(
        "{path} was saved by a newer Ready20k (schema {found}; this version knows up to {known}). \
         Update Ready20k to open it. The file was left untouched."
    )]
    NewerSchema {
        /// The path asked for.
        path: String,
        /// Schema version in the file.
        found: u32,
        /// Newest schema version this build knows.
        known: u32,
    },
    /// Another window or another Ready20k process has the file open.
    #[error("{path} is already open in another Ready20k window or process. Close it there first.")]
    AlreadyOpen {
        /// The path asked for.
        path: String,
    },
    /// Input that breaks a rule; the message says how to fix it.
    #[error("{0}")]
    Invalid(String),
    /// A SQLite error.
    #[error("Database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A file system error.
    #[error("File error: {0}")]
    Io(#[from] std::io::Error),
    /// A JSON (de)serialisation error.
    #[error("Data error: {0}")]
    Json(#[from] serde_json::Error),
}

impl StoreError {
    /// Stable snake_case code for the UI and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound { .. } => "not_found",
            Self::AlreadyExists { .. } => "already_exists",
            Self::NotAProject { .. } => "not_a_project",
            Self::Corrupt { .. } => "corrupt",
            Self::NewerSchema { .. } => "newer_schema",
            Self::AlreadyOpen { .. } => "already_open",
            Self::Invalid(_) => "invalid",
            Self::Sqlite(_) => "database",
            Self::Io(_) => "io",
            Self::Json(_) => "data",
        }
    }

    /// The error as the UI receives it.
    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload::new(self.code(), self.to_string())
    }
}

/// Result alias of the store crate.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
