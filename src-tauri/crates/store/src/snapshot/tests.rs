#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::{Arc, OnceLock};

use proptest::prelude::*;
use ready20k_domain::clock::{Clock, FixedClock};
use serde_json::{Value, json};

use super::*;
use crate::demo::create_demo;

fn clock() -> Arc<dyn Clock> {
    Arc::new(FixedClock::at_date(2026, 9, 1).unwrap())
}

/// The demo project's export, with the journal, built once.
fn demo_json() -> &'static [u8] {
    static JSON: OnceLock<Vec<u8>> = OnceLock::new();
    JSON.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let p = create_demo(&dir.path().join("demo.r20k"), clock()).unwrap();
        to_json(&collect_with(&p, CollectOptions { journal: true }).unwrap()).unwrap()
    })
}

fn demo_value() -> Value {
    serde_json::from_slice(demo_json()).unwrap()
}

fn problems(value: &Value) -> Vec<ImportError> {
    let bytes = serde_json::to_vec(value).unwrap();
    match parse(&bytes, &Limits::default()) {
        Ok(_) => vec![],
        Err(e) => e.problems().to_vec(),
    }
}

fn has(list: &[ImportError], path: &str, words: &str) -> bool {
    list.iter()
        .any(|e| e.path == path && e.message.contains(words))
}

fn no_files_but(dir: &Path, keep: &[&str]) -> bool {
    std::fs::read_dir(dir).unwrap().all(|e| {
        let name = e.unwrap().file_name();
        keep.iter().any(|k| name == *k)
    })
}

#[test]
fn export_import_export_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    for journal in [true, false] {
        let opts = CollectOptions { journal };
        let src = create_demo(&dir.path().join(format!("src-{journal}.r20k")), clock()).unwrap();
        let first = to_json(&collect_with(&src, opts).unwrap()).unwrap();
        let dest = dir.path().join(format!("copy-{journal}.r20k"));
        let copy = import(&first, &dest, clock()).unwrap();
        let second = to_json(&collect_with(&copy, opts).unwrap()).unwrap();
        assert!(
            first == second,
            "round trip changed the export (journal {journal})"
        );
        // The copy works with the app's own readers.
        let data = crate::wizard::load(copy.conn()).unwrap();
        assert_eq!(data, crate::wizard::load(src.conn()).unwrap());
        assert_eq!(data.people.len(), 6);
    }
}

#[test]
fn import_refuses_existing_destination_and_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("there.r20k");
    std::fs::write(&dest, b"mine").unwrap();
    let err = import(demo_json(), &dest, clock()).unwrap_err();
    assert_eq!(err.code(), "already_exists");
    assert_eq!(std::fs::read(&dest).unwrap(), b"mine");
}

#[test]
fn invalid_input_lists_every_problem_with_paths_and_writes_nothing() {
    let mut v = demo_value();
    v["wizard"]["people"][3]["email"] = json!(42);
    v["wizard"]["people"][1]
        .as_object_mut()
        .unwrap()
        .remove("name");
    v["wizard"]["services"][0]["colour"] = json!("blue");
    v["assessment"]["actions"][0]["status"] = json!("finished");
    let list = problems(&v);
    assert!(
        has(
            &list,
            "/wizard/people/3/email",
            "expected a string, found integer"
        ),
        "{list:?}"
    );
    assert!(has(&list, "/wizard/people/1/name", "required"), "{list:?}");
    assert!(
        has(&list, "/wizard/services/0/colour", "not a known field"),
        "{list:?}"
    );
    assert!(
        has(&list, "/assessment/actions/0/status", "one of"),
        "{list:?}"
    );

    // Meaning: all reported together once the structure is right.
    let mut v = demo_value();
    let first_person = v["wizard"]["people"][0]["id"].clone();
    v["wizard"]["people"][2]["id"] = first_person;
    v["wizard"]["role_holders"][0]["role_id"] = json!("ROLE-NOPE");
    v["wizard"]["role_holders"][1]["person_id"] = json!(999);
    v["assessment"]["answers"][0]["question_id"] = json!("Q-99.9-01");
    v["documents"][0]["owner_role"] = json!("ROLE-MISSING");
    v["documents"][0]["clause"] = json!("42.1");
    v["documents"][0]["versions"][0]["body"] = json!("tampered");
    let ev = v["assessment"]["evidence"].as_array_mut().unwrap();
    let file_at = ev.iter().position(|e| e["kind"] == "file").unwrap();
    ev[file_at]["content_base64"] = json!("aGVsbG8=");
    let bad_b64_at = ev.iter().rposition(|e| e["kind"] == "file").unwrap();
    ev[bad_b64_at]["content_base64"] = json!("!!not base64!!");
    let list = problems(&v);
    assert!(has(&list, "/wizard/people/2/id", "used twice"), "{list:?}");
    assert!(
        has(&list, "/wizard/role_holders/0/role_id", "no role"),
        "{list:?}"
    );
    assert!(
        has(&list, "/wizard/role_holders/1/person_id", "no person 999"),
        "{list:?}"
    );
    assert!(
        has(&list, "/assessment/answers/0/question_id", "no question"),
        "{list:?}"
    );
    assert!(has(&list, "/documents/0/owner_role", "no role"), "{list:?}");
    assert!(has(&list, "/documents/0/clause", "no clause"), "{list:?}");
    assert!(
        has(&list, "/documents/0/versions/0/sha256", "altered"),
        "{list:?}"
    );
    let p = format!("/assessment/evidence/{file_at}/sha256");
    assert!(has(&list, &p, "does not match"), "{list:?}");
    let p = format!("/assessment/evidence/{bad_b64_at}/content_base64");
    assert!(has(&list, &p, "base64"), "{list:?}");

    // Nothing is written for an invalid file.
    let dir = tempfile::tempdir().unwrap();
    let bytes = serde_json::to_vec(&v).unwrap();
    let err = import(&bytes, &dir.path().join("new.r20k"), clock()).unwrap_err();
    assert_eq!(err.code(), "invalid_import");
    assert!(no_files_but(dir.path(), &[]));
}

