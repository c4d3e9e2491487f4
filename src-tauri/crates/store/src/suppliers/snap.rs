//! The supplier register's rows in the project snapshot: `export_*` reads them in key order,
//! `import_*` writes them back with their ids (into a fresh, migrated file).

use ready20k_domain::snapshot::{
    LinkSnap, RegistersSnap, SupplierAgreementSnap, SupplierDisputeSnap, SupplierNoneSnap,
    SupplierReviewSnap,
};
use rusqlite::{Connection, params};

use crate::Result;
use crate::rows;

/// Every supplier table, as exported.
#[derive(Debug, Default)]
pub struct SupplierRows {
    /// `supplier_agreement` rows.
    pub agreements: Vec<SupplierAgreementSnap>,
    /// `supplier_review` rows.
    pub reviews: Vec<SupplierReviewSnap>,
    /// `supplier_review_action` links.
    pub review_actions: Vec<LinkSnap>,
    /// `supplier_dispute` rows.
    pub disputes: Vec<SupplierDisputeSnap>,
    /// `supplier_none` rows.
    pub nones: Vec<SupplierNoneSnap>,
}

/// Reads every supplier table.
pub fn export_suppliers(conn: &Connection) -> Result<SupplierRows> {
    let agreements = rows::all(
        conn,
        "SELECT id, party_id, contract_ref, start_on, end_on, notice_on, service_levels,
                contacts, review_months, notes, updated_at
         FROM supplier_agreement ORDER BY id",
        [],
        |r| {
            Ok(SupplierAgreementSnap {
                id: r.get(0)?,
                party_id: r.get(1)?,
                contract_ref: r.get(2)?,
                start_on: r.get(3)?,
                end_on: r.get(4)?,
                notice_on: r.get(5)?,
                service_levels: r.get(6)?,
                contacts: r.get(7)?,
                review_months: r.get(8)?,
                notes: r.get(9)?,
                updated_at: r.get(10)?,
            })
        },
    )?;
    let reviews = rows::all(
        conn,
        "SELECT id, party_id, reviewed_on, rating, issues, reviewer_id, created_at
         FROM supplier_review ORDER BY id",
        [],
        |r| {
            Ok(SupplierReviewSnap {
                id: r.get(0)?,
                party_id: r.get(1)?,
                reviewed_on: r.get(2)?,
                rating: r.get(3)?,
                issues: r.get(4)?,
                reviewer_id: r.get(5)?,
                created_at: r.get(6)?,
            })
        },
    )?;
    let review_actions = rows::all(
        conn,
        "SELECT review_id, action_id FROM supplier_review_action ORDER BY review_id, action_id",
        [],
        |r| {
            Ok(LinkSnap {
                id: r.get(0)?,
                action_id: r.get(1)?,
            })
        },
    )?;
    let disputes = rows::all(
        conn,
        "SELECT id, party_id, opened_on, description, status, resolved_on, resolution, updated_at
         FROM supplier_dispute ORDER BY id",
        [],
        |r| {
            Ok(SupplierDisputeSnap {
                id: r.get(0)?,
                party_id: r.get(1)?,
                opened_on: r.get(2)?,
                description: r.get(3)?,
                status: r.get(4)?,
                resolved_on: r.get(5)?,
                resolution: r.get(6)?,
                updated_at: r.get(7)?,
            })
        },
    )?;
    let nones = rows::all(
        conn,
        "SELECT kind, note, recorded_at FROM supplier_none ORDER BY kind",
        [],
        |r| {
            Ok(SupplierNoneSnap {
                kind: r.get(0)?,
                note: r.get(1)?,
                recorded_at: r.get(2)?,
            })
        },
    )?;
    Ok(SupplierRows {
        agreements,
        reviews,
        review_actions,
        disputes,
        nones,
    })
}

/// Writes every supplier table of `s` (other parties, people and actions in place).
pub fn import_suppliers(conn: &Connection, s: &RegistersSnap) -> Result<()> {
    for a in &s.supplier_agreements {
        conn.execute(
            "INSERT INTO supplier_agreement (id, party_id, contract_ref, start_on, end_on,
                 notice_on, service_levels, contacts, review_months, notes, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                a.id,
                a.party_id,
                a.contract_ref,
                a.start_on,
                a.end_on,
                a.notice_on,
                a.service_levels,
                a.contacts,
                a.review_months,
                a.notes,
                a.updated_at
            ],
        )?;
    }
    for r in &s.supplier_reviews {
        conn.execute(
            "INSERT INTO supplier_review (id, party_id, reviewed_on, rating, issues, reviewer_id,
                 created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                r.id,
                r.party_id,
                r.reviewed_on,
                r.rating,
                r.issues,
                r.reviewer_id,
                r.created_at
            ],
        )?;
    }
    for l in &s.supplier_review_actions {
        conn.execute(
            "INSERT INTO supplier_review_action (review_id, action_id) VALUES (?1, ?2)",
            params![l.id, l.action_id],
        )?;
    }
    for d in &s.supplier_disputes {
        conn.execute(
            "INSERT INTO supplier_dispute (id, party_id, opened_on, description, status,
                 resolved_on, resolution, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                d.id,
                d.party_id,
                d.opened_on,
                d.description,
                d.status,
                d.resolved_on,
                d.resolution,
                d.updated_at
            ],
        )?;
    }
    for n in &s.supplier_nones {
        conn.execute(
            "INSERT INTO supplier_none (kind, note, recorded_at) VALUES (?1, ?2, ?3)",
            params![n.kind, n.note, n.recorded_at],
        )?;
    }
    Ok(())
}
