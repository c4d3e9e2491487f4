//! Atomic file writes, used by every writer of the store, the CLI and the shell.
//!
//! A file is built under a temporary name in the target's directory
//! (`.<name>.<pid>.tmp`), synced, renamed (or hard-linked, when an existing target must be
//! refused) into place, and the directory is synced, so after a crash the target is either
//! the old file, absent, or the complete new one.
//!
//! While a write runs, the writer holds an exclusive lock on `.<name>.<pid>.tmp.lock`. Every
//! write against a target first removes the leftovers of earlier writes to it that were killed
//! (their lock is free): the temporary file, its SQLite `-wal`/`-shm`/`-journal` and the lock
//! file. Leftovers named by older builds (`<stem>.r20k-importing-<pid>`, `-creating-`,
//! `-demo-`, `-saving-`) are removed too.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::{Result, StoreError};

/// Tags of the temporary names older builds used for SQLite files.
const LEGACY_TAGS: [&str; 4] = ["creating", "importing", "demo", "saving"];

/// Suffixes SQLite adds beside a database file.
const SQLITE_SIDECARS: [&str; 3] = ["-wal", "-shm", "-journal"];

fn split(target: &Path) -> io::Result<(PathBuf, OsString)> {
    let target = std::path::absolute(target)?;
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the target has no file name"))?
        .to_owned();
    let dir = target
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    Ok((dir, name))
}

/// The temporary path a write of `target` by this process uses.
pub fn temp_path(target: &Path) -> io::Result<PathBuf> {
    let (dir, name) = split(target)?;
    let mut tmp = OsString::from(".");
    tmp.push(&name);
    tmp.push(format!(".{}.tmp", std::process::id()));
    Ok(dir.join(tmp))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The pid in a temporary name of `name` (`.<name>.<pid>.tmp…`), and whether the rest after
/// `.tmp` is empty (the main temporary file).
fn temp_pid(entry: &str, name: &str) -> Option<u32> {
    let rest = entry
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix('.')?;
    let digits = rest.split('.').next()?;
    let after = rest.get(digits.len()..)?;
    if !after.starts_with(".tmp") {
        return None;
    }
    digits.parse().ok()
}

/// The pid in a legacy temporary name (`<stem>.r20k-<tag>-<pid>` plus SQLite sidecars).
fn legacy_pid(entry: &str, stem: &str) -> Option<u32> {
    let rest = entry.strip_prefix(stem)?.strip_prefix(".r20k-")?;
    let (tag, rest) = rest.split_once('-')?;
    if !LEGACY_TAGS.contains(&tag) {
        return None;
    }
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = &rest[digits.len()..];
    if !(after.is_empty() || SQLITE_SIDECARS.contains(&after)) {
        return None;
    }
    digits.parse().ok()
}

/// Whether the writer with `lock` (a `.tmp.lock` path) is gone: the lock file is missing or
/// its lock can be taken.
fn writer_gone(lock: &Path) -> bool {
    match File::open(lock) {
        Ok(f) => f.try_lock().is_ok(),
        Err(_) => true,
    }
}

/// Removes what killed writes against `target` left beside it (see the module docs). Writes
/// of this process and writes still running elsewhere are left alone.
pub fn clean_leftovers(target: &Path) -> io::Result<()> {
    let (dir, name) = split(target)?;
    let (Some(name), Ok(entries)) = (name.to_str(), fs::read_dir(&dir)) else {
        return Ok(());
    };
    let stem = Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(name);
    let me = std::process::id();
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(file) = file.to_str() else { continue };
        let stale = if let Some(pid) = temp_pid(file, name) {
            let lock = dir.join(format!(".{name}.{pid}.tmp.lock"));
            pid != me && writer_gone(&lock)
        } else if let Some(pid) = legacy_pid(file, stem) {
            pid != me
        } else {
            false
        };
        if stale {
            match fs::remove_file(entry.path()) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(())
}

/// Syncs the directory `dir` so a rename or link in it is durable (a no-op where directories
/// cannot be opened, e.g. Windows).
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
    }
    Ok(())
}

/// Removes the temporary file and its SQLite sidecars.
fn remove_temp(tmp: &Path) {
    let _ = fs::remove_file(tmp);
    for suffix in SQLITE_SIDECARS {
        let _ = fs::remove_file(with_suffix(tmp, suffix));
    }
}

/// A write in progress: cleans leftovers, holds the lock, removes the temporary file and the
/// lock when dropped.
struct Pending {
    target: PathBuf,
    dir: PathBuf,
    tmp: PathBuf,
    lock_path: PathBuf,
    _lock: File,
}

