//! Objectives, KPIs, KPI values and incident reviews in the project snapshot: `export_*`
//! reads them in id order, `import_*` writes them back with their ids (into a fresh, migrated
//! file, after the records and the wizard's services).

use ready20k_domain::snapshot::{
    IncidentReviewSnap, KpiSnap, KpiValueSnap, ObjectiveSnap, ObjectivesSnap,
};
use rusqlite::{Connection, params};

use crate::{Result, rows};

/// Reads every objective, KPI, KPI value and incident review.
pub fn export_objectives(conn: &Connection) -> Result<ObjectivesSnap> {
    Ok(ObjectivesSnap {
        objectives: rows::all(
            conn,
            "SELECT id, text, owner, due, created_at, updated_at FROM objective ORDER BY id",
            [],
            |r| {
                Ok(ObjectiveSnap {
                    id: r.get(0)?,
                    text: r.get(1)?,
                    owner: r.get(2)?,
                    due: r.get(3)?,
                    created_at: r.get(4)?,
                    updated_at: r.get(5)?,
                })
            },
        )?,
        kpis: rows::all(
            conn,
            "SELECT id, objective_id, name, unit, target, direction, source, measure,
                 service_id, created_at FROM kpi ORDER BY id",
            [],
            |r| {
                Ok(KpiSnap {
                    id: r.get(0)?,
                    objective_id: r.get(1)?,
                    name: r.get(2)?,
                    unit: r.get(3)?,
                    target: r.get(4)?,
                    direction: r.get(5)?,
                    source: r.get(6)?,
                    measure: r.get(7)?,
                    service_id: r.get(8)?,
                    created_at: r.get(9)?,
                })
            },
        )?,
        kpi_values: rows::all(
            conn,
            "SELECT id, kpi_id, period, value, note, recorded_at FROM kpi_value ORDER BY id",
            [],
            |r| {
                Ok(KpiValueSnap {
                    id: r.get(0)?,
                    kpi_id: r.get(1)?,
                    period: r.get(2)?,
                    value: r.get(3)?,
                    note: r.get(4)?,
                    recorded_at: r.get(5)?,
                })
            },
        )?,
        incident_reviews: rows::all(
            conn,
            "SELECT ticket_id, reviewed_on, note, recorded_at FROM major_incident_review
             ORDER BY ticket_id",
            [],
            |r| {
                Ok(IncidentReviewSnap {
                    ticket_id: r.get(0)?,
                    reviewed_on: r.get(1)?,
                    note: r.get(2)?,
                    recorded_at: r.get(3)?,
                })
            },
        )?,
    })
}

/// Writes the objectives, KPIs, values and reviews with their ids.
pub fn import_objectives(conn: &Connection, s: &ObjectivesSnap) -> Result<()> {
    for o in &s.objectives {
        conn.execute(
            "INSERT INTO objective (id, text, owner, due, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![o.id, o.text, o.owner, o.due, o.created_at, o.updated_at],
        )?;
    }
    for k in &s.kpis {
        conn.execute(
            "INSERT INTO kpi (id, objective_id, name, unit, target, direction, source, measure,
                 service_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                k.id,
                k.objective_id,
                k.name,
                k.unit,
                k.target,
                k.direction,
                k.source,
                k.measure,
                k.service_id,
                k.created_at
            ],
        )?;
    }
    for v in &s.kpi_values {
        conn.execute(
            "INSERT INTO kpi_value (id, kpi_id, period, value, note, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![v.id, v.kpi_id, v.period, v.value, v.note, v.recorded_at],
        )?;
    }
    for r in &s.incident_reviews {
        conn.execute(
            "INSERT INTO major_incident_review (ticket_id, reviewed_on, note, recorded_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![r.ticket_id, r.reviewed_on, r.note, r.recorded_at],
        )?;
    }
    Ok(())
}
