//! What the management-review screens receive over IPC.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Review, ReviewInputs, counts, why_not_counted};
use crate::assessment::Action;
use crate::documents::PersonRef;
use crate::scoring::ReviewFacts;
use crate::wizard::WizardData;

/// A review in the list, with whether it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewRow {
    /// The review.
    pub review: Review,
    /// Held, attended by top management and approved.
    pub counts: bool,
    /// Why it does not count yet (None when it counts).
    pub why_not: Option<String>,
}

impl ReviewRow {
    /// The row of `review`.
    pub fn of(review: Review) -> Self {
        Self {
            counts: counts(&review),
            why_not: why_not_counted(&review),
            review,
        }
    }
}

/// The list screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewsScreen {
    /// Every review, newest first.
    pub reviews: Vec<ReviewRow>,
    /// What the verdict reads.
    pub facts: ReviewFacts,
    /// Current people, to pick attendees and owners.
    pub people: Vec<PersonRef>,
    /// Holders of the top-management role (suggested as top-management attendees).
    pub top_management: Vec<i64>,
    /// The name of the role that must attend and approves the minutes.
    pub approver_role: String,
}

/// One review with its inputs and decided actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewDetail {
    /// The review and whether it counts.
    pub row: ReviewRow,
    /// The inputs: frozen at issue, else as collected now.
    pub inputs: ReviewInputs,
    /// Whether `inputs` are the frozen ones.
    pub inputs_frozen: bool,
    /// Actions decided at this review, from the action register.
    pub actions: Vec<Action>,
    /// The minutes as sanitised HTML (for reading once issued).
    pub minutes_html: String,
    /// Names of the people involved (attendees, owners, approver).
    pub people: Vec<PersonRef>,
    /// Holders of the top-management role.
    pub top_management: Vec<i64>,
    /// The name of the role that approves the minutes.
    pub approver_role: String,
}

/// Ids of the current holders of the top-management role.
pub fn top_management(data: &WizardData) -> Vec<i64> {
    data.assignment(super::APPROVER_ROLE)
        .map(|a| a.holders.clone())
        .unwrap_or_default()
}
