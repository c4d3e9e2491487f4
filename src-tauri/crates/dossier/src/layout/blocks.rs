//! Model blocks become items: unsplittable boxes (headings, callouts, charts), paragraphs
//! (lines with orphan and widow control), tables (rows with a repeated header), page breaks
//! and spaces. [`super::paginate`] places them on pages.

use std::collections::BTreeMap;

use super::chart;
use super::palette;
use super::table::{self, TableL};
use super::text::{Line, Style, Typesetter};
use super::{Area, BODY_LH, BODY_SIZE, Prim, Stroke, body_area, body_style};
use crate::fonts::FontKey;
use crate::model::{Block, Callout, CalloutKind, Paragraph, Run, Section};

/// Where a heading goes in the outline and the table of contents.
#[derive(Clone)]
pub(super) struct Anchor {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) depth: usize,
}

/// An unsplittable box: prims with absolute x and y relative to its top.
#[derive(Default)]
pub(super) struct Blk {
    pub(super) height: f32,
    pub(super) prims: Vec<Prim>,
    /// Clickable areas (y relative to the top) and their destinations.
    pub(super) links: Vec<(Area, String)>,
    /// Keep on the page of what follows (headings).
    pub(super) keep_with_next: bool,
    pub(super) anchor: Option<Anchor>,
}

/// What the pager places.
pub(super) enum Item {
    /// Vertical space (dropped at the top of a page).
    Space(f32),
    /// Start a new page (unless the current one is still empty).
    PageBreak,
    /// An unsplittable box.
    Block(Blk),
    /// Lines of one paragraph or list item (orphan and widow control applies).
    Para(Vec<Blk>),
    /// A table (split between rows, or inside a tall row, under a repeated header).
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

/// Turns sections and blocks into items.
pub(super) struct Builder<'a, 'm> {
    pub(super) ts: &'a mut Typesetter<'m>,
    pub(super) items: Vec<Item>,
    /// Section pages of the previous pass, for the contents.
    pub(super) numbers: Option<&'a BTreeMap<String, usize>>,
}

/// "3.2 RACI matrix".
fn heading_text(s: &Section) -> String {
    match &s.number {
        Some(n) => format!("{n} {}", s.title),
        None => s.title.clone(),
    }
}

impl Builder<'_, '_> {
    pub(super) fn body(&self) -> Area {
        body_area()
    }

    pub(super) fn push_space(&mut self, h: f32) {
        self.items.push(Item::Space(h));
    }

    pub(super) fn chapter_heading(&mut self, s: &Section, depth: usize) {
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

    /// A section: its heading, its blocks, then its subsections.
    pub(super) fn section(&mut self, s: &Section, depth: usize) {
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
                let wide = super::landscape_body_area();
                let t = if table::wants_landscape(self.ts.metrics, t, a.w, wide.w) {
                    let mut t = TableL::new(self.ts, t, wide.x, wide.w);
                    t.landscape = true;
                    t
                } else {
                    TableL::new(self.ts, t, a.x, a.w)
                };
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
            Block::HeatMap(c) => {
                let (h, prims) = chart::heat_map(self.ts, c, a.x, a.w);
                self.items.push(Item::Block(Blk {
                    height: h,
                    prims,
                    ..Blk::default()
                }));
                self.push_space(10.0);
            }
            Block::LineChart(c) => {
                let (h, prims) = chart::line_chart(self.ts, c, a.x, a.w);
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
}
