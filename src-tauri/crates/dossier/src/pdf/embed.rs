//! The faces a dossier draws with, embedded as subset CID TrueType fonts (Identity-H): what
//! each face draws, the subset (allsorts, in `crate::fonts`), the code of each character
//! and glyph in the content streams, and the font objects (widths, descriptor, ToUnicode).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;

use super::file::{File, hex_u16, name};
use crate::DossierError;
use crate::fonts::FontKey;
use crate::layout::TextRun;

/// Characters below this have their code in a table instead of a map.
const TABLE: usize = 0x3000;

/// What the text of the document draws with one face.
#[derive(Default)]
pub(crate) struct Usage {
    /// Characters drawn one by one.
    chars: BTreeSet<char>,
    /// Shaped glyph ids (original numbering) and the text of the first cluster each starts.
    glyphs: BTreeMap<u16, String>,
    /// Order of first use among the installed faces.
    ordinal: usize,
}

/// Collects the faces and what they draw, in document order.
#[derive(Default)]
pub(crate) struct Collector {
    faces: BTreeMap<FontKey, Usage>,
    installed: usize,
}

impl Collector {
    /// Note what `t` draws.
    pub fn note(&mut self, t: &TextRun) {
        let installed = &mut self.installed;
        let u = self.faces.entry(t.font).or_insert_with(|| {
            let ordinal = *installed;
            if !t.font.is_embedded() {
                *installed += 1;
            }
            Usage {
                ordinal,
                ..Usage::default()
            }
        });
        match &t.glyphs {
            Some(gs) => {
                for g in gs {
                    u.glyphs.entry(g.id).or_insert_with(|| g.text.clone());
                }
            }
            None => u.chars.extend(t.text.chars()),
        }
    }

    /// Subset every face that draws something.
    pub fn embed(self) -> Result<BTreeMap<FontKey, Embedded>, DossierError> {
        let mut out = BTreeMap::new();
        for (key, u) in self.faces {
            if u.chars.is_empty() && u.glyphs.is_empty() {
                continue;
            }
            out.insert(key, Embedded::new(key, &u)?);
        }
        Ok(out)
    }
}

/// A face subset for the document, with the codes the content streams use.
pub(crate) struct Embedded {
    key: FontKey,
    /// Resource name; its first six letters are the subset tag.
    pub resource: String,
    /// The subset font program.
    program: Vec<u8>,
    /// Original glyph id -> subset glyph id (the code under Identity-H).
    remap: BTreeMap<u16, u16>,
    /// Code of each character below [`TABLE`] (0: none).
    table: Vec<u16>,
    /// Code of the other characters.
    rest: HashMap<char, u16>,
    /// Advance of each original shaped glyph in 1/1000 em, as the viewer computes it.
    widths: HashMap<u16, i64>,
    /// Advance of each subset glyph in 1/1000 em (index = code).
    code_widths: Vec<i64>,
    /// Text of each code, for copying and searching.
    unicode: BTreeMap<u16, String>,
    descriptor: Descriptor,
}

/// The font descriptor's numbers, in 1/1000 em.
struct Descriptor {
    ascent: i64,
    descent: i64,
    cap_height: i64,
    bbox: [i64; 4],
    italic_angle: i64,
    stem_v: i64,
}

/// Fixed resource names: the first six letters become the subset tag, so they are
/// uppercase and stable (deterministic output). Installed faces are named by their order of
/// first use in the document.
fn resource_name(key: FontKey, ordinal: usize) -> String {
    match key {
        FontKey::Regular => "RDYSAN".to_string(),
        FontKey::Bold => "RDYBLD".to_string(),
        FontKey::Oblique => "RDYOBL".to_string(),
        FontKey::Mono => "RDYMON".to_string(),
        FontKey::System(_) => {
            let a = char::from(b'A' + u8::try_from(ordinal / 26 % 26).unwrap_or(0));
            let b = char::from(b'A' + u8::try_from(ordinal % 26).unwrap_or(0));
            format!("RDYF{a}{b}")
        }
    }
}

