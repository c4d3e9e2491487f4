//! Font metrics, glyph coverage with fallback (embedded DejaVu, then installed fonts),
//! shaping of complex scripts, line breaking and right-to-left order.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

use ttf_parser::Face;

use super::shape::{Shaper, is_complex, is_format, is_rtl, is_spaceless, must_shape, visual_order};
use super::{Colour, Glyph, Prim, TextRun};
use crate::DossierError;
use crate::fonts::FontKey;
use crate::fonts::system::{self, CjkHint, Want};
use crate::model::{Paragraph, Run};

/// Character used where no font has a glyph.
pub const REPLACEMENT: char = '?';

/// Advance widths and vertical metrics of the faces, and shapers for them.
pub struct Metrics {
    faces: Vec<Face<'static>>,
    units: [f32; 4],
    ascender: [f32; 4],
    descender: [f32; 4],
    /// Whether fonts installed on the machine may draw what the embedded faces cannot.
    installed: bool,
    shapers: RefCell<HashMap<FontKey, std::rc::Rc<Shaper>>>,
    /// Advance at 1 pt of the characters below [`FAST`] in each embedded face (negative:
    /// no glyph), read once instead of through the cmap for every character.
    fast: [Vec<f32>; 4],
    /// Lines already wrapped (the layout runs twice to settle the contents' page numbers).
    memo: RefCell<HashMap<WrapKey, Wrapped>>,
}

/// Characters with a precomputed advance (Latin, Greek, Cyrillic, Hebrew, Arabic).
const FAST: u32 = 0x800;

/// What identifies a wrap: base style, width and the runs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct WrapKey {
    font: FontKey,
    size: u32,
    colour: Colour,
    width: u32,
    runs: Vec<(String, bool, bool, bool)>,
}

/// A remembered wrap and what it reported.
struct Wrapped {
    lines: Vec<Line>,
    missing: Vec<char>,
    substitutions: usize,
}

fn slot(key: FontKey) -> Option<usize> {
    match key {
        FontKey::Regular => Some(0),
        FontKey::Bold => Some(1),
        FontKey::Oblique => Some(2),
        FontKey::Mono => Some(3),
        FontKey::System(_) => None,
    }
}

impl Metrics {
    /// Parse the embedded fonts; installed fonts are used for what they lack.
    pub fn load() -> Result<Self, DossierError> {
        Self::with_installed(true)
    }

    /// Parse the embedded fonts; `installed` says whether installed fonts may be used too.
    pub fn with_installed(installed: bool) -> Result<Self, DossierError> {
        let mut faces = Vec::with_capacity(4);
        let mut units = [1000.0; 4];
        let mut ascender = [0.8; 4];
        let mut descender = [-0.2; 4];
        for (i, key) in FontKey::ALL.into_iter().enumerate() {
            let face = Face::parse(key.data().0, 0)
                .map_err(|e| DossierError::Font(format!("{key:?}: {e}")))?;
            let upem = f32::from(face.units_per_em());
            units[i] = upem;
            ascender[i] = f32::from(face.ascender()) / upem;
            descender[i] = f32::from(face.descender()) / upem;
            faces.push(face);
        }
        let fast = std::array::from_fn(|i| {
            let face = &faces[i];
            (0..FAST)
                .map(|cp| {
                    char::from_u32(cp)
                        .and_then(|c| face.glyph_index(c))
                        .filter(|g| g.0 != 0)
                        .map_or(-1.0, |g| {
                            face.glyph_hor_advance(g)
                                .map_or(0.0, |a| f32::from(a) / units[i])
                        })
                })
                .collect()
        });
        Ok(Self {
            faces,
            units,
            ascender,
            descender,
            installed,
            shapers: RefCell::new(HashMap::new()),
            fast,
            memo: RefCell::new(HashMap::new()),
        })
    }

