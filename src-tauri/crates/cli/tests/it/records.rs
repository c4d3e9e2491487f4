//! `records import`, `records report`, `records hours` and `records convert-sla`.

use std::path::Path;

use super::{cli, cli_json, cli_ok, demo_project, path_arg};

const HEADER: &str = "id,kind,service,priority,opened,responded,resolved,requester,approver,implementer,change_type,outcome,title\n";

/// October 2020 (its weekdays and clock change fall as in 2026, and the demo firm's own
/// records, June to November 2026, stay out of the window) for the demo firm's Managed Workplace (P1 24x7: response 30 min, resolution
/// 4 h; requests within 2 working days = 960 business minutes on 09:00–17:00 London).
const GOOD: &str = "\
INC-1,incident,Managed Workplace,P1,2020-10-05T09:12,2020-10-05T09:30,2020-10-05T12:30,Tom,,Priya,,,Mail outage
INC-2,incident,Managed Workplace,P1,2020-10-10T22:00,2020-10-10T22:45,2020-10-11T04:00,Tom,,Priya,,,VPN down
REQ-1,request,Managed Workplace,P4,2020-10-01T10:00,,2020-10-05T10:00,Sara,,Liam,,,New starter
CHG-1,change,Cloud Hosting,P3,2020-10-14T10:00,,2020-10-14T12:00,Marek,Marek,Anna,normal,success,Patch hosts
CHG-2,change,Cloud Hosting,P2,2020-10-20T17:00,,2020-10-20T19:00,Anna,Tom,Priya,emergency,rolled_back,Firewall
INC-3,incident,Helpdesk,P2,2020-11-03T10:00,,,Tom,,Priya,,,Unknown service
";

/// The demo firm as of 2026-12-01 with working hours 09:00–17:00 London, Monday to Friday,
/// and its service levels converted from their text.
fn demo(dir: &Path) -> std::path::PathBuf {
    let demo = demo_project(dir);
    cli_ok(&[
        "records",
        "hours",
        path_arg(&demo),
        "--days",
        "1-5",
        "--start",
        "09:00",
        "--end",
        "17:00",
        "--tz",
        "Europe/London",
    ]);
    let out = cli_ok(&["records", "convert-sla", path_arg(&demo)]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("converted: P1 response 30 min"), "{text}");
    assert!(
        text.contains("kept as a note: restore from backup within 8 h"),
        "{text}"
    );
    demo
}

/// `records report <demo> --json` with `extra` arguments, parsed.
fn report_json(demo: &Path, extra: &[&str]) -> serde_json::Value {
    cli_json(&[&["records", "report", path_arg(demo), "--json"], extra].concat())
}

/// `records import <demo> <csv> --from <preset>` with `extra` arguments (not checked).
fn import(demo: &Path, csv: &Path, preset: &str, extra: &[&str]) -> std::process::Output {
    let head = [
        "records",
        "import",
        path_arg(demo),
        path_arg(csv),
        "--from",
        preset,
    ];
    cli(&[&head[..], extra].concat())
}

