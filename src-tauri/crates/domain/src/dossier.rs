//! What the dossier screen sends and receives (the PDF itself is built by `ready20k-dossier`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which dossier to print: the one pack type of the app, the CLI and the dossier crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DossierPack {
    /// Everything: scope, catalogue, roles, policies, scorecard, compliance matrix, actions,
    /// evidence and the required-documents checklist.
    #[default]
    Full,
    /// What a stage 1 (documentation) audit reviews: scope and context, catalogue, roles,
    /// the approved documents and the required-documents checklist.
    Stage1,
    /// A short executive summary for top management.
    Summary,
}

impl DossierPack {
    /// Every pack, in menu order.
    pub const ALL: [DossierPack; 3] =
        [DossierPack::Full, DossierPack::Stage1, DossierPack::Summary];

    /// Stable id, as serialised: `full`, `stage1`, `summary`.
    pub fn as_str(self) -> &'static str {
        match self {
            DossierPack::Full => "full",
            DossierPack::Stage1 => "stage1",
            DossierPack::Summary => "summary",
        }
    }

    /// Parses [`DossierPack::as_str`].
    pub fn parse(s: &str) -> Option<DossierPack> {
        DossierPack::ALL
            .into_iter()
            .find(|p| p.as_str() == s.trim())
    }

    /// Title printed on the cover.
    pub fn title(self) -> &'static str {
        match self {
            DossierPack::Full => "ISO/IEC 20000-1 Certification Dossier",
            DossierPack::Stage1 => "ISO/IEC 20000-1 Stage 1 Audit Pack",
            DossierPack::Summary => "ISO/IEC 20000-1 Readiness Summary",
        }
    }

    /// What the pack holds, in one line (CLI help).
    pub fn description(self) -> &'static str {
        match self {
            DossierPack::Full => {
                "Everything: scope, services, roles, policies, risk and supplier registers, SMS \
                 calendar, operating records, internal audit, management review, \
                 nonconformities, scorecard, compliance matrix, actions, evidence, \
                 required-documents checklist"
            }
            DossierPack::Stage1 => {
                "Documents, scope, the risk and supplier registers, internal audit, management \
                 review and nonconformities, for the stage 1 audit"
            }
            DossierPack::Summary => "A short executive summary",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_match_serde() {
        for pack in DossierPack::ALL {
            assert_eq!(DossierPack::parse(pack.as_str()), Some(pack));
            let json = serde_json::to_string(&pack).unwrap();
            assert_eq!(json, format!("\"{}\"", pack.as_str()));
        }
        assert_eq!(DossierPack::parse("everything"), None);
    }
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