    fn face(&self, key: FontKey) -> Option<&Face<'static>> {
        match slot(key) {
            Some(i) => self.faces.get(i),
            None => key.system_face(),
        }
    }

    fn units(&self, key: FontKey) -> f32 {
        match slot(key) {
            Some(i) => self.units[i],
            None => self
                .face(key)
                .map_or(1000.0, |f| f32::from(f.units_per_em())),
        }
    }

    fn fast(&self, key: FontKey, c: char) -> Option<f32> {
        let i = slot(key)?;
        self.fast[i].get(c as usize).copied()
    }

    /// Whether `key` has a real glyph for `c`.
    pub fn has_glyph(&self, key: FontKey, c: char) -> bool {
        if let Some(a) = self.fast(key, c) {
            return a >= 0.0;
        }
        self.face(key)
            .and_then(|f| f.glyph_index(c))
            .is_some_and(|g| g.0 != 0)
    }

    /// Advance width of `c` in `key` at 1 pt (0 when the glyph is missing).
    pub fn advance(&self, key: FontKey, c: char) -> f32 {
        if let Some(a) = self.fast(key, c) {
            return a.max(0.0);
        }
        let Some(face) = self.face(key) else {
            return 0.0;
        };
        face.glyph_index(c)
            .and_then(|g| face.glyph_hor_advance(g))
            .map_or(0.0, |a| f32::from(a) / self.units(key))
    }

    /// Width of `s` in `key` at `size` pt (no kerning: the PDF is written without it too).
    pub fn width(&self, key: FontKey, size: f32, s: &str) -> f32 {
        s.chars().map(|c| self.advance(key, c)).sum::<f32>() * size
    }

    /// Ascender as a fraction of the em.
    pub fn ascender(&self, key: FontKey) -> f32 {
        slot(key).map_or(0.8, |i| self.ascender[i])
    }

    /// Descender as a (negative) fraction of the em.
    pub fn descender(&self, key: FontKey) -> f32 {
        slot(key).map_or(-0.2, |i| self.descender[i])
    }

    fn shaper(&self, key: FontKey) -> Option<std::rc::Rc<Shaper>> {
        if let Some(s) = self.shapers.borrow().get(&key) {
            return Some(s.clone());
        }
        let face = self.face(key)?.clone();
        let s = std::rc::Rc::new(Shaper::new(face));
        self.shapers.borrow_mut().insert(key, s.clone());
        Some(s)
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

/// A piece of a word in one face and one direction.
#[derive(Debug, Clone, PartialEq)]
struct Piece {
    style: Style,
    /// The characters (logical order).
    text: String,
    width: f32,
    /// Shaped glyphs in visual order, when the piece is shaped.
    glyphs: Option<Vec<Glyph>>,
    /// Bidi embedding level (odd = right to left).
    level: u8,
}

/// A word (no break opportunity inside except by characters), possibly mixing styles.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    pieces: Vec<Piece>,
    width: f32,
    /// Width of the space that follows the word (0 at the end or at a break without space).
    space_after: f32,
    /// Bidi level of that space.
    space_level: u8,
}

impl Word {
    fn new() -> Self {
        Word {
            pieces: Vec::new(),
            width: 0.0,
            space_after: 0.0,
            space_level: 0,
        }
    }
}

/// A piece of a laid-out line.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Offset from the line start.
    pub x: f32,
    /// Style.
    pub style: Style,
    /// Characters in drawing order (for shaped pieces: the logical text).
    pub text: String,
    /// Advance width.
    pub width: f32,
    /// Shaped glyphs in drawing order.
    pub glyphs: Option<Vec<Glyph>>,
}

/// A laid-out line: pieces with x offsets relative to the line start.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// The pieces, left to right.
    pub pieces: Vec<Placed>,
    /// Natural width of the line.
    pub width: f32,
}

impl Line {
    /// Text primitives for this line with its start at `x` and baseline at `baseline`.
    pub fn prims(&self, x: f32, baseline: f32) -> Vec<Prim> {
        self.pieces
            .iter()
            .filter(|p| !p.text.is_empty() || p.glyphs.is_some())
            .map(|p| {
                Prim::Text(TextRun {
                    font: p.style.font,
                    size: p.style.size,
                    x: x + p.x,
                    y: baseline,
                    colour: p.style.colour,
                    text: p.text.clone(),
                    width: p.width,
                    glyphs: p.glyphs.clone(),
                })
            })
            .collect()
    }

