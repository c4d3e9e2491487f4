//! The cover page and the document metadata.

use super::{action_counts, document_counts, stage_line, verdict_tone, version};
use crate::build::convert::date_of;
use crate::build::facts::Facts;
use crate::build::util::{long_date, plural};
use crate::model::{Cover, KeyValue, Meta, Tone, VerdictLine};

/// The PDF metadata and the running header.
pub(super) fn meta(f: &Facts<'_>) -> Meta {
    let sms = f.holders("ROLE-SMSM");
    Meta {
        title: f.opts.pack.title().into(),
        firm: f.firm(),
        version: version(f),
        date: f.opts.date,
        author: if sms.is_empty() {
            f.firm()
        } else {
            format!("{sms}, SMS manager")
        },
        subject: format!(
            "Readiness of the {} service management system for ISO/IEC 20000-1:2018 \
             certification",
            f.firm()
        ),
    }
}

/// The cover: firm, scope, version and the headline verdicts.
pub(super) fn cover(f: &Facts<'_>) -> Cover {
    let sc = &f.scorecard;
    let (approved, total) = document_counts(f);
    let (open, overdue) = action_counts(f);
    let sod_open = f.sod.unresolved_blocks + f.sod.unresolved_warns;
    let mut verdict = vec![
        VerdictLine {
            label: "Stage 1 audit (Ready20k's estimate)".into(),
            value: stage_line(&sc.stage1),
            tone: verdict_tone(sc.stage1.verdict),
        },
        VerdictLine {
            label: "Stage 2 audit (Ready20k's estimate)".into(),
            value: stage_line(&sc.stage2),
            tone: verdict_tone(sc.stage2.verdict),
        },
        VerdictLine {
            label: "Required documents".into(),
            value: format!("{approved} of {total} approved"),
            tone: if approved == total {
                Tone::Good
            } else {
                Tone::Warn
            },
        },
        VerdictLine {
            label: "Self-assessment".into(),
            value: format!(
                "{} of {} questions answered{}",
                sc.answered,
                sc.questions,
                if sc.provisional { " (provisional)" } else { "" }
            ),
            tone: if sc.provisional {
                Tone::Warn
            } else {
                Tone::Neutral
            },
        },
        VerdictLine {
            label: "Open actions".into(),
            value: format!("{open} open, {overdue} overdue"),
            tone: if overdue > 0 {
                Tone::Bad
            } else if open > 0 {
                Tone::Warn
            } else {
                Tone::Good
            },
        },
    ];
    verdict.push(VerdictLine {
        label: "Segregation of duties".into(),
        value: if f.sod.findings.is_empty() {
            "No conflicting combinations of roles".into()
        } else if sod_open == 0 {
            "No open conflicts after compensating controls".into()
        } else {
            format!(
                "{} without a compensating control",
                plural(sod_open as usize, "conflict", "conflicts")
            )
        },
        tone: if f.sod.unresolved_blocks > 0 {
            Tone::Bad
        } else if sod_open > 0 {
            Tone::Warn
        } else {
            Tone::Good
        },
    });
    let profile = &f.data.profile;
    let mut details = Vec::new();
    if !profile.certification_body.trim().is_empty() {
        details.push(KeyValue::new(
            "Certification body",
            profile.certification_body.trim(),
        ));
    }
    if let Some(d) = profile.target_date.as_deref().filter(|d| !d.is_empty()) {
        details.push(KeyValue::new(
            "Target certification",
            date_of(d).map_or_else(|| d.to_owned(), long_date),
        ));
    }
    let sms = f.holders("ROLE-SMSM");
    if !sms.is_empty() {
        details.push(KeyValue::new("SMS manager", sms));
    }
    let tm = f.holders("ROLE-TM");
    if !tm.is_empty() {
        details.push(KeyValue::new("Top management", tm));
    }
    let draft = f.draft();
    Cover {
        firm: f.firm(),
        scope_summary: f.scope.clone(),
        version_line: if draft {
            format!("Version {} — draft", version(f))
        } else {
            format!("Version {}", version(f))
        },
        date_line: long_date(f.opts.date),
        verdict,
        details,
        labels: None,
    }
}
