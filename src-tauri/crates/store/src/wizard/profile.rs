//! Singleton rows: `firm_profile`, `climate_decision`, `scope_statement`.

use ready20k_domain::wizard::{ClimateDecision, FirmProfile, ScopeStatement};
use rusqlite::{Connection, OptionalExtension, params};

use super::{from_json, to_json, write};
use crate::Result;

/// The firm profile (defaults until first saved).
pub fn get_profile(conn: &Connection) -> Result<FirmProfile> {
    let row = conn
        .query_row(
            "SELECT legal_name, trading_name, address, sector, headcount, customer_kinds,
                    target_date, certification_body FROM firm_profile WHERE id = 1",
            [],
            |r| {
                Ok((
                    FirmProfile {
                        legal_name: r.get(0)?,
                        trading_name: r.get(1)?,
                        address: r.get(2)?,
                        sector: r.get(3)?,
                        headcount: r.get(4)?,
                        customer_kinds: Vec::new(),
                        target_date: r.get(6)?,
                        certification_body: r.get(7)?,
                    },
                    r.get::<_, String>(5)?,
                ))
            },
        )
        .optional()?;
    match row {
        Some((mut p, kinds)) => {
            p.customer_kinds = from_json(&kinds)?;
            Ok(p)
        }
        None => Ok(FirmProfile::default()),
    }
}

/// Saves the profile (insert or replace). Fields are stored as typed; the wizard's checks say
/// what is missing.
pub fn update_profile(conn: &mut Connection, now: &str, p: &FirmProfile) -> Result<()> {
    let kinds = to_json(&p.customer_kinds)?;
    let target = p
        .target_date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    write(conn, now, "wizard_profile", |tx| {
        tx.execute(
            "INSERT INTO firm_profile (id, legal_name, trading_name, address, sector, headcount,
                 customer_kinds, target_date, certification_body, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT(id) DO UPDATE SET legal_name = ?1, trading_name = ?2, address = ?3,
                 sector = ?4, headcount = ?5, customer_kinds = ?6, target_date = ?7,
                 certification_body = ?8, updated_at = ?9",
            params![
                p.legal_name.trim(),
                p.trading_name.trim(),
                p.address.trim(),
                p.sector.trim(),
                p.headcount,
                kinds,
                target,
                p.certification_body.trim(),
                now
            ],
        )?;
        Ok(((), p.legal_name.trim().to_owned()))
    })
}

/// The climate decision (undecided until saved).
pub fn get_climate(conn: &Connection) -> Result<ClimateDecision> {
    Ok(conn
        .query_row(
            "SELECT relevant, rationale FROM climate_decision WHERE id = 1",
            [],
            |r| {
                Ok(ClimateDecision {
                    relevant: r.get(0)?,
                    rationale: r.get(1)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

/// Saves the climate decision.
pub fn update_climate(conn: &mut Connection, now: &str, c: &ClimateDecision) -> Result<()> {
    write(conn, now, "wizard_climate", |tx| {
        tx.execute(
            "INSERT INTO climate_decision (id, relevant, rationale, updated_at)
             VALUES (1, ?1, ?2, ?3)
             ON CONFLICT(id) DO UPDATE SET relevant = ?1, rationale = ?2, updated_at = ?3",
            params![c.relevant, c.rationale.trim(), now],
        )?;
        let detail = match c.relevant {
            Some(true) => "relevant",
            Some(false) => "not relevant",
            None => "undecided",
        };
        Ok(((), detail.to_owned()))
    })
}

/// The scope statement as edited (empty and not edited until the user changes it).
pub fn get_scope(conn: &Connection) -> Result<ScopeStatement> {
    Ok(conn
        .query_row(
            "SELECT text, edited FROM scope_statement WHERE id = 1",
            [],
            |r| {
                Ok(ScopeStatement {
                    text: r.get(0)?,
                    edited: r.get(1)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

/// Saves the user's scope text; `None` (or blank text) goes back to the generated statement.
pub fn update_scope(conn: &mut Connection, now: &str, text: Option<&str>) -> Result<()> {
    let text = text.map(str::trim).filter(|t| !t.is_empty());
    write(conn, now, "wizard_scope", |tx| {
        tx.execute(
            "INSERT INTO scope_statement (id, text, edited, updated_at) VALUES (1, ?1, ?2, ?3)
             ON CONFLICT(id) DO UPDATE SET text = ?1, edited = ?2, updated_at = ?3",
            params![text.unwrap_or(""), text.is_some(), now],
        )?;
        Ok((
            (),
            if text.is_some() {
                "edited"
            } else {
                "generated"
            }
            .to_owned(),
        ))
    })
}
