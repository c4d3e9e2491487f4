//! [`RecordBasis::from_snapshot`]: the registers and records the verdict reads, gathered from
//! a snapshot the way the store gathers them from the project's tables (the dossier's path).

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};

use super::inputs::{AuditFacts, ReviewFacts};
use super::records::{RecordBasis, open_nonconformities};
use crate::assessment::Action;
use crate::audits::{Audit, AuditProgramme, AuditStatus, FindingGrade, Nonconformity, audit_facts};
use crate::calendar::project::{ProjectDates, assemble};
use crate::content::Library;
use crate::records::RecordKind;
use crate::reviews::{Attendee, Review, ReviewStatus, review_facts};
use crate::snapshot::{AuditsSnap, ProjectSnapshot, ReviewsSnap};
use crate::wizard::WizardData;

impl RecordBasis {
    /// The basis of a snapshot: its tickets, risks, calendar (assembled as the app assembles
    /// it), internal audits, management reviews and open nonconformities, with `data` the
    /// snapshot's wizard data and `today` the date judged on.
    pub fn from_snapshot(
        snap: &ProjectSnapshot,
        lib: &Library,
        data: &WizardData,
        today: NaiveDate,
    ) -> Self {
        let ticket_months: BTreeSet<(RecordKind, u32)> = snap
            .records
            .tickets
            .iter()
            .filter_map(|t| Some((RecordKind::parse(&t.kind)?, u32::try_from(t.month).ok()?)))
            .collect();
        let regs = &snap.registers;
        let choices = regs.duty_choices(&|id| data.person(id).map(|p| p.name.clone()));
        let docs: Vec<_> = snap.documents.iter().map(Into::into).collect();
        let evidence: Vec<_> = snap.assessment.evidence.iter().map(Into::into).collect();
        let suppliers = regs.supplier_register(data.other_parties.clone());
        let start = DateTime::parse_from_rfc3339(&snap.project.created_at)
            .map(|t| t.with_timezone(&Utc).date_naive())
            .ok()
            .or_else(|| {
                let day = snap.project.created_at.get(..10)?;
                NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
            })
            .unwrap_or(today);
        let (series, done) = assemble(
            ProjectDates {
                lib,
                data,
                start,
                choices: &choices,
                docs: &docs,
                evidence: &evidence,
                suppliers: &suppliers,
                completions: regs.completion_refs(),
            },
            today,
        );
        let actions: Vec<Action> = snap.assessment.actions.iter().map(Into::into).collect();
        Self {
            ticket_months: ticket_months.into_iter().collect(),
            risks: regs.risk_entries(),
            series,
            done,
            audit: audit_register(lib, &snap.audits),
            review: review_register(&snap.reviews),
            nonconformities: open_nonconformities(&actions, &nonconformities(&snap.audits)),
        }
    }
}

/// The audit facts once the audit register holds a programme or an audit; `None` before
/// (the answers decide).
pub fn audit_register(lib: &Library, s: &AuditsSnap) -> Option<AuditFacts> {
    if s.programme.is_none() && s.audits.is_empty() {
        return None;
    }
    let programme = s.programme.as_ref().map(|p| AuditProgramme {
        cycle_start: p.cycle_start.clone(),
        target_date: p.target_date.clone(),
        notes: p.notes.clone(),
        generated_at: p.generated_at.clone(),
        updated_at: p.updated_at.clone(),
    });
    let audits: Vec<Audit> = s
        .audits
        .iter()
        .map(|a| Audit {
            id: a.id,
            cycle: u32::try_from(a.cycle).unwrap_or(1),
            title: a.title.clone(),
            areas: a.areas.clone(),
            clauses: a.clauses.clone(),
            processes: a.processes.clone(),
            services: a.service_ids.clone(),
            planned_on: a.planned_on.clone(),
            performed_on: a.performed_on.clone(),
            auditor_ids: a.auditor_ids.clone(),
            external_auditor: a.external_auditor.clone(),
            plan: a.plan.clone(),
            status: AuditStatus::parse(&a.status).unwrap_or_default(),
            mitigation: a.mitigation.clone(),
        })
        .collect();
    Some(audit_facts(lib, programme.as_ref(), &audits))
}

/// The review facts once the review register holds a review; `None` before.
pub fn review_register(s: &ReviewsSnap) -> Option<ReviewFacts> {
    if s.reviews.is_empty() {
        return None;
    }
    Some(review_facts(&reviews_of(s)))
}

/// The nonconformity fields of the actions.
fn nonconformities(s: &AuditsSnap) -> Vec<Nonconformity> {
    s.nonconformities
        .iter()
        .map(|n| Nonconformity {
            action_id: n.action_id,
            grade: n.grade.as_deref().and_then(FindingGrade::parse),
            requirement: n.requirement.clone(),
            evidence: n.evidence.clone(),
            verified_on: n.verified_on.clone(),
            verified_by: n.verified_by,
            closed_on: n.closed_on.clone(),
        })
        .collect()
}

/// The reviews of a snapshot as the domain's rules read them (attendees and decided actions
/// joined to their review).
pub fn reviews_of(s: &ReviewsSnap) -> Vec<Review> {
    s.reviews
        .iter()
        .map(|r| Review {
            id: r.id,
            title: r.title.clone(),
            planned_on: r.planned_on.clone(),
            held_on: r.held_on.clone(),
            attendees: s
                .attendees
                .iter()
                .filter(|a| a.review_id == r.id)
                .map(|a| Attendee {
                    person_id: a.person_id,
                    top_management: a.top_management,
                })
                .collect(),
            decisions: r.decisions.clone(),
            next_planned_on: r.next_planned_on.clone(),
            inputs: r.inputs.clone(),
            minutes: r.minutes.clone(),
            status: ReviewStatus::parse(&r.status).unwrap_or_default(),
            issued_at: r.issued_at.clone(),
            approved_by: r.approved_by,
            approved_at: r.approved_at.clone(),
            action_ids: s
                .actions
                .iter()
                .filter(|l| l.id == r.id)
                .map(|l| l.action_id)
                .collect(),
            created_at: r.created_at.clone(),
            updated_at: r.updated_at.clone(),
        })
        .collect()
}
