//! What the records screens read: the settings view (business hours, levels, kept files) and
//! the attainment view (the report plus the records behind its flags: self-approved changes
//! and major incidents with their reviews).
//!
//! A major incident is a P1 incident: small firms rarely run a separate major-incident
//! classification, and P1 is where the review is expected. Reviews live in
//! `major_incident_review` (migration `0011_objectives_kpis`).

use ready20k_domain::records::measure::month_text;
use ready20k_domain::records::{
    Attainment, IncidentReview, MajorIncident, PresetInfo, RecordRef, RecordsView, ServiceLevelsRow,
};
use rusqlite::{OptionalExtension, Row, params};

use super::levels::{get_business_hours, list_service_levels};
use super::{RecordsError, Result, list_sources, report};
use crate::Project;
use crate::journal::write_in;

/// The settings screen: business hours, every service's levels and the kept files.
pub fn records_view(p: &Project) -> Result<RecordsView> {
    let conn = p.conn();
    let structured: Vec<(i64, String)> = crate::rows::all(
        conn,
        "SELECT s.id, s.sla_targets FROM service s ORDER BY s.position, s.id",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let saved: Vec<i64> =
        crate::rows::all(conn, "SELECT service_id FROM service_level", [], |r| {
            r.get(0)
        })?;
    let services = list_service_levels(conn)?
        .into_iter()
        .map(|(id, name, levels)| ServiceLevelsRow {
            name,
            free_text: structured
                .iter()
                .find(|(s, _)| *s == id)
                .map(|(_, t)| t.clone())
                .unwrap_or_default(),
            structured: saved.contains(&id),
            levels,
        })
        .collect();
    let sources = list_sources(conn)?;
    let tickets: i64 = conn.query_row("SELECT count(*) FROM ticket", [], |r| r.get(0))?;
    Ok(RecordsView {
        business_hours: get_business_hours(conn)?,
        services,
        sources,
        presets: PresetInfo::all(),
        tickets: tickets.max(0) as u64,
    })
}

const REF_COLUMNS: &str = "t.id, t.source, t.external_id, coalesce(s.name, 'No service'), \
    t.month, t.opened, t.resolved, t.title, t.requester, t.approver, t.implementer";

fn record_ref(r: &Row<'_>) -> rusqlite::Result<RecordRef> {
    Ok(RecordRef {
        ticket_id: r.get(0)?,
        source: r.get(1)?,
        external_id: r.get(2)?,
        service: r.get(3)?,
        month: month_text(r.get(4)?),
        opened: r.get(5)?,
        resolved: r.get(6)?,
        title: r.get(7)?,
        requester: r.get(8)?,
        approver: r.get(9)?,
        implementer: r.get(10)?,
    })
}

/// The attainment view over `from..=to` (`yyyy * 100 + mm`, either open).
pub fn attainment(p: &Project, from: Option<u32>, to: Option<u32>) -> Result<Attainment> {
    let conn = p.conn();
    let report = report(conn, p.clock().now(), from, to)?;
    let range = [from.unwrap_or(0), to.unwrap_or(u32::MAX)];
    let self_approved = crate::rows::all(
        conn,
        &format!(
            "SELECT {REF_COLUMNS} FROM ticket t LEFT JOIN service s ON s.id = t.service_id
             WHERE t.self_approved = 1 AND t.month BETWEEN ?1 AND ?2
             ORDER BY t.opened DESC, t.id DESC"
        ),
        range,
        record_ref,
    )?;
    let major_incidents = crate::rows::all(
        conn,
        &format!(
            "SELECT {REF_COLUMNS}, v.reviewed_on, v.note FROM ticket t
             LEFT JOIN service s ON s.id = t.service_id
             LEFT JOIN major_incident_review v ON v.ticket_id = t.id
             WHERE t.kind = 'incident' AND t.priority = 'P1' AND t.month BETWEEN ?1 AND ?2
             ORDER BY t.opened DESC, t.id DESC"
        ),
        range,
        |r| {
            let reviewed_on: Option<String> = r.get(11)?;
            Ok(MajorIncident {
                record: record_ref(r)?,
                review: match reviewed_on {
                    Some(reviewed_on) => Some(IncidentReview {
                        reviewed_on,
                        note: r.get(12)?,
                    }),
                    None => None,
                },
            })
        },
    )?;
    Ok(Attainment {
        report,
        self_approved,
        major_incidents,
    })
}

/// Records (or replaces) the review of major incident `ticket_id`; `None` removes it.
pub fn set_incident_review(
    p: &mut Project,
    ticket_id: i64,
    review: Option<&IncidentReview>,
) -> Result<()> {
    if let Some(r) = review
        && chrono::NaiveDate::parse_from_str(r.reviewed_on.trim(), "%Y-%m-%d").is_err()
    {
        return Err(RecordsError::BadDate(r.reviewed_on.clone()));
    }
    let now = p.now();
    let major: Option<bool> = p
        .conn()
        .query_row(
            "SELECT kind = 'incident' AND priority = 'P1' FROM ticket WHERE id = ?1",
            [ticket_id],
            |r| r.get(0),
        )
        .optional()?;
    if major != Some(true) {
        return Err(RecordsError::NotMajorIncident(ticket_id));
    }
    write_in(p.conn_mut(), &now, "records_incident_review", |tx| {
        match review {
            Some(r) => tx.execute(
                "INSERT INTO major_incident_review (ticket_id, reviewed_on, note, recorded_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(ticket_id) DO UPDATE SET reviewed_on = ?2, note = ?3,
                     recorded_at = ?4",
                params![ticket_id, r.reviewed_on.trim(), r.note.trim(), now],
            )?,
            None => tx.execute(
                "DELETE FROM major_incident_review WHERE ticket_id = ?1",
                [ticket_id],
            )?,
        };
        Ok::<_, RecordsError>(((), ticket_id.to_string()))
    })
}
