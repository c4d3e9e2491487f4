//! `snapshot`: frozen scorecards with a date and a label, for the trend and comparisons.

use ready20k_domain::assessment::{Snapshot, SnapshotSummary};
use ready20k_domain::scoring::{Scorecard, Verdict};
use ready20k_domain::snapshot::ScoreSnapshotSnap;
use rusqlite::{Connection, OptionalExtension, params};

use super::write;
use crate::Project;
use crate::{Result, StoreError, rows};

fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::NotReady => "not_ready",
        Verdict::NearlyReady => "nearly_ready",
        Verdict::Ready => "ready",
    }
}

const COLUMNS: &str = "id, taken_at, label, overall, stage1, stage1_score, stage2, stage2_score, \
                       answered, questions";

/// A `snapshot` row without its scorecard.
fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ScoreSnapshotSnap> {
    Ok(ScoreSnapshotSnap {
        id: r.get(0)?,
        taken_at: r.get(1)?,
        label: r.get(2)?,
        overall: r.get(3)?,
        stage1: r.get(4)?,
        stage1_score: r.get(5)?,
        stage2: r.get(6)?,
        stage2_score: r.get(7)?,
        answered: r.get(8)?,
        questions: r.get(9)?,
        scorecard: serde_json::Value::Null,
    })
}

fn summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<SnapshotSummary> {
    row(r).map(|s| SnapshotSummary::from(&s))
}

/// Freezes `scorecard` as a snapshot labelled `label`, taken `now`.
pub fn take_snapshot(
    p: &mut Project,
    label: &str,
    scorecard: &Scorecard,
) -> Result<SnapshotSummary> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let label = label.trim();
    if label.is_empty() {
        return Err(StoreError::Required(
            "Give the snapshot a label, e.g. \"Before internal audit\".".into(),
        ));
    }
    let json = serde_json::to_string(scorecard)?;
    let row = ScoreSnapshotSnap {
        id: 0,
        taken_at: now.to_owned(),
        label: label.to_owned(),
        overall: scorecard.overall,
        stage1: verdict_name(scorecard.stage1.verdict).to_owned(),
        stage1_score: scorecard.stage1.capped_score,
        stage2: verdict_name(scorecard.stage2.verdict).to_owned(),
        stage2_score: scorecard.stage2.capped_score,
        answered: scorecard.answered.into(),
        questions: scorecard.questions.into(),
        scorecard: serde_json::Value::Null,
    };
    write(conn, now, "assessment_snapshot", |tx| {
        let id = put_row(tx, &row, &json)?;
        Ok((
            SnapshotSummary::of(id, now, label, scorecard),
            format!("{id} {label}"),
        ))
    })
}

/// Inserts a `snapshot` row as given (id 0: SQLite chooses) with the scorecard as stored
/// JSON text; returns its id.
fn put_row(conn: &Connection, s: &ScoreSnapshotSnap, scorecard: &str) -> Result<i64> {
    let values = params![
        s.id,
        s.taken_at,
        s.label,
        s.overall,
        s.stage1,
        s.stage1_score,
        s.stage2,
        s.stage2_score,
        s.answered,
        s.questions,
        scorecard,
    ];
    rows::insert(conn, "snapshot", &format!("{COLUMNS}, scorecard"), values)
}

/// Every `snapshot` row with its scorecard, in id order.
pub fn export_snapshots(conn: &Connection) -> Result<Vec<ScoreSnapshotSnap>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS}, scorecard FROM snapshot ORDER BY id"
    ))?;
    let rows = stmt.query_map([], |r| Ok((row(r)?, r.get::<_, String>(10)?)))?;
    let mut out = Vec::new();
    for pair in rows {
        let (mut s, card) = pair?;
        s.scorecard = serde_json::from_str(&card)?;
        out.push(s);
    }
    Ok(out)
}

/// Inserts `snapshot` rows with their ids.
pub fn import_snapshots(conn: &Connection, rows: &[ScoreSnapshotSnap]) -> Result<()> {
    for s in rows {
        put_row(conn, s, &s.scorecard.to_string())?;
    }
    Ok(())
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
        return Err(StoreError::Missing {
            what: "snapshot",
            id: id.to_string(),
            hint: "; reload.",
        });
    };
    Ok(Snapshot {
        summary,
        scorecard: serde_json::from_str(&json)?,
    })
}

/// Deletes a snapshot.
pub fn delete_snapshot(p: &mut Project, id: i64) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    write(conn, now, "assessment_snapshot_deleted", |tx| {
        let n = tx.execute("DELETE FROM snapshot WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(StoreError::Missing {
                what: "snapshot",
                id: id.to_string(),
                hint: "; reload.",
            });
        }
        Ok(((), id.to_string()))
    })
}
