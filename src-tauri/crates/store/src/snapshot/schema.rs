//! The JSON Schema of the snapshot format.

use super::types::ProjectSnapshot;

/// The JSON Schema (draft 2020-12) of [`ProjectSnapshot`], as committed in
/// `docs/project.schema.json`.
/// Object keys are sorted, so the text is the same whether or not another crate in the build
/// turns on serde_json's `preserve_order` (tauri does).
pub fn json_schema() -> serde_json::Value {
    sorted(schemars::schema_for!(ProjectSnapshot).to_value())
}

/// `v` with every object's keys in sorted order.
fn sorted(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
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
