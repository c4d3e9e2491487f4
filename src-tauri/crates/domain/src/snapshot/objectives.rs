//! Snapshot rows of objectives and KPIs (migration `0011_objectives_kpis`): objectives, their
//! KPIs, the hand-entered KPI values (append-only) and the reviews of major incidents.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Objectives, KPIs and incident reviews. Absent in older exports (then empty).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ObjectivesSnap {
    /// `objective` rows, by id.
    pub objectives: Vec<ObjectiveSnap>,
    /// `kpi` rows, by id.
    pub kpis: Vec<KpiSnap>,
    /// `kpi_value` rows, by id (recording order).
    pub kpi_values: Vec<KpiValueSnap>,
    /// `major_incident_review` rows, by ticket id.
    pub incident_reviews: Vec<IncidentReviewSnap>,
}

/// One `objective` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveSnap {
    /// Row id.
    pub id: i64,
    /// The objective.
    pub text: String,
    /// Who owns it.
    pub owner: String,
    /// Due date (`YYYY-MM-DD`).
    pub due: Option<String>,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One `kpi` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KpiSnap {
    /// Row id.
    pub id: i64,
    /// The objective it measures (`/objectives/objectives`).
    pub objective_id: i64,
    /// Name.
    pub name: String,
    /// Unit of its values.
    pub unit: String,
    /// Target.
    pub target: f64,
    /// `at_least` or `at_most`.
    pub direction: String,
    /// `manual` or `measurement`.
    pub source: String,
    /// The measurement read (measurement KPIs), e.g. `incidents_resolution_met_pct`.
    pub measure: Option<String>,
    /// The measured service (`/wizard/services`).
    pub service_id: Option<i64>,
    /// Created (RFC 3339).
    pub created_at: String,
}

/// One `kpi_value` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KpiValueSnap {
    /// Row id.
    pub id: i64,
    /// The KPI (`/objectives/kpis`).
    pub kpi_id: i64,
    /// The month the value describes (`YYYY-MM`).
    pub period: String,
    /// The value.
    pub value: f64,
    /// Note given with it.
    pub note: String,
    /// When it was recorded (RFC 3339).
    pub recorded_at: String,
}

/// One `major_incident_review` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentReviewSnap {
    /// The incident (`/records/tickets`).
    pub ticket_id: i64,
    /// Day of the review (`YYYY-MM-DD`).
    pub reviewed_on: String,
    /// What was learnt.
    pub note: String,
    /// When it was recorded (RFC 3339).
    pub recorded_at: String,
}
