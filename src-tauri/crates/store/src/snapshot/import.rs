//! [`import`]: a snapshot JSON file -> a new project file, validated first, written atomically.

use std::path::Path;
use std::sync::Arc;

use ready20k_domain::ErrorPayload;
use ready20k_domain::clock::Clock;
use rusqlite::{Connection, Transaction};
use serde::Serialize;

use super::types::*;
use super::validate::{Limits, Problems, check_depth, check_structure, validate};
use crate::assessment::{actions, answers, evidence, snapshots};
use crate::documents::records;
use crate::migrate::{self, LATEST};
use crate::records as operating;
use crate::wizard::{context, people, profile, progress, roles, services};
use crate::{Project, StoreError, atomic, calendar, journal, meta, risks, suppliers};

/// One problem in an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportError {
    /// JSON Pointer to the offending value, e.g. `/wizard/people/3/email` (empty: the file).
    pub path: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "(file): {}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Why an import failed. Nothing is written at the destination in either case.
#[derive(Debug, thiserror::Error)]
pub enum ImportErrors {
    /// The file is not a valid project: every problem found, with its path.
    #[error("The file is not a valid Ready20k project ({} problem(s)): {}", .0.len(), summary(.0))]
    Invalid(Vec<ImportError>),
    /// The destination or the writing failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn summary(list: &[ImportError]) -> String {
    let mut s = list
        .iter()
        .take(3)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    if list.len() > 3 {
        s.push_str("; …");
    }
    s
}

impl ImportErrors {
    /// Stable snake_case code for the UI and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Invalid(_) => "invalid_import",
            Self::Store(e) => e.code(),
        }
    }

    /// The error as the UI receives it.
    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload::new(self.code(), self.to_string())
    }

    /// The problems listed, if the file was invalid.
    pub fn problems(&self) -> &[ImportError] {
        match self {
            Self::Invalid(list) => list,
            Self::Store(_) => &[],
        }
    }
}

fn invalid(path: &str, message: impl Into<String>) -> ImportErrors {
    ImportErrors::Invalid(vec![ImportError {
        path: path.to_owned(),
        message: message.into(),
    }])
}

/// Parses and validates `json` completely; returns the snapshot or every problem found.
pub fn parse(json: &[u8], limits: &Limits) -> Result<ProjectSnapshot, ImportErrors> {
    if json.len() > limits.max_total_bytes {
        return Err(invalid(
            "",
            format!(
                "the file is {} bytes; at most {} can be imported",
                json.len(),
                limits.max_total_bytes
            ),
        ));
    }
    check_depth(json, limits.max_depth).map_err(|e| ImportErrors::Invalid(vec![e]))?;
    let value: serde_json::Value =
        serde_json::from_slice(json).map_err(|e| invalid("", format!("not valid JSON: {e}")))?;
    let mut problems = Problems::new(limits.max_errors);
    check_structure(&value, limits, &mut problems);
    let list = problems.finish();
    if !list.is_empty() {
        return Err(ImportErrors::Invalid(list));
    }
    let snap: ProjectSnapshot = serde_json::from_value(value)
        .map_err(|e| invalid("", format!("does not match the format: {e}")))?;
    let list = validate(&snap, limits);
    if !list.is_empty() {
        return Err(ImportErrors::Invalid(list));
    }
    Ok(snap)
}

/// Imports a project JSON file (as written by `ready20k-cli export`) into a new project file
/// at `dest`. Everything is validated before anything is written; the file is built beside
/// `dest` and moved into place only when complete. An existing `dest` is refused.
pub fn import(json: &[u8], dest: &Path, clock: Arc<dyn Clock>) -> Result<Project, ImportErrors> {
    import_with(json, dest, clock, &Limits::default())
}

/// [`import`] with explicit limits.
pub fn import_with(
    json: &[u8],
    dest: &Path,
    clock: Arc<dyn Clock>,
    limits: &Limits,
) -> Result<Project, ImportErrors> {
    atomic::clean_leftovers(dest).map_err(StoreError::from)?;
    if dest.exists() {
        return Err(StoreError::AlreadyExists {
            path: dest.display().to_string(),
        }
        .into());
    }
    let snap = parse(json, limits)?;
    import_snapshot(&snap, dest, clock)
}

