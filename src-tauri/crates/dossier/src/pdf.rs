//! The PDF writer: the only module that knows printpdf (page content, embedded subset
//! fonts) and lopdf (metadata, named destinations, borderless links, nested outline and a
//! content-derived /ID).

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Codepoint, Color, DictItem, ExtendedGraphicsState, ExtendedGraphicsStateId, FontId, Line,
    LineDashPattern, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, Rgb, TextItem, TextMatrix,
    WindingOrder,
};
use sha2::{Digest, Sha256};

use crate::DossierError;
use crate::fonts::FontKey;
use crate::layout::{Colour, Document, OutlineEntry, Page, Prim, Stroke, TextRun, Watermark};
use crate::model::Meta;

/// Fixed resource names: the first six letters become the subset tag, so they are
/// uppercase and stable (deterministic output). Installed faces are named by their order of
/// first use in the document.
fn font_id(key: FontKey, fonts: &Fonts) -> FontId {
    FontId(match key {
        FontKey::Regular => "RDYSAN".to_string(),
        FontKey::Bold => "RDYBLD".to_string(),
        FontKey::Oblique => "RDYOBL".to_string(),
        FontKey::Mono => "RDYMON".to_string(),
        FontKey::System(_) => {
            let n = fonts.get(&key).map_or(0, |f| f.ordinal);
            let a = char::from(b'A' + u8::try_from(n / 26 % 26).unwrap_or(0));
            let b = char::from(b'A' + u8::try_from(n % 26).unwrap_or(0));
            format!("RDYF{a}{b}")
        }
    })
}

/// What the writer knows of each face it embeds.
#[derive(Default)]
struct FontUse {
    /// Characters drawn one by one.
    chars: BTreeSet<char>,
    /// Shaped glyph ids (original numbering).
    glyphs: BTreeSet<u16>,
    /// Order of first use among the installed faces.
    ordinal: usize,
    /// Original glyph id -> subset glyph id.
    remap: BTreeMap<u16, u16>,
    /// Advance of each original glyph in 1/1000 em, as the PDF viewer will compute it.
    widths: BTreeMap<u16, i64>,
}

type Fonts = BTreeMap<FontKey, FontUse>;

