//! The guided setup wizard: firm profile, context, services and scope, people, roles.
//!
//! Everything here is pure: the store loads a [`WizardData`] from the project file, and the
//! rules below turn it into what the UI shows ([`view`]): the checks of every step, scope
//! guards included ([`checks`]), the step order and states ([`steps`]),
//! separation-of-duties findings ([`sod`]), a role allocation for the firm's size
//! ([`suggest`]), the RACI matrix ([`raci`]) and the generated scope statement
//! ([`scope::generate_statement`]). Policy drafting builds its template context from the same
//! [`WizardData`].

pub mod checks;
pub mod csv;
pub mod processes;
pub mod raci;
pub mod scope;
pub mod sod;
pub mod steps;
pub mod suggest;
pub mod types;
pub mod view;

pub use types::*;
pub use view::{WizardView, view};
