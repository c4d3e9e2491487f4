//! The risk register's rows in the project snapshot: `export_*` reads them in key order,
//! `import_*` writes them back with their ids (into a fresh, migrated file).

use ready20k_domain::snapshot::{LinkSnap, RiskCriteriaSnap, RiskSnap};
use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;
use crate::table_row::{self, LinkTable, table_row};

/// The link table of risks and their treatment actions.
const RISK_ACTIONS: LinkTable = LinkTable {
    table: "risk_action",
    owner: "risk_id",
};

table_row!(
    RiskSnap,
    "risk",
    "id",
    [
        id,
        kind,
        title,
        description,
        source_kind,
        source_id,
        suggestion_key,
        owner_id,
        inherent_l,
        inherent_i,
        residual_l,
        residual_i,
        treatment,
        treatment_note,
        review_on,
        status,
        infosec,
        created_at,
        updated_at
    ]
);

/// Reads the `risk_criteria` row, if saved.
pub fn export_criteria(conn: &Connection) -> Result<Option<RiskCriteriaSnap>> {
    let row: Option<(String, String, i64, String)> = conn
        .query_row(
            "SELECT likelihood, impact, acceptance, updated_at FROM risk_criteria WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    row.map(|(l, i, acceptance, updated_at)| {
        Ok(RiskCriteriaSnap {
            likelihood: serde_json::from_str(&l)?,
            impact: serde_json::from_str(&i)?,
            acceptance,
            updated_at,
        })
    })
    .transpose()
}

/// Reads every `risk` row.
pub fn export_risks(conn: &Connection) -> Result<Vec<RiskSnap>> {
    table_row::export(conn)
}

/// Reads every `risk_action` link.
pub fn export_risk_actions(conn: &Connection) -> Result<Vec<LinkSnap>> {
    RISK_ACTIONS.export(conn)
}

/// Writes the criteria, the risks and their action links (people and actions in place).
pub fn import_risks(
    conn: &Connection,
    criteria: Option<&RiskCriteriaSnap>,
    risks: &[RiskSnap],
    links: &[LinkSnap],
) -> Result<()> {
    if let Some(c) = criteria {
        conn.execute(
            "INSERT INTO risk_criteria (id, likelihood, impact, acceptance, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4)",
            params![
                serde_json::to_string(&c.likelihood)?,
                serde_json::to_string(&c.impact)?,
                c.acceptance,
                c.updated_at
            ],
        )?;
    }
    table_row::import(conn, risks)?;
    RISK_ACTIONS.import(conn, links)
}
