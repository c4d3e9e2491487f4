//! `answer_review` (migration `0006_question_bank`): answers marked "review this" because their
//! question was split, moved or reworded. A flag disappears when the firm saves or clears the
//! answer again (database triggers), so no write path has to remember it.

use std::collections::BTreeMap;

use rusqlite::Connection;

use crate::Result;

/// Question id -> why its answer should be reviewed, for every flagged answer.
pub fn list_review(conn: &Connection) -> Result<BTreeMap<String, String>> {
    let mut stmt =
        conn.prepare_cached("SELECT question_id, reason FROM answer_review ORDER BY question_id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::migrate::migrate_to;
    use ready20k_domain::content::library;

    const NOW: &str = "2026-12-01T10:00:00Z";

    fn answer(conn: &Connection, id: &str, level: u8, note: &str) {
        conn.execute(
            "INSERT INTO answer (question_id, level, note, updated_at) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![id, level, note, NOW],
        )
        .unwrap();
    }

    fn level(conn: &Connection, id: &str) -> Option<(u8, String)> {
        conn.query_row(
            "SELECT level, note FROM answer WHERE question_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok()
    }

    fn links(conn: &Connection, evidence: i64) -> Vec<String> {
        let mut stmt = conn
            .prepare(
                "SELECT question_id FROM evidence_question WHERE evidence_id = ?1
                 ORDER BY question_id",
            )
            .unwrap();
        stmt.query_map([evidence], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// A project file made before the calibrated question bank: split, moved, merged and
    /// reworded questions keep their work and are flagged; untouched answers are not.
    #[test]
    fn migration_0006_carries_answers_to_split_and_moved_questions() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 5).unwrap();
        answer(&conn, "Q-8.5.1.3-02", 4, "CAB approves; tests in staging");
        answer(&conn, "Q-8.6.1-05", 3, "SLA report from Freshdesk");
        answer(&conn, "Q-7.5.4-03", 2, "Some processes written");
        answer(&conn, "Q-5.3-01", 3, "RACI");
        answer(&conn, "Q-4.1-01", 4, "Issues list");
        conn.execute_batch(
            "INSERT INTO evidence (id, kind, title, location, added_at)
                 VALUES (1, 'location', 'Change log', 'Freshdesk changes', '2026-11-01');
             INSERT INTO evidence_question VALUES (1, 'Q-8.5.1.3-02'), (1, 'Q-8.6.1-05');
             INSERT INTO action (id, source, question_id, title, created_at, updated_at)
                 VALUES (1, 'gap', 'Q-8.6.1-05', 'Report SLA times', '2026-11-01', '2026-11-01');",
        )
        .unwrap();

        migrate_to(&mut conn, 6).unwrap();

        // Split: both parts carry the old answer.
        for id in ["Q-8.5.1.3-02", "Q-8.5.1.3-06", "Q-8.5.1.3-07"] {
            assert_eq!(
                level(&conn, id),
                Some((4, "CAB approves; tests in staging".into())),
                "{id}"
            );
        }
        // Moved: the new id has the answer, the old one is gone, evidence and action follow.
        assert_eq!(level(&conn, "Q-8.3.3-05").map(|a| a.0), Some(3));
        assert_eq!(level(&conn, "Q-8.6.1-05"), None);
        assert_eq!(
            links(&conn, 1),
            ["Q-8.3.3-05", "Q-8.5.1.3-02", "Q-8.5.1.3-06", "Q-8.5.1.3-07"]
        );
        let action: String = conn
            .query_row("SELECT question_id FROM action WHERE id = 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(action, "Q-8.3.3-05");
        // Merged: the repeated question's answer moves to the one it repeated.
        assert_eq!(level(&conn, "Q-4.4-02").map(|a| a.0), Some(2));
        assert_eq!(level(&conn, "Q-7.5.4-03"), None);

        let review = list_review(&conn).unwrap();
        let flagged: Vec<&str> = review.keys().map(String::as_str).collect();
        assert_eq!(
            flagged,
            [
                "Q-4.4-02",
                "Q-5.3-01",
                "Q-8.3.3-05",
                "Q-8.5.1.3-02",
                "Q-8.5.1.3-06",
                "Q-8.5.1.3-07"
            ]
        );
        assert!(review["Q-8.5.1.3-06"].contains("split off Q-8.5.1.3-02"));
        assert!(review["Q-8.5.1.3-02"].contains("Q-8.5.1.3-06 and Q-8.5.1.3-07"));
        assert!(review["Q-8.3.3-05"].contains("replaces Q-8.6.1-05"));
        // Every answer left points at a question of today's bank.
        let lib = library();
        let mut stmt = conn.prepare("SELECT question_id FROM answer").unwrap();
        let ids: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for id in ids
            .iter()
            .map(String::as_str)
            .chain(flagged.iter().copied())
        {
            assert!(
                lib.question(id).is_some(),
                "{id} is not in the question bank"
            );
        }

        // Saving an answer again clears its flag; clearing one does too.
        conn.execute(
            "UPDATE answer SET level = 5, updated_at = ?1 WHERE question_id = 'Q-8.5.1.3-06'",
            [NOW],
        )
        .unwrap();
        conn.execute("DELETE FROM answer WHERE question_id = 'Q-5.3-01'", [])
            .unwrap();
        let review = list_review(&conn).unwrap();
        assert!(!review.contains_key("Q-8.5.1.3-06"));
        assert!(!review.contains_key("Q-5.3-01"));
        assert!(review.contains_key("Q-8.5.1.3-07"));
    }

    #[test]
    fn a_new_project_has_nothing_to_review() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 6).unwrap();
        answer(&conn, "Q-8.5.1.3-06", 2, "");
        assert!(list_review(&conn).unwrap().is_empty());
    }
}
