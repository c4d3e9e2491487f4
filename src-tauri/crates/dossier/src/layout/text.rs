//! Font metrics, glyph coverage with fallback, and line breaking.

use std::collections::BTreeSet;

use ttf_parser::Face;

use super::{Colour, Prim, TextRun};
use crate::DossierError;
use crate::fonts::FontKey;
use crate::model::{Paragraph, Run};

/// Character used where no embedded font has a glyph.
pub const REPLACEMENT: char = '?';

/// Advance widths and vertical metrics of the embedded faces.
pub struct Metrics {
    faces: Vec<Face<'static>>,
    units: [f32; 4],
    ascender: [f32; 4],
    descender: [f32; 4],
}

impl Metrics {
    /// Parse the embedded fonts.
    pub fn load() -> Result<Self, DossierError> {
        let mut faces = Vec::with_capacity(4);
        let mut units = [1000.0; 4];
        let mut ascender = [0.8; 4];
        let mut descender = [-0.2; 4];
        for key in FontKey::ALL {
            let face = Face::parse(key.bytes(), 0)
                .map_err(|e| DossierError::Font(format!("{key:?}: {e}")))?;
            let upem = f32::from(face.units_per_em());
            units[key.index()] = upem;
            ascender[key.index()] = f32::from(face.ascender()) / upem;
            descender[key.index()] = f32::from(face.descender()) / upem;
            faces.push(face);
        }
        Ok(Self {
            faces,
            units,
            ascender,
            descender,
        })
    }

    fn face(&self, key: FontKey) -> Option<&Face<'static>> {
        self.faces.get(key.index())
    }

    /// Whether `key` has a real glyph for `c`.
    pub fn has_glyph(&self, key: FontKey, c: char) -> bool {
        self.face(key)
            .and_then(|f| f.glyph_index(c))
            .is_some_and(|g| g.0 != 0)
    }

    /// Advance width of `c` in `key` at 1 pt (0 when the glyph is missing).
    pub fn advance(&self, key: FontKey, c: char) -> f32 {
        let Some(face) = self.face(key) else {
            return 0.0;
        };
        face.glyph_index(c)
            .and_then(|g| face.glyph_hor_advance(g))
            .map_or(0.0, |a| f32::from(a) / self.units[key.index()])
    }

    /// Width of `s` in `key` at `size` pt (no kerning: the PDF is written without it too).
    pub fn width(&self, key: FontKey, size: f32, s: &str) -> f32 {
        s.chars().map(|c| self.advance(key, c)).sum::<f32>() * size
    }

    /// Ascender as a fraction of the em.
    pub fn ascender(&self, key: FontKey) -> f32 {
        self.ascender[key.index()]
    }

    /// Descender as a (negative) fraction of the em.
    pub fn descender(&self, key: FontKey) -> f32 {
        self.descender[key.index()]
    }
}

/// Text style of one run as the layout sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Face.
    pub font: FontKey,
    /// Size in pt.
    pub size: f32,
    /// Colour.
    pub colour: Colour,
}

impl Style {
    /// Style of a model run on top of a base style.
    pub fn for_run(base: Style, run: &Run) -> Style {
        let font = if run.mono {
            FontKey::Mono
        } else if run.bold {
            FontKey::Bold
        } else if run.italic {
            FontKey::Oblique
        } else {
            base.font
        };
        let size = if run.mono {
            base.size * 0.92
        } else {
            base.size
        };
        Style {
            font,
            size,
            colour: base.colour,
        }
    }
}

/// A piece of a word in one face.
#[derive(Debug, Clone, PartialEq)]
struct Piece {
    style: Style,
    text: String,
    width: f32,
}

/// A word (no break opportunity inside except by characters), possibly mixing styles.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    pieces: Vec<Piece>,
    width: f32,
    /// Width of the space that follows the word (0 at the end).
    space_after: f32,
    rtl: bool,
}

/// A laid-out line: pieces with x offsets relative to the line start.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// (x offset, style, text, width)
    pub pieces: Vec<(f32, Style, String, f32)>,
    /// Natural width of the line.
    pub width: f32,
}

impl Line {
    /// Text primitives for this line with its start at `x` and baseline at `baseline`.
    pub fn prims(&self, x: f32, baseline: f32) -> Vec<Prim> {
        self.pieces
            .iter()
            .filter(|(_, _, text, _)| !text.is_empty())
            .map(|(dx, style, text, w)| {
                Prim::Text(TextRun {
                    font: style.font,
                    size: style.size,
                    x: x + dx,
                    y: baseline,
                    colour: style.colour,
                    text: text.clone(),
                    width: *w,
                })
            })
            .collect()
    }

    /// Largest font size on the line (0 when empty).
    pub fn max_size(&self) -> f32 {
        self.pieces.iter().map(|p| p.1.size).fold(0.0, f32::max)
    }
}

/// Resolves glyph coverage and breaks text into lines; collects missing characters.
pub struct Typesetter<'m> {
    /// Font metrics.
    pub metrics: &'m Metrics,
    /// Characters no embedded face covers.
    pub missing: BTreeSet<char>,
    /// Number of replaced characters.
    pub substitutions: usize,
}

