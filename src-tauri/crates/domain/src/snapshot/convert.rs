//! Conversions between the snapshot rows and the domain types, written once: the store reads
//! and writes its tables through them and the dossier builds its domain values from them.
//!
//! The stored text of every snapshot enum (`as_str`, `parse`) is the same as its serde name.

use crate::assessment::{
    Action, ActionSource, ActionStatus, AnswerRecord, Evidence, EvidenceKind, SnapshotSummary,
};
use crate::content::DocumentKind;
use crate::documents::{ApprovalRecord, AttachmentInfo, DocRecord, VersionNumber, VersionRecord};
use crate::scoring::{MaturityLevel, Verdict};
use crate::wizard::{
    ClimateDecision, ContextItem, FirmProfile, HeldCertificate, InterestedParty, IssueKind,
    OtherParty, OtherPartyKind, Person, ScopeStatement, Service, SodMitigation, StepId,
};

use super::*;

/// A snapshot enum and its domain twin: conversions both ways, plus the stored text.
macro_rules! twin {
    ($snap:ident <-> $dom:ident { $($v:ident = $s:literal),+ $(,)? }) => {
        impl $snap {
            /// The stored (and serialised) text.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $s),+ }
            }

            /// Parses the stored text.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($s => Some(Self::$v),)+ _ => None }
            }
        }

        impl From<$snap> for $dom {
            fn from(v: $snap) -> Self {
                match v { $($snap::$v => Self::$v),+ }
            }
        }

        impl From<$dom> for $snap {
            fn from(v: $dom) -> Self {
                match v { $($dom::$v => Self::$v),+ }
            }
        }
    };
}

twin!(IssueKindSnap <-> IssueKind { Internal = "internal", External = "external" });
twin!(CertificateSnap <-> HeldCertificate {
    Iso20000_2011 = "iso20000_2011",
    Iso27001 = "iso27001",
    Iso9001 = "iso9001",
});
twin!(OtherPartyKindSnap <-> OtherPartyKind {
    ExternalSupplier = "external_supplier",
    InternalSupplier = "internal_supplier",
    Customer = "customer",
});
twin!(StepSnap <-> StepId {
    Profile = "profile",
    Context = "context",
    Services = "services",
    People = "people",
    Roles = "roles",
    Review = "review",
});
twin!(DocKindSnap <-> DocumentKind { Document = "document", Record = "record" });
twin!(EvidenceKindSnap <-> EvidenceKind { File = "file", Document = "document", Location = "location" });
twin!(ActionSourceSnap <-> ActionSource {
    Gap = "gap",
    Audit = "audit",
    ManagementReview = "management_review",
    Other = "other",
});
twin!(ActionStatusSnap <-> ActionStatus { Open = "open", InProgress = "in_progress", Done = "done" });

impl From<&ProfileSnap> for FirmProfile {
    fn from(p: &ProfileSnap) -> Self {
        Self {
            legal_name: p.legal_name.clone(),
            trading_name: p.trading_name.clone(),
            address: p.address.clone(),
            sector: p.sector.clone(),
            headcount: p.headcount,
            customer_kinds: p.customer_kinds.clone(),
            target_date: p.target_date.clone(),
            certification_body: p.certification_body.clone(),
            itsm_system: p.itsm_system.clone(),
            doc_repository: p.doc_repository.clone(),
            support_hours: p.support_hours.clone(),
            risk_acceptance_level: p.risk_acceptance_level.clone(),
            certificates: p.certificates.iter().map(|c| (*c).into()).collect(),
        }
    }
}

impl From<&IssueSnap> for ContextItem {
    fn from(i: &IssueSnap) -> Self {
        Self {
            id: i.id,
            kind: i.kind.into(),
            text: i.text.clone(),
        }
    }
}

impl From<&InterestedPartySnap> for InterestedParty {
    fn from(p: &InterestedPartySnap) -> Self {
        Self {
            id: p.id,
            name: p.name.clone(),
            requirements: p.requirements.clone(),
        }
    }
}

impl From<&ClimateSnap> for ClimateDecision {
    fn from(c: &ClimateSnap) -> Self {
        Self {
            relevant: c.relevant,
            rationale: c.rationale.clone(),
        }
    }
}

impl From<&ScopeSnap> for ScopeStatement {
    fn from(s: &ScopeSnap) -> Self {
        Self {
            text: s.text.clone(),
            edited: s.edited,
        }
    }
}

