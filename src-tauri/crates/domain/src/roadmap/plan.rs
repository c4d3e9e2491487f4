//! Dates: the planned window of every step, built backwards from the Stage 2 date, and the
//! earliest Stage 2 date what remains allows, built forwards from today.

use chrono::{Days, Months, NaiveDate};

use super::{RoadmapWarning, WarningLevel, ymd};
use crate::wizard::FirmProfile;

/// Planned weeks between Stage 1 and Stage 2, to close what Stage 1 raises (in days).
pub const STAGE_GAP_DAYS: u64 = 42;
/// The shortest Stage 1 to Stage 2 gap the warning accepts: the Stage 1 report has to arrive
/// and its areas of concern be dealt with before Stage 2.
pub const STAGE_GAP_MIN_DAYS: u64 = 28;
/// The shortest full internal-audit cycle over clauses 4 to 10 for a small firm, reports
/// included.
pub const AUDIT_CYCLE_MIN_DAYS: u64 = 21;
/// Days after the last internal audit before the management review can read its results and
/// its minutes be approved.
pub const REVIEW_AFTER_AUDIT_DAYS: u64 = 7;
/// The shortest time to finish, issue and approve the remaining required documents.
pub const DOCUMENTS_MIN_DAYS: u64 = 14;
/// Notice a certification body commonly needs to quote, contract and plan Stage 1, counted
/// while no body is named in the firm profile.
pub const BOOKING_LEAD_DAYS: u64 = 28;
/// Less spare time than this before the target date is worth a warning.
pub const TIGHT_SLACK_DAYS: i64 = 14;

/// A step's planned window.
pub type Window = (NaiveDate, NaiveDate);

/// The planned windows, built backwards from the Stage 2 date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// Scope and documents approved by the start of operation.
    pub documents: Window,
    /// Operation with records, up to Stage 2.
    pub operate: Window,
    /// The internal-audit cycle.
    pub audit: Window,
    /// The management review.
    pub review: Window,
    /// Stage 1.
    pub stage1: NaiveDate,
    /// Stage 2.
    pub stage2: NaiveDate,
    /// The certification decision, estimated six weeks after Stage 2.
    pub decision: NaiveDate,
    /// Surveillance year one, two, and recertification windows.
    pub surveillance1: Window,
    /// Surveillance year two.
    pub surveillance2: Window,
    /// Recertification, before the certificate expires.
    pub recertification: Window,
}

fn minus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(d)
}

fn plus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

fn minus_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(n)).unwrap_or(d)
}

fn plus_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n)).unwrap_or(d)
}

/// The plan for a Stage 2 audit on `stage2` after `months` months of records:
/// Stage 1 six weeks before; the management review in the two weeks before Stage 1; the
/// internal-audit cycle in the four weeks before that (not before operation starts); operation
/// from `months` before Stage 2; documents approved by the start of operation. After Stage 2:
/// the decision (about six weeks), surveillance in the two months before each anniversary of
/// the decision, and recertification in the six months before the certificate expires.
pub fn plan(stage2: NaiveDate, months: u32) -> Plan {
    let stage1 = minus_days(stage2, STAGE_GAP_DAYS);
    let review = (minus_days(stage1, 14), minus_days(stage1, 7));
    let operate = (minus_months(stage2, months), stage2);
    let audit_to = minus_days(review.0, 1);
    let audit_from = minus_days(audit_to, 28)
        .max(operate.0)
        .min(minus_days(audit_to, 7));
    let decision = plus_days(stage2, 42);
    let before = |months: u32, span: u32| {
        let due = plus_months(decision, months);
        (minus_months(due, span), due)
    };
    Plan {
        documents: (minus_months(operate.0, 2), operate.0),
        operate,
        audit: (audit_from, audit_to),
        review,
        stage1,
        stage2,
        decision,
        surveillance1: before(12, 2),
        surveillance2: before(24, 2),
        recertification: before(36, 6),
    }
}

/// What is left to do, as the earliest-date rule needs it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Remaining {
    /// Required documents not yet approved.
    pub documents_left: u32,
    /// The setup wizard has open errors (scope and setup are not settled).
    pub setup_open: bool,
    /// Since when the processes run with records, if known.
    pub records_since: Option<NaiveDate>,
    /// Months of records asked for before Stage 2.
    pub months: u32,
    /// A full internal-audit cycle is reported.
    pub audit_done: bool,
    /// A management review by top management is held, with minutes.
    pub review_done: bool,
}

/// The earliest dates what remains allows, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Earliest {
    /// The earliest Stage 1.
    pub stage1: NaiveDate,
    /// The earliest Stage 2.
    pub stage2: NaiveDate,
    /// Each constraint, in words, with the date it allows (latest first).
    pub reasons: Vec<(NaiveDate, String)>,
}

