//! What the audit records show: coverage of clauses 4–10 and processes, and the facts the
//! verdict reads ([`audit_facts`]).

use std::collections::BTreeSet;

use super::checklist::in_scope;
use super::independence::audit_processes;
use super::types::{Audit, AuditProgramme, AuditStatus};
use crate::content::{ClauseKind, Library, top_level_of};
use crate::scoring::AuditFacts;
use crate::wizard::processes::processes;

/// Requirement clauses 4–10 not inside any of `audits`' scopes. A top-level clause none of
/// whose requirements is covered is named once (`8` rather than all of 8's sub-clauses).
pub fn clauses_not_covered<'a>(
    lib: &Library,
    audits: impl IntoIterator<Item = &'a Audit>,
) -> Vec<String> {
    let scope: Vec<String> = audits
        .into_iter()
        .flat_map(|a| a.clauses.iter().cloned())
        .collect();
    let reqs: Vec<&str> = lib
        .clauses
        .iter()
        .filter(|c| c.kind == ClauseKind::Requirement)
        .map(|c| c.id.as_str())
        .collect();
    let missing: Vec<&str> = reqs
        .iter()
        .copied()
        .filter(|r| !in_scope(r, &scope))
        .collect();
    let mut out: Vec<String> = Vec::new();
    for r in &missing {
        let top = top_level_of(r);
        let whole = reqs
            .iter()
            .filter(|x| top_level_of(x) == top)
            .all(|x| missing.contains(x));
        let name = if whole { top } else { r };
        if !out.iter().any(|o| o == name) {
            out.push(name.to_owned());
        }
    }
    out
}

/// Names of SMS processes no audit in `audits` covers.
pub fn processes_not_covered<'a>(audits: impl IntoIterator<Item = &'a Audit>) -> Vec<String> {
    let covered: BTreeSet<String> = audits.into_iter().flat_map(audit_processes).collect();
    processes()
        .into_iter()
        .filter(|p| !covered.contains(&p.id))
        .map(|p| p.name)
        .collect()
}

/// The audit facts for the verdict: a programme with audits exists; how many audits are
/// performed and reported; which requirement clauses the reported ones have not covered.
pub fn audit_facts(
    lib: &Library,
    programme: Option<&AuditProgramme>,
    audits: &[Audit],
) -> AuditFacts {
    let reported: Vec<&Audit> = audits
        .iter()
        .filter(|a| a.status == AuditStatus::Reported)
        .collect();
    AuditFacts {
        programme: programme.is_some() && !audits.is_empty(),
        performed: u32::try_from(reported.len()).unwrap_or(u32::MAX),
        clauses_not_covered: clauses_not_covered(lib, reported),
    }
}
