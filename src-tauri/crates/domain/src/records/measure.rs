//! Monthly measurements per service (8.3.3, 9.1): incidents and the share responded to and
//! resolved within target, requests and the share fulfilled within target, changes, failed,
//! emergency and self-approved changes.
//!
//! Rules, stated once:
//! - A record belongs to the month (firm's time zone) in which it was opened.
//! - Response time runs from opening to first response; a record resolved without a recorded
//!   response counts as responded when resolved.
//! - A record with a target is *met* when its elapsed time on the target's clock is at most the
//!   target. One not yet responded or resolved counts as *missed* once its time so far is
//!   already over the target, and is left out while it still could make it.
//! - A percentage is `null` when no record of that month had a target to measure against.
//! - A change fails when its outcome is failed or rolled back; it is self-approved when its
//!   approver is its requester or implementer ([`Ticket::self_approved`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    ChangeOutcome, ChangeType, Priority, PriorityTarget, RecordKind, ServiceLevels, SlaClock,
    Ticket, WorkCalendar,
};

/// Elapsed seconds on both clocks: `[24x7, business hours]`.
pub type Elapsed = [i64; 2];

/// Elapsed time from `from` to `to` on both clocks.
pub fn elapsed(calendar: &WorkCalendar, from: DateTime<Utc>, to: DateTime<Utc>) -> Elapsed {
    [
        calendar.elapsed_seconds(SlaClock::TwentyFourSeven, from, to),
        calendar.elapsed_seconds(SlaClock::BusinessHours, from, to),
    ]
}

/// [`elapsed`] for a record still open: the business-hours count stops once it passes `cap`
/// seconds (see [`WorkCalendar::business_seconds_capped`]); pass the longest target.
pub fn elapsed_capped(
    calendar: &WorkCalendar,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    cap: i64,
) -> Elapsed {
    [
        calendar.elapsed_seconds(SlaClock::TwentyFourSeven, from, to),
        calendar.business_seconds_capped(from, to, cap),
    ]
}

/// The longest target of `services` in seconds: the cap for [`elapsed_capped`].
pub fn longest_target_seconds(services: &[(i64, String, ServiceLevels)]) -> i64 {
    services
        .iter()
        .flat_map(|(_, _, l)| {
            l.targets
                .values()
                .flat_map(|t| [t.response_min, t.resolution_min])
                .chain([l.request_fulfilment.map(|f| f.minutes)])
        })
        .flatten()
        .max()
        .map_or(0, |m| i64::from(m) * 60)
}

fn on(clock: SlaClock, e: Elapsed) -> i64 {
    match clock {
        SlaClock::TwentyFourSeven => e[0],
        SlaClock::BusinessHours => e[1],
    }
}

/// A time measurement of one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    /// Reached after this long.
    Reached(Elapsed),
    /// Not reached; open this long so far.
    Pending(Elapsed),
}

/// What the measurements need of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketFacts {
    /// Catalogue service (`None`: no service).
    pub service_id: Option<i64>,
    /// Month opened, as `yyyy * 100 + mm`.
    pub month: u32,
    /// Incident, request or change.
    pub kind: RecordKind,
    /// Priority.
    pub priority: Option<Priority>,
    /// Time to first response.
    pub response: Timing,
    /// Time to resolution.
    pub resolution: Timing,
    /// Change type.
    pub change_type: Option<ChangeType>,
    /// Change outcome.
    pub outcome: Option<ChangeOutcome>,
    /// Approver is requester or implementer.
    pub self_approved: bool,
}

/// `yyyy * 100 + mm` from `YYYY-MM`.
pub fn month_key(month: &str) -> Option<u32> {
    let (y, m) = month.split_once('-')?;
    let (y, m): (u32, u32) = (y.parse().ok()?, m.parse().ok()?);
    (y.to_string().len() == 4 && (1..=12).contains(&m) && m.to_string().len() <= 2)
        .then_some(y * 100 + m)
}

