//! What exporting approved documents sends and receives: the file format and the outcome
//! (the files themselves are written by `ready20k-dossier`'s export module).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The format an approved document is exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocFormat {
    /// Word (Office Open XML), for editing in Word or LibreOffice.
    #[default]
    Docx,
    /// PDF, laid out like the dossier.
    Pdf,
    /// Markdown: the approved text under a document-control table.
    Md,
}

impl DocFormat {
    /// Every format, in menu order.
    pub const ALL: [DocFormat; 3] = [DocFormat::Docx, DocFormat::Pdf, DocFormat::Md];

    /// Stable id and file extension: `docx`, `pdf`, `md`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocFormat::Docx => "docx",
            DocFormat::Pdf => "pdf",
            DocFormat::Md => "md",
        }
    }

    /// Parses [`DocFormat::as_str`] (any case).
    pub fn parse(s: &str) -> Option<DocFormat> {
        let s = s.trim();
        DocFormat::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
    }
}

/// The outcome of exporting approved documents from the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentsExported {
    /// The folder written to; `None` when the user cancelled the picker.
    pub dir: Option<String>,
    /// The file names written, in register order.
    pub files: Vec<String>,
    /// Total size of the files in bytes.
    pub bytes: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_match_serde() {
        for f in DocFormat::ALL {
            assert_eq!(DocFormat::parse(f.as_str()), Some(f));
            let json = serde_json::to_string(&f).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", f.as_str()));
        }
        assert_eq!(DocFormat::parse(" DOCX "), Some(DocFormat::Docx));
        assert_eq!(DocFormat::parse("odt"), None);
    }
}
