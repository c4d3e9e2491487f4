//! Management review (9.3): a review is planned, held with its attendees, fed with inputs
//! collected from the project ([`inputs`]), and recorded in minutes drafted from the
//! management-review template TPL-28 Part B ([`minutes`]), which are issued and then approved
//! by a member of top management who attended.
//!
//! The rules live here once: a review counts only when it was held, top management attended
//! and its minutes are approved ([`counts`]); approved minutes are a record and never change
//! ([`check_editable`]); [`review_facts`] is what the verdict reads.

pub mod inputs;
pub mod minutes;
pub mod screen;
pub mod sources;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use inputs::{InputKey, InputSection, InputSources, ReviewInputs, collect_inputs};
pub use minutes::{MinutesContext, draft_minutes};
pub use screen::{ReviewDetail, ReviewRow, ReviewsScreen, top_management};

use crate::error::Refusal;
use crate::scoring::ReviewFacts;

/// The clause of management review.
pub const CLAUSE: &str = "9.3";

/// The content-library template the minutes are drafted from (Part B of it).
pub const TEMPLATE_ID: &str = "TPL-28";

/// The role that must attend and approves the minutes.
pub const APPROVER_ROLE: &str = "ROLE-TM";

/// Where a review's minutes stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Being prepared or written up; everything can change.
    #[default]
    Draft,
    /// Minutes issued for approval; inputs frozen.
    Issued,
    /// Minutes approved: a record that never changes.
    Approved,
}

impl ReviewStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Issued => "issued",
            Self::Approved => "approved",
        }
    }

    /// Parses the stored name.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "draft" => Some(Self::Draft),
            "issued" => Some(Self::Issued),
            "approved" => Some(Self::Approved),
            _ => None,
        }
    }
}

/// Someone who attended a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Attendee {
    /// Person id (setup wizard).
    pub person_id: i64,
    /// Attended as a member of top management.
    pub top_management: bool,
}

/// What the review screen edits while the review is a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewEdit {
    /// Row id (0 for a new review).
    #[serde(default)]
    pub id: i64,
    /// E.g. "Management review 2027-1".
    pub title: String,
    /// Planned date, `YYYY-MM-DD`.
    #[serde(default)]
    pub planned_on: Option<String>,
    /// Date it was held, `YYYY-MM-DD`.
    #[serde(default)]
    pub held_on: Option<String>,
    /// Who attended.
    #[serde(default)]
    pub attendees: Vec<Attendee>,
    /// Decisions and conclusions, in plain words.
    #[serde(default)]
    pub decisions: String,
    /// Date of the next planned review, `YYYY-MM-DD`.
    #[serde(default)]
    pub next_planned_on: Option<String>,
    /// Minutes text (Markdown); drafted from the template when empty.
    #[serde(default)]
    pub minutes: String,
}

/// A management review as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Review {
    /// Row id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Planned date, `YYYY-MM-DD`.
    pub planned_on: Option<String>,
    /// Date held, `YYYY-MM-DD`.
    pub held_on: Option<String>,
    /// Who attended.
    pub attendees: Vec<Attendee>,
    /// Decisions and conclusions.
    pub decisions: String,
    /// Next planned review, `YYYY-MM-DD`.
    pub next_planned_on: Option<String>,
    /// The inputs as they stood when the minutes were issued (None while a draft).
    pub inputs: Option<ReviewInputs>,
    /// Minutes text (Markdown).
    pub minutes: String,
    /// Draft, issued or approved.
    pub status: ReviewStatus,
    /// When the minutes were issued (RFC 3339).
    pub issued_at: Option<String>,
    /// Who approved the minutes (person id).
    pub approved_by: Option<i64>,
    /// When (RFC 3339).
    pub approved_at: Option<String>,
    /// Actions decided at the review (ids in the one action register).
    pub action_ids: Vec<i64>,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

impl Review {
    /// Whether a member of top management attended.
    pub fn top_management_attended(&self) -> bool {
        self.attendees.iter().any(|a| a.top_management)
    }
}

/// Whether a review counts as a management review held: held on a date, attended by top
/// management, with approved minutes.
pub fn counts(r: &Review) -> bool {
    r.status == ReviewStatus::Approved && r.held_on.is_some() && r.top_management_attended()
}

/// Why a review does not count yet, in plain words (None when it counts).
pub fn why_not_counted(r: &Review) -> Option<String> {
    if r.held_on.is_none() {
        Some("Not held yet: enter the date it was held.".into())
    } else if !r.top_management_attended() {
        Some(
            "No member of top management attended: a review without top management does not \
             count. Hold it again with top management present."
                .into(),
        )
    } else if r.status != ReviewStatus::Approved {
        Some("The minutes are not approved yet.".into())
    } else {
        None
    }
}

