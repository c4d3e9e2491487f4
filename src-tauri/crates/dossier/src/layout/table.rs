//! Tables: wrapped cells, header fill, zebra rows; rows can be drawn in fragments so a
//! row taller than a page still paginates.

use super::palette;
use super::text::{Line, Metrics, Style, Typesetter};
use super::{Colour, Prim, Stroke};
use crate::fonts::FontKey;
use crate::model::{KeyValue, Paragraph, Table, Tone};

/// One laid-out cell.
pub struct CellL {
    lines: Vec<Line>,
    center: bool,
}

/// One laid-out row.
pub struct RowL {
    cells: Vec<CellL>,
    /// Number of lines of the tallest cell.
    pub lines: usize,
}

/// A laid-out table, ready to be drawn row by row.
pub struct TableL {
    /// Column left edges and widths (absolute x).
    cols: Vec<(f32, f32)>,
    /// Header row (repeated on every page).
    pub header: Option<RowL>,
    /// Body rows.
    pub rows: Vec<RowL>,
    /// Line height of body text.
    pub lh: f32,
    /// Line height of the header.
    pub header_lh: f32,
    /// Vertical cell padding.
    pub pad: f32,
    size: f32,
    head_size: f32,
    /// Key/value style: first column on a light fill, no header.
    kv: bool,
    /// Caption lines.
    pub caption: Vec<Line>,
    /// Printed on a landscape page (laid out for its width).
    pub landscape: bool,
}

/// Tables with more columns than this are dense matrices (RACI): they go on a landscape
/// page when the portrait width would squeeze them.
const PORTRAIT_COLUMNS: usize = 8;

/// Whether a table is too wide for a portrait page of body width `portrait` but fits the
/// landscape body width `landscape`: its words would break inside, or it is a dense matrix.
pub fn wants_landscape(m: &Metrics, t: &Table, portrait: f32, landscape: f32) -> bool {
    let size = if t.compact { 7.4 } else { 8.3 };
    let head_size = if t.compact { 6.9 } else { size };
    let need: f32 = min_widths(m, t, size, head_size, portrait).iter().sum();
    (need > portrait || t.columns.len() > PORTRAIT_COLUMNS)
        && min_widths(m, t, size, head_size, landscape)
            .iter()
            .sum::<f32>()
            <= landscape
}

const PAD_X: f32 = 5.0;

/// Line height of a caption.
pub const CAPTION_LH: f32 = 10.5;

/// Rows kept together at the start and at the end of a table split across pages.
pub const KEEP_ROWS: usize = 3;

fn tone_colour(t: Tone) -> Colour {
    match t {
        Tone::Neutral => palette::INK,
        Tone::Good => palette::GOOD,
        Tone::Warn => palette::WARN,
        Tone::Bad => palette::BAD,
    }
}

impl TableL {
    /// Lay out a model table across `width` starting at `x`.
    pub fn new(ts: &mut Typesetter<'_>, t: &Table, x: f32, width: f32) -> Self {
        let size = if t.compact { 7.4 } else { 8.3 };
        let total: f32 = t
            .columns
            .iter()
            .map(|c| c.width.max(0.01))
            .sum::<f32>()
            .max(0.01);
        let head_size = if t.compact { 6.9 } else { size };
        let wanted: Vec<f32> = t
            .columns
            .iter()
            .map(|c| width * c.width.max(0.01) / total)
            .collect();
        let mins = min_widths(ts.metrics, t, size, head_size, width);
        let mut cols = Vec::with_capacity(t.columns.len());
        let mut cx = x;
        for w in fit_columns(&wanted, &mins, width) {
            cols.push((cx, w));
            cx += w;
        }
        let head_style = Style {
            font: FontKey::Bold,
            size: head_size,
            colour: Colour::WHITE,
        };
        let header_cells = t
            .columns
            .iter()
            .zip(&cols)
            .map(|(c, (_, w))| CellL {
                lines: ts.wrap(
                    head_style,
                    &[crate::model::Run::plain(&c.header)],
                    w - 2.0 * PAD_X,
                ),
                center: c.center,
            })
            .collect::<Vec<_>>();
        let header = Some(row_of(header_cells));
        let rows = t
            .rows
            .iter()
            .map(|r| {
                let cells = cols
                    .iter()
                    .enumerate()
                    .map(|(i, (_, w))| {
                        let center = t.columns.get(i).is_some_and(|c| c.center);
                        match r.get(i) {
                            Some(cell) => {
                                let colour = tone_colour(cell.tone);
                                let font = if cell.tone == Tone::Neutral {
                                    FontKey::Regular
                                } else {
                                    FontKey::Bold
                                };
                                let st = Style { font, size, colour };
                                CellL {
                                    lines: ts.wrap_para(st, &cell.content, w - 2.0 * PAD_X),
                                    center,
                                }
                            }
                            None => CellL {
                                lines: Vec::new(),
                                center,
                            },
                        }
                    })
                    .collect();
                row_of(cells)
            })
            .collect();
        let caption = match &t.caption {
            Some(c) => {
                let st = Style {
                    font: FontKey::Oblique,
                    size: 7.8,
                    colour: palette::MUTED,
                };
                ts.wrap(st, &[crate::model::Run::plain(c)], width)
            }
            None => Vec::new(),
        };
        TableL {
            cols,
            header,
            rows,
            lh: size * 1.32,
            header_lh: head_size * 1.32,
            pad: 3.6,
            size,
            head_size,
            kv: false,
            caption,
            landscape: false,
        }
    }

