//! Everything the wizard screens show, computed from the stored [`WizardData`]: per-step
//! issues, step status, SoD findings, the RACI matrix and the scope statement.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::csv::person_errors;
use super::processes::{Process, processes};
use super::raci::{RaciMatrix, raci};
use super::scope::{check_scope, effective_statement, generate_statement};
use super::sod::{EXTERNAL_ROLE, SodReport, check_sod};
use super::types::{Issue, IssueCode, IssueKind, Level, StepId, WizardData};
use crate::content::{Library, Role, Severity};

/// How far a step is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    /// Not finished yet.
    Todo,
    /// Finished and without errors.
    Done,
    /// Finished earlier, but something now needs fixing.
    Attention,
}

/// A step in the step list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StepStatus {
    /// Which step.
    pub step: StepId,
    /// Its title.
    pub label: String,
    /// Done, to do, or needs attention.
    pub state: StepState,
    /// Errors in the step.
    pub errors: u32,
    /// Warnings in the step.
    pub warnings: u32,
}

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

/// Why `step` cannot be marked finished, if it cannot: only an unresolved `block`
/// separation-of-duties conflict stops the roles step; other errors leave the step marked
/// as needing attention.
pub fn completion_blocker(v: &WizardView, step: StepId) -> Option<String> {
    if step == StepId::Roles && v.sod.unresolved_blocks > 0 {
        let first = v
            .sod
            .findings
            .iter()
            .find(|f| f.severity == Severity::Block && !f.resolved)
            .map(|f| format!(" First: {} — {}", f.rule_id, f.message))
            .unwrap_or_default();
        Some(format!(
            "{} blocking separation-of-duties conflict(s) must be resolved before you go on:              reassign a role, or record a mitigation where the rule allows one.{first}",
            v.sod.unresolved_blocks
        ))
    } else {
        None
    }
}

/// Title of a step.
pub fn step_label(step: StepId) -> &'static str {
    match step {
        StepId::Profile => "Firm profile",
        StepId::Context => "Context",
        StepId::Services => "Services and scope",
        StepId::People => "People",
        StepId::Roles => "Roles",
        StepId::Review => "Review",
    }
}

fn push(out: &mut Vec<Issue>, step: StepId, code: IssueCode, level: Level, t: &str, m: String) {
    let target = if t.is_empty() {
        None
    } else {
        Some(t.to_owned())
    };
    out.push(Issue::new(step, code, level, target, m));
}

/// Checks of step 1. `today` is used to judge the target date.
pub fn check_profile(d: &WizardData, today: NaiveDate) -> Vec<Issue> {
    let p = &d.profile;
    let s = StepId::Profile;
    let mut out = Vec::new();
    if p.legal_name.trim().is_empty() {
        push(
            &mut out,
            s,
            IssueCode::Required,
            Level::Error,
            "legal_name",
            "Enter the firm's registered legal name; it appears on the certificate.".into(),
        );
    }
    if p.address.trim().is_empty() {
        push(
            &mut out,
            s,
            IssueCode::Required,
            Level::Warning,
            "address",
            "Enter the head office address; the certification body needs it for the audit plan."
                .into(),
        );
    }
    if p.sector.trim().is_empty() {
        push(
            &mut out,
            s,
            IssueCode::Required,
            Level::Warning,
            "sector",
            "Enter your sector, e.g. \"Managed IT services\".".into(),
        );
    }
    if p.headcount == 0 {
        push(
            &mut out,
            s,
            IssueCode::Required,
            Level::Error,
            "headcount",
            "Enter how many people work in the firm (1 or more).".into(),
        );
    } else if p.headcount > 50 {
        push(
            &mut out,
            s,
            IssueCode::HeadcountOutOfRange,
            Level::Warning,
            "headcount",
            format!(
                "{} people is above the 50 this app is made for; the role suggestions \
                     assume a small firm, so review them carefully.",
                p.headcount
            ),
        );
    }
    if p.customer_kinds.iter().all(|c| c.trim().is_empty()) {
        push(
            &mut out,
            s,
            IssueCode::Required,
            Level::Warning,
            "customer_kinds",
            "Add the kinds of customers you serve (pick from the list or type your own); they \
             seed the customers of your services."
                .into(),
        );
    }
    if let Some(date) = p.target_date.as_deref().filter(|x| !x.trim().is_empty()) {
        match NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") {
            Err(_) => push(
                &mut out,
                s,
                IssueCode::InvalidValue,
                Level::Error,
                "target_date",
                format!("\"{date}\" is not a date; use the date picker or the form 2026-09-30."),
            ),
            Ok(d) if d <= today => push(
                &mut out,
                s,
                IssueCode::InvalidValue,
                Level::Error,
                "target_date",
                "The target date is in the past; choose a future date.".into(),
            ),
            Ok(d) if (d - today).num_days() < 90 => push(
                &mut out,
                s,
                IssueCode::InvalidValue,
                Level::Warning,
                "target_date",
                "The target date is less than three months away. Certification bodies usually \
                 want about three months of records from the running SMS before Stage 2."
                    .into(),
            ),
            Ok(_) => {}
        }
    }
    out
}

