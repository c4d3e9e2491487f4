//! Operating records and objectives through the window: import a Jira Service Management
//! export into the demo project (preview, one unknown component mapped to a catalogue
//! service, the rejected row left out), see SLA attainment per month with the self-approved
//! change flagged, save the monthly service report, issue it as a record (listed with who
//! issued it, a re-issue as version 2, its stored PDF saved again), and link a KPI to an
//! objective.
//! Screenshots go to `target/e2e-shots/records-*.png`.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use ready20k_domain::clock::SystemClock;
use serde_json::json;
use thirtyfour::By;

use crate::harness::{App, Launch};

fn jira_fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../src-tauri/crates/domain/tests/fixtures/records/jira-jsm.csv")
        .display()
        .to_string()
}

async fn settle() {
    tokio::time::sleep(Duration::from_millis(250)).await;
}

async fn click(app: &App, id: &str) {
    let el = app.by_test_id(id).await;
    el.scroll_into_view().await.unwrap();
    el.click().await.unwrap();
    settle().await;
}

/// Chooses the option shown as `label` in select `id`, like a user would.
async fn choose(app: &App, id: &str, label: &str) {
    let el = app.by_test_id(id).await;
    let ok = app
        .driver
        .execute(
            r#"const el = arguments[0];
               const o = [...el.options].find((o) => o.text.trim() === arguments[1]);
               if (!o) return false;
               el.value = o.value;
               el.dispatchEvent(new Event('change', { bubbles: true }));
               return true;"#,
            vec![el.to_json().unwrap(), json!(label)],
        )
        .await
        .unwrap();
    assert_eq!(ok.json(), &json!(true), "no option {label:?} in {id}");
    settle().await;
}

