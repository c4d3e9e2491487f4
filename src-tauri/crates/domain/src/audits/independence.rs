//! Auditor independence (9.2, SOD-01): nobody audits a process they own or operate.
//!
//! A person "runs" a process when one of their roles is accountable or responsible for it in
//! the RACI. An audit is independent when every process in its scope has at least one auditor
//! who does not run it (two people cross-auditing each other's areas is a clean split). A
//! contracted auditor named on the audit (not on the people list) runs nothing. Where no clean
//! split exists the audit needs a recorded mitigation.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::types::Audit;
use crate::wizard::WizardData;
use crate::wizard::processes::{Process, processes};
use crate::wizard::raci::{RaciLetter, letter};

/// How independent an audit's auditors are of its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IndependenceState {
    /// Every process in scope has an auditor who does not run it.
    Independent,
    /// Not independent, with a recorded mitigation.
    Mitigated,
    /// Not independent and no mitigation recorded.
    Conflict,
    /// Nobody is assigned yet.
    NoAuditor,
}

/// One auditor who runs part of the audit's scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditorConflict {
    /// The person.
    pub person_id: i64,
    /// Their name.
    pub person: String,
    /// Names of the processes in scope they own or operate.
    pub processes: Vec<String>,
}

/// The independence check of one audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Independence {
    /// The verdict.
    pub state: IndependenceState,
    /// Auditors who run part of the scope (they audit only the rest).
    pub conflicts: Vec<AuditorConflict>,
    /// Processes in scope that no auditor is independent of.
    pub uncovered: Vec<String>,
    /// One sentence for people.
    pub message: String,
}

impl Independence {
    /// Independent or mitigated.
    pub fn is_acceptable(&self) -> bool {
        matches!(
            self.state,
            IndependenceState::Independent | IndependenceState::Mitigated
        )
    }
}

/// Whether clause `a` and clause `b` overlap (one is the other or contains it).
pub fn clauses_overlap(a: &str, b: &str) -> bool {
    let within = |x: &str, y: &str| x == y || x.starts_with(&format!("{y}."));
    within(a, b) || within(b, a)
}

/// Process ids whose clauses overlap `clauses`, in clause order.
pub fn scope_processes(clauses: &[String]) -> Vec<String> {
    processes()
        .into_iter()
        .filter(|p| {
            p.clauses
                .iter()
                .any(|pc| clauses.iter().any(|c| clauses_overlap(pc, c)))
        })
        .map(|p| p.id)
        .collect()
}

/// Process ids `person` owns (A) or operates (R) through any of their roles.
pub fn runs(data: &WizardData, person: i64) -> BTreeSet<String> {
    let roles: Vec<&str> = data
        .assignments
        .iter()
        .filter(|a| a.holders.contains(&person))
        .map(|a| a.role_id.as_str())
        .collect();
    processes()
        .into_iter()
        .filter(|p| {
            roles
                .iter()
                .any(|r| matches!(letter(p, r), Some(RaciLetter::A | RaciLetter::R)))
        })
        .map(|p| p.id)
        .collect()
}

/// The processes of `audit`'s scope: its own list, or those of its clauses.
pub fn audit_processes(audit: &Audit) -> Vec<String> {
    if audit.processes.is_empty() {
        scope_processes(&audit.clauses)
    } else {
        audit.processes.clone()
    }
}

fn process_name(all: &[Process], id: &str) -> String {
    all.iter()
        .find(|p| p.id == id)
        .map_or_else(|| id.to_owned(), |p| p.name.clone())
}

/// Checks `audit`'s auditors against the processes in its scope.
pub fn check_independence(data: &WizardData, audit: &Audit) -> Independence {
    let all = processes();
    let scope = audit_processes(audit);
    let external = !audit.external_auditor.trim().is_empty();
    if audit.auditor_ids.is_empty() && !external {
        return Independence {
            state: IndependenceState::NoAuditor,
            conflicts: Vec::new(),
            uncovered: Vec::new(),
            message: "No auditor yet: choose one who runs none of these processes, two people \
                      who cross-audit, or a contracted auditor."
                .into(),
        };
    }
    let mut conflicts = Vec::new();
    let mut covered: BTreeSet<&str> = BTreeSet::new();
    for id in &audit.auditor_ids {
        let own = runs(data, *id);
        let mut mine = Vec::new();
        for p in &scope {
            if own.contains(p) {
                mine.push(process_name(&all, p));
            } else {
                covered.insert(p);
            }
        }
        if !mine.is_empty() {
            let person = data
                .person(*id)
                .map_or_else(|| format!("Person {id}"), |p| p.name.clone());
            conflicts.push(AuditorConflict {
                person_id: *id,
                person,
                processes: mine,
            });
        }
    }
    let uncovered: Vec<String> = if external {
        Vec::new()
    } else {
        scope
            .iter()
            .filter(|p| !covered.contains(p.as_str()))
            .map(|p| process_name(&all, p))
            .collect()
    };
    let mitigated = !audit.mitigation.trim().is_empty();
    let (state, message) = if uncovered.is_empty() {
        let m = if conflicts.is_empty() {
            "Independent: no auditor runs a process in this scope.".to_owned()
        } else {
            let who: Vec<String> = conflicts
                .iter()
                .map(|c| format!("{} must not audit {}", c.person, c.processes.join(", ")))
                .collect();
            format!(
                "Independent as a split: {}; another auditor covers it.",
                who.join("; ")
            )
        };
        (IndependenceState::Independent, m)
    } else if mitigated {
        (
            IndependenceState::Mitigated,
            format!(
                "No auditor is independent of {}; the recorded mitigation applies.",
                uncovered.join(", ")
            ),
        )
    } else {
        (
            IndependenceState::Conflict,
            format!(
                "No auditor is independent of {}: add an auditor who does not run it, use a \
                 contracted auditor, or record how objectivity is kept (mitigation).",
                uncovered.join(", ")
            ),
        )
    };
    Independence {
        state,
        conflicts,
        uncovered,
        message,
    }
}