    /// Largest font size on the line (0 when empty).
    pub fn max_size(&self) -> f32 {
        self.pieces.iter().map(|p| p.style.size).fold(0.0, f32::max)
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
    /// Byte offsets where a line may break without a space (scripts without spaces).
    soft_breaks: BTreeSet<usize>,
    hint: CjkHint,
}

fn analyse(text: &str) -> Analysis {
    let mut a = Analysis {
        levels: Vec::new(),
        soft_breaks: BTreeSet::new(),
        hint: CjkHint::Chinese,
    };
    if text.is_ascii() {
        return a;
    }
    if text.chars().any(is_rtl) {
        let info = unicode_bidi::BidiInfo::new(text, Some(unicode_bidi::Level::ltr()));
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

    fn words(&mut self, base: Style, runs: &[Run]) -> Vec<Word> {
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
        words
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

/// Hebrew is drawn by the embedded faces (they cover it); other complex scripts prefer
/// an installed face made for them.
fn is_rtl_simple(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x05FF | 0xFB1D..=0xFB4F)
}

/// Split a too-wide word into chunks that each fit `max_width` (shaped pieces by glyphs).
fn split_word(metrics: &Metrics, word: Word, max_width: f32) -> Vec<Word> {
    let mut out = Vec::new();
    let mut cur = Word::new();
    let flush = |cur: &mut Word, out: &mut Vec<Word>| {
        out.push(std::mem::replace(cur, Word::new()));
    };
    for piece in word.pieces {
        if let Some(glyphs) = piece.glyphs {
            for g in glyphs {
                if cur.width + g.advance > max_width && !cur.pieces.is_empty() {
                    flush(&mut cur, &mut out);
                }
                let w = g.advance;
                match cur.pieces.last_mut() {
                    Some(p) if p.style == piece.style && p.glyphs.is_some() => {
                        p.text.push_str(&g.text);
                        p.width += w;
                        p.glyphs.get_or_insert_with(Vec::new).push(g);
                    }
                    _ => cur.pieces.push(Piece {
                        style: piece.style,
                        text: g.text.clone(),
                        width: w,
                        glyphs: Some(vec![g]),
                        level: piece.level,
                    }),
                }
                cur.width += w;
            }
            continue;
        }
        for c in piece.text.chars() {
            let w = metrics.advance(piece.style.font, c) * piece.style.size;
            if cur.width + w > max_width && !cur.pieces.is_empty() {
                flush(&mut cur, &mut out);
            }
            match cur.pieces.last_mut() {
                Some(p) if p.style == piece.style && p.glyphs.is_none() => {
                    p.text.push(c);
                    p.width += w;
                }
                _ => cur.pieces.push(Piece {
                    style: piece.style,
                    text: c.to_string(),
                    width: w,
                    glyphs: None,
                    level: piece.level,
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

/// One item of a line before reordering: a piece, or the gap after a word.
enum Item {
    Piece(Piece),
    Gap(f32),
}

/// Place the words of a line in visual order: right-to-left runs (odd bidi levels) are
/// reversed, pieces and the spaces between words alike; unshaped right-to-left pieces
/// have their characters reversed (shaped ones come out of the shaper in visual order).
fn finish_line(words: Vec<Word>) -> Line {
    let mut items: Vec<(Item, u8)> = Vec::new();
    let n = words.len();
    for (i, w) in words.into_iter().enumerate() {
        for p in w.pieces {
            let lvl = p.level;
            items.push((Item::Piece(p), lvl));
        }
        if i + 1 < n {
            items.push((Item::Gap(w.space_after), w.space_level));
        }
    }
    let levels: Vec<u8> = items.iter().map(|(_, l)| *l).collect();
    let mut slots: Vec<Option<Item>> = items.into_iter().map(|(it, _)| Some(it)).collect();
    let mut line = Line::default();
    let mut x = 0.0;
    for i in visual_order(&levels) {
        match slots[i].take() {
            Some(Item::Piece(mut p)) => {
                if p.level % 2 == 1 && p.glyphs.is_none() {
                    p.text = p.text.chars().rev().collect();
                }
                line.pieces.push(Placed {
                    x,
                    style: p.style,
                    text: p.text,
                    width: p.width,
                    glyphs: p.glyphs,
                });
                x += p.width;
            }
            Some(Item::Gap(g)) => x += g,
            None => {}
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
}
