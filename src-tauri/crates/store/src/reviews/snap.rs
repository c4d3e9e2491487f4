//! Management reviews in the project snapshot: `export_reviews` reads them in key order,
//! `import_reviews` writes them back with their ids (into a fresh, migrated file).

use ready20k_domain::snapshot::{LinkSnap, ReviewAttendeeSnap, ReviewSnap, ReviewsSnap};
use rusqlite::{Connection, params};

use crate::{Result, rows};

/// Reads every review, attendee and decided-action link.
pub fn export_reviews(conn: &Connection) -> Result<ReviewsSnap> {
    let raw = rows::all(
        conn,
        "SELECT id, title, planned_on, held_on, decisions, next_planned_on, inputs, minutes,
                status, issued_at, approved_by, approved_at, created_at, updated_at
         FROM management_review ORDER BY id",
        [],
        |r| {
            Ok((
                ReviewSnap {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    planned_on: r.get(2)?,
                    held_on: r.get(3)?,
                    decisions: r.get(4)?,
                    next_planned_on: r.get(5)?,
                    inputs: None,
                    minutes: r.get(7)?,
                    status: r.get(8)?,
                    issued_at: r.get(9)?,
                    approved_by: r.get(10)?,
                    approved_at: r.get(11)?,
                    created_at: r.get(12)?,
                    updated_at: r.get(13)?,
                },
                r.get::<_, Option<String>>(6)?,
            ))
        },
    )?;
    let reviews = raw
        .into_iter()
        .map(|(mut s, inputs)| {
            s.inputs = inputs.map(|j| serde_json::from_str(&j)).transpose()?;
            Ok(s)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(ReviewsSnap {
        reviews,
        attendees: rows::all(
            conn,
            "SELECT review_id, person_id, top_management FROM management_review_attendee
             ORDER BY review_id, person_id",
            [],
            |r| {
                Ok(ReviewAttendeeSnap {
                    review_id: r.get(0)?,
                    person_id: r.get(1)?,
                    top_management: r.get::<_, i64>(2)? != 0,
                })
            },
        )?,
        actions: rows::all(
            conn,
            "SELECT review_id, action_id FROM management_review_action
             ORDER BY review_id, action_id",
            [],
            |r| {
                Ok(LinkSnap {
                    id: r.get(0)?,
                    action_id: r.get(1)?,
                })
            },
        )?,
    })
}

/// Writes the reviews, their attendees and action links (people and actions in place). Each
/// review goes in as a draft and takes its status after its attendees, so the triggers that
/// keep approved minutes unchanged hold during the import too.
pub fn import_reviews(conn: &Connection, s: &ReviewsSnap) -> Result<()> {
    for r in &s.reviews {
        conn.execute(
            "INSERT INTO management_review (id, title, planned_on, held_on, decisions,
                 next_planned_on, minutes, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'draft', ?8, ?9)",
            params![
                r.id,
                r.title,
                r.planned_on,
                r.held_on,
                r.decisions,
                r.next_planned_on,
                r.minutes,
                r.created_at,
                r.updated_at
            ],
        )?;
    }
    for a in &s.attendees {
        conn.execute(
            "INSERT INTO management_review_attendee (review_id, person_id, top_management)
             VALUES (?1, ?2, ?3)",
            params![a.review_id, a.person_id, a.top_management],
        )?;
    }
    for l in &s.actions {
        conn.execute(
            "INSERT INTO management_review_action (review_id, action_id) VALUES (?1, ?2)",
            params![l.id, l.action_id],
        )?;
    }
    for r in &s.reviews {
        let inputs = r.inputs.as_ref().map(serde_json::to_string).transpose()?;
        conn.execute(
            "UPDATE management_review SET inputs = ?2, status = ?3, issued_at = ?4,
                 approved_by = ?5, approved_at = ?6, updated_at = ?7 WHERE id = ?1",
            params![
                r.id,
                inputs,
                r.status,
                r.issued_at,
                r.approved_by,
                r.approved_at,
                r.updated_at
            ],
        )?;
    }
    Ok(())
}
