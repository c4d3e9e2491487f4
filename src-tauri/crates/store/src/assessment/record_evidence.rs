//! A record kept in the project as evidence: an approved audit report (9.2), an issued monthly
//! service report (8.3.3, 9.4). The evidence register holds one dated location per record,
//! updated to its latest version and linked to the questions the record evidences, so the
//! assessment and the verdict see the record.

use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;

/// The evidence item of one record.
#[derive(Debug, Clone)]
pub(crate) struct RecordEvidence<'a> {
    /// Identifies the record across versions: its location is `"{stem} v{version}"`.
    pub stem: String,
    /// The record's version.
    pub version: u32,
    /// The evidence title.
    pub title: String,
    /// When the record was approved or issued (RFC 3339, or a date).
    pub added_at: &'a str,
    /// The questions it evidences.
    pub questions: Vec<String>,
}

impl RecordEvidence<'_> {
    /// The location text of this version.
    pub(crate) fn location(&self) -> String {
        format!("{} v{}", self.stem, self.version)
    }
}

/// The questions of `clauses` whose records include one of `documents` (library ids).
pub(crate) fn questions_for(clauses: &[&str], documents: &[&str]) -> Result<Vec<String>> {
    let lib = super::library()?;
    Ok(clauses
        .iter()
        .flat_map(|c| lib.questions_for(c))
        .filter(|q| q.documents.iter().any(|d| documents.contains(&d.as_str())))
        .map(|q| q.id.clone())
        .collect())
}

/// Adds (or, for a later version of the same record, updates) the record's evidence item: its
/// title and location, added at `added_at` and due for review a year later, linked to its
/// questions. Returns the evidence id. Runs inside the caller's transaction.
pub(crate) fn link_record(conn: &Connection, e: &RecordEvidence<'_>) -> Result<i64> {
    let day = e.added_at.get(..10).unwrap_or(e.added_at);
    let review_on: Option<String> =
        conn.query_row("SELECT date(?1, '+1 year')", [day], |r| r.get(0))?;
    let location = e.location();
    let stem = format!("{} v", e.stem);
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM evidence WHERE kind = 'location' AND substr(location, 1, ?2) = ?1
             ORDER BY id LIMIT 1",
            params![
                stem,
                i64::try_from(stem.chars().count()).unwrap_or(i64::MAX)
            ],
            |r| r.get(0),
        )
        .optional()?;
    let id = match existing {
        Some(id) => {
            conn.execute(
                "UPDATE evidence SET title = ?2, location = ?3, added_at = ?4, review_on = ?5,
                     expires_on = NULL
                 WHERE id = ?1",
                params![id, e.title, location, e.added_at, review_on],
            )?;
            id
        }
        None => {
            conn.execute(
                "INSERT INTO evidence (kind, title, location, added_at, review_on)
                 VALUES ('location', ?1, ?2, ?3, ?4)",
                params![e.title, location, e.added_at, review_on],
            )?;
            conn.last_insert_rowid()
        }
    };
    for q in &e.questions {
        conn.execute(
            "INSERT OR IGNORE INTO evidence_question (evidence_id, question_id) VALUES (?1, ?2)",
            params![id, q],
        )?;
    }
    Ok(id)
}
