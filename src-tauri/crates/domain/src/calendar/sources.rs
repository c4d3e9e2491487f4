//! Where the calendar's series come from: the recurring duties of the duty list, and the
//! project's own dates (document review dates, evidence review and expiry dates, supplier
//! reviews and contract notice dates). Each builder is a pure function of stored facts.

use chrono::{Days, NaiveDate};

use super::{CompletionRef, OccurrenceKind, Schedule, Series, add_months, occurrence_id};
use crate::assessment::Evidence;
use crate::content::{Duty, Frequency, Library, SizeBand};
use crate::documents::DocRecord;
use crate::suppliers::{self, Agreement, SupplierReview};
use crate::wizard::OtherParty;

/// The clause of document control, used where nothing more specific is known.
const DOCUMENTED_INFORMATION: &str = "7.5";

/// A recurring duty as the calendar schedules it: the duty list's entry with the project's
/// choices applied (frequency for the firm's size, anchor date, owner).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DutyPlan {
    /// Duty id from the duty list (`DUTY-…`).
    pub id: String,
    /// What is to be done.
    pub title: String,
    /// The clause it serves.
    pub clause: String,
    /// Who does it (names), empty when nobody holds the owner role.
    pub owner: String,
    /// How often.
    pub frequency: Frequency,
    /// The first due date.
    pub anchor: NaiveDate,
}

/// The project's choices for one duty of the duty list (all optional).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DutyChoice {
    /// Duty id.
    pub duty_id: String,
    /// The first due date, instead of one interval after the calendar's start.
    pub anchor: Option<NaiveDate>,
    /// A frequency other than the default for the firm's size.
    pub frequency: Option<Frequency>,
    /// The person who does it (name), instead of the holders of the duty's owner role.
    pub owner: Option<String>,
    /// `false`: the duty does not apply to this firm.
    pub active: bool,
}

/// The first due date of a duty done `frequency` when the calendar starts on `start`: one
/// interval after the start (the firm has just started; the first one falls due after a
/// period, not on day one).
pub fn default_anchor(start: NaiveDate, frequency: Frequency) -> NaiveDate {
    match frequency.months() {
        0 => start.checked_add_days(Days::new(7)).unwrap_or(start),
        m => add_months(start, m).unwrap_or(start),
    }
}

/// Plans every duty of the duty list for a firm of `headcount` people whose calendar starts on
/// `start`: the frequency of its size band unless chosen otherwise, the default anchor unless
/// chosen otherwise, the holders of the owner role (named by `owner_of_role`) unless a person
/// is chosen. Duties switched off are left out. In duty-list order.
pub fn duty_plans(
    duties: &[Duty],
    headcount: u32,
    start: NaiveDate,
    choices: &[DutyChoice],
    owner_of_role: &dyn Fn(&str) -> String,
) -> Vec<DutyPlan> {
    let band = SizeBand::of(headcount);
    duties
        .iter()
        .filter_map(|d| {
            let choice = choices.iter().find(|c| c.duty_id == d.id);
            if choice.is_some_and(|c| !c.active) {
                return None;
            }
            let frequency = choice
                .and_then(|c| c.frequency)
                .unwrap_or_else(|| d.frequency.get(band));
            Some(DutyPlan {
                id: d.id.clone(),
                title: d.duty.clone(),
                clause: d.clauses.first().cloned().unwrap_or_default(),
                owner: choice
                    .and_then(|c| c.owner.clone())
                    .unwrap_or_else(|| owner_of_role(&d.owner_role)),
                frequency,
                anchor: choice
                    .and_then(|c| c.anchor)
                    .unwrap_or_else(|| default_anchor(start, frequency)),
            })
        })
        .collect()
}

/// One series per planned duty, recurring from its anchor.
pub fn duty_series(plans: &[DutyPlan]) -> Vec<Series> {
    plans
        .iter()
        .map(|d| Series {
            id: d.id.clone(),
            duty_id: d.id.clone(),
            kind: OccurrenceKind::Duty,
            title: d.title.clone(),
            clause: d.clause.clone(),
            owner: d.owner.clone(),
            schedule: match d.frequency.months() {
                0 => Schedule::Weekly { anchor: d.anchor },
                months => Schedule::Every {
                    anchor: d.anchor,
                    months,
                },
            },
        })
        .collect()
}

/// The review series of every document with a next review date: due on that date and every
/// review interval after it. Approving a new version moves the date (the store sets it to the
/// approval date plus the interval), so the occurrences move with it. `owner_of_role` names
/// the holders of the document's owner role.
pub fn document_series(docs: &[DocRecord], owner_of_role: &dyn Fn(&str) -> String) -> Vec<Series> {
    docs.iter()
        .filter_map(|d| {
            let next = d.next_review_date.as_deref()?;
            let anchor = NaiveDate::parse_from_str(next.trim(), "%Y-%m-%d").ok()?;
            Some(Series {
                id: format!("doc-review:{}", d.key),
                duty_id: "document_review".into(),
                kind: OccurrenceKind::DocumentReview,
                title: format!("Review {} ({})", d.title, d.key),
                clause: if d.clause.trim().is_empty() {
                    DOCUMENTED_INFORMATION.into()
                } else {
                    d.clause.clone()
                },
                owner: owner_of_role(&d.owner_role),
                schedule: Schedule::Every {
                    anchor,
                    months: d.review_months.max(1),
                },
            })
        })
        .collect()
}

