//! Management review commands (9.3). Thin adapters over `ready20k_store::reviews`; the list
//! commands answer with the list screen, the others with the review's detail.

use ready20k_domain::assessment::{Action, ActionSource};
use ready20k_domain::reviews::{ReviewDetail, ReviewEdit, ReviewsScreen};
use ready20k_store::reviews;
use tauri::State;

use super::{CmdResult, with_project};
use crate::state::AppState;

/// Every review, newest first, with what the verdict reads and the people to pick.
#[tauri::command]
pub async fn reviews_load(state: State<'_, AppState>) -> CmdResult<ReviewsScreen> {
    with_project(&state, |p| reviews::view(p))
}

/// One review with its inputs (collected now, or frozen at issue) and decided actions.
#[tauri::command]
pub async fn review_detail(state: State<'_, AppState>, id: i64) -> CmdResult<ReviewDetail> {
    with_project(&state, |p| reviews::detail(p, id))
}

/// Inserts (`id == 0`) or updates a draft review.
#[tauri::command]
pub async fn review_save(
    state: State<'_, AppState>,
    review: ReviewEdit,
) -> CmdResult<ReviewDetail> {
    with_project(&state, |p| {
        let saved = reviews::save_review(p, &review)?;
        reviews::detail(p, saved.id)
    })
}

/// Replaces the draft's minutes with a fresh draft from the management-review template.
#[tauri::command]
pub async fn review_redraft_minutes(
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<ReviewDetail> {
    with_project(&state, |p| {
        reviews::redraft_minutes(p, id)?;
        reviews::detail(p, id)
    })
}

/// Records a decision's action (owner, due) in the one action register, linked to the review.
#[tauri::command]
pub async fn review_add_action(
    state: State<'_, AppState>,
    id: i64,
    title: String,
    owner_id: Option<i64>,
    due: Option<String>,
) -> CmdResult<ReviewDetail> {
    with_project(&state, |p| {
        let a = Action {
            owner_id,
            due: due.filter(|d| !d.trim().is_empty()),
            ..Action::new(ActionSource::ManagementReview, title)
        };
        reviews::add_action(p, id, &a)?;
        reviews::detail(p, id)
    })
}

/// Issues the minutes: the inputs are frozen as they stand now.
#[tauri::command]
pub async fn review_issue(state: State<'_, AppState>, id: i64) -> CmdResult<ReviewDetail> {
    with_project(&state, |p| {
        reviews::issue(p, id)?;
        reviews::detail(p, id)
    })
}

/// Takes issued minutes back to a draft.
#[tauri::command]
pub async fn review_withdraw(state: State<'_, AppState>, id: i64) -> CmdResult<ReviewDetail> {
    with_project(&state, |p| {
        reviews::withdraw(p, id)?;
        reviews::detail(p, id)
    })
}

/// Approves issued minutes by `approver`, a member of top management who attended.
#[tauri::command]
pub async fn review_approve(
    state: State<'_, AppState>,
    id: i64,
    approver: i64,
) -> CmdResult<ReviewDetail> {
    with_project(&state, |p| {
        reviews::approve(p, id, approver)?;
        reviews::detail(p, id)
    })
}

/// Removes a review that is not approved (its actions stay in the register).
#[tauri::command]
pub async fn review_delete(state: State<'_, AppState>, id: i64) -> CmdResult<ReviewsScreen> {
    with_project(&state, |p| {
        reviews::delete_review(p, id)?;
        reviews::view(p)
    })
}