fn rgb(c: Colour) -> Color {
    Color::Rgb(Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

/// Graphics state tracked while writing a page, so that unchanged state is not repeated.
#[derive(Default)]
struct State {
    in_text: bool,
    font: Option<(FontKey, u32)>,
    fill: Option<Colour>,
    stroke: Option<Colour>,
    width: Option<u32>,
    dashed: bool,
}

impl State {
    fn end_text(&mut self, ops: &mut Vec<Op>) {
        if self.in_text {
            ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    /// Leaves text mode and sets the colours (and stroke) of a filled and/or outlined shape.
    fn shape(&mut self, ops: &mut Vec<Op>, fill: Option<Colour>, stroke: Option<&Stroke>) {
        self.end_text(ops);
        if let Some(c) = fill {
            self.fill(ops, c);
        }
        if let Some(s) = stroke {
            self.stroke(ops, s);
        }
    }

    fn fill(&mut self, ops: &mut Vec<Op>, c: Colour) {
        if self.fill != Some(c) {
            ops.push(Op::SetFillColor { col: rgb(c) });
            self.fill = Some(c);
        }
    }

    fn stroke(&mut self, ops: &mut Vec<Op>, s: &Stroke) {
        if self.stroke != Some(s.colour) {
            ops.push(Op::SetOutlineColor { col: rgb(s.colour) });
            self.stroke = Some(s.colour);
        }
        let w = (s.width * 100.0).round() as u32;
        if self.width != Some(w) {
            ops.push(Op::SetOutlineThickness { pt: Pt(s.width) });
            self.width = Some(w);
        }
        if self.dashed != s.dashed {
            let dash = if s.dashed {
                LineDashPattern::new(0.0, &[2.0, 1.8])
            } else {
                LineDashPattern::solid()
            };
            ops.push(Op::SetLineDashPattern { dash });
            self.dashed = s.dashed;
        }
    }
}

fn point(x: f32, y: f32, h: f32) -> LinePoint {
    LinePoint {
        p: Point {
            x: Pt(x),
            y: Pt(h - y),
        },
        bezier: false,
    }
}

fn paint_mode(fill: bool, stroke: bool) -> Option<PaintMode> {
    match (fill, stroke) {
        (true, true) => Some(PaintMode::FillStroke),
        (true, false) => Some(PaintMode::Fill),
        (false, true) => Some(PaintMode::Stroke),
        (false, false) => None,
    }
}

/// Fixed resource name of the watermark's graphics state (deterministic output).
const WATERMARK_GS: &str = "GSWMK";

/// The watermark, drawn last and translucent so that the content underneath stays legible.
fn watermark_ops(ops: &mut Vec<Op>, w: &Watermark, h: f32, fonts: &Fonts) {
    let t = &w.run;
    let (s, c) = w.angle.to_radians().sin_cos();
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::LoadGraphicsState {
        gs: ExtendedGraphicsStateId(WATERMARK_GS.to_string()),
    });
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(font_id(t.font, fonts)),
        size: Pt(t.size),
    });
    ops.push(Op::SetFillColor { col: rgb(t.colour) });
    ops.push(Op::SetTextMatrix {
        matrix: TextMatrix::Raw([c, s, -s, c, t.x, h - t.y]),
    });
    ops.push(Op::ShowText {
        items: vec![TextItem::Text(t.text.clone())],
    });
    ops.push(Op::EndTextSection);
    ops.push(Op::RestoreGraphicsState);
}

fn page_ops(prims: &[Prim], h: f32, watermark: Option<&Watermark>, fonts: &Fonts) -> Vec<Op> {
    let mut ops = Vec::with_capacity(prims.len() * 3);
    let mut st = State::default();
    for prim in prims {
        match prim {
            Prim::Text(t) => {
                if !st.in_text {
                    ops.push(Op::StartTextSection);
                    st.in_text = true;
                    // Text state survives BT/ET, but keep it simple and explicit.
                    st.font = None;
                }
                let size_key = (t.size * 100.0).round() as u32;
                if st.font != Some((t.font, size_key)) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font_id(t.font, fonts)),
                        size: Pt(t.size),
                    });
                    st.font = Some((t.font, size_key));
                }
                st.fill(&mut ops, t.colour);
                if t.glyphs.is_some() {
                    glyph_ops(&mut ops, t, h, fonts);
                    continue;
                }
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(t.x), Pt(h - t.y)),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(t.text.clone())],
                });
            }
            Prim::Line {
                x1,
                y1,
                x2,
                y2,
                stroke,
            } => {
                st.end_text(&mut ops);
                st.stroke(&mut ops, stroke);
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(*x1, *y1, h), point(*x2, *y2, h)],
                        is_closed: false,
                    },
                });
            }
            Prim::Rect {
                x,
                y,
                w,
                h: rh,
                fill,
                stroke,
            } => {
                let Some(mode) = paint_mode(fill.is_some(), stroke.is_some()) else {
                    continue;
                };
                st.shape(&mut ops, *fill, stroke.as_ref());
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(h - y - rh),
                        width: Pt(*w),
                        height: Pt(*rh),
                        mode: Some(mode),
                        winding_order: None,
                    },
                });
            }
            Prim::Polygon {
                points,
                fill,
                stroke,
            } => {
                let Some(mode) = paint_mode(fill.is_some(), stroke.is_some()) else {
                    continue;
                };
                if points.len() < 2 {
                    continue;
                }
                st.shape(&mut ops, *fill, stroke.as_ref());
                ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![PolygonRing {
                            points: points.iter().map(|(x, y)| point(*x, *y, h)).collect(),
                        }],
                        mode,
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
        }
    }
    st.end_text(&mut ops);
    if let Some(w) = watermark {
        watermark_ops(&mut ops, w, h, fonts);
    }
    ops
}

fn utf16_hex(s: &str) -> Vec<u8> {
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    bytes
}