impl From<&ServiceSnap> for Service {
    fn from(s: &ServiceSnap) -> Self {
        Self {
            id: s.id,
            name: s.name.clone(),
            description: s.description.clone(),
            customers: s.customers.clone(),
            sla_targets: s.sla_targets.clone(),
            locations: s.locations.clone(),
            delivered_by_others: s.delivered_by_others,
            service_hours: s.service_hours.clone(),
            criticality: s.criticality.clone(),
        }
    }
}

impl From<&OtherPartySnap> for OtherParty {
    fn from(o: &OtherPartySnap) -> Self {
        Self {
            id: o.id,
            name: o.name.clone(),
            kind: o.kind.into(),
            provides: o.provides.clone(),
            services: o.services.clone(),
            processes: o.processes.clone(),
        }
    }
}

impl From<&PersonSnap> for Person {
    fn from(p: &PersonSnap) -> Self {
        Self {
            id: p.id,
            name: p.name.clone(),
            email: p.email.clone(),
            job_title: p.job_title.clone(),
            external: p.external,
        }
    }
}

impl From<&MitigationSnap> for SodMitigation {
    fn from(m: &MitigationSnap) -> Self {
        Self {
            rule_id: m.rule_id.clone(),
            person_id: m.person_id,
            text: m.text.clone(),
        }
    }
}

