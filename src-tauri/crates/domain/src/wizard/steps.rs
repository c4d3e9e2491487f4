//! The wizard's steps: their titles, order, state in the step list, and when "Next" is
//! refused. The order is [`StepId::ALL`]; the UI asks the view for the previous and next
//! step instead of keeping its own list.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::sod::SodReport;
use super::types::{Issue, Level, StepId, WizardProgress};
use crate::content::Severity;

/// How far a step is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    /// Not finished yet.
    Todo,
    /// Finished and without errors.
    Done,
    /// Finished earlier, but something now needs fixing.
    Attention,
}

/// A step in the step list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StepStatus {
    /// Which step.
    pub step: StepId,
    /// Its title.
    pub label: String,
    /// Done, to do, or needs attention.
    pub state: StepState,
    /// Errors in the step.
    pub errors: u32,
    /// Warnings in the step.
    pub warnings: u32,
}

/// Title of a step.
pub fn step_label(step: StepId) -> &'static str {
    match step {
        StepId::Profile => "Firm profile",
        StepId::Context => "Context",
        StepId::Services => "Services and scope",
        StepId::People => "People",
        StepId::Roles => "Roles",
        StepId::Review => "Review",
    }
}

/// The step shown after `step` is finished with "Next": the following one, or `step` itself
/// when it is the last.
pub fn step_after(step: StepId) -> StepId {
    step.next().unwrap_or(step)
}

/// The step list: a step finished with "Next" is done while it has no errors and needs
/// attention when it has some; the review step needs attention while another step is not
/// done.
pub fn statuses(progress: &WizardProgress, issues: &[Issue]) -> Vec<StepStatus> {
    let count = |step: StepId, level: Level| {
        issues
            .iter()
            .filter(|i| i.step == step && i.level == level)
            .count() as u32
    };
    let mut steps: Vec<StepStatus> = StepId::ALL
        .iter()
        .map(|&step| {
            let errors = count(step, Level::Error);
            let completed = progress.completed.contains(&step);
            StepStatus {
                step,
                label: step_label(step).to_owned(),
                state: match (completed, errors) {
                    (false, _) => StepState::Todo,
                    (true, 0) => StepState::Done,
                    (true, _) => StepState::Attention,
                },
                errors,
                warnings: count(step, Level::Warning),
            }
        })
        .collect();
    let others_done = steps
        .iter()
        .filter(|s| s.step != StepId::Review)
        .all(|s| s.state == StepState::Done);
    if let Some(review) = steps.iter_mut().find(|s| s.step == StepId::Review)
        && review.state == StepState::Done
        && !others_done
    {
        review.state = StepState::Attention;
    }
    steps
}

/// Why `step` cannot be marked finished, if it cannot: only an unresolved `block`
/// separation-of-duties conflict stops the roles step; other errors leave the step marked
/// as needing attention.
pub fn completion_blocker(sod: &SodReport, step: StepId) -> Option<String> {
    if step == StepId::Roles && sod.unresolved_blocks > 0 {
        let first = sod
            .findings
            .iter()
            .find(|f| f.severity == Severity::Block && !f.resolved)
            .map(|f| format!(" First: {} — {}", f.rule_id, f.message))
            .unwrap_or_default();
        Some(format!(
            "{} blocking separation-of-duties conflict(s) must be resolved before you go on: \
             reassign a role, or record a mitigation where the rule allows one.{first}",
            sod.unresolved_blocks
        ))
    } else {
        None
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::wizard::types::IssueCode;

    #[test]
    fn steps_follow_the_one_order() {
        assert_eq!(StepId::Profile.previous(), None);
        assert_eq!(StepId::Profile.next(), Some(StepId::Context));
        assert_eq!(StepId::People.previous(), Some(StepId::Services));
        assert_eq!(StepId::People.next(), Some(StepId::Roles));
        assert_eq!(StepId::Review.previous(), Some(StepId::Roles));
        assert_eq!(StepId::Review.next(), None);
        for pair in StepId::ALL.windows(2) {
            assert_eq!(pair[0].next(), Some(pair[1]));
            assert_eq!(pair[1].previous(), Some(pair[0]));
        }
        assert_eq!(step_after(StepId::Roles), StepId::Review);
        assert_eq!(step_after(StepId::Review), StepId::Review);
    }

    #[test]
    fn a_finished_step_with_errors_needs_attention_and_so_does_review() {
        let progress = WizardProgress {
            current: StepId::Review,
            completed: vec![StepId::Profile, StepId::Context, StepId::Review],
        };
        let issues = vec![Issue::new(
            StepId::Context,
            IssueCode::NoParties,
            Level::Error,
            None,
            "x",
        )];
        let s = statuses(&progress, &issues);
        let state = |step: StepId| s.iter().find(|x| x.step == step).unwrap().state;
        assert_eq!(state(StepId::Profile), StepState::Done);
        assert_eq!(state(StepId::Context), StepState::Attention);
        assert_eq!(state(StepId::Services), StepState::Todo);
        assert_eq!(state(StepId::Review), StepState::Attention);
        assert_eq!(s[1].errors, 1);
        assert_eq!(s[0].label, "Firm profile");
    }

    #[test]
    fn only_an_unresolved_block_stops_the_roles_step() {
        let clean = SodReport::default();
        assert_eq!(completion_blocker(&clean, StepId::Roles), None);
        let blocked = SodReport {
            unresolved_blocks: 1,
            ..SodReport::default()
        };
        assert_eq!(completion_blocker(&blocked, StepId::People), None);
        let why = completion_blocker(&blocked, StepId::Roles).unwrap();
        assert!(why.starts_with("1 blocking separation-of-duties conflict(s)"));
        assert!(!why.contains("  "), "{why}");
    }
}
