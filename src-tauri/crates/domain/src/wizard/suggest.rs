//! "Suggest for our size": a role allocation for the people entered, following the
//! small-firm patterns of the reference (§5.3), that never leaves a `block` conflict
//! unresolved.
//!
//! Strategy:
//! 1. Staff (people not marked external) are seated in role bundles chosen for the team size:
//!    one person holds everything but internal audit; 2–5 people follow pattern A (director,
//!    senior engineer, engineer, service desk); 6–10 pattern B; 11+ pattern C (security
//!    manager alone, separate problem manager, service level manager, continuity manager).
//!    Seats are matched to job titles first ("Director" gets top management, "Service desk"
//!    the incident seat), the rest in list order; extra people become resolvers and service
//!    desk analysts.
//! 2. Internal audit (`ROLE-IA`) is never given to a holder of `ROLE-SO` or `ROLE-SMSM`
//!    (SOD-01, SOD-02). Up to five staff there is nobody independent enough, so it goes to an
//!    external person: an existing external person if there is one, else a new
//!    "Contracted internal auditor" (returned in [`RoleSuggestion::new_people`], to be
//!    created when the suggestion is applied). From six staff two people who own no service
//!    and do not run the SMS cross-audit.
//! 3. External people hold only `ROLE-IA` and `ROLE-EXT`, so SOD-11 and SOD-21 (the blocks
//!    that allow no mitigation) can never fire.
//! 4. Any block that remains gets the library's mitigation recorded: from six staff the two
//!    cross-auditors also operate processes, so SOD-01 (nobody audits a process they own or
//!    operate) records the cross-audit arrangement. Warn findings are left for the user to
//!    accept with their own control.
//! 5. Roles that need a deputy get the least-loaded other staff member (none in a one-person
//!    firm; the notes say so).

use super::sod::{EXTERNAL_ROLE, check_sod};
use super::types::{Person, RoleAssignment, SodMitigation};
use crate::content::{Library, Severity};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Id given to the contracted auditor the suggestion proposes to create.
pub const NEW_AUDITOR_ID: i64 = -1;

/// A proposed allocation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoleSuggestion {
    /// One entry per library role that gets a holder.
    pub assignments: Vec<RoleAssignment>,
    /// Mitigations recorded for blocks that cannot be avoided.
    pub mitigations: Vec<SodMitigation>,
    /// People to create (negative ids, e.g. [`NEW_AUDITOR_ID`]).
    pub new_people: Vec<Person>,
    /// Plain explanations of the choices.
    pub notes: Vec<String>,
}

type Seat = &'static [&'static str];

const ONE: &[Seat] = &[&[
    "ROLE-TM",
    "ROLE-FIN",
    "ROLE-SMSM",
    "ROLE-DOC",
    "ROLE-PEOPLE",
    "ROLE-KM",
    "ROLE-SO",
    "ROLE-BRM",
    "ROLE-SLM",
    "ROLE-SUP",
    "ROLE-CAP",
    "ROLE-AVL",
    "ROLE-CONT",
    "ROLE-ISM",
    "ROLE-CHG",
    "ROLE-CAB",
    "ROLE-DT",
    "ROLE-REL",
    "ROLE-CFG",
    "ROLE-INC",
    "ROLE-SD",
    "ROLE-RES",
    "ROLE-PRB",
]];

const DIRECTOR_SMALL: Seat = &[
    "ROLE-TM", "ROLE-FIN", "ROLE-BRM", "ROLE-SUP", "ROLE-ISM", "ROLE-CAB",
];

const TWO: &[Seat] = &[
    DIRECTOR_SMALL,
    &[
        "ROLE-SMSM",
        "ROLE-DOC",
        "ROLE-PEOPLE",
        "ROLE-SO",
        "ROLE-CHG",
        "ROLE-CAP",
        "ROLE-AVL",
        "ROLE-CONT",
        "ROLE-INC",
        "ROLE-SD",
        "ROLE-SLM",
        "ROLE-RES",
        "ROLE-PRB",
        "ROLE-KM",
        "ROLE-DT",
        "ROLE-REL",
        "ROLE-CFG",
    ],
];

const SENIOR_ENGINEER: Seat = &[
    "ROLE-SMSM",
    "ROLE-DOC",
    "ROLE-SO",
    "ROLE-CHG",
    "ROLE-REL",
    "ROLE-CFG",
    "ROLE-AVL",
    "ROLE-CAP",
    "ROLE-CONT",
];

