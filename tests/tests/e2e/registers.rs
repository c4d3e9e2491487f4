//! Issue 14 in the real window, on the demo project: the reminder on opening; add a risk from
//! a suggestion, rate and treat it and find it on the heat map; record a supplier review; mark
//! the overdue restore test done with a file and see the overdue count drop on Overview;
//! export the calendar as `.ics`. Screenshots of every screen at 1280x900 and 1024x700 go to
//! `target/e2e-shots/registers-*.png`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use ready20k_domain::clock::SystemClock;
use thirtyfour::prelude::*;

use crate::harness::{App, Launch};

/// Sets a `<select>` (found by test id) to `value` the way a user's choice does.
async fn choose(app: &App, id: &str, value: &str) {
    let el = app.by_test_id(id).await;
    app.driver
        .execute(
            "arguments[0].value = arguments[1]; \
             arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
            vec![el.to_json().unwrap(), serde_json::json!(value)],
        )
        .await
        .unwrap();
}

async fn text_of(app: &App, id: &str) -> String {
    let el = app.by_test_id(id).await;
    el.prop("textContent")
        .await
        .unwrap()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

async fn count_in(app: &App, id: &str) -> u32 {
    text_of(app, id).await.parse().unwrap_or(0)
}

async fn shot(app: &App, name: &str) {
    tokio::time::sleep(Duration::from_millis(250)).await;
    app.screenshot(&format!("registers-{name}")).await;
}

async fn until_file(path: &std::path::Path) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !path.exists() {
        assert!(Instant::now() < deadline, "no file at {}", path.display());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn risks_suppliers_and_the_sms_calendar_of_the_demo_firm() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.r20k");
    let record = dir.path().join("restore-test-log.txt");
    std::fs::write(
        &record,
        b"Restored fileserver01 to a test VM; shares readable.\n",
    )
    .unwrap();
    let ics = dir.path().join("out").join("calendar.ics");
    std::fs::create_dir_all(ics.parent().unwrap()).unwrap();
    ready20k_store::demo::create_demo(&file, Arc::new(SystemClock))
        .unwrap()
        .close()
        .unwrap();
    let app = App::start(Launch {
        env: vec![
            ("READY20K_E2E_OPEN_PATH".into(), file.display().to_string()),
            (
                "READY20K_E2E_EVIDENCE_PATH".into(),
                record.display().to_string(),
            ),
            ("READY20K_E2E_ICS_PATH".into(), ics.display().to_string()),
        ],
        dir: Some(dir),
    })
    .await;
    app.by_test_id("open-project").await.click().await.unwrap();
    app.by_test_id("project-firm").await;

    // The reminder on opening, and the Overview's counts: the demo has one overdue duty.
    app.wait_text("reminder-overdue", "1 overdue").await;
    app.wait_text("overview-overdue-count", "1").await;
    shot(&app, "1-overview").await;

    // Risks: adopt a suggestion, rate it before and after treatment, add a treatment action.
    app.by_test_id("nav-risks").await.click().await.unwrap();
    app.by_test_id("risk-suggestions").await;
    let rows_before = app
        .driver
        .find_all(By::Css("[data-testid='risk-row']"))
        .await
        .unwrap()
        .len();
    let cell_after = count_in(&app, "heat-map-cell-2-3").await;
    shot(&app, "2-risks").await;
    app.by_test_id("risk-adopt").await.click().await.unwrap();
    app.by_test_id("risk-dialog").await;
    choose(&app, "risk-inherent-l", "5").await;
    choose(&app, "risk-inherent-i", "4").await;
    choose(&app, "risk-treatment", "reduce").await;
    app.by_test_id("risk-treatment-note")
        .await
        .send_keys("Document the runbooks and cross-train a second engineer.")
        .await
        .unwrap();
    app.by_test_id("risk-treated").await.click().await.unwrap();
    choose(&app, "risk-residual-l", "2").await;
    choose(&app, "risk-residual-i", "3").await;
    app.by_test_id("risk-action-title")
        .await
        .send_keys("Cross-train Daniel on the backup platform")
        .await
        .unwrap();
    app.by_test_id("risk-action-add")
        .await
        .click()
        .await
        .unwrap();
    app.by_test_id("risk-actions").await;
    shot(&app, "3-risk-form").await;
    app.by_test_id("risk-save").await.click().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let rows = app
            .driver
            .find_all(By::Css("[data-testid='risk-row']"))
            .await
            .unwrap()
            .len();
        if rows == rows_before + 1 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{rows} rows, want {}",
            rows_before + 1
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // On the heat map: after treatment at 2 x 3, before treatment at 5 x 4.
    app.wait_text("heat-map-cell-2-3", &(cell_after + 1).to_string())
        .await;
    app.by_test_id("heat-inherent").await.click().await.unwrap();
    app.wait_text("heat-map-cell-5-4", "1").await;
    let table = text_of(&app, "heat-map-table").await;
    assert!(table.contains("Likelihood"), "{table}");
    // The cell filters the register to its risk.
    app.by_test_id("heat-map-cell-5-4")
        .await
        .click()
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while app
        .driver
        .find_all(By::Css("[data-testid='risk-row']"))
        .await
        .unwrap()
        .len()
        != 1
    {
        assert!(Instant::now() < deadline, "the cell does not filter");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    shot(&app, "4-heat-map").await;

    // Suppliers: record a review of the first supplier.
    app.by_test_id("nav-suppliers").await.click().await.unwrap();
    let last_before = text_of(&app, "supplier-last-review").await;
    shot(&app, "5-suppliers").await;
    app.by_test_id("supplier-review")
        .await
        .click()
        .await
        .unwrap();
    app.by_test_id("review-dialog").await;
    choose(&app, "review-rating", "3").await;
    app.by_test_id("review-issues")
        .await
        .send_keys("Two tickets answered late; service credits agreed.")
        .await
        .unwrap();
    shot(&app, "6-supplier-review").await;
    app.by_test_id("review-save").await.click().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while text_of(&app, "supplier-last-review").await == last_before {
        assert!(Instant::now() < deadline, "the review was not recorded");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Calendar: the overdue restore test, done only with a file.
    app.by_test_id("nav-calendar").await.click().await.unwrap();
    app.wait_text("calendar-overdue", "1").await;
    shot(&app, "7-calendar").await;
    let overdue = app.by_test_id("calendar-overdue-list").await;
    let item = overdue
        .find(By::Css("[data-testid='occurrence']"))
        .await
        .unwrap();
    let id = item.attr("data-occurrence").await.unwrap().unwrap();
    assert!(id.starts_with("DUTY-RESTORE-TEST@"), "{id}");
    item.find(By::Css("[data-testid='occurrence-done']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.by_test_id("complete-dialog").await;
    app.by_test_id("complete-note")
        .await
        .send_keys("Restored the file server to a test VM; log attached.")
        .await
        .unwrap();
    shot(&app, "8-mark-done").await;
    app.by_test_id("complete-save").await.click().await.unwrap();
    app.wait_text("calendar-overdue", "0").await;
    app.by_test_id("calendar-undo").await;
    shot(&app, "9-calendar-done").await;

    // Overview: the overdue count dropped, and the reminder has nothing overdue left.
    app.by_test_id("nav-home").await.click().await.unwrap();
    app.wait_text("overview-overdue-count", "0").await;
    assert!(
        app.driver
            .find_all(By::Css("[data-testid='reminder-overdue']"))
            .await
            .unwrap()
            .is_empty()
    );

    // Export: an .ics with the duties.
    app.by_test_id("nav-calendar").await.click().await.unwrap();
    app.by_test_id("calendar-export")
        .await
        .click()
        .await
        .unwrap();
    app.by_test_id("calendar-exported").await;
    until_file(&ics).await;
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{}", &text[..40]);
    assert!(text.trim_end().ends_with("END:VCALENDAR"));
    assert!(text.matches("BEGIN:VEVENT").count() > 10);
    // The next restore tests are in it (the one done today lies before the exported window).
    assert!(
        text.contains("UID:DUTY-RESTORE-TEST@"),
        "no restore test exported"
    );
    assert!(
        !text.contains(&format!("UID:{id}@")),
        "a done past duty is not re-exported"
    );

    // The same screens at 1024x700.
    app.driver.set_window_rect(0, 0, 1024, 700).await.unwrap();
    for (nav, name) in [
        ("nav-home", "small-1-overview"),
        ("nav-risks", "small-2-risks"),
        ("nav-suppliers", "small-3-suppliers"),
        ("nav-calendar", "small-4-calendar"),
    ] {
        app.by_test_id(nav).await.click().await.unwrap();
        shot(&app, name).await;
    }
    app.by_test_id("nav-risks").await.click().await.unwrap();
    app.by_test_id("risk-open").await.click().await.unwrap();
    app.by_test_id("risk-dialog").await;
    shot(&app, "small-5-risk-form").await;
    let dir = app.quit().await;

    // The record is kept in the project with its file.
    let p = App::open_released(&dir.path().join("demo.r20k")).await;
    let c = ready20k_store::calendar::get_completion(p.conn(), &id)
        .unwrap()
        .expect("the restore test is done");
    assert_eq!(c.file_name.as_deref(), Some("restore-test-log.txt"));
    let (_, bytes) = ready20k_store::calendar::read_completion_file(p.conn(), &id).unwrap();
    assert!(bytes.starts_with(b"Restored fileserver01"));
}
