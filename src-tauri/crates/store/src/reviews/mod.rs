//! `management_review`, `management_review_attendee`, `management_review_action` (migration
//! `0010_management_reviews`): management reviews (9.3). The rules (what counts, what may
//! change, who approves, the inputs and the minutes) are `ready20k_domain::reviews`; this
//! module owns the SQL. Every write runs in one transaction and appends a `review_*` journal
//! entry; approved minutes are also protected by triggers.

mod collect;
mod snap;
#[cfg(test)]
mod tests;

pub use collect::{collect_inputs, detail, view};
pub use snap::{export_reviews, import_reviews};

use ready20k_domain::assessment::{Action, ActionSource};
use ready20k_domain::error::Refusal;
use ready20k_domain::reviews::{
    Attendee, MinutesContext, Review, ReviewEdit, ReviewInputs, ReviewStatus, check_approve,
    check_edit, check_editable, check_issue, draft_minutes,
};
use ready20k_domain::scoring::ReviewFacts;
use rusqlite::{Connection, OptionalExtension, params};

use crate::journal::write_in;
use crate::register_error::{ActionLinks, RegisterError, RegisterResult, known_person};
use crate::{Project, rows};

/// A domain refusal as a register error (same code).
pub(crate) fn refused(r: Refusal) -> RegisterError {
    RegisterError::refused(r.code, r.message)
}

const COLUMNS: &str = "id, title, planned_on, held_on, decisions, next_planned_on, inputs, \
                       minutes, status, issued_at, approved_by, approved_at, created_at, \
                       updated_at";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Review, Option<String>)> {
    let status: String = r.get(8)?;
    Ok((
        Review {
            id: r.get(0)?,
            title: r.get(1)?,
            planned_on: r.get(2)?,
            held_on: r.get(3)?,
            attendees: Vec::new(),
            decisions: r.get(4)?,
            next_planned_on: r.get(5)?,
            inputs: None,
            minutes: r.get(7)?,
            status: ReviewStatus::parse(&status).unwrap_or_default(),
            issued_at: r.get(9)?,
            approved_by: r.get(10)?,
            approved_at: r.get(11)?,
            action_ids: Vec::new(),
            created_at: r.get(12)?,
            updated_at: r.get(13)?,
        },
        r.get(6)?,
    ))
}

/// The actions decided at a review.
const LINKS: ActionLinks = ActionLinks {
    table: "management_review_action",
    owner: "review_id",
};

fn attendees(conn: &Connection, id: i64) -> RegisterResult<Vec<Attendee>> {
    Ok(rows::all(
        conn,
        "SELECT person_id, top_management FROM management_review_attendee
         WHERE review_id = ?1 ORDER BY person_id",
        [id],
        |r| {
            Ok(Attendee {
                person_id: r.get(0)?,
                top_management: r.get::<_, i64>(1)? != 0,
            })
        },
    )?)
}

/// `row`'s review with its stored inputs decoded (attendees and action links not read).
fn decoded((mut r, inputs): (Review, Option<String>)) -> crate::Result<Review> {
    r.inputs = inputs
        .map(|j| serde_json::from_str::<ReviewInputs>(&j))
        .transpose()?;
    Ok(r)
}

/// Every `management_review` row, by id, without attendees and action links: the list and the
/// snapshot read the table through here.
pub(crate) fn review_rows(conn: &Connection) -> crate::Result<Vec<Review>> {
    rows::all(
        conn,
        &format!("SELECT {COLUMNS} FROM management_review ORDER BY id"),
        [],
        row,
    )?
    .into_iter()
    .map(decoded)
    .collect()
}

fn complete(conn: &Connection, mut r: Review) -> RegisterResult<Review> {
    r.attendees = attendees(conn, r.id)?;
    r.action_ids = LINKS.read(conn, r.id)?;
    Ok(r)
}

/// Every review, oldest first (by id).
pub fn list_reviews(conn: &Connection) -> RegisterResult<Vec<Review>> {
    review_rows(conn)?
        .into_iter()
        .map(|r| complete(conn, r))
        .collect()
}