const THREE: &[Seat] = &[
    DIRECTOR_SMALL,
    SENIOR_ENGINEER,
    &[
        "ROLE-RES",
        "ROLE-PRB",
        "ROLE-DT",
        "ROLE-KM",
        "ROLE-SD",
        "ROLE-INC",
        "ROLE-PEOPLE",
        "ROLE-SLM",
    ],
];

const FOUR: &[Seat] = &[
    DIRECTOR_SMALL,
    SENIOR_ENGINEER,
    &["ROLE-RES", "ROLE-PRB", "ROLE-DT", "ROLE-KM"],
    &["ROLE-SD", "ROLE-INC", "ROLE-PEOPLE", "ROLE-SLM"],
];

const FIVE: &[Seat] = &[
    DIRECTOR_SMALL,
    SENIOR_ENGINEER,
    &["ROLE-RES", "ROLE-PRB", "ROLE-DT", "ROLE-KM"],
    &["ROLE-SD", "ROLE-INC", "ROLE-PEOPLE", "ROLE-SLM"],
    &["ROLE-RES", "ROLE-SD"],
];

const SIX: &[Seat] = &[
    &["ROLE-TM", "ROLE-FIN", "ROLE-CAB"],
    &["ROLE-SMSM", "ROLE-SLM", "ROLE-DOC", "ROLE-PEOPLE"],
    &["ROLE-BRM", "ROLE-SUP"],
    &["ROLE-SO", "ROLE-CHG", "ROLE-CAP", "ROLE-AVL", "ROLE-CONT"],
    &["ROLE-REL", "ROLE-CFG", "ROLE-DT", "ROLE-ISM"],
    &["ROLE-INC", "ROLE-SD", "ROLE-RES", "ROLE-PRB", "ROLE-KM"],
];

const SEVEN: &[Seat] = &[
    &["ROLE-TM", "ROLE-FIN", "ROLE-CAB"],
    &["ROLE-SMSM", "ROLE-SLM", "ROLE-DOC", "ROLE-PEOPLE"],
    &["ROLE-BRM", "ROLE-SUP"],
    &["ROLE-SO", "ROLE-CHG", "ROLE-CAP", "ROLE-AVL", "ROLE-CONT"],
    &["ROLE-REL", "ROLE-CFG", "ROLE-DT"],
    &["ROLE-INC", "ROLE-SD", "ROLE-RES"],
    &["ROLE-ISM", "ROLE-PRB", "ROLE-KM"],
];

const EIGHT: &[Seat] = &[
    &["ROLE-TM", "ROLE-FIN", "ROLE-CAB"],
    &["ROLE-SMSM", "ROLE-SLM", "ROLE-DOC", "ROLE-PEOPLE"],
    &["ROLE-BRM", "ROLE-SUP"],
    &["ROLE-SO", "ROLE-CHG", "ROLE-CAP", "ROLE-AVL", "ROLE-CONT"],
    &["ROLE-REL", "ROLE-CFG", "ROLE-DT"],
    &["ROLE-INC", "ROLE-SD"],
    &["ROLE-ISM"],
    &["ROLE-RES", "ROLE-PRB", "ROLE-KM"],
];

const ELEVEN: &[Seat] = &[
    &["ROLE-TM", "ROLE-FIN", "ROLE-CAB"],
    &["ROLE-SMSM", "ROLE-DOC", "ROLE-PEOPLE"],
    &["ROLE-BRM", "ROLE-SUP"],
    &["ROLE-SO", "ROLE-CHG", "ROLE-CAP", "ROLE-AVL", "ROLE-CAB"],
    &["ROLE-SO", "ROLE-REL", "ROLE-CFG", "ROLE-DT"],
    &["ROLE-INC", "ROLE-SD"],
    &["ROLE-ISM"],
    &["ROLE-PRB", "ROLE-RES"],
    &["ROLE-SLM"],
    &["ROLE-CONT"],
    &["ROLE-RES", "ROLE-KM"],
];

/// Seats for extra people beyond a band's pattern, alternating.
const EXTRA: &[Seat] = &[&["ROLE-RES"], &["ROLE-SD"]];

