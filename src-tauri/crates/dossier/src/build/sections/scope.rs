//! Section 1: the scope statement, the context of the organization (issues and interested
//! parties), the climate decision and the other parties involved in the services.

use ready20k_domain::wizard::{IssueKind, OtherParty};

use crate::build::facts::Facts;
use crate::build::table::rows;
use crate::build::util::{bullets, h3, note, or_dash, p, plural, sec, warning};
use crate::model::{Block, Cell, KeyValue, Paragraph, Run, Section, Tone};

/// Section 1.
pub(super) fn scope(f: &Facts<'_>) -> Section {
    let d = &f.data;
    let pr = &d.profile;
    // The scope is the first thing a Stage 1 auditor reads: never print it as settled while the
    // setup wizard would refuse part of it (e.g. a statement that excludes a requirement).
    let setup = f.setup_errors();
    let mut s11 = Vec::new();
    if !setup.is_empty() {
        s11.push(warning(
            "This scope is not settled",
            format!(
                "The statement below is printed as entered, but the project has {} that the \
                 setup wizard refuses. Fix {} before this dossier goes to the certification body.",
                plural(setup.len(), "open setup error", "open setup errors"),
                if setup.len() == 1 { "it" } else { "them" }
            ),
        ));
        s11.push(bullets(setup));
    }
    s11.push(Block::Paragraph(Paragraph::from_runs(vec![
        Run::plain("The scope of the SMS is: "),
        Run::italic(or_dash(&f.scope)),
    ])));
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
        s12.push(
            rows(&d.parties)
                .col("Interested party", 1.6, |ip| Cell::text(ip.name.trim()))
                .col("Needs and expectations relevant to the SMS", 4.4, |ip| {
                    Cell::text(or_dash(&ip.requirements))
                })
                .caption("Interested parties and their requirements (clause 4.2)"),
        );
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
        subs.push(other_parties(f));
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

/// 1.4: the parties that deliver part of the services or operate part of a process.
fn other_parties(f: &Facts<'_>) -> Section {
    let d = &f.data;
    let services = |o: &OtherParty| {
        let names: Vec<String> = o
            .services
            .iter()
            .filter_map(|id| d.services.iter().find(|s| s.id == *id))
            .map(|s| s.name.clone())
            .collect();
        Cell::text(or_dash(&names.join(", ")))
    };
    let processes = |o: &OtherParty| {
        let names: Vec<String> = o
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
        Cell::text(or_dash(&names.join(", ")))
    };
    let kind = |o: &OtherParty| {
        let mut kind = o.kind.label().to_owned();
        if let Some(first) = kind.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        Cell::text(kind)
    };
    sec(
        "Other parties involved in the services",
        vec![
            p(
                "These parties deliver part of the services or operate part of a process. \
                 The firm stays accountable for the requirements they help to meet.",
            ),
            rows(&d.other_parties)
                .col("Party", 1.5, |o| Cell::text(o.name.trim()))
                .col("Kind", 1.3, |o| kind(o))
                .col("Provides", 2.4, |o| Cell::text(or_dash(&o.provides)))
                .col("Services", 1.6, |o| services(o))
                .col("Processes", 1.6, |o| processes(o))
                .compact()
                .caption("Other parties (clause 8.2.3)"),
        ],
        Vec::new(),
    )
}
