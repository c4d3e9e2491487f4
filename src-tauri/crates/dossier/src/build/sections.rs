//! The sections of the dossier, one function each.

use ready20k_domain::assessment::{ActionSource, ActionStatus, EvidenceKind, EvidenceStatus};
use ready20k_domain::content::{ClauseKind, DocumentKind, Severity};
use ready20k_domain::documents::DocStatus;
use ready20k_domain::scoring::{
    CapCode, Gap, READY_THRESHOLD, StageResult, Verdict, clause_order, round1,
};
use ready20k_domain::wizard::IssueKind;
use ready20k_domain::wizard::raci::RaciLetter;
use ready20k_store::snapshot::{DocumentSnap, VersionSnap};

use super::Pack;
use super::convert::{self, date_of};
use super::facts::Facts;
use super::markdown;
use super::util::*;
use crate::model::{
    BarChart, BarItem, Block, Cell, Column, Cover, Dossier, KeyValue, Meta, Paragraph, RadarChart,
    Run, Section, Tone, VerdictLine,
};

/// Most gaps listed under each stage verdict (the compliance matrix and the action plan list
/// the rest).
const MAX_REASONS: usize = 15;
/// Longest document text printed in full (about 100 pages); longer texts are shortened
/// with a notice, so that one pasted export cannot make the dossier unprintable.
pub const MAX_DOCUMENT_BYTES: usize = 200_000;
/// Most people per RACI table (wider firms get several tables).
const RACI_PEOPLE_PER_TABLE: usize = 7;

/// The whole dossier.
pub fn dossier(f: &Facts<'_>) -> Dossier {
    let pack = f.opts.pack;
    let (front, mut body, mut annexes) = match pack {
        Pack::Full => (
            vec![document_control(f)],
            vec![
                scope(f),
                catalogue(f),
                roles(f),
                policies(f),
                scorecard(f),
                matrix(f),
                actions(f),
                evidence(f),
            ],
            vec![checklist(f)],
        ),
        Pack::Stage1 => (
            vec![document_control(f)],
            vec![scope(f), catalogue(f), roles(f), policies(f)],
            vec![checklist(f)],
        ),
        Pack::Summary => (Vec::new(), vec![summary(f)], Vec::new()),
    };
    number(&mut body, &mut annexes);
    let mut front = front;
    for s in &mut front {
        s.id = "document-control".into();
    }
    body.extend(annexes);
    Dossier {
        meta: meta(f),
        cover: cover(f),
        front,
        sections: body,
        watermark: f.draft().then(|| "DRAFT".to_owned()),
    }
}

fn version(f: &Facts<'_>) -> String {
    f.opts
        .version
        .clone()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| f.opts.date.format("%Y.%m.%d").to_string())
}

fn meta(f: &Facts<'_>) -> Meta {
    let sms = f.holders("ROLE-SMSM");
    Meta {
        title: f.opts.pack.title().into(),
        firm: f.firm(),
        version: version(f),
        date: f.opts.date,
        author: if sms.is_empty() {
            f.firm()
        } else {
            format!("{sms}, SMS manager")
        },
        subject: format!(
            "Readiness of the {} service management system for ISO/IEC 20000-1:2018 \
             certification",
            f.firm()
        ),
    }
}

fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Ready => "Ready",
        Verdict::NearlyReady => "Nearly ready",
        Verdict::NotReady => "Not ready",
    }
}

fn verdict_tone(v: Verdict) -> Tone {
    match v {
        Verdict::Ready => Tone::Good,
        Verdict::NearlyReady => Tone::Warn,
        Verdict::NotReady => Tone::Bad,
    }
}

fn stage_line(s: &StageResult) -> String {
    format!(
        "{} — {}",
        verdict_label(s.verdict),
        pct(round1(s.capped_score))
    )
}

/// (approved, total) required documents (kind document).
fn document_counts(f: &Facts<'_>) -> (usize, usize) {
    let docs: Vec<_> = f
        .required()
        .filter(|e| e.kind == DocumentKind::Document)
        .collect();
    let approved = docs.iter().filter(|e| e.approved_version.is_some()).count();
    (approved, docs.len())
}

/// (open, overdue) actions.
fn action_counts(f: &Facts<'_>) -> (usize, usize) {
    let open = f
        .plan
        .iter()
        .filter(|a| a.action.status != ActionStatus::Done)
        .count();
    let overdue = f.plan.iter().filter(|a| a.overdue).count();
    (open, overdue)
}

fn cover(f: &Facts<'_>) -> Cover {
    let sc = &f.scorecard;
    let (approved, total) = document_counts(f);
    let (open, overdue) = action_counts(f);
    let sod_open = f.sod.unresolved_blocks + f.sod.unresolved_warns;
    let mut verdict = vec![
        VerdictLine {
            label: "Stage 1 audit (Ready20k's estimate)".into(),
            value: stage_line(&sc.stage1),
            tone: verdict_tone(sc.stage1.verdict),
        },
        VerdictLine {
            label: "Stage 2 audit (Ready20k's estimate)".into(),
            value: stage_line(&sc.stage2),
            tone: verdict_tone(sc.stage2.verdict),
        },
        VerdictLine {
            label: "Required documents".into(),
            value: format!("{approved} of {total} approved"),
            tone: if approved == total {
                Tone::Good
            } else {
                Tone::Warn
            },
        },
        VerdictLine {
            label: "Self-assessment".into(),
            value: format!(
                "{} of {} questions answered{}",
                sc.answered,
                sc.questions,
                if sc.provisional { " (provisional)" } else { "" }
            ),
            tone: if sc.provisional {
                Tone::Warn
            } else {
                Tone::Neutral
            },
        },
        VerdictLine {
            label: "Open actions".into(),
            value: format!("{open} open, {overdue} overdue"),
            tone: if overdue > 0 {
                Tone::Bad
            } else if open > 0 {
                Tone::Warn
            } else {
                Tone::Good
            },
        },
    ];
    verdict.push(VerdictLine {
        label: "Segregation of duties".into(),
        value: if f.sod.findings.is_empty() {
            "No conflicting combinations of roles".into()
        } else if sod_open == 0 {
            "No open conflicts after compensating controls".into()
        } else {
            format!(
                "{} without a compensating control",
                plural(sod_open as usize, "conflict", "conflicts")
            )
        },
        tone: if f.sod.unresolved_blocks > 0 {
            Tone::Bad
        } else if sod_open > 0 {
            Tone::Warn
        } else {
            Tone::Good
        },
    });
    let profile = &f.data.profile;
    let mut details = Vec::new();
    if !profile.certification_body.trim().is_empty() {
        details.push(KeyValue::new(
            "Certification body",
            profile.certification_body.trim(),
        ));
    }
    if let Some(d) = profile.target_date.as_deref().filter(|d| !d.is_empty()) {
        details.push(KeyValue::new(
            "Target certification",
            date_of(d).map_or_else(|| d.to_owned(), long_date),
        ));
    }
    let sms = f.holders("ROLE-SMSM");
    if !sms.is_empty() {
        details.push(KeyValue::new("SMS manager", sms));
    }
    let tm = f.holders("ROLE-TM");
    if !tm.is_empty() {
        details.push(KeyValue::new("Top management", tm));
    }
    let draft = f.draft();
    Cover {
        firm: f.firm(),
        scope_summary: f.scope.clone(),
        version_line: if draft {
            format!("Version {} — draft", version(f))
        } else {
            format!("Version {}", version(f))
        },
        date_line: long_date(f.opts.date),
        verdict,
        details,
    }
}

