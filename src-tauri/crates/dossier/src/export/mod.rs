//! Each approved document on its own, as a file to hand over: Word (`.docx`, for firms and
//! consultants who edit in Word and auditors who ask for it), PDF (laid out like the
//! dossier) or Markdown (the approved text under a document-control table).
//!
//! Every format carries the same document-control facts as the dossier's section 4.

mod docx;
mod markdown;

use ready20k_domain::documents::export::DocFormat;

use crate::DossierError;
use crate::build::ApprovedDocument;

pub use docx::write as docx;
pub use markdown::write as markdown;

/// Longest file name stem written (characters), well below every file system's limit.
const MAX_STEM_CHARS: usize = 120;

/// One exported document.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedFile {
    /// Document id.
    pub key: String,
    /// File name (no folder): `<DOC-ID> <Title> v<version>.<ext>`.
    pub file_name: String,
    /// The file.
    pub bytes: Vec<u8>,
}

/// Writes `doc` in `format`.
pub fn export(doc: &ApprovedDocument, format: DocFormat) -> Result<ExportedFile, DossierError> {
    let bytes = match format {
        DocFormat::Docx => docx::write(doc)?,
        DocFormat::Pdf => crate::render(&doc.model)?.pdf,
        DocFormat::Md => markdown::write(doc).into_bytes(),
    };
    Ok(ExportedFile {
        key: doc.key.clone(),
        file_name: file_name(doc, format),
        bytes,
    })
}

/// `<DOC-ID> <Title> v<version>.<ext>`, safe on every file system: no path separators,
/// reserved or control characters, no leading dot, bounded length.
pub fn file_name(doc: &ApprovedDocument, format: DocFormat) -> String {
    let raw = format!("{} {} v{}", doc.key.trim(), doc.title.trim(), doc.version);
    let mut stem = String::with_capacity(raw.len());
    for c in raw.chars() {
        let c = if c.is_whitespace() {
            ' '
        } else if c.is_control()
            || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        {
            '-'
        } else {
            c
        };
        if !(c == ' ' && stem.ends_with(' ')) {
            stem.push(c);
        }
    }
    let mut stem: String = stem
        .trim_matches(|c: char| c == '.' || c == ' ' || c == '-')
        .chars()
        .take(MAX_STEM_CHARS)
        .collect();
    stem = stem.trim_end_matches(['.', ' ']).to_owned();
    if stem.is_empty() {
        stem = "document".into();
    }
    format!("{stem}.{}", format.as_str())
}

#[cfg(test)]
mod tests;
