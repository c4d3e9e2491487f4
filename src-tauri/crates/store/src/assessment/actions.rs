//! `action`: the action plan and the nonconformity / corrective action register (10.1).

use ready20k_domain::assessment::{Action, ActionSource, ActionStatus};
use ready20k_domain::snapshot::ActionSnap;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, OptionalExtension, ToSql};

use super::{date, known_person, known_question, write};
use crate::Project;
use crate::{Result, StoreError, rows};

const COLUMNS: &str = "id, source, question_id, title, owner_id, due, status, cause, correction, \
                       corrective_action, verification, created_at, updated_at";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Action> {
    let source: String = r.get(1)?;
    let status: String = r.get(6)?;
    Ok(Action {
        id: r.get(0)?,
        source: ActionSource::parse(&source).unwrap_or(ActionSource::Other),
        question_id: r.get(2)?,
        title: r.get(3)?,
        owner_id: r.get(4)?,
        due: r.get(5)?,
        status: ActionStatus::parse(&status).unwrap_or_default(),
        cause: r.get(7)?,
        correction: r.get(8)?,
        corrective_action: r.get(9)?,
        verification: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

/// Every action, oldest first (the plan orders them; see
/// [`ready20k_domain::assessment::plan`]).
pub fn list_actions(conn: &Connection) -> Result<Vec<Action>> {
    rows::all(
        conn,
        &format!("SELECT {COLUMNS} FROM action ORDER BY id"),
        [],
        row,
    )
}

/// Every `action` row, in id order.
pub fn export_actions(conn: &Connection) -> Result<Vec<ActionSnap>> {
    Ok(list_actions(conn)?
        .into_iter()
        .map(ActionSnap::from)
        .collect())
}

/// Inserts `action` rows with their ids.
pub fn import_actions(conn: &Connection, rows: &[ActionSnap]) -> Result<()> {
    for a in rows {
        put_row(conn, &Action::from(a))?;
    }
    Ok(())
}

/// The action's plan as it is stored, in column order: `title, owner_id, due, status, cause,
/// correction, corrective_action, verification` (saved with an action and with a finding).
pub(crate) fn plan(a: &Action) -> rusqlite::Result<[ToSqlOutput<'_>; 8]> {
    Ok([
        a.title.to_sql()?,
        a.owner_id.to_sql()?,
        a.due.to_sql()?,
        a.status.as_str().to_sql()?,
        a.cause.to_sql()?,
        a.correction.to_sql()?,
        a.corrective_action.to_sql()?,
        a.verification.to_sql()?,
    ])
}

/// Inserts an `action` row as given (id 0: SQLite chooses), or replaces the row with that
/// id keeping its `created_at`. Returns its id.
fn put_row(conn: &Connection, a: &Action) -> Result<i64> {
    conn.execute(
        "INSERT INTO action (id, source, question_id, title, owner_id, due, status, cause,
                             correction, corrective_action, verification, created_at, updated_at)
         VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (id) DO UPDATE SET source = excluded.source,
             question_id = excluded.question_id, title = excluded.title,
             owner_id = excluded.owner_id, due = excluded.due, status = excluded.status,
             cause = excluded.cause, correction = excluded.correction,
             corrective_action = excluded.corrective_action,
             verification = excluded.verification, updated_at = excluded.updated_at",
        [&a.id as &dyn ToSql, &a.source.as_str(), &a.question_id]
            .into_iter()
            .chain(plan(a)?.iter().map(|v| v as &dyn ToSql))
            .chain([&a.created_at as &dyn ToSql, &a.updated_at])
            .collect::<Vec<_>>()
            .as_slice(),
    )?;
    Ok(if a.id == 0 {
        conn.last_insert_rowid()
    } else {
        a.id
    })
}

/// One action.
pub fn get_action(conn: &Connection, id: i64) -> Result<Action> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM action WHERE id = ?1"),
        [id],
        row,
    )
    .optional()?
    .ok_or_else(|| StoreError::Missing {
        what: "action",
        id: id.to_string(),
        hint: "; reload.",
    })
}

/// Inserts (`a.id == 0`) or updates an action; returns it as stored.
///
/// A gap action needs its question; every action needs a title; dates must be real dates and
/// the owner a current person.
pub fn save_action(p: &mut Project, a: &Action) -> Result<Action> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let title = a.title.trim();
    if title.is_empty() {
        return Err(StoreError::Required(
            "Give the action a title: what is to be done.".into(),
        ));
    }
    let question = a
        .question_id
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty());
    match (a.source, question) {
        (ActionSource::Gap, None) => {
            return Err(StoreError::Required(
                "An action from a gap needs the question it closes.".into(),
            ));
        }
        (_, Some(q)) => known_question(q)?,
        _ => {}
    }
    let due = date(a.due.as_deref(), "due date")?;
    let row = Action {
        id: a.id,
        source: a.source,
        question_id: question.map(str::to_owned),
        title: title.to_owned(),
        owner_id: a.owner_id,
        due,
        status: a.status,
        cause: a.cause.trim().to_owned(),
        correction: a.correction.trim().to_owned(),
        corrective_action: a.corrective_action.trim().to_owned(),
        verification: a.verification.trim().to_owned(),
        created_at: now.to_owned(),
        updated_at: now.to_owned(),
    };
    let id = write(conn, now, "assessment_action", |tx| {
        known_person(tx, a.owner_id)?;
        if a.id != 0 {
            get_action(tx, a.id)?;
        }
        let id = put_row(tx, &row)?;
        Ok((id, format!("{id} {} {}", a.status.as_str(), title)))
    })?;
    get_action(conn, id)
}

/// Refuses to delete an action that is a finding of an audit whose report is approved (the
/// database trigger would refuse it with a raw message).
fn refuse_finding_of_approved_report(conn: &rusqlite::Connection, id: i64) -> Result<()> {
    let audit: Option<i64> = conn
        .query_row(
            "SELECT l.audit_id FROM audit_line l \
             JOIN audit_report r ON r.audit_id = l.audit_id AND r.approved_at IS NOT NULL \
             WHERE l.action_id = ?1 ORDER BY l.audit_id LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match audit {
        Some(audit) => Err(StoreError::FindingOfApprovedReport { action: id, audit }),
        None => Ok(()),
    }
}

/// Deletes an action and returns it (for undo: save it again with id 0). A finding of an
/// approved audit report is refused with `finding_of_approved_report`.
pub fn delete_action(p: &mut Project, id: i64) -> Result<Action> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let old = get_action(conn, id)?;
    refuse_finding_of_approved_report(conn, id)?;
    write(conn, now, "assessment_action_deleted", |tx| {
        tx.execute("DELETE FROM action WHERE id = ?1", [id])?;
        Ok(((), format!("{id} {}", old.title)))
    })?;
    Ok(old)
}