    /// Lay out a key/value list as a two-column table without a header.
    pub fn key_value(ts: &mut Typesetter<'_>, kvs: &[KeyValue], x: f32, width: f32) -> Self {
        let size = 8.6;
        let kw = (width * 0.3).min(150.0);
        let cols = vec![(x, kw), (x + kw, width - kw)];
        let key_style = Style {
            font: FontKey::Bold,
            size,
            colour: palette::TEAL_DARK,
        };
        let val_style = Style {
            font: FontKey::Regular,
            size,
            colour: palette::INK,
        };
        let rows = kvs
            .iter()
            .map(|kv| {
                let k = ts.wrap_para(key_style, &Paragraph::plain(&kv.key), kw - 2.0 * PAD_X);
                let v = ts.wrap_para(val_style, &kv.value, width - kw - 2.0 * PAD_X);
                row_of(vec![
                    CellL {
                        lines: k,
                        center: false,
                    },
                    CellL {
                        lines: v,
                        center: false,
                    },
                ])
            })
            .collect();
        TableL {
            cols,
            header: None,
            rows,
            lh: size * 1.35,
            header_lh: size * 1.35,
            pad: 3.8,
            size,
            head_size: size,
            kv: true,
            caption: Vec::new(),
            landscape: false,
        }
    }

    /// Height of the header row (0 without one).
    pub fn header_height(&self) -> f32 {
        self.header
            .as_ref()
            .map_or(0.0, |h| h.lines as f32 * self.header_lh + 2.0 * self.pad)
    }

    /// Height of `n` lines of a body row including padding.
    pub fn lines_height(&self, n: usize) -> f32 {
        n as f32 * self.lh + 2.0 * self.pad
    }

    /// Height of body row `i`.
    pub fn row_height(&self, i: usize) -> f32 {
        self.rows.get(i).map_or(0.0, |r| self.lines_height(r.lines))
    }

    /// Height of the caption under the table, its gap included (0 without one).
    pub fn caption_height(&self) -> f32 {
        if self.caption.is_empty() {
            0.0
        } else {
            4.0 + self.caption.len() as f32 * CAPTION_LH
        }
    }

    /// Height of the whole table: header, rows and caption.
    pub fn total_height(&self) -> f32 {
        self.header_height()
            + (0..self.rows.len())
                .map(|i| self.row_height(i))
                .sum::<f32>()
            + self.caption_height()
    }

    /// The height the table needs where it starts, given `avail` points left on the page
    /// and pages of `page_h`: all of it when it fits there, and all of it as well when a
    /// table that fits on one page would be split with fewer than [`KEEP_ROWS`] rows on
    /// either side (it then moves to the next page whole); otherwise its header and first
    /// rows.
    pub fn start_need(&self, avail: f32, page_h: f32) -> f32 {
        let whole = self.total_height();
        if whole <= avail + 0.01 {
            return whole;
        }
        let n = self.rows.len();
        let mut used = self.header_height();
        let mut fit = 0;
        while fit < n && used + self.row_height(fit) <= avail + 0.01 {
            used += self.row_height(fit);
            fit += 1;
        }
        if whole <= page_h && (fit < KEEP_ROWS || n - fit < KEEP_ROWS) {
            return whole;
        }
        self.header_height()
            + self
                .rows
                .iter()
                .take(KEEP_ROWS)
                .map(|r| self.lines_height(r.lines.min(3)))
                .sum::<f32>()
    }

    /// Primitives of the header row with its top at `top`.
    pub fn draw_header(&self, top: f32) -> Vec<Prim> {
        let Some(h) = &self.header else {
            return Vec::new();
        };
        let height = self.header_height();
        let (x0, x1) = self.extent();
        let mut out = vec![Prim::Rect {
            x: x0,
            y: top,
            w: x1 - x0,
            h: height,
            fill: Some(palette::TEAL),
            stroke: None,
        }];
        out.extend(self.cell_text(h, 0, h.lines, top, self.header_lh, self.head_size));
        out
    }

    /// Primitives of lines `start..start + count` of body row `index` with its top at `top`.
    pub fn draw_row(&self, index: usize, start: usize, count: usize, top: f32) -> Vec<Prim> {
        let Some(row) = self.rows.get(index) else {
            return Vec::new();
        };
        let height = self.lines_height(count);
        let (x0, x1) = self.extent();
        let mut out = Vec::new();
        if self.kv {
            if let Some((kx, kw)) = self.cols.first() {
                out.push(Prim::Rect {
                    x: *kx,
                    y: top,
                    w: *kw,
                    h: height,
                    fill: Some(palette::TEAL_TINT),
                    stroke: None,
                });
            }
        } else if index % 2 == 1 {
            out.push(Prim::Rect {
                x: x0,
                y: top,
                w: x1 - x0,
                h: height,
                fill: Some(palette::ZEBRA),
                stroke: None,
            });
        }
        out.push(Prim::Line {
            x1: x0,
            y1: top + height,
            x2: x1,
            y2: top + height,
            stroke: Stroke::solid(palette::RULE, 0.5),
        });
        out.extend(self.cell_text(row, start, count, top, self.lh, self.size));
        out
    }

