//! The demo firm's management review (9.3): planned, held ten days ago with top management,
//! two actions decided, minutes drafted from the template with the collected inputs (so they
//! show the internal audit), completed, issued and approved by the chair eight days ago.

use ready20k_domain::assessment::{Action, ActionSource};
use ready20k_domain::reviews::{Attendee, ReviewEdit};

use super::Timeline;
use crate::register_error::RegisterError;
use crate::{Project, Result, StoreError, reviews, wizard};

fn reg_err(e: RegisterError) -> StoreError {
    match e {
        RegisterError::Store(e) => e,
        other => StoreError::Invalid(other.to_string()),
    }
}

fn action(title: &str, owner_id: Option<i64>, due: String) -> Action {
    Action {
        owner_id,
        due: Some(due),
        ..Action::new(ActionSource::ManagementReview, title)
    }
}

/// What the meeting concluded, in place of the template's prompts.
const CONCLUSIONS: [(&str, &str); 2] = [
    (
        "Conclusion: *enter*",
        "Conclusion: discussed; the decisions below cover what needs doing.",
    ),
    (
        "Is the SMS still suitable, adequate and effective? *enter the conclusion and the \
         reasons*",
        "The SMS is suitable for the firm and its customers and effective against its \
         objectives. It is adequate only once the service desk has a second engineer: one \
         person carries too many roles.",
    ),
];

pub(super) fn fill_review(p: &mut Project, t: &Timeline) -> Result<()> {
    let data = wizard::load(p.conn())?;
    let holders = |role: &str| {
        data.assignment(role)
            .map(|a| a.holders.clone())
            .unwrap_or_default()
    };
    let top = holders("ROLE-TM");
    let mut attendees: Vec<Attendee> = top
        .iter()
        .map(|&person_id| Attendee {
            person_id,
            top_management: true,
        })
        .collect();
    for id in holders("ROLE-SMSM").into_iter().chain(holders("ROLE-IA")) {
        if !attendees.iter().any(|a| a.person_id == id) {
            attendees.push(Attendee {
                person_id: id,
                top_management: false,
            });
        }
    }
    let Some(&chair) = top.first() else {
        return Err(StoreError::Invalid(
            "The demo firm has no top management to hold its review.".into(),
        ));
    };
    let sms_manager = holders("ROLE-SMSM").first().copied().or(Some(chair));

    t.go(40, 0);
    let mut edit = ReviewEdit {
        title: format!("Management review {}", &t.date(-10)[..4]),
        planned_on: Some(t.date(-10)),
        ..Default::default()
    };
    let planned = reviews::save_review(p, &edit).map_err(reg_err)?;

    t.go(10, 60);
    edit.id = planned.id;
    edit.held_on = Some(t.date(-10));
    edit.attendees = attendees;
    edit.decisions = "The SMS stays as scoped. Recruit a second service desk engineer, and ask \
                      every customer for feedback before the next review."
        .into();
    edit.next_planned_on = Some(t.date(170));
    reviews::save_review(p, &edit).map_err(reg_err)?;
    for (title, owner, due) in [
        (
            "Recruit a second service desk engineer to remove the key-person dependency",
            Some(chair),
            t.date(60),
        ),
        (
            "Run a customer satisfaction survey for all three services",
            sms_manager,
            t.date(45),
        ),
    ] {
        reviews::add_action(p, planned.id, &action(title, owner, due)).map_err(reg_err)?;
    }
    let mut drafted = reviews::redraft_minutes(p, planned.id).map_err(reg_err)?;
    for (prompt, text) in CONCLUSIONS {
        drafted.minutes = drafted.minutes.replace(prompt, text);
    }
    edit.minutes = drafted.minutes;
    reviews::save_review(p, &edit).map_err(reg_err)?;

    t.go(10, 120);
    reviews::issue(p, planned.id).map_err(reg_err)?;
    t.go(8, 0);
    reviews::approve(p, planned.id, chair).map_err(reg_err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::Arc;

    use ready20k_domain::assessment::ActionSource;
    use ready20k_domain::clock::FixedClock;
    use ready20k_domain::reviews::{InputKey, ReviewStatus, counts};

    use crate::demo::create_demo;
    use crate::reviews;

    #[test]
    fn demo_holds_one_management_review_with_approved_minutes() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::at_date(2026, 9, 1).unwrap());
        let p = create_demo(&dir.path().join("d.r20k"), clock).unwrap();
        let list = reviews::list_reviews(p.conn()).unwrap();
        assert_eq!(list.len(), 1);
        let r = &list[0];
        assert_eq!(r.status, ReviewStatus::Approved);
        assert!(counts(r));
        assert_eq!(r.held_on.as_deref(), Some("2026-08-22"));
        assert!(r.attendees.len() >= 2);
        assert!(r.approved_by.is_some_and(|id| {
            r.attendees
                .iter()
                .any(|a| a.person_id == id && a.top_management)
        }));
        assert!(!r.minutes.contains("*enter"), "{}", r.minutes);
        assert!(r.minutes.contains("Recruit a second service desk engineer"));
        let inputs = r.inputs.as_ref().unwrap();
        let perf = inputs
            .sections
            .iter()
            .find(|s| s.key == InputKey::Performance)
            .unwrap();
        assert!(!perf.no_data, "the demo has operating records and KPIs");
        let actions = crate::assessment::actions::list_actions(p.conn()).unwrap();
        let decided: Vec<_> = actions
            .iter()
            .filter(|a| r.action_ids.contains(&a.id))
            .collect();
        assert_eq!(decided.len(), 2);
        assert!(
            decided
                .iter()
                .all(|a| a.source == ActionSource::ManagementReview && a.owner_id.is_some())
        );
        let facts = reviews::review_facts(p.conn()).unwrap();
        assert_eq!(facts.held, 1);
        assert_eq!(facts.next_planned.as_deref(), Some("2027-02-18"));
    }
}
