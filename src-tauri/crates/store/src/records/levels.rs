//! `record_settings` (business hours), `service_level` and `service_level_target`.

use std::collections::BTreeMap;

use ready20k_domain::records::{
    BusinessHours, DayWindows, FulfilmentTarget, ParsedSla, Priority, PriorityTarget,
    ServiceLevels, SlaClock, WorkCalendar, parse_sla_text,
};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{RecordsError, Result};
use crate::Project;
use crate::journal::write_in;

/// The firm's business hours (Monday–Friday 09:00–17:00 UTC until set).
pub fn get_business_hours(conn: &Connection) -> Result<BusinessHours> {
    let json: Option<String> = conn
        .query_row(
            "SELECT business_hours FROM record_settings WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match json {
        Some(j) => serde_json::from_str(&j)?,
        None => BusinessHours::default(),
    })
}

/// The firm's calendar, ready to count with.
pub(crate) fn calendar(conn: &Connection) -> Result<WorkCalendar> {
    Ok(WorkCalendar::new(&get_business_hours(conn)?)?)
}

/// Saves the business hours (checked) and recomputes every ticket's month and elapsed times.
pub fn set_business_hours(p: &mut Project, hours: &BusinessHours) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let cal = WorkCalendar::new(hours)?;
    let json = serde_json::to_string(hours)?;
    write_in(conn, now, "records_business_hours_saved", |tx| {
        tx.execute(
            "INSERT INTO record_settings (id, business_hours, updated_at) VALUES (1, ?1, ?2)
             ON CONFLICT(id) DO UPDATE SET business_hours = ?1, updated_at = ?2",
            params![json, now],
        )?;
        let n = recompute(tx, &cal)?;
        Ok(((), format!("{json}; {n} record(s) recomputed")))
    })
}

fn parse_utc(text: &str) -> Result<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| {
            RecordsError::Store(crate::StoreError::Invalid(format!(
                "A stored ticket time {text:?} is not RFC 3339."
            )))
        })
}

/// Recomputes the derived columns of every ticket; returns how many.
fn recompute(tx: &Transaction<'_>, cal: &WorkCalendar) -> Result<usize> {
    let rows: Vec<(i64, String, Option<String>, Option<String>)> = tx
        .prepare("SELECT id, opened, responded, resolved FROM ticket")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut memo = DayWindows::new(cal);
    let mut update = tx.prepare(
        "UPDATE ticket SET month = ?2, response_s = ?3, response_bs = ?4, resolution_s = ?5,
             resolution_bs = ?6 WHERE id = ?1",
    )?;
    for (id, opened, responded, resolved) in &rows {
        let opened = parse_utc(opened)?;
        let responded = responded.as_deref().map(parse_utc).transpose()?;
        let resolved = resolved.as_deref().map(parse_utc).transpose()?;
        let d = Derived::new(&mut memo, opened, responded, resolved);
        update.execute(params![
            id,
            d.month,
            d.response.map(|e| e[0]),
            d.response.map(|e| e[1]),
            d.resolution.map(|e| e[0]),
            d.resolution.map(|e| e[1])
        ])?;
    }
    Ok(rows.len())
}

/// The derived columns of one ticket.
pub(crate) struct Derived {
    pub month: u32,
    pub response: Option<[i64; 2]>,
    pub resolution: Option<[i64; 2]>,
}

