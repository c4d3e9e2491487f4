//! Font metrics, glyph coverage with fallback (embedded DejaVu, then installed fonts),
//! shaping of complex scripts, line breaking and right-to-left order.

use std::collections::BTreeSet;

use super::Colour;
pub use super::line::{Line, Placed};
use super::line::{Piece, Word, finish_line, split_word};
pub use super::metrics::Metrics;
use super::metrics::{WrapKey, Wrapped};
use super::shape::{is_complex, is_format, is_rtl, is_spaceless, must_shape};
use crate::fonts::FontKey;
use crate::fonts::system::{self, CjkHint, Want};
use crate::model::{Paragraph, Run};

/// Character used where no font has a glyph.
pub const REPLACEMENT: char = '?';

/// Widths from here on are "no limit" (single lines): nothing to align to.
const UNBOUNDED: f32 = 1.0e6;

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
    /// A style of `font` at `size` pt in `colour`.
    pub const fn new(font: FontKey, size: f32, colour: Colour) -> Style {
        Style { font, size, colour }
    }

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
/// Resolves glyph coverage and breaks text into lines; collects missing characters.
pub struct Typesetter<'m> {
    /// Font metrics.
    pub metrics: &'m Metrics,
    /// Characters no font covers.
    pub missing: BTreeSet<char>,
    /// Number of replaced characters.
    pub substitutions: usize,
    /// Every replaced character in order (to remember what a wrap reported).
    trace: Vec<char>,
}

/// What the text of one paragraph needs beyond the Latin path.
struct Analysis {
    /// Bidi level per byte of the text (empty: all left to right).
    levels: Vec<u8>,
    /// The paragraph's base direction is right to left (its first strong character is).
    rtl: bool,
    /// Byte offsets where a line may break without a space (scripts without spaces).
    soft_breaks: BTreeSet<usize>,
    hint: CjkHint,
}

fn analyse(text: &str) -> Analysis {
    let mut a = Analysis {
        levels: Vec::new(),
        rtl: false,
        soft_breaks: BTreeSet::new(),
        hint: CjkHint::Chinese,
    };
    if text.is_ascii() {
        return a;
    }
    if text.chars().any(is_rtl) {
        // The base level comes from the first strong character (rules P2, P3).
        let info = unicode_bidi::BidiInfo::new(text, None);
        a.rtl = info.paragraphs.first().is_some_and(|p| p.level.is_rtl());
        a.levels = info.levels.iter().map(|l| l.number()).collect();
    }
    if text.chars().any(is_spaceless) {
        a.hint = CjkHint::of(text);
        for (pos, _) in unicode_linebreak::linebreaks(text) {
            let before = text.get(..pos).and_then(|s| s.chars().next_back());
            let after = text.get(pos..).and_then(|s| s.chars().next());
            let (Some(b), Some(n)) = (before, after) else {
                continue;
            };
            if !b.is_whitespace() && !n.is_whitespace() && (is_spaceless(b) || is_spaceless(n)) {
                a.soft_breaks.insert(pos);
            }
        }
    }
    a
}

impl<'m> Typesetter<'m> {
    /// A typesetter over `metrics`.
    pub fn new(metrics: &'m Metrics) -> Self {
        Self {
            metrics,
            missing: BTreeSet::new(),
            substitutions: 0,
            trace: Vec::new(),
        }
    }

    fn installed(&self, want: FontKey, c: char, hint: CjkHint) -> Option<FontKey> {
        if !self.metrics.installed {
            return None;
        }
        let w = Want {
            bold: want == FontKey::Bold,
            mono: want == FontKey::Mono,
        };
        system::find(c, w, hint)
            .and_then(|i| u16::try_from(i).ok())
            .map(FontKey::System)
    }

    /// The face that will draw `c` for a request of `want`, and the character actually drawn.
    /// Complex scripts prefer an installed face (Noto) that covers the whole script, so a
    /// word is shaped in one face; everything else prefers the embedded faces.
    fn resolve(&mut self, want: FontKey, c: char, hint: CjkHint) -> (FontKey, char) {
        if is_complex(c)
            && !is_rtl_simple(c)
            && let Some(k) = self.installed(want, c, hint)
        {
            return (k, c);
        }
        if self.metrics.has_glyph(want, c) {
            return (want, c);
        }
        for key in FontKey::ALL {
            if key != want && self.metrics.has_glyph(key, c) {
                return (key, c);
            }
        }
        if let Some(k) = self.installed(want, c, hint) {
            return (k, c);
        }
        self.missing.insert(c);
        self.substitutions += 1;
        self.trace.push(c);
        (want, REPLACEMENT)
    }

