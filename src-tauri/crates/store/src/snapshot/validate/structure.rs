//! Pass 2: the parsed value against the format's JSON Schema (a small interpreter of the
//! schema schemars derives) plus the size limits.

use std::sync::OnceLock;

use serde_json::Value;

use super::{Limits, Problems, seg};

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(crate::snapshot::schema::json_schema)
}

fn resolve<'a>(root: &'a Value, s: &'a Value) -> &'a Value {
    let mut s = s;
    // Follow `$ref`s (a few levels at most; the schema has no cycles through plain refs).
    for _ in 0..8 {
        match s.get("$ref").and_then(Value::as_str) {
            Some(r) => match r
                .strip_prefix("#/$defs/")
                .and_then(|name| root.get("$defs").and_then(|d| d.get(name)))
            {
                Some(target) => s = target,
                None => return s,
            },
            None => return s,
        }
    }
    s
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn type_ok(v: &Value, t: &str) -> bool {
    match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "integer" => v.as_i64().is_some() || v.as_u64().is_some(),
        "number" => v.is_number(),
        "string" => v.is_string(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        _ => true,
    }
}

fn article(t: &str) -> &'static str {
    if t.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Checks `value` against the format's schema and the size limits; every problem is added.
pub(crate) fn check_structure(value: &Value, limits: &Limits, out: &mut Problems) {
    let root = schema();
    walk(root, root, value, "", None, limits, out);
}

fn walk(
    root: &Value,
    s: &Value,
    v: &Value,
    path: &str,
    field: Option<&str>,
    limits: &Limits,
    out: &mut Problems,
) {
    if out.full() {
        return;
    }
    let s = resolve(root, s);
    // Alternatives: `Option<Struct>` (anyOf [ref, null]) and documented enums (oneOf consts).
    for key in ["anyOf", "oneOf"] {
        if let Some(alts) = s.get(key).and_then(Value::as_array) {
            let consts: Vec<&str> = alts
                .iter()
                .filter_map(|a| a.get("const").and_then(Value::as_str))
                .collect();
            if !consts.is_empty() {
                match v.as_str() {
                    Some(text) if consts.contains(&text) => {}
                    Some(text) => out.add(
                        path,
                        format!(
                            "{text:?} is not allowed here; use one of: {}",
                            consts.join(", ")
                        ),
                    ),
                    None => out.add(
                        path,
                        format!(
                            "expected one of: {}; found {}",
                            consts.join(", "),
                            type_name(v)
                        ),
                    ),
                }
                return;
            }
            let non_null: Vec<&Value> = alts
                .iter()
                .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
                .collect();
            if v.is_null() && non_null.len() < alts.len() {
                return;
            }
            if let [only] = non_null.as_slice() {
                walk(root, only, v, path, field, limits, out);
                return;
            }
            // General alternatives: accept when any one matches cleanly.
            for a in alts {
                let mut probe = Problems::new(1);
                walk(root, a, v, path, field, limits, &mut probe);
                if probe.list.is_empty() {
                    return;
                }
            }
            out.add(path, "does not match any allowed form");
            return;
        }
    }
    if let Some(c) = s.get("const") {
        if v != c {
            out.add(path, format!("must be {c}"));
        }
        return;
    }
    if let Some(t) = s.get("type") {
        let allowed: Vec<&str> = match t {
            Value::String(one) => vec![one.as_str()],
            Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        if !allowed.is_empty() && !allowed.iter().any(|t| type_ok(v, t)) {
            let want = allowed
                .iter()
                .map(|t| format!("{} {t}", article(t)))
                .collect::<Vec<_>>()
                .join(" or ");
            out.add(path, format!("expected {want}, found {}", type_name(v)));
            return;
        }
    }
    match v {
        Value::Number(n) => {
            let format = s.get("format").and_then(Value::as_str).unwrap_or("");
            let int_ok = match format {
                "int64" => n.as_i64().is_some(),
                "uint32" => n.as_u64().is_some_and(|x| x <= u64::from(u32::MAX)),
                "uint8" => n.as_u64().is_some_and(|x| x <= 255),
                _ => true,
            };
            if !int_ok {
                out.add(path, format!("{n} is out of range ({format})"));
            } else if let Some(f) = n.as_f64() {
                if let Some(min) = s.get("minimum").and_then(Value::as_f64)
                    && f < min
                {
                    out.add(path, format!("{n} is below the minimum {min}"));
                }
                if let Some(max) = s.get("maximum").and_then(Value::as_f64)
                    && f > max
                {
                    out.add(path, format!("{n} is above the maximum {max}"));
                }
            }
        }
        Value::String(text) => {
            let blob = field == Some("content_base64");
            let max = if blob {
                // Base64 of the largest file, with padding.
                limits.max_blob_bytes.div_ceil(3) * 4
            } else {
                limits.max_string_bytes
            };
            if text.len() > max {
                let what = if blob {
                    format!("file is larger than {} bytes", limits.max_blob_bytes)
                } else {
                    format!("text is longer than {} bytes", limits.max_string_bytes)
                };
                out.add(path, what);
            }
        }
        Value::Array(items) => {
            if items.len() > limits.max_items {
                out.add(
                    path,
                    format!(
                        "list has {} items; at most {}",
                        items.len(),
                        limits.max_items
                    ),
                );
                return;
            }
            match s.get("items") {
                Some(item_schema) => {
                    for (i, item) in items.iter().enumerate() {
                        walk(
                            root,
                            item_schema,
                            item,
                            &format!("{path}/{i}"),
                            None,
                            limits,
                            out,
                        );
                    }
                }
                // An untyped value (filled values, scorecards): still bound its strings.
                None => free(v, path, limits, out),
            }
        }
        Value::Object(map) => {
            let Some(props) = s.get("properties").and_then(Value::as_object) else {
                free(v, path, limits, out);
                return;
            };
            if let Some(req) = s.get("required").and_then(Value::as_array) {
                for r in req.iter().filter_map(Value::as_str) {
                    if !map.contains_key(r) {
                        out.add(format!("{path}/{}", seg(r)), "is required but missing");
                    }
                }
            }
            let closed = s.get("additionalProperties") == Some(&Value::Bool(false));
            for (k, item) in map {
                let p = format!("{path}/{}", seg(k));
                match props.get(k) {
                    Some(ps) => walk(root, ps, item, &p, Some(k), limits, out),
                    None if closed => out.add(p, "is not a known field"),
                    None => free(item, &p, limits, out),
                }
            }
        }
        _ => {}
    }
}

/// Applies only the size limits to a value of any shape.
fn free(v: &Value, path: &str, limits: &Limits, out: &mut Problems) {
    match v {
        Value::String(t) if t.len() > limits.max_string_bytes => out.add(
            path,
            format!("text is longer than {} bytes", limits.max_string_bytes),
        ),
        Value::Array(items) => {
            if items.len() > limits.max_items {
                out.add(
                    path,
                    format!("list has more than {} items", limits.max_items),
                );
                return;
            }
            for (i, item) in items.iter().enumerate() {
                free(item, &format!("{path}/{i}"), limits, out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                if k.len() > limits.max_string_bytes {
                    out.add(path, "a field name is too long");
                }
                free(item, &format!("{path}/{}", seg(k)), limits, out);
            }
        }
        _ => {}
    }
}
