//! Flow: model blocks become items (unsplittable boxes, paragraphs, tables), then items are
//! paginated with keep-with-next for headings, orphan/widow control for paragraphs and
//! repeated table headers. The cover, the table of contents, and the running header and
//! footer are produced here too.

use std::collections::BTreeMap;

use super::chart;
use super::palette;
use super::table::TableL;
use super::text::{Line, Metrics, Style, Typesetter};
use super::{
    Area, Colour, Dest, Document, LinkRect, OutlineEntry, PAGE_H, PAGE_W, Page, Prim, Stroke,
    TextRun,
};
use crate::DossierError;
use crate::fonts::FontKey;
use crate::model::{Block, Callout, CalloutKind, Dossier, Paragraph, Run, Section, Tone};

const MARGIN_X: f32 = 62.0;
const BODY_TOP: f32 = 80.0;
const BODY_BOTTOM: f32 = 782.0;
const PRINTABLE_INSET: f32 = 28.0;

const BODY_SIZE: f32 = 9.4;
const BODY_LH: f32 = 13.6;

fn body_area() -> Area {
    Area {
        x: MARGIN_X,
        y: BODY_TOP,
        w: PAGE_W - 2.0 * MARGIN_X,
        h: BODY_BOTTOM - BODY_TOP,
    }
}

fn printable_area() -> Area {
    Area {
        x: PRINTABLE_INSET,
        y: PRINTABLE_INSET,
        w: PAGE_W - 2.0 * PRINTABLE_INSET,
        h: PAGE_H - 2.0 * PRINTABLE_INSET,
    }
}

fn body_style() -> Style {
    Style {
        font: FontKey::Regular,
        size: BODY_SIZE,
        colour: palette::INK,
    }
}

/// Where a heading goes in the outline and the table of contents.
#[derive(Clone)]
struct Anchor {
    id: String,
    title: String,
    depth: usize,
}

/// An unsplittable box: prims with absolute x and y relative to its top.
#[derive(Default)]
struct Blk {
    height: f32,
    prims: Vec<Prim>,
    links: Vec<(Area, String)>,
    keep_with_next: bool,
    anchor: Option<Anchor>,
}

enum Item {
    Space(f32),
    PageBreak,
    Block(Blk),
    /// Lines of one paragraph or list item (orphan and widow control applies).
    Para(Vec<Blk>),
    Table(TableL),
}

/// Lay out lines as one box per line.
fn line_boxes(lines: Vec<Line>, x: f32, lh: f32) -> Vec<Blk> {
    lines
        .into_iter()
        .map(|l| {
            let size = l.max_size().max(1.0);
            Blk {
                height: lh,
                prims: l.prims(x, lh * 0.5 + size * 0.36),
                ..Blk::default()
            }
        })
        .collect()
}

struct Builder<'a, 'm> {
    ts: &'a mut Typesetter<'m>,
    items: Vec<Item>,
    numbers: Option<&'a BTreeMap<String, usize>>,
}

fn heading_text(s: &Section) -> String {
    match &s.number {
        Some(n) => format!("{n} {}", s.title),
        None => s.title.clone(),
    }
}

impl Builder<'_, '_> {
    fn body(&self) -> Area {
        body_area()
    }

    fn push_space(&mut self, h: f32) {
        self.items.push(Item::Space(h));
    }

