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

fn corrupt(what: &str, value: &str) -> RecordsError {
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
        let kind_text = r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
        let kind = match kind_text {
            "incident" => RecordKind::Incident,
            "request" => RecordKind::Request,
            "change" => RecordKind::Change,
            other => return Err(corrupt("kind", other)),
        };
        let priority = match r
            .get_ref(3)?
            .as_str_or_null()
            .map_err(rusqlite::Error::from)?
        {
            Some("P1") => Some(Priority::P1),
            Some("P2") => Some(Priority::P2),
            Some("P3") => Some(Priority::P3),
            Some("P4") => Some(Priority::P4),
            Some(p) => return Err(corrupt("priority", p)),
            None => None,
        };
        let pair = |a: usize, b: usize| -> rusqlite::Result<Option<[i64; 2]>> {
            Ok(
                match (r.get::<_, Option<i64>>(a)?, r.get::<_, Option<i64>>(b)?) {
                    (Some(x), Some(y)) => Some([x, y]),
                    _ => None,
                },
            )
        };
        let response = pair(5, 6)?;
        let resolution = pair(7, 8)?;
        let mut pending: Option<[i64; 2]> = None;
        let mut timing = |reached: Option<[i64; 2]>| -> Result<Timing> {
            Ok(match reached {
                Some(e) => Timing::Reached(e),
                None => {
                    if pending.is_none() {
                        let opened_text: String = r.get(4)?;
                        let opened = DateTime::parse_from_rfc3339(&opened_text)
                            .map_err(|_| corrupt("time", &opened_text))?
                            .with_timezone(&Utc);
                        pending = Some(elapsed_capped(&cal, opened, as_of, cap));
                    }
                    Timing::Pending(pending.unwrap_or_default())
                }
            })
        };
        let response = timing(response)?;
        let resolution = timing(resolution)?;
        let change_type = match r
            .get_ref(9)?
            .as_str_or_null()
            .map_err(rusqlite::Error::from)?
        {
            Some("standard") => Some(ChangeType::Standard),
            Some("normal") => Some(ChangeType::Normal),
            Some("emergency") => Some(ChangeType::Emergency),
            Some(c) => return Err(corrupt("change type", c)),
            None => None,
        };
        let outcome = match r
            .get_ref(10)?
            .as_str_or_null()
            .map_err(rusqlite::Error::from)?
        {
            Some("success") => Some(ChangeOutcome::Success),
            Some("failed") => Some(ChangeOutcome::Failed),
            Some("rolled_back") => Some(ChangeOutcome::RolledBack),
            Some(o) => return Err(corrupt("outcome", o)),
            None => None,
        };
        measurer.add(&TicketFacts {
            service_id: r.get(0)?,
            month: r.get(1)?,
            kind,
            priority,
            response,
            resolution,
            change_type,
            outcome,
            self_approved: r.get(11)?,
        });
    }
    Ok(measurer.finish())
}