/// Checks of step 2.
pub fn check_context(d: &WizardData) -> Vec<Issue> {
    let s = StepId::Context;
    let mut out = Vec::new();
    for (kind, label, example) in [
        (
            IssueKind::Internal,
            "internal",
            "\"Key knowledge sits with two engineers\"",
        ),
        (
            IssueKind::External,
            "external",
            "\"Customers ask for evidence of security controls\"",
        ),
    ] {
        if !d
            .issues
            .iter()
            .any(|i| i.kind == kind && !i.text.trim().is_empty())
        {
            push(
                &mut out,
                s,
                IssueCode::NoIssues,
                Level::Error,
                &format!("issues_{label}"),
                format!(
                    "Add at least one {label} issue that affects your services (4.1), e.g. \
                         {example}. Pick from the suggestions or type your own."
                ),
            );
        }
    }
    if d.parties.is_empty() {
        push(
            &mut out,
            s,
            IssueCode::NoParties,
            Level::Error,
            "parties",
            "Add the interested parties and what they require (4.2): at least your customers."
                .into(),
        );
    } else if !d
        .parties
        .iter()
        .any(|p| p.name.to_lowercase().contains("customer"))
    {
        push(
            &mut out,
            s,
            IssueCode::NoParties,
            Level::Warning,
            "parties",
            "Customers are not among the interested parties. Add them with their requirements \
             (service levels, security, reporting)."
                .into(),
        );
    }
    for p in &d.parties {
        let t = format!("party:{}", p.id);
        if p.name.trim().is_empty() {
            push(
                &mut out,
                s,
                IssueCode::Required,
                Level::Error,
                &t,
                "An interested party has no name; name it or remove it.".into(),
            );
        } else if p.requirements.trim().is_empty() {
            push(
                &mut out,
                s,
                IssueCode::PartyWithoutRequirements,
                Level::Warning,
                &t,
                format!(
                    "Say what {} requires from you; the standard asks for their relevant \
                         requirements, not only their names.",
                    p.name.trim()
                ),
            );
        }
    }
    match d.climate.relevant {
        None => push(
            &mut out,
            s,
            IssueCode::ClimateUndecided,
            Level::Error,
            "climate",
            "Decide whether climate change is a relevant issue for your services (Amendment \
             1:2024). \"Not relevant\" is acceptable with a reason."
                .into(),
        ),
        Some(_) if d.climate.rationale.trim().is_empty() => push(
            &mut out,
            s,
            IssueCode::ClimateUndecided,
            Level::Error,
            "climate",
            "Give a short reason for the climate decision, e.g. \"Our services run in cloud \
             regions with their own resilience; customers do not ask for carbon data.\""
                .into(),
        ),
        Some(true)
            if !d
                .issues
                .iter()
                .any(|i| i.text.to_lowercase().contains("climat")) =>
        {
            push(
                &mut out,
                s,
                IssueCode::ClimateUndecided,
                Level::Info,
                "climate",
                "You marked climate change as relevant: add it as an external issue too, so it \
             reaches your risk assessment."
                    .into(),
            )
        }
        Some(_) => {}
    }
    out
}

/// Checks of step 4.
pub fn check_people(d: &WizardData) -> Vec<Issue> {
    let s = StepId::People;
    let mut out = Vec::new();
    let staff = d.people.iter().filter(|p| !p.external).count() as u32;
    if staff == 0 {
        push(
            &mut out,
            s,
            IssueCode::NoPeople,
            Level::Error,
            "people",
            "Add the people who work in the firm (name, e-mail, job title), or import a CSV."
                .into(),
        );
    }
    for p in &d.people {
        let t = format!("person:{}", p.id);
        for e in person_errors(p) {
            let code = if e.contains("e-mail") {
                IssueCode::BadEmail
            } else {
                IssueCode::Required
            };
            push(
                &mut out,
                s,
                code,
                Level::Error,
                &t,
                format!("{}: {e}", display(&p.name)),
            );
        }
    }
    let h = d.profile.headcount;
    if staff > 0 && h > 0 && staff != h {
        push(
            &mut out,
            s,
            IssueCode::PeopleFewerThanHeadcount,
            Level::Warning,
            "people",
            if staff < h {
                format!(
                    "The profile says {h} people work in the firm, but {staff} are listed. \
                         Add everyone who takes part in the services, or correct the headcount \
                         in step 1."
                )
            } else {
                format!(
                    "{staff} people are listed but the profile says {h}. Correct the \
                         headcount in step 1 so the role suggestions fit your size."
                )
            },
        );
    }
    out
}

