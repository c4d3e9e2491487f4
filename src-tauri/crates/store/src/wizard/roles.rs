//! `role_holder`, `role_deputy`, `sod_mitigation`: who holds which library role.

use std::collections::BTreeMap;

use ready20k_domain::content::library;
use ready20k_domain::snapshot::{MitigationSnap, RoleDeputySnap, RoleHolderSnap};
use ready20k_domain::wizard::suggest::RoleSuggestion;
use ready20k_domain::wizard::{RoleAssignment, SodMitigation};
use rusqlite::{Connection, Transaction, params};

use super::{people, write};
use crate::Project;
use crate::{Result, StoreError, rows};

/// Assignments of current people, in library role order; roles without anyone are left out.
pub fn list_assignments(conn: &Connection) -> Result<Vec<RoleAssignment>> {
    let mut map: BTreeMap<String, RoleAssignment> = BTreeMap::new();
    let pairs = |sql: &str| {
        rows::all(conn, sql, [], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })
    };
    fn entry(map: &mut BTreeMap<String, RoleAssignment>, role: String) -> &mut RoleAssignment {
        map.entry(role.clone()).or_insert_with(|| RoleAssignment {
            role_id: role,
            holders: vec![],
            deputy: None,
        })
    }
    for (role, person) in pairs(
        "SELECT h.role_id, h.person_id FROM role_holder h JOIN person p ON p.id = h.person_id
         WHERE p.deleted_at IS NULL ORDER BY h.role_id, h.position, h.person_id",
    )? {
        entry(&mut map, role).holders.push(person);
    }
    for (role, person) in pairs(
        "SELECT d.role_id, d.person_id FROM role_deputy d JOIN person p ON p.id = d.person_id
         WHERE p.deleted_at IS NULL",
    )? {
        entry(&mut map, role).deputy = Some(person);
    }
    let order = |id: &str| {
        library()
            .roles
            .iter()
            .position(|r| r.id == id)
            .unwrap_or(usize::MAX)
    };
    let mut out: Vec<RoleAssignment> = map.into_values().collect();
    out.sort_by_key(|a| order(&a.role_id));
    Ok(out)
}

fn set(tx: &Transaction<'_>, a: &RoleAssignment) -> Result<()> {
    if library().role(&a.role_id).is_none() {
        return Err(StoreError::UnknownReference(format!(
            "There is no role {}.",
            a.role_id
        )));
    }
    let current = |id: i64| -> Result<bool> {
        Ok(tx.query_row(
            "SELECT count(*) > 0 FROM person WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )?)
    };
    for id in a.holders.iter().chain(a.deputy.iter()) {
        if !current(*id)? {
            return Err(StoreError::UnknownReference(format!(
                "Person {id} is not in the people list; reload the wizard."
            )));
        }
    }
    if a.deputy.is_some_and(|d| a.holders.contains(&d)) {
        return Err(StoreError::NotAllowed(
            "The deputy cannot also hold the role; choose someone else as deputy.".into(),
        ));
    }
    // Only current people's rows are replaced; a removed person's rows wait for an undo.
    tx.execute(
        "DELETE FROM role_holder WHERE role_id = ?1
         AND person_id IN (SELECT id FROM person WHERE deleted_at IS NULL)",
        [&a.role_id],
    )?;
    for (i, id) in a.holders.iter().enumerate() {
        insert_holder(tx, &a.role_id, *id, i as i64)?;
    }
    tx.execute("DELETE FROM role_deputy WHERE role_id = ?1", [&a.role_id])?;
    if let Some(d) = a.deputy {
        insert_deputy(tx, &a.role_id, d)?;
    }
    Ok(())
}

/// Sets the holders and deputy of one role (empty holders and no deputy clears it).
pub fn update_assignment(p: &mut Project, a: &RoleAssignment) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    write(conn, now, "wizard_role_assigned", |tx| {
        set(tx, a)?;
        Ok(((), format!("{} -> {:?}", a.role_id, a.holders)))
    })
}

/// Every `role_holder` row, removed people's included, by role and person.
pub fn export_holders(conn: &Connection) -> Result<Vec<RoleHolderSnap>> {
    let sql = "SELECT role_id, person_id, position FROM role_holder ORDER BY role_id, person_id";
    rows::all(conn, sql, [], |r| {
        Ok(RoleHolderSnap {
            role_id: r.get(0)?,
            person_id: r.get(1)?,
            position: r.get(2)?,
        })
    })
}

/// Every `role_deputy` row, by role.
pub fn export_deputies(conn: &Connection) -> Result<Vec<RoleDeputySnap>> {
    let sql = "SELECT role_id, person_id FROM role_deputy ORDER BY role_id";
    rows::all(conn, sql, [], |r| {
        Ok(RoleDeputySnap {
            role_id: r.get(0)?,
            person_id: r.get(1)?,
        })
    })
}

/// Inserts `role_holder` and `role_deputy` rows as given.
pub fn import_roles(
    conn: &Connection,
    holders: &[RoleHolderSnap],
    deputies: &[RoleDeputySnap],
) -> Result<()> {
    for h in holders {
        insert_holder(conn, &h.role_id, h.person_id, h.position)?;
    }
    for d in deputies {
        insert_deputy(conn, &d.role_id, d.person_id)?;
    }
    Ok(())
}

fn insert_holder(conn: &Connection, role: &str, person: i64, position: i64) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO role_holder (role_id, person_id, position) VALUES (?1, ?2, ?3)",
        params![role, person, position],
    )?;
    Ok(())
}

