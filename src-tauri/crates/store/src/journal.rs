//! The `journal` table: an append-only log of what changed in the project.

use rusqlite::{Connection, Transaction, params};

use crate::{Result, StoreError, rows};

/// One journal entry (the snapshot's journal row).
pub use ready20k_domain::snapshot::JournalRow as JournalEntry;

/// Appends an entry and returns its id.
pub fn insert(conn: &Connection, at: &str, kind: &str, detail: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO journal (at, kind, detail) VALUES (?1, ?2, ?3)",
        params![at, kind, detail],
    )?;
    Ok(conn.last_insert_rowid())
}

fn entries(conn: &Connection, filter: &str, arg: &str) -> Result<Vec<JournalEntry>> {
    rows::all(
        conn,
        &format!("SELECT id, at, kind, detail FROM journal WHERE {filter} ORDER BY id"),
        [arg],
        |r| {
            Ok(JournalEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                kind: r.get(2)?,
                detail: r.get(3)?,
            })
        },
    )
}

/// Lists entries of one kind, oldest first.
pub fn list_by_kind(conn: &Connection, kind: &str) -> Result<Vec<JournalEntry>> {
    entries(conn, "kind = ?1", kind)
}

/// Every entry, oldest first.
pub fn export_journal(conn: &Connection) -> Result<Vec<JournalEntry>> {
    entries(conn, "?1 = ?1", "")
}

/// Inserts entries with their ids.
pub fn import_journal(conn: &Connection, rows: &[JournalEntry]) -> Result<()> {
    for j in rows {
        conn.execute(
            "INSERT INTO journal (id, at, kind, detail) VALUES (?1, ?2, ?3, ?4)",
            params![j.id, j.at, j.kind, j.detail],
        )?;
    }
    Ok(())
}

/// Runs `f` in one transaction, journals it as `kind` with the detail `f` returns, and marks
/// the project updated at `now`. Every feature write goes through here, so an acknowledged
/// change is committed (and journaled) as a whole or not at all.
pub(crate) fn write<T>(
    conn: &mut Connection,
    now: &str,
    kind: &str,
    f: impl FnOnce(&Transaction<'_>) -> Result<(T, String)>,
) -> Result<T> {
    write_in(conn, now, kind, f)
}

/// [`write`] for a module with its own error type.
pub(crate) fn write_in<T, E>(
    conn: &mut Connection,
    now: &str,
    kind: &str,
    f: impl FnOnce(&Transaction<'_>) -> std::result::Result<(T, String), E>,
) -> std::result::Result<T, E>
where
    E: From<rusqlite::Error> + From<StoreError>,
{
    let tx = conn.transaction()?;
    let (out, detail) = f(&tx)?;
    insert(&tx, now, kind, &detail)?;
    tx.execute("UPDATE project SET updated_at = ?1 WHERE id = 1", [now])?;
    tx.commit()?;
    Ok(out)
}
