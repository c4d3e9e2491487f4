//! What the verdicts need besides the answers: the facts about internal audit, management
//! review and the operating period, separation-of-duties conflicts, and open setup errors.
//!
//! Until the internal-audit and management-review registers exist, the audit and review facts
//! come from the answers to the questions that carry a [`Gate`](crate::content::Gate)
//! (`None` in [`VerdictInputs::audit`] and [`VerdictInputs::review`]). A register fills these
//! fields with what its records show, and the verdict rules use them instead.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::records::{
    OpenNonconformity, OperatingRecords, OverdueDuty, RecordBasis, RiskReviews, apply_records,
};
use crate::content::{Library, Severity};
use crate::wizard::sod::SodReport;
use crate::wizard::types::{IssueCode, Level, StepId};
use crate::wizard::view::{WizardView, step_label};

/// Months of operation with records that certification bodies commonly expect before Stage 2
/// (reference §6.7, row 1): the default of [`ScoringSettings::min_operating_months`].
pub const DEFAULT_OPERATING_MONTHS: u32 = 3;

/// The months of records one full operating cycle at level 4 stands for: the maturity scale
/// defines "operated with records" as about three months for continuous processes.
pub const MONTHS_PER_OPERATED_CYCLE: u32 = 3;

/// Project settings the verdicts use (stored in the project file's settings table).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScoringSettings {
    /// Months of operation with records expected before the Stage 2 audit (default 3; ask the
    /// certification body).
    pub min_operating_months: u32,
    /// Since when the SMS processes run with records (`YYYY-MM-DD`), if the firm has said.
    #[serde(default)]
    pub records_since: Option<String>,
    /// The planned Stage 2 audit date (`YYYY-MM-DD`); when empty, the firm's target
    /// certification date from the firm profile is used.
    #[serde(default)]
    pub stage2_date: Option<String>,
}

/// Settings-table key of [`ScoringSettings::min_operating_months`].
pub const SETTING_OPERATING_MONTHS: &str = "scoring.min_operating_months";
/// Settings-table key of [`ScoringSettings::records_since`].
pub const SETTING_RECORDS_SINCE: &str = "scoring.records_since";
/// Settings-table key of [`ScoringSettings::stage2_date`].
pub const SETTING_STAGE2_DATE: &str = "scoring.stage2_date";
/// Most months of records the setting may ask for (two years is beyond any scheme's wish).
pub const MAX_OPERATING_MONTHS: u32 = 24;

impl ScoringSettings {
    /// The settings from the project file's key/value settings: defaults for anything missing
    /// or unreadable (a month count outside 1..=[`MAX_OPERATING_MONTHS`], a malformed date).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut out = Self::default();
        let date = |v: &str| {
            NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
                .ok()
                .map(|d| d.format("%Y-%m-%d").to_string())
        };
        for (key, value) in pairs {
            match key {
                SETTING_OPERATING_MONTHS => {
                    if let Some(m) = value
                        .trim()
                        .parse::<u32>()
                        .ok()
                        .filter(|m| (1..=MAX_OPERATING_MONTHS).contains(m))
                    {
                        out.min_operating_months = m;
                    }
                }
                SETTING_RECORDS_SINCE => out.records_since = date(value),
                SETTING_STAGE2_DATE => out.stage2_date = date(value),
                _ => {}
            }
        }
        out
    }
}

impl Default for ScoringSettings {
    fn default() -> Self {
        Self {
            min_operating_months: DEFAULT_OPERATING_MONTHS,
            records_since: None,
            stage2_date: None,
        }
    }
}

/// What the internal-audit records show (from the internal-audit register, once it exists).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditFacts {
    /// An audit programme exists.
    pub programme: bool,
    /// Internal audits performed and reported so far.
    pub performed: u32,
    /// Requirement clauses the completed audits have not covered yet (empty when a full cycle
    /// over clauses 4 to 10 is complete).
    pub clauses_not_covered: Vec<String>,
}

/// What the management-review records show (from the review register, once it exists).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewFacts {
    /// The date of the next planned review, if one is scheduled (`YYYY-MM-DD`).
    pub next_planned: Option<String>,
    /// Reviews held by top management with minutes.
    pub held: u32,
}

/// The operating period before the planned Stage 2 date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OperatingPeriod {
    /// Months of records expected ([`ScoringSettings::min_operating_months`]).
    pub required_months: u32,
    /// Since when processes run with records, if known.
    pub records_since: Option<String>,
    /// The date the period is measured to: the planned Stage 2 date, or today when that is
    /// not set or already past.
    pub until: Option<String>,
    /// Whole months from `records_since` to `until`, when both are known.
    pub months: Option<u32>,
    /// Months with imported operating records (any kind).
    #[serde(default)]
    pub record_months: u32,
    /// The first and last month with imported records (`YYYY-MM`), when there are any.
    #[serde(default)]
    pub records_span: Option<(String, String)>,
    /// Whether `records_since` was taken from the imported records (the firm has not said).
    #[serde(default)]
    pub since_from_records: bool,
}

