//! The monthly service report of one service (8.3.3, 9.4), made by the dossier engine: the
//! service's targets against the month's results (with the previous month and the twelve-month
//! figure beside them), the trend over twelve months, and the incidents and changes of note.
//!
//! Pure like [`super::build`]: the same snapshot, service, month and date give the same PDF.

use chrono::NaiveDate;
use ready20k_domain::records::measure::month_key;
use ready20k_domain::records::{MonthMeasures, Priority, ReportFigures, ServiceLevels, SlaClock};
use ready20k_domain::snapshot::{ProjectSnapshot, TicketSnap};

use super::operating::{
    Operating, measure_snapshot, month_label, months_back, months_table, pct_cell, targets_table,
    trend_chart,
};
use super::sections::{changes_table, major_table};
use super::table::rows;
use super::util::{h3, long_date, number, p, plural, sec};
use crate::model::{Cell, Cover, Dossier, KeyValue, Meta, Tone, VerdictLine};

/// Months of trend shown.
const TREND_MONTHS: u32 = 12;

/// Why a service report could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServiceReportError {
    /// No catalogue service has that name.
    #[error("There is no service \"{name}\" in the catalogue; the services are: {known}.")]
    UnknownService {
        /// The name asked for.
        name: String,
        /// The catalogue's service names, joined.
        known: String,
    },
    /// The month is not `YYYY-MM`.
    #[error("The month must be given as YYYY-MM (e.g. 2026-03); got \"{0}\".")]
    BadMonth(String),
}

impl ServiceReportError {
    /// Stable snake_case code for the UI and the CLI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownService { .. } => "unknown_service",
            Self::BadMonth(_) => "bad_month",
        }
    }
}

/// What to report on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceReportOptions {
    /// The catalogue service's name (case-insensitive).
    pub service: String,
    /// The month, `YYYY-MM`.
    pub month: String,
    /// The report's date (printed on it; open records are measured up to it).
    pub date: NaiveDate,
}

/// "March 2026" of a month key.
fn month_name(key: u32) -> String {
    NaiveDate::from_ymd_opt((key / 100) as i32, key % 100, 1)
        .map_or_else(|| month_label(key), |d| d.format("%B %Y").to_string())
}

/// The firm's name as the dossier prints it.
fn firm(snap: &ProjectSnapshot) -> String {
    snap.wizard
        .profile
        .as_ref()
        .map(|p| {
            if p.trading_name.trim().is_empty() {
                p.legal_name.trim().to_owned()
            } else {
                p.trading_name.trim().to_owned()
            }
        })
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| snap.project.firm_name.trim().to_owned())
}

/// Whether an incident or request missed its target (on the target's clock).
fn missed(t: &TicketSnap, levels: &ServiceLevels) -> bool {
    let priority = t.priority.as_deref().and_then(Priority::parse);
    let on = |clock: SlaClock, s: Option<i64>, bs: Option<i64>| match clock {
        SlaClock::TwentyFourSeven => s,
        SlaClock::BusinessHours => bs,
    };
    let over = |limit: Option<u32>, secs: Option<i64>| {
        limit.zip(secs).is_some_and(|(m, s)| s > i64::from(m) * 60)
    };
    match t.kind.as_str() {
        "incident" => levels.target(priority).is_some_and(|x| {
            over(x.response_min, on(x.clock, t.response_s, t.response_bs))
                || over(
                    x.resolution_min,
                    on(x.clock, t.resolution_s, t.resolution_bs),
                )
        }),
        "request" => levels.fulfilment(priority).is_some_and(|f| {
            over(
                Some(f.minutes),
                on(f.clock, t.resolution_s, t.resolution_bs),
            )
        }),
        _ => false,
    }
}

/// Sum of a measure over months, with the percentages weighted by nothing (mean of months
/// that had a value).
fn mean(months: &[MonthMeasures], get: fn(&MonthMeasures) -> Option<f64>) -> Option<f64> {
    let v: Vec<f64> = months.iter().filter_map(get).collect();
    (!v.is_empty()).then(|| (v.iter().sum::<f64>() / v.len() as f64 * 10.0).round() / 10.0)
}