/// The earliest Stage 1 and Stage 2 dates from `today`: Stage 1 once the documents are
/// approved, the internal-audit cycle is reported and the management review has read it (and
/// a certification body had notice, when none is named); Stage 2 at least
/// [`STAGE_GAP_MIN_DAYS`] after Stage 1 and not before the months of records are reached.
pub fn earliest(r: &Remaining, profile: &FirmProfile, today: NaiveDate) -> Earliest {
    let mut reasons: Vec<(NaiveDate, String)> = Vec::new();
    let mut stage1 = today;
    if r.documents_left > 0 || r.setup_open {
        let d = plus_days(today, DOCUMENTS_MIN_DAYS);
        let setup = if r.setup_open {
            " (and the setup wizard's open errors settled)"
        } else {
            ""
        };
        reasons.push((
            d,
            format!(
                "{} required document(s) still to be approved{setup}: allow at least {} days \
                 to finish, issue and approve them; the Stage 1 auditor reviews them first.",
                r.documents_left, DOCUMENTS_MIN_DAYS
            ),
        ));
        stage1 = stage1.max(d);
    }
    let audit_done = if r.audit_done {
        today
    } else {
        let d = plus_days(today, AUDIT_CYCLE_MIN_DAYS);
        reasons.push((
            d,
            format!(
                "No full internal-audit cycle over clauses 4 to 10 is reported yet: a small \
                 firm needs at least {AUDIT_CYCLE_MIN_DAYS} days for one, reports included."
            ),
        ));
        d
    };
    if !r.review_done || !r.audit_done {
        let d = plus_days(audit_done, REVIEW_AFTER_AUDIT_DAYS);
        reasons.push((
            d,
            "Top management has to hold a management review after the internal audit, \
             reading its results, with approved minutes."
                .to_owned(),
        ));
        stage1 = stage1.max(d);
    }
    if profile.certification_body.trim().is_empty() {
        let d = plus_days(today, BOOKING_LEAD_DAYS);
        reasons.push((
            d,
            format!(
                "No certification body is named yet: getting a quote, a contract and a Stage 1 \
                 slot commonly takes {BOOKING_LEAD_DAYS} days or more."
            ),
        ));
        stage1 = stage1.max(d);
    }
    let mut stage2 = plus_days(stage1, STAGE_GAP_MIN_DAYS);
    reasons.push((
        stage2,
        format!(
            "Stage 2 follows Stage 1 by at least {STAGE_GAP_MIN_DAYS} days, so that the areas \
             of concern in the Stage 1 report can be dealt with (earliest Stage 1: {}).",
            ymd(stage1)
        ),
    ));
    let since = r.records_since.filter(|s| *s <= today);
    let reached = plus_months(since.unwrap_or(today), r.months);
    if reached > today {
        let text = match since {
            Some(s) => format!(
                "Records run since {}: the {} months of records the Stage 2 auditor samples \
                 are reached on {}.",
                ymd(s),
                r.months,
                ymd(reached)
            ),
            None => format!(
                "No operating records yet: the Stage 2 auditor samples {} months of records, \
                 so Stage 2 is at least {} months away once records start.",
                r.months, r.months
            ),
        };
        reasons.push((reached, text));
        stage2 = stage2.max(reached);
    }
    reasons.sort_by_key(|r| std::cmp::Reverse(r.0));
    Earliest {
        stage1,
        stage2,
        reasons,
    }
}

/// The warning for a planned Stage 2 on `target` (`None`: no target date set).
pub fn warning(
    target: Option<NaiveDate>,
    earliest: &Earliest,
    today: NaiveDate,
) -> Option<RoadmapWarning> {
    let lines = || {
        earliest
            .reasons
            .iter()
            .map(|(d, text)| format!("{}: {text}", ymd(*d)))
            .collect::<Vec<_>>()
    };
    let Some(target) = target else {
        return Some(RoadmapWarning {
            level: WarningLevel::NoTarget,
            title: format!(
                "No target date is set: the plan shows the earliest Stage 2 possible, {}. Set a \
                 target certification date in the firm profile (setup wizard).",
                ymd(earliest.stage2)
            ),
            reasons: lines(),
        });
    };
    let slack = (target - earliest.stage2).num_days();
    if target < today {
        return Some(RoadmapWarning {
            level: WarningLevel::Passed,
            title: format!(
                "The target date {} has passed. Set a new one in the firm profile; the earliest \
                 Stage 2 possible is {}.",
                ymd(target),
                ymd(earliest.stage2)
            ),
            reasons: lines(),
        });
    }
    if slack < 0 {
        return Some(RoadmapWarning {
            level: WarningLevel::TooClose,
            title: format!(
                "The target date {} is too close for what remains: the earliest Stage 2 an \
                 auditor would accept is {}, {} days later. Move the target date or expect \
                 Stage 2 to be postponed.",
                ymd(target),
                ymd(earliest.stage2),
                -slack
            ),
            reasons: lines(),
        });
    }
    (slack < TIGHT_SLACK_DAYS).then(|| RoadmapWarning {
        level: WarningLevel::Tight,
        title: format!(
            "The target date {} can be met with only {slack} days to spare; any slip moves \
             Stage 2.",
            ymd(target)
        ),
        reasons: lines(),
    })
}
