//! Files that are not (sound) Ready20k projects are refused with a clear code and left
//! exactly as they were: same bytes, no sidecar files.

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use ready20k_store::migrate::LATEST;
use ready20k_store::{Project, journal};
use ready20k_tests::{create_filled_project, create_project, fixed_clock, sha256_file, sidecars};
use rusqlite::Connection;

const PAGE: u64 = 4096;

/// Opens `path`, expects the error `code`, checks the file was not touched, and returns the
/// error's message.
fn assert_refused(path: &Path, code: &str) -> String {
    let before = sha256_file(path).unwrap();
    let len = std::fs::metadata(path).unwrap().len();
    let err = Project::open(path, fixed_clock()).expect_err("the open should be refused");
    assert_eq!(err.code(), code, "{}: {err}", path.display());
    assert_eq!(
        sha256_file(path).unwrap(),
        before,
        "{} was modified",
        path.display()
    );
    assert_eq!(std::fs::metadata(path).unwrap().len(), len);
    assert!(
        sidecars(path).is_empty(),
        "sidecars left: {:?}",
        sidecars(path)
    );
    let dir = path.parent().unwrap();
    let stray: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("backup"))
        .collect();
    assert!(
        stray.is_empty(),
        "a refused file must not be backed up: {stray:?}"
    );
    err.to_string()
}

#[test]
fn empty_file_is_not_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.r20k");
    std::fs::write(&path, b"").unwrap();
    assert_refused(&path, "not_a_project");
}

#[test]
fn text_file_is_not_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.r20k");
    std::fs::write(&path, "Meeting notes\n".repeat(200)).unwrap();
    assert_refused(&path, "not_a_project");
}

#[test]
fn png_is_not_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("logo.r20k");
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0".to_vec();
    bytes.extend((0..2000u32).map(|i| (i * 31 % 251) as u8));
    std::fs::write(&path, bytes).unwrap();
    assert_refused(&path, "not_a_project");
}

#[test]
fn missing_file_is_not_found_and_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nothing.r20k");
    let err = Project::open(&path, fixed_clock()).unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert!(!path.exists());
}

fn foreign_sqlite(path: &Path, journal_mode: &str) {
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", journal_mode)
        .unwrap();
    conn.execute_batch(
        "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);
         INSERT INTO invoices (total) VALUES (10.5), (99.0);
         PRAGMA user_version = 1;",
    )
    .unwrap();
    conn.close().unwrap();
}

#[test]
fn sqlite_database_without_our_application_id_is_not_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.r20k");
    foreign_sqlite(&path, "DELETE");
    assert_refused(&path, "not_a_project");
    let wal = dir.path().join("other-wal.r20k");
    foreign_sqlite(&wal, "WAL");
    assert_refused(&wal, "not_a_project");
}

#[test]
fn project_with_garbage_pages_is_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = create_filled_project(dir.path(), "damaged.r20k", 400).unwrap();
    let pages = std::fs::metadata(&path).unwrap().len() / PAGE;
    assert!(
        pages >= 10,
        "the project should span many pages, has {pages}"
    );
    let mut file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    let garbage: Vec<u8> = (0..PAGE).map(|i| (i * 131 % 253) as u8 ^ 0x5a).collect();
    // The journal rows were written last, so the last pages hold table data (not the schema,
    // which sits at the front and grows as migrations add tables).
    for page in [pages - 2, pages - 4, pages - 6] {
        file.seek(SeekFrom::Start(page * PAGE + 100)).unwrap();
        file.write_all(&garbage[..(PAGE - 200) as usize]).unwrap();
    }
    file.sync_all().unwrap();
    drop(file);
    let message = assert_refused(&path, "corrupt");
    // Found by the integrity check, not by failing to read the header.
    assert!(!message.contains("unreadable"), "{message}");
}

#[test]
fn truncated_project_is_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = create_filled_project(dir.path(), "short.r20k", 400).unwrap();
    let len = std::fs::metadata(&path).unwrap().len();
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_len(len / 2 + 1000).unwrap();
    drop(file);
    assert_refused(&path, "corrupt");
}

#[test]
fn project_from_a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (path, project) = create_project(dir.path(), "future.r20k", "Future Firm").unwrap();
    project.close().unwrap();
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", LATEST + 1)
        .unwrap();
    conn.close().unwrap();
    assert!(sidecars(&path).is_empty());
    assert_refused(&path, "newer_schema");
}

/// A newer (or damaged) file left with a hot WAL by a crash must not be checkpointed by a
/// refused open: neither the main file nor its WAL may change.
#[test]
fn refused_file_with_a_hot_wal_is_left_as_found() {
    let dir = tempfile::tempdir().unwrap();
    let (path, project) = create_project(dir.path(), "hot.r20k", "Hot Firm").unwrap();
    project.close().unwrap();
    let wal_path = dir.path().join("hot.r20k-wal");
    {
        let conn = Connection::open(&path).unwrap();
        // Keep the WAL as it is on close, as if the process had crashed.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .unwrap();
        journal::insert(&conn, "2026-03-01T00:00:00+00:00", "late", "in the wal").unwrap();
        conn.pragma_update(None, "user_version", LATEST + 1)
            .unwrap();
        conn.close().unwrap();
    }
    assert!(
        std::fs::metadata(&wal_path).unwrap().len() > 0,
        "the WAL should hold the writes"
    );
    let main_before = sha256_file(&path).unwrap();
    let wal_before = sha256_file(&wal_path).unwrap();
    let err = Project::open(&path, fixed_clock()).unwrap_err();
    assert_eq!(err.code(), "newer_schema", "{err}");
    assert_eq!(
        sha256_file(&path).unwrap(),
        main_before,
        "main file modified"
    );
    assert!(wal_path.exists(), "the WAL was folded in or deleted");
    assert_eq!(sha256_file(&wal_path).unwrap(), wal_before, "WAL modified");
}
