//! Parsing the content files into a [`Library`].

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::ContentError;
use super::embedded;
use super::types::{
    AuditArea, Clause, ClauseMapEntry, Crosswalks, DataProtectionRegime, Document, Duty, Library,
    Question, Role, SodRule, StandardMapEntry, Template,
};

/// The text of every content file, so a library can be loaded from other sources in tests.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// `clauses.toml`.
    pub clauses: &'a str,
    /// `documents.toml`.
    pub documents: &'a str,
    /// `roles.toml`.
    pub roles: &'a str,
    /// `sod_rules.toml`.
    pub sod_rules: &'a str,
    /// `questions.toml`.
    pub questions: &'a str,
    /// `templates.toml`.
    pub templates: &'a str,
    /// `crosswalks.toml`.
    pub crosswalks: &'a str,
    /// `duties.toml`.
    pub duties: &'a str,
    /// `data_protection.toml`.
    pub data_protection: &'a str,
    /// Template bodies by path relative to the content directory (`templates/TPL-01.md.j2`).
    pub bodies: &'a [(&'a str, &'a str)],
}

impl Sources<'static> {
    /// The files embedded in this build.
    pub fn embedded() -> Self {
        Self {
            clauses: embedded::CLAUSES,
            documents: embedded::DOCUMENTS,
            roles: embedded::ROLES,
            sod_rules: embedded::SOD_RULES,
            questions: embedded::QUESTIONS,
            templates: embedded::TEMPLATES,
            crosswalks: embedded::CROSSWALKS,
            duties: embedded::DUTIES,
            data_protection: embedded::DATA_PROTECTION,
            bodies: &embedded::TEMPLATE_BODIES,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClausesFile {
    #[serde(default)]
    clause: Vec<Clause>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentsFile {
    #[serde(default)]
    document: Vec<Document>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RolesFile {
    #[serde(default)]
    role: Vec<Role>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SodRulesFile {
    #[serde(default)]
    rule: Vec<SodRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionsFile {
    #[serde(default)]
    question: Vec<Question>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplatesFile {
    #[serde(default)]
    template: Vec<Template>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CrosswalksFile {
    #[serde(default)]
    clause_map: Vec<ClauseMapEntry>,
    #[serde(default)]
    standard_map: Vec<StandardMapEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DutiesFile {
    #[serde(default)]
    duty: Vec<Duty>,
    #[serde(default)]
    audit_area: Vec<AuditArea>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DataProtectionFile {
    #[serde(default)]
    regime: Vec<DataProtectionRegime>,
}

fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, ContentError> {
    toml::from_str(text).map_err(|e| ContentError::Parse {
        file: file.to_owned(),
        message: e.to_string(),
    })
}

/// Parses the embedded content files. Only syntax and schema errors fail here; everything
/// else (dangling references, missing questions, templates that do not render) is reported by
/// [`validate`](super::validate).
pub fn load() -> Result<Library, ContentError> {
    load_from(&Sources::embedded())
}

/// Parses a library from the given file texts. A template whose body path is not among
/// `sources.bodies` gets an empty body (which validation reports).
pub fn load_from(sources: &Sources<'_>) -> Result<Library, ContentError> {
    let clauses: ClausesFile = parse("clauses.toml", sources.clauses)?;
    let documents: DocumentsFile = parse("documents.toml", sources.documents)?;
    let roles: RolesFile = parse("roles.toml", sources.roles)?;
    let sod_rules: SodRulesFile = parse("sod_rules.toml", sources.sod_rules)?;
    let questions: QuestionsFile = parse("questions.toml", sources.questions)?;
    let mut templates: TemplatesFile = parse("templates.toml", sources.templates)?;
    let crosswalks: CrosswalksFile = parse("crosswalks.toml", sources.crosswalks)?;
    let duties: DutiesFile = parse("duties.toml", sources.duties)?;
    let data_protection: DataProtectionFile =
        parse("data_protection.toml", sources.data_protection)?;
    for t in &mut templates.template {
        if let Some((_, text)) = sources.bodies.iter().find(|(path, _)| *path == t.body) {
            t.body_text = (*text).to_owned();
        }
    }
    Ok(Library {
        clauses: clauses.clause,
        documents: documents.document,
        roles: roles.role,
        sod_rules: sod_rules.rule,
        questions: questions.question,
        templates: templates.template,
        crosswalks: Crosswalks {
            clause_map: crosswalks.clause_map,
            standard_map: crosswalks.standard_map,
        },
        duties: duties.duty,
        audit_areas: duties.audit_area,
        data_protection: data_protection.regime,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn empty() -> Sources<'static> {
        Sources {
            clauses: "",
            documents: "",
            roles: "",
            sod_rules: "",
            questions: "",
            templates: "",
            crosswalks: "",
            duties: "",
            data_protection: "",
            bodies: &[],
        }
    }

    #[test]
    fn parse_errors_name_the_file() {
        let bad = Sources {
            roles: "[[role]]\nid = 3\n",
            ..empty()
        };
        match load_from(&bad).unwrap_err() {
            ContentError::Parse { file, .. } => assert_eq!(file, "roles.toml"),
            other => panic!("unexpected {other:?}"),
        }
        let unknown_field = Sources {
            crosswalks: "[[clause_map]]\nid = \"x\"\nfrom = \"4.1\"\nfrom_title = \"t\"\nto = []\nnote = \"n\"\nextra = 1\n",
            ..empty()
        };
        assert!(matches!(
            load_from(&unknown_field),
            Err(ContentError::Parse { .. })
        ));
        let bad_severity = Sources {
            sod_rules: "[[rule]]\nid=\"SOD-01\"\nrole_a=\"A\"\nrole_b=\"B\"\nactivity_a=\"a\"\n\
                        activity_b=\"b\"\nseverity=\"fatal\"\nrationale=\"r\"\nmitigation=\"m\"\n\
                        mitigation_allowed=true\n",
            ..empty()
        };
        assert!(matches!(
            load_from(&bad_severity),
            Err(ContentError::Parse { .. })
        ));
    }

    #[test]
    fn bodies_are_attached_by_path() {
        let src = Sources {
            templates: "[[template]]\nid=\"TPL-01\"\ntitle=\"t\"\nkind=\"policy\"\nclauses=[]\n\
                        documents=[]\napprover_role=\"ROLE-TM\"\nowner_role=\"ROLE-TM\"\n\
                        review_months=12\nbody=\"templates/TPL-01.md.j2\"\n",
            bodies: &[("templates/TPL-01.md.j2", "hello")],
            ..empty()
        };
        let lib = load_from(&src).unwrap();
        assert_eq!(lib.templates[0].body_text, "hello");
    }
}
