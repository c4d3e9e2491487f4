//! The demo firm's registers: a risk register (every suggestion from the setup wizard plus the
//! firm's own entries: about fifteen risks and three opportunities, rated, treated and owned),
//! its suppliers' agreements with one performance review each ([`fill_registers`]), and a
//! calendar whose past duties were done with a record attached, except one restore test left
//! overdue ([`fill_calendar`]).

use ready20k_domain::assessment::{Action, ActionSource, ActionStatus};
use ready20k_domain::calendar::OccurrenceStatus;
use ready20k_domain::risks::{Rating, Risk, RiskKind, RiskStatus, SourceKind, Treatment};
use ready20k_domain::suppliers::{Agreement, Contact, SupplierReview};
use ready20k_domain::wizard::OtherPartyKind;

use super::Timeline;
use crate::register_error::RegisterError;
use crate::{Project, Result, StoreError, assessment, calendar, risks, suppliers, wizard};

fn reg_err(e: RegisterError) -> StoreError {
    match e {
        RegisterError::Store(e) => e,
        other => StoreError::Invalid(format!("demo registers: {} ({})", other, other.code())),
    }
}

/// The duty left overdue on purpose (the reminder and the Overview show it).
const OVERDUE_DUTY: &str = "DUTY-RESTORE-TEST";

pub(super) fn fill_registers(p: &mut Project, t: &Timeline) -> Result<()> {
    let people = People::load(p)?;
    fill_risks(p, t, &people)?;
    fill_suppliers(p, t, &people)
}

/// Marks every past duty done with a record except one restore test; runs last, once every
/// other register (audits, reviews, evidence) has put its dates in the calendar.
pub(super) fn fill_calendar(p: &mut Project, t: &Timeline) -> Result<()> {
    let people = People::load(p)?;
    complete_past_duties(p, t, &people)
}

/// The wizard's people (their ids, as the wizard lists them), taken in turn as owners and
/// reviewers.
struct People(Vec<i64>);

impl People {
    fn load(p: &Project) -> Result<Self> {
        let people = wizard::load(p.conn())?.people;
        Ok(Self(people.iter().map(|x| x.id).collect()))
    }

    /// The `i`-th person, counting round (none when there is nobody).
    fn get(&self, i: usize) -> Option<i64> {
        self.0.get(i % self.0.len().max(1)).copied()
    }
}

fn action(p: &mut Project, title: &str, owner: Option<i64>, due: String) -> Result<i64> {
    let a = Action {
        owner_id: owner,
        due: Some(due),
        status: ActionStatus::InProgress,
        ..Action::new(ActionSource::Other, title)
    };
    Ok(assessment::actions::save_action(p, &a)?.id)
}

/// The firm's own entries besides the suggestions: (kind, title, description, source,
/// likelihood, impact, infosec).
const OWN: &[(RiskKind, &str, &str, SourceKind, u8, u8, bool)] = &[
    (
        RiskKind::Risk,
        "A phishing email compromises a staff account",
        "Staff handle many customer emails with attachments every day.",
        SourceKind::Other,
        3,
        4,
        true,
    ),
    (
        RiskKind::Risk,
        "Backups succeed but a restore fails when needed",
        "Backup jobs are checked daily, restores only on a schedule.",
        SourceKind::Other,
        2,
        5,
        false,
    ),
    (
        RiskKind::Risk,
        "A laptop with customer credentials is lost or stolen",
        "Engineers carry admin access to customer tenants on their laptops.",
        SourceKind::Other,
        3,
        4,
        true,
    ),
    (
        RiskKind::Risk,
        "Flooding or a storm closes the Bristol office",
        "The office is near the harbour; extreme weather is becoming more frequent.",
        SourceKind::Climate,
        2,
        3,
        false,
    ),
    (
        RiskKind::Risk,
        "A change to a customer tenant is made without approval",
        "Urgent fixes by phone sometimes bypass the change record.",
        SourceKind::Other,
        3,
        3,
        false,
    ),
    (
        RiskKind::Risk,
        "Monitoring alerts are missed out of hours",
        "The on-call rota has gaps during holidays.",
        SourceKind::Other,
        2,
        4,
        false,
    ),
    (
        RiskKind::Risk,
        "Licence counts drift from what customers use",
        "Microsoft 365 licences are reconciled by hand.",
        SourceKind::Other,
        3,
        2,
        false,
    ),
    (
        RiskKind::Risk,
        "A customer complaint is not escalated in time",
        "Complaints arrive through the service desk like any other ticket.",
        SourceKind::Other,
        2,
        3,
        false,
    ),
    (
        RiskKind::Opportunity,
        "Offer a certified managed service in tenders",
        "Certification opens tenders from legal practices that require it.",
        SourceKind::Other,
        4,
        4,
        false,
    ),
    (
        RiskKind::Opportunity,
        "Automate monthly service reports",
        "Reports are assembled by hand; the monitoring platform can produce them.",
        SourceKind::Other,
        4,
        2,
        false,
    ),
    (
        RiskKind::Opportunity,
        "Move hosted customers to a lower-energy region",
        "Customers ask about the energy use of hosted services.",
        SourceKind::Climate,
        3,
        2,
        false,
    ),
];