/// A shaped run: its glyphs by id, placed with kerning offsets (and a new text matrix where
/// a glyph is raised or lowered), wrapped in a span whose /ActualText is the logical text so
/// that copying and text extraction give the characters, in reading order.
fn glyph_ops(ops: &mut Vec<Op>, t: &TextRun, h: f32, fonts: &Fonts) {
    let Some(glyphs) = &t.glyphs else { return };
    let Some(f) = fonts.get(&t.font) else { return };
    let span = !t.text.is_empty();
    if span {
        let mut map = BTreeMap::new();
        map.insert(
            "ActualText".to_string(),
            DictItem::String {
                data: utf16_hex(&t.text),
                literal: false,
            },
        );
        ops.push(Op::BeginMarkedContentWithProperties {
            tag: "Span".to_string(),
            properties: DictItem::Dict { map },
        });
    }
    let em = t.size / 1000.0;
    let mut pen = 0.0f32;
    let mut i = 0;
    while i < glyphs.len() {
        let dy = glyphs[i].dy;
        let mut j = i;
        while j + 1 < glyphs.len() && glyphs[j + 1].dy == dy {
            j += 1;
        }
        // Where the viewer's pen is (from the segment start) and where each glyph belongs.
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(t.x + pen + glyphs[i].dx), Pt(h - t.y + dy)),
        });
        let mut items = Vec::with_capacity(j - i + 1);
        for k in i..=j {
            let g = &glyphs[k];
            // The kerning offset after each glyph brings the viewer's pen (advanced by the
            // font's width) to where the shaper puts the next glyph.
            let here = pen + g.dx;
            pen += g.advance;
            let w = f.widths.get(&g.id).copied().unwrap_or(0) as f32 * em;
            let after = here + w;
            let next = if k < j { pen + glyphs[k + 1].dx } else { after };
            let kern = (after - next) / em;
            items.push(Codepoint {
                gid: f.remap.get(&g.id).copied().unwrap_or(0),
                offset: kern,
                cid: (!g.text.is_empty()).then(|| g.text.clone()),
            });
        }
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(items)],
        });
        i = j + 1;
    }
    if span {
        ops.push(Op::EndMarkedContentWithProperties);
    }
}

fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn pdf_date(meta: &Meta) -> Object {
    let s = format!("D:{}000000Z", meta.date.format("%Y%m%d"));
    Object::String(s.into_bytes(), StringFormat::Literal)
}

fn dest_array(page: ObjectId, top: f32) -> Object {
    Object::Array(vec![
        Object::Reference(page),
        Object::Name(b"XYZ".to_vec()),
        Object::Real(0.0),
        Object::Real(top),
        Object::Null,
    ])
}

fn pdf_err(e: impl std::fmt::Display) -> DossierError {
    DossierError::Pdf(e.to_string())
}

