//! Tauri commands, one module per feature area. Each is a thin adapter over the crates below.

pub mod app;
pub mod assessment;
pub mod documents;
pub mod dossier;
pub mod project;
pub mod wizard;
