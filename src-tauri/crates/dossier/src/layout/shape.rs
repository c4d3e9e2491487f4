//! Scripts, shaping (rustybuzz) and the right-to-left order of a line (unicode-bidi levels).
//!
//! Latin, Greek, Cyrillic and CJK text is drawn character by character from the font's
//! cmap, as before; runs in scripts whose glyphs depend on their neighbours (Arabic joining,
//! Indic clusters, marks) and every run in an installed fallback face are shaped.

use super::Glyph;
use crate::fonts::FontKey;

/// Whether `c` belongs to a script that needs a shaper (contextual forms, reordering,
/// mark positioning).
pub fn is_complex(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF   // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic
        | 0x0900..=0x0DFF // Indic scripts, Sinhala
        | 0x0E00..=0x0EFF // Thai, Lao
        | 0x0F00..=0x109F // Tibetan, Myanmar
        | 0x1780..=0x18AF // Khmer, Mongolian
        | 0xA8E0..=0xA8FF // Devanagari extended
        | 0xFB1D..=0xFDFF // Hebrew and Arabic presentation forms
        | 0xFE70..=0xFEFF)
}

/// Whether `c` is written right to left (strong R or AL).
pub fn is_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFC)
}

/// Whether `c` belongs to a script written without spaces between words, where the
/// Unicode line-breaking rules decide where a line may end.
pub fn is_spaceless(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF   // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x2E80..=0x2FFF // CJK radicals
        | 0x3000..=0x9FFF // CJK symbols, kana, ideographs
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF // full-width forms
        | 0x20000..=0x3FFFF)
}

/// Zero-width format characters that steer shaping (joiners) or direction (marks).
pub fn is_format(c: char) -> bool {
    matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2069 | 0xFEFF)
}

/// A face prepared for shaping.
pub struct Shaper {
    face: rustybuzz::Face<'static>,
    units: f32,
}

impl Shaper {
    /// The shaper of `face`.
    pub fn new(face: ttf_parser::Face<'static>) -> Self {
        let units = f32::from(face.units_per_em());
        Self {
            face: rustybuzz::Face::from_face(face),
            units,
        }
    }

    /// Shape `text` at `size` pt; glyphs come out in visual order (right to left runs
    /// reversed). Each cluster's text goes to its first glyph.
    pub fn shape(&self, text: &str, size: f32, rtl: bool) -> Vec<Glyph> {
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(text);
        buf.set_direction(if rtl {
            rustybuzz::Direction::RightToLeft
        } else {
            rustybuzz::Direction::LeftToRight
        });
        buf.guess_segment_properties();
        let out = rustybuzz::shape(&self.face, &[], buf);
        let scale = size / self.units;
        let mut starts: Vec<usize> = out
            .glyph_infos()
            .iter()
            .map(|i| i.cluster as usize)
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let mut seen: Vec<usize> = Vec::new();
        out.glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(info, pos)| {
                let start = info.cluster as usize;
                let text = if seen.contains(&start) {
                    String::new()
                } else {
                    seen.push(start);
                    let k = starts.partition_point(|s| *s <= start);
                    let end = starts.get(k).copied().unwrap_or(text.len());
                    text.get(start..end).unwrap_or_default().to_string()
                };
                Glyph {
                    id: u16::try_from(info.glyph_id).unwrap_or(0),
                    advance: pos.x_advance as f32 * scale,
                    dx: pos.x_offset as f32 * scale,
                    dy: pos.y_offset as f32 * scale,
                    text,
                }
            })
            .collect()
    }
}

/// Whether a piece of `text` in `font` is shaped (installed faces always are; the embedded
/// faces only for complex scripts, so Latin text is drawn exactly as before).
pub fn must_shape(font: FontKey, text: &str) -> bool {
    !font.is_embedded() || text.chars().any(is_complex)
}

/// Reorder items with bidi `levels` into visual order (rule L2 of UAX #9): from the highest
/// level down to the lowest odd one, reverse every maximal run at that level or above.
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let Some(&max) = levels.iter().max() else {
        return order;
    };
    let Some(min_odd) = levels.iter().copied().filter(|l| l % 2 == 1).min() else {
        return order;
    };
    let mut lvl = max;
    while lvl >= min_odd {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]] >= lvl {
                let mut j = i;
                while j + 1 < order.len() && levels[order[j + 1]] >= lvl {
                    j += 1;
                }
                order[i..=j].reverse();
                i = j + 1;
            } else {
                i += 1;
            }
        }
        if lvl == 0 {
            break;
        }
        lvl -= 1;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visual_order_reverses_right_to_left_runs() {
        assert_eq!(visual_order(&[0, 0, 0]), vec![0, 1, 2]);
        assert_eq!(visual_order(&[0, 1, 1, 1, 0]), vec![0, 3, 2, 1, 4]);
        // Digits (level 2) inside right-to-left text keep their own order.
        assert_eq!(visual_order(&[1, 2, 2, 1]), vec![3, 1, 2, 0]);
    }

    #[test]
    fn scripts_are_classified() {
        assert!(is_complex('ب') && is_rtl('ب') && !is_spaceless('ب'));
        assert!(is_complex('क') && !is_rtl('क'));
        assert!(is_spaceless('認') && is_spaceless('サ') && !is_complex('認'));
        assert!(!is_complex('é') && !is_spaceless('a'));
    }
}
