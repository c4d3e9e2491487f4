//! Issued monthly service reports (8.3.3, 9.4): a report, once issued, is a record. The figures
//! it showed travel with the stored PDF so that reviews and the dossier can quote them without
//! re-measuring records that may have changed since.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::MonthMeasures;
use crate::ErrorPayload;
use crate::documents::PersonRef;
use crate::snapshot::ProjectSnapshot;

/// The figures a monthly service report showed, kept as JSON with the issued report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportFigures {
    /// The service's catalogue name when the report was issued.
    pub service: String,
    /// The month reported on, `YYYY-MM`.
    pub month: String,
    /// The month's results.
    pub this_month: MonthMeasures,
    /// The previous month's results, when it had records.
    pub previous: Option<MonthMeasures>,
    /// The twelve months of the trend, oldest first (the month itself last).
    pub trend: Vec<MonthMeasures>,
    /// Major (P1) incidents of the month.
    pub major_incidents: u64,
    /// Other incidents and requests of the month that missed their target.
    pub missed_targets: u64,
    /// Self-approved, failed or emergency changes of the month.
    pub changes_of_note: u64,
}

/// What to issue: one service's report for one month, dated and issued by a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRequest {
    /// The catalogue service's name (case-insensitive).
    pub service: String,
    /// The month, `YYYY-MM`.
    pub month: String,
    /// The report's date (printed on it; open records are measured up to it).
    pub date: NaiveDate,
    /// The person issuing it (`person.id`).
    pub issued_by: i64,
}

/// A rendered report, ready to be stored as a record.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedReport {
    /// The catalogue service's id.
    pub service_id: i64,
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Pages of the PDF.
    pub pages: u32,
    /// The figures it shows.
    pub figures: ReportFigures,
}

/// Renders a report from a snapshot of the project (the dossier engine, injected by the
/// shell and the CLI so that the store does not depend on the PDF writer). Fails with the
/// renderer's code and message.
pub type ReportRenderer<'a> =
    &'a dyn Fn(&ProjectSnapshot, &ReportRequest) -> Result<RenderedReport, ErrorPayload>;

/// An issued report as the records screen lists it (without the PDF).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IssuedReport {
    /// Row id.
    pub id: i64,
    /// The catalogue service's id (none once the service was removed from the catalogue).
    pub service_id: Option<i64>,
    /// The service's name when issued.
    pub service: String,
    /// The month reported on, `YYYY-MM`.
    pub month: String,
    /// 1 for the first issue of a service and month, then 2, 3, … for re-issues.
    pub version: u32,
    /// The report's date, `YYYY-MM-DD`.
    pub issued_on: String,
    /// The issuing person's id.
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
    /// The evidence item the report is linked to the 8.3.3 and 9.4 questions through.
    pub evidence_id: Option<i64>,
}

/// The issued reports and who may issue one (the records screen's "Service reports" tab).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ServiceReportsView {
    /// Every issued report, newest month first, then by service and newest version first.
    pub reports: Vec<IssuedReport>,
    /// The current people, for the "issued by" picker.
    pub people: Vec<PersonRef>,
    /// Months with records (`YYYY-MM`), newest first: the months a report can be issued for.
    pub months: Vec<String>,
}
