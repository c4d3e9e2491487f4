//! The embedded DejaVu fonts (licence: `fonts/LICENSE-DejaVu.txt`) and, for characters they
//! lack, fonts installed on the machine (`system`).
//!
//! Shared by the layout (metrics, glyph coverage) and the PDF writer (embedding the subset
//! of each face that the dossier draws).

use std::collections::{BTreeMap, BTreeSet};

use crate::DossierError;

pub(crate) mod system;

pub use system::package_for;

/// A face the dossier draws with: one of the four embedded DejaVu faces, or a font installed
/// on the machine for characters DejaVu lacks.
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
    /// An installed face, by its process-wide number (see `fonts::system`).
    System(u16),
}

impl FontKey {
    /// The embedded faces, in fallback order.
    pub const ALL: [FontKey; 4] = [
        FontKey::Regular,
        FontKey::Bold,
        FontKey::Oblique,
        FontKey::Mono,
    ];

    /// Whether this is one of the embedded DejaVu faces.
    pub fn is_embedded(self) -> bool {
        !matches!(self, FontKey::System(_))
    }

    fn system(self) -> Option<&'static system::SystemFace> {
        match self {
            FontKey::System(i) => system::face(usize::from(i)),
            _ => None,
        }
    }

    /// The font file bytes and face index of this face.
    pub(crate) fn data(self) -> (&'static [u8], u32) {
        match self {
            FontKey::Regular => (SANS, 0),
            FontKey::Bold => (SANS_BOLD, 0),
            FontKey::Oblique => (SANS_OBLIQUE, 0),
            FontKey::Mono => (SANS_MONO, 0),
            FontKey::System(_) => self.system().map_or((&[][..], 0), |f| (f.data, f.index)),
        }
    }

    /// The parsed face (the embedded ones are parsed by the caller once; installed ones
    /// were parsed when chosen).
    pub(crate) fn system_face(self) -> Option<&'static ttf_parser::Face<'static>> {
        self.system().map(|f| &f.face)
    }

    /// The PostScript name of the face (after the subset tag in the PDF).
    pub(crate) fn postscript_name(self) -> String {
        match self {
            FontKey::Regular => "DejaVuSans".into(),
            FontKey::Bold => "DejaVuSans-Bold".into(),
            FontKey::Oblique => "DejaVuSans-Oblique".into(),
            FontKey::Mono => "DejaVuSansMono".into(),
            FontKey::System(i) => self
                .system()
                .map_or_else(|| format!("Font{i}"), |f| f.postscript.clone()),
        }
    }

    /// A subset of the face with the glyphs for `chars` and the glyph ids `glyphs` (plus
    /// .notdef), and the subset's id for each original glyph id.
    pub(crate) fn subset(
        self,
        chars: &BTreeSet<char>,
        glyphs: &BTreeSet<u16>,
    ) -> Result<(Vec<u8>, BTreeMap<u16, u16>), DossierError> {
        use allsorts::binary::read::ReadScope;
        use allsorts::font_data::FontData;
        use allsorts::subset::{CmapTarget, SubsetProfile, subset};
        use allsorts::tag;

        let (bytes, index) = self.data();
        let face = ttf_parser::Face::parse(bytes, index)
            .map_err(|e| DossierError::Font(format!("{self:?}: {e}")))?;
        let gids: BTreeSet<u16> = chars
            .iter()
            .filter_map(|c| face.glyph_index(*c))
            .map(|g| g.0)
            .chain(glyphs.iter().copied())
            .filter(|g| *g != 0)
            .collect();
        let ids: Vec<u16> = std::iter::once(0).chain(gids).collect();
        let map: BTreeMap<u16, u16> = ids
            .iter()
            .enumerate()
            .filter_map(|(new, old)| u16::try_from(new).ok().map(|n| (*old, n)))
            .collect();
        let font_err = |e: &dyn std::fmt::Display| DossierError::Font(format!("{self:?}: {e}"));
        let scope = ReadScope::new(bytes);
        let data = scope.read::<FontData<'_>>().map_err(|e| font_err(&e))?;
        let provider = data
            .table_provider(index as usize)
            .map_err(|e| font_err(&e))?;
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
        let out =
            subset(&provider, &ids, &profile, CmapTarget::Unicode).map_err(|e| font_err(&e))?;
        Ok((out, map))
    }
}

const SANS: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
const SANS_BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");
const SANS_OBLIQUE: &[u8] = include_bytes!("../../fonts/DejaVuSans-Oblique.ttf");
const SANS_MONO: &[u8] = include_bytes!("../../fonts/DejaVuSansMono.ttf");
