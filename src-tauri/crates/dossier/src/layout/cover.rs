//! The cover page: a teal band with the title and the firm, the scope, the verdict box and
//! the facts grid.

use super::text::{Style, Typesetter};
use super::{Colour, MARGIN_X, PAGE_W, Page, Prim, Stroke, palette};
use crate::fonts::FontKey;
use crate::model::{Dossier, Run, Tone};

/// The cover page.
pub(super) fn cover(ts: &mut Typesetter<'_>, d: &Dossier) -> Page {
    let mut p = Page::default();
    let band_h = 318.0;
    let x = MARGIN_X;
    let w = PAGE_W - 2.0 * MARGIN_X;
    p.prims.push(Prim::Rect {
        x: 0.0,
        y: 0.0,
        w: PAGE_W,
        h: band_h,
        fill: Some(palette::TEAL),
        stroke: None,
    });
    p.prims.push(Prim::Rect {
        x: 0.0,
        y: band_h,
        w: PAGE_W,
        h: 5.0,
        fill: Some(palette::TEAL_DARK),
        stroke: None,
    });
    let white = |font, size| Style {
        font,
        size,
        colour: Colour::WHITE,
    };
    let tint = Style {
        font: FontKey::Bold,
        size: 9.0,
        colour: palette::TEAL_LIGHT,
    };
    let l = ts.line(tint, "ISO/IEC 20000-1:2018  ·  SERVICE MANAGEMENT SYSTEM");
    p.prims.extend(l.prims(x, 92.0));
    let mut y = 110.0;
    for l in ts.wrap(white(FontKey::Bold, 27.0), &[Run::plain(&d.meta.title)], w) {
        y += 33.0;
        p.prims.extend(l.prims(x, y));
    }
    y += 30.0;
    for l in ts.wrap(
        white(FontKey::Regular, 17.0),
        &[Run::plain(&d.cover.firm)],
        w,
    ) {
        p.prims.extend(l.prims(x, y));
        y += 22.0;
    }
    let vd = format!("{}  ·  {}", d.cover.version_line, d.cover.date_line);
    let l = ts.line(
        Style {
            font: FontKey::Regular,
            size: 10.0,
            colour: palette::TEAL_LIGHT,
        },
        &vd,
    );
    p.prims.extend(l.prims(x, band_h - 36.0));

    // Scope.
    let mut y = band_h + 52.0;
    let label = Style {
        font: FontKey::Bold,
        size: 8.5,
        colour: palette::TEAL,
    };
    p.prims.extend(
        ts.line(
            label,
            &d.cover.labels.as_ref().map_or_else(
                || "SCOPE OF THE SERVICE MANAGEMENT SYSTEM".to_owned(),
                |l| l.0.to_uppercase(),
            ),
        )
        .prims(x, y),
    );
    y += 8.0;
    let scope_style = Style {
        font: FontKey::Regular,
        size: 10.5,
        colour: palette::INK,
    };
    // The scope gets the room the verdict box and the facts grid leave above the foot; a
    // longer statement is shortened with an ellipsis (section 1 prints it in full).
    let verdict_h = 44.0 + d.cover.verdict.len() as f32 * 25.0;
    let detail_rows = d.cover.details.len().div_ceil(2);
    let details_h = if detail_rows == 0 {
        0.0
    } else {
        40.0 + (detail_rows - 1) as f32 * 38.0 + 22.0
    };
    let room = 770.0 - 16.0 - y - verdict_h - details_h;
    let max_lines = ((room / 15.5).floor() as usize).max(2);
    let mut scope_text = d.cover.scope_summary.clone();
    let mut lines = ts.wrap(scope_style, &[Run::plain(&scope_text)], w);
    while lines.len() > max_lines {
        let words: Vec<&str> = scope_text.split_whitespace().collect();
        if words.len() <= 1 {
            let keep: String = scope_text.chars().take(200).collect();
            lines = ts.wrap(scope_style, &[Run::plain(format!("{keep}…"))], w);
            lines.truncate(max_lines);
            break;
        }
        // Drop about a line's worth of words at a time, then keep going word by word.
        let drop = if lines.len() > max_lines + 1 { 12 } else { 1 };
        let keep = words.len().saturating_sub(drop).max(1);
        scope_text = format!(
            "{}…",
            words[..keep].join(" ").trim_end_matches(['…', ',', ';'])
        );
        lines = ts.wrap(scope_style, &[Run::plain(&scope_text)], w);
    }
    for l in lines {
        y += 15.5;
        p.prims.extend(l.prims(x, y));
    }

    // Verdict box.
    y += 34.0;
    p.prims.extend(
        ts.line(
            label,
            &d.cover.labels.as_ref().map_or_else(
                || "READINESS AT A GLANCE".to_owned(),
                |l| l.1.to_uppercase(),
            ),
        )
        .prims(x, y),
    );
    y += 10.0;
    let box_top = y;
    let row_h = 25.0;
    let label_st = Style {
        font: FontKey::Regular,
        size: 9.5,
        colour: palette::MUTED,
    };
    // The value column starts after the longest label (at least 40 % of the width).
    let label_w = d
        .cover
        .verdict
        .iter()
        .map(|v| ts.line(label_st, &v.label).width + 24.0)
        .fold(w * 0.4, f32::max)
        .min(w * 0.6);
    let mut rows = Vec::new();
    for (i, v) in d.cover.verdict.iter().enumerate() {
        let ry = box_top + i as f32 * row_h;
        if i % 2 == 1 {
            rows.push(Prim::Rect {
                x,
                y: ry,
                w,
                h: row_h,
                fill: Some(palette::ZEBRA),
                stroke: None,
            });
        }
        rows.extend(ts.line(label_st, &v.label).prims(x + 12.0, ry + 16.0));
        let value_x = x + label_w;
        let colour = match v.tone {
            Tone::Neutral => palette::INK,
            Tone::Good => palette::GOOD,
            Tone::Warn => palette::WARN,
            Tone::Bad => palette::BAD,
        };
        let vst = Style {
            font: FontKey::Bold,
            size: 9.5,
            colour,
        };
        let lines = ts.wrap(vst, &[Run::plain(&v.value)], w - label_w - 8.0);
        if let Some(l) = lines.first() {
            rows.extend(l.prims(value_x, ry + 16.0));
        }
    }
    let box_h = d.cover.verdict.len() as f32 * row_h;
    p.prims.push(Prim::Rect {
        x,
        y: box_top,
        w,
        h: box_h,
        fill: None,
        stroke: Some(Stroke::solid(palette::RULE, 0.8)),
    });
    p.prims.extend(rows);
    p.prims.push(Prim::Rect {
        x,
        y: box_top,
        w: 3.2,
        h: box_h,
        fill: Some(palette::TEAL),
        stroke: None,
    });

    // Facts grid.
    let mut fy = box_top + box_h + 40.0;
    let col_w = w / 2.0;
    for (i, kv) in d.cover.details.iter().enumerate() {
        let cx = x + (i % 2) as f32 * col_w;
        if i % 2 == 0 && i > 0 {
            fy += 38.0;
        }
        p.prims
            .extend(ts.line(label, &kv.key.to_uppercase()).prims(cx, fy));
        let vst = Style {
            font: FontKey::Regular,
            size: 10.0,
            colour: palette::INK,
        };
        if let Some(l) = ts.wrap_para(vst, &kv.value, col_w - 12.0).first() {
            p.prims.extend(l.prims(cx, fy + 15.0));
        }
    }

    // Foot of the cover.
    let foot = Style {
        font: FontKey::Regular,
        size: 8.0,
        colour: palette::MUTED,
    };
    let by = format!("Prepared by {}  ·  Confidential", d.meta.author);
    p.prims.push(Prim::Line {
        x1: x,
        y1: 770.0,
        x2: x + w,
        y2: 770.0,
        stroke: Stroke::solid(palette::RULE, 0.6),
    });
    p.prims.extend(ts.line(foot, &by).prims(x, 786.0));
    let generated = ts.line(foot, "Generated with Ready20k");
    p.prims
        .extend(generated.prims(x + w - generated.width, 786.0));
    p
}
