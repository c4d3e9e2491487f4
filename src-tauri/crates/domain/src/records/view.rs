//! What the records screens show: the settings view, the attainment view with the records
//! behind its flags (self-approved changes, major incidents and their reviews), and the
//! picked export file. Plain data for the shell and the UI; computed by the store.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{BusinessHours, Preset, Report, ServiceLevels};

/// A preset the user can choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PresetInfo {
    /// Stable id.
    pub id: Preset,
    /// The tool's name.
    pub label: String,
}

impl PresetInfo {
    /// Every preset, in the order offered.
    pub fn all() -> Vec<PresetInfo> {
        Preset::ALL
            .into_iter()
            .map(|p| PresetInfo {
                id: p,
                label: p.label().to_owned(),
            })
            .collect()
    }
}

/// One catalogue service with its structured levels and the free text it started from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ServiceLevelsRow {
    /// Catalogue name.
    pub name: String,
    /// The wizard's free-text targets.
    pub free_text: String,
    /// Whether structured levels were ever saved.
    pub structured: bool,
    /// The levels (`service_id` is the catalogue id).
    pub levels: ServiceLevels,
}

/// An imported file as listed (without its bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecordSourceView {
    /// Row id.
    pub id: i64,
    /// Preset id.
    pub source: String,
    /// File name as imported.
    pub file_name: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256, hex.
    pub sha256: String,
    /// When it was imported.
    pub imported_at: String,
    /// Data rows read.
    pub rows_read: i64,
    /// Tickets added.
    pub rows_added: i64,
    /// Tickets updated.
    pub rows_updated: i64,
    /// Rows rejected.
    pub rows_rejected: i64,
}

/// The records settings screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RecordsView {
    /// The firm's business hours.
    pub business_hours: BusinessHours,
    /// Every catalogue service with its levels.
    pub services: Vec<ServiceLevelsRow>,
    /// The imported files, oldest first.
    pub sources: Vec<RecordSourceView>,
    /// The presets offered.
    pub presets: Vec<PresetInfo>,
    /// Records in the project.
    pub tickets: u64,
}

/// One imported record as listed under a flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecordRef {
    /// Row id.
    pub ticket_id: i64,
    /// Preset id of its source.
    pub source: String,
    /// Its id in the tool.
    pub external_id: String,
    /// Catalogue service name, or "No service".
    pub service: String,
    /// `YYYY-MM` it counts in.
    pub month: String,
    /// Opened (RFC 3339).
    pub opened: String,
    /// Resolved or completed (RFC 3339).
    pub resolved: Option<String>,
    /// Summary line.
    pub title: String,
    /// Requester.
    pub requester: String,
    /// Approver(s).
    pub approver: String,
    /// Implementer / assignee.
    pub implementer: String,
}

/// The review of a major incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IncidentReview {
    /// The day of the review (`YYYY-MM-DD`).
    pub reviewed_on: String,
    /// What was learnt, in a line or two.
    pub note: String,
}

/// A major incident (a P1 incident) and its review, if one was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MajorIncident {
    /// The incident.
    pub record: RecordRef,
    /// Its review.
    pub review: Option<IncidentReview>,
}

/// The attainment screen: the report plus the records behind its flags.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Attainment {
    /// Measurements per service and month.
    pub report: Report,
    /// Changes approved by their requester or implementer, newest first.
    pub self_approved: Vec<RecordRef>,
    /// Major incidents, newest first.
    pub major_incidents: Vec<MajorIncident>,
}

/// An export file the user picked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PickedExport {
    /// Full path.
    pub path: String,
    /// File name.
    pub file_name: String,
    /// Size in bytes.
    pub size: u64,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportDone {
    /// The kept source file.
    pub source_id: i64,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// Tickets new to the project.
    pub added: u64,
    /// Tickets already imported that the file changed.
    pub updated: u64,
    /// Tickets already imported and unchanged.
    pub unchanged: u64,
    /// Rows rejected and left out (with skip-bad-rows).
    pub rejected: u64,
}
