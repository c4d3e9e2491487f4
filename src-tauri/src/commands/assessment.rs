//! Self-assessment and scorecard commands: answers, evidence, the action plan and snapshots.
//! Thin adapters over `ready20k_store::assessment`.

use chrono::NaiveDate;
use ready20k_domain::ErrorPayload;
use ready20k_domain::assessment::{
    Action, AnswerRecord, AnswerSaved, AssessmentView, Comparison, EvidenceKind, NewEvidence,
    ScorecardView, answer_warnings, compare,
};
use ready20k_store::assessment::{
    self as store, actions, answers, clause_scores, evidence, snapshots,
};
use ready20k_store::{Project, StoreError};
use tauri::{AppHandle, State};

use crate::dialogs;
use crate::state::AppState;

type CmdResult<T> = Result<T, ErrorPayload>;

fn err(e: StoreError) -> ErrorPayload {
    e.payload()
}

/// Runs `f` on the open project with the current time and today's date.
fn with<T>(
    state: &AppState,
    f: impl FnOnce(&mut Project, &str, NaiveDate) -> Result<T, StoreError>,
) -> CmdResult<T> {
    let mut guard = state.project();
    let Some(p) = guard.as_mut() else {
        return Err(ErrorPayload::new("no_project", "No project is open."));
    };
    let now = p.now();
    let today = p.clock().now().date_naive();
    f(p, &now, today).map_err(err)
}

fn assessment_view(p: &Project, today: NaiveDate) -> Result<AssessmentView, StoreError> {
    store::view(p.conn(), today)
}

/// The question bank by clause, every answer and piece of evidence, people and parties.
#[tauri::command]
pub async fn assessment_load(state: State<'_, AppState>) -> CmdResult<AssessmentView> {
    with(&state, |p, _, today| assessment_view(p, today))
}

/// Saves one answer; answers with the stored answer and the new clause scores.
#[tauri::command]
pub async fn assessment_save_answer(
    state: State<'_, AppState>,
    answer: AnswerRecord,
) -> CmdResult<AnswerSaved> {
    with(&state, |p, now, today| {
        let saved = answers::save_answer(p.conn_mut(), now, &answer)?;
        Ok(AnswerSaved {
            question_id: saved.question_id.clone(),
            warnings: answer_warnings(&saved),
            answer: Some(saved),
            clause_scores: clause_scores(p.conn(), today)?,
        })
    })
}

/// Clears one answer (the question counts as unanswered again).
#[tauri::command]
pub async fn assessment_clear_answer(
    state: State<'_, AppState>,
    question_id: String,
) -> CmdResult<AnswerSaved> {
    with(&state, |p, now, today| {
        answers::clear_answer(p.conn_mut(), now, &question_id)?;
        Ok(AnswerSaved {
            question_id,
            answer: None,
            warnings: Vec::new(),
            clause_scores: clause_scores(p.conn(), today)?,
        })
    })
}

/// Asks for a file and stores it as evidence for `question_id`. `None` if cancelled.
#[tauri::command]
pub async fn assessment_attach_file(
    app: AppHandle,
    state: State<'_, AppState>,
    question_id: String,
) -> CmdResult<Option<AssessmentView>> {
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let path = dialogs::pick_evidence_path(&app)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "evidence".into());
        Some(std::fs::read(&path).map(|bytes| (name, bytes)))
    })
    .await
    .map_err(|e| ErrorPayload::new("internal", format!("Background task failed: {e}")))?;
    let Some(read) = picked else {
        return Ok(None);
    };
    let (name, bytes) = read.map_err(|e| err(e.into()))?;
    with(&state, |p, now, today| {
        let meta = NewEvidence {
            questions: vec![question_id],
            ..NewEvidence::default()
        };
        evidence::add_file(p.conn_mut(), now, &name, &bytes, &meta)?;
        assessment_view(p, today).map(Some)
    })
}

/// Links an approved document version (`kind = document`) or records where evidence lives
/// (`kind = location`).
#[tauri::command]
pub async fn assessment_add_evidence(
    state: State<'_, AppState>,
    kind: EvidenceKind,
    evidence: NewEvidence,
) -> CmdResult<AssessmentView> {
    with(&state, |p, now, today| {
        match kind {
            EvidenceKind::Document => store::evidence::add_document(p.conn_mut(), now, &evidence)?,
            EvidenceKind::Location => store::evidence::add_location(p.conn_mut(), now, &evidence)?,
            EvidenceKind::File => {
                return Err(StoreError::Invalid(
                    "Attach files with the file picker.".into(),
                ));
            }
        };
        assessment_view(p, today)
    })
}

