//! Recurring duties, the default internal audit programme and the data protection regime, as
//! template variables; and the check that no document states another frequency for a duty.
//!
//! Every "how often" in a template comes from `duties.toml` through [`duty_entries`], scaled to
//! the firm's size band. [`audit_programme`] plans the default audit cycle backwards from the
//! target certification date so that a full cycle over clauses 4–10 finishes before it.
//! [`frequency_conflicts`] reads rendered documents and reports any sentence or table cell that
//! names a duty with a different frequency.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::render::RoleAssignment;
use super::types::{AuditArea, DataProtectionRegime, Frequency, Library, SizeBand};

/// Months between the end of the audit cycle and the target certification date: one for the
/// management review that takes the audit results, one for corrective actions.
pub const AUDIT_MARGIN_MONTHS: u32 = 2;

/// A duty as a template sees it (`duties["DUTY-…"]`, `duty_list[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DutyEntry {
    /// `DUTY-…`.
    pub id: String,
    /// What is done.
    pub duty: String,
    /// "every quarter" (after a verb).
    pub every: String,
    /// "quarterly" (before a noun).
    pub adjective: String,
    /// "Quarterly" (table cell).
    pub label: String,
    /// Interval in months (0 = weekly).
    pub months: u32,
    /// Name of the role that does it.
    pub role: String,
    /// Who holds that role (or a placeholder).
    pub owner: String,
    /// Clauses it serves, e.g. `8.7.3.2`.
    pub clauses: String,
    /// The record that shows it was done.
    pub evidence: String,
}

/// One row of the default internal audit programme (`audit_programme[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AuditSlot {
    /// What is audited (one or several areas).
    pub areas: String,
    /// Roles that run those areas (an auditor holding one is not independent).
    pub roles: Vec<String>,
    /// When: `March 2027`, or `Month 3 of the cycle` without a target date.
    pub planned: String,
}

/// The data protection regime of the firm's country (`data_protection.*`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DataProtectionEntry {
    /// The country as found in the address, or a placeholder.
    pub country: String,
    /// The law.
    pub law: String,
    /// The regulator.
    pub authority: String,
    /// When a breach must be notified.
    pub breach_notice: String,
}

/// The frequency of `duty` for a firm of `headcount` people.
pub fn frequency_of(lib: &Library, duty: &str, headcount: u32) -> Option<Frequency> {
    lib.duty(duty)
        .map(|d| d.frequency.get(SizeBand::of(headcount)))
}

/// Every duty for a firm of `headcount` people, keyed by id, with the role holders from `roles`
/// (a role nobody holds shows its name in a placeholder).
pub fn duty_entries(
    lib: &Library,
    headcount: u32,
    roles: &BTreeMap<String, RoleAssignment>,
) -> Vec<DutyEntry> {
    let band = SizeBand::of(headcount);
    lib.duties
        .iter()
        .map(|d| {
            let f = d.frequency.get(band);
            let role = lib
                .role(&d.owner_role)
                .map_or_else(|| d.owner_role.clone(), |r| r.name.clone());
            let owner = roles
                .get(&d.owner_role)
                .map(|r| r.holder.clone())
                .filter(|h| !h.trim().is_empty())
                .unwrap_or_else(|| format!("«{role} (not assigned yet)»"));
            DutyEntry {
                id: d.id.clone(),
                duty: d.duty.clone(),
                every: f.every().to_owned(),
                adjective: f.adjective().to_owned(),
                label: f.label().to_owned(),
                months: f.months(),
                role,
                owner,
                clauses: d.clauses.join(", "),
                evidence: d.evidence.clone(),
            }
        })
        .collect()
}

/// The first day of the month `months` before the month of `date`.
fn months_before(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    let total = date.year() * 12 + date.month0() as i32 - months as i32;
    NaiveDate::from_ymd_opt(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1)
}

fn month_name(date: NaiveDate) -> String {
    date.format("%B %Y").to_string()
}

/// The audit areas grouped into sessions for `band`: each area alone, or a micro firm's
/// combined sessions (areas sharing a `micro_session`), in the order each session first appears.
pub fn audit_sessions(lib: &Library, band: SizeBand) -> Vec<Vec<&AuditArea>> {
    let mut out: Vec<Vec<&AuditArea>> = Vec::new();
    let mut keys: Vec<u32> = Vec::new();
    for (i, a) in lib.audit_areas.iter().enumerate() {
        let key = if band == SizeBand::Micro {
            a.micro_session
        } else {
            u32::try_from(i).unwrap_or(u32::MAX)
        };
        match keys.iter().position(|k| *k == key) {
            Some(at) => out[at].push(a),
            None => {
                keys.push(key);
                out.push(vec![a]);
            }
        }
    }
    out
}

