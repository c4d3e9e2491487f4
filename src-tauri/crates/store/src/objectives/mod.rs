//! Objectives and KPIs (migration `0011_objectives_kpis`): the SQL of `objective`, `kpi` and
//! `kpi_value`. The rules (met, trend, one value per period, what a measure reads) live in
//! [`ready20k_domain::objectives`]. KPI values are append-only: a correction is a new value
//! for the same period.

mod snap;
#[cfg(test)]
mod tests;

pub use snap::{export_objectives, import_objectives};

use ready20k_domain::ErrorPayload;
use ready20k_domain::error::Refusal;
use ready20k_domain::objectives::{
    Direction, KpiInput, KpiPoint, KpiSource, KpiView, Measure, ObjectiveInput, ObjectiveView,
    ObjectivesView, ServiceChoice, evaluate, latest_per_period, measured_points, measures,
    validate_value,
};
use ready20k_domain::records::Report;
use ready20k_domain::snapshot::KpiSnap;
use rusqlite::{OptionalExtension, params};

use crate::journal::write_in;
use crate::records::{self, RecordsError};
use crate::table_row;
use crate::{Project, StoreError, rows};

/// What can go wrong with objectives and KPIs.
#[derive(Debug, thiserror::Error)]
pub enum ObjectivesError {
    /// A store error.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The records could not be measured.
    #[error(transparent)]
    Records(#[from] RecordsError),
    /// Input that breaks a rule.
    #[error("{}", .0.message)]
    Refused(Refusal),
    /// No such objective.
    #[error("There is no objective {0}.")]
    UnknownObjective(i64),
    /// No such KPI.
    #[error("There is no KPI {0}.")]
    UnknownKpi(i64),
    /// No such service.
    #[error("There is no service {0} in the catalogue.")]
    UnknownService(i64),
    /// A value entered for a KPI that reads the records.
    #[error("KPI {0} is measured from the operating records; its values cannot be entered.")]
    Measured(i64),
}

impl From<rusqlite::Error> for ObjectivesError {
    fn from(e: rusqlite::Error) -> Self {
        ObjectivesError::Store(e.into())
    }
}

impl From<Refusal> for ObjectivesError {
    fn from(r: Refusal) -> Self {
        ObjectivesError::Refused(r)
    }
}

impl ObjectivesError {
    /// Stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            ObjectivesError::Store(e) => e.code(),
            ObjectivesError::Records(e) => e.code(),
            ObjectivesError::Refused(r) => r.code,
            ObjectivesError::UnknownObjective(_) => "unknown_objective",
            ObjectivesError::UnknownKpi(_) => "unknown_kpi",
            ObjectivesError::UnknownService(_) => "unknown_service",
            ObjectivesError::Measured(_) => "kpi_is_measured",
        }
    }

    /// The error as the UI receives it.
    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload::new(self.code(), self.to_string())
    }
}

/// Result alias of this module.
pub type Result<T, E = ObjectivesError> = std::result::Result<T, E>;

fn due(input: &ObjectiveInput) -> Option<String> {
    input
        .due
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_owned)
}

/// Adds an objective; returns its id.
pub fn add_objective(p: &mut Project, input: &ObjectiveInput) -> Result<i64> {
    input.validate()?;
    let now = p.now();
    write_in(p.conn_mut(), &now, "objective_added", |tx| {
        tx.execute(
            "INSERT INTO objective (text, owner, due, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![input.text.trim(), input.owner.trim(), due(input), now],
        )?;
        let id = tx.last_insert_rowid();
        Ok::<_, ObjectivesError>((id, format!("{id}: {}", input.text.trim())))
    })
}

