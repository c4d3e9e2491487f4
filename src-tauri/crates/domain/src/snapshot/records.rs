//! Snapshot rows of the operating records (migration `0007_records`): business hours,
//! structured service levels, the service-desk exports kept whole and their tickets.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Operating records. Absent in exports made before they were carried (then empty).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RecordsSnap {
    /// The `record_settings` row (business hours), if set.
    pub settings: Option<RecordSettingsSnap>,
    /// `service_level` rows, by service id.
    pub service_levels: Vec<ServiceLevelSnap>,
    /// `service_level_target` rows, by service id and priority.
    pub service_level_targets: Vec<ServiceLevelTargetSnap>,
    /// `record_service_map` rows, by source and value.
    pub service_map: Vec<RecordServiceMapSnap>,
    /// `record_source` rows: each imported file kept whole, by id.
    pub sources: Vec<RecordSourceSnap>,
    /// `ticket` rows, by id.
    pub tickets: Vec<TicketSnap>,
    /// `service_report` rows: the issued monthly service reports with their PDFs, by id.
    pub service_reports: Vec<ServiceReportSnap>,
}

/// The `record_settings` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordSettingsSnap {
    /// The business hours as stored (JSON text).
    pub business_hours: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One `service_level` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceLevelSnap {
    /// Service id (`/wizard/services`).
    pub service_id: i64,
    /// Availability target in percent (0–100].
    pub availability_pct: Option<f64>,
    /// Request fulfilment target in minutes.
    pub fulfilment_min: Option<i64>,
    /// Clock of the fulfilment target: `24x7` or `business_hours`.
    pub fulfilment_clock: Option<String>,
    /// Note.
    pub note: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One `service_level_target` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceLevelTargetSnap {
    /// Service id (`/wizard/services`).
    pub service_id: i64,
    /// `P1` to `P4`.
    pub priority: String,
    /// Response target in minutes.
    pub response_min: Option<i64>,
    /// Resolution target in minutes.
    pub resolution_min: Option<i64>,
    /// `24x7` or `business_hours`.
    pub clock: String,
}

/// One `record_service_map` row: a tool's service value mapped to a service (or to none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordServiceMapSnap {
    /// Source tool.
    pub source: String,
    /// The tool's service value.
    pub value: String,
    /// Service id, or none for "no service".
    pub service_id: Option<i64>,
}

/// One `record_source` row: an imported export kept whole with its SHA-256.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordSourceSnap {
    /// Row id.
    pub id: i64,
    /// Source tool: `jira`, `glpi`, `itop`, `zammad` or `ready20k`.
    pub source: String,
    /// File name as imported.
    pub file_name: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
    /// File content, standard base64.
    pub content_base64: String,
    /// When it was imported (RFC 3339).
    pub imported_at: String,
    /// Rows read from the file.
    pub rows_read: i64,
    /// Rows added.
    pub rows_added: i64,
    /// Rows updated.
    pub rows_updated: i64,
    /// Rows rejected.
    pub rows_rejected: i64,
}

/// One `ticket` row (incident, request or change), with its derived month and elapsed times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TicketSnap {
    /// Row id.
    pub id: i64,
    /// Source tool.
    pub source: String,
    /// The tool's id of the ticket.
    pub external_id: String,
    /// The file it was last read from (`/records/sources`).
    pub source_file_id: i64,
    /// `incident`, `request` or `change`.
    pub kind: String,
    /// The tool's service value.
    pub service_value: String,
    /// Mapped service id.
    pub service_id: Option<i64>,
    /// `P1` to `P4`.
    pub priority: Option<String>,
    /// Opened (RFC 3339).
    pub opened: String,
    /// First response (RFC 3339).
    pub responded: Option<String>,
    /// Resolved (RFC 3339).
    pub resolved: Option<String>,
    /// Requester.
    pub requester: String,
    /// Approver (changes).
    pub approver: String,
    /// Implementer (changes).
    pub implementer: String,
    /// `standard`, `normal` or `emergency`.
    pub change_type: Option<String>,
    /// `success`, `failed` or `rolled_back`.
    pub outcome: Option<String>,
    /// Title.
    pub title: String,
    /// The tool's status.
    pub status: String,
    /// Approved by its own implementer.
    pub self_approved: bool,
    /// Month opened, `yyyymm` in the firm's time zone (derived, carried as stored).
    pub month: i64,
    /// Seconds to first response (derived).
    pub response_s: Option<i64>,
    /// Business-hours seconds to first response (derived).
    pub response_bs: Option<i64>,
    /// Seconds to resolution (derived).
    pub resolution_s: Option<i64>,
    /// Business-hours seconds to resolution (derived).
    pub resolution_bs: Option<i64>,
}

/// One `service_report` row (migration `0013_service_reports`): an issued monthly service
/// report, append-only, with its PDF and the figures it showed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceReportSnap {
    /// Row id.
    pub id: i64,
    /// Service id (`/wizard/services`); none once the service left the catalogue.
    pub service_id: Option<i64>,
    /// The service's name when issued.
    pub service_name: String,
    /// The month reported on, `YYYY-MM`.
    pub month: String,
    /// 1, then 2, 3, … for re-issues of the same service and month.
    pub version: u32,
    /// The report's date, `YYYY-MM-DD`.
    pub issued_on: String,
    /// The issuing person (`/wizard/people`).
    pub issued_by: i64,
    /// The issuing person's name when issued.
    pub issued_by_name: String,
    /// When it was stored (RFC 3339).
    pub issued_at: String,
    /// Pages of the PDF.
    pub pages: u32,
    /// Size of the PDF in bytes.
    pub size: i64,
    /// SHA-256 of the PDF, lowercase hex.
    pub sha256: String,
    /// The PDF, standard base64.
    pub content_base64: String,
    /// The figures the report showed (JSON text of `ReportFigures`).
    pub figures: String,
    /// The evidence item linking it to the 8.3.3 and 9.4 questions (`/assessment/evidence`).
    pub evidence_id: Option<i64>,
}
