//! The scorecard screen of the demo project: each stage lists what the auditor checks and
//! every cap says why and what lifts it; saving the operating-period settings re-judges
//! Stage 2. Screenshots go to `target/e2e-shots/scorecard-demo-*.png`.

use std::time::Duration;

use thirtyfour::By;

use crate::harness::{App, demo_file};

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_scorecard_shows_checks_caps_and_what_lifts_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path());
    let app = App::open_file(&file, dir, vec![]).await;
    app.click("nav-scorecard").await;
    app.by_test_id("stage2-verdict").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("scorecard-demo-1-top").await;

    for stage in ["stage1", "stage2"] {
        let checks = app
            .driver
            .find_all(By::Css(format!("[data-testid='{stage}-check']")))
            .await
            .unwrap();
        assert!(checks.len() >= 4, "{stage}: {} checks", checks.len());
        let caps = app
            .driver
            .find_all(By::Css(format!("[data-testid='{stage}-cap']")))
            .await
            .unwrap();
        for cap in caps {
            let text = cap.text().await.unwrap();
            assert!(text.contains("To lift it:"), "{stage}: {text}");
        }
    }

    // Each check names the registers and records it read (the demo's tickets, audit cycle,
    // management review and calendar).
    let mut read = Vec::new();
    for r in app
        .driver
        .find_all(By::Css("[data-testid='stage2-check-record']"))
        .await
        .unwrap()
    {
        read.push(r.text().await.unwrap());
    }
    let read = read.join("\n");
    for expected in [
        "Imported operating records",
        "Audit register",
        "Review register",
        "Calendar:",
    ] {
        assert!(read.contains(expected), "{expected} missing from: {read}");
    }
    let checks = app.by_test_id("stage2-checks").await;
    checks.scroll_into_view().await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    app.screenshot("scorecard-demo-3-stage2-checks").await;

    let settings = app.by_test_id("scoring-settings").await;
    settings.scroll_into_view().await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    app.screenshot("scorecard-demo-2-settings").await;
    drop(app.quit().await);
}
