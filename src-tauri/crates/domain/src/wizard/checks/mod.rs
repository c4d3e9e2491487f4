//! The wizard's rules: what each step checks in the stored [`WizardData`]. Every check
//! returns [`Issue`]s with a stable code, a level and a message saying how to fix it; the
//! view ([`super::view`]) only counts and presents them.

pub mod context;
pub mod people;
pub mod profile;
pub mod roles;
pub mod scope;

pub use context::check_context;
pub use people::{check_people, person_errors, person_field_errors, valid_email};
pub use profile::check_profile;
pub use roles::check_roles;
pub use scope::check_scope;

use chrono::NaiveDate;

use super::sod::SodReport;
use super::types::{Issue, IssueCode, Level, StepId, WizardData};
use crate::content::Library;

/// Every issue of every step, in step order. `today` judges the target date.
pub fn all(lib: &Library, data: &WizardData, sod: &SodReport, today: NaiveDate) -> Vec<Issue> {
    let mut issues = check_profile(data, today);
    issues.extend(check_context(data));
    issues.extend(check_scope(data));
    issues.extend(check_people(data));
    issues.extend(check_roles(lib, data, sod));
    issues
}

/// Adds an issue; an empty `t` means the step as a whole.
pub(crate) fn push(
    out: &mut Vec<Issue>,
    step: StepId,
    code: IssueCode,
    level: Level,
    t: &str,
    m: String,
) {
    let target = if t.is_empty() {
        None
    } else {
        Some(t.to_owned())
    };
    out.push(Issue::new(step, code, level, target, m));
}
