//! The supplier register (8.3.4): each supplier with its agreement (contract dates, notice
//! date, agreed service levels), its review interval, last review with rating and next
//! review; the performance reviews; disputes; kinds recorded as "none"; the rules' findings.

use ready20k_domain::suppliers::{
    self, Agreement, DisputeStatus, SupplierRegister, last_review, next_review,
};
use ready20k_domain::wizard::{OtherParty, OtherPartyKind};

use crate::build::convert::date_of;
use crate::build::facts::Facts;
use crate::build::table::rows;
use crate::build::util::{bullets, clip, long_date, opt_date, or_dash, p, plural, sec, warning};
use crate::model::{Block, Cell, Run, Section, Tone};

fn kind_label(k: OtherPartyKind) -> &'static str {
    match k {
        OtherPartyKind::ExternalSupplier => "External supplier",
        OtherPartyKind::InternalSupplier => "Internal supplier",
        OtherPartyKind::Customer => "Customer acting as a supplier",
    }
}

/// "1 Jan 2025 – 31 Dec 2026".
fn term(a: &Agreement) -> String {
    match (a.start_on.as_deref(), a.end_on.as_deref()) {
        (None, None) => "—".into(),
        (s, None) => format!("from {}", opt_date(s)),
        (s, e) => format!("{} – {}", opt_date(s), opt_date(e)),
    }
}

/// The notice date, flagged when it has passed (contract still running) or is near.
fn notice_cell(f: &Facts<'_>, a: &Agreement) -> Cell {
    let Some(n) = a.notice_on.as_deref().and_then(date_of) else {
        return Cell::text("—");
    };
    let today = f.opts.date;
    let running = a
        .end_on
        .as_deref()
        .and_then(date_of)
        .is_none_or(|e| e >= today);
    let days = (n - today).num_days();
    let text = opt_date(a.notice_on.as_deref());
    if n < today && running {
        Cell::runs(vec![Run::plain(text), Run::bold(" — passed")]).with_tone(Tone::Warn)
    } else if (0..=suppliers::NOTICE_WINDOW_DAYS as i64).contains(&days) {
        Cell::runs(vec![
            Run::plain(text),
            Run::bold(format!(" — in {days} days")),
        ])
        .with_tone(Tone::Warn)
    } else {
        Cell::text(text)
    }
}

/// The next review, flagged when overdue (or never reviewed and no start date).
fn next_review_cell(f: &Facts<'_>, reg: &SupplierRegister, a: &Agreement) -> Cell {
    match next_review(a, &reg.reviews) {
        Some(d) if d < f.opts.date => Cell::runs(vec![
            Run::plain(d.format("%-d %b %Y").to_string()),
            Run::bold(" — overdue"),
        ])
        .with_tone(Tone::Bad),
        Some(d) => Cell::text(d.format("%-d %b %Y").to_string()),
        None => Cell::toned("Now (never reviewed)", Tone::Bad),
    }
}

/// The last review's date and rating.
fn last_review_cell(reg: &SupplierRegister, party: i64) -> Cell {
    let Some(on) = last_review(&reg.reviews, party) else {
        return Cell::text("—");
    };
    let rating = reg
        .reviews
        .iter()
        .filter(|r| r.party_id == party && date_of(&r.reviewed_on) == Some(on))
        .map(|r| r.rating)
        .max()
        .unwrap_or(0);
    let tone = match rating {
        0 => Tone::Neutral,
        1 | 2 => Tone::Bad,
        3 => Tone::Warn,
        _ => Tone::Good,
    };
    Cell::runs(vec![
        Run::plain(on.format("%-d %b %Y").to_string()),
        Run::bold(format!("  {rating}/5")),
    ])
    .with_tone(tone)
}

fn agreements_table(f: &Facts<'_>, reg: &SupplierRegister) -> Block {
    let listed: Vec<(&OtherParty, Option<&Agreement>)> = reg
        .parties
        .iter()
        .map(|p| (p, reg.agreements.iter().find(|a| a.party_id == p.id)))
        .filter(|(p, a)| a.is_some() || p.kind != OtherPartyKind::Customer)
        .collect();
    let with = listed.iter().filter(|(_, a)| a.is_some()).count();
    rows(listed)
        .col("Supplier", 1.7, |(p, _)| {
            Cell::runs(vec![
                Run::bold(p.name.trim().to_owned()),
                Run::italic(format!(" — {}", kind_label(p.kind))),
            ])
        })
        .col("Agreement", 1.9, |(_, a)| match a {
            None => Cell::toned("No agreement recorded", Tone::Bad),
            Some(a) => Cell::runs(vec![
                Run::mono(or_dash(&a.contract_ref)),
                Run::plain(format!(", {}", term(a))),
            ]),
        })
        .col("Notice by", 1.25, |(_, a)| match a {
            None => Cell::text("—"),
            Some(a) => notice_cell(f, a),
        })
        .col("Service levels agreed", 2.1, |(_, a)| {
            Cell::text(a.map_or_else(|| "—".into(), |a| clip(&or_dash(&a.service_levels), 140)))
        })
        .centered("Cycle", 0.85, |(_, a)| {
            Cell::text(a.map_or_else(
                || "—".into(),
                |a| {
                    let m = if a.review_months == 0 {
                        suppliers::DEFAULT_REVIEW_MONTHS
                    } else {
                        a.review_months
                    };
                    format!("{m} mo")
                },
            ))
        })
        .col("Last review", 1.2, |(p, _)| last_review_cell(reg, p.id))
        .col("Next review", 1.25, |(_, a)| match a {
            None => Cell::text("—"),
            Some(a) => next_review_cell(f, reg, a),
        })
        .compact()
        .caption(format!(
            "Suppliers and agreements ({} of {} with an agreement recorded)",
            with,
            reg.parties
                .iter()
                .filter(|p| p.kind != OtherPartyKind::Customer)
                .count()
                .max(with)
        ))
}

