//! `service`, `other_party` and their links (clauses 4.3, 8.2.3, 8.2.4).

use ready20k_domain::snapshot::{OtherPartyKindSnap, OtherPartySnap, ServiceSnap};
use ready20k_domain::wizard::processes::process;
use ready20k_domain::wizard::{OtherParty, Service};
use rusqlite::{Connection, params};

use super::{clean_list, found, from_json, parse_kind, required, write};
use crate::Project;
use crate::{Result, StoreError};

/// `service` rows in `order` (an `ORDER BY` list).
fn services(conn: &Connection, order: &str) -> Result<Vec<ServiceSnap>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, name, description, customers, sla_targets, locations, delivered_by_others,
                position, service_hours, criticality FROM service ORDER BY {order}"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            ServiceSnap {
                id: r.get(0)?,
                name: r.get(1)?,
                description: r.get(2)?,
                customers: Vec::new(),
                sla_targets: r.get(4)?,
                locations: Vec::new(),
                delivered_by_others: r.get(6)?,
                position: r.get(7)?,
                service_hours: r.get(8)?,
                criticality: r.get(9)?,
            },
            r.get::<_, String>(3)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (mut s, customers, locations) = row?;
        s.customers = from_json(&customers)?;
        s.locations = from_json(&locations)?;
        out.push(s);
    }
    Ok(out)
}

/// Every `service` row, in id order.
pub fn export_services(conn: &Connection) -> Result<Vec<ServiceSnap>> {
    services(conn, "id")
}

/// Inserts `service` rows with their ids.
pub fn import_services(conn: &Connection, rows: &[ServiceSnap]) -> Result<()> {
    for s in rows {
        conn.execute(
            "INSERT INTO service (id, name, description, customers, sla_targets, locations,
                 delivered_by_others, position, service_hours, criticality)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                s.id,
                s.name,
                s.description,
                serde_json::to_string(&s.customers)?,
                s.sla_targets,
                serde_json::to_string(&s.locations)?,
                s.delivered_by_others,
                s.position,
                s.service_hours,
                s.criticality
            ],
        )?;
    }
    Ok(())
}

/// The service catalogue, in the order entered.
pub fn list_services(conn: &Connection) -> Result<Vec<Service>> {
    Ok(services(conn, "position, id")?
        .iter()
        .map(Service::from)
        .collect())
}

/// Adds (id 0) or updates a service; returns its id.
pub fn save_service(p: &mut Project, s: &Service) -> Result<i64> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let name = required(&s.name, "Give the service the name used in your catalogue.")?;
    let customers = serde_json::to_string(&clean_list(&s.customers))?;
    let locations = serde_json::to_string(&clean_list(&s.locations))?;
    write(conn, now, "wizard_service_saved", |tx| {
        let id = if s.id == 0 {
            tx.execute(
                "INSERT INTO service (name, description, customers, sla_targets, locations,
                     delivered_by_others, position, service_hours, criticality)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                     (SELECT coalesce(max(position), 0) + 1 FROM service), ?7, ?8)",
                params![
                    name,
                    s.description.trim(),
                    customers,
                    s.sla_targets.trim(),
                    locations,
                    s.delivered_by_others,
                    s.service_hours.trim(),
                    s.criticality.trim()
                ],
            )?;
            tx.last_insert_rowid()
        } else {
            let n = tx.execute(
                "UPDATE service SET name = ?2, description = ?3, customers = ?4, sla_targets = ?5,
                     locations = ?6, delivered_by_others = ?7, service_hours = ?8,
                     criticality = ?9 WHERE id = ?1",
                params![
                    s.id,
                    name,
                    s.description.trim(),
                    customers,
                    s.sla_targets.trim(),
                    locations,
                    s.delivered_by_others,
                    s.service_hours.trim(),
                    s.criticality.trim()
                ],
            )?;
            found(n, "service", s.id)?;
            s.id
        };
        Ok((id, name))
    })
}

/// Removes a service (and its links to other parties).
pub fn delete_service(p: &mut Project, id: i64) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    write(conn, now, "wizard_service_removed", |tx| {
        found(
            tx.execute("DELETE FROM service WHERE id = ?1", [id])?,
            "service",
            id,
        )?;
        Ok(((), id.to_string()))
    })
}

