//! Checks of step 4 and the rules for one person's fields (name, e-mail), used by the people
//! form, the CSV import and the store alike.

use super::push;
use crate::wizard::types::{FieldError, Issue, IssueCode, Level, Person, StepId, WizardData};

/// The longest name a person may have, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// Whether `email` looks like an address (one `@`, a dot in the domain, no spaces).
pub fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
}

/// What is wrong with a person's fields (`name`, `email`), each message saying how to fix
/// it. `others` are the people already stored: an e-mail address one of them uses (another
/// id, compared case-insensitively) is refused too.
pub fn person_field_errors(p: &Person, others: &[Person]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let name = p.name.trim();
    if name.is_empty() {
        errors.push(FieldError::new(
            "name",
            IssueCode::Required,
            "Name is empty; enter the person's full name.",
        ));
    } else if name.chars().count() > MAX_NAME_CHARS {
        errors.push(FieldError::new(
            "name",
            IssueCode::InvalidValue,
            format!("Name is longer than {MAX_NAME_CHARS} characters; shorten it."),
        ));
    }
    let email = p.email.trim();
    if !email.is_empty() && !valid_email(email) {
        errors.push(FieldError::new(
            "email",
            IssueCode::BadEmail,
            format!("\"{email}\" is not an e-mail address; use the form name@firm.com."),
        ));
    } else if !email.is_empty()
        && let Some(other) = others
            .iter()
            .find(|o| o.id != p.id && o.email.trim().eq_ignore_ascii_case(email))
    {
        errors.push(FieldError::new(
            "email",
            IssueCode::BadEmail,
            format!(
                "{email} is already used by {}; each person needs their own address.",
                display(&other.name)
            ),
        ));
    }
    errors
}

/// The messages of [`person_field_errors`] without the duplicate check.
pub fn person_errors(p: &Person) -> Vec<String> {
    person_field_errors(p, &[])
        .into_iter()
        .map(|e| e.message)
        .collect()
}

/// Checks of step 4.
pub fn check_people(d: &WizardData) -> Vec<Issue> {
    let s = StepId::People;
    let mut out = Vec::new();
    let staff = d.people.iter().filter(|p| !p.external).count() as u32;
    if staff == 0 {
        push(
            &mut out,
            s,
            IssueCode::NoPeople,
            Level::Error,
            "people",
            "Add the people who work in the firm (name, e-mail, job title), or import a CSV."
                .into(),
        );
    }
    for p in &d.people {
        let t = format!("person:{}", p.id);
        for e in person_field_errors(p, &[]) {
            push(
                &mut out,
                s,
                e.code,
                Level::Error,
                &t,
                format!("{}: {}", display(&p.name), e.message),
            );
        }
    }
    let h = d.profile.headcount;
    if staff > 0 && h > 0 && staff != h {
        push(
            &mut out,
            s,
            IssueCode::PeopleFewerThanHeadcount,
            Level::Warning,
            "people",
            if staff < h {
                format!(
                    "The profile says {h} people work in the firm, but {staff} are listed. \
                         Add everyone who takes part in the services, or correct the headcount \
                         in step 1."
                )
            } else {
                format!(
                    "{staff} people are listed but the profile says {h}. Correct the \
                         headcount in step 1 so the role suggestions fit your size."
                )
            },
        );
    }
    out
}

fn display(name: &str) -> &str {
    if name.trim().is_empty() {
        "(no name)"
    } else {
        name.trim()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn person(id: i64, name: &str, email: &str) -> Person {
        Person {
            id,
            name: name.into(),
            email: email.into(),
            ..Person::default()
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<(&str, IssueCode)> {
        errors.iter().map(|e| (e.field.as_str(), e.code)).collect()
    }

    #[test]
    fn email_rules() {
        assert!(valid_email("a@b.co"));
        for bad in ["a@b", "@b.co", "a b@c.de", "a@@b.co", "a@.co", "a@b.", ""] {
            assert!(!valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn a_person_form_says_what_is_wrong_per_field() {
        let e = person_field_errors(&person(0, " ", "x"), &[]);
        assert_eq!(
            fields(&e),
            [
                ("name", IssueCode::Required),
                ("email", IssueCode::BadEmail)
            ]
        );
        assert_eq!(e[0].message, "Name is empty; enter the person's full name.");
        assert_eq!(
            e[1].message,
            "\"x\" is not an e-mail address; use the form name@firm.com."
        );
        assert!(person_field_errors(&person(0, "Ann", ""), &[]).is_empty());
    }

    #[test]
    fn names_are_at_most_120_characters() {
        let long = "é".repeat(MAX_NAME_CHARS);
        assert!(person_field_errors(&person(0, &long, ""), &[]).is_empty());
        let longer = "é".repeat(MAX_NAME_CHARS + 1);
        let e = person_field_errors(&person(0, &longer, ""), &[]);
        assert_eq!(fields(&e), [("name", IssueCode::InvalidValue)]);
        assert!(e[0].message.contains("120"));
    }

    #[test]
    fn an_address_someone_else_uses_is_refused_but_ones_own_is_not() {
        let others = [person(1, "Ann", "ann@acme.com")];
        let e = person_field_errors(&person(0, "Bob", " ANN@acme.com "), &others);
        assert_eq!(fields(&e), [("email", IssueCode::BadEmail)]);
        assert!(e[0].message.contains("already used by Ann"));
        assert!(person_field_errors(&person(1, "Ann Lee", "ann@acme.com"), &others).is_empty());
        // The import preview and the store check duplicates themselves.
        assert!(person_errors(&person(0, "Bob", "ann@acme.com")).is_empty());
    }

    #[test]
    fn the_people_step_reports_each_person_and_the_headcount() {
        let mut d = WizardData::default();
        assert_eq!(
            check_people(&d).iter().map(|i| i.code).collect::<Vec<_>>(),
            [IssueCode::NoPeople]
        );
        d.profile.headcount = 3;
        d.people = vec![person(1, "", "bad"), person(2, "Ann", "")];
        let issues = check_people(&d);
        let codes: Vec<IssueCode> = issues.iter().map(|i| i.code).collect();
        assert_eq!(
            codes,
            [
                IssueCode::Required,
                IssueCode::BadEmail,
                IssueCode::PeopleFewerThanHeadcount
            ]
        );
        assert_eq!(issues[0].target.as_deref(), Some("person:1"));
        assert!(issues[0].message.starts_with("(no name): Name is empty"));
    }
}
