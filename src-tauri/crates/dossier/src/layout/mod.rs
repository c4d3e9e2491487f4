//! Layout: the model becomes pages of positioned primitives.
//!
//! Coordinates are in PostScript points with the origin at the top-left corner of the page
//! and y growing downwards; text positions are baselines. Nothing here knows the PDF writer.
//!
//! - `blocks`: model blocks become items (boxes, paragraph lines, tables, breaks);
//!   `contents`: the table of contents; `paginate`: one pass placing the items on pages;
//!   `cover`: the cover page; `decorate`: running header, footer and watermark.
//! - `table`, `chart` and [`text`]: tables, charts, and wrapping with real font metrics
//!   (`metrics`; `line`: words and lines in visual order).

mod blocks;
mod chart;
mod contents;
mod cover;
mod decorate;
mod line;
mod metrics;
mod paginate;
mod shape;
mod table;
pub mod text;

use std::collections::BTreeMap;

use crate::DossierError;
pub use crate::fonts::FontKey;
use crate::model::Dossier;
use text::Style;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Colour(pub u8, pub u8, pub u8);

impl Colour {
    /// Black.
    pub const BLACK: Colour = Colour(0, 0, 0);
    /// White.
    pub const WHITE: Colour = Colour(255, 255, 255);
}

/// The house palette: restrained, one accent.
pub mod palette {
    use super::Colour;
    /// Accent: deep teal #0e7490.
    pub const TEAL: Colour = Colour(0x0e, 0x74, 0x90);
    /// Darker teal for titles.
    pub const TEAL_DARK: Colour = Colour(0x15, 0x5e, 0x75);
    /// Very light teal fill.
    pub const TEAL_TINT: Colour = Colour(0xec, 0xf6, 0xf8);
    /// Mid teal tint (chart fills).
    pub const TEAL_LIGHT: Colour = Colour(0xb9, 0xdd, 0xe6);
    /// Body text.
    pub const INK: Colour = Colour(0x1f, 0x29, 0x37);
    /// Secondary text.
    pub const MUTED: Colour = Colour(0x6b, 0x72, 0x80);
    /// Hairlines.
    pub const RULE: Colour = Colour(0xd5, 0xdb, 0xe1);
    /// Zebra rows.
    pub const ZEBRA: Colour = Colour(0xf3, 0xf6, 0xf8);
    /// Chart tracks.
    pub const TRACK: Colour = Colour(0xe6, 0xea, 0xee);
    /// Good.
    pub const GOOD: Colour = Colour(0x15, 0x80, 0x3d);
    /// Warning.
    pub const WARN: Colour = Colour(0xb4, 0x53, 0x09);
    /// Bad.
    pub const BAD: Colour = Colour(0xb9, 0x1c, 0x1c);
    /// Warning tint.
    pub const WARN_TINT: Colour = Colour(0xfe, 0xf6, 0xe7);
}

/// A stroke.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// Colour.
    pub colour: Colour,
    /// Width in pt.
    pub width: f32,
    /// Dashed (short dashes) instead of solid.
    pub dashed: bool,
}

impl Stroke {
    /// A solid stroke.
    pub fn solid(colour: Colour, width: f32) -> Self {
        Self {
            colour,
            width,
            dashed: false,
        }
    }
    /// A dashed stroke.
    pub fn dashed(colour: Colour, width: f32) -> Self {
        Self {
            colour,
            width,
            dashed: true,
        }
    }

    /// A straight line from (x1, y1) to (x2, y2) drawn with this stroke.
    pub fn line(self, x1: f32, y1: f32, x2: f32, y2: f32) -> Prim {
        Prim::Line {
            x1,
            y1,
            x2,
            y2,
            stroke: self,
        }
    }
}

/// A run of text in one face, size and colour.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Face (every character of `text` has a glyph in it).
    pub font: FontKey,
    /// Size in pt.
    pub size: f32,
    /// Left edge.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Colour.
    pub colour: Colour,
    /// The text, in drawing order.
    pub text: String,
    /// Advance width in pt.
    pub width: f32,
    /// Shaped glyphs in drawing order (complex scripts and installed faces); `None` means
    /// the characters of `text` are drawn one by one. For a shaped run `text` is the
    /// logical text it stands for.
    pub glyphs: Option<Vec<Glyph>>,
}