impl Pending {
    fn start(target: &Path) -> io::Result<Self> {
        let target = std::path::absolute(target)?;
        clean_leftovers(&target)?;
        let (dir, _) = split(&target)?;
        let tmp = temp_path(&target)?;
        let lock_path = with_suffix(&tmp, ".lock");
        let lock = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)?;
        lock.lock()?;
        remove_temp(&tmp);
        Ok(Self {
            target,
            dir,
            tmp,
            lock_path,
            _lock: lock,
        })
    }

    /// Syncs the finished temporary file.
    fn sync_temp(&self) -> io::Result<()> {
        File::open(&self.tmp)?.sync_all()
    }

    /// Moves the temporary file over the target (replacing it) and syncs the directory.
    fn replace(&self) -> io::Result<()> {
        fs::rename(&self.tmp, &self.target)?;
        sync_dir(&self.dir)
    }

    /// Puts the temporary file at the target, refusing an existing target, and syncs the
    /// directory.
    fn place_new(&self) -> Result<()> {
        match fs::hard_link(&self.tmp, &self.target) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                return Err(StoreError::AlreadyExists {
                    path: self.target.display().to_string(),
                });
            }
            // File systems without hard links: rename (the caller checked the target).
            Err(_) => {
                if self.target.exists() {
                    return Err(StoreError::AlreadyExists {
                        path: self.target.display().to_string(),
                    });
                }
                fs::rename(&self.tmp, &self.target)?;
            }
        }
        sync_dir(&self.dir)?;
        Ok(())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        remove_temp(&self.tmp);
        let _ = fs::remove_file(&self.lock_path);
    }
}

/// Writes `bytes` to `target` atomically, replacing an existing file.
pub fn write_file(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let w = Pending::start(target)?;
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&w.tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    w.replace()
}

/// Builds a new file with `build` at a temporary path beside `target` (e.g. a SQLite
/// database; it must be closed when `build` returns) and moves it into place. An existing
/// `target` is refused with [`StoreError::AlreadyExists`]; on any failure nothing is left.
pub fn build_new(target: &Path, build: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let w = Pending::start(target)?;
    if w.target.exists() {
        return Err(StoreError::AlreadyExists {
            path: w.target.display().to_string(),
        });
    }
    build(&w.tmp)?;
    w.sync_temp()?;
    w.place_new()
}

/// [`build_new`] that replaces an existing `target`.
pub fn build_replacing(target: &Path, build: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let w = Pending::start(target)?;
    build(&w.tmp)?;
    w.sync_temp()?;
    w.replace()?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::testing::names;

    #[test]
    fn temporary_names_are_recognised_for_their_target_only() {
        assert_eq!(temp_pid(".a.pdf.42.tmp", "a.pdf"), Some(42));
        assert_eq!(temp_pid(".a.pdf.42.tmp-wal", "a.pdf"), Some(42));
        assert_eq!(temp_pid(".a.pdf.42.tmp.lock", "a.pdf"), Some(42));
        assert_eq!(temp_pid(".a.pdf.42.txt", "a.pdf"), None);
        assert_eq!(temp_pid(".b.pdf.42.tmp", "a.pdf"), None);
        assert_eq!(temp_pid("a.pdf", "a.pdf"), None);
        assert_eq!(legacy_pid("p.r20k-importing-7", "p"), Some(7));
        assert_eq!(legacy_pid("p.r20k-importing-7-shm", "p"), Some(7));
        assert_eq!(legacy_pid("p.r20k-other-7", "p"), None);
        assert_eq!(legacy_pid("p.r20k", "p"), None);
    }

    #[test]
    fn writes_replace_and_leave_nothing_beside() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.pdf");
        write_file(&target, b"one").unwrap();
        write_file(&target, b"two").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["out.pdf"]);
    }

    #[test]
    fn leftovers_of_dead_writers_go_and_live_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("p.r20k");
        for stale in [
            ".p.r20k.999999.tmp",
            ".p.r20k.999999.tmp-wal",
            ".p.r20k.999999.tmp-shm",
            ".p.r20k.999999.tmp.lock",
            "p.r20k-importing-999999",
            "p.r20k-importing-999999-wal",
            "other.txt",
        ] {
            fs::write(dir.path().join(stale), b"x").unwrap();
        }
        // A writer that still holds its lock keeps its files.
        fs::write(dir.path().join(".p.r20k.999998.tmp"), b"x").unwrap();
        let held = File::create(dir.path().join(".p.r20k.999998.tmp.lock")).unwrap();
        held.lock().unwrap();
        clean_leftovers(&target).unwrap();
        assert_eq!(
            names(dir.path()),
            [".p.r20k.999998.tmp", ".p.r20k.999998.tmp.lock", "other.txt"]
        );
        drop(held);
        clean_leftovers(&target).unwrap();
        assert_eq!(names(dir.path()), ["other.txt"]);
    }

    #[test]
    fn build_new_refuses_an_existing_target_and_cleans_up_a_failed_build() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("p.r20k");
        let failed = build_new(&target, |tmp| {
            fs::write(tmp, b"half")?;
            fs::write(with_suffix(tmp, "-wal"), b"half")?;
            Err(StoreError::Inconsistent("stop".into()))
        });
        assert_eq!(failed.unwrap_err().code(), "inconsistent");
        assert!(names(dir.path()).is_empty());
        build_new(&target, |tmp| Ok(fs::write(tmp, b"db")?)).unwrap();
        let again = build_new(&target, |tmp| Ok(fs::write(tmp, b"other")?));
        assert_eq!(again.unwrap_err().code(), "already_exists");
        assert_eq!(fs::read(&target).unwrap(), b"db");
        assert_eq!(names(dir.path()), ["p.r20k"]);
        build_replacing(&target, |tmp| Ok(fs::write(tmp, b"copy")?)).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"copy");
        assert_eq!(names(dir.path()), ["p.r20k"]);
    }
}
