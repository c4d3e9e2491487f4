//! What the registers and records hold, turned into verdict inputs: the imported operating
//! records per process and month, the calendar's overdue duties, the risks past their review
//! date, and (once those registers exist) the internal-audit, management-review and
//! nonconformity facts.
//!
//! One computation for both paths: the app (the store gathers a [`RecordBasis`] from its
//! tables) and the dossier (which gathers it from a snapshot with
//! [`RecordBasis::from_snapshot`]) both hand it to [`inputs_for`](super::inputs_for), which
//! applies it with [`apply_records`]. The same project therefore gets the same verdict in the
//! app and in the dossier.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::inputs::{AuditFacts, ReviewFacts, VerdictInputs};
use crate::assessment::Action;
use crate::audits::{FindingGrade, NcStage, Nonconformity, nc_stage};
use crate::calendar::{CompletionRef, OccurrenceKind, OccurrenceStatus, Series, Window};
use crate::records::RecordKind;
use crate::risks::{Risk, RiskKind, RiskStatus};

/// The facts of a project's registers and records the verdict reads, as plain data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordBasis {
    /// Every (kind, month opened as `yyyy * 100 + mm`) with at least one imported record.
    pub ticket_months: Vec<(RecordKind, u32)>,
    /// The risk and opportunity register.
    pub risks: Vec<Risk>,
    /// The calendar's series (duties, document and evidence reviews, supplier reviews).
    pub series: Vec<Series>,
    /// The records that mark calendar occurrences done.
    pub done: Vec<CompletionRef>,
    /// Internal-audit records, once the audit register holds any.
    pub audit: Option<AuditFacts>,
    /// Management-review records, once the review register holds any.
    pub review: Option<ReviewFacts>,
    /// Findings graded major or minor in the action register that are not closed.
    pub nonconformities: Vec<OpenNonconformity>,
}

/// The months (`yyyy * 100 + mm`) in which one kind of operating record was opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KindMonths {
    /// Incident, request or change.
    pub kind: RecordKind,
    /// Months with at least one record, oldest first.
    pub months: Vec<u32>,
}

/// What the imported operating records (service-desk exports) show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OperatingRecords {
    /// Per kind with records, its months.
    pub kinds: Vec<KindMonths>,
    /// First month (`yyyy * 100 + mm`) of the recent window the claims are checked against.
    pub window_from: u32,
    /// Last month of that window (the month judged on).
    pub window_to: u32,
}

impl OperatingRecords {
    /// Whether any operating record was imported.
    pub fn any(&self) -> bool {
        self.kinds.iter().any(|k| !k.months.is_empty())
    }

    /// Months with records of `kind` inside the recent window.
    pub fn recent(&self, kind: RecordKind) -> usize {
        self.kinds
            .iter()
            .filter(|k| k.kind == kind)
            .flat_map(|k| &k.months)
            .filter(|m| (self.window_from..=self.window_to).contains(*m))
            .count()
    }

    /// Every month with a record of any kind, oldest first.
    pub fn all_months(&self) -> Vec<u32> {
        let set: BTreeSet<u32> = self.kinds.iter().flat_map(|k| k.months.clone()).collect();
        set.into_iter().collect()
    }
}

/// The kind of operating record that shows a requirement clause operating, for the clauses
/// whose records are service-desk tickets: incidents (8.6.1), service requests (8.6.2) and
/// changes (8.5.1 and its sub-clauses).
pub fn record_kind_of(clause: &str) -> Option<RecordKind> {
    match clause {
        "8.6.1" => Some(RecordKind::Incident),
        "8.6.2" => Some(RecordKind::Request),
        c if c == "8.5.1" || c.starts_with("8.5.1.") => Some(RecordKind::Change),
        _ => None,
    }
}

/// `Incident` -> "incident" records, for reasons.
pub fn kind_label(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Incident => "incident",
        RecordKind::Request => "service request",
        RecordKind::Change => "change",
    }
}

/// A calendar duty (one series) with occurrences past their due date and no record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OverdueDuty {
    /// The series id (a duty id, `doc-review:…`, `supplier-review:…`, `evidence-review:…`).
    pub series_id: String,
    /// Where it comes from.
    pub kind: OccurrenceKind,
    /// What is to be done.
    pub title: String,
    /// The clause it serves.
    pub clause: String,
    /// Who does it.
    pub owner: String,
    /// The earliest due date still without a record (`YYYY-MM-DD`).
    pub first_due: String,
    /// Occurrences overdue.
    pub overdue: u32,
    /// Whether any occurrence of the series has ever been done with a record.
    pub ever_done: bool,
}

/// A risk or opportunity whose review date has passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RiskDue {
    /// Register id.
    pub risk_id: i64,
    /// Title.
    pub title: String,
    /// 6.1, or 8.7.3.1 for information-security risks.
    pub clause: String,
    /// The review date passed (`YYYY-MM-DD`).
    pub review_on: String,
}

/// The risk register's reviews.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RiskReviews {
    /// Entries not closed.
    pub open: u32,
    /// Entries not closed whose review date has passed, in register order.
    pub past_review: Vec<RiskDue>,
}

