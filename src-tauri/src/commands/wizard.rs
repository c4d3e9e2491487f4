//! Setup wizard commands. Each mutation saves through `ready20k_store::wizard` and answers
//! with the whole recomputed [`WizardView`], so the UI never holds stale checks.

use ready20k_domain::ErrorPayload;
use ready20k_domain::content::try_library;
use ready20k_domain::wizard::csv::{ImportPreview, preview};
use ready20k_domain::wizard::suggest::{RoleSuggestion, suggest_roles};
use ready20k_domain::wizard::view::{PersonRemoved, completion_blocker};
use ready20k_domain::wizard::{
    ClimateDecision, ContextItem, FirmProfile, InterestedParty, IssueKind, OtherParty, Person,
    RoleAssignment, Service, SodMitigation, StepId, WizardView, view,
};

use ready20k_store::wizard::{self as store, context, people, profile, progress, roles, services};
use ready20k_store::{Project, StoreError};
use tauri::State;

use crate::state::AppState;

type CmdResult<T> = Result<T, ErrorPayload>;

fn lib() -> CmdResult<&'static ready20k_domain::content::Library> {
    try_library().map_err(ErrorPayload::from)
}

/// Runs `f` on the open project, then returns the recomputed view.
fn with<T>(
    state: &AppState,
    f: impl FnOnce(&mut Project, &str) -> Result<T, StoreError>,
) -> CmdResult<(T, WizardView)> {
    let mut guard = state.project();
    let Some(p) = guard.as_mut() else {
        return Err(ErrorPayload::new("no_project", "No project is open."));
    };
    let now = p.now();
    let out = f(p, &now).map_err(|e| e.payload())?;
    let data = store::load(p.conn()).map_err(|e| e.payload())?;
    let today = p.clock().now().date_naive();
    Ok((out, view(lib()?, data, today)))
}

fn just_view<T>(r: CmdResult<(T, WizardView)>) -> CmdResult<WizardView> {
    r.map(|(_, v)| v)
}

/// The whole wizard: data, checks, step list.
#[tauri::command]
pub async fn wizard_load(state: State<'_, AppState>) -> CmdResult<WizardView> {
    just_view(with(&state, |_, _| Ok(())))
}

/// Saves the firm profile.
#[tauri::command]
pub async fn wizard_save_profile(
    state: State<'_, AppState>,
    profile: FirmProfile,
) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        profile::update_profile(p.conn_mut(), now, &profile)
    }))
}

/// Adds a context issue.
#[tauri::command]
pub async fn wizard_add_issue(
    state: State<'_, AppState>,
    kind: IssueKind,
    text: String,
) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        context::insert_issue(p.conn_mut(), now, kind, &text)
    }))
}

/// Changes a context issue.
#[tauri::command]
pub async fn wizard_update_issue(
    state: State<'_, AppState>,
    item: ContextItem,
) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        context::update_issue(p.conn_mut(), now, &item)
    }))
}

/// Removes a context issue.
#[tauri::command]
pub async fn wizard_delete_issue(state: State<'_, AppState>, id: i64) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        context::delete_issue(p.conn_mut(), now, id)
    }))
}

/// Adds or updates an interested party.
#[tauri::command]
pub async fn wizard_save_party(
    state: State<'_, AppState>,
    party: InterestedParty,
) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        context::save_party(p.conn_mut(), now, &party)
    }))
}

/// Removes an interested party.
#[tauri::command]
pub async fn wizard_delete_party(state: State<'_, AppState>, id: i64) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        context::delete_party(p.conn_mut(), now, id)
    }))
}

/// Saves the climate decision.
#[tauri::command]
pub async fn wizard_save_climate(
    state: State<'_, AppState>,
    climate: ClimateDecision,
) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        profile::update_climate(p.conn_mut(), now, &climate)
    }))
}

/// Adds or updates a service.
#[tauri::command]
pub async fn wizard_save_service(
    state: State<'_, AppState>,
    service: Service,
) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        services::save_service(p.conn_mut(), now, &service)
    }))
}

/// Removes a service.
#[tauri::command]
pub async fn wizard_delete_service(state: State<'_, AppState>, id: i64) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        services::delete_service(p.conn_mut(), now, id)
    }))
}

/// Adds or updates another party.
#[tauri::command]
pub async fn wizard_save_other_party(
    state: State<'_, AppState>,
    party: OtherParty,
) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        services::save_other_party(p.conn_mut(), now, &party)
    }))
}

/// Removes another party.
#[tauri::command]
pub async fn wizard_delete_other_party(
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        services::delete_other_party(p.conn_mut(), now, id)
    }))
}

/// Saves the edited scope statement; `null` returns to the generated one.
#[tauri::command]
pub async fn wizard_save_scope(
    state: State<'_, AppState>,
    text: Option<String>,
) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        profile::update_scope(p.conn_mut(), now, text.as_deref())
    }))
}

