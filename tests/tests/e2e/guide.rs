//! The clause guide and the command palette end to end, on the demo firm: answer a question
//! with the guide open beside it (the guide shows the clause, the firm's evidence and documents
//! as the store has them, and the new answer), follow a document from the guide to the
//! policies register with the guide beside it; and find clause 8.5.1.3 with Ctrl+K.
//! Screenshots go to `target/e2e-shots/guide-*.png`.

use std::sync::Arc;

use ready20k_domain::clock::SystemClock;
use ready20k_domain::content::library;
use ready20k_domain::guide::ClauseGuide;
use ready20k_store::Project;
use thirtyfour::prelude::*;

use crate::harness::{App, demo_file, until};

async fn attr(el: &WebElement, name: &str) -> String {
    el.attr(name).await.unwrap().unwrap_or_default()
}

/// The attribute `name` of the first element matching `selector` ("" when there is none).
async fn attr_of(app: &App, selector: &str, name: &str) -> String {
    match app.driver.query(By::Css(selector)).nowait().first().await {
        Ok(el) => attr(&el, name).await,
        Err(_) => String::new(),
    }
}

async fn count(app: &App, selector: &str) -> usize {
    app.driver.find_all(By::Css(selector)).await.unwrap().len()
}

/// The `data-testid` of the focused element.
async fn focused(app: &App) -> String {
    let el = app.driver.active_element().await.unwrap();
    attr(&el, "data-testid").await
}

/// Opens the palette with Ctrl+K and waits for the focus in its field.
async fn open_palette(app: &App) {
    app.keys(Key::Control + "k").await;
    app.by_test_id("palette-input").await;
    until("focus in the palette", || async {
        focused(app).await == "palette-input"
    })
    .await;
}

/// The guide of `clause` as the store computes it for `p` (which is closed).
fn stored_guide(p: Project, clause: &str) -> ClauseGuide {
    let today = p.clock().now().date_naive();
    let g = ready20k_store::guide::clause_guide(p.conn(), clause, today).unwrap();
    p.close().unwrap();
    g
}

