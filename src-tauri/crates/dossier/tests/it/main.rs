//! Integration tests of the dossier: layout behaviour (on the demo project's dossier and on
//! small hand-made models) and the demo dossier's golden text and structure, packs,
//! watermark and robustness.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod demo;
mod export;
mod layout;
mod registers;
mod scripts;
mod tables;
mod verdict;

use std::process::Command;

use ready20k_dossier::layout::{Page, Prim, TextRun};

/// The text runs of a page.
fn texts(page: &Page) -> impl Iterator<Item = &TextRun> {
    page.prims.iter().filter_map(|p| match p {
        Prim::Text(t) => Some(t),
        _ => None,
    })
}

/// Runs a command-line tool and returns its standard output; panics when it fails.
fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is required for this test (make test installs it): {e}")
    });
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
