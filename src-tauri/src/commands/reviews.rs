//! Management review commands (9.3). Thin adapters over `ready20k_store::reviews`; the list
//! commands answer with the list screen, the others with the review's detail.

use ready20k_domain::assessment::ActionSource;
use ready20k_domain::reviews::{ReviewDetail, ReviewEdit, ReviewsScreen};
use ready20k_store::register_error::RegisterResult;
use ready20k_store::{Project, reviews};
use tauri::State;

use super::{CmdResult, new_action, with_project};
use crate::state::AppState;

/// The change `f` to review `id`, then the review's detail: one closure over the open project
/// for [`with_project`].
fn then_detail<T>(
    id: i64,
    f: impl FnOnce(&mut Project) -> RegisterResult<T>,
) -> impl FnOnce(&mut Project) -> RegisterResult<ReviewDetail> {
    move |p| {
        f(p)?;
        reviews::detail(p, id)
    }
}

project_commands! {
    /// Every review, newest first, with what the verdict reads and the people to pick.
    fn reviews_load() -> ReviewsScreen = |p| reviews::view(p);

    /// One review with its inputs (collected now, or frozen at issue) and decided actions.
    fn review_detail(id: i64) -> ReviewDetail = |p| reviews::detail(p, id);
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

project_commands! {
    /// Replaces the draft's minutes with a fresh draft from the management-review template.
    fn review_redraft_minutes(id: i64) -> ReviewDetail =
        then_detail(id, |p| reviews::redraft_minutes(p, id));

    /// Records a decision's action (owner, due) in the one action register, linked to the
    /// review.
    fn review_add_action(
        id: i64,
        title: String,
        owner_id: Option<i64>,
        due: Option<String>,
    ) -> ReviewDetail = {
        let a = new_action(ActionSource::ManagementReview, title, owner_id, due);
        then_detail(id, move |p| reviews::add_action(p, id, &a))
    };

    /// Issues the minutes: the inputs are frozen as they stand now.
    fn review_issue(id: i64) -> ReviewDetail = then_detail(id, |p| reviews::issue(p, id));

    /// Takes issued minutes back to a draft.
    fn review_withdraw(id: i64) -> ReviewDetail = then_detail(id, |p| reviews::withdraw(p, id));

    /// Approves issued minutes by `approver`, a member of top management who attended.
    fn review_approve(id: i64, approver: i64) -> ReviewDetail =
        then_detail(id, |p| reviews::approve(p, id, approver));
}

/// Removes a review that is not approved (its actions stay in the register).
#[tauri::command]
pub async fn review_delete(state: State<'_, AppState>, id: i64) -> CmdResult<ReviewsScreen> {
    with_project(&state, |p| {
        reviews::delete_review(p, id)?;
        reviews::view(p)
    })
}
