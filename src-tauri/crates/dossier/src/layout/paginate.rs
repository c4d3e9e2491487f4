//! Pagination: items are placed on pages with keep-with-next for headings, orphan and widow
//! control for paragraphs and repeated table headers; one full pass lays out the cover, the
//! body and the contents, then decorates the pages.

use std::collections::BTreeMap;

use super::blocks::{Blk, Builder, Item};
use super::cover::cover;
use super::decorate::{decorate, watermark};
use super::table::TableL;
use super::text::{Metrics, Typesetter};
use super::{
    Area, BODY_TOP, Dest, Document, LinkRect, OutlineEntry, PAGE_H, PAGE_W, Page, Prim, body_area,
    printable_area,
};
use crate::DossierError;
use crate::model::Dossier;

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
