//! The snapshot rows of the registers (0008) and operating records (0007) as the domain types
//! their rules work on, so that the dossier (built from a snapshot) shows what the app shows:
//! the same risk findings and heat map, supplier review dates, calendar and SLA attainment.
//!
//! Rows the store would refuse (an unknown enum text, a rating out of range) are read the way
//! the rules read a missing value; import validates the snapshot before it is ever stored.

use chrono::{DateTime, NaiveDate, Utc};

use super::{CalendarCompletionSnap, RecordsSnap, RegistersSnap, ServiceSnap, TicketSnap};
use crate::calendar::CompletionRef;
use crate::calendar::sources::DutyChoice;
use crate::content::Frequency;
use crate::records::measure::{TicketFacts, Timing, elapsed_capped};
use crate::records::{
    BusinessHours, ChangeOutcome, ChangeType, FulfilmentTarget, Priority, PriorityTarget,
    RecordKind, ServiceLevels, SlaClock, WorkCalendar,
};
use crate::risks::{Rating, Risk, RiskCriteria, RiskKind, RiskStatus, SourceKind, Treatment};
use crate::suppliers::{
    Agreement, Dispute, DisputeStatus, NoneRecorded, SupplierRegister, SupplierReview,
};
use crate::wizard::{OtherParty, OtherPartyKind};

fn rating(l: i64, i: i64) -> Rating {
    let step = |v: i64| u8::try_from(v.clamp(0, 5)).unwrap_or(0);
    Rating {
        likelihood: step(l),
        impact: step(i),
    }
}

fn ids(links: &[super::LinkSnap], id: i64) -> Vec<i64> {
    links
        .iter()
        .filter(|l| l.id == id)
        .map(|l| l.action_id)
        .collect()
}

fn frequency(text: &str) -> Option<Frequency> {
    Frequency::ALL.into_iter().find(|f| {
        let name = match f {
            Frequency::Weekly => "weekly",
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::HalfYearly => "half_yearly",
            Frequency::Yearly => "yearly",
        };
        name == text
    })
}

fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

impl RegistersSnap {
    /// The firm's risk criteria (the defaults until set).
    pub fn criteria(&self) -> RiskCriteria {
        self.risk_criteria
            .as_ref()
            .map_or_else(RiskCriteria::default, |c| RiskCriteria {
                likelihood: c.likelihood.clone(),
                impact: c.impact.clone(),
                acceptance: u8::try_from(c.acceptance.clamp(1, 25)).unwrap_or(25),
            })
    }

    /// Every risk and opportunity with its treatment actions, in id order.
    pub fn risk_entries(&self) -> Vec<Risk> {
        self.risks
            .iter()
            .map(|r| Risk {
                id: r.id,
                kind: RiskKind::parse(&r.kind).unwrap_or_default(),
                title: r.title.clone(),
                description: r.description.clone(),
                source: SourceKind::parse(&r.source_kind).unwrap_or_default(),
                source_id: r.source_id,
                suggestion_key: r.suggestion_key.clone(),
                owner_id: r.owner_id,
                inherent: rating(r.inherent_l, r.inherent_i),
                residual: r.residual_l.zip(r.residual_i).map(|(l, i)| rating(l, i)),
                treatment: r.treatment.as_deref().and_then(Treatment::parse),
                treatment_note: r.treatment_note.clone(),
                action_ids: ids(&self.risk_actions, r.id),
                review_on: r.review_on.clone(),
                status: RiskStatus::parse(&r.status).unwrap_or_default(),
                infosec: r.infosec,
            })
            .collect()
    }

    /// The supplier register over the wizard's other `parties`.
    pub fn supplier_register(&self, parties: Vec<OtherParty>) -> SupplierRegister {
        SupplierRegister {
            parties,
            agreements: self
                .supplier_agreements
                .iter()
                .map(|a| Agreement {
                    id: a.id,
                    party_id: a.party_id,
                    contract_ref: a.contract_ref.clone(),
                    start_on: a.start_on.clone(),
                    end_on: a.end_on.clone(),
                    notice_on: a.notice_on.clone(),
                    service_levels: a.service_levels.clone(),
                    contacts: serde_json::from_str(&a.contacts).unwrap_or_default(),
                    review_months: u32::try_from(a.review_months).unwrap_or(0),
                    notes: a.notes.clone(),
                })
                .collect(),
            reviews: self
                .supplier_reviews
                .iter()
                .map(|r| SupplierReview {
                    id: r.id,
                    party_id: r.party_id,
                    reviewed_on: r.reviewed_on.clone(),
                    rating: u8::try_from(r.rating.clamp(0, 5)).unwrap_or(0),
                    issues: r.issues.clone(),
                    action_ids: ids(&self.supplier_review_actions, r.id),
                    reviewer_id: r.reviewer_id,
                })
                .collect(),
            disputes: self
                .supplier_disputes
                .iter()
                .map(|d| Dispute {
                    id: d.id,
                    party_id: d.party_id,
                    opened_on: d.opened_on.clone(),
                    description: d.description.clone(),
                    status: DisputeStatus::parse(&d.status).unwrap_or_default(),
                    resolved_on: d.resolved_on.clone(),
                    resolution: d.resolution.clone(),
                })
                .collect(),
            nones: self
                .supplier_nones
                .iter()
                .filter_map(|n| {
                    Some(NoneRecorded {
                        kind: OtherPartyKind::parse(&n.kind)?,
                        note: n.note.clone(),
                        recorded_at: n.recorded_at.clone(),
                    })
                })
                .collect(),
        }
    }

