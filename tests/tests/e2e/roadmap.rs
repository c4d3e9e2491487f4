//! The certification roadmap: a new firm sets its target date two months away in the setup
//! wizard, opens the roadmap and sees the "too close" warning with the reasons an auditor
//! would give; after ticking ISO/IEC 27001 in the firm profile, the reuse section lists the
//! documents that system can lend. Screenshots go to `target/e2e-shots/roadmap-*.png`.

use std::time::Duration;

use chrono::Days;
use ready20k_domain::clock::{Clock, SystemClock};
use thirtyfour::By;

use crate::harness::{App, Launch};

#[tokio::test(flavor = "multi_thread")]
async fn a_target_two_months_away_warns_and_a_27001_holder_sees_what_to_reuse() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("harbour.r20k");
    let target = SystemClock
        .now()
        .date_naive()
        .checked_add_days(Days::new(60))
        .unwrap()
        .format("%Y-%m-%d")
        .to_string();
    let app = App::start(Launch {
        env: vec![("READY20K_E2E_SAVE_PATH".into(), file.display().to_string())],
        dir: Some(dir),
    })
    .await;
    app.click("new-project").await;
    app.create_project("Harbour IT").await;

    // The profile step: the target date two months away, and the ISO/IEC 27001 certificate.
    let date = app.by_test_id("profile-target-date").await;
    app.driver
        .execute(
            "arguments[0].value = arguments[1]; \
             arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
            vec![date.to_json().unwrap(), serde_json::json!(target)],
        )
        .await
        .unwrap();
    app.settle().await;
    app.click("profile-cert-iso27001").await;
    app.settle().await;

    app.click("nav-roadmap").await;
    let warning = app.by_test_id("roadmap-warning").await;
    assert_eq!(
        warning.attr("data-level").await.unwrap().as_deref(),
        Some("too_close")
    );
    let text = app.text_of("roadmap-warning").await;
    assert!(text.contains("too close for what remains"), "{text}");
    let reasons = app.text_of("roadmap-warning-reasons").await;
    for words in [
        "months of records",
        "internal-audit cycle",
        "management review",
    ] {
        assert!(reasons.contains(words), "{words} missing from: {reasons}");
    }
    let steps = app
        .driver
        .find_all(By::Css("[data-testid='roadmap-step']"))
        .await
        .unwrap();
    assert_eq!(steps.len(), 9);
    tokio::time::sleep(Duration::from_millis(200)).await;
    app.screenshot("roadmap-1-warning").await;

    let reuse = app.by_test_id("roadmap-reuse").await;
    reuse.scroll_into_view().await.unwrap();
    assert!(app.text_of("reuse-held").await.contains("ISO/IEC 27001"));
    let lend = app.text_of("reuse-documents").await;
    assert!(lend.contains("ISO/IEC 27001:2022"), "{lend}");
    assert!(!app.text_of("reuse-to-add").await.trim().is_empty());
    tokio::time::sleep(Duration::from_millis(200)).await;
    app.screenshot("roadmap-2-reuse").await;
    drop(app.quit().await);
}
