//! The monthly report: streams the tickets of the period through the domain's measurer.

use chrono::{DateTime, Utc};
use ready20k_domain::records::measure::{
    Measurer, TicketFacts, Timing, elapsed_capped, longest_target_seconds, month_key,
};
use ready20k_domain::records::{ChangeOutcome, ChangeType, Priority, RecordKind, Report};
use rusqlite::Connection;

use super::levels::{calendar, list_service_levels};
use super::{RecordsError, Result};

/// Reads `YYYY-MM` as `yyyy * 100 + mm`.
pub fn parse_month(text: &str) -> Result<u32> {
    month_key(text.trim()).ok_or_else(|| RecordsError::BadMonth(text.to_owned()))
}

/// The times a record's kind is not measured on (a request's response, a change's times).
const NOT_MEASURED: Timing = Timing::Reached([0, 0]);

/// Refuses the record `id` whose packed facts hold an unknown code, naming its stored values.
fn corrupt(conn: &Connection, id: i64) -> RecordsError {
    let values: String = conn
        .query_row(
            "SELECT json_array(kind, priority, change_type, outcome, opened) FROM ticket
             WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap_or_default();
    RecordsError::Store(crate::StoreError::Invalid(format!(
        "Unknown kind, priority, change type, outcome or time {values} in the project."
    )))
}

/// One record's `report_facts` (migration 0015) unpacked; `None` for an unknown code.
fn unpack(facts: i64) -> Option<TicketFacts> {
    let field = |shift: u32, mask: i64| (facts >> shift) & mask;
    let kind = match field(0, 3) {
        0 => RecordKind::Incident,
        1 => RecordKind::Request,
        2 => RecordKind::Change,
        _ => return None,
    };
    let priority = match field(2, 7) {
        0 => None,
        1 => Some(Priority::P1),
        2 => Some(Priority::P2),
        3 => Some(Priority::P3),
        4 => Some(Priority::P4),
        _ => return None,
    };
    let change_type = match field(5, 7) {
        0 => None,
        1 => Some(ChangeType::Standard),
        2 => Some(ChangeType::Normal),
        3 => Some(ChangeType::Emergency),
        _ => return None,
    };
    let outcome = match field(8, 7) {
        0 => None,
        1 => Some(ChangeOutcome::Success),
        2 => Some(ChangeOutcome::Failed),
        3 => Some(ChangeOutcome::RolledBack),
        _ => return None,
    };
    let service = facts >> 12;
    Some(TicketFacts {
        service_id: (service > 0).then_some(service - 1),
        month: 0,
        kind,
        priority,
        response: NOT_MEASURED,
        resolution: NOT_MEASURED,
        change_type,
        outcome,
        self_approved: field(11, 1) == 1,
    })
}

/// A packed `report_response` / `report_resolution`: `[24x7, business]` seconds.
fn unpack_elapsed(packed: i64) -> [i64; 2] {
    [packed >> 32, packed & 0xFFFF_FFFF]
}

/// Below this many records the report reads them on one connection: a second one costs more
/// to open and warm than it saves.
const SPLIT_FROM: i64 = 20_000;

/// Measurements per service and month over `from..=to` (`yyyy * 100 + mm`, either open);
/// records still open are measured up to `as_of`.
///
/// A large file (a database on disk, no transaction open on `conn`) is read in two halves of
/// its records at once, the second half on a read-only connection of its own, and the two
/// counts joined: the scan is what the report costs, and a desktop has two cores or more.
pub fn report(
    conn: &Connection,
    as_of: DateTime<Utc>,
    from: Option<u32>,
    to: Option<u32>,
) -> Result<Report> {
    report_split_from(conn, as_of, from, to, SPLIT_FROM)
}

/// [`report`], read in two halves from `split_from` records on.
pub(crate) fn report_split_from(
    conn: &Connection,
    as_of: DateTime<Utc>,
    from: Option<u32>,
    to: Option<u32>,
    split_from: i64,
) -> Result<Report> {
    let cal = calendar(conn)?;
    let services = list_service_levels(conn)?;
    let cap = longest_target_seconds(&services);
    let scan = Scan {
        cal: &cal,
        as_of,
        cap,
        from,
        to,
    };
    let mut measurer = Measurer::new(&services, from, to);
    // The id range stands in for the row count: an estimate is enough to choose, and counting
    // would read every row once more.
    let (first, last): (i64, i64) = conn.query_row(
        "SELECT coalesce(min(id), 0), coalesce(max(id), 0) FROM ticket",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let count = last - first + 1;
    let path = conn.path().filter(|p| !p.is_empty()).map(str::to_owned);
    match path {
        Some(path) if count >= split_from && conn.is_autocommit() => {
            let middle = first + (last - first) / 2;
            let (mine, other) = std::thread::scope(|threads| {
                let other = threads.spawn(|| -> Result<Measurer<'_>> {
                    let second = Connection::open_with_flags(
                        &path,
                        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
                    )?;
                    // One pass over its half: SQLite's default small cache is all it needs.
                    let mut part = Measurer::new(&services, from, to);
                    scan.run(&second, middle + 1, i64::MAX, &mut part)?;
                    Ok(part)
                });
                let mine = scan.run(conn, i64::MIN, middle, &mut measurer);
                (mine, other.join())
            });
            mine?;
            match other {
                Ok(Ok(other)) => measurer.merge(other),
                // The second connection could not be had (or its thread failed): that half
                // is read here after all, so the report never depends on it.
                _ => scan.run(conn, middle + 1, i64::MAX, &mut measurer)?,
            }
        }
        _ => scan.run(conn, i64::MIN, i64::MAX, &mut measurer)?,
    }
    Ok(measurer.finish())
}

/// What reading the records of one id range needs.
struct Scan<'a> {
    cal: &'a ready20k_domain::records::WorkCalendar,
    as_of: DateTime<Utc>,
    cap: i64,
    from: Option<u32>,
    to: Option<u32>,
}

