//! `audit_line`: an audit's checklist, and the findings its lines raise in the action register.

use chrono::Days;
use ready20k_domain::assessment::{Action, ActionSource, ActionStatus};
use ready20k_domain::audits::{
    AuditLine, AuditStatus, LineInput, LineResult, check_independence, checklist,
};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{get_audit, not_approved, today};
use crate::Project;
use crate::journal::write_in;
use crate::register_error::{RegisterError, RegisterResult};
use crate::rows;

/// Days a nonconformity's owner gets for correction and a corrective action plan.
const NC_DUE_DAYS: u64 = 30;

const COLUMNS: &str = "id, audit_id, position, clause, question_id, prompt, sampling, result, \
                       evidence_refs, notes, action_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditLine> {
    let result: String = r.get(7)?;
    Ok(AuditLine {
        id: r.get(0)?,
        audit_id: r.get(1)?,
        position: r.get(2)?,
        clause: r.get(3)?,
        question_id: r.get(4)?,
        prompt: r.get(5)?,
        sampling: r.get(6)?,
        result: LineResult::parse(&result).unwrap_or_default(),
        evidence_refs: r.get(8)?,
        notes: r.get(9)?,
        action_id: r.get(10)?,
    })
}

/// Every checklist line of every audit, by audit and position.
pub(crate) fn all_lines(conn: &Connection) -> RegisterResult<Vec<AuditLine>> {
    Ok(rows::all(
        conn,
        &format!("SELECT {COLUMNS} FROM audit_line ORDER BY audit_id, position"),
        [],
        row,
    )?)
}

/// The checklist of audit `audit_id`, in order.
pub fn list_lines(conn: &Connection, audit_id: i64) -> RegisterResult<Vec<AuditLine>> {
    Ok(rows::all(
        conn,
        &format!("SELECT {COLUMNS} FROM audit_line WHERE audit_id = ?1 ORDER BY position"),
        [audit_id],
        row,
    )?)
}

fn get_line(conn: &Connection, id: i64) -> RegisterResult<AuditLine> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM audit_line WHERE id = ?1"),
        [id],
        row,
    )
    .optional()?
    .ok_or_else(|| {
        RegisterError::not_found(
            "audit_line_not_found",
            format!("There is no checklist line {id}; reload."),
        )
    })
}

/// Inserts a checklist line as given (id 0: SQLite chooses).
pub(crate) fn put_line(tx: &Connection, l: &AuditLine) -> RegisterResult<i64> {
    let values = params![
        l.id,
        l.audit_id,
        l.position,
        l.clause,
        l.question_id,
        l.prompt,
        l.sampling,
        l.result.as_str(),
        l.evidence_refs,
        l.notes,
        l.action_id
    ];
    Ok(rows::insert(tx, "audit_line", COLUMNS, values)?)
}

/// Starts audit `id`: refuses an auditor who is not independent of the scope unless a
/// mitigation is recorded, generates the checklist for its scope (once) and marks it in
/// progress. Returns the checklist.
pub fn start_audit(p: &mut Project, id: i64) -> RegisterResult<Vec<AuditLine>> {
    let now = p.now();
    let lib = crate::assessment::library()?;
    let data = crate::wizard::load(p.conn())?;
    let a = get_audit(p.conn(), id)?;
    not_approved(p.conn(), id)?;
    let ind = check_independence(&data, &a);
    if !ind.is_acceptable() {
        return Err(RegisterError::refused("audit_not_independent", ind.message));
    }
    let existing = list_lines(p.conn(), id)?;
    write_in::<_, RegisterError>(p.conn_mut(), &now, "audit_started", |tx| {
        if existing.is_empty() {
            for mut l in checklist(lib, &a.clauses) {
                l.audit_id = id;
                put_line(tx, &l)?;
            }
        }
        if a.status == AuditStatus::Planned {
            tx.execute(
                "UPDATE audit SET status = 'in_progress', updated_at = ?2 WHERE id = ?1",
                params![id, now],
            )?;
        }
        Ok(((), format!("{id} {}", a.title)))
    })?;
    list_lines(p.conn(), id)
}

fn finding_title(l: &AuditLine, notes: &str) -> String {
    let text = if notes.trim().is_empty() {
        l.prompt.trim()
    } else {
        notes.trim()
    };
    let short: String = text.chars().take(90).collect();
    let more = if text.chars().count() > 90 { "…" } else { "" };
    format!("Audit finding {}: {short}{more}", l.clause)
}