impl Derived {
    pub fn new(
        memo: &mut DayWindows<'_>,
        opened: chrono::DateTime<chrono::Utc>,
        responded: Option<chrono::DateTime<chrono::Utc>>,
        resolved: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Self {
        Self {
            month: memo.calendar().month_key_of(opened),
            response: responded.or(resolved).map(|t| memo.elapsed(opened, t)),
            resolution: resolved.map(|t| memo.elapsed(opened, t)),
        }
    }
}

fn clock(text: &str) -> Result<SlaClock> {
    SlaClock::parse(text).ok_or_else(|| {
        RecordsError::Store(crate::StoreError::Invalid(format!(
            "Unknown clock {text:?} in the project."
        )))
    })
}

/// Every catalogue service (in catalogue order) with its id, name and service levels. A
/// service whose levels were never saved has none, and its free-text targets as the note.
pub fn list_service_levels(conn: &Connection) -> Result<Vec<(i64, String, ServiceLevels)>> {
    let services: Vec<(i64, String, String)> = conn
        .prepare("SELECT id, name, sla_targets FROM service ORDER BY position, id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut head = conn.prepare(
        "SELECT availability_pct, fulfilment_min, fulfilment_clock, note FROM service_level
         WHERE service_id = ?1",
    )?;
    let mut targets = conn.prepare(
        "SELECT priority, response_min, resolution_min, clock FROM service_level_target
         WHERE service_id = ?1 ORDER BY priority",
    )?;
    let mut out = Vec::with_capacity(services.len());
    for (id, name, free_text) in services {
        #[allow(clippy::type_complexity)]
        let row: Option<(Option<f64>, Option<u32>, Option<String>, String)> = head
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?;
        let mut levels = ServiceLevels {
            service_id: id,
            ..ServiceLevels::default()
        };
        match row {
            None => levels.note = free_text,
            Some((availability, minutes, fclock, note)) => {
                levels.availability_pct = availability;
                levels.note = note;
                if let (Some(minutes), Some(c)) = (minutes, fclock) {
                    levels.request_fulfilment = Some(FulfilmentTarget {
                        minutes,
                        clock: clock(&c)?,
                    });
                }
                let rows: Vec<(String, Option<u32>, Option<u32>, String)> = targets
                    .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                    .collect::<Result<_, _>>()?;
                let mut map = BTreeMap::new();
                for (p, response_min, resolution_min, c) in rows {
                    let Some(p) = Priority::parse(&p) else {
                        continue;
                    };
                    map.insert(
                        p,
                        PriorityTarget {
                            response_min,
                            resolution_min,
                            clock: clock(&c)?,
                        },
                    );
                }
                levels.targets = map;
            }
        }
        out.push((id, name, levels));
    }
    Ok(out)
}

fn write_levels(tx: &Transaction<'_>, now: &str, levels: &ServiceLevels) -> Result<()> {
    let exists: bool = tx.query_row(
        "SELECT count(*) > 0 FROM service WHERE id = ?1",
        [levels.service_id],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(RecordsError::UnknownService(levels.service_id));
    }
    let f = levels.request_fulfilment;
    tx.execute(
        "INSERT INTO service_level (service_id, availability_pct, fulfilment_min,
             fulfilment_clock, note, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(service_id) DO UPDATE SET availability_pct = ?2, fulfilment_min = ?3,
             fulfilment_clock = ?4, note = ?5, updated_at = ?6",
        params![
            levels.service_id,
            levels.availability_pct,
            f.map(|f| f.minutes),
            f.map(|f| f.clock.as_str()),
            levels.note.trim(),
            now
        ],
    )?;
    tx.execute(
        "DELETE FROM service_level_target WHERE service_id = ?1",
        [levels.service_id],
    )?;
    for (p, t) in &levels.targets {
        if t.response_min.is_none() && t.resolution_min.is_none() {
            continue;
        }
        tx.execute(
            "INSERT INTO service_level_target (service_id, priority, response_min,
                 resolution_min, clock) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                levels.service_id,
                p.as_str(),
                t.response_min,
                t.resolution_min,
                t.clock.as_str()
            ],
        )?;
    }
    Ok(())
}

/// Saves one service's levels (checked), replacing what it had.
pub fn save_service_levels(p: &mut Project, levels: &ServiceLevels) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    levels
        .validate()
        .map_err(|e| RecordsError::InvalidLevels(e.message))?;
    write_in(conn, now, "records_service_levels_saved", |tx| {
        write_levels(tx, now, levels)?;
        Ok(((), levels.service_id.to_string()))
    })
}

/// Reads a service's free-text targets, saves what could be structured (the rest becomes the
/// note) and returns the reading for the user to review.
pub fn convert_sla_text(p: &mut Project, service_id: i64) -> Result<ParsedSla> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let text: Option<String> = conn
        .query_row(
            "SELECT sla_targets FROM service WHERE id = ?1",
            [service_id],
            |r| r.get(0),
        )
        .optional()?;
    let text = text.ok_or(RecordsError::UnknownService(service_id))?;
    let day = calendar(conn)?.day_minutes();
    let mut parsed = parse_sla_text(&text, day);
    parsed.levels.service_id = service_id;
    parsed
        .levels
        .validate()
        .map_err(|e| RecordsError::InvalidLevels(e.message))?;
    write_in(conn, now, "records_service_levels_converted", |tx| {
        write_levels(tx, now, &parsed.levels)?;
        Ok::<_, RecordsError>(((), service_id.to_string()))
    })?;
    Ok(parsed)
}
