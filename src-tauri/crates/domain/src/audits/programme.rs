//! The default audit programme, generated from the project.
//!
//! The audit areas of the content library (`audit_area`) together cover every requirement
//! clause 4–10 and, through their clauses, every SMS process. A firm of up to five audits them
//! in the few combined sessions of `micro_session`, a larger firm one area at a time. Cycle 1
//! runs one session a month and ends [`AUDIT_MARGIN_MONTHS`] before the target certification
//! date (or starts next month without one); cycle 2 repeats every session a year later, twice
//! (after six months and a year) for areas with past findings or higher risk.
//!
//! Auditors are chosen so that nobody audits a process they own or operate: one independent
//! person where there is one (internal auditors first, then the least loaded); from six people
//! two who cross-audit each other's parts; otherwise an external person on the list or a
//! contracted auditor.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, Months, NaiveDate};

use super::independence::{clauses_overlap, runs, scope_processes};
use super::types::{Audit, AuditProgramme, AuditStatus};
use crate::content::duties::{AUDIT_MARGIN_MONTHS, audit_sessions, session_title};
use crate::content::{Library, SizeBand};
use crate::wizard::WizardData;
use crate::wizard::processes::processes;

/// The name put on an audit that needs a contracted auditor.
pub const CONTRACTED_AUDITOR: &str = "Contracted internal auditor";

/// Days from today to the first audit at the earliest.
const LEAD_DAYS: u64 = 14;

/// A generated programme: its header and audits, with notes on the choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeProposal {
    /// The header.
    pub programme: AuditProgramme,
    /// Audits in date order (ids 0).
    pub audits: Vec<Audit>,
}

struct Session {
    areas: Vec<String>,
    title: String,
    clauses: Vec<String>,
}

fn sessions(lib: &Library, band: SizeBand) -> Vec<Session> {
    audit_sessions(lib, band)
        .into_iter()
        .map(|areas| Session {
            areas: areas.iter().map(|a| a.id.clone()).collect(),
            title: session_title(&areas),
            clauses: areas
                .iter()
                .flat_map(|a| a.clauses.iter().cloned())
                .collect(),
        })
        .collect()
}

/// The firm's size for the programme: the profile's headcount, or the staff entered.
pub fn headcount(data: &WizardData) -> u32 {
    let staff = data.people.iter().filter(|p| !p.external).count();
    data.profile
        .headcount
        .max(u32::try_from(staff).unwrap_or(u32::MAX))
}

/// Planned dates for `n` audits from `today`, ending before `target` when there is time.
fn dates(n: usize, today: NaiveDate, target: Option<NaiveDate>) -> (Vec<NaiveDate>, String) {
    let start = today + Days::new(LEAD_DAYS);
    let monthly = |from: NaiveDate| -> Vec<NaiveDate> {
        (0..n)
            .map(|i| from + Months::new(u32::try_from(i).unwrap_or(0)))
            .collect()
    };
    let steps = u32::try_from(n.saturating_sub(1)).unwrap_or(0);
    let Some(target) = target else {
        return (
            monthly(start),
            "No target certification date is set (firm profile): one audit a month from \
             now. Set the date and generate again to plan backwards from it."
                .into(),
        );
    };
    let end = target - Months::new(AUDIT_MARGIN_MONTHS);
    let first = end - Months::new(steps);
    if first >= start {
        let note = format!(
            "One audit a month, the last on {end}: {AUDIT_MARGIN_MONTHS} months before the \
             target date ({target}) for the management review and corrective actions."
        );
        (monthly(first), note)
    } else if end > start {
        let span = (end - start).num_days().max(0);
        let step = span / i64::from(steps.max(1));
        let ds = (0..n)
            .map(|i| start + Days::new(u64::try_from(step * i as i64).unwrap_or(0)))
            .collect();
        let note = format!(
            "The target date ({target}) is close: the audits are packed between {start} and \
             {end} so the cycle still ends before it."
        );
        (ds, note)
    } else {
        (
            monthly(start),
            format!(
                "The target date ({target}) leaves no time for a full audit cycle and a \
                 management review: consider moving it. One audit a month from now."
            ),
        )
    }
}

struct Team<'a> {
    data: &'a WizardData,
    runs: BTreeMap<i64, BTreeSet<String>>,
    auditors: BTreeSet<i64>,
    load: BTreeMap<i64, u32>,
}

