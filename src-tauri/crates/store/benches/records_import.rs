//! Scale of operating records: imports 100,000 generated tickets (Ready20k CSV, 24 months,
//! three services, business-hours and 24x7 targets) into a fresh project and times the
//! 24-month report. A bench binary, not a timed test: it prints the numbers.
//!
//! `cargo bench -p ready20k-store --bench records_import` (release). Set `RECORDS_BENCH_CSV`
//! to a path to also keep the generated CSV (for comparing with `sqlite3 .import`), and
//! `RECORDS_BENCH_ROWS` to change the row count. Peak memory: run the built bench binary under
//! `/usr/bin/time -v`.
//!
//! Each time is printed twice: wall clock, and the CPU time of the bench's thread, which moves
//! far less than the wall clock when other processes load the machine (quote wall times
//! measured on an idle one).
//! The bench allocates with mimalloc, as `ready20k-cli records import` does (its `main.rs`);
//! under glibc's allocator the import took a fifth to two fifths longer on this machine.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Span, TimeZone, Utc};
use ready20k_domain::clock::FixedClock;
use ready20k_domain::records::{
    BusinessHours, FulfilmentTarget, Preset, Priority, PriorityTarget, ServiceLevels, SlaClock,
    WorkCalendar,
};
use ready20k_domain::wizard::Service;
use ready20k_store::records::{
    ImportOptions, import_export, list_service_levels, preview, report, save_service_levels,
    set_business_hours,
};
use ready20k_store::{Project, wizard};

/// The CLI's allocator, so the numbers are those of `ready20k-cli records import`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SERVICES: [&str; 3] = ["Managed Workplace", "Cloud Hosting", "Backup and Recovery"];

/// A small deterministic generator (xorshift), so every run imports the same file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// London wall-clock time with its offset (`2026-10-05T09:12+01:00`), as an export in the
/// firm's zone writes it; an offset keeps the clock-change hours unambiguous.
fn local(t: DateTime<Utc>, cal: &WorkCalendar) -> String {
    t.with_timezone(&cal.tz())
        .format("%Y-%m-%dT%H:%M%:z")
        .to_string()
}

fn generate(rows: usize) -> String {
    let mut rng = Rng(0x2026_1005_0912);
    let cal = WorkCalendar::new(&BusinessHours {
        time_zone: "Europe/London".into(),
        ..BusinessHours::default()
    })
    .unwrap();
    let start = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
    let span_min = 730 * 24 * 60;
    let people = [
        "Ann Lee",
        "Bob Stone",
        "Cy Park",
        "Dee Hall",
        "Eve Moss",
        "Finn Lyle",
    ];
    let mut out = String::with_capacity(rows * 120);
    out.push_str(
        "id,kind,service,priority,opened,responded,resolved,requester,approver,implementer,\
         change_type,outcome,title\n",
    );
    for i in 0..rows {
        let opened = start + Span::minutes((rng.below(span_min) as i64) / 5 * 5);
        let kind = match rng.below(10) {
            0..=5 => "incident",
            6..=8 => "request",
            _ => "change",
        };
        let service = SERVICES[rng.below(3) as usize];
        let priority = ["P1", "P2", "P3", "P4"][rng.below(4) as usize];
        let responded = opened + Span::minutes(5 + rng.below(180) as i64);
        let resolved = responded + Span::minutes(rng.below(3 * 24 * 60) as i64);
        let open = rng.below(50) == 0;
        let requester = people[rng.below(6) as usize];
        let implementer = people[rng.below(6) as usize];
        let (approver, change_type, outcome) = if kind == "change" {
            (
                people[rng.below(6) as usize],
                ["standard", "normal", "normal", "emergency"][rng.below(4) as usize],
                [
                    "success",
                    "success",
                    "success",
                    "success",
                    "failed",
                    "rolled_back",
                ][rng.below(6) as usize],
            )
        } else {
            ("", "", "")
        };
        let _ = writeln!(
            out,
            "T-{i:06},{kind},{service},{priority},{},{},{},{requester},{approver},{implementer},\
             {change_type},{outcome},\"Generated {kind} {i}, for the benchmark\"",
            local(opened, &cal),
            if open {
                String::new()
            } else {
                local(responded, &cal)
            },
            if open {
                String::new()
            } else {
                local(resolved, &cal)
            },
        );
    }
    out
}

