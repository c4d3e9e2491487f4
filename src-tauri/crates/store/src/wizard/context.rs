//! `context_issue` and `interested_party` (clauses 4.1 and 4.2).

use ready20k_domain::snapshot::{InterestedPartySnap, IssueKindSnap, IssueSnap};
use ready20k_domain::wizard::{ContextItem, InterestedParty, IssueKind};
use rusqlite::{Connection, params};

use super::{found, parse_kind, required, write};
use crate::Project;
use crate::{Result, rows};

/// `context_issue` rows in `order` (an `ORDER BY` list).
fn issues(conn: &Connection, order: &str) -> Result<Vec<IssueSnap>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, kind, text, position FROM context_issue ORDER BY {order}"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(1)?,
            IssueSnap {
                id: r.get(0)?,
                kind: IssueKindSnap::Internal,
                text: r.get(2)?,
                position: r.get(3)?,
            },
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, mut issue) = row?;
        issue.kind = parse_kind("issue kind", &kind, IssueKindSnap::parse)?;
        out.push(issue);
    }
    Ok(out)
}

/// Every `context_issue` row, in id order.
pub fn export_issues(conn: &Connection) -> Result<Vec<IssueSnap>> {
    issues(conn, "id")
}

/// Inserts `context_issue` rows with their ids.
pub fn import_issues(conn: &Connection, rows: &[IssueSnap]) -> Result<()> {
    for i in rows {
        conn.execute(
            "INSERT INTO context_issue (id, kind, text, position) VALUES (?1, ?2, ?3, ?4)",
            params![i.id, i.kind.as_str(), i.text, i.position],
        )?;
    }
    Ok(())
}

/// Issues, in the order they were added.
pub fn list_issues(conn: &Connection) -> Result<Vec<ContextItem>> {
    Ok(issues(conn, "position, id")?
        .iter()
        .map(ContextItem::from)
        .collect())
}

/// Adds an issue; returns its id.
pub fn insert_issue(p: &mut Project, kind: IssueKind, text: &str) -> Result<i64> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let text = required(text, "Type the issue, or pick one of the suggestions.")?;
    write(conn, now, "wizard_issue_added", |tx| {
        tx.execute(
            "INSERT INTO context_issue (kind, text, position)
             VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM context_issue))",
            params![kind.as_str(), text],
        )?;
        Ok((tx.last_insert_rowid(), text.clone()))
    })
}

/// Changes an issue's text or kind.
pub fn update_issue(p: &mut Project, item: &ContextItem) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let text = required(&item.text, "An issue cannot be empty; remove it instead.")?;
    write(conn, now, "wizard_issue_changed", |tx| {
        let n = tx.execute(
            "UPDATE context_issue SET kind = ?2, text = ?3 WHERE id = ?1",
            params![item.id, item.kind.as_str(), text],
        )?;
        found(n, "issue", item.id)?;
        Ok(((), text))
    })
}

/// Removes an issue.
pub fn delete_issue(p: &mut Project, id: i64) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    write(conn, now, "wizard_issue_removed", |tx| {
        found(
            tx.execute("DELETE FROM context_issue WHERE id = ?1", [id])?,
            "issue",
            id,
        )?;
        Ok(((), id.to_string()))
    })
}

/// `interested_party` rows in `order` (an `ORDER BY` list).
fn parties(conn: &Connection, order: &str) -> Result<Vec<InterestedPartySnap>> {
    let sql =
        format!("SELECT id, name, requirements, position FROM interested_party ORDER BY {order}");
    rows::all(conn, &sql, [], |r| {
        Ok(InterestedPartySnap {
            id: r.get(0)?,
            name: r.get(1)?,
            requirements: r.get(2)?,
            position: r.get(3)?,
        })
    })
}

/// Every `interested_party` row, in id order.
pub fn export_parties(conn: &Connection) -> Result<Vec<InterestedPartySnap>> {
    parties(conn, "id")
}

/// Inserts `interested_party` rows with their ids.
pub fn import_parties(conn: &Connection, rows: &[InterestedPartySnap]) -> Result<()> {
    for p in rows {
        conn.execute(
            "INSERT INTO interested_party (id, name, requirements, position)
             VALUES (?1, ?2, ?3, ?4)",
            params![p.id, p.name, p.requirements, p.position],
        )?;
    }
    Ok(())
}

/// Interested parties, in the order they were added.
pub fn list_parties(conn: &Connection) -> Result<Vec<InterestedParty>> {
    Ok(parties(conn, "position, id")?
        .iter()
        .map(InterestedParty::from)
        .collect())
}

/// Adds (id 0) or updates an interested party; returns its id.
pub fn save_party(project: &mut Project, p: &InterestedParty) -> Result<i64> {
    let now: &str = &project.now();
    let conn = project.conn_mut();
    let name = required(&p.name, "Name the interested party, e.g. \"Customers\".")?;
    let req = p.requirements.trim().to_owned();
    write(conn, now, "wizard_party_saved", |tx| {
        let id = if p.id == 0 {
            tx.execute(
                "INSERT INTO interested_party (name, requirements, position)
                 VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM interested_party))",
                params![name, req],
            )?;
            tx.last_insert_rowid()
        } else {
            let n = tx.execute(
                "UPDATE interested_party SET name = ?2, requirements = ?3 WHERE id = ?1",
                params![p.id, name, req],
            )?;
            found(n, "interested party", p.id)?;
            p.id
        };
        Ok((id, name))
    })
}

/// Removes an interested party.
pub fn delete_party(p: &mut Project, id: i64) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    write(conn, now, "wizard_party_removed", |tx| {
        let n = tx.execute("DELETE FROM interested_party WHERE id = ?1", [id])?;
        found(n, "interested party", id)?;
        Ok(((), id.to_string()))
    })
}
