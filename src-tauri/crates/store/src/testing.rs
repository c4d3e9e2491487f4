//! Test support shared by the store's test modules: a small staffed firm whose clock the
//! test can move, and the file names in a folder.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::Arc;

use ready20k_domain::clock::{FixedClock, SettableClock};
use ready20k_domain::wizard::FirmProfile;

use crate::Project;
use crate::register_error::testing::{hold, person};
use crate::wizard::profile;

/// The names of the entries of `dir`, sorted.
pub(crate) fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A project in its own temporary folder with the clock it runs on, and the ids of the rows
/// a test file names (`f.ids.ann`).
pub(crate) struct Firm<X> {
    _dir: tempfile::TempDir,
    pub p: Project,
    /// The project's clock: where [`firm`] set it until a test moves it.
    pub clock: Arc<SettableClock>,
    pub ids: X,
}

/// "Acme IT" created at `at` (RFC 3339), profiled as "Acme IT Ltd" of three people trading
/// as `trading_name`; adds `staff` (name, library roles they hold alone) in order, then makes
/// each the holder of their roles; `name` names the people's ids (and adds what else the
/// test file needs).
pub(crate) fn firm<X>(
    at: &str,
    trading_name: &str,
    staff: &[(&str, &[&str])],
    name: impl FnOnce(&mut Project, &[i64]) -> X,
) -> Firm<X> {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(SettableClock::new(FixedClock::at_rfc3339(at).unwrap().0));
    let mut p = Project::create(&dir.path().join("p.r20k"), "Acme IT", clock.clone()).unwrap();
    let profile = FirmProfile {
        legal_name: "Acme IT Ltd".into(),
        trading_name: trading_name.into(),
        headcount: 3,
        ..FirmProfile::default()
    };
    profile::update_profile(&mut p, &profile).unwrap();
    let ids: Vec<i64> = staff.iter().map(|(name, _)| person(&mut p, name)).collect();
    for ((_, roles), &who) in staff.iter().zip(&ids) {
        for role in *roles {
            hold(&mut p, role, who);
        }
    }
    let ids = name(&mut p, &ids);
    Firm {
        _dir: dir,
        p,
        clock,
        ids,
    }
}