    fn extent(&self) -> (f32, f32) {
        let x0 = self.cols.first().map_or(0.0, |c| c.0);
        let x1 = self.cols.last().map_or(0.0, |c| c.0 + c.1);
        (x0, x1)
    }

    fn cell_text(
        &self,
        row: &RowL,
        start: usize,
        count: usize,
        top: f32,
        lh: f32,
        size: f32,
    ) -> Vec<Prim> {
        let mut out = Vec::new();
        for (cell, (cx, cw)) in row.cells.iter().zip(&self.cols) {
            for (k, line) in cell.lines.iter().enumerate().skip(start).take(count) {
                let baseline = top + self.pad + (k - start) as f32 * lh + size * 0.98;
                let x = if cell.center {
                    // Centred whatever the direction (a right-to-left line's indent undone).
                    cx + (cw - line.width).max(0.0) / 2.0 - line.indent
                } else {
                    cx + PAD_X
                };
                out.extend(line.prims(x, baseline));
            }
        }
        out
    }
}

fn row_of(cells: Vec<CellL>) -> RowL {
    let lines = cells
        .iter()
        .map(|c| c.lines.len())
        .max()
        .unwrap_or(0)
        .max(1);
    RowL { cells, lines }
}

/// The width below which a column would break a word (an identifier such as "SVC-01", a
/// status such as "Live", or its header) inside, padding included. Words longer than a
/// third of the table (hashes, paths) do not count: they break by characters anyway.
fn min_widths(m: &Metrics, t: &Table, size: f32, head_size: f32, width: f32) -> Vec<f32> {
    let cap = width / 3.0;
    let widest = |font: FontKey, size: f32, text: &str| -> f32 {
        text.split_whitespace()
            .map(|w| m.width(font, size, w))
            .filter(|w| *w <= cap)
            .fold(0.0, f32::max)
    };
    t.columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut w = widest(FontKey::Bold, head_size, &c.header);
            for row in &t.rows {
                let Some(cell) = row.get(i) else { continue };
                let bold = cell.tone != Tone::Neutral;
                for run in &cell.content.runs {
                    let font = if run.mono {
                        FontKey::Mono
                    } else if bold || run.bold {
                        FontKey::Bold
                    } else {
                        FontKey::Regular
                    };
                    let sz = if run.mono { size * 0.92 } else { size };
                    w = w.max(widest(font, sz, &run.text));
                }
            }
            w + 2.0 * PAD_X + 0.5
        })
        .collect()
}

/// Column widths: the wanted (relative) widths, except that no column goes below its
/// minimum; the width it needs more is taken from the columns that have room to spare, in
/// proportion. When the minimums cannot all be met, the wanted widths stay.
fn fit_columns(wanted: &[f32], mins: &[f32], width: f32) -> Vec<f32> {
    if mins.iter().sum::<f32>() > width || wanted.iter().zip(mins).all(|(w, m)| w >= m) {
        return wanted.to_vec();
    }
    let mut fixed = vec![false; wanted.len()];
    let mut out = wanted.to_vec();
    loop {
        for i in 0..out.len() {
            if !fixed[i] && out[i] < mins[i] {
                fixed[i] = true;
                out[i] = mins[i];
            }
        }
        let used: f32 = (0..out.len()).filter(|i| fixed[*i]).map(|i| out[i]).sum();
        let free: f32 = (0..out.len())
            .filter(|i| !fixed[*i])
            .map(|i| wanted[i])
            .sum();
        if free <= 0.0 {
            return out;
        }
        let scale = (width - used) / free;
        for i in 0..out.len() {
            if !fixed[i] {
                out[i] = wanted[i] * scale;
            }
        }
        if (0..out.len()).all(|i| fixed[i] || out[i] >= mins[i]) {
            return out;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fit_columns;

    #[test]
    fn narrow_columns_get_their_minimum_from_the_wide_ones() {
        let w = fit_columns(&[20.0, 100.0, 80.0], &[35.0, 30.0, 30.0], 200.0);
        assert!((w[0] - 35.0).abs() < 1e-3, "{w:?}");
        assert!((w.iter().sum::<f32>() - 200.0).abs() < 1e-3);
        assert!(w[1] > w[2] && w[1] >= 30.0);
        // Impossible minimums: the wanted widths stay.
        assert_eq!(
            fit_columns(&[10.0, 10.0], &[30.0, 30.0], 20.0),
            vec![10.0, 10.0]
        );
        // Nothing to do.
        assert_eq!(
            fit_columns(&[50.0, 50.0], &[10.0, 10.0], 100.0),
            vec![50.0, 50.0]
        );
    }
}
