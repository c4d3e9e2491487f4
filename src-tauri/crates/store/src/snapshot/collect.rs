//! [`collect`]: reads the whole project into a [`ProjectSnapshot`] in one read transaction.
//!
//! Each table's SQL lives in its table module (`export_*`); this module only assembles.

use rusqlite::Connection;

use super::types::*;
use crate::assessment::{actions, answers, evidence, snapshots};
use crate::wizard::{context, people, profile, progress, roles, services};
use crate::{
    Project, Result, calendar, documents, journal, meta, migrate, records, risks, suppliers,
};

/// What to include beyond the project data itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CollectOptions {
    /// Include the change journal.
    pub journal: bool,
}

/// Reads the whole project (without the journal) in one read transaction.
pub fn collect(project: &Project) -> Result<ProjectSnapshot> {
    collect_with(project, CollectOptions::default())
}

/// Reads the whole project in one read transaction, with the given options.
pub fn collect_with(project: &Project, opts: CollectOptions) -> Result<ProjectSnapshot> {
    collect_conn(project.conn(), opts)
}

/// [`collect_with`] on a bare connection.
pub fn collect_conn(conn: &Connection, opts: CollectOptions) -> Result<ProjectSnapshot> {
    // One read transaction: every SELECT sees the same state. Dropped (rolled back) on error.
    let tx = conn.unchecked_transaction()?;
    let snap = read_all(&tx, opts)?;
    tx.commit()?;
    Ok(snap)
}

fn read_all(conn: &Connection, opts: CollectOptions) -> Result<ProjectSnapshot> {
    Ok(ProjectSnapshot {
        format: FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        schema_version: migrate::schema_version(conn)?,
        project: meta::export_header(conn)?,
        settings: meta::export_settings(conn)?,
        wizard: WizardSnapshot {
            profile: profile::export_profile(conn)?,
            issues: context::export_issues(conn)?,
            interested_parties: context::export_parties(conn)?,
            climate: profile::export_climate(conn)?,
            services: services::export_services(conn)?,
            other_parties: services::export_other_parties(conn)?,
            scope: profile::export_scope(conn)?,
            people: people::export_people(conn)?,
            role_holders: roles::export_holders(conn)?,
            role_deputies: roles::export_deputies(conn)?,
            sod_mitigations: roles::export_mitigations(conn)?,
            progress: progress::export_progress(conn)?,
        },
        documents: documents::records::export_documents(conn)?,
        assessment: AssessmentSnapshot {
            answers: answers::export_answers(conn)?,
            evidence: evidence::export_evidence(conn)?,
            actions: actions::export_actions(conn)?,
            snapshots: snapshots::export_snapshots(conn)?,
        },
        records: records::export_records(conn)?,
        registers: registers(conn)?,
        audits: crate::audits::export_audits(conn)?,
        objectives: crate::objectives::export_objectives(conn)?,
        reviews: crate::reviews::export_reviews(conn)?,
        journal: if opts.journal {
            Some(journal::export_journal(conn)?)
        } else {
            None
        },
    })
}

fn registers(conn: &Connection) -> Result<RegistersSnap> {
    let s = suppliers::export_suppliers(conn)?;
    Ok(RegistersSnap {
        risk_criteria: risks::export_criteria(conn)?,
        risks: risks::export_risks(conn)?,
        risk_actions: risks::export_risk_actions(conn)?,
        supplier_agreements: s.agreements,
        supplier_reviews: s.reviews,
        supplier_review_actions: s.review_actions,
        supplier_disputes: s.disputes,
        supplier_nones: s.nones,
        calendar_duties: calendar::export_duties(conn)?,
        calendar_completions: calendar::export_completions(conn)?,
    })
}
