//! Policies end to end: a firm set up through the store (no wizard UI) drafts the service
//! management policy from its template, edits it, issues 1.0, has it approved by the holder of
//! the top-management role, sees it Approved on the register, then drafts 1.1 and sees the diff.
//!
//! Screenshots of the register, editor, approve dialog and diff go to `target/e2e-shots`
//! (or `$READY20K_SHOTS`) as `policies-*.png`.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ready20k_domain::clock::{FixedClock, SystemClock};
use ready20k_domain::wizard::{FirmProfile, Person, RoleAssignment, Service};
use ready20k_store::Project;
use ready20k_store::wizard::{people, profile, roles, services};
use serde_json::json;
use thirtyfour::prelude::*;

use crate::harness::{App, Launch};

const NOW: &str = "2026-01-10T09:00:00+00:00";

/// Creates the project file with the wizard data the policy needs. Returns Ann's person id.
fn make_project(path: &Path) -> i64 {
    Project::create(path, "Harbour IT", Arc::new(SystemClock))
        .unwrap()
        .close()
        .unwrap();
    // Written at NOW: the project's clock stands there.
    let mut p = Project::open(path, Arc::new(FixedClock::at_rfc3339(NOW).unwrap())).unwrap();
    let c = &mut p;
    profile::update_profile(
        c,
        &FirmProfile {
            legal_name: "Harbour IT Ltd".into(),
            trading_name: "Harbour IT".into(),
            address: "2 Quay Street, Bristol".into(),
            sector: "Managed IT services".into(),
            headcount: 4,
            ..FirmProfile::default()
        },
    )
    .unwrap();
    let person = |n: &str| Person {
        name: n.into(),
        ..Person::default()
    };
    let ann = people::save_person(c, &person("Ann Lee")).unwrap();
    let bob = people::save_person(c, &person("Bob Ray")).unwrap();
    for (role, who) in [("ROLE-TM", ann), ("ROLE-SMSM", bob)] {
        roles::update_assignment(
            c,
            &RoleAssignment {
                role_id: role.into(),
                holders: vec![who],
                deputy: None,
            },
        )
        .unwrap();
    }
    services::save_service(
        c,
        &Service {
            name: "Managed desktop support".into(),
            customers: vec!["Local businesses".into()],
            sla_targets: "P1 response 1 h".into(),
            locations: vec!["Bristol office".into()],
            ..Service::default()
        },
    )
    .unwrap();
    p.close().unwrap();
    ann
}

async fn settle(app: &App) {
    app.settle().await;
}

async fn click(app: &App, id: &str) {
    app.by_test_id(id).await.click().await.unwrap();
    settle(app).await;
}

/// Sets a textarea's or input's value like typing does (value + `input` event).
async fn type_into(app: &App, id: &str, value: &str) {
    let el = app.by_test_id(id).await;
    app.driver
        .execute(
            r#"const el = arguments[0];
               const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype
                 : HTMLInputElement.prototype;
               Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, arguments[1]);
               el.dispatchEvent(new Event('input', { bubbles: true }));"#,
            vec![el.to_json().unwrap(), json!(value)],
        )
        .await
        .unwrap();
}