/// Adds or updates a person.
#[tauri::command]
pub async fn wizard_save_person(
    state: State<'_, AppState>,
    person: Person,
) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        people::save_person(p.conn_mut(), now, &person)
    }))
}

/// Removes a person; the answer carries them for undo.
#[tauri::command]
pub async fn wizard_delete_person(state: State<'_, AppState>, id: i64) -> CmdResult<PersonRemoved> {
    with(&state, |p, now| {
        people::delete_person(p.conn_mut(), now, id)
    })
    .map(|(person, view)| PersonRemoved { person, view })
}

/// Undoes a removal.
#[tauri::command]
pub async fn wizard_restore_person(state: State<'_, AppState>, id: i64) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        people::restore_person(p.conn_mut(), now, id)
    }))
}

/// Parses CSV text into a preview with per-row errors (nothing is saved).
#[tauri::command]
pub async fn wizard_import_preview(
    state: State<'_, AppState>,
    csv: String,
) -> CmdResult<ImportPreview> {
    let guard = state.project();
    let Some(p) = guard.as_ref() else {
        return Err(ErrorPayload::new("no_project", "No project is open."));
    };
    let existing = people::list_people(p.conn()).map_err(|e| e.payload())?;
    Ok(preview(&csv, &existing))
}

/// Imports the valid rows of a preview (all or nothing).
#[tauri::command]
pub async fn wizard_import_people(
    state: State<'_, AppState>,
    people: Vec<Person>,
) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        self::people::insert_people(p.conn_mut(), now, &people)
    }))
}

/// Sets who holds a role and who deputizes.
#[tauri::command]
pub async fn wizard_set_role(
    state: State<'_, AppState>,
    assignment: RoleAssignment,
) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        roles::update_assignment(p.conn_mut(), now, &assignment)
    }))
}

/// Records a compensating control for a conflict.
#[tauri::command]
pub async fn wizard_record_mitigation(
    state: State<'_, AppState>,
    mitigation: SodMitigation,
) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        roles::upsert_mitigation(p.conn_mut(), now, &mitigation)
    }))
}

/// Removes a recorded compensating control.
#[tauri::command]
pub async fn wizard_clear_mitigation(
    state: State<'_, AppState>,
    rule_id: String,
    person_id: i64,
) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        roles::delete_mitigation(p.conn_mut(), now, &rule_id, person_id)
    }))
}

fn suggestion(p: &Project) -> Result<RoleSuggestion, ErrorPayload> {
    let data = store::load(p.conn()).map_err(|e| e.payload())?;
    suggest_roles(lib()?, &data.people, data.profile.headcount)
        .map_err(|m| ErrorPayload::new("invalid", m))
}

/// Proposes an allocation for the firm's size (nothing is saved).
#[tauri::command]
pub async fn wizard_suggest_roles(state: State<'_, AppState>) -> CmdResult<RoleSuggestion> {
    let guard = state.project();
    let Some(p) = guard.as_ref() else {
        return Err(ErrorPayload::new("no_project", "No project is open."));
    };
    suggestion(p)
}

/// Applies the suggested allocation (replacing current assignments).
#[tauri::command]
pub async fn wizard_apply_suggestion(state: State<'_, AppState>) -> CmdResult<WizardView> {
    let s = {
        let guard = state.project();
        let Some(p) = guard.as_ref() else {
            return Err(ErrorPayload::new("no_project", "No project is open."));
        };
        suggestion(p)?
    };
    just_view(with(&state, |p, now| {
        roles::apply_suggestion(p.conn_mut(), now, &s)
    }))
}

/// Moves to a step (back, step list, resume).
#[tauri::command]
pub async fn wizard_goto(state: State<'_, AppState>, step: StepId) -> CmdResult<WizardView> {
    just_view(with(&state, |p, now| {
        progress::update_current(p.conn_mut(), now, step)
    }))
}

/// Marks a step finished and moves to the next one ("Next"). Errors do not stop it (the step
/// list shows the step as needing attention) except an unresolved `block` conflict on the
/// roles step, which is refused with code `step_blocked`.
#[tauri::command]
pub async fn wizard_complete_step(
    state: State<'_, AppState>,
    step: StepId,
) -> CmdResult<WizardView> {
    let i = StepId::ALL.iter().position(|s| *s == step).unwrap_or(0);
    let next = StepId::ALL.get(i + 1).copied().unwrap_or(step);
    let (_, current) = with(&state, |_, _| Ok(()))?;
    if let Some(why) = completion_blocker(&current, step) {
        return Err(ErrorPayload::new("step_blocked", why));
    }
    just_view(with(&state, |p, now| {
        progress::complete_step(p.conn_mut(), now, step, next)
    }))
}
