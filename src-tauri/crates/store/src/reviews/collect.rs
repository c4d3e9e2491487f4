//! Reads what a management review's inputs are built from (every register and record of the
//! project) and the screens' views.

use chrono::{Datelike, NaiveDate};
use ready20k_domain::assessment::Action;
use ready20k_domain::records::Report;
use ready20k_domain::reviews::sources;
use ready20k_domain::reviews::{
    InputSources, ReviewDetail, ReviewInputs, ReviewRow, ReviewsScreen, counts, top_management,
};
use ready20k_domain::screens::people;
use ready20k_domain::snapshot::JournalRow;

use super::{get_review, list_reviews};
use crate::register_error::{RegisterError, RegisterResult};
use crate::{Project, journal, risks, suppliers};

/// Journal kinds that change the context, the interested parties or the climate decision.
const CONTEXT_KINDS: [&str; 6] = [
    "wizard_issue_added",
    "wizard_issue_changed",
    "wizard_issue_removed",
    "wizard_party_saved",
    "wizard_party_removed",
    "wizard_climate",
];

/// A records error as a register error (same code and message).
fn records_err(e: crate::records::RecordsError) -> RegisterError {
    match e {
        crate::records::RecordsError::Store(s) => RegisterError::Store(s),
        other => RegisterError::refused(other.code(), other.to_string()),
    }
}

/// The SLA report from the month of `since` (all records when `None`); `None` without records.
fn sla(p: &Project, since: Option<&str>) -> RegisterResult<Option<Report>> {
    let from = since
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|d| d.year().unsigned_abs() * 100 + d.month());
    let report =
        crate::records::report(p.conn(), p.clock().now(), from, None).map_err(records_err)?;
    Ok((report.months_of_records > 0).then_some(report))
}

/// The inputs of review `id` as the project shows them now: the period starts at the latest
/// review that counts held before it (or before today when it is not held yet).
pub fn collect_inputs(p: &Project, id: i64) -> RegisterResult<ReviewInputs> {
    let conn = p.conn();
    let today = p.clock().now().date_naive();
    let reviews = list_reviews(conn)?;
    let this = reviews.iter().find(|r| r.id == id);
    let cutoff = this
        .and_then(|r| r.held_on.clone())
        .unwrap_or_else(|| today.format("%Y-%m-%d").to_string());
    let since = reviews
        .iter()
        .filter(|r| r.id != id && counts(r))
        .filter_map(|r| r.held_on.clone())
        .filter(|h| *h < cutoff)
        .max();
    let actions = crate::assessment::actions::list_actions(conn)?;
    let earlier: Vec<i64> = reviews
        .iter()
        .filter(|r| r.id != id)
        .filter(|r| this.is_none_or(|t| r.id < t.id))
        .flat_map(|r| r.action_ids.iter().copied())
        .collect();
    let previous: Vec<Action> = actions
        .iter()
        .filter(|a| earlier.contains(&a.id))
        .cloned()
        .collect();
    let changes: Vec<JournalRow> = match &since {
        None => Vec::new(),
        Some(s) => {
            let mut all = Vec::new();
            for kind in CONTEXT_KINDS {
                all.extend(
                    journal::list_by_kind(conn, kind)?
                        .into_iter()
                        .filter(|j| j.at.get(..10).unwrap_or(&j.at) > s.as_str()),
                );
            }
            all.sort_by_key(|j| j.id);
            all
        }
    };
    let data = crate::wizard::load(conn)?;
    let report = sla(p, since.as_deref())?;
    let supplier_reviews = suppliers::list_reviews(conn)?;
    let disputes = suppliers::list_disputes(conn)?;
    let risk_list = risks::list_risks(conn)?;
    let criteria = risks::get_criteria(conn)?;
    let kpis = kpi_lines(p)?;
    let service_reports = crate::records::issued_figures(conn).map_err(records_err)?;
    let audits = sources::audit_lines(&crate::audits::records(conn)?, since.as_deref());
    Ok(ready20k_domain::reviews::collect_inputs(&InputSources {
        since: since.as_deref(),
        today,
        data: &data,
        previous_actions: &previous,
        actions: &actions,
        context_changes: &changes,
        sla: report.as_ref(),
        service_reports: &service_reports,
        kpis: &kpis,
        supplier_reviews: &supplier_reviews,
        disputes: &disputes,
        audits: audits.as_deref(),
        risks: &risk_list,
        acceptance: criteria.acceptance,
    }))
}

/// Objective and KPI results, one line each (none until objectives are recorded).
fn kpi_lines(p: &Project) -> RegisterResult<Vec<String>> {
    let view = crate::objectives::objectives_view(p).map_err(|e| match e {
        crate::objectives::ObjectivesError::Store(s) => RegisterError::Store(s),
        other => RegisterError::refused(other.code(), other.to_string()),
    })?;
    Ok(sources::kpi_lines(&view))
}

/// The list screen.
pub fn view(p: &Project) -> RegisterResult<ReviewsScreen> {
    let conn = p.conn();
    let list = list_reviews(conn)?;
    let facts = ready20k_domain::reviews::review_facts(&list);
    let data = crate::wizard::load(conn)?;
    Ok(ReviewsScreen {
        reviews: list.into_iter().rev().map(ReviewRow::of).collect(),
        facts,
        people: people(&data),
        top_management: top_management(&data),
        approver_role: "Top management".to_owned(),
    })
}

/// One review with its inputs (frozen once issued) and its decided actions.
pub fn detail(p: &Project, id: i64) -> RegisterResult<ReviewDetail> {
    let conn = p.conn();
    let mut review = get_review(conn, id)?;
    let (inputs, frozen) = match review.inputs.take() {
        Some(i) => (i, true),
        None => (collect_inputs(p, id)?, false),
    };
    let actions = crate::assessment::actions::list_actions(conn)?
        .into_iter()
        .filter(|a| review.action_ids.contains(&a.id))
        .collect();
    let data = crate::wizard::load(conn)?;
    let minutes_html = ready20k_domain::documents::markdown::to_safe_html(&review.minutes);
    Ok(ReviewDetail {
        minutes_html,
        row: ReviewRow::of(review),
        inputs,
        inputs_frozen: frozen,
        actions,
        people: people(&data),
        top_management: top_management(&data),
        approver_role: "Top management".to_owned(),
    })
}
