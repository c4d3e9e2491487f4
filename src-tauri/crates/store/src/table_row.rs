//! Snapshot rows stored column for column in one table: described once with [`table_row!`],
//! read in key order by [`export`] and written back by [`import`], so no table's columns are
//! spelled out twice (once to select, once to insert). Link tables (an entry and an action)
//! are each one [`LinkTable`].

use ready20k_domain::snapshot::LinkSnap;
use rusqlite::{CachedStatement, Connection, Row};

use crate::{Result, rows};

/// A row type whose fields are the columns of one table (in the order of [`Self::COLUMNS`]).
pub(crate) trait TableRow: Sized {
    /// The table.
    const TABLE: &'static str;
    /// Its columns, in field order.
    const COLUMNS: &'static [&'static str];
    /// The `ORDER BY` of an export (the table's key).
    const ORDER: &'static str;
    /// The row read by `SELECT <COLUMNS>`.
    fn read(r: &Row<'_>) -> rusqlite::Result<Self>;
    /// Runs `INSERT INTO <TABLE> (<COLUMNS>) VALUES (?, ...)` for this row.
    fn write(&self, stmt: &mut CachedStatement<'_>) -> rusqlite::Result<usize>;
}

/// Every row of `T`'s table, in key order.
pub(crate) fn export<T: TableRow>(conn: &Connection) -> Result<Vec<T>> {
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {}",
        T::COLUMNS.join(", "),
        T::TABLE,
        T::ORDER
    );
    rows::all(conn, &sql, [], T::read)
}

/// Writes `rows` into `T`'s table with their keys (into a fresh, migrated file).
pub(crate) fn import<T: TableRow>(conn: &Connection, rows: &[T]) -> Result<()> {
    let marks = vec!["?"; T::COLUMNS.len()].join(", ");
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({marks})",
        T::TABLE,
        T::COLUMNS.join(", ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    for row in rows {
        row.write(&mut stmt)?;
    }
    Ok(())
}

/// A link table between register entries and the actions they raised: `(owner, action_id)`.
pub(crate) struct LinkTable {
    /// The table.
    pub table: &'static str,
    /// Its column naming the register entry.
    pub owner: &'static str,
}

impl LinkTable {
    /// Every link, in key order.
    pub(crate) fn export(&self, conn: &Connection) -> Result<Vec<LinkSnap>> {
        let Self { table, owner } = self;
        let sql = format!("SELECT {owner}, action_id FROM {table} ORDER BY {owner}, action_id");
        rows::all(conn, &sql, [], |r| {
            Ok(LinkSnap {
                id: r.get(0)?,
                action_id: r.get(1)?,
            })
        })
    }

    /// Writes `links` back (entries and actions in place).
    pub(crate) fn import(&self, conn: &Connection, links: &[LinkSnap]) -> Result<()> {
        let Self { table, owner } = self;
        let sql = format!("INSERT INTO {table} ({owner}, action_id) VALUES (?1, ?2)");
        let mut stmt = conn.prepare_cached(&sql)?;
        for l in links {
            stmt.execute([l.id, l.action_id])?;
        }
        Ok(())
    }
}

/// Implements [`TableRow`] for a snapshot type: `table_row!(Type, "table", "key", [field, ...])`.
/// A field whose column has another name is written `field = "column"`; fields that are not
/// columns follow `default [field, ...]` and are read as their `Default`.
macro_rules! table_row {
    ($ty:ty, $table:literal, $order:literal,
     [$($field:ident $(= $col:literal)?),+ $(,)?] $(, default [$($def:ident),* $(,)?])?) => {
        impl $crate::table_row::TableRow for $ty {
            const TABLE: &'static str = $table;
            const COLUMNS: &'static [&'static str] =
                &[$($crate::table_row::table_row!(@col $field $($col)?)),+];
            const ORDER: &'static str = $order;
            fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
                let mut i = 0usize;
                let mut next = || {
                    i += 1;
                    i - 1
                };
                Ok(Self {
                    $($field: r.get(next())?,)+
                    $($($def: Default::default(),)*)?
                })
            }
            fn write(&self, stmt: &mut rusqlite::CachedStatement<'_>) -> rusqlite::Result<usize> {
                stmt.execute(rusqlite::params![$(self.$field),+])
            }
        }
    };
    (@col $field:ident) => { stringify!($field) };
    (@col $field:ident $col:literal) => { $col };
}
pub(crate) use table_row;
