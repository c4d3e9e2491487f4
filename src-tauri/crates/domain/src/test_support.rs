//! Small constructors and readers the unit tests of several modules share.

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;

use crate::assessment::{Evidence, EvidenceKind};
use crate::wizard::types::{Issue, IssueCode, StepId};

/// A `YYYY-MM-DD` date.
pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The day the wizard's tests judge a project on (2026-01-10).
pub fn wizard_today() -> NaiveDate {
    d("2026-01-10")
}

/// Evidence `id` titled `title`, kept at `location`, added at `added_at` (RFC 3339), linked to
/// `questions`, with no review or expiry date.
pub fn location_evidence(
    id: i64,
    title: &str,
    location: &str,
    added_at: &str,
    questions: &[&str],
) -> Evidence {
    Evidence {
        id,
        kind: EvidenceKind::Location,
        title: title.into(),
        file_name: None,
        size: None,
        sha256: None,
        document_id: None,
        document_version: None,
        location: Some(location.into()),
        added_at: added_at.into(),
        expires_on: None,
        review_on: None,
        questions: questions.iter().map(|q| (*q).to_owned()).collect(),
    }
}

/// The codes of the wizard issues of `step`, in order.
pub fn codes(issues: &[Issue], step: StepId) -> Vec<IssueCode> {
    issues
        .iter()
        .filter(|i| i.step == step)
        .map(|i| i.code)
        .collect()
}
