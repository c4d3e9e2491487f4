//! Snapshot rows of management reviews (migration `0010_management_reviews`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::LinkSnap;
use crate::reviews::ReviewInputs;

/// Management reviews. Absent in exports made before they were carried (then empty).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ReviewsSnap {
    /// `management_review` rows, by id.
    pub reviews: Vec<ReviewSnap>,
    /// `management_review_attendee` rows, by review and person id.
    pub attendees: Vec<ReviewAttendeeSnap>,
    /// `management_review_action` links (review id, action id), by review and action id.
    pub actions: Vec<LinkSnap>,
}

/// One `management_review` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewSnap {
    /// Row id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Planned date, `YYYY-MM-DD`.
    pub planned_on: Option<String>,
    /// Date held, `YYYY-MM-DD`.
    pub held_on: Option<String>,
    /// Decisions and conclusions.
    pub decisions: String,
    /// Next planned review, `YYYY-MM-DD`.
    pub next_planned_on: Option<String>,
    /// Inputs frozen when the minutes were issued.
    pub inputs: Option<ReviewInputs>,
    /// Minutes (Markdown).
    pub minutes: String,
    /// `draft`, `issued` or `approved`.
    pub status: String,
    /// When issued (RFC 3339).
    pub issued_at: Option<String>,
    /// Approver (`/wizard/people` id).
    pub approved_by: Option<i64>,
    /// When approved (RFC 3339).
    pub approved_at: Option<String>,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One `management_review_attendee` row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewAttendeeSnap {
    /// Review id.
    pub review_id: i64,
    /// Person id (`/wizard/people`).
    pub person_id: i64,
    /// Attended as top management.
    pub top_management: bool,
}
