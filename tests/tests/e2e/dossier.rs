//! The dossier screen: open the demo project, generate the full pack and find the PDF where
//! the (hooked) save dialog put it. A screenshot of the screen goes to `target/e2e-shots/dossier-1-choose.png`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use ready20k_domain::clock::SystemClock;

use crate::harness::{App, Launch};

#[tokio::test(flavor = "multi_thread")]
async fn generate_the_full_dossier_of_the_demo_project() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.r20k");
    let pdf = dir.path().join("out").join("dossier.pdf");
    std::fs::create_dir_all(pdf.parent().unwrap()).unwrap();
    ready20k_store::demo::create_demo(&file, Arc::new(SystemClock))
        .unwrap()
        .close()
        .unwrap();
    let app = App::start(Launch {
        env: vec![
            ("READY20K_E2E_OPEN_PATH".into(), file.display().to_string()),
            ("READY20K_E2E_PDF_PATH".into(), pdf.display().to_string()),
        ],
        dir: Some(dir),
    })
    .await;
    app.by_test_id("open-project").await.click().await.unwrap();
    app.by_test_id("project-firm").await;
    app.by_test_id("nav-dossier").await.click().await.unwrap();
    app.by_test_id("dossier-screen").await;
    app.by_test_id("pack-full").await.click().await.unwrap();
    app.screenshot("dossier-1-choose").await;
    app.by_test_id("dossier-generate")
        .await
        .click()
        .await
        .unwrap();
    let result = app.by_test_id("dossier-result-text").await;
    let text = result.text().await.unwrap();
    assert!(
        text.starts_with(&format!("Saved to {}", pdf.display())),
        "{text}"
    );
    assert!(text.contains("pages"), "{text}");

    let deadline = Instant::now() + Duration::from_secs(10);
    while !pdf.exists() {
        assert!(Instant::now() < deadline, "no PDF at {}", pdf.display());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    assert!(bytes.len() > 50_000, "{} bytes", bytes.len());
    // Nothing half-written is left beside it.
    let leftovers = std::fs::read_dir(pdf.parent().unwrap()).unwrap().count();
    assert_eq!(leftovers, 1);
    drop(app.quit().await);
}
