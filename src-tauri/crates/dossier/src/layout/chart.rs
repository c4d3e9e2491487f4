//! Charts as vector primitives (y relative to the chart top, x absolute).

use super::palette;
use super::text::{Style, Typesetter};
use super::{Colour, Prim, Stroke};
use crate::fonts::FontKey;
use crate::model::{BarChart, HeatMap, LineChart, RadarChart, Run};

fn clamp(v: f32) -> f32 {
    if v.is_finite() {
        v.clamp(0.0, 100.0)
    } else {
        0.0
    }
}

/// The style of legend entries under every chart.
const LEGEND: Style = Style::new(FontKey::Regular, 7.2, palette::MUTED);

/// A square point marker of side `size` centred on (x, y).
fn marker(x: f32, y: f32, size: f32, colour: Colour) -> Prim {
    let half = size / 2.0;
    Prim::rect(x - half, y - half, size, size, colour, None)
}

fn title(ts: &mut Typesetter<'_>, text: &str, x: f32, width: f32) -> (f32, Vec<Prim>) {
    let st = Style::new(FontKey::Bold, 9.5, palette::INK);
    let lines = ts.wrap(st, &[Run::plain(text)], width);
    let mut out = Vec::new();
    let mut y = 0.0;
    for l in &lines {
        y += 12.5;
        out.extend(l.prims(x, y - 3.0));
    }
    (y + 6.0, out)
}

/// A horizontal bar chart: labels left, 0..100 track, value bar, target tick, value text.
pub fn bar_chart(ts: &mut Typesetter<'_>, c: &BarChart, x: f32, width: f32) -> (f32, Vec<Prim>) {
    let (mut y, mut out) = title(ts, &c.title, x, width);
    let label_w = width * 0.36;
    let value_w = 34.0;
    let track_x = x + label_w + 8.0;
    let track_w = width - label_w - 8.0 - value_w;
    let row_h = 19.0;
    let bar_h = 9.0;
    let label_style = Style::new(FontKey::Regular, 8.2, palette::INK);
    let small = Style::new(FontKey::Regular, 6.8, palette::MUTED);
    let top = y;
    let grid = Stroke::solid(palette::RULE, 0.4);
    let target = Stroke::solid(palette::INK, 1.3);
    // Grid lines and scale.
    let grid_bottom = top + row_h * c.items.len() as f32;
    for step in 0..=4 {
        let gx = track_x + track_w * step as f32 / 4.0;
        out.push(grid.line(gx, top, gx, grid_bottom));
        let label = ts.line(small, &format!("{}", step * 25));
        out.extend(label.prims(gx - label.width / 2.0, grid_bottom + 9.0));
    }
    for item in &c.items {
        let v = clamp(item.value);
        let mid = y + row_h / 2.0;
        let lines = ts.wrap(label_style, &[Run::plain(&item.label)], label_w);
        // One line, or two tightly set lines, vertically centred.
        let shown: Vec<_> = lines.into_iter().take(2).collect();
        let n = shown.len() as f32;
        for (i, l) in shown.iter().enumerate() {
            let base = mid - (n - 1.0) * 4.6 + i as f32 * 9.2 + 2.9;
            out.extend(l.prims(x, base));
        }
        let bar_y = mid - bar_h / 2.0;
        let track = Prim::rect(track_x, bar_y, track_w, bar_h, palette::TRACK, None);
        out.push(track);
        let below = item.target.is_some_and(|t| v + 0.001 < clamp(t));
        let fill = if below {
            palette::TEAL_LIGHT
        } else {
            palette::TEAL
        };
        if v > 0.0 {
            let bar_w = track_w * v / 100.0;
            let outline = below.then(|| Stroke::solid(palette::TEAL, 0.6));
            let bar = Prim::rect(track_x, bar_y, bar_w, bar_h, fill, outline);
            out.push(bar);
        }
        if let Some(t) = item.target {
            let tx = track_x + track_w * clamp(t) / 100.0;
            let bottom = mid + bar_h / 2.0 + 2.5;
            out.push(target.line(tx, bar_y - 2.5, tx, bottom));
        }
        let value_colour = if below {
            palette::WARN
        } else {
            palette::TEAL_DARK
        };
        let vs = Style::new(FontKey::Bold, 8.2, value_colour);
        let vl = ts.line(vs, &format!("{v:.0} %"));
        out.extend(vl.prims(x + width - vl.width, mid + 2.9));
        y += row_h;
    }
    y = grid_bottom + 14.0;
    // Legend.
    let outline = Stroke::solid(palette::TEAL, 0.5);
    let mut lx = track_x;
    let items: [(Option<Colour>, &str); 3] = [
        (Some(palette::TEAL), "At or above target"),
        (Some(palette::TEAL_LIGHT), "Below target"),
        (None, "Target"),
    ];
    for (fill, text) in items {
        match fill {
            Some(f) => out.push(Prim::rect(lx, y + 1.0, 9.0, 6.0, f, Some(outline))),
            None => out.push(target.line(lx + 4.5, y - 0.5, lx + 4.5, y + 8.5)),
        }
        let l = ts.line(LEGEND, text);
        out.extend(l.prims(lx + 13.0, y + 6.6));
        lx += 13.0 + l.width + 14.0;
    }
    (y + 14.0, out)
}

