//! Service management objectives and their KPIs (ISO/IEC 20000-1 6.2, 9.1).
//!
//! An objective has an owner and a due date; each KPI linked to it has a target, a unit and a
//! direction (at least / at most). A KPI's values either come from a measurement of the
//! operating records (one value per month, computed) or are entered by hand (append-only,
//! each with the month it describes apart from when it was recorded; the latest recorded
//! value of a month counts). The rules here say what a value is, whether the KPI is met and
//! which way it is trending.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Refusal;
use crate::records::MonthMeasures;

#[cfg(test)]
mod tests;

/// Which way is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The value should be at or above the target.
    AtLeast,
    /// The value should be at or below the target.
    AtMost,
}

impl Direction {
    /// Stable text id.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::AtLeast => "at_least",
            Direction::AtMost => "at_most",
        }
    }

    /// Parses [`Direction::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "at_least" => Some(Direction::AtLeast),
            "at_most" => Some(Direction::AtMost),
            _ => None,
        }
    }

    /// Whether `value` meets `target`.
    pub fn meets(self, value: f64, target: f64) -> bool {
        match self {
            Direction::AtLeast => value >= target,
            Direction::AtMost => value <= target,
        }
    }
}

/// A measurement of the operating records a KPI can read, per service and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Incidents opened.
    Incidents,
    /// % of incidents responded to within target.
    IncidentsResponseMetPct,
    /// % of incidents resolved within target.
    IncidentsResolutionMetPct,
    /// Requests opened.
    Requests,
    /// % of requests fulfilled within target.
    RequestsFulfilledMetPct,
    /// Changes.
    Changes,
    /// Failed or rolled-back changes.
    ChangesFailed,
    /// Emergency changes.
    ChangesEmergency,
    /// Self-approved changes.
    ChangesSelfApproved,
}

impl Measure {
    /// Every measure, in the order offered.
    pub const ALL: [Measure; 9] = [
        Measure::IncidentsResolutionMetPct,
        Measure::IncidentsResponseMetPct,
        Measure::RequestsFulfilledMetPct,
        Measure::Incidents,
        Measure::Requests,
        Measure::Changes,
        Measure::ChangesFailed,
        Measure::ChangesEmergency,
        Measure::ChangesSelfApproved,
    ];

    /// Stable text id (the `records report --json` field name).
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Incidents => "incidents",
            Measure::IncidentsResponseMetPct => "incidents_response_met_pct",
            Measure::IncidentsResolutionMetPct => "incidents_resolution_met_pct",
            Measure::Requests => "requests",
            Measure::RequestsFulfilledMetPct => "requests_fulfilled_met_pct",
            Measure::Changes => "changes",
            Measure::ChangesFailed => "changes_failed",
            Measure::ChangesEmergency => "changes_emergency",
            Measure::ChangesSelfApproved => "changes_self_approved",
        }
    }

    /// Parses [`Measure::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Measure::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Measure::Incidents => "Incidents",
            Measure::IncidentsResponseMetPct => "Incidents responded to within target",
            Measure::IncidentsResolutionMetPct => "Incidents resolved within target",
            Measure::Requests => "Requests",
            Measure::RequestsFulfilledMetPct => "Requests fulfilled within target",
            Measure::Changes => "Changes",
            Measure::ChangesFailed => "Failed changes",
            Measure::ChangesEmergency => "Emergency changes",
            Measure::ChangesSelfApproved => "Self-approved changes",
        }
    }

    /// The unit of its values.
    pub fn unit(self) -> &'static str {
        match self {
            Measure::IncidentsResponseMetPct
            | Measure::IncidentsResolutionMetPct
            | Measure::RequestsFulfilledMetPct => "%",
            _ => "count",
        }
    }

    /// Its value in one month (`None`: nothing to measure that month).
    pub fn value(self, m: &MonthMeasures) -> Option<f64> {
        let count = |n: u64| Some(n as f64);
        match self {
            Measure::Incidents => count(m.incidents),
            Measure::IncidentsResponseMetPct => m.incidents_response_met_pct,
            Measure::IncidentsResolutionMetPct => m.incidents_resolution_met_pct,
            Measure::Requests => count(m.requests),
            Measure::RequestsFulfilledMetPct => m.requests_fulfilled_met_pct,
            Measure::Changes => count(m.changes),
            Measure::ChangesFailed => count(m.changes_failed),
            Measure::ChangesEmergency => count(m.changes_emergency),
            Measure::ChangesSelfApproved => count(m.changes_self_approved),
        }
    }
}

/// Where a KPI's values come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum KpiSource {
    /// Entered by hand (satisfaction score, availability from monitoring, ...).
    Manual,
    /// A measurement of one service's operating records.
    Measurement {
        /// What is measured.
        measure: Measure,
        /// The catalogue service.
        service_id: i64,
    },
}

/// An objective as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ObjectiveInput {
    /// The objective.
    pub text: String,
    /// Who owns it.
    pub owner: String,
    /// Due date (`YYYY-MM-DD`), if any.
    pub due: Option<String>,
}

impl ObjectiveInput {
    /// Checks the text and date; the refusal says what to fix.
    pub fn validate(&self) -> Result<(), Refusal> {
        if self.text.trim().is_empty() {
            return Err(Refusal::new("objective_text_empty", "Write the objective."));
        }
        if let Some(d) = self.due.as_deref().map(str::trim).filter(|d| !d.is_empty())
            && chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err()
        {
            return Err(Refusal::new(
                "bad_date",
                format!("{d} is not a date; write it as YYYY-MM-DD."),
            ));
        }
        Ok(())
    }
}

