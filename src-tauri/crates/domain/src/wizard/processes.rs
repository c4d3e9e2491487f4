//! The SMS processes a small firm runs, with who is accountable (A), responsible (R),
//! consulted (C) and informed (I). Used for the RACI view and for "which processes do other
//! parties operate" in the scope step. The table itself is content: `content/processes.toml`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One process of the service management system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Process {
    /// `P-…`, stable.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Clauses it covers.
    pub clauses: Vec<String>,
    /// The accountable role (exactly one).
    pub accountable: String,
    /// Responsible roles (do the work).
    pub responsible: Vec<String>,
    /// Consulted roles.
    pub consulted: Vec<String>,
    /// Informed roles.
    pub informed: Vec<String>,
    /// Whether another party may operate it (clauses 4 and 5 stay in-house).
    pub delegable: bool,
    /// Whether it is an operational clause 8 process (at least one of these must stay with
    /// the firm).
    pub operational: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcessFile {
    process: Vec<Process>,
}

static PROCESSES: std::sync::OnceLock<Vec<Process>> = std::sync::OnceLock::new();

/// All processes, in clause order (the content file `processes.toml`, parsed once).
#[allow(clippy::expect_used)]
pub fn processes() -> Vec<Process> {
    PROCESSES
        .get_or_init(|| {
            toml::from_str::<ProcessFile>(crate::content::embedded::PROCESSES)
                .expect("embedded processes.toml parses (checked by tests)")
                .process
        })
        .clone()
}

/// The process with `id`.
pub fn process(id: &str) -> Option<Process> {
    processes().into_iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::library;

    #[test]
    fn every_role_in_the_table_exists_and_ids_are_unique() {
        let lib = library();
        let ps = processes();
        let mut ids: Vec<&str> = ps.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ps.len());
        for p in &ps {
            for r in std::iter::once(&p.accountable)
                .chain(&p.responsible)
                .chain(&p.consulted)
                .chain(&p.informed)
            {
                assert!(
                    lib.roles.iter().any(|x| &x.id == r),
                    "{} names unknown {r}",
                    p.id
                );
            }
        }
    }

    #[test]
    fn clauses_4_and_5_are_not_delegable() {
        let lead = process("P-LEAD").unwrap();
        assert!(!lead.delegable);
        assert!(processes().iter().filter(|p| p.operational).count() >= 10);
    }
}
