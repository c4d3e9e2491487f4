//! `answer`: one row per answered question.

use ready20k_domain::assessment::AnswerRecord;
use ready20k_domain::scoring::MaturityLevel;
use ready20k_domain::snapshot::AnswerSnap;
use rusqlite::{Connection, OptionalExtension, params};

use super::{date, known_person, known_question, write};
use crate::Project;
use crate::{Result, StoreError, rows};

const COLUMNS: &str = "question_id, level, note, owner_id, target_date, other_party_id, \
                       other_party_control, updated_at";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AnswerRecord> {
    let level: u8 = r.get(1)?;
    Ok(AnswerRecord {
        question_id: r.get(0)?,
        level: MaturityLevel::from_value(level).unwrap_or_default(),
        note: r.get(2)?,
        owner_id: r.get(3)?,
        target_date: r.get(4)?,
        other_party_id: r.get(5)?,
        other_party_control: r.get(6)?,
        updated_at: r.get(7)?,
    })
}

/// Every `answer` row, by question id.
pub fn export_answers(conn: &Connection) -> Result<Vec<AnswerSnap>> {
    Ok(list_answers(conn)?
        .into_iter()
        .map(AnswerSnap::from)
        .collect())
}

/// Writes `answer` rows as given.
pub fn import_answers(conn: &Connection, rows: &[AnswerSnap]) -> Result<()> {
    for a in rows {
        put(conn, &AnswerRecord::from(a))?;
    }
    Ok(())
}

/// Inserts or replaces the row of `a.question_id` as given.
fn put(conn: &Connection, a: &AnswerRecord) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO answer (question_id, level, note, owner_id, target_date, other_party_id,
                             other_party_control, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (question_id) DO UPDATE SET
            level = excluded.level, note = excluded.note, owner_id = excluded.owner_id,
            target_date = excluded.target_date, other_party_id = excluded.other_party_id,
            other_party_control = excluded.other_party_control,
            updated_at = excluded.updated_at",
    )?
    .execute(params![
        a.question_id,
        a.level.value(),
        a.note,
        a.owner_id,
        a.target_date,
        a.other_party_id,
        a.other_party_control,
        a.updated_at,
    ])?;
    Ok(())
}

/// Every answer, by question id.
pub fn list_answers(conn: &Connection) -> Result<Vec<AnswerRecord>> {
    rows::all(
        conn,
        &format!("SELECT {COLUMNS} FROM answer ORDER BY question_id"),
        [],
        row,
    )
}

/// The answer to one question, if given.
pub fn get_answer(conn: &Connection, question_id: &str) -> Result<Option<AnswerRecord>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM answer WHERE question_id = ?1"
        ))?
        .query_row([question_id], row)
        .optional()?)
}

/// Saves (inserts or replaces) the answer to `a.question_id` and returns it as stored.
///
/// Refuses an unknown question, a bad date, an owner who is not a current person, and an
/// other party that does not exist. An other party without a control description is saved
/// (the firm may still be typing) and flagged by
/// [`ready20k_domain::assessment::answer_warnings`].
pub fn save_answer(p: &mut Project, a: &AnswerRecord) -> Result<AnswerRecord> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    known_question(&a.question_id)?;
    let target = date(a.target_date.as_deref(), "target date")?;
    let stored = AnswerRecord {
        question_id: a.question_id.clone(),
        level: a.level,
        note: a.note.trim().to_owned(),
        owner_id: a.owner_id,
        target_date: target,
        other_party_id: a.other_party_id,
        other_party_control: if a.other_party_id.is_some() {
            a.other_party_control.trim().to_owned()
        } else {
            String::new()
        },
        updated_at: now.to_owned(),
    };
    write(conn, now, "assessment_answer", |tx| {
        known_person(tx, stored.owner_id)?;
        if let Some(id) = stored.other_party_id {
            let n: i64 = tx.query_row(
                "SELECT count(*) FROM other_party WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if n == 0 {
                return Err(StoreError::UnknownReference(format!(
                    "Other party {id} does not exist; add it in the setup wizard."
                )));
            }
        }
        put(tx, &stored)?;
        let detail = format!("{} = {}", stored.question_id, stored.level.value());
        Ok((stored.clone(), detail))
    })
}

/// Removes the answer to `question_id` (the question counts as unanswered again). Returns the
/// removed answer for undo, or `None` if there was none.
pub fn clear_answer(p: &mut Project, question_id: &str) -> Result<Option<AnswerRecord>> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let old = get_answer(conn, question_id)?;
    if old.is_none() {
        return Ok(None);
    }
    write(conn, now, "assessment_answer_cleared", |tx| {
        tx.execute("DELETE FROM answer WHERE question_id = ?1", [question_id])?;
        Ok((old, question_id.to_owned()))
    })
}
