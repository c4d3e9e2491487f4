//! The SMS calendar: every recurring duty the firm committed to, as dated occurrences.
//!
//! Occurrences come from *series* ([`Series`]): the recurring duties of the duty list, and the
//! project's own dates (document review dates, evidence review and expiry dates, supplier
//! reviews, contract notice dates), built by [`sources`]. [`occurrences`] expands the series in
//! a window and gives each occurrence a stable id, and a status: `done` only when a completion
//! record is attached ([`CompletionRef`]), else `overdue` once its date has passed in the
//! firm's time zone, else `due`. [`ics`] writes the occurrences as an RFC 5545 calendar.
//!
//! Dates are calendar days (`NaiveDate`); "today" is the firm's local date ([`today_in`]).
//! Recurring dates are computed from the anchor each time (never from the previous
//! occurrence), so a monthly duty anchored on the 31st falls on the last day of shorter months
//! and returns to the 31st afterwards.

pub mod ics;
pub mod project;
pub mod sources;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a calendar operation refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// Not an IANA time zone name.
    #[error("{0} is not a time zone name; use an IANA name such as Europe/London.")]
    UnknownTimeZone(String),
    /// A window of no months, or longer than [`MAX_WINDOW_MONTHS`].
    #[error("Choose between 1 and {max} months.", max = MAX_WINDOW_MONTHS)]
    BadWindow,
}

impl CalendarError {
    /// Stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownTimeZone(_) => "unknown_time_zone",
            Self::BadWindow => "bad_calendar_window",
        }
    }
}

/// The longest window [`occurrences`] expands (ten years).
pub const MAX_WINDOW_MONTHS: u32 = 120;

/// The firm's local date at `now` in the IANA time zone `tz` (e.g. `Europe/London`).
pub fn today_in(now: DateTime<Utc>, tz: &str) -> Result<NaiveDate, CalendarError> {
    let zone =
        Tz::from_str(tz.trim()).map_err(|_| CalendarError::UnknownTimeZone(tz.to_owned()))?;
    Ok(now.with_timezone(&zone).date_naive())
}

/// `anchor` plus `months` months; the day is clamped to the end of a shorter month
/// (31 January + 1 month = 28 or 29 February). `None` past the calendar's range.
pub fn add_months(anchor: NaiveDate, months: u32) -> Option<NaiveDate> {
    anchor.checked_add_months(Months::new(months))
}

/// Where an occurrence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OccurrenceKind {
    /// A recurring duty of the duty list (restore test, access review, internal audit, …).
    Duty,
    /// A document's review date (moves when the document is re-approved).
    DocumentReview,
    /// The date someone should check a piece of evidence is still current.
    EvidenceReview,
    /// The date a piece of evidence stops counting (renew it before).
    EvidenceExpiry,
    /// A supplier's performance review.
    SupplierReview,
    /// The last date to give notice on a supplier contract.
    ContractNotice,
}

impl OccurrenceKind {
    /// Stable text id.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Duty => "duty",
            Self::DocumentReview => "document_review",
            Self::EvidenceReview => "evidence_review",
            Self::EvidenceExpiry => "evidence_expiry",
            Self::SupplierReview => "supplier_review",
            Self::ContractNotice => "contract_notice",
        }
    }
}

/// When a series falls due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Schedule {
    /// Every `months` months from `anchor` (the first occurrence is the anchor itself).
    Every {
        /// The first due date; later ones are `anchor + k × months`, clamped to month ends.
        #[ts(type = "string")]
        anchor: NaiveDate,
        /// Months between occurrences (1 monthly, 3 quarterly, 12 yearly, …).
        months: u32,
    },
    /// Every seven days from `anchor`.
    Weekly {
        /// The first due date.
        #[ts(type = "string")]
        anchor: NaiveDate,
    },
    /// Once, on one date.
    Once {
        /// The due date.
        #[ts(type = "string")]
        on: NaiveDate,
    },
}

