//! Integration tests of the `ready20k-cli` binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ready20k-cli"))
        .args(args)
        .output()
        .expect("run ready20k-cli")
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
            "clauses",
            "crosswalks",
            "documents",
            "questions",
            "roles",
            "sod_rules",
            "templates"
        ]
    );
    for key in [
        "clauses",
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