/// Raises (or regrades) the finding of line `l` in the action register; returns its id.
fn raise_finding(
    tx: &Transaction<'_>,
    now: &str,
    due: &str,
    l: &AuditLine,
    input: &LineInput,
    owner: Option<i64>,
) -> RegisterResult<Option<i64>> {
    let Some(grade) = input.result.grade() else {
        return Ok(l.action_id);
    };
    if let Some(id) = l.action_id {
        tx.execute(
            "UPDATE action SET nc_grade = ?2, nc_evidence = ?3, updated_at = ?4,
                 requirement = CASE WHEN requirement = '' THEN ?5 ELSE requirement END
             WHERE id = ?1",
            params![
                id,
                grade.as_str(),
                input.evidence_refs.trim(),
                now,
                l.clause
            ],
        )?;
        return Ok(Some(id));
    }
    let action = Action {
        id: 0,
        source: ActionSource::Audit,
        question_id: l.question_id.clone(),
        title: finding_title(l, &input.notes),
        owner_id: owner,
        due: grade.is_nonconformity().then(|| due.to_owned()),
        status: ActionStatus::Open,
        cause: String::new(),
        correction: String::new(),
        corrective_action: String::new(),
        verification: String::new(),
        created_at: now.to_owned(),
        updated_at: now.to_owned(),
    };
    tx.execute(
        "INSERT INTO action (source, question_id, title, owner_id, due, status, created_at,
                             updated_at, nc_grade, requirement, nc_evidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10)",
        params![
            action.source.as_str(),
            action.question_id,
            action.title,
            action.owner_id,
            action.due,
            action.status.as_str(),
            now,
            grade.as_str(),
            l.clause,
            input.evidence_refs.trim()
        ],
    )?;
    Ok(Some(tx.last_insert_rowid()))
}

/// Records the result of one line. A minor or major nonconformity or an opportunity for
/// improvement raises a finding in the action register (once; a changed grade regrades it),
/// owned by the SMS manager and, for a nonconformity, due in 30 days.
pub fn record_line(p: &mut Project, input: &LineInput) -> RegisterResult<AuditLine> {
    let now = p.now();
    let due = (today(p) + Days::new(NC_DUE_DAYS)).to_string();
    let l = get_line(p.conn(), input.line_id)?;
    let a = get_audit(p.conn(), l.audit_id)?;
    not_approved(p.conn(), a.id)?;
    if a.status != AuditStatus::InProgress {
        return Err(RegisterError::refused(
            "audit_not_in_progress",
            "Start the audit before recording results (its report may already be issued).",
        ));
    }
    let data = crate::wizard::load(p.conn())?;
    let owner = data
        .assignment("ROLE-SMSM")
        .and_then(|r| r.holders.first().copied());
    write_in::<_, RegisterError>(p.conn_mut(), &now, "audit_line_recorded", |tx| {
        let action_id = raise_finding(tx, &now, &due, &l, input, owner)?;
        tx.execute(
            "UPDATE audit_line SET result = ?2, evidence_refs = ?3, notes = ?4, action_id = ?5
             WHERE id = ?1",
            params![
                l.id,
                input.result.as_str(),
                input.evidence_refs.trim(),
                input.notes.trim(),
                action_id
            ],
        )?;
        Ok((
            (),
            format!("{} {} {}", l.id, l.clause, input.result.as_str()),
        ))
    })?;
    get_line(p.conn(), l.id)
}

/// Links an action already in the register (e.g. a finding recorded before the audit was
/// entered) to checklist line `line_id`, so recording the line's result grades that action
/// instead of raising a new one.
pub fn link_finding(p: &mut Project, line_id: i64, action_id: i64) -> RegisterResult<()> {
    let now = p.now();
    let l = get_line(p.conn(), line_id)?;
    not_approved(p.conn(), l.audit_id)?;
    crate::register_error::known_actions(p.conn(), &[action_id])?;
    write_in::<_, RegisterError>(p.conn_mut(), &now, "audit_finding_linked", |tx| {
        tx.execute(
            "UPDATE audit_line SET action_id = ?2 WHERE id = ?1",
            params![line_id, action_id],
        )?;
        Ok(((), format!("{line_id} -> action {action_id}")))
    })
}