/// A session's title: its areas' titles joined by "; ".
pub fn session_title(areas: &[&AuditArea]) -> String {
    areas
        .iter()
        .map(|a| a.title.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The session's title and the roles that run its areas (the first area's, then each other
/// role once).
fn session_slot(areas: &[&AuditArea]) -> (String, Vec<String>) {
    let title = session_title(areas);
    let mut roles: Vec<String> = areas.first().map(|a| a.roles.clone()).unwrap_or_default();
    for r in areas.iter().skip(1).flat_map(|a| &a.roles) {
        if !roles.contains(r) {
            roles.push(r.clone());
        }
    }
    (title, roles)
}

/// The default internal audit programme for a firm of `headcount` people and its note.
///
/// With a target certification date the sessions run one a month and the last falls
/// [`AUDIT_MARGIN_MONTHS`] months before the target month, so a full cycle over clauses 4–10 is
/// complete, and its results reviewed, before the certification audit. Without a target date the
/// sessions are numbered months of the cycle.
pub fn audit_programme(
    lib: &Library,
    headcount: u32,
    target_date: Option<NaiveDate>,
) -> (Vec<AuditSlot>, String) {
    let band = SizeBand::of(headcount);
    let sessions = audit_sessions(lib, band);
    let n = u32::try_from(sessions.len()).unwrap_or(u32::MAX);
    let mut slots = Vec::new();
    for (i, (areas, roles)) in sessions.iter().map(|s| session_slot(s)).enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        let planned = match target_date {
            Some(t) => months_before(t, AUDIT_MARGIN_MONTHS + (n - 1 - i))
                .map_or_else(|| format!("Month {} of the cycle", i + 1), month_name),
            None => format!("Month {} of the cycle", i + 1),
        };
        slots.push(AuditSlot {
            areas,
            roles,
            planned,
        });
    }
    let note = match target_date.and_then(|t| months_before(t, AUDIT_MARGIN_MONTHS).map(|e| (t, e)))
    {
        Some((t, end)) => format!(
            "The programme is planned backwards from the target certification date ({}): the \
             full cycle over clauses 4 to 10 ends in {}, leaving time for the management review \
             that takes its results and for corrective actions before the certification audit. \
             If an audit's month has already passed when this programme is approved, audit that \
             area next: the cycle must still end by {}.",
            t.format("%-d %B %Y"),
            month_name(end),
            month_name(end),
        ),
        None => "No target certification date is set yet (firm profile), so the audits are \
                 numbered months of the cycle. With a target date the programme is planned to end \
                 before it."
            .to_owned(),
    };
    (slots, note)
}

/// The regime whose country ends `address` (the last comma-separated part), or is named in it.
pub fn regime_for<'a>(
    lib: &'a Library,
    address: &str,
) -> Option<(&'a DataProtectionRegime, String)> {
    let norm = |s: &str| s.trim().trim_end_matches('.').to_lowercase();
    let last = address
        .rsplit([',', '\n'])
        .next()
        .map(norm)
        .unwrap_or_default();
    for r in &lib.data_protection {
        if let Some(c) = r.countries.iter().find(|c| norm(c) == last) {
            return Some((r, c.clone()));
        }
    }
    // A country named elsewhere in the address, longest names first ("United States of
    // America" before "US"), as a whole word.
    let lower = address.to_lowercase();
    let mut names: Vec<(&DataProtectionRegime, &String)> = lib
        .data_protection
        .iter()
        .flat_map(|r| r.countries.iter().map(move |c| (r, c)))
        .filter(|(_, c)| c.chars().count() > 3)
        .collect();
    names.sort_by_key(|(_, c)| std::cmp::Reverse(c.len()));
    names
        .into_iter()
        .find(|(_, c)| contains_word(&lower, &c.to_lowercase()))
        .map(|(r, c)| (r, c.clone()))
}

