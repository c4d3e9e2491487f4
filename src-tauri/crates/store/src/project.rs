//! [`Project`]: an open, locked, migrated project file.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ready20k_domain::clock::Clock;
use ready20k_domain::project::{ProjectInfo, TableCount, validate_firm_name};
use ready20k_domain::snapshot::ProjectHeader;
use ready20k_domain::wizard::FirmProfile;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, params};

use crate::migrate::{self, LATEST};
use crate::{Result, StoreError, atomic, journal, meta};

/// The SQLite `application_id` that marks a Ready20k project ("R20K").
pub const APPLICATION_ID: u32 = 0x5232_304B;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What happened while opening a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// Schema version found in the file before any migration.
    pub found_version: u32,
    /// Migrations applied, if the file was older than this build.
    pub migrated: Vec<u32>,
    /// Where the pre-migration backup was written, if one was needed.
    pub backup: Option<PathBuf>,
}

/// An open project file. Holds an exclusive lock on the file until dropped.
pub struct Project {
    // Field order matters: the connection is dropped (and checkpointed) before the lock.
    conn: Connection,
    path: PathBuf,
    clock: Arc<dyn Clock>,
    report: OpenReport,
    _lock: File,
}

impl std::fmt::Debug for Project {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Project")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Takes the exclusive advisory lock that keeps a project open in one place only.
fn lock(path: &Path) -> Result<File> {
    let file = OpenOptions::new().read(true).write(true).open(path)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::AlreadyOpen {
            path: display(path),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
    }
}

/// Checks the first 100 bytes: SQLite magic and Ready20k's application id. Reads only.
fn check_header(path: &Path) -> Result<()> {
    let mut header = [0u8; 100];
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::NotFound {
                path: display(path),
            });
        }
        Err(e) => return Err(e.into()),
    };
    let n = file.read(&mut header)?;
    if n < 100 || &header[..16] != SQLITE_MAGIC {
        return Err(StoreError::NotAProject {
            path: display(path),
        });
    }
    let app_id = u32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if app_id != APPLICATION_ID {
        return Err(StoreError::NotAProject {
            path: display(path),
        });
    }
    Ok(())
}

fn corrupt(path: &Path, detail: impl ToString) -> StoreError {
    StoreError::Corrupt {
        path: display(path),
        detail: detail.to_string(),
    }
}

/// Runs `PRAGMA integrity_check`; any answer but `ok` is corruption.
fn integrity(conn: &Connection, path: &Path) -> Result<()> {
    let mut stmt = conn
        .prepare("PRAGMA integrity_check")
        .map_err(|e| corrupt(path, e))?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| corrupt(path, e))?;
    if rows.len() == 1 && rows[0] == "ok" {
        Ok(())
    } else {
        Err(corrupt(
            path,
            rows.into_iter().take(3).collect::<Vec<_>>().join("; "),
        ))
    }
}

/// Connection settings for durable writes: WAL, synchronous FULL, foreign keys on; and a
/// 32 MiB page cache (SQLite's default is 2 MiB), so that the monthly report's scan of a large
/// ticket table (~25 MB for 100,000 tickets) is served from memory instead of the disk on every
/// call, and a large import does not spill pages to the WAL before it commits.
fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "cache_size", -32_768)?;
    conn.busy_timeout(std::time::Duration::from_secs(2))?;
    Ok(())
}