/// `YYYY-MM` from `yyyy * 100 + mm`.
pub fn month_text(key: u32) -> String {
    format!("{:04}-{:02}", key / 100, key % 100)
}

fn next_month(key: u32) -> u32 {
    if key % 100 == 12 {
        (key / 100 + 1) * 100 + 1
    } else {
        key + 1
    }
}

impl TicketFacts {
    /// Facts of `ticket`, with times still running measured up to `as_of`.
    pub fn from_ticket(ticket: &Ticket, calendar: &WorkCalendar, as_of: DateTime<Utc>) -> Self {
        let month = month_key(&calendar.month_of(ticket.opened)).unwrap_or(0);
        let timing = |end: Option<DateTime<Utc>>| match end {
            Some(t) => Timing::Reached(elapsed(calendar, ticket.opened, t)),
            None => Timing::Pending(elapsed(calendar, ticket.opened, as_of)),
        };
        Self {
            service_id: ticket.service_id,
            month,
            kind: ticket.kind,
            priority: ticket.priority,
            response: timing(ticket.responded.or(ticket.resolved)),
            resolution: timing(ticket.resolved),
            change_type: ticket.change_type,
            outcome: ticket.outcome,
            self_approved: ticket.self_approved(),
        }
    }
}

/// One month of one service, in the shape `records report --json` prints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct MonthMeasures {
    /// `YYYY-MM`.
    pub month: String,
    /// Incidents opened.
    pub incidents: u64,
    /// % of incidents with a response target that met it.
    pub incidents_response_met_pct: Option<f64>,
    /// % of incidents with a resolution target that met it.
    pub incidents_resolution_met_pct: Option<f64>,
    /// Requests opened.
    pub requests: u64,
    /// % of requests with a fulfilment target that met it.
    pub requests_fulfilled_met_pct: Option<f64>,
    /// Changes opened.
    pub changes: u64,
    /// Failed or rolled-back changes.
    pub changes_failed: u64,
    /// Emergency changes.
    pub changes_emergency: u64,
    /// Changes approved by their requester or implementer.
    pub changes_self_approved: u64,
}

/// One service's measurements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ServiceReport {
    /// Catalogue name (or "No service").
    pub service: String,
    /// Targets per priority.
    pub targets: BTreeMap<Priority, PriorityTarget>,
    /// Every month of the period, oldest first.
    pub months: Vec<MonthMeasures>,
}

/// The report of `records report --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Report {
    /// Months in the period with at least one record.
    pub months_of_records: u32,
    /// Catalogue services in order, then "No service" when some records have none.
    pub services: Vec<ServiceReport>,
}

/// The name the report gives records without a catalogue service.
pub const NO_SERVICE: &str = "No service";

#[derive(Debug, Clone, Copy, Default)]
struct Ratio {
    met: u64,
    measured: u64,
}

impl Ratio {
    fn add(&mut self, timing: Timing, target_min: Option<u32>, clock: SlaClock) {
        let Some(target) = target_min else {
            return;
        };
        let limit = i64::from(target) * 60;
        match timing {
            Timing::Reached(e) => {
                self.measured += 1;
                if on(clock, e) <= limit {
                    self.met += 1;
                }
            }
            Timing::Pending(e) => {
                if on(clock, e) > limit {
                    self.measured += 1;
                }
            }
        }
    }

    fn merge(&mut self, other: Ratio) {
        self.met += other.met;
        self.measured += other.measured;
    }

