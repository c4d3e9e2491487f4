//! Separation-of-duties checks over role assignments, using the library's rules
//! (`content::library().sod_rules`).
//!
//! How a rule is checked is content (`check` in `sod_rules.toml`, [`SodCheck`]):
//! - `role`: one person holding both roles of the rule.
//! - `process` (SOD-01): a holder of `role_a` (the internal auditor) who owns or operates a
//!   process through any other role, read from the RACI ([`super::raci::letter`]: accountable
//!   or responsible). Nobody audits a process they own or operate, whatever role gives it.
//!   Roles another role-level rule already pairs with `role_a` (the SMS manager, SOD-02) are
//!   left to that rule.
//! - `record`: an activity on records (SOD-20, who chaired a management review); never checked
//!   on role holdings.
//!
//! Deputies are not checked (they stand in occasionally; the holder's arrangement applies). A
//! person marked external counts as holding `ROLE-EXT`, so SOD-11 and SOD-21 catch top
//! management or the SMS manager role given to a consultant. A rule that involves the internal
//! auditor role is an *independence* rule ([`SodFinding::independence`]): left open, an
//! internal auditor would audit their own work.
//!
//! Resolution:
//! - `block`: unresolved unless the rule allows a mitigation and one is recorded for that
//!   person; a block whose rule allows none can only be resolved by reassigning.
//! - `warn`: allowed; resolved once a compensating control is recorded (shown until then).
//! - `info`: a tip, never outstanding.
//!
//! Escalation (reference §5.3, pattern C): above 10 people, SOD-09 and SOD-10 (access
//! administration vs. access and log review) are treated as `block`.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::processes::processes;
use super::raci::{RaciLetter, letter};
use super::types::{Person, RoleAssignment, SodMitigation, WizardData};
use crate::content::{Library, Severity, SodCheck, SodRule};

/// Rules raised from warn to block when the firm has more than [`ESCALATION_HEADCOUNT`] people.
pub const ESCALATED_RULES: &[&str] = &["SOD-09", "SOD-10"];
/// Headcount above which [`ESCALATED_RULES`] block.
pub const ESCALATION_HEADCOUNT: u32 = 10;

/// The external-party role an external person implicitly holds.
pub const EXTERNAL_ROLE: &str = "ROLE-EXT";

/// The internal auditor role: a rule involving it is an independence rule.
pub const AUDITOR_ROLE: &str = "ROLE-IA";

/// One conflict: a person holding both roles of a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SodFinding {
    /// `SOD-NN`.
    pub rule_id: String,
    /// The person holding both roles.
    pub person_id: i64,
    /// Their name.
    pub person_name: String,
    /// First role id.
    pub role_a: String,
    /// First role name.
    pub role_a_name: String,
    /// Second role id.
    pub role_b: String,
    /// Second role name.
    pub role_b_name: String,
    /// Severity in force for this firm (after escalation).
    pub severity: Severity,
    /// Whether the severity was raised because of the firm's size.
    pub escalated: bool,
    /// Whether recording a mitigation resolves it.
    pub mitigation_allowed: bool,
    /// Why the combination is a problem.
    pub rationale: String,
    /// What the library suggests instead.
    pub suggested_mitigation: String,
    /// The mitigation recorded for this person, if any.
    pub mitigation: Option<String>,
    /// Whether nothing more is needed (info, or a recorded mitigation where allowed).
    pub resolved: bool,
    /// Whether the rule protects the internal auditor's independence: left open, the person
    /// would audit their own work.
    #[serde(default)]
    pub independence: bool,
    /// For a process rule: the processes the person owns or operates (by name).
    #[serde(default)]
    pub processes: Vec<String>,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// All findings, worst first, with counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SodReport {
    /// Findings, ordered by severity, rule, person.
    pub findings: Vec<SodFinding>,
    /// Block findings not resolved: the role step cannot be completed while any remain.
    pub unresolved_blocks: u32,
    /// Warn findings without a recorded compensating control.
    pub unresolved_warns: u32,
}

