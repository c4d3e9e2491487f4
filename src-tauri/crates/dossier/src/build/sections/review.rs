//! Management review (9.3): the minutes of the latest review that counts (held, attended by
//! top management, minutes approved), with its attendees and decided actions, and the list of
//! every review with why one does not count.

use ready20k_domain::reviews::{Review, ReviewStatus, latest_counted, why_not_counted};
use ready20k_domain::scoring::reviews_of;

use crate::build::facts::Facts;
use crate::build::markdown;
use crate::build::table::rows;
use crate::build::util::{h3, opt_date, or_dash, p, sec, warning};
use crate::model::{Block, Cell, KeyValue, Section, Tone};

fn status_label(s: ReviewStatus) -> &'static str {
    match s {
        ReviewStatus::Draft => "Draft",
        ReviewStatus::Issued => "Issued",
        ReviewStatus::Approved => "Approved",
    }
}

/// The latest review's minutes, with who attended and what was decided.
fn minutes(f: &Facts<'_>, r: &Review) -> Vec<Block> {
    let attendees: Vec<String> = r
        .attendees
        .iter()
        .map(|a| {
            let name = f.person(Some(a.person_id));
            if a.top_management {
                format!("{name} (top management)")
            } else {
                name
            }
        })
        .collect();
    let actions: Vec<String> = r
        .action_ids
        .iter()
        .map(|id| {
            let title = f
                .snap
                .assessment
                .actions
                .iter()
                .find(|a| a.id == *id)
                .map_or(String::new(), |a| format!(" {}", a.title.trim()));
            format!("A-{id:02}{title}")
        })
        .collect();
    let mut kv = vec![
        KeyValue::new("Held", opt_date(r.held_on.as_deref())),
        KeyValue::new("Attendees", or_dash(&attendees.join(", "))),
        KeyValue::new(
            "Minutes approved",
            format!(
                "{}{}",
                opt_date(r.approved_at.as_deref()),
                match f.person(r.approved_by) {
                    n if n.is_empty() => String::new(),
                    n => format!(" by {n}"),
                }
            ),
        ),
    ];
    if !actions.is_empty() {
        kv.push(KeyValue::new("Actions decided", actions.join("; ")));
    }
    if let Some(next) = r.next_planned_on.as_deref() {
        kv.push(KeyValue::new("Next review planned", opt_date(Some(next))));
    }
    let mut blocks = vec![Block::KeyValue(kv)];
    if !r.decisions.trim().is_empty() {
        blocks.push(h3("Decisions and conclusions"));
        blocks.push(p(r.decisions.trim()));
    }
    if !r.minutes.trim().is_empty() {
        blocks.push(h3("Minutes"));
        blocks.extend(markdown::blocks(&r.minutes, &r.title));
    }
    blocks
}

/// The management review section.
pub(super) fn review(f: &Facts<'_>) -> Section {
    let all = reviews_of(&f.snap.reviews);
    let mut blocks = vec![p(
        "Top management reviews the service management system at planned intervals to make \
         sure it stays suitable, adequate and effective (clause 9.3). A review counts once it \
         has been held with top management present and its minutes are approved.",
    )];
    let mut subsections = Vec::new();
    match latest_counted(&all) {
        Some(r) => subsections.push(sec(
            format!("Latest review: {}", r.title.trim()),
            minutes(f, r),
            Vec::new(),
        )),
        None => blocks.push(warning(
            "No management review counts yet",
            "No review has been held with top management and had its minutes approved.",
        )),
    }
    if !all.is_empty() {
        let mut list: Vec<&Review> = all.iter().collect();
        list.sort_by(|a, b| {
            (b.held_on.as_ref(), b.planned_on.as_ref(), b.id).cmp(&(
                a.held_on.as_ref(),
                a.planned_on.as_ref(),
                a.id,
            ))
        });
        blocks.push(
            rows(list)
                .col("Review", 2.0, |r| Cell::text(r.title.trim().to_owned()))
                .centered("Planned", 1.0, |r| {
                    Cell::text(opt_date(r.planned_on.as_deref()))
                })
                .centered("Held", 1.0, |r| Cell::text(opt_date(r.held_on.as_deref())))
                .centered("Minutes", 0.9, |r| Cell::text(status_label(r.status)))
                .col("Counts", 2.6, |r| match why_not_counted(r) {
                    None => Cell::toned("Counts", Tone::Good),
                    Some(why) => Cell::toned(why, Tone::Warn),
                })
                .compact()
                .caption("Management reviews"),
        );
    }
    sec("Management review", blocks, subsections)
}
