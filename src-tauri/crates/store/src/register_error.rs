//! The error of the registers (risks, suppliers, calendar): a store error, or a refusal with
//! a stable snake_case code taken from the domain rule that refused.

use ready20k_domain::ErrorPayload;
use ready20k_domain::calendar::CalendarError;
use ready20k_domain::error::Refusal;

use crate::StoreError;

/// What can go wrong in the risk register, the supplier register or the calendar.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    /// A store error (database, file).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A rule refused the input; nothing was written.
    #[error("{message}")]
    Refused {
        /// Stable code, e.g. `rating_out_of_range`, `unknown_person`, `record_required`.
        code: &'static str,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The row asked for does not exist (any more).
    #[error("{message}")]
    NotFound {
        /// Stable code, e.g. `risk_not_found`, `party_not_found`.
        code: &'static str,
        /// What is missing.
        message: String,
    },
}

impl RegisterError {
    /// Stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Store(e) => e.code(),
            Self::Refused { code, .. } | Self::NotFound { code, .. } => code,
        }
    }

    /// The error as the UI receives it.
    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload::new(self.code(), self.to_string())
    }

    /// A refusal.
    pub fn refused(code: &'static str, message: impl Into<String>) -> Self {
        Self::Refused {
            code,
            message: message.into(),
        }
    }

    /// A missing row.
    pub fn not_found(code: &'static str, message: impl Into<String>) -> Self {
        Self::NotFound {
            code,
            message: message.into(),
        }
    }
}

impl From<rusqlite::Error> for RegisterError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}

impl From<serde_json::Error> for RegisterError {
    fn from(e: serde_json::Error) -> Self {
        Self::Store(e.into())
    }
}

/// A domain rule's refusal (risk and supplier checks among them) keeps its code.
impl From<Refusal> for RegisterError {
    fn from(p: Refusal) -> Self {
        Self::refused(p.code, p.message)
    }
}

impl From<CalendarError> for RegisterError {
    fn from(e: CalendarError) -> Self {
        Self::refused(e.code(), e.to_string())
    }
}

/// Result of register operations.
pub type RegisterResult<T> = std::result::Result<T, RegisterError>;

/// Refuses a person id that is not a current person.
pub(crate) fn known_person(conn: &rusqlite::Connection, id: Option<i64>) -> RegisterResult<()> {
    let Some(id) = id else { return Ok(()) };
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM person WHERE id = ?1 AND deleted_at IS NULL",
        [id],
        |r| r.get(0),
    )?;
    if n == 0 {
        return Err(RegisterError::refused(
            "unknown_person",
            format!("Person {id} is not on the people list; choose a current person."),
        ));
    }
    Ok(())
}

/// Refuses action ids that are not in the action register.
pub(crate) fn known_actions(conn: &rusqlite::Connection, ids: &[i64]) -> RegisterResult<()> {
    for id in ids {
        let n: i64 = conn.query_row("SELECT count(*) FROM action WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
        if n == 0 {
            return Err(RegisterError::refused(
                "unknown_action",
                format!("There is no action {id} in the action plan; reload."),
            ));
        }
    }
    Ok(())
}

/// A table that links the rows of a register to actions of the one action register
/// (`risk_action`, `supplier_review_action`): read, cleared and written the same way for each.
pub(crate) struct ActionLinks {
    /// The link table.
    pub table: &'static str,
    /// Its column naming the register row.
    pub owner: &'static str,
}

impl ActionLinks {
    /// The action ids linked to row `id`, in id order.
    pub(crate) fn read(&self, conn: &rusqlite::Connection, id: i64) -> RegisterResult<Vec<i64>> {
        let sql = format!(
            "SELECT action_id FROM {} WHERE {} = ?1 ORDER BY action_id",
            self.table, self.owner
        );
        Ok(crate::rows::all(conn, &sql, [id], |r| r.get(0))?)
    }

    /// Removes every link of row `id`.
    pub(crate) fn clear(&self, conn: &rusqlite::Connection, id: i64) -> RegisterResult<()> {
        let sql = format!("DELETE FROM {} WHERE {} = ?1", self.table, self.owner);
        conn.execute(&sql, [id])?;
        Ok(())
    }

    /// Links row `id` to each of `actions`.
    pub(crate) fn insert(
        &self,
        conn: &rusqlite::Connection,
        id: i64,
        actions: &[i64],
    ) -> RegisterResult<()> {
        let sql = format!(
            "INSERT INTO {} ({}, action_id) VALUES (?1, ?2)",
            self.table, self.owner
        );
        for a in actions {
            conn.execute(&sql, [id, *a])?;
        }
        Ok(())
    }
}

/// Test support: a new project file.
#[cfg(test)]
pub(crate) mod testing {
    use std::sync::Arc;

    use ready20k_domain::clock::{FixedClock, SettableClock};

    use crate::Project;

    /// A project created on 2027-01-10 at 09:00 UTC in `dir`, its clock standing there.
    pub(crate) fn project(dir: &tempfile::TempDir) -> Project {
        project_with_clock(dir).0
    }

    /// [`project`] and its clock, for tests where time passes.
    #[allow(clippy::unwrap_used)]
    pub(crate) fn project_with_clock(dir: &tempfile::TempDir) -> (Project, Arc<SettableClock>) {
        let at = FixedClock::at_rfc3339("2027-01-10T09:00:00+00:00")
            .unwrap()
            .0;
        let clock = Arc::new(SettableClock::new(at));
        let p = Project::create(&dir.path().join("p.r20k"), "Acme IT", clock.clone()).unwrap();
        (p, clock)
    }

    /// Makes `who` the only holder of library role `role` (no deputy).
    #[allow(clippy::unwrap_used)]
    pub(crate) fn hold(p: &mut Project, role: &str, who: i64) {
        let a = ready20k_domain::wizard::RoleAssignment {
            role_id: role.into(),
            holders: vec![who],
            deputy: None,
        };
        crate::wizard::roles::update_assignment(p, &a).unwrap();
    }

    /// Adds another party called `name` of `kind` that provides hosting; returns its id.
    #[allow(clippy::unwrap_used)]
    pub(crate) fn party(
        p: &mut Project,
        name: &str,
        kind: ready20k_domain::wizard::OtherPartyKind,
    ) -> i64 {
        let o = ready20k_domain::wizard::OtherParty {
            id: 0,
            name: name.into(),
            kind,
            provides: "Hosting".into(),
            services: Vec::new(),
            processes: Vec::new(),
        };
        crate::wizard::services::save_other_party(p, &o).unwrap()
    }

    /// Adds a person called `name` (nothing else set) and returns their id.
    #[allow(clippy::unwrap_used)]
    pub(crate) fn person(p: &mut Project, name: &str) -> i64 {
        let person = ready20k_domain::wizard::Person {
            name: name.into(),
            ..Default::default()
        };
        crate::wizard::people::save_person(p, &person).unwrap()
    }
}
