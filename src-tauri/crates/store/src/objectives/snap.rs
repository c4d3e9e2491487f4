//! Objectives, KPIs, KPI values and incident reviews in the project snapshot: `export_*`
//! reads them in id order, `import_*` writes them back with their ids (into a fresh, migrated
//! file, after the records and the wizard's services).

use ready20k_domain::snapshot::{
    IncidentReviewSnap, KpiSnap, KpiValueSnap, ObjectiveSnap, ObjectivesSnap,
};
use rusqlite::Connection;

use crate::Result;
use crate::table_row::{self, table_row};

table_row!(
    ObjectiveSnap,
    "objective",
    "id",
    [id, text, owner, due, created_at, updated_at]
);
table_row!(
    KpiSnap,
    "kpi",
    "id",
    [
        id,
        objective_id,
        name,
        unit,
        target,
        direction,
        source,
        measure,
        service_id,
        created_at
    ]
);
table_row!(
    KpiValueSnap,
    "kpi_value",
    "id",
    [id, kpi_id, period, value, note, recorded_at]
);
table_row!(
    IncidentReviewSnap,
    "major_incident_review",
    "ticket_id",
    [ticket_id, reviewed_on, note, recorded_at]
);

/// Reads every objective, KPI, KPI value and incident review.
pub fn export_objectives(conn: &Connection) -> Result<ObjectivesSnap> {
    Ok(ObjectivesSnap {
        objectives: table_row::export(conn)?,
        kpis: table_row::export(conn)?,
        kpi_values: table_row::export(conn)?,
        incident_reviews: table_row::export(conn)?,
    })
}

/// Writes the objectives, KPIs, values and reviews with their ids.
pub fn import_objectives(conn: &Connection, s: &ObjectivesSnap) -> Result<()> {
    table_row::import(conn, &s.objectives)?;
    table_row::import(conn, &s.kpis)?;
    table_row::import(conn, &s.kpi_values)?;
    table_row::import(conn, &s.incident_reviews)
}