    /// The project's choices per duty; `name_of` names the chosen owner.
    pub fn duty_choices(&self, name_of: &dyn Fn(i64) -> Option<String>) -> Vec<DutyChoice> {
        self.calendar_duties
            .iter()
            .map(|d| DutyChoice {
                duty_id: d.duty_id.clone(),
                anchor: d.anchor_on.as_deref().and_then(day),
                frequency: d.frequency.as_deref().and_then(frequency),
                owner: d.owner_id.and_then(name_of),
                active: d.active,
            })
            .collect()
    }

    /// The stored completion records, as the calendar engine reads them.
    pub fn completion_refs(&self) -> Vec<CompletionRef> {
        self.calendar_completions
            .iter()
            .filter_map(CalendarCompletionSnap::to_ref)
            .collect()
    }
}

impl CalendarCompletionSnap {
    /// The reference the calendar engine needs (the app's calendar and the dossier's alike);
    /// `None` for a done date that is not a date.
    pub fn to_ref(&self) -> Option<CompletionRef> {
        Some(CompletionRef {
            occurrence_id: self.occurrence_id.clone(),
            done_on: day(&self.done_on)?,
            record: match (&self.evidence_id, &self.file_name) {
                (Some(e), _) => format!("Evidence {e}"),
                (None, Some(f)) => format!("File {f}"),
                (None, None) => self.note.clone(),
            },
        })
    }
}

impl RecordsSnap {
    /// The firm's business hours (Monday–Friday 09:00–17:00 UTC until set).
    pub fn business_hours(&self) -> BusinessHours {
        self.settings
            .as_ref()
            .and_then(|s| serde_json::from_str(&s.business_hours).ok())
            .unwrap_or_default()
    }

    /// Every catalogue service (in catalogue order) with its id, name and levels; a service
    /// whose levels were never saved has none, and its free-text targets as the note.
    pub fn service_levels(&self, services: &[ServiceSnap]) -> Vec<(i64, String, ServiceLevels)> {
        let mut ordered: Vec<&ServiceSnap> = services.iter().collect();
        ordered.sort_by_key(|s| (s.position, s.id));
        ordered
            .into_iter()
            .map(|s| {
                let mut levels = ServiceLevels {
                    service_id: s.id,
                    ..ServiceLevels::default()
                };
                match self.service_levels.iter().find(|l| l.service_id == s.id) {
                    None => levels.note = s.sla_targets.clone(),
                    Some(head) => {
                        levels.availability_pct = head.availability_pct;
                        levels.note = head.note.clone();
                        levels.request_fulfilment = head
                            .fulfilment_min
                            .zip(head.fulfilment_clock.as_deref().and_then(SlaClock::parse))
                            .and_then(|(m, clock)| {
                                Some(FulfilmentTarget {
                                    minutes: u32::try_from(m).ok()?,
                                    clock,
                                })
                            });
                        for t in self
                            .service_level_targets
                            .iter()
                            .filter(|t| t.service_id == s.id)
                        {
                            let (Some(p), Some(clock)) =
                                (Priority::parse(&t.priority), SlaClock::parse(&t.clock))
                            else {
                                continue;
                            };
                            let minutes = |v: Option<i64>| v.and_then(|m| u32::try_from(m).ok());
                            levels.targets.insert(
                                p,
                                PriorityTarget {
                                    response_min: minutes(t.response_min),
                                    resolution_min: minutes(t.resolution_min),
                                    clock,
                                },
                            );
                        }
                    }
                }
                (s.id, s.name.clone(), levels)
            })
            .collect()
    }
}

impl TicketSnap {
    /// What the measurements need of this record; times still running are measured up to
    /// `as_of` on `calendar` (business-hours counting stops past `cap` seconds). `None` for a
    /// row with an unknown kind.
    pub fn facts(
        &self,
        calendar: &WorkCalendar,
        as_of: DateTime<Utc>,
        cap: i64,
    ) -> Option<TicketFacts> {
        let kind = RecordKind::parse(&self.kind)?;
        let pair = |a: Option<i64>, b: Option<i64>| a.zip(b).map(|(x, y)| [x, y]);
        let pending = || {
            DateTime::parse_from_rfc3339(&self.opened)
                .map(|t| elapsed_capped(calendar, t.with_timezone(&Utc), as_of, cap))
                .unwrap_or_default()
        };
        let timing = |reached: Option<[i64; 2]>| match reached {
            Some(e) => Timing::Reached(e),
            None => Timing::Pending(pending()),
        };
        Some(TicketFacts {
            service_id: self.service_id,
            month: u32::try_from(self.month).unwrap_or(0),
            kind,
            priority: self.priority.as_deref().and_then(Priority::parse),
            response: timing(pair(self.response_s, self.response_bs)),
            resolution: timing(pair(self.resolution_s, self.resolution_bs)),
            change_type: self.change_type.as_deref().and_then(ChangeType::parse),
            outcome: self.outcome.as_deref().and_then(ChangeOutcome::parse),
            self_approved: self.self_approved,
        })
    }
}
