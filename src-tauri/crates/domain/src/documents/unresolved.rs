//! What a version still leaves open: placeholders and template instructions.
//!
//! Two kinds of marks are unresolved text that an approved document should not carry:
//! - **Placeholders** `«…»` left by template filling ([`super::fill`]) where the wizard had no
//!   answer.
//! - **Template instructions** to the drafter. Convention of the templates: an instruction is
//!   an italic span (`*…*`, single asterisks) that begins with one of [`INSTRUCTION_WORDS`]
//!   (an imperative addressed to the drafter, e.g. `*Edit this list to match …*`, `*Add or
//!   delete rows*`), or that is one of the bare cues [`INSTRUCTION_CUES`] (`*edit*`, `*enter*`,
//!   `*to confirm*`) marking a default or blank for the drafter to review. Other italics
//!   (emphasis, sample values) are not instructions.
//!
//! [`unresolved_in`] lists them with line and column; [`check_kept`] refuses an approval while
//! any remains that the approver did not explicitly keep.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::approval::{Refusal, RefusalCode};

/// First words that make an italic span an instruction to the drafter.
pub const INSTRUCTION_WORDS: &[&str] = &[
    "Add", "Edit", "Copy", "Record", "List", "Replace", "Enter", "Delete", "Remove", "Describe",
    "Fill", "Write", "Complete", "Adapt", "If",
];

/// Whole italic spans that are a cue for the drafter (a default to review or a blank).
pub const INSTRUCTION_CUES: &[&str] = &["edit", "enter", "to confirm"];

/// Kind of an unresolved item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UnresolvedKind {
    /// A `«…»` placeholder.
    Placeholder,
    /// An instruction of the template to the drafter.
    Instruction,
}

/// One placeholder or instruction left in a version's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Unresolved {
    /// Placeholder or instruction.
    pub kind: UnresolvedKind,
    /// The text as it appears (placeholders with `«»`, instructions without the asterisks).
    pub text: String,
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

fn is_instruction(inner: &str) -> bool {
    let t = inner.trim();
    if INSTRUCTION_CUES.contains(&t) {
        return true;
    }
    let first = t
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    INSTRUCTION_WORDS.contains(&first)
}

/// Italic spans `*…*` in `line` (single asterisks), as char-index start and inner text.
fn italics(line: &str) -> Vec<(usize, &str)> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let star = |i: usize| chars.get(i).is_some_and(|c| c.1 == '*');
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if star(i) && !star(i + 1) && (i == 0 || !star(i - 1)) {
            let open = i;
            let mut j = i + 1;
            while j < chars.len() && !(star(j) && !star(j + 1) && !star(j - 1)) {
                j += 1;
            }
            if j < chars.len() && j > open + 1 {
                let inner = &line[chars[open].0 + 1..chars[j].0];
                if !inner.starts_with(' ') && !inner.ends_with(' ') {
                    out.push((open, inner));
                }
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Every placeholder and template instruction in `body`, in text order.
pub fn unresolved_in(body: &str) -> Vec<Unresolved> {
    let mut out = Vec::new();
    for (n, line) in body.lines().enumerate() {
        let line_no = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let col = |byte: usize| u32::try_from(line[..byte].chars().count() + 1).unwrap_or(0);
        let mut at = 0;
        for (piece, is_ph) in super::markdown::split_placeholders(line) {
            if is_ph {
                out.push(Unresolved {
                    kind: UnresolvedKind::Placeholder,
                    text: piece.to_owned(),
                    line: line_no,
                    column: col(at),
                });
            }
            at += piece.len();
        }
        for (start, inner) in italics(line) {
            if is_instruction(inner) {
                out.push(Unresolved {
                    kind: UnresolvedKind::Instruction,
                    text: inner.to_owned(),
                    line: line_no,
                    column: u32::try_from(start + 1).unwrap_or(0),
                });
            }
        }
    }
    out.sort_by_key(|u| (u.line, u.column));
    out
}

/// The distinct texts of `items`, in first-seen order.
pub fn distinct_texts(items: &[Unresolved]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for u in items {
        if !out.contains(&u.text) {
            out.push(u.text.clone());
        }
    }
    out
}

/// Checks that every unresolved item of `body` is in `kept` (by text). Returns the kept texts
/// that apply, to record with the approval; refuses (`unresolved_placeholders`) naming the
/// items not kept.
pub fn check_kept(body: &str, kept: &[String]) -> Result<Vec<String>, Refusal> {
    let open = distinct_texts(&unresolved_in(body));
    let missing: Vec<&String> = open.iter().filter(|t| !kept.contains(t)).collect();
    if missing.is_empty() {
        return Ok(open);
    }
    let names: Vec<String> = missing.iter().map(|t| format!("\"{t}\"")).collect();
    Err(Refusal {
        code: RefusalCode::UnresolvedPlaceholders,
        message: format!(
            "This version still holds {} placeholder(s) or template instruction(s): {}. Fill \
             them in a new version, or keep each one explicitly when approving.",
            missing.len(),
            names.join(", ")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_and_instruction_found_with_position() {
        let body = "# T\nHours: «service hours of Desk» and *enter*.\nWe do it. *Edit this list to match.*\nSome *emphasis* here **bold**.";
        let u = unresolved_in(body);
        assert_eq!(u.len(), 3, "{u:?}");
        assert_eq!(u[0].kind, UnresolvedKind::Placeholder);
        assert_eq!(u[0].text, "«service hours of Desk»");
        assert_eq!((u[0].line, u[0].column), (2, 8));
        assert_eq!(u[1].text, "enter");
        assert_eq!(u[1].kind, UnresolvedKind::Instruction);
        assert_eq!(u[2].text, "Edit this list to match.");
        assert_eq!((u[2].line, u[2].column), (3, 11));
    }

    #[test]
    fn placeholder_refused_unless_kept() {
        let body = "A «firm address» and *Add rows*.";
        let r = check_kept(body, &[]).unwrap_err();
        assert_eq!(r.code, RefusalCode::UnresolvedPlaceholders);
        assert!(r.message.contains("«firm address»"), "{}", r.message);
        assert!(r.message.contains("Add rows"), "{}", r.message);
        let partly = check_kept(body, &["«firm address»".into()]).unwrap_err();
        assert!(!partly.message.contains("«firm address»"));
        let kept = check_kept(body, &["«firm address»".into(), "Add rows".into()]).unwrap();
        assert_eq!(
            kept,
            vec!["«firm address»".to_owned(), "Add rows".to_owned()]
        );
        assert_eq!(check_kept("All done.", &[]).unwrap(), Vec::<String>::new());
    }
}
