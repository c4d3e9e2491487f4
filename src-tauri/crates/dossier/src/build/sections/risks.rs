//! The risk and opportunity register (6.1; information-security risks of 8.7.3.1 flagged):
//! the firm's criteria, the heat maps before and after treatment, every entry with its source,
//! owner, ratings, treatment status and review date, and what the rules found.

use ready20k_domain::risks::{
    self, HeatMapBasis, Rating, Risk, RiskCriteria, RiskKind, RiskStatus, SourceKind, Treatment,
};

use crate::build::convert::date_of;
use crate::build::facts::Facts;
use crate::build::table::rows;
use crate::build::util::{bullets, clip, or_dash, p, plural, sec, short_date, warning};
use crate::model::{Block, Cell, HeatGrid, HeatMap, KeyValue, Run, Section, Tone};

/// What the register section works on.
struct Register {
    criteria: RiskCriteria,
    entries: Vec<Risk>,
}

fn register(f: &Facts<'_>) -> Register {
    Register {
        criteria: f.snap.registers.criteria(),
        entries: f.snap.registers.risk_entries(),
    }
}

/// Where an entry comes from, with the name of its source row when it still exists.
fn source_text(f: &Facts<'_>, r: &Risk) -> String {
    let w = &f.snap.wizard;
    let named = |name: Option<String>, kind: &str| match name {
        Some(n) => format!("{kind}: {n}"),
        None => format!("{kind} (no longer exists)"),
    };
    match r.source {
        SourceKind::ContextIssue => named(
            w.issues
                .iter()
                .find(|i| Some(i.id) == r.source_id)
                .map(|i| i.text.trim().to_owned()),
            "Issue",
        ),
        SourceKind::InterestedParty => named(
            w.interested_parties
                .iter()
                .find(|i| Some(i.id) == r.source_id)
                .map(|i| i.name.trim().to_owned()),
            "Party",
        ),
        SourceKind::Service => named(
            w.services
                .iter()
                .find(|i| Some(i.id) == r.source_id)
                .map(|i| i.name.trim().to_owned()),
            "Service",
        ),
        SourceKind::Supplier => named(
            w.other_parties
                .iter()
                .find(|i| Some(i.id) == r.source_id)
                .map(|i| i.name.trim().to_owned()),
            "Supplier",
        ),
        SourceKind::Climate => "Climate change".to_owned(),
        SourceKind::Other => "Other".to_owned(),
    }
}

/// "L4 × I3 = 12", toned against the acceptance level.
fn rating_cell(r: Option<Rating>, acceptance: u8, opportunity: bool) -> Cell {
    let Some(r) = r else {
        return Cell::text("—");
    };
    let text = format!("{} ({}×{})", r.score(), r.likelihood, r.impact);
    let tone = match (opportunity, r.score() > acceptance) {
        (true, _) => Tone::Neutral,
        (false, false) => Tone::Good,
        (false, true) if r.score() >= 15 => Tone::Bad,
        (false, true) => Tone::Warn,
    };
    Cell::toned(text, tone)
}

fn treatment_label(t: Option<Treatment>) -> &'static str {
    match t {
        None => "Not decided",
        Some(Treatment::Reduce) => "Reduce",
        Some(Treatment::Avoid) => "Avoid",
        Some(Treatment::Transfer) => "Transfer",
        Some(Treatment::Accept) => "Accept",
        Some(Treatment::Pursue) => "Pursue",
    }
}

fn status_cell(r: &Risk) -> Cell {
    match r.status {
        RiskStatus::Open => Cell::toned("Open", Tone::Warn),
        RiskStatus::Treating => Cell::toned("Treating", Tone::Warn),
        RiskStatus::Monitored => Cell::toned("Monitored", Tone::Good),
        RiskStatus::Closed => Cell::text("Closed"),
    }
}

/// The review date; "overdue" when it has passed on an entry that is not closed.
fn review_cell(f: &Facts<'_>, r: &Risk) -> Cell {
    let Some(on) = r.review_on.as_deref().filter(|s| !s.trim().is_empty()) else {
        return Cell::text("—");
    };
    let overdue = r.status != RiskStatus::Closed && date_of(on).is_some_and(|d| d < f.opts.date);
    if overdue {
        Cell::runs(vec![Run::plain(short_date(on)), Run::bold(" — overdue")]).with_tone(Tone::Bad)
    } else {
        Cell::text(short_date(on))
    }
}

/// The criteria: both scales in words and the acceptance level.
fn criteria_blocks(c: &RiskCriteria) -> Vec<Block> {
    let scale: Vec<(usize, String, String)> = (0..5)
        .map(|i| {
            (
                i + 1,
                c.likelihood.get(i).cloned().unwrap_or_default(),
                c.impact.get(i).cloned().unwrap_or_default(),
            )
        })
        .collect();
    vec![
        p(
            "Each risk is rated for likelihood and impact on a scale of 1 to 5; the score is \
             their product (1 to 25). Risks scoring above the acceptance level are treated; \
             those at or below it may be accepted knowingly.",
        ),
        Block::KeyValue(vec![KeyValue::new(
            "Acceptance level",
            format!(
                "Score {} or lower is accepted without treatment",
                c.acceptance
            ),
        )]),
        rows(scale)
            .centered("Step", 0.5, |(n, _, _)| Cell::text(n.to_string()))
            .col("Likelihood", 3.0, |(_, l, _)| Cell::text(or_dash(l)))
            .col("Impact", 3.0, |(_, _, i)| Cell::text(or_dash(i)))
            .compact()
            .caption("Risk criteria: the rating scales"),
    ]
}

