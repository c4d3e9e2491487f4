//! `scorecard` shows what each check read from the registers and records.

use crate::{cli_json, cli_ok, demo_project, path_arg};

#[test]
fn scorecard_names_the_records_behind_each_check() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo_project(dir.path());
    let card = cli_json(&["scorecard", path_arg(&demo), "--json"]);
    assert_eq!(card["rules"], 3);
    let records = |stage: &str, topic: &str| -> String {
        let checks = card[stage]["checks"].as_array().unwrap();
        let check = checks.iter().find(|c| c["topic"] == topic).unwrap();
        check["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // The demo's imported tickets, audit cycle and management review are what the checks
    // read.
    assert!(
        records("stage2", "Operating period").contains("Imported operating records"),
        "{card}"
    );
    assert!(records("stage2", "Internal audit cycle").contains("Audit register"));
    assert!(
        records("stage1", "Management review planned and under way").contains("Review register")
    );
    // Every cap says why and what lifts it.
    for stage in ["stage1", "stage2"] {
        for cap in card[stage]["caps"].as_array().unwrap() {
            assert!(!cap["reason"].as_str().unwrap().is_empty(), "{cap}");
            assert!(!cap["lift"].as_str().unwrap().is_empty(), "{cap}");
        }
    }
    let text =
        String::from_utf8_lossy(&cli_ok(&["scorecard", path_arg(&demo)]).stdout).into_owned();
    assert!(text.contains("Imported operating records"), "{text}");
}
