//! Risk and opportunity register and supplier register commands. Thin adapters over
//! `ready20k_store::{risks, suppliers}`; every command answers with the whole screen.

use chrono::NaiveDate;
use ready20k_domain::assessment::ActionSource;
use ready20k_domain::calendar::today_in;
use ready20k_domain::risks::{Risk, RiskCriteria, RiskStatus};
use ready20k_domain::screens::{self, RiskScreen, SupplierScreen};
use ready20k_domain::suppliers::{Agreement, Dispute, SupplierReview};
use ready20k_domain::wizard::OtherPartyKind;
use ready20k_store::assessment::actions;
use ready20k_store::register_error::{RegisterError, RegisterResult};
use ready20k_store::{Project, calendar, risks, suppliers};
use tauri::State;

use super::{CmdResult, new_action, with_project};
use crate::state::AppState;

/// The firm's local date (its time zone from the business hours; UTC until set).
pub fn firm_today(p: &Project) -> RegisterResult<NaiveDate> {
    let tz = calendar::firm_time_zone(p.conn())?;
    today_in(p.clock().now(), &tz).map_err(|e| RegisterError::refused(e.code(), e.to_string()))
}

fn risk_screen(p: &Project) -> RegisterResult<RiskScreen> {
    let today = firm_today(p)?;
    let data = ready20k_store::wizard::load(p.conn())?;
    Ok(RiskScreen {
        register: risks::view(p.conn(), today)?,
        people: screens::people(&data),
        sources: screens::risk_sources(&data),
        actions: actions::list_actions(p.conn())?,
    })
}

fn supplier_screen(p: &Project) -> RegisterResult<SupplierScreen> {
    let today = firm_today(p)?;
    let data = ready20k_store::wizard::load(p.conn())?;
    Ok(screens::supplier_screen(
        suppliers::register(p.conn())?,
        suppliers::supplier_findings(p.conn(), today)?,
        screens::people(&data),
        actions::list_actions(p.conn())?,
    ))
}

/// Saves a new action of the one action register, from a risk treatment or a supplier review.
fn save_new_action(
    p: &mut Project,
    title: &str,
    owner_id: Option<i64>,
    due: Option<String>,
) -> RegisterResult<i64> {
    let a = new_action(ActionSource::Other, title.trim(), owner_id, due);
    Ok(actions::save_action(p, &a)?.id)
}

/// The risk register: criteria, entries, suggestions, heat maps, findings, people, sources.
#[tauri::command]
pub async fn risks_load(state: State<'_, AppState>) -> CmdResult<RiskScreen> {
    with_project(&state, |p| risk_screen(p))
}

/// Saves the firm's rating criteria.
#[tauri::command]
pub async fn risks_save_criteria(
    state: State<'_, AppState>,
    criteria: RiskCriteria,
) -> CmdResult<RiskScreen> {
    with_project(&state, |p| {
        risks::save_criteria(p, &criteria)?;
        risk_screen(p)
    })
}

/// Adds the suggestion `key` to the register, owned by `owner_id`.
#[tauri::command]
pub async fn risks_adopt(
    state: State<'_, AppState>,
    key: String,
    owner_id: Option<i64>,
) -> CmdResult<RiskScreen> {
    with_project(&state, |p| {
        risks::adopt_suggestion(p, &key, owner_id)?;
        risk_screen(p)
    })
}

/// Inserts (`id == 0`) or updates an entry.
#[tauri::command]
pub async fn risks_save(state: State<'_, AppState>, risk: Risk) -> CmdResult<RiskScreen> {
    with_project(&state, |p| {
        risks::save_risk(p, &risk)?;
        risk_screen(p)
    })
}

/// Removes an entry (its actions stay in the action plan).
#[tauri::command]
pub async fn risks_delete(state: State<'_, AppState>, id: i64) -> CmdResult<RiskScreen> {
    with_project(&state, |p| {
        risks::delete_risk(p, id)?;
        risk_screen(p)
    })
}

/// Adds a treatment action to the one action register and links it to the entry; an open
/// entry becomes "treating".
#[tauri::command]
pub async fn risks_add_action(
    state: State<'_, AppState>,
    risk_id: i64,
    title: String,
    owner_id: Option<i64>,
    due: Option<String>,
) -> CmdResult<RiskScreen> {
    with_project(&state, |p| {
        let mut risk = risks::get_risk(p.conn(), risk_id)?;
        let id = save_new_action(p, &title, owner_id, due)?;
        risk.action_ids.push(id);
        if risk.status == RiskStatus::Open {
            risk.status = RiskStatus::Treating;
        }
        risks::save_risk(p, &risk)?;
        risk_screen(p)
    })
}

/// The supplier register: parties with agreements, reviews, disputes; kinds with "none".
#[tauri::command]
pub async fn suppliers_load(state: State<'_, AppState>) -> CmdResult<SupplierScreen> {
    with_project(&state, |p| supplier_screen(p))
}

/// Records or replaces a party's agreement.
#[tauri::command]
pub async fn suppliers_save_agreement(
    state: State<'_, AppState>,
    agreement: Agreement,
) -> CmdResult<SupplierScreen> {
    with_project(&state, |p| {
        suppliers::save_agreement(p, &agreement)?;
        supplier_screen(p)
    })
}

/// Records a performance review; `action_title`, when given, becomes a follow-up action in
/// the action register, linked to the review.
#[tauri::command]
pub async fn suppliers_save_review(
    state: State<'_, AppState>,
    review: SupplierReview,
    action_title: Option<String>,
) -> CmdResult<SupplierScreen> {
    with_project(&state, |p| {
        let mut review = review;
        if let Some(title) = action_title.filter(|t| !t.trim().is_empty()) {
            let id = save_new_action(p, &title, review.reviewer_id, None)?;
            review.action_ids.push(id);
        }
        suppliers::save_review(p, &review)?;
        supplier_screen(p)
    })
}

/// Records or updates a dispute.
#[tauri::command]
pub async fn suppliers_save_dispute(
    state: State<'_, AppState>,
    dispute: Dispute,
) -> CmdResult<SupplierScreen> {
    with_project(&state, |p| {
        suppliers::save_dispute(p, &dispute)?;
        supplier_screen(p)
    })
}

/// Records that the firm has no party of `kind`, with a sentence why.
#[tauri::command]
pub async fn suppliers_record_none(
    state: State<'_, AppState>,
    kind: OtherPartyKind,
    note: String,
) -> CmdResult<SupplierScreen> {
    with_project(&state, |p| {
        suppliers::record_none(p, kind, &note)?;
        supplier_screen(p)
    })
}

/// Withdraws a recorded "none".
#[tauri::command]
pub async fn suppliers_clear_none(
    state: State<'_, AppState>,
    kind: OtherPartyKind,
) -> CmdResult<SupplierScreen> {
    with_project(&state, |p| {
        suppliers::clear_none(p, kind)?;
        supplier_screen(p)
    })
}
