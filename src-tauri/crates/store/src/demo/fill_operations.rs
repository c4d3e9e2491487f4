//! The demo firm's operating history: six calendar months of service-desk tickets and changes
//! for its three services (generated from a fixed seed, imported as a Ready20k CSV), a few SLA
//! misses, one self-approved change, two major incidents (one reviewed), and two objectives
//! with KPIs (one read from the records, one entered by hand each month).

use std::fmt::Write as _;

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use ready20k_domain::objectives::{Direction, KpiInput, KpiSource, Measure, ObjectiveInput};
use ready20k_domain::records::{IncidentReview, Preset};

use super::Timeline;
use crate::objectives::{self, ObjectivesError};
use crate::records::{self, ImportOptions, RecordsError};
use crate::{Project, Result, StoreError, rows};

fn rec_err(e: RecordsError) -> StoreError {
    match e {
        RecordsError::Store(e) => e,
        other => StoreError::Invalid(other.to_string()),
    }
}

fn obj_err(e: ObjectivesError) -> StoreError {
    match e {
        ObjectivesError::Store(e) => e,
        other => StoreError::Invalid(other.to_string()),
    }
}

/// A small deterministic generator (xorshift64*), so the demo is the same on every machine.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % ((hi - lo + 1) as u64)) as i64
    }
}

/// A working day of `month` (first day) chosen by `rng`, 09:00–16:00 local.
fn working_time(rng: &mut Seeded, month: NaiveDate) -> chrono::NaiveDateTime {
    let days = month
        .checked_add_months(Months::new(1))
        .map_or(28, |next| (next - month).num_days());
    loop {
        let day = month + Duration::days(rng.range(0, days - 1));
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            let minute = rng.range(9 * 60, 16 * 60);
            return day.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::minutes(minute);
        }
    }
}

fn local(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

/// Adds `minutes` of the firm's working day (Mon–Fri 08:30–17:30) to `t`: close enough for
/// generating plausible handling times (the store measures them exactly).
fn add_working(mut t: chrono::NaiveDateTime, mut minutes: i64) -> chrono::NaiveDateTime {
    while minutes > 0 {
        let day_end = t.date().and_hms_opt(17, 30, 0).unwrap_or(t);
        let left = (day_end - t).num_minutes().max(0);
        if minutes <= left && !matches!(t.weekday(), Weekday::Sat | Weekday::Sun) {
            return t + Duration::minutes(minutes);
        }
        if !matches!(t.weekday(), Weekday::Sat | Weekday::Sun) {
            minutes -= left;
        }
        t = (t.date() + Duration::days(1))
            .and_hms_opt(8, 30, 0)
            .unwrap_or(t);
    }
    t
}

/// How the service desk's tickets of one kind are drawn for a service each month (every
/// number is a `lo..=hi` range of the generator, drawn in the order of the fields).
struct Desk {
    kind: &'static str,
    /// Prefix of the ticket ids (`INC-0001`).
    prefix: &'static str,
    /// Tickets a month, times the service's weight.
    per_month: (i64, i64),
    /// The priority is one of these (not drawn when there is one).
    priorities: &'static [&'static str],
    /// Working minutes to the first response.
    respond: (i64, i64),
    /// One ticket in `late_one_in` takes `late` working minutes to resolve (an SLA miss), the
    /// others `work`.
    late_one_in: i64,
    late: (i64, i64),
    work: (i64, i64),
    titles: &'static [&'static str],
}

const INCIDENTS: Desk = Desk {
    kind: "incident",
    prefix: "INC",
    per_month: (3, 5),
    priorities: &["P2", "P3", "P3", "P4"],
    respond: (5, 50),
    late_one_in: 12,
    late: (1200, 2400),
    work: (30, 420),
    titles: &[
        "Outlook not syncing",
        "Printer offline on 2nd floor",
        "VPN drops every few minutes",
        "User locked out of laptop",
        "Teams calls choppy",
        "Shared drive slow",
    ],
};

const REQUESTS: Desk = Desk {
    kind: "request",
    prefix: "REQ",
    per_month: (4, 7),
    priorities: &["P4"],
    respond: (10, 90),
    late_one_in: 15,
    late: (1300, 2000),
    work: (60, 900),
    titles: &[
        "New starter laptop",
        "Add user to finance group",
        "Install PDF editor",
        "Leaver account removal",
        "Mailbox delegation",
    ],
};

