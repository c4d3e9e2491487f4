//! `calendar --json` and `calendar --ics` on the demo firm, and bad input.

use std::path::Path;

use icalendar::Component as _;

use super::{cli, cli_json, cli_ok, demo_project as demo, path_arg};

/// `calendar <file> --json` with `extra` arguments, parsed.
fn json(file: &Path, extra: &[&str]) -> serde_json::Value {
    cli_json(&[&["calendar", path_arg(file), "--json"], extra].concat())
}

#[test]
fn calendar_json_lists_every_duty_with_owner_due_date_and_status() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo(dir.path());
    let args = [
        "--from",
        "2026-12-01",
        "--months",
        "13",
        "--today",
        "2027-03-15",
    ];
    let v = json(&demo, &args);
    let obj = v.as_object().unwrap();
    assert_eq!(obj.keys().collect::<Vec<_>>(), ["duties"]);
    let duties = v["duties"].as_array().unwrap();
    assert!(!duties.is_empty());
    let mut last = String::new();
    for d in duties {
        let mut keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["clause", "due", "id", "owner", "status", "title"]);
        let due = d["due"].as_str().unwrap().to_owned();
        assert!(due >= last, "sorted by due date");
        assert!(d["id"].as_str().unwrap().ends_with(&format!("@{due}")));
        // The demo records past duties done up to its own date: before `--today` an
        // occurrence is done or overdue, from `--today` on it is due.
        let status = d["status"].as_str().unwrap();
        if due.as_str() < "2027-03-15" {
            assert!(["done", "overdue"].contains(&status), "{d}");
        } else {
            assert_eq!(status, "due", "{d}");
        }
        last = due;
    }
    // Every duty of the content library is in a year and a month of the calendar; the
    // supplier review runs per supplier once the supplier register holds agreements.
    let lib = ready20k_domain::content::try_library().unwrap();
    for duty in &lib.duties {
        let prefix = match duty.id.as_str() {
            "DUTY-SUPPLIER-REVIEW" => "supplier-review:".to_owned(),
            id => format!("{id}@"),
        };
        assert!(
            duties
                .iter()
                .any(|d| d["id"].as_str().unwrap().starts_with(&prefix)),
            "{} missing",
            duty.id
        );
    }
    // The demo's approved documents have review dates in the calendar.
    assert!(
        duties
            .iter()
            .any(|d| d["id"].as_str().unwrap().starts_with("doc-review:"))
    );
    let mgmt = duties
        .iter()
        .find(|d| d["id"].as_str().unwrap().starts_with("DUTY-MGMT-REVIEW@"))
        .unwrap();
    assert_eq!(mgmt["clause"], "9.3");
    assert!(!mgmt["owner"].as_str().unwrap().is_empty());
    // Same project, same date: the same output.
    assert_eq!(json(&demo, &args), v);
}

#[test]
fn calendar_ics_is_valid_icalendar_with_stable_uids() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo(dir.path());
    // The same window for the ICS file and the JSON it is compared with.
    let window = [
        "--from",
        "2027-01-01",
        "--months",
        "6",
        "--today",
        "2027-02-01",
    ];
    let ics = |name: &str| {
        let out_path = dir.path().join(name);
        let head = ["calendar", path_arg(&demo)];
        let tail = ["--ics", "-o", path_arg(&out_path)];
        cli_ok(&[&head[..], &window, &tail].concat());
        std::fs::read_to_string(&out_path).unwrap()
    };
    let a = ics("a.ics");
    assert_eq!(ics("b.ics"), a, "UIDs and DTSTAMP stable across runs");
    for line in a.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let cal: icalendar::Calendar = a.parse().expect("parses as iCalendar");
    let events: Vec<_> = cal.events().collect();
    let v = json(&demo, &window);
    let duties = v["duties"].as_array().unwrap();
    assert_eq!(events.len(), duties.len());
    for (e, d) in events.iter().zip(duties) {
        let uid = e.get_uid().unwrap();
        assert!(
            uid.starts_with(&format!("{}@p", d["id"].as_str().unwrap())),
            "{uid}"
        );
        assert_eq!(e.get_summary(), d["title"].as_str());
        let due =
            chrono::NaiveDate::parse_from_str(d["due"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        assert_eq!(e.get_start(), Some(icalendar::DatePerhapsTime::Date(due)));
        assert_eq!(e.property_value("DTSTAMP"), Some("20270201T120000Z"));
    }
}

#[test]
fn calendar_bad_input_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo(dir.path());
    let p = path_arg(&demo);
    let missing = dir.path().join("missing.r20k");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["calendar", p, "--json", "--months", "0"], "--months"),
        (
            vec!["calendar", p, "--json", "--from", "2027-02-30"],
            "--from",
        ),
        (
            vec!["calendar", p, "--json", "--today", "tomorrow"],
            "--today",
        ),
        (vec!["calendar", p], "--json"),
        (vec!["calendar", p, "--ics"], "--output"),
        (
            vec!["calendar", p, "--json", "--ics", "-o", "x.ics"],
            "--json",
        ),
        (
            vec!["calendar", path_arg(&missing), "--json"],
            "does not exist",
        ),
    ];
    for (args, needle) in cases {
        let out = cli(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}