fn document_control(f: &Facts<'_>) -> Section {
    let unapproved = f.unapproved_required_documents();
    let status = if unapproved.is_empty() {
        "Issued: every required document is approved".to_owned()
    } else {
        format!(
            "Draft: {} not yet approved (see Annex A)",
            plural(unapproved.len(), "required document", "required documents")
        )
    };
    let sms = f.holders("ROLE-SMSM");
    let tm = f.holders("ROLE-TM");
    let mut kv = vec![
        KeyValue::new("Document", f.opts.pack.title()),
        KeyValue::new("Organization", f.legal_name()),
        KeyValue::new("Version", version(f)),
        KeyValue::new("Date", long_date(f.opts.date)),
        KeyValue::new("Status", status),
    ];
    if !sms.is_empty() {
        kv.push(KeyValue::new("Owner", format!("{sms}, SMS manager")));
    }
    if !tm.is_empty() {
        kv.push(KeyValue::new("Top management", tm));
    }
    kv.push(KeyValue::new(
        "Classification",
        "Confidential — top management, staff in scope and the certification body",
    ));
    kv.push(KeyValue::new(
        "Source",
        format!(
            "Generated by Ready20k from the project of {}; every figure is as of {}.",
            f.firm(),
            long_date(f.opts.date)
        ),
    ));

    let mut rows = Vec::new();
    for e in &f.register.entries {
        let Some(doc) = f.snap.documents.iter().find(|d| d.doc_key == e.key) else {
            continue;
        };
        let mut versions: Vec<&VersionSnap> = doc.versions.iter().collect();
        versions.sort_by_key(|v| (v.major, v.minor, v.id));
        for v in versions {
            let (approval, tone) = match &v.approval {
                Some(a) => (
                    format!(
                        "{}, {} — {}",
                        a.approver_name,
                        a.role_name,
                        short_date(&a.approved_at)
                    ),
                    Tone::Neutral,
                ),
                None => ("Awaiting approval".to_owned(), Tone::Warn),
            };
            rows.push(vec![
                Cell::runs(vec![
                    Run::plain(doc.title.clone()),
                    Run::plain(" "),
                    Run::mono(doc.doc_key.clone()),
                ]),
                Cell::text(format!("{}.{}", v.major, v.minor)),
                Cell::text(short_date(&v.issued_at)),
                Cell::text(or_dash(&v.author_name)),
                Cell::toned(approval, tone),
            ]);
        }
    }
    let mut blocks = vec![Block::KeyValue(kv)];
    let how = match f.opts.pack {
        Pack::Full => {
            "Sections 1 to 4 describe the service management system (SMS) as designed: scope \
             and context, services, roles and the approved policies and procedures. Sections 5 \
             to 8 show how far it is implemented: Ready20k's readiness estimate, the \
             requirement-by-requirement compliance matrix, the action plan and the evidence \
             register. Annex A lists the documented information the standard requires and its \
             approval status."
        }
        _ => {
            "This pack contains what a stage 1 (documentation) audit reviews: the scope and \
             context of the service management system, the services, the roles and the \
             approved policies and procedures. Annex A lists the documented information the \
             standard requires and its approval status."
        }
    };
    blocks.push(note("How to read this dossier", how));
    blocks.push(h3("Document versions and approvals"));
    if rows.is_empty() {
        blocks.push(p("No document version has been issued yet."));
    } else {
        blocks.push(compact_table(
            vec![
                Column::new("Document", 3.3),
                Column::centered("Version", 0.8),
                Column::new("Issued", 1.2),
                Column::new("Author", 1.4),
                Column::new("Approval", 2.6),
            ],
            rows,
            Some("Issued versions of the SMS documents, oldest first".into()),
        ));
    }
    let mut s = sec("Document control", blocks, Vec::new());
    s.id = "document-control".into();
    s
}

fn scope(f: &Facts<'_>) -> Section {
    let d = &f.data;
    let pr = &d.profile;
    let mut s11 = vec![Block::Paragraph(Paragraph::from_runs(vec![
        Run::plain("The scope of the SMS is: "),
        Run::italic(or_dash(&f.scope)),
    ]))];
    let mut facts = Vec::new();
    for (k, v) in [
        ("Legal name", pr.legal_name.as_str()),
        ("Trading name", pr.trading_name.as_str()),
        ("Head office", pr.address.as_str()),
        ("Sector", pr.sector.as_str()),
    ] {
        if !v.trim().is_empty() {
            facts.push(KeyValue::new(k, v.trim()));
        }
    }
    if pr.headcount > 0 {
        facts.push(KeyValue::new("People", pr.headcount.to_string()));
    }
    if !pr.customer_kinds.is_empty() {
        facts.push(KeyValue::new("Customers", pr.customer_kinds.join(", ")));
    }
    let locations = d.all_locations();
    if !locations.is_empty() {
        facts.push(KeyValue::new("Locations", locations.join(", ")));
    }
    if !facts.is_empty() {
        s11.push(Block::KeyValue(facts));
    }
    s11.push(note(
        "Exclusions",
        "ISO/IEC 20000-1 does not allow requirements of clauses 4 to 10 to be excluded. Where \
         other parties operate parts of the services, the requirements are met through control \
         of those parties (clause 8.2.3).",
    ));

    let mut s12 = Vec::new();
    for (kind, title) in [
        (IssueKind::External, "External issues"),
        (IssueKind::Internal, "Internal issues"),
    ] {
        let items: Vec<String> = d
            .issues
            .iter()
            .filter(|i| i.kind == kind && !i.text.trim().is_empty())
            .map(|i| i.text.trim().to_owned())
            .collect();
        s12.push(h3(title));
        if items.is_empty() {
            s12.push(p("None recorded."));
        } else {
            s12.push(bullets(items));
        }
    }
    s12.push(h3("Interested parties"));
    if d.parties.is_empty() {
        s12.push(p("None recorded."));
    } else {
        s12.push(table(
            vec![
                Column::new("Interested party", 1.6),
                Column::new("Needs and expectations relevant to the SMS", 4.4),
            ],
            d.parties
                .iter()
                .map(|ip| {
                    vec![
                        Cell::text(ip.name.trim()),
                        Cell::text(or_dash(&ip.requirements)),
                    ]
                })
                .collect(),
            Some("Interested parties and their requirements (clause 4.2)".into()),
        ));
    }

    let climate = match d.climate.relevant {
        Some(true) => ("Relevant", Tone::Neutral),
        Some(false) => ("Not relevant", Tone::Neutral),
        None => ("Not decided yet", Tone::Warn),
    };
    let s13 = vec![
        p(
            "Amendment 1:2024 asks the organization to decide whether climate change is a \
             relevant issue for its service management system, and to record why.",
        ),
        Block::KeyValue(vec![
            KeyValue {
                key: "Decision".into(),
                value: Paragraph::from_runs(vec![Run::bold(climate.0)]),
            },
            KeyValue::new("Rationale", or_dash(&d.climate.rationale)),
        ]),
    ];

    let mut subs = vec![
        sec("Scope statement", s11, Vec::new()),
        sec("Context of the organization", s12, Vec::new()),
        sec("Climate change", s13, Vec::new()),
    ];
    if !d.other_parties.is_empty() {
        let rows = d
            .other_parties
            .iter()
            .map(|o| {
                let services: Vec<String> = o
                    .services
                    .iter()
                    .filter_map(|id| d.services.iter().find(|s| s.id == *id))
                    .map(|s| s.name.clone())
                    .collect();
                let processes: Vec<String> = o
                    .processes
                    .iter()
                    .map(|id| {
                        f.raci
                            .processes
                            .iter()
                            .find(|p| &p.process.id == id)
                            .map_or_else(|| id.clone(), |p| p.process.name.clone())
                    })
                    .collect();
                let mut kind = o.kind.label().to_owned();
                if let Some(first) = kind.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                vec![
                    Cell::text(o.name.trim()),
                    Cell::text(kind),
                    Cell::text(or_dash(&o.provides)),
                    Cell::text(or_dash(&services.join(", "))),
                    Cell::text(or_dash(&processes.join(", "))),
                ]
            })
            .collect();
        subs.push(sec(
            "Other parties involved in the services",
            vec![
                p(
                    "These parties deliver part of the services or operate part of a process. \
                     The firm stays accountable for the requirements they help to meet.",
                ),
                compact_table(
                    vec![
                        Column::new("Party", 1.5),
                        Column::new("Kind", 1.3),
                        Column::new("Provides", 2.4),
                        Column::new("Services", 1.6),
                        Column::new("Processes", 1.6),
                    ],
                    rows,
                    Some("Other parties (clause 8.2.3)".into()),
                ),
            ],
            Vec::new(),
        ));
    }
    sec(
        "Scope statement and context",
        vec![p(format!(
            "This section states what the service management system of {} covers, the context \
             it operates in and the parties whose needs it takes into account (clauses 4.1 to \
             4.4 of ISO/IEC 20000-1:2018).",
            f.firm()
        ))],
        subs,
    )
}

