//! Fonts installed on the machine, for characters the embedded DejaVu faces lack.
//!
//! The system font database (`fontdb`) is read once per process, and only when a character
//! needs it, so a Latin dossier never pays for it. Candidates are ranked (Noto Sans first,
//! the requested weight, upright, then by name for a deterministic choice); a chosen face is
//! read into memory once and kept for the life of the process, like the embedded faces.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use ttf_parser::Face;

/// A system face in use: its bytes (a font file, possibly a collection) and parsed face.
pub(crate) struct SystemFace {
    /// The whole font file.
    pub data: &'static [u8],
    /// Face index inside a collection.
    pub index: u32,
    /// The parsed face.
    pub face: Face<'static>,
    /// PostScript name (after the subset tag in the PDF).
    pub postscript: String,
}

/// Which kind of face the text asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Want {
    /// Bold wanted.
    pub bold: bool,
    /// Monospaced wanted.
    pub mono: bool,
}

/// Which regional variant of the unified CJK ideographs suits the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) enum CjkHint {
    /// Simplified Chinese (the default for Han without kana or hangul).
    #[default]
    Chinese,
    /// Japanese (the text has kana).
    Japanese,
    /// Korean (the text has hangul).
    Korean,
}

impl CjkHint {
    /// The variant for a text: kana means Japanese, hangul Korean, otherwise Chinese.
    pub fn of(text: &str) -> CjkHint {
        for c in text.chars() {
            match c as u32 {
                0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => return CjkHint::Japanese,
                0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => return CjkHint::Korean,
                _ => {}
            }
        }
        CjkHint::Chinese
    }

    fn suffix(self) -> &'static str {
        match self {
            CjkHint::Chinese => " SC",
            CjkHint::Japanese => " JP",
            CjkHint::Korean => " KR",
        }
    }
}

struct Candidate {
    id: fontdb::ID,
    family: String,
    postscript: String,
    index: u32,
    weight: u16,
    italic: bool,
    /// Sorted, disjoint code point ranges the face maps (read on first need).
    coverage: Option<Vec<(u32, u32)>>,
}

struct Db {
    db: fontdb::Database,
    candidates: Vec<Candidate>,
    /// Candidate order per request kind.
    orders: HashMap<(Want, CjkHint), Vec<usize>>,
    /// Chosen face (index into `loaded`) per character and request kind.
    chosen: HashMap<(char, Want, CjkHint), Option<usize>>,
    /// Faces in use; `SystemFace`s are never dropped (the layout and PDF hold `&'static`).
    loaded: Vec<&'static SystemFace>,
    /// Candidate index -> index in `loaded`.
    loaded_by_candidate: HashMap<usize, usize>,
}

fn db() -> &'static Mutex<Db> {
    static DB: OnceLock<Mutex<Db>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let mut candidates: Vec<Candidate> = db
            .faces()
            .filter_map(|f| {
                let family = f.families.first()?.0.clone();
                Some(Candidate {
                    id: f.id,
                    family,
                    postscript: f.post_script_name.clone(),
                    index: f.index,
                    weight: f.weight.0,
                    italic: f.style != fontdb::Style::Normal,
                    coverage: None,
                })
            })
            .collect();
        // A stable base order, independent of the directory walk.
        candidates.sort_by(|a, b| {
            (&a.family, &a.postscript, a.index).cmp(&(&b.family, &b.postscript, b.index))
        });
        Mutex::new(Db {
            db,
            candidates,
            orders: HashMap::new(),
            chosen: HashMap::new(),
            loaded: Vec::new(),
            loaded_by_candidate: HashMap::new(),
        })
    })
}

/// Preference of a candidate for a request (smaller is better).
fn rank(c: &Candidate, want: Want, hint: CjkHint) -> (u8, u8, u8, u16, bool) {
    let f = c.family.as_str();
    let mono = f.contains("Mono");
    let class = if f.starts_with("Noto Sans") && mono == want.mono {
        0
    } else if f.starts_with("Noto Sans") {
        1
    } else if f.starts_with("Noto") {
        2
    } else {
        3
    };
    let ui = u8::from(f.ends_with(" UI"));
    let cjk = u8::from(f.contains("CJK") && !f.ends_with(hint.suffix()));
    let target: u16 = if want.bold { 700 } else { 400 };
    (class, ui, cjk, c.weight.abs_diff(target), c.italic)
}

