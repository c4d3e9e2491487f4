//! The inputs of a management review (9.3.2), collected from the project's registers and
//! records: one [`InputSection`] per input, each naming where its lines came from and saying
//! "no data yet" where the project holds nothing for it.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assessment::{Action, ActionSource, ActionStatus};
use crate::records::{IssuedReport, Report, ReportFigures};
use crate::risks::{Risk, RiskKind, RiskStatus};
use crate::snapshot::JournalRow;
use crate::suppliers::{Dispute, DisputeStatus, SupplierReview};
use crate::wizard::{OtherPartyKind, WizardData};

/// Which input a section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InputKey {
    /// Status of actions from previous reviews.
    PreviousActions,
    /// Changes in external and internal issues and interested parties (incl. climate).
    ContextChanges,
    /// Service and SMS performance: SLA attainment, objectives and KPIs.
    Performance,
    /// Customer satisfaction and complaints.
    CustomerFeedback,
    /// Performance of suppliers and other parties.
    Suppliers,
    /// Nonconformities and corrective actions.
    Nonconformities,
    /// Internal and external audit results.
    Audits,
    /// Risks and opportunities, and how effective the actions on them were.
    Risks,
    /// Resource needs.
    Resources,
    /// Opportunities for improvement.
    Improvement,
}

/// One input as collected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InputSection {
    /// Which input.
    pub key: InputKey,
    /// Heading.
    pub title: String,
    /// Where the lines came from (module or register of the project).
    pub source: String,
    /// What the project shows, one fact a line.
    pub lines: Vec<String>,
    /// The project holds nothing for this input yet ("no data yet").
    pub no_data: bool,
    /// What to say when `no_data` (e.g. "No audits recorded"); empty otherwise.
    pub empty_note: String,
}

/// Every input of one review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewInputs {
    /// Start of the period: the date the previous review that counts was held.
    pub since: Option<String>,
    /// The day they were collected, `YYYY-MM-DD`.
    pub collected_on: String,
    /// The inputs, in the order of [`InputKey`].
    pub sections: Vec<InputSection>,
}

/// What the store read for [`collect_inputs`].
#[derive(Debug, Clone, Copy)]
pub struct InputSources<'a> {
    /// Date the previous review that counts was held (`YYYY-MM-DD`).
    pub since: Option<&'a str>,
    /// Today.
    pub today: NaiveDate,
    /// The setup wizard's data (people, issues, parties, climate, other parties).
    pub data: &'a WizardData,
    /// Actions decided at earlier reviews.
    pub previous_actions: &'a [Action],
    /// The whole action register.
    pub actions: &'a [Action],
    /// Journal entries about issues, interested parties and the climate decision since `since`.
    pub context_changes: &'a [JournalRow],
    /// SLA measurements of the period, when operating records exist.
    pub sla: Option<&'a Report>,
    /// The latest issue of each monthly service report, with the figures it showed.
    pub service_reports: &'a [(IssuedReport, ReportFigures)],
    /// Objectives and KPI results, one line each (empty: none recorded).
    pub kpis: &'a [String],
    /// Supplier and customer reviews.
    pub supplier_reviews: &'a [SupplierReview],
    /// Disputes with other parties.
    pub disputes: &'a [Dispute],
    /// Audit results, one line each; `None` while the project records no audits.
    pub audits: Option<&'a [String]>,
    /// The risk register.
    pub risks: &'a [Risk],
    /// The firm's risk acceptance level (highest score accepted without treatment).
    pub acceptance: u8,
}

/// The line shown for an input with nothing recorded.
pub const NO_DATA: &str = "No data yet";

fn section(
    key: InputKey,
    title: &str,
    source: &str,
    lines: Vec<String>,
    empty: &str,
) -> InputSection {
    let no_data = lines.is_empty();
    InputSection {
        key,
        title: title.to_owned(),
        source: source.to_owned(),
        lines,
        no_data,
        empty_note: if no_data {
            empty.to_owned()
        } else {
            String::new()
        },
    }
}

fn since_day(since: Option<&str>, day: &str) -> bool {
    since.is_none_or(|s| day.get(..10).unwrap_or(day) > s)
}

fn overdue(a: &Action, today: NaiveDate) -> bool {
    a.status != ActionStatus::Done
        && a.due
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .is_some_and(|d| d < today)
}

fn status_words(a: &Action, today: NaiveDate) -> &'static str {
    if overdue(a, today) {
        return "overdue";
    }
    match a.status {
        ActionStatus::Open => "open",
        ActionStatus::InProgress => "in progress",
        ActionStatus::Done => "done",
    }
}