/// A shaped glyph.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Glyph id in the face.
    pub id: u16,
    /// Advance in pt.
    pub advance: f32,
    /// Horizontal offset from the pen position in pt.
    pub dx: f32,
    /// Vertical offset (up) in pt.
    pub dy: f32,
    /// The characters of its cluster (on the cluster's first glyph, else empty).
    pub text: String,
}

/// A positioned drawing primitive.
#[derive(Debug, Clone, PartialEq)]
pub enum Prim {
    /// Text.
    Text(TextRun),
    /// A straight line.
    Line {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Stroke.
        stroke: Stroke,
    },
    /// A rectangle (x, y is the top-left corner).
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: Option<Colour>,
        /// Outline.
        stroke: Option<Stroke>,
    },
    /// A closed polygon.
    Polygon {
        /// Vertices.
        points: Vec<(f32, f32)>,
        /// Fill colour.
        fill: Option<Colour>,
        /// Outline.
        stroke: Option<Stroke>,
    },
}

impl Prim {
    /// A rectangle filled with `fill`, its top-left corner at (x, y).
    pub fn rect(x: f32, y: f32, w: f32, h: f32, fill: Colour, stroke: Option<Stroke>) -> Prim {
        Prim::Rect {
            x,
            y,
            w,
            h,
            fill: Some(fill),
            stroke,
        }
    }

    /// The same primitive moved by (dx, dy).
    pub fn translated(mut self, dx: f32, dy: f32) -> Prim {
        match &mut self {
            Prim::Text(t) => {
                t.x += dx;
                t.y += dy;
            }
            Prim::Line { x1, y1, x2, y2, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y1 += dy;
                *y2 += dy;
            }
            Prim::Rect { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Prim::Polygon { points, .. } => {
                for p in points {
                    p.0 += dx;
                    p.1 += dy;
                }
            }
        }
        self
    }
}

/// A rectangle on a page (top-left origin).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Area {
    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
}

/// A clickable area that jumps to a named destination.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRect {
    /// The clickable area.
    pub area: Area,
    /// Destination name (a section id).
    pub dest: String,
}

/// A named destination.
#[derive(Debug, Clone, PartialEq)]
pub struct Dest {
    /// Name (a section id).
    pub name: String,
    /// Zero-based page index.
    pub page: usize,
    /// Top of the target, in layout coordinates.
    pub y: f32,
}

/// An outline (bookmark) entry; `depth` gives the nesting (0 = top level).
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// Title shown in the viewer.
    pub title: String,
    /// Nesting depth, 0-based; an entry is the child of the nearest earlier entry with a
    /// smaller depth.
    pub depth: usize,
    /// Zero-based page index.
    pub page: usize,
    /// Top of the heading, in layout coordinates.
    pub y: f32,
}

/// One laid-out page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Drawing primitives in painting order.
    pub prims: Vec<Prim>,
    /// Clickable areas.
    pub links: Vec<LinkRect>,
    /// A landscape page (for a table too wide for portrait): the layout coordinates are
    /// those of the turned page ([`PAGE_H`] wide, [`PAGE_W`] high).
    pub landscape: bool,
}

impl Page {
    /// Height of the page in pt.
    pub fn height(&self) -> f32 {
        if self.landscape { PAGE_W } else { PAGE_H }
    }
}

/// The laid-out dossier.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Page width in pt.
    pub width: f32,
    /// Page height in pt.
    pub height: f32,
    /// Where content may be drawn (header and footer included).
    pub printable: Area,
    /// Where the flowing body goes.
    pub body: Area,
    /// Pages.
    pub pages: Vec<Page>,
    /// Named destinations.
    pub dests: Vec<Dest>,
    /// Outline, in document order.
    pub outline: Vec<OutlineEntry>,
    /// Characters no embedded face could draw (replaced by '?').
    pub missing_glyphs: Vec<char>,
    /// Number of replaced characters.
    pub substitutions: usize,
    /// Section id -> zero-based page index (what the table of contents printed).
    pub section_pages: BTreeMap<String, usize>,
    /// Diagonal text printed over every page, if any.
    pub watermark: Option<Watermark>,
}