impl Default for OperatingPeriod {
    fn default() -> Self {
        Self {
            required_months: DEFAULT_OPERATING_MONTHS,
            records_since: None,
            until: None,
            months: None,
            record_months: 0,
            records_span: None,
            since_from_records: false,
        }
    }
}

impl OperatingPeriod {
    /// The period for `settings`, measured to the planned Stage 2 date (the setting, else the
    /// firm's `target_date`), or to `today` when no date is planned or it has passed.
    pub fn new(settings: &ScoringSettings, target_date: Option<&str>, today: NaiveDate) -> Self {
        let date =
            |t: Option<&str>| t.and_then(|t| NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok());
        let since = date(settings.records_since.as_deref());
        let planned = date(settings.stage2_date.as_deref()).or_else(|| date(target_date));
        let until = planned.filter(|d| *d > today).unwrap_or(today);
        Self {
            required_months: settings.min_operating_months,
            records_since: since.map(|d| d.format("%Y-%m-%d").to_string()),
            until: Some(until.format("%Y-%m-%d").to_string()),
            months: since.map(|s| whole_months(s, until)),
            ..Self::default()
        }
    }

    /// Adds what the imported operating records show (`months`: `yyyy * 100 + mm` with at
    /// least one record, oldest first). When the firm has not said since when it keeps
    /// records, the period starts where the records' unbroken run up to now starts
    /// ([`records_start`](super::records::records_start)); a date the firm set stays, and
    /// the records are shown beside it.
    pub fn with_records(&mut self, months: &[u32], today: NaiveDate) {
        use super::records::{month_label, records_start};
        self.record_months = u32::try_from(months.len()).unwrap_or(u32::MAX);
        self.records_span = months
            .first()
            .zip(months.last())
            .map(|(a, b)| (month_label(*a), month_label(*b)));
        if self.records_since.is_some() {
            return;
        }
        let Some(start) = records_start(months, today) else {
            return;
        };
        let until = self
            .until
            .as_deref()
            .and_then(|u| NaiveDate::parse_from_str(u, "%Y-%m-%d").ok())
            .unwrap_or(today);
        self.records_since = Some(start.format("%Y-%m-%d").to_string());
        self.months = Some(whole_months(start, until));
        self.since_from_records = true;
    }

    /// The first date on which the required months are reached, when the start is known.
    pub fn reached_on(&self) -> Option<String> {
        let since = NaiveDate::parse_from_str(self.records_since.as_deref()?, "%Y-%m-%d").ok()?;
        since
            .checked_add_months(chrono::Months::new(self.required_months))
            .map(|d| d.format("%Y-%m-%d").to_string())
    }
}

/// Whole calendar months from `from` to `to` (0 when `to` is before `from`).
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    if to <= from {
        return 0;
    }
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let months = if to.day() < from.day() {
        months - 1
    } else {
        months
    };
    u32::try_from(months.max(0)).unwrap_or(0)
}

/// An open separation-of-duties conflict that matters to the Stage 2 verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SodConflict {
    /// `SOD-NN`.
    pub rule_id: String,
    /// The person concerned.
    pub person: String,
    /// Whether it is an internal auditor who would audit their own work (a hard cap).
    pub independence: bool,
    /// What is wrong, naming the person, roles and processes.
    pub message: String,
}

/// An error the setup wizard would refuse, still open in the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetupError {
    /// The wizard step it belongs to.
    pub step: StepId,
    /// The step's title.
    pub step_label: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Everything the verdict rules take besides the answers. `Default` is "nothing known
/// besides the answers": audit and review facts from the gate questions, the default
/// operating period with no start date, no conflicts, no setup errors.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VerdictInputs {
    /// Internal-audit records; `None` while the facts come from the answers.
    pub audit: Option<AuditFacts>,
    /// Management-review records; `None` while the facts come from the answers.
    pub review: Option<ReviewFacts>,
    /// The operating period before Stage 2.
    pub operating: OperatingPeriod,
    /// Open block-severity separation-of-duties conflicts.
    pub sod: Vec<SodConflict>,
    /// Open setup errors.
    pub setup_errors: Vec<SetupError>,
    /// What the imported operating records show.
    #[serde(default)]
    pub records: OperatingRecords,
    /// Calendar duties overdue without a record.
    #[serde(default)]
    pub overdue: Vec<OverdueDuty>,
    /// The risk register's reviews.
    #[serde(default)]
    pub risks: RiskReviews,
    /// Nonconformities in the action register that are not closed.
    #[serde(default)]
    pub nonconformities: Vec<OpenNonconformity>,
}