/// `lo..=hi` drawn from `rng`.
fn draw(rng: &mut Seeded, (lo, hi): (i64, i64)) -> i64 {
    rng.range(lo, hi)
}

/// One of `items` drawn from `rng`.
fn pick<'a>(rng: &mut Seeded, items: &[&'a str]) -> &'a str {
    items[rng.range(0, items.len() as i64 - 1) as usize]
}

/// One CSV line of the export (cells holding a comma quoted).
fn line(csv: &mut String, cells: [&str; 13]) {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.contains(',') {
                format!("\"{c}\"")
            } else {
                (*c).to_owned()
            }
        })
        .collect();
    let _ = writeln!(csv, "{}", quoted.join(","));
}

impl Desk {
    /// Draws ticket number `n` of `service` opened in `month` and writes its line.
    fn ticket(
        &self,
        rng: &mut Seeded,
        csv: &mut String,
        month: NaiveDate,
        service: &str,
        n: i64,
        person: impl Fn(i64) -> String,
    ) {
        let opened = working_time(rng, month);
        let priority = match self.priorities {
            [one] => *one,
            many => pick(rng, many),
        };
        let response = add_working(opened, draw(rng, self.respond));
        let late = rng.range(0, self.late_one_in - 1) == 0;
        let work = draw(rng, if late { self.late } else { self.work });
        let resolved = add_working(response, work);
        let id = format!("{}-{n:04}", self.prefix);
        let title = pick(rng, self.titles);
        line(
            csv,
            [
                &id,
                self.kind,
                service,
                priority,
                &local(opened),
                &local(response),
                &local(resolved),
                &person(draw(rng, (5, 9))),
                "",
                &person(draw(rng, (0, 4))),
                "",
                "",
                title,
            ],
        );
    }
}

/// The generated export (Ready20k CSV) for the six calendar months before `now`'s month.
fn export(first_month: NaiveDate, services: &[String], people: &[String]) -> String {
    let mut rng = Seeded(0x5EED_2020_0000_0015);
    let mut csv = String::from(
        "id,kind,service,priority,opened,responded,resolved,requester,approver,implementer,\
         change_type,outcome,title\n",
    );
    let person = |i: i64| people[(i as usize) % people.len().max(1)].clone();
    let mut n = 0;
    let change_titles = [
        "Monthly Windows patching",
        "Firewall rule for new supplier",
        "Upgrade backup agent",
        "Rotate admin credentials",
        "Resize application server",
    ];
    for m in 0..6u32 {
        let Some(month) = first_month.checked_add_months(Months::new(m)) else {
            continue;
        };
        for (s, service) in services.iter().enumerate() {
            let weight = [3, 2, 1][s.min(2)];
            for desk in [&INCIDENTS, &REQUESTS] {
                for _ in 0..draw(&mut rng, desk.per_month) * weight {
                    n += 1;
                    desk.ticket(&mut rng, &mut csv, month, service, n, person);
                }
            }
            for _ in 0..rng.range(1, 3) {
                n += 1;
                let opened = working_time(&mut rng, month);
                let done = add_working(opened, rng.range(120, 1200));
                let change_type = pick(&mut rng, &["standard", "normal", "normal", "standard"]);
                let outcome = if rng.range(0, 9) == 0 {
                    "failed"
                } else {
                    "success"
                };
                let implementer = rng.range(0, 2);
                let approver = 3 + rng.range(0, 1);
                let id = format!("CHG-{n:04}");
                let title = pick(&mut rng, &change_titles);
                line(
                    &mut csv,
                    [
                        &id,
                        "change",
                        service,
                        "",
                        &local(opened),
                        "",
                        &local(done),
                        &person(5),
                        &person(approver),
                        &person(implementer),
                        change_type,
                        outcome,
                        title,
                    ],
                );
            }
        }
    }
    // The records the demo tells a story with: two major incidents on the hosting platform
    // (the second resolved late), an emergency change, and one change its implementer
    // approved himself.
    let hosting = services.get(1).cloned().unwrap_or_default();
    let at = |m: u32, day: u32, h: u32, min: u32| {
        first_month
            .checked_add_months(Months::new(m))
            .and_then(|d| d.with_day(day))
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .unwrap_or_default()
    };
    let p1a = at(1, 14, 7, 40);
    let p1b = at(4, 9, 22, 15);
    let emergency = at(4, 10, 9, 0);
    let selfish = at(5, 6, 16, 5);
    for row in [
        [
            "MAJ-0001".to_owned(),
            "incident".into(),
            hosting.clone(),
            "P1".into(),
            local(p1a),
            local(p1a + Duration::minutes(12)),
            local(p1a + Duration::minutes(190)),
            person(6),
            String::new(),
            person(1),
            String::new(),
            String::new(),
            "Hosted practice-management app unavailable".into(),
        ],
        [
            "MAJ-0002".to_owned(),
            "incident".into(),
            hosting.clone(),
            "P1".into(),
            local(p1b),
            local(p1b + Duration::minutes(25)),
            local(p1b + Duration::minutes(11 * 60)),
            person(7),
            String::new(),
            person(2),
            String::new(),
            String::new(),
            "Storage failure on the hosting cluster".into(),
        ],
        [
            "CHG-9001".to_owned(),
            "change".into(),
            hosting.clone(),
            String::new(),
            local(emergency),
            String::new(),
            local(emergency + Duration::minutes(95)),
            person(4),
            person(0),
            person(2),
            "emergency".into(),
            "success".into(),
            "Replace failed storage controller".into(),
        ],
        [
            "CHG-9002".to_owned(),
            "change".into(),
            hosting,
            String::new(),
            local(selfish),
            String::new(),
            local(selfish + Duration::minutes(40)),
            person(3),
            person(3),
            person(3),
            "normal".into(),
            "success".into(),
            "Open RDP to a test server".into(),
        ],
    ] {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        if let Ok(cells) = <[&str; 13]>::try_from(cells) {
            line(&mut csv, cells);
        }
    }
    csv
}

