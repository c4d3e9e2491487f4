//! `records service-report`: one service's monthly report as a PDF, reproducible for a date;
//! bad input exits 2 and writes nothing.

use super::{cli, cli_json, demo_project, path_arg};

#[test]
fn service_report_is_reproducible_and_refuses_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo_project(dir.path());
    // The latest month in which the first service has records.
    let report = cli_json(&["records", "report", path_arg(&demo), "--json"]);
    let service = &report["services"][0];
    let name = service["service"].as_str().unwrap().to_owned();
    let month = service["months"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|m| m["incidents"].as_u64().unwrap_or(0) > 0)
        .map(|m| m["month"].as_str().unwrap().to_owned())
        .expect("the demo has incidents");
    let run = |out: &std::path::Path, service: &str, month: &str| {
        cli(&[
            "records",
            "service-report",
            path_arg(&demo),
            "--service",
            service,
            "--month",
            month,
            "--date",
            "2026-12-01",
            "-o",
            path_arg(out),
        ])
    };
    let (a, b) = (dir.path().join("a.pdf"), dir.path().join("b.pdf"));
    for out in [&a, &b] {
        let o = run(out, &name.to_lowercase(), &month);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let bytes = std::fs::read(&a).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(
        bytes == std::fs::read(&b).unwrap(),
        "same --date, different PDF"
    );
    for (service, month, code) in [
        ("No such service", month.as_str(), "unknown_service"),
        (name.as_str(), "2026-13", "bad_month"),
    ] {
        let out = dir.path().join(format!("{code}.pdf"));
        let o = run(&out, service, month);
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains(code));
        assert!(!out.exists());
    }
}