/// A radar chart centred in `width`: rings at 20 % steps, axes, value polygon, target.
pub fn radar_chart(
    ts: &mut Typesetter<'_>,
    c: &RadarChart,
    x: f32,
    width: f32,
) -> (f32, Vec<Prim>) {
    let (top, mut out) = title(ts, &c.title, x, width);
    let n = c.axes.len().max(3);
    let radius = 92.0f32;
    let cx = x + width / 2.0;
    let cy = top + 24.0 + radius;
    let rule = Stroke::solid(palette::RULE, 0.5);
    let dashed = Stroke::dashed(palette::INK, 0.9);
    let point = |i: usize, v: f32| {
        let a = -std::f32::consts::FRAC_PI_2 + std::f32::consts::TAU * i as f32 / n as f32;
        (
            cx + radius * v / 100.0 * a.cos(),
            cy + radius * v / 100.0 * a.sin(),
        )
    };
    out.push(Prim::Polygon {
        points: (0..n).map(|i| point(i, 100.0)).collect(),
        fill: Some(palette::TEAL_TINT),
        stroke: None,
    });
    for ring in 1..=5 {
        let v = ring as f32 * 20.0;
        out.push(Prim::Polygon {
            points: (0..n).map(|i| point(i, v)).collect(),
            fill: None,
            stroke: Some(rule),
        });
    }
    for i in 0..n {
        let (px, py) = point(i, 100.0);
        out.push(rule.line(cx, cy, px, py));
    }
    let small = Style::new(FontKey::Regular, 6.4, palette::MUTED);
    for ring in [20, 40, 60, 80, 100] {
        let l = ts.line(small, &ring.to_string());
        out.extend(l.prims(cx + 3.0, cy - radius * ring as f32 / 100.0 + 8.0));
    }
    if let Some(target) = &c.target {
        out.push(Prim::Polygon {
            points: (0..n)
                .map(|i| point(i, clamp(target.get(i).copied().unwrap_or(0.0))))
                .collect(),
            fill: None,
            stroke: Some(dashed),
        });
    }
    let values: Vec<(f32, f32)> = (0..n)
        .map(|i| point(i, clamp(c.values.get(i).copied().unwrap_or(0.0))))
        .collect();
    out.push(Prim::Polygon {
        points: values.clone(),
        fill: Some(palette::TEAL_LIGHT),
        stroke: Some(Stroke::solid(palette::TEAL, 1.6)),
    });
    for (px, py) in &values {
        out.push(marker(*px, *py, 3.6, palette::TEAL));
    }
    let label_style = Style::new(FontKey::Bold, 7.6, palette::INK);
    let value_style = Style::new(FontKey::Regular, 7.2, palette::TEAL_DARK);
    for i in 0..n {
        let (px, py) = point(i, 112.0);
        let name = c.axes.get(i).map_or("", String::as_str);
        let v = clamp(c.values.get(i).copied().unwrap_or(0.0));
        let l1 = ts.line(label_style, name);
        let l2 = ts.line(value_style, &format!("{v:.0} %"));
        let w = l1.width.max(l2.width);
        let lx = if (px - cx).abs() < 4.0 {
            px - w / 2.0
        } else if px > cx {
            px
        } else {
            px - w
        };
        let ly = if py < cy - radius * 0.9 {
            py - 15.0
        } else if py > cy + 4.0 {
            py + 6.0
        } else {
            py - 2.0
        };
        out.extend(l1.prims(lx + (w - l1.width) / 2.0, ly));
        out.extend(l2.prims(lx + (w - l2.width) / 2.0, ly + 9.0));
    }
    // Legend under the chart.
    let ly = cy + radius + 34.0;
    let a = ts.line(LEGEND, "Current readiness");
    let b = ts.line(LEGEND, "Target");
    let total = 13.0 + a.width + 18.0 + 22.0 + b.width;
    let mut lx = cx - total / 2.0;
    let outline = Some(Stroke::solid(palette::TEAL, 0.8));
    let swatch = Prim::rect(lx, ly - 6.5, 9.0, 6.0, palette::TEAL_LIGHT, outline);
    out.push(swatch);
    out.extend(a.prims(lx + 13.0, ly));
    lx += 13.0 + a.width + 18.0;
    if c.target.is_some() {
        out.push(dashed.line(lx, ly - 3.0, lx + 18.0, ly - 3.0));
        out.extend(b.prims(lx + 22.0, ly));
    }
    (ly + 10.0, out)
}