/// As [`import`], asserting success; returns stdout.
fn import_ok(demo: &Path, csv: &Path, preset: &str, extra: &[&str]) -> String {
    let out = import(demo, csv, preset, extra);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn records_import_then_report_json() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo(dir.path());
    let csv = dir.path().join("tickets.csv");
    std::fs::write(&csv, format!("{HEADER}{GOOD}")).unwrap();
    let text = import_ok(&demo, &csv, "ready20k", &[]);
    assert!(text.contains("6 added, 0 updated, 0 unchanged"), "{text}");
    assert!(text.contains("1 without a service"), "{text}");
    assert!(
        text.contains("service \"Helpdesk\" -> no service"),
        "{text}"
    );

    // Re-importing the same file adds nothing.
    let out = import(&demo, &csv, "ready20k", &[]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 added, 0 updated, 6 unchanged"));

    let v = report_json(&demo, &["--from", "2020-10", "--to", "2020-10"]);
    assert_eq!(v["months_of_records"], 1);
    let services = v["services"].as_array().unwrap();
    let names: Vec<&str> = services
        .iter()
        .map(|s| s["service"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Managed Workplace", "Cloud Hosting", "Backup and Recovery"]
    );
    let mw = &services[0];
    assert_eq!(mw["targets"]["P1"]["response_min"], 30);
    assert_eq!(mw["targets"]["P1"]["resolution_min"], 240);
    assert_eq!(mw["targets"]["P1"]["clock"], "24x7");
    let oct = &mw["months"][0];
    assert_eq!(oct["month"], "2020-10");
    assert_eq!(oct["incidents"], 2);
    // INC-1 responded in 18 min, INC-2 in 45 min: 1 of 2. INC-1 resolved in 3 h 18 min,
    // INC-2 in 6 h: 1 of 2.
    assert_eq!(oct["incidents_response_met_pct"], 50.0);
    assert_eq!(oct["incidents_resolution_met_pct"], 50.0);
    // REQ-1: Thursday 10:00 -> Monday 10:00 is 420 + 480 + 60 = 960 business minutes: met.
    assert_eq!(oct["requests"], 1);
    assert_eq!(oct["requests_fulfilled_met_pct"], 100.0);
    assert_eq!(oct["changes"], 0);
    let hosting = &services[1]["months"][0];
    assert_eq!(hosting["changes"], 2);
    assert_eq!(hosting["changes_failed"], 1);
    assert_eq!(hosting["changes_emergency"], 1);
    assert_eq!(hosting["changes_self_approved"], 1);
    // Cloud Hosting has no response/resolution targets: null, not 0.
    assert!(hosting["incidents_response_met_pct"].is_null());
    let keys: Vec<&str> = oct
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "changes",
            "changes_emergency",
            "changes_failed",
            "changes_self_approved",
            "incidents",
            "incidents_resolution_met_pct",
            "incidents_response_met_pct",
            "month",
            "requests",
            "requests_fulfilled_met_pct"
        ]
    );

    // The whole period adds November and the "No service" row.
    let window = ["--from", "2020-10", "--to", "2020-11"];
    let all = report_json(&demo, &window);
    assert_eq!(all["months_of_records"], 2);
    let last = all["services"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["service"], "No service");
    assert_eq!(last["months"][1]["incidents"], 1);

    // Mapping the unknown value re-files the ticket on the next import.
    let text = import_ok(
        &demo,
        &csv,
        "ready20k",
        &["--map", "Helpdesk=Managed Workplace"],
    );
    assert!(text.contains("1 updated"));
    let all = report_json(&demo, &window);
    assert_eq!(all["services"].as_array().unwrap().len(), 3);
}

#[test]
fn records_bad_input_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo(dir.path());
    let csv = dir.path().join("bad.csv");
    std::fs::write(
        &csv,
        format!(
            "{HEADER}{GOOD}BAD-1,incident,Managed Workplace,P9,2020-10-05T09:12,,,,,,,,x\n\
             BAD-2,incident,Managed Workplace,P1,05.10.2026,,,,,,,,y\n"
        ),
    )
    .unwrap();
    let months_before = report_json(&demo, &[])["months_of_records"].clone();
    let out = import(&demo, &csv, "ready20k", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error [rows_rejected]: 2 row(s)"), "{err}");
    assert!(
        err.contains("line 8: BAD-1: priority \"P9\" is not P1–P4 [unknown_priority]"),
        "{err}"
    );
    assert!(err.contains("line 9: BAD-2:"), "{err}");
    assert!(err.contains("[bad_date]"), "{err}");
    assert_eq!(report_json(&demo, &[])["months_of_records"], months_before);

    // The wrong preset (a clear message), an unknown preset, a missing file, a bad month and
    // a bad map are refused with exit 2; `None`: only the exit code is checked.
    let missing = dir.path().join("missing.csv");
    let import_args = |file: &Path, preset: &str| -> Vec<String> {
        [
            "records",
            "import",
            path_arg(&demo),
            path_arg(file),
            "--from",
            preset,
        ]
        .map(String::from)
        .to_vec()
    };
    let month = [
        "records",
        "report",
        path_arg(&demo),
        "--from",
        "2026-13",
        "--json",
    ];
    let mut bad_map = import_args(&csv, "ready20k");
    bad_map.extend(["--map".to_owned(), "Helpdesk=Payroll".to_owned()]);
    let cases: Vec<(Vec<String>, Option<&str>)> = vec![
        (import_args(&csv, "jira"), Some("[missing_column]")),
        (import_args(&csv, "snow"), None),
        (import_args(&missing, "ready20k"), Some("error [io]")),
        (month.map(String::from).to_vec(), Some("[bad_month]")),
        (bad_map, Some("[unknown_service]")),
    ];
    for (args, needle) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = cli(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        if let Some(needle) = needle {
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(needle), "{args:?}: {err}");
        }
    }
    assert_eq!(report_json(&demo, &[])["months_of_records"], months_before);

    // --skip-bad-rows imports the good rows and lists the rest.
    let text = import_ok(&demo, &csv, "ready20k", &["--skip-bad-rows"]);
    assert!(text.contains("6 added"), "{text}");
    assert!(text.contains("skipped line 8"), "{text}");
    assert!(text.contains("skipped line 9"), "{text}");
    let window = ["--from", "2020-10", "--to", "2020-11"];
    assert_eq!(report_json(&demo, &window)["months_of_records"], 2);
}
