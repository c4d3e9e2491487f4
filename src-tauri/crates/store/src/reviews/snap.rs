//! Management reviews in the project snapshot: `export_reviews` reads them in key order,
//! `import_reviews` writes them back with their ids (into a fresh, migrated file).

use ready20k_domain::snapshot::{ReviewAttendeeSnap, ReviewSnap, ReviewsSnap};
use rusqlite::{Connection, params};

use crate::Result;
use crate::table_row::{self, LinkTable, table_row};

table_row!(
    ReviewAttendeeSnap,
    "management_review_attendee",
    "review_id, person_id",
    [review_id, person_id, top_management]
);

/// The link table of reviews and the actions they decided, and its owner column.
const ACTIONS: LinkTable = LinkTable {
    table: "management_review_action",
    owner: "review_id",
};

/// Reads every review, attendee and decided-action link.
pub fn export_reviews(conn: &Connection) -> Result<ReviewsSnap> {
    let reviews = super::review_rows(conn)?
        .into_iter()
        .map(ReviewSnap::from)
        .collect();
    Ok(ReviewsSnap {
        reviews,
        attendees: table_row::export(conn)?,
        actions: ACTIONS.export(conn)?,
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
    table_row::import(conn, &s.attendees)?;
    ACTIONS.import(conn, &s.actions)?;
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
