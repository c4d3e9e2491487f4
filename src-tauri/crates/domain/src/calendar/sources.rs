//! Where the calendar's series come from: the recurring duties of the duty list, and the
//! project's own dates (document review dates, evidence review and expiry dates, supplier
//! reviews and contract notice dates). Each builder is a pure function of stored facts.

use chrono::NaiveDate;

use super::{CompletionRef, OccurrenceKind, Schedule, Series, occurrence_id};
use crate::assessment::Evidence;
use crate::content::Library;
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
    /// Months between occurrences.
    pub every_months: u32,
    /// The first due date.
    pub anchor: NaiveDate,
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
            schedule: Schedule::Every {
                anchor: d.anchor,
                months: d.every_months.max(1),
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
