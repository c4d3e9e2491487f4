//! The SMS calendar: every recurring duty due in the next twelve months (with its owner and
//! next date), and for the last twelve months what fell due and what was done on time, late
//! or not at all — assembled by the same domain rules as the app's calendar.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use ready20k_domain::calendar::project::{ProjectDates, assemble};
use ready20k_domain::calendar::{Occurrence, OccurrenceStatus, Window, occurrences};
use ready20k_domain::documents::DocRecord;

use crate::build::convert::date_of;
use crate::build::facts::Facts;
use crate::build::table::rows;
use crate::build::util::{or_dash, p, plural, sec, warning};
use crate::model::{Block, Cell, KeyValue, Run, Section, Tone};

/// Months looked ahead and back.
const MONTHS: u32 = 12;

/// The occurrences of the twelve months before the dossier date and of the twelve after it
/// (with anything still overdue from before).
struct Calendar {
    past: Vec<Occurrence>,
    next: Vec<Occurrence>,
}

fn calendar(f: &Facts<'_>) -> Calendar {
    let today = f.opts.date;
    let regs = &f.snap.registers;
    let name_of = |id: i64| f.data.person(id).map(|p| p.name.clone());
    let choices = regs.duty_choices(&name_of);
    let docs: Vec<DocRecord> = f.snap.documents.iter().map(DocRecord::from).collect();
    let suppliers = regs.supplier_register(f.data.other_parties.clone());
    let start = date_of(&f.snap.project.created_at).unwrap_or(today);
    let (series, done) = assemble(
        ProjectDates {
            lib: f.lib,
            data: &f.data,
            start,
            choices: &choices,
            docs: &docs,
            evidence: &f.evidence,
            suppliers: &suppliers,
            completions: regs.completion_refs(),
        },
        today,
    );
    let back = today
        .checked_sub_months(Months::new(MONTHS))
        .unwrap_or(today);
    let past = occurrences(
        &series,
        &done,
        Window {
            from: back,
            until: today,
        },
        today,
    )
    .into_iter()
    .filter(|o| o.due >= back && o.due < today)
    .collect();
    let next = Window::months(today, MONTHS)
        .map(|w| occurrences(&series, &done, w, today))
        .unwrap_or_default();
    Calendar { past, next }
}

/// One duty (series) of the coming twelve months.
struct Coming<'a> {
    first: &'a Occurrence,
    count: usize,
    overdue: usize,
}

/// One duty (series) of the last twelve months.
#[derive(Default)]
struct Record<'a> {
    first: Option<&'a Occurrence>,
    due: usize,
    on_time: usize,
    late: usize,
    missed: usize,
}

fn series_id(o: &Occurrence) -> &str {
    o.id.rsplit_once('@').map_or(o.id.as_str(), |(s, _)| s)
}

fn coming(next: &[Occurrence], today: NaiveDate) -> Vec<Coming<'_>> {
    let mut by: BTreeMap<&str, Coming<'_>> = BTreeMap::new();
    for o in next {
        let e = by.entry(series_id(o)).or_insert(Coming {
            first: o,
            count: 0,
            overdue: 0,
        });
        if o.status == OccurrenceStatus::Overdue {
            e.overdue += 1;
        } else if o.due >= today {
            e.count += 1;
            if e.first.due < today || e.first.status == OccurrenceStatus::Done {
                e.first = o;
            }
        }
    }
    let mut out: Vec<Coming<'_>> = by.into_values().collect();
    out.sort_by(|a, b| {
        (a.overdue == 0, a.first.due, &a.first.title).cmp(&(
            b.overdue == 0,
            b.first.due,
            &b.first.title,
        ))
    });
    out
}

fn record(past: &[Occurrence]) -> Vec<Record<'_>> {
    let mut by: BTreeMap<&str, Record<'_>> = BTreeMap::new();
    for o in past {
        let e = by.entry(series_id(o)).or_default();
        e.first.get_or_insert(o);
        e.due += 1;
        match &o.completion {
            Some(c) if c.done_on <= o.due => e.on_time += 1,
            Some(_) => e.late += 1,
            None => e.missed += 1,
        }
    }
    let mut out: Vec<Record<'_>> = by.into_values().collect();
    out.sort_by(|a, b| {
        (b.missed, a.first.map(|o| &o.title)).cmp(&(a.missed, b.first.map(|o| &o.title)))
    });
    out
}

