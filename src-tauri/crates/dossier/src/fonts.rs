//! The embedded DejaVu fonts (licence: `fonts/LICENSE-DejaVu.txt`).
//!
//! Shared by the layout (metrics, glyph coverage) and the PDF writer (embedding).

/// The four faces the dossier uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FontKey {
    /// DejaVu Sans.
    Regular,
    /// DejaVu Sans Bold.
    Bold,
    /// DejaVu Sans Oblique.
    Oblique,
    /// DejaVu Sans Mono.
    Mono,
}

impl FontKey {
    /// All faces, in fallback order.
    pub const ALL: [FontKey; 4] = [
        FontKey::Regular,
        FontKey::Bold,
        FontKey::Oblique,
        FontKey::Mono,
    ];

    /// Index into [`FontKey::ALL`].
    pub fn index(self) -> usize {
        match self {
            FontKey::Regular => 0,
            FontKey::Bold => 1,
            FontKey::Oblique => 2,
            FontKey::Mono => 3,
        }
    }

    /// The TrueType bytes of this face.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            FontKey::Regular => SANS,
            FontKey::Bold => SANS_BOLD,
            FontKey::Oblique => SANS_OBLIQUE,
            FontKey::Mono => SANS_MONO,
        }
    }
}

const SANS: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const SANS_BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");
const SANS_OBLIQUE: &[u8] = include_bytes!("../fonts/DejaVuSans-Oblique.ttf");
const SANS_MONO: &[u8] = include_bytes!("../fonts/DejaVuSansMono.ttf");
