//! Setup wizard commands. Each mutation saves through `ready20k_store::wizard` and answers
//! with the whole recomputed [`WizardView`], so the UI never holds stale checks.

use ready20k_domain::content::try_library;
use ready20k_domain::wizard::checks::person_field_errors;
use ready20k_domain::wizard::csv::{ImportPreview, preview};
use ready20k_domain::wizard::steps::{completion_blocker, step_after};
use ready20k_domain::wizard::suggest::{RoleSuggestion, suggest_roles};
use ready20k_domain::wizard::view::PersonRemoved;
use ready20k_domain::wizard::{
    ClimateDecision, ContextItem, FieldError, FirmProfile, InterestedParty, IssueKind, OtherParty,
    Person, RoleAssignment, Service, SodMitigation, StepId, WizardView, view,
};

use ready20k_store::Project;
use ready20k_store::wizard::{self as store, context, people, profile, progress, roles, services};
use tauri::State;

use super::{CmdError, CmdResult, with_project};
use crate::state::AppState;

fn lib() -> CmdResult<&'static ready20k_domain::content::Library> {
    Ok(try_library()?)
}

/// The wizard view of `p` today.
fn current_view(p: &Project) -> CmdResult<WizardView> {
    let data = store::load(p.conn())?;
    let today = p.clock().now().date_naive();
    Ok(view(lib()?, data, today))
}

/// Runs `f` on the open project (one lock), then answers with the recomputed view.
fn with_view<T, E>(
    state: &AppState,
    f: impl FnOnce(&mut Project) -> Result<T, E>,
) -> CmdResult<(T, WizardView)>
where
    E: Into<CmdError>,
{
    with_project(state, |p| -> CmdResult<_> {
        let out = f(p).map_err(Into::into)?;
        Ok((out, current_view(p)?))
    })
}

fn just_view<T>(r: CmdResult<(T, WizardView)>) -> CmdResult<WizardView> {
    r.map(|(_, v)| v)
}

/// The whole wizard: data, checks, step list.
#[tauri::command]
pub async fn wizard_load(state: State<'_, AppState>) -> CmdResult<WizardView> {
    with_project(&state, |p| current_view(p))
}

/// Saves the firm profile.
#[tauri::command]
pub async fn wizard_save_profile(
    state: State<'_, AppState>,
    profile: FirmProfile,
) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| profile::update_profile(p, &profile)))
}

/// Adds a context issue.
#[tauri::command]
pub async fn wizard_add_issue(
    state: State<'_, AppState>,
    kind: IssueKind,
    text: String,
) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| context::insert_issue(p, kind, &text)))
}

/// Changes a context issue.
#[tauri::command]
pub async fn wizard_update_issue(
    state: State<'_, AppState>,
    item: ContextItem,
) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| context::update_issue(p, &item)))
}

/// Removes a context issue.
#[tauri::command]
pub async fn wizard_delete_issue(state: State<'_, AppState>, id: i64) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| context::delete_issue(p, id)))
}

/// Adds or updates an interested party.
#[tauri::command]
pub async fn wizard_save_party(
    state: State<'_, AppState>,
    party: InterestedParty,
) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| context::save_party(p, &party)))
}

/// Removes an interested party.
#[tauri::command]
pub async fn wizard_delete_party(state: State<'_, AppState>, id: i64) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| context::delete_party(p, id)))
}

/// Saves the climate decision.
#[tauri::command]
pub async fn wizard_save_climate(
    state: State<'_, AppState>,
    climate: ClimateDecision,
) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| profile::update_climate(p, &climate)))
}

/// Adds or updates a service.
#[tauri::command]
pub async fn wizard_save_service(
    state: State<'_, AppState>,
    service: Service,
) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| services::save_service(p, &service)))
}

/// Removes a service.
#[tauri::command]
pub async fn wizard_delete_service(state: State<'_, AppState>, id: i64) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| services::delete_service(p, id)))
}

/// Adds or updates another party.
#[tauri::command]
pub async fn wizard_save_other_party(
    state: State<'_, AppState>,
    party: OtherParty,
) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| services::save_other_party(p, &party)))
}

/// Removes another party.
#[tauri::command]
pub async fn wizard_delete_other_party(
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| services::delete_other_party(p, id)))
}

