//! `service`, `other_party` and their links (clauses 4.3, 8.2.3, 8.2.4).

use ready20k_domain::snapshot::{OtherPartyKindSnap, OtherPartySnap, ServiceSnap};
use ready20k_domain::wizard::processes::process;
use ready20k_domain::wizard::{OtherParty, Service};
use rusqlite::types::FromSql;
use rusqlite::{Connection, ToSql, params};

use super::{List, clean_list, delete_row, from_json, parse_kind, required, save_row};
use crate::{Project, Result, StoreError, rows};

/// The service catalogue's table.
const SERVICE: List = List {
    table: "service",
    what: "service",
};

/// The other parties' table.
const OTHER_PARTY: List = List {
    table: "other_party",
    what: "other party",
};

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
    let name = required(&s.name, "Give the service the name used in your catalogue.")?;
    let customers = serde_json::to_string(&clean_list(&s.customers))?;
    let locations = serde_json::to_string(&clean_list(&s.locations))?;
    let columns: &[(&str, &dyn ToSql)] = &[
        ("name", &name),
        ("description", &s.description.trim()),
        ("customers", &customers),
        ("sla_targets", &s.sla_targets.trim()),
        ("locations", &locations),
        ("delivered_by_others", &s.delivered_by_others),
        ("service_hours", &s.service_hours.trim()),
        ("criticality", &s.criticality.trim()),
    ];
    save_row(
        p,
        "wizard_service_saved",
        SERVICE,
        s.id,
        &name,
        columns,
        |_, _| Ok(()),
    )
}

/// Removes a service (and its links to other parties).
pub fn delete_service(p: &mut Project, id: i64) -> Result<()> {
    delete_row(p, "wizard_service_removed", SERVICE, id)
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
        o.services = SERVICE_LINKS.read(conn, o.id)?;
        o.processes = PROCESS_LINKS.read(conn, o.id)?;
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

/// A link table of `other_party`: `(other_party_id, <column>)`.
struct Links {
    table: &'static str,
    column: &'static str,
}

/// The services another party is involved in.
const SERVICE_LINKS: Links = Links {
    table: "other_party_service",
    column: "service_id",
};

/// The processes another party operates.
const PROCESS_LINKS: Links = Links {
    table: "other_party_process",
    column: "process_id",
};

impl Links {
    /// The rows other party `id` is linked to, in their order.
    fn read<T: FromSql>(&self, conn: &Connection, id: i64) -> Result<Vec<T>> {
        let Self { table, column } = self;
        let sql =
            format!("SELECT {column} FROM {table} WHERE other_party_id = ?1 ORDER BY {column}");
        rows::all(conn, &sql, [id], |r| r.get(0))
    }

    /// Links other party `id` to `linked` (existing links are kept).
    fn insert<T: ToSql>(&self, conn: &Connection, id: i64, linked: &[T]) -> Result<()> {
        let Self { table, column } = self;
        let sql =
            format!("INSERT OR IGNORE INTO {table} (other_party_id, {column}) VALUES (?1, ?2)");
        for row in linked {
            conn.execute(&sql, params![id, row])?;
        }
        Ok(())
    }

    /// Removes every link of other party `id`.
    fn clear(&self, conn: &Connection, id: i64) -> Result<()> {
        let Self { table, .. } = self;
        conn.execute(
            &format!("DELETE FROM {table} WHERE other_party_id = ?1"),
            [id],
        )?;
        Ok(())
    }
}

/// Links other party `id` to services and processes (existing links are kept).
fn insert_links(conn: &Connection, id: i64, services: &[i64], processes: &[String]) -> Result<()> {
    SERVICE_LINKS.insert(conn, id, services)?;
    PROCESS_LINKS.insert(conn, id, processes)
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
    let name = required(&o.name, "Name the supplier, group company or customer.")?;
    for p in &o.processes {
        if process(p).is_none() {
            return Err(StoreError::UnknownReference(format!(
                "Unknown process {p}."
            )));
        }
    }
    let provides = o.provides.trim();
    let columns: &[(&str, &dyn ToSql)] = &[
        ("name", &name),
        ("kind", &o.kind.as_str()),
        ("provides", &provides),
    ];
    save_row(
        p,
        "wizard_other_party_saved",
        OTHER_PARTY,
        o.id,
        &name,
        columns,
        |tx, id| {
            SERVICE_LINKS.clear(tx, id)?;
            PROCESS_LINKS.clear(tx, id)?;
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
            insert_links(tx, id, &o.services, &o.processes)
        },
    )
}

/// Removes another party.
pub fn delete_other_party(p: &mut Project, id: i64) -> Result<()> {
    delete_row(p, "wizard_other_party_removed", OTHER_PARTY, id)
}
