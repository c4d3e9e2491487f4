//! Page content streams, written as PDF operators straight from the layout's primitives.
//! The graphics state is tracked so that unchanged fonts, colours and strokes are not
//! repeated.

use std::collections::BTreeMap;

use super::embed::Embedded;
use super::file::{hex_u16, name, num};
use crate::fonts::FontKey;
use crate::layout::{Colour, Prim, Stroke, TextRun, Watermark};

/// Fixed resource name of the watermark's graphics state (deterministic output).
pub(crate) const WATERMARK_GS: &str = "GSWMK";

/// The faces of the document by key.
pub(crate) type Faces = BTreeMap<FontKey, Embedded>;

/// Graphics state tracked while writing a page.
#[derive(Default)]
struct State {
    in_text: bool,
    font: Option<(FontKey, u32)>,
    fill: Option<Colour>,
    stroke: Option<Colour>,
    width: Option<u32>,
    dashed: bool,
}

/// A page's content stream being written.
struct Writer<'a> {
    out: Vec<u8>,
    st: State,
    faces: &'a Faces,
    /// Page height: layout y (down from the top) becomes PDF y (up from the bottom).
    h: f32,
}

/// The content stream of a page of height `h`, with the watermark (if any) drawn last.
pub(crate) fn page(
    prims: &[Prim],
    h: f32,
    watermark: Option<&Watermark>,
    faces: &Faces,
) -> Vec<u8> {
    let mut w = Writer {
        out: Vec::with_capacity(prims.len() * 48),
        st: State::default(),
        faces,
        h,
    };
    for prim in prims {
        w.prim(prim);
    }
    w.end_text();
    if let Some(m) = watermark {
        w.watermark(m);
    }
    w.out
}