/// Target sizes of the demo register.
const RISKS: usize = 15;
const OPPORTUNITIES: usize = 3;

fn fill_risks(p: &mut Project, t: &Timeline, people: &People) -> Result<()> {
    t.go(80, 0);
    let today = t.now.date_naive();
    let suggestions = risks::view(p.conn(), today).map_err(reg_err)?.suggestions;
    let mut entries: Vec<Risk> = Vec::new();
    // One suggestion per interested party reads the same for each: keep the first only.
    let mut party_seen = false;
    for s in &suggestions {
        if s.source == SourceKind::InterestedParty {
            if party_seen {
                continue;
            }
            party_seen = true;
        }
        let limit = if s.kind == RiskKind::Risk {
            RISKS
        } else {
            OPPORTUNITIES
        };
        if entries.iter().filter(|r| r.kind == s.kind).count() < limit {
            entries.push(s.to_risk());
        }
    }
    for (kind, title, description, source, l, i, infosec) in OWN {
        let limit = if *kind == RiskKind::Risk {
            RISKS
        } else {
            OPPORTUNITIES
        };
        if entries.iter().filter(|r| r.kind == *kind).count() < limit {
            let rating = Rating {
                likelihood: *l,
                impact: *i,
            };
            entries.push(Risk {
                description: (*description).into(),
                infosec: *infosec,
                ..Risk::new(*kind, title, *source, rating)
            });
        }
    }
    let acceptance = risks::get_criteria(p.conn()).map_err(reg_err)?.acceptance;
    for (n, mut r) in entries.into_iter().enumerate() {
        let minute = i64::try_from(n).unwrap_or(0) * 5;
        t.go(80, minute);
        r.owner_id = people.get(n + 1);
        r.review_on = Some(t.date(30 + 15 * i64::try_from(n % 10).unwrap_or(0)));
        let score = r.inherent.score();
        if r.kind == RiskKind::Opportunity {
            r.treatment = Some(Treatment::Pursue);
            r.treatment_note =
                "Planned in the business plan; reviewed at management review.".into();
            r.status = RiskStatus::Treating;
            r.action_ids = vec![action(
                p,
                &format!("Pursue: {}", r.title),
                r.owner_id,
                t.date(60 + minute),
            )?];
        } else if score > acceptance {
            r.treatment = Some(Treatment::Reduce);
            r.treatment_note =
                "Controls added; the residual rating is within the acceptance level \
                                once the action is done."
                    .into();
            r.residual = Some(Rating {
                likelihood: r.inherent.likelihood.saturating_sub(1).max(1),
                impact: r.inherent.impact.saturating_sub(1).max(1),
            });
            r.status = if n % 3 == 0 {
                RiskStatus::Monitored
            } else {
                RiskStatus::Treating
            };
            r.action_ids = vec![action(
                p,
                &format!("Reduce: {}", r.title),
                r.owner_id,
                t.date(20 + minute),
            )?];
        } else {
            r.treatment = Some(Treatment::Accept);
            r.treatment_note = "Within the acceptance level; watched at each review.".into();
            r.residual = Some(r.inherent);
            r.status = RiskStatus::Monitored;
        }
        risks::save_risk(p, &r).map_err(reg_err)?;
    }
    Ok(())
}

