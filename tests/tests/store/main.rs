//! Cross-crate tests of `ready20k-store`: migrations, refusing foreign and damaged files,
//! the exclusive lock, crash safety under SIGKILL, and Save As.

// Tests may unwrap: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod crash;
mod double_open;
mod foreign;
mod migrations;
mod save_as;
