//! The operating records of a snapshot measured with the domain's rules (the same
//! measurements as `records report`), plus the blocks the dossier's records section and the
//! monthly service report share: a service's targets, its months as a table and as a trend.

use chrono::{DateTime, NaiveDate, Utc};
use ready20k_domain::records::measure::{
    TicketFacts, longest_target_seconds, month_key, month_text,
};
use ready20k_domain::records::{
    MonthMeasures, Priority, Report, ServiceLevels, SlaClock, WorkCalendar, measure,
};
use ready20k_domain::snapshot::{ProjectSnapshot, TicketSnap};

use super::table::rows;
use crate::model::{Block, Cell, LineChart, LineSeries, Tone};

/// The measured records of a project.
pub struct Operating<'a> {
    /// Catalogue services with their levels, in catalogue order.
    pub services: Vec<(i64, String, ServiceLevels)>,
    /// Measurements per service and month over the period.
    pub report: Report,
    /// Every imported record.
    pub tickets: &'a [TicketSnap],
}

/// The month key (`yyyy * 100 + mm`) of a date.
pub fn month_of(d: NaiveDate) -> u32 {
    month_key(&d.format("%Y-%m").to_string()).unwrap_or(0)
}

/// The month `n` months before `key`.
pub fn months_back(key: u32, n: u32) -> u32 {
    let total = (key / 100) * 12 + (key % 100 - 1);
    let back = total.saturating_sub(n);
    (back / 12) * 100 + back % 12 + 1
}

/// Measures the snapshot's records over `from..=to`; times still running are measured up to
/// the start of `as_of`.
pub fn measure_snapshot(
    snap: &ProjectSnapshot,
    from: Option<u32>,
    to: Option<u32>,
    as_of: NaiveDate,
) -> Operating<'_> {
    let services = snap.records.service_levels(&snap.wizard.services);
    let calendar = WorkCalendar::new(&snap.records.business_hours())
        .or_else(|_| WorkCalendar::new(&Default::default()));
    let at: DateTime<Utc> = as_of.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let cap = longest_target_seconds(&services);
    let facts: Vec<TicketFacts> = match &calendar {
        Ok(cal) => snap
            .records
            .tickets
            .iter()
            .filter_map(|t| t.facts(cal, at, cap))
            .collect(),
        Err(_) => Vec::new(),
    };
    let report = measure(&facts, &services, from, to);
    Operating {
        services,
        report,
        tickets: &snap.records.tickets,
    }
}

/// "30 min", "4 h", "2 d 4 h".
pub fn minutes(m: Option<u32>) -> String {
    match m {
        None => "—".into(),
        Some(m) if m < 60 => format!("{m} min"),
        Some(m) if m % 60 == 0 && m < 48 * 60 => format!("{} h", m / 60),
        Some(m) if m < 48 * 60 => format!("{} h {} min", m / 60, m % 60),
        Some(m) => format!("{} d {} h", m / 1440, (m % 1440) / 60),
    }
}

fn clock(c: SlaClock) -> &'static str {
    match c {
        SlaClock::TwentyFourSeven => "24×7",
        SlaClock::BusinessHours => "Business hours",
    }
}

/// The targets of a service per priority, with its fulfilment and availability targets.
pub fn targets_table(name: &str, levels: &ServiceLevels) -> Block {
    let mut lines: Vec<(String, String, String, String)> = Priority::ALL
        .iter()
        .filter_map(|p| levels.targets.get(p).map(|t| (p, t)))
        .map(|(p, t)| {
            (
                format!("{} incidents", p.as_str()),
                minutes(t.response_min),
                minutes(t.resolution_min),
                clock(t.clock).to_owned(),
            )
        })
        .collect();
    if let Some(f) = levels.request_fulfilment {
        lines.push((
            "Service requests".into(),
            "—".into(),
            minutes(Some(f.minutes)),
            clock(f.clock).to_owned(),
        ));
    }
    if let Some(a) = levels.availability_pct {
        lines.push((
            "Availability".into(),
            "—".into(),
            format!("{a} %"),
            "Per month".into(),
        ));
    }
    rows(lines)
        .col("Target", 1.6, |l| Cell::text(l.0.clone()))
        .centered("Response", 1.1, |l| Cell::text(l.1.clone()))
        .centered("Resolution / level", 1.3, |l| Cell::text(l.2.clone()))
        .centered("Clock", 1.1, |l| Cell::text(l.3.clone()))
        .compact()
        .caption(format!("Service level targets of {name}"))
}

