//! `ready20k-store`: one SQLite file per firm.
//!
//! A project file (`.r20k`) is a bundled-SQLite database marked with Ready20k's
//! `application_id`, versioned with `PRAGMA user_version` and migrated by the numbered,
//! embedded scripts in `migrations/`. [`Project`] owns the open file: it holds an exclusive
//! OS lock for as long as it lives, so the same file cannot be opened twice.
//!
//! Durability: WAL journal with `synchronous = FULL`; a call that returned `Ok` has reached
//! the disk and survives the process being killed (see the kill test in `ready20k-tests`).

pub mod assessment;
pub mod atomic;
pub mod audits;
pub mod backup;
pub mod calendar;
pub mod demo;
pub mod documents;
mod error;
pub mod guide;
pub mod journal;
pub mod meta;
pub mod migrate;
pub mod objectives;
pub mod overview;
mod project;
pub mod recent;
pub mod records;
pub mod register_error;
pub mod reviews;
pub mod risks;
pub mod roadmap;
mod rows;
pub mod snapshot;
pub mod suppliers;
mod table_row;
#[cfg(test)]
mod testing;
pub mod wizard;

pub use error::{Result, StoreError};
pub use project::{APPLICATION_ID, Project};
