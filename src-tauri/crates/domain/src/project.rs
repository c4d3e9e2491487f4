//! Project-level facts shown on the start screen and in `ready20k-cli info`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

/// Validates a firm name typed by a user; returns the trimmed name or a message saying how to fix it.
pub fn validate_firm_name(name: &str) -> Result<String, String> {
    let t = name.trim();
    if t.is_empty() {
        return Err("Enter the firm's name.".into());
    }
    if t.chars().count() > 200 {
        return Err("The firm's name is longer than 200 characters; shorten it.".into());
    }
    if t.chars().any(char::is_control) {
        return Err("The firm's name contains control characters; remove them.".into());
    }
    Ok(t.to_string())
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
}