/// Saves the edited scope statement; `null` returns to the generated one.
#[tauri::command]
pub async fn wizard_save_scope(
    state: State<'_, AppState>,
    text: Option<String>,
) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| {
        profile::update_scope(p, text.as_deref())
    }))
}

/// Adds or updates a person.
#[tauri::command]
pub async fn wizard_save_person(
    state: State<'_, AppState>,
    person: Person,
) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| people::save_person(p, &person)))
}

/// Removes a person; the answer carries them for undo.
#[tauri::command]
pub async fn wizard_delete_person(state: State<'_, AppState>, id: i64) -> CmdResult<PersonRemoved> {
    with_view(&state, |p| people::delete_person(p, id))
        .map(|(person, view)| PersonRemoved { person, view })
}

/// Undoes a removal.
#[tauri::command]
pub async fn wizard_restore_person(state: State<'_, AppState>, id: i64) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| people::restore_person(p, id)))
}

/// Parses CSV text into a preview with per-row errors (nothing is saved).
#[tauri::command]
pub async fn wizard_import_preview(
    state: State<'_, AppState>,
    csv: String,
) -> CmdResult<ImportPreview> {
    let existing = with_project(&state, |p| people::list_people(p.conn()))?;
    Ok(preview(&csv, &existing))
}

/// What is wrong with a person's fields before saving (name, e-mail, an address another
/// person already uses); empty when the person can be saved. Nothing is saved.
#[tauri::command]
pub async fn wizard_validate_person(
    state: State<'_, AppState>,
    person: Person,
) -> CmdResult<Vec<FieldError>> {
    let existing = with_project(&state, |p| people::list_people(p.conn()))?;
    Ok(person_field_errors(&person, &existing))
}

/// Imports the valid rows of a preview (all or nothing).
#[tauri::command]
pub async fn wizard_import_people(
    state: State<'_, AppState>,
    people: Vec<Person>,
) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| {
        self::people::insert_people(p, &people)
    }))
}

/// Sets who holds a role and who deputizes.
#[tauri::command]
pub async fn wizard_set_role(
    state: State<'_, AppState>,
    assignment: RoleAssignment,
) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| {
        roles::update_assignment(p, &assignment)
    }))
}

/// Records a compensating control for a conflict.
#[tauri::command]
pub async fn wizard_record_mitigation(
    state: State<'_, AppState>,
    mitigation: SodMitigation,
) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| {
        roles::upsert_mitigation(p, &mitigation)
    }))
}

/// Removes a recorded compensating control.
#[tauri::command]
pub async fn wizard_clear_mitigation(
    state: State<'_, AppState>,
    rule_id: String,
    person_id: i64,
) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| {
        roles::delete_mitigation(p, &rule_id, person_id)
    }))
}

fn suggestion(p: &Project) -> CmdResult<RoleSuggestion> {
    let data = store::load(p.conn())?;
    suggest_roles(lib()?, &data.people, data.profile.headcount)
        .map_err(|e| CmdError::new(e.code, e.message))
}

/// Proposes an allocation for the firm's size (nothing is saved).
#[tauri::command]
pub async fn wizard_suggest_roles(state: State<'_, AppState>) -> CmdResult<RoleSuggestion> {
    with_project(&state, |p| suggestion(p))
}

/// Applies the suggested allocation (replacing current assignments).
#[tauri::command]
pub async fn wizard_apply_suggestion(state: State<'_, AppState>) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| -> CmdResult<()> {
        let s = suggestion(p)?;
        Ok(roles::apply_suggestion(p, &s)?)
    }))
}

/// Moves to a step (back, step list, resume).
#[tauri::command]
pub async fn wizard_goto(state: State<'_, AppState>, step: StepId) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| progress::update_current(p, step)))
}

/// Marks a step finished and moves to the next one ("Next"). Errors do not stop it (the step
/// list shows the step as needing attention) except an unresolved `block` conflict on the
/// roles step, which is refused with code `step_blocked`.
#[tauri::command]
pub async fn wizard_complete_step(
    state: State<'_, AppState>,
    step: StepId,
) -> CmdResult<WizardView> {
    just_view(with_view(&state, |p| -> CmdResult<()> {
        if let Some(why) = completion_blocker(&current_view(p)?.sod, step) {
            return Err(CmdError::new("step_blocked", why));
        }
        Ok(progress::complete_step(p, step, step_after(step))?)
    }))
}
