//! Stage 2 caps from the registers and records (rules version 3): what a certification auditor
//! finds when they sample the firm's own records rather than read its answers.
//!
//! How severe each finding is follows the grading of ISO/IEC 17021-1 practice: a *major*
//! nonconformity is a requirement not met in a way that puts in doubt that the system achieves
//! its intended results (a process claimed but not operating, a requirement systematically not
//! kept, several lapses against one requirement taken together); a *minor* one is an isolated
//! lapse. A major open at Stage 2 means no recommendation for certification (hard cap: Not
//! ready); minors need a correction plan accepted by the auditor (soft cap: at most Nearly
//! ready).

use super::*;
use crate::calendar::OccurrenceKind;
use crate::records::RecordKind;
use crate::scoring::records::{
    NcSeverity, OverdueDuty, RiskDue, kind_label, month_label, record_kind_of,
};

/// Duties of the duty list that the standard itself asks to be performed at planned intervals
/// and whose total absence auditors grade major: testing the continuity plans (8.7.2), the
/// internal audit (9.2) and the management review (9.3). Once due, one of these never done is
/// a [`CapCode::DutyNotKept`]; any other duty never done yet (a first restore test, a first
/// access review) is an isolated lapse until it is missed twice. Checked against the duty list
/// by a test.
pub const INTERVAL_DUTIES: [&str; 3] = [
    "DUTY-CONTINUITY-TEST",
    "DUTY-AUDIT-CYCLE",
    "DUTY-MGMT-REVIEW",
];

/// Overdue duties in one clause from which several lapses against the same requirement are
/// taken together as a breakdown (a [`CapCode::DutyNotKept`]) rather than isolated lapses.
pub const MANY_OVERDUE: usize = 3;

/// Every Stage 2 cap from the registers and records.
pub(crate) fn record_caps(cx: &Context<'_>, caps: &mut Vec<Cap>) {
    claims_without_records(cx, caps);
    overdue_duties(cx, caps);
    risk_reviews(cx, caps);
    nonconformities(cx, caps);
}

/// Answers at level 4 or more on the clauses whose records are service-desk tickets
/// ([`record_kind_of`]), while the imported operating records hold none of that kind in the
/// recent window (the operating period's months up to now).
///
/// Applies only once the firm has imported operating records: until then its claims stand on
/// the evidence attached to each answer (level 4 already needs a record), because the app
/// cannot see a service desk it was never shown. Once imported, the export is the firm's own
/// system of record, and an auditor sampling it for, say, changes and finding none would not
/// accept "operated with records". Hard when a claimed question is blocking (the practice whose
/// absence is a major nonconformity: every incident, request or change recorded and
/// approved), soft otherwise.
fn claims_without_records(cx: &Context<'_>, caps: &mut Vec<Cap>) {
    let records = &cx.inputs.records;
    if !records.any() {
        return;
    }
    for kind in [
        RecordKind::Incident,
        RecordKind::Request,
        RecordKind::Change,
    ] {
        if records.recent(kind) > 0 {
            continue;
        }
        let mut claimed: Vec<&Scored<'_>> = cx
            .items
            .iter()
            .filter(|s| record_kind_of(&s.question.clause) == Some(kind))
            .filter(|s| s.level >= MaturityLevel::Operated)
            .collect();
        if claimed.is_empty() {
            continue;
        }
        claimed.sort_by(|a, b| {
            b.question
                .blocking
                .cmp(&a.question.blocking)
                .then_with(|| clause_order(&a.question.clause, &b.question.clause))
                .then_with(|| a.question.id.cmp(&b.question.id))
        });
        let blocking = claimed.iter().any(|s| s.question.blocking);
        let ids: Vec<String> = claimed.iter().map(|s| s.question.id.clone()).collect();
        let label = kind_label(kind);
        let window = format!(
            "{} to {}",
            month_label(records.window_from),
            month_label(records.window_to)
        );
        let code = if blocking {
            CapCode::KeyPracticeWithoutRecords
        } else {
            CapCode::ClaimWithoutRecords
        };
        let consequence = if blocking {
            "an auditor sampling them finds nothing to sample: a key practice claimed but not \
             shown to operate is a major nonconformity"
        } else {
            "an auditor sampling them finds nothing to sample"
        };
        caps.push(with_clause(
            cap(
                code,
                ids.clone(),
                format!(
                    "Answers claim {label} management is operated with records{}, but the \
                     imported operating records hold no {label} records from {window}: {consequence}.",
                    ids_list(&ids)
                ),
                format!(
                    "Import the service desk's {label} records for {window} (Records, Import), \
                     or answer these questions at the level the records show."
                ),
            ),
            &claimed[0].question.clause,
        ));
    }
}

