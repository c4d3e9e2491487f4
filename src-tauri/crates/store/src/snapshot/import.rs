//! [`import`]: a snapshot JSON file -> a new project file, validated first, written atomically.

use std::path::Path;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ready20k_domain::ErrorPayload;
use ready20k_domain::clock::Clock;
use rusqlite::{Connection, Transaction, params};
use serde::Serialize;

use super::collect::{evidence_kind_str, party_kind_str, source_str, status_str, step_str};
use super::types::*;
use super::validate::{Limits, Problems, check_depth, check_structure, validate};
use crate::migrate::{self, LATEST};
use crate::{Project, StoreError, journal};

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
    check_depth(json, limits.max_depth).map_err(|m| invalid("", m))?;
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
    let tmp = dest.with_extension(format!("r20k-importing-{}", std::process::id()));
    let built = build(snap, &tmp, clock.as_ref());
    let placed = built.and_then(|()| match std::fs::hard_link(&tmp, &dest) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(StoreError::AlreadyExists {
            path: dest.display().to_string(),
        }),
        // File systems without hard links: rename (the existence check ran above).
        Err(_) => std::fs::rename(&tmp, &dest).map_err(StoreError::from),
    });
    let _ = std::fs::remove_file(&tmp);
    placed?;
    Ok(Project::open(&dest, clock)?)
}

fn build(snap: &ProjectSnapshot, tmp: &Path, clock: &dyn Clock) -> Result<(), StoreError> {
    let _ = std::fs::remove_file(tmp);
    let result = (|| {
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
            return Err(StoreError::Invalid(
                "The imported data has dangling references.".into(),
            ));
        }
        // Fold the WAL back so the new file is complete on its own.
        conn.pragma_update(None, "journal_mode", "DELETE")?;
        conn.close().map_err(|(_, e)| e)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(tmp);
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut name = tmp.as_os_str().to_owned();
            name.push(suffix);
            let _ = std::fs::remove_file(name);
        }
    }
    result
}

fn strings(items: &[String]) -> Result<String, StoreError> {
    Ok(serde_json::to_string(items)?)
}

fn decode(b64: &str) -> Result<Vec<u8>, StoreError> {
    STANDARD
        .decode(b64)
        .map_err(|e| StoreError::Invalid(format!("bad base64: {e}")))
}

fn write_all(
    tx: &Transaction<'_>,
    s: &ProjectSnapshot,
    clock: &dyn Clock,
) -> Result<(), StoreError> {
    let h = &s.project;
    tx.execute(
        "INSERT INTO project (id, firm_name, created_at, app_version, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4)",
        params![h.firm_name, h.created_at, h.app_version, h.updated_at],
    )?;
    for st in &s.settings {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)",
            params![st.key, st.value],
        )?;
    }
    write_wizard(tx, &s.wizard)?;
    write_documents(tx, &s.documents)?;
    write_assessment(tx, &s.assessment)?;
    match &s.journal {
        Some(rows) => {
            for j in rows {
                tx.execute(
                    "INSERT INTO journal (id, at, kind, detail) VALUES (?1, ?2, ?3, ?4)",
                    params![j.id, j.at, j.kind, j.detail],
                )?;
            }
        }
        None => {
            journal::insert(
                tx,
                &clock.now().to_rfc3339(),
                "project_imported",
                &h.firm_name,
            )?;
        }
    }
    Ok(())
}

