//! Minutes drafted from Part B of the management-review template (TPL-28): the same headings
//! (B1–B14), filled with the review's details, its attendees, the collected inputs and the
//! decisions and actions. The team edits the draft, then issues and approves it.

use std::fmt::Write as _;

use super::inputs::{InputKey, ReviewInputs};
use super::{ReviewEdit, TEMPLATE_ID};
use crate::assessment::Action;
use crate::wizard::WizardData;

/// What the minutes need besides the review and its inputs.
#[derive(Debug, Clone, Copy)]
pub struct MinutesContext<'a> {
    /// The firm's name.
    pub firm: &'a str,
    /// People and role holders.
    pub data: &'a WizardData,
    /// Actions decided at this review.
    pub actions: &'a [Action],
}

fn name(data: &WizardData, id: Option<i64>) -> String {
    id.and_then(|id| data.person(id))
        .map_or_else(|| "not set".to_owned(), |p| p.name.clone())
}

fn holders(data: &WizardData, role: &str) -> String {
    let names = data.holder_names(role);
    if names.is_empty() {
        "not assigned".to_owned()
    } else {
        names.join(", ")
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "/").replace('\n', " ")
}

/// Writes the lines of the inputs `keys` under one heading.
fn inputs_block(out: &mut String, inputs: &ReviewInputs, keys: &[InputKey]) {
    for s in inputs.sections.iter().filter(|s| keys.contains(&s.key)) {
        let _ = writeln!(out, "**{}** (source: {})\n", s.title, s.source);
        if s.no_data {
            let _ = writeln!(out, "- {}", s.empty_note);
        }
        for l in &s.lines {
            let _ = writeln!(out, "- {l}");
        }
        out.push('\n');
    }
    out.push_str("Conclusion: *enter*\n\n");
}

/// The minutes draft (Markdown).
pub fn draft_minutes(ctx: &MinutesContext<'_>, r: &ReviewEdit, inputs: &ReviewInputs) -> String {
    let d = ctx.data;
    let mut out = String::new();
    let _ = writeln!(out, "# {}: minutes\n", r.title.trim());
    let _ = writeln!(
        out,
        "{} management review minutes, drafted by Ready20k from {TEMPLATE_ID} Part B with the \
         inputs collected from the project on {}.\n",
        ctx.firm, inputs.collected_on
    );
    out.push_str("## B1. Meeting details\n\n| Item | Details |\n|---|---|\n");
    let _ = writeln!(out, "| Review | {} |", cell(r.title.trim()));
    let _ = writeln!(
        out,
        "| Date held | {} |",
        r.held_on.as_deref().unwrap_or("*enter*")
    );
    let _ = writeln!(
        out,
        "| Period covered | {} to {} |",
        inputs.since.as_deref().unwrap_or("the start of the SMS"),
        r.held_on.as_deref().unwrap_or("this review")
    );
    let _ = writeln!(
        out,
        "| Type | Planned{} |",
        r.planned_on
            .as_deref()
            .map(|p| format!(" (for {p})"))
            .unwrap_or_default()
    );
    let _ = writeln!(out, "| Chair | {} |", holders(d, super::APPROVER_ROLE));
    let _ = writeln!(out, "| Minutes taken by | {} |\n", holders(d, "ROLE-SMSM"));

    out.push_str("## B2. Attendance\n\n| Name | Attended as |\n|---|---|\n");
    for a in &r.attendees {
        let _ = writeln!(
            out,
            "| {} | {} |",
            cell(&name(d, Some(a.person_id))),
            if a.top_management {
                "Top management"
            } else {
                "Invited"
            }
        );
    }
    let quorum = r.attendees.iter().any(|a| a.top_management);
    let _ = writeln!(
        out,
        "\nQuorum met (at least one member of top management present): {}\n",
        if quorum {
            "yes"
        } else {
            "no: this review does not count"
        }
    );

    let blocks: [(&str, &[InputKey]); 9] = [
        (
            "B3. Actions from previous reviews",
            &[InputKey::PreviousActions],
        ),
        (
            "B4. Changes in context and interested parties",
            &[InputKey::ContextChanges],
        ),
        (
            "B5–B6. Objectives, service performance and customer feedback",
            &[InputKey::Performance, InputKey::CustomerFeedback],
        ),
        ("B7. Performance of other parties", &[InputKey::Suppliers]),
        (
            "B8. SMS performance: nonconformities and audit results",
            &[InputKey::Nonconformities, InputKey::Audits],
        ),
        ("B9. Risks and opportunities", &[InputKey::Risks]),
        ("B10. Resources", &[InputKey::Resources]),
        (
            "B11. Improvement, policies, objectives and scope",
            &[InputKey::Improvement],
        ),
        ("B12. Overall conclusion", &[]),
    ];
    for (heading, keys) in blocks {
        let _ = writeln!(out, "## {heading}\n");
        if keys.is_empty() {
            out.push_str(
                "Is the SMS still suitable, adequate and effective? *enter the conclusion and \
                 the reasons*\n\n",
            );
        } else {
            inputs_block(&mut out, inputs, keys);
        }
    }

    out.push_str("## B13. Decisions and actions\n\n");
    if r.decisions.trim().is_empty() {
        out.push_str("*enter the decisions*\n\n");
    } else {
        let _ = writeln!(out, "{}\n", r.decisions.trim());
    }
    if !ctx.actions.is_empty() {
        out.push_str("| Action | Owner | Due |\n|---|---|---|\n");
        for a in ctx.actions {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                cell(&a.title),
                cell(&name(d, a.owner_id)),
                a.due.as_deref().unwrap_or("not set")
            );
        }
        out.push('\n');
    }
    if let Some(n) = &r.next_planned_on {
        let _ = writeln!(out, "Next management review planned for {n}.\n");
    }
    out.push_str(
        "## B14. Approval of the minutes\n\nApproved in Ready20k by a member of top management \
         who attended; the approval is recorded with the minutes.\n",
    );
    out
}