fn catalogue(f: &Facts<'_>) -> Section {
    let d = &f.data;
    let mut blocks = vec![p(
        "The service catalogue lists the services within the scope of the SMS, who they are \
         for, the agreed service levels and where they are delivered from (clause 8.2.4).",
    )];
    if d.services.is_empty() {
        blocks.push(p("No service has been recorded yet."));
    } else {
        blocks.push(table(
            vec![
                Column::new("Service", 1.5),
                Column::new("Description", 3.0),
                Column::new("Customers", 1.5),
                Column::new("Service level targets", 2.0),
                Column::new("Delivered from", 1.3),
            ],
            d.services
                .iter()
                .map(|s| {
                    vec![
                        Cell::runs(vec![Run::bold(s.name.trim())]),
                        Cell::text(or_dash(&s.description)),
                        Cell::text(or_dash(&s.customers.join(", "))),
                        Cell::text(or_dash(&s.sla_targets)),
                        Cell::text(or_dash(&s.locations.join(", "))),
                    ]
                })
                .collect(),
            Some(format!(
                "Service catalogue ({})",
                plural(d.services.len(), "service", "services")
            )),
        ));
        let others: Vec<String> = d
            .services
            .iter()
            .filter(|s| s.delivered_by_others)
            .map(|s| s.name.trim().to_owned())
            .collect();
        if !others.is_empty() {
            blocks.push(note(
                "Services delivered with other parties",
                format!(
                    "{} {} delivered mostly by other parties; their contribution is controlled \
                     as described in section 1 (other parties) and the supplier management \
                     process.",
                    join(&others),
                    if others.len() == 1 { "is" } else { "are" }
                ),
            ));
        }
    }
    sec("Service catalogue", blocks, Vec::new())
}

fn join(items: &[String]) -> String {
    ready20k_domain::wizard::scope::join_and(items)
}

fn letter(l: RaciLetter) -> &'static str {
    match l {
        RaciLetter::A => "A",
        RaciLetter::R => "R",
        RaciLetter::C => "C",
        RaciLetter::I => "I",
    }
}

fn roles(f: &Facts<'_>) -> Section {
    let d = &f.data;
    // 3.1 People.
    let people_rows: Vec<Vec<Cell>> = d
        .people
        .iter()
        .map(|person| {
            let held: Vec<String> = d
                .assignments
                .iter()
                .filter(|a| a.holders.contains(&person.id))
                .map(|a| f.role_name(&a.role_id))
                .collect();
            let deputy: Vec<String> = d
                .assignments
                .iter()
                .filter(|a| a.deputy == Some(person.id))
                .map(|a| f.role_name(&a.role_id))
                .collect();
            let mut name = vec![Run::bold(person.name.trim())];
            if person.external {
                name.push(Run::italic(" (external)"));
            }
            vec![
                Cell::runs(name),
                Cell::text(or_dash(&person.job_title)),
                Cell::text(or_dash(&held.join(", "))),
                Cell::text(or_dash(&deputy.join(", "))),
            ]
        })
        .collect();
    let s31 = if people_rows.is_empty() {
        vec![p("No people have been recorded yet.")]
    } else {
        vec![table(
            vec![
                Column::new("Name", 1.6),
                Column::new("Job title", 1.5),
                Column::new("Roles held", 3.2),
                Column::new("Deputy for", 1.8),
            ],
            people_rows,
            Some(format!(
                "People in the SMS ({})",
                plural(d.people.len(), "person", "people")
            )),
        )]
    };

    // 3.2 Roles.
    let mut role_rows = Vec::new();
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
        role_rows.push(vec![
            Cell::runs(vec![Run::bold(r.name.clone())]),
            Cell::text(or_dash(&r.description)),
            if holders.is_empty() {
                Cell::toned("Not assigned", Tone::Warn)
            } else {
                Cell::text(join(&holders))
            },
            Cell::text(deputy.unwrap_or_else(|| "—".into())),
        ]);
    }
    let mut s32 = Vec::new();
    if role_rows.is_empty() {
        s32.push(p("No roles have been assigned yet."));
    } else {
        s32.push(table(
            vec![
                Column::new("Role", 1.6),
                Column::new("Purpose", 3.4),
                Column::new("Held by", 1.6),
                Column::new("Deputy", 1.3),
            ],
            role_rows,
            Some("Role assignments (clause 5.3)".into()),
        ));
    }
    if !unassigned.is_empty() {
        s32.push(note(
            "Roles not assigned",
            format!(
                "{}. Their duties are covered by the roles above as described in the RACI \
                 matrix.",
                unassigned.join(", ")
            ),
        ));
    }

    // 3.3 RACI: processes down, people across (in groups, so that the table stays readable).
    let mut s33 = vec![p(
        "The matrix shows, for each SMS process, who is accountable (A), responsible (R), \
         consulted (C) or informed (I), derived from the role assignments. Each process has \
         exactly one accountable role.",
    )];
    let people = &f.raci.by_person;
    if people.is_empty() {
        s33.push(p("The matrix is empty until roles are assigned to people."));
    } else {
        let groups: Vec<_> = people.chunks(RACI_PEOPLE_PER_TABLE).collect();
        let n = groups.len();
        for (gi, group) in groups.into_iter().enumerate() {
            let mut columns = vec![Column::new("Process", 2.8)];
            columns.extend(group.iter().map(|r| Column::centered(r.label.clone(), 1.0)));
            let rows = f
                .raci
                .processes
                .iter()
                .enumerate()
                .map(|(pi, proc)| {
                    let mut label = vec![Run::plain(proc.process.name.clone())];
                    if !proc.operated_by.is_empty() {
                        label.push(Run::italic(format!(" — with {}", join(&proc.operated_by))));
                    }
                    let mut row = vec![Cell::runs(label)];
                    for person in group {
                        row.push(match person.cells.get(pi).copied().flatten() {
                            Some(l) => Cell::toned(
                                letter(l),
                                if l == RaciLetter::A {
                                    Tone::Good
                                } else {
                                    Tone::Neutral
                                },
                            ),
                            None => Cell::text("·"),
                        });
                    }
                    row
                })
                .collect();
            let caption = if n > 1 {
                format!(
                    "RACI matrix, part {} of {n}: R responsible, A accountable, C consulted, \
                     I informed",
                    gi + 1
                )
            } else {
                "RACI matrix: R responsible, A accountable, C consulted, I informed".into()
            };
            s33.push(compact_table(columns, rows, Some(caption)));
        }
    }
    if !f.raci.gaps.is_empty() {
        s33.push(warning(
            "Processes without an accountable person",
            f.raci.gaps.join(" "),
        ));
    }

    // 3.4 SoD.
    let mut s34 = vec![p(
        "Ready20k checks every person's combination of roles against the separation-of-duties \
         rules (for example, nobody approves their own change and nobody audits their own \
         work). In a small firm some combinations are unavoidable; they are acceptable with a \
         recorded compensating control.",
    )];
    if f.sod.findings.is_empty() {
        s34.push(p("No person holds a conflicting combination of roles."));
    } else {
        let rows = f
            .sod
            .findings
            .iter()
            .map(|x| {
                let (sev, tone) = match x.severity {
                    Severity::Block => ("Conflict", Tone::Bad),
                    Severity::Warn => ("Warning", Tone::Warn),
                    Severity::Info => ("Advice", Tone::Neutral),
                };
                let control = match &x.mitigation {
                    Some(m) => Cell::text(m.clone()),
                    None if x.severity == Severity::Info => {
                        Cell::text(format!("Advice: {}", x.suggested_mitigation))
                    }
                    None => Cell::runs(vec![
                        Run::bold("None recorded. "),
                        Run::plain(format!("Suggested: {}", x.suggested_mitigation)),
                    ]),
                };
                vec![
                    Cell::mono(x.rule_id.clone()),
                    Cell::text(x.person_name.clone()),
                    Cell::text(format!("{} + {}", x.role_a_name, x.role_b_name)),
                    Cell::toned(sev, tone),
                    control,
                    if x.resolved {
                        Cell::toned("Resolved", Tone::Good)
                    } else {
                        Cell::toned("Open", Tone::Bad)
                    },
                ]
            })
            .collect();
        s34.push(compact_table(
            vec![
                Column::new("Rule", 0.8),
                Column::new("Person", 1.3),
                Column::new("Roles held together", 2.0),
                Column::centered("Severity", 0.95),
                Column::new("Compensating control", 3.0),
                Column::centered("Status", 1.1),
            ],
            rows,
            Some("Separation-of-duties findings and mitigations".into()),
        ));
    }

    sec(
        "Roles and responsibilities",
        vec![p(format!(
            "Top management of {} has assigned the SMS roles below, named deputies where \
             continuity matters and checked the assignments for conflicts of duty (clause 5.3).",
            f.firm()
        ))],
        vec![
            sec("People and roles", s31, Vec::new()),
            sec("Role assignments", s32, Vec::new()),
            sec("RACI matrix", s33, Vec::new()),
            sec("Segregation of duties", s34, Vec::new()),
        ],
    )
}

