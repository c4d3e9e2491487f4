//! `action`: the action plan and the nonconformity / corrective action register (10.1).

use ready20k_domain::assessment::{Action, ActionSource, ActionStatus};
use rusqlite::{Connection, OptionalExtension, params};

use super::{date, known_person, known_question, write};
use crate::{Result, StoreError};

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
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM action ORDER BY id"))?;
    Ok(stmt.query_map([], row)?.collect::<Result<_, _>>()?)
}

/// One action.
pub fn get_action(conn: &Connection, id: i64) -> Result<Action> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM action WHERE id = ?1"),
        [id],
        row,
    )
    .optional()?
    .ok_or_else(|| StoreError::Invalid(format!("There is no action {id}; reload.")))
}

/// Inserts (`a.id == 0`) or updates an action; returns it as stored.
///
/// A gap action needs its question; every action needs a title; dates must be real dates and
/// the owner a current person.
pub fn save_action(conn: &mut Connection, now: &str, a: &Action) -> Result<Action> {
    let title = a.title.trim();
    if title.is_empty() {
        return Err(StoreError::Invalid(
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
            return Err(StoreError::Invalid(
                "An action from a gap needs the question it closes.".into(),
            ));
        }
        (_, Some(q)) => known_question(q)?,
        _ => {}
    }
    let due = date(a.due.as_deref(), "due date")?;
    let id = write(conn, now, "assessment_action", |tx| {
        known_person(tx, a.owner_id)?;
        let values = params![
            a.source.as_str(),
            question,
            title,
            a.owner_id,
            due,
            a.status.as_str(),
            a.cause.trim(),
            a.correction.trim(),
            a.corrective_action.trim(),
            a.verification.trim(),
            now,
        ];
        let id = if a.id == 0 {
            tx.execute(
                "INSERT INTO action (source, question_id, title, owner_id, due, status, cause,
                                     correction, corrective_action, verification, created_at,
                                     updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                values,
            )?;
            tx.last_insert_rowid()
        } else {
            let n = tx.execute(
                &format!(
                    "UPDATE action SET source = ?1, question_id = ?2, title = ?3, owner_id = ?4,
                        due = ?5, status = ?6, cause = ?7, correction = ?8,
                        corrective_action = ?9, verification = ?10, updated_at = ?11
                     WHERE id = {}",
                    a.id
                ),
                values,
            )?;
            if n == 0 {
                return Err(StoreError::Invalid(format!(
                    "There is no action {}; reload.",
                    a.id
                )));
            }
            a.id
        };
        Ok((id, format!("{id} {} {}", a.status.as_str(), title)))
    })?;
    get_action(conn, id)
}

/// Deletes an action and returns it (for undo: save it again with id 0).
pub fn delete_action(conn: &mut Connection, now: &str, id: i64) -> Result<Action> {
    let old = get_action(conn, id)?;
    write(conn, now, "assessment_action_deleted", |tx| {
        tx.execute("DELETE FROM action WHERE id = ?1", [id])?;
        Ok(((), format!("{id} {}", old.title)))
    })?;
    Ok(old)
}