fn read_coverage(db: &fontdb::Database, c: &Candidate) -> Vec<(u32, u32)> {
    db.with_face_data(c.id, |data, index| {
        let Ok(face) = Face::parse(data, index) else {
            return Vec::new();
        };
        let mut cps: Vec<u32> = Vec::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables {
                if sub.is_unicode() {
                    sub.codepoints(|cp| cps.push(cp));
                }
            }
        }
        cps.sort_unstable();
        cps.dedup();
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for cp in cps {
            match ranges.last_mut() {
                Some(r) if r.1 + 1 == cp => r.1 = cp,
                _ => ranges.push((cp, cp)),
            }
        }
        ranges
    })
    .unwrap_or_default()
}

fn covers(ranges: &[(u32, u32)], c: char) -> bool {
    let cp = c as u32;
    let i = ranges.partition_point(|r| r.1 < cp);
    ranges.get(i).is_some_and(|r| r.0 <= cp)
}

impl Db {
    fn order(&mut self, want: Want, hint: CjkHint) -> Vec<usize> {
        let candidates = &self.candidates;
        self.orders
            .entry((want, hint))
            .or_insert_with(|| {
                let mut v: Vec<usize> = (0..candidates.len()).collect();
                v.sort_by_key(|&i| rank(&candidates[i], want, hint));
                v
            })
            .clone()
    }

    fn load(&mut self, ci: usize) -> Option<usize> {
        if let Some(&i) = self.loaded_by_candidate.get(&ci) {
            return Some(i);
        }
        let c = &self.candidates[ci];
        let (source, index) = self.db.face_source(c.id)?;
        let bytes: Vec<u8> = match source {
            fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => {
                std::fs::read(path).ok()?
            }
            fontdb::Source::Binary(data) => (*data).as_ref().to_vec(),
        };
        // Kept for the life of the process: each face is read at most once.
        let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let face = Face::parse(data, index).ok()?;
        let sf: &'static SystemFace = Box::leak(Box::new(SystemFace {
            data,
            index,
            face,
            postscript: c.postscript.clone(),
        }));
        self.loaded.push(sf);
        let i = self.loaded.len() - 1;
        self.loaded_by_candidate.insert(ci, i);
        Some(i)
    }

    fn find(&mut self, ch: char, want: Want, hint: CjkHint) -> Option<usize> {
        if let Some(r) = self.chosen.get(&(ch, want, hint)) {
            return *r;
        }
        let mut found = None;
        for ci in self.order(want, hint) {
            if self.candidates[ci].coverage.is_none() {
                let cov = read_coverage(&self.db, &self.candidates[ci]);
                self.candidates[ci].coverage = Some(cov);
            }
            let hit = self.candidates[ci]
                .coverage
                .as_deref()
                .is_some_and(|r| covers(r, ch));
            if hit && let Some(i) = self.load(ci) {
                let real = self.loaded[i]
                    .face
                    .glyph_index(ch)
                    .is_some_and(|g| g.0 != 0);
                if real {
                    found = Some(i);
                    break;
                }
            }
        }
        self.chosen.insert((ch, want, hint), found);
        found
    }
}

/// The installed face (its process-wide number) that draws `c`, if any.
pub(crate) fn find(c: char, want: Want, hint: CjkHint) -> Option<usize> {
    let mut g = db()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    g.find(c, want, hint)
}

/// The installed face with process-wide number `i` (see [`find`]).
pub(crate) fn face(i: usize) -> Option<&'static SystemFace> {
    let g = db()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    g.loaded.get(i).copied()
}

/// The Debian package that brings a font for `c` (for the missing-glyph report).
pub fn package_for(c: char) -> &'static str {
    match c as u32 {
        0x1100..=0x11FF
        | 0x2E80..=0x2FFF
        | 0x3000..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF => "fonts-noto-cjk",
        0x1F300..=0x1FAFF | 0x2600..=0x27BF => "fonts-symbola",
        _ => "fonts-noto-core",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn hints_follow_kana_and_hangul() {
        assert_eq!(CjkHint::of("服务管理"), CjkHint::Chinese);
        assert_eq!(CjkHint::of("月次サービス"), CjkHint::Japanese);
        assert_eq!(CjkHint::of("서비스"), CjkHint::Korean);
    }

    #[test]
    fn coverage_ranges_are_searched() {
        let r = [(0x41, 0x5A), (0x600, 0x6FF)];
        assert!(covers(&r, 'A') && covers(&r, 'Z') && covers(&r, 'ب'));
        assert!(!covers(&r, 'a') && !covers(&r, '@'));
    }

    #[test]
    fn packages_are_named_by_script() {
        assert_eq!(package_for('認'), "fonts-noto-cjk");
        assert_eq!(package_for('ሀ'), "fonts-noto-core");
    }
}
