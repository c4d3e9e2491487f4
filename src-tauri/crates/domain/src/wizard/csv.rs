//! CSV import of people: parse, validate per row, preview.
//!
//! Accepts comma- or semicolon-separated text with an optional header row naming the columns
//! `name`, `email`, `job title` (any order, case-insensitive; `title`, `role` and `position`
//! also mean job title). Without a header the columns are name, email, job title. Quoted
//! fields may contain separators, doubled quotes and line breaks.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use super::checks::people::{person_errors, valid_email};
use super::types::Person;

/// One parsed row, with what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportRow {
    /// Line number in the file (1-based; the header is line 1 when present).
    pub line: u32,
    /// The person as read (id 0).
    pub person: Person,
    /// Problems; the row is imported only when empty.
    pub errors: Vec<String>,
}

/// The preview shown before importing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    /// Whether a header row was recognised.
    pub header: bool,
    /// Every data row.
    pub rows: Vec<ImportRow>,
    /// Rows without errors.
    pub valid: u32,
}

fn split_records(text: &str, sep: char) -> Vec<(u32, Vec<String>)> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut record: Vec<String> = Vec::new();
    let mut quoted = false;
    let mut line = 1u32;
    let mut start_line = 1u32;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            c if c == sep => record.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                out.push((start_line, std::mem::take(&mut record)));
                line += 1;
                start_line = line;
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        out.push((start_line, record));
    }
    out.into_iter()
        .filter(|(_, r)| r.iter().any(|f| !f.trim().is_empty()))
        .collect()
}

/// Parses `text` and checks each row against the rules for people and against `existing`
/// (duplicate e-mail addresses).
pub fn preview(text: &str, existing: &[Person]) -> ImportPreview {
    let first = text.lines().next().unwrap_or("");
    let sep = if first.matches(';').count() > first.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut records = split_records(text, sep);
    let mut cols = (0usize, Some(1usize), Some(2usize));
    let mut header = false;
    if let Some((_, h)) = records.first() {
        let names: Vec<String> = h.iter().map(|s| s.trim().to_lowercase()).collect();
        let find = |keys: &[&str]| names.iter().position(|n| keys.contains(&n.as_str()));
        if let Some(name) = find(&["name", "full name", "fullname"]) {
            header = true;
            cols = (
                name,
                find(&["email", "e-mail", "mail", "email address"]),
                find(&["job title", "title", "job", "role", "position", "jobtitle"]),
            );
        }
    }
    if header {
        records.remove(0);
    }
    let mut seen: Vec<String> = existing
        .iter()
        .map(|p| p.email.trim().to_lowercase())
        .filter(|e| !e.is_empty())
        .collect();
    let mut rows = Vec::new();
    for (line, rec) in records {
        let get = |i: Option<usize>| {
            i.and_then(|i| rec.get(i))
                .map(|s| s.trim().to_owned())
                .unwrap_or_default()
        };
        let person = Person {
            id: 0,
            name: get(Some(cols.0)),
            email: get(cols.1),
            job_title: get(cols.2),
            external: false,
        };
        let mut errors = person_errors(&person);
        let key = person.email.to_lowercase();
        if !key.is_empty() && errors.is_empty() {
            if seen.contains(&key) {
                errors.push(format!(
                    "{} is already used by another person; each person needs their own address.",
                    person.email
                ));
            } else {
                seen.push(key);
            }
        }
        rows.push(ImportRow {
            line,
            person,
            errors,
        });
    }
    let valid = rows.iter().filter(|r| r.errors.is_empty()).count() as u32;
    ImportPreview {
        header,
        rows,
        valid,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn header_in_any_order_quotes_and_errors() {
        let text = "Job title;Name;E-mail\n\"Director; owner\";Ann Lee;ann@acme.com\n\
                    Engineer;;bob@acme.com\nEngineer;Cy;not-an-email\n\n\
                    Engineer;Dee;ANN@acme.com\n";
        let p = preview(text, &[]);
        assert!(p.header);
        assert_eq!(p.rows.len(), 4);
        assert_eq!(p.rows[0].person.name, "Ann Lee");
        assert_eq!(p.rows[0].person.job_title, "Director; owner");
        assert_eq!(p.rows[0].line, 2);
        assert!(p.rows[1].errors[0].contains("Name is empty"));
        assert!(p.rows[2].errors[0].contains("not an e-mail"));
        assert!(p.rows[3].errors[0].contains("already used"));
        assert_eq!(p.rows[3].line, 6);
        assert_eq!(p.valid, 1);
    }

    #[test]
    fn no_header_means_name_email_title_and_existing_emails_clash() {
        let existing = vec![Person {
            id: 1,
            name: "X".into(),
            email: "x@a.io".into(),
            ..Person::default()
        }];
        let p = preview(
            "Zed Z,x@a.io,Engineer\r\n\"Quoted, Name\",q@a.io,\"Says \"\"hi\"\"\"",
            &existing,
        );
        assert!(!p.header);
        assert!(p.rows[0].errors[0].contains("already used"));
        assert_eq!(p.rows[1].person.name, "Quoted, Name");
        assert_eq!(p.rows[1].person.job_title, "Says \"hi\"");
        assert_eq!(p.valid, 1);
    }
}
