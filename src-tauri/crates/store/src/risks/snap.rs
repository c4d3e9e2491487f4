//! The risk register's rows in the project snapshot: `export_*` reads them in key order,
//! `import_*` writes them back with their ids (into a fresh, migrated file).

use ready20k_domain::snapshot::{LinkSnap, RiskCriteriaSnap, RiskSnap};
use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;
use crate::rows;

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
    rows::all(
        conn,
        "SELECT id, kind, title, description, source_kind, source_id, suggestion_key, owner_id,
                inherent_l, inherent_i, residual_l, residual_i, treatment, treatment_note,
                review_on, status, infosec, created_at, updated_at
         FROM risk ORDER BY id",
        [],
        |r| {
            Ok(RiskSnap {
                id: r.get(0)?,
                kind: r.get(1)?,
                title: r.get(2)?,
                description: r.get(3)?,
                source_kind: r.get(4)?,
                source_id: r.get(5)?,
                suggestion_key: r.get(6)?,
                owner_id: r.get(7)?,
                inherent_l: r.get(8)?,
                inherent_i: r.get(9)?,
                residual_l: r.get(10)?,
                residual_i: r.get(11)?,
                treatment: r.get(12)?,
                treatment_note: r.get(13)?,
                review_on: r.get(14)?,
                status: r.get(15)?,
                infosec: r.get(16)?,
                created_at: r.get(17)?,
                updated_at: r.get(18)?,
            })
        },
    )
}

/// Reads every `risk_action` link.
pub fn export_risk_actions(conn: &Connection) -> Result<Vec<LinkSnap>> {
    rows::all(
        conn,
        "SELECT risk_id, action_id FROM risk_action ORDER BY risk_id, action_id",
        [],
        |r| {
            Ok(LinkSnap {
                id: r.get(0)?,
                action_id: r.get(1)?,
            })
        },
    )
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
    for r in risks {
        conn.execute(
            "INSERT INTO risk (id, kind, title, description, source_kind, source_id,
                 suggestion_key, owner_id, inherent_l, inherent_i, residual_l, residual_i,
                 treatment, treatment_note, review_on, status, infosec, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 ?17, ?18, ?19)",
            params![
                r.id,
                r.kind,
                r.title,
                r.description,
                r.source_kind,
                r.source_id,
                r.suggestion_key,
                r.owner_id,
                r.inherent_l,
                r.inherent_i,
                r.residual_l,
                r.residual_i,
                r.treatment,
                r.treatment_note,
                r.review_on,
                r.status,
                r.infosec,
                r.created_at,
                r.updated_at
            ],
        )?;
    }
    for l in links {
        conn.execute(
            "INSERT INTO risk_action (risk_id, action_id) VALUES (?1, ?2)",
            params![l.id, l.action_id],
        )?;
    }
    Ok(())
}
