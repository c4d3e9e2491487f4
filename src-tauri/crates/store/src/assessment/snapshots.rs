//! `snapshot`: frozen scorecards with a date and a label, for the trend and comparisons.

use ready20k_domain::assessment::{Snapshot, SnapshotSummary};
use ready20k_domain::scoring::{Scorecard, Verdict};
use rusqlite::{Connection, OptionalExtension, params};

use super::write;
use crate::{Result, StoreError};

fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::NotReady => "not_ready",
        Verdict::NearlyReady => "nearly_ready",
        Verdict::Ready => "ready",
    }
}

fn verdict(text: &str) -> Verdict {
    match text {
        "ready" => Verdict::Ready,
        "nearly_ready" => Verdict::NearlyReady,
        _ => Verdict::NotReady,
    }
}

const COLUMNS: &str = "id, taken_at, label, overall, stage1, stage1_score, stage2, stage2_score, \
                       answered, questions";

fn summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<SnapshotSummary> {
    Ok(SnapshotSummary {
        id: r.get(0)?,
        taken_at: r.get(1)?,
        label: r.get(2)?,
        overall: r.get(3)?,
        stage1: verdict(&r.get::<_, String>(4)?),
        stage1_score: r.get(5)?,
        stage2: verdict(&r.get::<_, String>(6)?),
        stage2_score: r.get(7)?,
        answered: r.get(8)?,
        questions: r.get(9)?,
    })
}

/// Freezes `scorecard` as a snapshot labelled `label`, taken `now`.
pub fn take_snapshot(
    conn: &mut Connection,
    now: &str,
    label: &str,
    scorecard: &Scorecard,
) -> Result<SnapshotSummary> {
    let label = label.trim();
    if label.is_empty() {
        return Err(StoreError::Invalid(
            "Give the snapshot a label, e.g. \"Before internal audit\".".into(),
        ));
    }
    let json = serde_json::to_string(scorecard)?;
    write(conn, now, "assessment_snapshot", |tx| {
        tx.execute(
            "INSERT INTO snapshot (taken_at, label, overall, stage1, stage1_score, stage2,
                                   stage2_score, answered, questions, scorecard)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                now,
                label,
                scorecard.overall,
                verdict_name(scorecard.stage1.verdict),
                scorecard.stage1.capped_score,
                verdict_name(scorecard.stage2.verdict),
                scorecard.stage2.capped_score,
                scorecard.answered,
                scorecard.questions,
                json,
            ],
        )?;
        let id = tx.last_insert_rowid();
        Ok((
            SnapshotSummary::of(id, now, label, scorecard),
            format!("{id} {label}"),
        ))
    })
}

/// Every snapshot, oldest first, without bodies.
pub fn list_snapshots(conn: &Connection) -> Result<Vec<SnapshotSummary>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM snapshot ORDER BY taken_at, id"
    ))?;
    Ok(stmt.query_map([], summary)?.collect::<Result<_, _>>()?)
}

/// One snapshot with its frozen scorecard.
pub fn get_snapshot(conn: &Connection, id: i64) -> Result<Snapshot> {
    let found = conn
        .query_row(
            &format!("SELECT {COLUMNS}, scorecard FROM snapshot WHERE id = ?1"),
            [id],
            |r| Ok((summary(r)?, r.get::<_, String>(10)?)),
        )
        .optional()?;
    let Some((summary, json)) = found else {
        return Err(StoreError::Invalid(format!(
            "There is no snapshot {id}; reload."
        )));
    };
    Ok(Snapshot {
        summary,
        scorecard: serde_json::from_str(&json)?,
    })
}

/// Deletes a snapshot.
pub fn delete_snapshot(conn: &mut Connection, now: &str, id: i64) -> Result<()> {
    write(conn, now, "assessment_snapshot_deleted", |tx| {
        let n = tx.execute("DELETE FROM snapshot WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(StoreError::Invalid(format!(
                "There is no snapshot {id}; reload."
            )));
        }
        Ok(((), id.to_string()))
    })
}
