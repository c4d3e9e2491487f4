//! The Overview of a project: the views the other screens build, read once and handed to
//! [`ready20k_domain::overview::overview`], which ranks and summarises them.

use chrono::{DateTime, Utc};
use ready20k_domain::assessment::plan;
use ready20k_domain::overview::{OverviewInputs, OverviewView, overview as build};
use rusqlite::Connection;

use crate::assessment::{self, actions};
use crate::documents::{self, DocError};
use crate::register_error::{RegisterError, RegisterResult};

/// Months of calendar the Overview reads from today (with every overdue occurrence before).
const CALENDAR_MONTHS: u32 = 2;

/// The Overview at `now`: verdicts and scores as the scorecard judges them on today's date,
/// the calendar from the firm's local today.
pub fn overview(conn: &Connection, now: DateTime<Utc>) -> RegisterResult<OverviewView> {
    let today = now.date_naive();
    let lib = assessment::library()?;
    let scorecard = assessment::scorecard(conn, today)?;
    let inputs = assessment::verdict_inputs(conn, today)?;
    let actions = plan(
        &actions::list_actions(conn)?,
        &lib.questions,
        &scorecard,
        today,
    );
    let wizard = ready20k_domain::wizard::view(lib, crate::wizard::load(conn)?, today);
    let register = documents::register(conn, today).map_err(|e| match e {
        DocError::Store(s) => RegisterError::Store(s),
        other => RegisterError::refused(other.code(), other.to_string()),
    })?;
    let calendar = crate::calendar::calendar(conn, now, None, CALENDAR_MONTHS)?;
    Ok(build(&OverviewInputs {
        today,
        scorecard: &scorecard,
        inputs: &inputs,
        wizard_steps: &wizard.steps,
        documents: &register.entries,
        occurrences: &calendar.occurrences,
        actions: &actions,
    }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use ready20k_domain::clock::{Clock, FixedClock};
    use ready20k_domain::overview::{NEXT_STEPS, NextStepKind, ProgressArea};

    use crate::Project;

    fn clock() -> std::sync::Arc<dyn Clock> {
        std::sync::Arc::new(FixedClock::at_date(2026, 9, 1).unwrap())
    }

    #[test]
    fn a_new_project_starts_with_the_wizard_documents_and_assessment() {
        let dir = tempfile::tempdir().unwrap();
        let c = clock();
        let p = Project::create(&dir.path().join("p.r20k"), "Acme IT", c.clone()).unwrap();
        let v = overview(p.conn(), c.now()).unwrap();
        let kinds: Vec<_> = v.next_steps.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                NextStepKind::Wizard,
                NextStepKind::Documents,
                NextStepKind::Assessment
            ]
        );
        assert!(v.next_steps.iter().all(|s| s.blocks == Some(1)));
        assert_eq!(v.answered, 0);
        let docs = v
            .progress
            .iter()
            .find(|s| s.area == ProgressArea::Policies)
            .unwrap();
        assert_eq!(docs.done, 0);
        assert!(docs.total > 10, "{docs:?}");
    }

    #[test]
    fn the_demo_has_three_steps_and_progress_for_every_area() {
        let dir = tempfile::tempdir().unwrap();
        let c = clock();
        let p = crate::demo::create_demo(&dir.path().join("demo.r20k"), c.clone()).unwrap();
        let v = overview(p.conn(), c.now()).unwrap();
        assert_eq!(v.next_steps.len(), NEXT_STEPS);
        assert_eq!(v.progress.len(), 7);
        assert!(v.answered > 0);
        let docs = v
            .progress
            .iter()
            .find(|s| s.area == ProgressArea::Policies)
            .unwrap();
        assert!(docs.done > 0, "{docs:?}");
        // Every listed due item is overdue or within the horizon, overdue ones first.
        let firsts: Vec<bool> = v.due.iter().map(|d| d.overdue).collect();
        let mut sorted = firsts.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(firsts, sorted);
    }
}