/// Write the laid-out document as PDF bytes.
pub(crate) fn write(layout: &Document, meta: &Meta) -> Result<Vec<u8>, DossierError> {
    let h = layout.height;
    let mut doc = PdfDocument::new(&meta.title);

    // Embed only the faces that are used, each subset to the glyphs it draws. printpdf
    // subsets only with its heavy `text_layout` feature, so we subset here (allsorts, with a
    // Unicode cmap so printpdf can still map characters to glyphs) and tag the names below.
    let mut fonts: Fonts = BTreeMap::new();
    let mut installed = 0usize;
    let mut note = |fonts: &mut Fonts, t: &TextRun| {
        let f = fonts.entry(t.font).or_insert_with(|| {
            let ordinal = installed;
            if !t.font.is_embedded() {
                installed += 1;
            }
            FontUse {
                ordinal,
                ..FontUse::default()
            }
        });
        match &t.glyphs {
            Some(gs) => f.glyphs.extend(gs.iter().map(|g| g.id)),
            None => f.chars.extend(t.text.chars()),
        }
    };
    for p in &layout.pages {
        for prim in &p.prims {
            if let Prim::Text(t) = prim {
                note(&mut fonts, t);
            }
        }
    }
    if let Some(w) = &layout.watermark {
        note(&mut fonts, &w.run);
        let gs = ExtendedGraphicsState::default().with_current_fill_alpha(w.opacity);
        doc.resources
            .extgstates
            .map
            .insert(ExtendedGraphicsStateId(WATERMARK_GS.to_string()), gs);
    }
    let mut subset_names = Vec::new();
    let keys: Vec<FontKey> = fonts.keys().copied().collect();
    for key in keys {
        let id = font_id(key, &fonts);
        let Some(f) = fonts.get_mut(&key) else {
            continue;
        };
        if f.chars.is_empty() && f.glyphs.is_empty() {
            continue;
        }
        let (bytes, remap) = key.subset(&f.chars, &f.glyphs)?;
        if !f.glyphs.is_empty() {
            let (data, index) = key.data();
            let face = ttf_parser::Face::parse(data, index)
                .map_err(|e| DossierError::Font(format!("{key:?}: {e}")))?;
            let upem = f32::from(face.units_per_em());
            for g in &f.glyphs {
                let adv = face
                    .glyph_hor_advance(ttf_parser::GlyphId(*g))
                    .map_or(0, |a| (f32::from(a) * 1000.0 / upem) as i64);
                f.widths.insert(*g, adv);
            }
        }
        f.remap = remap;
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| DossierError::Font(format!("cannot parse subset of {key:?}")))?;
        subset_names.push((id.0.clone(), format!("{}+{}", id.0, key.postscript_name())));
        doc.resources.fonts.map.insert(id, PdfFont::new(parsed));
    }
    let pages = layout
        .pages
        .iter()
        .map(|p| {
            // A landscape page: the sheet turned, its watermark moved to the new centre.
            let (w, ph) = if p.landscape {
                (Mm(297.0), Mm(210.0))
            } else {
                (Mm(210.0), Mm(297.0))
            };
            let turned;
            let mut mark = layout.watermark.as_ref();
            if p.landscape {
                turned = mark.map(|m| {
                    let shift = (layout.height - layout.width) / 2.0;
                    let mut m = m.clone();
                    m.run.x += shift;
                    m.run.y -= shift;
                    m
                });
                mark = turned.as_ref();
            }
            PdfPage::new(w, ph, page_ops(&p.prims, p.height(), mark, &fonts))
        })
        .collect();
    doc.with_pages(pages);

    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    lo.version = "1.7".to_string();

    let page_ids: Vec<ObjectId> = lo.get_pages().into_values().collect();
    if page_ids.len() != layout.pages.len() {
        return Err(DossierError::Pdf(format!(
            "expected {} pages, wrote {}",
            layout.pages.len(),
            page_ids.len()
        )));
    }

    // Document information: from the model, dates from the dossier date (never the clock);
    // this also drops printpdf's /GTS_PDFXVersion (the file is not PDF/X).
    let mut info = Dictionary::new();
    info.set("Title", text_string(&meta.title));
    info.set("Author", text_string(&meta.author));
    info.set("Subject", text_string(&meta.subject));
    info.set(
        "Keywords",
        text_string("ISO/IEC 20000-1:2018, service management, certification"),
    );
    info.set("Creator", text_string("Ready20k"));
    info.set(
        "Producer",
        text_string("Ready20k dossier engine (printpdf, lopdf)"),
    );
    info.set("CreationDate", pdf_date(meta));
    info.set("ModDate", pdf_date(meta));
    let info_id = lo.add_object(info);
    let old_info = lo.trailer.get(b"Info").and_then(Object::as_reference).ok();
    if let Some(old) = old_info {
        lo.objects.remove(&old);
    }
    lo.trailer.set("Info", Object::Reference(info_id));

    // Named destinations.
    let mut dests = Dictionary::new();
    for d in &layout.dests {
        let page = page_ids
            .get(d.page)
            .copied()
            .ok_or_else(|| pdf_err("destination page"))?;
        let ph = layout.pages.get(d.page).map_or(h, Page::height);
        dests.set(d.name.as_bytes().to_vec(), dest_array(page, ph - d.y + 6.0));
    }
    let dests_id = lo.add_object(dests);

    // Borderless links to the destinations.
    for (i, p) in layout.pages.iter().enumerate() {
        if p.links.is_empty() {
            continue;
        }
        let h = p.height();
        let mut annots = Vec::new();
        for l in &p.links {
            let mut a = Dictionary::new();
            a.set("Type", Object::Name(b"Annot".to_vec()));
            a.set("Subtype", Object::Name(b"Link".to_vec()));
            a.set(
                "Rect",
                Object::Array(vec![
                    Object::Real(l.area.x),
                    Object::Real(h - l.area.bottom()),
                    Object::Real(l.area.right()),
                    Object::Real(h - l.area.y),
                ]),
            );
            a.set(
                "Border",
                Object::Array(vec![
                    Object::Integer(0),
                    Object::Integer(0),
                    Object::Integer(0),
                ]),
            );
            a.set("F", Object::Integer(4));
            a.set("Dest", Object::Name(l.dest.as_bytes().to_vec()));
            annots.push(Object::Reference(lo.add_object(a)));
        }
        let page_id = page_ids
            .get(i)
            .copied()
            .ok_or_else(|| pdf_err("link page"))?;
        let page = lo
            .get_object_mut(page_id)
            .and_then(Object::as_dict_mut)
            .map_err(pdf_err)?;
        page.set("Annots", Object::Array(annots));
    }

    tag_subset_fonts(&mut lo, &subset_names);

    // Nested outline.
    let heights: Vec<f32> = layout.pages.iter().map(Page::height).collect();
    let outline_id = build_outline(&mut lo, &layout.outline, &page_ids, &heights)?;

    let root_id = lo
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(pdf_err)?;
    let catalog = lo
        .get_object_mut(root_id)
        .and_then(Object::as_dict_mut)
        .map_err(pdf_err)?;
    catalog.set("Dests", Object::Reference(dests_id));
    catalog.set(
        "Lang",
        Object::String(b"en-GB".to_vec(), StringFormat::Literal),
    );
    if let Some(id) = outline_id {
        catalog.set("Outlines", Object::Reference(id));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    catalog.remove(b"Metadata");
    catalog.remove(b"OutputIntents");

    lo.prune_objects();
    lo.renumber_objects();
    compress_streams(&mut lo)?;

    // Deterministic /ID: a hash of the file written with a fixed placeholder /ID.
    let placeholder = Object::String(vec![0u8; 16], StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    let mut out = Vec::new();
    lo.save_to(&mut out).map_err(pdf_err)?;
    let digest = Sha256::digest(&out);
    // The hash replaces the placeholder in the trailer (same length, so no offset moves):
    // the bytes a second save with the real /ID would write, without writing twice.
    let hole = format!("<{}>", "00".repeat(16)).into_bytes();
    let id: String = digest[..16].iter().map(|b| format!("{b:02X}")).collect();
    let real = format!("<{id}>").into_bytes();
    for _ in 0..2 {
        let at = out
            .windows(hole.len())
            .rposition(|w| w == hole.as_slice())
            .ok_or_else(|| pdf_err("trailer /ID not found"))?;
        out[at..at + hole.len()].copy_from_slice(&real);
    }
    Ok(out)
}

/// Build the outline tree from the flat, depth-annotated entries.
fn build_outline(
    lo: &mut lopdf::Document,
    entries: &[OutlineEntry],
    page_ids: &[ObjectId],
    heights: &[f32],
) -> Result<Option<ObjectId>, DossierError> {
    if entries.is_empty() {
        return Ok(None);
    }
    let root = lo.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| lo.new_object_id()).collect();
    // Parent of each entry: nearest earlier entry with a smaller depth.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        while stack.last().is_some_and(|&j| entries[j].depth >= e.depth) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let children = |p: Option<usize>| -> Vec<usize> {
        (0..entries.len()).filter(|&i| parent[i] == p).collect()
    };
    let mut dicts: Vec<Dictionary> = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let page = page_ids
            .get(e.page)
            .copied()
            .ok_or_else(|| pdf_err("outline page"))?;
        let mut d = Dictionary::new();
        d.set("Title", text_string(&e.title));
        d.set(
            "Parent",
            Object::Reference(parent[i].map_or(root, |p| ids[p])),
        );
        let h = heights.get(e.page).copied().unwrap_or(0.0);
        d.set("Dest", dest_array(page, h - e.y + 6.0));
        dicts.push(d);
    }
    let link_siblings = |dicts: &mut Vec<Dictionary>, sibs: &[usize]| {
        for (k, &i) in sibs.iter().enumerate() {
            if k > 0 {
                dicts[i].set("Prev", Object::Reference(ids[sibs[k - 1]]));
            }
            if let Some(&n) = sibs.get(k + 1) {
                dicts[i].set("Next", Object::Reference(ids[n]));
            }
        }
    };
    for i in 0..entries.len() {
        let kids = children(Some(i));
        if let (Some(&f), Some(&l)) = (kids.first(), kids.last()) {
            dicts[i].set("First", Object::Reference(ids[f]));
            dicts[i].set("Last", Object::Reference(ids[l]));
            // Top-level chapters open, deeper levels closed (negative count).
            let count = kids.len() as i64;
            dicts[i].set(
                "Count",
                Object::Integer(if entries[i].depth == 0 { count } else { -count }),
            );
        }
        link_siblings(&mut dicts, &kids);
    }
    let top = children(None);
    link_siblings(&mut dicts, &top);
    // Visible entries: top level plus the children of open (depth 0) entries.
    let visible: i64 = top.len() as i64
        + top
            .iter()
            .map(|&i| children(Some(i)).len() as i64)
            .sum::<i64>();
    let mut root_dict = Dictionary::new();
    root_dict.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(&f), Some(&l)) = (top.first(), top.last()) {
        root_dict.set("First", Object::Reference(ids[f]));
        root_dict.set("Last", Object::Reference(ids[l]));
    }
    root_dict.set("Count", Object::Integer(visible));
    lo.objects.insert(root, Object::Dictionary(root_dict));
    for (id, d) in ids.iter().zip(dicts) {
        lo.objects.insert(*id, Object::Dictionary(d));
    }
    Ok(Some(root))
}