/// Types into input `id` (replacing what it had).
async fn fill(app: &App, id: &str, text: &str) {
    let el = app.by_test_id(id).await;
    el.clear().await.unwrap();
    el.send_keys(text).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn records_import_a_jira_export_map_a_component_and_see_attainment_and_kpis() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.r20k");
    ready20k_store::demo::create_demo(&file, Arc::new(SystemClock))
        .unwrap()
        .close()
        .unwrap();
    let report_pdf = dir.path().join("service-report.pdf");
    let app = App::start(Launch {
        env: vec![
            ("READY20K_E2E_OPEN_PATH".into(), file.display().to_string()),
            ("READY20K_E2E_RECORDS_PATH".into(), jira_fixture()),
            (
                "READY20K_E2E_PDF_PATH".into(),
                report_pdf.display().to_string(),
            ),
        ],
        dir: Some(dir),
    })
    .await;
    click(&app, "open-project").await;
    app.by_test_id("project-firm").await;
    click(&app, "nav-records").await;
    app.by_test_id("records-attainment").await;
    click(&app, "records-tab-import").await;

    // Preview: the columns, the unknown "Printing" component and the rejected row.
    choose(&app, "records-preset", "Jira Service Management").await;
    click(&app, "records-pick").await;
    app.by_test_id("records-summary").await;
    let map = app.text_of("records-service-map").await;
    assert!(
        map.contains("Printing") && map.contains("unmatched"),
        "{map}"
    );
    let rejected = app.text_of("records-rejected").await;
    assert!(
        rejected.contains("ITSM-107") && rejected.contains("yesterday"),
        "{rejected}"
    );
    app.screenshot("records-1-preview").await;

    // Map the unknown component; the preview follows.
    choose(&app, "records-map-Printing", "Managed Workplace").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while app
        .text_of("records-service-map")
        .await
        .contains("unmatched")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "Printing still unmatched"
        );
        settle().await;
    }
    // All or nothing: the import waits until the rejected row is knowingly left out.
    let import = app.by_test_id("records-import").await;
    assert!(!import.is_enabled().await.unwrap());
    click(&app, "records-skip-bad").await;
    click(&app, "records-import").await;
    let result = app.text_of("records-import-result").await;
    assert!(
        result.contains("5 added") && result.contains("1 rejected"),
        "{result}"
    );
    app.by_test_id("records-sources").await;
    app.screenshot("records-2-imported").await;

    // Attainment per month, and the change its implementer approved flagged.
    click(&app, "records-tab-attainment").await;
    let october = app.text_of("attainment-Managed Workplace-2026-10").await;
    assert!(october.contains('%'), "{october}");
    app.by_test_id("self-approved-ITSM-103").await;
    let flagged = app.text_of("self-approved").await;
    assert!(flagged.contains("Marek Novak"), "{flagged}");
    app.screenshot("records-3-attainment").await;
    app.by_test_id("self-approved")
        .await
        .scroll_into_view()
        .await
        .unwrap();
    settle().await;
    app.screenshot("records-4-flags").await;

    // Issue the monthly service report of October as a PDF.
    choose(&app, "report-month-Managed Workplace", "2026-10").await;
    click(&app, "report-issue-Managed Workplace").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !app
        .text_of("report-result-Managed Workplace")
        .await
        .contains("saved")
    {
        assert!(std::time::Instant::now() < deadline, "no service report");
        settle().await;
    }
    let pdf = std::fs::read(&report_pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "the report is a PDF");

    // Issue October's report as a record, by a person; it is listed, and its stored PDF can
    // be saved again. Issuing the month again makes version 2.
    click(&app, "records-tab-reports").await;
    app.by_test_id("records-reports").await;
    choose(&app, "issue-service", "Managed Workplace").await;
    choose(&app, "issue-month", "2026-10").await;
    choose(&app, "issue-by", "Priya Nair").await;
    std::fs::remove_file(&report_pdf).unwrap();
    for version in [1, 2] {
        click(&app, "issue-report").await;
        let row = format!("issued-Managed Workplace-2026-10-v{version}");
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while app
            .driver
            .find_all(By::Css(format!("[data-testid='{row}']")))
            .await
            .unwrap()
            .is_empty()
        {
            assert!(std::time::Instant::now() < deadline, "{row} not listed");
            settle().await;
        }
        let listed = app.text_of(&row).await;
        assert!(
            listed.contains("Priya Nair") && listed.contains("pages"),
            "{listed}"
        );
    }
    let result = app.text_of("issue-result").await;
    assert!(result.contains("version 2"), "{result}");
    app.screenshot("records-5-issued-reports").await;
    let save = app
        .driver
        .find(By::Css("[data-testid^='issued-save-']"))
        .await
        .unwrap();
    save.click().await.unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !app.text_of("issue-result").await.contains("Saved") {
        assert!(
            std::time::Instant::now() < deadline,
            "the issued PDF was not saved"
        );
        settle().await;
    }
    let again = std::fs::read(&report_pdf).unwrap();
    assert!(again.starts_with(b"%PDF-"), "the stored report is a PDF");

    // Service levels.
    click(&app, "records-tab-levels").await;
    app.by_test_id("levels-Managed Workplace").await;
    app.screenshot("records-6-levels").await;

    // Link a KPI to the first objective: incidents of Cloud Hosting resolved within target.
    click(&app, "nav-objectives").await;
    app.by_test_id("objectives-screen").await;
    let add = app
        .driver
        .find(By::Css("[data-testid^='kpi-add-']"))
        .await
        .unwrap();
    let before = app
        .driver
        .find_all(By::Css("[data-testid^='kpi-chart-']"))
        .await
        .unwrap()
        .len();
    add.scroll_into_view().await.unwrap();
    add.click().await.unwrap();
    settle().await;
    choose(&app, "kpi-measure", "Incidents resolved within target").await;
    choose(&app, "kpi-service", "Cloud Hosting").await;
    fill(&app, "kpi-name", "Hosting incidents resolved in time").await;
    fill(&app, "kpi-target", "90").await;
    click(&app, "kpi-save").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let body = app
            .driver
            .find(By::Css("[data-testid='objectives-screen']"))
            .await
            .unwrap()
            .prop("textContent")
            .await
            .unwrap()
            .unwrap_or_default();
        if body.contains("Hosting incidents resolved in time") {
            assert!(body.contains("from the records of Cloud Hosting"), "{body}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the KPI did not appear"
        );
        settle().await;
    }
    let after = app
        .driver
        .find_all(By::Css("[data-testid^='kpi-chart-']"))
        .await
        .unwrap()
        .len();
    assert_eq!(after, before + 1, "the new KPI has a trend chart");
    app.screenshot("records-7-objectives").await;
    drop(app.quit().await);
}
