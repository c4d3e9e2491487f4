//! Numbered, embedded schema migrations, applied in order and never edited once released.
//!
//! The schema version of a file is its `PRAGMA user_version`; migration `N` takes a file
//! from version `N-1` to `N` inside one transaction.

use rusqlite::Connection;

use crate::Result;

/// The migrations, in order. Index `i` holds migration number `i + 1`.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../migrations/0001_init.sql")),
    (
        "0002_journal",
        include_str!("../migrations/0002_journal.sql"),
    ),
    ("0003_wizard", include_str!("../migrations/0003_wizard.sql")),
    (
        "0004_documents",
        include_str!("../migrations/0004_documents.sql"),
    ),
    (
        "0005_assessment",
        include_str!("../migrations/0005_assessment.sql"),
    ),
    (
        "0006_question_bank",
        include_str!("../migrations/0006_question_bank.sql"),
    ),
    (
        "0007_records",
        include_str!("../migrations/0007_records.sql"),
    ),
    (
        "0008_registers",
        include_str!("../migrations/0008_registers.sql"),
    ),
    ("0009_audits", include_str!("../migrations/0009_audits.sql")),
    (
        "0010_management_reviews",
        include_str!("../migrations/0010_management_reviews.sql"),
    ),
    (
        "0011_objectives_kpis",
        include_str!("../migrations/0011_objectives_kpis.sql"),
    ),
    (
        "0012_wizard_facts",
        include_str!("../migrations/0012_wizard_facts.sql"),
    ),
    (
        "0013_service_reports",
        include_str!("../migrations/0013_service_reports.sql"),
    ),
    (
        "0014_existing_certificates",
        include_str!("../migrations/0014_existing_certificates.sql"),
    ),
    (
        "0015_ticket_report_order",
        include_str!("../migrations/0015_ticket_report_order.sql"),
    ),
];

/// The newest schema version this build knows.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

/// Reads `PRAGMA user_version`.
pub fn schema_version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get::<_, u32>(0))?)
}

/// Applies every migration after the file's current version up to `target`, each in its own
/// transaction that also bumps `user_version`. Returns the versions applied.
pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<Vec<u32>> {
    let current = schema_version(conn)?;
    let mut applied = Vec::new();
    for version in (current + 1)..=target.min(LATEST) {
        let (_, sql) = MIGRATIONS[(version - 1) as usize];
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
        applied.push(version);
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_in_order_and_set_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate_to(&mut conn, 1).unwrap(), vec![1]);
        assert_eq!(schema_version(&conn).unwrap(), 1);
        assert_eq!(
            migrate_to(&mut conn, LATEST).unwrap(),
            (2..=LATEST).collect::<Vec<_>>()
        );
        assert_eq!(schema_version(&conn).unwrap(), LATEST);
        assert!(migrate_to(&mut conn, LATEST).unwrap().is_empty());
    }

    #[test]
    fn migration_names_are_numbered_in_order() {
        for (i, (name, _)) in MIGRATIONS.iter().enumerate() {
            assert!(
                name.starts_with(&format!("{:04}_", i + 1)),
                "{name} out of order"
            );
        }
    }
}