    /// Append `c` to the word, switching piece when the resolved face or level changes.
    fn push_char(&mut self, word: &mut Word, style: Style, c: char, level: u8, hint: CjkHint) {
        if is_format(c) {
            // Joiners steer the shaper; other format characters draw nothing.
            if let Some(p) = word.pieces.last_mut()
                && (p.glyphs.is_some() || must_shape(p.style.font, &p.text))
            {
                p.text.push(c);
            }
            return;
        }
        let (font, drawn) = self.resolve(style.font, c, hint);
        let st = Style { font, ..style };
        let w = self.metrics.advance(font, drawn) * style.size;
        match word.pieces.last_mut() {
            Some(p) if p.style == st && p.level == level => {
                p.text.push(drawn);
                p.width += w;
            }
            _ => word.pieces.push(Piece {
                style: st,
                text: drawn.to_string(),
                width: w,
                glyphs: None,
                level,
            }),
        }
        word.width += w;
    }

    /// Shape the pieces that need it and fix the word's width.
    fn finish_word(&self, word: &mut Word) {
        let mut changed = false;
        for p in &mut word.pieces {
            if !must_shape(p.style.font, &p.text) {
                continue;
            }
            let Some(shaper) = self.metrics.shaper(p.style.font) else {
                continue;
            };
            let glyphs = shaper.shape(&p.text, p.style.size, p.level % 2 == 1);
            p.width = glyphs.iter().map(|g| g.advance).sum();
            p.glyphs = Some(glyphs);
            changed = true;
        }
        if changed {
            word.width = word.pieces.iter().map(|p| p.width).sum();
        }
    }

