//! Who may approve an issued version.
//!
//! Rules, checked in this order by [`check_approval`]:
//! 1. **Latest version only.** Only the newest issued version can be approved, and only once:
//!    approving a version that a newer one has replaced is refused (`stale_version`), and so is
//!    approving one the caller did not see as the newest (the UI sends the version number it
//!    showed), so nobody signs off text they have not read.
//! 2. **Role.** The approver must *hold* (not deputize) the role the template names as
//!    `approver_role` (`wrong_role`). People come from the setup wizard; an external person
//!    holds `ROLE-EXT` too.
//! 3. **No self-approval where a separation-of-duties rule says so.** Reading of the library:
//!    the SoD rules that cover writing vs approving documents are those listed in
//!    [`DOCUMENT_SOD_RULES`] (today `SOD-08`: "writes the SMS documents" / "approves the same
//!    documents"). They concern *one person doing both for the same document*, so they apply to
//!    every document whatever roles the author holds. When the approver is the author of the
//!    version, the rule's severity for the firm's size decides (as in the wizard's SoD check):
//!    `info` allows it; `warn` allows it only when the wizard has a recorded compensating
//!    control for that rule and that person; `block` allows it only when the rule allows a
//!    mitigation and one is recorded. Otherwise it is refused (`self_approval`). An allowed
//!    self-approval is recorded with the mitigation text.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::content::{Library, Severity};
use crate::wizard::sod::{effective_severity, roles_of};
use crate::wizard::{Person, RoleAssignment, SodMitigation};

/// SoD rules of the library that cover one person writing and approving the same document.
pub const DOCUMENT_SOD_RULES: &[&str] = &["SOD-08"];

/// Why an approval was refused. Stable codes the UI and tests branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RefusalCode {
    /// The version is not the newest issued one, or not the one the approver saw.
    StaleVersion,
    /// The version is already approved (approvals never change).
    AlreadyApproved,
    /// The person is not a current person of the firm.
    UnknownPerson,
    /// The person does not hold the approver role.
    WrongRole,
    /// The author may not approve their own document.
    SelfApproval,
    /// Placeholders or template instructions remain that the approver did not keep.
    UnresolvedPlaceholders,
}

impl RefusalCode {
    /// The snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            RefusalCode::StaleVersion => "stale_version",
            RefusalCode::AlreadyApproved => "already_approved",
            RefusalCode::UnknownPerson => "unknown_person",
            RefusalCode::WrongRole => "wrong_role",
            RefusalCode::SelfApproval => "self_approval",
            RefusalCode::UnresolvedPlaceholders => "unresolved_placeholders",
        }
    }
}

/// A refused approval with a message that says why and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Refusal {
    /// What rule refused it.
    pub code: RefusalCode,
    /// For people.
    pub message: String,
}

/// An allowed approval: what to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Grant {
    /// The role the approver acts in.
    pub role_id: String,
    /// Its name.
    pub role_name: String,
    /// Set when the author approves their own document under a recorded mitigation.
    pub sod_note: Option<String>,
}

/// Everything the rules look at.
#[derive(Debug, Clone, Copy)]
pub struct ApprovalCheck<'a> {
    /// The content library (role names, SoD rules).
    pub lib: &'a Library,
    /// Current people of the firm.
    pub people: &'a [Person],
    /// Role assignments.
    pub assignments: &'a [RoleAssignment],
    /// Recorded SoD mitigations.
    pub mitigations: &'a [SodMitigation],
    /// Firm headcount (SoD severity can depend on it).
    pub headcount: u32,
    /// Role the template names as approver.
    pub approver_role: &'a str,
    /// Person who wrote the version, if recorded.
    pub author: Option<i64>,
    /// The version is the newest issued one.
    pub is_latest: bool,
    /// The version number the approver was shown matches the version.
    pub seen_matches: bool,
    /// The version already has an approval.
    pub already_approved: bool,
}

fn role_name(lib: &Library, id: &str) -> String {
    lib.role(id)
        .map_or_else(|| id.to_owned(), |r| r.name.clone())
}