/// Light green: a cell within the acceptance level.
const ACCEPT_FILL: Colour = Colour(0xdc, 0xef, 0xe2);
/// Light amber: above the acceptance level.
const ABOVE_FILL: Colour = Colour(0xfb, 0xe6, 0xc4);
/// Light red: high (score 15 and above).
const HIGH_FILL: Colour = Colour(0xf6, 0xcf, 0xcf);
/// The score from which a cell counts as high.
const HIGH_SCORE: u32 = 15;

/// The fill of a heat-map cell of score `score`.
fn heat_fill(score: u32, acceptance: u8) -> Colour {
    if score <= u32::from(acceptance) {
        ACCEPT_FILL
    } else if score >= HIGH_SCORE {
        HIGH_FILL
    } else {
        ABOVE_FILL
    }
}

/// Heat maps side by side: for each grid a caption, likelihood 5..1 top to bottom, impact
/// 1..5 left to right, cells coloured by score against the acceptance level, the count in
/// each non-empty cell; one legend under all of them.
pub fn heat_map(ts: &mut Typesetter<'_>, c: &HeatMap, x: f32, width: f32) -> (f32, Vec<Prim>) {
    let (top, mut out) = title(ts, &c.title, x, width);
    let n = c.grids.len().max(1) as f32;
    let gap = 34.0;
    let axis_w = 26.0;
    let slot = (width - gap * (n - 1.0)) / n;
    let cell = ((slot - axis_w) / 5.0).min(30.0);
    let caption = Style::new(FontKey::Bold, 8.2, palette::TEAL_DARK);
    let small = Style::new(FontKey::Regular, 7.0, palette::MUTED);
    let count_style = Style::new(FontKey::Bold, 10.0, palette::INK);
    let grid_top = top + 26.0;
    let grid_h = cell * 5.0;
    for (g, grid) in c.grids.iter().enumerate() {
        let used = axis_w + cell * 5.0;
        let gx = x + g as f32 * (slot + gap) + (slot - used) / 2.0 + axis_w;
        let cap = ts.line(caption, &grid.caption);
        out.extend(cap.prims(gx + (cell * 5.0 - cap.width) / 2.0, top + 8.0));
        let axis = ts.line(small, "Likelihood");
        out.extend(axis.prims(gx - axis_w, grid_top - 5.0));
        for l in 1..=5u32 {
            let row_y = grid_top + (5 - l) as f32 * cell;
            let num = ts.line(small, &l.to_string());
            out.extend(num.prims(gx - 8.0 - num.width, row_y + cell / 2.0 + 2.5));
            for i in 1..=5u32 {
                let cx = gx + (i - 1) as f32 * cell;
                let fill = heat_fill(l * i, c.acceptance);
                let gutter = Some(Stroke::solid(Colour::WHITE, 1.2));
                out.push(Prim::rect(cx, row_y, cell, cell, fill, gutter));
                let count = grid.cells[(l - 1) as usize][(i - 1) as usize];
                if count > 0 {
                    let t = ts.line(count_style, &count.to_string());
                    out.extend(t.prims(cx + (cell - t.width) / 2.0, row_y + cell / 2.0 + 3.6));
                }
            }
        }
        for i in 1..=5u32 {
            let num = ts.line(small, &i.to_string());
            let cx = gx + (i - 1) as f32 * cell;
            out.extend(num.prims(cx + (cell - num.width) / 2.0, grid_top + grid_h + 10.0));
        }
        let axis = ts.line(small, "Impact");
        out.extend(axis.prims(
            gx + (cell * 5.0 - axis.width) / 2.0,
            grid_top + grid_h + 20.0,
        ));
    }
    // Legend.
    let y = grid_top + grid_h + 32.0;
    let items = [
        (
            ACCEPT_FILL,
            format!("Within the acceptance level (score ≤ {})", c.acceptance),
        ),
        (ABOVE_FILL, "Above the acceptance level".to_owned()),
        (HIGH_FILL, format!("High (score ≥ {HIGH_SCORE})")),
    ];
    let mut lx = x;
    for (fill, text) in items {
        let swatch = Stroke::solid(palette::RULE, 0.5);
        out.push(Prim::rect(lx, y + 0.5, 9.0, 7.0, fill, Some(swatch)));
        let l = ts.line(LEGEND, &text);
        out.extend(l.prims(lx + 13.0, y + 6.6));
        lx += 13.0 + l.width + 16.0;
    }
    (y + 14.0, out)
}

