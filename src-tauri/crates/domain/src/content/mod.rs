//! The ISO/IEC 20000-1:2018 content library: clauses, documents, roles, separation-of-duties
//! rules, questions, templates, crosswalks, recurring duties with the internal audit areas, and
//! data protection regimes by country.
//!
//! The data files under `content/` are embedded with `include_str!`, parsed once into a
//! [`Library`] ([`library`]) and checked by [`validate`]. The file schemas are described in
//! `content/README.md`.

pub mod duties;
pub(crate) mod embedded;
mod load;
pub mod render;
pub mod types;
mod validate;

use std::sync::OnceLock;

use crate::ErrorPayload;

pub use load::{Sources, load, load_from};
pub use render::{
    TemplateContext, complete_context, render, render_source, sample_context, sample_context_for,
    unknown_variables,
};
pub use types::*;
pub use validate::{Problem, ProblemKind, validate};

/// Something went wrong loading the library or filling a template.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    /// A content file is not valid TOML or does not match its schema.
    #[error("content file {file} is invalid: {message}")]
    Parse {
        /// The file, e.g. `clauses.toml`.
        file: String,
        /// What the parser reported.
        message: String,
    },
    /// `sample_context.json` does not match [`TemplateContext`].
    #[error("sample_context.json is invalid: {message}")]
    SampleContext {
        /// What the parser reported.
        message: String,
    },
    /// No template with this id.
    #[error("there is no template {id}")]
    UnknownTemplate {
        /// The id asked for.
        id: String,
    },
    /// A template failed to parse or render.
    #[error("template {template} failed to render: {message}")]
    Render {
        /// Template id (or partial name).
        template: String,
        /// What minijinja reported.
        message: String,
    },
}

impl ContentError {
    /// Stable snake_case code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Parse { .. } => "content_invalid",
            Self::SampleContext { .. } => "sample_context_invalid",
            Self::UnknownTemplate { .. } => "unknown_template",
            Self::Render { .. } => "template_render_failed",
        }
    }
}

impl From<&ContentError> for ErrorPayload {
    fn from(e: &ContentError) -> Self {
        ErrorPayload::new(e.code(), e.to_string())
    }
}

static LIBRARY: OnceLock<Result<Library, ContentError>> = OnceLock::new();

/// The embedded library, parsed on first use.
///
/// Returns the parse error if an embedded file is broken (a build defect that the tests and
/// `ready20k-cli content --check` catch).
pub fn try_library() -> Result<&'static Library, &'static ContentError> {
    LIBRARY.get_or_init(load).as_ref()
}

/// The embedded library, parsed on first use.
///
/// # Panics
/// If an embedded content file does not parse. The files are compiled in and checked by the
/// crate's tests, so this can only happen in a broken build; use [`try_library`] to handle it.
#[allow(clippy::expect_used)]
pub fn library() -> &'static Library {
    try_library().expect("embedded content library parses (checked by tests)")
}

/// Renders the template `id` of the embedded library with `ctx`.
pub fn render_template(id: &str, ctx: &TemplateContext) -> Result<String, ContentError> {
    let lib = try_library().map_err(Clone::clone)?;
    let tpl = lib
        .template(id)
        .ok_or_else(|| ContentError::UnknownTemplate { id: id.to_owned() })?;
    render(tpl, ctx)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// The embedded library must be complete. When it is not, the failure names the missing
    /// part (question bank, template bodies, …) before listing every problem.
    #[test]
    fn embedded_library_validates_clean() {
        let lib = load().unwrap_or_else(|e| panic!("embedded content does not parse: {e}"));
        let problems = validate(&lib);
        if problems.is_empty() {
            return;
        }
        let mut missing = Vec::new();
        if lib.questions.is_empty() {
            missing.push(
                "questions.toml has no questions (question bank not written yet?)".to_owned(),
            );
        }
        let bodies: Vec<&str> = problems
            .iter()
            .filter(|p| p.kind == ProblemKind::MissingBody)
            .map(|p| p.id.as_str())
            .collect();
        if !bodies.is_empty() {
            missing.push(format!(
                "template bodies missing or incomplete: {}",
                bodies.join(", ")
            ));
        }
        let list: Vec<String> = problems
            .iter()
            .map(|p| format!("  [{:?}] {p}", p.kind))
            .collect();
        panic!(
            "the embedded library has {} problem(s).\nMissing parts: {}\n{}",
            problems.len(),
            if missing.is_empty() {
                "none".to_owned()
            } else {
                missing.join("; ")
            },
            list.join("\n")
        );
    }

    #[test]
    fn library_is_parsed_once_and_has_all_parts() {
        let a = library();
        let b = library();
        assert!(std::ptr::eq(a, b));
        assert_eq!(a.templates.len(), 29);
        assert_eq!(a.roles.len(), 25);
        assert!(a.sod_rules.len() >= 15);
        assert!(a.clause("8.5.1.3").is_some());
        assert!(a.clause("4.1").and_then(|c| c.amendment.as_ref()).is_some());
        assert!(a.clause("4.2").and_then(|c| c.amendment.as_ref()).is_some());
        for (path, _) in embedded::TEMPLATE_BODIES {
            assert!(
                a.templates.iter().any(|t| t.body == path),
                "{path} is not used by templates.toml"
            );
        }
    }

    #[test]
    fn render_template_by_id() {
        let ctx = sample_context().unwrap();
        let out = render_template("TPL-03", &ctx).unwrap();
        assert!(out.contains("Northwind Managed IT"));
        assert!(matches!(
            render_template("TPL-99", &ctx),
            Err(ContentError::UnknownTemplate { .. })
        ));
    }

    /// One set of frequencies: every template, rendered for the sample firm and for firms of
    /// 3, 4, 10, 25 and 50 people, states each recurring duty at the frequency `duties.toml`
    /// gives that firm size, so no duty's frequency differs between two documents.
    #[test]
    fn every_template_states_each_duty_at_one_frequency() {
        let lib = library();
        let sample = sample_context_for(lib).unwrap();
        let mut problems = Vec::new();
        for headcount in [sample.firm.headcount, 3, 4, 10, 25, 50] {
            let mut ctx = sample.clone();
            ctx.firm.headcount = headcount;
            complete_context(lib, &mut ctx, None);
            let docs: Vec<(String, String)> = lib
                .templates
                .iter()
                .map(|t| (t.id.clone(), render(t, &ctx).unwrap()))
                .collect();
            for c in duties::frequency_conflicts(lib, headcount, &docs) {
                problems.push(format!(
                    "{} people, {} {}: says {:?}, duty is {:?}: {}",
                    headcount, c.document, c.duty, c.found, c.expected, c.text
                ));
            }
        }
        problems.sort();
        problems.dedup();
        assert!(
            problems.is_empty(),
            "{} conflicts:\n{}",
            problems.len(),
            problems.join("\n")
        );
    }

    #[test]
    fn every_required_document_in_reference_is_present() {
        let lib = library();
        let required = lib.documents.iter().filter(|d| d.required);
        assert_eq!(
            required
                .clone()
                .filter(|d| d.kind == DocumentKind::Document)
                .count(),
            24
        );
        assert_eq!(
            required
                .clone()
                .filter(|d| d.kind == DocumentKind::Record)
                .count(),
            29
        );
        // The standard asks for these activities but not for a retained record.
        let expected: Vec<&str> = required
            .filter(|d| d.expected)
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(
            expected,
            [
                "REC-SATISFACTION",
                "REC-SERVICE-REPORTS",
                "REC-IMPROVEMENTS"
            ]
        );
    }
}