fn duty_line(d: &OverdueDuty) -> String {
    let times = if d.overdue > 1 {
        format!(", missed {} times since", d.overdue)
    } else {
        String::new()
    };
    let never = if d.ever_done { "" } else { ", never done" };
    let owner = if d.owner.trim().is_empty() {
        String::new()
    } else {
        format!(" ({})", d.owner.trim())
    };
    format!("\"{}\" due {}{times}{never}{owner}", d.title, d.first_due)
}

/// Overdue calendar duties, one cap per clause they serve.
///
/// One overdue duty that has been done before is an isolated lapse: the plan said it would
/// be done, it was not yet, and the auditor would raise a minor nonconformity (soft cap, at
/// most Nearly ready). Stricter, and hard (Not ready), when the lapse is systematic: a duty
/// missed two cycles running; [`MANY_OVERDUE`] or more overdue duties in one clause (several
/// lapses against the same requirement are graded together); or a duty of an
/// [`INTERVAL_DUTIES`] duty that has never been done at all (a continuity plan never tested,
/// no internal audit, no management review). Contract notice dates and evidence
/// expiry do not count (see [`overdue_duties`](crate::scoring::overdue_duties)).
fn overdue_duties(cx: &Context<'_>, caps: &mut Vec<Cap>) {
    let mut by_clause: BTreeMap<&str, Vec<&OverdueDuty>> = BTreeMap::new();
    for d in &cx.inputs.overdue {
        by_clause.entry(d.clause.as_str()).or_default().push(d);
    }
    for (clause, duties) in by_clause {
        let repeated = duties.iter().any(|d| d.overdue >= 2);
        let never = duties.iter().any(|d| {
            !d.ever_done
                && d.kind == OccurrenceKind::Duty
                && INTERVAL_DUTIES.contains(&d.series_id.as_str())
        });
        let many = duties.len() >= MANY_OVERDUE;
        let lines: Vec<String> = duties.iter().map(|d| duty_line(d)).collect();
        let listed = lines.join("; ");
        let (code, why) = if repeated || never || many {
            let why = if never {
                "a test or review the standard requires at planned intervals has never been \
                 done, which an auditor grades as a major nonconformity"
            } else if repeated {
                "a duty missed cycle after cycle shows the plan is not being kept: a major \
                 nonconformity rather than a lapse"
            } else {
                "several lapses against the same requirement are graded together as a major \
                 nonconformity"
            };
            (CapCode::DutyNotKept, why)
        } else {
            (
                CapCode::OverdueDuty,
                "a planned activity not done when due is a minor nonconformity at Stage 2",
            )
        };
        caps.push(with_clause(
            cap(
                code,
                Vec::new(),
                format!(
                    "Calendar, clause {}: {listed}, with no record: {why}.",
                    cx.clause_name(clause)
                ),
                "Do each overdue duty and attach its record in the calendar (evidence, or a \
                 file with a note); if the plan changed, change the duty's date or frequency \
                 and the document that promises it."
                    .into(),
            ),
            clause,
        ));
    }
}

