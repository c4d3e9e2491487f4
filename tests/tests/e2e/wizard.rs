//! The setup wizard end to end: a six-person firm goes through every step, meets a blocking
//! separation-of-duties conflict and resolves it, restarts the app and finds everything.
//! A second test drives a one-person and a forty-person firm through the role suggester.
//!
//! Set `READY20K_SHOTS=<dir>` to save a screenshot of every step there.

use std::sync::Arc;
use std::time::{Duration, Instant};

use ready20k_domain::clock::SystemClock;
use ready20k_store::Project;
use serde_json::json;
use thirtyfour::prelude::*;

use crate::harness::{App, Launch};

/// Saves a screenshot when `READY20K_SHOTS` is set.
async fn shot(app: &App, name: &str) {
    shot_at(app, name, None).await;
}

/// Saves a screenshot with `selector` scrolled into view.
async fn shot_at(app: &App, name: &str, selector: Option<&str>) {
    if std::env::var_os("READY20K_SHOTS").is_some() {
        if let Some(sel) = selector {
            let el = css(app, sel).await;
            el.scroll_into_view().await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
        app.screenshot(name).await;
    }
}

/// Waits until no backend call is in flight (the content area's `aria-busy`).
async fn settle(app: &App) {
    app.settle().await;
}

async fn css(app: &App, selector: &str) -> WebElement {
    app.css(selector).await
}

/// Sets an input, textarea or select like a user would (value, `input` and `change` events).
async fn set(app: &App, selector: &str, value: &str) {
    let el = css(app, selector).await;
    app.driver
        .execute(
            r#"const el = arguments[0];
               const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype
                 : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype
                 : HTMLInputElement.prototype;
               Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, arguments[1]);
               el.dispatchEvent(new Event('input', { bubbles: true }));
               el.dispatchEvent(new Event('change', { bubbles: true }));"#,
            vec![el.to_json().unwrap(), json!(value)],
        )
        .await
        .unwrap();
    settle(app).await;
}

fn tid(id: &str) -> String {
    format!("[data-testid='{id}']")
}

async fn click(app: &App, id: &str) {
    app.by_test_id(id).await.click().await.unwrap();
    settle(app).await;
}

/// Types `text` into the list input `{list}-input` and presses its `{list}-add` button.
async fn add_to_list(app: &App, list: &str, text: &str) {
    set(app, &tid(&format!("{list}-input")), text).await;
    click(app, &format!("{list}-add")).await;
}

/// Takes the screenshot `shot_name` of `step`, moves on to the step titled `next_title` and
/// checks that `step` is now done.
async fn leave_step(app: &App, shot_name: &str, step: &str, next_title: &str) {
    shot(app, shot_name).await;
    next(app, next_title).await;
    assert_eq!(state_of(app, step).await, "done");
}

/// Checks that the separation-of-duties finding of `rule` is (or is not) resolved.
async fn assert_resolved(app: &App, rule: &str, resolved: bool) {
    let finding = css(
        app,
        &format!("[data-testid='sod-finding'][data-rule='{rule}']"),
    )
    .await;
    assert_eq!(
        finding.attr("data-resolved").await.unwrap().as_deref(),
        Some(if resolved { "true" } else { "false" }),
        "{rule}"
    );
}

async fn next(app: &App, title: &str) {
    click(app, "wizard-next").await;
    app.wait_text("wizard-step-title", title).await;
}

async fn create_project(app: &App, firm: &str) {
    click(app, "new-project").await;
    app.create_project(firm).await;
    click(app, "nav-wizard").await;
    app.wait_text("wizard-step-title", "Firm profile").await;
}

async fn fill_profile(app: &App, legal: &str, headcount: u32) {
    set(app, &tid("profile-legal-name"), legal).await;
    set(app, &tid("profile-address"), "1 High Street, Leeds LS1 1AA").await;
    set(app, &tid("profile-sector"), "Managed IT services").await;
    set(app, &tid("profile-headcount"), &headcount.to_string()).await;
    add_to_list(app, "profile-customers", "Small and medium businesses").await;
    set(app, &tid("profile-target-date"), "2030-06-30").await;
}

async fn add_person(app: &App, name: &str, email: &str, title: &str) {
    set(app, &tid("person-name"), name).await;
    set(app, &tid("person-email"), email).await;
    set(app, &tid("person-title"), title).await;
    click(app, "person-add").await;
}

async fn count(app: &App, selector: &str) -> usize {
    app.driver.find_all(By::Css(selector)).await.unwrap().len()
}

