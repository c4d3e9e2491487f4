//! Document status and version numbers: pure functions of the stored facts and "today".

use std::fmt;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a document stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocStatus {
    /// Nothing written yet.
    Missing,
    /// A draft exists; no version issued yet.
    Draft,
    /// The newest issued version waits for approval.
    InReview,
    /// The newest issued version is approved and its review is not due.
    Approved,
    /// Approved, and the next review date is within [`DUE_WINDOW_DAYS`].
    DueForReview,
    /// The next review date has passed.
    Overdue,
}

impl DocStatus {
    /// Every status, in the order the register's filter lists them.
    pub const ALL: [DocStatus; 6] = [
        DocStatus::Missing,
        DocStatus::Draft,
        DocStatus::InReview,
        DocStatus::Approved,
        DocStatus::DueForReview,
        DocStatus::Overdue,
    ];

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            DocStatus::Missing => "Missing",
            DocStatus::Draft => "Draft",
            DocStatus::InReview => "In review",
            DocStatus::Approved => "Approved",
            DocStatus::DueForReview => "Due for review",
            DocStatus::Overdue => "Overdue",
        }
    }
}

/// Days before the next review date from which a document counts as due for review.
pub const DUE_WINDOW_DAYS: i64 = 30;

/// The facts a status is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatusFacts {
    /// A working draft exists.
    pub has_draft: bool,
    /// Versions issued so far.
    pub issued: u32,
    /// The newest issued version is approved.
    pub latest_approved: bool,
    /// Some version is approved (the newest or an older one).
    pub any_approved: bool,
    /// The next review date of the approved document, if set.
    pub next_review: Option<NaiveDate>,
}

/// The status of a document on `today`.
///
/// Rules, in order: no version issued -> `Draft` when a draft exists, else `Missing`. Once a
/// version is approved, a review date that has passed makes it `Overdue` and one within
/// [`DUE_WINDOW_DAYS`] `DueForReview`, whatever else is going on (a revision in review does not
/// make an overdue review go away until it is approved). Otherwise a newest version that waits
/// for approval is `InReview`, and an approved newest version is `Approved`. A draft of the
/// next revision does not change the status of the approved version (the register shows it
/// separately).
pub fn status(f: StatusFacts, today: NaiveDate) -> DocStatus {
    if f.issued == 0 {
        return if f.has_draft {
            DocStatus::Draft
        } else {
            DocStatus::Missing
        };
    }
    if f.any_approved
        && let Some(next) = f.next_review
    {
        if today > next {
            return DocStatus::Overdue;
        }
        if (next - today).num_days() <= DUE_WINDOW_DAYS {
            return DocStatus::DueForReview;
        }
    }
    if f.latest_approved {
        DocStatus::Approved
    } else {
        DocStatus::InReview
    }
}

/// The next review date: `months` after `approved_on` (clamped to the month's end).
pub fn next_review_date(approved_on: NaiveDate, months: u32) -> NaiveDate {
    approved_on
        .checked_add_months(Months::new(months))
        .unwrap_or(approved_on)
}

/// A version number: `major.minor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub struct VersionNumber {
    /// Major number: 1 for the first issue, raised for a substantial revision.
    pub major: u32,
    /// Minor number: raised for each other revision, reset to 0 by a major one.
    pub minor: u32,
}

impl VersionNumber {
    /// The first issue, 1.0.
    pub const FIRST: VersionNumber = VersionNumber { major: 1, minor: 0 };

    /// Parses `"1.2"`.
    pub fn parse(s: &str) -> Option<Self> {
        let (a, b) = s.trim().split_once('.')?;
        Some(Self {
            major: a.parse().ok()?,
            minor: b.parse().ok()?,
        })
    }
}

impl fmt::Display for VersionNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// The number the next issued version gets: 1.0 first; then `major.minor + 1`, or
/// `major + 1 .0` when the author marks the revision as major.
pub fn next_version(latest: Option<VersionNumber>, major: bool) -> VersionNumber {
    match latest {
        None => VersionNumber::FIRST,
        Some(v) if major => VersionNumber {
            major: v.major + 1,
            minor: 0,
        },
        Some(v) => VersionNumber {
            major: v.major,
            minor: v.minor + 1,
        },
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn version_numbers() {
        let v1 = next_version(None, false);
        assert_eq!(v1.to_string(), "1.0");
        assert_eq!(next_version(None, true).to_string(), "1.0");
        let v11 = next_version(Some(v1), false);
        assert_eq!(v11.to_string(), "1.1");
        let v12 = next_version(Some(v11), false);
        assert_eq!(v12.to_string(), "1.2");
        let v2 = next_version(Some(v12), true);
        assert_eq!(v2.to_string(), "2.0");
        assert_eq!(
            VersionNumber::parse("2.10"),
            Some(VersionNumber {
                major: 2,
                minor: 10
            })
        );
        assert!(VersionNumber::parse("2").is_none());
        assert!(
            VersionNumber {
                major: 1,
                minor: 10
            } > VersionNumber { major: 1, minor: 9 }
        );
    }

    #[test]
    fn status_rules() {
        let today = d(2026, 6, 1);
        let s = |f: StatusFacts| status(f, today);
        assert_eq!(s(StatusFacts::default()), DocStatus::Missing);
        let draft = StatusFacts {
            has_draft: true,
            ..StatusFacts::default()
        };
        assert_eq!(s(draft), DocStatus::Draft);
        let review = StatusFacts { issued: 1, ..draft };
        assert_eq!(s(review), DocStatus::InReview);
        let approved = StatusFacts {
            issued: 1,
            latest_approved: true,
            any_approved: true,
            next_review: Some(d(2027, 6, 1)),
            ..StatusFacts::default()
        };
        assert_eq!(s(approved), DocStatus::Approved);
        let due = StatusFacts {
            next_review: Some(d(2026, 6, 20)),
            ..approved
        };
        assert_eq!(s(due), DocStatus::DueForReview);
        let due_today = StatusFacts {
            next_review: Some(today),
            ..approved
        };
        assert_eq!(s(due_today), DocStatus::DueForReview);
        let overdue = StatusFacts {
            next_review: Some(d(2026, 5, 31)),
            ..approved
        };
        assert_eq!(s(overdue), DocStatus::Overdue);
        // A revision waiting for approval does not hide an overdue review…
        let revising = StatusFacts {
            issued: 2,
            latest_approved: false,
            ..overdue
        };
        assert_eq!(s(revising), DocStatus::Overdue);
        // …but is "in review" while the review date is far.
        let revising = StatusFacts {
            issued: 2,
            latest_approved: false,
            ..approved
        };
        assert_eq!(s(revising), DocStatus::InReview);
    }

    #[test]
    fn next_review_adds_months() {
        assert_eq!(next_review_date(d(2026, 1, 31), 1), d(2026, 2, 28));
        assert_eq!(next_review_date(d(2026, 3, 15), 12), d(2027, 3, 15));
    }
}