/// A duty that falls due on a schedule: the unit the calendar expands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Series {
    /// Stable id of the series: the duty id (`DUTY-…`) or a project-derived id such as
    /// `doc-review:DOC-SMS-POLICY`, `evidence-expiry:12`, `supplier-review:3`, `notice:4`.
    pub id: String,
    /// The duty id it belongs to (a duty-list id, or the series kind for project dates).
    pub duty_id: String,
    /// Where it comes from.
    pub kind: OccurrenceKind,
    /// What is to be done, in plain words.
    pub title: String,
    /// The clause it serves, e.g. `8.7.1`.
    pub clause: String,
    /// Who does it (a person's name or names; empty when nobody is named yet).
    pub owner: String,
    /// When.
    pub schedule: Schedule,
}

impl Series {
    /// Whether the series has an occurrence due on `day`.
    pub fn falls_on(&self, day: NaiveDate) -> bool {
        let Some(next) = day.succ_opt() else {
            return false;
        };
        due_dates(&self.schedule, next).last() == Some(&day)
    }
}

/// A record that marks an occurrence done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CompletionRef {
    /// The occurrence it completes.
    pub occurrence_id: String,
    /// The date the work was done (`YYYY-MM-DD`).
    #[ts(type = "string")]
    pub done_on: NaiveDate,
    /// What the record is, in a few words ("Evidence 12", "Supplier review 2026-03-04", a note).
    pub record: String,
}

/// Where an occurrence stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OccurrenceStatus {
    /// A record is attached.
    Done,
    /// Not done; the due date is today or later.
    Due,
    /// Not done; the due date has passed.
    Overdue,
}

impl OccurrenceStatus {
    /// Stable text id (`done`, `due`, `overdue`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Due => "due",
            Self::Overdue => "overdue",
        }
    }
}

/// One dated instance of a duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Occurrence {
    /// Stable id: `<series id>@<due date>`; the same across runs for the same data.
    pub id: String,
    /// The duty id (see [`Series::duty_id`]).
    pub duty_id: String,
    /// Where it comes from.
    pub kind: OccurrenceKind,
    /// What is to be done.
    pub title: String,
    /// The clause it serves.
    pub clause: String,
    /// Who does it.
    pub owner: String,
    /// The due date.
    #[ts(type = "string")]
    pub due: NaiveDate,
    /// Done, due or overdue.
    pub status: OccurrenceStatus,
    /// The record that marks it done.
    pub completion: Option<CompletionRef>,
}

/// The stable id of the occurrence of `series_id` due on `due`.
pub fn occurrence_id(series_id: &str, due: NaiveDate) -> String {
    format!("{series_id}@{due}")
}

/// The days an occurrence list covers: `[from, until)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// First day shown.
    pub from: NaiveDate,
    /// First day no longer shown.
    pub until: NaiveDate,
}

impl Window {
    /// `months` months from `from` (1 to [`MAX_WINDOW_MONTHS`]).
    pub fn months(from: NaiveDate, months: u32) -> Result<Self, CalendarError> {
        if !(1..=MAX_WINDOW_MONTHS).contains(&months) {
            return Err(CalendarError::BadWindow);
        }
        let until = add_months(from, months).ok_or(CalendarError::BadWindow)?;
        Ok(Self { from, until })
    }
}

/// Expands `series` into occurrences due in `window`, plus every earlier occurrence that is
/// still outstanding (overdue on `today`): what is coming and what was missed. Recurring
/// series start at their anchor; nothing falls before it. `completions` mark occurrences done
/// by id. Sorted by due date, then id.
pub fn occurrences(
    series: &[Series],
    completions: &[CompletionRef],
    window: Window,
    today: NaiveDate,
) -> Vec<Occurrence> {
    let done: BTreeMap<&str, &CompletionRef> = completions
        .iter()
        .map(|c| (c.occurrence_id.as_str(), c))
        .collect();
    let mut out = Vec::new();
    for s in series {
        for due in due_dates(&s.schedule, window.until) {
            let id = occurrence_id(&s.id, due);
            let completion = done.get(id.as_str()).map(|c| (*c).clone());
            let status = status_of(due, completion.is_some(), today);
            let in_window = due >= window.from;
            if !(in_window || status == OccurrenceStatus::Overdue) {
                continue;
            }
            out.push(Occurrence {
                id,
                duty_id: s.duty_id.clone(),
                kind: s.kind,
                title: s.title.clone(),
                clause: s.clause.clone(),
                owner: s.owner.clone(),
                due,
                status,
                completion,
            });
        }
    }
    out.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
    out
}