async fn state_of(app: &App, step: &str) -> String {
    app.by_test_id(&format!("step-{step}"))
        .await
        .attr("data-state")
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn six_person_firm_goes_through_the_wizard_and_resumes_after_restart() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("brightdesk.r20k");
    let env = vec![(
        "READY20K_E2E_SAVE_PATH".to_owned(),
        file.display().to_string(),
    )];
    let app = App::start(Launch {
        env: env.clone(),
        dir: Some(dir),
    })
    .await;
    create_project(&app, "BrightDesk IT").await;

    // 1. Profile: the firm's name is already its legal name, and nothing is flagged before a
    // field is touched; an emptied legal name is reported inline with how to fix it.
    let legal = css(&app, &tid("profile-legal-name")).await;
    assert_eq!(
        legal.prop("value").await.unwrap().as_deref(),
        Some("BrightDesk IT")
    );
    assert_eq!(count(&app, &tid("issues")).await, 0);
    set(&app, &tid("profile-legal-name"), "").await;
    let issues = app.by_test_id("issues").await.text().await.unwrap();
    assert!(
        issues.contains("Enter the firm's registered legal name"),
        "{issues}"
    );
    shot(&app, "01-profile-empty").await;
    fill_profile(&app, "BrightDesk IT Ltd", 6).await;
    leave_step(&app, "02-profile", "profile", "Context").await;

    // 2. Context: issues typed and picked, a suggested party, the climate decision.
    add_to_list(
        &app,
        "issue-internal",
        "Two engineers hold most of the know-how",
    )
    .await;
    add_to_list(
        &app,
        "issue-external",
        "Customers ask for security evidence",
    )
    .await;
    click(&app, "party-suggestion").await; // Customers, with requirements
    click(&app, "climate-no").await;
    set(
        &app,
        &tid("climate-rationale"),
        "Services run in cloud regions; no customer asks for carbon data.",
    )
    .await;
    leave_step(&app, "03-context", "context", "Services and scope").await;

    // 3. Services: a service without targets warns; an exclusion in the scope is refused.
    set(&app, &tid("service-new-name"), "Managed workplace support").await;
    click(&app, "service-add").await;
    let svc = app.by_test_id("service-issues").await.text().await.unwrap();
    assert!(svc.contains("has no service level targets"), "{svc}");
    set(
        &app,
        &tid("service-sla"),
        "P1 response 1 hour; 99.5 % availability",
    )
    .await;
    set(
        &app,
        &tid("service-description"),
        "Service desk, monitoring and patching of staff devices",
    )
    .await;
    add_to_list(&app, "service-locations", "Home working (remote)").await;
    set(
        &app,
        &tid("scope-text"),
        "Everything we do. Clause 8.4.1 is not applicable.",
    )
    .await;
    let scope = app.by_test_id("scope-issues").await.text().await.unwrap();
    assert!(scope.contains("Narrow the scope instead"), "{scope}");
    assert!(scope.contains("too vague"), "{scope}");
    shot_at(
        &app,
        "04-services-scope-warnings",
        Some(&tid("scope-issues")),
    )
    .await;
    click(&app, "scope-reset").await;
    let text = app
        .by_test_id("scope-text")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    assert!(
        text.starts_with("The service management system of BrightDesk IT Ltd"),
        "{text}"
    );
    assert!(text.contains("Managed workplace support"), "{text}");
    leave_step(&app, "05-services", "services", "People").await;

    // 4. People: four by hand, one removed and restored, two from CSV with a bad row.
    add_person(
        &app,
        "Dana Director",
        "dana@brightdesk.example",
        "Managing Director",
    )
    .await;
    add_person(
        &app,
        "Olivia Ops",
        "olivia@brightdesk.example",
        "Operations Manager",
    )
    .await;
    add_person(
        &app,
        "Sam Sales",
        "sam@brightdesk.example",
        "Account Manager",
    )
    .await;
    add_person(&app, "Lee Lead", "lee@brightdesk.example", "Lead Engineer").await;
    // The backend's rules say what is wrong before anything is saved.
    set(&app, &tid("person-email"), "not-an-email").await;
    click(&app, "person-add").await;
    let error = css(&app, ".field-error").await.text().await.unwrap();
    assert!(error.contains("enter the person's full name"), "{error}");
    let errors = app.driver.find_all(By::Css(".field-error")).await.unwrap();
    assert_eq!(errors.len(), 2, "a name and an e-mail error");
    assert!(
        errors[1]
            .text()
            .await
            .unwrap()
            .contains("is not an e-mail address")
    );
    set(&app, &tid("person-email"), "").await;
    assert_eq!(count(&app, &tid("person-row")).await, 4);
    app.driver
        .find_all(By::Css(tid("person-remove")))
        .await
        .unwrap()[3]
        .click()
        .await
        .unwrap();
    settle(&app).await;
    assert_eq!(count(&app, &tid("person-row")).await, 3);
    click(&app, "undo-remove").await;
    assert_eq!(count(&app, &tid("person-row")).await, 4);
    css(&app, "[data-testid='csv-import'] summary")
        .await
        .click()
        .await
        .unwrap();
    set(
        &app,
        &tid("csv-text"),
        "name,email,job title\nDev Desk,dev@brightdesk.example,Service desk analyst\n\
         ,nobody@brightdesk.example,Engineer\nEve Engineer,eve@brightdesk.example,Engineer\n",
    )
    .await;
    click(&app, "csv-preview").await;
    let preview = app
        .by_test_id("csv-preview-table")
        .await
        .text()
        .await
        .unwrap();
    assert!(preview.contains("Name is empty"), "{preview}");
    shot(&app, "06-people-csv").await;
    click(&app, "csv-import-valid").await;
    assert_eq!(count(&app, &tid("person-row")).await, 6);
    shot(&app, "07-people").await;
    next(&app, "Roles").await;

    // 5. Roles: the suggestion leaves no block; giving the SMS manager internal audit
    // creates two independence blocks — SOD-02 (SMS manager audits the SMS) and SOD-01 (the
    // auditor is accountable or responsible for processes through another role) — which stop
    // "Next" until a mitigation is recorded for each.
    click(&app, "roles-suggest").await;
    shot(&app, "08-roles-proposal").await;
    click(&app, "roles-apply").await;
    assert_eq!(count(&app, &tid("sod-blocks")).await, 0);
    let smsm = css(&app, "[data-role='ROLE-SMSM'] .chips")
        .await
        .text()
        .await
        .unwrap();
    assert!(smsm.contains("Olivia Ops"), "SMS manager is {smsm}");
    let olivia = app
        .driver
        .execute(
            "return [...document.querySelectorAll(\"[data-role='ROLE-IA'] [data-testid='role-add-holder'] option\")]\
             .find(o => o.textContent.startsWith('Olivia')).value",
            Vec::<serde_json::Value>::new(),
        )
        .await
        .unwrap()
        .json()
        .as_str()
        .unwrap()
        .to_owned();
    set(
        &app,
        "[data-role='ROLE-IA'] [data-testid='role-add-holder']",
        &olivia,
    )
    .await;
    app.wait_text("sod-blocks", "2 blocking").await;
    for rule in ["SOD-02", "SOD-01"] {
        assert_resolved(&app, rule, false).await;
    }
    shot(&app, "09-roles-block").await;
    click(&app, "wizard-next").await;
    let blocked = app.by_test_id("wizard-blocked").await.text().await.unwrap();
    assert!(
        blocked.contains("2 blocking") && blocked.contains("SOD-01"),
        "{blocked}"
    );
    app.wait_text("wizard-step-title", "Roles").await;
    for rule in ["SOD-02", "SOD-01"] {
        css(
            &app,
            &format!("[data-rule='{rule}'] [data-testid='mitigation-use-suggestion']"),
        )
        .await
        .click()
        .await
        .unwrap();
        css(
            &app,
            &format!("[data-rule='{rule}'] [data-testid='mitigation-record']"),
        )
        .await
        .click()
        .await
        .unwrap();
        settle(&app).await;
        assert_resolved(&app, rule, true).await;
    }
    assert_eq!(count(&app, &tid("sod-blocks")).await, 0);
    leave_step(&app, "10-roles-resolved", "roles", "Review").await;

    // 6. Review.
    let scope = app.by_test_id("review-scope").await.text().await.unwrap();
    assert!(scope.contains("Managed workplace support"));
    shot(&app, "11-review").await;
    click(&app, "nav-roles").await;
    app.by_test_id("raci-table").await;
    assert_eq!(count(&app, &tid("raci-row")).await, 6); // one row per person with a role
    shot_at(&app, "12-raci", Some(&tid("raci-table"))).await;

    // Restart: the same file, reopened from the recent list, resumes at the review step.
    let dir = app.quit().await;
    {
        // The app may take a moment to release its lock after the session ends.
        let deadline = Instant::now() + Duration::from_secs(10);
        let p = loop {
            match Project::open(&file, Arc::new(SystemClock)) {
                Ok(p) => break p,
                Err(e) if e.code() == "already_open" && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("reopening failed: {e}"),
            }
        };
        let d = ready20k_store::wizard::load(p.conn()).unwrap();
        assert_eq!(d.people.len(), 6);
        assert_eq!(d.profile.headcount, 6);
        // The two recorded in the roles step, beside those the applied suggestion recorded.
        for rule in ["SOD-02", "SOD-01"] {
            assert!(
                d.mitigations.iter().any(|m| m.rule_id == rule),
                "no {rule} mitigation in {:?}",
                d.mitigations
            );
        }
        assert!(d.holder_names("ROLE-IA").contains(&"Olivia Ops".to_owned()));
    }
    let app = App::start(Launch {
        env,
        dir: Some(dir),
    })
    .await;
    click(&app, "recent-entry").await;
    app.wait_text("overview-title", "BrightDesk IT").await;
    click(&app, "nav-wizard").await;
    app.wait_text("wizard-step-title", "Review").await;
    for step in ["profile", "context", "services", "roles"] {
        assert_eq!(state_of(&app, step).await, "done", "{step} after restart");
    }
    click(&app, "step-people").await;
    app.wait_text("wizard-step-title", "People").await;
    assert_eq!(count(&app, &tid("person-row")).await, 6);
    click(&app, "step-roles").await;
    let finding = css(&app, "[data-testid='sod-finding'][data-rule='SOD-02']").await;
    assert_eq!(
        finding.attr("data-resolved").await.unwrap().as_deref(),
        Some("true")
    );
    drop(app.quit().await);
}

