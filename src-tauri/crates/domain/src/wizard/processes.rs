//! The SMS processes a small firm runs, with who is accountable (A), responsible (R),
//! consulted (C) and informed (I). Used for the RACI view and for "which processes do other
//! parties operate" in the scope step.

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

struct Def {
    id: &'static str,
    name: &'static str,
    clauses: &'static [&'static str],
    a: &'static str,
    r: &'static [&'static str],
    c: &'static [&'static str],
    i: &'static [&'static str],
    delegable: bool,
    operational: bool,
}

const DEFS: &[Def] = &[
    Def {
        id: "P-LEAD",
        name: "Context, leadership and policy",
        clauses: &["4", "5"],
        a: "ROLE-TM",
        r: &["ROLE-SMSM"],
        c: &["ROLE-BRM"],
        i: &[],
        delegable: false,
        operational: false,
    },
    Def {
        id: "P-PLAN",
        name: "Planning, risks and objectives",
        clauses: &["6"],
        a: "ROLE-SMSM",
        r: &[],
        c: &["ROLE-TM", "ROLE-ISM"],
        i: &[],
        delegable: true,
        operational: false,
    },
    Def {
        id: "P-SUPPORT",
        name: "Resources, competence, documents, knowledge",
        clauses: &["7"],
        a: "ROLE-SMSM",
        r: &["ROLE-PEOPLE", "ROLE-DOC", "ROLE-KM"],
        c: &["ROLE-TM", "ROLE-EXT"],
        i: &[],
        delegable: true,
        operational: false,
    },
    Def {
        id: "P-PORT",
        name: "Service portfolio and catalogue",
        clauses: &["8.2.1", "8.2.2", "8.2.4"],
        a: "ROLE-SO",
        r: &["ROLE-SMSM"],
        c: &["ROLE-BRM"],
        i: &["ROLE-SLM"],
        delegable: true,
        operational: true,
    },
    Def {
        id: "P-CFG",
        name: "Asset and configuration management",
        clauses: &["8.2.5", "8.2.6"],
        a: "ROLE-CFG",
        r: &["ROLE-RES"],
        c: &["ROLE-CHG"],
        i: &[],
        delegable: true,
        operational: true,
    },
    Def {
        id: "P-BRM",
        name: "Business relationship management",
        clauses: &["8.3.2"],
        a: "ROLE-BRM",
        r: &[],
        c: &["ROLE-SO"],
        i: &["ROLE-TM"],
        delegable: true,
        operational: true,
    },
    Def {
        id: "P-SLM",
        name: "Service level management",
        clauses: &["8.3.3"],
        a: "ROLE-SLM",
        r: &[],
        c: &["ROLE-SO", "ROLE-BRM"],
        i: &["ROLE-TM"],
        delegable: true,
        operational: true,
    },
    Def {
        id: "P-SUP",
        name: "Supplier management",
        clauses: &["8.2.3", "8.3.4"],
        a: "ROLE-SUP",
        r: &[],
        c: &["ROLE-SO", "ROLE-FIN"],
        i: &["ROLE-TM"],
        delegable: true,
        operational: true,
    },
    Def {
        id: "P-FIN",
        name: "Budgeting and accounting for services",
        clauses: &["8.4.1"],
        a: "ROLE-FIN",
        r: &[],
        c: &["ROLE-SO"],
        i: &["ROLE-TM"],
        delegable: true,
        operational: true,
    },
    Def {
        id: "P-CAP",
        name: "Demand and capacity management",
        clauses: &["8.4.2", "8.4.3"],
        a: "ROLE-CAP",
        r: &["ROLE-RES"],
        c: &["ROLE-SO"],
        i: &[],
        delegable: true,
        operational: true,
    },
    Def {
        id: "P-CHG",
        name: "Change management",
        clauses: &["8.5.1"],
        a: "ROLE-CHG",
        r: &["ROLE-CAB", "ROLE-RES"],
        c: &["ROLE-SO", "ROLE-ISM"],
        i: &["ROLE-SD"],
        delegable: true,
        operational: true,
    },
    Def {
        id: "P-DT",
        name: "Service design and transition",
        clauses: &["8.5.2"],
        a: "ROLE-DT",
        r: &["ROLE-RES"],
        c: &["ROLE-SO", "ROLE-CHG"],
        i: &["ROLE-BRM"],
        delegable: true,
        operational: true,
    },
    Def {
        id: "P-REL",
        name: "Release and deployment management",
        clauses: &["8.5.3"],
        a: "ROLE-REL",
        r: &["ROLE-RES"],
        c: &["ROLE-CHG"],
        i: &["ROLE-SD"],
        delegable: true,
        operational: true,
    },
    Def {
        id: "P-INC",
        name: "Incident management",
        clauses: &["8.6.1"],
        a: "ROLE-INC",
        r: &["ROLE-SD", "ROLE-RES"],
        c: &["ROLE-PRB"],
        i: &["ROLE-BRM"],
        delegable: true,
        operational: true,
    },
    Def {
        id: "P-REQ",
        name: "Service request management",
        clauses: &["8.6.2"],
        a: "ROLE-SD",
        r: &["ROLE-RES"],
        c: &["ROLE-SO"],
        i: &[],
        delegable: true,
        operational: true,
    },
    Def {
        id: "P-PRB",
        name: "Problem management",
        clauses: &["8.6.3"],
        a: "ROLE-PRB",
        r: &["ROLE-RES"],
        c: &["ROLE-INC", "ROLE-CHG"],
        i: &["ROLE-KM"],
        delegable: true,
        operational: true,
    },
    Def {
        id: "P-AVL",
        name: "Service availability management",
        clauses: &["8.7.1"],
        a: "ROLE-AVL",
        r: &["ROLE-RES"],
        c: &["ROLE-CAP", "ROLE-SO"],
        i: &[],
        delegable: true,
        operational: true,
    },
    Def {
        id: "P-CONT",
        name: "Service continuity management",
        clauses: &["8.7.2"],
        a: "ROLE-CONT",
        r: &["ROLE-RES"],
        c: &["ROLE-AVL"],
        i: &["ROLE-TM"],
        delegable: true,
        operational: true,
    },
    Def {
        id: "P-ISM",
        name: "Information security management",
        clauses: &["8.7.3"],
        a: "ROLE-ISM",
        r: &["ROLE-RES", "ROLE-SD"],
        c: &["ROLE-TM"],
        i: &[],
        delegable: true,
        operational: true,
    },
    Def {
        id: "P-EVAL",
        name: "Monitoring, internal audit and management review",
        clauses: &["9"],
        a: "ROLE-TM",
        r: &["ROLE-SMSM", "ROLE-IA", "ROLE-SLM"],
        c: &[],
        i: &[],
        delegable: true,
        operational: false,
    },
    Def {
        id: "P-IMP",
        name: "Nonconformity and continual improvement",
        clauses: &["10"],
        a: "ROLE-SMSM",
        r: &[],
        c: &["ROLE-TM"],
        i: &[],
        delegable: true,
        operational: false,
    },
];

fn owned(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|s| (*s).to_owned()).collect()
}

/// All processes, in clause order.
pub fn processes() -> Vec<Process> {
    DEFS.iter()
        .map(|d| Process {
            id: d.id.to_owned(),
            name: d.name.to_owned(),
            clauses: owned(d.clauses),
            accountable: d.a.to_owned(),
            responsible: owned(d.r),
            consulted: owned(d.c),
            informed: owned(d.i),
            delegable: d.delegable,
            operational: d.operational,
        })
        .collect()
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