    fn pct(self) -> Option<f64> {
        (self.measured > 0)
            .then(|| (self.met as f64 * 1000.0 / self.measured as f64).round() / 10.0)
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    incidents: u64,
    response: Ratio,
    resolution: Ratio,
    requests: u64,
    fulfilled: Ratio,
    changes: u64,
    failed: u64,
    emergency: u64,
    self_approved: u64,
}

/// A multiply-rotate hasher for the measurer's small integer keys: the default SipHash was a
/// visible share of a 100,000-record report, and these keys come from the project, not from
/// an adversary.
#[derive(Debug, Default, Clone, Copy)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// Accumulates facts one at a time (so a store can stream rows) and builds the [`Report`].
#[derive(Debug)]
pub struct Measurer<'a> {
    services: &'a [(i64, String, ServiceLevels)],
    index: KeyMap<i64, usize>,
    from: Option<u32>,
    to: Option<u32>,
    acc: KeyMap<(Option<usize>, u32), Acc>,
}

impl<'a> Measurer<'a> {
    /// A measurer for the catalogue `services` (id, name, levels) over the months `from..=to`
    /// (`yyyy * 100 + mm`; `None`: unbounded).
    pub fn new(
        services: &'a [(i64, String, ServiceLevels)],
        from: Option<u32>,
        to: Option<u32>,
    ) -> Self {
        let index = services
            .iter()
            .enumerate()
            .map(|(i, (id, _, _))| (*id, i))
            .collect();
        Self {
            services,
            index,
            from,
            to,
            acc: KeyMap::default(),
        }
    }

    /// Adds one record (ignored when outside the period).
    pub fn add(&mut self, f: &TicketFacts) {
        if self.from.is_some_and(|m| f.month < m) || self.to.is_some_and(|m| f.month > m) {
            return;
        }
        let slot = f.service_id.and_then(|id| self.index.get(&id).copied());
        let levels = slot.map(|i| &self.services[i].2);
        let acc = self.acc.entry((slot, f.month)).or_default();
        match f.kind {
            RecordKind::Incident => {
                acc.incidents += 1;
                if let Some(t) = levels.and_then(|l| l.target(f.priority)) {
                    acc.response.add(f.response, t.response_min, t.clock);
                    acc.resolution.add(f.resolution, t.resolution_min, t.clock);
                }
            }
            RecordKind::Request => {
                acc.requests += 1;
                if let Some(t) = levels.and_then(|l| l.fulfilment(f.priority)) {
                    acc.fulfilled.add(f.resolution, Some(t.minutes), t.clock);
                }
            }
            RecordKind::Change => {
                acc.changes += 1;
                acc.failed += u64::from(f.outcome.is_some_and(ChangeOutcome::is_failure));
                acc.emergency += u64::from(f.change_type == Some(ChangeType::Emergency));
                acc.self_approved += u64::from(f.self_approved);
            }
        }
    }

    /// Adds what `other` (a measurer of the same services and period, fed other records)
    /// counted: a store may measure parts of its records apart, then join them.
    pub fn merge(&mut self, other: Measurer<'_>) {
        for (key, b) in other.acc {
            let a = self.acc.entry(key).or_default();
            a.incidents += b.incidents;
            a.response.merge(b.response);
            a.resolution.merge(b.resolution);
            a.requests += b.requests;
            a.fulfilled.merge(b.fulfilled);
            a.changes += b.changes;
            a.failed += b.failed;
            a.emergency += b.emergency;
            a.self_approved += b.self_approved;
        }
    }

