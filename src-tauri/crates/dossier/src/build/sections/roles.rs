//! Section 3: people and roles, role assignments, the RACI matrix and the
//! separation-of-duties findings.

use ready20k_domain::content::Severity;
use ready20k_domain::wizard::Person;
use ready20k_domain::wizard::raci::RaciLetter;
use ready20k_domain::wizard::sod::SodFinding;

use super::join;
use crate::build::facts::Facts;
use crate::build::table::rows;
use crate::build::util::{note, or_dash, p, plural, sec, warning};
use crate::model::{Block, Cell, Run, Section, Tone};

/// Most people per RACI table (wider firms get several tables).
const RACI_PEOPLE_PER_TABLE: usize = 12;

/// Section 3.
pub(super) fn roles(f: &Facts<'_>) -> Section {
    sec(
        "Roles and responsibilities",
        vec![p(format!(
            "Top management of {} has assigned the SMS roles below, named deputies where \
             continuity matters and checked the assignments for conflicts of duty (clause 5.3).",
            f.firm()
        ))],
        vec![
            sec("People and roles", people(f), Vec::new()),
            sec("Role assignments", assignments(f), Vec::new()),
            sec("RACI matrix", raci(f), Vec::new()),
            sec("Segregation of duties", sod(f), Vec::new()),
        ],
    )
}

/// 3.1: every current person with the roles they hold and deputise for.
fn people(f: &Facts<'_>) -> Vec<Block> {
    let d = &f.data;
    if d.people.is_empty() {
        return vec![p("No people have been recorded yet.")];
    }
    let roles_of = |person: &Person, deputy: bool| {
        let names: Vec<String> = d
            .assignments
            .iter()
            .filter(|a| {
                if deputy {
                    a.deputy == Some(person.id)
                } else {
                    a.holders.contains(&person.id)
                }
            })
            .map(|a| f.role_name(&a.role_id))
            .collect();
        Cell::text(or_dash(&names.join(", ")))
    };
    vec![
        rows(&d.people)
            .col("Name", 1.6, |person| {
                let mut name = vec![Run::bold(person.name.trim())];
                if person.external {
                    name.push(Run::italic(" (external)"));
                }
                Cell::runs(name)
            })
            .col("Job title", 1.5, |person| {
                Cell::text(or_dash(&person.job_title))
            })
            .col("Roles held", 3.2, |person| roles_of(person, false))
            .col("Deputy for", 1.8, |person| roles_of(person, true))
            .caption(format!(
                "People in the SMS ({})",
                plural(d.people.len(), "person", "people")
            )),
    ]
}

/// 3.2: the library roles with their holders and deputies; unassigned roles in a note.
fn assignments(f: &Facts<'_>) -> Vec<Block> {
    let d = &f.data;
    let mut assigned = Vec::new();
    let mut unassigned = Vec::new();
    for r in &f.lib.roles {
        let holders = d.holder_names(&r.id);
        let deputy = d.deputy_name(&r.id);
        if holders.is_empty() && deputy.is_none() {
            if r.id != "ROLE-EXT" {
                unassigned.push(r.name.clone());
            }
            continue;
        }
        assigned.push((r, holders, deputy));
    }
    let mut blocks = Vec::new();
    if assigned.is_empty() {
        blocks.push(p("No roles have been assigned yet."));
    } else {
        blocks.push(
            rows(assigned)
                .col("Role", 1.6, |(r, _, _)| {
                    Cell::runs(vec![Run::bold(r.name.clone())])
                })
                .col("Purpose", 3.4, |(r, _, _)| {
                    Cell::text(or_dash(&r.description))
                })
                .col("Held by", 1.6, |(_, holders, _)| {
                    if holders.is_empty() {
                        Cell::toned("Not assigned", Tone::Warn)
                    } else {
                        Cell::text(join(holders))
                    }
                })
                .col("Deputy", 1.3, |(_, _, deputy)| {
                    Cell::text(deputy.clone().unwrap_or_else(|| "—".into()))
                })
                .caption("Role assignments (clause 5.3)"),
        );
    }
    if !unassigned.is_empty() {
        blocks.push(note(
            "Roles not assigned",
            format!(
                "{}. Their duties are covered by the roles above as described in the RACI \
                 matrix.",
                unassigned.join(", ")
            ),
        ));
    }
    blocks
}