/// Done with a record, else overdue after `due`, else due.
pub fn status_of(due: NaiveDate, has_record: bool, today: NaiveDate) -> OccurrenceStatus {
    if has_record {
        OccurrenceStatus::Done
    } else if due < today {
        OccurrenceStatus::Overdue
    } else {
        OccurrenceStatus::Due
    }
}

/// Every due date of `schedule` before `until`, in order.
fn due_dates(schedule: &Schedule, until: NaiveDate) -> Vec<NaiveDate> {
    match *schedule {
        Schedule::Once { on } => {
            if on < until {
                vec![on]
            } else {
                Vec::new()
            }
        }
        Schedule::Weekly { anchor } => {
            let mut out = Vec::new();
            let mut d = anchor;
            while d < until {
                out.push(d);
                match d.checked_add_days(chrono::Days::new(7)) {
                    Some(n) => d = n,
                    None => break,
                }
            }
            out
        }
        Schedule::Every { anchor, months } => {
            let step = months.max(1);
            let mut out = Vec::new();
            let mut k: u32 = 0;
            while let Some(d) = k.checked_mul(step).and_then(|m| add_months(anchor, m)) {
                if d >= until {
                    break;
                }
                out.push(d);
                k += 1;
            }
            out
        }
    }
}

/// The overview's counts of outstanding occurrences.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarOverview {
    /// Not done, due from today to the end of this month.
    pub this_month: u32,
    /// Not done, due next month.
    pub next_month: u32,
    /// Not done, due before today.
    pub overdue: u32,
}

/// Counts `occurrences` (as returned by [`occurrences`]) for the overview on `today`.
pub fn overview(occurrences: &[Occurrence], today: NaiveDate) -> CalendarOverview {
    let this = (today.year(), today.month());
    let next = add_months(today.with_day(1).unwrap_or(today), 1).map(|d| (d.year(), d.month()));
    let mut o = CalendarOverview::default();
    for occ in occurrences {
        match occ.status {
            OccurrenceStatus::Done => {}
            OccurrenceStatus::Overdue => o.overdue += 1,
            OccurrenceStatus::Due => {
                let ym = (occ.due.year(), occ.due.month());
                if ym == this {
                    o.this_month += 1;
                } else if Some(ym) == next {
                    o.next_month += 1;
                }
            }
        }
    }
    o
}

/// An overdue duty as a finding for the clause it serves (what the scorecard's reasons and
/// the reminders show).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarFinding {
    /// The clause the duty serves.
    pub clause: String,
    /// The overdue occurrence.
    pub occurrence_id: String,
    /// What is late and what to do.
    pub message: String,
}

/// One finding per overdue occurrence, in due-date order: what the verdict and the reminder
/// on opening a project are fed with.
pub fn findings(occurrences: &[Occurrence]) -> Vec<CalendarFinding> {
    occurrences
        .iter()
        .filter(|o| o.status == OccurrenceStatus::Overdue)
        .map(|o| CalendarFinding {
            clause: o.clause.clone(),
            occurrence_id: o.id.clone(),
            message: format!(
                "\"{}\" was due on {}{}. Do it and attach the record, or move the duty if the \
                 plan changed.",
                o.title,
                o.due,
                if o.owner.trim().is_empty() {
                    String::new()
                } else {
                    format!(" ({})", o.owner)
                }
            ),
        })
        .collect()
}
