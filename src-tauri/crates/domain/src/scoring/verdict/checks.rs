//! What the auditor checks at each stage, and how the caps of a stage map onto the checks.

use super::*;

/// The Stage 2 check of the operating period.
pub(super) const TOPIC_OPERATING: &str = "Operating period";
/// The Stage 2 check of the records behind the claims.
pub(super) const TOPIC_RECORDS: &str = "Records behind the claims";

/// What an auditor checks at a stage: topic, what is looked at, the caps that belong to it.
pub(super) type CheckDef = (&'static str, &'static str, &'static [CapCode]);

pub(super) const STAGE1_CHECKS: &[CheckDef] = &[
    (
        "Scope and setup",
        "The scope statement names the organization, services, customers and locations, \
         excludes no requirement of the standard, and agrees with the service catalogue.",
        &[CapCode::SetupError],
    ),
    (
        "Documented information",
        "The documents the standard requires exist, are approved and under control, starting \
         with scope, policy and service management plan.",
        &[
            CapCode::BlockingBelowMinimum,
            CapCode::MissingDocumentedInformation,
            CapCode::NoQuestions,
        ],
    ),
    (
        "Internal audit planned and under way",
        "An internal audit programme covers every clause and service, and audits have started.",
        &[CapCode::NoAuditProgramme, CapCode::AuditNotPerformed],
    ),
    (
        "Management review planned and under way",
        "Top management has dated management reviews in the calendar, and has held one.",
        &[CapCode::NoReviewScheduled, CapCode::ReviewNotHeld],
    ),
];

pub(super) const STAGE2_CHECKS: &[CheckDef] = &[
    (
        "Every requirement addressed",
        "Each requirement clause of 4 to 10 is in place; auditors sample every clause.",
        &[
            CapCode::UnaddressedClause,
            CapCode::WeakClause,
            CapCode::NoQuestions,
        ],
    ),
    (
        "Key practices operated with records",
        "The practices whose absence is a major nonconformity run with complete records for a \
         full cycle.",
        &[CapCode::BlockingBelowMinimum, CapCode::BlockingNotOperated],
    ),
    (
        "Internal audit cycle",
        "A full internal audit over clauses 4 to 10 is completed and reported, with findings \
         under corrective action.",
        &[CapCode::NoAuditCycle],
    ),
    (
        "Management review",
        "Top management has held at least one management review, after the internal audit, \
         with minutes, decisions and actions.",
        &[CapCode::NoManagementReview],
    ),
    (
        TOPIC_OPERATING,
        "Processes have run with records long enough before the audit (commonly three months).",
        &[CapCode::OperatingPeriod],
    ),
    (
        TOPIC_RECORDS,
        "The auditor samples incident, request and change records over the operating period; \
         a practice claimed as operated must have its records.",
        &[
            CapCode::KeyPracticeWithoutRecords,
            CapCode::ClaimWithoutRecords,
        ],
    ),
    (
        "Planned activities kept",
        "What the plans commit to (restore and continuity tests, reviews of documents, risks \
         and suppliers) was done when due, with a record.",
        &[
            CapCode::DutyNotKept,
            CapCode::OverdueDuty,
            CapCode::RiskRegisterNotReviewed,
            CapCode::RiskReviewOverdue,
        ],
    ),
    (
        "Nonconformities under control",
        "Nonconformities found are corrected and have a corrective action; no major one is \
         left open.",
        &[
            CapCode::OpenMajorNonconformity,
            CapCode::MinorNonconformityUnplanned,
        ],
    ),
    (
        "Independence and separation of duties",
        "Nobody audits their own work, and no conflicting roles are left without control.",
        &[CapCode::AuditorIndependence, CapCode::SodConflict],
    ),
];

pub(super) fn checks(defs: &[CheckDef], caps: &[Cap]) -> Vec<Check> {
    defs.iter()
        .map(|(topic, looks_at, codes)| {
            let mine: Vec<&Cap> = caps.iter().filter(|c| codes.contains(&c.code)).collect();
            let status = if mine.iter().any(|c| c.hard) {
                CheckStatus::Failed
            } else if mine.is_empty() {
                CheckStatus::Met
            } else {
                CheckStatus::Limited
            };
            let mut present: Vec<CapCode> = mine.iter().map(|c| c.code).collect();
            present.dedup();
            Check {
                topic: (*topic).to_owned(),
                looks_at: (*looks_at).to_owned(),
                status,
                caps: present,
                records: Vec::new(),
            }
        })
        .collect()
}
