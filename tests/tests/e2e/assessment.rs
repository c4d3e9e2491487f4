//! The self-assessment and scorecard end to end: answer the questions of clause 4 from the
//! keyboard, attach an evidence file, and see the clause score and a Stage 1 reason change.
//! A second test opens an empty, a half-done and a complete project and screenshots both
//! screens (`target/e2e-shots/assessment-*.png`, `scorecard-*.png`).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use ready20k_domain::assessment::{Action, ActionSource, ActionStatus, AnswerRecord, NewEvidence};
use ready20k_domain::clock::{SettableClock, SystemClock};
use ready20k_domain::content::library;
use ready20k_domain::scoring::MaturityLevel;
use ready20k_domain::wizard::Person;
use ready20k_store::Project;
use ready20k_store::assessment::{self as store, actions, answers, evidence, snapshots};
use ready20k_store::wizard::people;
use thirtyfour::prelude::*;

use crate::harness::{App, Launch, until};

async fn css(app: &App, selector: &str) -> WebElement {
    app.css(selector).await
}

async fn attr(el: &WebElement, name: &str) -> String {
    el.attr(name).await.unwrap().unwrap_or_default()
}

async fn text(app: &App, id: &str) -> String {
    let el = app.by_test_id(id).await;
    el.prop("textContent")
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// Clicks the element with `data-testid` = `id` the way a person does: press, hold for a
/// moment, release (WebDriver's own click presses and releases at once).
async fn click_as_a_person(app: &App, id: &str) {
    let el = app.by_test_id(id).await;
    app.driver
        .action_chain()
        .move_to_element_center(&el)
        .click_and_hold()
        .perform()
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(150)).await;
    app.driver.action_chain().release().perform().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn answer_a_clause_attach_evidence_and_see_the_scorecard_change() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acme.r20k");
    let proof = dir.path().join("context-review-minutes.txt");
    std::fs::write(
        &proof,
        b"Context and scope reviewed at management review, 2026-02-10.\n",
    )
    .unwrap();
    let app = App::start(Launch {
        env: vec![
            ("READY20K_E2E_SAVE_PATH".into(), file.display().to_string()),
            (
                "READY20K_E2E_EVIDENCE_PATH".into(),
                proof.display().to_string(),
            ),
        ],
        dir: Some(dir),
    })
    .await;
    app.click("new-project").await;
    app.create_project("Acme Managed Services").await;

    // Before: clause 4 scores 0 and the blocking scope question is a Stage 1 reason.
    app.click("nav-scorecard").await;
    app.by_test_id("estimate-notice").await;
    assert_eq!(
        attr(&app.by_test_id("stage1-verdict").await, "data-verdict").await,
        "not_ready"
    );
    assert_eq!(
        attr(&app.by_test_id("bar-4").await, "data-value").await,
        "0.0"
    );
    let scope_reason = "[data-testid='stage1-reason'][data-question='Q-4.3-01']";
    assert!(
        app.exists(scope_reason).await,
        "Q-4.3-01 should be a Stage 1 reason"
    );

    // Answer the twelve questions of clause 4 with the keyboard: "4" answers and moves on.
    app.click("nav-assessment").await;
    let first = app.by_test_id("current-question").await;
    assert_eq!(attr(&first, "data-question").await, "Q-4.1-01");
    assert_eq!(text(&app, "clause-progress-4").await, "0/12");
    let clause4 = library().questions_for_top("4");
    for _ in 0..clause4.len() {
        app.keys("4").await;
    }
    app.wait_text("clause-progress-4", "12/12").await;
    let total = library().questions.len();
    app.wait_text("answered-count", &format!("12 of {total} answered"))
        .await;
    // The keyboard moved on to clause 5.
    until("the first question of clause 5", || async {
        attr(
            &css(&app, "[data-testid='current-question']").await,
            "data-question",
        )
        .await
            == "Q-5.1-01"
    })
    .await;
    let unevidenced: f64 = text(&app, "clause-score-4").await.parse().unwrap();
    assert!(unevidenced > 0.0, "answers alone should lift clause 4");

    // Back to the scope question: level 4 counts only as 1 without evidence. Attach a file.
    app.click("clause-4").await;
    app.click("question-Q-4.3-01").await;
    app.by_test_id("evidence-rule").await;
    app.click("attach-file").await;
    let item = app.by_test_id("evidence-item").await;
    assert_eq!(attr(&item, "data-kind").await, "file");
    until("the evidence rule notice to go", || async {
        !app.exists("[data-testid='evidence-rule']").await
    })
    .await;
    let evidenced: f64 = text(&app, "clause-score-4").await.parse().unwrap();
    assert!(
        evidenced > unevidenced,
        "evidence should lift clause 4: {evidenced} vs {unevidenced}"
    );
    app.screenshot("e2e-assessment-clause4").await;

    // Work in the question card, then one click on a navigation item navigates: the note
    // saves when the field loses focus to that click, and the click still lands. The click is
    // a person's (press, a moment, release), not WebDriver's instant one.
    app.click("question-Q-4.3-01").await;
    let note = app.by_test_id("answer-note").await;
    note.click().await.unwrap();
    note.send_keys("Minutes of the context review")
        .await
        .unwrap();
    click_as_a_person(&app, "nav-scorecard").await;
    until("the scorecard after one click", || async {
        attr(&css(&app, "[aria-current='page']").await, "data-testid").await == "nav-scorecard"
    })
    .await;

    // After: the scorecard shows the new clause score and the reason is gone.
    until("the new clause 4 bar", || async {
        attr(&app.by_test_id("bar-4").await, "data-value").await == format!("{evidenced:.1}")
    })
    .await;
    app.by_test_id("stage1-reasons").await;
    assert!(
        !app.exists(scope_reason).await,
        "Q-4.3-01 should no longer be a Stage 1 reason"
    );
    app.screenshot("e2e-scorecard-after-clause4").await;

    let dir = app.quit().await;
    let project = App::open_released(&file).await;
    let stored = answers::list_answers(project.conn()).unwrap();
    assert_eq!(stored.len(), 12);
    assert!(stored.iter().all(|a| a.level == MaturityLevel::Operated));
    let scope = stored.iter().find(|a| a.question_id == "Q-4.3-01").unwrap();
    assert_eq!(scope.note, "Minutes of the context review");
    let ev = evidence::list_evidence(project.conn()).unwrap();
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].questions, vec!["Q-4.3-01"]);
    assert_eq!(
        ev[0].sha256.as_deref(),
        Some(evidence::sha256_hex(&std::fs::read(&proof).unwrap()).as_str())
    );
    drop(dir);
}

