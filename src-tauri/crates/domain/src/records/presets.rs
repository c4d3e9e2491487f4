//! Import presets: how each service desk's CSV export names its columns, writes its dates and
//! spells its priorities, types and statuses, mapped onto Ready20k's record fields.
//!
//! | Preset | Export | Separator | Dates |
//! | --- | --- | --- | --- |
//! | `jira` | Jira Service Management issue search, *Export CSV (all fields)* | `,` | `05/Oct/26 9:12 AM` |
//! | `glpi` | GLPI search result, *CSV* export (quoted, UTF-8 with BOM) | `;` | `2026-10-05 09:12` |
//! | `itop` | iTop *CSV export* with labels as headers | `,` | `2026-10-05 09:12:00` |
//! | `zammad` | Zammad reporting/ticket export | `,` | `2026-10-05 08:12:00 UTC` |
//! | `ready20k` | Ready20k's own interchange CSV | `,` | ISO 8601, local or with offset |

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ChangeOutcome, ChangeType, Priority, RecordKind};

/// A supported export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// Jira Service Management.
    Jira,
    /// GLPI.
    Glpi,
    /// iTop.
    Itop,
    /// Zammad.
    Zammad,
    /// Ready20k's documented CSV.
    Ready20k,
}

/// A field of a Ready20k record that a column can feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Ticket id in the tool.
    Id,
    /// Incident, request or change (type, class).
    Kind,
    /// Service, component, category or group.
    Service,
    /// Priority.
    Priority,
    /// Opened / created.
    Opened,
    /// First response.
    Responded,
    /// Time from opening to first response, as a duration (GLPI).
    ResponseDelay,
    /// Resolved / fulfilled / completed.
    Resolved,
    /// Closed (used when there is no resolution date).
    Closed,
    /// Requester / reporter / caller.
    Requester,
    /// Approver(s).
    Approver,
    /// Implementer / assignee / agent.
    Implementer,
    /// Change type.
    ChangeType,
    /// Change outcome.
    Outcome,
    /// Summary.
    Title,
    /// Status.
    Status,
    /// Resolution value (Jira), read for a change's outcome.
    Resolution,
}

impl Field {
    /// Every field, in the order a preview lists them.
    pub const ALL: [Field; 17] = [
        Field::Id,
        Field::Kind,
        Field::Service,
        Field::Priority,
        Field::Opened,
        Field::Responded,
        Field::ResponseDelay,
        Field::Resolved,
        Field::Closed,
        Field::Requester,
        Field::Approver,
        Field::Implementer,
        Field::ChangeType,
        Field::Outcome,
        Field::Title,
        Field::Status,
        Field::Resolution,
    ];
}

/// What a tool's status tells about a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StatusClass {
    /// Still being worked on.
    Open,
    /// Resolved, fulfilled, closed or (a change) completed.
    Done,
    /// Cancelled, declined or rejected.
    Cancelled,
    /// A change that failed.
    Failed,
    /// A change that was backed out.
    RolledBack,
    /// Not a status this preset knows.
    Unknown,
}

impl Preset {
    /// Every preset.
    pub const ALL: [Preset; 5] = [
        Preset::Jira,
        Preset::Glpi,
        Preset::Itop,
        Preset::Zammad,
        Preset::Ready20k,
    ];