/// The severity of `rule` for a firm of `headcount` people, and whether it was escalated.
pub fn effective_severity(rule: &SodRule, headcount: u32) -> (Severity, bool) {
    if rule.severity == Severity::Warn
        && headcount > ESCALATION_HEADCOUNT
        && ESCALATED_RULES.contains(&rule.id.as_str())
    {
        (Severity::Block, true)
    } else {
        (rule.severity, false)
    }
}

/// The roles `person` holds (as holder, not deputy), plus `ROLE-EXT` when external.
pub fn roles_of(person: &Person, assignments: &[RoleAssignment]) -> BTreeSet<String> {
    let mut roles: BTreeSet<String> = assignments
        .iter()
        .filter(|a| a.holders.contains(&person.id))
        .map(|a| a.role_id.clone())
        .collect();
    if person.external {
        roles.insert(EXTERNAL_ROLE.to_owned());
    }
    roles
}

/// What makes a person match a rule: the second role(s) and, for a process rule, the
/// processes.
struct Match {
    role_b: String,
    role_b_name: String,
    processes: Vec<String>,
}

/// Whether `roles` match `rule`, and how. `role_name` names a role id.
fn matches(
    lib: &Library,
    rule: &SodRule,
    roles: &BTreeSet<String>,
    role_name: &dyn Fn(&str) -> String,
) -> Option<Match> {
    match rule.check {
        SodCheck::Record => None,
        SodCheck::Role => {
            (roles.contains(&rule.role_a) && roles.contains(&rule.role_b)).then(|| Match {
                role_b: rule.role_b.clone(),
                role_b_name: role_name(&rule.role_b),
                processes: Vec::new(),
            })
        }
        SodCheck::Process => {
            if !roles.contains(&rule.role_a) {
                return None;
            }
            // Roles another role-level rule already pairs with role_a are that rule's business.
            let covered = |r: &str| {
                lib.sod_rules.iter().any(|o| {
                    o.id != rule.id
                        && o.check == SodCheck::Role
                        && ((o.role_a == rule.role_a && o.role_b == r)
                            || (o.role_b == rule.role_a && o.role_a == r))
                })
            };
            let giving: Vec<&String> = roles
                .iter()
                .filter(|r| *r != &rule.role_a && r.as_str() != EXTERNAL_ROLE && !covered(r))
                .collect();
            let mut by: Vec<&String> = Vec::new();
            let mut names: Vec<String> = Vec::new();
            for p in processes() {
                let mine: Vec<&&String> = giving
                    .iter()
                    .filter(|r| matches!(letter(&p, r), Some(RaciLetter::A | RaciLetter::R)))
                    .collect();
                if mine.is_empty() {
                    continue;
                }
                names.push(p.name.clone());
                for r in mine {
                    if !by.contains(r) {
                        by.push(r);
                    }
                }
            }
            // Roles in library order, so the text is stable.
            by.sort_by_key(|r| lib.roles.iter().position(|x| &x.id == *r));
            let first = by.first()?;
            Some(Match {
                role_b: (*first).clone(),
                role_b_name: by
                    .iter()
                    .map(|r| role_name(r))
                    .collect::<Vec<_>>()
                    .join(", "),
                processes: names,
            })
        }
    }
}

/// Runs every rule of `lib` over the people, assignments and mitigations of `data`, with its
/// declared headcount.
pub fn sod_of(lib: &Library, data: &WizardData) -> SodReport {
    check_sod(
        lib,
        &data.people,
        &data.assignments,
        &data.mitigations,
        data.profile.headcount,
    )
}