/// One review.
pub fn get_review(conn: &Connection, id: i64) -> RegisterResult<Review> {
    let raw = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM management_review WHERE id = ?1"),
            [id],
            row,
        )
        .optional()?
        .ok_or_else(|| {
            RegisterError::not_found(
                "review_not_found",
                format!("There is no management review {id}; reload."),
            )
        })?;
    complete(conn, decoded(raw)?)
}

/// What the verdict reads: reviews that count and the next planned date.
pub fn review_facts(conn: &Connection) -> RegisterResult<ReviewFacts> {
    Ok(ready20k_domain::reviews::review_facts(&list_reviews(conn)?))
}

fn trimmed(d: Option<&String>) -> Option<String> {
    d.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty())
}

/// Inserts (`e.id == 0`) or updates a draft review with its attendees; returns it as stored.
/// Refuses issued (`review_issued`) and approved (`review_approved`) reviews, and attendees who
/// are not current people.
pub fn save_review(p: &mut Project, e: &ReviewEdit) -> RegisterResult<Review> {
    let now = p.now();
    let clean = ReviewEdit {
        id: e.id,
        title: e.title.trim().to_owned(),
        planned_on: trimmed(e.planned_on.as_ref()),
        held_on: trimmed(e.held_on.as_ref()),
        attendees: e.attendees.clone(),
        decisions: e.decisions.trim().to_owned(),
        next_planned_on: trimmed(e.next_planned_on.as_ref()),
        minutes: e.minutes.trim().to_owned(),
    };
    check_edit(&clean).map_err(refused)?;
    let id = write_in(p.conn_mut(), &now, "review_saved", |tx| {
        if clean.id != 0 {
            check_editable(get_review(tx, clean.id)?.status).map_err(refused)?;
        }
        for a in &clean.attendees {
            known_person(tx, Some(a.person_id))?;
        }
        tx.execute(
            "INSERT INTO management_review (id, title, planned_on, held_on, decisions,
                 next_planned_on, minutes, created_at, updated_at)
             VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
             ON CONFLICT (id) DO UPDATE SET title = excluded.title,
                 planned_on = excluded.planned_on, held_on = excluded.held_on,
                 decisions = excluded.decisions, next_planned_on = excluded.next_planned_on,
                 minutes = excluded.minutes, updated_at = excluded.updated_at",
            params![
                clean.id,
                clean.title,
                clean.planned_on,
                clean.held_on,
                clean.decisions,
                clean.next_planned_on,
                clean.minutes,
                now
            ],
        )?;
        let id = if clean.id == 0 {
            tx.last_insert_rowid()
        } else {
            clean.id
        };
        tx.execute(
            "DELETE FROM management_review_attendee WHERE review_id = ?1",
            [id],
        )?;
        for a in &clean.attendees {
            tx.execute(
                "INSERT INTO management_review_attendee (review_id, person_id, top_management)
                 VALUES (?1, ?2, ?3)",
                params![id, a.person_id, a.top_management],
            )?;
        }
        Ok::<_, RegisterError>((id, format!("{id} {}", clean.title)))
    })?;
    get_review(p.conn(), id)
}

fn edit_of(r: &Review) -> ReviewEdit {
    ReviewEdit {
        id: r.id,
        title: r.title.clone(),
        planned_on: r.planned_on.clone(),
        held_on: r.held_on.clone(),
        attendees: r.attendees.clone(),
        decisions: r.decisions.clone(),
        next_planned_on: r.next_planned_on.clone(),
        minutes: r.minutes.clone(),
    }
}

/// The minutes of draft `id` drafted from the management-review template with the inputs as
/// collected now (not saved).
pub fn minutes_draft(p: &Project, id: i64) -> RegisterResult<String> {
    let r = get_review(p.conn(), id)?;
    let inputs = collect_inputs(p, id)?;
    let data = crate::wizard::load(p.conn())?;
    let actions: Vec<Action> = crate::assessment::actions::list_actions(p.conn())?
        .into_iter()
        .filter(|a| r.action_ids.contains(&a.id))
        .collect();
    let firm = p.firm_name()?;
    let ctx = MinutesContext {
        firm: &firm,
        data: &data,
        actions: &actions,
    };
    Ok(draft_minutes(&ctx, &edit_of(&r), &inputs))
}