impl Writer<'_> {
    fn op(&mut self, op: &str) {
        self.out.extend_from_slice(op.as_bytes());
        self.out.push(b'\n');
    }

    /// Numbers separated by spaces, then the operator.
    fn nums(&mut self, vals: &[f32], op: &str) {
        for v in vals {
            num(&mut self.out, *v);
            self.out.push(b' ');
        }
        self.op(op);
    }

    fn colour(&mut self, c: Colour, op: &str) {
        let part = |v: u8| f32::from(v) / 255.0;
        self.nums(&[part(c.0), part(c.1), part(c.2)], op);
    }

    fn end_text(&mut self) {
        if self.st.in_text {
            self.op("ET");
            self.st.in_text = false;
        }
    }

    fn fill(&mut self, c: Colour) {
        if self.st.fill != Some(c) {
            self.colour(c, "rg");
            self.st.fill = Some(c);
        }
    }

    fn stroke(&mut self, s: &Stroke) {
        if self.st.stroke != Some(s.colour) {
            self.colour(s.colour, "RG");
            self.st.stroke = Some(s.colour);
        }
        let w = (s.width * 100.0).round() as u32;
        if self.st.width != Some(w) {
            self.nums(&[s.width], "w");
            self.st.width = Some(w);
        }
        if self.st.dashed != s.dashed {
            self.op(if s.dashed { "[2 1.8] 0 d" } else { "[] 0 d" });
            self.st.dashed = s.dashed;
        }
    }

    /// Leaves text mode and sets the colours (and stroke) of a filled and/or outlined shape.
    fn shape(&mut self, fill: Option<Colour>, stroke: Option<&Stroke>) {
        self.end_text();
        if let Some(c) = fill {
            self.fill(c);
        }
        if let Some(s) = stroke {
            self.stroke(s);
        }
    }

    fn set_font(&mut self, key: FontKey, size: f32) {
        let resource = self.faces.get(&key).map_or("F0", |f| f.resource.as_str());
        name(&mut self.out, resource);
        self.out.push(b' ');
        self.nums(&[size], "Tf");
    }

    fn prim(&mut self, prim: &Prim) {
        let h = self.h;
        match prim {
            Prim::Text(t) => self.text(t),
            Prim::Line {
                x1,
                y1,
                x2,
                y2,
                stroke,
            } => {
                self.end_text();
                self.stroke(stroke);
                self.nums(&[*x1, h - y1], "m");
                self.nums(&[*x2, h - y2], "l");
                self.op("S");
            }
            Prim::Rect {
                x,
                y,
                w,
                h: rh,
                fill,
                stroke,
            } => {
                let Some(paint) = paint(fill.is_some(), stroke.is_some()) else {
                    return;
                };
                self.shape(*fill, stroke.as_ref());
                self.nums(&[*x, h - y - rh, *w, *rh], "re");
                self.op(paint);
            }
            Prim::Polygon {
                points,
                fill,
                stroke,
            } => {
                let Some(paint) = paint(fill.is_some(), stroke.is_some()) else {
                    return;
                };
                if points.len() < 2 {
                    return;
                }
                self.shape(*fill, stroke.as_ref());
                for (i, (x, y)) in points.iter().enumerate() {
                    self.nums(&[*x, h - y], if i == 0 { "m" } else { "l" });
                }
                self.op("h");
                self.op(paint);
            }
        }
    }

    fn text(&mut self, t: &TextRun) {
        if !self.st.in_text {
            self.op("BT");
            self.st.in_text = true;
            // Text state survives BT/ET, but keep it simple and explicit.
            self.st.font = None;
        }
        let size_key = (t.size * 100.0).round() as u32;
        if self.st.font != Some((t.font, size_key)) {
            self.set_font(t.font, t.size);
            self.st.font = Some((t.font, size_key));
        }
        self.fill(t.colour);
        if t.glyphs.is_some() {
            self.glyphs(t);
            return;
        }
        self.nums(&[1.0, 0.0, 0.0, 1.0, t.x, self.h - t.y], "Tm");
        self.chars(t);
    }

    /// The characters of `t` one by one, as one hex string shown with `Tj`.
    fn chars(&mut self, t: &TextRun) {
        let Some(f) = self.faces.get(&t.font) else {
            return;
        };
        self.out.push(b'<');
        for c in t.text.chars() {
            hex_u16(&mut self.out, f.code(c));
        }
        self.out.extend_from_slice(b"> Tj\n");
    }

    /// A shaped run: its glyphs by code, placed with kerning offsets (and a new text matrix
    /// where a glyph is raised or lowered), wrapped in a span whose /ActualText is the
    /// logical text so that copying and text extraction give the characters in reading
    /// order.
    fn glyphs(&mut self, t: &TextRun) {
        let Some(glyphs) = &t.glyphs else { return };
        let Some(f) = self.faces.get(&t.font) else {
            return;
        };
        let span = !t.text.is_empty();
        if span {
            self.out.extend_from_slice(b"/Span<</ActualText<FEFF");
            for u in t.text.encode_utf16() {
                hex_u16(&mut self.out, u);
            }
            self.out.extend_from_slice(b">>> BDC\n");
        }
        let em = t.size / 1000.0;
        let mut pen = 0.0f32;
        let mut i = 0;
        while i < glyphs.len() {
            let dy = glyphs[i].dy;
            let mut j = i;
            while j + 1 < glyphs.len() && glyphs[j + 1].dy == dy {
                j += 1;
            }
            // Where the viewer's pen is (from the segment start) and where each glyph belongs.
            let (x, y) = (t.x + pen + glyphs[i].dx, self.h - t.y + dy);
            self.nums(&[1.0, 0.0, 0.0, 1.0, x, y], "Tm");
            self.out.push(b'[');
            for k in i..=j {
                let g = &glyphs[k];
                // The kerning offset after each glyph brings the viewer's pen (advanced by
                // the font's width) to where the shaper puts the next glyph.
                let here = pen + g.dx;
                pen += g.advance;
                let after = here + f.glyph_width(g.id) as f32 * em;
                let next = if k < j { pen + glyphs[k + 1].dx } else { after };
                let kern = (after - next) / em;
                self.out.push(b'<');
                hex_u16(&mut self.out, f.glyph_code(g.id));
                self.out.push(b'>');
                if kern != 0.0 {
                    num(&mut self.out, kern);
                }
            }
            self.out.extend_from_slice(b"] TJ\n");
            i = j + 1;
        }
        if span {
            self.op("EMC");
        }
    }

    /// The watermark, drawn last and translucent so that the content underneath stays
    /// legible.
    fn watermark(&mut self, w: &Watermark) {
        let t = &w.run;
        let (s, c) = w.angle.to_radians().sin_cos();
        self.op("q");
        name(&mut self.out, WATERMARK_GS);
        self.op(" gs");
        self.op("BT");
        self.set_font(t.font, t.size);
        self.colour(t.colour, "rg");
        self.nums(&[c, s, -s, c, t.x, self.h - t.y], "Tm");
        self.chars(t);
        self.op("ET");
        self.op("Q");
    }
}

fn paint(fill: bool, stroke: bool) -> Option<&'static str> {
    match (fill, stroke) {
        (true, true) => Some("B"),
        (true, false) => Some("f"),
        (false, true) => Some("S"),
        (false, false) => None,
    }
}