fn fill_suppliers(p: &mut Project, t: &Timeline, people: &People) -> Result<()> {
    t.go(100, 0);
    let parties = suppliers::register(p.conn()).map_err(reg_err)?.parties;
    for (n, party) in parties.iter().enumerate() {
        let k = i64::try_from(n).unwrap_or(0);
        let slug: String = party
            .name
            .split_whitespace()
            .next()
            .unwrap_or("SUP")
            .to_ascii_uppercase();
        suppliers::save_agreement(
            p,
            &Agreement {
                id: 0,
                party_id: party.id,
                contract_ref: format!("NW-{slug}-{}", 2024 + k),
                start_on: Some(t.date(-500 - 90 * k)),
                end_on: Some(t.date(230 + 60 * k)),
                notice_on: Some(t.date(140 + 60 * k)),
                service_levels: if n == 0 {
                    "99.95 % monthly availability per region; P1 response 15 min; \
                     monthly service report"
                        .into()
                } else {
                    "Fault fix within 8 hours (business); 99.5 % availability; quarterly report"
                        .into()
                },
                contacts: vec![Contact {
                    name: if n == 0 {
                        "Hannah Greer"
                    } else {
                        "Olu Adeyemi"
                    }
                    .into(),
                    role: "Account manager".into(),
                    email: format!("accounts@{}.example", slug.to_ascii_lowercase()),
                    phone: "+44 117 496 0000".into(),
                }],
                review_months: 12,
                notes: String::new(),
            },
        )
        .map_err(reg_err)?;
        t.go(60 - 10 * k, 0);
        let follow_up = if n == 0 {
            vec![action(
                p,
                "Ask Stratus for the root-cause report of the August storage incident",
                people.get(1),
                t.date(10),
            )?]
        } else {
            Vec::new()
        };
        suppliers::save_review(
            p,
            &SupplierReview {
                id: 0,
                party_id: party.id,
                reviewed_on: t.date(-60 + 10 * k),
                rating: if n == 0 { 4 } else { 3 },
                issues: if n == 0 {
                    "One storage incident in August (2 h degraded); report received late.".into()
                } else {
                    "Two site outages over the fault-fix target; credits claimed.".into()
                },
                action_ids: follow_up,
                reviewer_id: people.get(1),
            },
        )
        .map_err(reg_err)?;
    }
    for (kind, note) in [
        (
            OtherPartyKind::InternalSupplier,
            "Northwind is a single company with no other group companies or departments that \
             supply it.",
        ),
        (
            OtherPartyKind::Customer,
            "No customer supplies anything used to deliver our services.",
        ),
    ] {
        if !parties.iter().any(|x| x.kind == kind) {
            suppliers::record_none(p, kind, note).map_err(reg_err)?;
        }
    }
    Ok(())
}

/// Completes every past occurrence with a small record file, on its due date, except the
/// latest overdue restore test.
fn complete_past_duties(p: &mut Project, t: &Timeline, people: &People) -> Result<()> {
    let view = calendar::calendar(p.conn(), t.now, None, 1).map_err(reg_err)?;
    let overdue: Vec<_> = view
        .occurrences
        .iter()
        .filter(|o| o.status == OccurrenceStatus::Overdue)
        .collect();
    let keep = overdue
        .iter()
        .rev()
        .find(|o| o.duty_id == OVERDUE_DUTY)
        .or_else(|| overdue.last())
        .map(|o| o.id.clone());
    for (n, o) in overdue.iter().enumerate() {
        if Some(&o.id) == keep.as_ref() {
            continue;
        }
        let days_ago = (t.now.date_naive() - o.due).num_days();
        t.go(days_ago, 600);
        let note = format!("{} — done on the due date; record attached.", o.title);
        let file = format!(
            "Record: {}\nDue: {}\nClause: {}\nDone by: {}\nOutcome: completed, nothing \
             outstanding.\n",
            o.title, o.due, o.clause, o.owner
        );
        calendar::complete(
            p,
            &calendar::NewCompletion {
                occurrence_id: o.id.clone(),
                done_on: o.due.to_string(),
                person_id: people.get(n),
                evidence_id: None,
                note,
            },
            Some((
                &format!("{}.txt", o.id.replace(['@', ':'], "-")),
                file.as_bytes(),
            )),
        )
        .map_err(reg_err)?;
    }
    Ok(())
}
