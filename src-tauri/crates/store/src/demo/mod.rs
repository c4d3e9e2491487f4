//! [`create_demo`]: a complete, realistic sample firm ("Northwind Managed IT Ltd") for demos,
//! screenshots, the dossier and tests. Deterministic: the same clock gives the same project.
//!
//! The demo is built through the same store operations the app uses (wizard, documents,
//! assessment), along a timeline ending at the clock's "now": set-up about 120 days ago,
//! documents issued and approved about 90 days ago, a first assessment snapshot 45 days ago,
//! an internal audit 20 days ago and the current snapshot yesterday.

mod fill_assessment;
mod fill_audits;
mod fill_drafts;
mod fill_operations;
mod fill_records;
mod fill_registers;
mod fill_reports;
mod fill_review;
mod fill_wizard;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use ready20k_domain::assessment::{Action, ActionSource, ActionStatus, AnswerRecord, NewEvidence};
use ready20k_domain::clock::{Clock, SettableClock};
use ready20k_domain::content::library;
use ready20k_domain::records::ReportRenderer;
use ready20k_domain::scoring::MaturityLevel;
use ready20k_domain::wizard::sod::sod_of;
use ready20k_domain::wizard::suggest::suggest_roles;
use ready20k_domain::wizard::{
    ClimateDecision, FirmProfile, InterestedParty, IssueKind, OtherParty, OtherPartyKind, Person,
    Service, SodMitigation, StepId,
};

use fill_assessment::fill_assessment;
use fill_records::fill_records;
use fill_registers::fill_registers;
use fill_wizard::fill_wizard;

use crate::{Project, Result, StoreError, assessment, documents, wizard};

/// The demo firm's name.
pub const DEMO_FIRM: &str = "Northwind Managed IT Ltd";

/// Documents drafted, issued and approved in the demo (library document ids), in order.
const DEMO_DOCS: usize = 12;

fn doc_err(e: documents::DocError) -> StoreError {
    e.into()
}

/// A deterministic 64-bit hash (FNV-1a) used to vary the demo by question id.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The demo's time line: `now` is the caller's clock; `clock` is the clock the project is
/// built with, moved along the time line before each step ([`Timeline::go`]).
struct Timeline {
    now: DateTime<Utc>,
    clock: Arc<SettableClock>,
}

impl Timeline {
    fn instant(&self, days_ago: i64, minutes: i64) -> DateTime<Utc> {
        self.now - Duration::days(days_ago) + Duration::minutes(minutes)
    }

    fn at(&self, days_ago: i64, minutes: i64) -> String {
        self.instant(days_ago, minutes).to_rfc3339()
    }

    /// Moves the project's clock to `days_ago` days (plus `minutes`) before now.
    fn go(&self, days_ago: i64, minutes: i64) {
        self.clock.set(self.instant(days_ago, minutes));
    }

    fn date(&self, days_from_now: i64) -> String {
        (self.now + Duration::days(days_from_now))
            .date_naive()
            .to_string()
    }
}

/// Creates the demo project at `path` (refusing an existing file). The project is built in a
/// temporary file beside `path` and moved into place only when complete. Without a renderer
/// the demo has no issued service reports; see [`create_demo_with`].
pub fn create_demo(path: &Path, clock: Arc<dyn Clock>) -> Result<Project> {
    create_demo_with(path, clock, None)
}

/// [`create_demo`], and with `render` (the dossier engine) the last month's service report of
/// every service issued as a record.
pub fn create_demo_with(
    path: &Path,
    clock: Arc<dyn Clock>,
    render: Option<ReportRenderer<'_>>,
) -> Result<Project> {
    let path = std::path::absolute(path)?;
    crate::atomic::clean_leftovers(&path)?;
    if path.exists() {
        return Err(StoreError::AlreadyExists {
            path: path.display().to_string(),
        });
    }
    let now = clock.now();
    let t = Timeline {
        now,
        clock: Arc::new(SettableClock::new(now - Duration::days(120))),
    };
    crate::atomic::build_new(&path, |tmp| {
        t.go(120, 0);
        crate::project::init_file(tmp, DEMO_FIRM, t.clock.as_ref())?;
        let mut p = Project::open(tmp, t.clock.clone())?;
        fill(&mut p, &t)?;
        if let Some(render) = render {
            fill_reports::fill_reports(&mut p, &t, render)?;
        }
        p.close()
    })?;
    Project::open(&path, clock)
}

fn fill(p: &mut Project, t: &Timeline) -> Result<()> {
    let people = fill_wizard(p, t)?;
    let approved = fill_documents(p, t)?;
    fill_assessment(p, t, &people, &approved)?;
    fill_records(p, t)?;
    fill_registers(p, t)?;
    fill_operations::fill_operations(p, t)?;
    fill_audits::fill_audits(p, t)?;
    fill_review::fill_review(p, t)?;
    fill_registers::fill_calendar(p, t)
}

/// Drafts, issues and approves library documents; returns (doc key, version id) of each
/// approved version.
fn fill_documents(p: &mut Project, t: &Timeline) -> Result<Vec<(String, i64, String)>> {
    let lib = library();
    let mut approved = Vec::new();
    let keys: Vec<&str> = lib
        .documents
        .iter()
        .filter(|d| d.required && !d.templates.is_empty())
        .map(|d| d.id.as_str())
        .take(DEMO_DOCS)
        .collect();
    for (n, key) in keys.into_iter().enumerate() {
        let minute = i64::try_from(n).unwrap_or(0) * 7;
        t.go(95, minute);
        let doc_id = documents::start_document(p, key, None, None).map_err(doc_err)?;
        // The drafter works through the template's instructions before issuing.
        let mut revision = 1;
        if let Some(d) = documents::records::get_draft(p.conn(), doc_id)? {
            let body = fill_drafts::answer_instructions(&d.body);
            if body != d.body {
                documents::save_draft(p, doc_id, &body, d.author_person_id, d.revision)
                    .map_err(doc_err)?;
                revision = d.revision + 1;
            } else {
                revision = d.revision;
            }
        }
        t.go(92, minute);
        let version =
            documents::issue_version(p, doc_id, "First issue", false, revision).map_err(doc_err)?;
        let data = wizard::load(p.conn())?;
        let doc = documents::records::get_document(p.conn(), doc_id)?;
        // The approver role's holders first, then its deputy; the rules decide.
        let mut candidates: Vec<i64> = data
            .assignment(&doc.approver_role)
            .map(|a| a.holders.iter().copied().chain(a.deputy).collect())
            .unwrap_or_default();
        candidates.extend(data.people.iter().map(|p| p.id));
        t.go(90, minute);
        let number = version.number.to_string();
        // Issue 17: the demo keeps no placeholder or instruction; approval refuses them.
        let keep: Vec<String> = Vec::new();
        for who in candidates {
            if documents::approve_version(p, version.id, who, &number, &keep).is_ok() {
                approved.push((key.to_owned(), version.id, doc.title.clone()));
                break;
            }
        }
    }
    Ok(approved)
}

fn chrono_date(rfc3339: &str) -> Result<chrono::NaiveDate> {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|d| d.date_naive())
        .map_err(|e| StoreError::InvalidDate(e.to_string()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