/// Changes an evidence item's title, location, expiry and review dates.
#[tauri::command]
pub async fn assessment_update_evidence(
    state: State<'_, AppState>,
    id: i64,
    evidence: NewEvidence,
) -> CmdResult<AssessmentView> {
    with(&state, |p, now, today| {
        store::evidence::update_evidence(p.conn_mut(), now, id, &evidence)?;
        assessment_view(p, today)
    })
}

/// Links existing evidence to another question.
#[tauri::command]
pub async fn assessment_link_evidence(
    state: State<'_, AppState>,
    id: i64,
    question_id: String,
) -> CmdResult<AssessmentView> {
    with(&state, |p, now, today| {
        evidence::link(p.conn_mut(), now, id, &question_id)?;
        assessment_view(p, today)
    })
}

/// Unlinks evidence from a question; evidence left with no question is deleted.
#[tauri::command]
pub async fn assessment_unlink_evidence(
    state: State<'_, AppState>,
    id: i64,
    question_id: String,
) -> CmdResult<AssessmentView> {
    with(&state, |p, now, today| {
        evidence::unlink(p.conn_mut(), now, id, &question_id)?;
        assessment_view(p, today)
    })
}

/// The scorecard, the action plan and the snapshot list.
#[tauri::command]
pub async fn scorecard_load(state: State<'_, AppState>) -> CmdResult<ScorecardView> {
    with(&state, |p, _, today| store::scorecard_view(p.conn(), today))
}

/// Saves the scoring settings (months of records before Stage 2, records start, planned
/// Stage 2 date) and returns the scorecard judged with them.
#[tauri::command]
pub async fn scorecard_save_settings(
    state: State<'_, AppState>,
    settings: ready20k_domain::scoring::ScoringSettings,
) -> CmdResult<ScorecardView> {
    with(&state, |p, now, today| {
        store::settings::save_scoring_settings(p.conn_mut(), now, &settings)?;
        store::scorecard_view(p.conn(), today)
    })
}

/// Adds (`id = 0`) or changes an action.
#[tauri::command]
pub async fn action_save(state: State<'_, AppState>, action: Action) -> CmdResult<ScorecardView> {
    with(&state, |p, now, today| {
        actions::save_action(p.conn_mut(), now, &action)?;
        store::scorecard_view(p.conn(), today)
    })
}

/// Deletes an action (the UI keeps it for undo).
#[tauri::command]
pub async fn action_delete(state: State<'_, AppState>, id: i64) -> CmdResult<ScorecardView> {
    with(&state, |p, now, today| {
        actions::delete_action(p.conn_mut(), now, id)?;
        store::scorecard_view(p.conn(), today)
    })
}

/// Freezes the current scorecard as a snapshot labelled `label`.
#[tauri::command]
pub async fn snapshot_take(state: State<'_, AppState>, label: String) -> CmdResult<ScorecardView> {
    with(&state, |p, now, today| {
        let card = store::scorecard(p.conn(), today)?;
        snapshots::take_snapshot(p.conn_mut(), now, &label, &card)?;
        store::scorecard_view(p.conn(), today)
    })
}

/// Deletes a snapshot.
#[tauri::command]
pub async fn snapshot_delete(state: State<'_, AppState>, id: i64) -> CmdResult<ScorecardView> {
    with(&state, |p, now, today| {
        snapshots::delete_snapshot(p.conn_mut(), now, id)?;
        store::scorecard_view(p.conn(), today)
    })
}

/// Compares snapshot `from` with snapshot `to`, or with the scorecard now when `to` is absent.
#[tauri::command]
pub async fn snapshot_compare(
    state: State<'_, AppState>,
    from: i64,
    to: Option<i64>,
) -> CmdResult<Comparison> {
    with(&state, |p, _, today| {
        let before = snapshots::get_snapshot(p.conn(), from)?.scorecard;
        let after = match to {
            Some(id) => snapshots::get_snapshot(p.conn(), id)?.scorecard,
            None => store::scorecard(p.conn(), today)?,
        };
        Ok(compare(&before, &after))
    })
}