fn refuse(code: RefusalCode, message: String) -> Refusal {
    Refusal { code, message }
}

/// Checks whether `approver` may approve; see the module docs for the rules.
pub fn check_approval(c: &ApprovalCheck<'_>, approver: i64) -> Result<Grant, Refusal> {
    if c.already_approved {
        return Err(refuse(
            RefusalCode::AlreadyApproved,
            "This version is already approved; an approval never changes. Issue a new version \
             to change the document."
                .into(),
        ));
    }
    if !c.is_latest || !c.seen_matches {
        return Err(refuse(
            RefusalCode::StaleVersion,
            "A newer version of this document has been issued since this one. Open the newest \
             version, read it and approve that one."
                .into(),
        ));
    }
    let Some(person) = c.people.iter().find(|p| p.id == approver) else {
        return Err(refuse(
            RefusalCode::UnknownPerson,
            "That person is not (or no longer) in the firm's people list.".into(),
        ));
    };
    let role = role_name(c.lib, c.approver_role);
    let roles: BTreeSet<String> = roles_of(person, c.assignments);
    if !roles.contains(c.approver_role) {
        return Err(refuse(
            RefusalCode::WrongRole,
            format!(
                "{} cannot approve this document: it needs the {role} role, which {} does not \
                 hold. Choose a {role} holder, or assign the role in the setup wizard.",
                person.name, person.name
            ),
        ));
    }
    let mut sod_note = None;
    if c.author == Some(approver) {
        for rule in c
            .lib
            .sod_rules
            .iter()
            .filter(|r| DOCUMENT_SOD_RULES.contains(&r.id.as_str()))
        {
            let (severity, _) = effective_severity(rule, c.headcount);
            let mitigation = c
                .mitigations
                .iter()
                .find(|m| m.rule_id == rule.id && m.person_id == approver)
                .map(|m| m.text.trim().to_owned())
                .filter(|t| !t.is_empty());
            let allowed = match severity {
                Severity::Info => true,
                Severity::Warn => mitigation.is_some(),
                Severity::Block => rule.mitigation_allowed && mitigation.is_some(),
            };
            if !allowed {
                return Err(refuse(
                    RefusalCode::SelfApproval,
                    format!(
                        "{} wrote this version and cannot approve it too ({}: {}). Ask another \
                         {role} holder to approve it, or record a compensating control for {} \
                         in the setup wizard's roles step (suggested: {})",
                        person.name, rule.id, rule.rationale, rule.id, rule.mitigation
                    ),
                ));
            }
            if let Some(m) = mitigation {
                sod_note = Some(format!("Approved by its author under {}: {m}", rule.id));
            }
        }
    }
    Ok(Grant {
        role_id: c.approver_role.to_owned(),
        role_name: role,
        sod_note,
    })
}

/// A person offered in the approve dialog, with whether the rules let them approve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApproverOption {
    /// Person id.
    pub person_id: i64,
    /// Name.
    pub name: String,
    /// Holds the approver role.
    pub holds_role: bool,
    /// Why they cannot approve, if they cannot.
    pub refusal: Option<Refusal>,
}

