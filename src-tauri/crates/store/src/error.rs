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
    /// A row the caller named does not exist (any more): reload and try again.
    #[error("There is no {what} {id}{hint}")]
    Missing {
        /// What kind of row, e.g. `person`, `document version`.
        what: &'static str,
        /// The id or key asked for.
        id: String,
        /// The rest of the sentence: `.` or a hint such as `; reload the wizard.`.
        hint: &'static str,
    },
    /// A value that must be given is empty; the message says what to enter.
    #[error("{0}")]
    Required(String),
    /// A reference to something that does not exist: a library role, rule, clause, process or
    /// template, a person not on the people list, a service or other party.
    #[error("{0}")]
    UnknownReference(String),
    /// A stored enum text this build does not know (the file was changed outside Ready20k).
    #[error("Unknown {what} {text:?} in the project.")]
    UnknownValue {
        /// What the text names, e.g. `party kind`.
        what: &'static str,
        /// The stored text.
        text: String,
    },
    /// The e-mail address belongs to another current person.
    #[error("{email} is already used by {other}; each person needs their own address.")]
    EmailTaken {
        /// The address.
        email: String,
        /// Name of the person who has it.
        other: String,
    },
    /// A person's fields break a rule (name, e-mail, job title).
    #[error("{0}")]
    InvalidPerson(String),
    /// The firm name breaks a rule.
    #[error("{0}")]
    InvalidFirmName(String),
    /// A date or timestamp is not a real date in the expected form.
    #[error("{0}")]
    InvalidDate(String),
    /// A file offered for storing is refused: its type, size, encoding or content.
    #[error("{0}")]
    FileRefused(String),
    /// The operation is not allowed in the current state (a deputy who holds the role, a rule
    /// without mitigation, a draft that already exists or did not change, …).
    #[error("{0}")]
    NotAllowed(String),
    /// The embedded content library (questions, documents, roles) is broken.
    #[error("{0}")]
    Content(String),
    /// Data that is inconsistent as a whole (dangling references after an import).
    #[error("{0}")]
    Inconsistent(String),
    /// The action is a finding of an audit whose report is approved: the finding is part of
    /// that record and stays in the register (close it instead of deleting it).
    #[error(
        "Action {action} is a finding of audit {audit}, whose report is approved; a finding of \
         an approved report is part of that record and cannot be deleted. Close it instead."
    )]
    FindingOfApprovedReport {
        /// The action asked to be deleted.
        action: i64,
        /// The audit whose approved report holds it.
        audit: i64,
    },
    /// A document operation refused (approval rules, draft conflict, template), with its code.
    #[error(transparent)]
    Document(Box<crate::documents::DocError>),
    /// A problem with one item of a list (bulk import): the item's label and the problem.
    #[error("{label}: {source}")]
    Item {
        /// How the item is named to the user, e.g. the person's name.
        label: String,
        /// What is wrong with it.
        source: Box<StoreError>,
    },
    /// Input that breaks a rule, in modules whose refusals have no typed variant yet; prefer a
    /// typed variant.
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
            Self::Missing { .. } => "missing",
            Self::Required(_) => "required",
            Self::UnknownReference(_) => "unknown_reference",
            Self::UnknownValue { .. } => "unknown_value",
            Self::EmailTaken { .. } => "email_taken",
            Self::InvalidPerson(_) => "invalid_person",
            Self::InvalidFirmName(_) => "invalid_firm_name",
            Self::InvalidDate(_) => "invalid_date",
            Self::FileRefused(_) => "file_refused",
            Self::NotAllowed(_) => "not_allowed",
            Self::Content(_) => "content",
            Self::Inconsistent(_) => "inconsistent",
            Self::Item { source, .. } => source.code(),
            Self::Document(e) => e.code(),
            Self::FindingOfApprovedReport { .. } => "finding_of_approved_report",
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

impl From<crate::documents::DocError> for StoreError {
    /// A document error as a store error: a store error inside stays itself, any other keeps
    /// its code through [`StoreError::Document`].
    fn from(e: crate::documents::DocError) -> Self {
        match e {
            crate::documents::DocError::Store(e) => e,
            other => Self::Document(Box::new(other)),
        }
    }
}

/// Result alias of the store crate.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn refusals_have_distinct_snake_case_codes_and_keep_their_message() {
        let refusals = [
            StoreError::Missing {
                what: "person",
                id: "7".into(),
                hint: "; reload the wizard.",
            },
            StoreError::Required("Give the action a title.".into()),
            StoreError::UnknownReference("There is no role ROLE-X.".into()),
            StoreError::UnknownValue {
                what: "party kind",
                text: "alien".into(),
            },
            StoreError::EmailTaken {
                email: "a@b.c".into(),
                other: "Ann".into(),
            },
            StoreError::InvalidPerson("name".into()),
            StoreError::InvalidFirmName("firm".into()),
            StoreError::InvalidDate("date".into()),
            StoreError::FileRefused("file".into()),
            StoreError::NotAllowed("state".into()),
            StoreError::Content("library".into()),
            StoreError::Inconsistent("dangling".into()),
            StoreError::FindingOfApprovedReport {
                action: 3,
                audit: 1,
            },
        ];
        let codes: BTreeSet<&str> = refusals.iter().map(StoreError::code).collect();
        assert_eq!(codes.len(), refusals.len());
        for c in &codes {
            assert!(
                c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{c}"
            );
        }
        assert_eq!(
            refusals[0].to_string(),
            "There is no person 7; reload the wizard."
        );
        assert_eq!(
            refusals[4].to_string(),
            "a@b.c is already used by Ann; each person needs their own address."
        );
    }

    #[test]
    fn an_item_error_names_the_item_and_keeps_the_code() {
        let e = StoreError::Item {
            label: "Bea".into(),
            source: Box::new(StoreError::InvalidPerson("Give the person a name.".into())),
        };
        assert_eq!(e.code(), "invalid_person");
        assert_eq!(e.to_string(), "Bea: Give the person a name.");
    }
}