    /// The report.
    pub fn finish(self) -> Report {
        // Every record added made an entry for its month.
        let months: BTreeSet<u32> = self.acc.keys().map(|&(_, m)| m).collect();
        let first = self.from.or_else(|| months.first().copied());
        let last = self.to.or_else(|| months.last().copied());
        let mut period = Vec::new();
        if let (Some(mut m), Some(last)) = (first, last) {
            while m <= last && period.len() < 1200 {
                period.push(m);
                m = next_month(m);
            }
        }
        let month_rows = |slot: Option<usize>| -> Vec<MonthMeasures> {
            period
                .iter()
                .map(|&m| {
                    let a = self.acc.get(&(slot, m)).copied().unwrap_or_default();
                    MonthMeasures {
                        month: month_text(m),
                        incidents: a.incidents,
                        incidents_response_met_pct: a.response.pct(),
                        incidents_resolution_met_pct: a.resolution.pct(),
                        requests: a.requests,
                        requests_fulfilled_met_pct: a.fulfilled.pct(),
                        changes: a.changes,
                        changes_failed: a.failed,
                        changes_emergency: a.emergency,
                        changes_self_approved: a.self_approved,
                    }
                })
                .collect()
        };
        let mut services: Vec<ServiceReport> = self
            .services
            .iter()
            .enumerate()
            .map(|(i, (_, name, levels))| ServiceReport {
                service: name.clone(),
                targets: levels.targets.clone(),
                months: month_rows(Some(i)),
            })
            .collect();
        if self.acc.keys().any(|(slot, _)| slot.is_none()) {
            services.push(ServiceReport {
                service: NO_SERVICE.into(),
                targets: BTreeMap::new(),
                months: month_rows(None),
            });
        }
        Report {
            months_of_records: months.len() as u32,
            services,
        }
    }
}

