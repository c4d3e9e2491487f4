//! Checks of step 5: every role held, deputies, separation-of-duties findings.

use super::push;
use crate::content::{Library, Severity};
use crate::wizard::sod::{EXTERNAL_ROLE, SodReport};
use crate::wizard::types::{Issue, IssueCode, Level, StepId, WizardData};

/// Checks of step 5 (assignment completeness, deputies, SoD findings).
pub fn check_roles(lib: &Library, d: &WizardData, sod: &SodReport) -> Vec<Issue> {
    let s = StepId::Roles;
    let mut out = Vec::new();
    let staff = d.people.iter().filter(|p| !p.external).count();
    for role in &lib.roles {
        if role.id == EXTERNAL_ROLE {
            continue;
        }
        let t = format!("role:{}", role.id);
        let a = d.assignment(&role.id);
        let holders: Vec<i64> = a
            .map(|a| {
                a.holders
                    .iter()
                    .copied()
                    .filter(|id| d.person(*id).is_some())
                    .collect()
            })
            .unwrap_or_default();
        if holders.is_empty() {
            push(
                &mut out,
                s,
                IssueCode::RoleUnassigned,
                Level::Error,
                &t,
                format!(
                    "Nobody holds {}. Assign it to a named person (or use \"Suggest for our \
                         size\").",
                    role.name
                ),
            );
            continue;
        }
        let deputy = a
            .and_then(|a| a.deputy)
            .filter(|id| d.person(*id).is_some());
        match deputy {
            Some(dep) if holders.contains(&dep) => push(
                &mut out,
                s,
                IssueCode::DeputyIsHolder,
                Level::Error,
                &t,
                format!(
                    "The deputy for {} also holds it; choose someone else as deputy.",
                    role.name
                ),
            ),
            None if role.needs_deputy => push(
                &mut out,
                s,
                IssueCode::DeputyMissing,
                if staff > 1 {
                    Level::Warning
                } else {
                    Level::Info
                },
                &t,
                if staff > 1 {
                    format!(
                        "{} is a critical role: name a deputy who can step in.",
                        role.name
                    )
                } else {
                    format!(
                        "{} needs a deputy, which a one-person firm cannot name: document \
                             how the work continues if you are unavailable.",
                        role.name
                    )
                },
            ),
            _ => {}
        }
    }
    for f in &sod.findings {
        if f.resolved && f.severity != Severity::Info {
            continue;
        }
        let level = match f.severity {
            Severity::Block => Level::Error,
            Severity::Warn => Level::Warning,
            Severity::Info => Level::Info,
        };
        push(
            &mut out,
            s,
            IssueCode::SodConflict,
            level,
            &format!("sod:{}:{}", f.rule_id, f.person_id),
            format!("{}: {}", f.rule_id, f.message),
        );
    }
    out
}