fn results_table(
    this: &MonthMeasures,
    prev: Option<&MonthMeasures>,
    year: &[MonthMeasures],
) -> crate::model::Block {
    type Get = fn(&MonthMeasures) -> Option<f64>;
    let pcts: [(&str, Get); 3] = [
        ("Incidents responded to within target", |m| {
            m.incidents_response_met_pct
        }),
        ("Incidents resolved within target", |m| {
            m.incidents_resolution_met_pct
        }),
        ("Requests fulfilled within target", |m| {
            m.requests_fulfilled_met_pct
        }),
    ];
    type Count = fn(&MonthMeasures) -> u64;
    let counts: [(&str, Count, bool); 6] = [
        ("Incidents", |m| m.incidents, false),
        ("Requests", |m| m.requests, false),
        ("Changes", |m| m.changes, false),
        ("Failed changes", |m| m.changes_failed, true),
        ("Emergency changes", |m| m.changes_emergency, false),
        ("Self-approved changes", |m| m.changes_self_approved, true),
    ];
    let mut lines: Vec<(String, Cell, Cell, Cell)> = pcts
        .iter()
        .map(|(label, get)| {
            (
                (*label).to_owned(),
                pct_cell(get(this)),
                pct_cell(prev.and_then(get)),
                pct_cell(mean(year, *get)),
            )
        })
        .collect();
    for (label, get, bad) in counts {
        let cell = |n: u64| {
            if bad && n > 0 {
                Cell::toned(n.to_string(), Tone::Bad)
            } else {
                Cell::text(n.to_string())
            }
        };
        lines.push((
            label.to_owned(),
            cell(get(this)),
            prev.map_or_else(|| Cell::text("—"), |m| cell(get(m))),
            cell(year.iter().map(get).sum()),
        ));
    }
    rows(lines)
        .col("Measure", 2.6, |l| Cell::text(l.0.clone()))
        .centered("This month", 1.1, |l| l.1.clone())
        .centered("Previous month", 1.1, |l| l.2.clone())
        .centered("Last 12 months", 1.1, |l| l.3.clone())
        .caption("Results against the targets (percentages of the twelve months: mean of the months measured; counts: total)")
}

/// Builds the monthly service report of `opts.service` for `opts.month`.
pub fn service_report(
    snap: &ProjectSnapshot,
    opts: &ServiceReportOptions,
) -> Result<Dossier, ServiceReportError> {
    Ok(service_report_with_figures(snap, opts)?.0)
}