fn policy_section(f: &Facts<'_>, doc: &DocumentSnap, v: &VersionSnap) -> Section {
    let mut kv = vec![KeyValue {
        key: "Reference".into(),
        value: Paragraph::from_runs(vec![Run::mono(doc.doc_key.clone())]),
    }];
    kv.push(KeyValue::new("Version", format!("{}.{}", v.major, v.minor)));
    let owner = f.holders(&doc.owner_role);
    kv.push(KeyValue::new(
        "Owner",
        if owner.is_empty() {
            f.role_name(&doc.owner_role)
        } else {
            format!("{owner}, {}", f.role_name(&doc.owner_role))
        },
    ));
    if !v.author_name.trim().is_empty() {
        kv.push(KeyValue::new(
            "Prepared by",
            format!(
                "{} — issued {}",
                v.author_name.trim(),
                short_date(&v.issued_at)
            ),
        ));
    }
    if let Some(a) = &v.approval {
        kv.push(KeyValue::new(
            "Approved by",
            format!(
                "{}, {} — {}",
                a.approver_name,
                a.role_name,
                date_of(&a.approved_at).map_or_else(|| a.approved_at.clone(), long_date)
            ),
        ));
        if let Some(n) = a.sod_note.as_deref().filter(|n| !n.trim().is_empty()) {
            kv.push(KeyValue::new("Approval note", n.trim()));
        }
    }
    if let Some(next) = doc.next_review_date.as_deref() {
        kv.push(KeyValue::new("Next review", opt_date(Some(next))));
    }
    if !v.change_summary.trim().is_empty() {
        kv.push(KeyValue::new("Changes", v.change_summary.trim()));
    }
    kv.push(KeyValue {
        key: "SHA-256".into(),
        value: Paragraph::from_runs(vec![Run::mono(v.sha256.clone())]),
    });
    let mut blocks = vec![Block::KeyValue(kv)];
    if let Some(latest) = convert::latest_version(doc)
        && latest.id != v.id
    {
        blocks.push(note(
            "Revision in progress",
            format!(
                "Version {}.{} was issued on {} and awaits approval; the approved version {}.{} \
                 below stays in force until then.",
                latest.major,
                latest.minor,
                short_date(&latest.issued_at),
                v.major,
                v.minor
            ),
        ));
    }
    if let Some(att) = v
        .attachment_id
        .and_then(|id| doc.attachments.iter().find(|a| a.id == id))
    {
        blocks.push(Block::Paragraph(Paragraph::from_runs(vec![
            Run::plain("This version was issued as the file "),
            Run::mono(att.file_name.clone()),
            Run::plain(format!(
                " ({}, {} bytes). The file is kept in the project with its SHA-256 and is \
                 available to the auditor on request.",
                att.media_type, att.size
            )),
        ])));
    } else if v.body.trim().is_empty() {
        blocks.push(p("This version has no text."));
    } else if v.body.len() > MAX_DOCUMENT_BYTES {
        // Cut at a line break before the limit, never inside a character.
        let mut cut = MAX_DOCUMENT_BYTES;
        while !v.body.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = &v.body[..cut];
        let head = head.rfind('\n').map_or(head, |i| &head[..i]);
        blocks.push(warning(
            "Document shortened in this dossier",
            format!(
                "This version is {} KB of text, too long to print in full. The first {} KB \
                 are printed below; the complete approved text is kept in the project file \
                 and can be checked against the SHA-256 above.",
                v.body.len() / 1024,
                head.len() / 1024
            ),
        ));
        blocks.extend(markdown::blocks(head, &doc.title));
    } else {
        blocks.extend(markdown::blocks(&v.body, &doc.title));
    }
    sec(doc.title.trim().to_owned(), blocks, Vec::new())
}

