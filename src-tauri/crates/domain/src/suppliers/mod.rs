//! Suppliers and agreements (8.3.4, 8.3.4.1, 8.3.4.2), built on the wizard's other parties
//! ([`crate::wizard::OtherParty`]): each party's agreement (contract reference, dates, agreed
//! service levels, contacts), its performance reviews and disputes, and an explicit "none"
//! for a kind of supplier the firm does not have.
//!
//! The rules ([`findings`]) say when a review is overdue, a notice date is near or has
//! passed, and when a kind of supplier has neither an entry nor a recorded "none".

#[cfg(test)]
mod tests;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::add_months;
use crate::error::Refusal;
use crate::wizard::{OtherParty, OtherPartyKind};

/// The clause supplier findings belong to.
pub const CLAUSE: &str = "8.3.4";

/// Days before a contract's notice date from which it counts as approaching.
pub const NOTICE_WINDOW_DAYS: u64 = 60;

/// Months between supplier reviews unless the agreement says otherwise.
pub const DEFAULT_REVIEW_MONTHS: u32 = 12;

/// A contact at the supplier (or at the firm, for an internal supplier).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Contact {
    /// Name.
    pub name: String,
    /// What they do for us ("account manager", "escalation").
    #[serde(default)]
    pub role: String,
    /// E-mail.
    #[serde(default)]
    pub email: String,
    /// Telephone.
    #[serde(default)]
    pub phone: String,
}

/// The agreement with one other party (8.3.4.1: a contract; 8.3.4.2: an internal agreement).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Agreement {
    /// Row id (0 for a new agreement).
    pub id: i64,
    /// The other party it is with (one agreement per party).
    pub party_id: i64,
    /// The contract or agreement reference.
    pub contract_ref: String,
    /// Start date, `YYYY-MM-DD`.
    pub start_on: Option<String>,
    /// End date, `YYYY-MM-DD` (none: open-ended).
    pub end_on: Option<String>,
    /// The last day to give notice, `YYYY-MM-DD`.
    pub notice_on: Option<String>,
    /// The service levels agreed with them, in plain words.
    pub service_levels: String,
    /// Contacts.
    pub contacts: Vec<Contact>,
    /// Months between performance reviews (1–36).
    pub review_months: u32,
    /// Anything else.
    pub notes: String,
}

/// A performance review of a supplier (8.3.4.1: performance against the agreement).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SupplierReview {
    /// Row id (0 for a new review).
    pub id: i64,
    /// The other party reviewed.
    pub party_id: i64,
    /// When, `YYYY-MM-DD`.
    pub reviewed_on: String,
    /// Overall rating, 1 (poor) to 5 (excellent).
    pub rating: u8,
    /// Issues found, in plain words.
    pub issues: String,
    /// Ids of the actions raised (in the one action register).
    pub action_ids: Vec<i64>,
    /// Who reviewed (person id).
    pub reviewer_id: Option<i64>,
}

/// Whether a dispute is still open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DisputeStatus {
    /// Still being worked out.
    #[default]
    Open,
    /// Settled.
    Resolved,
}

impl DisputeStatus {
    /// Stable text id.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Resolved => "resolved",
        }
    }

    /// Parses [`DisputeStatus::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "open" => Some(Self::Open),
            "resolved" => Some(Self::Resolved),
            _ => None,
        }
    }
}

/// A contractual dispute with a supplier (8.3.4.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Dispute {
    /// Row id (0 for a new dispute).
    pub id: i64,
    /// The other party.
    pub party_id: i64,
    /// When it was raised, `YYYY-MM-DD`.
    pub opened_on: String,
    /// What it is about.
    pub description: String,
    /// Open or resolved.
    pub status: DisputeStatus,
    /// When it was settled, `YYYY-MM-DD` (resolved disputes).
    pub resolved_on: Option<String>,
    /// How it was settled.
    pub resolution: String,
}

/// The firm's explicit statement that it has no party of one kind ("we use no internal
/// suppliers"), so an empty list is a decision, not a gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NoneRecorded {
    /// The kind there is none of.
    pub kind: OtherPartyKind,
    /// Why, in a sentence.
    pub note: String,
    /// When it was recorded (RFC 3339).
    pub recorded_at: String,
}

