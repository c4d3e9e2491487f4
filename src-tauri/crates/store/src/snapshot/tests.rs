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
        let p = demo_with_registers(&dir.path().join("demo.r20k"));
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

/// Importing `v` is refused as `invalid_import` and leaves no file behind.
fn assert_refused_writing_nothing(v: &Value) {
    let dir = tempfile::tempdir().unwrap();
    let bytes = serde_json::to_vec(v).unwrap();
    let err = import(&bytes, &dir.path().join("new.r20k"), clock()).unwrap_err();
    assert_eq!(err.code(), "invalid_import");
    assert!(no_files_but(dir.path(), &[]));
}

/// The index of the risk titled `title` in an export.
fn risk_at(v: &Value, title: &str) -> usize {
    v["registers"]["risks"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["title"] == title)
        .unwrap()
}

/// The first id of `table`.
fn first_id(p: &crate::Project, table: &str) -> i64 {
    p.conn()
        .query_row(&format!("SELECT min(id) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// The demo project plus a few rows of every operating-records and register table the demo
/// leaves empty (ids above the demo's own) (a kept service-desk export with tickets, risks, supplier records, calendar).
fn demo_with_registers(path: &Path) -> crate::Project {
    let p = create_demo(path, clock()).unwrap();
    let service = first_id(&p, "service");
    let person = first_id(&p, "person");
    let party = first_id(&p, "other_party");
    let issue = first_id(&p, "context_issue");
    let action = first_id(&p, "action");
    let evidence = first_id(&p, "evidence");
    let duty = ready20k_domain::content::library().duties[0].id.clone();
    let csv = b"key,summary\nSD-1,Printer down\n";
    let kept = b"minutes of the review";
    let sha = crate::assessment::evidence::sha256_hex;
    let t = "2026-06-01T09:00:00+00:00";
    let c = p.conn();
    c.execute(
        "INSERT OR IGNORE INTO record_settings (id, business_hours, updated_at) VALUES (1, ?1, ?2)",
        rusqlite::params![
            r#"{"days":[1,2,3,4,5],"start":"09:00","end":"17:00","time_zone":"UTC"}"#,
            t
        ],
    )
    .unwrap();
    c.execute(
        "INSERT INTO record_service_map (source, value, service_id) VALUES ('jira', 'Desk', ?1),
             ('jira', 'Other', NULL)",
        [service],
    )
    .unwrap();
    c.execute(
        "INSERT INTO record_source (id, source, file_name, size, sha256, bytes, imported_at,
             rows_read, rows_added, rows_updated, rows_rejected)
         VALUES (9001, 'jira', 'export.csv', ?1, ?2, ?3, ?4, 1, 1, 0, 0)",
        rusqlite::params![csv.len() as i64, sha(csv), &csv[..], t],
    )
    .unwrap();
    c.execute(
        "INSERT INTO ticket (id, source, external_id, source_file_id, kind, service_value,
             service_id, priority, opened, responded, resolved, title, month, response_s,
             response_bs, resolution_s, resolution_bs)
         VALUES (9001, 'jira', 'SD-1', 9001, 'incident', 'Desk', ?1, 'P2', ?2,
             '2026-06-01T09:30:00+00:00', '2026-06-01T11:00:00+00:00', 'Printer down', 202606,
             1800, 1800, 7200, 7200)",
        rusqlite::params![service, t],
    )
    .unwrap();
    c.execute(
        "INSERT OR REPLACE INTO risk_criteria (id, likelihood, impact, acceptance, updated_at)
         VALUES (1, '[\"a\",\"b\",\"c\",\"d\",\"e\"]', '[\"v\",\"w\",\"x\",\"y\",\"z\"]', 6, ?1)",
        [t],
    )
    .unwrap();
    c.execute(
        "INSERT INTO risk (id, kind, title, source_kind, source_id, owner_id, inherent_l,
             inherent_i, residual_l, residual_i, treatment, review_on, created_at, updated_at)
         VALUES (9001, 'risk', 'Key engineer leaves', 'context_issue', ?1, ?2, 3, 4, 2, 2,
             'reduce', '2026-12-01', ?3, ?3),
             (9002, 'opportunity', 'Cloud offer', 'other', NULL, NULL, 2, 3, NULL, NULL, NULL,
             NULL, ?3, ?3)",
        rusqlite::params![issue, person, t],
    )
    .unwrap();
    c.execute(
        "INSERT INTO risk_action (risk_id, action_id) VALUES (9001, ?1)",
        [action],
    )
    .unwrap();
    c.execute(
        "INSERT OR REPLACE INTO supplier_agreement (id, party_id, contract_ref, start_on, contacts,
             updated_at) VALUES (9001, ?1, 'C-7', '2026-01-01',
             '[{\"name\":\"Ann\",\"role\":\"AM\",\"email\":\"\",\"phone\":\"\"}]', ?2)",
        rusqlite::params![party, t],
    )
    .unwrap();
    c.execute(
        "INSERT INTO supplier_review (id, party_id, reviewed_on, rating, issues, reviewer_id,
             created_at) VALUES (9001, ?1, '2026-05-01', 4, 'late invoices', ?2, ?3)",
        rusqlite::params![party, person, t],
    )
    .unwrap();
    c.execute(
        "INSERT INTO supplier_review_action (review_id, action_id) VALUES (9001, ?1)",
        [action],
    )
    .unwrap();
    c.execute(
        "INSERT INTO supplier_dispute (id, party_id, opened_on, description, status,
             resolved_on, resolution, updated_at)
         VALUES (9001, ?1, '2026-04-01', 'Credit note', 'resolved', '2026-04-20', 'Paid', ?2)",
        rusqlite::params![party, t],
    )
    .unwrap();
    c.execute(
        "INSERT OR REPLACE INTO supplier_none (kind, note, recorded_at) VALUES ('customer', 'none', ?1)",
        [t],
    )
    .unwrap();
    c.execute(
        "INSERT OR REPLACE INTO calendar_duty (duty_id, anchor_on, frequency, owner_id, active, updated_at)
         VALUES (?1, '2026-01-15', 'quarterly', ?2, 1, ?3)",
        rusqlite::params![duty, person, t],
    )
    .unwrap();
    c.execute(
        "INSERT INTO calendar_completion (occurrence_id, series_id, due_on, done_on, person_id,
             evidence_id, note, file_name, size, sha256, created_at)
         VALUES ('occ-1', 's-1', '2026-03-31', '2026-03-30', ?1, ?2, '', NULL, NULL, NULL, ?3),
                ('occ-2', 's-1', '2026-06-30', '2026-06-29', ?1, NULL, 'held', 'minutes.txt',
                 ?4, ?5, ?3)",
        rusqlite::params![person, evidence, t, kept.len() as i64, sha(kept)],
    )
    .unwrap();
    c.execute(
        "INSERT INTO calendar_completion_file (occurrence_id, content) VALUES ('occ-2', ?1)",
        [&kept[..]],
    )
    .unwrap();
    p
}

