//! Management review (9.3) in the real window, on the demo firm with an internal audit just
//! reported: plan a review, record who attended (top management), see the collected inputs
//! show that audit, decide an action, draft the minutes from the template, issue and approve
//! them. Screenshots go to `target/e2e-shots/reviews-*.png`.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ready20k_domain::assessment::ActionSource;
use ready20k_domain::audits::{LineInput, LineResult};
use ready20k_domain::clock::SystemClock;
use ready20k_domain::reviews::ReviewStatus;
use ready20k_store::{Project, audits, reviews, wizard};

use crate::harness::{App, Launch};

/// The demo firm plus one internal audit started and reported today (a minor nonconformity
/// and an opportunity for improvement). Returns (top management id, SMS manager id, audit
/// title).
fn demo_with_audit(path: &Path) -> (i64, i64, String) {
    ready20k_store::demo::create_demo(path, Arc::new(SystemClock))
        .unwrap()
        .close()
        .unwrap();
    let mut p = Project::open(path, Arc::new(SystemClock)).unwrap();
    if audits::list_audits(p.conn()).unwrap().is_empty() {
        audits::generate_programme(&mut p).unwrap();
    }
    let started = audits::list_audits(p.conn())
        .unwrap()
        .into_iter()
        .filter(|a| a.performed_on.is_none())
        .find_map(|a| {
            let lines = audits::start_audit(&mut p, a.id).ok()?;
            Some((a, lines))
        })
        .expect("an audit of the programme can be started");
    let (audit, lines) = started;
    for (line, result) in lines.iter().zip([LineResult::MinorNc, LineResult::Ofi]) {
        audits::record_line(
            &mut p,
            &LineInput {
                line_id: line.id,
                result,
                evidence_refs: "Change log, last quarter".into(),
                notes: "Sampled three changes.".into(),
            },
        )
        .unwrap();
    }
    audits::issue_report(&mut p, audit.id, "One minor nonconformity found.", None).unwrap();
    let data = wizard::load(p.conn()).unwrap();
    let holder = |role: &str| data.assignment(role).unwrap().holders[0];
    let ids = (holder("ROLE-TM"), holder("ROLE-SMSM"), audit.title);
    p.close().unwrap();
    ids
}

/// Sets an input (date, text) by test id the way typing does for Svelte's `bind:value`.
async fn set_value(app: &App, id: &str, value: &str) {
    let el = app.by_test_id(id).await;
    app.driver
        .execute(
            "arguments[0].value = arguments[1]; \
             arguments[0].dispatchEvent(new Event('input', { bubbles: true })); \
             arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
            vec![el.to_json().unwrap(), serde_json::json!(value)],
        )
        .await
        .unwrap();
}

/// Waits until the element `id` contains `part`.
async fn wait_contains(app: &App, id: &str, part: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let got = app.text_of(id).await;
        if got.contains(part) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "[{id}] shows {got:?}, want {part:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn shot(app: &App, name: &str) {
    tokio::time::sleep(Duration::from_millis(250)).await;
    app.screenshot(&format!("reviews-{name}")).await;
}

/// Scrolls the element `id` to the top of the view.
async fn scroll_to(app: &App, id: &str) {
    let el = app.by_test_id(id).await;
    app.driver
        .execute(
            "arguments[0].scrollIntoView({ block: 'start' });",
            vec![el.to_json().unwrap()],
        )
        .await
        .unwrap();
}