fn insert_deputy(conn: &Connection, role: &str, person: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO role_deputy (role_id, person_id) VALUES (?1, ?2)",
        params![role, person],
    )?;
    Ok(())
}

/// `sod_mitigation` rows of people matching `filter` (a SQL condition on `p`), by rule and
/// person.
fn mitigations(conn: &Connection, filter: &str) -> Result<Vec<MitigationSnap>> {
    let sql = format!(
        "SELECT m.rule_id, m.person_id, m.text, m.recorded_at FROM sod_mitigation m
         JOIN person p ON p.id = m.person_id WHERE {filter}
         ORDER BY m.rule_id, m.person_id"
    );
    rows::all(conn, &sql, [], |r| {
        Ok(MitigationSnap {
            rule_id: r.get(0)?,
            person_id: r.get(1)?,
            text: r.get(2)?,
            recorded_at: r.get(3)?,
        })
    })
}

/// Every `sod_mitigation` row, removed people's included.
pub fn export_mitigations(conn: &Connection) -> Result<Vec<MitigationSnap>> {
    mitigations(conn, "1")
}

/// Writes `sod_mitigation` rows as given (a row for the same rule and person is replaced).
pub fn import_mitigations(conn: &Connection, rows: &[MitigationSnap]) -> Result<()> {
    for m in rows {
        conn.execute(
            "INSERT INTO sod_mitigation (rule_id, person_id, text, recorded_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(rule_id, person_id) DO UPDATE SET text = ?3, recorded_at = ?4",
            params![m.rule_id, m.person_id, m.text, m.recorded_at],
        )?;
    }
    Ok(())
}

/// Recorded mitigations of current people.
pub fn list_mitigations(conn: &Connection) -> Result<Vec<SodMitigation>> {
    Ok(mitigations(conn, "p.deleted_at IS NULL")?
        .iter()
        .map(SodMitigation::from)
        .collect())
}

fn put_mitigation(tx: &Transaction<'_>, now: &str, m: &SodMitigation) -> Result<()> {
    let rule = library()
        .sod_rule(&m.rule_id)
        .ok_or_else(|| StoreError::UnknownReference(format!("There is no rule {}.", m.rule_id)))?;
    if !rule.mitigation_allowed {
        return Err(StoreError::NotAllowed(format!(
            "{} cannot be mitigated: give one of the two roles to someone else.",
            rule.id
        )));
    }
    let text = m.text.trim();
    if text.is_empty() {
        return Err(StoreError::Required(
            "Describe the compensating arrangement, e.g. who reviews or approves instead.".into(),
        ));
    }
    import_mitigations(
        tx,
        &[MitigationSnap {
            rule_id: m.rule_id.clone(),
            person_id: m.person_id,
            text: text.to_owned(),
            recorded_at: now.to_owned(),
        }],
    )
}

/// Records (or replaces) the mitigation for one person's conflict under one rule. Refused
/// when the rule allows no mitigation or the text is empty.
pub fn upsert_mitigation(p: &mut Project, m: &SodMitigation) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    write(conn, now, "wizard_sod_mitigated", |tx| {
        put_mitigation(tx, now, m)?;
        Ok(((), format!("{} person {}", m.rule_id, m.person_id)))
    })
}

/// Removes a recorded mitigation.
pub fn delete_mitigation(p: &mut Project, rule_id: &str, person: i64) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    write(conn, now, "wizard_sod_mitigation_removed", |tx| {
        tx.execute(
            "DELETE FROM sod_mitigation WHERE rule_id = ?1 AND person_id = ?2",
            params![rule_id, person],
        )?;
        Ok(((), format!("{rule_id} person {person}")))
    })
}

/// Applies a suggestion in one transaction: creates its new people, replaces every role
/// assignment of current people and records its mitigations.
pub fn apply_suggestion(p: &mut Project, s: &RoleSuggestion) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    write(conn, now, "wizard_roles_suggested", |tx| {
        let mut ids: BTreeMap<i64, i64> = BTreeMap::new();
        for p in &s.new_people {
            ids.insert(p.id, people::insert_row(tx, &people::new_row(p, now))?);
        }
        let map = |id: i64| ids.get(&id).copied().unwrap_or(id);
        tx.execute(
            "DELETE FROM role_holder WHERE person_id IN (SELECT id FROM person WHERE deleted_at IS NULL)",
            [],
        )?;
        tx.execute("DELETE FROM role_deputy", [])?;
        for a in &s.assignments {
            let a = RoleAssignment {
                role_id: a.role_id.clone(),
                holders: a.holders.iter().map(|id| map(*id)).collect(),
                deputy: a.deputy.map(map),
            };
            set(tx, &a)?;
        }
        for m in &s.mitigations {
            let m = SodMitigation {
                person_id: map(m.person_id),
                ..m.clone()
            };
            put_mitigation(tx, now, &m)?;
        }
        Ok(((), format!("{} roles", s.assignments.len())))
    })
}
