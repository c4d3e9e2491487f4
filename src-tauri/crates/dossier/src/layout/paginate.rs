//! Pagination: items are placed on pages with keep-with-next for headings, orphan and widow
//! control for paragraphs and repeated table headers; one full pass lays out the cover, the
//! body and the contents, then decorates the pages.

use std::collections::BTreeMap;

use super::blocks::{Blk, Builder, Item};
use super::cover::cover;
use super::decorate::{decorate, watermark};
use super::table::{CAPTION_LH, KEEP_ROWS, TableL};
use super::text::{Metrics, Typesetter};
use super::{
    Area, BODY_TOP, Dest, Document, LinkRect, OutlineEntry, PAGE_H, PAGE_W, Page, Prim, body_area,
    landscape_body_area, printable_area,
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
        self.new_page_turned(false);
    }

    /// A new page, landscape or portrait, with the body area of that orientation.
    fn new_page_turned(&mut self, landscape: bool) {
        self.pages.push(Page {
            landscape,
            ..Page::default()
        });
        self.body = if landscape {
            landscape_body_area()
        } else {
            body_area()
        };
        self.y = self.body.y;
        self.fresh = true;
    }

    /// Whether the current page is landscape.
    fn landscape(&self) -> bool {
        self.pages.last().is_some_and(|p| p.landscape)
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
        if t.landscape != self.landscape() {
            // A wide table turns the page; what follows it turns it back.
            self.new_page_turned(t.landscape);
        } else if t.start_need(self.remaining(), self.body.h) > self.remaining() + 0.01
            && !self.fresh
        {
            self.new_page_turned(t.landscape);
        }
        let mut rows_here = 0usize;
        self.put_prims(t.draw_header(0.0), self.y);
        self.y += header_h;
        let n = t.rows.len();
        let caption_h = t.caption_height();
        for (i, row) in t.rows.iter().enumerate() {
            // Widow control: the last rows (and the caption) go over together, never one
            // or two rows alone on a new page.
            if i + KEEP_ROWS.min(n) == n && i > 0 && rows_here >= KEEP_ROWS {
                let tail: f32 = (i..n).map(|k| t.row_height(k)).sum::<f32>() + caption_h;
                let this_fits = t.row_height(i) <= self.remaining() + 0.01;
                if this_fits && tail > self.remaining() + 0.01 && tail <= self.body.h - header_h {
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
            let lh = CAPTION_LH;
            let caption_h = t.caption.len() as f32 * lh;
            if caption_h > self.remaining() {
                self.new_page_turned(t.landscape);
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
        self.new_page_turned(t.landscape);
        self.put_prims(t.draw_header(0.0), self.y);
        self.y += t.header_height();
    }

    /// Height that must fit after a keep-with-next block, with `avail` points left for it:
    /// the start of what follows.
    fn follow_height(&self, items: &[Option<Item>], avail: f32) -> f32 {
        for (i, it) in items.iter().enumerate() {
            match it {
                None | Some(Item::Space(_)) => continue,
                Some(Item::PageBreak) => return 0.0,
                Some(Item::Block(b)) => {
                    let after = if b.keep_with_next {
                        self.follow_height(&items[i + 1..], avail - b.height)
                    } else {
                        0.0
                    };
                    return b.height + after;
                }
                Some(Item::Para(lines)) => return lines.iter().take(2).map(|l| l.height).sum(),
                Some(Item::Table(t)) => return t.start_need(avail, self.body.h),
            }
        }
        0.0
    }

    fn run(&mut self, items: Vec<Item>) {
        let mut items: Vec<Option<Item>> = items.into_iter().map(Some).collect();
        for i in 0..items.len() {
            // Keep-with-next looks ahead at what follows, with the space left now.
            let need = match &items[i] {
                Some(Item::Block(b)) if b.keep_with_next => {
                    b.height + self.follow_height(&items[i + 1..], self.remaining() - b.height)
                }
                _ => 0.0,
            };
            let Some(item) = items[i].take() else {
                continue;
            };
            if self.landscape() && matches!(item, Item::Block(_) | Item::Para(_)) {
                self.new_page();
            }
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

/// Whether the dossier gets a contents page: only with two chapters or more (the summary
/// pack's single chapter needs none).
pub(super) fn has_contents(d: &Dossier) -> bool {
    d.sections.len() > 1
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
    // A contents page earns its place only when there is more than one chapter to find.
    if has_contents(d) {
        b.toc(d);
    }
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