    fn chapter_heading(&mut self, s: &Section, depth: usize) {
        let a = self.body();
        let mut blk = Blk {
            keep_with_next: true,
            anchor: Some(Anchor {
                id: s.id.clone(),
                title: heading_text(s),
                depth,
            }),
            ..Blk::default()
        };
        let mut y = 0.0;
        if let Some(n) = &s.number {
            let label = if n.starts_with("Annex") {
                n.to_uppercase()
            } else {
                format!("SECTION {n}")
            };
            let st = Style {
                font: FontKey::Bold,
                size: 8.5,
                colour: palette::TEAL,
            };
            let l = self.ts.line(st, &label);
            y += 10.0;
            blk.prims.extend(l.prims(a.x, y));
            y += 8.0;
        }
        let st = Style {
            font: FontKey::Bold,
            size: 19.0,
            colour: palette::INK,
        };
        for l in self.ts.wrap(st, &[Run::plain(&s.title)], a.w) {
            y += 24.0;
            blk.prims.extend(l.prims(a.x, y - 5.0));
        }
        y += 8.0;
        blk.prims.push(Prim::Line {
            x1: a.x,
            y1: y,
            x2: a.right(),
            y2: y,
            stroke: Stroke::solid(palette::RULE, 0.6),
        });
        blk.prims.push(Prim::Rect {
            x: a.x,
            y: y - 1.2,
            w: 56.0,
            h: 2.4,
            fill: Some(palette::TEAL),
            stroke: None,
        });
        blk.height = y + 16.0;
        self.items.push(Item::Block(blk));
    }

    fn sub_heading(&mut self, text: &str, level: u8, anchor: Option<Anchor>) {
        let a = self.body();
        let (size, colour, before, after) = if level <= 2 {
            (12.6, palette::TEAL_DARK, 12.0, 5.0)
        } else {
            (10.4, palette::INK, 8.0, 3.0)
        };
        self.push_space(before);
        let st = Style {
            font: FontKey::Bold,
            size,
            colour,
        };
        let lines = self.ts.wrap(st, &[Run::plain(text)], a.w);
        let lh = size * 1.3;
        let mut blk = Blk {
            keep_with_next: true,
            anchor,
            ..Blk::default()
        };
        for (i, l) in lines.iter().enumerate() {
            blk.prims
                .extend(l.prims(a.x, (i as f32 + 1.0) * lh - size * 0.25));
        }
        blk.height = lines.len() as f32 * lh + after;
        self.items.push(Item::Block(blk));
    }

    fn section(&mut self, s: &Section, depth: usize) {
        if s.level <= 1 {
            self.items.push(Item::PageBreak);
            self.chapter_heading(s, depth);
        } else {
            let anchor = Anchor {
                id: s.id.clone(),
                title: heading_text(s),
                depth,
            };
            self.sub_heading(&heading_text(s), s.level, Some(anchor));
        }
        for b in &s.blocks {
            self.block(b);
        }
        for sub in &s.subsections {
            self.section(sub, depth + 1);
        }
    }

    fn paragraph(&mut self, p: &Paragraph) {
        let a = self.body();
        let lines = self.ts.wrap_para(body_style(), p, a.w);
        self.items.push(Item::Para(line_boxes(lines, a.x, BODY_LH)));
        self.push_space(5.5);
    }

    fn list(&mut self, ordered: bool, items: &[Paragraph]) {
        let a = self.body();
        let indent = 16.0;
        for (i, p) in items.iter().enumerate() {
            let lines = self.ts.wrap_para(body_style(), p, a.w - indent);
            let mut boxes = line_boxes(lines, a.x + indent, BODY_LH);
            if let Some(first) = boxes.first_mut() {
                let baseline = BODY_LH * 0.5 + BODY_SIZE * 0.36;
                if ordered {
                    let st = Style {
                        font: FontKey::Bold,
                        size: BODY_SIZE,
                        colour: palette::TEAL,
                    };
                    let l = self.ts.line(st, &format!("{}.", i + 1));
                    first
                        .prims
                        .extend(l.prims(a.x + indent - 5.0 - l.width, baseline));
                } else {
                    first.prims.push(Prim::Rect {
                        x: a.x + 5.0,
                        y: baseline - 5.2,
                        w: 3.6,
                        h: 3.6,
                        fill: Some(palette::TEAL),
                        stroke: None,
                    });
                }
            }
            self.items.push(Item::Para(boxes));
            self.push_space(2.5);
        }
        self.push_space(3.5);
    }