/// A percentage cell ("—" where nothing had a target), red below 80 %, amber below 95 %.
pub fn pct_cell(v: Option<f64>) -> Cell {
    match v {
        None => Cell::text("—"),
        Some(v) => {
            let tone = if v < 80.0 {
                Tone::Bad
            } else if v < 95.0 {
                Tone::Warn
            } else {
                Tone::Good
            };
            Cell::toned(format!("{v:.0} %"), tone)
        }
    }
}

fn count_cell(n: u64, flag: bool) -> Cell {
    if flag && n > 0 {
        Cell::toned(n.to_string(), Tone::Bad)
    } else {
        Cell::text(n.to_string())
    }
}

/// Two tables with one row per month: incidents and requests with their attainment, then
/// changes with their failures, emergencies and self-approvals. `what` names the service.
pub fn months_table(months: &[MonthMeasures], what: &str) -> Vec<Block> {
    vec![
        rows(months)
            .col("Month", 1.0, |m| Cell::text(m.month.clone()))
            .centered("Incidents", 1.0, |m| Cell::text(m.incidents.to_string()))
            .centered("Responded within target", 1.3, |m| {
                pct_cell(m.incidents_response_met_pct)
            })
            .centered("Resolved within target", 1.3, |m| {
                pct_cell(m.incidents_resolution_met_pct)
            })
            .centered("Requests", 1.0, |m| Cell::text(m.requests.to_string()))
            .centered("Fulfilled within target", 1.3, |m| {
                pct_cell(m.requests_fulfilled_met_pct)
            })
            .compact()
            .caption(format!("{what}: incidents and requests per month")),
        rows(months)
            .col("Month", 1.0, |m| Cell::text(m.month.clone()))
            .centered("Changes", 1.0, |m| Cell::text(m.changes.to_string()))
            .centered("Failed or rolled back", 1.3, |m| {
                count_cell(m.changes_failed, true)
            })
            .centered("Emergency", 1.3, |m| count_cell(m.changes_emergency, false))
            .centered("Self-approved", 1.3, |m| {
                count_cell(m.changes_self_approved, true)
            })
            .compact()
            .caption(format!(
                "{what}: changes per month (self-approved: approved by their own requester \
                 or implementer)"
            )),
    ]
}

/// The trend of the three attainment percentages over the months; `None` when no measure
/// has a value in two months (nothing to draw a trend from).
pub fn trend_chart(months: &[MonthMeasures], title: String) -> Option<Block> {
    let line = |label: &str, get: fn(&MonthMeasures) -> Option<f64>| LineSeries {
        label: label.into(),
        values: months.iter().map(|m| get(m).map(|v| v as f32)).collect(),
    };
    let series = vec![
        line("Incidents responded within target", |m| {
            m.incidents_response_met_pct
        }),
        line("Incidents resolved within target", |m| {
            m.incidents_resolution_met_pct
        }),
        line("Requests fulfilled within target", |m| {
            m.requests_fulfilled_met_pct
        }),
    ];
    series
        .iter()
        .any(|s| s.values.iter().flatten().count() >= 2)
        .then(|| {
            Block::LineChart(LineChart {
                title,
                periods: months.iter().map(|m| m.month.clone()).collect(),
                series,
            })
        })
}

/// The name of a service id ("No service" for none).
pub fn service_name(services: &[(i64, String, ServiceLevels)], id: Option<i64>) -> String {
    id.and_then(|id| services.iter().find(|(s, _, _)| *s == id))
        .map_or_else(|| "No service".to_owned(), |(_, n, _)| n.clone())
}

/// `YYYY-MM` of a month key.
pub fn month_label(key: u32) -> String {
    month_text(key)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn months_back_crosses_years_and_minutes_read_plainly() {
        assert_eq!(months_back(202603, 0), 202603);
        assert_eq!(months_back(202603, 2), 202601);
        assert_eq!(months_back(202603, 3), 202512);
        assert_eq!(months_back(202601, 13), 202412);
        assert_eq!(
            month_of(NaiveDate::from_ymd_opt(2026, 3, 12).unwrap()),
            202603
        );
        assert_eq!(minutes(Some(30)), "30 min");
        assert_eq!(minutes(Some(240)), "4 h");
        assert_eq!(minutes(Some(90)), "1 h 30 min");
        assert_eq!(minutes(Some(3 * 1440 + 120)), "3 d 2 h");
        assert_eq!(minutes(None), "—");
    }
}
