//! What the register screens (risks, suppliers, the SMS calendar) receive over IPC: the
//! registers' own views plus the names the screens need to show and pick (people, sources,
//! actions), and the reminder shown on opening a project.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assessment::Action;
use crate::calendar::{CalendarFinding, CalendarOverview, Occurrence, OccurrenceStatus};
pub use crate::documents::PersonRef;
use crate::risks::{RiskRegisterView, SourceKind};
use crate::suppliers::{
    Agreement, Dispute, NoneRecorded, SupplierFinding, SupplierRegister, SupplierReview,
    last_review, next_review,
};
use crate::wizard::{OtherParty, OtherPartyKind, WizardData};

/// The firm's current people, in wizard order.
pub fn people(data: &WizardData) -> Vec<PersonRef> {
    data.people
        .iter()
        .map(|p| PersonRef {
            id: p.id,
            name: p.name.clone(),
        })
        .collect()
}

/// A source a risk can come from, with the words the screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SourceOption {
    /// The kind of source.
    pub kind: SourceKind,
    /// Its row (issue, party, service, supplier), `None` for climate and other.
    pub id: Option<i64>,
    /// What the screen shows, e.g. "Issue: key knowledge sits with two engineers".
    pub label: String,
}

/// Every source a risk can name: the wizard's issues, interested parties, services and
/// suppliers, then climate and "other".
pub fn risk_sources(data: &WizardData) -> Vec<SourceOption> {
    let mut out = Vec::new();
    let mut push = |kind, id, label: String| out.push(SourceOption { kind, id, label });
    for i in &data.issues {
        push(
            SourceKind::ContextIssue,
            Some(i.id),
            format!("Issue: {}", i.text),
        );
    }
    for p in &data.parties {
        push(
            SourceKind::InterestedParty,
            Some(p.id),
            format!("Interested party: {}", p.name),
        );
    }
    for s in &data.services {
        push(
            SourceKind::Service,
            Some(s.id),
            format!("Service: {}", s.name),
        );
    }
    for o in &data.other_parties {
        push(
            SourceKind::Supplier,
            Some(o.id),
            format!("Supplier: {}", o.name),
        );
    }
    push(SourceKind::Climate, None, "Climate change".into());
    push(
        SourceKind::Other,
        None,
        "Other (workshop, audit, incident)".into(),
    );
    out
}

/// Everything the risk register screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RiskScreen {
    /// Criteria, entries, suggestions, heat maps and findings.
    pub register: RiskRegisterView,
    /// Who can own an entry.
    pub people: Vec<PersonRef>,
    /// Where an entry can come from.
    pub sources: Vec<SourceOption>,
    /// The one action register (treatment actions are linked by id).
    pub actions: Vec<Action>,
}

/// One party of the supplier register with everything recorded about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SupplierRow {
    /// The wizard's other party.
    pub party: OtherParty,
    /// Its agreement, if recorded.
    pub agreement: Option<Agreement>,
    /// Its performance reviews, oldest first.
    pub reviews: Vec<SupplierReview>,
    /// Its disputes, oldest first.
    pub disputes: Vec<Dispute>,
    /// The latest review, `YYYY-MM-DD`.
    pub last_review: Option<String>,
    /// When the next review is due (`None`: no agreement, or due now).
    pub next_review: Option<String>,
}

/// A kind of supplier with the state of its register: parties listed, "none" recorded, or
/// neither yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SupplierKindState {
    /// The kind.
    pub kind: OtherPartyKind,
    /// Its words ("external supplier", ...).
    pub label: String,
    /// Parties of this kind listed.
    pub listed: u32,
    /// The recorded "none", if any.
    pub none: Option<NoneRecorded>,
}

/// Everything the supplier register screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SupplierScreen {
    /// One row per party, in the wizard's order.
    pub rows: Vec<SupplierRow>,
    /// Each kind of supplier with its "none".
    pub kinds: Vec<SupplierKindState>,
    /// What the rules found today.
    pub findings: Vec<SupplierFinding>,
    /// Who can review.
    pub people: Vec<PersonRef>,
    /// The one action register (review follow-ups are linked by id).
    pub actions: Vec<Action>,
}