fn day(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

fn count_cell(n: usize, tone: Tone) -> Cell {
    if n == 0 {
        Cell::text("0")
    } else {
        Cell::toned(n.to_string(), tone)
    }
}

/// The calendar section.
pub(super) fn calendar_section(f: &Facts<'_>) -> Section {
    let cal = calendar(f);
    let today = f.opts.date;
    let ahead = coming(&cal.next, today);
    let overdue: usize = ahead.iter().map(|c| c.overdue).sum();
    let due_ahead: usize = ahead.iter().map(|c| c.count).sum();
    let back = record(&cal.past);
    let (due_back, on_time, late, missed) = back.iter().fold((0, 0, 0, 0), |a, r| {
        (a.0 + r.due, a.1 + r.on_time, a.2 + r.late, a.3 + r.missed)
    });
    let mut blocks = vec![
        p(
            "Every recurring duty the firm committed to — from the duty list and the project's \
             own dates (document reviews, evidence review and expiry, supplier reviews, contract \
             notice dates) — with its owner. A duty counts as done only with a record attached.",
        ),
        Block::KeyValue(vec![
            KeyValue::new(
                "Next twelve months",
                format!(
                    "{} due across {}",
                    plural(due_ahead, "occurrence", "occurrences"),
                    plural(ahead.len(), "duty", "duties")
                ),
            ),
            KeyValue::new(
                "Last twelve months",
                format!(
                    "{due_back} due: {on_time} done on time, {late} done late, {missed} not done"
                ),
            ),
            KeyValue::new("Overdue now", overdue.to_string()),
        ]),
    ];
    if overdue > 0 {
        blocks.push(warning(
            "Overdue duties",
            format!(
                "{} past {} due date without a record. Do {} and attach the record, or move \
                 the duty if the plan changed.",
                plural(overdue, "occurrence is", "occurrences are"),
                if overdue == 1 { "its" } else { "their" },
                if overdue == 1 { "it" } else { "them" },
            ),
        ));
    }
    let next_table = rows(ahead)
        .col("Duty", 3.6, |c| Cell::text(c.first.title.clone()))
        .centered("Clause", 0.75, |c| Cell::text(or_dash(&c.first.clause)))
        .col("Owner", 1.4, |c| Cell::text(or_dash(&c.first.owner)))
        .centered("Next due", 1.1, |c| {
            if c.count == 0 {
                Cell::text("—")
            } else {
                Cell::text(day(c.first.due))
            }
        })
        .centered("Times", 0.6, |c| Cell::text(c.count.to_string()))
        .centered("Overdue", 0.8, |c| count_cell(c.overdue, Tone::Bad))
        .compact()
        .caption(format!(
            "Duties due from {} to {} (times due in the period; overdue: past due, not done)",
            day(today),
            day(today
                .checked_add_months(Months::new(MONTHS))
                .and_then(|d| d.pred_opt())
                .unwrap_or(today))
        ));
    let mut past_blocks = vec![p(
        "What fell due in the twelve months before the date of this dossier, per duty: done \
         on or before its due date, done late, or not done.",
    )];
    if back.is_empty() {
        past_blocks.push(p(
            "Nothing fell due in the last twelve months: the calendar starts when the project \
             was created.",
        ));
    } else {
        past_blocks.push(
            rows(back)
                .col("Duty", 3.8, |r| {
                    let o = r.first;
                    Cell::runs(vec![Run::plain(
                        o.map(|o| o.title.clone()).unwrap_or_default(),
                    )])
                })
                .centered("Clause", 0.75, |r| {
                    Cell::text(r.first.map(|o| or_dash(&o.clause)).unwrap_or_default())
                })
                .centered("Due", 0.6, |r| Cell::text(r.due.to_string()))
                .centered("On time", 0.75, |r| count_cell(r.on_time, Tone::Good))
                .centered("Late", 0.6, |r| count_cell(r.late, Tone::Warn))
                .centered("Not done", 0.8, |r| count_cell(r.missed, Tone::Bad))
                .compact()
                .caption("Duties of the last twelve months and how they were done"),
        );
    }
    sec(
        "SMS calendar",
        blocks,
        vec![
            sec("The next twelve months", vec![next_table], Vec::new()),
            sec("The last twelve months", past_blocks, Vec::new()),
        ],
    )
}
