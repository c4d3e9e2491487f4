//! References, statuses and dates of management reviews (`/reviews`).

use std::collections::{BTreeMap, BTreeSet};

use ready20k_domain::reviews::ReviewStatus;

use super::*;

impl Checker<'_> {
    pub(super) fn reviews(&mut self, s: &ProjectSnapshot, people: &BTreeSet<i64>) {
        let rv = &s.reviews;
        let actions: BTreeSet<i64> = s.assessment.actions.iter().map(|a| a.id).collect();
        let mut ids = BTreeMap::new();
        for (i, r) in rv.reviews.iter().enumerate() {
            let p = format!("/reviews/reviews/{i}");
            self.unique(&mut ids, r.id, format!("{p}/id"));
            self.nonempty(format!("{p}/title"), &r.title, "a review's title");
            self.date(format!("{p}/planned_on"), r.planned_on.as_deref());
            self.date(format!("{p}/held_on"), r.held_on.as_deref());
            self.date(format!("{p}/next_planned_on"), r.next_planned_on.as_deref());
            self.time(format!("{p}/created_at"), &r.created_at);
            self.time(format!("{p}/updated_at"), &r.updated_at);
            for (field, t) in [("issued_at", &r.issued_at), ("approved_at", &r.approved_at)] {
                if let Some(t) = t {
                    self.time(format!("{p}/{field}"), t);
                }
            }
            self.person(people, format!("{p}/approved_by"), r.approved_by);
            let Some(status) = ReviewStatus::parse(&r.status) else {
                self.err(
                    format!("{p}/status"),
                    format!("{:?} is not draft, issued or approved", r.status),
                );
                continue;
            };
            if status != ReviewStatus::Draft
                && (r.held_on.is_none()
                    || r.issued_at.is_none()
                    || r.inputs.is_none()
                    || r.minutes.trim().is_empty())
            {
                self.err(
                    format!("{p}/status"),
                    "issued or approved minutes need the date held, the issue time, the frozen \
                     inputs and the minutes text",
                );
            }
            let approved = status == ReviewStatus::Approved;
            if approved != r.approved_at.is_some() || approved != r.approved_by.is_some() {
                self.err(
                    format!("{p}/approved_by"),
                    "approved minutes need approved_by and approved_at, and only they have them",
                );
            }
            if let Some(by) = r.approved_by
                && !rv
                    .attendees
                    .iter()
                    .any(|a| a.review_id == r.id && a.person_id == by && a.top_management)
            {
                self.err(
                    format!("{p}/approved_by"),
                    format!("person {by} did not attend this review as top management"),
                );
            }
        }
        let reviews: BTreeSet<i64> = rv.reviews.iter().map(|r| r.id).collect();
        let mut seen = BTreeMap::new();
        for (i, a) in rv.attendees.iter().enumerate() {
            let p = format!("/reviews/attendees/{i}");
            self.unique(
                &mut seen,
                format!("attendee {} of review {}", a.person_id, a.review_id),
                p.clone(),
            );
            if !reviews.contains(&a.review_id) {
                self.err(
                    format!("{p}/review_id"),
                    format!("there is no review {}", a.review_id),
                );
            }
            self.person(people, format!("{p}/person_id"), Some(a.person_id));
        }
        let mut seen = BTreeMap::new();
        for (i, l) in rv.actions.iter().enumerate() {
            let p = format!("/reviews/actions/{i}");
            self.unique(
                &mut seen,
                format!("link {} -> action {}", l.id, l.action_id),
                p.clone(),
            );
            if !reviews.contains(&l.id) {
                self.err(format!("{p}/id"), format!("there is no review {}", l.id));
            }
            if !actions.contains(&l.action_id) {
                self.err(
                    format!("{p}/action_id"),
                    format!("there is no action {} in /assessment/actions", l.action_id),
                );
            }
        }
    }
}
