//! Singleton rows: `firm_profile`, `climate_decision`, `scope_statement`.
//!
//! Each row is read and written as its snapshot type, so the app and the snapshot export and
//! import share one SQL statement per direction.

use ready20k_domain::snapshot::{CertificateSnap, ClimateSnap, ProfileSnap, ScopeSnap};
use ready20k_domain::wizard::{ClimateDecision, FirmProfile, HeldCertificate, ScopeStatement};
use rusqlite::{Connection, OptionalExtension, params};

use super::{clean_list, from_json, write};
use crate::Project;
use crate::Result;

/// The `firm_profile` row as stored, if it was ever saved.
pub fn export_profile(conn: &Connection) -> Result<Option<ProfileSnap>> {
    let row = conn
        .query_row(
            "SELECT legal_name, trading_name, address, sector, headcount, customer_kinds,
                    target_date, certification_body, updated_at, itsm_system, doc_repository,
                    support_hours, risk_acceptance_level, certificates
             FROM firm_profile WHERE id = 1",
            [],
            |r| {
                Ok((
                    ProfileSnap {
                        legal_name: r.get(0)?,
                        trading_name: r.get(1)?,
                        address: r.get(2)?,
                        sector: r.get(3)?,
                        headcount: r.get(4)?,
                        customer_kinds: Vec::new(),
                        target_date: r.get(6)?,
                        certification_body: r.get(7)?,
                        updated_at: r.get(8)?,
                        itsm_system: r.get(9)?,
                        doc_repository: r.get(10)?,
                        support_hours: r.get(11)?,
                        risk_acceptance_level: r.get(12)?,
                        certificates: Vec::new(),
                    },
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(13)?,
                ))
            },
        )
        .optional()?;
    row.map(|(mut p, kinds, certificates)| {
        p.customer_kinds = from_json(&kinds)?;
        p.certificates = serde_json::from_str(&certificates)?;
        Ok(p)
    })
    .transpose()
}

/// Writes the `firm_profile` row (insert or replace) exactly as given.
pub fn import_profile(conn: &Connection, p: &ProfileSnap) -> Result<()> {
    conn.execute(
        "INSERT INTO firm_profile (id, legal_name, trading_name, address, sector, headcount,
             customer_kinds, target_date, certification_body, updated_at, itsm_system,
             doc_repository, support_hours, risk_acceptance_level, certificates)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT(id) DO UPDATE SET legal_name = ?1, trading_name = ?2, address = ?3,
             sector = ?4, headcount = ?5, customer_kinds = ?6, target_date = ?7,
             certification_body = ?8, updated_at = ?9, itsm_system = ?10, doc_repository = ?11,
             support_hours = ?12, risk_acceptance_level = ?13, certificates = ?14",
        params![
            p.legal_name,
            p.trading_name,
            p.address,
            p.sector,
            p.headcount,
            serde_json::to_string(&p.customer_kinds)?,
            p.target_date,
            p.certification_body,
            p.updated_at,
            p.itsm_system,
            p.doc_repository,
            p.support_hours,
            p.risk_acceptance_level,
            serde_json::to_string(&p.certificates)?
        ],
    )?;
    Ok(())
}

/// The firm profile (defaults until first saved).
pub fn get_profile(conn: &Connection) -> Result<FirmProfile> {
    Ok(export_profile(conn)?
        .as_ref()
        .map(FirmProfile::from)
        .unwrap_or_default())
}

/// Saves the profile (insert or replace). Fields are stored trimmed; the wizard's checks say
/// what is missing.
pub fn update_profile(project: &mut Project, p: &FirmProfile) -> Result<()> {
    let now: &str = &project.now();
    let conn = project.conn_mut();
    let row = ProfileSnap {
        legal_name: p.legal_name.trim().to_owned(),
        trading_name: p.trading_name.trim().to_owned(),
        address: p.address.trim().to_owned(),
        sector: p.sector.trim().to_owned(),
        headcount: p.headcount,
        customer_kinds: clean_list(&p.customer_kinds),
        target_date: p
            .target_date
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned),
        certification_body: p.certification_body.trim().to_owned(),
        updated_at: now.to_owned(),
        itsm_system: p.itsm_system.trim().to_owned(),
        doc_repository: p.doc_repository.trim().to_owned(),
        support_hours: p.support_hours.trim().to_owned(),
        risk_acceptance_level: p.risk_acceptance_level.trim().to_owned(),
        certificates: held_certificates(&p.certificates),
    };
    write(conn, now, "wizard_profile", |tx| {
        import_profile(tx, &row)?;
        Ok(((), row.legal_name.clone()))
    })
}

