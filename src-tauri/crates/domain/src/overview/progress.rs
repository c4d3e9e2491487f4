//! Progress of each step of the path to certification, in path order.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{OverviewInputs, ProjectScreen, required_documents};
use crate::scoring::Verdict;
use crate::wizard::steps::StepState;

/// A step of the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProgressArea {
    /// The setup wizard's steps.
    Wizard,
    /// Required documents approved.
    Policies,
    /// Self-assessment questions answered.
    Assessment,
    /// Months of operating records against the months expected before Stage 2.
    Records,
    /// Internal audit: programme, a first audit, a full cycle.
    Audit,
    /// Management review: scheduled, held.
    Review,
    /// The dossier: Stage 1 pack ready, full dossier ready.
    Dossier,
}

/// How far one step is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StepProgress {
    /// Which step.
    pub area: ProgressArea,
    /// Its title.
    pub label: String,
    /// Parts done.
    pub done: u32,
    /// Parts in all (never 0).
    pub total: u32,
    /// `done` of `total` in percent, rounded down.
    pub percent: u8,
    /// What the numbers mean, e.g. "12 of 31 required documents approved".
    pub detail: String,
    /// Where to work on it.
    pub screen: ProjectScreen,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn months(n: u32) -> String {
    if n == 1 {
        "1 month".to_owned()
    } else {
        format!("{n} months")
    }
}

fn audits(n: u32) -> String {
    if n == 1 {
        "1 audit performed".to_owned()
    } else {
        format!("{n} audits performed")
    }
}

fn step(
    area: ProgressArea,
    label: &str,
    done: u32,
    total: u32,
    detail: String,
    screen: ProjectScreen,
) -> StepProgress {
    let total = total.max(1);
    let done = done.min(total);
    StepProgress {
        area,
        label: label.to_owned(),
        done,
        total,
        percent: u8::try_from(u64::from(done) * 100 / u64::from(total)).unwrap_or(100),
        detail,
        screen,
    }
}

/// The progress of every step, in path order.
pub fn progress(i: &OverviewInputs<'_>) -> Vec<StepProgress> {
    let wizard_done = count(
        i.wizard_steps
            .iter()
            .filter(|s| s.state == StepState::Done)
            .count(),
    );
    let wizard_total = count(i.wizard_steps.len());

    let required: Vec<_> = required_documents(i.documents).collect();
    let approved = count(
        required
            .iter()
            .filter(|e| e.approved_version.is_some())
            .count(),
    );
    let required_n = count(required.len());

    let card = i.scorecard;
    let op = &i.inputs.operating;

    let audit = i.inputs.audit.clone().unwrap_or_default();
    let audit_parts = [
        audit.programme,
        audit.performed > 0,
        audit.performed > 0 && audit.clauses_not_covered.is_empty(),
    ];
    let audit_detail = if !audit.programme {
        "No audit programme yet".to_owned()
    } else if audit.performed == 0 {
        "Programme in place; no audit performed yet".to_owned()
    } else if audit.clauses_not_covered.is_empty() {
        format!("{}; full cycle complete", audits(audit.performed))
    } else {
        format!(
            "{}; {} clauses still to cover",
            audits(audit.performed),
            audit.clauses_not_covered.len()
        )
    };

    let review = i.inputs.review.clone().unwrap_or_default();
    let review_parts = [
        review.next_planned.is_some() || review.held > 0,
        review.held > 0,
    ];
    let review_detail = match (&review.next_planned, review.held) {
        (_, 1) => "1 review held".to_owned(),
        (_, held) if held > 0 => format!("{held} reviews held"),
        (Some(_), _) => "Scheduled; none held yet".to_owned(),
        (None, _) => "No review scheduled yet".to_owned(),
    };

    let ready = |v: Verdict| v == Verdict::Ready;
    let dossier_parts = [ready(card.stage1.verdict), ready(card.stage2.verdict)];
    let dossier_detail = match dossier_parts {
        [true, true] => "Ready for Stage 1 and Stage 2",
        [true, false] => "Stage 1 pack ready; Stage 2 not yet",
        _ => "Prints with a draft watermark until Stage 1 is ready",
    };

    let trues = |parts: &[bool]| count(parts.iter().filter(|b| **b).count());
    vec![
        step(
            ProgressArea::Wizard,
            "Setup wizard",
            wizard_done,
            wizard_total,
            format!("{wizard_done} of {wizard_total} steps done"),
            ProjectScreen::Wizard,
        ),
        step(
            ProgressArea::Policies,
            "Documents",
            approved,
            required_n,
            format!("{approved} of {required_n} required documents approved"),
            ProjectScreen::Policies,
        ),
        step(
            ProgressArea::Assessment,
            "Self-assessment",
            card.answered,
            card.questions,
            format!("{} of {} questions answered", card.answered, card.questions),
            ProjectScreen::Assessment,
        ),
        step(
            ProgressArea::Records,
            "Operating records",
            op.record_months,
            op.required_months,
            format!(
                "{} with records; {} expected before Stage 2",
                months(op.record_months),
                months(op.required_months)
            ),
            ProjectScreen::Records,
        ),
        step(
            ProgressArea::Audit,
            "Internal audit",
            trues(&audit_parts),
            count(audit_parts.len()),
            audit_detail,
            ProjectScreen::Audits,
        ),
        step(
            ProgressArea::Review,
            "Management review",
            trues(&review_parts),
            count(review_parts.len()),
            review_detail,
            ProjectScreen::Reviews,
        ),
        step(
            ProgressArea::Dossier,
            "Dossier",
            trues(&dossier_parts),
            count(dossier_parts.len()),
            dossier_detail.to_owned(),
            ProjectScreen::Dossier,
        ),
    ]
}
