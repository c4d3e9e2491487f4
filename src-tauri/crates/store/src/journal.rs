//! The `journal` table: an append-only log of what changed in the project.

use rusqlite::{Connection, params};

use crate::Result;

/// One journal entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    /// Row id, increasing.
    pub id: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Kind of change, e.g. `project_created`.
    pub kind: String,
    /// Free detail.
    pub detail: String,
}

/// Appends an entry and returns its id.
pub fn insert(conn: &Connection, at: &str, kind: &str, detail: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO journal (at, kind, detail) VALUES (?1, ?2, ?3)",
        params![at, kind, detail],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Lists entries of one kind, oldest first.
pub fn list_by_kind(conn: &Connection, kind: &str) -> Result<Vec<JournalEntry>> {
    let mut stmt =
        conn.prepare("SELECT id, at, kind, detail FROM journal WHERE kind = ?1 ORDER BY id")?;
    let rows = stmt.query_map([kind], |r| {
        Ok(JournalEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            kind: r.get(2)?,
            detail: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
