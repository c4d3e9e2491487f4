//! Issue 16 item 5 in the real window: a new project opens the setup wizard with the firm's
//! name already its legal name and no message before a field is touched; the demo's Overview
//! shows both verdicts, three next steps (one click takes the user there), what is due and
//! progress per step. Screenshots go to `target/e2e-shots/overview-*.png`.

use std::time::Duration;

use thirtyfour::prelude::*;

use crate::harness::{App, Launch, demo_file};

async fn shot(app: &App, name: &str) {
    tokio::time::sleep(Duration::from_millis(250)).await;
    app.screenshot(&format!("overview-{name}")).await;
}

async fn all(app: &App, id: &str) -> Vec<WebElement> {
    app.driver
        .find_all(By::Css(format!("[data-testid='{id}']")))
        .await
        .unwrap()
}

async fn attr(el: &WebElement, name: &str) -> String {
    el.attr(name).await.unwrap().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_project_starts_in_the_wizard_with_its_legal_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("harbour.r20k");
    let app = App::start(Launch {
        env: vec![("READY20K_E2E_SAVE_PATH".into(), file.display().to_string())],
        dir: Some(dir),
    })
    .await;
    app.click("new-project").await;
    app.create_project("Harbour Managed IT").await;

    // The wizard, not a static list: the firm name is in "Legal name", and the empty fields
    // say nothing until they are touched.
    let legal = app.by_test_id("profile-legal-name").await;
    assert_eq!(
        legal.prop("value").await.unwrap().as_deref(),
        Some("Harbour Managed IT")
    );
    assert!(all(&app, "issues").await.is_empty());
    shot(&app, "1-first-run-wizard").await;

    // Leaving the address empty flags it, and only it.
    let address = app.by_test_id("profile-address").await;
    app.driver
        .execute(
            "arguments[0].dispatchEvent(new Event('blur'));",
            vec![address.to_json().unwrap()],
        )
        .await
        .unwrap();
    let issues = app.by_test_id("issues").await;
    assert!(
        issues.text().await.unwrap().contains("address"),
        "{:?}",
        issues.text().await
    );
    assert_eq!(all(&app, "issues").await.len(), 1);

    // The Overview of the new firm points at the wizard first.
    app.click("nav-home").await;
    app.by_test_id("overview-next-steps").await;
    let steps = all(&app, "next-step").await;
    assert_eq!(steps.len(), 3);
    assert_eq!(attr(&steps[0], "data-kind").await, "wizard");
    assert_eq!(attr(&steps[1], "data-kind").await, "documents");
    shot(&app, "2-first-run-overview").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_overview_shows_verdicts_and_steers_to_the_next_step() {
    // The demo as the start screen's "Open demo firm" makes it, opened from its file (making it
    // in the window takes longer than a wait in a debug build).
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path());
    let app = App::start(Launch {
        env: vec![("READY20K_E2E_OPEN_PATH".into(), file.display().to_string())],
        dir: Some(dir),
    })
    .await;
    app.click("open-project").await;
    app.wait_text("overview-title", "Northwind Managed IT Ltd")
        .await;

    for stage in ["overview-stage1-verdict", "overview-stage2-verdict"] {
        let verdict = attr(&app.by_test_id(stage).await, "data-verdict").await;
        assert!(
            ["ready", "nearly_ready", "not_ready"].contains(&verdict.as_str()),
            "{stage}: {verdict}"
        );
    }
    let steps = all(&app, "next-step").await;
    assert_eq!(steps.len(), 3);
    assert!(!all(&app, "due-item").await.is_empty());
    assert_eq!(all(&app, "overview-progress").await.len(), 1);
    shot(&app, "3-demo").await;
    let progress = app.by_test_id("overview-progress").await;
    progress.scroll_into_view().await.unwrap();
    shot(&app, "4-demo-due-and-progress").await;

    // A click on the first step opens its screen.
    let screen = attr(&steps[0], "data-screen").await;
    assert!(!screen.is_empty());
    steps[0].click().await.unwrap();
    let nav = app.by_test_id(&format!("nav-{screen}")).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while attr(&nav, "aria-current").await != "page" {
        assert!(
            std::time::Instant::now() < deadline,
            "{screen} did not open"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    app.quit().await;
}
