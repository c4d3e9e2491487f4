//! Tauri commands, one module per feature area. Each is a thin adapter over the crates below.

pub mod app;
pub mod project;
pub mod wizard;
