//! The RACI matrix (roles × processes) derived from the role assignments.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::processes::{Process, processes};
use super::types::WizardData;
use crate::content::Library;

/// Responsible, accountable, consulted, informed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub enum RaciLetter {
    /// Accountable (strongest).
    A,
    /// Responsible.
    R,
    /// Consulted.
    C,
    /// Informed.
    I,
}

/// A process column with who operates parts of it outside the firm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RaciProcess {
    /// The process.
    pub process: Process,
    /// Names of the people holding the accountable role.
    pub accountable_people: Vec<String>,
    /// Other parties recorded as operating it, wholly or in part.
    pub operated_by: Vec<String>,
}

/// One row: a role or a person, with a letter per process (same order as the columns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RaciRow {
    /// Role id, or `person:<id>`.
    pub key: String,
    /// Role name or person name.
    pub label: String,
    /// For a role row: the holders' names; for a person row: their role names.
    pub detail: Vec<String>,
    /// Letter per process column.
    pub cells: Vec<Option<RaciLetter>>,
}

/// The matrix, by role and by person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RaciMatrix {
    /// Columns.
    pub processes: Vec<RaciProcess>,
    /// One row per library role.
    pub by_role: Vec<RaciRow>,
    /// One row per person with at least one role (strongest letter over their roles).
    pub by_person: Vec<RaciRow>,
    /// Processes nobody is accountable for, with how to fix it.
    pub gaps: Vec<String>,
}

/// The letter `role` has for `p`.
pub fn letter(p: &Process, role: &str) -> Option<RaciLetter> {
    if p.accountable == role {
        Some(RaciLetter::A)
    } else if p.responsible.iter().any(|r| r == role) {
        Some(RaciLetter::R)
    } else if p.consulted.iter().any(|r| r == role) {
        Some(RaciLetter::C)
    } else if p.informed.iter().any(|r| r == role) {
        Some(RaciLetter::I)
    } else {
        None
    }
}

/// Derives the matrix from `data`'s assignments.
pub fn raci(lib: &Library, data: &WizardData) -> RaciMatrix {
    let ps = processes();
    let role_name = |id: &str| {
        lib.role(id)
            .map_or_else(|| id.to_owned(), |r| r.name.clone())
    };
    let columns: Vec<RaciProcess> = ps
        .iter()
        .map(|p| RaciProcess {
            process: p.clone(),
            accountable_people: data.holder_names(&p.accountable),
            operated_by: data
                .other_parties
                .iter()
                .filter(|o| o.processes.contains(&p.id))
                .map(|o| o.name.clone())
                .collect(),
        })
        .collect();
    let by_role = lib
        .roles
        .iter()
        .map(|r| RaciRow {
            key: r.id.clone(),
            label: r.name.clone(),
            detail: data.holder_names(&r.id),
            cells: ps.iter().map(|p| letter(p, &r.id)).collect(),
        })
        .collect();
    let by_person = data
        .people
        .iter()
        .filter_map(|person| {
            let roles: Vec<&str> = data
                .assignments
                .iter()
                .filter(|a| a.holders.contains(&person.id))
                .map(|a| a.role_id.as_str())
                .collect();
            if roles.is_empty() {
                return None;
            }
            Some(RaciRow {
                key: format!("person:{}", person.id),
                label: person.name.clone(),
                detail: roles.iter().map(|r| role_name(r)).collect(),
                cells: ps
                    .iter()
                    .map(|p| roles.iter().filter_map(|r| letter(p, r)).min())
                    .collect(),
            })
        })
        .collect();
    let gaps = columns
        .iter()
        .filter(|c| c.accountable_people.is_empty())
        .map(|c| {
            format!(
                "Nobody is accountable for {}: assign {}.",
                c.process.name,
                role_name(&c.process.accountable)
            )
        })
        .collect();
    RaciMatrix {
        processes: columns,
        by_role,
        by_person,
        gaps,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::field_reassign_with_default)]
mod tests {
    use super::*;
    use crate::content::library;
    use crate::wizard::types::{Person, RoleAssignment};

    #[test]
    fn matrix_follows_assignments_and_names() {
        let lib = library();
        let mut d = WizardData::default();
        d.people = vec![Person::named(1, "Ann"), Person::named(2, "Bob")];
        d.assignments = vec![
            RoleAssignment {
                role_id: "ROLE-INC".into(),
                holders: vec![1],
                deputy: None,
            },
            RoleAssignment {
                role_id: "ROLE-SD".into(),
                holders: vec![1, 2],
                deputy: None,
            },
        ];
        let m = raci(lib, &d);
        let inc = m
            .processes
            .iter()
            .position(|p| p.process.id == "P-INC")
            .unwrap();
        assert_eq!(m.processes[inc].accountable_people, vec!["Ann"]);
        let ann = m.by_person.iter().find(|r| r.label == "Ann").unwrap();
        // Ann is accountable (INC) and responsible (SD): the strongest letter wins.
        assert_eq!(ann.cells[inc], Some(RaciLetter::A));
        let bob = m.by_person.iter().find(|r| r.label == "Bob").unwrap();
        assert_eq!(bob.cells[inc], Some(RaciLetter::R));
        assert_eq!(m.by_role.len(), lib.roles.len());
        assert!(m.gaps.iter().any(|g| g.contains("Change management")));
        assert!(!m.gaps.iter().any(|g| g.contains("Incident management")));
        // Renaming a holder shows everywhere the matrix uses it.
        d.people[0].name = "Ann Smith".into();
        assert_eq!(
            raci(lib, &d).processes[inc].accountable_people,
            vec!["Ann Smith"]
        );
    }
}