fn risk_line(r: &RiskDue) -> String {
    format!("\"{}\" (due for review {})", r.title, r.review_on)
}

/// Risks past their review date, one cap per clause (6.1, 8.7.3.1). Soft: a risk review
/// overdue is a lapse the auditor raises as minor. Hard when every open entry of the
/// register is past its review date (at least two): the register is not being maintained,
/// which fails 6.1 as a whole.
fn risk_reviews(cx: &Context<'_>, caps: &mut Vec<Cap>) {
    let risks = &cx.inputs.risks;
    if risks.past_review.is_empty() {
        return;
    }
    let all = risks.open >= 2 && risks.past_review.len() as u32 >= risks.open;
    let mut by_clause: BTreeMap<&str, Vec<&RiskDue>> = BTreeMap::new();
    for r in &risks.past_review {
        by_clause.entry(r.clause.as_str()).or_default().push(r);
    }
    if all {
        let ids: Vec<String> = risks.past_review.iter().map(risk_line).collect();
        caps.push(with_clause(
            cap(
                CapCode::RiskRegisterNotReviewed,
                Vec::new(),
                format!(
                    "Risk register: all {} open entries are past their review date ({}): the \
                     register is not being maintained, a major nonconformity against 6.1.",
                    risks.open,
                    shorten(&ids)
                ),
                "Review the register with the risk owners: re-rate each entry, check its \
                 treatment actions, and set its next review date."
                    .into(),
            ),
            crate::risks::CLAUSE,
        ));
        return;
    }
    for (clause, due) in by_clause {
        let lines: Vec<String> = due.iter().map(|r| risk_line(r)).collect();
        caps.push(with_clause(
            cap(
                CapCode::RiskReviewOverdue,
                Vec::new(),
                format!(
                    "Risk register, clause {}: {} past its review date: {}. Risks not \
                     reviewed when planned are a minor nonconformity.",
                    cx.clause_name(clause),
                    if lines.len() == 1 {
                        "one entry is".to_owned()
                    } else {
                        format!("{} entries are", lines.len())
                    },
                    shorten(&lines)
                ),
                "Review each entry with its owner (rating, treatment, actions) and set its \
                 next review date."
                    .into(),
            ),
            clause,
        ));
    }
}

/// Up to [`IDS_IN_REASON`] items, then how many more.
fn shorten(items: &[String]) -> String {
    if items.len() <= IDS_IN_REASON {
        items.join("; ")
    } else {
        format!(
            "{}; and {} more",
            items[..IDS_IN_REASON].join("; "),
            items.len() - IDS_IN_REASON
        )
    }
}

/// Open nonconformities in the action register. A major one not closed is a hard cap: a
/// certification body does not recommend certification while a major nonconformity is open.
/// A minor one without a root cause and corrective action recorded is a soft cap: the
/// auditor accepts open minors only with a plan to correct them.
fn nonconformities(cx: &Context<'_>, caps: &mut Vec<Cap>) {
    for nc in &cx.inputs.nonconformities {
        let requirement = if nc.requirement.trim().is_empty() {
            String::new()
        } else {
            format!(" against {}", nc.requirement.trim())
        };
        match nc.grade {
            NcSeverity::Major => caps.push(cap(
                CapCode::OpenMajorNonconformity,
                Vec::new(),
                format!(
                    "Action register: major nonconformity \"{}\"{requirement} (action {}) is \
                     not closed: a certification body does not recommend certification with \
                     a major nonconformity open.",
                    nc.title, nc.action_id
                ),
                "Correct it, find the root cause, carry out the corrective action, verify it \
                 worked and close the finding with that record."
                    .into(),
            )),
            NcSeverity::Minor if !nc.planned => caps.push(cap(
                CapCode::MinorNonconformityUnplanned,
                Vec::new(),
                format!(
                    "Action register: minor nonconformity \"{}\"{requirement} (action {}) has \
                     no root cause and corrective action recorded: an auditor accepts open \
                     minor nonconformities only with a plan to correct them.",
                    nc.title, nc.action_id
                ),
                "Record the root cause and the corrective action (with owner and due date) on \
                 the action, or close it with its verification."
                    .into(),
            )),
            NcSeverity::Minor => {}
        }
    }
}