/// Levels above 5 count as 5.
impl From<&AnswerSnap> for AnswerRecord {
    fn from(a: &AnswerSnap) -> Self {
        Self {
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
}

impl From<AnswerRecord> for AnswerSnap {
    fn from(a: AnswerRecord) -> Self {
        Self {
            question_id: a.question_id,
            level: a.level.value(),
            note: a.note,
            owner_id: a.owner_id,
            target_date: a.target_date,
            other_party_id: a.other_party_id,
            other_party_control: a.other_party_control,
            updated_at: a.updated_at,
        }
    }
}

impl From<&EvidenceSnap> for Evidence {
    fn from(e: &EvidenceSnap) -> Self {
        Self {
            id: e.id,
            kind: e.kind.into(),
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
}

impl EvidenceSnap {
    /// The snapshot row of `e`, with its file content (standard base64) if it has one.
    pub fn of(e: Evidence, content_base64: Option<String>) -> Self {
        Self {
            id: e.id,
            kind: e.kind.into(),
            title: e.title,
            file_name: e.file_name,
            size: e.size,
            sha256: e.sha256,
            content_base64,
            document_id: e.document_id,
            document_version: e.document_version,
            location: e.location,
            added_at: e.added_at,
            expires_on: e.expires_on,
            review_on: e.review_on,
            questions: e.questions,
        }
    }
}

impl From<&ActionSnap> for Action {
    fn from(a: &ActionSnap) -> Self {
        Self {
            id: a.id,
            source: a.source.into(),
            question_id: a.question_id.clone(),
            title: a.title.clone(),
            owner_id: a.owner_id,
            due: a.due.clone(),
            status: a.status.into(),
            cause: a.cause.clone(),
            correction: a.correction.clone(),
            corrective_action: a.corrective_action.clone(),
            verification: a.verification.clone(),
            created_at: a.created_at.clone(),
            updated_at: a.updated_at.clone(),
        }
    }
}

impl From<Action> for ActionSnap {
    fn from(a: Action) -> Self {
        Self {
            id: a.id,
            source: a.source.into(),
            question_id: a.question_id,
            title: a.title,
            owner_id: a.owner_id,
            due: a.due,
            status: a.status.into(),
            cause: a.cause,
            correction: a.correction,
            corrective_action: a.corrective_action,
            verification: a.verification,
            created_at: a.created_at,
            updated_at: a.updated_at,
        }
    }
}

impl From<&DocumentSnap> for DocRecord {
    fn from(d: &DocumentSnap) -> Self {
        Self {
            id: d.id,
            key: d.doc_key.clone(),
            title: d.title.clone(),
            kind: d.kind.into(),
            clause: d.clause.clone(),
            template_id: d.template_id.clone(),
            owner_role: d.owner_role.clone(),
            approver_role: d.approver_role.clone(),
            review_months: u32::try_from(d.review_months).unwrap_or(12),
            next_review_date: d.next_review_date.clone(),
        }
    }
}

impl From<&AttachmentSnap> for AttachmentInfo {
    fn from(a: &AttachmentSnap) -> Self {
        Self {
            id: a.id,
            file_name: a.file_name.clone(),
            media_type: a.media_type.clone(),
            size: a.size,
            sha256: a.sha256.clone(),
            added_at: a.added_at.clone(),
        }
    }
}

impl AttachmentSnap {
    /// The snapshot row of a stored file, with its content (standard base64).
    pub fn of(a: AttachmentInfo, content_base64: String) -> Self {
        Self {
            id: a.id,
            file_name: a.file_name,
            media_type: a.media_type,
            size: a.size,
            sha256: a.sha256,
            content_base64,
            added_at: a.added_at,
        }
    }
}

impl VersionSnap {
    /// The version number.
    pub fn number(&self) -> VersionNumber {
        VersionNumber {
            major: u32::try_from(self.major).unwrap_or_default(),
            minor: u32::try_from(self.minor).unwrap_or_default(),
        }
    }

    /// The version as a record of document `document_id`.
    pub fn record(&self, document_id: i64) -> VersionRecord {
        VersionRecord {
            id: self.id,
            document_id,
            number: self.number(),
            body: self.body.clone(),
            attachment_id: self.attachment_id,
            sha256: self.sha256.clone(),
            change_summary: self.change_summary.clone(),
            author_person_id: self.author_person_id,
            author_name: self.author_name.clone(),
            issued_at: self.issued_at.clone(),
        }
    }

    /// The snapshot row of `v`, with its filled values and approval.
    pub fn of(
        v: VersionRecord,
        filled_values: serde_json::Value,
        approval: Option<ApprovalSnap>,
    ) -> Self {
        Self {
            id: v.id,
            major: i64::from(v.number.major),
            minor: i64::from(v.number.minor),
            body: v.body,
            attachment_id: v.attachment_id,
            sha256: v.sha256,
            change_summary: v.change_summary,
            author_person_id: v.author_person_id,
            author_name: v.author_name,
            filled_values,
            issued_at: v.issued_at,
            approval,
        }
    }
}

impl ApprovalSnap {
    /// The approval as a record of version `version_id`.
    pub fn record(&self, version_id: i64) -> ApprovalRecord {
        ApprovalRecord {
            version_id,
            approver_person_id: self.approver_person_id,
            approver_name: self.approver_name.clone(),
            role_id: self.role_id.clone(),
            role_name: self.role_name.clone(),
            approved_at: self.approved_at.clone(),
            sod_note: self.sod_note.clone(),
            kept: self.kept.clone(),
        }
    }

    /// The snapshot row of approval `a`, stored with row id `id`.
    pub fn of(id: i64, a: ApprovalRecord) -> Self {
        Self {
            id,
            approver_person_id: a.approver_person_id,
            approver_name: a.approver_name,
            role_id: a.role_id,
            role_name: a.role_name,
            approved_at: a.approved_at,
            sod_note: a.sod_note,
            kept: a.kept,
        }
    }
}

/// A verdict as stored (`not_ready`, `nearly_ready`, `ready`); anything else is not ready.
fn verdict(text: &str) -> Verdict {
    match text {
        "ready" => Verdict::Ready,
        "nearly_ready" => Verdict::NearlyReady,
        _ => Verdict::NotReady,
    }
}

impl From<&ScoreSnapshotSnap> for SnapshotSummary {
    fn from(s: &ScoreSnapshotSnap) -> Self {
        Self {
            id: s.id,
            taken_at: s.taken_at.clone(),
            label: s.label.clone(),
            overall: s.overall,
            stage1: verdict(&s.stage1),
            stage1_score: s.stage1_score,
            stage2: verdict(&s.stage2),
            stage2_score: s.stage2_score,
            answered: u32::try_from(s.answered).unwrap_or_default(),
            questions: u32::try_from(s.questions).unwrap_or_default(),
        }
    }
}

impl From<AuditProgrammeSnap> for crate::audits::AuditProgramme {
    fn from(g: AuditProgrammeSnap) -> Self {
        Self {
            cycle_start: g.cycle_start,
            target_date: g.target_date,
            notes: g.notes,
            generated_at: g.generated_at,
            updated_at: g.updated_at,
        }
    }
}

impl From<crate::reviews::Review> for ReviewSnap {
    /// The `management_review` row of a review (its attendees and action links are rows of
    /// their own tables).
    fn from(r: crate::reviews::Review) -> Self {
        Self {
            id: r.id,
            title: r.title,
            planned_on: r.planned_on,
            held_on: r.held_on,
            decisions: r.decisions,
            next_planned_on: r.next_planned_on,
            inputs: r.inputs,
            minutes: r.minutes,
            status: r.status.as_str().to_owned(),
            issued_at: r.issued_at,
            approved_by: r.approved_by,
            approved_at: r.approved_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}