/// Everything the supplier register holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SupplierRegister {
    /// The wizard's other parties.
    pub parties: Vec<OtherParty>,
    /// Agreements (at most one per party).
    pub agreements: Vec<Agreement>,
    /// Reviews, oldest first.
    pub reviews: Vec<SupplierReview>,
    /// Disputes, oldest first.
    pub disputes: Vec<Dispute>,
    /// Kinds recorded as "none".
    pub nones: Vec<NoneRecorded>,
}

/// What a supplier rule found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SupplierFindingCode {
    /// The next performance review date has passed.
    ReviewOverdue,
    /// The contract's notice date is within [`NOTICE_WINDOW_DAYS`].
    NoticeApproaching,
    /// The notice date passed while the contract still runs.
    NoticePassed,
    /// An external or internal supplier without an agreement.
    NoAgreement,
    /// A kind of other party with neither an entry nor a recorded "none".
    KindUnrecorded,
    /// A dispute is open.
    DisputeOpen,
}

/// A rule's finding, with a message saying what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SupplierFinding {
    /// What.
    pub code: SupplierFindingCode,
    /// The party it is about (`None` for a kind as a whole).
    pub party_id: Option<i64>,
    /// The clause it belongs to.
    pub clause: String,
    /// What is wrong and what to do.
    pub message: String,
}

/// Why a supplier entry was refused: a [`Refusal`] with the code `bad_date`,
/// `dates_out_of_order`, `review_months_out_of_range`, `rating_out_of_range`, `name_required`,
/// `description_required` or `resolution_required`.
pub type SupplierProblem = Refusal;

fn problem(code: &'static str, message: impl Into<String>) -> Refusal {
    Refusal::new(code, message)
}

/// Parses an optional `YYYY-MM-DD` field (blank is `None`).
pub fn parse_date(value: Option<&str>, field: &str) -> Result<Option<NaiveDate>, SupplierProblem> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .ok()
            .filter(|_| v.len() == 10)
            .map(Some)
            .ok_or_else(|| problem("bad_date", format!("Enter the {field} as YYYY-MM-DD."))),
    }
}

/// Checks an agreement before it is stored.
pub fn check_agreement(a: &Agreement) -> Result<(), SupplierProblem> {
    let start = parse_date(a.start_on.as_deref(), "start date")?;
    let end = parse_date(a.end_on.as_deref(), "end date")?;
    let notice = parse_date(a.notice_on.as_deref(), "notice date")?;
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        return Err(problem(
            "dates_out_of_order",
            "The end date is before the start date.",
        ));
    }
    if let (Some(n), Some(e)) = (notice, end)
        && n > e
    {
        return Err(problem(
            "dates_out_of_order",
            "The notice date is after the end date; notice must be given before the contract ends.",
        ));
    }
    if !(1..=36).contains(&a.review_months) {
        return Err(problem(
            "review_months_out_of_range",
            "Review the supplier every 1 to 36 months.",
        ));
    }
    if a.contacts.iter().any(|c| c.name.trim().is_empty()) {
        return Err(problem("name_required", "Give every contact a name."));
    }
    Ok(())
}

/// Checks a review before it is stored.
pub fn check_review(r: &SupplierReview) -> Result<(), SupplierProblem> {
    if parse_date(Some(&r.reviewed_on), "review date")?.is_none() {
        return Err(problem("bad_date", "Enter the review date as YYYY-MM-DD."));
    }
    if !(1..=5).contains(&r.rating) {
        return Err(problem(
            "rating_out_of_range",
            "Rate the supplier from 1 (poor) to 5 (excellent).",
        ));
    }
    Ok(())
}

/// Checks a dispute before it is stored.
pub fn check_dispute(d: &Dispute) -> Result<(), SupplierProblem> {
    let opened = parse_date(Some(&d.opened_on), "date raised")?
        .ok_or_else(|| problem("bad_date", "Enter the date raised as YYYY-MM-DD."))?;
    if d.description.trim().is_empty() {
        return Err(problem(
            "description_required",
            "Say what the dispute is about.",
        ));
    }
    let resolved = parse_date(d.resolved_on.as_deref(), "date resolved")?;
    if d.status == DisputeStatus::Resolved {
        match resolved {
            None => {
                return Err(problem(
                    "resolution_required",
                    "Give the date the dispute was resolved.",
                ));
            }
            Some(r) if r < opened => {
                return Err(problem(
                    "dates_out_of_order",
                    "The dispute cannot be resolved before it was raised.",
                ));
            }
            Some(_) => {}
        }
        if d.resolution.trim().is_empty() {
            return Err(problem(
                "resolution_required",
                "Say how the dispute was resolved.",
            ));
        }
    }
    Ok(())
}

