//! The whole calendar of a project from its stored facts: the duty list with the project's
//! choices, document review dates, evidence dates, supplier reviews and contract notice dates,
//! and the records that mark occurrences done. One assembly, used by the store (screens, CLI,
//! export) and the dossier (which works from a snapshot).

use chrono::NaiveDate;

use super::sources::{
    DutyChoice, document_series, duty_plans, duty_series, evidence_series, supplier_series,
};
use super::{CompletionRef, Series};
use crate::assessment::Evidence;
use crate::content::Library;
use crate::documents::DocRecord;
use crate::suppliers::SupplierRegister;
use crate::wizard::WizardData;

/// The duty of the duty list that per-supplier reviews replace once agreements are recorded.
pub const SUPPLIER_REVIEW_DUTY: &str = "DUTY-SUPPLIER-REVIEW";

/// The role whose holders look after evidence dates.
pub const EVIDENCE_OWNER_ROLE: &str = "ROLE-SMSM";

/// The role whose holders look after supplier dates.
pub const SUPPLIER_OWNER_ROLE: &str = "ROLE-SUP";

/// What the calendar is assembled from.
pub struct ProjectDates<'a> {
    /// The content library (duty list, evidence guidance).
    pub lib: &'a Library,
    /// The wizard's data (headcount, role holders).
    pub data: &'a WizardData,
    /// The day the calendar starts (the project's creation date).
    pub start: NaiveDate,
    /// The project's choices per duty (owner given as a person's name).
    pub choices: &'a [DutyChoice],
    /// Documents with their next review dates.
    pub docs: &'a [DocRecord],
    /// Evidence with its review and expiry dates.
    pub evidence: &'a [Evidence],
    /// Suppliers, agreements and reviews.
    pub suppliers: &'a SupplierRegister,
    /// The completion records stored for duties.
    pub completions: Vec<CompletionRef>,
}

/// Names of the holders of `role` ("Ann Lee, Bob Ng"), empty when nobody holds it.
pub fn owner_names(data: &WizardData, role: &str) -> String {
    data.holder_names(role).join(", ")
}

/// Every series of the project and every record marking an occurrence done (stored
/// completions and past supplier reviews). `today` anchors a supplier review that has neither
/// a start date nor a review yet.
pub fn assemble(p: ProjectDates<'_>, today: NaiveDate) -> (Vec<Series>, Vec<CompletionRef>) {
    let owner_of_role = |role: &str| owner_names(p.data, role);
    let duties: Vec<_> = p
        .lib
        .duties
        .iter()
        .filter(|d| d.id != SUPPLIER_REVIEW_DUTY || p.suppliers.agreements.is_empty())
        .cloned()
        .collect();
    let plans = duty_plans(
        &duties,
        p.data.profile.headcount,
        p.start,
        p.choices,
        &owner_of_role,
    );
    let mut series = duty_series(&plans);
    series.extend(document_series(p.docs, &owner_of_role));
    series.extend(evidence_series(
        p.evidence,
        Some(p.lib),
        &owner_names(p.data, EVIDENCE_OWNER_ROLE),
    ));
    let (supplier, reviews_done) = supplier_series(
        &p.suppliers.parties,
        &p.suppliers.agreements,
        &p.suppliers.reviews,
        &owner_names(p.data, SUPPLIER_OWNER_ROLE),
        today,
    );
    series.extend(supplier);
    let mut done = p.completions;
    done.extend(reviews_done);
    (series, done)
}
