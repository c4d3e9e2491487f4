//! Tables: wrapped cells, header fill, zebra rows; rows can be drawn in fragments so a
//! row taller than a page still paginates.

use super::palette;
use super::text::{Line, Style, Typesetter};
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
}

const PAD_X: f32 = 5.0;

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
        let mut cols = Vec::with_capacity(t.columns.len());
        let mut cx = x;
        for c in &t.columns {
            let w = width * c.width.max(0.01) / total;
            cols.push((cx, w));
            cx += w;
        }
        let head_size = if t.compact { 6.9 } else { size };
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
                    cx + (cw - line.width).max(0.0) / 2.0
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