async fn click(app: &App, id: &str) {
    app.by_test_id(id).await.click().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn hold_a_management_review_whose_inputs_show_the_audit_and_approve_its_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.r20k");
    let (tm, sms, audit_title) = demo_with_audit(&file);
    let today = chrono::Utc::now().date_naive().to_string();
    let app = App::start(Launch {
        env: vec![("READY20K_E2E_OPEN_PATH".into(), file.display().to_string())],
        dir: Some(dir),
    })
    .await;
    click(&app, "open-project").await;
    app.by_test_id("project-firm").await;

    // The list: the demo's review counts.
    click(&app, "nav-reviews").await;
    app.wait_text("reviews-held", "1").await;
    shot(&app, "1-list").await;

    // Plan a review; it opens as a draft with its inputs collected from the project.
    set_value(
        &app,
        "review-new-title",
        "Management review after the audit",
    )
    .await;
    click(&app, "review-plan").await;
    app.wait_text("review-status", "Draft").await;
    set_value(&app, "review-held", &today).await;
    click(&app, &format!("review-attended-{tm}")).await;
    if sms != tm {
        click(&app, &format!("review-attended-{sms}")).await;
    }
    assert!(
        app.by_test_id(&format!("review-tm-{tm}"))
            .await
            .is_selected()
            .await
            .unwrap(),
        "the top-management holder is ticked as top management"
    );
    set_value(
        &app,
        "review-decisions",
        "Fix the change approvals found by the audit.",
    )
    .await;
    click(&app, "review-save").await;
    // The inputs show the audit just reported, with its findings, and the register.
    wait_contains(&app, "review-input-audits", &audit_title).await;
    wait_contains(&app, "review-input-audits", "1 minor").await;
    wait_contains(
        &app,
        "review-input-nonconformities",
        "Source: Action register",
    )
    .await;
    scroll_to(&app, "review-status").await;
    shot(&app, "2-draft-meeting").await;
    scroll_to(&app, "review-inputs").await;
    shot(&app, "3-draft-inputs").await;

    // A decision's action goes to the one action register.
    set_value(
        &app,
        "review-action-title",
        "Re-train approvers on the change procedure",
    )
    .await;
    let owner = app.by_test_id("review-action-owner").await;
    app.driver
        .execute(
            "arguments[0].value = arguments[1]; \
             arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
            vec![owner.to_json().unwrap(), serde_json::json!(tm.to_string())],
        )
        .await
        .unwrap();
    set_value(&app, "review-action-due", &today).await;
    click(&app, "review-action-add").await;
    wait_contains(&app, "review-actions", "Re-train approvers").await;

    // Minutes drafted from the template, then issued (confirmed) and approved.
    click(&app, "review-redraft").await;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let minutes = app
            .by_test_id("review-minutes")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default();
        if minutes.contains("## B13. Decisions and actions") {
            assert!(minutes.contains("Re-train approvers on the change procedure"));
            assert!(minutes.contains(&audit_title));
            break;
        }
        assert!(Instant::now() < deadline, "no minutes drafted: {minutes:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    shot(&app, "4-minutes").await;
    click(&app, "review-issue").await;
    app.by_test_id("review-confirm").await;
    shot(&app, "5-issue-confirm").await;
    click(&app, "review-confirm-yes").await;
    app.wait_text("review-status", "Issued for approval").await;
    click(&app, "review-approve").await;
    app.by_test_id("review-approve-dialog").await;
    wait_contains(&app, "review-approve-dialog", "Top management").await;
    shot(&app, "6-approve").await;
    click(&app, "review-approve-confirm").await;
    app.wait_text("review-status", "Approved").await;
    app.by_test_id("review-counts").await;
    scroll_to(&app, "review-status").await;
    shot(&app, "7-approved").await;
    scroll_to(&app, "review-minutes-text").await;
    shot(&app, "8-approved-minutes").await;
    // The same screen and the list at 1024x700.
    app.driver.set_window_rect(0, 0, 1024, 700).await.unwrap();
    scroll_to(&app, "review-inputs").await;
    shot(&app, "9-small-review").await;
    click(&app, "review-back").await;
    app.wait_text("reviews-held", "2").await;
    shot(&app, "10-small-list").await;

    let dir = app.quit().await;
    let p = App::open_released(&dir.path().join("demo.r20k")).await;
    let list = reviews::list_reviews(p.conn()).unwrap();
    let mine = list.last().unwrap();
    assert_eq!(mine.status, ReviewStatus::Approved);
    assert_eq!(mine.approved_by, Some(tm));
    assert!(mine.inputs.is_some());
    let actions = ready20k_store::assessment::actions::list_actions(p.conn()).unwrap();
    let decided = actions
        .iter()
        .find(|a| mine.action_ids.contains(&a.id))
        .unwrap();
    assert_eq!(decided.source, ActionSource::ManagementReview);
    assert_eq!(reviews::review_facts(p.conn()).unwrap().held, 2);
}
