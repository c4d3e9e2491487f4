//! A realistic built-in dossier for a six-person managed service provider, used to see and
//! test the engine before the real data (wizard, policies, assessment) is wired in.
//!
//! The requirement summaries are paraphrased in our own words; only clause numbers and short
//! titles follow ISO/IEC 20000-1:2018.

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::model::{
    BarChart, BarItem, Block, Callout, CalloutKind, Cell, Column, Cover, Dossier, KeyValue, Meta,
    Paragraph, RadarChart, Run, Section, Table, Tone, VerdictLine,
};

const FIRM: &str = "Northwind Managed IT Ltd";

fn p(s: &str) -> Block {
    Block::Paragraph(Paragraph::plain(s))
}

fn runs(r: Vec<Run>) -> Block {
    Block::Paragraph(Paragraph::from_runs(r))
}

fn bullets(items: &[&str]) -> Block {
    Block::BulletList {
        ordered: false,
        items: items.iter().map(|s| Paragraph::plain(*s)).collect(),
    }
}

fn numbered(items: &[&str]) -> Block {
    Block::BulletList {
        ordered: true,
        items: items.iter().map(|s| Paragraph::plain(*s)).collect(),
    }
}

fn section(id: &str, number: &str, title: &str, level: u8, blocks: Vec<Block>) -> Section {
    Section {
        id: id.into(),
        number: if number.is_empty() {
            None
        } else {
            Some(number.into())
        },
        title: title.into(),
        level,
        blocks,
        subsections: Vec::new(),
    }
}

fn with_subs(mut s: Section, subs: Vec<Section>) -> Section {
    s.subsections = subs;
    s
}

fn note(title: &str, body: &str) -> Block {
    Block::Callout(Callout {
        kind: CalloutKind::Note,
        title: Some(title.into()),
        body: vec![Paragraph::plain(body)],
    })
}

fn warning(title: &str, body: &str) -> Block {
    Block::Callout(Callout {
        kind: CalloutKind::Warning,
        title: Some(title.into()),
        body: vec![Paragraph::plain(body)],
    })
}

