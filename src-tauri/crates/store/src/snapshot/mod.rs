//! The whole project as one versioned serde value ([`ProjectSnapshot`]): what the dossier is
//! built from, what `ready20k-cli export` writes and what [`import`] reads back.
//!
//! - [`collect`] reads everything in one read transaction.
//! - [`to_json`] writes it as pretty JSON (stable: same project -> same bytes).
//! - [`import`] validates a JSON file completely (types, limits, ids, references, SHA-256 of
//!   every file) and only then writes a new project file, atomically.
//! - [`json_schema`] is the JSON Schema of the format (committed as `docs/project.schema.json`).

mod collect;
mod import;
mod schema;
mod types;
mod validate;

pub use collect::{CollectOptions, collect, collect_conn, collect_with};

pub use import::{ImportError, ImportErrors, import, import_snapshot, import_with, parse};
pub use schema::json_schema;
pub use types::*;
pub use validate::{Limits, validate};

/// Serialises a snapshot as pretty JSON with a trailing newline.
pub fn to_json(snapshot: &ProjectSnapshot) -> crate::Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(snapshot)?;
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests;