/// `path` with `suffix` appended to its file name, e.g. the `-wal` beside a project.
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes `backup` as a byte-for-byte copy of the project file as it was before migrating.
/// Committed WAL content is folded into the main file first, so its bytes are the whole
/// project (the exclusive lock keeps everyone else out). Never overwrites; on failure no
/// partial backup is left.
///
/// The copy reads through `locked`, the handle holding the lock: opening and closing another
/// descriptor on the file would drop SQLite's POSIX locks on it.
fn write_backup(conn: &Connection, locked: &File, path: &Path, backup: &Path) -> Result<()> {
    let mut dest = match OpenOptions::new().write(true).create_new(true).open(backup) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(StoreError::AlreadyExists {
                path: display(backup),
            });
        }
        Err(e) => return Err(e.into()),
    };
    let copied = (|| -> Result<()> {
        let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        if busy != 0 {
            return Err(StoreError::AlreadyOpen {
                path: display(path),
            });
        }
        let mut src = locked;
        src.seek(SeekFrom::Start(0))?;
        std::io::copy(&mut src, &mut dest)?;
        dest.sync_all()?;
        Ok(())
    })();
    if copied.is_err() {
        drop(dest);
        let _ = std::fs::remove_file(backup);
    }
    copied
}

/// Path of the backup taken before migrating `path` from `version`.
fn backup_path(path: &Path, version: u32, stamp: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.schema{version}-backup-{stamp}.r20k"))
}

/// Writes a new, complete project file for `firm_name` at `path` (which must not exist):
/// schema, header row and the `project_created` journal entry; closed, without a WAL.
pub(crate) fn init_file(path: &Path, firm_name: &str, clock: &dyn Clock) -> Result<()> {
    let mut conn = Connection::open(path)?;
    configure(&conn)?;
    migrate::migrate_to(&mut conn, LATEST)?;
    let now = clock.now().to_rfc3339();
    meta::import_header(
        &conn,
        &ProjectHeader {
            firm_name: firm_name.to_owned(),
            created_at: now.clone(),
            updated_at: Some(now.clone()),
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
        },
    )?;
    journal::insert(&conn, &now, "project_created", firm_name)?;
    // Fold the WAL back so the new file is complete on its own.
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    conn.close().map_err(|(_, e)| e)?;
    Ok(())
}

impl Project {
    /// Creates a new project file at `path` for `firm_name`. Refuses to overwrite; on any
    /// failure nothing is left at `path` (the file is built beside it, see [`crate::atomic`]).
    /// The firm profile starts with `firm_name` as its legal name.
    pub fn create(path: &Path, firm_name: &str, clock: Arc<dyn Clock>) -> Result<Self> {
        let firm_name =
            validate_firm_name(firm_name).map_err(|e| StoreError::InvalidFirmName(e.message))?;
        atomic::clean_leftovers(path)?;
        if path.exists() {
            return Err(StoreError::AlreadyExists {
                path: display(path),
            });
        }
        atomic::build_new(path, |tmp| init_file(tmp, &firm_name, clock.as_ref()))?;
        let mut project = Self::open(path, clock)?;
        // The name the firm was created with is its legal name until the wizard changes it.
        let profile = FirmProfile {
            legal_name: firm_name,
            ..FirmProfile::default()
        };
        crate::wizard::profile::update_profile(&mut project, &profile)?;
        Ok(project)
    }