fn policies(f: &Facts<'_>) -> Section {
    let approved = f.approved_documents();
    let documents: Vec<_> = approved
        .into_iter()
        .filter(|(d, _)| matches!(d.kind, ready20k_store::snapshot::DocKindSnap::Document))
        .collect();
    let mut blocks = vec![p(
        "This section reproduces in full every policy, plan and procedure of the SMS that has \
         an approved version, each with its version and approval. Drafts and versions awaiting \
         approval are not included.",
    )];
    let unapproved = f.unapproved_required_documents();
    if !unapproved.is_empty() {
        let names: Vec<String> = unapproved
            .iter()
            .map(|e| format!("{} ({})", e.title, e.status.label().to_lowercase()))
            .collect();
        blocks.push(warning(
            "Required documents not yet approved",
            format!(
                "{}: {}. Until they are approved this dossier is a draft.",
                plural(unapproved.len(), "document is", "documents are"),
                names.join("; ")
            ),
        ));
    }
    if documents.is_empty() {
        blocks.push(p("No document has been approved yet."));
    }
    // Each document starts on a new page, so that it can be read (and handed over) on its own.
    let n = documents.len();
    let subs = documents
        .into_iter()
        .enumerate()
        .map(|(i, (d, v))| {
            let mut s = policy_section(f, d, v);
            if i + 1 < n {
                s.blocks.push(Block::PageBreak);
            }
            s
        })
        .collect();
    sec("Approved policies and procedures", blocks, subs)
}

fn level_label(l: ready20k_domain::scoring::MaturityLevel) -> String {
    format!("{} {}", l.value(), l.describe().label)
}

fn clause_title(f: &Facts<'_>, id: &str) -> String {
    f.lib
        .clause(id)
        .map(|c| c.title.clone())
        .unwrap_or_default()
}

fn first_word(s: &str) -> &str {
    s.split([' ', ',']).next().unwrap_or(s)
}

/// Weighted mean score of the requirement clauses under `prefix` (e.g. `8.5`).
fn group_score(f: &Facts<'_>, prefix: &str) -> Option<f64> {
    let dotted = format!("{prefix}.");
    let (mut sum, mut weight) = (0.0, 0u32);
    for (id, s) in &f.scorecard.clauses {
        if (id == prefix || id.starts_with(&dotted)) && s.weight > 0 {
            sum += s.score * f64::from(s.weight);
            weight += s.weight;
        }
    }
    (weight > 0).then(|| sum / f64::from(weight))
}

fn cap_text(f: &Facts<'_>, c: &ready20k_domain::scoring::Cap) -> String {
    let n = c.questions.len();
    match c.code {
        CapCode::BlockingBelowMinimum => format!(
            "{} below the minimum level: likely major nonconformities (score capped at {:.0} %).",
            plural(n, "blocking question is", "blocking questions are"),
            c.limit
        ),
        CapCode::BlockingNotOperated => format!(
            "{} in use but not yet operated for a full cycle with records (score capped at \
             {:.0} %).",
            plural(n, "blocking question is", "blocking questions are"),
            c.limit
        ),
        CapCode::WeakClause => {
            let clause = c.clause.clone().unwrap_or_default();
            format!(
                "Clause {clause} ({}) scores below half: auditors sample every clause (score \
                 capped at {:.0} %).",
                clause_title(f, &clause),
                c.limit
            )
        }
        CapCode::NoQuestions => "The stage has no questions to judge.".to_owned(),
    }
}

fn gap_rows(gaps: &[Gap]) -> Vec<Vec<Cell>> {
    gaps.iter()
        .map(|g| {
            let mut q = vec![Run::plain(g.text.clone())];
            if g.evidence_missing {
                q.push(Run::italic(" — evidence missing"));
            }
            vec![
                Cell::runs(vec![Run::bold(g.clause.clone())]),
                Cell::runs(q),
                Cell::text(
                    g.answered_level
                        .map_or_else(|| "Unanswered".to_owned(), level_label),
                ),
                Cell::text(level_label(g.required)),
                if g.blocking {
                    Cell::toned("Blocking", Tone::Bad)
                } else {
                    Cell::text(g.impact.to_string())
                },
            ]
        })
        .collect()
}

fn stage_section(f: &Facts<'_>, title: &str, s: &StageResult, what: &str) -> Section {
    let mut blocks = vec![Block::KeyValue(vec![
        KeyValue {
            key: "Verdict".into(),
            value: Paragraph::from_runs(vec![Run::bold(verdict_label(s.verdict))]),
        },
        KeyValue::new(
            "Score",
            if (s.capped_score - s.score).abs() > 0.05 {
                format!(
                    "{} (capped from {})",
                    pct(round1(s.capped_score)),
                    pct(round1(s.score))
                )
            } else {
                pct(round1(s.capped_score))
            },
        ),
        KeyValue::new("What it judges", what),
    ])];
    if !s.caps.is_empty() {
        blocks.push(h3("Why the verdict is limited"));
        blocks.push(bullets(s.caps.iter().map(|c| cap_text(f, c))));
    }
    if s.reasons.is_empty() {
        blocks.push(p(
            "Every question of this stage reaches the required level.",
        ));
    } else {
        blocks.push(h3("Main gaps"));
        let shown = &s.reasons[..s.reasons.len().min(MAX_REASONS)];
        blocks.push(compact_table(
            vec![
                Column::new("Clause", 0.8),
                Column::new("Question", 4.2),
                Column::new("Answered", 1.3),
                Column::new("Required", 1.3),
                Column::centered("Impact", 0.9),
            ],
            gap_rows(shown),
            Some(if s.reasons.len() > shown.len() {
                format!(
                    "The {} largest of {} gaps; the compliance matrix lists every requirement",
                    shown.len(),
                    s.reasons.len()
                )
            } else {
                plural(s.reasons.len(), "gap", "gaps")
            }),
        ));
    }
    sec(title, blocks, Vec::new())
}

fn charts(f: &Facts<'_>) -> (BarChart, RadarChart, BarChart) {
    let tops: Vec<(String, String, f64)> = (4..=10)
        .map(|n| {
            let id = n.to_string();
            let score = f.scorecard.clauses.get(&id).map_or(0.0, |c| c.score);
            (id.clone(), clause_title(f, &id), score)
        })
        .collect();
    let target = READY_THRESHOLD as f32;
    let bars = BarChart {
        title: format!("Readiness by clause (target {target:.0} %)"),
        items: tops
            .iter()
            .map(|(n, t, v)| BarItem {
                label: format!("{n}  {t}"),
                value: round1(*v) as f32,
                target: Some(target),
            })
            .collect(),
    };
    let radar = RadarChart {
        title: "Readiness profile".into(),
        axes: tops
            .iter()
            .map(|(n, t, _)| format!("{n} {}", first_word(t)))
            .collect(),
        values: tops.iter().map(|t| round1(t.2) as f32).collect(),
        target: Some(vec![target; tops.len()]),
    };
    let ops = BarChart {
        title: "Clause 8 in detail".into(),
        items: f
            .lib
            .clauses
            .iter()
            .filter(|c| c.id.starts_with("8.") && c.id.matches('.').count() == 1)
            .filter_map(|c| {
                group_score(f, &c.id).map(|v| BarItem {
                    label: format!("{} {}", c.id, c.title),
                    value: round1(v) as f32,
                    target: Some(target),
                })
            })
            .collect(),
    };
    (bars, radar, ops)
}