/// How serious a nonconformity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NcSeverity {
    /// A requirement not met in a way that puts the system's results in doubt.
    Major,
    /// An isolated lapse.
    Minor,
}

/// A nonconformity in the action register that is not closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OpenNonconformity {
    /// The action's id.
    pub action_id: i64,
    /// The action's title.
    pub title: String,
    /// The requirement (clause) not met.
    pub requirement: String,
    /// Major or minor.
    pub grade: NcSeverity,
    /// Whether the root cause and a corrective action are recorded (the plan an auditor asks
    /// for).
    pub planned: bool,
}

/// The duty of the duty list the internal-audit register records.
pub const AUDIT_DUTY: &str = "DUTY-AUDIT-CYCLE";
/// The duty of the duty list the management-review register records.
pub const REVIEW_DUTY: &str = "DUTY-MGMT-REVIEW";

/// Calendar kinds that do not feed the verdict: a contract notice date passing is a business
/// decision, not a lapse, and an expired piece of evidence already stops counting for its
/// answer.
const NOT_A_DUTY: [OccurrenceKind; 2] = [
    OccurrenceKind::ContractNotice,
    OccurrenceKind::EvidenceExpiry,
];

/// The findings graded major or minor that are not closed, with the title of their action
/// (`actions`) and whether a plan is recorded: root cause and corrective action (the stage
/// [`NcStage::ActionTaken`] or later). Opportunities for improvement are not nonconformities.
pub fn open_nonconformities(actions: &[Action], ncs: &[Nonconformity]) -> Vec<OpenNonconformity> {
    ncs.iter()
        .filter(|nc| nc.closed_on.is_none())
        .filter_map(|nc| {
            let grade = match nc.grade? {
                FindingGrade::Major => NcSeverity::Major,
                FindingGrade::Minor => NcSeverity::Minor,
                FindingGrade::Ofi => return None,
            };
            let action = actions.iter().find(|a| a.id == nc.action_id)?;
            Some(OpenNonconformity {
                action_id: nc.action_id,
                title: action.title.clone(),
                requirement: nc.requirement.clone(),
                grade,
                planned: nc_stage(action, nc) >= NcStage::ActionTaken,
            })
        })
        .collect()
}

/// Months `yyyy * 100 + mm` of `d`.
fn month_of(d: NaiveDate) -> u32 {
    u32::try_from(d.year()).unwrap_or(0) * 100 + d.month()
}

/// `key` moved back `n` months.
fn months_back(key: u32, n: u32) -> u32 {
    let index = (key / 100) * 12 + (key % 100).saturating_sub(1);
    let back = index.saturating_sub(n);
    (back / 12) * 100 + back % 12 + 1
}

/// The overdue calendar duties on `today`, one per series, in series order.
pub fn overdue_duties(
    series: &[Series],
    done: &[CompletionRef],
    today: NaiveDate,
) -> Vec<OverdueDuty> {
    // A window ending today: only occurrences still outstanding from before today come back.
    let window = Window {
        from: today,
        until: today,
    };
    let occurrences = crate::calendar::occurrences(series, done, window, today);
    let done_series: BTreeSet<&str> = done
        .iter()
        .filter_map(|c| c.occurrence_id.rsplit_once('@').map(|(s, _)| s))
        .collect();
    let mut out: Vec<OverdueDuty> = Vec::new();
    for o in occurrences
        .iter()
        .filter(|o| o.status == OccurrenceStatus::Overdue && !NOT_A_DUTY.contains(&o.kind))
    {
        let series_id = o.id.rsplit_once('@').map_or(o.id.as_str(), |(s, _)| s);
        match out.iter_mut().find(|d| d.series_id == series_id) {
            Some(d) => d.overdue += 1,
            None => out.push(OverdueDuty {
                series_id: series_id.to_owned(),
                kind: o.kind,
                title: o.title.clone(),
                clause: o.clause.clone(),
                owner: o.owner.clone(),
                first_due: o.due.to_string(),
                overdue: 1,
                ever_done: done_series.contains(series_id),
            }),
        }
    }
    out
}

/// The risk register's review state on `today`.
pub fn risk_reviews(risks: &[Risk], today: NaiveDate) -> RiskReviews {
    let open: Vec<&Risk> = risks
        .iter()
        .filter(|r| r.status != RiskStatus::Closed)
        .collect();
    let past_review = open
        .iter()
        .filter_map(|r| {
            let on = crate::risks::parse_date(r.review_on.as_deref()).ok()??;
            (on < today).then(|| RiskDue {
                risk_id: r.id,
                title: r.title.clone(),
                clause: if r.infosec && r.kind == RiskKind::Risk {
                    crate::risks::INFOSEC_CLAUSE.into()
                } else {
                    crate::risks::CLAUSE.into()
                },
                review_on: on.to_string(),
            })
        })
        .collect();
    RiskReviews {
        open: u32::try_from(open.len()).unwrap_or(u32::MAX),
        past_review,
    }
}

