//! The content files, embedded at build time. This is the one explicit list of files.

/// `clauses.toml`.
pub const CLAUSES: &str = include_str!("../../content/clauses.toml");
/// `documents.toml`.
pub const DOCUMENTS: &str = include_str!("../../content/documents.toml");
/// `roles.toml`.
pub const ROLES: &str = include_str!("../../content/roles.toml");
/// `sod_rules.toml`.
pub const SOD_RULES: &str = include_str!("../../content/sod_rules.toml");
/// `questions.toml`.
pub const QUESTIONS: &str = include_str!("../../content/questions.toml");
/// `templates.toml`.
pub const TEMPLATES: &str = include_str!("../../content/templates.toml");
/// `crosswalks.toml`.
pub const CROSSWALKS: &str = include_str!("../../content/crosswalks.toml");
/// `duties.toml`.
pub const DUTIES: &str = include_str!("../../content/duties.toml");
/// `data_protection.toml`.
pub const DATA_PROTECTION: &str = include_str!("../../content/data_protection.toml");
/// `processes.toml`.
pub const PROCESSES: &str = include_str!("../../content/processes.toml");

/// Template bodies by path (relative to the content directory), TPL-01 to TPL-29.
pub const TEMPLATE_BODIES: [(&str, &str); 29] = [
    (
        "templates/TPL-01.md.j2",
        include_str!("../../content/templates/TPL-01.md.j2"),
    ),
    (
        "templates/TPL-02.md.j2",
        include_str!("../../content/templates/TPL-02.md.j2"),
    ),
    (
        "templates/TPL-03.md.j2",
        include_str!("../../content/templates/TPL-03.md.j2"),
    ),
    (
        "templates/TPL-04.md.j2",
        include_str!("../../content/templates/TPL-04.md.j2"),
    ),
    (
        "templates/TPL-05.md.j2",
        include_str!("../../content/templates/TPL-05.md.j2"),
    ),
    (
        "templates/TPL-06.md.j2",
        include_str!("../../content/templates/TPL-06.md.j2"),
    ),
    (
        "templates/TPL-07.md.j2",
        include_str!("../../content/templates/TPL-07.md.j2"),
    ),
    (
        "templates/TPL-08.md.j2",
        include_str!("../../content/templates/TPL-08.md.j2"),
    ),
    (
        "templates/TPL-09.md.j2",
        include_str!("../../content/templates/TPL-09.md.j2"),
    ),
    (
        "templates/TPL-10.md.j2",
        include_str!("../../content/templates/TPL-10.md.j2"),
    ),
    (
        "templates/TPL-11.md.j2",
        include_str!("../../content/templates/TPL-11.md.j2"),
    ),
    (
        "templates/TPL-12.md.j2",
        include_str!("../../content/templates/TPL-12.md.j2"),
    ),
    (
        "templates/TPL-13.md.j2",
        include_str!("../../content/templates/TPL-13.md.j2"),
    ),
    (
        "templates/TPL-14.md.j2",
        include_str!("../../content/templates/TPL-14.md.j2"),
    ),
    (
        "templates/TPL-15.md.j2",
        include_str!("../../content/templates/TPL-15.md.j2"),
    ),
    (
        "templates/TPL-16.md.j2",
        include_str!("../../content/templates/TPL-16.md.j2"),
    ),
    (
        "templates/TPL-17.md.j2",
        include_str!("../../content/templates/TPL-17.md.j2"),
    ),
    (
        "templates/TPL-18.md.j2",
        include_str!("../../content/templates/TPL-18.md.j2"),
    ),
    (
        "templates/TPL-19.md.j2",
        include_str!("../../content/templates/TPL-19.md.j2"),
    ),
    (
        "templates/TPL-20.md.j2",
        include_str!("../../content/templates/TPL-20.md.j2"),
    ),
    (
        "templates/TPL-21.md.j2",
        include_str!("../../content/templates/TPL-21.md.j2"),
    ),
    (
        "templates/TPL-22.md.j2",
        include_str!("../../content/templates/TPL-22.md.j2"),
    ),
    (
        "templates/TPL-23.md.j2",
        include_str!("../../content/templates/TPL-23.md.j2"),
    ),
    (
        "templates/TPL-24.md.j2",
        include_str!("../../content/templates/TPL-24.md.j2"),
    ),
    (
        "templates/TPL-25.md.j2",
        include_str!("../../content/templates/TPL-25.md.j2"),
    ),
    (
        "templates/TPL-26.md.j2",
        include_str!("../../content/templates/TPL-26.md.j2"),
    ),
    (
        "templates/TPL-27.md.j2",
        include_str!("../../content/templates/TPL-27.md.j2"),
    ),
    (
        "templates/TPL-28.md.j2",
        include_str!("../../content/templates/TPL-28.md.j2"),
    ),
    (
        "templates/TPL-29.md.j2",
        include_str!("../../content/templates/TPL-29.md.j2"),
    ),
];