/// `other_party` rows with their links, in `order` (an `ORDER BY` list).
fn other_parties(conn: &Connection, order: &str) -> Result<Vec<OtherPartySnap>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, name, kind, provides, position FROM other_party ORDER BY {order}"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(2)?,
            OtherPartySnap {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: OtherPartyKindSnap::Customer,
                provides: r.get(3)?,
                position: r.get(4)?,
                services: Vec::new(),
                processes: Vec::new(),
            },
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, mut o) = row?;
        o.kind = parse_kind("party kind", &kind, OtherPartyKindSnap::parse)?;
        o.services = conn
            .prepare_cached(
                "SELECT service_id FROM other_party_service WHERE other_party_id = ?1
                 ORDER BY service_id",
            )?
            .query_map([o.id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        o.processes = conn
            .prepare_cached(
                "SELECT process_id FROM other_party_process WHERE other_party_id = ?1
                 ORDER BY process_id",
            )?
            .query_map([o.id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        out.push(o);
    }
    Ok(out)
}

/// Every `other_party` row with its links, in id order.
pub fn export_other_parties(conn: &Connection) -> Result<Vec<OtherPartySnap>> {
    other_parties(conn, "id")
}

/// Inserts `other_party` rows with their ids and links.
pub fn import_other_parties(conn: &Connection, rows: &[OtherPartySnap]) -> Result<()> {
    for o in rows {
        conn.execute(
            "INSERT INTO other_party (id, name, kind, provides, position)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![o.id, o.name, o.kind.as_str(), o.provides, o.position],
        )?;
        insert_links(conn, o.id, &o.services, &o.processes)?;
    }
    Ok(())
}

/// Links other party `id` to services and processes (existing links are kept).
fn insert_links(conn: &Connection, id: i64, services: &[i64], processes: &[String]) -> Result<()> {
    for s in services {
        conn.execute(
            "INSERT OR IGNORE INTO other_party_service (other_party_id, service_id)
             VALUES (?1, ?2)",
            params![id, s],
        )?;
    }
    for p in processes {
        conn.execute(
            "INSERT OR IGNORE INTO other_party_process (other_party_id, process_id)
             VALUES (?1, ?2)",
            params![id, p],
        )?;
    }
    Ok(())
}

/// Other parties with the services they are involved in and the processes they operate.
pub fn list_other_parties(conn: &Connection) -> Result<Vec<OtherParty>> {
    Ok(other_parties(conn, "position, id")?
        .iter()
        .map(OtherParty::from)
        .collect())
}

/// Adds (id 0) or updates another party with its links; returns its id. Unknown services
/// or processes are refused (non-delegable processes are stored and reported by the scope
/// guards, so the user sees why they are wrong).
pub fn save_other_party(p: &mut Project, o: &OtherParty) -> Result<i64> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let name = required(&o.name, "Name the supplier, group company or customer.")?;
    for p in &o.processes {
        if process(p).is_none() {
            return Err(StoreError::UnknownReference(format!(
                "Unknown process {p}."
            )));
        }
    }
    write(conn, now, "wizard_other_party_saved", |tx| {
        let id = if o.id == 0 {
            tx.execute(
                "INSERT INTO other_party (name, kind, provides, position)
                 VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM other_party))",
                params![name, o.kind.as_str(), o.provides.trim()],
            )?;
            tx.last_insert_rowid()
        } else {
            let n = tx.execute(
                "UPDATE other_party SET name = ?2, kind = ?3, provides = ?4 WHERE id = ?1",
                params![o.id, name, o.kind.as_str(), o.provides.trim()],
            )?;
            found(n, "other party", o.id)?;
            o.id
        };
        tx.execute(
            "DELETE FROM other_party_service WHERE other_party_id = ?1",
            [id],
        )?;
        tx.execute(
            "DELETE FROM other_party_process WHERE other_party_id = ?1",
            [id],
        )?;
        for s in &o.services {
            let exists: bool =
                tx.query_row("SELECT count(*) > 0 FROM service WHERE id = ?1", [s], |r| {
                    r.get(0)
                })?;
            if !exists {
                return Err(StoreError::Missing {
                    what: "service",
                    id: s.to_string(),
                    hint: ".",
                });
            }
        }
        insert_links(tx, id, &o.services, &o.processes)?;
        Ok((id, name))
    })
}

/// Removes another party.
pub fn delete_other_party(p: &mut Project, id: i64) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    write(conn, now, "wizard_other_party_removed", |tx| {
        found(
            tx.execute("DELETE FROM other_party WHERE id = ?1", [id])?,
            "other party",
            id,
        )?;
        Ok(((), id.to_string()))
    })
}