fn scorecard(f: &Facts<'_>) -> Section {
    let sc = &f.scorecard;
    let mut blocks = vec![
        p(
            "Ready20k's estimate of readiness, computed from the self-assessment: each question \
             is answered on a maturity scale from 0 (absent) to 5 (measured and improving) and \
             counts in full only with evidence attached. Clause scores show how close the \
             answers are, weight for weight, to level 4 (operated for a full cycle with \
             records), the level certification needs.",
        ),
        note(
            "Ready20k's estimate, not an audit result",
            "Certification bodies do not score: they raise nonconformities. The scores and \
             verdicts below are Ready20k's estimate to help plan the work; the audit decides.",
        ),
    ];
    if sc.provisional {
        blocks.push(warning(
            "Provisional",
            format!(
                "Only {} of {} questions are answered; unanswered questions count as level 0.",
                sc.answered, sc.questions
            ),
        ));
    }
    blocks.push(Block::KeyValue(vec![
        KeyValue::new("Overall readiness", pct(round1(sc.overall))),
        KeyValue::new("Stage 1 (documentation)", stage_line(&sc.stage1)),
        KeyValue::new("Stage 2 (implementation)", stage_line(&sc.stage2)),
        KeyValue::new("Maturity index", format!("{:.1} of 5", sc.maturity_index)),
        KeyValue::new(
            "Questions answered",
            format!("{} of {}", sc.answered, sc.questions),
        ),
    ]));
    let (bars, radar, ops) = charts(f);
    blocks.push(Block::BarChart(bars));
    let view = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |x| pct(round1(x)));
    let rows = (4..=10)
        .map(|n| {
            let id = n.to_string();
            let c = sc.clauses.get(&id).cloned().unwrap_or_default();
            let tone = if c.score >= READY_THRESHOLD {
                Tone::Good
            } else if c.score >= 50.0 {
                Tone::Warn
            } else {
                Tone::Bad
            };
            vec![
                Cell::runs(vec![Run::bold(id.clone())]),
                Cell::text(clause_title(f, &id)),
                Cell::toned(pct(round1(c.score)), tone),
                Cell::text(view(c.views.documented)),
                Cell::text(view(c.views.implemented)),
                Cell::text(view(c.views.operated)),
                Cell::text(format!("{} / {}", c.answered, c.questions)),
            ]
        })
        .collect();
    blocks.push(table(
        vec![
            Column::centered("Clause", 0.85),
            Column::new("Title", 2.2),
            Column::centered("Score", 0.8),
            Column::centered("Documented", 1.3),
            Column::centered("Implemented", 1.35),
            Column::centered("Operated", 1.15),
            Column::centered("Answered", 1.15),
        ],
        rows,
        Some(
            "Clause scores and readiness views (shares of the question weight at level 2, 3 \
             and 4)"
                .into(),
        ),
    ));
    blocks.push(Block::RadarChart(radar));
    if !ops.items.is_empty() {
        blocks.push(Block::BarChart(ops));
    }
    let mut subs = vec![
        stage_section(
            f,
            "Stage 1 verdict",
            &sc.stage1,
            "Whether the SMS is documented: the stage 1 questions against level 2 (approved \
             document).",
        ),
        stage_section(
            f,
            "Stage 2 verdict",
            &sc.stage2,
            "Whether the SMS is implemented and operated: every question against level 4 \
             (operated with records).",
        ),
    ];
    let history = &f.snap.assessment.snapshots;
    if !history.is_empty() {
        let rows = history
            .iter()
            .map(|s| {
                vec![
                    Cell::text(short_date(&s.taken_at)),
                    Cell::text(or_dash(&s.label)),
                    Cell::text(pct(round1(s.overall))),
                    Cell::text(format!(
                        "{} ({})",
                        stage_word(&s.stage1),
                        pct(round1(s.stage1_score))
                    )),
                    Cell::text(format!(
                        "{} ({})",
                        stage_word(&s.stage2),
                        pct(round1(s.stage2_score))
                    )),
                    Cell::text(format!("{} / {}", s.answered, s.questions)),
                ]
            })
            .collect();
        subs.push(sec(
            "Progress over time",
            vec![table(
                vec![
                    Column::new("Date", 1.1),
                    Column::new("Snapshot", 2.2),
                    Column::centered("Overall", 0.9),
                    Column::new("Stage 1", 1.4),
                    Column::new("Stage 2", 1.4),
                    Column::centered("Answered", 1.1),
                ],
                rows,
                Some("Frozen scorecards".into()),
            )],
            Vec::new(),
        ));
    }
    sec("Readiness scorecard", blocks, subs)
}

fn stage_word(s: &str) -> &'static str {
    match s {
        "ready" => "Ready",
        "nearly_ready" => "Nearly ready",
        _ => "Not ready",
    }
}

/// The firm's reference for a library document in a matrix cell: key and approved version.
fn doc_ref(f: &Facts<'_>, key: &str) -> (String, Tone) {
    match f.entry(key) {
        Some(e) => match (&e.approved_version, e.status) {
            (Some(v), _) => (format!("{key} v{v}"), Tone::Neutral),
            (None, DocStatus::Missing) => (format!("{key} (missing)"), Tone::Bad),
            (None, s) => (format!("{key} ({})", s.label().to_lowercase()), Tone::Warn),
        },
        None => (key.to_owned(), Tone::Neutral),
    }
}

fn matrix(f: &Facts<'_>) -> Section {
    let mut rows = Vec::new();
    let (mut met, mut partly, mut not_met, mut unassessed) = (0, 0, 0, 0);
    for c in f
        .lib
        .clauses
        .iter()
        .filter(|c| c.kind == ClauseKind::Requirement)
    {
        let score = f.scorecard.clauses.get(&c.id);
        let (label, tone, score_text) = match score {
            Some(s) if s.questions > 0 && s.answered == 0 => {
                unassessed += 1;
                ("Not assessed", Tone::Bad, "—".to_owned())
            }
            Some(s) if s.questions > 0 => {
                let text = pct(round1(s.score));
                if s.score >= 99.95 {
                    met += 1;
                    ("Met", Tone::Good, text)
                } else if s.score >= 50.0 {
                    partly += 1;
                    ("Partly met", Tone::Warn, text)
                } else {
                    not_met += 1;
                    ("Not met", Tone::Bad, text)
                }
            }
            _ => ("No questions", Tone::Neutral, "—".to_owned()),
        };
        let ev = f.evidence_for_clause(&c.id);
        let ev_text = if ev.is_empty() {
            "—".to_owned()
        } else {
            ev.iter()
                .map(|e| format!("E-{:03} {}", e.id, e.title.trim()))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let docs: Vec<Run> = c
            .documents
            .iter()
            .enumerate()
            .flat_map(|(i, k)| {
                let (t, _) = doc_ref(f, k);
                let mut v = Vec::new();
                if i > 0 {
                    v.push(Run::plain(", "));
                }
                v.push(Run::plain(t));
                v
            })
            .collect();
        rows.push(vec![
            Cell::runs(vec![Run::bold(c.id.clone())]),
            Cell::text(c.title.clone()),
            Cell::text(score_text),
            Cell::toned(label, tone),
            Cell::text(clip(&ev_text, 600)),
            if docs.is_empty() {
                Cell::text("—")
            } else {
                Cell::runs(docs)
            },
        ]);
    }
    sec(
        "Compliance matrix",
        vec![
            p(
                "Every requirement of clauses 4 to 10 with its status from the self-assessment, \
                 the evidence an auditor can inspect and the documents that control it. \
                 \"Met\" means every question of the requirement is operated with records \
                 (level 4 or above). Titles are short identifiers; refer to the standard for \
                 the exact wording.",
            ),
            Block::KeyValue(vec![KeyValue::new(
                "Summary",
                format!(
                    "{met} met, {partly} partly met, {not_met} not met, {unassessed} not \
                     assessed"
                ),
            )]),
            compact_table(
                vec![
                    Column::new("Clause", 0.85),
                    Column::new("Requirement", 2.2),
                    Column::centered("Score", 0.75),
                    Column::centered("Status", 1.15),
                    Column::new("Evidence", 2.5),
                    Column::new("Documents", 2.1),
                ],
                rows,
                Some(format!(
                    "Compliance matrix, assessed {}",
                    long_date(f.opts.date)
                )),
            ),
        ],
        Vec::new(),
    )
}

fn action_status(a: &ready20k_domain::assessment::PlannedAction) -> (String, Tone) {
    match a.action.status {
        ActionStatus::Done => ("Done".into(), Tone::Good),
        _ if a.overdue => ("Overdue".into(), Tone::Bad),
        ActionStatus::InProgress => ("In progress".into(), Tone::Warn),
        ActionStatus::Open => ("Open".into(), Tone::Warn),
    }
}

fn source_label(s: ActionSource) -> &'static str {
    match s {
        ActionSource::Gap => "Gap",
        ActionSource::Audit => "Internal audit",
        ActionSource::ManagementReview => "Mgmt review",
        ActionSource::Other => "Other",
    }
}