fn is_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

impl<'m> Typesetter<'m> {
    /// A typesetter over `metrics`.
    pub fn new(metrics: &'m Metrics) -> Self {
        Self {
            metrics,
            missing: BTreeSet::new(),
            substitutions: 0,
        }
    }

    /// The face that will draw `c` for a request of `want`, and the character actually drawn.
    fn resolve(&mut self, want: FontKey, c: char) -> (FontKey, char) {
        if self.metrics.has_glyph(want, c) {
            return (want, c);
        }
        for key in FontKey::ALL {
            if key != want && self.metrics.has_glyph(key, c) {
                return (key, c);
            }
        }
        self.missing.insert(c);
        self.substitutions += 1;
        (want, REPLACEMENT)
    }

    /// Append `c` to the word, switching piece when the resolved face changes.
    fn push_char(&mut self, word: &mut Word, style: Style, c: char) {
        let (font, drawn) = self.resolve(style.font, c);
        let st = Style { font, ..style };
        let w = self.metrics.advance(font, drawn) * style.size;
        if is_rtl(drawn) {
            word.rtl = true;
        }
        match word.pieces.last_mut() {
            Some(p) if p.style == st => {
                p.text.push(drawn);
                p.width += w;
            }
            _ => word.pieces.push(Piece {
                style: st,
                text: drawn.to_string(),
                width: w,
            }),
        }
        word.width += w;
    }

    fn words(&mut self, base: Style, runs: &[Run]) -> Vec<Word> {
        let mut words = Vec::new();
        let mut cur = Word {
            pieces: Vec::new(),
            width: 0.0,
            space_after: 0.0,
            rtl: false,
        };
        for run in runs {
            let style = Style::for_run(base, run);
            for c in run.text.chars() {
                let c = if c == '\t' || c == '\n' || c == '\r' || c == '\u{a0}' {
                    ' '
                } else {
                    c
                };
                if c.is_control() || c == '\u{200b}' {
                    continue;
                }
                if c == ' ' {
                    if !cur.pieces.is_empty() {
                        cur.space_after = self.metrics.advance(style.font, ' ') * style.size;
                        words.push(std::mem::replace(
                            &mut cur,
                            Word {
                                pieces: Vec::new(),
                                width: 0.0,
                                space_after: 0.0,
                                rtl: false,
                            },
                        ));
                    }
                    continue;
                }
                self.push_char(&mut cur, style, c);
            }
        }
        if !cur.pieces.is_empty() {
            words.push(cur);
        }
        words
    }

    /// Break `runs` into lines no wider than `max_width`.
    pub fn wrap(&mut self, base: Style, runs: &[Run], max_width: f32) -> Vec<Line> {
        let words = self.words(base, runs);
        let mut lines: Vec<Vec<Word>> = Vec::new();
        let mut cur: Vec<Word> = Vec::new();
        let mut cur_w = 0.0f32;
        for word in words {
            let gap = cur.last().map_or(0.0, |w| w.space_after);
            if cur_w + gap + word.width <= max_width + 0.01 {
                cur_w += gap + word.width;
                cur.push(word);
                continue;
            }
            if word.width <= max_width + 0.01 {
                lines.push(std::mem::take(&mut cur));
                cur_w = word.width;
                cur.push(word);
                continue;
            }
            // A word wider than the line: break it by characters.
            if !cur.is_empty() {
                lines.push(std::mem::take(&mut cur));
            }
            let space_after = word.space_after;
            let mut chunks = split_word(self.metrics, word, max_width);
            if let Some(last) = chunks.last_mut() {
                last.space_after = space_after;
            }
            let n = chunks.len();
            for (i, chunk) in chunks.into_iter().enumerate() {
                if i + 1 < n {
                    lines.push(vec![chunk]);
                } else {
                    cur_w = chunk.width;
                    cur.push(chunk);
                }
            }
        }
        if !cur.is_empty() {
            lines.push(cur);
        }
        lines.into_iter().map(finish_line).collect()
    }

    /// Convenience: wrap a model paragraph.
    pub fn wrap_para(&mut self, base: Style, p: &Paragraph, max_width: f32) -> Vec<Line> {
        self.wrap(base, &p.runs, max_width)
    }

    /// A single unbroken line (headers, labels); characters are resolved like any text.
    pub fn line(&mut self, style: Style, text: &str) -> Line {
        let runs = [Run::plain(text)];
        let mut lines = self.wrap(style, &runs, f32::MAX);
        if lines.len() == 1 {
            lines.pop().unwrap_or_default()
        } else {
            Line::default()
        }
    }
}

