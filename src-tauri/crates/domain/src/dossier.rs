//! What the dossier screen sends and receives (the PDF itself is built by `ready20k-dossier`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which dossier to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DossierPack {
    /// Everything.
    Full,
    /// Documents and scope, for the stage 1 audit.
    Stage1,
    /// A short executive summary.
    Summary,
}

/// The outcome of generating a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DossierSaved {
    /// Where the PDF was saved; `None` when the user cancelled the save dialog.
    pub path: Option<String>,
    /// Number of pages.
    pub pages: u32,
    /// Size of the PDF in bytes.
    pub bytes: u64,
    /// Whether the DRAFT watermark is printed (a required document is not approved).
    pub draft: bool,
    /// Characters no embedded font could draw (printed as '?').
    pub missing_glyphs: Vec<String>,
    /// Whether the PDF was handed to the system viewer.
    pub opened: bool,
}
