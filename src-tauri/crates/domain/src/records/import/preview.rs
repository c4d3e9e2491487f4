//! What an import preview reports: the context it reads with, why a file or a row is refused,
//! and how the tool's columns and values map onto ours.

use super::*;

/// What the import needs to know besides the file.
#[derive(Debug, Clone)]
pub struct ImportContext<'a> {
    /// The export format.
    pub preset: Preset,
    /// The firm's calendar (its time zone reads local times).
    pub calendar: WorkCalendar,
    /// The service catalogue: id and name.
    pub services: &'a [(i64, String)],
    /// The user's choices for service values, keyed by the value as the tool writes it:
    /// a catalogue service id, or `None` for "no service". Values not in here are matched
    /// to a catalogue service by name.
    pub service_map: &'a BTreeMap<String, Option<i64>>,
}

/// Why a whole file cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// No header row.
    #[error("The file is empty: a {preset} export starts with a header row.")]
    EmptyFile {
        /// Preset label.
        preset: String,
    },
    /// A column the preset needs is missing.
    #[error(
        "The file has no {expected} column, so it is not a {preset} export as expected \
         (columns found: {found}). Choose the preset that matches the tool it came from."
    )]
    MissingColumn {
        /// Preset label.
        preset: String,
        /// The header(s) looked for.
        expected: String,
        /// The headers present (first few).
        found: String,
    },
    /// The CSV itself cannot be read.
    #[error("The file cannot be read as CSV near line {line}: {detail}")]
    Unreadable {
        /// Line number.
        line: u64,
        /// What the CSV reader said.
        detail: String,
    },
}

impl ImportError {
    /// Stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EmptyFile { .. } => "empty_file",
            Self::MissingColumn { .. } => "missing_column",
            Self::Unreadable { .. } => "unreadable_csv",
        }
    }
}

/// Why one row was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RejectReason {
    /// The id cell is empty.
    MissingId,
    /// The same id appears earlier in the file.
    DuplicateId {
        /// Line of the first occurrence.
        first_line: u64,
    },
    /// A type/kind value we cannot map.
    UnknownKind {
        /// The value.
        value: String,
    },
    /// A priority value we cannot map.
    UnknownPriority {
        /// The value.
        value: String,
    },
    /// No opening time.
    MissingOpened,
    /// A date or time we cannot read.
    BadDate {
        /// The column.
        column: String,
        /// The value.
        value: String,
    },
    /// Responded before it was opened.
    RespondedBeforeOpened,
    /// Resolved before it was opened.
    ResolvedBeforeOpened,
    /// A change type that is not standard, normal or emergency.
    UnknownChangeType {
        /// The value.
        value: String,
    },
    /// An outcome that is not success, failed or rolled_back.
    UnknownOutcome {
        /// The value.
        value: String,
    },
    /// The row has more or fewer cells than the header.
    WrongFieldCount {
        /// Cells in the header.
        expected: u64,
        /// Cells in the row.
        found: u64,
    },
    /// The row is not valid UTF-8.
    NotUtf8,
}

impl RejectReason {
    /// Stable snake_case code (the serialised `code` tag).
    pub fn code(&self) -> &'static str {
        match self {
            Self::MissingId => "missing_id",
            Self::DuplicateId { .. } => "duplicate_id",
            Self::UnknownKind { .. } => "unknown_kind",
            Self::UnknownPriority { .. } => "unknown_priority",
            Self::MissingOpened => "missing_opened",
            Self::BadDate { .. } => "bad_date",
            Self::RespondedBeforeOpened => "responded_before_opened",
            Self::ResolvedBeforeOpened => "resolved_before_opened",
            Self::UnknownChangeType { .. } => "unknown_change_type",
            Self::UnknownOutcome { .. } => "unknown_outcome",
            Self::WrongFieldCount { .. } => "wrong_field_count",
            Self::NotUtf8 => "not_utf8",
        }
    }

    /// A sentence for people.
    pub fn message(&self) -> String {
        match self {
            Self::MissingId => "the ticket id is empty".into(),
            Self::DuplicateId { first_line } => {
                format!("the same ticket id already appears on line {first_line}")
            }
            Self::UnknownKind { value } => {
                format!("type \"{value}\" is not an incident, request or change")
            }
            Self::UnknownPriority { value } => format!("priority \"{value}\" is not P1–P4"),
            Self::MissingOpened => "the opening date is empty".into(),
            Self::BadDate { column, value } => {
                format!("\"{value}\" in {column} is not a date and time")
            }
            Self::RespondedBeforeOpened => "the first response is before the opening".into(),
            Self::ResolvedBeforeOpened => "the resolution is before the opening".into(),
            Self::UnknownChangeType { value } => {
                format!("change type \"{value}\" is not standard, normal or emergency")
            }
            Self::UnknownOutcome { value } => {
                format!("outcome \"{value}\" is not success, failed or rolled_back")
            }
            Self::WrongFieldCount { expected, found } => {
                format!("the row has {found} cells where the header has {expected}")
            }
            Self::NotUtf8 => "the row is not UTF-8 text".into(),
        }
    }
}

/// A rejected row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RejectedRow {
    /// Line in the file where the row starts (the header is line 1).
    pub line: u64,
    /// The ticket id, when it could be read.
    pub id: String,
    /// Why.
    pub reason: RejectReason,
    /// Why, as a sentence ([`RejectReason::message`]).
    pub message: String,
}

/// Which of the tool's columns feeds one of our fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMapping {
    /// Our field.
    pub field: Field,
    /// The tool's column header, `None` when the file has none of the expected ones.
    pub column: Option<String>,
}

/// How one of the tool's values maps to ours, and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ValueMapping {
    /// The tool's value.
    pub value: String,
    /// Ours (`P1`, `incident`, `done`, `ignored`, `unknown`, …).
    pub maps_to: String,
    /// Rows with this value.
    pub count: u64,
}

/// How one of the tool's service values maps to the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ServiceMapping {
    /// The tool's value ("" for rows without one).
    pub value: String,
    /// Catalogue service id; `None` is "no service".
    pub service_id: Option<i64>,
    /// Catalogue service name.
    pub service: Option<String>,
    /// Accepted rows with this value.
    pub count: u64,
}

/// The counts of a preview.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportSummary {
    /// Data rows read.
    pub rows: u64,
    /// Rows that make a ticket.
    pub accepted: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Rows of kinds that are not measured (problems, tasks).
    pub ignored: u64,
    /// Accepted incidents.
    pub incidents: u64,
    /// Accepted requests.
    pub requests: u64,
    /// Accepted changes.
    pub changes: u64,
    /// Accepted rows with no catalogue service.
    pub no_service: u64,
}

/// Everything the user reviews before importing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "RecordsImportPreview")]
pub struct ImportPreview {
    /// The preset used.
    pub preset: Preset,
    /// Column mapping.
    pub columns: Vec<ColumnMapping>,
    /// Type values and what they became.
    pub kinds: Vec<ValueMapping>,
    /// Priority values and what they became.
    pub priorities: Vec<ValueMapping>,
    /// Status values and what they mean.
    pub statuses: Vec<ValueMapping>,
    /// Service values and the catalogue service they map to.
    pub services: Vec<ServiceMapping>,
    /// Non-empty service values that map to no service.
    pub unmatched_services: Vec<String>,
    /// Counts.
    pub summary: ImportSummary,
    /// Every rejected row, in file order.
    pub rejected: Vec<RejectedRow>,
    /// The tickets read from the accepted rows (not sent to the UI).
    #[serde(skip)]
    #[ts(skip)]
    pub tickets: Vec<Ticket>,
}
