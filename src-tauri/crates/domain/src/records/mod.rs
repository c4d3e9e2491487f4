//! Operating records from the service desk (ISO/IEC 20000-1 8.3.3, 8.5.1, 8.6, 9.1): structured
//! service levels, the business-hours clock, ticket and change imports from service-desk CSV
//! exports, and the monthly measurements (SLA attainment, change outcomes, self-approved
//! changes) computed from them.
//!
//! Pure code like the rest of the crate: the store keeps the tickets and the source files, the
//! CLI and the shell call in here for the rules.

pub mod hours;
pub mod import;
pub mod issued;
pub mod measure;
pub mod presets;
pub mod sla;
pub mod sla_text;
pub mod view;

pub use hours::{BusinessHours, BusinessHoursError, DayWindows, WorkCalendar};
pub use import::{
    ImportContext, ImportError, ImportPreview, ImportSummary, RejectReason, RejectedRow,
    ValueMapping, parse_export,
};
pub use issued::{
    IssuedReport, RenderedReport, ReportFigures, ReportRenderer, ReportRequest, ServiceReportsView,
};
pub use measure::{MonthMeasures, Report, ServiceReport, TicketFacts, measure};
pub use presets::Preset;
pub use sla::{FulfilmentTarget, Priority, PriorityTarget, ServiceLevels, SlaClock};
pub use sla_text::{ParsedSla, parse_sla_text};
pub use view::{
    Attainment, ImportDone, IncidentReview, MajorIncident, PickedExport, PresetInfo, RecordRef,
    RecordSourceView, RecordsView, ServiceLevelsRow,
};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// An unplanned interruption or degradation (8.6.1).
    Incident,
    /// A service request (8.6.2).
    Request,
    /// A change (8.5.1).
    Change,
}

impl RecordKind {
    /// Stable text id as stored and in the Ready20k CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Incident => "incident",
            RecordKind::Request => "request",
            RecordKind::Change => "change",
        }
    }

    /// Parses [`RecordKind::as_str`] (case-insensitive, trimmed).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "incident" => Some(Self::Incident),
            "request" => Some(Self::Request),
            "change" => Some(Self::Change),
            _ => None,
        }
    }
}

/// The type of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeType {
    /// Pre-authorised, low risk, done by procedure.
    Standard,
    /// Assessed and approved before implementation.
    Normal,
    /// Implemented urgently, approval expedited.
    Emergency,
}

impl ChangeType {
    /// Stable text id.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeType::Standard => "standard",
            ChangeType::Normal => "normal",
            ChangeType::Emergency => "emergency",
        }
    }

    /// Parses [`ChangeType::as_str`] (case-insensitive, trimmed).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "standard" => Some(Self::Standard),
            "normal" => Some(Self::Normal),
            "emergency" => Some(Self::Emergency),
            _ => None,
        }
    }
}

/// How a change ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeOutcome {
    /// Implemented as planned.
    Success,
    /// Failed.
    Failed,
    /// Backed out.
    RolledBack,
}

impl ChangeOutcome {
    /// Stable text id.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeOutcome::Success => "success",
            ChangeOutcome::Failed => "failed",
            ChangeOutcome::RolledBack => "rolled_back",
        }
    }

    /// Parses [`ChangeOutcome::as_str`] (case-insensitive, trimmed).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "success" => Some(Self::Success),
            "failed" => Some(Self::Failed),
            "rolled_back" => Some(Self::RolledBack),
            _ => None,
        }
    }

    /// Failed or rolled back: counts as a failed change.
    pub fn is_failure(self) -> bool {
        !matches!(self, ChangeOutcome::Success)
    }
}

/// One imported ticket or change, normalised from whatever tool it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Ticket {
    /// The ticket's id in its source tool (with the source, the re-import key).
    pub external_id: String,
    /// Incident, request or change.
    pub kind: RecordKind,
    /// The service or component value as the tool had it ("" when empty).
    pub service_value: String,
    /// The catalogue service it maps to (`None`: no service).
    pub service_id: Option<i64>,
    /// P1–P4 (`None` when the tool had no priority).
    pub priority: Option<Priority>,
    /// When it was opened.
    #[ts(type = "string")]
    pub opened: DateTime<Utc>,
    /// First response (or acknowledgement / take-into-account).
    #[ts(type = "string | null")]
    pub responded: Option<DateTime<Utc>>,
    /// Resolved, fulfilled or (for a change) completed.
    #[ts(type = "string | null")]
    pub resolved: Option<DateTime<Utc>>,
    /// Who asked for it.
    pub requester: String,
    /// Who approved it (changes); several approvers are separated by `;`.
    pub approver: String,
    /// Who implemented or handled it.
    pub implementer: String,
    /// Change type (changes only).
    pub change_type: Option<ChangeType>,
    /// Change outcome (changes only, when known).
    pub outcome: Option<ChangeOutcome>,
    /// Summary line.
    pub title: String,
    /// The status as the tool had it.
    pub status: String,
}

impl Ticket {
    /// A change whose approver is also its requester or its implementer: the record-level
    /// separation-of-duties breach no role check can see. Names compare trimmed and
    /// case-insensitively; an empty approver is not a breach.
    pub fn self_approved(&self) -> bool {
        if self.kind != RecordKind::Change {
            return false;
        }
        let norm = |s: &str| s.trim().to_lowercase();
        let requester = norm(&self.requester);
        let implementer = norm(&self.implementer);
        self.approver.split(';').map(norm).any(|approver| {
            !approver.is_empty() && (approver == requester || approver == implementer)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(requester: &str, approver: &str, implementer: &str) -> Ticket {
        Ticket {
            external_id: "C1".into(),
            kind: RecordKind::Change,
            service_value: String::new(),
            service_id: None,
            priority: None,
            opened: DateTime::<Utc>::MIN_UTC,
            responded: None,
            resolved: None,
            requester: requester.into(),
            approver: approver.into(),
            implementer: implementer.into(),
            change_type: Some(ChangeType::Normal),
            outcome: None,
            title: String::new(),
            status: String::new(),
        }
    }

    #[test]
    fn records_self_approval_compares_names_loosely() {
        assert!(change("Ann", " ann ", "Bob").self_approved());
        assert!(change("Ann", "Bob", "BOB").self_approved());
        assert!(!change("Ann", "Cy", "Bob").self_approved());
        assert!(!change("", "", "").self_approved());
        assert!(change("Ann", "Cy; Bob", "Bob").self_approved());
        let mut incident = change("Ann", "Ann", "Ann");
        incident.kind = RecordKind::Incident;
        assert!(!incident.self_approved());
    }

    #[test]
    fn records_enums_round_trip_their_text() {
        for k in [
            RecordKind::Incident,
            RecordKind::Request,
            RecordKind::Change,
        ] {
            assert_eq!(RecordKind::parse(k.as_str()), Some(k));
        }
        for c in [
            ChangeType::Standard,
            ChangeType::Normal,
            ChangeType::Emergency,
        ] {
            assert_eq!(ChangeType::parse(c.as_str()), Some(c));
        }
        for o in [
            ChangeOutcome::Success,
            ChangeOutcome::Failed,
            ChangeOutcome::RolledBack,
        ] {
            assert_eq!(ChangeOutcome::parse(o.as_str()), Some(o));
        }
        assert_eq!(RecordKind::parse("problem"), None);
    }
}