fn reviews_table(f: &Facts<'_>, reg: &SupplierRegister) -> Block {
    let mut reviews: Vec<_> = reg.reviews.iter().collect();
    reviews.sort_by(|a, b| b.reviewed_on.cmp(&a.reviewed_on).then(b.id.cmp(&a.id)));
    let name = |id: i64| {
        reg.parties
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| "(removed)".to_owned(), |p| p.name.trim().to_owned())
    };
    rows(reviews)
        .col("Date", 1.0, |r| Cell::text(opt_date(Some(&r.reviewed_on))))
        .col("Supplier", 1.5, |r| Cell::text(name(r.party_id)))
        .centered("Rating", 0.7, |r| {
            let tone = match r.rating {
                1 | 2 => Tone::Bad,
                3 => Tone::Warn,
                _ => Tone::Good,
            };
            Cell::toned(format!("{}/5", r.rating), tone)
        })
        .col("Issues found", 3.2, |r| Cell::text(or_dash(&r.issues)))
        .col("Reviewer", 1.2, |r| {
            Cell::text(or_dash(&f.person(r.reviewer_id)))
        })
        .col("Actions", 0.9, |r| {
            let ids: Vec<String> = r.action_ids.iter().map(|a| format!("A-{a:02}")).collect();
            Cell::mono(if ids.is_empty() {
                "—".into()
            } else {
                ids.join(", ")
            })
        })
        .compact()
        .caption(plural(
            reg.reviews.len(),
            "performance review",
            "performance reviews",
        ))
}

/// The supplier register section.
pub(super) fn suppliers(f: &Facts<'_>) -> Section {
    let reg = f
        .snap
        .registers
        .supplier_register(f.data.other_parties.clone());
    let findings = suppliers::findings(&reg, f.opts.date);
    let mut blocks = vec![p(
        "The suppliers, internal suppliers and customers acting as suppliers that take part \
         in delivering the services (clause 8.3.4), each with its agreement, the date by which \
         notice must be given, the service levels agreed, how often its performance is \
         reviewed, and its last and next review.",
    )];
    if reg.parties.is_empty() && reg.nones.is_empty() {
        blocks.push(p("No supplier or other party has been recorded yet."));
    } else {
        blocks.push(agreements_table(f, &reg));
    }
    if !reg.nones.is_empty() {
        blocks.push(bullets(reg.nones.iter().map(|n| {
            let note = n.note.trim();
            format!(
                "No {}s: recorded on {}{}",
                n.kind.label(),
                date_of(&n.recorded_at).map_or_else(|| n.recorded_at.clone(), long_date),
                if note.is_empty() {
                    String::new()
                } else {
                    format!(" — {note}")
                }
            )
        })));
    }
    let mut subsections = Vec::new();
    if !reg.reviews.is_empty() {
        subsections.push(sec(
            "Performance reviews",
            vec![reviews_table(f, &reg)],
            Vec::new(),
        ));
    }
    if !reg.disputes.is_empty() {
        let disputes = rows(&reg.disputes)
            .col("Opened", 1.0, |d| Cell::text(opt_date(Some(&d.opened_on))))
            .col("Supplier", 1.4, |d| {
                Cell::text(
                    reg.parties
                        .iter()
                        .find(|p| p.id == d.party_id)
                        .map_or_else(|| "(removed)".to_owned(), |p| p.name.clone()),
                )
            })
            .col("Dispute", 3.0, |d| Cell::text(or_dash(&d.description)))
            .centered("Status", 0.9, |d| match d.status {
                DisputeStatus::Open => Cell::toned("Open", Tone::Warn),
                DisputeStatus::Resolved => Cell::toned("Resolved", Tone::Good),
            })
            .col("Resolution", 2.2, |d| Cell::text(or_dash(&d.resolution)))
            .compact()
            .caption("Contractual disputes (clause 8.3.4.1)");
        subsections.push(sec("Disputes", vec![disputes], Vec::new()));
    }
    if !findings.is_empty() {
        blocks.push(warning(
            "Needs attention",
            plural(
                findings.len(),
                "finding of the supplier rules",
                "findings of the supplier rules",
            ),
        ));
        blocks.push(bullets(findings.iter().map(|x| x.message.clone())));
    }
    sec("Suppliers and agreements", blocks, subsections)
}
