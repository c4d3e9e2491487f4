//! Validation of a snapshot before anything is written.
//!
//! Three passes, each collecting every problem with its JSON Pointer path:
//! 1. [`depth`]: nesting depth of the raw bytes, before any parser recursion.
//! 2. [`structure`]: the parsed `serde_json::Value` against the format's JSON Schema
//!    (types, required fields, unknown fields, enum values, integer ranges) plus the size
//!    limits (string lengths, list lengths, file sizes).
//! 3. [`references`]: the typed snapshot: unique ids, every reference resolves (people, roles,
//!    rules, clauses, templates, questions, processes, services, documents, versions, files),
//!    dates and timestamps, and the SHA-256 of every file against its base64 content.

mod depth;
mod references;
mod structure;

pub(crate) use depth::check_depth;
pub use references::validate;
pub(crate) use structure::check_structure;

use super::import::ImportError;

/// Limits applied to an imported file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of arrays and objects accepted.
    pub max_depth: usize,
    /// Longest text field, in bytes (file contents excepted).
    pub max_string_bytes: usize,
    /// Longest list.
    pub max_items: usize,
    /// Largest single file (decoded), in bytes.
    pub max_blob_bytes: usize,
    /// Largest input, and largest total of decoded files, in bytes.
    pub max_total_bytes: usize,
    /// Problems reported before giving up.
    pub max_errors: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: 64,
            max_string_bytes: 4 * 1024 * 1024,
            max_items: 200_000,
            max_blob_bytes: 50 * 1024 * 1024,
            max_total_bytes: 512 * 1024 * 1024,
            max_errors: 500,
        }
    }
}

/// Collected problems.
pub(crate) struct Problems {
    pub(crate) list: Vec<ImportError>,
    max: usize,
    dropped: usize,
}

impl Problems {
    pub(crate) fn new(max: usize) -> Self {
        Self {
            list: Vec::new(),
            max: max.max(1),
            dropped: 0,
        }
    }

    pub(crate) fn add(&mut self, path: impl Into<String>, message: impl Into<String>) {
        if self.list.len() < self.max {
            self.list.push(ImportError {
                path: path.into(),
                message: message.into(),
            });
        } else {
            self.dropped += 1;
        }
    }

    pub(crate) fn full(&self) -> bool {
        self.list.len() >= self.max
    }

    pub(crate) fn finish(mut self) -> Vec<ImportError> {
        if self.dropped > 0 {
            self.list.push(ImportError {
                path: String::new(),
                message: format!("{} more problems not listed", self.dropped),
            });
        }
        self.list
    }
}

/// Escapes one JSON Pointer segment.
fn seg(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn depth_scan_ignores_brackets_in_strings() {
        assert!(check_depth(br#"{"a":"[[[[[[[[[[\"[[[["}"#, 3).is_ok());
        assert!(check_depth(b"[[[[]]]]", 3).is_err());
        assert!(check_depth(b"[[[]]]", 3).is_ok());
    }

    #[test]
    fn pointer_segments_are_escaped() {
        assert_eq!(seg("a/b~c"), "a~1b~0c");
    }
}
