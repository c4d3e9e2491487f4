//! Words and lines: the pieces of a word in one face and direction, splitting a word too
//! wide for its line, and placing a line's words in visual (bidi) order.

use super::metrics::Metrics;
use super::shape::visual_order;
use super::text::Style;
use super::{Glyph, Prim, TextRun};

/// A piece of a word in one face and one direction.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Piece {
    pub(super) style: Style,
    /// The characters (logical order).
    pub(super) text: String,
    pub(super) width: f32,
    /// Shaped glyphs in visual order, when the piece is shaped.
    pub(super) glyphs: Option<Vec<Glyph>>,
    /// Bidi embedding level (odd = right to left).
    pub(super) level: u8,
}

/// A word (no break opportunity inside except by characters), possibly mixing styles.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Word {
    pub(super) pieces: Vec<Piece>,
    pub(super) width: f32,
    /// Width of the space that follows the word (0 at the end or at a break without space).
    pub(super) space_after: f32,
    /// Bidi level of that space.
    pub(super) space_level: u8,
}

impl Word {
    /// An empty word.
    pub(super) fn new() -> Self {
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
    /// How far the text starts after the line start: the room left on a line of a
    /// right-to-left paragraph, which is aligned to the right edge of the width it was
    /// wrapped to (0 for left-to-right paragraphs and unbounded lines).
    pub indent: f32,
}

impl Line {
    /// Text primitives for this line with its start at `x` (the text itself starts at
    /// `x + indent`) and baseline at `baseline`.
    pub fn prims(&self, x: f32, baseline: f32) -> Vec<Prim> {
        let x = x + self.indent;
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

/// Split a too-wide word into chunks that each fit `max_width` (shaped pieces by glyphs).
pub(super) fn split_word(metrics: &Metrics, word: Word, max_width: f32) -> Vec<Word> {
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
pub(super) fn finish_line(words: Vec<Word>) -> Line {
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