/// [`service_report`] with the catalogue id of the service and the figures the report shows
/// (kept with an issued report).
pub fn service_report_with_figures(
    snap: &ProjectSnapshot,
    opts: &ServiceReportOptions,
) -> Result<(Dossier, i64, ReportFigures), ServiceReportError> {
    let key = month_key(opts.month.trim())
        .ok_or_else(|| ServiceReportError::BadMonth(opts.month.clone()))?;
    let from = months_back(key, TREND_MONTHS - 1);
    let op: Operating<'_> = measure_snapshot(snap, Some(from), Some(key), opts.date);
    let Some((service_id, name, levels)) = op
        .services
        .iter()
        .find(|(_, n, _)| n.trim().eq_ignore_ascii_case(opts.service.trim()))
        .cloned()
    else {
        return Err(ServiceReportError::UnknownService {
            name: opts.service.clone(),
            known: op
                .services
                .iter()
                .map(|(_, n, _)| n.clone())
                .collect::<Vec<_>>()
                .join(", "),
        });
    };
    let months: Vec<MonthMeasures> = op
        .report
        .services
        .iter()
        .find(|s| s.service == name)
        .map(|s| s.months.clone())
        .unwrap_or_default();
    let label = month_label(key);
    let this = months
        .iter()
        .find(|m| m.month == label)
        .cloned()
        .unwrap_or_else(|| MonthMeasures {
            month: label.clone(),
            ..MonthMeasures::default()
        });
    let prev_label = month_label(months_back(key, 1));
    let prev = months.iter().find(|m| m.month == prev_label);
    let firm = firm(snap);
    let month_text = month_name(key);
    let of_month: Vec<&TicketSnap> = {
        let mut v: Vec<&TicketSnap> = op
            .tickets
            .iter()
            .filter(|t| t.service_id == Some(service_id) && t.month == i64::from(key))
            .collect();
        v.sort_by(|a, b| a.opened.cmp(&b.opened).then(a.id.cmp(&b.id)));
        v
    };

    // 1. Targets and results.
    let mut results = vec![p(format!(
        "The service levels agreed for {name} and what the service desk's records show for \
         {month_text}. A record counts in the month it was opened; a percentage is shown only \
         where some record had a target to meet."
    ))];
    if levels.targets.is_empty() && levels.request_fulfilment.is_none() {
        results.push(p(
            "No structured service level targets are set for this service.",
        ));
    } else {
        results.push(targets_table(&name, &levels));
    }
    results.push(results_table(&this, prev, &months));

    // 2. Trend.
    let shown: Vec<MonthMeasures> = months
        .iter()
        .filter(|m| m.incidents + m.requests + m.changes > 0 || m.month == label)
        .cloned()
        .collect();
    let mut trend = months_table(&shown, &format!("{name} (months with records)"));
    trend.extend(trend_chart(
        &shown,
        format!("{name}: service level attainment per month"),
    ));

    // 3. Incidents and changes of note.
    let majors: Vec<&TicketSnap> = of_month
        .iter()
        .copied()
        .filter(|t| t.kind == "incident" && t.priority.as_deref() == Some("P1"))
        .collect();
    let misses: Vec<&TicketSnap> = of_month
        .iter()
        .copied()
        .filter(|t| t.priority.as_deref() != Some("P1") && missed(t, &levels))
        .collect();
    let changes: Vec<&TicketSnap> = of_month
        .iter()
        .copied()
        .filter(|t| {
            t.kind == "change"
                && (t.self_approved
                    || matches!(t.outcome.as_deref(), Some("failed" | "rolled_back"))
                    || t.change_type.as_deref() == Some("emergency"))
        })
        .collect();
    let (majors_n, misses_n, changes_n) = (majors.len(), misses.len(), changes.len());
    let mut note_blocks = vec![h3("Major incidents")];
    note_blocks.push(if majors.is_empty() {
        p("No major (P1) incident this month.")
    } else {
        let n = majors.len();
        major_table(
            &op,
            majors,
            Some(&snap.objectives.incident_reviews),
            plural(n, "major incident", "major incidents"),
        )
    });
    note_blocks.push(h3("Other records that missed their target"));
    note_blocks.push(if misses.is_empty() {
        p("No other incident or request missed its target this month.")
    } else {
        let n = misses.len();
        major_table(
            &op,
            misses,
            None,
            plural(
                n,
                "incident or request that missed its target",
                "incidents and requests that missed their targets",
            ),
        )
    });
    note_blocks.push(h3("Changes of note"));
    note_blocks.push(if changes.is_empty() {
        p("No self-approved, failed or emergency change this month.")
    } else {
        let n = changes.len();
        changes_table(&op, changes, plural(n, "change of note", "changes of note"))
    });

    let mut body = vec![
        sec("Targets and results", results, Vec::new()),
        sec("Trend", trend, Vec::new()),
        sec("Incidents and changes of note", note_blocks, Vec::new()),
    ];
    number(&mut body, &mut []);
    let pct_line = |label: &str, v: Option<f64>| VerdictLine {
        label: label.into(),
        value: v.map_or_else(|| "No target measured".into(), |v| format!("{v:.0} %")),
        tone: match v {
            None => Tone::Neutral,
            Some(v) if v < 80.0 => Tone::Bad,
            Some(v) if v < 95.0 => Tone::Warn,
            Some(_) => Tone::Good,
        },
    };
    let verdict = vec![
        pct_line(
            "Incidents resolved within target",
            this.incidents_resolution_met_pct,
        ),
        pct_line(
            "Requests fulfilled within target",
            this.requests_fulfilled_met_pct,
        ),
        VerdictLine {
            label: "Records this month".into(),
            value: format!(
                "{} incidents, {} requests, {} changes",
                this.incidents, this.requests, this.changes
            ),
            tone: Tone::Neutral,
        },
        VerdictLine {
            label: "Self-approved changes".into(),
            value: this.changes_self_approved.to_string(),
            tone: if this.changes_self_approved > 0 {
                Tone::Bad
            } else {
                Tone::Good
            },
        },
    ];
    let customers = snap
        .wizard
        .services
        .iter()
        .find(|s| s.id == service_id)
        .map(|s| s.customers.join(", "))
        .unwrap_or_default();
    let mut details = vec![
        KeyValue::new("Service", name.clone()),
        KeyValue::new("Period", month_text.clone()),
    ];
    if !customers.trim().is_empty() {
        details.push(KeyValue::new("Customers", customers));
    }
    details.push(KeyValue::new("Issued", long_date(opts.date)));
    let description = snap
        .wizard
        .services
        .iter()
        .find(|s| s.id == service_id)
        .map(|s| s.description.trim().to_owned())
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| name.clone());
    let figures = ReportFigures {
        service: name.clone(),
        month: label.clone(),
        this_month: this.clone(),
        previous: prev.cloned(),
        trend: months.clone(),
        major_incidents: majors_n as u64,
        missed_targets: misses_n as u64,
        changes_of_note: changes_n as u64,
    };
    let dossier = Dossier {
        meta: Meta {
            title: "Monthly service report".into(),
            firm: firm.clone(),
            version: label.clone(),
            date: opts.date,
            author: firm.clone(),
            subject: format!("{name}: service report for {month_text}"),
        },
        cover: Cover {
            firm,
            scope_summary: description,
            version_line: format!("{name} · {month_text}"),
            date_line: long_date(opts.date),
            verdict,
            details,
            labels: Some(("The service".into(), "The month at a glance".into())),
        },
        front: Vec::new(),
        sections: body,
        watermark: None,
    };
    Ok((dossier, service_id, figures))
}