#[test]
fn export_import_export_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    for journal in [true, false] {
        let opts = CollectOptions { journal };
        let src = demo_with_registers(&dir.path().join(format!("src-{journal}.r20k")));
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
        // The operating records and registers came through, every table non-empty.
        let snap = collect(&copy).unwrap();
        let (r, g) = (&snap.records, &snap.registers);
        assert!(r.settings.is_some() && g.risk_criteria.is_some());
        for (what, n) in [
            ("service levels", r.service_levels.len()),
            ("targets", r.service_level_targets.len()),
            ("service map", r.service_map.len()),
            ("sources", r.sources.len()),
            ("tickets", r.tickets.len()),
            ("risks", g.risks.len()),
            ("risk actions", g.risk_actions.len()),
            ("agreements", g.supplier_agreements.len()),
            ("reviews", g.supplier_reviews.len()),
            ("review actions", g.supplier_review_actions.len()),
            ("disputes", g.supplier_disputes.len()),
            ("nones", g.supplier_nones.len()),
            ("duties", g.calendar_duties.len()),
            ("completions", g.calendar_completions.len()),
        ] {
            assert!(n > 0, "no {what} in the round trip");
        }
        let kept: Vec<u8> = copy
            .conn()
            .query_row(
                "SELECT content FROM calendar_completion_file WHERE occurrence_id = 'occ-2'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(kept, b"minutes of the review");
    }
}

#[test]
fn older_exports_without_records_or_registers_still_import() {
    let mut v = demo_value();
    let o = v.as_object_mut().unwrap();
    // Exports made before operating records and registers existed have none of the later
    // sections either (objectives read tickets, audits and reviews read the registers).
    for later in ["records", "registers", "objectives", "audits", "reviews"] {
        o.remove(later);
    }
    let dir = tempfile::tempdir().unwrap();
    let bytes = serde_json::to_vec(&v).unwrap();
    let copy = import(&bytes, &dir.path().join("old.r20k"), clock()).unwrap();
    let snap = collect(&copy).unwrap();
    assert_eq!(snap.records, RecordsSnap::default());
    assert_eq!(snap.registers, RegistersSnap::default());
}

#[test]
fn tampered_kept_files_are_refused_with_their_paths() {
    let mut v = demo_value();
    v["records"]["sources"][0]["content_base64"] = json!("aGVsbG8=");
    v["records"]["sources"][0]["size"] = json!(5);
    let occ = v["registers"]["calendar_completions"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["file_name"].is_string())
        .unwrap();
    v["registers"]["calendar_completions"][occ]["sha256"] = json!("0".repeat(64));
    let (named, other) = (
        risk_at(&v, "Key engineer leaves"),
        risk_at(&v, "Cloud offer"),
    );
    v["registers"]["risks"][named]["source_kind"] = json!("rumour");
    v["registers"]["risks"][other]["source_id"] = json!(1);
    let list = problems(&v);
    assert!(
        has(&list, "/records/sources/0/sha256", "does not match"),
        "{list:?}"
    );
    let p = format!("/registers/calendar_completions/{occ}/sha256");
    assert!(has(&list, &p, "does not match"), "{list:?}");
    let p = format!("/registers/risks/{named}/source_kind");
    assert!(has(&list, &p, "one of"), "{list:?}");
    let p = format!("/registers/risks/{other}/source_id");
    assert!(has(&list, &p, "has no id"), "{list:?}");
    assert_refused_writing_nothing(&v);
}

#[test]
fn a_risk_source_deleted_after_the_risk_named_it_is_carried() {
    // The app allows deleting the source; the import carries the risk, not refuses it.
    let mut v = demo_value();
    let named = risk_at(&v, "Key engineer leaves");
    v["registers"]["risks"][named]["source_id"] = json!(999_999);
    assert_eq!(problems(&v), vec![]);
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
    assert_refused_writing_nothing(&v);
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
