//! The app and the dossier judge a project alike: the store's scorecard (registers and records
//! read from the project's tables) and the dossier's (read from the snapshot) are the same.

use std::sync::Arc;

use chrono::{Days, NaiveDate};
use ready20k_domain::clock::FixedClock;
use ready20k_domain::records::Preset;
use ready20k_domain::scoring::{CapCode, Scorecard, Verdict, inputs_v2, score_project};
use ready20k_store::{assessment, records, snapshot};

use crate::demo::library;

/// Tickets in the Ready20k CSV: incidents and requests each month from December 2025 to
/// March 2026.
fn tickets() -> String {
    let mut csv = String::from(
        "id,kind,service,priority,opened,responded,resolved,requester,approver,implementer,\
         change_type,outcome,title\n",
    );
    for (i, month) in ["2025-12", "2026-01", "2026-02", "2026-03"]
        .iter()
        .enumerate()
    {
        for (j, kind) in ["incident", "request"].iter().enumerate() {
            csv.push_str(&format!(
                "T-{i}{j},{kind},Managed desktop,P3,{month}-05T09:00,{month}-05T09:20,\
                 {month}-05T11:00,Ann,,,,,{kind} {month}\n"
            ));
        }
    }
    csv
}

fn judged(
    today: NaiveDate,
    built: (i32, u32, u32),
    records: Option<&str>,
) -> (Scorecard, Scorecard, Scorecard) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.r20k");
    let clock = Arc::new(FixedClock::at_date(built.0, built.1, built.2).unwrap());
    let mut project = ready20k_store::demo::create_demo(&path, clock).unwrap();
    if let Some(csv) = records {
        let opts = records::ImportOptions {
            preset: Preset::Ready20k,
            file_name: "tickets.csv".into(),
            skip_bad_rows: false,
            service_map: Default::default(),
        };
        records::import_export(&mut project, csv.as_bytes(), &opts).unwrap();
    }
    let app = assessment::scorecard(project.conn(), today).unwrap();
    // The verdicts of the rules before the registers and records (version 2).
    let inputs = assessment::verdict_inputs(project.conn(), today).unwrap();
    let answers = assessment::answers::list_answers(project.conn()).unwrap();
    let evidence = assessment::evidence::list_evidence(project.conn()).unwrap();
    let map = ready20k_domain::assessment::scoring_answers(&answers, &evidence, today);
    let before = score_project(library(), &map, &inputs_v2(&inputs));
    let snap = snapshot::collect(&project).unwrap();
    project.close().unwrap();
    let dossier = ready20k_dossier::build::scorecard(&snap, library(), today);
    (app, dossier, before)
}

fn summary(card: &Scorecard) -> String {
    let stage = |s: &ready20k_domain::scoring::StageResult| {
        let caps: Vec<String> = s.caps.iter().map(|c| format!("{:?}", c.code)).collect();
        format!(
            "{:?} {:.1} [{}]",
            s.verdict,
            s.capped_score,
            caps.join(", ")
        )
    };
    format!(
        "stage 1 {}; stage 2 {}",
        stage(&card.stage1),
        stage(&card.stage2)
    )
}

#[test]
fn the_app_and_the_dossier_agree_on_the_demo_firm() {
    let built = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
    let (app, dossier, before) = judged(built, (2026, 3, 12), None);
    eprintln!(
        "demo on {built}:\n  rules 2: {}\n  rules 3: {}",
        summary(&before),
        summary(&app)
    );
    assert_eq!(app, dossier);
    // The demo's operating records, audit and review registers are read.
    let check = |topic: &str| {
        let c = app.stage2.checks.iter().find(|c| c.topic == topic).unwrap();
        c.records.join(" ")
    };
    assert!(check("Operating period").contains("Imported operating records"));
    assert!(check("Internal audit cycle").contains("Audit register"));
    assert!(check("Management review").contains("Review register"));
}

#[test]
fn the_app_and_the_dossier_agree_on_imported_records() {
    let built = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
    let (app, dossier, _) = judged(built, (2026, 3, 12), Some(&tickets()));
    eprintln!("demo with tickets on {built}: {}", summary(&app));
    assert_eq!(app, dossier);
    // The tickets imported on top of the demo's own records are read by both.
    let claims = app
        .stage2
        .checks
        .iter()
        .find(|c| c.topic == "Records behind the claims")
        .unwrap();
    assert!(
        claims.records[0].contains("Imported operating records, months 2026-01 to 2026-03"),
        "{:?}",
        claims.records
    );
}

#[test]
fn the_app_and_the_dossier_agree_when_the_calendar_has_fallen_behind() {
    // The demo judged half a year after it was built: duties and risk reviews are overdue and
    // the records have stopped; both paths must see the same.
    let later = NaiveDate::from_ymd_opt(2026, 3, 12)
        .unwrap()
        .checked_add_days(Days::new(190))
        .unwrap();
    let (app, dossier, before) = judged(later, (2026, 3, 12), None);
    eprintln!(
        "demo on {later}:\n  rules 2: {}\n  rules 3: {}",
        summary(&before),
        summary(&app)
    );
    assert_eq!(app, dossier);
    let codes: Vec<CapCode> = app.stage2.caps.iter().map(|c| c.code).collect();
    assert!(
        codes.contains(&CapCode::DutyNotKept) || codes.contains(&CapCode::OverdueDuty),
        "{codes:?}"
    );
    assert_eq!(app.stage2.verdict, Verdict::NotReady);
}
