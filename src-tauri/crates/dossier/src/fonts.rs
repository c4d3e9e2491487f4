//! The embedded DejaVu fonts (licence: `fonts/LICENSE-DejaVu.txt`).
//!
//! Shared by the layout (metrics, glyph coverage) and the PDF writer (embedding the subset
//! of each face that the dossier draws).

use std::collections::BTreeSet;

use crate::DossierError;

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

    /// The PostScript name of the face (after the subset tag in the PDF).
    pub(crate) fn postscript_name(self) -> &'static str {
        match self {
            FontKey::Regular => "DejaVuSans",
            FontKey::Bold => "DejaVuSans-Bold",
            FontKey::Oblique => "DejaVuSans-Oblique",
            FontKey::Mono => "DejaVuSansMono",
        }
    }

    /// A TrueType subset of the face with the glyphs for `chars` (plus .notdef).
    pub(crate) fn subset(self, chars: &BTreeSet<char>) -> Result<Vec<u8>, DossierError> {
        use allsorts::binary::read::ReadScope;
        use allsorts::font_data::FontData;
        use allsorts::subset::{CmapTarget, SubsetProfile, subset};
        use allsorts::tag;

        let face = ttf_parser::Face::parse(self.bytes(), 0)
            .map_err(|e| DossierError::Font(format!("{self:?}: {e}")))?;
        let gids: BTreeSet<u16> = chars
            .iter()
            .filter_map(|c| face.glyph_index(*c))
            .map(|g| g.0)
            .filter(|g| *g != 0)
            .collect();
        let ids: Vec<u16> = std::iter::once(0).chain(gids).collect();
        let font_err = |e: &dyn std::fmt::Display| DossierError::Font(format!("{self:?}: {e}"));
        let scope = ReadScope::new(self.bytes());
        let data = scope.read::<FontData<'_>>().map_err(|e| font_err(&e))?;
        let provider = data.table_provider(0).map_err(|e| font_err(&e))?;
        let profile = SubsetProfile::Custom(vec![
            tag::CMAP,
            tag::HEAD,
            tag::HHEA,
            tag::HMTX,
            tag::MAXP,
            tag::NAME,
            tag::OS_2,
            tag::POST,
            tag::CVT,
            tag::FPGM,
            tag::PREP,
        ]);
        subset(&provider, &ids, &profile, CmapTarget::Unicode).map_err(|e| font_err(&e))
    }
}

const SANS: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const SANS_BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");
const SANS_OBLIQUE: &[u8] = include_bytes!("../fonts/DejaVuSans-Oblique.ttf");
const SANS_MONO: &[u8] = include_bytes!("../fonts/DejaVuSansMono.ttf");
