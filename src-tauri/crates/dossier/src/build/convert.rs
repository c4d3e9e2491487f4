//! The snapshot's rows turned into the domain types the rules work on (wizard data, answers,
//! evidence, actions, document summaries), so that the dossier shows exactly what the app
//! computes: same scorecard, same register statuses, same SoD findings, same RACI.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ready20k_domain::assessment::{
    Action, ActionSource, ActionStatus, AnswerRecord, Evidence, EvidenceKind,
};
use ready20k_domain::documents::{DocRecord, DocSummary, VersionNumber};
use ready20k_domain::scoring::MaturityLevel;
use ready20k_domain::wizard::{
    ClimateDecision, ContextItem, FirmProfile, InterestedParty, IssueKind, OtherParty,
    OtherPartyKind, Person, RoleAssignment, ScopeStatement, Service, SodMitigation, WizardData,
};
use ready20k_store::snapshot::{
    ActionSnap, ActionSourceSnap, ActionStatusSnap, AnswerSnap, DocKindSnap, DocumentSnap,
    EvidenceKindSnap, EvidenceSnap, IssueKindSnap, OtherPartyKindSnap, VersionSnap, WizardSnapshot,
};

/// A `YYYY-MM-DD` date at the start of `s` (dates and RFC 3339 timestamps alike).
pub fn date_of(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// The wizard rows as [`WizardData`] (current people only; items in display order).
pub fn wizard_data(w: &WizardSnapshot) -> WizardData {
    let profile = w
        .profile
        .as_ref()
        .map(|p| FirmProfile {
            legal_name: p.legal_name.clone(),
            trading_name: p.trading_name.clone(),
            address: p.address.clone(),
            sector: p.sector.clone(),
            headcount: p.headcount,
            customer_kinds: p.customer_kinds.clone(),
            target_date: p.target_date.clone(),
            certification_body: p.certification_body.clone(),
        })
        .unwrap_or_default();
    let mut issues: Vec<_> = w.issues.iter().collect();
    issues.sort_by_key(|i| (i.position, i.id));
    let mut parties: Vec<_> = w.interested_parties.iter().collect();
    parties.sort_by_key(|i| (i.position, i.id));
    let mut services: Vec<_> = w.services.iter().collect();
    services.sort_by_key(|i| (i.position, i.id));
    let mut others: Vec<_> = w.other_parties.iter().collect();
    others.sort_by_key(|i| (i.position, i.id));

    // Role holders in position order; a role appears once, in first-seen order.
    let mut holders: Vec<_> = w.role_holders.iter().collect();
    holders.sort_by(|a, b| (&a.role_id, a.position).cmp(&(&b.role_id, b.position)));
    let current = |id: i64| {
        w.people
            .iter()
            .any(|p| p.id == id && p.deleted_at.is_none())
    };
    let mut assignments: Vec<RoleAssignment> = Vec::new();
    for h in holders.into_iter().filter(|h| current(h.person_id)) {
        match assignments.iter_mut().find(|a| a.role_id == h.role_id) {
            Some(a) => a.holders.push(h.person_id),
            None => assignments.push(RoleAssignment {
                role_id: h.role_id.clone(),
                holders: vec![h.person_id],
                deputy: None,
            }),
        }
    }
    for d in w.role_deputies.iter().filter(|d| current(d.person_id)) {
        match assignments.iter_mut().find(|a| a.role_id == d.role_id) {
            Some(a) => a.deputy = Some(d.person_id),
            None => assignments.push(RoleAssignment {
                role_id: d.role_id.clone(),
                holders: Vec::new(),
                deputy: Some(d.person_id),
            }),
        }
    }

    WizardData {
        profile,
        issues: issues
            .into_iter()
            .map(|i| ContextItem {
                id: i.id,
                kind: match i.kind {
                    IssueKindSnap::Internal => IssueKind::Internal,
                    IssueKindSnap::External => IssueKind::External,
                },
                text: i.text.clone(),
            })
            .collect(),
        parties: parties
            .into_iter()
            .map(|p| InterestedParty {
                id: p.id,
                name: p.name.clone(),
                requirements: p.requirements.clone(),
            })
            .collect(),
        climate: w
            .climate
            .as_ref()
            .map(|c| ClimateDecision {
                relevant: c.relevant,
                rationale: c.rationale.clone(),
            })
            .unwrap_or_default(),
        services: services
            .into_iter()
            .map(|s| Service {
                id: s.id,
                name: s.name.clone(),
                description: s.description.clone(),
                customers: s.customers.clone(),
                sla_targets: s.sla_targets.clone(),
                locations: s.locations.clone(),
                delivered_by_others: s.delivered_by_others,
            })
            .collect(),
        other_parties: others
            .into_iter()
            .map(|o| OtherParty {
                id: o.id,
                name: o.name.clone(),
                kind: match o.kind {
                    OtherPartyKindSnap::ExternalSupplier => OtherPartyKind::ExternalSupplier,
                    OtherPartyKindSnap::InternalSupplier => OtherPartyKind::InternalSupplier,
                    OtherPartyKindSnap::Customer => OtherPartyKind::Customer,
                },
                provides: o.provides.clone(),
                services: o.services.clone(),
                processes: o.processes.clone(),
            })
            .collect(),
        scope: w
            .scope
            .as_ref()
            .map(|s| ScopeStatement {
                text: s.text.clone(),
                edited: s.edited,
            })
            .unwrap_or_default(),
        people: w
            .people
            .iter()
            .filter(|p| p.deleted_at.is_none())
            .map(|p| Person {
                id: p.id,
                name: p.name.clone(),
                email: p.email.clone(),
                job_title: p.job_title.clone(),
                external: p.external,
            })
            .collect(),
        assignments,
        mitigations: w
            .sod_mitigations
            .iter()
            .map(|m| SodMitigation {
                rule_id: m.rule_id.clone(),
                person_id: m.person_id,
                text: m.text.clone(),
            })
            .collect(),
        progress: Default::default(),
    }
}

/// An answer row as the assessment's record (levels above 5 count as 5).
pub fn answer(a: &AnswerSnap) -> AnswerRecord {
    AnswerRecord {
        question_id: a.question_id.clone(),
        level: MaturityLevel::from_value(a.level.min(5)).unwrap_or_default(),
        note: a.note.clone(),
        owner_id: a.owner_id,
        target_date: a.target_date.clone(),
        other_party_id: a.other_party_id,
        other_party_control: a.other_party_control.clone(),
        updated_at: a.updated_at.clone(),
    }
}

/// An evidence row without its content.
pub fn evidence(e: &EvidenceSnap) -> Evidence {
    Evidence {
        id: e.id,
        kind: match e.kind {
            EvidenceKindSnap::File => EvidenceKind::File,
            EvidenceKindSnap::Document => EvidenceKind::Document,
            EvidenceKindSnap::Location => EvidenceKind::Location,
        },
        title: e.title.clone(),
        file_name: e.file_name.clone(),
        size: e.size,
        sha256: e.sha256.clone(),
        document_id: e.document_id.clone(),
        document_version: e.document_version,
        location: e.location.clone(),
        added_at: e.added_at.clone(),
        expires_on: e.expires_on.clone(),
        review_on: e.review_on.clone(),
        questions: e.questions.clone(),
    }
}

/// An action row.
pub fn action(a: &ActionSnap) -> Action {
    Action {
        id: a.id,
        source: match a.source {
            ActionSourceSnap::Gap => ActionSource::Gap,
            ActionSourceSnap::Audit => ActionSource::Audit,
            ActionSourceSnap::ManagementReview => ActionSource::ManagementReview,
            ActionSourceSnap::Other => ActionSource::Other,
        },
        question_id: a.question_id.clone(),
        title: a.title.clone(),
        owner_id: a.owner_id,
        due: a.due.clone(),
        status: match a.status {
            ActionStatusSnap::Open => ActionStatus::Open,
            ActionStatusSnap::InProgress => ActionStatus::InProgress,
            ActionStatusSnap::Done => ActionStatus::Done,
        },
        cause: a.cause.clone(),
        correction: a.correction.clone(),
        corrective_action: a.corrective_action.clone(),
        verification: a.verification.clone(),
        created_at: a.created_at.clone(),
        updated_at: a.updated_at.clone(),
    }
}

/// The version number of a version row (negative numbers count as 0).
pub fn version_number(v: &VersionSnap) -> VersionNumber {
    VersionNumber {
        major: u32::try_from(v.major).unwrap_or(0),
        minor: u32::try_from(v.minor).unwrap_or(0),
    }
}

/// The newest approved version of a document, if any.
pub fn approved_version(d: &DocumentSnap) -> Option<&VersionSnap> {
    d.versions
        .iter()
        .filter(|v| v.approval.is_some())
        .max_by_key(|v| (v.major, v.minor, v.id))
}

/// The newest issued version of a document, if any.
pub fn latest_version(d: &DocumentSnap) -> Option<&VersionSnap> {
    d.versions.iter().max_by_key(|v| (v.major, v.minor, v.id))
}

/// What the register needs to know about a document.
pub fn doc_summary(d: &DocumentSnap) -> DocSummary {
    let latest = latest_version(d);
    let approved = approved_version(d);
    DocSummary {
        doc: DocRecord {
            id: d.id,
            key: d.doc_key.clone(),
            title: d.title.clone(),
            kind: match d.kind {
                DocKindSnap::Document => ready20k_domain::content::DocumentKind::Document,
                DocKindSnap::Record => ready20k_domain::content::DocumentKind::Record,
            },
            clause: d.clause.clone(),
            template_id: d.template_id.clone(),
            owner_role: d.owner_role.clone(),
            approver_role: d.approver_role.clone(),
            review_months: u32::try_from(d.review_months).unwrap_or(12),
            next_review_date: d.next_review_date.clone(),
        },
        has_draft: d.draft.is_some(),
        draft_pending: match (&d.draft, latest) {
            (Some(draft), Some(v)) => draft.body != v.body,
            _ => false,
        },
        issued: u32::try_from(d.versions.len()).unwrap_or(u32::MAX),
        latest: latest.map(version_number),
        latest_approved: latest.is_some_and(|v| v.approval.is_some()),
        approved: approved.map(version_number),
    }
}

/// Every person ever recorded (removed ones too), by id: approvals and actions keep their
/// names after someone leaves.
pub fn names(w: &WizardSnapshot) -> BTreeMap<i64, String> {
    w.people.iter().map(|p| (p.id, p.name.clone())).collect()
}
