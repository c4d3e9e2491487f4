//! The snapshot's rows turned into the domain types the rules work on (wizard data, answers,
//! evidence, actions, document summaries), so that the dossier shows exactly what the app
//! computes: same scorecard, same register statuses, same SoD findings, same RACI.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ready20k_domain::assessment::{Action, AnswerRecord, Evidence};
use ready20k_domain::documents::{DocRecord, DocSummary, VersionNumber};
use ready20k_domain::snapshot::{
    ActionSnap, AnswerSnap, DocumentSnap, EvidenceSnap, VersionSnap, WizardSnapshot,
};
use ready20k_domain::wizard::{
    ClimateDecision, ContextItem, FirmProfile, InterestedParty, OtherParty, Person, RoleAssignment,
    ScopeStatement, Service, SodMitigation, WizardData,
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
        .map(FirmProfile::from)
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
        issues: issues.into_iter().map(ContextItem::from).collect(),
        parties: parties.into_iter().map(InterestedParty::from).collect(),
        climate: w
            .climate
            .as_ref()
            .map(ClimateDecision::from)
            .unwrap_or_default(),
        services: services.into_iter().map(Service::from).collect(),
        other_parties: others.into_iter().map(OtherParty::from).collect(),
        scope: w
            .scope
            .as_ref()
            .map(ScopeStatement::from)
            .unwrap_or_default(),
        people: w
            .people
            .iter()
            .filter(|p| p.deleted_at.is_none())
            .map(Person::from)
            .collect(),
        assignments,
        mitigations: w.sod_mitigations.iter().map(SodMitigation::from).collect(),
        progress: Default::default(),
    }
}

/// An answer row as the assessment's record (levels above 5 count as 5).
pub fn answer(a: &AnswerSnap) -> AnswerRecord {
    AnswerRecord::from(a)
}

/// An evidence row without its content.
pub fn evidence(e: &EvidenceSnap) -> Evidence {
    Evidence::from(e)
}

/// An action row.
pub fn action(a: &ActionSnap) -> Action {
    Action::from(a)
}

/// The version number of a version row (negative numbers count as 0).
pub fn version_number(v: &VersionSnap) -> VersionNumber {
    v.number()
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
        doc: DocRecord::from(d),
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
