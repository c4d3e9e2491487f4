//! `ready20k-dossier`: the certification dossier as a PDF, built as
//! `store snapshot -> model -> layout -> pdf bytes`.
//!
//! - [`model`]: what the dossier says (no PDF or layout types).
//! - [`layout`]: text wrapping with real font metrics, tables, charts, pagination, contents,
//!   running header and footer -> pages of positioned primitives.
//! - `pdf`: the only module that touches the PDF libraries.
//! - [`build`]: the dossier model of a project (snapshot + content library + options).
//! - [`export`]: each approved document on its own, as Word, PDF or Markdown.
//!
//! Same model -> byte-identical PDF: fonts have fixed resource names, dates come from the
//! model and the /ID is derived from the content.

pub mod build;
pub mod export;
mod fonts;
pub mod layout;
pub mod model;
mod pdf;

/// Errors of the dossier pipeline.
#[derive(Debug, thiserror::Error)]
pub enum DossierError {
    /// An embedded font could not be parsed.
    #[error("font error: {0}")]
    Font(String),
    /// The layout could not be completed.
    #[error("layout error: {0}")]
    Layout(String),
    /// Writing the PDF failed.
    #[error("PDF error: {0}")]
    Pdf(String),
    /// Writing a Word document failed.
    #[error("Word document error: {0}")]
    Docx(String),
}

impl DossierError {
    /// Stable snake_case code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            DossierError::Font(_) => "dossier_font",
            DossierError::Layout(_) => "dossier_layout",
            DossierError::Pdf(_) => "dossier_pdf",
            DossierError::Docx(_) => "dossier_docx",
        }
    }
}

/// A rendered dossier.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
    /// Characters no embedded or installed font could draw; each occurrence was printed
    /// as '?'.
    pub missing_glyphs: Vec<char>,
    /// How many characters were replaced.
    pub substitutions: usize,
    /// Debian packages whose fonts would draw the missing characters.
    pub font_packages: Vec<&'static str>,
}

/// Where the glyphs of a dossier may come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FontSources {
    /// The embedded DejaVu faces, then fonts installed on the machine.
    #[default]
    EmbeddedAndInstalled,
    /// Only the embedded faces (reproducible on any machine).
    EmbeddedOnly,
}

/// Lay out and write the dossier (embedded fonts, then installed ones).
pub fn render(d: &model::Dossier) -> Result<Rendered, DossierError> {
    render_with(d, FontSources::default())
}

/// Lay out and write the dossier with the given font sources.
pub fn render_with(d: &model::Dossier, fonts: FontSources) -> Result<Rendered, DossierError> {
    let doc = layout::layout_with(d, fonts == FontSources::EmbeddedAndInstalled)?;
    let pdf = pdf::write(&doc, &d.meta)?;
    let mut font_packages: Vec<&'static str> = doc
        .missing_glyphs
        .iter()
        .map(|c| fonts::package_for(*c))
        .collect();
    font_packages.sort_unstable();
    font_packages.dedup();
    Ok(Rendered {
        pdf,
        pages: doc.pages.len(),
        missing_glyphs: doc.missing_glyphs,
        substitutions: doc.substitutions,
        font_packages,
    })
}