    fn callout(&mut self, c: &Callout) {
        let a = self.body();
        let (bar, tint) = match c.kind {
            CalloutKind::Note => (palette::TEAL, palette::TEAL_TINT),
            CalloutKind::Warning => (palette::WARN, palette::WARN_TINT),
        };
        let pad = 9.0;
        let inner_x = a.x + 4.0 + pad;
        let inner_w = a.w - 4.0 - 2.0 * pad;
        let mut prims = Vec::new();
        let mut y = pad;
        if let Some(t) = &c.title {
            let st = Style {
                font: FontKey::Bold,
                size: 9.2,
                colour: bar,
            };
            for l in self.ts.wrap(st, &[Run::plain(t)], inner_w) {
                prims.extend(l.prims(inner_x, y + 9.5));
                y += 13.0;
            }
            y += 2.0;
        }
        let st = Style {
            font: FontKey::Regular,
            size: 8.8,
            colour: palette::INK,
        };
        for (i, p) in c.body.iter().enumerate() {
            if i > 0 {
                y += 4.0;
            }
            for l in self.ts.wrap_para(st, p, inner_w) {
                prims.extend(l.prims(inner_x, y + 9.3));
                y += 12.8;
            }
        }
        let h = y + pad - 1.0;
        let mut all = vec![
            Prim::Rect {
                x: a.x,
                y: 0.0,
                w: a.w,
                h,
                fill: Some(tint),
                stroke: None,
            },
            Prim::Rect {
                x: a.x,
                y: 0.0,
                w: 3.2,
                h,
                fill: Some(bar),
                stroke: None,
            },
        ];
        all.extend(prims);
        self.items.push(Item::Block(Blk {
            height: h,
            prims: all,
            ..Blk::default()
        }));
        self.push_space(9.0);
    }

    fn block(&mut self, b: &Block) {
        let a = self.body();
        match b {
            Block::Heading { text, level } => self.sub_heading(text, (*level).max(2), None),
            Block::Paragraph(p) => self.paragraph(p),
            Block::BulletList { ordered, items } => self.list(*ordered, items),
            Block::KeyValue(kvs) => {
                let t = TableL::key_value(self.ts, kvs, a.x, a.w);
                self.items.push(Item::Table(t));
                self.push_space(10.0);
            }
            Block::Table(t) => {
                let t = TableL::new(self.ts, t, a.x, a.w);
                self.items.push(Item::Table(t));
                self.push_space(10.0);
            }
            Block::BarChart(c) => {
                let (h, prims) = chart::bar_chart(self.ts, c, a.x, a.w);
                self.items.push(Item::Block(Blk {
                    height: h,
                    prims,
                    ..Blk::default()
                }));
                self.push_space(10.0);
            }
            Block::RadarChart(c) => {
                let (h, prims) = chart::radar_chart(self.ts, c, a.x, a.w);
                self.items.push(Item::Block(Blk {
                    height: h,
                    prims,
                    ..Blk::default()
                }));
                self.push_space(10.0);
            }
            Block::Callout(c) => self.callout(c),
            Block::PageBreak => self.items.push(Item::PageBreak),
        }
    }

