//! The action plan: actions ordered by impact, with overdue ones flagged.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::parse_date;
use super::types::{Action, ActionStatus};
use crate::content::Question;
use crate::scoring::{Scorecard, clause_order};

/// An action with what the plan knows about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlannedAction {
    /// The action as stored.
    pub action: Action,
    /// `weight × (4 − effective level)` of its question now ([`crate::scoring::impact`]);
    /// 0 when the question reached level 4 or the action has no question.
    pub impact: u32,
    /// Whether its question is blocking (a likely major nonconformity).
    pub blocking: bool,
    /// The clause of its question.
    pub clause: Option<String>,
    /// Not done and past its due date.
    pub overdue: bool,
}

/// Orders the action plan: unfinished before done; then blocking first; then impact
/// (highest first); then overdue first; then due date (earliest first, undated last); then
/// clause order; then id.
pub fn plan(
    actions: &[Action],
    questions: &[Question],
    scorecard: &Scorecard,
    today: NaiveDate,
) -> Vec<PlannedAction> {
    let mut out: Vec<PlannedAction> = actions
        .iter()
        .map(|a| {
            let question = a
                .question_id
                .as_deref()
                .and_then(|id| questions.iter().find(|q| q.id == id));
            let gap = a.question_id.as_deref().and_then(|id| {
                scorecard
                    .stage2
                    .reasons
                    .iter()
                    .find(|g| g.question_id == id)
            });
            let overdue = a.status != ActionStatus::Done
                && a.due
                    .as_deref()
                    .and_then(parse_date)
                    .is_some_and(|d| d < today);
            PlannedAction {
                action: a.clone(),
                impact: gap.map_or(0, |g| g.impact),
                blocking: question.is_some_and(|q| q.blocking),
                clause: question.map(|q| q.clause.clone()),
                overdue,
            }
        })
        .collect();
    out.sort_by(order);
    out
}

fn order(a: &PlannedAction, b: &PlannedAction) -> Ordering {
    let done = |p: &PlannedAction| p.action.status == ActionStatus::Done;
    let due = |p: &PlannedAction| p.action.due.as_deref().and_then(parse_date);
    done(a)
        .cmp(&done(b))
        .then_with(|| b.blocking.cmp(&a.blocking))
        .then_with(|| b.impact.cmp(&a.impact))
        .then_with(|| b.overdue.cmp(&a.overdue))
        .then_with(|| match (due(a), due(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then_with(|| match (&a.clause, &b.clause) {
            (Some(x), Some(y)) => clause_order(x, y),
            _ => Ordering::Equal,
        })
        .then_with(|| a.action.id.cmp(&b.action.id))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::assessment::ActionSource;
    use crate::scoring::{Answer, MaturityLevel, score};

    fn q(id: &str, clause: &str, weight: u8, blocking: bool) -> Question {
        Question {
            id: id.into(),
            clause: clause.into(),
            text: id.into(),
            evidence: vec![],
            weight,
            blocking,
            stage: 2,
            documents: vec![],
            gate: None,
        }
    }

    fn action(id: i64, question: Option<&str>, due: Option<&str>, status: ActionStatus) -> Action {
        let source = if question.is_some() {
            ActionSource::Gap
        } else {
            ActionSource::Audit
        };
        Action {
            id,
            question_id: question.map(Into::into),
            due: due.map(Into::into),
            status,
            ..Action::new(source, format!("A{id}"))
        }
    }

    #[test]
    fn orders_by_blocking_then_impact_and_flags_overdue() {
        let questions = vec![
            q("Q-4.1-01", "4.1", 1, false),
            q("Q-6.3-01", "6.3", 3, false),
            q("Q-9.2-01", "9.2", 1, true),
            q("Q-8.1-01", "8.1", 3, false),
        ];
        let mut answers = BTreeMap::new();
        // Q-8.1-01 reaches level 4 with evidence: impact 0.
        answers.insert(
            "Q-8.1-01".to_owned(),
            Answer::new(MaturityLevel::Operated, true),
        );
        answers.insert(
            "Q-4.1-01".to_owned(),
            Answer::new(MaturityLevel::Documented, false),
        );
        let card = score(&questions, &answers);
        let today = parse_date("2026-03-01").unwrap();
        let actions = vec![
            action(1, Some("Q-4.1-01"), Some("2026-02-01"), ActionStatus::Open),
            action(2, Some("Q-6.3-01"), None, ActionStatus::InProgress),
            action(3, Some("Q-9.2-01"), Some("2026-04-01"), ActionStatus::Open),
            action(4, None, Some("2026-01-01"), ActionStatus::Done),
            action(5, Some("Q-8.1-01"), None, ActionStatus::Open),
        ];
        let p = plan(&actions, &questions, &card, today);
        let ids: Vec<i64> = p.iter().map(|x| x.action.id).collect();
        assert_eq!(ids, vec![3, 2, 1, 5, 4]);
        assert_eq!(p[0].impact, 4);
        assert!(p[0].blocking);
        assert_eq!(p[1].impact, 12);
        assert_eq!(p[2].impact, 2);
        assert!(p[2].overdue, "due yesterday-ish and open");
        assert_eq!(p[3].impact, 0);
        assert!(!p[4].overdue, "done actions are never overdue");
        assert!(!p[0].overdue);
    }
}
