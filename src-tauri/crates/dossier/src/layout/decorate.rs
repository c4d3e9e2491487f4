//! Decoration of the laid-out pages: the running header and footer, and the watermark.

use super::text::{Metrics, Style, Typesetter};
use super::{
    PAGE_H, PAGE_W, Page, Stroke, TextRun, Watermark, body_area, landscape_body_area, palette,
};
use crate::fonts::FontKey;
use crate::model::Dossier;

/// The running header (firm, title and version) and footer (date, page of pages) on every
/// page but the cover.
pub(super) fn decorate(ts: &mut Typesetter<'_>, d: &Dossier, pages: &mut [Page]) {
    let total = pages.len();
    let a = body_area();
    let small = Style::new(FontKey::Regular, 7.6, palette::MUTED);
    let firm = Style::new(FontKey::Bold, 7.6, palette::TEAL_DARK);
    let left = ts.line(firm, &d.meta.firm);
    let right = ts.line(
        small,
        &format!("{}  ·  Version {}", d.meta.title, d.meta.version),
    );
    let conf = ts.line(small, &format!("Confidential  ·  {}", d.cover.date_line));
    for (i, page) in pages.iter_mut().enumerate().skip(1) {
        // On a landscape page the body is wider and the footer nearer the top of the sheet.
        let (a, dy) = if page.landscape {
            (landscape_body_area(), PAGE_W - PAGE_H)
        } else {
            (a, 0.0)
        };
        let mut prims = Vec::new();
        prims.extend(left.prims(a.x, 46.0));
        prims.extend(right.prims(a.right() - right.width, 46.0));
        let rule = |y: f32| Stroke::solid(palette::RULE, 0.6).line(a.x, y, a.right(), y);
        prims.push(rule(53.0));
        prims.push(rule(796.0 + dy));
        prims.extend(conf.prims(a.x, 809.0 + dy));
        let pn = ts.line(small, &format!("Page {} of {}", i + 1, total));
        prims.extend(pn.prims(a.right() - pn.width, 809.0 + dy));
        page.prims.extend(prims);
    }
}

/// The diagonal watermark, centred on the page at 45 degrees and scaled to fit the diagonal.
pub(super) fn watermark(metrics: &Metrics, text: &str) -> Option<Watermark> {
    let text: String = text
        .chars()
        .filter(|c| metrics.has_glyph(FontKey::Bold, *c))
        .collect();
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let angle: f32 = 45.0;
    let unit = metrics.width(FontKey::Bold, 1.0, text);
    // At most 110 pt high, and no longer than 80 % of the page diagonal.
    let diagonal = (PAGE_W * PAGE_W + PAGE_H * PAGE_H).sqrt();
    let size = (diagonal * 0.8 / unit.max(0.01)).min(110.0);
    let width = unit * size;
    let (s, c) = angle.to_radians().sin_cos();
    let cap = 0.73 * size;
    // Layout y grows downwards: rotating counter-clockwise on paper moves the baseline's end
    // up (smaller y).
    let (cx, cy) = (PAGE_W / 2.0, PAGE_H / 2.0);
    let x = cx - width / 2.0 * c + cap / 2.0 * s;
    let y = cy + width / 2.0 * s + cap / 2.0 * c;
    Some(Watermark {
        run: TextRun {
            font: FontKey::Bold,
            size,
            x,
            y,
            colour: palette::BAD,
            text: text.to_owned(),
            width,
            glyphs: None,
        },
        angle,
        opacity: 0.09,
    })
}
