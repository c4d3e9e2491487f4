//! Each step's status, progress and what remains, read from the project's facts, and what the
//! auditor does there (our own words).

use chrono::NaiveDate;

use super::plan::{Plan, Remaining, Window};
use super::{RoadmapFacts, RoadmapStatus, RoadmapStep, RoadmapStepKind, day, ymd};
use crate::content::DocumentKind;
use crate::documents::DocStatus;
use crate::scoring::{CapCode, StageResult, whole_months};

/// Most "what remains" lines a step lists.
const MAX_REMAINS: usize = 6;

/// What the project shows, read once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct State {
    required_docs: u32,
    approved_docs: u32,
    started_docs: u32,
    docs_missing: Vec<String>,
    setup_errors: Vec<String>,
    records_since: Option<NaiveDate>,
    months_needed: u32,
    months_so_far: u32,
    audit_done: bool,
    audit_started: bool,
    audit_detail: String,
    audit_remains: Vec<String>,
    review_done: bool,
    review_planned: Option<String>,
    review_held: u32,
}

fn has(stage: &StageResult, code: CapCode) -> bool {
    stage.caps.iter().any(|c| c.code == code)
}

impl State {
    pub(super) fn read(f: &RoadmapFacts<'_>, today: NaiveDate) -> Self {
        let docs: Vec<_> = f
            .documents
            .entries
            .iter()
            .filter(|e| e.required && !e.custom && e.kind == DocumentKind::Document)
            .collect();
        let approved = |s: DocStatus| {
            matches!(
                s,
                DocStatus::Approved | DocStatus::DueForReview | DocStatus::Overdue
            )
        };
        let card = f.scorecard;
        let inputs = f.inputs;
        let records_since = day(inputs.operating.records_since.as_deref());
        let audit_done = !has(&card.stage2, CapCode::NoAuditCycle);
        let (audit_detail, audit_remains) = match &inputs.audit {
            Some(a) => (
                format!(
                    "{} internal audit(s) reported; {} requirement clause(s) not yet covered",
                    a.performed,
                    a.clauses_not_covered.len()
                ),
                if a.clauses_not_covered.is_empty() {
                    Vec::new()
                } else {
                    vec![format!(
                        "Audit the clauses not yet covered: {}.",
                        a.clauses_not_covered.join(", ")
                    )]
                },
            ),
            None => (
                "The audit register is empty; the answers on internal audit decide".to_owned(),
                Vec::new(),
            ),
        };
        let review = inputs.review.clone().unwrap_or_default();
        Self {
            required_docs: u32::try_from(docs.len()).unwrap_or(u32::MAX),
            approved_docs: u32::try_from(docs.iter().filter(|e| approved(e.status)).count())
                .unwrap_or(u32::MAX),
            started_docs: u32::try_from(
                docs.iter()
                    .filter(|e| e.status != DocStatus::Missing)
                    .count(),
            )
            .unwrap_or(u32::MAX),
            docs_missing: docs
                .iter()
                .filter(|e| !approved(e.status))
                .map(|e| format!("{} ({})", e.title, e.status.label().to_lowercase()))
                .collect(),
            setup_errors: inputs
                .setup_errors
                .iter()
                .map(|e| format!("{}: {}", e.step_label, e.message))
                .collect(),
            records_since,
            months_needed: inputs.operating.required_months,
            months_so_far: records_since.map_or(0, |s| whole_months(s, today)),
            audit_done,
            audit_started: audit_done
                || !has(&card.stage1, CapCode::NoAuditProgramme)
                || inputs.audit.as_ref().is_some_and(|a| a.performed > 0),
            audit_detail,
            audit_remains,
            review_done: !has(&card.stage2, CapCode::NoManagementReview),
            review_planned: review.next_planned,
            review_held: review.held,
        }
    }

    /// What the earliest-date rule needs.
    pub(super) fn remaining(&self) -> Remaining {
        Remaining {
            documents_left: self.required_docs - self.approved_docs.min(self.required_docs),
            setup_open: !self.setup_errors.is_empty(),
            records_since: self.records_since,
            months: self.months_needed,
            audit_done: self.audit_done,
            review_done: self.review_done,
        }
    }
}

/// Done, in progress, not started or late, from what the project shows and the window.
fn status(done: bool, started: bool, window: Window, today: NaiveDate) -> RoadmapStatus {
    if done {
        RoadmapStatus::Done
    } else if window.1 < today {
        RoadmapStatus::Late
    } else if started {
        RoadmapStatus::InProgress
    } else if window.0 < today {
        RoadmapStatus::Late
    } else {
        RoadmapStatus::NotStarted
    }
}