/// The operating records of `ticket_months`, with the recent window: the `window` months up
/// to and including `today`'s month.
pub fn operating_records(
    ticket_months: &[(RecordKind, u32)],
    window: u32,
    today: NaiveDate,
) -> OperatingRecords {
    let mut by_kind: BTreeMap<RecordKind, BTreeSet<u32>> = BTreeMap::new();
    for (kind, month) in ticket_months {
        by_kind.entry(*kind).or_default().insert(*month);
    }
    let to = month_of(today);
    OperatingRecords {
        kinds: by_kind
            .into_iter()
            .map(|(kind, months)| KindMonths {
                kind,
                months: months.into_iter().collect(),
            })
            .collect(),
        window_from: months_back(to, window.max(1) - 1),
        window_to: to,
    }
}

/// The start of the operating period the records show: the first day of the first month of
/// the unbroken run of months with records that reaches this month or the last one. `None`
/// when there are no records, or when they stopped before last month (old records do not
/// show the processes operating now).
pub fn records_start(months: &[u32], today: NaiveDate) -> Option<NaiveDate> {
    let last = *months.last()?;
    let now = month_of(today);
    if last < months_back(now, 1) {
        return None;
    }
    let mut first = last;
    for &m in months.iter().rev().skip(1) {
        if m == months_back(first, 1) {
            first = m;
        } else {
            break;
        }
    }
    NaiveDate::from_ymd_opt(i32::try_from(first / 100).ok()?, first % 100, 1)
}

/// `YYYY-MM` of a month key.
pub fn month_label(key: u32) -> String {
    format!("{:04}-{:02}", key / 100, key % 100)
}

/// Applies `basis` to `inputs` on `today`: the operating records (and the operating period
/// they show when the firm has not said since when it keeps records), the overdue duties, the
/// risk reviews, and the audit, review and nonconformity records.
pub fn apply_records(inputs: &mut VerdictInputs, basis: &RecordBasis, today: NaiveDate) {
    let records = operating_records(
        &basis.ticket_months,
        inputs.operating.required_months,
        today,
    );
    inputs.operating.with_records(&records.all_months(), today);
    inputs.records = records;
    inputs.overdue = overdue_duties(&basis.series, &basis.done, today);
    // The audit and review registers are the records of those two duties: one performed or
    // held there means the duty has been done before, even when the calendar occurrence was
    // not marked done (a late one stays a lapse, not a breakdown).
    let audited = basis.audit.as_ref().is_some_and(|a| a.performed > 0);
    let reviewed = basis.review.as_ref().is_some_and(|r| r.held > 0);
    for d in &mut inputs.overdue {
        if (d.series_id == AUDIT_DUTY && audited) || (d.series_id == REVIEW_DUTY && reviewed) {
            d.ever_done = true;
        }
    }
    inputs.risks = risk_reviews(&basis.risks, today);
    if basis.audit.is_some() {
        inputs.audit.clone_from(&basis.audit);
    }
    if basis.review.is_some() {
        inputs.review.clone_from(&basis.review);
    }
    inputs.nonconformities.clone_from(&basis.nonconformities);
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::d;

    #[test]
    fn months_step_back_over_year_ends() {
        assert_eq!(months_back(202601, 1), 202512);
        assert_eq!(months_back(202603, 2), 202601);
        assert_eq!(months_back(202612, 0), 202612);
        assert_eq!(months_back(202601, 13), 202412);
    }

    #[test]
    fn the_records_start_is_the_unbroken_run_reaching_now() {
        let today = d("2026-10-15");
        assert_eq!(records_start(&[], today), None);
        assert_eq!(
            records_start(&[202605, 202606, 202607, 202608, 202609, 202610], today),
            Some(d("2026-05-01"))
        );
        // A gap restarts the run; records up to last month still count.
        assert_eq!(
            records_start(&[202601, 202602, 202607, 202608, 202609], today),
            Some(d("2026-07-01"))
        );
        // Records that stopped before last month do not show operation now.
        assert_eq!(records_start(&[202605, 202606, 202607], today), None);
    }

    #[test]
    fn clauses_map_to_the_records_that_show_them() {
        assert_eq!(record_kind_of("8.6.1"), Some(RecordKind::Incident));
        assert_eq!(record_kind_of("8.6.2"), Some(RecordKind::Request));
        assert_eq!(record_kind_of("8.5.1.3"), Some(RecordKind::Change));
        assert_eq!(record_kind_of("8.5.2.1"), None);
        assert_eq!(record_kind_of("8.6.3"), None);
    }

    #[test]
    fn recent_records_count_inside_the_window_only() {
        let r = operating_records(
            &[
                (RecordKind::Incident, 202609),
                (RecordKind::Incident, 202610),
                (RecordKind::Change, 202601),
            ],
            3,
            d("2026-10-15"),
        );
        assert_eq!((r.window_from, r.window_to), (202608, 202610));
        assert_eq!(r.recent(RecordKind::Incident), 2);
        assert_eq!(r.recent(RecordKind::Change), 0);
        assert_eq!(r.recent(RecordKind::Request), 0);
        assert!(r.any());
        assert_eq!(r.all_months(), [202601, 202609, 202610]);
    }
}