fn seats_for(n: usize) -> Vec<Seat> {
    let base: &[Seat] = match n {
        0 | 1 => ONE,
        2 => TWO,
        3 => THREE,
        4 => FOUR,
        5 => FIVE,
        6 => SIX,
        7 => SEVEN,
        8..=10 => EIGHT,
        _ => ELEVEN,
    };
    let mut seats: Vec<Seat> = base.to_vec();
    let mut i = 0;
    while seats.len() < n {
        seats.push(EXTRA[i % EXTRA.len()]);
        i += 1;
    }
    seats
}

/// Job-title words that make a person a good fit for a seat led by `role`.
fn keywords(role: &str) -> &'static [&'static str] {
    match role {
        "ROLE-TM" => &[
            "director",
            "ceo",
            "owner",
            "founder",
            "managing",
            "md",
            "president",
        ],
        "ROLE-SMSM" => &[
            "operations",
            "service manager",
            "quality",
            "compliance",
            "office manager",
        ],
        "ROLE-BRM" => &["account", "sales", "customer success", "relationship"],
        "ROLE-SO" => &["lead engineer", "infrastructure", "network", "senior"],
        "ROLE-REL" => &["cloud", "workplace", "devops", "systems"],
        "ROLE-INC" | "ROLE-SD" => &[
            "service desk",
            "support",
            "helpdesk",
            "help desk",
            "analyst",
        ],
        "ROLE-ISM" => &["security"],
        "ROLE-RES" | "ROLE-PRB" => &["engineer", "technician", "developer"],
        _ => &[],
    }
}

fn give(holders: &mut [(String, Vec<i64>)], role: &str, id: i64) {
    if let Some((_, h)) = holders.iter_mut().find(|(r, _)| r == role)
        && !h.contains(&id)
    {
        h.push(id);
    }
}

fn title_matches(title: &str, words: &[&str]) -> bool {
    let t = format!(
        " {} ",
        title
            .to_lowercase()
            .replace(|c: char| !c.is_alphanumeric(), " ")
    );
    words
        .iter()
        .any(|w| t.contains(&format!(" {w} ")) || t.contains(&format!(" {w}")))
}