fn capped(mut lines: Vec<String>) -> Vec<String> {
    if lines.len() > MAX_REMAINS {
        let more = lines.len() - (MAX_REMAINS - 1);
        lines.truncate(MAX_REMAINS - 1);
        lines.push(format!("… and {more} more."));
    }
    lines
}

/// What lifts a stage's caps, hard ones first.
fn lifts(stage: &StageResult) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for cap in &stage.caps {
        let text = if cap.lift.is_empty() {
            cap.reason.clone()
        } else {
            cap.lift.clone()
        };
        if !text.is_empty() && !out.contains(&text) {
            out.push(text);
        }
    }
    capped(out)
}

struct Step<'a> {
    kind: RoadmapStepKind,
    title: &'a str,
    window: Window,
    status: RoadmapStatus,
    progress: String,
    auditor: &'a str,
    remains: Vec<String>,
    screen: Option<&'a str>,
}

impl Step<'_> {
    fn build(self) -> RoadmapStep {
        let done = self.status == RoadmapStatus::Done;
        RoadmapStep {
            kind: self.kind,
            title: self.title.to_owned(),
            from: ymd(self.window.0),
            to: ymd(self.window.1),
            status: self.status,
            progress: self.progress,
            auditor: self.auditor.to_owned(),
            remains: if done { Vec::new() } else { self.remains },
            readiness: None,
            screen: self.screen.map(str::to_owned),
        }
    }
}

/// An external audit: not started before its date, late after it (the project does not
/// record certification-body audits), with the readiness verdict and what lifts its caps.
fn audit_step(
    kind: RoadmapStepKind,
    title: &str,
    window: Window,
    auditor: &str,
    stage: Option<&StageResult>,
    today: NaiveDate,
) -> RoadmapStep {
    let passed = window.1 < today;
    let mut remains = stage.map(lifts).unwrap_or_default();
    if passed {
        remains.insert(
            0,
            "The planned date has passed. If the audit took place, keep its report with the \
             records; otherwise set a new target date in the firm profile."
                .to_owned(),
        );
    }
    let progress = match stage {
        Some(s) => format!("Readiness today: {}", verdict_words(s)),
        None => "After certification".to_owned(),
    };
    let mut step = Step {
        kind,
        title,
        window,
        status: if passed {
            RoadmapStatus::Late
        } else {
            RoadmapStatus::NotStarted
        },
        progress,
        auditor,
        remains,
        screen: stage.map(|_| "scorecard"),
    }
    .build();
    step.readiness = stage.map(|s| s.verdict);
    step
}

fn verdict_words(s: &StageResult) -> &'static str {
    match s.verdict {
        crate::scoring::Verdict::Ready => "ready",
        crate::scoring::Verdict::NearlyReady => "nearly ready",
        crate::scoring::Verdict::NotReady => "not ready",
    }
}

/// What the auditor does at each step (our words, after ISO/IEC 17021-1 and 20000-6 practice).
const AUDITOR_DOCUMENTS: &str = "At Stage 1 the auditor reads the scope statement and the \
    required documents first: does the scope name the services, customers and locations, and is \
    every document approved, current and under control?";
const AUDITOR_OPERATE: &str = "At Stage 2 the auditor samples incident, request and change \
    records from the whole operating period and traces them back to the documented processes \
    and service level targets.";
const AUDITOR_AUDIT: &str = "The auditor checks that the internal audit programme covers every \
    clause 4 to 10 and every service, that auditors did not audit their own work, and that \
    findings went into corrective action.";
const AUDITOR_REVIEW: &str = "The auditor reads the minutes: top management attended, every \
    required input (including the internal audit results) was considered, and decisions and \
    actions were recorded and followed up.";
const AUDITOR_STAGE1: &str = "Stage 1 is a document review and readiness check, often remote: \
    the auditor confirms scope, context and documents, checks that internal audit and \
    management review are planned and running, agrees the Stage 2 plan, and reports areas of \
    concern that could become nonconformities at Stage 2.";
const AUDITOR_STAGE2: &str = "Stage 2 tests that the SMS works: the auditor interviews top \
    management and staff, samples records of every process over the operating period, and \
    raises major and minor nonconformities. Majors must be corrected before the certificate \
    is issued.";
const AUDITOR_SURVEILLANCE: &str = "A shorter yearly audit, due within twelve months of the \
    certification decision (then once a year): the auditor samples part of the SMS and always \
    looks at internal audit, management review, complaints, corrective actions, changes and \
    use of the certificate.";
const AUDITOR_RECERT: &str = "A full audit of the whole SMS over the three years, completed \
    before the three-year certificate expires so the new certificate follows without a gap.";