    /// Opens an existing project: checks it is a Ready20k file, locks it, checks integrity,
    /// refuses a newer schema, and migrates an older one after writing a backup beside it.
    /// A file that fails any check is never modified.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Self> {
        let path = std::path::absolute(path)?;
        check_header(&path)?;
        let lock = lock(&path)?;
        let had_wal = sidecar(&path, "-wal").exists();
        let mut conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| corrupt(&path, e))?;
        let checked = (|| {
            let found = migrate::schema_version(&conn).map_err(|_| corrupt(&path, "unreadable"))?;
            if found > LATEST {
                return Err(StoreError::NewerSchema {
                    path: display(&path),
                    found,
                    known: LATEST,
                });
            }
            if found == 0 {
                return Err(StoreError::NotAProject {
                    path: display(&path),
                });
            }
            integrity(&conn, &path)?;
            Ok(found)
        })();
        let found = match checked {
            Ok(found) => found,
            Err(e) => {
                // A refused file is left as found: closing the connection would otherwise fold
                // a WAL left by a crash into the main file.
                if had_wal {
                    let _ = conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
                }
                return Err(e);
            }
        };
        let mut report = OpenReport {
            found_version: found,
            ..OpenReport::default()
        };
        if found < LATEST {
            let stamp = clock.now().format("%Y%m%dT%H%M%SZ").to_string();
            let backup = backup_path(&path, found, &stamp);
            write_backup(&conn, &lock, &path, &backup)?;
            report.backup = Some(backup);
        }
        configure(&conn)?;
        report.migrated = migrate::migrate_to(&mut conn, LATEST)?;
        if !report.migrated.is_empty() {
            let now = clock.now().to_rfc3339();
            journal::insert(
                &conn,
                &now,
                "schema_migrated",
                &format!("{found} -> {LATEST}"),
            )?;
        }
        Ok(Self {
            conn,
            path,
            clock,
            report,
            _lock: lock,
        })
    }

    /// The open connection, for the table modules.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The open connection, mutably (transactions).
    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Absolute path of the file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The clock this project was opened with.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// The current time as RFC 3339, from the project's clock.
    pub fn now(&self) -> String {
        self.clock.now().to_rfc3339()
    }

    /// What opening the file did (migrations, backup).
    pub fn open_report(&self) -> &OpenReport {
        &self.report
    }

    /// The firm name stored in the project header.
    pub fn firm_name(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("SELECT firm_name FROM project WHERE id = 1", [], |r| {
                r.get(0)
            })?)
    }

    /// Summary for the start screen and `ready20k-cli info`.
    pub fn info(&self) -> Result<ProjectInfo> {
        let (firm_name, created_at): (String, String) = self.conn.query_row(
            "SELECT firm_name, created_at FROM project WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut stmt = self.conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY name",
        )?;
        let tables: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut counts = Vec::with_capacity(tables.len());
        for table in tables {
            let rows: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
                        r.get(0)
                    })?;
            counts.push(TableCount {
                table,
                rows: rows.max(0) as u64,
            });
        }
        Ok(ProjectInfo {
            path: display(&self.path),
            firm_name,
            schema_version: migrate::schema_version(&self.conn)?,
            created_at,
            counts,
        })
    }

    /// Renames the firm (validated) and records it in the journal.
    pub fn rename_firm(&self, firm_name: &str) -> Result<()> {
        let firm_name =
            validate_firm_name(firm_name).map_err(|e| StoreError::InvalidFirmName(e.message))?;
        let now = self.now();
        self.conn.execute(
            "UPDATE project SET firm_name = ?1, updated_at = ?2 WHERE id = 1",
            params![firm_name, now],
        )?;
        journal::insert(&self.conn, &now, "firm_renamed", &firm_name)?;
        Ok(())
    }

    /// Writes a consistent copy of the project to `dest` (replacing a file there that is not
    /// open elsewhere) and returns the copy opened; `self` stays open until the caller drops it.
    pub fn save_as(&self, dest: &Path) -> Result<Project> {
        let dest = std::path::absolute(dest)?;
        if dest == self.path {
            return Err(StoreError::NotAllowed(
                "Choose a different file to save a copy to.".into(),
            ));
        }
        if dest.exists() {
            check_header(&dest).map_err(|_| {
                StoreError::NotAllowed(format!(
                    "{} exists and is not a Ready20k project; choose another name.",
                    dest.display()
                ))
            })?;
            drop(lock(&dest)?);
        }
        atomic::build_replacing(&dest, |tmp| {
            Ok(self.conn.backup(rusqlite::MAIN_DB, tmp, None)?)
        })?;
        Project::open(&dest, self.clock.clone())
    }

    /// Closes the file cleanly: folds the WAL back into the main file and releases the lock.
    pub fn close(self) -> Result<()> {
        let Self { conn, _lock, .. } = self;
        conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
        conn.close().map_err(|(_, e)| e)?;
        drop(_lock);
        Ok(())
    }
}
