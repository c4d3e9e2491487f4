//! Operating records (migration `0007_records`): business hours, structured service levels,
//! imported service-desk exports and their tickets, and the monthly report.
//!
//! The rules (what a preset reads, what counts as met) live in
//! [`ready20k_domain::records`]; this module owns the SQL. Every write runs in one journaled
//! transaction: an import that fails writes nothing.

mod flagged;
mod import;
mod issued;
mod levels;
mod report;
mod snap;
pub use snap::{export_records, import_records};
#[cfg(test)]
mod issued_tests;
#[cfg(test)]
mod tests;

pub use flagged::{attainment, records_view, set_incident_review};
pub use import::{ImportOptions, ImportOutcome, import_export, list_sources, preview};
pub use issued::{
    issue_service_report, issued_figures, list_service_reports, service_report_pdf,
    service_reports_view,
};
pub use levels::{
    convert_sla_text, get_business_hours, list_service_levels, save_service_levels,
    set_business_hours,
};
pub use report::{parse_month, report};

use ready20k_domain::ErrorPayload;
use ready20k_domain::records::{BusinessHoursError, ImportError, RejectedRow};

use crate::StoreError;

/// What can go wrong with operating records.
#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
    /// A store error (database, file).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The file is not a usable export.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// Some rows were rejected and the import is all-or-nothing.
    #[error(
        "{count} row(s) were rejected, so nothing was imported (first: line {}: {}). Fix the \
         export, or import the good rows and list the rest with --skip-bad-rows.",
        first.line, first.reason.message()
    )]
    RowsRejected {
        /// Rejected rows.
        count: u64,
        /// The first of them.
        first: Box<RejectedRow>,
    },
    /// No row could be imported.
    #[error("The file has no ticket or change that can be imported; nothing was written.")]
    NothingToImport,
    /// Bad business hours.
    #[error(transparent)]
    BusinessHours(#[from] BusinessHoursError),
    /// Service levels that break a rule.
    #[error("{0}")]
    InvalidLevels(String),
    /// A service id that is not in the catalogue.
    #[error("There is no service {0} in the catalogue.")]
    UnknownService(i64),
    /// A month that is not `YYYY-MM`.
    #[error("{0} is not a month; write it as YYYY-MM, e.g. 2026-10.")]
    BadMonth(String),
    /// A date that is not `YYYY-MM-DD`.
    #[error("{0} is not a date; write it as YYYY-MM-DD, e.g. 2026-10-05.")]
    BadDate(String),
    /// A review for a record that is not a major (P1) incident.
    #[error("Record {0} is not a major (P1) incident.")]
    NotMajorIncident(i64),
    /// The person issuing a report is not on the team.
    #[error("Person {0} is not on the team; choose who issues the report.")]
    UnknownPerson(i64),
    /// No issued service report has that id.
    #[error("There is no issued service report {0}.")]
    UnknownReport(i64),
    /// The report could not be rendered (the dossier engine's code and message).
    #[error("{}", .0.message)]
    Render(ErrorPayload),
}

impl From<rusqlite::Error> for RecordsError {
    fn from(e: rusqlite::Error) -> Self {
        RecordsError::Store(e.into())
    }
}

impl From<serde_json::Error> for RecordsError {
    fn from(e: serde_json::Error) -> Self {
        RecordsError::Store(e.into())
    }
}

impl RecordsError {
    /// Stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            RecordsError::Store(e) => e.code(),
            RecordsError::Import(e) => e.code(),
            RecordsError::RowsRejected { .. } => "rows_rejected",
            RecordsError::NothingToImport => "nothing_to_import",
            RecordsError::BusinessHours(e) => e.code(),
            RecordsError::InvalidLevels(_) => "invalid_service_levels",
            RecordsError::UnknownService(_) => "unknown_service",
            RecordsError::BadMonth(_) => "bad_month",
            RecordsError::BadDate(_) => "bad_date",
            RecordsError::NotMajorIncident(_) => "not_major_incident",
            RecordsError::UnknownPerson(_) => "unknown_person",
            RecordsError::UnknownReport(_) => "unknown_service_report",
            RecordsError::Render(e) => render_code(&e.code),
        }
    }

    /// The error as the UI receives it.
    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload::new(self.code(), self.to_string())
    }
}

/// The renderer's code as a stable `&'static str` (its known codes; anything else is
/// `report_render_failed`).
fn render_code(code: &str) -> &'static str {
    match code {
        "unknown_service" => "unknown_service",
        "bad_month" => "bad_month",
        _ => "report_render_failed",
    }
}

/// Result alias of this module.
pub type Result<T, E = RecordsError> = std::result::Result<T, E>;