fn actions(f: &Facts<'_>) -> Section {
    let (open, overdue) = action_counts(f);
    let mut s71 = vec![p(
        "Actions come from the gap assessment, the internal audit and the management review. \
         Each has one owner and a due date. Unfinished actions come first, ordered by how much \
         closing them moves readiness.",
    )];
    if f.plan.is_empty() {
        s71.push(p("No action has been recorded yet."));
    } else {
        let rows = f
            .plan
            .iter()
            .map(|a| {
                let (st, tone) = action_status(a);
                let mut title = vec![Run::plain(a.action.title.trim().to_owned())];
                if a.blocking && a.action.status != ActionStatus::Done {
                    title.push(Run::italic(" — blocking"));
                }
                vec![
                    Cell::mono(format!("A-{:02}", a.action.id)),
                    Cell::runs(title),
                    Cell::text(a.clause.clone().unwrap_or_else(|| "—".into())),
                    Cell::text(source_label(a.action.source)),
                    Cell::text(or_dash(&f.person(a.action.owner_id))),
                    Cell::text(opt_date(a.action.due.as_deref())),
                    Cell::toned(st, tone),
                ]
            })
            .collect();
        s71.push(table(
            vec![
                Column::new("ID", 0.65),
                Column::new("Action", 3.0),
                Column::new("Clause", 0.9),
                Column::new("Source", 1.15),
                Column::new("Owner", 1.3),
                Column::new("Due", 1.15),
                Column::centered("Status", 1.25),
            ],
            rows,
            Some(format!(
                "Action plan ({}, {} open, {} overdue)",
                plural(f.plan.len(), "action", "actions"),
                open,
                overdue
            )),
        ));
        if overdue > 0 {
            s71.push(warning(
                "Overdue actions",
                format!(
                    "{} past {} due date. Top management should confirm new dates or \
                     resources at the next management review.",
                    plural(overdue, "action is", "actions are"),
                    if overdue == 1 { "its" } else { "their" }
                ),
            ));
        }
    }

    let corrective: Vec<_> = f
        .plan
        .iter()
        .filter(|a| {
            let x = &a.action;
            !(x.cause.trim().is_empty()
                && x.correction.trim().is_empty()
                && x.corrective_action.trim().is_empty()
                && x.verification.trim().is_empty())
        })
        .collect();
    let mut s72 = vec![p(
        "Nonconformities and the corrective action register (clause 10.1): for each, the \
         cause, the immediate correction, the action taken to stop it recurring and how its \
         effectiveness was verified.",
    )];
    if corrective.is_empty() {
        s72.push(p("No nonconformity has been recorded yet."));
    } else {
        let rows = corrective
            .iter()
            .map(|a| {
                let x = &a.action;
                let (st, tone) = action_status(a);
                vec![
                    Cell::runs(vec![
                        Run::mono(format!("A-{:02} ", x.id)),
                        Run::plain(x.title.trim().to_owned()),
                    ]),
                    Cell::text(or_dash(&x.cause)),
                    Cell::text(or_dash(&x.correction)),
                    Cell::text(or_dash(&x.corrective_action)),
                    Cell::text(or_dash(&x.verification)),
                    Cell::toned(st, tone),
                ]
            })
            .collect();
        s72.push(compact_table(
            vec![
                Column::new("Nonconformity", 1.9),
                Column::new("Cause", 1.6),
                Column::new("Correction", 1.6),
                Column::new("Corrective action", 1.7),
                Column::new("Verification", 1.6),
                Column::centered("Status", 0.9),
            ],
            rows,
            Some("Corrective action register".into()),
        ));
    }
    sec(
        "Action plan and corrective actions",
        Vec::new(),
        vec![
            sec("Action plan", s71, Vec::new()),
            sec("Corrective actions", s72, Vec::new()),
        ],
    )
}

fn evidence(f: &Facts<'_>) -> Section {
    let mut blocks = vec![p(
        "Evidence is stored inside the project file with its SHA-256 fingerprint, computed when \
         it was added. An auditor can verify any copy they receive by computing its hash and \
         comparing it with the register. Approved documents are listed with the fingerprint of \
         the approved version; described locations have no file.",
    )];
    if f.evidence.is_empty() {
        blocks.push(p("No evidence has been recorded yet."));
    } else {
        let rows = f
            .evidence
            .iter()
            .map(|e| {
                let mut name = vec![Run::plain(e.title.trim().to_owned())];
                let (hash, extra) = match e.kind {
                    EvidenceKind::File => (
                        e.sha256.clone().unwrap_or_default(),
                        e.file_name.clone().map(|n| format!("File {n}")),
                    ),
                    EvidenceKind::Document => {
                        let v = e.document_id.as_deref().and_then(|k| {
                            f.snap
                                .documents
                                .iter()
                                .find(|d| d.doc_key == k)
                                .and_then(|d| {
                                    d.versions.iter().find(|v| Some(v.id) == e.document_version)
                                })
                        });
                        (
                            v.map(|v| v.sha256.clone()).unwrap_or_default(),
                            Some(match (e.document_id.as_deref(), v) {
                                (Some(k), Some(v)) => {
                                    format!("Document {k} v{}.{}", v.major, v.minor)
                                }
                                (Some(k), None) => format!("Document {k}"),
                                _ => "Document".to_owned(),
                            }),
                        )
                    }
                    EvidenceKind::Location => (
                        String::new(),
                        e.location.clone().map(|l| format!("Kept at: {l}")),
                    ),
                };
                if let Some(x) = extra {
                    name.push(Run::italic(format!(" — {}", x.trim())));
                }
                let status = ready20k_domain::assessment::evidence_status(e, f.opts.date);
                match status {
                    EvidenceStatus::Expired => name.push(Run::bold(format!(
                        " (expired {})",
                        opt_date(e.expires_on.as_deref())
                    ))),
                    EvidenceStatus::ReviewDue => name.push(Run::bold(format!(
                        " (review due {})",
                        opt_date(e.review_on.as_deref())
                    ))),
                    EvidenceStatus::Current => {}
                }
                let clauses = f.evidence_clauses(e);
                vec![
                    Cell::mono(format!("E-{:03}", e.id)),
                    Cell::runs(name),
                    Cell::text(or_dash(&clauses.join(", "))),
                    if hash.is_empty() {
                        Cell::text("—")
                    } else {
                        Cell::mono(hash)
                    },
                    Cell::text(short_date(&e.added_at)),
                ]
            })
            .collect();
        blocks.push(compact_table(
            vec![
                Column::new("ID", 0.65),
                Column::new("Evidence", 2.6),
                Column::new("Clause", 0.8),
                Column::new("SHA-256", 2.7),
                Column::new("Added", 1.0),
            ],
            rows,
            Some(format!(
                "Evidence register ({})",
                plural(f.evidence.len(), "item", "items")
            )),
        ));
    }
    sec("Evidence register", blocks, Vec::new())
}