/// A KPI as entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct KpiInput {
    /// The objective it measures.
    pub objective_id: i64,
    /// Its name.
    pub name: String,
    /// Unit of its values (`%`, `count`, `score`...).
    pub unit: String,
    /// The target.
    pub target: f64,
    /// Which way is good.
    pub direction: Direction,
    /// Where the values come from.
    pub source: KpiSource,
}

impl KpiInput {
    /// Checks the name and target; the refusal says what to fix.
    pub fn validate(&self) -> Result<(), Refusal> {
        if self.name.trim().is_empty() {
            return Err(Refusal::new("kpi_name_empty", "Name the KPI."));
        }
        if !self.target.is_finite() {
            return Err(Refusal::new(
                "kpi_target_invalid",
                "The target must be a number.",
            ));
        }
        Ok(())
    }
}

/// One value of a KPI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct KpiPoint {
    /// The month it describes (`YYYY-MM`).
    pub period: String,
    /// The value.
    pub value: f64,
    /// When it was recorded (RFC 3339); `None` for a value computed from the records.
    pub recorded_at: Option<String>,
    /// A note given with it.
    pub note: String,
}

/// How a KPI is moving over its last two values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Fewer than two values.
    Unknown,
    /// Moving the good way.
    Improving,
    /// Unchanged.
    Steady,
    /// Moving the bad way.
    Worsening,
}

/// A KPI with its values and status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct KpiView {
    /// Row id.
    pub id: i64,
    /// The KPI as entered.
    pub kpi: KpiInput,
    /// The measured service's name, for a measurement KPI.
    pub service: Option<String>,
    /// Values, oldest period first (one per period).
    pub points: Vec<KpiPoint>,
    /// Whether the latest value meets the target (`None`: no value yet).
    pub met: Option<bool>,
    /// Trend over the last two values.
    pub trend: Trend,
}

/// An objective with its KPIs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ObjectiveView {
    /// Row id.
    pub id: i64,
    /// The objective as entered.
    pub objective: ObjectiveInput,
    /// Its KPIs.
    pub kpis: Vec<KpiView>,
    /// Every KPI with a value meets its target (and there is at least one such KPI).
    pub on_track: bool,
}

/// A measure the user can pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MeasureInfo {
    /// Stable id.
    pub id: Measure,
    /// Label.
    pub label: String,
    /// Unit.
    pub unit: String,
}

/// The objectives screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ObjectivesView {
    /// Objectives in entry order.
    pub objectives: Vec<ObjectiveView>,
    /// The measures offered for a measurement KPI.
    pub measures: Vec<MeasureInfo>,
    /// Catalogue services (id, name) for a measurement KPI.
    pub services: Vec<ServiceChoice>,
}

/// A catalogue service to pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ServiceChoice {
    /// Catalogue id.
    pub id: i64,
    /// Name.
    pub name: String,
}

/// Every measure as offered.
pub fn measures() -> Vec<MeasureInfo> {
    Measure::ALL
        .into_iter()
        .map(|m| MeasureInfo {
            id: m,
            label: m.label().to_owned(),
            unit: m.unit().to_owned(),
        })
        .collect()
}

/// Hand-entered values as stored (append-only, in recording order), reduced to one per
/// period: the latest recorded value of each period counts. Oldest period first.
pub fn latest_per_period(values: Vec<KpiPoint>) -> Vec<KpiPoint> {
    let mut by_period: std::collections::BTreeMap<String, KpiPoint> = Default::default();
    for v in values {
        by_period.insert(v.period.clone(), v);
    }
    by_period.into_values().collect()
}

/// The values of a measurement KPI from one service's months (months with nothing to measure
/// are left out).
pub fn measured_points(measure: Measure, months: &[MonthMeasures]) -> Vec<KpiPoint> {
    months
        .iter()
        .filter_map(|m| {
            measure.value(m).map(|value| KpiPoint {
                period: m.month.clone(),
                value,
                recorded_at: None,
                note: String::new(),
            })
        })
        .collect()
}

/// Whether the latest value meets the target, and the trend over the last two values.
pub fn evaluate(direction: Direction, target: f64, points: &[KpiPoint]) -> (Option<bool>, Trend) {
    let met = points.last().map(|p| direction.meets(p.value, target));
    let trend = match points {
        [.., a, b] => {
            let delta = b.value - a.value;
            if delta.abs() < 1e-9 {
                Trend::Steady
            } else if (delta > 0.0) == (direction == Direction::AtLeast) {
                Trend::Improving
            } else {
                Trend::Worsening
            }
        }
        _ => Trend::Unknown,
    };
    (met, trend)
}

/// Checks a hand-entered value (a finite number for a month) and returns the month as
/// `YYYY-MM`.
pub fn validate_value(period: &str, value: f64) -> Result<String, Refusal> {
    use crate::records::measure::{month_key, month_text};
    let Some(key) = month_key(period.trim()) else {
        return Err(Refusal::new(
            "bad_month",
            format!("{period} is not a month; write it as YYYY-MM, e.g. 2026-10."),
        ));
    };
    if !value.is_finite() {
        return Err(Refusal::new(
            "kpi_value_invalid",
            "The value must be a number.",
        ));
    }
    Ok(month_text(key))
}
