//! The error shape every error takes when it crosses to the UI or the CLI's JSON output.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error as the UI sees it: a stable snake_case `code` to branch on and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorPayload {
    /// Stable machine-readable code, e.g. `newer_schema`, `already_open`.
    pub code: String,
    /// A clear message that says what went wrong and, where possible, what to do.
    pub message: String,
}

impl ErrorPayload {
    /// Builds a payload from a code and a message.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ErrorPayload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

/// A value or request that a domain rule refuses: a stable snake_case `code` for the caller to
/// branch on and a sentence that says how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Refusal {
    /// Stable machine-readable code, e.g. `invalid_firm_name`, `invalid_date`.
    pub code: &'static str,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl Refusal {
    /// Builds a refusal from a code and a message.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}