fn write_wizard(tx: &Transaction<'_>, w: &WizardSnapshot) -> Result<(), StoreError> {
    if let Some(p) = &w.profile {
        tx.execute(
            "INSERT INTO firm_profile (id, legal_name, trading_name, address, sector, headcount,
                 customer_kinds, target_date, certification_body, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                p.legal_name,
                p.trading_name,
                p.address,
                p.sector,
                p.headcount,
                strings(&p.customer_kinds)?,
                p.target_date,
                p.certification_body,
                p.updated_at
            ],
        )?;
    }
    for i in &w.issues {
        let kind = match i.kind {
            IssueKindSnap::Internal => "internal",
            IssueKindSnap::External => "external",
        };
        tx.execute(
            "INSERT INTO context_issue (id, kind, text, position) VALUES (?1, ?2, ?3, ?4)",
            params![i.id, kind, i.text, i.position],
        )?;
    }
    for p in &w.interested_parties {
        tx.execute(
            "INSERT INTO interested_party (id, name, requirements, position)
             VALUES (?1, ?2, ?3, ?4)",
            params![p.id, p.name, p.requirements, p.position],
        )?;
    }
    if let Some(c) = &w.climate {
        tx.execute(
            "INSERT INTO climate_decision (id, relevant, rationale, updated_at)
             VALUES (1, ?1, ?2, ?3)",
            params![c.relevant, c.rationale, c.updated_at],
        )?;
    }
    for s in &w.services {
        tx.execute(
            "INSERT INTO service (id, name, description, customers, sla_targets, locations,
                 delivered_by_others, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                s.id,
                s.name,
                s.description,
                strings(&s.customers)?,
                s.sla_targets,
                strings(&s.locations)?,
                s.delivered_by_others,
                s.position
            ],
        )?;
    }
    for o in &w.other_parties {
        tx.execute(
            "INSERT INTO other_party (id, name, kind, provides, position)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![o.id, o.name, party_kind_str(o.kind), o.provides, o.position],
        )?;
        for sid in &o.services {
            tx.execute(
                "INSERT INTO other_party_service (other_party_id, service_id) VALUES (?1, ?2)",
                params![o.id, sid],
            )?;
        }
        for pid in &o.processes {
            tx.execute(
                "INSERT INTO other_party_process (other_party_id, process_id) VALUES (?1, ?2)",
                params![o.id, pid],
            )?;
        }
    }
    if let Some(sc) = &w.scope {
        tx.execute(
            "INSERT INTO scope_statement (id, text, edited, updated_at) VALUES (1, ?1, ?2, ?3)",
            params![sc.text, sc.edited, sc.updated_at],
        )?;
    }
    for p in &w.people {
        tx.execute(
            "INSERT INTO person (id, name, email, job_title, external, created_at, deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                p.id,
                p.name,
                p.email,
                p.job_title,
                p.external,
                p.created_at,
                p.deleted_at
            ],
        )?;
    }
    for h in &w.role_holders {
        tx.execute(
            "INSERT INTO role_holder (role_id, person_id, position) VALUES (?1, ?2, ?3)",
            params![h.role_id, h.person_id, h.position],
        )?;
    }
    for d in &w.role_deputies {
        tx.execute(
            "INSERT INTO role_deputy (role_id, person_id) VALUES (?1, ?2)",
            params![d.role_id, d.person_id],
        )?;
    }
    for m in &w.sod_mitigations {
        tx.execute(
            "INSERT INTO sod_mitigation (rule_id, person_id, text, recorded_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![m.rule_id, m.person_id, m.text, m.recorded_at],
        )?;
    }
    if let Some(p) = &w.progress {
        let done: Vec<String> = p
            .completed
            .iter()
            .map(|s| step_str(*s).to_owned())
            .collect();
        tx.execute(
            "INSERT INTO wizard_progress (id, current_step, completed, updated_at)
             VALUES (1, ?1, ?2, ?3)",
            params![step_str(p.current_step), strings(&done)?, p.updated_at],
        )?;
    }
    Ok(())
}