async fn value_of(app: &App, id: &str) -> String {
    app.by_test_id(id)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// Waits until `selector` matches at least one element.
async fn wait_css(app: &App, selector: &str) -> WebElement {
    app.css(selector).await
}

/// Waits until the autosave indicator says the draft is stored.
async fn wait_saved(app: &App) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let state = app
            .by_test_id("save-state")
            .await
            .attr("data-state")
            .await
            .unwrap()
            .unwrap_or_default();
        if state == "saved" && app.text_of("save-state").await.starts_with("Saved") {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the draft was not saved ({state})"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn shot(app: &App, name: &str) {
    // WebKitWebDriver's screenshot waits for the next presentation update; keep a few frames
    // coming so a completely still page does not stall it.
    let _ = app
        .driver
        .execute(
            "let n = 0; const f = () => { document.body.style.opacity = n % 2 ? '1' : '0.9999'; \
             if (++n < 120) requestAnimationFrame(f); else document.body.style.opacity = ''; }; \
             requestAnimationFrame(f);",
            vec![],
        )
        .await;
    tokio::time::sleep(Duration::from_millis(250)).await;
    app.screenshot(name).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn draft_issue_approve_revise_and_diff_the_policy() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("harbour.r20k");
    let ann = make_project(&file);
    let app = App::start(Launch {
        env: vec![("READY20K_E2E_OPEN_PATH".into(), file.display().to_string())],
        dir: Some(dir),
    })
    .await;
    let _ = app.driver.set_window_rect(0, 0, 1024, 700).await;

    click(&app, "open-project").await;
    app.wait_text("overview-title", "Harbour IT").await;
    click(&app, "nav-policies").await;

    // The register lists the policy as missing, grouped under clause 5.
    app.wait_text("status-DOC-SM-POLICY", "Missing").await;
    let rows = app
        .driver
        .find_all(By::Css("[data-testid='register-row']"))
        .await
        .unwrap();
    assert!(rows.len() >= 53, "{} rows", rows.len());
    wait_css(&app, "#clause-5").await;
    shot(&app, "policies-register").await;

    // Draft from the template: filled with the wizard's answers, unknowns as placeholders.
    click(&app, "open-DOC-SM-POLICY").await;
    app.wait_text("doc-title", "Service management policy")
        .await;
    click(&app, "draft-from-template").await;
    let body = value_of(&app, "editor").await;
    assert!(body.contains("Harbour IT Ltd"), "{body}");
    assert!(body.contains("Ann Lee"));
    assert!(!body.contains("undefined"));
    let preview = app.by_test_id("preview").await;
    let marks = preview.find_all(By::Css("mark.placeholder")).await.unwrap();
    assert!(
        !marks.is_empty(),
        "placeholders are highlighted in the preview"
    );
    assert!(
        app.text_of("placeholders")
            .await
            .contains("«ticketing system»")
    );

    // Edit: the preview follows, the draft autosaves, script never renders.
    let edited = body.replace(
        "## 4. Principles",
        "## 4. Principles\n\nWe answer every customer call the same day. <script>window.pwned = 1</script>",
    );
    type_into(&app, "editor", &edited).await;
    wait_saved(&app).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !app.text_of("preview").await.contains("same day") {
        assert!(
            Instant::now() < deadline,
            "the preview did not follow the edit"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let preview_html: String = app
        .by_test_id("preview")
        .await
        .prop("innerHTML")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(!preview_html.to_lowercase().contains("<script"));
    let pwned = app
        .driver
        .execute("return window.pwned === undefined;", vec![])
        .await
        .unwrap();
    assert_eq!(pwned.json(), &json!(true));
    shot(&app, "policies-editor").await;

    // Issue 1.0.
    click(&app, "issue-open").await;
    assert_eq!(value_of(&app, "issue-summary").await, "First issue");
    shot(&app, "policies-issue").await;
    click(&app, "issue-confirm").await;
    wait_css(&app, "[data-testid='version-row'][data-version='1.0']").await;
    app.wait_text("doc-status", "In review").await;

    // Approve as Ann, the top-management role holder.
    click(&app, "approve-open").await;
    let ann_radio = app.by_test_id(&format!("approver-{ann}")).await;
    assert!(ann_radio.is_selected().await.unwrap(), "Ann is preselected");
    // What the version still holds from the template (placeholders, instructions) is listed;
    // approval waits until each one is fixed in a new version or kept on purpose.
    app.settle().await;
    let keeps = app
        .driver
        .find_all(By::Css("[data-testid='keep-item']"))
        .await
        .unwrap();
    if !keeps.is_empty() {
        let confirm = app.by_test_id("approve-confirm").await;
        assert!(
            !confirm.is_enabled().await.unwrap(),
            "approval waits for the open items"
        );
        shot(&app, "policies-approve-open-items").await;
        for keep in keeps {
            keep.click().await.unwrap();
        }
    }
    shot(&app, "policies-approve").await;
    click(&app, "approve-confirm").await;
    app.wait_text("doc-status", "Approved").await;
    let record = app.text_of("approval-record").await;
    assert!(record.contains("Ann Lee"), "{record}");
    assert!(record.contains("Top management"), "{record}");
    shot(&app, "policies-approved").await;

    // Approved on the register.
    click(&app, "back-to-register").await;
    app.wait_text("status-DOC-SM-POLICY", "Approved").await;
    shot(&app, "policies-register-approved").await;

    // Draft 1.1 and see the diff.
    click(&app, "open-DOC-SM-POLICY").await;
    click(&app, "tab-draft").await;
    let body = value_of(&app, "editor").await;
    assert!(body.contains("| Version | 1.0 |"));
    type_into(
        &app,
        "editor",
        &body.replace("same day", "same working day, within four hours"),
    )
    .await;
    wait_saved(&app).await;
    click(&app, "issue-open").await;
    type_into(&app, "issue-summary", "Response promise made precise").await;
    click(&app, "issue-confirm").await;
    wait_css(&app, "[data-testid='version-row'][data-version='1.1']").await;
    // 1.0 stays approved while 1.1 waits for approval.
    app.wait_text("doc-status", "In review").await;
    let diff = app.by_test_id("diff").await;
    let inserted = diff
        .find_all(By::Css(".line[data-tag='insert']"))
        .await
        .unwrap();
    let mut texts = Vec::new();
    for l in &inserted {
        texts.push(l.prop("textContent").await.unwrap().unwrap_or_default());
    }
    assert!(
        texts.iter().any(|t| t.contains("within four hours")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("| Version | 1.1 |")),
        "{texts:?}"
    );
    assert!(app.text_of("diff-stats").await.contains("+2"));
    wait_css(&app, "[data-testid='diff']")
        .await
        .scroll_into_view()
        .await
        .unwrap();
    shot(&app, "policies-diff").await;

    let dir = app.quit().await;
    // The file holds 1.0 approved by Ann as top management, and 1.1 waiting.
    let project = App::open_released(&file).await;
    let approved = ready20k_store::documents::approved_documents(project.conn()).unwrap();
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0].version.number.to_string(), "1.0");
    assert_eq!(approved[0].approval.approver_person_id, ann);
    assert_eq!(approved[0].approval.role_id, "ROLE-TM");
    drop(dir);
}

/// Waits until `path` exists (the app writes it in the background).
async fn wait_file(path: &Path) -> Vec<u8> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !path.exists() {
        assert!(Instant::now() < deadline, "no file at {}", path.display());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    std::fs::read(path).unwrap()
}

/// A `.docx` is a zip package whose parts include the document body.
fn assert_docx(bytes: &[u8], what: &str) {
    assert!(bytes.starts_with(b"PK\x03\x04"), "{what} is not a zip");
    let has_body = bytes
        .windows(b"word/document.xml".len())
        .any(|w| w == b"word/document.xml");
    assert!(has_body, "{what} has no word/document.xml");
}

#[tokio::test(flavor = "multi_thread")]
async fn export_approved_documents_of_the_demo_firm_as_word_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = crate::harness::demo_file(dir.path());
    let one = dir.path().join("one").join("policy.docx");
    let all = dir.path().join("all");
    std::fs::create_dir_all(one.parent().unwrap()).unwrap();
    std::fs::create_dir_all(&all).unwrap();
    let env = vec![
        ("READY20K_E2E_EXPORT_PATH".into(), one.display().to_string()),
        ("READY20K_E2E_EXPORT_DIR".into(), all.display().to_string()),
    ];
    let app = App::open_file(&file, dir, env).await;
    click(&app, "nav-policies").await;

    // Every approved document into the (hooked) folder.
    click(&app, "export-all-docx").await;
    let notice = app.by_test_id("docs-exported").await;
    let text = notice
        .prop("textContent")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(text.contains("approved documents"), "{text}");
    shot(&app, "policies-export-all").await;
    let names: Vec<String> = std::fs::read_dir(&all)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.len() >= 5, "{names:?}");
    assert!(names.iter().all(|n| n.ends_with(".docx")), "{names:?}");
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("DOC-SM-POLICY Service management policy v")),
        "{names:?}"
    );
    for n in &names {
        assert!(text.contains(n.as_str()), "{n} not listed in {text}");
        assert_docx(&std::fs::read(all.join(n)).unwrap(), n);
    }

    // One approved document to the (hooked) save path.
    click(&app, "open-DOC-SM-POLICY").await;
    click(&app, "export-docx").await;
    let bytes = wait_file(&one).await;
    assert_docx(&bytes, "policy.docx");
    let text = app.text_of("docs-exported").await;
    assert!(text.contains("policy.docx"), "{text}");
    shot(&app, "policies-export-one").await;
    drop(app.quit().await);
}