fn person(data: &WizardData, id: Option<i64>) -> String {
    id.and_then(|id| data.person(id))
        .map_or_else(|| "no owner".to_owned(), |p| p.name.clone())
}

fn action_line(s: &InputSources<'_>, a: &Action) -> String {
    format!(
        "{} (owner {}, due {}): {}",
        a.title,
        person(s.data, a.owner_id),
        a.due.as_deref().unwrap_or("no date"),
        status_words(a, s.today)
    )
}

/// A weighted average of monthly percentages.
#[derive(Default)]
struct Avg {
    sum: f64,
    weight: f64,
}

impl Avg {
    fn add(&mut self, pct: Option<f64>, count: u64) {
        if let Some(p) = pct {
            #[allow(clippy::cast_precision_loss)]
            let w = count as f64;
            self.sum += p * w;
            self.weight += w;
        }
    }

    fn text(&self) -> String {
        if self.weight > 0.0 {
            format!("{:.0} %", self.sum / self.weight)
        } else {
            "not measured".to_owned()
        }
    }
}

/// One line per service with records: its attainment over the period.
fn sla_lines(report: &Report) -> Vec<String> {
    let mut out = Vec::new();
    for s in &report.services {
        let (mut inc, mut req, mut changes, mut failed) = (0u64, 0u64, 0u64, 0u64);
        let (mut resp, mut res, mut ful) = (Avg::default(), Avg::default(), Avg::default());
        for m in &s.months {
            inc += m.incidents;
            req += m.requests;
            changes += m.changes;
            failed += m.changes_failed;
            resp.add(m.incidents_response_met_pct, m.incidents);
            res.add(m.incidents_resolution_met_pct, m.incidents);
            ful.add(m.requests_fulfilled_met_pct, m.requests);
        }
        if inc + req + changes == 0 {
            continue;
        }
        out.push(format!(
            "{}: {inc} incidents (response within target {}, resolution within target {}), \
             {req} requests (fulfilled within target {}), {changes} changes ({failed} failed)",
            s.service,
            resp.text(),
            res.text(),
            ful.text(),
        ));
    }
    out
}

fn context_lines(s: &InputSources<'_>) -> Vec<String> {
    let d = s.data;
    let internal = d
        .issues
        .iter()
        .filter(|i| i.kind == crate::wizard::IssueKind::Internal)
        .count();
    let mut out = vec![format!(
        "On record: {internal} internal and {} external issues, {} interested parties",
        d.issues.len() - internal,
        d.parties.len()
    )];
    out.push(match d.climate.relevant {
        Some(true) => format!("Climate change judged relevant: {}", d.climate.rationale),
        Some(false) => format!(
            "Climate change judged not relevant: {}",
            d.climate.rationale
        ),
        None => "Climate change: not decided yet (4.1 asks for a decision)".to_owned(),
    });
    if s.context_changes.is_empty() {
        out.push(match s.since {
            Some(since) => format!("No changes recorded since the last review on {since}"),
            None => "First review: the whole context is new to the review".to_owned(),
        });
    }
    for j in s.context_changes {
        let what = match j.kind.as_str() {
            "wizard_issue_added" => "issue added",
            "wizard_issue_changed" => "issue changed",
            "wizard_issue_removed" => "issue removed",
            "wizard_party_saved" => "interested party saved",
            "wizard_party_removed" => "interested party removed",
            "wizard_climate" => "climate decision changed",
            other => other,
        };
        out.push(format!(
            "{}: {what}: {}",
            j.at.get(..10).unwrap_or(&j.at),
            j.detail
        ));
    }
    out
}

fn party_name(d: &WizardData, id: i64) -> (String, Option<OtherPartyKind>) {
    d.other_parties.iter().find(|p| p.id == id).map_or_else(
        || (format!("party {id}"), None),
        |p| (p.name.clone(), Some(p.kind)),
    )
}

/// Reviews and open disputes of the parties `of_kind` selects.
fn party_lines(
    s: &InputSources<'_>,
    of_kind: impl Fn(Option<OtherPartyKind>) -> bool,
) -> Vec<String> {
    let mut out = Vec::new();
    for r in s
        .supplier_reviews
        .iter()
        .filter(|r| since_day(s.since, &r.reviewed_on))
    {
        let (name, kind) = party_name(s.data, r.party_id);
        if of_kind(kind) {
            let issues = if r.issues.trim().is_empty() {
                "no issues".to_owned()
            } else {
                r.issues.trim().to_owned()
            };
            out.push(format!(
                "{name}: rated {}/5 on {} ({issues})",
                r.rating, r.reviewed_on
            ));
        }
    }
    for d in s
        .disputes
        .iter()
        .filter(|d| d.status == DisputeStatus::Open)
    {
        let (name, kind) = party_name(s.data, d.party_id);
        if of_kind(kind) {
            out.push(format!(
                "{name}: open dispute since {}: {}",
                d.opened_on, d.description
            ));
        }
    }
    out
}