/// Refuses changes to minutes already issued or approved (code `review_issued` /
/// `review_approved`).
pub fn check_editable(status: ReviewStatus) -> Result<(), Refusal> {
    match status {
        ReviewStatus::Draft => Ok(()),
        ReviewStatus::Issued => Err(Refusal::new(
            "review_issued",
            "These minutes are issued for approval and can no longer be edited; withdraw them \
             to a draft first.",
        )),
        ReviewStatus::Approved => Err(Refusal::new(
            "review_approved",
            "These minutes are approved: they are a record and cannot be changed. Record \
             corrections at the next review.",
        )),
    }
}

fn date(field: &str, value: Option<&str>) -> Result<Option<NaiveDate>, Refusal> {
    value
        .map(|d| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                Refusal::new(
                    "invalid_date",
                    format!("The {field} {d:?} is not a date; use YYYY-MM-DD."),
                )
            })
        })
        .transpose()
}

/// Checks an edit: a title, real dates, each attendee once, the next review after this one.
pub fn check_edit(e: &ReviewEdit) -> Result<(), Refusal> {
    if e.title.trim().is_empty() {
        return Err(Refusal::new(
            "title_required",
            "Give the review a title, e.g. \"Management review 2027-1\".",
        ));
    }
    let _planned = date("planned date", e.planned_on.as_deref())?;
    let held = date("date held", e.held_on.as_deref())?;
    let next = date("next review date", e.next_planned_on.as_deref())?;
    if let (Some(h), Some(n)) = (held, next)
        && n <= h
    {
        return Err(Refusal::new(
            "next_review_not_after",
            "The next review must be planned after the date this one was held.",
        ));
    }
    let mut ids: Vec<i64> = e.attendees.iter().map(|a| a.person_id).collect();
    ids.sort_unstable();
    if ids.windows(2).any(|w| w[0] == w[1]) {
        return Err(Refusal::new(
            "duplicate_attendee",
            "Someone is listed twice among the attendees.",
        ));
    }
    Ok(())
}

/// Checks that a draft can be issued: held, with minutes.
pub fn check_issue(r: &Review) -> Result<(), Refusal> {
    check_editable(r.status)?;
    if r.held_on.is_none() {
        return Err(Refusal::new(
            "review_not_held",
            "Enter the date the review was held before issuing its minutes.",
        ));
    }
    if r.attendees.is_empty() {
        return Err(Refusal::new(
            "attendees_required",
            "Record who attended before issuing the minutes.",
        ));
    }
    Ok(())
}

/// Checks that `approver` may approve issued minutes: the minutes are issued and the approver
/// attended as top management (the chair approves).
pub fn check_approve(r: &Review, approver: i64) -> Result<(), Refusal> {
    match r.status {
        ReviewStatus::Issued => {}
        ReviewStatus::Draft => {
            return Err(Refusal::new(
                "review_not_issued",
                "Issue the minutes before approving them.",
            ));
        }
        ReviewStatus::Approved => check_editable(r.status)?,
    }
    if !r.top_management_attended() {
        return Err(Refusal::new(
            "no_top_management",
            "No member of top management attended this review, so it does not count and its \
             minutes cannot be approved. Hold the review again with top management present.",
        ));
    }
    if !r
        .attendees
        .iter()
        .any(|a| a.person_id == approver && a.top_management)
    {
        return Err(Refusal::new(
            "approver_not_top_management",
            "The minutes are approved by a member of top management who attended the review.",
        ));
    }
    Ok(())
}

/// What the management-review records show, for the verdict: how many reviews count
/// ([`counts`]) and the next planned date: the earliest planned date of a review not yet
/// held, else the next date set at the latest review that counts.
pub fn review_facts(reviews: &[Review]) -> ReviewFacts {
    let held = reviews.iter().filter(|r| counts(r)).count();
    let last_held = reviews
        .iter()
        .filter(|r| counts(r))
        .max_by(|a, b| a.held_on.cmp(&b.held_on));
    let planned = reviews
        .iter()
        .filter(|r| r.held_on.is_none())
        .filter_map(|r| r.planned_on.clone())
        .min();
    ReviewFacts {
        next_planned: planned.or_else(|| last_held.and_then(|r| r.next_planned_on.clone())),
        held: u32::try_from(held).unwrap_or(u32::MAX),
    }
}

/// The latest review that counts, if any (by date held).
pub fn latest_counted(reviews: &[Review]) -> Option<&Review> {
    reviews
        .iter()
        .filter(|r| counts(r))
        .max_by(|a, b| a.held_on.cmp(&b.held_on).then(a.id.cmp(&b.id)))
}