impl Embedded {
    fn new(key: FontKey, u: &Usage) -> Result<Self, DossierError> {
        let gids: BTreeSet<u16> = u.glyphs.keys().copied().collect();
        let (program, remap) = key.subset(&u.chars, &gids)?;
        let (data, index) = key.data();
        let face = ttf_parser::Face::parse(data, index)
            .map_err(|e| DossierError::Font(format!("{key:?}: {e}")))?;
        let upem = f32::from(face.units_per_em());
        let per_mille = |v: f32| v * 1000.0 / upem;
        // Truncated like the /W entries readers are given, so kerning matches them.
        let advance = |g: u16| {
            face.glyph_hor_advance(ttf_parser::GlyphId(g))
                .map_or(0, |a| per_mille(f32::from(a)) as i64)
        };
        let mut code_widths = vec![0; remap.len()];
        for (old, new) in &remap {
            if let Some(w) = code_widths.get_mut(usize::from(*new)) {
                *w = advance(*old);
            }
        }
        let widths = gids.iter().map(|g| (*g, advance(*g))).collect();
        let mut table = vec![0u16; TABLE];
        let mut rest = HashMap::new();
        let mut unicode = BTreeMap::new();
        for c in &u.chars {
            let code = face
                .glyph_index(*c)
                .and_then(|g| remap.get(&g.0))
                .copied()
                .unwrap_or(0);
            match table.get_mut(*c as usize) {
                Some(slot) => *slot = code,
                None => {
                    rest.insert(*c, code);
                }
            }
            if code != 0 {
                unicode.entry(code).or_insert_with(|| c.to_string());
            }
        }
        for (g, text) in &u.glyphs {
            if let Some(code) = remap.get(g)
                && !text.is_empty()
            {
                unicode.entry(*code).or_insert_with(|| text.clone());
            }
        }
        let round = |v: i16| per_mille(f32::from(v)).round() as i64;
        let hhea = face.tables().hhea;
        let bb = face.global_bounding_box();
        let weight = face.weight().to_number();
        let descriptor = Descriptor {
            ascent: round(hhea.ascender),
            descent: round(hhea.descender),
            cap_height: round(face.capital_height().unwrap_or(hhea.ascender)),
            bbox: [
                round(bb.x_min),
                round(bb.y_min),
                round(bb.x_max),
                round(bb.y_max),
            ],
            italic_angle: face.italic_angle().round() as i64,
            stem_v: 50 + (f32::from(weight) / 65.0).powi(2).round() as i64,
        };
        Ok(Self {
            key,
            resource: resource_name(key, u.ordinal),
            program,
            remap,
            table,
            rest,
            widths,
            code_widths,
            unicode,
            descriptor,
        })
    }

    /// The code of a character drawn one by one (0, .notdef, when the face lacks it).
    pub fn code(&self, c: char) -> u16 {
        match self.table.get(c as usize) {
            Some(code) => *code,
            None => self.rest.get(&c).copied().unwrap_or(0),
        }
    }

    /// The code of a shaped glyph.
    pub fn glyph_code(&self, gid: u16) -> u16 {
        self.remap.get(&gid).copied().unwrap_or(0)
    }

    /// Advance of a shaped glyph (original id) in 1/1000 em.
    pub fn glyph_width(&self, gid: u16) -> i64 {
        self.widths.get(&gid).copied().unwrap_or(0)
    }

    /// Write the font's objects; `id` is the Type0 font the resources refer to.
    pub fn write(&self, file: &mut File, id: u32) -> Result<(), DossierError> {
        let (cid, desc, prog, cmap) = (file.alloc(), file.alloc(), file.alloc(), file.alloc());
        let base = format!("{}+{}", self.resource, self.key.postscript_name());
        let mut b = Vec::with_capacity(256);
        b.extend_from_slice(b"<</Type/Font/Subtype/Type0/BaseFont");
        name(&mut b, &base);
        let _ = write!(
            b,
            "/Encoding/Identity-H/DescendantFonts[{cid} 0 R]/ToUnicode {cmap} 0 R>>"
        );
        file.object(id, &b);

        b.clear();
        b.extend_from_slice(b"<</Type/Font/Subtype/CIDFontType2/BaseFont");
        name(&mut b, &base);
        let _ = write!(
            b,
            "/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>\
             /FontDescriptor {desc} 0 R/CIDToGIDMap/Identity/DW 1000/W[1["
        );
        for (i, w) in self.code_widths.iter().enumerate().skip(1) {
            if i > 1 {
                b.push(b' ');
            }
            let _ = write!(b, "{w}");
        }
        b.extend_from_slice(b"]]>>");
        file.object(cid, &b);

        let d = &self.descriptor;
        let italic = if d.italic_angle != 0 { 64 } else { 0 };
        b.clear();
        b.extend_from_slice(b"<</Type/FontDescriptor/FontName");
        name(&mut b, &base);
        let _ = write!(
            b,
            "/Flags {}/FontBBox[{} {} {} {}]/ItalicAngle {}/Ascent {}/Descent {}\
             /CapHeight {}/StemV {}/FontFile2 {prog} 0 R>>",
            32 | italic,
            d.bbox[0],
            d.bbox[1],
            d.bbox[2],
            d.bbox[3],
            d.italic_angle,
            d.ascent,
            d.descent,
            d.cap_height,
            d.stem_v,
        );
        file.object(desc, &b);

        let length1 = format!("/Length1 {}", self.program.len());
        file.stream(prog, length1.as_bytes(), &self.program)?;
        file.stream(cmap, b"", &self.to_unicode())
    }

    /// The ToUnicode CMap: the text of every code.
    fn to_unicode(&self) -> Vec<u8> {
        let mut s = Vec::with_capacity(64 + self.unicode.len() * 24);
        let _ = write!(
            s,
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        );
        let entries: Vec<(&u16, &String)> = self.unicode.iter().collect();
        for chunk in entries.chunks(100) {
            let _ = writeln!(s, "{} beginbfchar", chunk.len());
            for (code, text) in chunk {
                s.push(b'<');
                hex_u16(&mut s, **code);
                s.extend_from_slice(b"> <");
                for u in text.encode_utf16() {
                    hex_u16(&mut s, u);
                }
                s.extend_from_slice(b">\n");
            }
            s.extend_from_slice(b"endbfchar\n");
        }
        s.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        s
    }
}