    /// The words of `runs`, and whether the paragraph runs right to left.
    fn words(&mut self, base: Style, runs: &[Run]) -> (Vec<Word>, bool) {
        let full: String = runs.iter().map(|r| r.text.as_str()).collect();
        let a = analyse(&full);
        let mut words = Vec::new();
        let mut cur = Word::new();
        let mut pos = 0usize;
        for run in runs {
            let style = Style::for_run(base, run);
            for c in run.text.chars() {
                let at = pos;
                pos += c.len_utf8();
                let level = a.levels.get(at).copied().unwrap_or(0);
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
                        cur.space_level = level;
                        self.finish_word(&mut cur);
                        words.push(std::mem::replace(&mut cur, Word::new()));
                    }
                    continue;
                }
                if a.soft_breaks.contains(&at) && !cur.pieces.is_empty() {
                    cur.space_level = level;
                    self.finish_word(&mut cur);
                    words.push(std::mem::replace(&mut cur, Word::new()));
                }
                self.push_char(&mut cur, style, c, level, a.hint);
            }
        }
        if !cur.pieces.is_empty() {
            self.finish_word(&mut cur);
            words.push(cur);
        }
        (words, a.rtl)
    }

    /// Break `runs` into lines no wider than `max_width` (remembered: the same text in the
    /// same style and width gives the same lines).
    pub fn wrap(&mut self, base: Style, runs: &[Run], max_width: f32) -> Vec<Line> {
        let key = WrapKey {
            font: base.font,
            size: base.size.to_bits(),
            colour: base.colour,
            width: max_width.to_bits(),
            runs: runs
                .iter()
                .map(|r| (r.text.clone(), r.bold, r.italic, r.mono))
                .collect(),
        };
        if let Some(w) = self.metrics.memo.borrow().get(&key) {
            self.missing.extend(w.missing.iter().copied());
            self.trace.extend(w.missing.iter().copied());
            self.substitutions += w.substitutions;
            return w.lines.clone();
        }
        let (mark, subs) = (self.trace.len(), self.substitutions);
        let lines = self.wrap_new(base, runs, max_width);
        let w = Wrapped {
            lines: lines.clone(),
            missing: self.trace[mark..].to_vec(),
            substitutions: self.substitutions - subs,
        };
        self.metrics.memo.borrow_mut().insert(key, w);
        lines
    }

    fn wrap_new(&mut self, base: Style, runs: &[Run], max_width: f32) -> Vec<Line> {
        let (words, rtl) = self.words(base, runs);
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
        let mut lines: Vec<Line> = lines.into_iter().map(finish_line).collect();
        // A right-to-left paragraph is aligned to the right edge of its width.
        if rtl && max_width < UNBOUNDED {
            for l in &mut lines {
                l.indent = (max_width - l.width).max(0.0);
            }
        }
        lines
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

/// Hebrew is drawn by the embedded faces (they cover it); other complex scripts prefer
/// an installed face made for them.
fn is_rtl_simple(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x05FF | 0xFB1D..=0xFB4F)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::layout::Prim;

    fn base() -> Style {
        Style {
            font: FontKey::Regular,
            size: 10.0,
            colour: Colour::BLACK,
        }
    }

    #[test]
    fn widths_come_from_the_font() {
        let m = Metrics::with_installed(false).unwrap();
        let w_i = m.width(FontKey::Regular, 10.0, "i");
        let w_m = m.width(FontKey::Regular, 10.0, "m");
        assert!(w_m > 2.0 * w_i, "{w_i} {w_m}");
        let mono_i = m.width(FontKey::Mono, 10.0, "i");
        let mono_m = m.width(FontKey::Mono, 10.0, "m");
        assert!((mono_i - mono_m).abs() < 1e-4);
    }

    #[test]
    fn lines_fit_and_long_words_break() {
        let m = Metrics::with_installed(false).unwrap();
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
            .flat_map(|l| l.pieces.iter().map(|p| p.text.clone()))
            .collect();
        assert_eq!(all.matches('x').count(), 500);
    }

    #[test]
    fn missing_glyphs_fall_back_or_are_reported() {
        let m = Metrics::with_installed(false).unwrap();
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
            .map(|p| (p.style.font, p.text.clone()))
            .collect();
        assert_eq!(
            pieces,
            vec![
                (FontKey::Mono, "a".to_string()),
                (FontKey::Regular, c.to_string()),
                (FontKey::Mono, "b".to_string()),
                // A line may break between two ideographs: two words.
                (FontKey::Mono, "?".to_string()),
                (FontKey::Mono, "?".to_string()),
            ]
        );
    }

    #[test]
    fn hebrew_words_are_drawn_in_visual_order() {
        let m = Metrics::with_installed(false).unwrap();
        let mut t = Typesetter::new(&m);
        let lines = t.wrap(base(), &[Run::plain("x אבג דה y")], 500.0);
        // Shaped pieces keep their logical text; the words are placed right to left.
        let text: Vec<String> = lines[0].pieces.iter().map(|p| p.text.clone()).collect();
        assert_eq!(text, vec!["x", "דה", "אבג", "y"]);
        let xs: Vec<f32> = lines[0].pieces.iter().map(|p| p.x).collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
        // Inside a word the glyphs run right to left: the last letter is drawn first.
        let g = lines[0].pieces[2].glyphs.as_ref().unwrap();
        assert_eq!(g.first().unwrap().text, "ג");
        assert_eq!(g.last().unwrap().text, "א");
    }

    /// Right edges of the text primitives of `l` placed at x = 0.
    fn right_edge(l: &Line) -> f32 {
        l.prims(0.0, 0.0)
            .iter()
            .map(|p| match p {
                Prim::Text(t) => t.x + t.width,
                _ => 0.0,
            })
            .fold(0.0, f32::max)
    }

    #[test]
    fn right_to_left_paragraphs_align_right_and_read_from_the_right() {
        let m = Metrics::with_installed(false).unwrap();
        let mut t = Typesetter::new(&m);
        let text = "שירות גיבוי ושחזור לכל הלקוחות שלנו בכל יום בשבוע כולל סופי שבוע";
        let lines = t.wrap(base(), &[Run::plain(text)], 120.0);
        assert!(lines.len() > 2, "{}", lines.len());
        for l in &lines {
            assert!((right_edge(l) - 120.0).abs() < 0.01, "{}", right_edge(l));
            assert!(l.indent > 0.0 && (l.indent + l.width - 120.0).abs() < 0.01);
        }
        // The first word in reading order ends the first line on the right.
        let first = lines[0].pieces.last().unwrap();
        assert_eq!(first.text, "שירות");
        // Latin and digits inside keep their own order (left to right), left of the word
        // they follow in reading order.
        let l = &t.wrap(base(), &[Run::plain("שירות Ready20k 2026")], 300.0)[0];
        let order: Vec<&str> = l.pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(order, vec!["Ready20k", "2026", "שירות"]);
        assert!((right_edge(l) - 300.0).abs() < 0.01);
    }

    #[test]
    fn left_to_right_paragraphs_with_hebrew_words_stay_left() {
        let m = Metrics::with_installed(false).unwrap();
        let mut t = Typesetter::new(&m);
        let lines = t.wrap(base(), &[Run::plain("Backup service שירות גיבוי")], 500.0);
        assert_eq!(lines[0].indent, 0.0);
        assert_eq!(lines[0].pieces[0].text, "Backup");
        // An unbounded line has no edge to align to.
        let l = t.line(base(), "שירות גיבוי");
        assert_eq!(l.indent, 0.0);
    }
}
