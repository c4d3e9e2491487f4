//! Internal audit, end to end: a six-person firm generates its audit programme, runs the
//! change-management audit's checklist from the keyboard, records a minor nonconformity and
//! takes it through correction, corrective action and verification to closure, then issues and
//! approves the report. Screenshots go to `target/e2e-shots/audits-*.png`.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ready20k_domain::assessment::ActionStatus;
use ready20k_domain::clock::SystemClock;
use ready20k_domain::wizard::Person;
use ready20k_domain::wizard::suggest::suggest_roles;
use ready20k_store::Project;
use ready20k_store::wizard::{self, people, profile, roles};
use thirtyfour::{By, WebElement};

use crate::harness::{App, Launch};

const PEOPLE: [(&str, &str); 6] = [
    ("Dana Director", "Managing director"),
    ("Sam Manager", "Operations manager"),
    ("Alex Account", "Account manager"),
    ("Lee Lead", "Lead engineer"),
    ("Kim Cloud", "Cloud engineer"),
    ("Jo Desk", "Service desk lead"),
];

/// A six-person firm with the suggested roles and a target date a year away.
fn six_person_firm(path: &Path) -> i64 {
    let mut p = Project::create(path, "Sixfold IT", Arc::new(SystemClock)).unwrap();
    for (name, title) in PEOPLE {
        let person = Person {
            name: name.into(),
            job_title: title.into(),
            ..Person::default()
        };
        people::save_person(&mut p, &person).unwrap();
    }
    let mut prof = profile::get_profile(p.conn()).unwrap();
    prof.headcount = 6;
    let next_year = chrono::Utc::now().date_naive() + chrono::Days::new(365);
    prof.target_date = Some(next_year.to_string());
    profile::update_profile(&mut p, &prof).unwrap();
    let data = wizard::load(p.conn()).unwrap();
    let lib = ready20k_domain::content::library();
    roles::apply_suggestion(&mut p, &suggest_roles(lib, &data.people, 6).unwrap()).unwrap();
    let tm = wizard::load(p.conn())
        .unwrap()
        .assignment("ROLE-TM")
        .unwrap()
        .holders[0];
    p.close().unwrap();
    tm
}

/// Presses one key on whatever has focus (the checklist's window handler takes it), then
/// gives the screen a moment.
async fn press(app: &App, key: &str) {
    app.keys(key).await;
    tokio::time::sleep(Duration::from_millis(150)).await;
}

/// Sets a field's value as a user would and fires its input and change events.
async fn set(app: &App, el: &WebElement, value: &str) {
    app.driver
        .execute(
            "arguments[0].value = arguments[1];
             arguments[0].dispatchEvent(new Event('input', {bubbles: true}));
             arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            vec![el.to_json().unwrap(), serde_json::json!(value)],
        )
        .await
        .unwrap();
}

