//! The setup wizard's tables (migration `0003_wizard`), one module per table group.
//!
//! Reads take a `&Connection`; every write takes `&mut Connection`, runs in its own
//! transaction and appends a `wizard_*` entry to the journal. [`load`] reads everything into
//! a [`WizardData`], which is also what document drafting builds its template context from.

pub mod context;
pub mod people;
pub mod profile;
pub mod progress;
pub mod roles;
pub mod services;

use ready20k_domain::wizard::WizardData;
use rusqlite::{Connection, ToSql, Transaction};

use crate::{Project, Result, StoreError};

/// Everything the wizard stores. Removed people and their assignments are left out.
pub fn load(conn: &Connection) -> Result<WizardData> {
    Ok(WizardData {
        profile: profile::get_profile(conn)?,
        issues: context::list_issues(conn)?,
        parties: context::list_parties(conn)?,
        climate: profile::get_climate(conn)?,
        services: services::list_services(conn)?,
        other_parties: services::list_other_parties(conn)?,
        scope: profile::get_scope(conn)?,
        people: people::list_people(conn)?,
        assignments: roles::list_assignments(conn)?,
        mitigations: roles::list_mitigations(conn)?,
        progress: progress::get_progress(conn)?,
    })
}

/// Decodes a JSON array of strings stored in a TEXT column.
pub(crate) fn from_json(text: &str) -> Result<Vec<String>> {
    Ok(serde_json::from_str(text)?)
}