/// Whether `a` is a risk treatment or a supplier-review follow-up (reported with those
/// inputs, not as a nonconformity or an improvement).
fn linked_elsewhere(s: &InputSources<'_>, a: &Action) -> bool {
    s.risks.iter().any(|r| r.action_ids.contains(&a.id))
        || s.supplier_reviews
            .iter()
            .any(|r| r.action_ids.contains(&a.id))
}

fn nonconformity_lines(s: &InputSources<'_>) -> Vec<String> {
    let ncs: Vec<&Action> = s
        .actions
        .iter()
        .filter(|a| matches!(a.source, ActionSource::Audit | ActionSource::Other))
        .filter(|a| !linked_elsewhere(s, a))
        .collect();
    if ncs.is_empty() {
        return Vec::new();
    }
    let done = ncs
        .iter()
        .filter(|a| a.status == ActionStatus::Done)
        .count();
    let verified = ncs
        .iter()
        .filter(|a| a.status == ActionStatus::Done && !a.verification.trim().is_empty())
        .count();
    let late = ncs.iter().filter(|a| overdue(a, s.today)).count();
    let mut out = vec![format!(
        "{} nonconformities and corrective actions: {} open, {done} closed ({verified} with \
         effectiveness verified), {late} overdue",
        ncs.len(),
        ncs.len() - done
    )];
    out.extend(
        ncs.iter()
            .filter(|a| a.status != ActionStatus::Done)
            .map(|a| action_line(s, a)),
    );
    out
}

fn risk_lines(s: &InputSources<'_>) -> Vec<String> {
    let live: Vec<&Risk> = s
        .risks
        .iter()
        .filter(|r| r.status != RiskStatus::Closed)
        .collect();
    if live.is_empty() {
        return Vec::new();
    }
    let risks = live.iter().filter(|r| r.kind == RiskKind::Risk).count();
    let above = live
        .iter()
        .filter(|r| r.kind == RiskKind::Risk)
        .filter(|r| r.residual.unwrap_or(r.inherent).score() > s.acceptance)
        .count();
    let linked: Vec<&Action> = s
        .actions
        .iter()
        .filter(|a| live.iter().any(|r| r.action_ids.contains(&a.id)))
        .collect();
    let done = linked
        .iter()
        .filter(|a| a.status == ActionStatus::Done)
        .count();
    let lowered = live
        .iter()
        .filter(|r| r.residual.is_some_and(|x| x.score() < r.inherent.score()))
        .count();
    let due = live
        .iter()
        .filter(|r| {
            r.review_on
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .is_some_and(|d| d < s.today)
        })
        .count();
    vec![
        format!(
            "{risks} risks and {} opportunities open; {above} risks above the acceptance level \
             ({})",
            live.len() - risks,
            s.acceptance
        ),
        format!(
            "Treatment actions: {done} of {} done; {lowered} entries rated lower after \
             treatment than before",
            linked.len()
        ),
        format!("{due} entries past their review date"),
    ]
}

fn resource_lines(s: &InputSources<'_>) -> Vec<String> {
    let d = s.data;
    if d.people.is_empty() {
        return Vec::new();
    }
    let external = d.people.iter().filter(|p| p.external).count();
    let mut out = vec![format!(
        "{} people on the team ({external} external) for a stated headcount of {}",
        d.people.len(),
        d.profile.headcount
    )];
    for p in &d.people {
        let roles = d
            .assignments
            .iter()
            .filter(|a| a.holders.contains(&p.id))
            .count();
        if roles >= 5 {
            out.push(format!(
                "{} holds {roles} roles: a key-person dependency to weigh",
                p.name
            ));
        }
    }
    let late = s.actions.iter().filter(|a| overdue(a, s.today)).count();
    if late > 0 {
        out.push(format!(
            "{late} actions overdue in the register: a sign of too little time or people"
        ));
    }
    out
}