/// Builds the supplier screen from the register.
pub fn supplier_screen(
    reg: SupplierRegister,
    findings: Vec<SupplierFinding>,
    people: Vec<PersonRef>,
    actions: Vec<Action>,
) -> SupplierScreen {
    let rows = reg
        .parties
        .iter()
        .map(|p| {
            let agreement = reg.agreements.iter().find(|a| a.party_id == p.id).cloned();
            let next = agreement
                .as_ref()
                .and_then(|a| next_review(a, &reg.reviews))
                .map(|d| d.to_string());
            SupplierRow {
                party: p.clone(),
                reviews: reg
                    .reviews
                    .iter()
                    .filter(|r| r.party_id == p.id)
                    .cloned()
                    .collect(),
                disputes: reg
                    .disputes
                    .iter()
                    .filter(|d| d.party_id == p.id)
                    .cloned()
                    .collect(),
                last_review: last_review(&reg.reviews, p.id).map(|d| d.to_string()),
                next_review: next,
                agreement,
            }
        })
        .collect();
    let kinds = [
        OtherPartyKind::ExternalSupplier,
        OtherPartyKind::InternalSupplier,
        OtherPartyKind::Customer,
    ]
    .into_iter()
    .map(|kind| SupplierKindState {
        kind,
        label: kind.label().to_owned(),
        listed: reg.parties.iter().filter(|p| p.kind == kind).count() as u32,
        none: reg.nones.iter().find(|n| n.kind == kind).cloned(),
    })
    .collect();
    SupplierScreen {
        rows,
        kinds,
        findings,
        people,
        actions,
    }
}

/// What the reminder on opening a project says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarReminder {
    /// Occurrences not done whose date has passed.
    pub overdue: u32,
    /// Occurrences not done, due from today to the end of this week (Sunday).
    pub due_this_week: u32,
}

/// Counts overdue occurrences and those due by the end of `today`'s week (Monday to Sunday).
pub fn reminder(occurrences: &[Occurrence], today: NaiveDate) -> CalendarReminder {
    let to_sunday = u64::from(6 - today.weekday().num_days_from_monday());
    let end = today
        .checked_add_days(Days::new(to_sunday))
        .unwrap_or(today);
    let mut r = CalendarReminder::default();
    for o in occurrences {
        match o.status {
            OccurrenceStatus::Overdue => r.overdue += 1,
            OccurrenceStatus::Due if o.due <= end => r.due_this_week += 1,
            _ => {}
        }
    }
    r
}

/// Everything the calendar screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarScreen {
    /// The firm's local date, `YYYY-MM-DD`.
    pub today: String,
    /// The firm's time zone.
    pub time_zone: String,
    /// First day shown, `YYYY-MM-DD`.
    pub from: String,
    /// First day no longer shown, `YYYY-MM-DD`.
    pub until: String,
    /// Occurrences due in the window and earlier ones still outstanding.
    pub occurrences: Vec<Occurrence>,
    /// This month, next month, overdue.
    pub overview: CalendarOverview,
    /// The reminder: overdue and due this week.
    pub reminder: CalendarReminder,
    /// Every overdue occurrence as a finding for its clause.
    pub findings: Vec<CalendarFinding>,
    /// Who can be named as having done a duty.
    pub people: Vec<PersonRef>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::OccurrenceKind;

    fn occ(due: &str, status: OccurrenceStatus) -> Occurrence {
        Occurrence {
            id: format!("x@{due}"),
            duty_id: "x".into(),
            kind: OccurrenceKind::Duty,
            title: "x".into(),
            clause: "8.7.1".into(),
            owner: String::new(),
            due: NaiveDate::parse_from_str(due, "%Y-%m-%d").unwrap(),
            status,
            completion: None,
        }
    }

    #[test]
    fn reminder_counts_overdue_and_this_week_up_to_sunday() {
        // 2026-12-09 is a Wednesday; its week ends on Sunday 2026-12-13.
        let today = NaiveDate::from_ymd_opt(2026, 12, 9).unwrap();
        let list = [
            occ("2026-12-01", OccurrenceStatus::Overdue),
            occ("2026-12-09", OccurrenceStatus::Due),
            occ("2026-12-13", OccurrenceStatus::Due),
            occ("2026-12-14", OccurrenceStatus::Due),
            occ("2026-12-10", OccurrenceStatus::Done),
        ];
        assert_eq!(
            reminder(&list, today),
            CalendarReminder {
                overdue: 1,
                due_this_week: 2
            }
        );
        // On a Sunday the week ends today.
        let sunday = NaiveDate::from_ymd_opt(2026, 12, 13).unwrap();
        assert_eq!(reminder(&list[2..4], sunday).due_this_week, 1);
    }
}
