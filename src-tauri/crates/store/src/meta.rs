//! The `project` header row and the `settings` table, as snapshot rows.

use ready20k_domain::snapshot::{ProjectHeader, Setting};
use rusqlite::{Connection, params};

use crate::{Result, rows};

/// The `project` row.
pub fn export_header(conn: &Connection) -> Result<ProjectHeader> {
    Ok(conn.query_row(
        "SELECT firm_name, created_at, updated_at, app_version FROM project WHERE id = 1",
        [],
        |r| {
            Ok(ProjectHeader {
                firm_name: r.get(0)?,
                created_at: r.get(1)?,
                updated_at: r.get(2)?,
                app_version: r.get(3)?,
            })
        },
    )?)
}

/// Inserts the `project` row.
pub fn import_header(conn: &Connection, h: &ProjectHeader) -> Result<()> {
    conn.execute(
        "INSERT INTO project (id, firm_name, created_at, app_version, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4)",
        params![h.firm_name, h.created_at, h.app_version, h.updated_at],
    )?;
    Ok(())
}

/// Every setting, by key.
pub fn export_settings(conn: &Connection) -> Result<Vec<Setting>> {
    rows::all(
        conn,
        "SELECT key, value FROM settings ORDER BY key",
        [],
        |r| {
            Ok(Setting {
                key: r.get(0)?,
                value: r.get(1)?,
            })
        },
    )
}

/// Inserts settings.
pub fn import_settings(conn: &Connection, rows: &[Setting]) -> Result<()> {
    for st in rows {
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)",
            params![st.key, st.value],
        )?;
    }
    Ok(())
}