/// The certificates as stored: each once, in [`HeldCertificate::ALL`] order.
fn held_certificates(held: &[HeldCertificate]) -> Vec<CertificateSnap> {
    HeldCertificate::ALL
        .into_iter()
        .filter(|c| held.contains(c))
        .map(Into::into)
        .collect()
}

/// The `climate_decision` row as stored, if it was ever saved.
pub fn export_climate(conn: &Connection) -> Result<Option<ClimateSnap>> {
    Ok(conn
        .query_row(
            "SELECT relevant, rationale, updated_at FROM climate_decision WHERE id = 1",
            [],
            |r| {
                Ok(ClimateSnap {
                    relevant: r.get(0)?,
                    rationale: r.get(1)?,
                    updated_at: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// Writes the `climate_decision` row (insert or replace) exactly as given.
pub fn import_climate(conn: &Connection, c: &ClimateSnap) -> Result<()> {
    conn.execute(
        "INSERT INTO climate_decision (id, relevant, rationale, updated_at) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT(id) DO UPDATE SET relevant = ?1, rationale = ?2, updated_at = ?3",
        params![c.relevant, c.rationale, c.updated_at],
    )?;
    Ok(())
}

/// The climate decision (undecided until saved).
pub fn get_climate(conn: &Connection) -> Result<ClimateDecision> {
    Ok(export_climate(conn)?
        .as_ref()
        .map(ClimateDecision::from)
        .unwrap_or_default())
}

/// Saves the climate decision.
pub fn update_climate(p: &mut Project, c: &ClimateDecision) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let row = ClimateSnap {
        relevant: c.relevant,
        rationale: c.rationale.trim().to_owned(),
        updated_at: now.to_owned(),
    };
    write(conn, now, "wizard_climate", |tx| {
        import_climate(tx, &row)?;
        let detail = match c.relevant {
            Some(true) => "relevant",
            Some(false) => "not relevant",
            None => "undecided",
        };
        Ok(((), detail.to_owned()))
    })
}

/// The `scope_statement` row as stored, if it was ever saved.
pub fn export_scope(conn: &Connection) -> Result<Option<ScopeSnap>> {
    Ok(conn
        .query_row(
            "SELECT text, edited, updated_at FROM scope_statement WHERE id = 1",
            [],
            |r| {
                Ok(ScopeSnap {
                    text: r.get(0)?,
                    edited: r.get(1)?,
                    updated_at: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// Writes the `scope_statement` row (insert or replace) exactly as given.
pub fn import_scope(conn: &Connection, s: &ScopeSnap) -> Result<()> {
    conn.execute(
        "INSERT INTO scope_statement (id, text, edited, updated_at) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT(id) DO UPDATE SET text = ?1, edited = ?2, updated_at = ?3",
        params![s.text, s.edited, s.updated_at],
    )?;
    Ok(())
}

/// The scope statement as edited (empty and not edited until the user changes it).
pub fn get_scope(conn: &Connection) -> Result<ScopeStatement> {
    Ok(export_scope(conn)?
        .as_ref()
        .map(ScopeStatement::from)
        .unwrap_or_default())
}

/// Saves the user's scope text; `None` (or blank text) goes back to the generated statement.
pub fn update_scope(p: &mut Project, text: Option<&str>) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let text = text.map(str::trim).filter(|t| !t.is_empty());
    let row = ScopeSnap {
        text: text.unwrap_or("").to_owned(),
        edited: text.is_some(),
        updated_at: now.to_owned(),
    };
    write(conn, now, "wizard_scope", |tx| {
        import_scope(tx, &row)?;
        let detail = if row.edited { "edited" } else { "generated" };
        Ok(((), detail.to_owned()))
    })
}