/// Changes an objective's text, owner or due date.
pub fn update_objective(p: &mut Project, id: i64, input: &ObjectiveInput) -> Result<()> {
    input.validate()?;
    let now = p.now();
    write_in(p.conn_mut(), &now, "objective_updated", |tx| {
        let n = tx.execute(
            "UPDATE objective SET text = ?2, owner = ?3, due = ?4, updated_at = ?5 WHERE id = ?1",
            params![id, input.text.trim(), input.owner.trim(), due(input), now],
        )?;
        if n == 0 {
            return Err(ObjectivesError::UnknownObjective(id));
        }
        Ok(((), format!("{id}: {}", input.text.trim())))
    })
}

/// Links a new KPI to its objective; returns the KPI's id.
pub fn add_kpi(p: &mut Project, input: &KpiInput) -> Result<i64> {
    input.validate()?;
    let now = p.now();
    let conn = p.conn();
    let objective: Option<i64> = conn
        .query_row(
            "SELECT id FROM objective WHERE id = ?1",
            [input.objective_id],
            |r| r.get(0),
        )
        .optional()?;
    if objective.is_none() {
        return Err(ObjectivesError::UnknownObjective(input.objective_id));
    }
    let (source, measure, service) = match &input.source {
        KpiSource::Manual => ("manual", None, None),
        KpiSource::Measurement {
            measure,
            service_id,
        } => {
            let known: bool = conn.query_row(
                "SELECT count(*) > 0 FROM service WHERE id = ?1",
                [service_id],
                |r| r.get(0),
            )?;
            if !known {
                return Err(ObjectivesError::UnknownService(*service_id));
            }
            ("measurement", Some(measure.as_str()), Some(*service_id))
        }
    };
    write_in(p.conn_mut(), &now, "kpi_added", |tx| {
        tx.execute(
            "INSERT INTO kpi (objective_id, name, unit, target, direction, source, measure,
                 service_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                input.objective_id,
                input.name.trim(),
                input.unit.trim(),
                input.target,
                input.direction.as_str(),
                source,
                measure,
                service,
                now
            ],
        )?;
        let id = tx.last_insert_rowid();
        Ok::<_, ObjectivesError>((
            id,
            format!(
                "{id} for objective {}: {}",
                input.objective_id,
                input.name.trim()
            ),
        ))
    })
}

/// Appends a hand-entered value of KPI `kpi_id` for `period` (`YYYY-MM`).
pub fn record_kpi_value(
    p: &mut Project,
    kpi_id: i64,
    period: &str,
    value: f64,
    note: &str,
) -> Result<()> {
    let period = validate_value(period, value)?;
    let source: Option<String> = p
        .conn()
        .query_row("SELECT source FROM kpi WHERE id = ?1", [kpi_id], |r| {
            r.get(0)
        })
        .optional()?;
    match source.as_deref() {
        None => return Err(ObjectivesError::UnknownKpi(kpi_id)),
        Some("manual") => {}
        Some(_) => return Err(ObjectivesError::Measured(kpi_id)),
    }
    let now = p.now();
    write_in(p.conn_mut(), &now, "kpi_value_recorded", |tx| {
        tx.execute(
            "INSERT INTO kpi_value (kpi_id, period, value, note, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![kpi_id, period, value, note.trim(), now],
        )?;
        Ok::<_, ObjectivesError>(((), format!("kpi {kpi_id} {period} = {value}")))
    })
}

struct KpiRow {
    id: i64,
    objective_id: i64,
    input: KpiInput,
}

/// Every KPI, read through the `kpi` table's one row type ([`KpiSnap`]), in id order.
fn kpi_rows(p: &Project) -> Result<Vec<KpiRow>> {
    let corrupt = |what: &str, v: &str| {
        ObjectivesError::Store(StoreError::Invalid(format!(
            "Unknown KPI {what} {v:?} in the project."
        )))
    };
    table_row::export::<KpiSnap>(p.conn())?
        .into_iter()
        .map(|k| {
            let direction =
                Direction::parse(&k.direction).ok_or_else(|| corrupt("direction", &k.direction))?;
            let source = match (k.measure, k.service_id) {
                (Some(m), Some(service_id)) => KpiSource::Measurement {
                    measure: Measure::parse(&m).ok_or_else(|| corrupt("measure", &m))?,
                    service_id,
                },
                // A measured service removed from the catalogue: nothing left to read.
                (Some(m), None) => KpiSource::Measurement {
                    measure: Measure::parse(&m).ok_or_else(|| corrupt("measure", &m))?,
                    service_id: 0,
                },
                (None, _) => KpiSource::Manual,
            };
            Ok(KpiRow {
                id: k.id,
                objective_id: k.objective_id,
                input: KpiInput {
                    objective_id: k.objective_id,
                    name: k.name,
                    unit: k.unit,
                    target: k.target,
                    direction,
                    source,
                },
            })
        })
        .collect()
}