fn checklist(f: &Facts<'_>) -> Section {
    let mut rows = Vec::new();
    let mut count = [0usize; 3];
    for e in f.required() {
        let (mark, tone, idx) = if e.approved_version.is_some() {
            ("✓", Tone::Good, 0)
        } else if matches!(e.status, DocStatus::Missing) {
            ("✗", Tone::Bad, 2)
        } else {
            ("•", Tone::Warn, 1)
        };
        count[idx] += 1;
        let status_text = match (&e.approved_version, e.status) {
            (Some(_), s) if Facts::is_approved(s) => s.label().to_owned(),
            (Some(_), _) => "Approved; revision in review".to_owned(),
            (None, s) => s.label().to_owned(),
        };
        let st_tone = match e.status {
            DocStatus::Overdue => Tone::Bad,
            DocStatus::DueForReview => Tone::Warn,
            _ => tone,
        };
        rows.push(vec![
            Cell::toned(mark, tone),
            Cell::mono(e.key.clone()),
            Cell::runs(vec![
                Run::plain(e.title.clone()),
                Run::italic(match (e.kind, e.expected) {
                    (DocumentKind::Record, true) => " (record; expected, not mandatory)",
                    (DocumentKind::Record, false) => " (record)",
                    _ => "",
                }),
            ]),
            Cell::text(e.clauses.first().cloned().unwrap_or_default()),
            Cell::text(e.approved_version.clone().unwrap_or_else(|| "—".into())),
            Cell::toned(status_text, st_tone),
        ]);
    }
    rows.sort_by(|a, b| {
        let ca = a[3].content.text();
        let cb = b[3].content.text();
        clause_order(&ca, &cb)
    });
    sec(
        "Required documents checklist",
        vec![
            p(
                "The documented information ISO/IEC 20000-1:2018 requires, with its status in \
                 the project's document register. Documents are maintained and approved; \
                 records are retained as evidence that something happened. A record marked \
                 \"expected\" is an activity the standard requires without saying its results \
                 must be retained; auditors still ask to see them.",
            ),
            Block::KeyValue(vec![KeyValue::new(
                "Summary",
                format!(
                    "{} approved, {} in preparation, {} missing",
                    count[0], count[1], count[2]
                ),
            )]),
            table(
                vec![
                    Column::centered("", 0.35),
                    Column::new("Reference", 2.6),
                    Column::new("Document or record", 3.0),
                    Column::new("Clause", 0.8),
                    Column::centered("Version", 0.95),
                    Column::centered("Status", 1.2),
                ],
                rows,
                Some("Documented information required by ISO/IEC 20000-1:2018".into()),
            ),
        ],
        Vec::new(),
    )
}

fn summary(f: &Facts<'_>) -> Section {
    let sc = &f.scorecard;
    let (approved, total) = document_counts(f);
    let (open, overdue) = action_counts(f);
    let mut glance = vec![
        p(format!(
            "This summary gives top management of {} Ready20k's estimate of how ready the \
             service management system is for ISO/IEC 20000-1:2018 certification, the main \
             gaps and the next steps. The full dossier contains the detail.",
            f.firm()
        )),
        Block::KeyValue(vec![
            KeyValue::new("Stage 1 audit (estimate)", stage_line(&sc.stage1)),
            KeyValue::new("Stage 2 audit (estimate)", stage_line(&sc.stage2)),
            KeyValue::new("Overall readiness", pct(round1(sc.overall))),
            KeyValue::new(
                "Required documents",
                format!("{approved} of {total} approved"),
            ),
            KeyValue::new("Open actions", format!("{open} open, {overdue} overdue")),
            KeyValue::new(
                "Self-assessment",
                format!("{} of {} questions answered", sc.answered, sc.questions),
            ),
        ]),
    ];
    let (bars, _, _) = charts(f);
    glance.push(Block::BarChart(bars));
    glance.push(note(
        "Ready20k's estimate, not an audit result",
        "Certification bodies do not score: they raise nonconformities. These figures help \
         plan the work; the audit decides.",
    ));

    let mut gaps = Vec::new();
    let caps: Vec<String> = sc
        .stage1
        .caps
        .iter()
        .chain(sc.stage2.caps.iter())
        .map(|c| cap_text(f, c))
        .collect();
    if !caps.is_empty() {
        gaps.push(bullets(caps));
    }
    let top: Vec<Gap> = if sc.stage1.verdict == Verdict::Ready {
        sc.stage2.reasons.iter().take(10).cloned().collect()
    } else {
        sc.stage1.reasons.iter().take(10).cloned().collect()
    };
    if top.is_empty() {
        gaps.push(p("No gaps remain against the stage requirements."));
    } else {
        gaps.push(compact_table(
            vec![
                Column::new("Clause", 0.8),
                Column::new("Question", 4.2),
                Column::new("Answered", 1.3),
                Column::new("Required", 1.3),
                Column::centered("Impact", 0.9),
            ],
            gap_rows(&top),
            Some(if sc.stage1.verdict == Verdict::Ready {
                "The largest gaps before the stage 2 audit".into()
            } else {
                "The largest gaps before the stage 1 audit".into()
            }),
        ));
    }

    let mut next = Vec::new();
    let unapproved = f.unapproved_required_documents();
    if !unapproved.is_empty() {
        next.push(format!(
            "Approve the {} still waiting: {}.",
            plural(unapproved.len(), "required document", "required documents"),
            unapproved
                .iter()
                .take(8)
                .map(|e| e.title.clone())
                .collect::<Vec<_>>()
                .join(", ")
                + if unapproved.len() > 8 { ", …" } else { "" }
        ));
    }
    for a in f
        .plan
        .iter()
        .filter(|a| a.action.status != ActionStatus::Done)
        .take(8)
    {
        let owner = f.person(a.action.owner_id);
        next.push(format!(
            "{}{}{}{}",
            a.action.title.trim(),
            if owner.is_empty() {
                String::new()
            } else {
                format!(" — {owner}")
            },
            a.action
                .due
                .as_deref()
                .map(|d| format!(", due {}", short_date(d)))
                .unwrap_or_default(),
            if a.overdue { " (overdue)" } else { "" }
        ));
    }
    let unresolved = f.sod.unresolved_blocks + f.sod.unresolved_warns;
    if unresolved > 0 {
        next.push(format!(
            "Record compensating controls for {}.",
            plural(
                unresolved as usize,
                "separation-of-duties conflict",
                "separation-of-duties conflicts"
            )
        ));
    }
    let next_blocks = if next.is_empty() {
        vec![p(
            "Nothing is outstanding: keep the records flowing and book the audit.",
        )]
    } else {
        vec![Block::BulletList {
            ordered: true,
            items: next.into_iter().map(Paragraph::plain).collect(),
        }]
    };

    let mut s = sec(
        "Executive summary",
        Vec::new(),
        vec![
            sec("Readiness at a glance", glance, Vec::new()),
            sec("Main gaps", gaps, Vec::new()),
            sec("Next steps", next_blocks, Vec::new()),
        ],
    );
    s.blocks.push(Block::Paragraph(Paragraph::from_runs(vec![
        Run::plain("Scope: "),
        Run::italic(or_dash(&f.scope)),
    ])));
    s
}
