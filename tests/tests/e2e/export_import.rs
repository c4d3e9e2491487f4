//! Export, import and backups from the window: open the demo firm (which takes a rolling
//! backup in the app's data folder), offer a broken export and see every problem with its
//! path, export the demo as JSON and import it back into a new project file that holds the
//! same firm and the same rows. Screenshots: `transfer-1-backups`, `transfer-2-refused`,
//! `transfer-3-exported`, `transfer-4-imported`.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ready20k_domain::clock::SystemClock;
use ready20k_store::Project;
use ready20k_store::snapshot::{collect, to_json};
use thirtyfour::prelude::*;

use crate::harness::{App, demo_file};

/// The demo's own export with a person's e-mail made a number and a service given an unknown
/// field: two problems the import must list with their paths.
fn write_broken_export(demo: &Path, to: &Path) {
    let project = Project::open(demo, Arc::new(SystemClock)).unwrap();
    let bytes = to_json(&collect(&project).unwrap()).unwrap();
    project.close().unwrap();
    let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    v["wizard"]["people"][1]["email"] = serde_json::json!(42);
    v["wizard"]["services"][0]["colour"] = serde_json::json!("blue");
    std::fs::write(to, serde_json::to_vec(&v).unwrap()).unwrap();
}

/// Waits until the open project in the window is the file at `path`.
async fn wait_open(app: &App, path: &Path) {
    let want = path.display().to_string();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let el = app.by_test_id("project-firm").await;
        if el.attr("title").await.unwrap().as_deref() == Some(want.as_str()) {
            return;
        }
        assert!(Instant::now() < deadline, "{want} did not open");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn export_the_demo_firm_and_import_it_back_through_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo_file(dir.path());
    let exports = dir.path().join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    // The open dialog and the export's save dialog both answer this file: first it holds a
    // broken export, then the export overwrites it.
    let json = exports.join("northwind.json");
    write_broken_export(&demo, &json);
    let imported = dir.path().join("imported.r20k");
    let appdata = dir.path().join("appdata");
    let work_before: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let env = vec![
        (
            "READY20K_E2E_JSON_OPEN_PATH".into(),
            json.display().to_string(),
        ),
        (
            "READY20K_E2E_JSON_SAVE_PATH".into(),
            json.display().to_string(),
        ),
        (
            "READY20K_E2E_SAVE_PATH".into(),
            imported.display().to_string(),
        ),
    ];
    let app = App::open_file(&demo, dir, env).await;
    let firm = app.text_of("project-firm").await;

    // Opening took a backup, in the app's data folder.
    app.click("backups").await;
    let entry = app.by_test_id("backup-entry").await;
    let backup = entry.attr("data-path").await.unwrap().unwrap();
    assert!(
        Path::new(&backup).starts_with(appdata.join("backups")),
        "{backup}"
    );
    assert!(Path::new(&backup).exists());
    let folder = app.text_of("backups-folder").await;
    assert_eq!(
        Path::new(&backup).parent().unwrap(),
        Path::new(folder.trim())
    );
    app.screenshot("transfer-1-backups").await;
    app.click("backups-close").await;

    // A broken file is refused with every problem and its path; nothing is written.
    app.click("import-json").await;
    app.by_test_id("import-problems").await;
    let rows = app
        .driver
        .find_all(By::Css("[data-testid='import-problem']"))
        .await
        .unwrap();
    let mut texts = Vec::new();
    for row in rows {
        texts.push(row.prop("textContent").await.unwrap().unwrap_or_default());
    }
    assert!(
        texts.iter().any(|t| t.contains("/wizard/people/1/email")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("/wizard/services/0/colour")),
        "{texts:?}"
    );
    app.screenshot("transfer-2-refused").await;
    app.click("import-problems-close").await;
    assert!(!imported.exists());

    // Export the demo as JSON (with its change history).
    app.click("export-json").await;
    app.click("export-json-go").await;
    let result = app.by_test_id("export-result").await;
    let text = result
        .prop("textContent")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(text.contains(&json.display().to_string()), "{text}");
    app.screenshot("transfer-3-exported").await;
    app.click("export-close").await;

    // Import it back: the window switches to the new project file.
    app.click("import-json").await;
    wait_open(&app, &imported).await;
    app.wait_text("project-firm", firm.trim()).await;
    app.screenshot("transfer-4-imported").await;

    let dir = app.quit().await;
    let copy = App::open_released(&imported).await;
    let original = App::open_released(&demo).await;
    assert_eq!(copy.firm_name().unwrap(), firm.trim());
    let (a, b) = (original.info().unwrap(), copy.info().unwrap());
    assert_eq!(a.counts, b.counts);
    assert!(
        a.counts.iter().map(|c| c.rows).sum::<u64>() > 100,
        "{:?}",
        a.counts
    );
    copy.close().unwrap();
    original.close().unwrap();
    // Nothing was written beside the projects but the export and the imported file (the
    // backups are in the app's data folder).
    let mut added: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| !work_before.contains(n))
        .collect();
    added.sort();
    assert_eq!(added, ["appdata", "imported.r20k"]);
    assert_eq!(std::fs::read_dir(&exports).unwrap().count(), 1);
    drop(dir);
}