fn letter(l: RaciLetter) -> &'static str {
    match l {
        RaciLetter::A => "A",
        RaciLetter::R => "R",
        RaciLetter::C => "C",
        RaciLetter::I => "I",
    }
}

/// 3.3: processes down, people across (in groups, so that the table stays readable).
fn raci(f: &Facts<'_>) -> Vec<Block> {
    let mut blocks = vec![p(
        "The matrix shows, for each SMS process, who is accountable (A), responsible (R), \
         consulted (C) or informed (I), derived from the role assignments. Each process has \
         exactly one accountable role.",
    )];
    let people = &f.raci.by_person;
    if people.is_empty() {
        blocks.push(p("The matrix is empty until roles are assigned to people."));
    } else {
        let groups: Vec<_> = people.chunks(RACI_PEOPLE_PER_TABLE).collect();
        let n = groups.len();
        for (gi, group) in groups.into_iter().enumerate() {
            let mut table =
                rows(f.raci.processes.iter().enumerate()).col("Process", 2.8, |(_, proc)| {
                    let mut label = vec![Run::plain(proc.process.name.clone())];
                    if !proc.operated_by.is_empty() {
                        label.push(Run::italic(format!(" — with {}", join(&proc.operated_by))));
                    }
                    Cell::runs(label)
                });
            for person in group {
                table = table.centered(person.label.clone(), 1.0, move |(pi, _)| {
                    match person.cells.get(*pi).copied().flatten() {
                        Some(RaciLetter::A) => Cell::toned(letter(RaciLetter::A), Tone::Good),
                        Some(l) => Cell::text(letter(l)),
                        None => Cell::text("·"),
                    }
                });
            }
            let caption = if n > 1 {
                format!(
                    "RACI matrix, part {} of {n}: R responsible, A accountable, C consulted, \
                     I informed",
                    gi + 1
                )
            } else {
                "RACI matrix: R responsible, A accountable, C consulted, I informed".into()
            };
            blocks.push(table.compact().caption(caption));
        }
    }
    if !f.raci.gaps.is_empty() {
        blocks.push(warning(
            "Processes without an accountable person",
            f.raci.gaps.join(" "),
        ));
    }
    blocks
}

/// 3.4: conflicting combinations of roles and their compensating controls.
fn sod(f: &Facts<'_>) -> Vec<Block> {
    let mut blocks = vec![p(
        "Ready20k checks every person's combination of roles against the separation-of-duties \
         rules (for example, nobody approves their own change and nobody audits their own \
         work). In a small firm some combinations are unavoidable; they are acceptable with a \
         recorded compensating control.",
    )];
    if f.sod.findings.is_empty() {
        blocks.push(p("No person holds a conflicting combination of roles."));
        return blocks;
    }
    let control = |x: &SodFinding| match &x.mitigation {
        Some(m) => Cell::text(m.clone()),
        None if x.severity == Severity::Info => {
            Cell::text(format!("Advice: {}", x.suggested_mitigation))
        }
        None => Cell::runs(vec![
            Run::bold("None recorded. "),
            Run::plain(format!("Suggested: {}", x.suggested_mitigation)),
        ]),
    };
    blocks.push(
        rows(&f.sod.findings)
            .col("Rule", 0.8, |x| Cell::mono(x.rule_id.clone()))
            .col("Person", 1.3, |x| Cell::text(x.person_name.clone()))
            .col("Roles held together", 2.0, |x| {
                Cell::text(format!("{} + {}", x.role_a_name, x.role_b_name))
            })
            .centered("Severity", 0.95, |x| match x.severity {
                Severity::Block => Cell::toned("Conflict", Tone::Bad),
                Severity::Warn => Cell::toned("Warning", Tone::Warn),
                Severity::Info => Cell::text("Advice"),
            })
            .col("Compensating control", 3.0, |x| control(x))
            .centered("Status", 1.1, |x| {
                if x.resolved {
                    Cell::toned("Resolved", Tone::Good)
                } else {
                    Cell::toned("Open", Tone::Bad)
                }
            })
            .compact()
            .caption("Separation-of-duties findings and mitigations"),
    );
    blocks
}