fn project(dir: &std::path::Path) -> Project {
    let now = Utc.with_ymd_and_hms(2027, 1, 5, 12, 0, 0).unwrap();
    let mut p = Project::create(
        &dir.join("bench.r20k"),
        "Bench IT",
        Arc::new(FixedClock(now)),
    )
    .unwrap();
    for name in SERVICES {
        wizard::services::save_service(
            &mut p,
            &Service {
                name: name.into(),
                ..Service::default()
            },
        )
        .unwrap();
    }
    set_business_hours(
        &mut p,
        &BusinessHours {
            time_zone: "Europe/London".into(),
            ..BusinessHours::default()
        },
    )
    .unwrap();
    for (id, _, _) in list_service_levels(p.conn()).unwrap() {
        let mut levels = ServiceLevels {
            service_id: id,
            request_fulfilment: Some(FulfilmentTarget {
                minutes: 960,
                clock: SlaClock::BusinessHours,
            }),
            ..ServiceLevels::default()
        };
        for (pr, response, resolution, clock) in [
            (Priority::P1, 30, 240, SlaClock::TwentyFourSeven),
            (Priority::P2, 60, 480, SlaClock::TwentyFourSeven),
            (Priority::P3, 120, 960, SlaClock::BusinessHours),
            (Priority::P4, 240, 2400, SlaClock::BusinessHours),
        ] {
            levels.targets.insert(
                pr,
                PriorityTarget {
                    response_min: Some(response),
                    resolution_min: Some(resolution),
                    clock,
                },
            );
        }
        save_service_levels(&mut p, &levels).unwrap();
    }
    p
}

/// Time this thread has spent on a CPU (Linux `schedstat`; zero elsewhere): it moves far less
/// than the wall clock when other processes load the machine.
fn cpu_time() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument that is not ours means another bench.
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"records_import".contains(a.as_str()))
    {
        return;
    }
    let rows: usize = std::env::var("RECORDS_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let t = Instant::now();
    let csv = generate(rows);
    println!(
        "generated {rows} tickets, {:.1} MB, in {}",
        csv.len() as f64 / 1e6,
        ms(t.elapsed())
    );
    if let Ok(path) = std::env::var("RECORDS_BENCH_CSV") {
        std::fs::write(&path, &csv).unwrap();
        println!("CSV kept at {path}");
    }
    let opts = ImportOptions {
        preset: Preset::Ready20k,
        file_name: "bench.csv".into(),
        skip_bad_rows: false,
        service_map: BTreeMap::new(),
    };
    let mut imports = Vec::new();
    let mut reports = Vec::new();
    let (mut import_cpu, mut report_cpu) = (Vec::new(), Vec::new());
    for run in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let mut p = project(dir.path());
        let (t, c) = (Instant::now(), cpu_time());
        let out = import_export(&mut p, csv.as_bytes(), &opts).unwrap();
        let took = t.elapsed();
        import_cpu.push(cpu_time() - c);
        assert_eq!(out.added as usize, rows);
        imports.push(took);
        let as_of = p.clock().now();
        for _ in 0..10 {
            let (t, c) = (Instant::now(), cpu_time());
            let r = report(p.conn(), as_of, Some(202501), Some(202612)).unwrap();
            reports.push(t.elapsed());
            report_cpu.push(cpu_time() - c);
            assert_eq!(r.months_of_records, 24);
        }
        if run == 0 {
            let t = Instant::now();
            let p0 = preview(p.conn(), csv.as_bytes(), Preset::Ready20k, &BTreeMap::new()).unwrap();
            println!(
                "reading alone (CSV, dates, mapping; no writes): {} for {} rows",
                ms(t.elapsed()),
                p0.summary.rows
            );
            let t = Instant::now();
            let again = import_export(&mut p, csv.as_bytes(), &opts).unwrap();
            println!(
                "re-import of the same file: {} added, {} unchanged, {}",
                again.added,
                again.unchanged,
                ms(t.elapsed())
            );
        }
        p.close().unwrap();
    }
    imports.sort();
    reports.sort();
    import_cpu.sort();
    report_cpu.sort();
    println!(
        "import {rows} tickets: median {} (min {}, max {})",
        ms(imports[1]),
        ms(imports[0]),
        ms(imports[2])
    );
    println!(
        "import CPU time (this thread): median {} (min {})",
        ms(import_cpu[1]),
        ms(import_cpu[0])
    );
    println!(
        "24-month report: median {} (min {}, max {})",
        ms(reports[reports.len() / 2]),
        ms(reports[0]),
        ms(reports[reports.len() - 1])
    );
    println!(
        "24-month report CPU time (this thread): median {} (min {}, max {})",
        ms(report_cpu[report_cpu.len() / 2]),
        ms(report_cpu[0]),
        ms(report_cpu[report_cpu.len() - 1])
    );
}