/// Questions of top-level clause `top`.
trait TopLevel {
    fn questions_for_top(&self, top: &str) -> Vec<String>;
}

impl TopLevel for ready20k_domain::content::Library {
    fn questions_for_top(&self, top: &str) -> Vec<String> {
        self.questions
            .iter()
            .filter(|q| q.clause.split('.').next() == Some(top))
            .map(|q| q.id.clone())
            .collect()
    }
}

const NOW: &str = "2026-03-02T09:00:00+00:00";

fn at(rfc3339: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .to_utc()
}

/// Writes a project with `share` (0..=1) of the questions answered, evidence on most of them,
/// owners, actions (one overdue) and snapshots.
fn prepare(path: &Path, share: f64) {
    let p = Project::create(path, "Northwind Managed IT", Arc::new(SystemClock)).unwrap();
    p.close().unwrap();
    if share == 0.0 {
        return;
    }
    // Written at NOW: the project's clock stands there (and moves for the baseline snapshot).
    let clock = Arc::new(SettableClock::new(at(NOW)));
    let mut p = Project::open(path, clock.clone()).unwrap();
    let c = &mut p;
    let ann = people::save_person(
        c,
        &Person {
            name: "Ann Lee".into(),
            ..Person::default()
        },
    )
    .unwrap();
    let qs = &library().questions;
    let n = (qs.len() as f64 * share).round() as usize;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let levels = if share >= 1.0 {
        [4u8, 4, 5, 4, 3, 4, 4]
    } else {
        [1u8, 2, 3, 4, 2, 0, 3]
    };
    let mut evidenced = Vec::new();
    for (i, q) in qs.iter().take(n).enumerate() {
        let level = MaturityLevel::from_value(levels[i % levels.len()]).unwrap();
        answers::save_answer(
            c,
            &AnswerRecord {
                question_id: q.id.clone(),
                level,
                owner_id: (i % 3 == 0).then_some(ann),
                target_date: (i % 4 == 0).then(|| "2026-06-30".into()),
                note: if i % 5 == 0 {
                    "Reviewed with the team".into()
                } else {
                    String::new()
                },
                ..AnswerRecord::default()
            },
        )
        .unwrap();
        if share >= 1.0 || i % 3 != 2 {
            evidenced.push(q.id.clone());
        }
    }
    if share < 1.0 {
        // A first snapshot before the work on evidence.
        let card = store::scorecard(c.conn_mut(), today).unwrap();
        clock.set(at("2026-02-01T09:00:00+00:00"));
        snapshots::take_snapshot(c, "Baseline", &card).unwrap();
    } else {
        let card = store::scorecard(c.conn_mut(), today).unwrap();
        clock.set(at("2026-01-15T09:00:00+00:00"));
        snapshots::take_snapshot(c, "Baseline", &card).unwrap();
    }
    clock.set(at(NOW));
    evidence::add_location(
        c,
        &NewEvidence {
            location: Some("SharePoint / SMS / Records".into()),
            review_on: Some("2026-09-30".into()),
            questions: evidenced,
            ..NewEvidence::default()
        },
    )
    .unwrap();
    let card = store::scorecard(c.conn_mut(), today).unwrap();
    snapshots::take_snapshot(c, "After evidence round", &card).unwrap();
    let gap = card.stage2.reasons.first().cloned();
    let mk = |source, question_id: Option<String>, title: &str, due: &str, status| Action {
        question_id,
        owner_id: Some(ann),
        due: Some(due.into()),
        status,
        ..Action::new(source, title)
    };
    if let Some(g) = gap {
        actions::save_action(
            c,
            &mk(
                ActionSource::Gap,
                Some(g.question_id.clone()),
                &format!("Close gap {}", g.question_id),
                "2026-01-31",
                ActionStatus::InProgress,
            ),
        )
        .unwrap();
    }
    actions::save_action(
        c,
        &Action {
            cause: "Backup restore test skipped in January".into(),
            correction: "Restore test run on 5 Feb".into(),
            corrective_action: "Calendar reminder and deputy named".into(),
            ..mk(
                ActionSource::Audit,
                None,
                "Internal audit: restore tests not done monthly",
                "2026-04-15",
                ActionStatus::Open,
            )
        },
    )
    .unwrap();
    p.close().unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn screens_for_empty_half_and_complete_projects() {
    for (name, share) in [("empty", 0.0), ("half", 0.5), ("complete", 1.0)] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(format!("{name}.r20k"));
        prepare(&file, share);
        let app = App::open_file(&file, dir, vec![]).await;
        app.click("nav-assessment").await;
        app.by_test_id("current-question").await;
        let total = library().questions.len();
        let expected = (total as f64 * share).round() as usize;
        app.wait_text("answered-count", &format!("{expected} of {total} answered"))
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&format!("assessment-{name}")).await;
        app.click("nav-scorecard").await;
        app.by_test_id("stage2-verdict").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&format!("scorecard-{name}")).await;
        for (i, id) in ["blocking-gaps", "clause-bars", "action-plan", "snapshots"]
            .iter()
            .enumerate()
        {
            let el = app.by_test_id(id).await;
            el.scroll_into_view().await.unwrap();
            tokio::time::sleep(Duration::from_millis(200)).await;
            app.screenshot(&format!("scorecard-{name}-{}-{id}", i + 1))
                .await;
        }
        if share >= 1.0 {
            // Every answer is in, but the setup wizard was never filled in (no scope, no
            // services): Stage 1 stays "not ready" and says why and what lifts it.
            assert_eq!(
                attr(&app.by_test_id("stage1-verdict").await, "data-verdict").await,
                "not_ready"
            );
            assert!(
                app.exists("[data-testid='stage1-cap'][data-code='setup_error']")
                    .await
            );
        }
        if share > 0.0 {
            assert!(app.exists("[data-testid='overdue-flag']").await);
        }
        drop(app.quit().await);
    }
}
