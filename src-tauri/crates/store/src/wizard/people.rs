//! `person`: staff and external people. Removing a person is a soft delete so it can be
//! undone with their role assignments intact.

use ready20k_domain::snapshot::PersonSnap;
use ready20k_domain::wizard::Person;
use ready20k_domain::wizard::csv::person_errors;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{found, write};
use crate::Project;
use crate::{Result, StoreError, rows};

const COLUMNS: &str = "id, name, email, job_title, external, created_at, deleted_at";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PersonSnap> {
    Ok(PersonSnap {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        job_title: r.get(3)?,
        external: r.get(4)?,
        created_at: r.get(5)?,
        deleted_at: r.get(6)?,
    })
}

/// `person` rows matching `filter` (a SQL condition), in id order.
fn rows(conn: &Connection, filter: &str) -> Result<Vec<PersonSnap>> {
    rows::all(
        conn,
        &format!("SELECT {COLUMNS} FROM person WHERE {filter} ORDER BY id"),
        [],
        row,
    )
}

/// Every `person` row, removed people included, in id order.
pub fn export_people(conn: &Connection) -> Result<Vec<PersonSnap>> {
    rows(conn, "1")
}

/// Inserts one `person` row; id 0 lets SQLite choose the id. Returns the id.
pub(crate) fn insert_row(conn: &Connection, p: &PersonSnap) -> Result<i64> {
    conn.execute(
        "INSERT INTO person (id, name, email, job_title, external, created_at, deleted_at)
         VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            p.id,
            p.name,
            p.email,
            p.job_title,
            p.external,
            p.created_at,
            p.deleted_at
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Inserts `person` rows with their ids.
pub fn import_people(conn: &Connection, people: &[PersonSnap]) -> Result<()> {
    for p in people {
        insert_row(conn, p)?;
    }
    Ok(())
}

/// A new person's row: trimmed, added `now`.
pub(crate) fn new_row(p: &Person, now: &str) -> PersonSnap {
    PersonSnap {
        id: 0,
        name: p.name.trim().to_owned(),
        email: p.email.trim().to_owned(),
        job_title: p.job_title.trim().to_owned(),
        external: p.external,
        created_at: now.to_owned(),
        deleted_at: None,
    }
}

/// Current people (not removed), in the order added.
pub fn list_people(conn: &Connection) -> Result<Vec<Person>> {
    Ok(rows(conn, "deleted_at IS NULL")?
        .iter()
        .map(Person::from)
        .collect())
}

/// One person, current or removed.
pub fn get_person(conn: &Connection, id: i64) -> Result<Person> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM person WHERE id = ?1"),
        [id],
        row,
    )
    .map(|p| Person::from(&p))
    .map_err(|e| match e {
        rusqlite::Error::QueryReturnedNoRows => StoreError::Missing {
            what: "person",
            id: id.to_string(),
            hint: "; reload the wizard.",
        },
        e => e.into(),
    })
}

fn check(tx: &Transaction<'_>, p: &Person) -> Result<()> {
    if let Some(e) = person_errors(p).into_iter().next() {
        return Err(StoreError::InvalidPerson(e));
    }
    let email = p.email.trim();
    if !email.is_empty() {
        let clash: Option<String> = tx
            .query_row(
                "SELECT name FROM person WHERE deleted_at IS NULL AND lower(email) = lower(?1)
                 AND id <> ?2",
                params![email, p.id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = clash {
            return Err(StoreError::EmailTaken {
                email: email.to_owned(),
                other,
            });
        }
    }
    Ok(())
}

fn insert(tx: &Transaction<'_>, now: &str, p: &Person) -> Result<i64> {
    check(tx, p)?;
    insert_row(tx, &new_row(p, now))
}

/// Adds (id 0) or updates a person; returns the id. Renaming a person changes every place
/// that shows a role holder, because assignments refer to the person, not the name.
pub fn save_person(project: &mut Project, p: &Person) -> Result<i64> {
    let now: &str = &project.now();
    let conn = project.conn_mut();
    write(conn, now, "wizard_person_saved", |tx| {
        let id = if p.id == 0 {
            insert(tx, now, p)?
        } else {
            check(tx, p)?;
            let n = tx.execute(
                "UPDATE person SET name = ?2, email = ?3, job_title = ?4, external = ?5
                 WHERE id = ?1 AND deleted_at IS NULL",
                params![
                    p.id,
                    p.name.trim(),
                    p.email.trim(),
                    p.job_title.trim(),
                    p.external
                ],
            )?;
            found(n, "person", p.id)?;
            p.id
        };
        Ok((id, p.name.trim().to_owned()))
    })
}

/// Adds several people at once (CSV import); all or nothing. Returns their ids.
pub fn insert_people(p: &mut Project, people: &[Person]) -> Result<Vec<i64>> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    write(conn, now, "wizard_people_imported", |tx| {
        let mut ids = Vec::with_capacity(people.len());
        for p in people {
            ids.push(insert(tx, now, p).map_err(|e| match e {
                StoreError::Sqlite(_) | StoreError::Io(_) | StoreError::Json(_) => e,
                e => StoreError::Item {
                    label: p.name.trim().to_owned(),
                    source: Box::new(e),
                },
            })?);
        }
        Ok((ids, format!("{} people", people.len())))
    })
}

/// Removes a person (soft delete) and returns them, so the UI can offer undo. Their role
/// assignments stay in the file but count only if the person is restored.
pub fn delete_person(p: &mut Project, id: i64) -> Result<Person> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let person = get_person(conn, id)?;
    write(conn, now, "wizard_person_removed", |tx| {
        let n = tx.execute(
            "UPDATE person SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, now],
        )?;
        found(n, "person", id)?;
        Ok(((), person.name.clone()))
    })?;
    Ok(person)
}

/// Undoes [`delete_person`]: the person and their assignments come back.
pub fn restore_person(p: &mut Project, id: i64) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    write(conn, now, "wizard_person_restored", |tx| {
        let p = Person::from(&tx.query_row(
            &format!("SELECT {COLUMNS} FROM person WHERE id = ?1"),
            [id],
            row,
        )?);
        check(tx, &p)?;
        let n = tx.execute(
            "UPDATE person SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
            [id],
        )?;
        found(n, "removed person", id)?;
        Ok(((), p.name))
    })
}
