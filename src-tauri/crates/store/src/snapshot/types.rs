//! The snapshot types now live in the domain crate ([`ready20k_domain::snapshot`]) so the
//! dossier can use them without the store; re-exported here so existing paths keep working.

pub use ready20k_domain::snapshot::*;