impl Team<'_> {
    fn order_key(&self, id: i64) -> (u8, u32, i64) {
        (
            u8::from(!self.auditors.contains(&id)),
            self.load.get(&id).copied().unwrap_or(0),
            id,
        )
    }

    fn free_of(&self, id: i64, scope: &[String]) -> usize {
        let own = &self.runs[&id];
        scope.iter().filter(|p| !own.contains(*p)).count()
    }

    /// Auditors for `scope` and the external name, if one is needed.
    fn choose(&mut self, scope: &[String], micro: bool) -> (Vec<i64>, String) {
        let mut ids: Vec<i64> = self.runs.keys().copied().collect();
        ids.sort_by_key(|id| self.order_key(*id));
        let chosen = if let Some(one) = ids
            .iter()
            .find(|id| self.free_of(**id, scope) == scope.len())
        {
            Some(vec![*one])
        } else if micro {
            None
        } else {
            self.pair(&ids, scope)
        };
        match chosen {
            Some(people) => {
                for p in &people {
                    *self.load.entry(*p).or_default() += 1;
                }
                (people, String::new())
            }
            None => (Vec::new(), CONTRACTED_AUDITOR.to_owned()),
        }
    }

    fn pair(&self, ids: &[i64], scope: &[String]) -> Option<Vec<i64>> {
        let staff: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|id| self.data.person(*id).is_some_and(|p| !p.external))
            .collect();
        for a in &staff {
            let rest: Vec<&String> = scope.iter().filter(|p| self.runs[a].contains(*p)).collect();
            if rest.len() == scope.len() {
                continue;
            }
            if let Some(b) = staff
                .iter()
                .find(|b| *b != a && rest.iter().all(|p| !self.runs[*b].contains(*p)))
            {
                return Some(vec![*a, *b]);
            }
        }
        None
    }
}

fn plan_text(lib: &Library, data: &WizardData, clauses: &[String], scope: &[String]) -> String {
    let all = processes();
    let owners: BTreeSet<String> = scope
        .iter()
        .filter_map(|id| all.iter().find(|p| &p.id == id))
        .flat_map(|p| data.holder_names(&p.accountable))
        .collect();
    let names: Vec<&str> = clauses
        .iter()
        .map(|c| lib.clause(c).map_or(c.as_str(), |x| x.title.as_str()))
        .collect();
    format!(
        "Criteria: ISO/IEC 20000-1 clauses {} ({}) and the firm's own SMS documents for them.\n\
         Method: interview the process owners{}, walk through the checklist, and sample records \
         as each line's sampling prompt says.\n\
         Report: findings graded major, minor or opportunity for improvement, reported to top \
         management within a week; nonconformities go to the action register.",
        clauses.join(", "),
        names.join("; "),
        if owners.is_empty() {
            String::new()
        } else {
            format!(" ({})", owners.into_iter().collect::<Vec<_>>().join(", "))
        },
    )
}

/// Generates the default programme for the project.
///
/// `hot_clauses` are clauses with past findings or open gaps: their areas are audited twice in
/// the yearly cycle that follows certification.
pub fn generate_programme(
    lib: &Library,
    data: &WizardData,
    today: NaiveDate,
    hot_clauses: &[String],
) -> ProgrammeProposal {
    let size = headcount(data);
    let band = SizeBand::of(size);
    let sessions = sessions(lib, band);
    let target = data
        .profile
        .target_date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let (planned, date_note) = dates(sessions.len(), today, target);
    let mut team = Team {
        data,
        runs: data
            .people
            .iter()
            .map(|p| (p.id, runs(data, p.id)))
            .collect(),
        auditors: data
            .assignment("ROLE-IA")
            .map(|a| a.holders.iter().copied().collect())
            .unwrap_or_default(),
        load: BTreeMap::new(),
    };
    let mut audits = Vec::new();
    for (s, day) in sessions.iter().zip(&planned) {
        let scope = scope_processes(&s.clauses);
        let (auditor_ids, external_auditor) = team.choose(&scope, band == SizeBand::Micro);
        audits.push(Audit {
            id: 0,
            cycle: 1,
            title: s.title.clone(),
            areas: s.areas.clone(),
            clauses: s.clauses.clone(),
            plan: plan_text(lib, data, &s.clauses, &scope),
            processes: scope,
            services: Vec::new(),
            planned_on: day.to_string(),
            performed_on: None,
            auditor_ids,
            external_auditor,
            status: AuditStatus::Planned,
            mitigation: String::new(),
        });
    }
    let mut yearly = Vec::new();
    for a in &audits {
        let Ok(day) = NaiveDate::parse_from_str(&a.planned_on, "%Y-%m-%d") else {
            continue;
        };
        let hot = a
            .clauses
            .iter()
            .any(|c| hot_clauses.iter().any(|h| clauses_overlap(c, h)));
        let mut offsets = vec![12];
        if hot {
            offsets.insert(0, 6);
        }
        for m in offsets {
            yearly.push(Audit {
                cycle: 2,
                planned_on: (day + Months::new(m)).to_string(),
                ..a.clone()
            });
        }
    }
    audits.extend(yearly);
    audits.sort_by(|a, b| a.planned_on.cmp(&b.planned_on).then(a.cycle.cmp(&b.cycle)));
    let externals = audits
        .iter()
        .filter(|a| !a.external_auditor.is_empty())
        .count();
    let mut notes = vec![
        format!(
            "{} audits cover every clause 4 to 10 and every SMS process once in cycle 1 ({}), \
             then again every year; areas with past findings or open gaps twice a year.",
            planned.len(),
            band.label()
        ),
        date_note,
    ];
    if externals > 0 {
        notes.push(format!(
            "{externals} audits need a contracted auditor: nobody on the team is independent of \
             their scope (nobody audits a process they own or operate)."
        ));
    }
    ProgrammeProposal {
        programme: AuditProgramme {
            cycle_start: planned
                .first()
                .map_or_else(|| today.to_string(), ToString::to_string),
            target_date: target.map(|t| t.to_string()),
            notes: notes.join("\n"),
            generated_at: String::new(),
            updated_at: String::new(),
        },
        audits,
    }
}