/// The nine steps.
pub(super) fn steps(
    plan: &Plan,
    s: &State,
    f: &RoadmapFacts<'_>,
    today: NaiveDate,
) -> Vec<RoadmapStep> {
    let card = f.scorecard;
    let docs_done = s.approved_docs >= s.required_docs && s.setup_errors.is_empty();
    let mut doc_remains = s.setup_errors.clone();
    doc_remains.extend(s.docs_missing.iter().map(|d| format!("Approve {d}.")));
    let operate_done = s.records_since.is_some() && s.months_so_far >= s.months_needed;
    let reached = s
        .records_since
        .and_then(|d| d.checked_add_months(chrono::Months::new(s.months_needed)));
    let mut operate_status = status(
        operate_done,
        s.records_since.is_some_and(|d| d <= today),
        plan.operate,
        today,
    );
    if operate_status == RoadmapStatus::InProgress && reached.is_some_and(|r| r > plan.stage2) {
        operate_status = RoadmapStatus::Late;
    }
    let operate_progress = match s.records_since {
        Some(d) => format!(
            "Records since {}: {} of {} months",
            ymd(d),
            s.months_so_far.min(s.months_needed),
            s.months_needed
        ),
        None => format!(
            "No operating records yet; {} months needed",
            s.months_needed
        ),
    };
    let operate_remains = match reached {
        Some(r) if !operate_done => vec![format!(
            "Keep every incident, request and change in the ticketing system; {} months are \
             reached on {}.",
            s.months_needed,
            ymd(r)
        )],
        _ => vec![
            "Start logging every incident, request and change in the ticketing system, and \
             import the records on the Operating records screen."
                .to_owned(),
        ],
    };
    let mut review_remains = vec![
        "Hold a management review with top management after the internal audit, record its \
         minutes and approve them."
            .to_owned(),
    ];
    if let Some(p) = &s.review_planned {
        review_remains.push(format!("Next review planned on {p}."));
    }
    let mut audit_remains = s.audit_remains.clone();
    audit_remains.push(
        "Complete and report audits covering every clause 4 to 10 and every service in scope."
            .to_owned(),
    );
    vec![
        Step {
            kind: RoadmapStepKind::ScopeAndDocuments,
            title: "Scope and documents",
            window: plan.documents,
            status: status(docs_done, s.started_docs > 0, plan.documents, today),
            progress: format!(
                "{} of {} required documents approved",
                s.approved_docs, s.required_docs
            ),
            auditor: AUDITOR_DOCUMENTS,
            remains: capped(doc_remains),
            screen: Some("policies"),
        }
        .build(),
        Step {
            kind: RoadmapStepKind::Operate,
            title: "Operate with records",
            window: plan.operate,
            status: operate_status,
            progress: operate_progress,
            auditor: AUDITOR_OPERATE,
            remains: operate_remains,
            screen: Some("records"),
        }
        .build(),
        Step {
            kind: RoadmapStepKind::InternalAudit,
            title: "Internal audit cycle",
            window: plan.audit,
            status: status(s.audit_done, s.audit_started, plan.audit, today),
            progress: s.audit_detail.clone(),
            auditor: AUDITOR_AUDIT,
            remains: audit_remains,
            screen: Some("audits"),
        }
        .build(),
        Step {
            kind: RoadmapStepKind::ManagementReview,
            title: "Management review",
            window: plan.review,
            status: status(
                s.review_done,
                s.review_planned.is_some(),
                plan.review,
                today,
            ),
            progress: format!("{} review(s) held with top management", s.review_held),
            auditor: AUDITOR_REVIEW,
            remains: review_remains,
            screen: Some("reviews"),
        }
        .build(),
        audit_step(
            RoadmapStepKind::Stage1,
            "Stage 1 audit",
            (plan.stage1, plan.stage1),
            AUDITOR_STAGE1,
            Some(&card.stage1),
            today,
        ),
        audit_step(
            RoadmapStepKind::Stage2,
            "Stage 2 audit",
            (plan.stage2, plan.stage2),
            AUDITOR_STAGE2,
            Some(&card.stage2),
            today,
        ),
        audit_step(
            RoadmapStepKind::Surveillance1,
            "Surveillance audit, year one",
            plan.surveillance1,
            AUDITOR_SURVEILLANCE,
            None,
            today,
        ),
        audit_step(
            RoadmapStepKind::Surveillance2,
            "Surveillance audit, year two",
            plan.surveillance2,
            AUDITOR_SURVEILLANCE,
            None,
            today,
        ),
        audit_step(
            RoadmapStepKind::Recertification,
            "Recertification audit",
            plan.recertification,
            AUDITOR_RECERT,
            None,
            today,
        ),
    ]
}
