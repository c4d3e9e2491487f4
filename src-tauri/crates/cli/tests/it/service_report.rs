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

#[test]
fn service_report_issue_stores_numbered_versions_of_the_same_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo_project(dir.path());
    // The demo (dated 2026-12-01) issued November's report of every service.
    let export = cli_json(&["export", path_arg(&demo), "-o", "-"]);
    let issued = export["records"]["service_reports"].as_array().unwrap();
    assert!(!issued.is_empty());
    assert!(issued.iter().all(|r| r["month"] == "2026-11"));
    let name = issued[0]["service_name"].as_str().unwrap().to_owned();
    let by = issued[0]["issued_by_name"].as_str().unwrap().to_owned();
    let run = |extra: &[&str], out: &std::path::Path| {
        let mut args = vec![
            "records",
            "service-report",
            path_arg(&demo),
            "--service",
            name.as_str(),
            "--month",
            "2026-10",
            "--date",
            "2026-12-01",
            "-o",
            path_arg(out),
        ];
        args.extend_from_slice(extra);
        cli(&args)
    };
    let plain = dir.path().join("plain.pdf");
    assert!(run(&[], &plain).status.success());
    let mut outs = Vec::new();
    for (n, who) in [(1, by.to_uppercase()), (2, by.clone())] {
        let out = dir.path().join(format!("v{n}.pdf"));
        let o = run(&["--issue", "--by", &who], &out);
        let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(
            stdout.contains(&format!("2026-10 as v{n} by {by}")),
            "{stdout}"
        );
        outs.push(std::fs::read(&out).unwrap());
    }
    let plain = std::fs::read(&plain).unwrap();
    assert!(
        outs.iter().all(|o| *o == plain),
        "the stored PDF is the rendered one"
    );
    let export = cli_json(&["export", path_arg(&demo), "-o", "-"]);
    let october: Vec<u64> = export["records"]["service_reports"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["month"] == "2026-10")
        .map(|r| r["version"].as_u64().unwrap())
        .collect();
    assert_eq!(october, [1, 2]);
    // Nobody of that name: exit 2, nothing stored; --issue needs --by.
    let o = run(
        &["--issue", "--by", "Nobody Here"],
        &dir.path().join("x.pdf"),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown_person"));
    assert_eq!(
        run(&["--issue"], &dir.path().join("y.pdf")).status.code(),
        Some(2)
    );
    let again = cli_json(&["export", path_arg(&demo), "-o", "-"]);
    assert_eq!(
        again["records"]["service_reports"]
            .as_array()
            .unwrap()
            .len(),
        export["records"]["service_reports"]
            .as_array()
            .unwrap()
            .len()
    );
}