/// Split a too-wide word into chunks that each fit `max_width`.
fn split_word(metrics: &Metrics, word: Word, max_width: f32) -> Vec<Word> {
    let mut out = Vec::new();
    let mut cur = Word {
        pieces: Vec::new(),
        width: 0.0,
        space_after: 0.0,
        rtl: word.rtl,
    };
    for piece in word.pieces {
        for c in piece.text.chars() {
            let w = metrics.advance(piece.style.font, c) * piece.style.size;
            if cur.width + w > max_width && !cur.pieces.is_empty() {
                out.push(std::mem::replace(
                    &mut cur,
                    Word {
                        pieces: Vec::new(),
                        width: 0.0,
                        space_after: 0.0,
                        rtl: word.rtl,
                    },
                ));
            }
            match cur.pieces.last_mut() {
                Some(p) if p.style == piece.style => {
                    p.text.push(c);
                    p.width += w;
                }
                _ => cur.pieces.push(Piece {
                    style: piece.style,
                    text: c.to_string(),
                    width: w,
                }),
            }
            cur.width += w;
        }
    }
    if !cur.pieces.is_empty() {
        out.push(cur);
    }
    out
}

/// Place the words of a line: right-to-left words are reversed (visual order), and runs of
/// consecutive right-to-left words are drawn in reverse order.
fn finish_line(mut words: Vec<Word>) -> Line {
    for w in &mut words {
        if w.rtl {
            w.pieces.reverse();
            for p in &mut w.pieces {
                p.text = p.text.chars().rev().collect();
            }
        }
    }
    let mut i = 0;
    while i < words.len() {
        if words[i].rtl {
            let mut j = i;
            while j + 1 < words.len() && words[j + 1].rtl {
                j += 1;
            }
            // Keep the spaces between the words where they were.
            let gaps: Vec<f32> = words[i..=j].iter().map(|w| w.space_after).collect();
            words[i..=j].reverse();
            for (w, g) in words[i..=j].iter_mut().zip(gaps) {
                w.space_after = g;
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    let mut line = Line::default();
    let mut x = 0.0;
    let n = words.len();
    for (i, w) in words.into_iter().enumerate() {
        for p in w.pieces {
            line.pieces.push((x, p.style, p.text, p.width));
            x += p.width;
        }
        if i + 1 < n {
            x += w.space_after;
        }
    }
    line.width = x;
    line
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn base() -> Style {
        Style {
            font: FontKey::Regular,
            size: 10.0,
            colour: Colour::BLACK,
        }
    }

    #[test]
    fn widths_come_from_the_font() {
        let m = Metrics::load().unwrap();
        let w_i = m.width(FontKey::Regular, 10.0, "i");
        let w_m = m.width(FontKey::Regular, 10.0, "m");
        assert!(w_m > 2.0 * w_i, "{w_i} {w_m}");
        let mono_i = m.width(FontKey::Mono, 10.0, "i");
        let mono_m = m.width(FontKey::Mono, 10.0, "m");
        assert!((mono_i - mono_m).abs() < 1e-4);
    }

    #[test]
    fn lines_fit_and_long_words_break() {
        let m = Metrics::load().unwrap();
        let mut t = Typesetter::new(&m);
        let long = "x".repeat(500);
        let text = format!("short words then {long} and more words after it to wrap");
        let lines = t.wrap(base(), &[Run::plain(text)], 200.0);
        assert!(lines.len() > 5);
        for l in &lines {
            assert!(l.width <= 200.01, "{}", l.width);
        }
        let all: String = lines
            .iter()
            .flat_map(|l| l.pieces.iter().map(|p| p.2.clone()))
            .collect();
        assert_eq!(all.matches('x').count(), 500);
    }

    #[test]
    fn missing_glyphs_fall_back_or_are_reported() {
        let m = Metrics::load().unwrap();
        // A character the mono face lacks but the regular face has.
        let c = (0x80u32..0x3000)
            .filter_map(char::from_u32)
            .find(|c| !m.has_glyph(FontKey::Mono, *c) && m.has_glyph(FontKey::Regular, *c))
            .unwrap();
        let mut t = Typesetter::new(&m);
        let mono = Style {
            font: FontKey::Mono,
            ..base()
        };
        let lines = t.wrap(mono, &[Run::plain(format!("a{c}b 認証"))], 500.0);
        assert_eq!(
            t.missing.iter().copied().collect::<Vec<_>>(),
            vec!['証', '認']
        );
        assert_eq!(t.substitutions, 2);
        let pieces: Vec<(FontKey, String)> = lines[0]
            .pieces
            .iter()
            .map(|p| (p.1.font, p.2.clone()))
            .collect();
        assert_eq!(
            pieces,
            vec![
                (FontKey::Mono, "a".to_string()),
                (FontKey::Regular, c.to_string()),
                (FontKey::Mono, "b".to_string()),
                (FontKey::Mono, "??".to_string()),
            ]
        );
    }

    #[test]
    fn hebrew_words_are_drawn_in_visual_order() {
        let m = Metrics::load().unwrap();
        let mut t = Typesetter::new(&m);
        let lines = t.wrap(base(), &[Run::plain("x אבג דה y")], 500.0);
        let text: Vec<String> = lines[0].pieces.iter().map(|p| p.2.clone()).collect();
        assert_eq!(text, vec!["x", "הד", "גבא", "y"]);
    }
}