/// Measures `facts` in one go (see [`Measurer`]).
pub fn measure<'f>(
    facts: impl IntoIterator<Item = &'f TicketFacts>,
    services: &[(i64, String, ServiceLevels)],
    from: Option<u32>,
    to: Option<u32>,
) -> Report {
    let mut m = Measurer::new(services, from, to);
    for f in facts {
        m.add(f);
    }
    m.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{BusinessHours, FulfilmentTarget};

    fn calendar() -> WorkCalendar {
        WorkCalendar::new(&BusinessHours {
            days: vec![1, 2, 3, 4, 5],
            start: "09:00".into(),
            end: "17:00".into(),
            time_zone: "Europe/London".into(),
        })
        .unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn ticket(
        id: &str,
        kind: RecordKind,
        service: Option<i64>,
        priority: Option<Priority>,
        opened: &str,
        responded: Option<&str>,
        resolved: Option<&str>,
    ) -> Ticket {
        Ticket {
            external_id: id.into(),
            kind,
            service_value: String::new(),
            service_id: service,
            priority,
            opened: at(opened),
            responded: responded.map(at),
            resolved: resolved.map(at),
            requester: "Ann".into(),
            approver: String::new(),
            implementer: "Bob".into(),
            change_type: None,
            outcome: None,
            title: String::new(),
            status: String::new(),
        }
    }

    /// Service 1 measures P1 on 24x7 (response 30 min, resolution 4 h) and P3 on business
    /// hours (response 2 h, resolution 8 h = one working day); requests within 2 working days.
    /// Service 2 has no targets.
    fn services() -> Vec<(i64, String, ServiceLevels)> {
        let mut levels = crate::records::sla::p1_levels(1);
        levels.targets.insert(
            Priority::P3,
            PriorityTarget::within(120, 480, SlaClock::BusinessHours),
        );
        levels.request_fulfilment = Some(FulfilmentTarget {
            minutes: 960,
            clock: SlaClock::BusinessHours,
        });
        vec![
            (1, "Managed Workplace".into(), levels),
            (
                2,
                "Cloud Hosting".into(),
                ServiceLevels {
                    service_id: 2,
                    ..ServiceLevels::default()
                },
            ),
        ]
    }

    #[test]
    fn records_measure_hand_computed_month() {
        use RecordKind::*;
        let cal = calendar();
        let as_of = at("2026-11-02T12:00:00Z");
        let mut changes = vec![
            ticket(
                "C1",
                Change,
                Some(1),
                None,
                "2026-10-06T10:00:00Z",
                None,
                None,
            ),
            ticket(
                "C2",
                Change,
                Some(1),
                None,
                "2026-10-07T10:00:00Z",
                None,
                None,
            ),
            ticket(
                "C3",
                Change,
                Some(1),
                None,
                "2026-10-08T10:00:00Z",
                None,
                None,
            ),
        ];
        changes[0].change_type = Some(ChangeType::Emergency);
        changes[0].outcome = Some(ChangeOutcome::Failed);
        changes[0].approver = "Bob".into(); // implementer: self-approved
        changes[1].outcome = Some(ChangeOutcome::RolledBack);
        changes[1].approver = "Cy".into();
        changes[2].outcome = Some(ChangeOutcome::Success);
        changes[2].approver = "ann".into(); // requester: self-approved
        let tickets = vec![
            // P1, 24x7. I1: response 20 min (met), resolved 3 h (met).
            ticket(
                "I1",
                Incident,
                Some(1),
                Some(Priority::P1),
                "2026-10-05T08:00:00Z",
                Some("2026-10-05T08:20:00Z"),
                Some("2026-10-05T11:00:00Z"),
            ),
            // I2: Saturday night; response 45 min (missed), resolved 4 h exactly (met).
            ticket(
                "I2",
                Incident,
                Some(1),
                Some(Priority::P1),
                "2026-10-10T22:00:00Z",
                Some("2026-10-10T22:45:00Z"),
                Some("2026-10-11T02:00:00Z"),
            ),
            // P3, business hours (09:00–17:00 London, BST = UTC+1 in October).
            // I3: opened Friday 16:00 BST (15:00Z), responded Monday 09:30 BST: 60 + 30 = 90
            // business minutes (met; 65.5 h on the wall clock); resolved Monday 16:00 BST:
            // 60 + 420 = 480 (met exactly).
            ticket(
                "I3",
                Incident,
                Some(1),
                Some(Priority::P3),
                "2026-10-09T15:00:00Z",
                Some("2026-10-12T08:30:00Z"),
                Some("2026-10-12T15:00:00Z"),
            ),
            // I4: crosses the clock change (Sunday 25 Oct). Opened Friday 23rd 15:00 BST
            // (14:00Z), responded Monday 26th 10:30 GMT (10:30Z): 120 + 90 = 210 (missed);
            // resolved Tuesday 27th 09:00 GMT: 120 + 480 = 600 (missed).
            ticket(
                "I4",
                Incident,
                Some(1),
                Some(Priority::P3),
                "2026-10-23T14:00:00Z",
                Some("2026-10-26T10:30:00Z"),
                Some("2026-10-27T09:00:00Z"),
            ),
            // I5: P3 still open, no response: by as_of it is far over 2 business hours (missed
            // on both), counted.
            ticket(
                "I5",
                Incident,
                Some(1),
                Some(Priority::P3),
                "2026-10-28T09:00:00Z",
                None,
                None,
            ),
            // I6: P3 opened just before as_of, still within target: left out.
            ticket(
                "I6",
                Incident,
                Some(1),
                Some(Priority::P3),
                "2026-11-02T11:00:00Z",
                None,
                None,
            ),
            // I7: P2 has no target: counted as an incident, not measured.
            ticket(
                "I7",
                Incident,
                Some(1),
                Some(Priority::P2),
                "2026-10-15T10:00:00Z",
                Some("2026-10-15T10:05:00Z"),
                Some("2026-10-15T12:00:00Z"),
            ),
            // Requests: 960 business minutes. R1 Thursday 10:00 BST -> Monday 10:00 BST:
            // 420 + 480 + 60 = 960 (met). R2 Thursday 10:00 -> Tuesday 10:00: 1440 (missed).
            ticket(
                "R1",
                Request,
                Some(1),
                Some(Priority::P4),
                "2026-10-01T09:00:00Z",
                None,
                Some("2026-10-05T09:00:00Z"),
            ),
            ticket(
                "R2",
                Request,
                Some(1),
                Some(Priority::P4),
                "2026-10-01T09:00:00Z",
                None,
                Some("2026-10-06T09:00:00Z"),
            ),
            // Service 2 has no targets: percentages null.
            ticket(
                "H1",
                Incident,
                Some(2),
                Some(Priority::P1),
                "2026-10-05T08:00:00Z",
                Some("2026-10-05T08:10:00Z"),
                None,
            ),
            // No service.
            ticket(
                "X1",
                Request,
                None,
                None,
                "2026-09-30T23:30:00Z",
                None,
                None,
            ),
        ];
        let facts: Vec<TicketFacts> = tickets
            .iter()
            .chain(&changes)
            .map(|t| TicketFacts::from_ticket(t, &cal, as_of))
            .collect();
        let s = services();
        let report = measure(&facts, &s, None, Some(202610));
        // X1 was opened 00:30 BST on 1 October: October. I6 (November) is outside the period.
        assert_eq!(report.months_of_records, 1);
        assert_eq!(report.services.len(), 3);
        let mw = &report.services[0].months[0];
        assert_eq!(mw.month, "2026-10");
        assert_eq!(mw.incidents, 6);
        // Response: I1 met, I2 missed, I3 met, I4 missed, I5 missed -> 2/5.
        assert_eq!(mw.incidents_response_met_pct, Some(40.0));
        // Resolution: I1 met, I2 met, I3 met, I4 missed, I5 missed -> 3/5.
        assert_eq!(mw.incidents_resolution_met_pct, Some(60.0));
        assert_eq!(mw.requests, 2);
        assert_eq!(mw.requests_fulfilled_met_pct, Some(50.0));
        assert_eq!(
            (
                mw.changes,
                mw.changes_failed,
                mw.changes_emergency,
                mw.changes_self_approved
            ),
            (3, 2, 1, 2)
        );
        let hosting = &report.services[1].months[0];
        assert_eq!(hosting.incidents, 1);
        assert_eq!(hosting.incidents_response_met_pct, None);
        assert_eq!(report.services[2].service, NO_SERVICE);
        assert_eq!(report.services[2].months[0].requests, 1);

        // With November in the period, I6 is counted but not measured.
        let all = measure(&facts, &s, None, None);
        assert_eq!(all.months_of_records, 2);
        let nov = &all.services[0].months[1];
        assert_eq!((nov.month.as_str(), nov.incidents), ("2026-11", 1));
        assert_eq!(nov.incidents_response_met_pct, None);
    }

    #[test]
    fn records_measure_json_shape_and_empty_months() {
        let s = services();
        let cal = calendar();
        let t = ticket(
            "I1",
            RecordKind::Incident,
            Some(1),
            Some(Priority::P1),
            "2026-08-05T08:00:00Z",
            Some("2026-08-05T08:20:00Z"),
            Some("2026-08-05T09:00:00Z"),
        );
        let f = TicketFacts::from_ticket(&t, &cal, at("2026-12-01T00:00:00Z"));
        let r = measure([&f], &s, Some(202607), Some(202609));
        assert_eq!(r.months_of_records, 1);
        let months: Vec<&str> = r.services[0]
            .months
            .iter()
            .map(|m| m.month.as_str())
            .collect();
        assert_eq!(months, ["2026-07", "2026-08", "2026-09"]);
        let json = serde_json::to_value(&r).unwrap();
        let m = &json["services"][0]["months"][1];
        assert_eq!(m["incidents_response_met_pct"], 100.0);
        assert!(json["services"][0]["months"][0]["incidents_response_met_pct"].is_null());
        assert_eq!(json["services"][0]["targets"]["P1"]["clock"], "24x7");
        assert_eq!(
            json["services"][0]["targets"]["P3"]["clock"],
            "business_hours"
        );
        assert_eq!(month_key("2026-10"), Some(202610));
        assert_eq!(month_key("2026-13"), None);
        assert_eq!(month_key("26-1"), None);
        assert_eq!(month_text(202612), "2026-12");
        assert_eq!(next_month(202612), 202701);
    }
}
