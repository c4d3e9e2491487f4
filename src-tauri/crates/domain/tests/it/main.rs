//! Integration tests of `ready20k-domain` against files on disk.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod records;