    /// The table of contents: a heading and one linked line per level 1 and 2 section.
    fn toc(&mut self, d: &Dossier) {
        let a = self.body();
        self.items.push(Item::PageBreak);
        let head = Section {
            id: "toc".into(),
            number: None,
            title: "Contents".into(),
            level: 1,
            blocks: Vec::new(),
            subsections: Vec::new(),
        };
        self.chapter_heading(&head, 0);
        let num_w = 34.0;
        let mut entries: Vec<(&Section, usize)> = Vec::new();
        for s in &d.sections {
            entries.push((s, 0));
            for sub in &s.subsections {
                entries.push((sub, 1));
            }
        }
        for (s, depth) in entries {
            let top_level = depth == 0;
            if top_level {
                self.push_space(7.0);
            }
            let (font, size, colour, indent) = if top_level {
                (FontKey::Bold, 10.0, palette::INK, 0.0)
            } else {
                (FontKey::Regular, 9.0, palette::INK, 30.0)
            };
            let st = Style { font, size, colour };
            let lh = if top_level { 16.0 } else { 14.0 };
            let base = lh - 4.0;
            let mut prims = Vec::new();
            let num_st = Style {
                font,
                size,
                colour: palette::TEAL,
            };
            if let Some(n) = &s.number {
                let l = self.ts.line(num_st, n);
                prims.extend(l.prims(a.x + indent, base));
            }
            let title_x = a.x + indent + if top_level { 52.0 } else { 30.0 };
            let title_w = a.right() - num_w - 10.0 - title_x;
            let lines = self.ts.wrap(st, &[Run::plain(&s.title)], title_w);
            let mut end_x = title_x;
            let mut y = base;
            let n = lines.len();
            for (i, l) in lines.iter().enumerate() {
                prims.extend(l.prims(title_x, y));
                if i + 1 == n {
                    end_x = title_x + l.width;
                } else {
                    y += lh - 2.0;
                }
            }
            let page = self
                .numbers
                .and_then(|m| m.get(&s.id))
                .map_or_else(|| "—".to_string(), |p| (p + 1).to_string());
            let pl = self.ts.line(
                Style {
                    font,
                    size,
                    colour: palette::INK,
                },
                &page,
            );
            prims.extend(pl.prims(a.right() - pl.width, y));
            prims.push(Prim::Line {
                x1: end_x + 4.0,
                y1: y,
                x2: a.right() - num_w + 4.0,
                y2: y,
                stroke: Stroke::dashed(palette::RULE, 0.8),
            });
            let height = y + 4.0;
            self.items.push(Item::Block(Blk {
                height,
                prims,
                links: vec![(
                    Area {
                        x: a.x,
                        y: 0.0,
                        w: a.w,
                        h: height,
                    },
                    s.id.clone(),
                )],
                ..Blk::default()
            }));
        }
    }
}

/// Places items on pages.
struct Pager {
    pages: Vec<Page>,
    y: f32,
    /// Nothing but (repeated) table headers placed on the current page yet.
    fresh: bool,
    body: Area,
    dests: Vec<Dest>,
    outline: Vec<OutlineEntry>,
    section_pages: BTreeMap<String, usize>,
}