fn improvement_lines(s: &InputSources<'_>) -> Vec<String> {
    let mut out: Vec<String> = s
        .risks
        .iter()
        .filter(|r| r.kind == RiskKind::Opportunity && r.status != RiskStatus::Closed)
        .map(|r| format!("Opportunity: {}", r.title))
        .collect();
    out.extend(
        s.actions
            .iter()
            .filter(|a| a.source == ActionSource::Other && a.status != ActionStatus::Done)
            .filter(|a| !linked_elsewhere(s, a))
            .map(|a| format!("Improvement action: {}", action_line(s, a))),
    );
    out
}

/// One line per monthly service report issued in the period (after `since`): the month's
/// figures as the issued report showed them.
fn issued_report_lines(s: &InputSources<'_>) -> Vec<String> {
    let pct = |v: Option<f64>| v.map_or_else(|| "not measured".to_owned(), |v| format!("{v:.0} %"));
    s.service_reports
        .iter()
        .filter(|(r, _)| since_day(s.since, &r.issued_on))
        .map(|(r, f)| {
            let m = &f.this_month;
            format!(
                "Service report {} {} (v{}, issued {} by {}): {} incidents, resolved within \
                 target {}; {} requests, fulfilled within target {}; {} changes ({} failed)",
                r.service,
                r.month,
                r.version,
                r.issued_on,
                r.issued_by_name,
                m.incidents,
                pct(m.incidents_resolution_met_pct),
                m.requests,
                pct(m.requests_fulfilled_met_pct),
                m.changes,
                m.changes_failed
            )
        })
        .collect()
}

/// Collects every input of a review from what the store read.
pub fn collect_inputs(s: &InputSources<'_>) -> ReviewInputs {
    let sla = s.sla.map(sla_lines).unwrap_or_default();
    let mut performance = Vec::new();
    if !sla.is_empty() || !s.kpis.is_empty() {
        if sla.is_empty() {
            performance.push(format!("SLA attainment: {}", NO_DATA.to_lowercase()));
        }
        performance.extend(sla);
        performance.extend(issued_report_lines(s));
        if s.kpis.is_empty() {
            performance.push(format!("Objectives and KPIs: {}", NO_DATA.to_lowercase()));
        }
        performance.extend(s.kpis.iter().cloned());
    }
    let sections = vec![
        section(
            InputKey::PreviousActions,
            "Status of actions from previous reviews",
            "Action register (source: management review)",
            s.previous_actions
                .iter()
                .map(|a| action_line(s, a))
                .collect(),
            "No actions from previous reviews",
        ),
        section(
            InputKey::ContextChanges,
            "Changes in external and internal issues and interested parties",
            "Setup wizard (context, interested parties, climate decision) and the project journal",
            context_lines(s),
            NO_DATA,
        ),
        section(
            InputKey::Performance,
            "Service and SMS performance",
            if s.service_reports.is_empty() {
                "Operating records (SLA report); objectives and KPIs"
            } else {
                "Operating records (SLA report and the monthly service reports issued); \
                 objectives and KPIs"
            },
            performance,
            "No data yet: no operating records imported and no objectives or KPIs recorded",
        ),
        section(
            InputKey::CustomerFeedback,
            "Customer satisfaction and complaints",
            "Supplier register: reviews and disputes of customers",
            party_lines(s, |k| k == Some(OtherPartyKind::Customer)),
            "No data yet: no customer reviews, satisfaction results or complaints recorded",
        ),
        section(
            InputKey::Suppliers,
            "Performance of suppliers",
            "Supplier register: supplier reviews and disputes",
            party_lines(s, |k| k != Some(OtherPartyKind::Customer)),
            "No data yet: no supplier reviews recorded in the period",
        ),
        section(
            InputKey::Nonconformities,
            "Nonconformities and corrective actions",
            "Action register (audit findings and other nonconformities)",
            nonconformity_lines(s),
            "No nonconformities recorded",
        ),
        section(
            InputKey::Audits,
            "Audit results",
            "Internal audits",
            s.audits.map(<[String]>::to_vec).unwrap_or_default(),
            "No audits recorded",
        ),
        section(
            InputKey::Risks,
            "Risks and opportunities, and effectiveness of actions taken",
            "Risk register and its treatment actions",
            risk_lines(s),
            "No data yet: the risk register is empty",
        ),
        section(
            InputKey::Resources,
            "Resource needs",
            "Setup wizard (people and roles) and the action register",
            resource_lines(s),
            "No data yet: no people recorded",
        ),
        section(
            InputKey::Improvement,
            "Opportunities for improvement",
            "Risk register (opportunities) and the action register",
            improvement_lines(s),
            "No opportunities for improvement recorded",
        ),
    ];
    ReviewInputs {
        since: s.since.map(str::to_owned),
        collected_on: s.today.format("%Y-%m-%d").to_string(),
        sections,
    }
}
