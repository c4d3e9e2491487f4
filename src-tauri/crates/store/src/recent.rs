//! The recent-projects list, kept as a small JSON file in the app's data directory.

use std::path::{Path, PathBuf};

use ready20k_domain::project::RecentProject;
use serde::{Deserialize, Serialize};

use crate::Result;

/// How many entries the list keeps.
pub const MAX_RECENT: usize = 12;

#[derive(Debug, Default, Serialize, Deserialize)]
struct RecentFile {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    path: String,
    firm_name: String,
    opened_at: String,
}

/// The recent list stored at one file path.
#[derive(Debug, Clone)]
pub struct RecentList {
    file: PathBuf,
}

impl RecentList {
    /// The list kept in `dir/recent.json`.
    pub fn in_dir(dir: &Path) -> Self {
        Self {
            file: dir.join("recent.json"),
        }
    }

    fn read(&self) -> RecentFile {
        // A missing or damaged list is not worth failing over: start a fresh one.
        std::fs::read(&self.file)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    fn write(&self, list: &RecentFile) -> Result<()> {
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        crate::atomic::write_file(&self.file, &serde_json::to_vec_pretty(list)?)?;
        Ok(())
    }

    /// Entries, most recent first, each marked with whether the file still exists.
    pub fn list(&self) -> Vec<RecentProject> {
        self.read()
            .entries
            .into_iter()
            .map(|e| RecentProject {
                exists: Path::new(&e.path).exists(),
                path: e.path,
                firm_name: e.firm_name,
                opened_at: e.opened_at,
            })
            .collect()
    }

    /// Puts `path` at the top of the list.
    pub fn touch(&self, path: &Path, firm_name: &str, opened_at: &str) -> Result<()> {
        let path = path.display().to_string();
        let mut list = self.read();
        list.entries.retain(|e| e.path != path);
        list.entries.insert(
            0,
            Entry {
                path,
                firm_name: firm_name.to_string(),
                opened_at: opened_at.to_string(),
            },
        );
        list.entries.truncate(MAX_RECENT);
        self.write(&list)
    }

    /// Removes `path` from the list.
    pub fn forget(&self, path: &str) -> Result<()> {
        let mut list = self.read();
        list.entries.retain(|e| e.path != path);
        self.write(&list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touch_orders_dedups_and_caps() {
        let dir = tempfile::tempdir().unwrap();
        let list = RecentList::in_dir(dir.path());
        assert!(list.list().is_empty());
        for i in 0..15 {
            list.touch(
                &dir.path().join(format!("p{i}.r20k")),
                &format!("F{i}"),
                "t",
            )
            .unwrap();
        }
        list.touch(&dir.path().join("p3.r20k"), "F3", "t2").unwrap();
        let l = list.list();
        assert_eq!(l.len(), MAX_RECENT);
        assert_eq!(l[0].firm_name, "F3");
        assert!(!l[0].exists);
        assert_eq!(l.iter().filter(|e| e.firm_name == "F3").count(), 1);
        list.forget(&l[0].path).unwrap();
        assert_eq!(list.list()[0].firm_name, "F14");
    }

    #[test]
    fn damaged_list_reads_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("recent.json"), b"{not json").unwrap();
        assert!(RecentList::in_dir(dir.path()).list().is_empty());
    }
}