/// Records two objectives with their KPIs (the survey scores entered month by month), then
/// imports the generated history and reviews the first major incident.
pub(super) fn fill_operations(p: &mut Project, t: &Timeline) -> Result<()> {
    let services: Vec<String> = rows::all(
        p.conn(),
        "SELECT name FROM service ORDER BY position, id",
        [],
        |r| r.get(0),
    )?;
    let service_ids: Vec<i64> = rows::all(
        p.conn(),
        "SELECT id FROM service ORDER BY position, id",
        [],
        |r| r.get(0),
    )?;
    let people: Vec<String> =
        rows::all(p.conn(), "SELECT name FROM person ORDER BY id", [], |r| {
            r.get(0)
        })?;
    let today = t.instant(0, 0).date_naive();
    let this_month = today.with_day(1).unwrap_or(today);
    let first = this_month
        .checked_sub_months(Months::new(6))
        .unwrap_or(this_month);
    t.go(100, 0);
    let owner = people.first().cloned().unwrap_or_default();
    let restore = objectives::add_objective(
        p,
        &ObjectiveInput {
            text: "Restore customers' services within the agreed times".into(),
            owner: owner.clone(),
            due: Some(t.date(180)),
        },
    )
    .map_err(obj_err)?;
    for (measure, name, service, target) in [
        (
            Measure::IncidentsResolutionMetPct,
            "Managed Workplace incidents resolved within target",
            service_ids.first(),
            90.0,
        ),
        (
            Measure::IncidentsResponseMetPct,
            "Managed Workplace incidents responded to within target",
            service_ids.first(),
            95.0,
        ),
    ] {
        if let Some(&service_id) = service {
            objectives::add_kpi(
                p,
                &KpiInput {
                    objective_id: restore,
                    name: name.into(),
                    unit: "%".into(),
                    target,
                    direction: Direction::AtLeast,
                    source: KpiSource::Measurement {
                        measure,
                        service_id,
                    },
                },
            )
            .map_err(obj_err)?;
        }
    }
    let satisfied = objectives::add_objective(
        p,
        &ObjectiveInput {
            text: "Keep customers satisfied with the service desk".into(),
            owner,
            due: Some(t.date(270)),
        },
    )
    .map_err(obj_err)?;
    let csat = objectives::add_kpi(
        p,
        &KpiInput {
            objective_id: satisfied,
            name: "Customer satisfaction (ticket survey, 1–5)".into(),
            unit: "score".into(),
            target: 4.3,
            direction: Direction::AtLeast,
            source: KpiSource::Manual,
        },
    )
    .map_err(obj_err)?;
    // One survey result per month, entered early the next month (the last three months the
    // project has existed for).
    for (back, score) in [(3u32, 4.1), (2, 4.2), (1, 4.4)] {
        let Some(month) = this_month.checked_sub_months(Months::new(back)) else {
            continue;
        };
        let entered =
            (today - month.checked_add_months(Months::new(1)).unwrap_or(today)).num_days() - 3;
        t.go(entered.max(1), 0);
        objectives::record_kpi_value(
            p,
            csat,
            &month.format("%Y-%m").to_string(),
            score,
            "Monthly ticket survey",
        )
        .map_err(obj_err)?;
    }
    let csv = export(first, &services, &people);
    t.go(3, 0);
    records::import_export(
        p,
        csv.as_bytes(),
        &ImportOptions {
            preset: Preset::Ready20k,
            file_name: "servicedesk-export.csv".into(),
            skip_bad_rows: false,
            service_map: Default::default(),
        },
    )
    .map_err(rec_err)?;
    let major: Option<i64> = rows::all(
        p.conn(),
        "SELECT id FROM ticket WHERE external_id = 'MAJ-0001'",
        [],
        |r| r.get(0),
    )?
    .first()
    .copied();
    if let Some(id) = major {
        let reviewed_on = first
            .checked_add_months(Months::new(1))
            .and_then(|d| d.with_day(20))
            .unwrap_or(first)
            .to_string();
        records::set_incident_review(
            p,
            id,
            Some(&IncidentReview {
                reviewed_on,
                note: "Failover runbook updated; app health check now alerts the on-call engineer."
                    .into(),
            }),
        )
        .map_err(rec_err)?;
    }

    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::Arc;

    use ready20k_domain::clock::FixedClock;
    use ready20k_domain::objectives::Trend;

    use crate::demo::create_demo;
    use crate::{objectives, records};

    #[test]
    fn demo_operations_six_months_with_misses_a_self_approved_change_and_kpis() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::at_date(2026, 9, 1).unwrap());
        let p = create_demo(&dir.path().join("d.r20k"), clock).unwrap();
        let a = records::attainment(&p, None, None).unwrap();
        assert_eq!(a.report.months_of_records, 6);
        let workplace = &a.report.services[0];
        assert_eq!(workplace.service, "Managed Workplace");
        assert_eq!(workplace.months.first().unwrap().month, "2026-03");
        assert_eq!(workplace.months.last().unwrap().month, "2026-08");
        assert!(
            workplace
                .months
                .iter()
                .all(|m| m.incidents > 0 && m.changes > 0)
        );
        let misses = workplace
            .months
            .iter()
            .filter(|m| m.incidents_resolution_met_pct.is_some_and(|x| x < 100.0))
            .count();
        assert!((1..=5).contains(&misses), "{misses} months with misses");
        let selfish: Vec<&str> = a
            .self_approved
            .iter()
            .map(|r| r.external_id.as_str())
            .collect();
        assert_eq!(selfish, vec!["CHG-9002"]);
        let majors: Vec<(&str, bool)> = a
            .major_incidents
            .iter()
            .map(|m| (m.record.external_id.as_str(), m.review.is_some()))
            .collect();
        assert_eq!(majors, vec![("MAJ-0002", false), ("MAJ-0001", true)]);
        let v = objectives::objectives_view(&p).unwrap();
        assert_eq!(v.objectives.len(), 2);
        assert_eq!(v.objectives[0].kpis.len(), 2);
        assert_eq!(v.objectives[0].kpis[0].points.len(), 6);
        let csat = &v.objectives[1].kpis[0];
        let scores: Vec<f64> = csat.points.iter().map(|x| x.value).collect();
        assert_eq!(scores, vec![4.1, 4.2, 4.4]);
        assert_eq!((csat.met, csat.trend), (Some(true), Trend::Improving));
    }
}