/// Colours of the lines of a line chart, in order.
const LINE_COLOURS: [Colour; 4] = [palette::TEAL, palette::WARN, palette::INK, palette::GOOD];

/// The stroke of series `k` of a line chart (every second one dashed); its markers take the
/// stroke's colour.
fn series_stroke(k: usize) -> Stroke {
    let colour = LINE_COLOURS[k % LINE_COLOURS.len()];
    if k % 2 == 1 {
        Stroke::dashed(colour, 1.4)
    } else {
        Stroke::solid(colour, 1.6)
    }
}

/// A line chart of 0..100 values: gridlines at 25 % steps, one label per period, each
/// series as a line with point markers (broken where a value is missing), legend below.
pub fn line_chart(ts: &mut Typesetter<'_>, c: &LineChart, x: f32, width: f32) -> (f32, Vec<Prim>) {
    let (top, mut out) = title(ts, &c.title, x, width);
    let small = Style::new(FontKey::Regular, 6.8, palette::MUTED);
    let plot_x = x + 30.0;
    let plot_w = width - 36.0;
    let plot_top = top + 4.0;
    let plot_h = 120.0;
    let bottom = plot_top + plot_h;
    let grid = Stroke::solid(palette::RULE, 0.4);
    for step in 0..=4 {
        let gy = bottom - plot_h * step as f32 / 4.0;
        out.push(grid.line(plot_x, gy, plot_x + plot_w, gy));
        let label = ts.line(small, &format!("{} %", step * 25));
        out.extend(label.prims(plot_x - 5.0 - label.width, gy + 2.4));
    }
    let n = c.periods.len().max(1);
    let step_w = plot_w / n as f32;
    let px = |i: usize| plot_x + step_w * (i as f32 + 0.5);
    let py = |v: f32| bottom - plot_h * clamp(v) / 100.0;
    // Period labels: every one when they fit, else every second or third.
    let widest = c
        .periods
        .iter()
        .map(|p| ts.line(small, p).width)
        .fold(0.0f32, f32::max);
    let every = ((widest + 6.0) / step_w).ceil().max(1.0) as usize;
    for (i, p) in c.periods.iter().enumerate() {
        if i % every != 0 {
            continue;
        }
        let l = ts.line(small, p);
        out.extend(l.prims(px(i) - l.width / 2.0, bottom + 10.0));
    }
    for (k, s) in c.series.iter().enumerate() {
        let stroke = series_stroke(k);
        let mut prev: Option<(f32, f32)> = None;
        for (i, v) in s.values.iter().enumerate().take(n) {
            let Some(v) = v else {
                prev = None;
                continue;
            };
            let p = (px(i), py(*v));
            if let Some(q) = prev {
                out.push(stroke.line(q.0, q.1, p.0, p.1));
            }
            out.push(marker(p.0, p.1, 3.8, stroke.colour));
            prev = Some(p);
        }
    }
    // Legend.
    let y = bottom + 22.0;
    let mut lx = plot_x;
    for (k, s) in c.series.iter().enumerate() {
        out.push(series_stroke(k).line(lx, y + 3.5, lx + 16.0, y + 3.5));
        let l = ts.line(LEGEND, &s.label);
        out.extend(l.prims(lx + 20.0, y + 6.0));
        lx += 20.0 + l.width + 16.0;
    }
    (y + 14.0, out)
}