/// The data protection entry for an address; placeholders when the country is not known.
pub fn data_protection(lib: &Library, address: &str) -> DataProtectionEntry {
    match regime_for(lib, address) {
        Some((r, country)) => DataProtectionEntry {
            country,
            law: r.law.clone(),
            authority: r.authority.clone(),
            breach_notice: r.breach_notice.clone(),
        },
        None => DataProtectionEntry {
            country: "«country (end the firm address with it)»".to_owned(),
            law: "«the data protection law that applies to the firm»".to_owned(),
            authority: "«the data protection regulator»".to_owned(),
            breach_notice: "«the legal deadline for notifying a personal data breach»".to_owned(),
        },
    }
}

fn contains_word(hay: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let start = from + i;
        let end = start + needle.len();
        let ok_before = hay[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let ok_after = hay[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if ok_before && ok_after {
            return true;
        }
        from = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Phrases that state a frequency in our templates, with the frequency they state.
const FREQUENCY_WORDS: &[(&str, Frequency)] = &[
    ("weekly", Frequency::Weekly),
    ("every week", Frequency::Weekly),
    ("each week", Frequency::Weekly),
    ("monthly", Frequency::Monthly),
    ("every month", Frequency::Monthly),
    ("each month", Frequency::Monthly),
    ("quarterly", Frequency::Quarterly),
    ("every quarter", Frequency::Quarterly),
    ("each quarter", Frequency::Quarterly),
    ("every three months", Frequency::Quarterly),
    ("every 3 months", Frequency::Quarterly),
    ("every six months", Frequency::HalfYearly),
    ("every 6 months", Frequency::HalfYearly),
    ("six-monthly", Frequency::HalfYearly),
    ("half-yearly", Frequency::HalfYearly),
    ("twice a year", Frequency::HalfYearly),
    ("yearly", Frequency::Yearly),
    ("annually", Frequency::Yearly),
    ("annual", Frequency::Yearly),
    ("once a year", Frequency::Yearly),
    ("every year", Frequency::Yearly),
    ("each year", Frequency::Yearly),
    ("every 12 months", Frequency::Yearly),
    ("every twelve months", Frequency::Yearly),
];

/// A sentence or table cell that names a duty together with a frequency the duty does not have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FrequencyConflict {
    /// Where: a template id.
    pub document: String,
    /// The duty whose frequency differs.
    pub duty: String,
    /// The duty's frequency for this firm.
    pub expected: Frequency,
    /// The frequency the text states.
    pub found: Frequency,
    /// The sentence or cell.
    pub text: String,
}

/// Splits rendered Markdown into sentences and table rows (a row states one thing).
fn segments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with('|') {
            out.push(line.to_owned());
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find(". ").or_else(|| rest.find("; ")) {
            out.push(rest[..i].to_owned());
            rest = &rest[i + 2..];
        }
        out.push(rest.to_owned());
    }
    out.into_iter().filter(|s| !s.trim().is_empty()).collect()
}

/// Frequencies a segment states (whole phrases only).
fn stated(segment: &str) -> BTreeSet<Frequency> {
    let lower = segment.to_lowercase();
    FREQUENCY_WORDS
        .iter()
        .filter(|(w, _)| contains_word(&lower, w))
        .map(|(_, f)| *f)
        .collect()
}

/// Every sentence or table cell of `documents` (id, rendered text) that names a duty and states
/// a frequency none of the duties it names has, for a firm of `headcount` people.
pub fn frequency_conflicts(
    lib: &Library,
    headcount: u32,
    documents: &[(String, String)],
) -> Vec<FrequencyConflict> {
    let band = SizeBand::of(headcount);
    let mut out = Vec::new();
    for (doc, text) in documents {
        for seg in segments(text) {
            let found = stated(&seg);
            if found.is_empty() {
                continue;
            }
            let lower = seg.to_lowercase();
            let named: Vec<_> = lib
                .duties
                .iter()
                .filter(|d| d.mentions.iter().any(|m| lower.contains(m.as_str())))
                .collect();
            if named.is_empty() {
                continue;
            }
            let allowed: BTreeSet<Frequency> =
                named.iter().map(|d| d.frequency.get(band)).collect();
            for f in found.iter().filter(|f| !allowed.contains(f)) {
                for d in &named {
                    out.push(FrequencyConflict {
                        document: doc.clone(),
                        duty: d.id.clone(),
                        expected: d.frequency.get(band),
                        found: *f,
                        text: seg.trim().to_owned(),
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::content::library;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn smaller_firms_get_the_smaller_band_frequencies() {
        let lib = library();
        assert_eq!(
            frequency_of(lib, "DUTY-ACCESS-REVIEW", 4),
            Some(Frequency::HalfYearly)
        );
        assert_eq!(
            frequency_of(lib, "DUTY-ACCESS-REVIEW", 12),
            Some(Frequency::Quarterly)
        );
        assert_eq!(frequency_of(lib, "DUTY-NOPE", 12), None);
        let roles = BTreeMap::new();
        let e = duty_entries(lib, 4, &roles);
        let access = e.iter().find(|e| e.id == "DUTY-ACCESS-REVIEW").unwrap();
        assert_eq!(access.every, "every six months");
        assert_eq!(access.months, 6);
        assert!(access.owner.contains("not assigned"), "{}", access.owner);
    }

    #[test]
    fn the_audit_programme_ends_before_the_target_date() {
        let lib = library();
        for headcount in [3, 10, 40] {
            let (slots, note) = audit_programme(lib, headcount, Some(d(2027, 9, 15)));
            assert_eq!(slots.last().unwrap().planned, "July 2027", "{headcount}");
            assert!(note.contains("ends in July 2027"), "{note}");
            // One session a month, consecutive, and every area is in one session.
            let n = slots.len();
            let first = months_before(d(2027, 9, 15), AUDIT_MARGIN_MONTHS + n as u32 - 1).unwrap();
            assert_eq!(slots[0].planned, month_name(first));
            let all: String = slots.iter().map(|s| s.areas.clone()).collect();
            for a in &lib.audit_areas {
                assert!(all.contains(&a.title), "{}", a.id);
            }
        }
        let micro = audit_programme(lib, 4, None).0;
        let small = audit_programme(lib, 10, None).0;
        assert!(micro.len() < small.len(), "a micro firm combines areas");
        assert_eq!(small[0].planned, "Month 1 of the cycle");
        // Across a year boundary.
        let (slots, _) = audit_programme(lib, 10, Some(d(2027, 2, 1)));
        assert_eq!(slots.last().unwrap().planned, "December 2026");
    }

    #[test]
    fn the_data_protection_regime_follows_the_country_of_the_address() {
        let lib = library();
        let uk = data_protection(lib, "12 Harbour Street, Bristol BS1 4AA, United Kingdom");
        assert!(uk.law.contains("UK GDPR"), "{}", uk.law);
        let de = data_protection(lib, "Hauptstr. 1, 10115 Berlin, Germany");
        assert!(de.law.contains("EU General Data Protection Regulation"));
        assert_eq!(de.country, "Germany");
        let us = data_protection(lib, "1 Main St, Springfield, IL 62701, USA");
        assert!(us.law.contains("state privacy"), "{}", us.law);
        let named = data_protection(lib, "Rue du Lac 4\n1003 Lausanne\nSwitzerland");
        assert!(named.law.contains("Swiss"));
        let unknown = data_protection(lib, "1 Road, Nowhere");
        assert!(unknown.law.starts_with('«'), "{}", unknown.law);
    }

    #[test]
    fn a_sentence_with_another_frequency_for_a_duty_is_a_conflict() {
        let lib = library();
        let docs = vec![
            (
                "A".to_owned(),
                "| User access review | Monthly | ISM |\nPrivileged access is reviewed monthly."
                    .to_owned(),
            ),
            (
                "B".to_owned(),
                "The restore test is done every quarter. Backups run daily.".to_owned(),
            ),
        ];
        let c = frequency_conflicts(lib, 10, &docs);
        assert_eq!(c.len(), 1, "{c:#?}");
        assert_eq!(c[0].duty, "DUTY-ACCESS-REVIEW");
        assert_eq!(c[0].found, Frequency::Monthly);
        assert_eq!(c[0].expected, Frequency::Quarterly);
        // For a micro firm the restore test is still quarterly, privileged access quarterly.
        let c = frequency_conflicts(lib, 4, &docs);
        let ids: BTreeSet<&str> = c.iter().map(|c| c.duty.as_str()).collect();
        assert_eq!(
            ids,
            BTreeSet::from(["DUTY-ACCESS-REVIEW", "DUTY-PRIVILEGED-ACCESS-REVIEW"])
        );
    }
}
