//! The PDF writer: the laid-out document becomes PDF bytes directly (page content streams,
//! subset CID fonts, metadata, named destinations, borderless links, nested outline and a
//! content-derived /ID), without an intermediate object model.
//!
//! - `file`: numbered objects, deflated streams, cross-reference table, PDF value spelling.
//! - `content`: the page content streams.
//! - `embed`: the faces, subset and embedded.
//! - `outline`: the bookmarks.
//!
//! The page streams are deflated on two threads; the result does not depend on it.

mod content;
mod embed;
mod file;
mod outline;

use std::io::Write;

use crate::DossierError;
use crate::layout::{Document, Page, Prim, Watermark};
use crate::model::Meta;
use content::WATERMARK_GS;
use file::{File, name, num, text};

/// The watermark of a page: a landscape page is the sheet turned, so the watermark moves to
/// its centre.
fn page_watermark(layout: &Document, p: &Page) -> Option<Watermark> {
    let mut m = layout.watermark.clone()?;
    if p.landscape {
        let shift = (layout.height - layout.width) / 2.0;
        m.run.x += shift;
        m.run.y -= shift;
    }
    Some(m)
}

/// A page's content stream and, when deflating paid, its deflated form.
type Stream = (Vec<u8>, Option<Vec<u8>>);

/// The content stream of every page, made on up to two threads.
fn page_streams(layout: &Document, faces: &content::Faces) -> Result<Vec<Stream>, DossierError> {
    let make = |p: &Page| -> Result<Stream, DossierError> {
        let data = content::page(
            &p.prims,
            p.height(),
            page_watermark(layout, p).as_ref(),
            faces,
        );
        let packed = file::deflate(&data)?;
        Ok((data, packed))
    };
    let pages = &layout.pages;
    let half = pages.len().div_ceil(2);
    let (first, second) = pages.split_at(half.min(pages.len()));
    std::thread::scope(|s| {
        let other = s.spawn(|| second.iter().map(make).collect::<Result<Vec<_>, _>>());
        let mut out = first.iter().map(make).collect::<Result<Vec<_>, _>>()?;
        let rest = other
            .join()
            .map_err(|_| DossierError::Pdf("page writer thread failed".into()))??;
        out.extend(rest);
        Ok(out)
    })
}