fn write_documents(tx: &Transaction<'_>, docs: &[DocumentSnap]) -> Result<(), StoreError> {
    for d in docs {
        let kind = match d.kind {
            DocKindSnap::Document => "document",
            DocKindSnap::Record => "record",
        };
        tx.execute(
            "INSERT INTO doc_document (id, doc_key, title, kind, clause, template_id, owner_role,
                 approver_role, review_months, next_review_date, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                d.id,
                d.doc_key,
                d.title,
                kind,
                d.clause,
                d.template_id,
                d.owner_role,
                d.approver_role,
                d.review_months,
                d.next_review_date,
                d.created_at
            ],
        )?;
        for a in &d.attachments {
            tx.execute(
                "INSERT INTO doc_attachment (id, document_id, file_name, media_type, size, sha256,
                     content, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    a.id,
                    d.id,
                    a.file_name,
                    a.media_type,
                    a.size,
                    a.sha256,
                    decode(&a.content_base64)?,
                    a.added_at
                ],
            )?;
        }
        if let Some(dr) = &d.draft {
            tx.execute(
                "INSERT INTO doc_draft (document_id, body, attachment_id, author_person_id,
                     filled_values, revision, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    d.id,
                    dr.body,
                    dr.attachment_id,
                    dr.author_person_id,
                    dr.filled_values.to_string(),
                    dr.revision,
                    dr.updated_at
                ],
            )?;
        }
        for v in &d.versions {
            tx.execute(
                "INSERT INTO doc_version (id, document_id, major, minor, body, attachment_id,
                     sha256, change_summary, author_person_id, author_name, filled_values,
                     issued_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    v.id,
                    d.id,
                    v.major,
                    v.minor,
                    v.body,
                    v.attachment_id,
                    v.sha256,
                    v.change_summary,
                    v.author_person_id,
                    v.author_name,
                    v.filled_values.to_string(),
                    v.issued_at
                ],
            )?;
            if let Some(a) = &v.approval {
                tx.execute(
                    "INSERT INTO doc_approval (id, version_id, approver_person_id, approver_name,
                         role_id, role_name, approved_at, sod_note)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        a.id,
                        v.id,
                        a.approver_person_id,
                        a.approver_name,
                        a.role_id,
                        a.role_name,
                        a.approved_at,
                        a.sod_note
                    ],
                )?;
            }
        }
    }
    Ok(())
}

fn write_assessment(tx: &Transaction<'_>, a: &AssessmentSnapshot) -> Result<(), StoreError> {
    for an in &a.answers {
        tx.execute(
            "INSERT INTO answer (question_id, level, note, owner_id, target_date, other_party_id,
                 other_party_control, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                an.question_id,
                an.level,
                an.note,
                an.owner_id,
                an.target_date,
                an.other_party_id,
                an.other_party_control,
                an.updated_at
            ],
        )?;
    }
    for e in &a.evidence {
        tx.execute(
            "INSERT INTO evidence (id, kind, title, file_name, size, sha256, document_id,
                 document_version, location, added_at, expires_on, review_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                e.id,
                evidence_kind_str(e.kind),
                e.title,
                e.file_name,
                e.size,
                e.sha256,
                e.document_id,
                e.document_version,
                e.location,
                e.added_at,
                e.expires_on,
                e.review_on
            ],
        )?;
        if let Some(b64) = &e.content_base64 {
            tx.execute(
                "INSERT INTO evidence_file (evidence_id, content) VALUES (?1, ?2)",
                params![e.id, decode(b64)?],
            )?;
        }
        for q in &e.questions {
            tx.execute(
                "INSERT INTO evidence_question (evidence_id, question_id) VALUES (?1, ?2)",
                params![e.id, q],
            )?;
        }
    }
    for ac in &a.actions {
        tx.execute(
            "INSERT INTO action (id, source, question_id, title, owner_id, due, status, cause,
                 correction, corrective_action, verification, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                ac.id,
                source_str(ac.source),
                ac.question_id,
                ac.title,
                ac.owner_id,
                ac.due,
                status_str(ac.status),
                ac.cause,
                ac.correction,
                ac.corrective_action,
                ac.verification,
                ac.created_at,
                ac.updated_at
            ],
        )?;
    }
    for sn in &a.snapshots {
        tx.execute(
            "INSERT INTO snapshot (id, taken_at, label, overall, stage1, stage1_score, stage2,
                 stage2_score, answered, questions, scorecard)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                sn.id,
                sn.taken_at,
                sn.label,
                sn.overall,
                sn.stage1,
                sn.stage1_score,
                sn.stage2,
                sn.stage2_score,
                sn.answered,
                sn.questions,
                sn.scorecard.to_string()
            ],
        )?;
    }
    Ok(())
}
