//! Integration tests of the `ready20k-cli` binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

#[path = "it/calendar.rs"]
mod calendar;
#[path = "it/docs.rs"]
mod docs;
#[path = "it/kill.rs"]
mod kill;
#[path = "it/records.rs"]
mod records;
#[path = "it/service_report.rs"]
mod service_report;
#[path = "it/verdict.rs"]
mod verdict;

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ready20k-cli"))
        .args(args)
        .output()
        .expect("run ready20k-cli")
}

/// Runs the CLI and asserts that it succeeded (its stderr is the failure message).
fn cli_ok(args: &[&str]) -> Output {
    let out = cli(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs the CLI, asserts that it succeeded and parses its stdout as JSON.
fn cli_json(args: &[&str]) -> serde_json::Value {
    serde_json::from_slice(&cli_ok(args).stdout).expect("valid JSON")
}

/// Writes the demo firm as of 2026-12-01 (its calendar starts that day) to `dir/demo.r20k`.
fn demo_project(dir: &std::path::Path) -> std::path::PathBuf {
    let demo = dir.join("demo.r20k");
    cli_ok(&["demo", path_arg(&demo), "--date", "2026-12-01"]);
    demo
}

#[test]
fn content_json_prints_the_whole_library() {
    let out = cli(&["content", "--json"]);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let obj = v.as_object().expect("a JSON object");
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "audit_areas",
            "clauses",
            "crosswalks",
            "data_protection",
            "documents",
            "duties",
            "questions",
            "roles",
            "sod_rules",
            "templates"
        ]
    );
    for key in [
        "audit_areas",
        "clauses",
        "data_protection",
        "duties",
        "documents",
        "roles",
        "sod_rules",
        "questions",
        "templates",
    ] {
        assert!(
            !obj[key].as_array().expect("an array").is_empty(),
            "{key} is empty"
        );
    }
    assert!(
        obj["crosswalks"]["clause_map"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
    assert!(
        obj["crosswalks"]["standard_map"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
    let rule = &obj["sod_rules"][0];
    assert!(matches!(
        rule["severity"].as_str(),
        Some("block" | "warn" | "info")
    ));
    let question = &obj["questions"][0];
    assert!(matches!(question["stage"].as_u64(), Some(1 | 2)));
    let tpl = obj["templates"]
        .as_array()
        .and_then(|a| a.iter().find(|t| t["id"] == "TPL-03"))
        .expect("TPL-03");
    assert!(
        tpl["body_text"]
            .as_str()
            .is_some_and(|b| b.contains("_control"))
    );
}

#[test]
fn content_check_passes_on_the_embedded_library() {
    let out = cli(&["content", "--check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "content --check failed:\n{stderr}");
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout.starts_with("content ok: "), "{stdout}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("29 templates"), "{stdout}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn content_json_and_check_conflict() {
    let out = cli(&["content", "--json", "--check"]);
    assert_eq!(out.status.code(), Some(2));
}

fn path_arg(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn demo_export_import_export_is_identical() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.r20k");
    let out = cli(&["demo", path_arg(&demo), "--date", "2026-09-01"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a = dir.path().join("a.json");
    let out = cli(&["export", path_arg(&demo), "-o", path_arg(&a), "--journal"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let copy = dir.path().join("copy.r20k");
    let out = cli(&["import", path_arg(&a), path_arg(&copy)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let b = dir.path().join("b.json");
    let out = cli(&["export", path_arg(&copy), "-o", path_arg(&b), "--journal"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = std::fs::read(&a).unwrap();
    assert!(
        first == std::fs::read(&b).unwrap(),
        "export changed after import"
    );
    let v: serde_json::Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(v["format"], "ready20k-project");
    assert_eq!(v["project"]["firm_name"], "Northwind Managed IT Ltd");
    // Refuses to overwrite the export or the project.
    let out = cli(&["export", path_arg(&demo), "-o", path_arg(&a)]);
    assert_eq!(out.status.code(), Some(2));
    let out = cli(&["import", path_arg(&a), path_arg(&copy)]);
    assert_eq!(out.status.code(), Some(2));
    let out = cli(&["demo", path_arg(&demo)]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn import_lists_malformed_input_with_paths_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.r20k");
    assert!(
        cli(&["demo", path_arg(&demo), "--date", "2026-09-01"])
            .status
            .success()
    );
    let good = dir.path().join("good.json");
    assert!(
        cli(&["export", path_arg(&demo), "-o", path_arg(&good)])
            .status
            .success()
    );
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&good).unwrap()).unwrap();
    v["wizard"]["people"][3]["email"] = serde_json::json!(7);
    v["wizard"]["services"][0]
        .as_object_mut()
        .unwrap()
        .remove("name");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, serde_json::to_vec(&v).unwrap()).unwrap();
    let dest = dir.path().join("new.r20k");
    let out = cli(&["import", path_arg(&bad), path_arg(&dest)]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/wizard/people/3/email: expected a string"),
        "{err}"
    );
    assert!(
        err.contains("/wizard/services/0/name: is required"),
        "{err}"
    );
    assert!(!dest.exists());

    // References are checked too.
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&good).unwrap()).unwrap();
    v["wizard"]["role_holders"][0]["person_id"] = serde_json::json!(4242);
    v["assessment"]["answers"][0]["question_id"] = serde_json::json!("Q-NOPE");
    std::fs::write(&bad, serde_json::to_vec(&v).unwrap()).unwrap();
    let out = cli(&["import", path_arg(&bad), path_arg(&dest)]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/wizard/role_holders/0/person_id: there is no person 4242"),
        "{err}"
    );
    assert!(err.contains("/assessment/answers/0/question_id"), "{err}");
    assert!(!dest.exists());

    std::fs::write(&bad, b"{ not json").unwrap();
    let out = cli(&["import", path_arg(&bad), path_arg(&dest)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid JSON"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("new"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn scorecard_prints_overall_clauses_and_both_verdicts() {
    use ready20k_domain::assessment::{AnswerRecord, NewEvidence};
    use ready20k_domain::scoring::MaturityLevel;
    use ready20k_store::assessment::{answers, evidence};

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acme.r20k");
    let file_arg = file.to_str().unwrap();
    let out = cli(&["new", file_arg, "--firm", "Acme IT"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Empty project: nothing answered, both stages not ready, the scope question a reason.
    let out = cli(&["scorecard", file_arg, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let empty: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut keys: Vec<&str> = empty
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["clauses", "overall", "rules", "stage1", "stage2"]);
    // An empty project: the setup wizard's errors, no audit programme and no review date cap
    // Stage 1, each cap with its reason and what lifts it; Stage 1 lists what is checked.
    let codes: Vec<&str> = empty["stage1"]["caps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    for code in ["setup_error", "no_audit_programme", "no_review_scheduled"] {
        assert!(codes.contains(&code), "{codes:?}");
    }
    assert!(
        empty["stage1"]["caps"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| !c["reason"].as_str().unwrap().is_empty()
                && !c["lift"].as_str().unwrap().is_empty())
    );
    assert_eq!(empty["stage1"]["checks"].as_array().unwrap().len(), 4);
    assert_eq!(empty["stage2"]["checks"].as_array().unwrap().len(), 9);
    assert_eq!(empty["overall"], 0.0);
    assert_eq!(empty["clauses"]["4"], 0.0);
    let reasons = |v: &serde_json::Value, stage: &str| -> Vec<String> {
        v[stage]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["question_id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(reasons(&empty, "stage1").contains(&"Q-4.3-01".to_owned()));
    assert_eq!(empty["stage1"]["verdict"], "not_ready");
    assert_eq!(empty["stage2"]["verdict"], "not_ready");

    // Answer clause 4 at level 4, with evidence for the scope question.
    {
        let clock = std::sync::Arc::new(ready20k_domain::clock::SystemClock);
        let mut p = ready20k_store::Project::open(&file, clock).unwrap();
        let c = &mut p;
        for q in ready20k_domain::content::library()
            .questions
            .iter()
            .filter(|q| q.clause.starts_with("4."))
        {
            answers::save_answer(
                c,
                &AnswerRecord {
                    question_id: q.id.clone(),
                    level: MaturityLevel::Operated,
                    ..AnswerRecord::default()
                },
            )
            .unwrap();
        }
        evidence::add_location(
            c,
            &NewEvidence {
                location: Some("SharePoint / SMS / Scope".into()),
                questions: vec!["Q-4.3-01".into()],
                ..NewEvidence::default()
            },
        )
        .unwrap();
        p.close().unwrap();
    }
    let out = cli(&["scorecard", file_arg, "--json"]);
    let after: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(after["clauses"]["4"].as_f64().unwrap() > 0.0);
    assert!(after["clauses"]["4.3"].as_f64().unwrap() > 0.0);
    assert!(after["overall"].as_f64().unwrap() > 0.0);
    assert!(!reasons(&after, "stage1").contains(&"Q-4.3-01".to_owned()));
    assert!(after["stage2"]["reasons"].as_array().unwrap().len() > 100);

    let out = cli(&["scorecard", file_arg]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("not a certification body's verdict"),
        "{text}"
    );
    assert!(text.contains("Stage 1: not ready"), "{text}");
    assert!(text.contains("Stage 2: not ready"), "{text}");
    assert!(text.contains("To lift: "), "{text}");
    assert!(text.contains("Internal audit cycle"), "{text}");

    let out = cli(&[
        "scorecard",
        dir.path().join("missing.r20k").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn dossier_is_byte_identical_for_the_same_project_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.r20k");
    assert!(
        cli(&["demo", path_arg(&demo), "--date", "2026-03-12"])
            .status
            .success()
    );
    let a = dir.path().join("a.pdf");
    let b = dir.path().join("b.pdf");
    for out in [&a, &b] {
        let o = cli(&[
            "dossier",
            path_arg(&demo),
            "-o",
            path_arg(out),
            "--date",
            "2026-03-12",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stdout).contains("pages"));
    }
    let (pa, pb) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert!(pa.starts_with(b"%PDF-"));
    assert!(pa == pb, "two runs with the same --date differ");
    // Another pack is another document; no temporary file is left behind.
    let s = dir.path().join("s.pdf");
    let o = cli(&[
        "dossier",
        path_arg(&demo),
        "-o",
        path_arg(&s),
        "--date",
        "2026-03-12",
        "--pack",
        "summary",
    ]);
    assert!(o.status.success());
    assert!(std::fs::read(&s).unwrap() != pa);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn dossier_rejects_bad_input_with_exit_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.pdf");
    // Missing project.
    let o = cli(&[
        "dossier",
        dir.path().join("missing.r20k").to_str().unwrap(),
        "-o",
        path_arg(&out),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!o.stderr.is_empty());
    // Not a project export.
    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, "{\"hello\": 1}").unwrap();
    let o = cli(&["dossier", path_arg(&junk), "-o", path_arg(&out)]);
    assert_eq!(o.status.code(), Some(2));
    // Bad date and bad pack.
    let demo = dir.path().join("demo.r20k");
    assert!(
        cli(&["demo", path_arg(&demo), "--date", "2026-03-12"])
            .status
            .success()
    );
    let o = cli(&[
        "dossier",
        path_arg(&demo),
        "-o",
        path_arg(&out),
        "--date",
        "12/03/2026",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--date"));
    let o = cli(&[
        "dossier",
        path_arg(&demo),
        "-o",
        path_arg(&out),
        "--pack",
        "everything",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists());
    // An output directory that does not exist.
    let o = cli(&[
        "dossier",
        path_arg(&demo),
        "-o",
        dir.path().join("no/such/dir/out.pdf").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
}
