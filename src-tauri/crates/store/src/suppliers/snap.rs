//! The supplier register's rows in the project snapshot: `export_*` reads them in key order,
//! `import_*` writes them back with their ids (into a fresh, migrated file).

use ready20k_domain::snapshot::{
    LinkSnap, RegistersSnap, SupplierAgreementSnap, SupplierDisputeSnap, SupplierNoneSnap,
    SupplierReviewSnap,
};
use rusqlite::Connection;

use crate::Result;
use crate::table_row::{self, LinkTable, table_row};

table_row!(
    SupplierAgreementSnap,
    "supplier_agreement",
    "id",
    [
        id,
        party_id,
        contract_ref,
        start_on,
        end_on,
        notice_on,
        service_levels,
        contacts,
        review_months,
        notes,
        updated_at
    ]
);
table_row!(
    SupplierReviewSnap,
    "supplier_review",
    "id",
    [
        id,
        party_id,
        reviewed_on,
        rating,
        issues,
        reviewer_id,
        created_at
    ]
);
table_row!(
    SupplierDisputeSnap,
    "supplier_dispute",
    "id",
    [
        id,
        party_id,
        opened_on,
        description,
        status,
        resolved_on,
        resolution,
        updated_at
    ]
);
table_row!(
    SupplierNoneSnap,
    "supplier_none",
    "kind",
    [kind, note, recorded_at]
);

/// The link table of supplier reviews and the actions they raised, and its owner column.
const REVIEW_ACTIONS: LinkTable = LinkTable {
    table: "supplier_review_action",
    owner: "review_id",
};

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
    Ok(SupplierRows {
        agreements: table_row::export(conn)?,
        reviews: table_row::export(conn)?,
        review_actions: REVIEW_ACTIONS.export(conn)?,
        disputes: table_row::export(conn)?,
        nones: table_row::export(conn)?,
    })
}

/// Writes every supplier table of `s` (other parties, people and actions in place).
pub fn import_suppliers(conn: &Connection, s: &RegistersSnap) -> Result<()> {
    table_row::import(conn, &s.supplier_agreements)?;
    table_row::import(conn, &s.supplier_reviews)?;
    REVIEW_ACTIONS.import(conn, &s.supplier_review_actions)?;
    table_row::import(conn, &s.supplier_disputes)?;
    table_row::import(conn, &s.supplier_nones)
}