impl Document {
    /// The body area of page `i` (wider and lower on a landscape page).
    pub fn page_body(&self, i: usize) -> Area {
        if self.pages.get(i).is_some_and(|p| p.landscape) {
            landscape_body_area()
        } else {
            self.body
        }
    }

    /// The printable area of page `i`.
    pub fn page_printable(&self, i: usize) -> Area {
        if self.pages.get(i).is_some_and(|p| p.landscape) {
            Area {
                x: PRINTABLE_INSET,
                y: PRINTABLE_INSET,
                w: PAGE_H - 2.0 * PRINTABLE_INSET,
                h: PAGE_W - 2.0 * PRINTABLE_INSET,
            }
        } else {
            self.printable
        }
    }
}

/// A light diagonal text across the page (drawn last, translucent, so content stays legible).
#[derive(Debug, Clone, PartialEq)]
pub struct Watermark {
    /// The text; `x`/`y` are the start of the baseline before rotation (layout coordinates).
    pub run: TextRun,
    /// Rotation in degrees, counter-clockwise.
    pub angle: f32,
    /// Fill opacity, 0..1.
    pub opacity: f32,
}

/// A4 portrait.
pub const PAGE_W: f32 = 595.276;
/// A4 portrait.
pub const PAGE_H: f32 = 841.89;

/// Left and right margin of the body.
const MARGIN_X: f32 = 62.0;
/// Top of the body (below the running header).
const BODY_TOP: f32 = 80.0;
/// Bottom of the body (above the running footer).
const BODY_BOTTOM: f32 = 782.0;
/// Nothing is drawn closer to the edge of the paper than this.
const PRINTABLE_INSET: f32 = 28.0;

/// Body text size.
const BODY_SIZE: f32 = 9.4;
/// Body line height.
const BODY_LH: f32 = 13.6;

/// Where the flowing body goes.
fn body_area() -> Area {
    Area {
        x: MARGIN_X,
        y: BODY_TOP,
        w: PAGE_W - 2.0 * MARGIN_X,
        h: BODY_BOTTOM - BODY_TOP,
    }
}

/// Where the flowing body goes on a landscape page: same margins, the footer as far from
/// the bottom edge as on a portrait page.
fn landscape_body_area() -> Area {
    Area {
        x: MARGIN_X,
        y: BODY_TOP,
        w: PAGE_H - 2.0 * MARGIN_X,
        h: PAGE_W - (PAGE_H - BODY_BOTTOM) - BODY_TOP,
    }
}

/// Where anything may be drawn (header and footer included).
fn printable_area() -> Area {
    Area {
        x: PRINTABLE_INSET,
        y: PRINTABLE_INSET,
        w: PAGE_W - 2.0 * PRINTABLE_INSET,
        h: PAGE_H - 2.0 * PRINTABLE_INSET,
    }
}

/// The body text style.
fn body_style() -> Style {
    Style {
        font: FontKey::Regular,
        size: BODY_SIZE,
        colour: palette::INK,
    }
}

/// Lay out the dossier: two passes, the second with the page numbers the first found for
/// the table of contents (repeated until the numbers are stable).
pub fn layout(d: &Dossier) -> Result<Document, DossierError> {
    layout_with(d, true)
}

/// [`layout`], saying whether fonts installed on the machine may draw what the embedded
/// faces lack.
pub fn layout_with(d: &Dossier, installed_fonts: bool) -> Result<Document, DossierError> {
    let metrics = text::Metrics::with_installed(installed_fonts)?;
    if !paginate::has_contents(d) {
        // No contents page: no page numbers to settle, one pass.
        return paginate::paginate(d, &metrics, None);
    }
    let mut numbers: Option<BTreeMap<String, usize>> = None;
    for _ in 0..4 {
        let doc = paginate::paginate(d, &metrics, numbers.as_ref())?;
        if numbers.as_ref() == Some(&doc.section_pages) {
            return Ok(doc);
        }
        numbers = Some(doc.section_pages.clone());
    }
    Err(DossierError::Layout(
        "table of contents page numbers did not settle".into(),
    ))
}
