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

fn corrupt(what: &str, value: &[u8]) -> RecordsError {
    let value = String::from_utf8_lossy(value);
    RecordsError::Store(crate::StoreError::Invalid(format!(
        "Unknown {what} {value:?} in the project."
    )))
}

/// Measurements per service and month over `from..=to` (`yyyy * 100 + mm`, either open);
/// records still open are measured up to `as_of`.
pub fn report(
    conn: &Connection,
    as_of: DateTime<Utc>,
    from: Option<u32>,
    to: Option<u32>,
) -> Result<Report> {
    let cal = calendar(conn)?;
    let services = list_service_levels(conn)?;
    let cap = longest_target_seconds(&services);
    let mut measurer = Measurer::new(&services, from, to);
    let mut stmt = conn.prepare_cached(
        "SELECT service_id, month, kind, priority, opened, response_s, response_bs,
             resolution_s, resolution_bs, change_type, outcome, self_approved
         FROM ticket WHERE month BETWEEN ?1 AND ?2",
    )?;
    let mut rows = stmt.query([from.unwrap_or(0), to.unwrap_or(u32::MAX)])?;
    while let Some(r) = rows.next()? {
        // Compared as bytes: the values are ASCII, and checking each one is UTF-8 first was a
        // visible share of the scan.
        let text = |i: usize| -> Result<Option<&[u8]>> {
            Ok(r.get_ref(i)?
                .as_bytes_or_null()
                .map_err(rusqlite::Error::from)?)
        };
        let kind = match text(2)? {
            Some(b"incident") => RecordKind::Incident,
            Some(b"request") => RecordKind::Request,
            Some(b"change") => RecordKind::Change,
            other => return Err(corrupt("kind", other.unwrap_or(b"NULL"))),
        };
        let mut facts = TicketFacts {
            service_id: r.get(0)?,
            month: r.get(1)?,
            kind,
            priority: None,
            response: NOT_MEASURED,
            resolution: NOT_MEASURED,
            change_type: None,
            outcome: None,
            self_approved: false,
        };
        // Only the columns the record's kind is measured on are read (a sixth of the report's
        // time went into reading columns it then ignored): times for incidents and requests,
        // the change columns for changes.
        if kind == RecordKind::Change {
            facts.change_type = match text(9)? {
                Some(b"standard") => Some(ChangeType::Standard),
                Some(b"normal") => Some(ChangeType::Normal),
                Some(b"emergency") => Some(ChangeType::Emergency),
                Some(c) => return Err(corrupt("change type", c)),
                None => None,
            };
            facts.outcome = match text(10)? {
                Some(b"success") => Some(ChangeOutcome::Success),
                Some(b"failed") => Some(ChangeOutcome::Failed),
                Some(b"rolled_back") => Some(ChangeOutcome::RolledBack),
                Some(o) => return Err(corrupt("outcome", o)),
                None => None,
            };
            facts.self_approved = r.get(11)?;
        } else {
            facts.priority = match text(3)? {
                Some(b"P1") => Some(Priority::P1),
                Some(b"P2") => Some(Priority::P2),
                Some(b"P3") => Some(Priority::P3),
                Some(b"P4") => Some(Priority::P4),
                Some(p) => return Err(corrupt("priority", p)),
                None => None,
            };
            let mut pending: Option<[i64; 2]> = None;
            let mut timing = |a: usize, b: usize| -> Result<Timing> {
                if let (Some(x), Some(y)) = (r.get::<_, Option<i64>>(a)?, r.get(b)?) {
                    return Ok(Timing::Reached([x, y]));
                }
                if pending.is_none() {
                    let opened_text = text(4)?.unwrap_or_default();
                    let opened = std::str::from_utf8(opened_text)
                        .ok()
                        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                        .ok_or_else(|| corrupt("time", opened_text))?
                        .with_timezone(&Utc);
                    pending = Some(elapsed_capped(&cal, opened, as_of, cap));
                }
                Ok(Timing::Pending(pending.unwrap_or_default()))
            };
            if kind == RecordKind::Incident {
                facts.response = timing(5, 6)?;
            }
            facts.resolution = timing(7, 8)?;
        }
        measurer.add(&facts);
    }
    Ok(measurer.finish())
}