fn manual_points(p: &Project, kpi_id: i64) -> Result<Vec<KpiPoint>> {
    let values = rows::all(
        p.conn(),
        "SELECT period, value, recorded_at, note FROM kpi_value WHERE kpi_id = ?1 ORDER BY id",
        [kpi_id],
        |r| {
            Ok(KpiPoint {
                period: r.get(0)?,
                value: r.get(1)?,
                recorded_at: r.get(2)?,
                note: r.get(3)?,
            })
        },
    )?;
    Ok(latest_per_period(values))
}

fn kpi_view(
    row: KpiRow,
    p: &Project,
    services: &[ServiceChoice],
    report: &Report,
) -> Result<KpiView> {
    let (points, service) = match &row.input.source {
        KpiSource::Manual => (manual_points(p, row.id)?, None),
        KpiSource::Measurement {
            measure,
            service_id,
        } => {
            let name = services
                .iter()
                .find(|s| s.id == *service_id)
                .map(|s| s.name.clone());
            let months = name
                .as_deref()
                .and_then(|n| report.services.iter().find(|s| s.service == n))
                .map(|s| measured_points(*measure, &s.months))
                .unwrap_or_default();
            (months, name)
        }
    };
    let (met, trend) = evaluate(row.input.direction, row.input.target, &points);
    Ok(KpiView {
        id: row.id,
        kpi: row.input,
        service,
        points,
        met,
        trend,
    })
}

/// The objectives screen: every objective with its KPIs, their values, status and trend.
pub fn objectives_view(p: &Project) -> Result<ObjectivesView> {
    let conn = p.conn();
    let services: Vec<ServiceChoice> = rows::all(
        conn,
        "SELECT id, name FROM service ORDER BY position, id",
        [],
        |r| {
            Ok(ServiceChoice {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        },
    )?;
    let objectives: Vec<(i64, ObjectiveInput)> = rows::all(
        conn,
        "SELECT id, text, owner, due FROM objective ORDER BY id",
        [],
        |r| {
            Ok((
                r.get(0)?,
                ObjectiveInput {
                    text: r.get(1)?,
                    owner: r.get(2)?,
                    due: r.get(3)?,
                },
            ))
        },
    )?;
    let kpis = kpi_rows(p)?;
    let report = if kpis
        .iter()
        .any(|k| matches!(k.input.source, KpiSource::Measurement { .. }))
    {
        records::report(conn, p.clock().now(), None, None)?
    } else {
        Report {
            months_of_records: 0,
            services: Vec::new(),
        }
    };
    let mut views: Vec<ObjectiveView> = objectives
        .into_iter()
        .map(|(id, objective)| ObjectiveView {
            id,
            objective,
            kpis: Vec::new(),
            on_track: false,
        })
        .collect();
    for row in kpis {
        let objective_id = row.objective_id;
        let view = kpi_view(row, p, &services, &report)?;
        if let Some(o) = views.iter_mut().find(|o| o.id == objective_id) {
            o.kpis.push(view);
        }
    }
    for o in &mut views {
        let measured: Vec<bool> = o.kpis.iter().filter_map(|k| k.met).collect();
        o.on_track = !measured.is_empty() && measured.iter().all(|m| *m);
    }
    Ok(ObjectivesView {
        objectives: views,
        measures: measures(),
        services,
    })
}