/// What the Stage 2 checks read from the registers and records, by check topic.
pub(crate) fn check_records(cx: &Context<'_>) -> Vec<(&'static str, Vec<String>)> {
    let op = &cx.inputs.operating;
    let mut period = Vec::new();
    if let Some((first, last)) = &op.records_span {
        period.push(format!(
            "Imported operating records: {} month(s) with records, {first} to {last}.",
            op.record_months
        ));
    }
    match (&op.records_since, op.since_from_records) {
        (Some(since), true) => period.push(format!(
            "The period is counted from {since}, where the records' unbroken run up to now \
             starts."
        )),
        (Some(since), false) => period.push(format!(
            "The period is counted from {since}, the date set in the scorecard settings."
        )),
        (None, _) => {}
    }
    let r = &cx.inputs.records;
    let mut claims = Vec::new();
    if r.any() {
        let counts: Vec<String> = [
            RecordKind::Incident,
            RecordKind::Request,
            RecordKind::Change,
        ]
        .into_iter()
        .map(|k| format!("{} records in {} of them", kind_label(k), r.recent(k)))
        .collect();
        claims.push(format!(
            "Imported operating records, months {} to {}: {}.",
            month_label(r.window_from),
            month_label(r.window_to),
            counts.join("; ")
        ));
    }
    let (audit, review) = register_lines(cx);
    let ncs = &cx.inputs.nonconformities;
    let mut nc_lines = Vec::new();
    if cx.inputs.audit.is_some() || !ncs.is_empty() {
        let major = ncs.iter().filter(|n| n.grade == NcSeverity::Major).count();
        let minor = ncs.len() - major;
        let unplanned = ncs
            .iter()
            .filter(|n| n.grade == NcSeverity::Minor && !n.planned)
            .count();
        nc_lines.push(format!(
            "Action register: {major} major and {minor} minor nonconformity(ies) open, {unplanned} \
             minor without a corrective action."
        ));
    }
    let risks = &cx.inputs.risks;
    let kept = vec![format!(
        "Calendar: {} duty(ies) overdue without a record. Risk register: {} of {} open \
         entries past their review date.",
        cx.inputs.overdue.len(),
        risks.past_review.len(),
        risks.open
    )];
    vec![
        (TOPIC_OPERATING, period),
        ("Planned activities kept", kept),
        (TOPIC_RECORDS, claims),
        ("Internal audit cycle", audit),
        ("Management review", review),
        ("Nonconformities under control", nc_lines),
    ]
}

/// What the audit and review registers show, when they hold anything.
pub(crate) fn register_lines(cx: &Context<'_>) -> (Vec<String>, Vec<String>) {
    let audit = cx
        .inputs
        .audit
        .as_ref()
        .map(|a| {
            let covered = if a.clauses_not_covered.is_empty() {
                "clauses 4 to 10 covered".to_owned()
            } else {
                format!("not yet covered: {}", a.clauses_not_covered.join(", "))
            };
            vec![format!(
                "Audit register: programme {}, {} audit(s) reported, {covered}.",
                if a.programme { "in place" } else { "missing" },
                a.performed
            )]
        })
        .unwrap_or_default();
    let review = cx
        .inputs
        .review
        .as_ref()
        .map(|r| {
            let next = r
                .next_planned
                .as_deref()
                .map(|d| format!(", next planned {d}"))
                .unwrap_or_default();
            vec![format!(
                "Review register: {} review(s) that count (held with top management, minutes \
                 approved){next}.",
                r.held
            )]
        })
        .unwrap_or_default();
    (audit, review)
}

#[cfg(test)]
mod tests;
