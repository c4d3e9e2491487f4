//! `ready20k-domain`: the model and rules of Ready20k.
//!
//! Pure code: no IO, no SQLite, no Tauri. Everything here is deterministic given its inputs;
//! "now" always arrives through a [`clock::Clock`].

pub mod assessment;
pub mod audits;
pub mod calendar;
pub mod clock;
pub mod content;
pub mod documents;
pub mod dossier;
pub mod error;
pub mod guide;
pub mod objectives;
pub mod overview;
pub mod project;
pub mod records;
pub mod reviews;
pub mod risks;
pub mod roadmap;
pub mod scoring;
pub mod screens;
pub mod snapshot;
pub mod suppliers;
#[cfg(test)]
mod test_support;
pub mod transfer;
pub mod wizard;

pub use error::ErrorPayload;