/// The heat maps of open risks, before and after treatment.
fn heat_maps(reg: &Register) -> Block {
    let before = risks::heat_map(&reg.entries, &reg.criteria, HeatMapBasis::Inherent);
    let after = risks::heat_map(&reg.entries, &reg.criteria, HeatMapBasis::Current);
    Block::HeatMap(HeatMap {
        title: format!(
            "Heat map of the {} not closed (count per likelihood × impact)",
            plural(before.total() as usize, "risk", "risks")
        ),
        grids: vec![
            HeatGrid {
                caption: format!(
                    "Before treatment ({} above acceptance)",
                    before.above_acceptance()
                ),
                cells: before.cells,
            },
            HeatGrid {
                caption: format!(
                    "After treatment ({} above acceptance)",
                    after.above_acceptance()
                ),
                cells: after.cells,
            },
        ],
        acceptance: reg.criteria.acceptance,
    })
}

/// The register table.
fn table(f: &Facts<'_>, reg: &Register, entries: Vec<&Risk>, caption: String) -> Block {
    let acceptance = reg.criteria.acceptance;
    rows(entries)
        .col("Risk or opportunity", 2.4, |r| {
            let mut runs = vec![
                Run::mono(format!("R-{:02} ", r.id)),
                Run::plain(r.title.trim().to_owned()),
            ];
            if r.infosec && r.kind == RiskKind::Risk {
                runs.push(Run::italic(" (information security)"));
            }
            Cell::runs(runs)
        })
        .col("Source", 1.4, |r| Cell::text(clip(&source_text(f, r), 60)))
        .col("Owner", 1.05, |r| {
            Cell::text(or_dash(&f.person(r.owner_id)))
        })
        .centered("Before", 0.95, |r| {
            rating_cell(
                Some(r.inherent),
                acceptance,
                r.kind == RiskKind::Opportunity,
            )
        })
        .centered("After", 0.95, |r| {
            rating_cell(r.residual, acceptance, r.kind == RiskKind::Opportunity)
        })
        .col("Treatment", 1.15, |r| {
            let mut runs = vec![Run::plain(treatment_label(r.treatment))];
            if !r.action_ids.is_empty() {
                let ids: Vec<String> = r.action_ids.iter().map(|a| format!("A-{a:02}")).collect();
                runs.push(Run::mono(format!(" {}", ids.join(", "))));
            }
            Cell::runs(runs)
        })
        .centered("Status", 1.2, |r| status_cell(r))
        .centered("Review", 1.1, |r| review_cell(f, r))
        .compact()
        .caption(caption)
}

/// The risk register section.
pub(super) fn risks(f: &Facts<'_>) -> Section {
    let reg = register(f);
    let (risk_rows, opportunities): (Vec<&Risk>, Vec<&Risk>) =
        reg.entries.iter().partition(|r| r.kind == RiskKind::Risk);
    let findings = risks::findings(&reg.entries, &reg.criteria, f.opts.date);
    let mut register_blocks = vec![p(
        "Every risk and opportunity with where it comes from, its owner, its rating before and \
         after treatment (likelihood × impact = score), the treatment chosen with its actions \
         in the action plan, where it stands and when it is next reviewed.",
    )];
    if reg.entries.is_empty() {
        register_blocks.push(p("No risk or opportunity has been recorded yet."));
    } else {
        let open = risk_rows
            .iter()
            .filter(|r| r.status != RiskStatus::Closed)
            .count();
        register_blocks.push(table(
            f,
            &reg,
            risk_rows.clone(),
            format!("Risks ({}, {} not closed)", risk_rows.len(), open),
        ));
        if !opportunities.is_empty() {
            register_blocks.push(table(
                f,
                &reg,
                opportunities.clone(),
                plural(opportunities.len(), "opportunity", "opportunities"),
            ));
        }
    }
    if !findings.is_empty() {
        register_blocks.push(warning(
            "Needs attention",
            plural(
                findings.len(),
                "finding of the risk rules",
                "findings of the risk rules",
            ),
        ));
        register_blocks.push(bullets(findings.iter().map(|x| x.message.clone())));
    }
    sec(
        "Risks and opportunities",
        vec![p(
            "How the firm identifies, rates and treats the risks and opportunities to its \
             services and its service management system (clause 6.1). Information-security \
             risks (clause 8.7.3.1) are part of the same register and marked as such.",
        )],
        vec![
            sec("Risk criteria", criteria_blocks(&reg.criteria), Vec::new()),
            sec(
                "Heat map",
                if reg.entries.is_empty() {
                    vec![p("No risk has been rated yet.")]
                } else {
                    vec![heat_maps(&reg)]
                },
                Vec::new(),
            ),
            sec("Risk and opportunity register", register_blocks, Vec::new()),
        ],
    )
}
