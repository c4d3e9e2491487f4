//! Reading rows: one prepared (cached) statement, every row mapped, the first error returned.

use rusqlite::{Connection, Params, Row, ToSql};

use crate::Result;

/// Every row of `sql` with `params`, mapped by `f`.
pub(crate) fn all<T, P: Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, f)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The id of the row an upsert (`id = nullif(?, 0)`) just wrote: the new row id when `id` is 0.
pub(crate) fn upserted_id(conn: &Connection, id: i64) -> i64 {
    if id == 0 {
        conn.last_insert_rowid()
    } else {
        id
    }
}

/// Inserts one row into `table`: `columns` is its column list starting with `id`, `values`
/// its values in that order; an id of 0 lets SQLite choose it. Returns the row's id.
pub(crate) fn insert(
    conn: &Connection,
    table: &str,
    columns: &str,
    values: &[&dyn ToSql],
) -> Result<i64> {
    let marks: String = (2..=values.len()).map(|i| format!(", ?{i}")).collect();
    let sql = format!("INSERT INTO {table} ({columns}) VALUES (nullif(?1, 0){marks})");
    conn.execute(&sql, values)?;
    Ok(conn.last_insert_rowid())
}