/// Runs every rule of `lib` over `assignments`.
pub fn check_sod(
    lib: &Library,
    people: &[Person],
    assignments: &[RoleAssignment],
    mitigations: &[SodMitigation],
    headcount: u32,
) -> SodReport {
    let role_name = |id: &str| {
        lib.role(id)
            .map_or_else(|| id.to_owned(), |r| r.name.clone())
    };
    let mut findings = Vec::new();
    for person in people {
        let roles = roles_of(person, assignments);
        for rule in &lib.sod_rules {
            let Some(m) = matches(lib, rule, &roles, &role_name) else {
                continue;
            };
            let (severity, escalated) = effective_severity(rule, headcount);
            let mitigation = mitigations
                .iter()
                .find(|x| x.rule_id == rule.id && x.person_id == person.id)
                .map(|x| x.text.clone())
                .filter(|t| !t.trim().is_empty());
            let resolved = match severity {
                Severity::Info => true,
                Severity::Warn => mitigation.is_some(),
                Severity::Block => rule.mitigation_allowed && mitigation.is_some(),
            };
            let a = role_name(&rule.role_a);
            let b = m.role_b_name.clone();
            let who = &person.name;
            let holds = if m.processes.is_empty() {
                format!("{who} holds both {a} and {b}.")
            } else {
                format!(
                    "{who} is {a} and owns or operates {} (as {b}), so must not audit {}.",
                    m.processes.join(", "),
                    if m.processes.len() == 1 { "it" } else { "them" }
                )
            };
            let message = match severity {
                Severity::Block if !rule.mitigation_allowed => format!(
                    "{holds} {} This cannot be mitigated: give one of the roles to someone                      else.",
                    rule.rationale
                ),
                Severity::Block => format!(
                    "{holds} {} Give one of the roles to someone else, or record the                      compensating arrangement you use: {}",
                    rule.rationale, rule.mitigation
                ),
                Severity::Warn => format!(
                    "{holds} This is acceptable in a small firm with a recorded compensating                      control. Suggested: {}",
                    rule.mitigation
                ),
                Severity::Info => format!("{holds} Tip: {}", rule.mitigation),
            };
            findings.push(SodFinding {
                rule_id: rule.id.clone(),
                person_id: person.id,
                person_name: person.name.clone(),
                role_a: rule.role_a.clone(),
                role_a_name: a,
                role_b: m.role_b,
                role_b_name: b,
                severity,
                escalated,
                mitigation_allowed: rule.mitigation_allowed,
                rationale: rule.rationale.clone(),
                suggested_mitigation: rule.mitigation.clone(),
                mitigation: if rule.mitigation_allowed {
                    mitigation
                } else {
                    None
                },
                resolved,
                independence: rule.role_a == AUDITOR_ROLE || rule.role_b == AUDITOR_ROLE,
                processes: m.processes,
                message,
            });
        }
    }
    findings.sort_by(|x, y| {
        (x.severity, &x.rule_id, x.person_id).cmp(&(y.severity, &y.rule_id, y.person_id))
    });
    let count = |sev: Severity| {
        findings
            .iter()
            .filter(|f| f.severity == sev && !f.resolved)
            .count() as u32
    };
    SodReport {
        unresolved_blocks: count(Severity::Block),
        unresolved_warns: count(Severity::Warn),
        findings,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::content::library;

    fn person(id: i64, external: bool) -> Person {
        Person {
            id,
            name: format!("P{id}"),
            email: String::new(),
            job_title: String::new(),
            external,
        }
    }

    fn assign(role: &str, holders: &[i64]) -> RoleAssignment {
        RoleAssignment {
            role_id: role.into(),
            holders: holders.to_vec(),
            deputy: None,
        }
    }

    /// Every rule of the library fires when one person holds both roles, with the library's
    /// severity, resolves exactly as its severity and `mitigation_allowed` say, and does not
    /// fire when the roles are split between two people.
    #[test]
    fn every_library_rule_fires_and_resolves_as_specified() {
        let lib = library();
        assert!(!lib.sod_rules.is_empty());
        for rule in &lib.sod_rules {
            let ext = rule.role_a == EXTERNAL_ROLE || rule.role_b == EXTERNAL_ROLE;
            if rule.check == SodCheck::Record {
                // Checked on records, never on roles.
                let people = vec![person(1, ext)];
                let both = vec![assign(&rule.role_a, &[1]), assign(&rule.role_b, &[1])];
                let report = check_sod(lib, &people, &both, &[], 5);
                assert!(report.findings.iter().all(|f| f.rule_id != rule.id));
                continue;
            }
            let people = vec![person(1, ext), person(2, false)];
            let roles: Vec<&str> = [rule.role_a.as_str(), rule.role_b.as_str()]
                .into_iter()
                .filter(|r| *r != EXTERNAL_ROLE)
                .collect();
            let together: Vec<_> = roles.iter().map(|r| assign(r, &[1])).collect();
            let report = check_sod(lib, &people, &together, &[], 5);
            let f: Vec<_> = report
                .findings
                .iter()
                .filter(|f| f.rule_id == rule.id)
                .collect();
            assert_eq!(f.len(), 1, "{} did not fire once", rule.id);
            let f = f[0];
            assert_eq!(f.severity, rule.severity, "{}", rule.id);
            assert_eq!(f.person_id, 1);
            assert!(f.message.starts_with("P1 "), "{}", f.message);
            assert_eq!(
                f.independence,
                rule.role_a == AUDITOR_ROLE || rule.role_b == AUDITOR_ROLE
            );
            assert_eq!(f.resolved, rule.severity == Severity::Info, "{}", rule.id);

            let m = vec![SodMitigation {
                rule_id: rule.id.clone(),
                person_id: 1,
                text: "Peer review by P2".into(),
            }];
            let after = check_sod(lib, &people, &together, &m, 5);
            let f = after
                .findings
                .iter()
                .find(|f| f.rule_id == rule.id)
                .unwrap();
            let expect = match rule.severity {
                Severity::Block => rule.mitigation_allowed,
                _ => true,
            };
            assert_eq!(f.resolved, expect, "{} resolution with mitigation", rule.id);
            if !rule.mitigation_allowed {
                assert!(f.message.contains("cannot be mitigated"));
                assert_eq!(f.mitigation, None);
            }

            // Split between two people: no finding for this rule. (An external person always
            // holds ROLE-EXT, so give the other role to the staff member.)
            let split: Vec<_> = if ext {
                roles.iter().map(|r| assign(r, &[2])).collect()
            } else {
                vec![assign(roles[0], &[1]), assign(roles[1], &[2])]
            };
            let apart = check_sod(lib, &people, &split, &[], 5);
            assert!(
                apart.findings.iter().all(|f| f.rule_id != rule.id),
                "{} fired with the roles split",
                rule.id
            );
        }
    }

    #[test]
    fn counts_and_order() {
        let lib = library();
        let people = vec![person(1, false)];
        let a = vec![
            assign("ROLE-TM", &[1]),
            assign("ROLE-SMSM", &[1]),
            assign("ROLE-IA", &[1]),
            assign("ROLE-SO", &[1]),
        ];
        let r = check_sod(lib, &people, &a, &[], 1);
        // SOD-01 (IA owning processes as top management and service owner) and SOD-02
        // (SMSM + IA) block; SOD-08 warns. Top management + SMS manager (SOD-20) is no
        // conflict: it guarantees top management attends the review.
        let rules: Vec<&str> = r.findings.iter().map(|f| f.rule_id.as_str()).collect();
        assert_eq!(rules, ["SOD-01", "SOD-02", "SOD-08"]);
        assert_eq!(r.unresolved_blocks, 2);
        assert_eq!(r.unresolved_warns, 1);
        assert!(r.findings[0].independence && r.findings[1].independence);
        assert!(!r.findings[2].independence);
    }

    #[test]
    fn nobody_audits_a_process_they_own_or_operate_whatever_the_role() {
        let lib = library();
        let people = vec![person(1, false), person(2, false)];
        // An engineer who resolves incidents and implements changes, as internal auditor.
        let a = vec![
            assign("ROLE-IA", &[1]),
            assign("ROLE-RES", &[1]),
            assign("ROLE-SO", &[2]),
        ];
        let r = check_sod(lib, &people, &a, &[], 6);
        let f: Vec<&SodFinding> = r
            .findings
            .iter()
            .filter(|f| f.rule_id == "SOD-01")
            .collect();
        assert_eq!(f.len(), 1);
        let f = f[0];
        assert_eq!((f.person_id, f.role_b.as_str()), (1, "ROLE-RES"));
        assert!(f.independence && !f.resolved);
        assert!(f.processes.iter().any(|p| p == "Incident management"));
        assert!(f.processes.iter().any(|p| p == "Change management"));
        assert!(f.message.contains("Incident management"), "{}", f.message);
        // Consulted or informed is not operating: the service desk is only informed of
        // changes, but it does operate incidents.
        let sd = check_sod(
            lib,
            &people,
            &[assign("ROLE-IA", &[1]), assign("ROLE-SD", &[1])],
            &[],
            6,
        );
        let f = sd.findings.iter().find(|f| f.rule_id == "SOD-01").unwrap();
        assert!(!f.processes.iter().any(|p| p == "Change management"));
        assert!(f.processes.iter().any(|p| p == "Incident management"));
        // An auditor holding nothing else, or only the external role, is independent.
        let ext = vec![person(3, true)];
        let alone = check_sod(lib, &ext, &[assign("ROLE-IA", &[3])], &[], 6);
        assert!(alone.findings.is_empty(), "{:?}", alone.findings);
        // SMS manager + auditor is SOD-02's business only.
        let smsm = check_sod(
            lib,
            &people,
            &[assign("ROLE-IA", &[1]), assign("ROLE-SMSM", &[1])],
            &[],
            6,
        );
        let rules: Vec<&str> = smsm.findings.iter().map(|f| f.rule_id.as_str()).collect();
        assert_eq!(rules, ["SOD-02"]);
        // A recorded cross-audit arrangement resolves it.
        let m = vec![SodMitigation {
            rule_id: "SOD-01".into(),
            person_id: 1,
            text: "P2 audits incident and change management".into(),
        }];
        let r = check_sod(lib, &people, &a, &m, 6);
        assert_eq!(r.unresolved_blocks, 0);
    }

    #[test]
    fn peer_change_approval_is_advice_and_top_management_as_sms_manager_is_fine() {
        let lib = library();
        let people = vec![person(1, false)];
        let r = check_sod(
            lib,
            &people,
            &[assign("ROLE-CAB", &[1]), assign("ROLE-RES", &[1])],
            &[],
            5,
        );
        let f = r.findings.iter().find(|f| f.rule_id == "SOD-03").unwrap();
        assert_eq!(f.severity, Severity::Info);
        assert!(f.resolved);
        let r = check_sod(
            lib,
            &people,
            &[assign("ROLE-TM", &[1]), assign("ROLE-SMSM", &[1])],
            &[],
            1,
        );
        assert_eq!(r.unresolved_blocks, 0);
        assert!(r.findings.iter().all(|f| f.rule_id != "SOD-20"));
    }

    #[test]
    fn access_rules_escalate_above_ten_people() {
        let lib = library();
        let people = vec![person(1, false)];
        let a = vec![assign("ROLE-SD", &[1]), assign("ROLE-ISM", &[1])];
        let small = check_sod(lib, &people, &a, &[], 10);
        assert_eq!(small.findings[0].severity, Severity::Warn);
        let big = check_sod(lib, &people, &a, &[], 11);
        assert_eq!(big.findings[0].severity, Severity::Block);
        assert!(big.findings[0].escalated);
        assert_eq!(big.unresolved_blocks, 1);
    }

    #[test]
    fn deputies_are_not_checked() {
        let lib = library();
        let people = vec![person(1, false), person(2, false)];
        let a = vec![
            RoleAssignment {
                role_id: "ROLE-TM".into(),
                holders: vec![1],
                deputy: Some(2),
            },
            assign("ROLE-SMSM", &[2]),
        ];
        assert!(check_sod(lib, &people, &a, &[], 2).findings.is_empty());
    }
}
