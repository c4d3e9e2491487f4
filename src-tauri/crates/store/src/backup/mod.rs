//! Rolling backups of project files, taken when a project is opened.
//!
//! Backups live in the app's own data folder, never beside the user's project:
//! `<root>/<file stem>-<hash of the project's absolute path>/<UTC time>.r20k`, with an
//! `origin.txt` naming the project they belong to. Each backup is a consistent copy made with
//! SQLite's backup API under the project's lock, as a self-contained file (no `-wal`), placed
//! atomically. Only the newest [`Backups::keep`] are kept; older ones are removed when a new
//! one is taken. A backup is restored by copying it to a new file (never over an existing one).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use ready20k_domain::clock::Clock;
use ready20k_domain::transfer::BackupEntry;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::{Project, Result, StoreError, atomic};

/// How many backups of each project are kept by default.
pub const KEEP: usize = 5;

/// File name of the note that says which project a backup folder belongs to.
const ORIGIN: &str = "origin.txt";

/// Time format of a backup's file name (sorts in time order, safe on every file system).
const STAMP: &str = "%Y%m%dT%H%M%S%.3fZ";

/// The rolling backups kept under one root folder.
#[derive(Debug, Clone)]
pub struct Backups {
    root: PathBuf,
    keep: usize,
}

/// A backup's place in time, read from its file name: the instant and a counter for backups
/// taken within the same millisecond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Stamp {
    at: DateTime<Utc>,
    n: u32,
}

impl Stamp {
    /// Parses `<time>.r20k` or `<time>-<n>.r20k`; anything else is not a backup.
    fn parse(name: &str) -> Option<Self> {
        let base = name.strip_suffix(".r20k")?;
        let (time, n) = match base.split_once('-') {
            Some((time, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                (time, n.parse().ok()?)
            }
            Some(_) => return None,
            None => (base, 1),
        };
        let at = NaiveDateTime::parse_from_str(time, STAMP).ok()?.and_utc();
        Some(Self { at, n })
    }

    fn file_name(self) -> String {
        let time = self.at.format(STAMP);
        if self.n <= 1 {
            format!("{time}.r20k")
        } else {
            format!("{time}-{}.r20k", self.n)
        }
    }
}

/// The folder name for a project: its file stem (letters, digits, `-`, `_`; at most 40) and
/// the first 16 hex digits of the SHA-256 of its absolute path.
fn folder_name(project: &Path) -> String {
    let stem: String = project
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let digest = Sha256::digest(project.to_string_lossy().as_bytes());
    let hash: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{stem}-{hash}")
}

/// The backups in `folder`, oldest first, with their stamps.
fn scan(folder: &Path) -> Result<Vec<(Stamp, PathBuf)>> {
    let entries = match fs::read_dir(folder) {
        Ok(e) => e,
        // No folder (or a file where it would be): no backups.
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(Vec::new());
        }
        Err(e) => return Err(e.into()),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        if let Some(stamp) = name.to_str().and_then(Stamp::parse)
            && entry.file_type()?.is_file()
        {
            found.push((stamp, entry.path()));
        }
    }
    found.sort();
    Ok(found)
}

/// Removes the oldest backups in `folder` until at most `keep` remain; returns what was
/// removed. Files that are not backups are never touched.
pub fn prune(folder: &Path, keep: usize) -> Result<Vec<PathBuf>> {
    let found = scan(folder)?;
    let excess = found.len().saturating_sub(keep);
    let mut removed = Vec::with_capacity(excess);
    for (_, path) in found.into_iter().take(excess) {
        match fs::remove_file(&path) {
            Ok(()) => removed.push(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(removed)
}

fn entry(stamp: Stamp, path: &Path) -> Result<BackupEntry> {
    Ok(BackupEntry {
        path: path.display().to_string(),
        taken_at: stamp.at.to_rfc3339(),
        bytes: fs::metadata(path)?.len(),
    })
}

impl Backups {
    /// Backups under `<data_dir>/backups`, keeping [`KEEP`] per project.
    pub fn in_data_dir(data_dir: &Path) -> Self {
        Self::new(data_dir.join("backups"), KEEP)
    }

    /// Backups under `root`, keeping `keep` (at least one) per project.
    pub fn new(root: PathBuf, keep: usize) -> Self {
        Self {
            root,
            keep: keep.max(1),
        }
    }

    /// How many backups of each project are kept.
    pub fn keep(&self) -> usize {
        self.keep
    }

    /// The folder that holds the backups of the project at `project`.
    pub fn folder_for(&self, project: &Path) -> Result<PathBuf> {
        let project = std::path::absolute(project)?;
        Ok(self.root.join(folder_name(&project)))
    }

    /// Takes a backup of the open `project` stamped with `clock`'s time, then removes the
    /// oldest backups beyond [`Self::keep`]. Returns the new backup.
    pub fn take(&self, project: &Project, clock: &dyn Clock) -> Result<BackupEntry> {
        let folder = self.folder_for(project.path())?;
        fs::create_dir_all(&folder)?;
        let origin = folder.join(ORIGIN);
        let note = format!("Backups of {}\n", project.path().display());
        if fs::read_to_string(&origin).ok().as_deref() != Some(note.as_str()) {
            atomic::write_file(&origin, note.as_bytes())?;
        }
        // Milliseconds are kept in the name; a second backup within the same one is counted.
        let mut stamp = Stamp {
            at: clock.now().trunc_subsecs(3),
            n: 1,
        };
        while folder.join(stamp.file_name()).exists() {
            stamp.n += 1;
        }
        let dest = folder.join(stamp.file_name());
        atomic::build_new(&dest, |tmp| {
            project.conn().backup(rusqlite::MAIN_DB, tmp, None)?;
            // A self-contained file: the copy keeps no WAL mode, so it opens read-only as is.
            let copy = Connection::open(tmp)?;
            copy.pragma_update(None, "journal_mode", "DELETE")?;
            copy.close().map_err(|(_, e)| e)?;
            Ok(())
        })?;
        prune(&folder, self.keep)?;
        entry(stamp, &dest)
    }

    /// The backups of the project at `project`, newest first.
    pub fn list(&self, project: &Path) -> Result<Vec<BackupEntry>> {
        let mut found = scan(&self.folder_for(project)?)?;
        found.reverse();
        found.iter().map(|(s, p)| entry(*s, p)).collect()
    }

    /// Copies the backup at `backup` (one of [`Self::list`] for `project`) to the new file
    /// `dest` and opens it. An existing `dest` is refused; the backup itself is not changed.
    pub fn restore(
        &self,
        project: &Path,
        backup: &Path,
        dest: &Path,
        clock: Arc<dyn Clock>,
    ) -> Result<Project> {
        let known = self
            .list(project)?
            .into_iter()
            .any(|e| Path::new(&e.path) == backup);
        if !known {
            return Err(StoreError::NotAllowed(format!(
                "{} is not one of this project's backups.",
                backup.display()
            )));
        }
        let dest = std::path::absolute(dest)?;
        atomic::build_new(&dest, |tmp| Ok(fs::copy(backup, tmp).map(drop)?))?;
        Project::open(&dest, clock).inspect_err(|_| {
            // The file was created just now by this call: a copy that does not open goes.
            let _ = fs::remove_file(&dest);
        })
    }
}

#[cfg(test)]
mod tests;