/// Writes an already validated snapshot into a new project file at `dest` (see [`import`]).
/// The snapshot is validated again (cheaply) so that no invalid data reaches the file.
pub fn import_snapshot(
    snap: &ProjectSnapshot,
    dest: &Path,
    clock: Arc<dyn Clock>,
) -> Result<Project, ImportErrors> {
    let list = validate(snap, &Limits::default());
    if !list.is_empty() {
        return Err(ImportErrors::Invalid(list));
    }
    let dest = std::path::absolute(dest).map_err(StoreError::from)?;
    if dest.exists() {
        return Err(StoreError::AlreadyExists {
            path: dest.display().to_string(),
        }
        .into());
    }
    atomic::build_new(&dest, |tmp| build(snap, tmp, clock.as_ref()))?;
    Ok(Project::open(&dest, clock)?)
}

/// Writes the snapshot into a new database at `tmp` and closes it (without a WAL).
fn build(snap: &ProjectSnapshot, tmp: &Path, clock: &dyn Clock) -> Result<(), StoreError> {
    let mut conn = Connection::open(tmp)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrate::migrate_to(&mut conn, LATEST)?;
    let tx = conn.transaction()?;
    write_all(&tx, snap, clock)?;
    tx.commit()?;
    let fk: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
        r.get(0)
    })?;
    if fk != 0 {
        return Err(StoreError::Inconsistent(
            "The imported data has dangling references.".into(),
        ));
    }
    // Fold the WAL back so the new file is complete on its own.
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    conn.close().map_err(|(_, e)| e)?;
    Ok(())
}

fn write_all(
    tx: &Transaction<'_>,
    s: &ProjectSnapshot,
    clock: &dyn Clock,
) -> Result<(), StoreError> {
    meta::import_header(tx, &s.project)?;
    meta::import_settings(tx, &s.settings)?;
    let w = &s.wizard;
    if let Some(p) = &w.profile {
        profile::import_profile(tx, p)?;
    }
    context::import_issues(tx, &w.issues)?;
    context::import_parties(tx, &w.interested_parties)?;
    if let Some(c) = &w.climate {
        profile::import_climate(tx, c)?;
    }
    services::import_services(tx, &w.services)?;
    services::import_other_parties(tx, &w.other_parties)?;
    if let Some(sc) = &w.scope {
        profile::import_scope(tx, sc)?;
    }
    people::import_people(tx, &w.people)?;
    roles::import_roles(tx, &w.role_holders, &w.role_deputies)?;
    roles::import_mitigations(tx, &w.sod_mitigations)?;
    if let Some(p) = &w.progress {
        progress::import_progress(tx, p)?;
    }
    records::import_documents(tx, &s.documents)?;
    let a = &s.assessment;
    answers::import_answers(tx, &a.answers)?;
    evidence::import_evidence(tx, &a.evidence)?;
    actions::import_actions(tx, &a.actions)?;
    snapshots::import_snapshots(tx, &a.snapshots)?;
    operating::import_records(tx, &s.records)?;
    let r = &s.registers;
    risks::import_risks(tx, r.risk_criteria.as_ref(), &r.risks, &r.risk_actions)?;
    suppliers::import_suppliers(tx, r)?;
    calendar::import_calendar(tx, &r.calendar_duties, &r.calendar_completions)?;
    crate::audits::import_audits(tx, &s.audits)?;
    crate::objectives::import_objectives(tx, &s.objectives)?;
    crate::reviews::import_reviews(tx, &s.reviews)?;
    match &s.journal {
        Some(rows) => journal::import_journal(tx, rows)?,
        None => {
            journal::insert(
                tx,
                &clock.now().to_rfc3339(),
                "project_imported",
                &s.project.firm_name,
            )?;
        }
    }
    Ok(())
}