fn display(name: &str) -> &str {
    if name.trim().is_empty() {
        "(no name)"
    } else {
        name.trim()
    }
}

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
    let sod = check_sod(
        lib,
        &data.people,
        &data.assignments,
        &data.mitigations,
        data.profile.headcount,
    );
    let mut issues = check_profile(&data, today);
    issues.extend(check_context(&data));
    issues.extend(check_scope(&data));
    issues.extend(check_people(&data));
    issues.extend(check_roles(lib, &data, &sod));
    let count = |step: StepId, level: Level| {
        issues
            .iter()
            .filter(|i| i.step == step && i.level == level)
            .count() as u32
    };
    let mut steps: Vec<StepStatus> = StepId::ALL
        .iter()
        .map(|&step| {
            let errors = count(step, Level::Error);
            let completed = data.progress.completed.contains(&step);
            StepStatus {
                step,
                label: step_label(step).to_owned(),
                state: match (completed, errors) {
                    (false, _) => StepState::Todo,
                    (true, 0) => StepState::Done,
                    (true, _) => StepState::Attention,
                },
                errors,
                warnings: count(step, Level::Warning),
            }
        })
        .collect();
    let others_done = steps
        .iter()
        .filter(|s| s.step != StepId::Review)
        .all(|s| s.state == StepState::Done);
    if let Some(review) = steps.iter_mut().find(|s| s.step == StepId::Review)
        && review.state == StepState::Done
        && !others_done
    {
        review.state = StepState::Attention;
    }
    WizardView {
        scope_generated: generate_statement(&data),
        scope_effective: effective_statement(&data),
        raci: raci(lib, &data),
        next_steps: next_steps(&data),
        roles: lib.roles.clone(),
        processes: processes(),
        issues,
        sod,
        steps,
        data,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::field_reassign_with_default)]
mod tests {
    use super::*;
    use crate::content::library;
    use crate::wizard::types::{
        ClimateDecision, ContextItem, InterestedParty, Person, RoleAssignment, WizardProgress,
    };

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 10).unwrap()
    }

    fn codes(issues: &[Issue], step: StepId) -> Vec<IssueCode> {
        issues
            .iter()
            .filter(|i| i.step == step)
            .map(|i| i.code)
            .collect()
    }

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
    }

    #[test]
    fn profile_rules() {
        let mut d = WizardData::default();
        d.profile.legal_name = "Acme Ltd".into();
        d.profile.headcount = 60;
        d.profile.target_date = Some("2026-02-01".into());
        let i = check_profile(&d, today());
        assert!(i.iter().any(|i| i.code == IssueCode::HeadcountOutOfRange));
        let date = i
            .iter()
            .find(|i| i.target.as_deref() == Some("target_date"))
            .unwrap();
        assert_eq!(date.level, Level::Warning);
        d.profile.target_date = Some("31/12/2026".into());
        let i = check_profile(&d, today());
        assert!(
            i.iter()
                .any(|i| i.code == IssueCode::InvalidValue && i.level == Level::Error)
        );
        d.profile.target_date = Some("2025-12-31".into());
        assert!(
            check_profile(&d, today())
                .iter()
                .any(|i| i.message.contains("past"))
        );
    }

    #[test]
    fn context_rules_and_climate() {
        let mut d = WizardData::default();
        d.issues = vec![
            ContextItem {
                id: 1,
                kind: IssueKind::Internal,
                text: "Two key engineers".into(),
            },
            ContextItem {
                id: 2,
                kind: IssueKind::External,
                text: "Cloud price rises".into(),
            },
        ];
        d.parties = vec![InterestedParty {
            id: 1,
            name: "Customers".into(),
            requirements: "".into(),
        }];
        let c = codes(&check_context(&d), StepId::Context);
        assert!(c.contains(&IssueCode::PartyWithoutRequirements));
        assert!(c.contains(&IssueCode::ClimateUndecided));
        d.parties[0].requirements = "Agreed service levels".into();
        d.climate = ClimateDecision {
            relevant: Some(false),
            rationale: String::new(),
        };
        assert!(codes(&check_context(&d), StepId::Context).contains(&IssueCode::ClimateUndecided));
        d.climate.rationale = "Cloud-hosted; no customer demands".into();
        assert!(check_context(&d).is_empty());
    }

    #[test]
    fn roles_step_reports_gaps_deputies_and_blocks_and_step_states() {
        let lib = library();
        let mut d = WizardData::default();
        d.people = vec![
            Person {
                id: 1,
                name: "Ann".into(),
                ..Person::default()
            },
            Person {
                id: 2,
                name: "Bob".into(),
                ..Person::default()
            },
        ];
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
        assert!(block.message.starts_with("SOD-20"));
        let roles = v.steps.iter().find(|s| s.step == StepId::Roles).unwrap();
        assert_eq!(roles.state, StepState::Attention);
    }
}
