//! The snapshot types: the whole project file as one serde value.
//!
//! Plain data (no SQL): the store collects and imports them, the dossier is built from them.
//!
//! Every table is represented row by row with its stored ids, so that
//! export -> import -> export gives identical bytes. Lists are in id (or key) order.
//! Timestamps are the stored RFC 3339 strings; dates are `YYYY-MM-DD`.

mod assessment;
mod audits;
mod convert;
mod convert_registers;
mod documents;
mod objectives;
mod records;
mod registers;
mod reviews;
mod wizard;

pub use assessment::*;
pub use audits::*;
pub use documents::*;
pub use objectives::*;
pub use records::*;
pub use registers::*;
pub use reviews::*;
pub use wizard::*;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The value of [`ProjectSnapshot::format`].
pub const FORMAT: &str = "ready20k-project";

/// The snapshot format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// The whole project: header, wizard, documents, assessment and (optionally) the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Ready20k project")]
pub struct ProjectSnapshot {
    /// Always `"ready20k-project"`.
    pub format: String,
    /// Version of this snapshot format; `1`.
    pub format_version: u32,
    /// `PRAGMA user_version` of the project file the snapshot was taken from.
    pub schema_version: u32,
    /// The firm and project header.
    pub project: ProjectHeader,
    /// Key/value settings of the project.
    pub settings: Vec<Setting>,
    /// The setup wizard.
    pub wizard: WizardSnapshot,
    /// Document drafting: documents, drafts, files, issued versions and approvals.
    pub documents: Vec<DocumentSnap>,
    /// The readiness self-assessment.
    pub assessment: AssessmentSnapshot,
    /// Operating records: business hours, service levels, service-desk exports and tickets.
    #[serde(default)]
    pub records: RecordsSnap,
    /// Registers: risks, suppliers and the SMS calendar.
    #[serde(default)]
    pub registers: RegistersSnap,
    /// Internal audits: programme, audits, checklists, reports and nonconformity fields.
    #[serde(default)]
    pub audits: AuditsSnap,
    /// Objectives, KPIs and their values, and the reviews of major incidents.
    #[serde(default)]
    pub objectives: ObjectivesSnap,
    /// Management reviews (9.3) with their attendees and decided actions.
    #[serde(default)]
    pub reviews: ReviewsSnap,
    /// The project's change journal, when exported with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal: Option<Vec<JournalRow>>,
}

/// The `project` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectHeader {
    /// The firm's name as given when the project was created.
    pub firm_name: String,
    /// When the project was created (RFC 3339).
    pub created_at: String,
    /// When anything was last changed (RFC 3339).
    pub updated_at: Option<String>,
    /// Version of Ready20k that created the file.
    pub app_version: String,
}

/// One `settings` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Setting {
    /// Setting name.
    pub key: String,
    /// Setting value.
    pub value: String,
}

/// One journal entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JournalRow {
    /// Row id, increasing.
    pub id: i64,
    /// When (RFC 3339).
    pub at: String,
    /// Kind of change, e.g. `project_created`.
    pub kind: String,
    /// Free detail.
    pub detail: String,
}
