//! Project-level facts shown on the start screen and in `ready20k-cli info`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::wizard::{FieldError, IssueCode};

/// Summary of an open project file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProjectInfo {
    /// Absolute path of the `.r20k` file.
    pub path: String,
    /// The firm's name as entered when the project was created.
    pub firm_name: String,
    /// Schema version of the file (`PRAGMA user_version`).
    pub schema_version: u32,
    /// When the project was created (RFC 3339, UTC).
    pub created_at: String,
    /// Row counts per table group, for `info` and the home screen.
    pub counts: Vec<TableCount>,
}

/// Number of rows in one table of the project file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TableCount {
    /// Table name.
    pub table: String,
    /// Number of rows.
    #[ts(type = "number")]
    pub rows: u64,
}

/// An entry of the recent-projects list on the start screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecentProject {
    /// Absolute path of the `.r20k` file.
    pub path: String,
    /// Firm name at the time it was last opened.
    pub firm_name: String,
    /// Last opened (RFC 3339, UTC).
    pub opened_at: String,
    /// Whether the file still exists on disk.
    pub exists: bool,
}

/// What the start screen needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StartInfo {
    /// App version.
    pub version: String,
    /// Recent projects, most recent first.
    pub recent: Vec<RecentProject>,
    /// The project open in this window, if any (after a reload).
    pub open: Option<ProjectInfo>,
}

/// The longest firm name, in characters.
pub const MAX_FIRM_NAME_CHARS: usize = 200;

/// What is wrong with a firm name typed by a user (field `firm_name`), each message saying
/// how to fix it: empty, longer than [`MAX_FIRM_NAME_CHARS`], or containing control
/// characters (any Unicode control character, not only ASCII ones).
pub fn firm_name_errors(name: &str) -> Vec<FieldError> {
    let t = name.trim();
    let error = if t.is_empty() {
        Some((IssueCode::Required, "Enter the firm's name.".to_owned()))
    } else if t.chars().count() > MAX_FIRM_NAME_CHARS {
        Some((
            IssueCode::InvalidValue,
            format!("The firm's name is longer than {MAX_FIRM_NAME_CHARS} characters; shorten it."),
        ))
    } else if t.chars().any(char::is_control) {
        Some((
            IssueCode::InvalidValue,
            "The firm's name contains control characters; remove them.".to_owned(),
        ))
    } else {
        None
    };
    error
        .map(|(code, message)| FieldError::new("firm_name", code, message))
        .into_iter()
        .collect()
}

/// Validates a firm name typed by a user; returns the trimmed name or a message saying how to fix it.
pub fn validate_firm_name(name: &str) -> Result<String, crate::error::Refusal> {
    match firm_name_errors(name).into_iter().next() {
        Some(e) => Err(crate::error::Refusal::new("invalid_firm_name", e.message)),
        None => Ok(name.trim().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn firm_name_rules() {
        assert_eq!(validate_firm_name("  Acme IT  ").unwrap(), "Acme IT");
        assert!(validate_firm_name("   ").is_err());
        assert!(validate_firm_name(&"x".repeat(201)).is_err());
        assert!(validate_firm_name("a\u{0007}b").is_err());
    }

    #[test]
    fn firm_name_errors_name_the_field_and_the_rule() {
        assert!(firm_name_errors("  Acme IT ").is_empty());
        let code = |name: &str| {
            let e = firm_name_errors(name);
            assert!(e.len() <= 1);
            e.first().map(|e| (e.field.clone(), e.code))
        };
        assert_eq!(code("   "), Some(("firm_name".into(), IssueCode::Required)));
        assert_eq!(firm_name_errors("   ")[0].message, "Enter the firm's name.");
        assert_eq!(
            code(&"x".repeat(201)),
            Some(("firm_name".into(), IssueCode::InvalidValue))
        );
        assert!(
            firm_name_errors(&"x".repeat(201))[0]
                .message
                .contains("200")
        );
        assert!(
            firm_name_errors("a\u{0007}b")[0]
                .message
                .contains("control")
        );
        // Characters, not bytes or UTF-16 units.
        assert!(firm_name_errors(&"😀".repeat(200)).is_empty());
        // C1 controls and DEL count as control characters too.
        assert!(!firm_name_errors("a\u{0085}b").is_empty());
        assert!(!firm_name_errors("a\u{007f}b").is_empty());
    }
}
