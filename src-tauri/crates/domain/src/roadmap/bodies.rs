//! How to choose a certification body, in our own words (after ISO/IEC 17021-1, ISO/IEC
//! 20000-6 and common practice; see the design reference, section 6.2).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One piece of advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GuidanceItem {
    /// Short heading.
    pub title: String,
    /// The advice.
    pub text: String,
}

/// The advice on choosing a certification body, as (title, text).
pub const BODY_GUIDANCE: &[(&str, &str)] = &[
    (
        "Accredited, for ISO/IEC 20000-1",
        "Choose a body accredited by a national accreditation body that signs the IAF \
         multilateral recognition arrangement (MLA). Certificates from unaccredited bodies are \
         often refused in tenders.",
    ),
    (
        "Check the scope of accreditation",
        "Ask for the accreditation certificate and its scope, or look the body up in the \
         accreditation body's register: ISO/IEC 20000-1 must be listed, not just ISO 9001 or \
         ISO/IEC 27001. Bodies certifying service management work to ISO/IEC 17021-1 plus the \
         service-management rules of ISO/IEC 20000-6.",
    ),
    (
        "Audit days and quote",
        "The body sets the audit time from the people in scope, services, sites and \
         complexity. Ask for the days of Stage 1, Stage 2 and each surveillance year, the day \
         rate, travel, and the fee for the certificate, so quotes can be compared over three \
         years.",
    ),
    (
        "Auditor competence",
        "Ask for auditors who know IT service management in your kind of business (managed \
         services, cloud, software support) and for audits in your language, remote or on site.",
    ),
    (
        "Rules that affect your plan",
        "Ask how much notice they need for Stage 1, the usual gap to Stage 2, how long you have \
         to close nonconformities, and whether they audit ISO 9001 or ISO/IEC 27001 together \
         with ISO/IEC 20000-1.",
    ),
    (
        "No consultancy from the same body",
        "The certification body must not have advised you on building the SMS, and your \
         consultant must not audit you for it.",
    ),
];