/// Replaces the minutes of draft `id` with a fresh draft from the template.
pub fn redraft_minutes(p: &mut Project, id: i64) -> RegisterResult<Review> {
    let minutes = minutes_draft(p, id)?;
    let mut e = edit_of(&get_review(p.conn(), id)?);
    e.minutes = minutes;
    save_review(p, &e)
}

/// Records an action decided at review `id` in the one action register (source management
/// review, a new action) and links it; returns the review.
pub fn add_action(p: &mut Project, id: i64, a: &Action) -> RegisterResult<Review> {
    check_editable(get_review(p.conn(), id)?.status).map_err(refused)?;
    let mut a = a.clone();
    a.id = 0;
    a.source = ActionSource::ManagementReview;
    let saved = crate::assessment::actions::save_action(p, &a)?;
    let now = p.now();
    write_in(p.conn_mut(), &now, "review_action_linked", |tx| {
        LINKS.insert(tx, id, &[saved.id])?;
        Ok::<_, RegisterError>(((), format!("{id} action {}", saved.id)))
    })?;
    get_review(p.conn(), id)
}

/// Issues the minutes of draft `id`: freezes the inputs as collected now (drafting the minutes
/// from the template when they are empty). Refused when the review was not held or has no
/// attendees.
pub fn issue(p: &mut Project, id: i64) -> RegisterResult<Review> {
    let r = get_review(p.conn(), id)?;
    check_issue(&r).map_err(refused)?;
    let inputs = serde_json::to_string(&collect_inputs(p, id)?)?;
    let minutes = if r.minutes.trim().is_empty() {
        minutes_draft(p, id)?
    } else {
        r.minutes.clone()
    };
    let now = p.now();
    write_in(p.conn_mut(), &now, "review_issued", |tx| {
        tx.execute(
            "UPDATE management_review SET status = 'issued', inputs = ?2, minutes = ?3,
                 issued_at = ?4, updated_at = ?4 WHERE id = ?1",
            params![id, inputs, minutes, now],
        )?;
        Ok::<_, RegisterError>(((), format!("{id} {}", r.title)))
    })?;
    get_review(p.conn(), id)
}

/// Takes issued minutes back to a draft (to correct them before approval).
pub fn withdraw(p: &mut Project, id: i64) -> RegisterResult<Review> {
    let r = get_review(p.conn(), id)?;
    if r.status != ReviewStatus::Issued {
        check_editable(r.status).map_err(refused)?;
        return Err(RegisterError::refused(
            "review_not_issued",
            "Only issued minutes can be withdrawn to a draft.",
        ));
    }
    let now = p.now();
    write_in(p.conn_mut(), &now, "review_withdrawn", |tx| {
        tx.execute(
            "UPDATE management_review SET status = 'draft', inputs = NULL, issued_at = NULL,
                 updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        Ok::<_, RegisterError>(((), format!("{id} {}", r.title)))
    })?;
    get_review(p.conn(), id)
}

/// Approves issued minutes by `approver`, a member of top management who attended. From then
/// on the review is a record.
pub fn approve(p: &mut Project, id: i64, approver: i64) -> RegisterResult<Review> {
    let r = get_review(p.conn(), id)?;
    check_approve(&r, approver).map_err(refused)?;
    let now = p.now();
    write_in(p.conn_mut(), &now, "review_approved", |tx| {
        known_person(tx, Some(approver))?;
        tx.execute(
            "UPDATE management_review SET status = 'approved', approved_by = ?2,
                 approved_at = ?3, updated_at = ?3 WHERE id = ?1",
            params![id, approver, now],
        )?;
        Ok::<_, RegisterError>(((), format!("{id} {} by {approver}", r.title)))
    })?;
    get_review(p.conn(), id)
}

/// Removes a draft or issued review (its actions stay in the register). Approved minutes are
/// a record and are refused (`review_approved`).
pub fn delete_review(p: &mut Project, id: i64) -> RegisterResult<()> {
    let r = get_review(p.conn(), id)?;
    if r.status == ReviewStatus::Approved {
        check_editable(r.status).map_err(refused)?;
    }
    let now = p.now();
    write_in(p.conn_mut(), &now, "review_removed", |tx| {
        tx.execute("DELETE FROM management_review WHERE id = ?1", [id])?;
        Ok::<_, RegisterError>(((), format!("{id} {}", r.title)))
    })
}
