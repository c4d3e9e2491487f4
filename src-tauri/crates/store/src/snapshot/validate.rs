//! Validation of a snapshot before anything is written.
//!
//! Three passes, each collecting every problem with its JSON Pointer path:
//! 1. [`check_depth`]: nesting depth of the raw bytes, before any parser recursion.
//! 2. [`check_structure`]: the parsed `serde_json::Value` against the format's JSON Schema
//!    (types, required fields, unknown fields, enum values, integer ranges) plus the size
//!    limits (string lengths, list lengths, file sizes).
//! 3. [`validate`]: the typed snapshot: unique ids, every reference resolves (people, roles,
//!    rules, clauses, templates, questions, processes, services, documents, versions, files),
//!    dates and timestamps, and the SHA-256 of every file against its base64 content.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::OnceLock;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ready20k_domain::content::library;
use ready20k_domain::wizard::processes::process;
use serde_json::Value;

use super::import::ImportError;
use super::types::*;
use crate::migrate::LATEST;

/// Limits applied to an imported file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of arrays and objects accepted.
    pub max_depth: usize,
    /// Longest text field, in bytes (file contents excepted).
    pub max_string_bytes: usize,
    /// Longest list.
    pub max_items: usize,
    /// Largest single file (decoded), in bytes.
    pub max_blob_bytes: usize,
    /// Largest input, and largest total of decoded files, in bytes.
    pub max_total_bytes: usize,
    /// Problems reported before giving up.
    pub max_errors: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: 64,
            max_string_bytes: 4 * 1024 * 1024,
            max_items: 200_000,
            max_blob_bytes: 50 * 1024 * 1024,
            max_total_bytes: 512 * 1024 * 1024,
            max_errors: 500,
        }
    }
}

/// Collected problems.
pub(crate) struct Problems {
    pub(crate) list: Vec<ImportError>,
    max: usize,
    dropped: usize,
}

impl Problems {
    pub(crate) fn new(max: usize) -> Self {
        Self {
            list: Vec::new(),
            max: max.max(1),
            dropped: 0,
        }
    }

    pub(crate) fn add(&mut self, path: impl Into<String>, message: impl Into<String>) {
        if self.list.len() < self.max {
            self.list.push(ImportError {
                path: path.into(),
                message: message.into(),
            });
        } else {
            self.dropped += 1;
        }
    }

    pub(crate) fn full(&self) -> bool {
        self.list.len() >= self.max
    }

    pub(crate) fn finish(mut self) -> Vec<ImportError> {
        if self.dropped > 0 {
            self.list.push(ImportError {
                path: String::new(),
                message: format!("{} more problems not listed", self.dropped),
            });
        }
        self.list
    }
}

