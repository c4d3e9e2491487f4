//! Section 7: the action plan and the corrective action register.

use ready20k_domain::assessment::{ActionSource, ActionStatus, PlannedAction};

use super::action_counts;
use crate::build::facts::Facts;
use crate::build::table::rows;
use crate::build::util::{opt_date, or_dash, p, plural, sec, warning};
use crate::model::{Block, Cell, Run, Section, Tone};

/// The status of an action as printed (overdue when past its due date).
fn action_status(a: &PlannedAction) -> Cell {
    match a.action.status {
        ActionStatus::Done => Cell::toned("Done", Tone::Good),
        _ if a.overdue => Cell::toned("Overdue", Tone::Bad),
        ActionStatus::InProgress => Cell::toned("In progress", Tone::Warn),
        ActionStatus::Open => Cell::toned("Open", Tone::Warn),
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

/// Section 7.
pub(super) fn actions(f: &Facts<'_>) -> Section {
    sec(
        "Action plan and corrective actions",
        Vec::new(),
        vec![
            sec("Action plan", plan(f), Vec::new()),
            sec("Corrective actions", corrective(f), Vec::new()),
        ],
    )
}

/// 7.1: every action, unfinished first, with owner, due date and status.
fn plan(f: &Facts<'_>) -> Vec<Block> {
    let (open, overdue) = action_counts(f);
    let mut blocks = vec![p(
        "Actions come from the gap assessment, the internal audit and the management review. \
         Each has one owner and a due date. Unfinished actions come first, ordered by how much \
         closing them moves readiness.",
    )];
    if f.plan.is_empty() {
        blocks.push(p("No action has been recorded yet."));
        return blocks;
    }
    blocks.push(
        rows(&f.plan)
            .col("ID", 0.65, |a| Cell::mono(format!("A-{:02}", a.action.id)))
            .col("Action", 3.0, |a| {
                let mut title = vec![Run::plain(a.action.title.trim().to_owned())];
                if a.blocking && a.action.status != ActionStatus::Done {
                    title.push(Run::italic(" — blocking"));
                }
                Cell::runs(title)
            })
            .col("Clause", 0.9, |a| {
                Cell::text(a.clause.clone().unwrap_or_else(|| "—".into()))
            })
            .col("Source", 1.15, |a| {
                Cell::text(source_label(a.action.source))
            })
            .col("Owner", 1.3, |a| {
                Cell::text(or_dash(&f.person(a.action.owner_id)))
            })
            .col("Due", 1.15, |a| {
                Cell::text(opt_date(a.action.due.as_deref()))
            })
            .centered("Status", 1.25, |a| action_status(a))
            .caption(format!(
                "Action plan ({}, {} open, {} overdue)",
                plural(f.plan.len(), "action", "actions"),
                open,
                overdue
            )),
    );
    if overdue > 0 {
        blocks.push(warning(
            "Overdue actions",
            format!(
                "{} past {} due date. Top management should confirm new dates or \
                 resources at the next management review.",
                plural(overdue, "action is", "actions are"),
                if overdue == 1 { "its" } else { "their" }
            ),
        ));
    }
    blocks
}

/// 7.2: the nonconformities with cause, correction, corrective action and verification.
fn corrective(f: &Facts<'_>) -> Vec<Block> {
    let recorded: Vec<&PlannedAction> = f
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
    let mut blocks = vec![p(
        "Nonconformities and the corrective action register (clause 10.1): for each, the \
         cause, the immediate correction, the action taken to stop it recurring and how its \
         effectiveness was verified.",
    )];
    if recorded.is_empty() {
        blocks.push(p("No nonconformity has been recorded yet."));
        return blocks;
    }
    blocks.push(
        rows(recorded)
            .col("Nonconformity", 1.9, |a| {
                Cell::runs(vec![
                    Run::mono(format!("A-{:02} ", a.action.id)),
                    Run::plain(a.action.title.trim().to_owned()),
                ])
            })
            .col("Cause", 1.6, |a| Cell::text(or_dash(&a.action.cause)))
            .col("Correction", 1.6, |a| {
                Cell::text(or_dash(&a.action.correction))
            })
            .col("Corrective action", 1.7, |a| {
                Cell::text(or_dash(&a.action.corrective_action))
            })
            .col("Verification", 1.6, |a| {
                Cell::text(or_dash(&a.action.verification))
            })
            .centered("Status", 0.9, |a| action_status(a))
            .compact()
            .caption("Corrective action register"),
    );
    blocks
}