/// A list of strings, trimmed, without empties.
pub(crate) fn clean_list(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

pub(crate) use crate::journal::write;

/// Parses a stored enum text; an unknown one means the file was changed outside Ready20k.
pub(crate) fn parse_kind<T>(
    what: &'static str,
    text: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T> {
    parse(text).ok_or_else(|| StoreError::UnknownValue {
        what,
        text: text.to_owned(),
    })
}

/// `Required` unless `text` has content.
pub(crate) fn required(text: &str, message: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        Err(StoreError::Required(message.to_owned()))
    } else {
        Ok(t.to_owned())
    }
}

/// `Missing` when an UPDATE/DELETE touched no row.
pub(crate) fn found(rows: usize, what: &'static str, id: i64) -> Result<()> {
    if rows == 0 {
        Err(StoreError::Missing {
            what,
            id: id.to_string(),
            hint: "; reload the wizard.",
        })
    } else {
        Ok(())
    }
}

/// A table of rows the user lists in their own order (`position`), and what its rows are
/// called in a refusal.
pub(crate) struct List {
    pub table: &'static str,
    pub what: &'static str,
}

/// Adds (`id` 0, at the end of the list) or updates row `id` of `list`, setting `columns`, in
/// one write journaled as `event` with `detail`; `then` runs in the same transaction with the
/// row's id. An unknown `id` is refused (`Missing`), never created. Returns the id.
pub(crate) fn save_row(
    p: &mut Project,
    event: &str,
    list: List,
    id: i64,
    detail: &str,
    columns: &[(&str, &dyn ToSql)],
    then: impl FnOnce(&Transaction<'_>, i64) -> Result<()>,
) -> Result<i64> {
    let List { table, what } = list;
    let now: &str = &p.now();
    let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    let mut values: Vec<&dyn ToSql> = columns.iter().map(|(_, value)| *value).collect();
    let n = names.len();
    write(p.conn_mut(), now, event, |tx| {
        let id = if id == 0 {
            let marks: String = (1..=n).map(|i| format!("?{i}, ")).collect();
            tx.execute(
                &format!(
                    "INSERT INTO {table} ({}, position)
                     VALUES ({marks}(SELECT coalesce(max(position), 0) + 1 FROM {table}))",
                    names.join(", ")
                ),
                values.as_slice(),
            )?;
            tx.last_insert_rowid()
        } else {
            let set: Vec<String> = (1..=n)
                .map(|i| format!("{} = ?{i}", names[i - 1]))
                .collect();
            values.push(&id);
            let sql = format!(
                "UPDATE {table} SET {} WHERE id = ?{}",
                set.join(", "),
                n + 1
            );
            found(tx.execute(&sql, values.as_slice())?, what, id)?;
            id
        };
        then(tx, id)?;
        Ok((id, detail.to_owned()))
    })
}

/// Removes row `id` of `list` in one write journaled as `event` (with the id); an unknown
/// `id` is refused (`Missing`).
pub(crate) fn delete_row(p: &mut Project, event: &str, list: List, id: i64) -> Result<()> {
    let List { table, what } = list;
    let now: &str = &p.now();
    write(p.conn_mut(), now, event, |tx| {
        let sql = format!("DELETE FROM {table} WHERE id = ?1");
        found(tx.execute(&sql, [id])?, what, id)?;
        Ok(((), id.to_string()))
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::sync::Arc;

    use ready20k_domain::clock::FixedClock;
    use ready20k_domain::content::library;
    use ready20k_domain::wizard::suggest::suggest_roles;
    use ready20k_domain::wizard::{
        ClimateDecision, FirmProfile, IssueKind, OtherParty, OtherPartyKind, Person,
        RoleAssignment, Service, SodMitigation, StepId,
    };

    use super::*;
    use crate::Project;

    const NOW: &str = "2026-01-10T09:00:00+00:00";

    fn project(dir: &tempfile::TempDir) -> Project {
        let clock = Arc::new(FixedClock::at_rfc3339(NOW).unwrap());
        Project::create(&dir.path().join("p.r20k"), "Acme IT", clock).unwrap()
    }

    fn person(name: &str, email: &str) -> Person {
        Person {
            name: name.into(),
            email: email.into(),
            ..Person::default()
        }
    }

    #[test]
    fn a_new_project_has_its_firm_name_as_legal_name() {
        let dir = tempfile::tempdir().unwrap();
        let p = project(&dir);
        let data = load(p.conn()).unwrap();
        assert_eq!(data.profile.legal_name, "Acme IT");
        assert_eq!(data.profile.trading_name, "");
        assert_eq!(data.progress.completed, Vec::<StepId>::new());
    }

    #[test]
    fn everything_round_trips_and_survives_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path;
        {
            let mut p = project(&dir);
            path = p.path().to_owned();
            let c = &mut p;
            let profile = FirmProfile {
                legal_name: "Acme IT Ltd".into(),
                trading_name: "Acme IT".into(),
                headcount: 6,
                customer_kinds: vec!["SMEs".into(), " ".into()],
                target_date: Some("2026-09-30".into()),
                ..FirmProfile::default()
            };
            profile::update_profile(c, &profile).unwrap();
            context::insert_issue(c, IssueKind::Internal, "Key people").unwrap();
            profile::update_climate(
                c,
                &ClimateDecision {
                    relevant: Some(false),
                    rationale: "Cloud".into(),
                },
            )
            .unwrap();
            let s = services::save_service(
                c,
                &Service {
                    name: "Backup".into(),
                    customers: vec!["SMEs".into()],
                    ..Service::default()
                },
            )
            .unwrap();
            services::save_other_party(
                c,
                &OtherParty {
                    id: 0,
                    name: "CloudCo".into(),
                    kind: OtherPartyKind::ExternalSupplier,
                    provides: "hosting".into(),
                    services: vec![s],
                    processes: vec!["P-AVL".into()],
                },
            )
            .unwrap();
            profile::update_scope(c, Some("Our scope text")).unwrap();
            let ann = people::save_person(c, &person("Ann", "ann@acme.com")).unwrap();
            crate::register_error::testing::hold(c, "ROLE-TM", ann);
            progress::complete_step(c, StepId::Profile, StepId::Context).unwrap();
            p.close().unwrap();
        }
        let clock = Arc::new(FixedClock::at_date(2026, 1, 11).unwrap());
        let p = Project::open(&path, clock).unwrap();
        let d = load(p.conn()).unwrap();
        assert_eq!(d.profile.customer_kinds, vec!["SMEs"]);
        assert_eq!(d.profile.target_date.as_deref(), Some("2026-09-30"));
        assert_eq!(d.issues.len(), 1);
        assert_eq!(d.climate.relevant, Some(false));
        assert_eq!(d.other_parties[0].services, vec![d.services[0].id]);
        assert_eq!(d.other_parties[0].processes, vec!["P-AVL"]);
        assert!(d.scope.edited);
        assert_eq!(d.holder_names("ROLE-TM"), vec!["Ann"]);
        assert_eq!(d.progress.current, StepId::Context);
        assert_eq!(d.progress.completed, vec![StepId::Profile]);
    }

    #[test]
    fn people_rules_soft_delete_and_undo_keep_roles() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = project(&dir);
        let c = &mut p;
        let ann = people::save_person(c, &person("Ann", "ann@acme.com")).unwrap();
        let err = people::save_person(c, &person("Other", "ANN@acme.com")).unwrap_err();
        assert!(err.to_string().contains("already used by Ann"));
        assert!(people::save_person(c, &person(" ", "")).is_err());
        assert!(people::save_person(c, &person("Bad", "nope")).is_err());
        crate::register_error::testing::hold(c, "ROLE-TM", ann);
        let removed = people::delete_person(c, ann).unwrap();
        assert_eq!(removed.name, "Ann");
        let d = load(c.conn_mut()).unwrap();
        assert!(d.people.is_empty());
        assert!(d.assignments.is_empty());
        // The address is free while Ann is removed; restoring her then clashes.
        let bea = people::save_person(c, &person("Bea", "ann@acme.com")).unwrap();
        assert!(people::restore_person(c, ann).is_err());
        people::delete_person(c, bea).unwrap();
        people::restore_person(c, ann).unwrap();
        assert_eq!(
            load(c.conn_mut()).unwrap().holder_names("ROLE-TM"),
            vec!["Ann"]
        );
        // Renaming updates every place that shows the holder.
        people::save_person(
            c,
            &Person {
                id: ann,
                ..person("Ann Lee", "ann@acme.com")
            },
        )
        .unwrap();
        assert_eq!(
            load(c.conn_mut()).unwrap().holder_names("ROLE-TM"),
            vec!["Ann Lee"]
        );
    }

    #[test]
    fn role_and_mitigation_rules() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = project(&dir);
        let c = &mut p;
        let ann = people::save_person(c, &person("Ann", "")).unwrap();
        let bad = RoleAssignment {
            role_id: "ROLE-NOPE".into(),
            holders: vec![ann],
            deputy: None,
        };
        assert!(roles::update_assignment(c, &bad).is_err());
        let dep = RoleAssignment {
            role_id: "ROLE-TM".into(),
            holders: vec![ann],
            deputy: Some(ann),
        };
        assert!(roles::update_assignment(c, &dep).is_err());
        let m = |rule: &str, text: &str| SodMitigation {
            rule_id: rule.into(),
            person_id: ann,
            text: text.into(),
        };
        assert!(
            roles::upsert_mitigation(c, &m("SOD-11", "x"))
                .unwrap_err()
                .to_string()
                .contains("cannot be mitigated")
        );
        assert!(roles::upsert_mitigation(c, &m("SOD-20", " ")).is_err());
        roles::upsert_mitigation(c, &m("SOD-20", "Ann chairs the review")).unwrap();
        roles::upsert_mitigation(c, &m("SOD-20", "Ann chairs and signs")).unwrap();
        assert_eq!(
            roles::list_mitigations(c.conn_mut()).unwrap()[0].text,
            "Ann chairs and signs"
        );
        roles::delete_mitigation(c, "SOD-20", ann).unwrap();
        assert!(roles::list_mitigations(c.conn_mut()).unwrap().is_empty());
    }

    #[test]
    fn applying_a_suggestion_creates_the_auditor_and_is_clean() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = project(&dir);
        let c = &mut p;
        people::save_person(c, &person("Solo", "solo@acme.com")).unwrap();
        let d = load(c.conn_mut()).unwrap();
        let s = suggest_roles(library(), &d.people, 1).unwrap();
        roles::apply_suggestion(c, &s).unwrap();
        let d = load(c.conn_mut()).unwrap();
        assert_eq!(d.people.len(), 2);
        assert!(d.people[1].external);
        assert_eq!(
            d.holder_names("ROLE-IA"),
            vec!["Contracted internal auditor"]
        );
        let report = ready20k_domain::wizard::sod::check_sod(
            library(),
            &d.people,
            &d.assignments,
            &d.mitigations,
            1,
        );
        assert_eq!(report.unresolved_blocks, 0);
        // Applying again does not duplicate the auditor (it is reused).
        let s = suggest_roles(library(), &d.people, 1).unwrap();
        roles::apply_suggestion(c, &s).unwrap();
        assert_eq!(load(c.conn_mut()).unwrap().people.len(), 2);
    }

    #[test]
    fn bulk_import_is_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = project(&dir);
        let c = &mut p;
        let err =
            people::insert_people(c, &[person("A", "a@x.io"), person("B", "a@x.io")]).unwrap_err();
        assert!(err.to_string().starts_with("B:"));
        assert!(people::list_people(c.conn_mut()).unwrap().is_empty());
        people::insert_people(c, &[person("A", "a@x.io"), person("B", "b@x.io")]).unwrap();
        assert_eq!(people::list_people(c.conn_mut()).unwrap().len(), 2);
    }
}
