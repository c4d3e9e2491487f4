//! End-to-end tests: the real Ready20k window driven through tauri-driver and WebKitWebDriver.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

mod assessment;
mod audits;
mod dossier;
mod export_import;
mod guide;
mod harness;
mod overview;
mod policies;
mod project_files;
mod records;
mod registers;
mod reviews;
mod roadmap;
mod scorecard;
mod wizard;
