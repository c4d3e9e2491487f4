//! The dossier screen: open the demo project, generate the full pack and find the PDF where
//! the (hooked) save dialog put it. A screenshot of the screen goes to `target/e2e-shots/dossier-1-choose.png`.

use std::time::{Duration, Instant};

use crate::harness::{App, demo_file};

#[tokio::test(flavor = "multi_thread")]
async fn generate_the_full_dossier_of_the_demo_project() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path());
    let pdf = dir.path().join("out").join("dossier.pdf");
    std::fs::create_dir_all(pdf.parent().unwrap()).unwrap();
    let env = vec![("READY20K_E2E_PDF_PATH".into(), pdf.display().to_string())];
    let app = App::open_file(&file, dir, env).await;
    app.click("nav-dossier").await;
    app.by_test_id("dossier-screen").await;
    app.click("pack-full").await;
    app.screenshot("dossier-1-choose").await;
    app.click("dossier-generate").await;
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
