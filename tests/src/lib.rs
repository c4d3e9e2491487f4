//! `ready20k-tests`: shared helpers for the cross-crate integration tests and the
//! `kill-writer` helper binary.
//!
//! The helpers return errors instead of panicking, so they can be used from the binary too;
//! the tests unwrap them.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ready20k_domain::clock::{Clock, FixedClock};
use ready20k_store::{Project, StoreError, journal};
use rusqlite::Connection;
use sha2::{Digest, Sha256};

/// Journal kind the kill writer uses for its acknowledged writes.
pub const ACK_KIND: &str = "ack";

/// Firm name of the project the kill writer creates when the file is missing.
pub const KILL_WRITER_FIRM: &str = "Kill Test";

/// What `kill-writer hold` prints once it has the project open.
pub const HOLD_OPENED: &str = "opened";

/// Exit status of `kill-writer hold` when the open was refused (it prints the error code).
pub const HOLD_REFUSED_EXIT: u8 = 3;

/// The instant every test clock is frozen at: 2026-03-01T00:00:00Z.
pub fn fixed_clock() -> Arc<dyn Clock> {
    match FixedClock::at_date(2026, 3, 1) {
        Some(clock) => Arc::new(clock),
        // Unreachable for a valid literal date; fall back to the epoch rather than panic.
        None => Arc::new(FixedClock(chrono_epoch())),
    }
}

fn chrono_epoch() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::<chrono::Utc>::UNIX_EPOCH
}

/// Path of a committed fixture file in `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// Creates a project named `firm` at `dir/name` with the fixed test clock.
pub fn create_project(
    dir: &Path,
    name: &str,
    firm: &str,
) -> Result<(PathBuf, Project), StoreError> {
    let path = dir.join(name);
    let project = Project::create(&path, firm, fixed_clock())?;
    Ok((path, project))
}

/// Creates a closed project at `dir/name` holding `rows` extra journal entries of kind
/// `filler` (each with a ~100-byte detail, so the file spans many pages). Returns its path.
pub fn create_filled_project(dir: &Path, name: &str, rows: usize) -> Result<PathBuf, StoreError> {
    let (path, mut project) = create_project(dir, name, "Filled Firm Ltd")?;
    let now = project.now();
    let tx = project.conn_mut().transaction()?;
    for i in 0..rows {
        journal::insert(&tx, &now, "filler", &format!("{i:06} {}", "x".repeat(93)))?;
    }
    tx.commit()?;
    project.close()?;
    Ok(path)
}

/// SHA-256 of a file's bytes, as lowercase hex.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// The SQLite sidecar files (`-wal`, `-shm`, `-journal`) that exist beside `path`.
pub fn sidecars(path: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        })
        .filter(|p| p.exists())
        .collect()
}

/// Files in `dir` whose names start with `prefix` (sorted), e.g. backups or temporary copies.
pub fn files_starting_with(dir: &Path, prefix: &str) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with(prefix) {
            found.push(entry.path());
        }
    }
    found.sort();
    Ok(found)
}

/// The rows of `PRAGMA integrity_check` (`["ok"]` for a sound file).
pub fn integrity_check(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    rows.collect()
}

/// Every journal row as `(id, at, kind, detail)`, in id order.
pub fn journal_rows(conn: &Connection) -> rusqlite::Result<Vec<(i64, String, String, String)>> {
    let mut stmt = conn.prepare("SELECT id, at, kind, detail FROM journal ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    rows.collect()
}

/// The sequence numbers of the kill writer's acknowledged rows present in the journal,
/// sorted ascending.
pub fn ack_numbers(conn: &Connection) -> Result<Vec<u64>, StoreError> {
    let mut numbers = journal::list_by_kind(conn, ACK_KIND)?
        .into_iter()
        .map(|e| {
            e.detail.parse::<u64>().map_err(|_| {
                StoreError::Invalid(format!("ack detail {:?} is not a number", e.detail))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    numbers.sort_unstable();
    Ok(numbers)
}

/// `PRAGMA user_version` of a file, read through a read-only connection.
pub fn file_schema_version(path: &Path) -> rusqlite::Result<u32> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}