/// Write the laid-out document as PDF bytes.
pub(crate) fn write(layout: &Document, meta: &Meta) -> Result<Vec<u8>, DossierError> {
    // Embed only the faces that are used, each subset to what it draws.
    let mut collector = embed::Collector::default();
    for p in &layout.pages {
        for prim in &p.prims {
            if let Prim::Text(t) = prim {
                collector.note(t);
            }
        }
    }
    if let Some(w) = &layout.watermark {
        collector.note(&w.run);
    }
    let faces = collector.embed()?;
    // Fonts in the order of their resource names (how readers list them).
    let mut by_name: Vec<&embed::Embedded> = faces.values().collect();
    by_name.sort_by(|a, b| a.resource.cmp(&b.resource));
    let streams = page_streams(layout, &faces)?;
    let size: usize = streams
        .iter()
        .map(|(d, p)| p.as_ref().map_or(d.len(), Vec::len))
        .sum();
    let mut f = File::new(size + 256 * 1024);

    let (catalog, info, pages_id, resources, dests) =
        (f.alloc(), f.alloc(), f.alloc(), f.alloc(), f.alloc());
    let outline_root = (!layout.outline.is_empty()).then(|| f.alloc());
    let font_ids: Vec<u32> = by_name.iter().map(|_| f.alloc()).collect();
    let page_ids: Vec<u32> = layout.pages.iter().map(|_| f.alloc()).collect();

    // Document information: from the model, dates from the dossier date (never the clock).
    let mut b = Vec::with_capacity(1024);
    let date = format!("(D:{}000000Z)", meta.date.format("%Y%m%d"));
    b.extend_from_slice(b"<</Title");
    text(&mut b, &meta.title);
    b.extend_from_slice(b"/Author");
    text(&mut b, &meta.author);
    b.extend_from_slice(b"/Subject");
    text(&mut b, &meta.subject);
    b.extend_from_slice(b"/Keywords");
    text(
        &mut b,
        "ISO/IEC 20000-1:2018, service management, certification",
    );
    let _ = write!(
        b,
        "/Creator(Ready20k)/Producer(Ready20k dossier engine)/CreationDate{date}\
         /ModDate{date}>>"
    );
    f.object(info, &b);

    b.clear();
    let _ = write!(b, "<</Type/Catalog/Pages {pages_id} 0 R/Dests {dests} 0 R");
    b.extend_from_slice(b"/Lang(en-GB)/PageLayout/OneColumn");
    if let Some(root) = outline_root {
        let _ = write!(b, "/Outlines {root} 0 R/PageMode/UseOutlines");
    }
    b.extend_from_slice(b">>");
    f.object(catalog, &b);

    b.clear();
    let _ = write!(b, "<</Type/Pages/Count {}/Kids[", page_ids.len());
    for id in &page_ids {
        let _ = write!(b, "{id} 0 R ");
    }
    b.extend_from_slice(b"]>>");
    f.object(pages_id, &b);

    // One resource dictionary for every page: the fonts and the watermark's transparency.
    b.clear();
    b.extend_from_slice(b"<</Font<<");
    for (face, id) in by_name.iter().zip(&font_ids) {
        name(&mut b, &face.resource);
        let _ = write!(b, " {id} 0 R");
    }
    b.extend_from_slice(b">>");
    if let Some(w) = &layout.watermark {
        b.extend_from_slice(b"/ExtGState<<");
        name(&mut b, WATERMARK_GS);
        b.extend_from_slice(b"<</Type/ExtGState/ca ");
        num(&mut b, w.opacity);
        b.extend_from_slice(b">>>>");
    }
    b.extend_from_slice(b">>");
    f.object(resources, &b);
    for (face, id) in by_name.iter().zip(&font_ids) {
        face.write(&mut f, *id)?;
    }

    // Named destinations.
    b.clear();
    b.extend_from_slice(b"<<");
    let mut named: Vec<_> = layout.dests.iter().collect();
    named.sort_by(|a, b| a.name.cmp(&b.name));
    for d in named {
        let page = page_ids
            .get(d.page)
            .copied()
            .ok_or_else(|| DossierError::Pdf("destination page".into()))?;
        let ph = layout.pages.get(d.page).map_or(layout.height, Page::height);
        name(&mut b, &d.name);
        outline::dest(&mut b, page, ph - d.y + 6.0);
    }
    b.extend_from_slice(b">>");
    f.object(dests, &b);

    for ((p, id), (data, packed)) in layout.pages.iter().zip(&page_ids).zip(streams) {
        let contents = f.alloc();
        f.stream_packed(contents, b"", &data, packed);
        b.clear();
        let _ = write!(b, "<</Type/Page/Parent {pages_id} 0 R/MediaBox[0 0 ");
        let (w, h) = if p.landscape {
            (layout.height, layout.width)
        } else {
            (layout.width, layout.height)
        };
        num(&mut b, w);
        b.push(b' ');
        num(&mut b, h);
        let _ = write!(b, "]/Resources {resources} 0 R/Contents {contents} 0 R");
        if !p.links.is_empty() {
            // Borderless links to the destinations.
            let h = p.height();
            b.extend_from_slice(b"/Annots[");
            for l in &p.links {
                b.extend_from_slice(b"<</Type/Annot/Subtype/Link/Rect[");
                let r = [l.area.x, h - l.area.bottom(), l.area.right(), h - l.area.y];
                for (i, v) in r.iter().enumerate() {
                    if i > 0 {
                        b.push(b' ');
                    }
                    num(&mut b, *v);
                }
                b.extend_from_slice(b"]/Border[0 0 0]/F 4/Dest");
                name(&mut b, &l.dest);
                b.extend_from_slice(b">>");
            }
            b.push(b']');
        }
        b.extend_from_slice(b">>");
        f.object(*id, &b);
    }

    if let Some(root) = outline_root {
        let heights: Vec<f32> = layout.pages.iter().map(Page::height).collect();
        outline::write(&mut f, root, &layout.outline, &page_ids, &heights);
    }
    f.finish(catalog, info)
}