/// Give the subset fonts their tagged names (`ABCDEF+Name`) on /BaseFont and /FontName.
fn tag_subset_fonts(lo: &mut lopdf::Document, names: &[(String, String)]) {
    for obj in lo.objects.values_mut() {
        let Ok(dict) = obj.as_dict_mut() else {
            continue;
        };
        for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
            let current = dict
                .get(key)
                .and_then(Object::as_name)
                .ok()
                .map(<[u8]>::to_vec);
            let Some(current) = current else { continue };
            if let Some((_, tagged)) = names.iter().find(|(id, _)| id.as_bytes() == current) {
                dict.set(key.to_vec(), Object::Name(tagged.as_bytes().to_vec()));
            }
        }
    }
}

/// Deflate every stream that is not yet filtered, on two threads (the page streams are most
/// of the file's bytes and of its writing time). lopdf's own `compress` uses the slowest zlib
/// level; the default level writes files within a few percent of its size at a fraction of
/// the time. The output does not depend on how the work is split.
fn compress_streams(lo: &mut lopdf::Document) -> Result<(), DossierError> {
    let mut streams: Vec<&mut lopdf::Stream> = lo
        .objects
        .values_mut()
        .filter_map(|obj| match obj {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    let half = streams.len() / 2;
    let (first, second) = streams.split_at_mut(half);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| deflate_all(first));
        let mine = deflate_all(second);
        other
            .join()
            .map_err(|_| pdf_err("compression thread"))?
            .and(mine)
    })
}

/// Deflates each of `streams` whose packed form is smaller (see [`compress_streams`]).
fn deflate_all(streams: &mut [&mut lopdf::Stream]) -> Result<(), DossierError> {
    use std::io::Write;
    for stream in streams {
        let mut enc = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 3),
            flate2::Compression::new(ZLIB_LEVEL),
        );
        enc.write_all(&stream.content).map_err(pdf_err)?;
        let packed = enc.finish().map_err(pdf_err)?;
        if packed.len() + 19 < stream.content.len() {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(packed);
        }
    }
    Ok(())
}

/// zlib level for the streams (see [`compress_streams`]).
const ZLIB_LEVEL: u32 = 6;