/// The clause a piece of evidence serves: that of its first question in the library.
fn evidence_clause(e: &Evidence, lib: Option<&Library>) -> String {
    e.questions
        .iter()
        .find_map(|q| {
            lib?.questions
                .iter()
                .find(|x| &x.id == q)
                .map(|x| x.clause.clone())
        })
        .unwrap_or_else(|| DOCUMENTED_INFORMATION.into())
}

/// One-off occurrences for evidence: its review date ("check it is still current") and its
/// expiry date ("renew it"). `owner` is who looks after evidence.
pub fn evidence_series(evidence: &[Evidence], lib: Option<&Library>, owner: &str) -> Vec<Series> {
    let mut out = Vec::new();
    for e in evidence {
        let clause = evidence_clause(e, lib);
        let dated = [
            (
                e.review_on.as_deref(),
                OccurrenceKind::EvidenceReview,
                "evidence-review",
                format!("Check evidence is still current: {}", e.title),
            ),
            (
                e.expires_on.as_deref(),
                OccurrenceKind::EvidenceExpiry,
                "evidence-expiry",
                format!("Renew evidence before it expires: {}", e.title),
            ),
        ];
        for (date, kind, prefix, title) in dated {
            let Some(on) = date.and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
            else {
                continue;
            };
            out.push(Series {
                id: format!("{prefix}:{}", e.id),
                duty_id: kind.as_str().into(),
                kind,
                title,
                clause: clause.clone(),
                owner: owner.to_owned(),
                schedule: Schedule::Once { on },
            });
        }
    }
    out
}

/// Supplier series: for every party with an agreement, its reviews so far (each one done,
/// with the review as its record), the next review (due the interval after the latest review,
/// or after the start date; due at once when there is neither) recurring from there, and the
/// contract notice date. Returns the series and the completions of past reviews.
pub fn supplier_series(
    parties: &[OtherParty],
    agreements: &[Agreement],
    reviews: &[SupplierReview],
    owner: &str,
    today: NaiveDate,
) -> (Vec<Series>, Vec<CompletionRef>) {
    let mut series = Vec::new();
    let mut done = Vec::new();
    for a in agreements {
        let Some(p) = parties.iter().find(|p| p.id == a.party_id) else {
            continue;
        };
        let id = format!("supplier-review:{}", p.id);
        let title = format!("Review supplier performance: {}", p.name);
        let mut past: Vec<(NaiveDate, i64)> = reviews
            .iter()
            .filter(|r| r.party_id == p.id)
            .filter_map(|r| {
                NaiveDate::parse_from_str(r.reviewed_on.trim(), "%Y-%m-%d")
                    .ok()
                    .map(|d| (d, r.id))
            })
            .collect();
        past.sort();
        past.dedup_by_key(|(d, _)| *d);
        for (on, review_id) in &past {
            series.push(Series {
                id: id.clone(),
                duty_id: OccurrenceKind::SupplierReview.as_str().into(),
                kind: OccurrenceKind::SupplierReview,
                title: title.clone(),
                clause: suppliers::CLAUSE.into(),
                owner: owner.to_owned(),
                schedule: Schedule::Once { on: *on },
            });
            done.push(CompletionRef {
                occurrence_id: occurrence_id(&id, *on),
                done_on: *on,
                record: format!("Supplier review {review_id}"),
            });
        }
        let months = if a.review_months == 0 {
            suppliers::DEFAULT_REVIEW_MONTHS
        } else {
            a.review_months
        };
        let anchor = suppliers::next_review(a, reviews).unwrap_or(today);
        series.push(Series {
            id: id.clone(),
            duty_id: OccurrenceKind::SupplierReview.as_str().into(),
            kind: OccurrenceKind::SupplierReview,
            title,
            clause: suppliers::CLAUSE.into(),
            owner: owner.to_owned(),
            schedule: Schedule::Every { anchor, months },
        });
        if let Ok(Some(on)) = suppliers::parse_date(a.notice_on.as_deref(), "") {
            let contract = if a.contract_ref.trim().is_empty() {
                String::new()
            } else {
                format!(" ({})", a.contract_ref.trim())
            };
            series.push(Series {
                id: format!("notice:{}", a.id),
                duty_id: OccurrenceKind::ContractNotice.as_str().into(),
                kind: OccurrenceKind::ContractNotice,
                title: format!(
                    "Notice date of the contract with {}{contract}: renew, renegotiate or end it",
                    p.name
                ),
                clause: suppliers::CLAUSE.into(),
                owner: owner.to_owned(),
                schedule: Schedule::Once { on },
            });
        }
    }
    (series, done)
}
