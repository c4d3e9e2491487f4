//! Self-assessment and scorecard commands: answers, evidence, the action plan and snapshots.
//! Thin adapters over `ready20k_store::assessment`.

use chrono::NaiveDate;
use ready20k_domain::assessment::{
    self, Action, AnswerRecord, AnswerSaved, AssessmentView, Comparison, EvidenceKind, NewEvidence,
    ScorecardView, compare,
};
use ready20k_domain::scoring::ScoringSettings;
use ready20k_store::assessment::{
    self as store, actions, answers, clause_scores, evidence, snapshots,
};
use ready20k_store::{Project, StoreError};
use tauri::{AppHandle, State};

use super::{CmdResult, blocking, with_project};
use crate::dialogs;
use crate::state::AppState;

/// Today, by the project's clock.
fn today(p: &Project) -> NaiveDate {
    p.clock().now().date_naive()
}

fn assessment_view(p: &Project, today: NaiveDate) -> Result<AssessmentView, StoreError> {
    store::view(p.conn(), today)
}

/// The write `f`, then `view` as of today (taken before the write, as the screen asked): one
/// closure over the open project for [`with_project`].
fn write_then<T, V>(
    f: impl FnOnce(&mut Project) -> Result<T, StoreError>,
    view: impl FnOnce(&Project, NaiveDate) -> Result<V, StoreError>,
) -> impl FnOnce(&mut Project) -> Result<V, StoreError> {
    move |p| {
        let today = today(p);
        f(p)?;
        view(p, today)
    }
}

fn scorecard_view(p: &Project, today: NaiveDate) -> Result<ScorecardView, StoreError> {
    store::scorecard_view(p.conn(), today)
}

/// What the screen updates after saving or clearing one answer (see
/// [`ready20k_domain::assessment::answer_saved`]).
fn answer_saved(
    p: &Project,
    question_id: String,
    answer: Option<AnswerRecord>,
    today: NaiveDate,
) -> Result<AnswerSaved, StoreError> {
    let evidence = evidence::list_evidence(p.conn())?;
    let scores = clause_scores(p.conn(), today)?;
    Ok(assessment::answer_saved(
        store::library()?,
        question_id,
        answer,
        &evidence,
        today,
        scores,
    ))
}

/// The question bank by clause, every answer and piece of evidence, people and parties.
#[tauri::command]
pub async fn assessment_load(state: State<'_, AppState>) -> CmdResult<AssessmentView> {
    with_project(&state, |p| assessment_view(p, today(p)))
}

/// Saves one answer; answers with the stored answer and the new clause scores.
#[tauri::command]
pub async fn assessment_save_answer(
    state: State<'_, AppState>,
    answer: AnswerRecord,
) -> CmdResult<AnswerSaved> {
    with_project(&state, |p| {
        let today = today(p);
        let saved = answers::save_answer(p, &answer)?;
        answer_saved(p, saved.question_id.clone(), Some(saved), today)
    })
}

/// Clears one answer (the question counts as unanswered again).
#[tauri::command]
pub async fn assessment_clear_answer(
    state: State<'_, AppState>,
    question_id: String,
) -> CmdResult<AnswerSaved> {
    with_project(&state, |p| {
        let today = today(p);
        answers::clear_answer(p, &question_id)?;
        answer_saved(p, question_id, None, today)
    })
}

/// Asks for a file and stores it as evidence for `question_id`. `None` if cancelled.
#[tauri::command]
pub async fn assessment_attach_file(
    app: AppHandle,
    state: State<'_, AppState>,
    question_id: String,
) -> CmdResult<Option<AssessmentView>> {
    let picked = blocking(move || {
        let path = dialogs::pick_evidence_path(&app)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "evidence".into());
        Some(std::fs::read(&path).map(|bytes| (name, bytes)))
    })
    .await?;
    let Some(read) = picked else {
        return Ok(None);
    };
    let (name, bytes) = read?;
    with_project(&state, |p| {
        let today = today(p);
        let meta = NewEvidence {
            questions: vec![question_id],
            ..NewEvidence::default()
        };
        evidence::add_file(p, &name, &bytes, &meta)?;
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
    with_project(&state, |p| {
        let today = today(p);
        match kind {
            EvidenceKind::Document => store::evidence::add_document(p, &evidence)?,
            EvidenceKind::Location => store::evidence::add_location(p, &evidence)?,
            EvidenceKind::File => {
                return Err(StoreError::Invalid(
                    "Attach files with the file picker.".into(),
                ));
            }
        };
        assessment_view(p, today)
    })
}

project_commands! {
    /// Changes an evidence item's title, location, expiry and review dates.
    fn assessment_update_evidence(id: i64, evidence: NewEvidence) -> AssessmentView =
        write_then(|p| store::evidence::update_evidence(p, id, &evidence), assessment_view);

    /// Links existing evidence to another question.
    fn assessment_link_evidence(id: i64, question_id: String) -> AssessmentView =
        write_then(|p| evidence::link(p, id, &question_id), assessment_view);

    /// Unlinks evidence from a question; evidence left with no question is deleted.
    fn assessment_unlink_evidence(id: i64, question_id: String) -> AssessmentView =
        write_then(|p| evidence::unlink(p, id, &question_id), assessment_view);
}

/// The scorecard, the action plan and the snapshot list.
#[tauri::command]
pub async fn scorecard_load(state: State<'_, AppState>) -> CmdResult<ScorecardView> {
    with_project(&state, |p| store::scorecard_view(p.conn(), today(p)))
}

project_commands! {
    /// Saves the scoring settings (months of records before Stage 2, records start, planned
    /// Stage 2 date) and returns the scorecard judged with them.
    fn scorecard_save_settings(settings: ScoringSettings) -> ScorecardView =
        write_then(|p| store::settings::save_scoring_settings(p, &settings), scorecard_view);

    /// Adds (`id = 0`) or changes an action.
    fn action_save(action: Action) -> ScorecardView =
        write_then(|p| actions::save_action(p, &action), scorecard_view);

    /// Deletes an action (the UI keeps it for undo).
    fn action_delete(id: i64) -> ScorecardView =
        write_then(|p| actions::delete_action(p, id), scorecard_view);
}

/// Freezes the current scorecard as a snapshot labelled `label`.
#[tauri::command]
pub async fn snapshot_take(state: State<'_, AppState>, label: String) -> CmdResult<ScorecardView> {
    with_project(&state, |p| {
        let today = today(p);
        let card = store::scorecard(p.conn(), today)?;
        snapshots::take_snapshot(p, &label, &card)?;
        store::scorecard_view(p.conn(), today)
    })
}

project_commands! {
    /// Deletes a snapshot.
    fn snapshot_delete(id: i64) -> ScorecardView =
        write_then(|p| snapshots::delete_snapshot(p, id), scorecard_view);
}

/// Compares snapshot `from` with snapshot `to`, or with the scorecard now when `to` is absent.
#[tauri::command]
pub async fn snapshot_compare(
    state: State<'_, AppState>,
    from: i64,
    to: Option<i64>,
) -> CmdResult<Comparison> {
    with_project(&state, |p| {
        let today = today(p);
        let before = snapshots::get_snapshot(p.conn(), from)?.scorecard;
        let after = match to {
            Some(id) => snapshots::get_snapshot(p.conn(), id)?.scorecard,
            None => store::scorecard(p.conn(), today)?,
        };
        Ok::<_, StoreError>(compare(&before, &after))
    })
}