impl VerdictInputs {
    /// The inputs of a project: its wizard (setup errors and separation of duties) and its
    /// scoring settings, on `today`.
    pub fn from_project(wizard: &WizardView, settings: &ScoringSettings, today: NaiveDate) -> Self {
        Self {
            audit: None,
            review: None,
            operating: OperatingPeriod::new(
                settings,
                wizard.data.profile.target_date.as_deref(),
                today,
            ),
            sod: sod_conflicts(&wizard.sod),
            setup_errors: setup_errors(wizard),
            ..Self::default()
        }
    }
}

/// The open block-severity conflicts of a separation-of-duties report (warn and info findings,
/// and blocks resolved by a recorded mitigation, do not limit a verdict).
pub fn sod_conflicts(report: &SodReport) -> Vec<SodConflict> {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Block && !f.resolved)
        .map(|f| SodConflict {
            rule_id: f.rule_id.clone(),
            person: f.person_name.clone(),
            independence: f.independence,
            message: f.message.clone(),
        })
        .collect()
}

/// The wizard's open errors, except separation-of-duties conflicts (judged by
/// [`sod_conflicts`] at Stage 2 instead).
pub fn setup_errors(wizard: &WizardView) -> Vec<SetupError> {
    wizard
        .issues
        .iter()
        .filter(|i| i.level == Level::Error && i.code != IssueCode::SodConflict)
        .map(|i| SetupError {
            step: i.step,
            step_label: step_label(i.step).to_owned(),
            message: i.message.clone(),
        })
        .collect()
}

/// The inputs of a project from its stored wizard data, scoring settings and registers and
/// records (`basis`), on `today` (builds the wizard view to find its issues and conflicts).
/// The one function both the app and the dossier judge a project with.
pub fn inputs_for(
    lib: &Library,
    data: crate::wizard::WizardData,
    settings: &ScoringSettings,
    basis: &RecordBasis,
    today: NaiveDate,
) -> VerdictInputs {
    let mut inputs =
        VerdictInputs::from_project(&crate::wizard::view(lib, data, today), settings, today);
    apply_records(&mut inputs, basis, today);
    inputs
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::d;

    #[test]
    fn settings_read_from_key_value_pairs_with_defaults() {
        let s = ScoringSettings::from_pairs([
            (SETTING_OPERATING_MONTHS, "6"),
            (SETTING_RECORDS_SINCE, " 2026-01-05 "),
            (SETTING_STAGE2_DATE, "soon"),
            ("other", "x"),
        ]);
        assert_eq!(s.min_operating_months, 6);
        assert_eq!(s.records_since.as_deref(), Some("2026-01-05"));
        assert_eq!(s.stage2_date, None);
        let s = ScoringSettings::from_pairs([(SETTING_OPERATING_MONTHS, "0")]);
        assert_eq!(s, ScoringSettings::default());
    }

    #[test]
    fn whole_months_counts_completed_months() {
        assert_eq!(whole_months(d("2026-01-15"), d("2026-04-15")), 3);
        assert_eq!(whole_months(d("2026-01-15"), d("2026-04-14")), 2);
        assert_eq!(whole_months(d("2026-01-31"), d("2026-02-28")), 0);
        assert_eq!(whole_months(d("2026-05-01"), d("2026-04-01")), 0);
        assert_eq!(whole_months(d("2025-11-01"), d("2026-02-01")), 3);
    }

    #[test]
    fn the_period_runs_to_the_planned_stage2_date_or_today() {
        let today = d("2026-03-01");
        let mut s = ScoringSettings {
            records_since: Some("2026-01-10".into()),
            ..ScoringSettings::default()
        };
        // No date planned: measured to today.
        let p = OperatingPeriod::new(&s, None, today);
        assert_eq!(
            (p.months, p.until.as_deref()),
            (Some(1), Some("2026-03-01"))
        );
        assert_eq!(p.reached_on().as_deref(), Some("2026-04-10"));
        // The firm's target date counts as the planned date.
        let p = OperatingPeriod::new(&s, Some("2026-06-30"), today);
        assert_eq!(p.months, Some(5));
        // The setting wins over the target date; a past date falls back to today.
        s.stage2_date = Some("2026-02-01".into());
        let p = OperatingPeriod::new(&s, Some("2026-06-30"), today);
        assert_eq!(p.until.as_deref(), Some("2026-03-01"));
        s.records_since = None;
        assert_eq!(OperatingPeriod::new(&s, None, today).months, None);
    }
}