/// The date of the party's latest review, if any.
pub fn last_review(reviews: &[SupplierReview], party_id: i64) -> Option<NaiveDate> {
    reviews
        .iter()
        .filter(|r| r.party_id == party_id)
        .filter_map(|r| parse_date(Some(&r.reviewed_on), "").ok().flatten())
        .max()
}

/// When the party's next review is due: the latest review plus the agreement's interval; never
/// reviewed, the start date plus the interval; with neither, `None` (due now).
pub fn next_review(agreement: &Agreement, reviews: &[SupplierReview]) -> Option<NaiveDate> {
    let months = if agreement.review_months == 0 {
        DEFAULT_REVIEW_MONTHS
    } else {
        agreement.review_months
    };
    let base = last_review(reviews, agreement.party_id)
        .or_else(|| parse_date(agreement.start_on.as_deref(), "").ok().flatten())?;
    add_months(base, months)
}

/// The supplier rules on `today`: reviews overdue, notice dates approaching or passed,
/// suppliers without an agreement, kinds neither entered nor recorded as "none", open
/// disputes. In party order, then by code.
pub fn findings(reg: &SupplierRegister, today: NaiveDate) -> Vec<SupplierFinding> {
    let mut out = Vec::new();
    for kind in [
        OtherPartyKind::ExternalSupplier,
        OtherPartyKind::InternalSupplier,
        OtherPartyKind::Customer,
    ] {
        let any = reg.parties.iter().any(|p| p.kind == kind);
        let none = reg.nones.iter().any(|n| n.kind == kind);
        if !any && !none {
            out.push(SupplierFinding {
                code: SupplierFindingCode::KindUnrecorded,
                party_id: None,
                clause: CLAUSE.into(),
                message: format!(
                    "No {} is listed. Add them, or record that there are none.",
                    kind.label()
                ),
            });
        }
    }
    for p in &reg.parties {
        let mut found = Vec::new();
        let agreement = reg.agreements.iter().find(|a| a.party_id == p.id);
        match agreement {
            None => {
                if p.kind != OtherPartyKind::Customer {
                    found.push((
                        SupplierFindingCode::NoAgreement,
                        format!(
                            "{} has no agreement recorded. Record the contract or internal \
                             agreement and the service levels agreed.",
                            p.name
                        ),
                    ));
                }
            }
            Some(a) => {
                let next = next_review(a, &reg.reviews);
                let overdue = match next {
                    Some(d) => d < today,
                    None => true,
                };
                if overdue {
                    found.push((
                        SupplierFindingCode::ReviewOverdue,
                        match next {
                            Some(d) => format!(
                                "The review of {} was due on {d}. Review their performance \
                                 against the agreement and record it.",
                                p.name
                            ),
                            None => format!(
                                "{} has never been reviewed. Review their performance against \
                                 the agreement and record it.",
                                p.name
                            ),
                        },
                    ));
                }
                let notice = parse_date(a.notice_on.as_deref(), "").ok().flatten();
                let end = parse_date(a.end_on.as_deref(), "").ok().flatten();
                if let Some(n) = notice {
                    let window_start = n.checked_sub_days(Days::new(NOTICE_WINDOW_DAYS));
                    if n < today && end.is_none_or(|e| e >= today) {
                        found.push((
                            SupplierFindingCode::NoticePassed,
                            format!(
                                "The notice date of the contract with {} passed on {n}; the \
                                 contract now runs on as agreed.",
                                p.name
                            ),
                        ));
                    } else if n >= today && window_start.is_some_and(|w| w <= today) {
                        found.push((
                            SupplierFindingCode::NoticeApproaching,
                            format!(
                                "Notice on the contract with {} must be given by {n}. Decide \
                                 whether to renew, renegotiate or end it.",
                                p.name
                            ),
                        ));
                    }
                }
            }
        }
        if reg
            .disputes
            .iter()
            .any(|d| d.party_id == p.id && d.status == DisputeStatus::Open)
        {
            found.push((
                SupplierFindingCode::DisputeOpen,
                format!("A dispute with {} is open.", p.name),
            ));
        }
        found.sort_by_key(|(c, _)| *c);
        out.extend(found.into_iter().map(|(code, message)| SupplierFinding {
            code,
            party_id: Some(p.id),
            clause: CLAUSE.into(),
            message,
        }));
    }
    out
}