/// Everyone in the firm, holders of the approver role first, with the rules' verdict each.
pub fn approver_options(c: &ApprovalCheck<'_>) -> Vec<ApproverOption> {
    let mut out: Vec<ApproverOption> = c
        .people
        .iter()
        .map(|p| ApproverOption {
            person_id: p.id,
            name: p.name.clone(),
            holds_role: roles_of(p, c.assignments).contains(c.approver_role),
            refusal: check_approval(c, p.id).err(),
        })
        .collect();
    out.sort_by_key(|o| (!o.holds_role, o.refusal.is_some()));
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::content::library;

    fn people() -> Vec<Person> {
        ["Ann", "Bob", "Cleo"]
            .iter()
            .enumerate()
            .map(|(i, n)| Person {
                id: i as i64 + 1,
                name: (*n).into(),
                ..Person::default()
            })
            .collect()
    }

    fn assignments() -> Vec<RoleAssignment> {
        vec![
            // Ann and Bob are top management; Bob is also the SMS manager.
            RoleAssignment {
                role_id: "ROLE-TM".into(),
                holders: vec![1, 2],
                deputy: Some(3),
            },
            RoleAssignment {
                role_id: "ROLE-SMSM".into(),
                holders: vec![2],
                deputy: None,
            },
        ]
    }

    fn check<'a>(
        people: &'a [Person],
        assignments: &'a [RoleAssignment],
        mitigations: &'a [SodMitigation],
        author: Option<i64>,
    ) -> ApprovalCheck<'a> {
        ApprovalCheck {
            lib: library(),
            people,
            assignments,
            mitigations,
            headcount: 3,
            approver_role: "ROLE-TM",
            author,
            is_latest: true,
            seen_matches: true,
            already_approved: false,
        }
    }

    #[test]
    fn the_document_rule_is_in_the_library_and_is_about_documents() {
        for id in DOCUMENT_SOD_RULES {
            let r = library().sod_rule(id).expect("rule exists");
            assert!(r.activity_a.contains("documents") && r.activity_b.contains("documents"));
        }
    }

    #[test]
    fn holder_of_the_role_may_approve() {
        let (p, a) = (people(), assignments());
        let g = check_approval(&check(&p, &a, &[], Some(2)), 1).unwrap();
        assert_eq!(g.role_id, "ROLE-TM");
        assert_eq!(g.role_name, "Top management");
        assert!(g.sod_note.is_none());
    }

    #[test]
    fn wrong_role_and_deputy_are_refused() {
        let (p, a) = (people(), assignments());
        // Cleo is only the deputy.
        let r = check_approval(&check(&p, &a, &[], Some(2)), 3).unwrap_err();
        assert_eq!(r.code, RefusalCode::WrongRole);
        assert!(r.message.contains("Top management"), "{}", r.message);
        let r = check_approval(&check(&p, &a, &[], Some(2)), 99).unwrap_err();
        assert_eq!(r.code, RefusalCode::UnknownPerson);
    }

    #[test]
    fn self_approval_is_refused_unless_mitigated() {
        let (p, a) = (people(), assignments());
        let r = check_approval(&check(&p, &a, &[], Some(2)), 2).unwrap_err();
        assert_eq!(r.code, RefusalCode::SelfApproval);
        assert!(r.message.contains("SOD-08"));
        let m = vec![SodMitigation {
            rule_id: "SOD-08".into(),
            person_id: 2,
            text: "Ann reviews every document Bob approves".into(),
        }];
        let g = check_approval(&check(&p, &a, &m, Some(2)), 2).unwrap();
        assert!(g.sod_note.unwrap().contains("Ann reviews"));
        // A mitigation recorded for someone else does not count.
        let other = vec![SodMitigation {
            person_id: 1,
            ..m[0].clone()
        }];
        assert!(check_approval(&check(&p, &a, &other, Some(2)), 2).is_err());
    }

    #[test]
    fn stale_and_approved_versions_are_refused() {
        let (p, a) = (people(), assignments());
        let mut c = check(&p, &a, &[], Some(2));
        c.is_latest = false;
        assert_eq!(
            check_approval(&c, 1).unwrap_err().code,
            RefusalCode::StaleVersion
        );
        c.is_latest = true;
        c.seen_matches = false;
        assert_eq!(
            check_approval(&c, 1).unwrap_err().code,
            RefusalCode::StaleVersion
        );
        c.seen_matches = true;
        c.already_approved = true;
        assert_eq!(
            check_approval(&c, 1).unwrap_err().code,
            RefusalCode::AlreadyApproved
        );
    }

    #[test]
    fn options_put_allowed_holders_first() {
        let (p, a) = (people(), assignments());
        let o = approver_options(&check(&p, &a, &[], Some(2)));
        assert_eq!(o[0].name, "Ann");
        assert!(o[0].refusal.is_none());
        assert_eq!(o[1].name, "Bob");
        assert_eq!(
            o[1].refusal.as_ref().unwrap().code,
            RefusalCode::SelfApproval
        );
        assert_eq!(o[2].refusal.as_ref().unwrap().code, RefusalCode::WrongRole);
    }
}