/// Proposes an allocation of every library role (except `ROLE-EXT` when nobody is external)
/// to `people`. `headcount` is the firm's size from the profile (used for severity
/// escalation). Errors when there is no member of staff.
pub fn suggest_roles(
    lib: &Library,
    people: &[Person],
    headcount: u32,
) -> Result<RoleSuggestion, crate::error::Refusal> {
    let staff: Vec<&Person> = people.iter().filter(|p| !p.external).collect();
    if staff.is_empty() {
        return Err(crate::error::Refusal::new(
            "no_staff",
            "Add the people of your firm first (step 4, People); roles go to named \
                    members of staff.",
        ));
    }
    let n = staff.len();
    let seats = seats_for(n);
    // Match seats to people: job titles first, then list order.
    let mut seat_person: Vec<Option<usize>> = vec![None; seats.len()];
    let mut used = vec![false; n];
    for (s, seat) in seats.iter().enumerate() {
        let words = seat.first().map_or(&[][..], |r| keywords(r));
        if let Some(i) = (0..n).find(|&i| !used[i] && title_matches(&staff[i].job_title, words)) {
            seat_person[s] = Some(i);
            used[i] = true;
        }
    }
    for slot in seat_person.iter_mut() {
        if slot.is_none()
            && let Some(i) = (0..n).find(|&i| !used[i])
        {
            *slot = Some(i);
            used[i] = true;
        }
    }
    // role -> holder person ids, in library order.
    let mut holders: Vec<(String, Vec<i64>)> = lib
        .roles
        .iter()
        .map(|r| (r.id.clone(), Vec::new()))
        .collect();
    for (s, seat) in seats.iter().enumerate() {
        let Some(i) = seat_person[s] else { continue };
        for role in seat.iter() {
            give(&mut holders, role, staff[i].id);
        }
    }
    let mut notes = Vec::new();
    let mut new_people = Vec::new();
    let externals: Vec<&Person> = people.iter().filter(|p| p.external).collect();
    // Internal audit.
    let holds = |holders: &[(String, Vec<i64>)], role: &str, id: i64| {
        holders.iter().any(|(r, h)| r == role && h.contains(&id))
    };
    let independent: Vec<i64> = if n >= 6 {
        staff
            .iter()
            .map(|p| p.id)
            .filter(|&id| {
                !holds(&holders, "ROLE-SO", id)
                    && !holds(&holders, "ROLE-SMSM", id)
                    && !holds(&holders, "ROLE-TM", id)
            })
            .collect()
    } else {
        Vec::new()
    };
    if independent.len() >= 2 {
        // Prefer the account manager and an engineer (people furthest from the SMS design).
        let pick: Vec<i64> = independent.iter().take(2).copied().collect();
        for id in &pick {
            give(&mut holders, "ROLE-IA", *id);
        }
        notes.push(
            "Internal audit: two members of staff who own no service and do not run the SMS \
             audit each other's areas (cross-audit). Consider an external auditor for the \
             management clauses (4–7, 9, 10)."
                .into(),
        );
    } else {
        let auditor = match externals.first() {
            Some(p) => p.id,
            None => {
                new_people.push(Person {
                    id: NEW_AUDITOR_ID,
                    name: "Contracted internal auditor".into(),
                    email: String::new(),
                    job_title: "External internal auditor (to be contracted)".into(),
                    external: true,
                });
                NEW_AUDITOR_ID
            }
        };
        give(&mut holders, "ROLE-IA", auditor);
        notes.push(format!(
            "Internal audit goes to an external auditor: with {n} member{} of staff nobody can \
             audit the management system without auditing their own work (SOD-01, SOD-02). \
             Contract one for a day or two a year.",
            if n == 1 { "" } else { "s" }
        ));
    }
    for p in people
        .iter()
        .filter(|p| p.external)
        .chain(new_people.iter())
    {
        give(&mut holders, EXTERNAL_ROLE, p.id);
    }
    let mut assignments: Vec<RoleAssignment> = holders
        .into_iter()
        .filter(|(_, h)| !h.is_empty())
        .map(|(role_id, holders)| RoleAssignment {
            role_id,
            holders,
            deputy: None,
        })
        .collect();
    // Deputies: least-loaded other member of staff.
    for role in lib.roles.iter().filter(|r| r.needs_deputy) {
        let load = |id: i64, a: &[RoleAssignment]| {
            a.iter()
                .filter(|x| x.holders.contains(&id) || x.deputy == Some(id))
                .count()
        };
        let Some(idx) = assignments.iter().position(|a| a.role_id == role.id) else {
            continue;
        };
        let current = assignments[idx].holders.clone();
        let best = staff
            .iter()
            .map(|p| p.id)
            .filter(|id| !current.contains(id))
            .min_by_key(|id| load(*id, &assignments));
        assignments[idx].deputy = best;
    }
    if n == 1 {
        notes.push(
            "In a one-person firm nobody can deputize: document how the work continues if you \
             are unavailable (knowledge base, a partner firm on call) and revisit when you hire."
                .into(),
        );
    }
    // Any block left can only be held by one person: record the library's mitigation.
    let mut everyone: Vec<Person> = people.to_vec();
    everyone.extend(new_people.iter().cloned());
    let mut mitigations = Vec::new();
    let report = check_sod(lib, &everyone, &assignments, &[], headcount);
    for f in report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Block)
    {
        if f.mitigation_allowed {
            mitigations.push(SodMitigation {
                rule_id: f.rule_id.clone(),
                person_id: f.person_id,
                text: f.suggested_mitigation.clone(),
            });
            notes.push(format!(
                "{} holds both {} and {} ({}); the suggestion records the arrangement: {}",
                f.person_name, f.role_a_name, f.role_b_name, f.rule_id, f.suggested_mitigation
            ));
        } else {
            return Err(crate::error::Refusal::new(
                "no_clean_allocation",
                format!(
                    "Could not find an allocation without {} for {}: {}",
                    f.rule_id, f.person_name, f.message
                ),
            ));
        }
    }
    Ok(RoleSuggestion {
        assignments,
        mitigations,
        new_people,
        notes,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::content::library;

    fn staff(n: usize) -> Vec<Person> {
        (1..=n as i64)
            .map(|id| Person {
                id,
                name: format!("Person {id}"),
                email: format!("p{id}@example.com"),
                job_title: "Engineer".into(),
                external: false,
            })
            .collect()
    }

    fn all_people(people: &[Person], s: &RoleSuggestion) -> Vec<Person> {
        people
            .iter()
            .cloned()
            .chain(s.new_people.iter().cloned())
            .collect()
    }

    /// For every team size 1–50 the suggestion leaves no unresolved block, assigns every role
    /// that needs assigning, and never gives top management or SMS manager to an outsider.
    #[test]
    fn never_violates_a_block_rule_for_headcounts_1_to_50() {
        let lib = library();
        for n in 1..=50usize {
            for with_external in [false, true] {
                let mut people = staff(n);
                if with_external {
                    people.push(Person {
                        id: 1000,
                        name: "Consultant".into(),
                        external: true,
                        ..Person::default()
                    });
                }
                let s = suggest_roles(lib, &people, n as u32).unwrap();
                let everyone = all_people(&people, &s);
                let report = check_sod(lib, &everyone, &s.assignments, &s.mitigations, n as u32);
                assert_eq!(
                    report.unresolved_blocks, 0,
                    "n={n} ext={with_external}: {report:?}"
                );
                for f in &report.findings {
                    if f.severity == Severity::Block {
                        assert!(f.mitigation_allowed, "n={n}: {}", f.rule_id);
                    }
                }
                for role in &lib.roles {
                    if role.id == EXTERNAL_ROLE {
                        continue;
                    }
                    let a = s.assignments.iter().find(|a| a.role_id == role.id);
                    assert!(
                        a.is_some_and(|a| !a.holders.is_empty()),
                        "n={n}: {} unassigned",
                        role.id
                    );
                    if role.needs_deputy && n > 1 {
                        let a = a.unwrap();
                        let d = a
                            .deputy
                            .unwrap_or_else(|| panic!("n={n}: {} no deputy", role.id));
                        assert!(!a.holders.contains(&d));
                    }
                }
                for a in &s.assignments {
                    for id in &a.holders {
                        let p = everyone.iter().find(|p| p.id == *id).unwrap();
                        if p.external {
                            assert!(
                                a.role_id == "ROLE-IA" || a.role_id == EXTERNAL_ROLE,
                                "n={n}: external holds {}",
                                a.role_id
                            );
                        }
                    }
                }
                // Mitigations are only recorded where a block needed one: the cross-audit
                // arrangement of staff auditors who also operate processes (SOD-01).
                for m in &s.mitigations {
                    assert_eq!(m.rule_id, "SOD-01", "n={n}: {m:?}");
                    assert!(n >= 6, "n={n}: {m:?}");
                }
            }
        }
    }

    #[test]
    fn one_person_firm_gets_an_external_auditor_and_needs_no_mitigation() {
        let lib = library();
        let s = suggest_roles(lib, &staff(1), 1).unwrap();
        assert_eq!(s.new_people.len(), 1);
        assert!(s.new_people[0].external);
        let ia = s
            .assignments
            .iter()
            .find(|a| a.role_id == "ROLE-IA")
            .unwrap();
        assert_eq!(ia.holders, vec![NEW_AUDITOR_ID]);
        // Top management who is also SMS manager is no conflict (top management attends the
        // review by construction), so nothing needs recording.
        assert!(s.mitigations.is_empty(), "{:?}", s.mitigations);
        assert!(s.notes.iter().any(|n| n.contains("nobody can deputize")));
    }

    #[test]
    fn an_existing_external_is_reused_and_titles_pick_seats() {
        let lib = library();
        let mut people = staff(4);
        people[2].job_title = "Managing Director".into();
        people[3].job_title = "Service desk analyst".into();
        people.push(Person {
            id: 9,
            name: "Auditor".into(),
            external: true,
            ..Person::default()
        });
        let s = suggest_roles(lib, &people, 4).unwrap();
        assert!(s.new_people.is_empty());
        let holder = |r: &str| {
            s.assignments
                .iter()
                .find(|a| a.role_id == r)
                .unwrap()
                .holders
                .clone()
        };
        assert_eq!(holder("ROLE-IA"), vec![9]);
        assert_eq!(holder("ROLE-TM"), vec![3]);
        assert_eq!(holder("ROLE-INC"), vec![4]);
    }

    #[test]
    fn six_people_cross_audit_internally() {
        let lib = library();
        let s = suggest_roles(lib, &staff(6), 6).unwrap();
        assert!(s.new_people.is_empty());
        let ia = s
            .assignments
            .iter()
            .find(|a| a.role_id == "ROLE-IA")
            .unwrap();
        assert_eq!(ia.holders.len(), 2);
    }

    #[test]
    fn no_staff_is_an_error() {
        let lib = library();
        assert!(suggest_roles(lib, &[], 3).is_err());
    }
}
