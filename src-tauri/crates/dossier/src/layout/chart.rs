//! Charts as vector primitives (y relative to the chart top, x absolute).

use super::palette;
use super::text::{Style, Typesetter};
use super::{Colour, Prim, Stroke};
use crate::fonts::FontKey;
use crate::model::{BarChart, RadarChart, Run};

fn clamp(v: f32) -> f32 {
    if v.is_finite() {
        v.clamp(0.0, 100.0)
    } else {
        0.0
    }
}

fn title(ts: &mut Typesetter<'_>, text: &str, x: f32, width: f32) -> (f32, Vec<Prim>) {
    let st = Style {
        font: FontKey::Bold,
        size: 9.5,
        colour: palette::INK,
    };
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
    let label_style = Style {
        font: FontKey::Regular,
        size: 8.2,
        colour: palette::INK,
    };
    let small = Style {
        font: FontKey::Regular,
        size: 6.8,
        colour: palette::MUTED,
    };
    let top = y;
    // Grid lines and scale.
    let grid_bottom = top + row_h * c.items.len() as f32;
    for step in 0..=4 {
        let gx = track_x + track_w * step as f32 / 4.0;
        out.push(Prim::Line {
            x1: gx,
            y1: top,
            x2: gx,
            y2: grid_bottom,
            stroke: Stroke::solid(palette::RULE, 0.4),
        });
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
        out.push(Prim::Rect {
            x: track_x,
            y: mid - bar_h / 2.0,
            w: track_w,
            h: bar_h,
            fill: Some(palette::TRACK),
            stroke: None,
        });
        let below = item.target.is_some_and(|t| v + 0.001 < clamp(t));
        let fill = if below {
            palette::TEAL_LIGHT
        } else {
            palette::TEAL
        };
        if v > 0.0 {
            out.push(Prim::Rect {
                x: track_x,
                y: mid - bar_h / 2.0,
                w: track_w * v / 100.0,
                h: bar_h,
                fill: Some(fill),
                stroke: if below {
                    Some(Stroke::solid(palette::TEAL, 0.6))
                } else {
                    None
                },
            });
        }
        if let Some(t) = item.target {
            let tx = track_x + track_w * clamp(t) / 100.0;
            out.push(Prim::Line {
                x1: tx,
                y1: mid - bar_h / 2.0 - 2.5,
                x2: tx,
                y2: mid + bar_h / 2.0 + 2.5,
                stroke: Stroke::solid(palette::INK, 1.3),
            });
        }
        let vs = Style {
            font: FontKey::Bold,
            size: 8.2,
            colour: if below {
                palette::WARN
            } else {
                palette::TEAL_DARK
            },
        };
        let vl = ts.line(vs, &format!("{v:.0} %"));
        out.extend(vl.prims(x + width - vl.width, mid + 2.9));
        y += row_h;
    }
    y = grid_bottom + 14.0;
    // Legend.
    let legend_style = Style {
        font: FontKey::Regular,
        size: 7.2,
        colour: palette::MUTED,
    };
    let mut lx = track_x;
    let items: [(Option<Colour>, &str); 3] = [
        (Some(palette::TEAL), "At or above target"),
        (Some(palette::TEAL_LIGHT), "Below target"),
        (None, "Target"),
    ];
    for (fill, text) in items {
        match fill {
            Some(f) => out.push(Prim::Rect {
                x: lx,
                y: y + 1.0,
                w: 9.0,
                h: 6.0,
                fill: Some(f),
                stroke: Some(Stroke::solid(palette::TEAL, 0.5)),
            }),
            None => out.push(Prim::Line {
                x1: lx + 4.5,
                y1: y - 0.5,
                x2: lx + 4.5,
                y2: y + 8.5,
                stroke: Stroke::solid(palette::INK, 1.3),
            }),
        }
        let l = ts.line(legend_style, text);
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
            stroke: Some(Stroke::solid(palette::RULE, 0.5)),
        });
    }
    for i in 0..n {
        let (px, py) = point(i, 100.0);
        out.push(Prim::Line {
            x1: cx,
            y1: cy,
            x2: px,
            y2: py,
            stroke: Stroke::solid(palette::RULE, 0.5),
        });
    }
    let small = Style {
        font: FontKey::Regular,
        size: 6.4,
        colour: palette::MUTED,
    };
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
            stroke: Some(Stroke::dashed(palette::INK, 0.9)),
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
        out.push(Prim::Rect {
            x: px - 1.8,
            y: py - 1.8,
            w: 3.6,
            h: 3.6,
            fill: Some(palette::TEAL),
            stroke: None,
        });
    }
    let label_style = Style {
        font: FontKey::Bold,
        size: 7.6,
        colour: palette::INK,
    };
    let value_style = Style {
        font: FontKey::Regular,
        size: 7.2,
        colour: palette::TEAL_DARK,
    };
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
    let legend = Style {
        font: FontKey::Regular,
        size: 7.2,
        colour: palette::MUTED,
    };
    let ly = cy + radius + 34.0;
    let a = ts.line(legend, "Current readiness");
    let b = ts.line(legend, "Target");
    let total = 13.0 + a.width + 18.0 + 22.0 + b.width;
    let mut lx = cx - total / 2.0;
    out.push(Prim::Rect {
        x: lx,
        y: ly - 6.5,
        w: 9.0,
        h: 6.0,
        fill: Some(palette::TEAL_LIGHT),
        stroke: Some(Stroke::solid(palette::TEAL, 0.8)),
    });
    out.extend(a.prims(lx + 13.0, ly));
    lx += 13.0 + a.width + 18.0;
    if c.target.is_some() {
        out.push(Prim::Line {
            x1: lx,
            y1: ly - 3.0,
            x2: lx + 18.0,
            y2: ly - 3.0,
            stroke: Stroke::dashed(palette::INK, 0.9),
        });
        out.extend(b.prims(lx + 22.0, ly));
    }
    (ly + 10.0, out)
}
