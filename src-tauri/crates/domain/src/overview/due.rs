//! What is due or overdue: calendar occurrences without a record, and unfinished actions with
//! a due date (nonconformity corrective actions among them).

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ProjectScreen;
use crate::assessment::{ActionSource, ActionStatus, PlannedAction, parse_date};
use crate::calendar::{Occurrence, OccurrenceKind, OccurrenceStatus};

/// Items due within this many days from today are listed (overdue ones always are).
pub const DUE_HORIZON_DAYS: u64 = 30;

/// Most items the Overview lists (the counts cover all of them).
pub const MAX_DUE_ITEMS: usize = 8;

/// Where a due item comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DueSource {
    /// A recurring duty of the SMS calendar.
    Duty,
    /// A document's review date.
    DocumentReview,
    /// A piece of evidence to check or renew.
    Evidence,
    /// A supplier review or contract notice date.
    Supplier,
    /// An action of the action plan.
    Action,
    /// A corrective action for an internal-audit finding.
    Nonconformity,
}

/// One thing due or overdue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DueItem {
    /// What is to be done.
    pub title: String,
    /// The due date (`YYYY-MM-DD`).
    pub due: String,
    /// The due date has passed.
    pub overdue: bool,
    /// Where it comes from.
    pub source: DueSource,
    /// The clause it serves, when known.
    pub clause: Option<String>,
    /// Who does it (empty when nobody is named).
    pub owner: String,
    /// Where to do it.
    pub screen: ProjectScreen,
}

fn occurrence_source(kind: OccurrenceKind) -> DueSource {
    match kind {
        OccurrenceKind::Duty => DueSource::Duty,
        OccurrenceKind::DocumentReview => DueSource::DocumentReview,
        OccurrenceKind::EvidenceReview | OccurrenceKind::EvidenceExpiry => DueSource::Evidence,
        OccurrenceKind::SupplierReview | OccurrenceKind::ContractNotice => DueSource::Supplier,
    }
}

/// Every item overdue on `today` or due within [`DUE_HORIZON_DAYS`]: overdue first, then by
/// due date, then title. Done occurrences and done actions are left out.
pub fn due_items(
    occurrences: &[Occurrence],
    actions: &[PlannedAction],
    today: NaiveDate,
) -> Vec<DueItem> {
    let horizon = today
        .checked_add_days(Days::new(DUE_HORIZON_DAYS))
        .unwrap_or(today);
    let soon = |d: NaiveDate| d <= horizon;
    let calendar = occurrences
        .iter()
        .filter(|o| o.status != OccurrenceStatus::Done && soon(o.due))
        .map(|o| DueItem {
            title: o.title.clone(),
            due: o.due.format("%Y-%m-%d").to_string(),
            overdue: o.status == OccurrenceStatus::Overdue,
            source: occurrence_source(o.kind),
            clause: Some(o.clause.clone()).filter(|c| !c.is_empty()),
            owner: o.owner.clone(),
            screen: ProjectScreen::Calendar,
        });
    let actions = actions
        .iter()
        .filter(|p| p.action.status != ActionStatus::Done)
        .filter_map(|p| {
            let due = p.action.due.as_deref().and_then(parse_date)?;
            soon(due).then(|| {
                let nc = p.action.source == ActionSource::Audit;
                DueItem {
                    title: p.action.title.clone(),
                    due: due.format("%Y-%m-%d").to_string(),
                    overdue: due < today,
                    source: if nc {
                        DueSource::Nonconformity
                    } else {
                        DueSource::Action
                    },
                    clause: p.clause.clone(),
                    owner: String::new(),
                    screen: ProjectScreen::Scorecard,
                }
            })
        });
    let mut out: Vec<DueItem> = calendar.chain(actions).collect();
    out.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then_with(|| a.due.cmp(&b.due))
            .then_with(|| a.title.cmp(&b.title))
    });
    out
}