    /// `jira`, `glpi`, `itop`, `zammad`, `ready20k`.
    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Jira => "jira",
            Preset::Glpi => "glpi",
            Preset::Itop => "itop",
            Preset::Zammad => "zammad",
            Preset::Ready20k => "ready20k",
        }
    }

    /// Parses [`Preset::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Preset::ALL
            .into_iter()
            .find(|p| p.as_str() == s.trim().to_ascii_lowercase())
    }

    /// The tool's name for people.
    pub fn label(self) -> &'static str {
        match self {
            Preset::Jira => "Jira Service Management",
            Preset::Glpi => "GLPI",
            Preset::Itop => "iTop",
            Preset::Zammad => "Zammad",
            Preset::Ready20k => "Ready20k CSV",
        }
    }

    /// The field separator.
    pub fn delimiter(self) -> u8 {
        match self {
            Preset::Glpi => b';',
            _ => b',',
        }
    }

    /// The headers that feed `field`, in order of preference (compared case-insensitively).
    pub fn columns(self, field: Field) -> &'static [&'static str] {
        use Field as F;
        match (self, field) {
            (Preset::Ready20k, f) => match f {
                F::Id => &["id"],
                F::Kind => &["kind"],
                F::Service => &["service"],
                F::Priority => &["priority"],
                F::Opened => &["opened"],
                F::Responded => &["responded"],
                F::Resolved => &["resolved"],
                F::Requester => &["requester"],
                F::Approver => &["approver"],
                F::Implementer => &["implementer"],
                F::ChangeType => &["change_type"],
                F::Outcome => &["outcome"],
                F::Title => &["title"],
                _ => &[],
            },
            (Preset::Jira, f) => match f {
                F::Id => &["Issue key"],
                F::Kind => &["Issue Type"],
                F::Service => &["Component/s", "Custom field (Affected services)"],
                F::Priority => &["Priority"],
                F::Opened => &["Created"],
                F::Responded => &["Custom field (Date of First Response)"],
                F::Resolved => &["Resolved"],
                F::Requester => &["Reporter"],
                F::Approver => &["Custom field (Approvers)"],
                F::Implementer => &["Assignee"],
                F::ChangeType => &["Custom field (Change type)"],
                F::Title => &["Summary"],
                F::Status => &["Status"],
                F::Resolution => &["Resolution"],
                _ => &[],
            },
            (Preset::Glpi, f) => match f {
                F::Id => &["ID"],
                F::Kind => &["Type"],
                F::Service => &["Category"],
                F::Priority => &["Priority"],
                F::Opened => &["Opening date"],
                F::ResponseDelay => &["Take into account delay"],
                F::Resolved => &["Resolution date"],
                F::Closed => &["Closing date"],
                F::Requester => &["Requester - Requester"],
                F::Implementer => &["Assigned to - Technician"],
                F::Title => &["Title"],
                F::Status => &["Status"],
                _ => &[],
            },
            (Preset::Itop, f) => match f {
                F::Id => &["Ref", "Reference"],
                F::Kind => &["Ticket sub-class", "Class"],
                F::Service => &["Service", "Service name"],
                F::Priority => &["Priority"],
                F::Opened => &["Start date"],
                F::Responded => &["Assignment date"],
                F::Resolved => &["Resolution date"],
                F::Closed => &["Close date"],
                F::Requester => &["Caller", "Caller name"],
                F::Approver => &["Manager", "Manager name"],
                F::Implementer => &["Agent", "Agent name"],
                F::Title => &["Title"],
                F::Status => &["Status"],
                _ => &[],
            },
            (Preset::Zammad, f) => match f {
                F::Id => &["Number", "#"],
                F::Kind => &["Type"],
                F::Service => &["Group"],
                F::Priority => &["Priority"],
                F::Opened => &["Created At", "Created at"],
                F::Responded => &["First Response At", "First response at"],
                F::Resolved => &["Close At", "Closed At", "Closed at"],
                F::Requester => &["Customer"],
                F::Implementer => &["Owner"],
                F::Title => &["Title"],
                F::Status => &["State"],
                _ => &[],
            },
        }
    }

    /// Fields without which no row can be read.
    pub fn required(self) -> &'static [Field] {
        match self {
            Preset::Ready20k => &[Field::Id, Field::Kind, Field::Opened],
            _ => &[Field::Id, Field::Opened],
        }
    }

    /// Date formats tried in order (besides RFC 3339, always tried first). A format with an
    /// offset or zone is absolute; one without is local time in the firm's time zone.
    pub fn date_formats(self) -> &'static [&'static str] {
        match self {
            Preset::Jira => &[
                "%d/%b/%y %I:%M %p",
                "%d/%b/%Y %I:%M %p",
                "%d/%b/%y %H:%M",
                "%Y-%m-%d %H:%M",
            ],
            Preset::Glpi => &["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y %H:%M"],
            Preset::Itop => &["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M:%S"],
            Preset::Zammad => &["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
            Preset::Ready20k => &[
                "%Y-%m-%dT%H:%M",
                "%Y-%m-%dT%H:%M:%S",
                "%Y-%m-%d %H:%M",
                "%Y-%m-%d %H:%M:%S",
            ],
        }
    }

    /// Maps a type/class value. `Ok(None)` means a kind of record we do not measure (problem,
    /// task): the row is ignored, not rejected. `Err(())` means an unknown value.
    #[allow(clippy::result_unit_err)]
    pub fn kind(self, value: &str, id: &str) -> Result<Option<RecordKind>, ()> {
        let v = value.trim().to_lowercase();
        let v = v.strip_prefix("[system] ").unwrap_or(&v).to_owned();
        if self == Preset::Ready20k {
            return RecordKind::parse(&v).map(Some).ok_or(());
        }
        if v.is_empty() {
            // No type column or no value: iTop refs carry the class, the others are tickets.
            return Ok(Some(match self {
                Preset::Itop if id.starts_with("C-") => RecordKind::Change,
                Preset::Itop if id.starts_with("R-") => RecordKind::Request,
                _ => RecordKind::Incident,
            }));
        }
        let squashed: String = v.chars().filter(|c| c.is_alphanumeric()).collect();
        Ok(match squashed.as_str() {
            "incident" => Some(RecordKind::Incident),
            "servicerequest"
            | "servicerequestwithapprovals"
            | "request"
            | "userrequest"
            | "getithelp"
            | "itservicerequest" => Some(RecordKind::Request),
            "change" | "requestforchange" | "normalchange" | "routinechange"
            | "emergencychange" | "standardchange" => Some(RecordKind::Change),
            "problem" | "task" | "subtask" | "postincidentreview" | "bug" | "story" | "epic" => {
                None
            }
            _ => return Err(()),
        })
    }

    /// A change type implied by the kind value (iTop classes), if any.
    pub fn change_type_of_kind(self, value: &str) -> Option<ChangeType> {
        let squashed: String = value
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        match squashed.as_str() {
            "routinechange" | "standardchange" => Some(ChangeType::Standard),
            "normalchange" => Some(ChangeType::Normal),
            "emergencychange" => Some(ChangeType::Emergency),
            _ => None,
        }
    }

    /// Maps a priority value; `Err(())` for an unknown one, `Ok(None)` for an empty one.
    #[allow(clippy::result_unit_err)]
    pub fn priority(self, value: &str) -> Result<Option<Priority>, ()> {
        let v = value.trim().to_lowercase();
        if v.is_empty() {
            return Ok(None);
        }
        let p = match self {
            Preset::Ready20k => Priority::parse(&v),
            Preset::Jira => match v.as_str() {
                "highest" | "blocker" | "critical" => Some(Priority::P1),
                "high" | "major" => Some(Priority::P2),
                "medium" => Some(Priority::P3),
                "low" | "lowest" | "minor" | "trivial" => Some(Priority::P4),
                _ => Priority::parse(&v),
            },
            Preset::Glpi => match v.as_str() {
                "major" | "very high" => Some(Priority::P1),
                "high" => Some(Priority::P2),
                "medium" => Some(Priority::P3),
                "low" | "very low" => Some(Priority::P4),
                _ => None,
            },
            Preset::Itop => match v.as_str() {
                "1" | "critical" => Some(Priority::P1),
                "2" | "high" => Some(Priority::P2),
                "3" | "medium" => Some(Priority::P3),
                "4" | "low" => Some(Priority::P4),
                _ => None,
            },
            Preset::Zammad => match v.as_str() {
                "4 urgent" | "4 critical" | "urgent" => Some(Priority::P1),
                "3 high" | "high" => Some(Priority::P2),
                "2 normal" | "normal" => Some(Priority::P3),
                "1 low" | "low" => Some(Priority::P4),
                _ => None,
            },
        };
        p.map(Some).ok_or(())
    }

    /// What a status value means.
    pub fn status(self, value: &str) -> StatusClass {
        let v = value.trim().to_lowercase();
        if v.is_empty() {
            return StatusClass::Unknown;
        }
        match v.as_str() {
            "failed" | "implementation failed" => StatusClass::Failed,
            "rolled back" | "rolled_back" | "backed out" => StatusClass::RolledBack,
            "resolved" | "closed" | "done" | "completed" | "complete" | "solved" | "fulfilled"
            | "implemented" | "monitored" | "applied" | "pending close" => StatusClass::Done,
            "canceled" | "cancelled" | "declined" | "rejected" | "refused" | "won't do"
            | "notapproved" | "not approved" | "merged" | "removed" => StatusClass::Cancelled,
            "open"
            | "new"
            | "in progress"
            | "pending"
            | "waiting for support"
            | "waiting for customer"
            | "work in progress"
            | "escalated"
            | "assigned"
            | "processing (assigned)"
            | "processing (planned)"
            | "pending reminder"
            | "planning"
            | "awaiting approval"
            | "awaiting cab approval"
            | "awaiting implementation"
            | "implementing"
            | "peer review"
            | "validated"
            | "approved"
            | "plannedscheduled"
            | "planned and scheduled"
            | "dispatched"
            | "redispatched"
            | "waiting_for_approval"
            | "to do" => StatusClass::Open,
            _ => StatusClass::Unknown,
        }
    }

    /// A change type value; `Err(())` for an unknown non-empty one.
    #[allow(clippy::result_unit_err)]
    pub fn change_type(self, value: &str) -> Result<Option<ChangeType>, ()> {
        let v = value.trim();
        if v.is_empty() {
            return Ok(None);
        }
        ChangeType::parse(v).map(Some).ok_or(())
    }

    /// An outcome value; `Err(())` for an unknown non-empty one.
    #[allow(clippy::result_unit_err)]
    pub fn outcome(self, value: &str) -> Result<Option<ChangeOutcome>, ()> {
        let v = value.trim();
        if v.is_empty() {
            return Ok(None);
        }
        ChangeOutcome::parse(v).map(Some).ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_presets_jira_default_priorities() {
        let p = Preset::Jira;
        assert_eq!(p.priority("Highest"), Ok(Some(Priority::P1)));
        assert_eq!(p.priority("High"), Ok(Some(Priority::P2)));
        assert_eq!(p.priority("Medium"), Ok(Some(Priority::P3)));
        assert_eq!(p.priority("Low"), Ok(Some(Priority::P4)));
        assert_eq!(p.priority("Lowest"), Ok(Some(Priority::P4)));
        assert_eq!(p.priority("Urgentish"), Err(()));
        assert_eq!(p.kind("Incident", "X-1"), Ok(Some(RecordKind::Incident)));
        assert_eq!(
            p.kind("Service Request", "X-1"),
            Ok(Some(RecordKind::Request))
        );
        assert_eq!(
            p.kind("[System] Change", "X-1"),
            Ok(Some(RecordKind::Change))
        );
        assert_eq!(p.kind("Problem", "X-1"), Ok(None));
        assert_eq!(p.kind("Gizmo", "X-1"), Err(()));
    }

    #[test]
    fn records_presets_names_round_trip() {
        for p in Preset::ALL {
            assert_eq!(Preset::parse(p.as_str()), Some(p));
            assert!(!p.columns(Field::Id).is_empty());
            assert!(!p.columns(Field::Opened).is_empty());
        }
        assert_eq!(Preset::parse("servicenow"), None);
        assert_eq!(Preset::Glpi.delimiter(), b';');
    }

    #[test]
    fn records_presets_itop_kind_from_ref_or_class() {
        let p = Preset::Itop;
        assert_eq!(p.kind("", "C-000012"), Ok(Some(RecordKind::Change)));
        assert_eq!(p.kind("", "R-000012"), Ok(Some(RecordKind::Request)));
        assert_eq!(p.kind("", "I-000012"), Ok(Some(RecordKind::Incident)));
        assert_eq!(
            p.kind("Emergency Change", "C-1"),
            Ok(Some(RecordKind::Change))
        );
        assert_eq!(
            p.change_type_of_kind("EmergencyChange"),
            Some(ChangeType::Emergency)
        );
        assert_eq!(p.status("Failed"), StatusClass::Failed);
        assert_eq!(p.status("Closed"), StatusClass::Done);
        assert_eq!(p.status("bogus"), StatusClass::Unknown);
    }
}
