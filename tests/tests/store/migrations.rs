//! Opening an older project migrates it, after taking a byte-identical backup.

use ready20k_store::migrate::{self, LATEST};
use ready20k_store::{Project, journal};
use ready20k_tests::{file_schema_version, files_starting_with, fixed_clock, fixture, sidecars};

// The migration test needs at least one migration after 0001.
const _: () = assert!(LATEST > 1);

#[test]
fn fixture_is_schema_1_and_small() {
    let path = fixture("schema1.r20k");
    assert_eq!(file_schema_version(&path).unwrap(), 1);
    assert!(std::fs::metadata(&path).unwrap().len() <= 16 * 1024);
    assert!(
        sidecars(&path).is_empty(),
        "the fixture must be committed without sidecars"
    );
}

#[test]
fn schema_1_fixture_migrates_to_latest_after_a_backup() {
    let original = std::fs::read(fixture("schema1.r20k")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.r20k");
    std::fs::write(&path, &original).unwrap();

    let clock = fixed_clock();
    let project = Project::open(&path, clock.clone()).unwrap();

    // Migrated to the newest schema, and it says so.
    assert_eq!(migrate::schema_version(project.conn()).unwrap(), LATEST);
    let report = project.open_report();
    assert_eq!(report.found_version, 1);
    assert_eq!(report.migrated, (2..=LATEST).collect::<Vec<_>>());

    // The backup sits beside the file, is still at schema 1 and is the original, byte for byte.
    let backup = report
        .backup
        .clone()
        .expect("a migration must report its backup");
    assert_eq!(backup.parent(), project.path().parent());
    assert_eq!(
        files_starting_with(dir.path(), "old.schema1-backup-").unwrap(),
        vec![backup.clone()]
    );
    let backup_bytes = std::fs::read(&backup).unwrap();
    assert!(
        backup_bytes == original,
        "the backup differs from the schema-1 file it replaces"
    );
    assert_eq!(file_schema_version(&backup).unwrap(), 1);
    assert!(sidecars(&backup).is_empty());

    // The data survived.
    let info = project.info().unwrap();
    assert_eq!(info.firm_name, "Fixture Firm Ltd");
    assert_eq!(info.created_at, "2025-01-15T09:00:00+00:00");
    assert_eq!(info.schema_version, LATEST);
    let (app_version, updated_at): (String, String) = project
        .conn()
        .query_row(
            "SELECT app_version, updated_at FROM project WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(app_version, "0.0.1");
    assert_eq!(updated_at, "2025-01-15T09:00:00+00:00");

    // The journal records the migration at the clock's time.
    let migrated = journal::list_by_kind(project.conn(), "schema_migrated").unwrap();
    assert_eq!(migrated.len(), 1);
    assert_eq!(migrated[0].detail, format!("1 -> {LATEST}"));
    assert_eq!(migrated[0].at, clock.now().to_rfc3339());
    project.close().unwrap();

    // Opening again migrates nothing and takes no second backup.
    let again = Project::open(&path, clock).unwrap();
    assert_eq!(again.open_report().found_version, LATEST);
    assert!(again.open_report().migrated.is_empty());
    assert!(again.open_report().backup.is_none());
    assert_eq!(
        journal::list_by_kind(again.conn(), "schema_migrated")
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        files_starting_with(dir.path(), "old.schema1-backup-")
            .unwrap()
            .len(),
        1
    );
}

/// Copies the schema-1 fixture into `dir` as `name`.
fn copy_fixture(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::copy(fixture("schema1.r20k"), &path).unwrap();
    path
}

/// A schema-1 file left by a crash with committed writes still in its WAL: the backup and the
/// migrated project both hold those writes.
#[test]
fn backup_of_a_schema_1_file_with_a_hot_wal_holds_the_wal_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_fixture(dir.path(), "hot.r20k");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .unwrap();
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('theme', 'dark')",
            [],
        )
        .unwrap();
        conn.close().unwrap();
    }
    assert!(!sidecars(&path).is_empty(), "the WAL should be left behind");

    let project = Project::open(&path, fixed_clock()).unwrap();
    let backup = project.open_report().backup.clone().unwrap();
    let theme = |conn: &rusqlite::Connection| -> String {
        conn.query_row("SELECT value FROM settings WHERE key = 'theme'", [], |r| {
            r.get(0)
        })
        .unwrap()
    };
    assert_eq!(theme(project.conn()), "dark");
    assert!(
        sidecars(&backup).is_empty(),
        "the backup must be complete on its own"
    );
    assert_eq!(file_schema_version(&backup).unwrap(), 1);
    let conn =
        rusqlite::Connection::open_with_flags(&backup, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    assert_eq!(theme(&conn), "dark");
    assert_eq!(
        ready20k_tests::integrity_check(&conn).unwrap(),
        vec!["ok".to_string()]
    );
}

/// If the backup name is taken, nothing is overwritten and nothing is migrated.
#[test]
fn existing_backup_file_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_fixture(dir.path(), "old.r20k");
    let taken = dir.path().join("old.schema1-backup-20260301T000000Z.r20k");
    std::fs::write(&taken, b"someone else's file").unwrap();
    let err = Project::open(&path, fixed_clock()).unwrap_err();
    assert_eq!(err.code(), "already_exists", "{err}");
    assert_eq!(std::fs::read(&taken).unwrap(), b"someone else's file");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(fixture("schema1.r20k")).unwrap()
    );
    assert!(sidecars(&path).is_empty());
}
