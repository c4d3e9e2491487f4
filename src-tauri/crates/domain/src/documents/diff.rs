//! Line diff between two versions of a document (the `similar` crate, Myers diff).

use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};
use ts_rs::TS;

/// What happened to a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiffTag {
    /// In both versions.
    Equal,
    /// Only in the newer version.
    Insert,
    /// Only in the older version.
    Delete,
}

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiffLine {
    /// Equal, inserted or deleted.
    pub tag: DiffTag,
    /// Line number in the older version (1-based), if the line is there.
    pub old_line: Option<u32>,
    /// Line number in the newer version (1-based), if the line is there.
    pub new_line: Option<u32>,
    /// The line, without its line break.
    pub text: String,
}

/// A group of changed lines with a few lines of context around them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiffHunk {
    /// The lines.
    pub lines: Vec<DiffLine>,
}

/// The difference between two texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TextDiffResult {
    /// Change groups, in order; empty when the texts are equal.
    pub hunks: Vec<DiffHunk>,
    /// Lines added.
    pub added: u32,
    /// Lines removed.
    pub removed: u32,
}

/// Lines of context shown around each change.
pub const CONTEXT_LINES: usize = 3;

fn line_no(i: Option<usize>) -> Option<u32> {
    i.map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX))
}

/// Diffs `old` against `new` line by line.
pub fn diff_lines(old: &str, new: &str) -> TextDiffResult {
    let diff = TextDiff::from_lines(old, new);
    let mut hunks = Vec::new();
    let (mut added, mut removed) = (0u32, 0u32);
    for group in diff.grouped_ops(CONTEXT_LINES) {
        let mut lines = Vec::new();
        for op in &group {
            for change in diff.iter_changes(op) {
                let tag = match change.tag() {
                    ChangeTag::Equal => DiffTag::Equal,
                    ChangeTag::Insert => {
                        added += 1;
                        DiffTag::Insert
                    }
                    ChangeTag::Delete => {
                        removed += 1;
                        DiffTag::Delete
                    }
                };
                let text = change.value();
                lines.push(DiffLine {
                    tag,
                    old_line: line_no(change.old_index()),
                    new_line: line_no(change.new_index()),
                    text: text.strip_suffix('\n').unwrap_or(text).to_owned(),
                });
            }
        }
        if lines.iter().any(|l| l.tag != DiffTag::Equal) {
            hunks.push(DiffHunk { lines });
        }
    }
    TextDiffResult {
        hunks,
        added,
        removed,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_have_no_hunks() {
        let d = diff_lines("a\nb\n", "a\nb\n");
        assert!(d.hunks.is_empty());
        assert_eq!((d.added, d.removed), (0, 0));
    }

    #[test]
    fn changes_are_grouped_with_context_and_numbered() {
        let old: String = (1..=20).map(|i| format!("line {i}\n")).collect();
        let new = old
            .replace("line 2\n", "line two\n")
            .replace("line 18\n", "");
        let d = diff_lines(&old, &new);
        assert_eq!(d.hunks.len(), 2);
        assert_eq!((d.added, d.removed), (1, 2));
        let first = &d.hunks[0].lines;
        let del = first.iter().find(|l| l.tag == DiffTag::Delete).unwrap();
        assert_eq!((del.old_line, del.new_line), (Some(2), None));
        assert_eq!(del.text, "line 2");
        let ins = first.iter().find(|l| l.tag == DiffTag::Insert).unwrap();
        assert_eq!((ins.old_line, ins.new_line), (None, Some(2)));
        // Context is at most three lines either side.
        assert!(first.len() <= 2 + 2 * CONTEXT_LINES);
        assert_eq!(
            d.hunks[1]
                .lines
                .iter()
                .filter(|l| l.tag == DiffTag::Delete)
                .count(),
            1
        );
    }
}
