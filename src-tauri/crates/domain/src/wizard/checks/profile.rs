//! Checks of step 1, the firm profile.

use chrono::NaiveDate;

use super::push;
use crate::wizard::types::{Issue, IssueCode, Level, StepId, WizardData};

/// Checks of step 1. `today` is used to judge the target date.
pub fn check_profile(d: &WizardData, today: NaiveDate) -> Vec<Issue> {
    let p = &d.profile;
    let s = StepId::Profile;
    let mut out = Vec::new();
    if p.legal_name.trim().is_empty() {
        push(
            &mut out,
            s,
            IssueCode::Required,
            Level::Error,
            "legal_name",
            "Enter the firm's registered legal name; it appears on the certificate.".into(),
        );
    }
    if p.address.trim().is_empty() {
        push(
            &mut out,
            s,
            IssueCode::Required,
            Level::Warning,
            "address",
            "Enter the head office address; the certification body needs it for the audit plan."
                .into(),
        );
    }
    if p.sector.trim().is_empty() {
        push(
            &mut out,
            s,
            IssueCode::Required,
            Level::Warning,
            "sector",
            "Enter your sector, e.g. \"Managed IT services\".".into(),
        );
    }
    if p.headcount == 0 {
        push(
            &mut out,
            s,
            IssueCode::Required,
            Level::Error,
            "headcount",
            "Enter how many people work in the firm (1 or more).".into(),
        );
    } else if p.headcount > 50 {
        push(
            &mut out,
            s,
            IssueCode::HeadcountOutOfRange,
            Level::Warning,
            "headcount",
            format!(
                "{} people is above the 50 this app is made for; the role suggestions \
                     assume a small firm, so review them carefully.",
                p.headcount
            ),
        );
    }
    if p.customer_kinds.iter().all(|c| c.trim().is_empty()) {
        push(
            &mut out,
            s,
            IssueCode::Required,
            Level::Warning,
            "customer_kinds",
            "Add the kinds of customers you serve (pick from the list or type your own); they \
             seed the customers of your services."
                .into(),
        );
    }
    if let Some(date) = p.target_date.as_deref().filter(|x| !x.trim().is_empty()) {
        match NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") {
            Err(_) => push(
                &mut out,
                s,
                IssueCode::InvalidValue,
                Level::Error,
                "target_date",
                format!("\"{date}\" is not a date; use the date picker or the form 2026-09-30."),
            ),
            Ok(d) if d <= today => push(
                &mut out,
                s,
                IssueCode::InvalidValue,
                Level::Error,
                "target_date",
                "The target date is in the past; choose a future date.".into(),
            ),
            Ok(d) if (d - today).num_days() < 90 => push(
                &mut out,
                s,
                IssueCode::InvalidValue,
                Level::Warning,
                "target_date",
                "The target date is less than three months away. Certification bodies usually \
                 want about three months of records from the running SMS before Stage 2."
                    .into(),
            ),
            Ok(_) => {}
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::field_reassign_with_default)]
mod tests {
    use super::*;
    use crate::test_support::wizard_today as today;

    #[test]
    fn profile_rules() {
        let mut d = WizardData::default();
        d.profile.legal_name = "Acme Ltd".into();
        d.profile.headcount = 60;
        d.profile.target_date = Some("2026-02-01".into());
        let i = check_profile(&d, today());
        assert!(i.iter().any(|i| i.code == IssueCode::HeadcountOutOfRange));
        let date = i
            .iter()
            .find(|i| i.target.as_deref() == Some("target_date"))
            .unwrap();
        assert_eq!(date.level, Level::Warning);
        d.profile.target_date = Some("31/12/2026".into());
        let i = check_profile(&d, today());
        assert!(
            i.iter()
                .any(|i| i.code == IssueCode::InvalidValue && i.level == Level::Error)
        );
        d.profile.target_date = Some("2025-12-31".into());
        assert!(
            check_profile(&d, today())
                .iter()
                .any(|i| i.message.contains("past"))
        );
    }
}
