//! Reading rows: one prepared (cached) statement, every row mapped, the first error returned.

use rusqlite::{Connection, Params, Row};

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
