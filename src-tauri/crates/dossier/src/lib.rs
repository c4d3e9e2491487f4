//! `ready20k-dossier`: the certification dossier as a PDF, built as
//! `store snapshot -> model -> layout -> pdf bytes`.
//!
//! The layout engine and PDF writer arrive with the dossier issue; this crate holds the
//! place in the workspace so the shell and the CLI depend on it from the start.