#[test]
fn hostile_shapes_are_refused_before_parsing() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let list = parse(deep.as_bytes(), &Limits::default())
        .unwrap_err()
        .problems()
        .to_vec();
    assert!(list[0].message.contains("nested"), "{list:?}");

    // Every problem is listed, however many the demo's texts produce.
    let small = Limits {
        max_string_bytes: 100,
        max_blob_bytes: 10,
        max_errors: usize::MAX,
        ..Limits::default()
    };
    let mut v = demo_value();
    v["wizard"]["issues"][0]["text"] = json!("x".repeat(101));
    let bytes = serde_json::to_vec(&v).unwrap();
    let list = parse(&bytes, &small).unwrap_err().problems().to_vec();
    assert!(
        has(&list, "/wizard/issues/0/text", "longer than 100"),
        "{list:?}"
    );
    let ev = list
        .iter()
        .find(|e| e.path.ends_with("/content_base64"))
        .expect("a file over the blob limit");
    assert!(ev.message.contains("larger than 10"));

    let total = Limits {
        max_total_bytes: 1000,
        ..Limits::default()
    };
    assert!(parse(demo_json(), &total).is_err());

    for bad in [
        &b""[..],
        b"null",
        b"[]",
        b"{",
        b"\"x\"",
        b"{\"format\":1}",
        &[0xff, 0xfe],
    ] {
        assert!(parse(bad, &Limits::default()).is_err());
    }
    let mut v = demo_value();
    v["format_version"] = json!(2);
    v["schema_version"] = json!(99);
    let list = problems(&v);
    assert!(has(&list, "/format_version", "not supported"), "{list:?}");
    assert!(has(&list, "/schema_version", "not supported"), "{list:?}");
}

/// Every JSON Pointer in `v`.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(
                    x,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e300f64..1e300).prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
        Just(json!("ROLE-TM")),
        Just(json!(1)),
        Just(json!(0)),
        Just(json!(-1)),
        Just(json!("")),
        Just(json!("2026-02-30")),
        Just(json!("=====")),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(".{0,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Replacing or removing any value never panics, and whatever validation accepts can be
    /// written (validation covers the database's own constraints).
    #[test]
    fn mutated_snapshots_error_cleanly(picks in prop::collection::vec((any::<prop::sample::Index>(), any_json(), any::<bool>()), 1..4)) {
        let mut v = demo_value();
        for (idx, new, remove) in picks {
            let mut all = Vec::new();
            pointers(&v, String::new(), &mut all);
            let at = idx.get(&all).clone();
            if remove && !at.is_empty() {
                let (parent, key) = at.rsplit_once('/').unwrap();
                match v.pointer_mut(parent) {
                    Some(Value::Object(m)) => { m.remove(&key.replace("~1", "/").replace("~0", "~")); }
                    Some(Value::Array(a)) => {
                        if let Ok(i) = key.parse::<usize>() && i < a.len() {
                            a.remove(i);
                        }
                    }
                    _ => {}
                }
            } else if let Some(slot) = v.pointer_mut(&at) {
                *slot = new;
            }
        }
        let bytes = serde_json::to_vec(&v).unwrap();
        if let Ok(snap) = parse(&bytes, &Limits::default()) {
            let dir = tempfile::tempdir().unwrap();
            let written = import_snapshot(&snap, &dir.path().join("p.r20k"), clock());
            prop_assert!(written.is_ok(), "validated but not writable: {:?}", written.err());
        }
    }

    /// Arbitrary bytes never panic.
    #[test]
    fn arbitrary_bytes_error_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse(&bytes, &Limits::default());
    }
}