/// The suggester for the smallest and a large firm, driven through the window.
#[tokio::test(flavor = "multi_thread")]
async fn one_and_forty_person_firms_get_allocations_without_blocks() {
    for (n, name) in [(1u32, "Solo IT"), (40, "Forty Services")] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p.r20k");
        let env = vec![(
            "READY20K_E2E_SAVE_PATH".to_owned(),
            file.display().to_string(),
        )];
        let app = App::start(Launch {
            env,
            dir: Some(dir),
        })
        .await;
        create_project(&app, name).await;
        fill_profile(&app, &format!("{name} Ltd"), n).await;
        click(&app, "step-people").await;
        app.wait_text("wizard-step-title", "People").await;
        if n == 1 {
            add_person(&app, "Alex Solo", "alex@solo.example", "Owner").await;
        } else {
            let mut csv = String::from("name,email,job title\n");
            let titles = [
                "Managing Director",
                "Operations Manager",
                "Account Manager",
                "Lead Engineer",
                "Cloud Engineer",
                "Service desk lead",
                "Security Engineer",
            ];
            for i in 0..n {
                let title = titles.get(i as usize).copied().unwrap_or(if i % 2 == 0 {
                    "Engineer"
                } else {
                    "Service desk analyst"
                });
                csv.push_str(&format!("Person {i:02},p{i}@forty.example,{title}\n"));
            }
            css(&app, "[data-testid='csv-import'] summary")
                .await
                .click()
                .await
                .unwrap();
            set(&app, &tid("csv-text"), &csv).await;
            click(&app, "csv-preview").await;
            click(&app, "csv-import-valid").await;
        }
        assert_eq!(count(&app, &tid("person-row")).await, n as usize);
        shot(&app, &format!("size{n}-people")).await;
        click(&app, "step-roles").await;
        app.wait_text("wizard-step-title", "Roles").await;
        click(&app, "roles-suggest").await;
        shot(&app, &format!("size{n}-proposal")).await;
        click(&app, "roles-apply").await;
        assert_eq!(count(&app, &tid("sod-blocks")).await, 0, "{n} people");
        shot(&app, &format!("size{n}-roles")).await;
        if n == 1 {
            // Top management who is also SMS manager is no conflict (SOD-20 is checked on review
            // records): no finding, and the internal auditor is contracted.
            assert_eq!(
                count(&app, "[data-testid='sod-finding'][data-rule='SOD-20']").await,
                0
            );
            let ia = css(&app, "[data-role='ROLE-IA'] .chips")
                .await
                .text()
                .await
                .unwrap();
            assert!(ia.contains("Contracted internal auditor"), "{ia}");
        }
        click(&app, "wizard-next").await;
        app.wait_text("wizard-step-title", "Review").await;
        shot(&app, &format!("size{n}-review")).await;
        click(&app, "nav-roles").await;
        app.by_test_id("raci-table").await;
        shot_at(&app, &format!("size{n}-raci"), Some(&tid("raci-table"))).await;
        if n == 40 {
            app.driver.set_window_rect(0, 0, 1024, 700).await.unwrap();
            click(&app, "nav-wizard").await;
            click(&app, "step-services").await;
            shot(&app, "size40-services-1024x700").await;
            click(&app, "step-roles").await;
            shot(&app, "size40-roles-1024x700").await;
        }
        drop(app.quit().await);
    }
}