impl Pager {
    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.body.y;
        self.fresh = true;
    }

    fn remaining(&self) -> f32 {
        self.body.bottom() - self.y
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn index(&self) -> usize {
        self.pages.len().saturating_sub(1)
    }

    fn put_prims(&mut self, prims: Vec<Prim>, dy: f32) {
        let page = self.page();
        page.prims
            .extend(prims.into_iter().map(|p| p.translated(0.0, dy)));
    }

    fn place(&mut self, blk: Blk) {
        let top = self.y;
        let idx = self.index();
        if let Some(a) = blk.anchor {
            self.dests.push(Dest {
                name: a.id.clone(),
                page: idx,
                y: top,
            });
            self.outline.push(OutlineEntry {
                title: a.title,
                depth: a.depth,
                page: idx,
                y: top,
            });
            self.section_pages.insert(a.id, idx);
        }
        for (area, dest) in blk.links {
            let area = Area {
                y: area.y + top,
                ..area
            };
            self.page().links.push(LinkRect { area, dest });
        }
        self.put_prims(blk.prims, top);
        self.y += blk.height;
        self.fresh = false;
    }

    fn place_table(&mut self, t: TableL) {
        let header_h = t.header_height();
        let first_h = header_h
            + t.rows
                .first()
                .map_or(0.0, |r| t.lines_height(r.lines.min(3)));
        if first_h > self.remaining() && !self.fresh {
            self.new_page();
        }
        let mut rows_here = 0usize;
        self.put_prims(t.draw_header(0.0), self.y);
        self.y += header_h;
        let n = t.rows.len();
        for (i, row) in t.rows.iter().enumerate() {
            // Widow control: do not leave the last row alone on a new page.
            if i + 2 == n && rows_here >= 2 {
                let both = t.lines_height(row.lines) + t.lines_height(t.rows[i + 1].lines);
                let this_fits = t.lines_height(row.lines) <= self.remaining() + 0.01;
                if this_fits && both > self.remaining() + 0.01 && both <= self.body.h - header_h {
                    self.table_page_break(&t);
                    rows_here = 0;
                }
            }
            let mut start = 0;
            while start < row.lines {
                let rest = row.lines - start;
                if t.lines_height(rest) <= self.remaining() + 0.01 {
                    self.put_prims(t.draw_row(i, start, rest, 0.0), self.y);
                    self.y += t.lines_height(rest);
                    rows_here += 1;
                    break;
                }
                let fit = ((self.remaining() - 2.0 * t.pad) / t.lh).floor().max(0.0) as usize;
                let whole_fits_on_a_page = t.lines_height(rest) <= self.body.h - header_h;
                if rows_here > 0 && (start == 0 && whole_fits_on_a_page || fit < 2) {
                    self.table_page_break(&t);
                    rows_here = 0;
                    continue;
                }
                let fit = fit.max(1);
                self.put_prims(t.draw_row(i, start, fit, 0.0), self.y);
                self.y += t.lines_height(fit);
                start += fit;
                self.table_page_break(&t);
                rows_here = 0;
            }
        }
        if !t.caption.is_empty() {
            self.y += 4.0;
            let lh = 10.5;
            let caption_h = t.caption.len() as f32 * lh;
            if caption_h > self.remaining() {
                self.new_page();
            }
            let x = self.body.x;
            let mut prims = Vec::new();
            for (k, l) in t.caption.iter().enumerate() {
                prims.extend(l.prims(x, (k as f32 + 1.0) * lh - 2.5));
            }
            self.put_prims(prims, self.y);
            self.y += caption_h;
        }
        self.fresh = false;
    }

    fn table_page_break(&mut self, t: &TableL) {
        self.new_page();
        self.put_prims(t.draw_header(0.0), self.y);
        self.y += t.header_height();
    }

    /// Height that must fit after a keep-with-next block: the start of what follows.
    fn follow_height(items: &[Item]) -> f32 {
        for (i, it) in items.iter().enumerate() {
            match it {
                Item::Space(_) => continue,
                Item::PageBreak => return 0.0,
                Item::Block(b) => {
                    let after = if b.keep_with_next {
                        Self::follow_height(&items[i + 1..])
                    } else {
                        0.0
                    };
                    return b.height + after;
                }
                Item::Para(lines) => return lines.iter().take(2).map(|l| l.height).sum(),
                Item::Table(t) => {
                    return t.header_height()
                        + t.rows
                            .first()
                            .map_or(0.0, |r| t.lines_height(r.lines.min(3)));
                }
            }
        }
        0.0
    }

    fn run(&mut self, items: Vec<Item>) {
        // Keep-with-next needs to look ahead; compute the requirement before consuming.
        let needs: Vec<f32> = (0..items.len())
            .map(|i| match &items[i] {
                Item::Block(b) if b.keep_with_next => {
                    b.height + Self::follow_height(&items[i + 1..])
                }
                _ => 0.0,
            })
            .collect();
        for (item, need) in items.into_iter().zip(needs) {
            match item {
                Item::PageBreak => {
                    if !self.fresh {
                        self.new_page();
                    }
                }
                Item::Space(h) => {
                    if !self.fresh {
                        if h >= self.remaining() {
                            self.new_page();
                        } else {
                            self.y += h;
                        }
                    }
                }
                Item::Block(b) => {
                    let need = need.max(b.height).min(self.body.h);
                    if need > self.remaining() + 0.01 && !self.fresh {
                        self.new_page();
                    }
                    self.place(b);
                }
                Item::Para(lines) => self.place_para(lines),
                Item::Table(t) => self.place_table(t),
            }
        }
    }

    fn place_para(&mut self, lines: Vec<Blk>) {
        let n = lines.len();
        let lh = lines.first().map_or(0.0, |l| l.height);
        // Orphan control: never leave a single first line at the bottom of a page.
        if n >= 2 && !self.fresh && self.remaining() < 2.0 * lh - 0.01 {
            self.new_page();
        }
        for (k, line) in lines.into_iter().enumerate() {
            let left = n - k;
            let fits_this = line.height <= self.remaining() + 0.01;
            // Widow control: if this line fits but the last line would be alone on the
            // next page, move this one over too (as long as two lines stay behind).
            let widow = left == 2 && k >= 2 && fits_this && 2.0 * lh > self.remaining() + 0.01;
            if (!fits_this || widow) && !self.fresh {
                self.new_page();
            }
            self.place(line);
        }
    }
}

