//! Font metrics of the embedded faces (advances, vertical metrics, glyph coverage), the
//! shapers of the faces in use and the memo of wrapped lines.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use ttf_parser::Face;

use super::Colour;
use super::line::Line;
use super::shape::Shaper;
use crate::DossierError;
use crate::fonts::FontKey;

/// Advance widths and vertical metrics of the faces, and shapers for them.
pub struct Metrics {
    faces: Vec<Face<'static>>,
    units: [f32; 4],
    ascender: [f32; 4],
    descender: [f32; 4],
    /// Whether fonts installed on the machine may draw what the embedded faces cannot.
    pub(super) installed: bool,
    shapers: RefCell<HashMap<FontKey, Rc<Shaper>>>,
    /// Advance at 1 pt of the characters below [`FAST`] in each embedded face (negative:
    /// no glyph), read once instead of through the cmap for every character.
    fast: [Vec<f32>; 4],
    /// Lines already wrapped (the layout runs twice to settle the contents' page numbers).
    pub(super) memo: RefCell<HashMap<WrapKey, Wrapped>>,
}

/// Characters with a precomputed advance (Latin, Greek, Cyrillic, Hebrew, Arabic).
const FAST: u32 = 0x800;

/// What identifies a wrap: base style, width and the runs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct WrapKey {
    pub(super) font: FontKey,
    pub(super) size: u32,
    pub(super) colour: Colour,
    pub(super) width: u32,
    pub(super) runs: Vec<(String, bool, bool, bool)>,
}

/// A remembered wrap and what it reported.
pub(super) struct Wrapped {
    pub(super) lines: Vec<Line>,
    pub(super) missing: Vec<char>,
    pub(super) substitutions: usize,
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

    pub(super) fn shaper(&self, key: FontKey) -> Option<Rc<Shaper>> {
        if let Some(s) = self.shapers.borrow().get(&key) {
            return Some(s.clone());
        }
        let face = self.face(key)?.clone();
        let s = Rc::new(Shaper::new(face));
        self.shapers.borrow_mut().insert(key, s.clone());
        Some(s)
    }
}