/// The open finding of grade `grade`.
async fn finding(app: &App, grade: &str) -> WebElement {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let sel = format!("[data-testid='finding'][data-grade='{grade}']");
        if let Ok(f) = app.driver.find(By::Css(sel.as_str())).await {
            return f;
        }
        assert!(Instant::now() < deadline, "no {grade} finding");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Fills fields of the minor finding, saves it and waits for its stage.
async fn advance(app: &App, fields: &[(&str, &str)], stage: &str) {
    let f = finding(app, "minor").await;
    for (id, value) in fields {
        let el = f
            .find(By::Css(format!("[data-testid='{id}']").as_str()))
            .await
            .unwrap();
        set(app, &el, value).await;
    }
    f.find(By::Css("[data-testid='finding-save']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let f = finding(app, "minor").await;
        // The list re-renders after a save: a stale element just means "look again".
        let got = f
            .attr("data-stage")
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        if got == stage {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "finding stage {got}, want {stage}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn results(app: &App) -> Vec<String> {
    let mut out = Vec::new();
    for l in app
        .driver
        .find_all(By::Css("[data-testid='checklist-line']"))
        .await
        .unwrap()
    {
        out.push(l.attr("data-result").await.unwrap().unwrap_or_default());
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn audit_programme_checklist_by_keyboard_and_a_minor_nc_to_closure() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("six.r20k");
    let tm = six_person_firm(&file);
    let app = App::start(Launch {
        env: vec![("READY20K_E2E_OPEN_PATH".into(), file.display().to_string())],
        dir: Some(dir),
    })
    .await;
    app.by_test_id("open-project").await.click().await.unwrap();
    app.by_test_id("project-firm").await;
    // The smallest window the app supports: the programme and checklist must work in it.
    app.driver.set_window_rect(0, 0, 1024, 700).await.unwrap();
    app.by_test_id("nav-audits").await.click().await.unwrap();
    app.by_test_id("audits-generate")
        .await
        .click()
        .await
        .unwrap();
    app.by_test_id("programme-table").await;
    let rows = app
        .driver
        .find_all(By::Css("[data-testid='programme-row']"))
        .await
        .unwrap();
    assert!(rows.len() >= 20, "{} audits over two cycles", rows.len());
    // Every audit is independent: no conflict warning, every clause and process covered.
    assert!(
        app.driver
            .find_all(By::Css("[data-testid='independence-warning']"))
            .await
            .unwrap()
            .is_empty()
    );
    let facts = app
        .by_test_id("programme-facts")
        .await
        .text()
        .await
        .unwrap();
    assert!(facts.contains("covers every clause"), "{facts}");
    app.screenshot("audits-1-programme").await;

    // Open the change-management audit of cycle 1 and start it.
    let mut target = None;
    for r in rows {
        if r.text().await.unwrap().contains("8.5 Service design") {
            target = Some(r);
            break;
        }
    }
    let row = target.expect("an 8.5 audit");
    row.find(By::Css("[data-testid='audit-open']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.by_test_id("audit-start").await.click().await.unwrap();
    app.by_test_id("checklist-line").await;
    app.screenshot("audits-2-checklist").await;

    // Keyboard: 1 conformity (moves on), 2 minor NC, j, 4 opportunity, k back up.
    press(&app, "1").await;
    press(&app, "2").await;
    finding(&app, "minor").await;
    press(&app, "4").await;
    let r = results(&app).await;
    assert_eq!(&r[..3], ["conformity", "minor_nc", "ofi"], "{r:?}");
    press(&app, "k").await;
    press(&app, "k").await;
    let current = app
        .driver
        .find(By::Css(
            "[data-testid='checklist-line'][aria-current='true']",
        ))
        .await
        .unwrap();
    assert_eq!(
        current.attr("data-result").await.unwrap().unwrap(),
        "minor_nc"
    );
    let progress = app.by_test_id("checklist-progress").await;
    let text = progress
        .prop("textContent")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(text.trim().starts_with("3/"), "{text}");
    app.screenshot("audits-3-findings").await;

    // The minor nonconformity through correction, corrective action, verification, closure.
    advance(
        &app,
        &[(
            "nc-correction",
            "Both changes approved retrospectively by the director.",
        )],
        "corrected",
    )
    .await;
    advance(
        &app,
        &[
            (
                "nc-cause",
                "The ticket workflow let a change deploy without approval.",
            ),
            (
                "nc-corrective",
                "Approval is now a required workflow state.",
            ),
        ],
        "action_taken",
    )
    .await;
    advance(
        &app,
        &[
            (
                "nc-verification",
                "Sampled eight changes since: all approved before deployment.",
            ),
            ("nc-verified-on", "2027-03-01"),
            ("nc-verified-by", &tm.to_string()),
        ],
        "verified",
    )
    .await;
    advance(&app, &[("nc-closed-on", "2027-03-02")], "closed").await;
    finding(&app, "minor")
        .await
        .scroll_into_view()
        .await
        .unwrap();
    app.screenshot("audits-4-closed").await;

    // Issue and approve the report.
    let summary = app.by_test_id("report-summary").await;
    summary
        .send_keys("Change control works; two approvals were missed.")
        .await
        .unwrap();
    app.by_test_id("report-issue").await.click().await.unwrap();
    app.by_test_id("report-issued").await;
    let approver = app.by_test_id("report-approver").await;
    set(&app, &approver, &tm.to_string()).await;
    app.by_test_id("report-approve")
        .await
        .click()
        .await
        .unwrap();
    app.by_test_id("report-approved").await;
    app.by_test_id("report-panel")
        .await
        .scroll_into_view()
        .await
        .unwrap();
    app.screenshot("audits-5-report").await;

    // The finding in the action plan shows its NC fields.
    app.by_test_id("nav-scorecard").await.click().await.unwrap();
    app.by_test_id("action-plan").await;
    app.by_test_id("plan-grade").await; // grades arrive after the plan
    let plan_rows = app
        .driver
        .find_all(By::Css("[data-testid='plan-row']"))
        .await
        .unwrap();
    for r in plan_rows {
        let text = r.text().await.unwrap();
        if text.contains("Audit finding") && text.contains("Done") {
            // The finding's grade shows as a badge on its row.
            let grade = r
                .find(By::Css("[data-testid='plan-grade']"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert_eq!(grade.trim(), "Minor NC");
            r.find(By::Css("button.link"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            break;
        }
    }
    let verified_by = app.by_test_id("nc-verified-by").await;
    assert_eq!(
        verified_by.prop("value").await.unwrap().unwrap(),
        tm.to_string()
    );
    verified_by.scroll_into_view().await.unwrap();
    app.screenshot("audits-6-action-plan").await;

    let dir = app.quit().await;
    let p = App::open_released(&dir.path().join("six.r20k")).await;
    let view = ready20k_store::audits::view_programme(&p).unwrap();
    assert_eq!(view.facts.performed, 1);
    let ncs = ready20k_store::audits::list_ncs(p.conn()).unwrap();
    let minor = ncs
        .iter()
        .find(|n| n.grade == Some(ready20k_domain::audits::FindingGrade::Minor))
        .unwrap();
    assert_eq!(minor.closed_on.as_deref(), Some("2027-03-02"));
    assert_eq!(minor.verified_by, Some(tm));
    let action =
        ready20k_store::assessment::actions::get_action(p.conn(), minor.action_id).unwrap();
    assert_eq!(action.status, ActionStatus::Done);
    assert!(action.corrective_action.contains("required workflow state"));
    let reports = ready20k_store::audits::list_reports(p.conn()).unwrap();
    assert_eq!(reports[0].approved_by, Some(tm));
}