fn cover(ts: &mut Typesetter<'_>, d: &Dossier) -> Page {
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
        ts.line(label, "SCOPE OF THE SERVICE MANAGEMENT SYSTEM")
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
    p.prims
        .extend(ts.line(label, "READINESS AT A GLANCE").prims(x, y));
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

fn decorate(ts: &mut Typesetter<'_>, d: &Dossier, pages: &mut [Page]) {
    let total = pages.len();
    let a = body_area();
    let small = Style {
        font: FontKey::Regular,
        size: 7.6,
        colour: palette::MUTED,
    };
    let firm = Style {
        font: FontKey::Bold,
        size: 7.6,
        colour: palette::TEAL_DARK,
    };
    let left = ts.line(firm, &d.meta.firm);
    let right = ts.line(
        small,
        &format!("{}  ·  Version {}", d.meta.title, d.meta.version),
    );
    let conf = ts.line(small, &format!("Confidential  ·  {}", d.cover.date_line));
    for (i, page) in pages.iter_mut().enumerate().skip(1) {
        let mut prims = Vec::new();
        prims.extend(left.prims(a.x, 46.0));
        prims.extend(right.prims(a.right() - right.width, 46.0));
        prims.push(Prim::Line {
            x1: a.x,
            y1: 53.0,
            x2: a.right(),
            y2: 53.0,
            stroke: Stroke::solid(palette::RULE, 0.6),
        });
        prims.push(Prim::Line {
            x1: a.x,
            y1: 796.0,
            x2: a.right(),
            y2: 796.0,
            stroke: Stroke::solid(palette::RULE, 0.6),
        });
        prims.extend(conf.prims(a.x, 809.0));
        let pn = ts.line(small, &format!("Page {} of {}", i + 1, total));
        prims.extend(pn.prims(a.right() - pn.width, 809.0));
        page.prims.extend(prims);
    }
}

/// One full layout pass. `numbers` are the section pages to print in the contents (from
/// the previous pass); without them the contents shows dashes.
pub(super) fn paginate(
    d: &Dossier,
    metrics: &Metrics,
    numbers: Option<&BTreeMap<String, usize>>,
) -> Result<Document, DossierError> {
    let mut ts = Typesetter::new(metrics);
    let cover_page = cover(&mut ts, d);
    let mut b = Builder {
        ts: &mut ts,
        items: Vec::new(),
        numbers,
    };
    for s in &d.front {
        b.section(s, 0);
    }
    b.toc(d);
    for s in &d.sections {
        b.section(s, 0);
    }
    let items = std::mem::take(&mut b.items);
    let mut pager = Pager {
        pages: vec![cover_page],
        y: BODY_TOP,
        fresh: false,
        body: body_area(),
        dests: Vec::new(),
        outline: Vec::new(),
        section_pages: BTreeMap::new(),
    };
    pager.run(items);
    let mut pages = pager.pages;
    decorate(&mut ts, d, &mut pages);
    if pages.len() > 100_000 {
        return Err(DossierError::Layout("runaway pagination".into()));
    }
    Ok(Document {
        width: PAGE_W,
        height: PAGE_H,
        printable: printable_area(),
        body: body_area(),
        pages,
        dests: pager.dests,
        outline: pager.outline,
        missing_glyphs: ts.missing.iter().copied().collect(),
        substitutions: ts.substitutions,
        section_pages: pager.section_pages,
        watermark: d.watermark.as_deref().and_then(|t| watermark(metrics, t)),
    })
}

/// The diagonal watermark, centred on the page at 45 degrees and scaled to fit the diagonal.
fn watermark(metrics: &Metrics, text: &str) -> Option<super::Watermark> {
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
    Some(super::Watermark {
        run: TextRun {
            font: FontKey::Bold,
            size,
            x,
            y,
            colour: Colour(0xb9, 0x1c, 0x1c),
            text: text.to_owned(),
            width,
        },
        angle,
        opacity: 0.09,
    })
}
