//! The table of contents: a chapter heading and one linked line per level 1 and level 2
//! section, with the page number the previous pass found.

use super::blocks::{Blk, Builder, Item};
use super::palette;
use super::text::Style;
use super::{Area, Prim, Stroke};
use crate::fonts::FontKey;
use crate::model::{Dossier, Run, Section};

impl Builder<'_, '_> {
    /// The table of contents: a heading and one linked line per level 1 and 2 section.
    pub(super) fn toc(&mut self, d: &Dossier) {
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
