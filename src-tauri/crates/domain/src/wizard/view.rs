//! Everything the wizard screens show, assembled from the stored [`WizardData`]: the issues
//! of every step ([`super::checks`]), the step list and the neighbours of the current step
//! ([`super::steps`]), SoD findings, the RACI matrix and the scope statement.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::checks;
use super::processes::{Process, processes};
use super::raci::{RaciMatrix, raci};
use super::scope::{effective_statement, generate_statement};
use super::sod::{SodReport, sod_of};
use super::steps::statuses;
use super::types::{Issue, StepId, WizardData};
use crate::content::{Library, Role};

pub use super::steps::{StepState, StepStatus, completion_blocker, step_label};

/// What the wizard screens need, in one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WizardView {
    /// What is stored.
    pub data: WizardData,
    /// The scope statement generated from the data.
    pub scope_generated: String,
    /// The statement in force (edited text, or the generated one).
    pub scope_effective: String,
    /// Every issue of every step.
    pub issues: Vec<Issue>,
    /// Separation-of-duties findings.
    pub sod: SodReport,
    /// Roles × processes.
    pub raci: RaciMatrix,
    /// The step list.
    pub steps: Vec<StepStatus>,
    /// The step before the current one ("Back"); `None` on the first.
    pub previous_step: Option<StepId>,
    /// The step after the current one ("Next"); `None` on the last.
    pub next_step: Option<StepId>,
    /// The library's roles, in catalogue order.
    pub roles: Vec<Role>,
    /// The processes (for "which processes do other parties operate").
    pub processes: Vec<Process>,
    /// What comes after the wizard.
    pub next_steps: Vec<String>,
}

/// A removed person, returned so the UI can offer undo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonRemoved {
    /// The person as they were.
    pub person: super::types::Person,
    /// The wizard after the removal.
    pub view: WizardView,
}

/// The next steps after the wizard, for the review page.
pub fn next_steps(d: &WizardData) -> Vec<String> {
    let mut out = vec![
        "Draft the policies and procedures (Policies): they are filled in from what you entered \
         here, including names of role holders."
            .to_owned(),
        "Answer the readiness assessment for clauses 4–10 and attach evidence (Assessment)."
            .to_owned(),
        "Run the SMS for about three months, keeping records (tickets, changes, reviews), then \
         hold an internal audit and a management review."
            .to_owned(),
    ];
    match d.profile.certification_body.trim() {
        "" => out.push(
            "Choose an accredited certification body and ask for a quote; give them your scope \
             statement and headcount."
                .to_owned(),
        ),
        cb => out.push(format!(
            "Send {cb} your scope statement and headcount and agree Stage 1 and Stage 2 dates."
        )),
    }
    out
}

/// Builds the whole view. `today` comes from the app's clock.
pub fn view(lib: &Library, data: WizardData, today: NaiveDate) -> WizardView {
    let sod = sod_of(lib, &data);
    let issues = checks::all(lib, &data, &sod, today);
    let current = data.progress.current;
    WizardView {
        scope_generated: generate_statement(&data),
        scope_effective: effective_statement(&data),
        raci: raci(lib, &data),
        next_steps: next_steps(&data),
        roles: lib.roles.clone(),
        processes: processes(),
        steps: statuses(&data.progress, &issues),
        previous_step: current.previous(),
        next_step: current.next(),
        issues,
        sod,
        data,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::field_reassign_with_default)]
mod tests {
    use super::*;
    use crate::content::library;
    use crate::test_support::{codes, wizard_today as today};
    use crate::wizard::types::{IssueCode, Level, Person, RoleAssignment, WizardProgress};

    #[test]
    fn empty_project_has_errors_in_every_data_step() {
        let v = view(library(), WizardData::default(), today());
        for step in [
            StepId::Profile,
            StepId::Context,
            StepId::Services,
            StepId::People,
            StepId::Roles,
        ] {
            assert!(
                v.steps.iter().find(|s| s.step == step).unwrap().errors > 0,
                "{step:?}"
            );
        }
        assert!(v.steps.iter().all(|s| s.state == StepState::Todo));
        assert_eq!(
            (v.previous_step, v.next_step),
            (None, Some(StepId::Context))
        );
    }

    #[test]
    fn the_view_names_the_neighbours_of_the_current_step() {
        let mut d = WizardData::default();
        d.progress.current = StepId::People;
        let v = view(library(), d.clone(), today());
        assert_eq!(v.previous_step, Some(StepId::Services));
        assert_eq!(v.next_step, Some(StepId::Roles));
        d.progress.current = StepId::Review;
        let v = view(library(), d, today());
        assert_eq!((v.previous_step, v.next_step), (Some(StepId::Roles), None));
    }

    #[test]
    fn roles_step_reports_gaps_deputies_and_blocks_and_step_states() {
        let lib = library();
        let mut d = WizardData::default();
        d.people = vec![Person::named(1, "Ann"), Person::named(2, "Bob")];
        d.assignments = vec![
            RoleAssignment {
                role_id: "ROLE-TM".into(),
                holders: vec![1],
                deputy: Some(1),
            },
            RoleAssignment {
                role_id: "ROLE-SMSM".into(),
                holders: vec![1],
                deputy: None,
            },
            // Top management as internal auditor would audit the processes they own (SOD-01).
            RoleAssignment {
                role_id: "ROLE-IA".into(),
                holders: vec![1],
                deputy: None,
            },
        ];
        d.progress = WizardProgress {
            current: StepId::Roles,
            completed: vec![StepId::Roles],
        };
        let v = view(lib, d, today());
        let c = codes(&v.issues, StepId::Roles);
        assert!(c.contains(&IssueCode::RoleUnassigned));
        assert!(c.contains(&IssueCode::DeputyIsHolder));
        assert!(c.contains(&IssueCode::DeputyMissing));
        let block = v
            .issues
            .iter()
            .find(|i| i.code == IssueCode::SodConflict)
            .unwrap();
        assert_eq!(block.level, Level::Error);
        assert!(block.message.starts_with("SOD-01"), "{}", block.message);
        // Top management who is also SMS manager is no conflict (SOD-20 is checked on
        // review records).
        assert!(!v.issues.iter().any(|i| i.message.starts_with("SOD-20")));
        let roles = v.steps.iter().find(|s| s.step == StepId::Roles).unwrap();
        assert_eq!(roles.state, StepState::Attention);
    }
}