impl Scan<'_> {
    /// Feeds the records with ids in `low..=high` to `measurer`.
    fn run(
        &self,
        conn: &Connection,
        low: i64,
        high: i64,
        measurer: &mut Measurer<'_>,
    ) -> Result<()> {
        let (cal, as_of, cap) = (self.cal, self.as_of, self.cap);
        let mut stmt = conn.prepare_cached(
            "SELECT report_facts, month, report_response, report_resolution, opened, id
         FROM ticket WHERE id BETWEEN ?1 AND ?2 AND month BETWEEN ?3 AND ?4",
        )?;
        let mut rows = stmt.query(rusqlite::params![
            low,
            high,
            self.from.unwrap_or(0),
            self.to.unwrap_or(u32::MAX)
        ])?;
        while let Some(r) = rows.next()? {
            let Some(mut facts) = unpack(r.get(0)?) else {
                return Err(corrupt(conn, r.get(5)?));
            };
            facts.month = r.get(1)?;
            // Changes are counted, not timed; a request's response is not measured.
            if facts.kind != RecordKind::Change {
                let mut pending: Option<[i64; 2]> = None;
                let mut timing = |column: usize| -> Result<Timing> {
                    if let Some(packed) = r.get::<_, Option<i64>>(column)? {
                        return Ok(Timing::Reached(unpack_elapsed(packed)));
                    }
                    if pending.is_none() {
                        let opened = r
                            .get_ref(4)?
                            .as_str()
                            .ok()
                            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                            .ok_or_else(|| corrupt(conn, r.get(5).unwrap_or_default()))?
                            .with_timezone(&Utc);
                        pending = Some(elapsed_capped(cal, opened, as_of, cap));
                    }
                    Ok(Timing::Pending(pending.unwrap_or_default()))
                };
                if facts.kind == RecordKind::Incident {
                    facts.response = timing(2)?;
                }
                facts.resolution = timing(3)?;
            }
            measurer.add(&facts);
        }
        Ok(())
    }
}