/// Escapes one JSON Pointer segment.
fn seg(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

// ---------------------------------------------------------------------------------------------
// Pass 1: depth

/// Refuses input nested deeper than `max_depth` (arrays and objects), scanning bytes only.
pub(crate) fn check_depth(bytes: &[u8], max_depth: usize) -> Result<(), String> {
    let mut depth = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    for &b in bytes {
        if in_str {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_str = false;
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max_depth {
                    return Err(format!(
                        "the file is nested more than {max_depth} levels deep; \
                         it is not a Ready20k project"
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Pass 2: structure against the JSON Schema

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(super::schema::json_schema)
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

// ---------------------------------------------------------------------------------------------
// Pass 3: meaning

/// Checks a typed snapshot: ids, references, dates, limits and file hashes. Returns every
/// problem found (empty when the snapshot can be imported).
pub fn validate(s: &ProjectSnapshot, limits: &Limits) -> Vec<ImportError> {
    let mut out = Problems::new(limits.max_errors);
    Checker {
        out: &mut out,
        limits,
        total_blobs: 0,
    }
    .run(s);
    out.finish()
}

fn is_date(s: &str) -> bool {
    s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

fn is_time(s: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(s).is_ok()
}

fn is_sha(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn sha_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

struct Checker<'a> {
    out: &'a mut Problems,
    limits: &'a Limits,
    total_blobs: usize,
}

impl Checker<'_> {
    fn err(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.out.add(path, message);
    }

    fn nonempty(&mut self, path: String, text: &str, what: &str) {
        if text.trim().is_empty() {
            self.err(path, format!("{what} cannot be empty"));
        }
    }

    fn date(&mut self, path: String, d: Option<&str>) {
        if let Some(d) = d
            && !is_date(d)
        {
            self.err(path, format!("{d:?} is not a date (YYYY-MM-DD)"));
        }
    }

    fn time(&mut self, path: String, t: &str) {
        if !is_time(t) {
            self.err(path, format!("{t:?} is not an RFC 3339 timestamp"));
        }
    }

    fn unique<K: Ord + std::fmt::Display>(
        &mut self,
        seen: &mut BTreeMap<K, String>,
        key: K,
        path: String,
    ) {
        if let Some(first) = seen.get(&key) {
            let message = format!("{key} is used twice (first at {first})");
            self.err(path, message);
        } else {
            seen.insert(key, path);
        }
    }

    fn role(&mut self, path: String, id: &str) {
        if library().role(id).is_none() {
            self.err(path, format!("there is no role {id:?} in the library"));
        }
    }

    fn person(&mut self, people: &BTreeSet<i64>, path: String, id: Option<i64>) {
        if let Some(id) = id
            && !people.contains(&id)
        {
            self.err(path, format!("there is no person {id} in /wizard/people"));
        }
    }

    fn question(&mut self, path: String, id: &str) {
        if library().question(id).is_none() {
            self.err(path, format!("there is no question {id:?} in the library"));
        }
    }

    /// Decodes a file, checking its size limit, declared size and SHA-256.
    fn blob(&mut self, path: &str, b64: &str, sha: &str, size: Option<i64>) {
        let bytes = match STANDARD.decode(b64) {
            Ok(b) => b,
            Err(e) => {
                self.err(
                    format!("{path}/content_base64"),
                    format!("is not valid base64 ({e})"),
                );
                return;
            }
        };
        if bytes.len() > self.limits.max_blob_bytes {
            self.err(
                format!("{path}/content_base64"),
                format!("file is larger than {} bytes", self.limits.max_blob_bytes),
            );
        }
        self.total_blobs = self.total_blobs.saturating_add(bytes.len());
        if let Some(size) = size
            && usize::try_from(size).ok() != Some(bytes.len())
        {
            self.err(
                format!("{path}/size"),
                format!("says {size} bytes but the content has {}", bytes.len()),
            );
        }
        if !is_sha(sha) {
            self.err(format!("{path}/sha256"), "must be 64 lowercase hex digits");
        } else if sha_hex(&bytes) != sha {
            self.err(
                format!("{path}/sha256"),
                "does not match the SHA-256 of content_base64 (the file is damaged or altered)",
            );
        }
    }

    fn run(&mut self, s: &ProjectSnapshot) {
        if s.format != FORMAT {
            self.err("/format", format!("must be {FORMAT:?}"));
        }
        if s.format_version != FORMAT_VERSION {
            self.err(
                "/format_version",
                format!(
                    "version {} is not supported; this Ready20k reads {FORMAT_VERSION}",
                    s.format_version
                ),
            );
        }
        if s.schema_version == 0 || s.schema_version > LATEST {
            self.err(
                "/schema_version",
                format!(
                    "schema {} is not supported; this Ready20k knows 1 to {LATEST}",
                    s.schema_version
                ),
            );
        }
        if let Err(m) = ready20k_domain::project::validate_firm_name(&s.project.firm_name) {
            self.err("/project/firm_name", m);
        }
        self.time("/project/created_at".into(), &s.project.created_at);
        if let Some(u) = &s.project.updated_at {
            self.time("/project/updated_at".into(), u);
        }
        let mut keys = BTreeMap::new();
        for (i, st) in s.settings.iter().enumerate() {
            self.unique(&mut keys, st.key.clone(), format!("/settings/{i}/key"));
        }
        if let Some(j) = &s.journal {
            let mut ids = BTreeMap::new();
            for (i, e) in j.iter().enumerate() {
                self.unique(&mut ids, e.id, format!("/journal/{i}/id"));
            }
        }
        let people = self.wizard(&s.wizard);
        let versions = self.documents(&s.documents, &people);
        self.assessment(s, &people, &versions);
        if self.total_blobs > self.limits.max_total_bytes {
            self.err(
                "",
                format!(
                    "the files add up to {} bytes; at most {} can be imported",
                    self.total_blobs, self.limits.max_total_bytes
                ),
            );
        }
    }

    /// Returns the ids of all people (current and removed).
    fn wizard(&mut self, w: &WizardSnapshot) -> BTreeSet<i64> {
        if let Some(p) = &w.profile {
            self.date(
                "/wizard/profile/target_date".into(),
                p.target_date.as_deref(),
            );
            self.time("/wizard/profile/updated_at".into(), &p.updated_at);
        }
        let mut ids = BTreeMap::new();
        for (i, it) in w.issues.iter().enumerate() {
            let p = format!("/wizard/issues/{i}");
            self.unique(&mut ids, it.id, format!("{p}/id"));
            self.nonempty(format!("{p}/text"), &it.text, "an issue");
        }
        let mut ids = BTreeMap::new();
        for (i, it) in w.interested_parties.iter().enumerate() {
            let p = format!("/wizard/interested_parties/{i}");
            self.unique(&mut ids, it.id, format!("{p}/id"));
            self.nonempty(format!("{p}/name"), &it.name, "the name");
        }
        if let Some(c) = &w.climate {
            self.time("/wizard/climate/updated_at".into(), &c.updated_at);
        }
        let mut services = BTreeMap::new();
        for (i, it) in w.services.iter().enumerate() {
            let p = format!("/wizard/services/{i}");
            self.unique(&mut services, it.id, format!("{p}/id"));
            self.nonempty(format!("{p}/name"), &it.name, "the name");
        }
        let mut ids = BTreeMap::new();
        for (i, o) in w.other_parties.iter().enumerate() {
            let p = format!("/wizard/other_parties/{i}");
            self.unique(&mut ids, o.id, format!("{p}/id"));
            self.nonempty(format!("{p}/name"), &o.name, "the name");
            let mut seen = HashSet::new();
            for (k, sid) in o.services.iter().enumerate() {
                if !services.contains_key(sid) {
                    self.err(
                        format!("{p}/services/{k}"),
                        format!("there is no service {sid} in /wizard/services"),
                    );
                } else if !seen.insert(*sid) {
                    self.err(
                        format!("{p}/services/{k}"),
                        format!("service {sid} is listed twice"),
                    );
                }
            }
            let mut seen = HashSet::new();
            for (k, pid) in o.processes.iter().enumerate() {
                if process(pid).is_none() {
                    self.err(
                        format!("{p}/processes/{k}"),
                        format!("there is no process {pid:?}"),
                    );
                } else if !seen.insert(pid.as_str()) {
                    self.err(
                        format!("{p}/processes/{k}"),
                        format!("process {pid} is listed twice"),
                    );
                }
            }
        }
        if let Some(sc) = &w.scope {
            self.time("/wizard/scope/updated_at".into(), &sc.updated_at);
        }
        let mut people = BTreeMap::new();
        let mut emails: BTreeMap<String, usize> = BTreeMap::new();
        for (i, it) in w.people.iter().enumerate() {
            let p = format!("/wizard/people/{i}");
            self.unique(&mut people, it.id, format!("{p}/id"));
            self.nonempty(format!("{p}/name"), &it.name, "the name");
            self.time(format!("{p}/created_at"), &it.created_at);
            if let Some(d) = &it.deleted_at {
                self.time(format!("{p}/deleted_at"), d);
            }
            let email = it.email.trim().to_lowercase();
            if !email.is_empty() {
                if !ready20k_domain::wizard::csv::valid_email(&email) {
                    self.err(
                        format!("{p}/email"),
                        format!("{:?} is not an e-mail address", it.email),
                    );
                }
                if it.deleted_at.is_none() {
                    if let Some(&j) = emails.get(&email) {
                        self.err(
                            format!("{p}/email"),
                            format!("{} is also the address of /wizard/people/{j}", it.email),
                        );
                    } else {
                        emails.insert(email, i);
                    }
                }
            }
        }
        let people: BTreeSet<i64> = people.into_keys().collect();
        let mut pairs = BTreeMap::new();
        for (i, h) in w.role_holders.iter().enumerate() {
            let p = format!("/wizard/role_holders/{i}");
            self.role(format!("{p}/role_id"), &h.role_id);
            self.person(&people, format!("{p}/person_id"), Some(h.person_id));
            self.unique(
                &mut pairs,
                format!("{} held by {}", h.role_id, h.person_id),
                p,
            );
        }
        let mut roles = BTreeMap::new();
        for (i, d) in w.role_deputies.iter().enumerate() {
            let p = format!("/wizard/role_deputies/{i}");
            self.role(format!("{p}/role_id"), &d.role_id);
            self.person(&people, format!("{p}/person_id"), Some(d.person_id));
            self.unique(&mut roles, d.role_id.clone(), format!("{p}/role_id"));
        }
        let mut pairs = BTreeMap::new();
        for (i, m) in w.sod_mitigations.iter().enumerate() {
            let p = format!("/wizard/sod_mitigations/{i}");
            match library().sod_rule(&m.rule_id) {
                None => self.err(
                    format!("{p}/rule_id"),
                    format!("there is no rule {:?} in the library", m.rule_id),
                ),
                Some(r) if !r.mitigation_allowed => self.err(
                    format!("{p}/rule_id"),
                    format!("{} cannot be mitigated", r.id),
                ),
                Some(_) => {}
            }
            self.person(&people, format!("{p}/person_id"), Some(m.person_id));
            self.nonempty(format!("{p}/text"), &m.text, "a mitigation");
            self.time(format!("{p}/recorded_at"), &m.recorded_at);
            self.unique(
                &mut pairs,
                format!("{} for person {}", m.rule_id, m.person_id),
                p,
            );
        }
        if let Some(pr) = &w.progress {
            self.time("/wizard/progress/updated_at".into(), &pr.updated_at);
        }
        people
    }

    /// Returns (doc_key, version id) pairs of every issued version.
    fn documents(
        &mut self,
        docs: &[DocumentSnap],
        people: &BTreeSet<i64>,
    ) -> BTreeSet<(String, i64)> {
        let lib = library();
        let mut doc_ids = BTreeMap::new();
        let mut keys = BTreeMap::new();
        let mut att_ids = BTreeMap::new();
        let mut ver_ids = BTreeMap::new();
        let mut appr_ids = BTreeMap::new();
        let mut versions = BTreeSet::new();
        for (i, d) in docs.iter().enumerate() {
            let p = format!("/documents/{i}");
            self.unique(&mut doc_ids, d.id, format!("{p}/id"));
            self.unique(&mut keys, d.doc_key.clone(), format!("{p}/doc_key"));
            self.nonempty(format!("{p}/doc_key"), &d.doc_key, "the key");
            self.nonempty(format!("{p}/title"), &d.title, "the title");
            if !d.clause.is_empty() && lib.clause(&d.clause).is_none() {
                self.err(
                    format!("{p}/clause"),
                    format!("there is no clause {:?} in the library", d.clause),
                );
            }
            if let Some(t) = &d.template_id
                && lib.template(t).is_none()
            {
                self.err(
                    format!("{p}/template_id"),
                    format!("there is no template {t:?} in the library"),
                );
            }
            self.role(format!("{p}/owner_role"), &d.owner_role);
            self.role(format!("{p}/approver_role"), &d.approver_role);
            if !(1..=120).contains(&d.review_months) {
                self.err(format!("{p}/review_months"), "must be between 1 and 120");
            }
            self.date(
                format!("{p}/next_review_date"),
                d.next_review_date.as_deref(),
            );
            self.time(format!("{p}/created_at"), &d.created_at);
            let mut own: BTreeMap<i64, &str> = BTreeMap::new();
            for (k, a) in d.attachments.iter().enumerate() {
                let ap = format!("{p}/attachments/{k}");
                self.unique(&mut att_ids, a.id, format!("{ap}/id"));
                self.nonempty(format!("{ap}/file_name"), &a.file_name, "the file name");
                self.time(format!("{ap}/added_at"), &a.added_at);
                self.blob(&ap, &a.content_base64, &a.sha256, Some(a.size));
                own.insert(a.id, a.sha256.as_str());
            }
            let own_file = |id: Option<i64>| id.is_none_or(|id| own.contains_key(&id));
            if let Some(dr) = &d.draft {
                if !own_file(dr.attachment_id) {
                    self.err(
                        format!("{p}/draft/attachment_id"),
                        "is not one of this document's attachments",
                    );
                }
                self.person(
                    people,
                    format!("{p}/draft/author_person_id"),
                    dr.author_person_id,
                );
                if !dr.filled_values.is_object() {
                    self.err(format!("{p}/draft/filled_values"), "must be an object");
                }
                self.time(format!("{p}/draft/updated_at"), &dr.updated_at);
            }
            let mut numbers = BTreeMap::new();
            for (k, v) in d.versions.iter().enumerate() {
                let vp = format!("{p}/versions/{k}");
                self.unique(&mut ver_ids, v.id, format!("{vp}/id"));
                versions.insert((d.doc_key.clone(), v.id));
                if v.major < 1 || v.minor < 0 {
                    self.err(format!("{vp}/major"), "version numbers start at 1.0");
                }
                self.unique(
                    &mut numbers,
                    format!("version {}.{}", v.major, v.minor),
                    vp.clone(),
                );
                if !is_sha(&v.sha256) {
                    self.err(format!("{vp}/sha256"), "must be 64 lowercase hex digits");
                } else {
                    match v.attachment_id {
                        Some(a) => match own.get(&a) {
                            None => self.err(
                                format!("{vp}/attachment_id"),
                                "is not one of this document's attachments",
                            ),
                            Some(sha) if *sha != v.sha256 => self.err(
                                format!("{vp}/sha256"),
                                "does not match the attachment's SHA-256",
                            ),
                            Some(_) => {}
                        },
                        None => {
                            if sha_hex(v.body.as_bytes()) != v.sha256 {
                                self.err(format!("{vp}/sha256"), "does not match the SHA-256 of the body (the version was altered)");
                            }
                        }
                    }
                }
                self.nonempty(
                    format!("{vp}/change_summary"),
                    &v.change_summary,
                    "the change summary",
                );
                self.person(people, format!("{vp}/author_person_id"), v.author_person_id);
                if !v.filled_values.is_object() {
                    self.err(format!("{vp}/filled_values"), "must be an object");
                }
                self.time(format!("{vp}/issued_at"), &v.issued_at);
                if let Some(a) = &v.approval {
                    let ap = format!("{vp}/approval");
                    self.unique(&mut appr_ids, a.id, format!("{ap}/id"));
                    self.person(
                        people,
                        format!("{ap}/approver_person_id"),
                        Some(a.approver_person_id),
                    );
                    self.role(format!("{ap}/role_id"), &a.role_id);
                    self.time(format!("{ap}/approved_at"), &a.approved_at);
                }
            }
        }
        versions
    }

    fn assessment(
        &mut self,
        s: &ProjectSnapshot,
        people: &BTreeSet<i64>,
        versions: &BTreeSet<(String, i64)>,
    ) {
        let a = &s.assessment;
        let parties: BTreeSet<i64> = s.wizard.other_parties.iter().map(|o| o.id).collect();
        let mut ids = BTreeMap::new();
        for (i, an) in a.answers.iter().enumerate() {
            let p = format!("/assessment/answers/{i}");
            self.unique(&mut ids, an.question_id.clone(), format!("{p}/question_id"));
            self.question(format!("{p}/question_id"), &an.question_id);
            if an.level > 5 {
                self.err(format!("{p}/level"), "must be between 0 and 5");
            }
            self.person(people, format!("{p}/owner_id"), an.owner_id);
            if let Some(o) = an.other_party_id
                && !parties.contains(&o)
            {
                self.err(
                    format!("{p}/other_party_id"),
                    format!("there is no other party {o} in /wizard/other_parties"),
                );
            }
            self.date(format!("{p}/target_date"), an.target_date.as_deref());
            self.time(format!("{p}/updated_at"), &an.updated_at);
        }
        let mut ids = BTreeMap::new();
        for (i, e) in a.evidence.iter().enumerate() {
            let p = format!("/assessment/evidence/{i}");
            self.unique(&mut ids, e.id, format!("{p}/id"));
            self.nonempty(format!("{p}/title"), &e.title, "the title");
            match e.kind {
                EvidenceKindSnap::File => {
                    match (&e.file_name, &e.sha256, &e.content_base64, e.size) {
                        (Some(name), Some(sha), Some(b64), Some(size)) => {
                            self.nonempty(format!("{p}/file_name"), name, "the file name");
                            self.blob(&p, b64, sha, Some(size));
                        }
                        _ => self.err(
                            p.clone(),
                            "file evidence needs file_name, size, sha256 and content_base64",
                        ),
                    }
                }
                EvidenceKindSnap::Document => match (&e.document_id, e.document_version) {
                    (Some(doc), Some(v)) => {
                        if !versions.contains(&(doc.clone(), v)) {
                            self.err(
                                format!("{p}/document_version"),
                                format!("document {doc:?} has no issued version with id {v} in /documents"),
                            );
                        }
                    }
                    _ => self.err(
                        p.clone(),
                        "document evidence needs document_id and document_version",
                    ),
                },
                EvidenceKindSnap::Location => {
                    if e.location.as_deref().is_none_or(|l| l.trim().is_empty()) {
                        self.err(
                            format!("{p}/location"),
                            "location evidence needs a location",
                        );
                    }
                }
            }
            if e.kind != EvidenceKindSnap::File && e.content_base64.is_some() {
                self.err(
                    format!("{p}/content_base64"),
                    "only file evidence has content",
                );
            }
            self.time(format!("{p}/added_at"), &e.added_at);
            self.date(format!("{p}/expires_on"), e.expires_on.as_deref());
            self.date(format!("{p}/review_on"), e.review_on.as_deref());
            let mut seen = HashSet::new();
            for (k, q) in e.questions.iter().enumerate() {
                self.question(format!("{p}/questions/{k}"), q);
                if !seen.insert(q.as_str()) {
                    self.err(format!("{p}/questions/{k}"), format!("{q} is listed twice"));
                }
            }
        }
        let mut ids = BTreeMap::new();
        for (i, ac) in a.actions.iter().enumerate() {
            let p = format!("/assessment/actions/{i}");
            self.unique(&mut ids, ac.id, format!("{p}/id"));
            self.nonempty(format!("{p}/title"), &ac.title, "the title");
            match &ac.question_id {
                Some(q) => self.question(format!("{p}/question_id"), q),
                None if ac.source == ActionSourceSnap::Gap => self.err(
                    format!("{p}/question_id"),
                    "an action from a gap needs its question",
                ),
                None => {}
            }
            self.person(people, format!("{p}/owner_id"), ac.owner_id);
            self.date(format!("{p}/due"), ac.due.as_deref());
            self.time(format!("{p}/created_at"), &ac.created_at);
            self.time(format!("{p}/updated_at"), &ac.updated_at);
        }
        let mut ids = BTreeMap::new();
        let verdicts = ["not_ready", "nearly_ready", "ready"];
        for (i, sn) in a.snapshots.iter().enumerate() {
            let p = format!("/assessment/snapshots/{i}");
            self.unique(&mut ids, sn.id, format!("{p}/id"));
            self.nonempty(format!("{p}/label"), &sn.label, "the label");
            self.time(format!("{p}/taken_at"), &sn.taken_at);
            for (field, v) in [("stage1", &sn.stage1), ("stage2", &sn.stage2)] {
                if !verdicts.contains(&v.as_str()) {
                    self.err(
                        format!("{p}/{field}"),
                        format!("use one of: {}", verdicts.join(", ")),
                    );
                }
            }
            for (field, x) in [
                ("overall", sn.overall),
                ("stage1_score", sn.stage1_score),
                ("stage2_score", sn.stage2_score),
            ] {
                if !x.is_finite() {
                    self.err(format!("{p}/{field}"), "must be a number");
                }
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn depth_scan_ignores_brackets_in_strings() {
        assert!(check_depth(br#"{"a":"[[[[[[[[[[\"[[[["}"#, 3).is_ok());
        assert!(check_depth(b"[[[[]]]]", 3).is_err());
        assert!(check_depth(b"[[[]]]", 3).is_ok());
    }

    #[test]
    fn pointer_segments_are_escaped() {
        assert_eq!(seg("a/b~c"), "a~1b~0c");
    }
}
