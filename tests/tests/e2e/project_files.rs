//! Start screen and project files: create, close, see it in recent projects, reopen.

use std::sync::Arc;

use ready20k_domain::clock::SystemClock;
use ready20k_store::Project;

use crate::harness::{App, Launch};

#[tokio::test(flavor = "multi_thread")]
async fn create_close_and_reopen_from_recent() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acme.r20k");
    let app = App::start(Launch {
        env: vec![("READY20K_E2E_SAVE_PATH".into(), file.display().to_string())],
        dir: Some(dir),
    })
    .await;

    // A fresh install has no recent projects.
    app.click("new-project").await;
    // Submitting an empty name shows the inline error and creates nothing.
    app.click("create-project").await;
    assert!(!file.exists());
    app.create_project("Acme Managed Services").await;
    assert!(file.exists(), "the project file was not created");

    // While the app holds it, nobody else can open the file.
    let err = Project::open(&file, Arc::new(SystemClock)).unwrap_err();
    assert_eq!(err.code(), "already_open");

    app.click("close-project").await;
    let entry = app.by_test_id("recent-entry").await;
    assert_eq!(
        entry.attr("data-path").await.unwrap().as_deref(),
        Some(file.to_str().unwrap())
    );
    assert!(
        entry
            .text()
            .await
            .unwrap()
            .contains("Acme Managed Services")
    );
    entry.click().await.unwrap();
    app.wait_text("overview-title", "Acme Managed Services")
        .await;
    app.wait_text("project-firm", "Acme Managed Services").await;

    let dir = app.quit().await;
    // After the app is gone the file opens cleanly and holds the firm.
    let project = App::open_released(&file).await;
    assert_eq!(project.firm_name().unwrap(), "Acme Managed Services");
    drop(dir);
}
