//! The JSON Schema of the snapshot format.

use super::types::ProjectSnapshot;

/// The JSON Schema (draft 2020-12) of [`ProjectSnapshot`], as committed in
/// `docs/project.schema.json`.
pub fn json_schema() -> serde_json::Value {
    schemars::schema_for!(ProjectSnapshot).to_value()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::path::PathBuf;

    /// `docs/project.schema.json` at the workspace root.
    fn committed() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../docs/project.schema.json")
    }

    /// Fails when the committed schema differs from the types. Regenerate with
    /// `UPDATE_SCHEMA=1 cargo test -p ready20k-store schema_is_committed`.
    #[test]
    fn schema_is_committed() {
        let mut text = serde_json::to_string_pretty(&super::json_schema()).unwrap();
        text.push('\n');
        let path = committed();
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, &text).unwrap();
            return;
        }
        let found = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            found == text,
            "{} is out of date with the snapshot types; regenerate it with \
             UPDATE_SCHEMA=1 cargo test -p ready20k-store schema_is_committed",
            path.display()
        );
    }
}