#[tokio::test(flavor = "multi_thread")]
async fn answer_a_question_with_the_clause_guide_open() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path());
    let expected = stored_guide(Project::open(&file, Arc::new(SystemClock)).unwrap(), "4.3");
    let before = expected
        .questions
        .iter()
        .find(|q| q.id == "Q-4.3-01")
        .unwrap()
        .level
        .map_or(0, u8::from);
    let level = (before + 1) % 6;
    let app = App::open_file(&file, dir, vec![]).await;

    app.click("nav-assessment").await;
    app.click("clause-4").await;
    app.click("question-Q-4.1-01").await;
    // Ctrl+G opens the guide on the current question's clause, with the Amendment 1 note.
    app.keys(Key::Control + "g").await;
    let title = app.by_test_id("guide-title").await;
    until("the guide on 4.1", || async {
        attr(&title, "data-clause").await == "4.1"
    })
    .await;
    let c41 = library().clause("4.1").unwrap();
    app.wait_text("guide-summary", &c41.summary).await;
    app.wait_text("guide-small-firm", &c41.small_firm).await;
    let amendment = app.text_of("guide-amendment").await;
    assert!(amendment.contains(c41.amendment.as_deref().unwrap()));
    assert_eq!(
        attr(&app.by_test_id("guide-toggle").await, "aria-expanded").await,
        "true"
    );

    // The guide follows the current question to 4.3: the firm's evidence and documents as
    // the store has them, the scope statement first.
    app.click("question-Q-4.3-01").await;
    until("the guide on 4.3", || async {
        attr_of(&app, "[data-testid='guide-title']", "data-clause").await == "4.3"
    })
    .await;
    until("the firm's evidence for 4.3", || async {
        count(&app, "[data-testid='guide-evidence']").await == expected.firm_evidence.len()
    })
    .await;
    let shown: Vec<String> = {
        let mut ids = Vec::new();
        for el in app
            .driver
            .find_all(By::Css("[data-testid='guide-evidence']"))
            .await
            .unwrap()
        {
            ids.push(attr(&el, "data-id").await);
        }
        ids
    };
    let stored: Vec<String> = expected
        .firm_evidence
        .iter()
        .map(|e| e.id.to_string())
        .collect();
    assert_eq!(shown, stored);
    for d in &expected.documents {
        let el = app.by_test_id(&format!("guide-doc-{}", d.key)).await;
        let status = serde_json::to_value(d.status).unwrap();
        assert_eq!(attr(&el, "data-status").await, status.as_str().unwrap());
    }
    assert_eq!(expected.documents[0].key, "DOC-SCOPE");
    app.screenshot("guide-1-assessment").await;

    // Answer with the guide open: the level key answers the current question, and the guide
    // shows the new answer.
    app.click("question-Q-4.3-01").await;
    app.keys(level.to_string()).await;
    let row = "[data-testid='guide-question'][data-question='Q-4.3-01']";
    until("the guide to show the new answer", || async {
        attr_of(&app, row, "data-level").await == level.to_string()
    })
    .await;
    assert_eq!(
        attr(&app.by_test_id("question-Q-4.3-01").await, "data-level").await,
        level.to_string()
    );
    assert!(app.exists("[data-testid='clause-guide']").await);

    // From the guide to the scope statement: the guide stays beside the document.
    app.by_test_id("guide-doc-DOC-SCOPE")
        .await
        .find(By::Css("button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.by_test_id("doc-title").await;
    until("the guide beside the document", || async {
        attr_of(&app, "[data-testid='guide-title']", "data-clause").await == "4.3"
    })
    .await;
    app.screenshot("guide-2-document").await;

    // Ctrl+G closes it.
    app.keys(Key::Control + "g").await;
    until("the guide to close", || async {
        !app.exists("[data-testid='clause-guide']").await
    })
    .await;

    let dir = app.quit().await;
    let after = stored_guide(App::open_released(&file).await, "4.3");
    let q = after.questions.iter().find(|q| q.id == "Q-4.3-01").unwrap();
    assert_eq!(q.level.map(u8::from), Some(level));
    drop(dir);
}

#[tokio::test(flavor = "multi_thread")]
async fn find_clause_8_5_1_3_from_the_command_palette() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path());
    let app = App::open_file(&file, dir, vec![]).await;
    app.by_test_id("overview-title").await;

    // Ctrl+K opens the palette with the focus in its field; arrows move, Escape closes.
    open_palette(&app).await;
    app.keys("capacity").await;
    let first = "[data-testid='palette-hit']";
    until("capacity management first", || async {
        attr_of(&app, first, "data-id").await == "8.4.3"
    })
    .await;
    app.keys(Key::Down).await;
    until("the second hit selected", || async {
        attr_of(
            &app,
            "[data-testid='palette-hit'][aria-selected='true']",
            "id",
        )
        .await
            == "palette-hit-1"
    })
    .await;
    app.keys(Key::Escape).await;
    until("the palette to close", || async {
        !app.exists("[data-testid='palette']").await
    })
    .await;
    assert!(
        app.exists("[data-testid='nav-home'][aria-current='page']")
            .await
    );

    // Type the clause number, pick it: the assessment at 8.5.1.3 with its guide open.
    open_palette(&app).await;
    app.keys("8.5.1.3").await;
    until("8.5.1.3 first", || async {
        attr_of(&app, first, "data-id").await == "8.5.1.3"
            && attr_of(&app, first, "data-kind").await == "clause"
    })
    .await;
    app.screenshot("guide-3-palette").await;
    app.keys(Key::Enter).await;
    app.by_test_id("assessment-screen").await;
    until("a question of 8.5.1.3", || async {
        attr_of(&app, "[data-testid='current-question']", "data-question")
            .await
            .starts_with("Q-8.5.1.3-")
    })
    .await;
    until("the guide on 8.5.1.3", || async {
        attr_of(&app, "[data-testid='guide-title']", "data-clause").await == "8.5.1.3"
    })
    .await;
    app.screenshot("guide-4-landed").await;

    // Screens by name: "Scorecard" then Enter.
    open_palette(&app).await;
    app.keys("Scorecard").await;
    until("the scorecard screen first", || async {
        attr_of(&app, first, "data-kind").await == "screen"
            && attr_of(&app, first, "data-id").await == "scorecard"
    })
    .await;
    app.keys(Key::Enter).await;
    app.by_test_id("stage1-verdict").await;
    app.quit().await;
}