fn hex_sha256(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Clause scores 4–10 used by the cover, the charts and the matrix.
const CLAUSES: [(&str, &str, f32); 7] = [
    ("4", "Context of the organization", 86.0),
    ("5", "Leadership", 81.0),
    ("6", "Planning", 72.0),
    ("7", "Support of the SMS", 78.0),
    ("8", "Operation of the SMS", 64.0),
    ("9", "Performance evaluation", 58.0),
    ("10", "Improvement", 69.0),
];

/// The sample dossier.
pub fn sample() -> Dossier {
    let date = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap_or_default();
    Dossier {
        meta: Meta {
            title: "ISO/IEC 20000-1 Certification Dossier".into(),
            firm: FIRM.into(),
            version: "1.2".into(),
            date,
            author: "Priya Raman, Service Manager".into(),
            subject: "Readiness of the Northwind service management system for ISO/IEC \
                      20000-1:2018 certification"
                .into(),
        },
        cover: Cover {
            firm: FIRM.into(),
            scope_summary: "The service management system of Northwind Managed IT Ltd supporting \
                the delivery of managed desktop, Microsoft 365, network and backup services to \
                small and medium-sized business customers in the United Kingdom, from the office \
                in Leeds and by remote support, with the service catalogue in force on 12 March \
                2026."
                .into(),
            version_line: "Version 1.2".into(),
            date_line: "12 March 2026".into(),
            verdict: vec![
                VerdictLine {
                    label: "Overall readiness".into(),
                    value: "72 % — ready for stage 1 audit with conditions".into(),
                    tone: Tone::Warn,
                },
                VerdictLine {
                    label: "Mandatory documents".into(),
                    value: "19 of 22 approved".into(),
                    tone: Tone::Warn,
                },
                VerdictLine {
                    label: "Requirements met".into(),
                    value: "41 met, 17 partly met, 4 not met".into(),
                    tone: Tone::Neutral,
                },
                VerdictLine {
                    label: "Open actions".into(),
                    value: "14 open, 2 overdue".into(),
                    tone: Tone::Bad,
                },
                VerdictLine {
                    label: "Segregation of duties".into(),
                    value: "No conflicts after compensating controls".into(),
                    tone: Tone::Good,
                },
            ],
            details: vec![
                KeyValue::new("Certification body", "Brightline Certification Ltd"),
                KeyValue::new("Stage 1 audit", "14 April 2026 (remote)"),
                KeyValue::new("Stage 2 audit", "19–20 May 2026, Leeds office"),
                KeyValue::new("SMS owner", "Priya Raman, Service Manager"),
            ],
        },
        front: vec![document_control()],
        sections: vec![
            scope(),
            catalogue(),
            roles(),
            policies(),
            scorecard(),
            matrix(),
            action_plan(),
            evidence(),
            annex(),
        ],
        watermark: None,
    }
}

fn document_control() -> Section {
    let mut history = Table {
        columns: vec![
            Column::centered("Version", 0.8),
            Column::new("Date", 1.2),
            Column::new("Author", 1.6),
            Column::new("Summary of changes", 4.2),
        ],
        rows: Vec::new(),
        caption: None,
        compact: false,
    };
    for (v, d, a, s) in [
        (
            "0.1",
            "14 Nov 2025",
            "Priya Raman",
            "First draft from the Ready20k wizard: scope, context, roles.",
        ),
        (
            "0.4",
            "9 Dec 2025",
            "Priya Raman",
            "Policies drafted; gap assessment of clauses 4 to 7.",
        ),
        (
            "0.9",
            "30 Jan 2026",
            "Tom Okafor",
            "Operational processes (clause 8) assessed; action plan created.",
        ),
        (
            "1.0",
            "13 Feb 2026",
            "Priya Raman",
            "Approved by top management for the internal audit.",
        ),
        (
            "1.1",
            "2 Mar 2026",
            "Priya Raman",
            "Internal audit findings added; evidence register completed.",
        ),
        (
            "1.2",
            "12 Mar 2026",
            "Priya Raman",
            "Management review outcome; dossier issued to the certification body.",
        ),
    ] {
        history.rows.push(vec![
            Cell::text(v),
            Cell::text(d),
            Cell::text(a),
            Cell::text(s),
        ]);
    }
    section(
        "document-control",
        "",
        "Document control",
        1,
        vec![
            Block::KeyValue(vec![
                KeyValue::new(
                    "Document",
                    "ISO/IEC 20000-1 Certification Dossier (NW-SMS-000)",
                ),
                KeyValue::new("Organization", FIRM),
                KeyValue::new("Owner", "Priya Raman, Service Manager (SMS owner)"),
                KeyValue::new(
                    "Approved by",
                    "Daniel Hughes, Managing Director, on 12 March 2026",
                ),
                KeyValue::new(
                    "Classification",
                    "Confidential — customers and certification body only",
                ),
                KeyValue::new(
                    "Review cycle",
                    "At every management review, at least once a year",
                ),
                KeyValue::new(
                    "Distribution",
                    "Top management; SMS owner; Brightline Certification Ltd (audit team)",
                ),
            ]),
            Block::Heading {
                text: "Version history".into(),
                level: 2,
            },
            Block::Table(history),
            note(
                "How to read this dossier",
                "Sections 1 to 4 describe the service management system (SMS) as designed. \
                 Sections 5 to 8 show how far it is implemented: the readiness scorecard, the \
                 requirement-by-requirement compliance matrix, the open actions and the evidence \
                 that supports each claim. Annex A lists the documented information the standard \
                 requires and its approval status.",
            ),
        ],
    )
}

fn scope() -> Section {
    let s11 = section(
        "s1-1",
        "1.1",
        "Scope statement",
        2,
        vec![
            runs(vec![
                Run::plain("The scope of the SMS is: "),
                Run::italic(
                    "the service management system of Northwind Managed IT Ltd supporting the \
                     delivery of managed desktop, Microsoft 365, network and backup services to \
                     small and medium-sized business customers in the United Kingdom, from the \
                     office in Leeds and by remote support.",
                ),
            ]),
            p(
                "The scope covers all services in the service catalogue (section 2), all six \
               members of staff, the office at Unit 4, Calder Court, Leeds, and the cloud tenants \
               Northwind administers on behalf of customers. Hardware resale and one-off \
               consultancy projects are excluded: they are not delivered as services under \
               agreement and are managed as separate sales.",
            ),
            note(
                "Exclusions",
                "ISO/IEC 20000-1 does not allow requirements of clauses 4 to 10 to be excluded. \
                 Where Northwind uses other parties (for example the backup storage provider), the \
                 requirements are met through control of those parties (clause 8.2.3).",
            ),
        ],
    );
    let s12 = section(
        "s1-2",
        "1.2",
        "Context of the organization",
        2,
        vec![
            p(
                "Northwind was founded in 2014 and today supports 38 customers with around 640 end \
               users, mostly accountancy practices, dental surgeries and small manufacturers in \
               West Yorkshire. Customers buy one of three support tiers under a twelve-month \
               agreement. Most work is remote; on-site visits are scheduled twice a week.",
            ),
            Block::Heading {
                text: "External and internal issues".into(),
                level: 3,
            },
            bullets(&[
                "Customers increasingly ask for evidence of good practice in tenders; two \
                 framework agreements now require ISO/IEC 20000-1 or equivalent.",
                "Cyber insurance renewals require documented backup testing and incident \
                 handling; the SMS provides the evidence.",
                "Dependence on a small team: knowledge held by one engineer is a continuity risk \
                 (see the risk register NW-SMS-RISK).",
                "Microsoft licensing and platform changes arrive with short notice and drive many \
                 of the changes handled under change management.",
            ]),
            Block::Heading {
                text: "Interested parties".into(),
                level: 3,
            },
            Block::Table(Table {
                columns: vec![
                    Column::new("Interested party", 1.5),
                    Column::new("Needs and expectations relevant to the SMS", 4.0),
                    Column::new("How the SMS addresses them", 3.0),
                ],
                rows: vec![
                    vec![
                        Cell::text("Customers"),
                        Cell::text(
                            "Agreed response and resolution times; a named contact; monthly reports; secure handling of their data.",
                        ),
                        Cell::text(
                            "Service level management (8.3.3), service reporting (9.4), information security (8.7.3).",
                        ),
                    ],
                    vec![
                        Cell::text("End users"),
                        Cell::text(
                            "Quick help in plain language; updates on open tickets without chasing.",
                        ),
                        Cell::text("Incident and request management (8.6.1, 8.6.2)."),
                    ],
                    vec![
                        Cell::text("Suppliers"),
                        Cell::text("Clear orders and escalation contacts; payment on time."),
                        Cell::text("Supplier management (8.3.4)."),
                    ],
                    vec![
                        Cell::text("Staff"),
                        Cell::text("Manageable on-call rota; training; clear responsibilities."),
                        Cell::text("Roles (5.3), competence (7.2), capacity management (8.4.3)."),
                    ],
                    vec![
                        Cell::text("Insurer and regulators"),
                        Cell::text("Evidence of controls for data protection and cyber risk."),
                        Cell::text(
                            "Information security management (8.7.3), documented information (7.5).",
                        ),
                    ],
                ],
                caption: Some("Table 1 — Interested parties and their requirements".into()),
                compact: false,
            }),
        ],
    );
    let s13 = section(
        "s1-3",
        "1.3",
        "Customers, languages and scripts",
        2,
        vec![
            p(
                "Service is provided in English. Two customers operate bilingual offices and \
               receive their welcome pack and monthly report summary in a second language. The \
               dossier prints those titles as supplied by the customer:",
            ),
            Block::KeyValue(vec![
                KeyValue::new("Hebrew (right to left)", "דוח שירות חודשי — סיכום"),
                KeyValue::new("Japanese", "月次サービス報告書（概要）"),
                KeyValue::new("Chinese", "服务管理体系认证"),
                KeyValue::new("Greek and Cyrillic", "Μηνιαία αναφορά · Ежемесячный отчёт"),
            ]),
            p(
                "Characters that none of the embedded fonts can draw are printed as a question \
               mark and reported when the dossier is generated, so that nobody mistakes a missing \
               glyph for a typing error.",
            ),
        ],
    );
    with_subs(
        section(
            "s1",
            "1",
            "Scope statement and context",
            1,
            vec![p(
                "This section states what the service management system covers, the context \
                 Northwind operates in and the parties whose needs the SMS takes into account. It \
                 answers clauses 4.1 to 4.4 of ISO/IEC 20000-1:2018.",
            )],
        ),
        vec![s11, s12, s13],
    )
}

fn catalogue() -> Section {
    let services = [
        (
            "MD-01",
            "Managed desktop",
            "Patch management, antivirus, remote support for Windows and macOS devices.",
            "08:00–18:00 Mon–Fri",
            "P1 1 h / P2 4 h",
        ),
        (
            "M365-02",
            "Microsoft 365 administration",
            "Tenant administration, licences, mailboxes, Teams and SharePoint permissions.",
            "08:00–18:00 Mon–Fri",
            "P1 1 h / P2 4 h",
        ),
        (
            "NET-03",
            "Managed network",
            "Firewall, Wi-Fi and switch management; VPN; monitoring with alerting.",
            "24×7 monitoring",
            "P1 30 min",
        ),
        (
            "BCK-04",
            "Backup and recovery",
            "Daily backup of servers and Microsoft 365 data to UK storage; quarterly restore tests.",
            "Daily; restores on request",
            "Restore start 4 h",
        ),
        (
            "SD-05",
            "Service desk",
            "Single point of contact by phone, e-mail and portal for incidents and requests.",
            "08:00–18:00 Mon–Fri",
            "Answer 90 % in 60 s",
        ),
        (
            "ONB-06",
            "Starters and leavers",
            "Accounts, devices and access for joiners, movers and leavers.",
            "5 working days notice",
            "Complete by start date",
        ),
        (
            "SEC-07",
            "Security awareness",
            "Quarterly phishing simulation and short training for end users.",
            "Quarterly",
            "Report within 10 days",
        ),
    ];
    let mut t = Table {
        columns: vec![
            Column::new("Ref", 0.9),
            Column::new("Service", 1.6),
            Column::new("Description", 3.6),
            Column::new("Hours", 1.5),
            Column::new("Key target", 1.5),
        ],
        rows: Vec::new(),
        caption: Some("Table 2 — Service catalogue in force on 12 March 2026".into()),
        compact: false,
    };
    for (r, n, d, h, k) in services {
        t.rows.push(vec![
            Cell::mono(r),
            Cell::runs(vec![Run::bold(n)]),
            Cell::text(d),
            Cell::text(h),
            Cell::text(k),
        ]);
    }
    section(
        "s2",
        "2",
        "Service catalogue",
        1,
        vec![
            p(
                "The service catalogue is the authoritative list of services Northwind offers \
               under agreement. It is maintained by the Service Manager, reviewed at each \
               management review and published to customers in the customer portal. Each service \
               has a service owner, a description, dependencies and service level targets.",
            ),
            Block::Table(t),
            Block::Heading {
                text: "Support tiers".into(),
                level: 3,
            },
            Block::KeyValue(vec![
                KeyValue::new(
                    "Essential",
                    "Service desk, managed desktop and Microsoft 365 administration.",
                ),
                KeyValue::new(
                    "Professional",
                    "Essential plus managed network and backup and recovery.",
                ),
                KeyValue::new(
                    "Complete",
                    "Professional plus security awareness, quarterly service review on site and a named engineer.",
                ),
            ]),
            note(
                "Dependencies",
                "Services BCK-04 and NET-03 depend on two external suppliers (UK cloud storage and \
                 the connectivity provider). Their contracts and performance are managed under \
                 supplier management; see the evidence register for the current agreements.",
            ),
        ],
    )
}

fn roles() -> Section {
    let people = [
        (
            "Daniel Hughes",
            "Managing Director",
            "Top management; approves policies, budget and the SMS scope.",
        ),
        (
            "Priya Raman",
            "Service Manager",
            "SMS owner; service level, change and continual improvement.",
        ),
        (
            "Tom Okafor",
            "Service Desk Lead",
            "Incident and request management; service reporting.",
        ),
        (
            "Aisha Begum",
            "Senior Engineer",
            "Problem, release and configuration management; technical authority.",
        ),
        (
            "Lewis Grant",
            "Engineer",
            "Field and remote support; asset management.",
        ),
        (
            "Megan Price",
            "Office and Supplier Coordinator",
            "Supplier management, budgeting, documented information control.",
        ),
    ];
    let mut staff = Table {
        columns: vec![
            Column::new("Name", 1.4),
            Column::new("Role", 1.7),
            Column::new("Main responsibilities in the SMS", 4.2),
        ],
        rows: Vec::new(),
        caption: None,
        compact: false,
    };
    for (n, r, d) in people {
        staff.rows.push(vec![
            Cell::runs(vec![Run::bold(n)]),
            Cell::text(r),
            Cell::text(d),
        ]);
    }
    let roles = [
        "Managing Director",
        "Service Manager",
        "Service Desk Lead",
        "Senior Engineer",
        "Engineer",
        "Supplier Coord.",
        "Internal Auditor (ext.)",
    ];
    let processes: [(&str, [&str; 7]); 18] = [
        (
            "Service management policy and objectives",
            ["A", "R", "C", "C", "I", "I", "I"],
        ),
        (
            "Risk and opportunity management",
            ["A", "R", "C", "C", "I", "C", "I"],
        ),
        (
            "Documented information control",
            ["I", "A", "C", "C", "I", "R", "-"],
        ),
        (
            "Competence and awareness",
            ["A", "R", "C", "C", "I", "I", "-"],
        ),
        (
            "Service catalogue management",
            ["I", "A/R", "C", "C", "I", "I", "-"],
        ),
        ("Asset management", ["I", "A", "I", "C", "R", "C", "-"]),
        (
            "Configuration management",
            ["I", "A", "C", "R", "C", "I", "-"],
        ),
        (
            "Business relationship management",
            ["A", "R", "C", "I", "I", "I", "-"],
        ),
        (
            "Service level management",
            ["I", "A/R", "C", "C", "I", "I", "-"],
        ),
        ("Supplier management", ["A", "C", "I", "C", "I", "R", "-"]),
        (
            "Budgeting and accounting",
            ["A", "C", "-", "-", "-", "R", "-"],
        ),
        (
            "Capacity and demand management",
            ["I", "A", "C", "R", "C", "I", "-"],
        ),
        ("Change management", ["I", "A", "C", "R", "C", "I", "-"]),
        (
            "Release and deployment management",
            ["-", "A", "C", "R", "C", "-", "-"],
        ),
        (
            "Incident and service request management",
            ["I", "A", "R", "C", "R", "-", "-"],
        ),
        ("Problem management", ["I", "A", "C", "R", "C", "-", "-"]),
        (
            "Availability, continuity and information security",
            ["A", "R", "C", "R", "C", "C", "I"],
        ),
        (
            "Internal audit, management review, improvement",
            ["A", "R", "C", "C", "I", "I", "R"],
        ),
    ];
    let mut columns = vec![Column::new("Process", 2.7)];
    columns.extend(roles.iter().map(|r| Column::centered(*r, 1.0)));
    let mut raci = Table {
        columns,
        rows: Vec::new(),
        caption: Some(
            "Table 3 — RACI matrix: R responsible, A accountable, C consulted, I informed".into(),
        ),
        compact: true,
    };
    for (proc_name, cells) in processes {
        let mut row = vec![Cell::text(proc_name)];
        for c in cells {
            let tone = if c.contains('A') {
                Tone::Good
            } else {
                Tone::Neutral
            };
            row.push(if c == "-" {
                Cell::text("·")
            } else {
                Cell::toned(c, tone)
            });
        }
        raci.rows.push(row);
    }
    with_subs(
        section(
            "s3",
            "3",
            "Roles and responsibilities",
            1,
            vec![p(
                "With six people, most staff hold more than one role. Top management has \
                 assigned the roles below and checked them for conflicts of duty: nobody approves \
                 their own change, and the internal audit is carried out by an external auditor \
                 so that no one audits their own work.",
            )],
        ),
        vec![
            section(
                "s3-1",
                "3.1",
                "People and roles",
                2,
                vec![Block::Table(staff)],
            ),
            section(
                "s3-2",
                "3.2",
                "RACI matrix",
                2,
                vec![
                    p(
                        "The matrix assigns exactly one accountable role per process. Where the \
                       Service Manager is both accountable and responsible, the Managing \
                       Director reviews the process outputs at the monthly service review.",
                    ),
                    Block::Table(raci),
                    warning(
                        "Segregation of duties",
                        "The Senior Engineer both builds and deploys releases. Compensating \
                         control: every release to a customer tenant is approved by the Service \
                         Manager in the change record before deployment, and deployments are \
                         reviewed weekly.",
                    ),
                ],
            ),
        ],
    )
}

fn policy(
    id: &str,
    number: &str,
    title: &str,
    owner: &str,
    parts: Vec<(&str, Vec<Block>)>,
) -> Section {
    let mut blocks = vec![Block::KeyValue(vec![
        KeyValue::new("Owner", owner),
        KeyValue::new(
            "Approved",
            "Daniel Hughes, Managing Director — 13 February 2026",
        ),
        KeyValue::new("Next review", "February 2027 or after a significant change"),
    ])];
    for (h, mut b) in parts {
        blocks.push(Block::Heading {
            text: h.into(),
            level: 3,
        });
        blocks.append(&mut b);
    }
    section(id, number, title, 2, blocks)
}

fn policies() -> Section {
    let sm = policy(
        "s4-1",
        "4.1",
        "Service management policy (NW-POL-01)",
        "Priya Raman, Service Manager",
        vec![
            (
                "Purpose",
                vec![p(
                    "This policy sets out how Northwind plans, delivers and improves its services so \
                   that customers receive what they agreed to, reliably and safely. It applies to \
                   every service in the service catalogue and to everyone who works for or on \
                   behalf of Northwind.",
                )],
            ),
            (
                "Commitments",
                vec![
                    p("Top management commits to:"),
                    numbered(&[
                        "meet the service requirements agreed with customers and the applicable \
                     legal, regulatory and contractual obligations;",
                        "operate a service management system that fulfils ISO/IEC 20000-1:2018 and \
                     to provide the people, tools and budget it needs;",
                        "set measurable service management objectives each year and review progress \
                     at every management review;",
                        "communicate this policy to all staff and make it available to customers \
                     and other interested parties on request;",
                        "continually improve the suitability, adequacy and effectiveness of the SMS \
                     and the services.",
                    ]),
                ],
            ),
            (
                "Principles",
                vec![
                    bullets(&[
                        "Customers first: every ticket has an owner, a clear next step and an update \
                     before the customer needs to ask.",
                        "Fix the cause, not only the symptom: recurring incidents are raised as \
                     problems and reviewed weekly.",
                        "Change with care: changes to customer environments are assessed for risk and \
                     impact and approved before they are made.",
                        "Know what we manage: assets and configuration items are recorded and kept up \
                     to date so that impact can be assessed quickly.",
                        "Measure and report honestly: service reports show misses as clearly as \
                     successes.",
                    ]),
                    p(
                        "These principles are applied in proportion to the size of the company. \
                   Northwind keeps processes lightweight: one ticketing system, one \
                   configuration database and one shared document library hold all records.",
                    ),
                ],
            ),
            (
                "Objectives for 2026",
                vec![Block::Table(Table {
                    columns: vec![
                        Column::new("Objective", 3.2),
                        Column::centered("Target", 1.1),
                        Column::centered("Current", 1.1),
                        Column::new("Measured by", 2.4),
                    ],
                    rows: vec![
                        vec![
                            Cell::text("Priority 1 incidents responded to within target"),
                            Cell::text("98 %"),
                            Cell::toned("99.1 %", Tone::Good),
                            Cell::text("Monthly service report"),
                        ],
                        vec![
                            Cell::text("Customer satisfaction score (post-ticket survey)"),
                            Cell::text("4.5 / 5"),
                            Cell::toned("4.6 / 5", Tone::Good),
                            Cell::text("Survey tool export"),
                        ],
                        vec![
                            Cell::text("Changes causing an incident"),
                            Cell::text("< 3 %"),
                            Cell::toned("4.2 %", Tone::Bad),
                            Cell::text("Change records"),
                        ],
                        vec![
                            Cell::text("Successful quarterly restore tests"),
                            Cell::text("100 %"),
                            Cell::toned("92 %", Tone::Warn),
                            Cell::text("Restore test log"),
                        ],
                        vec![
                            Cell::text("Staff trained on the SMS"),
                            Cell::text("100 %"),
                            Cell::toned("100 %", Tone::Good),
                            Cell::text("Training record"),
                        ],
                    ],
                    caption: None,
                    compact: false,
                })],
            ),
            (
                "Responsibilities",
                vec![
                    p(
                        "The Managing Director is accountable for the SMS and this policy. The Service \
                   Manager owns the SMS day to day, maintains the policy and reports on its \
                   effectiveness. Every member of staff is responsible for following the SMS \
                   processes in their work and for raising improvement ideas.",
                    ),
                    p(
                        "Failure to follow this policy is handled first through coaching; deliberate or \
                   repeated breaches are handled under the disciplinary procedure in the staff \
                   handbook.",
                    ),
                ],
            ),
            (
                "Review",
                vec![p(
                    "This policy is reviewed at least once a year at the management review, and \
                   earlier when the services, the organization or the legal context change \
                   significantly. The review record is kept with the management review minutes.",
                )],
            ),
        ],
    );
    let is = policy(
        "s4-2",
        "4.2",
        "Information security policy (NW-POL-02)",
        "Aisha Begum, Senior Engineer (security champion)",
        vec![
            (
                "Purpose and scope",
                vec![p(
                    "Northwind holds administrative access to customer systems. A single compromise \
                   of that access would affect every customer at once. This policy sets the rules \
                   that protect the confidentiality, integrity and availability of information in \
                   the services, for Northwind's own systems and the customer systems it \
                   manages.",
                )],
            ),
            (
                "Information security objectives",
                vec![bullets(&[
                    "No security incident caused by Northwind's administrative access.",
                    "All administrative accounts protected by phishing-resistant multi-factor \
                     authentication by 30 June 2026.",
                    "Security patches of critical severity applied to managed devices within 7 \
                     days, to servers within 14 days.",
                    "Every customer backup restored successfully at least once per quarter.",
                ])],
            ),
            (
                "Access control",
                vec![
                    p(
                        "Access is granted on the principle of least privilege and reviewed every \
                   quarter by the Service Manager. Administrative accounts are separate from \
                   everyday accounts and are never used for e-mail or browsing. Customer \
                   credentials are stored only in the company password manager, in vaults per \
                   customer, and shared credentials are rotated when a member of staff leaves.",
                    ),
                    bullets(&[
                        "Joiners receive access only after signing the confidentiality agreement and \
                     completing security induction.",
                        "Leavers lose all access on their last working day; the leaver checklist is \
                     completed by the Service Desk Lead and checked by the Service Manager.",
                        "Remote access tools are restricted to company devices and logged centrally \
                     for 12 months.",
                    ]),
                ],
            ),
            (
                "Devices and data",
                vec![p(
                    "Company laptops are encrypted, managed centrally and patched automatically. \
                   Customer data is not copied to local storage except where needed to resolve an \
                   incident, and is deleted when the incident is closed. Removable media is \
                   blocked on company devices.",
                )],
            ),
            (
                "Information security incidents",
                vec![
                    p(
                        "Anyone who suspects an information security incident reports it immediately \
                   to the service desk as a priority 1 incident. The Senior Engineer assesses the \
                   incident, involves the customer where their data or systems are affected and \
                   decides on containment. Personal data breaches are assessed for notification to \
                   the Information Commissioner's Office within 72 hours.",
                    ),
                    note(
                        "Risk assessment",
                        "Information security risks are assessed at least once a year and after \
                     significant changes, using the risk method in NW-SMS-RISK. The controls \
                     selected are listed with their owners in the statement of controls \
                     NW-SEC-03.",
                    ),
                ],
            ),
            (
                "Suppliers",
                vec![p(
                    "Suppliers that store or process customer information must meet security \
                   requirements set in their contracts, including UK or EU data location, \
                   encryption of data at rest and notification of incidents within 24 hours. \
                   Supplier security is reviewed at the annual supplier review.",
                )],
            ),
        ],
    );
    let ch = policy(
        "s4-3",
        "4.3",
        "Change management policy (NW-POL-03)",
        "Priya Raman, Service Manager",
        vec![
            (
                "Scope of change management",
                vec![p(
                    "Change management applies to all changes to services, service components and \
                   configuration items recorded in the configuration database, including \
                   changes made in customer environments. Routine service requests (for example \
                   a password reset or a new mailbox) are handled as requests and are not \
                   changes.",
                )],
            ),
            (
                "Categories",
                vec![Block::KeyValue(vec![
                    KeyValue::new(
                        "Standard",
                        "Pre-approved, low-risk and repeatable; follows a documented procedure (for example monthly patching).",
                    ),
                    KeyValue::new(
                        "Normal",
                        "Assessed for risk and impact and approved by the Service Manager before it is scheduled.",
                    ),
                    KeyValue::new(
                        "Emergency",
                        "Needed to restore service or close a security exposure; approved by the Service Manager or, out of hours, the on-call senior engineer, and reviewed within 2 working days.",
                    ),
                    KeyValue::new(
                        "Major",
                        "Could have a major impact on services or customers (for example a new service, or removing one); handled through service design and transition (8.5.2).",
                    ),
                ])],
            ),
            (
                "Rules",
                vec![numbered(&[
                    "Every change has a change record with a description, the reason, the \
                     affected configuration items, a risk assessment, a remediation plan and an \
                     approver.",
                    "Nobody approves their own change.",
                    "Changes to customer environments are scheduled with the customer and avoid \
                     their business-critical periods.",
                    "Failed changes are remediated according to the plan and reviewed at the \
                     weekly operations meeting.",
                    "The change schedule is shared with the service desk every Monday.",
                ])],
            ),
        ],
    );
    with_subs(
        section(
            "s4",
            "4",
            "Approved policies",
            1,
            vec![p(
                "The policies in this section were approved by top management and communicated \
                 to all staff. They are reproduced in full; the controlled copies are held in the \
                 document library with the references given.",
            )],
        ),
        vec![sm, is, ch],
    )
}

fn scorecard() -> Section {
    let bars = BarChart {
        title: "Readiness by clause (target 80 %)".into(),
        items: CLAUSES
            .iter()
            .map(|(n, t, v)| BarItem {
                label: format!("{n}  {t}"),
                value: *v,
                target: Some(80.0),
            })
            .collect(),
    };
    let radar = RadarChart {
        title: "Readiness profile".into(),
        axes: CLAUSES
            .iter()
            .map(|(n, t, _)| format!("{n} {}", t.split(' ').next().unwrap_or(t)))
            .collect(),
        values: CLAUSES.iter().map(|c| c.2).collect(),
        target: Some(vec![80.0; 7]),
    };
    let ops = BarChart {
        title: "Clause 8 in detail".into(),
        items: [
            ("8.1 Operational planning", 75.0),
            ("8.2 Service portfolio", 70.0),
            ("8.3 Relationship and agreement", 82.0),
            ("8.4 Supply and demand", 55.0),
            ("8.5 Design, build and transition", 61.0),
            ("8.6 Resolution and fulfilment", 88.0),
            ("8.7 Service assurance", 47.0),
        ]
        .iter()
        .map(|(l, v)| BarItem {
            label: (*l).into(),
            value: *v,
            target: Some(80.0),
        })
        .collect(),
    };
    let mut scores = Table {
        columns: vec![
            Column::centered("Clause", 0.8),
            Column::new("Title", 2.6),
            Column::centered("Score", 0.9),
            Column::centered("Verdict", 1.2),
            Column::new("Main gap", 3.6),
        ],
        rows: Vec::new(),
        caption: None,
        compact: false,
    };
    let gaps = [
        "Interested parties list not yet reviewed by top management.",
        "Objectives lack an owner for two measures.",
        "Risk treatment for two supplier risks not yet decided.",
        "Knowledge articles for the network service incomplete.",
        "Capacity plan and continuity test for backup storage missing.",
        "Only two months of service reports against the new targets.",
        "Corrective actions from the internal audit not yet verified.",
    ];
    for ((n, t, v), g) in CLAUSES.iter().zip(gaps) {
        let (verdict, tone) = if *v >= 80.0 {
            ("Ready", Tone::Good)
        } else if *v >= 60.0 {
            ("Partly ready", Tone::Warn)
        } else {
            ("Not ready", Tone::Bad)
        };
        scores.rows.push(vec![
            Cell::text(*n),
            Cell::text(*t),
            Cell::text(format!("{v:.0} %")),
            Cell::toned(verdict, tone),
            Cell::text(g),
        ]);
    }
    section(
        "s5",
        "5",
        "Readiness scorecard",
        1,
        vec![
            p(
                "Each requirement of clauses 4 to 10 was assessed with the Ready20k question set \
               and scored 0 (not in place), 50 (partly in place) or 100 (in place with evidence). \
               Clause scores are the mean of their requirements. A clause at or above 80 % is \
               considered ready for the stage 2 audit.",
            ),
            Block::BarChart(bars),
            Block::Table(scores),
            Block::RadarChart(radar),
            Block::BarChart(ops),
            note(
                "Verdict",
                "Northwind is ready for the stage 1 (documentation) audit. Before stage 2, clauses \
                 8.4, 8.7 and 9 must reach the target: the action plan in section 7 schedules the \
                 work for completion by 30 April 2026.",
            ),
        ],
    )
}

fn matrix_rows() -> Vec<(&'static str, &'static str)> {
    vec![
        ("4.1", "Understanding the organization and its context"),
        ("4.2", "Needs and expectations of interested parties"),
        ("4.3", "Determining the scope of the SMS"),
        ("4.4", "Service management system"),
        ("5.1", "Leadership and commitment"),
        ("5.2.1", "Establishing the service management policy"),
        ("5.2.2", "Communicating the service management policy"),
        (
            "5.3",
            "Organizational roles, responsibilities and authorities",
        ),
        ("6.1.1", "Risks and opportunities — general"),
        ("6.1.2", "Actions to address risks and opportunities"),
        ("6.2.1", "Establish service management objectives"),
        ("6.2.2", "Plan to achieve objectives"),
        ("6.3", "Plan the service management system"),
        ("7.1", "Resources"),
        ("7.2", "Competence"),
        ("7.3", "Awareness"),
        ("7.4", "Communication"),
        ("7.5.1", "Documented information — general"),
        ("7.5.2", "Creating and updating documented information"),
        ("7.5.3", "Control of documented information"),
        ("7.5.4", "SMS documented information"),
        ("7.6", "Knowledge"),
        ("8.1", "Operational planning and control"),
        ("8.2.1", "Service delivery"),
        ("8.2.2", "Plan the services"),
        (
            "8.2.3",
            "Control of parties involved in the service lifecycle",
        ),
        ("8.2.4", "Service catalogue management"),
        ("8.2.5", "Asset management"),
        ("8.2.6", "Configuration management"),
        ("8.3.1", "Relationship and agreement — general"),
        ("8.3.2", "Business relationship management"),
        ("8.3.3", "Service level management"),
        ("8.3.4.1", "Management of external suppliers"),
        (
            "8.3.4.2",
            "Internal suppliers and customers acting as suppliers",
        ),
        ("8.4.1", "Budgeting and accounting for services"),
        ("8.4.2", "Demand management"),
        ("8.4.3", "Capacity management"),
        ("8.5.1.1", "Change management policy"),
        ("8.5.1.2", "Change management initiation"),
        ("8.5.1.3", "Change management activities"),
        ("8.5.2.1", "Plan new or changed services"),
        ("8.5.2.2", "Design"),
        ("8.5.2.3", "Build and transition"),
        ("8.5.3", "Release and deployment management"),
        ("8.6.1", "Incident management"),
        ("8.6.2", "Service request management"),
        ("8.6.3", "Problem management"),
        ("8.7.1", "Service availability management"),
        ("8.7.2", "Service continuity management"),
        ("8.7.3.1", "Information security policy"),
        ("8.7.3.2", "Information security controls"),
        ("8.7.3.3", "Information security incidents"),
        ("9.1", "Monitoring, measurement, analysis and evaluation"),
        ("9.2.1", "Internal audit — objectives"),
        ("9.2.2", "Internal audit programme"),
        ("9.3.1", "Management review — general"),
        ("9.3.2", "Management review inputs and outputs"),
        ("9.4", "Service reporting"),
        ("10.1", "Nonconformity and corrective action"),
        ("10.2", "Continual improvement"),
        ("10.2.1", "Evaluation and prioritisation of improvements"),
        ("10.2.2", "Managing improvements"),
    ]
}

fn matrix() -> Section {
    let mut t = Table {
        columns: vec![
            Column::new("Sub-clause", 1.1),
            Column::new("Requirement (summary)", 2.9),
            Column::centered("Status", 1.0),
            Column::new("Evidence", 2.6),
            Column::new("Documents", 1.3),
        ],
        rows: Vec::new(),
        caption: Some("Table 5 — Compliance matrix, assessed 5 March 2026".into()),
        compact: true,
    };
    let evidence = [
        "Ticket export and monthly report; reviewed at the service review.",
        "Minutes of the management review with decisions and owners.",
        "Approved procedure in the document library; last used in February.",
        "Records in the ticketing system; sample of 25 checked by the auditor.",
        "Register maintained; two entries overdue for review.",
        "Training log with signatures; induction checklist for the last joiner.",
        "Supplier contracts and annual review notes.",
        "Configuration database extract; reconciliation on 28 February.",
    ];
    for (i, (n, title)) in matrix_rows().into_iter().enumerate() {
        let k = (i * 7 + 3) % 11;
        let (status, tone) = match k {
            0 => ("Not met", Tone::Bad),
            1..=3 => ("Partly met", Tone::Warn),
            _ => ("Met", Tone::Good),
        };
        let ev = if tone == Tone::Bad {
            "No evidence yet — see action plan.".to_string()
        } else {
            evidence[i % evidence.len()].to_string()
        };
        let doc = format!(
            "NW-SMS-{:02}{}",
            10 + i / 3,
            if i % 4 == 0 { ", NW-POL-01" } else { "" }
        );
        t.rows.push(vec![
            Cell::runs(vec![Run::bold(n)]),
            Cell::text(title),
            Cell::toned(status, tone),
            Cell::text(ev),
            Cell::mono(doc),
        ]);
    }
    section(
        "s6",
        "6",
        "Compliance matrix",
        1,
        vec![
            p(
                "The matrix lists every requirement of clauses 4 to 10 with its status, the \
               evidence an auditor can inspect and the controlling documents. Requirement \
               summaries are paraphrased; refer to the standard for the exact wording.",
            ),
            Block::Table(t),
        ],
    )
}

fn action_plan() -> Section {
    let actions = [
        (
            "A-01",
            "Complete the capacity plan for backup storage and the connectivity service.",
            "8.4.3",
            "Aisha Begum",
            "20 Mar 2026",
            "Open",
            Tone::Warn,
        ),
        (
            "A-02",
            "Run and record a service continuity test for the backup service.",
            "8.7.2",
            "Aisha Begum",
            "27 Mar 2026",
            "Open",
            Tone::Warn,
        ),
        (
            "A-03",
            "Decide the treatment of supplier risks R-11 and R-14.",
            "6.1.2",
            "Daniel Hughes",
            "28 Feb 2026",
            "Overdue",
            Tone::Bad,
        ),
        (
            "A-04",
            "Verify the effectiveness of corrective actions from internal audit IA-2026-01.",
            "10.1",
            "Priya Raman",
            "15 Apr 2026",
            "Open",
            Tone::Warn,
        ),
        (
            "A-05",
            "Assign owners to objectives O-4 and O-5.",
            "6.2.2",
            "Daniel Hughes",
            "6 Mar 2026",
            "Overdue",
            Tone::Bad,
        ),
        (
            "A-06",
            "Write knowledge articles for the managed network service.",
            "7.6",
            "Lewis Grant",
            "10 Apr 2026",
            "In progress",
            Tone::Warn,
        ),
        (
            "A-07",
            "Produce three consecutive monthly service reports against the new targets.",
            "9.4",
            "Tom Okafor",
            "30 Apr 2026",
            "In progress",
            Tone::Warn,
        ),
        (
            "A-08",
            "Reconcile the asset register with the configuration database.",
            "8.2.5",
            "Lewis Grant",
            "3 Mar 2026",
            "Done",
            Tone::Good,
        ),
        (
            "A-09",
            "Record budget and actual costs per service for Q1.",
            "8.4.1",
            "Megan Price",
            "15 Apr 2026",
            "Open",
            Tone::Warn,
        ),
        (
            "A-10",
            "Top management review of the interested parties list.",
            "4.2",
            "Daniel Hughes",
            "20 Mar 2026",
            "Open",
            Tone::Warn,
        ),
        (
            "A-11",
            "Enrol administrative accounts in phishing-resistant MFA.",
            "8.7.3.2",
            "Aisha Begum",
            "30 Jun 2026",
            "In progress",
            Tone::Warn,
        ),
        (
            "A-12",
            "Publish the change schedule in the customer portal.",
            "8.5.1.3",
            "Priya Raman",
            "27 Feb 2026",
            "Done",
            Tone::Good,
        ),
        (
            "A-13",
            "Demand forecast for the 2026 customer pipeline.",
            "8.4.2",
            "Megan Price",
            "30 Apr 2026",
            "Open",
            Tone::Warn,
        ),
        (
            "A-14",
            "Define availability targets for NET-03 in the customer agreements.",
            "8.7.1",
            "Priya Raman",
            "10 Apr 2026",
            "Open",
            Tone::Warn,
        ),
    ];
    let mut t = Table {
        columns: vec![
            Column::new("ID", 0.7),
            Column::new("Action", 3.6),
            Column::new("Clause", 0.9),
            Column::new("Owner", 1.4),
            Column::new("Due", 1.1),
            Column::centered("Status", 1.1),
        ],
        rows: Vec::new(),
        caption: Some("Table 6 — Action plan (14 actions, 2 overdue)".into()),
        compact: false,
    };
    for (id, a, c, o, d, s, tone) in actions {
        t.rows.push(vec![
            Cell::mono(id),
            Cell::text(a),
            Cell::text(c),
            Cell::text(o),
            Cell::text(d),
            Cell::toned(s, tone),
        ]);
    }
    section(
        "s7",
        "7",
        "Action plan",
        1,
        vec![
            p(
                "Actions come from the gap assessment, the internal audit and the management \
               review. Each has one owner and a due date; progress is reviewed at the weekly \
               operations meeting and reported to top management monthly.",
            ),
            Block::Table(t),
            warning(
                "Overdue actions",
                "Actions A-03 and A-05 are overdue and both sit with top management. They are \
                 prerequisites for the stage 2 audit and are on the agenda of the management \
                 meeting on 19 March 2026.",
            ),
        ],
    )
}

fn evidence() -> Section {
    let items = [
        ("E-001", "Management review minutes 2026-02", "9.3"),
        ("E-002", "Internal audit report IA-2026-01", "9.2"),
        (
            "E-003",
            "Service report January 2026 (all customers)",
            "9.4",
        ),
        (
            "E-004",
            "Service report February 2026 (all customers)",
            "9.4",
        ),
        ("E-005", "Change records export Q1 2026", "8.5.1"),
        (
            "E-006",
            "Configuration database extract 2026-02-28",
            "8.2.6",
        ),
        ("E-007", "Restore test log 2025-Q4", "8.7.2"),
        ("E-008", "Supplier review — UK cloud storage", "8.3.4"),
        ("E-009", "Training record and induction checklists", "7.2"),
        ("E-010", "Risk register NW-SMS-RISK v7", "6.1"),
        ("E-011", "Customer satisfaction survey export", "9.1"),
        ("E-012", "Signed service agreements (sample of 5)", "8.3.3"),
    ];
    let mut t = Table {
        columns: vec![
            Column::new("ID", 0.7),
            Column::new("Evidence", 2.4),
            Column::new("Clause", 0.7),
            Column::new("SHA-256", 3.0),
        ],
        rows: Vec::new(),
        caption: Some(
            "Table 7 — Evidence register; hashes identify the stored files exactly".into(),
        ),
        compact: true,
    };
    for (id, name, clause) in items {
        t.rows.push(vec![
            Cell::mono(id),
            Cell::text(name),
            Cell::text(clause),
            Cell::mono(hex_sha256(name)),
        ]);
    }
    // A 5,000-character token, as pasted from a certificate export without spaces.
    let mut blob = String::new();
    let mut seed = String::from("northwind");
    while blob.len() < 5000 {
        seed = hex_sha256(&seed);
        blob.push_str(&seed);
    }
    blob.truncate(5000);
    section(
        "s8",
        "8",
        "Evidence register",
        1,
        vec![
            p(
                "Evidence files are stored inside the project file with their SHA-256 hash, \
               computed when the file was added. An auditor can verify any copy they receive by \
               computing its hash and comparing it with the register.",
            ),
            Block::Table(t),
            Block::Heading {
                text: "Pasted certificate fingerprint (E-013)".into(),
                level: 3,
            },
            p(
                "The following value was pasted into the register as one unbroken token. It is \
               reproduced exactly; the layout breaks it by characters because it has no spaces:",
            ),
            runs(vec![Run::mono(blob)]),
        ],
    )
}

fn annex() -> Section {
    let docs = [
        (
            "NW-SMS-00",
            "Scope of the service management system",
            "4.3",
            "Approved",
        ),
        ("NW-POL-01", "Service management policy", "5.2", "Approved"),
        (
            "NW-SMS-02",
            "Service management objectives",
            "6.2",
            "Approved",
        ),
        ("NW-SMS-03", "Service management plan", "6.3", "Approved"),
        (
            "NW-SMS-RISK",
            "Risk register and risk method",
            "6.1",
            "Approved",
        ),
        (
            "NW-SMS-05",
            "Roles, responsibilities and authorities",
            "5.3",
            "Approved",
        ),
        (
            "NW-SMS-06",
            "Competence and training records",
            "7.2",
            "Approved",
        ),
        (
            "NW-SMS-07",
            "Control of documented information procedure",
            "7.5",
            "Approved",
        ),
        ("NW-SMS-08", "Service catalogue", "8.2.4", "Approved"),
        (
            "NW-SMS-09",
            "Asset and configuration management procedure",
            "8.2.5",
            "Approved",
        ),
        (
            "NW-SMS-10",
            "Service level agreements (template and signed)",
            "8.3.3",
            "Approved",
        ),
        (
            "NW-SMS-11",
            "Supplier management procedure and contracts",
            "8.3.4",
            "Approved",
        ),
        (
            "NW-SMS-12",
            "Budgeting and accounting procedure",
            "8.4.1",
            "Draft",
        ),
        ("NW-SMS-13", "Capacity plan", "8.4.3", "Missing"),
        (
            "NW-POL-03",
            "Change management policy",
            "8.5.1.1",
            "Approved",
        ),
        (
            "NW-SMS-15",
            "Release and deployment procedure",
            "8.5.3",
            "Approved",
        ),
        (
            "NW-SMS-16",
            "Incident and request management procedure",
            "8.6",
            "Approved",
        ),
        (
            "NW-SMS-17",
            "Problem management procedure",
            "8.6.3",
            "Approved",
        ),
        (
            "NW-SMS-18",
            "Service continuity and availability plan",
            "8.7",
            "Draft",
        ),
        (
            "NW-POL-02",
            "Information security policy",
            "8.7.3.1",
            "Approved",
        ),
        (
            "NW-SMS-20",
            "Internal audit programme and reports",
            "9.2",
            "Approved",
        ),
        ("NW-SMS-21", "Management review minutes", "9.3", "Approved"),
    ];
    let mut t = Table {
        columns: vec![
            Column::centered("", 0.35),
            Column::new("Reference", 1.2),
            Column::new("Document", 3.6),
            Column::new("Clause", 0.8),
            Column::centered("Status", 1.0),
        ],
        rows: Vec::new(),
        caption: Some("Table A.1 — Documented information required by ISO/IEC 20000-1:2018".into()),
        compact: false,
    };
    for (r, n, c, s) in docs {
        let (mark, tone) = match s {
            "Approved" => ("✓", Tone::Good),
            "Draft" => ("◐", Tone::Warn),
            _ => ("✗", Tone::Bad),
        };
        t.rows.push(vec![
            Cell::toned(mark, tone),
            Cell::mono(r),
            Cell::text(n),
            Cell::text(c),
            Cell::toned(s, tone),
        ]);
    }
    section(
        "annex-a",
        "Annex A",
        "Required documents checklist",
        1,
        vec![
            p(
                "The checklist lists the documented information the standard requires, mapped to \
               Northwind's document references. Drafts and missing documents are tracked in the \
               action plan.",
            ),
            Block::Table(t),
        ],
    )
}
