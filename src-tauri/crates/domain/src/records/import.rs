//! Reading a service-desk CSV export into [`Ticket`]s with a preview: how the tool's columns,
//! types, priorities, statuses and service values map onto ours, the counts, and every
//! rejected row with its line number and a typed reason.
//!
//! Reading never fails on a bad row: the row is listed with its reason and the caller decides
//! (all-or-nothing by default, or import the good rows). It fails as a whole only when the
//! file cannot be a usable export at all ([`ImportError`]).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::presets::{Field, Preset, StatusClass};
use super::{ChangeOutcome, RecordKind, Ticket, WorkCalendar};

/// What the import needs to know besides the file.
#[derive(Debug, Clone)]
pub struct ImportContext<'a> {
    /// The export format.
    pub preset: Preset,
    /// The firm's calendar (its time zone reads local times).
    pub calendar: WorkCalendar,
    /// The service catalogue: id and name.
    pub services: &'a [(i64, String)],
    /// The user's choices for service values, keyed by the value as the tool writes it:
    /// a catalogue service id, or `None` for "no service". Values not in here are matched
    /// to a catalogue service by name.
    pub service_map: &'a BTreeMap<String, Option<i64>>,
}

/// Why a whole file cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// No header row.
    #[error("The file is empty: a {preset} export starts with a header row.")]
    EmptyFile {
        /// Preset label.
        preset: String,
    },
    /// A column the preset needs is missing.
    #[error(
        "The file has no {expected} column, so it is not a {preset} export as expected \
         (columns found: {found}). Choose the preset that matches the tool it came from."
    )]
    MissingColumn {
        /// Preset label.
        preset: String,
        /// The header(s) looked for.
        expected: String,
        /// The headers present (first few).
        found: String,
    },
    /// The CSV itself cannot be read.
    #[error("The file cannot be read as CSV near line {line}: {detail}")]
    Unreadable {
        /// Line number.
        line: u64,
        /// What the CSV reader said.
        detail: String,
    },
}

impl ImportError {
    /// Stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EmptyFile { .. } => "empty_file",
            Self::MissingColumn { .. } => "missing_column",
            Self::Unreadable { .. } => "unreadable_csv",
        }
    }
}

/// Why one row was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RejectReason {
    /// The id cell is empty.
    MissingId,
    /// The same id appears earlier in the file.
    DuplicateId {
        /// Line of the first occurrence.
        first_line: u64,
    },
    /// A type/kind value we cannot map.
    UnknownKind {
        /// The value.
        value: String,
    },
    /// A priority value we cannot map.
    UnknownPriority {
        /// The value.
        value: String,
    },
    /// No opening time.
    MissingOpened,
    /// A date or time we cannot read.
    BadDate {
        /// The column.
        column: String,
        /// The value.
        value: String,
    },
    /// Responded before it was opened.
    RespondedBeforeOpened,
    /// Resolved before it was opened.
    ResolvedBeforeOpened,
    /// A change type that is not standard, normal or emergency.
    UnknownChangeType {
        /// The value.
        value: String,
    },
    /// An outcome that is not success, failed or rolled_back.
    UnknownOutcome {
        /// The value.
        value: String,
    },
    /// The row has more or fewer cells than the header.
    WrongFieldCount {
        /// Cells in the header.
        expected: u64,
        /// Cells in the row.
        found: u64,
    },
    /// The row is not valid UTF-8.
    NotUtf8,
}

impl RejectReason {
    /// Stable snake_case code (the serialised `code` tag).
    pub fn code(&self) -> &'static str {
        match self {
            Self::MissingId => "missing_id",
            Self::DuplicateId { .. } => "duplicate_id",
            Self::UnknownKind { .. } => "unknown_kind",
            Self::UnknownPriority { .. } => "unknown_priority",
            Self::MissingOpened => "missing_opened",
            Self::BadDate { .. } => "bad_date",
            Self::RespondedBeforeOpened => "responded_before_opened",
            Self::ResolvedBeforeOpened => "resolved_before_opened",
            Self::UnknownChangeType { .. } => "unknown_change_type",
            Self::UnknownOutcome { .. } => "unknown_outcome",
            Self::WrongFieldCount { .. } => "wrong_field_count",
            Self::NotUtf8 => "not_utf8",
        }
    }

    /// A sentence for people.
    pub fn message(&self) -> String {
        match self {
            Self::MissingId => "the ticket id is empty".into(),
            Self::DuplicateId { first_line } => {
                format!("the same ticket id already appears on line {first_line}")
            }
            Self::UnknownKind { value } => {
                format!("type \"{value}\" is not an incident, request or change")
            }
            Self::UnknownPriority { value } => format!("priority \"{value}\" is not P1–P4"),
            Self::MissingOpened => "the opening date is empty".into(),
            Self::BadDate { column, value } => {
                format!("\"{value}\" in {column} is not a date and time")
            }
            Self::RespondedBeforeOpened => "the first response is before the opening".into(),
            Self::ResolvedBeforeOpened => "the resolution is before the opening".into(),
            Self::UnknownChangeType { value } => {
                format!("change type \"{value}\" is not standard, normal or emergency")
            }
            Self::UnknownOutcome { value } => {
                format!("outcome \"{value}\" is not success, failed or rolled_back")
            }
            Self::WrongFieldCount { expected, found } => {
                format!("the row has {found} cells where the header has {expected}")
            }
            Self::NotUtf8 => "the row is not UTF-8 text".into(),
        }
    }
}

/// A rejected row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RejectedRow {
    /// Line in the file where the row starts (the header is line 1).
    pub line: u64,
    /// The ticket id, when it could be read.
    pub id: String,
    /// Why.
    pub reason: RejectReason,
}

/// Which of the tool's columns feeds one of our fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMapping {
    /// Our field.
    pub field: Field,
    /// The tool's column header, `None` when the file has none of the expected ones.
    pub column: Option<String>,
}

/// How one of the tool's values maps to ours, and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ValueMapping {
    /// The tool's value.
    pub value: String,
    /// Ours (`P1`, `incident`, `done`, `ignored`, `unknown`, …).
    pub maps_to: String,
    /// Rows with this value.
    pub count: u64,
}

/// How one of the tool's service values maps to the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ServiceMapping {
    /// The tool's value ("" for rows without one).
    pub value: String,
    /// Catalogue service id; `None` is "no service".
    pub service_id: Option<i64>,
    /// Catalogue service name.
    pub service: Option<String>,
    /// Accepted rows with this value.
    pub count: u64,
}

/// The counts of a preview.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportSummary {
    /// Data rows read.
    pub rows: u64,
    /// Rows that make a ticket.
    pub accepted: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Rows of kinds that are not measured (problems, tasks).
    pub ignored: u64,
    /// Accepted incidents.
    pub incidents: u64,
    /// Accepted requests.
    pub requests: u64,
    /// Accepted changes.
    pub changes: u64,
    /// Accepted rows with no catalogue service.
    pub no_service: u64,
}

/// Everything the user reviews before importing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    /// The preset used.
    pub preset: Preset,
    /// Column mapping.
    pub columns: Vec<ColumnMapping>,
    /// Type values and what they became.
    pub kinds: Vec<ValueMapping>,
    /// Priority values and what they became.
    pub priorities: Vec<ValueMapping>,
    /// Status values and what they mean.
    pub statuses: Vec<ValueMapping>,
    /// Service values and the catalogue service they map to.
    pub services: Vec<ServiceMapping>,
    /// Non-empty service values that map to no service.
    pub unmatched_services: Vec<String>,
    /// Counts.
    pub summary: ImportSummary,
    /// Every rejected row, in file order.
    pub rejected: Vec<RejectedRow>,
    /// The tickets read from the accepted rows (not sent to the UI).
    #[serde(skip)]
    #[ts(skip)]
    pub tickets: Vec<Ticket>,
}

/// Reads a time: RFC 3339 or another absolute form first, then the preset's local formats in
/// the firm's time zone.
pub fn parse_time(value: &str, preset: Preset, calendar: &WorkCalendar) -> Option<DateTime<Utc>> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Some(t.with_timezone(&Utc));
    }
    let zulu = v
        .strip_suffix('Z')
        .or_else(|| v.strip_suffix(" UTC"))
        .map(str::trim_end);
    if let Some(naive) = zulu {
        for f in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(n) = NaiveDateTime::parse_from_str(naive, f) {
                return Some(n.and_utc());
            }
        }
    }
    if v.len() > 16 && (v.contains('+') || v[10..].contains('-')) {
        for f in [
            "%Y-%m-%dT%H:%M%#z",
            "%Y-%m-%d %H:%M:%S%#z",
            "%Y-%m-%d %H:%M%#z",
        ] {
            if let Ok(t) = DateTime::parse_from_str(v, f) {
                return Some(t.with_timezone(&Utc));
            }
        }
    }
    for f in preset.date_formats() {
        if let Ok(n) = NaiveDateTime::parse_from_str(v, f) {
            return Some(calendar.local_to_utc(n));
        }
    }
    None
}

/// Reads a duration such as GLPI's "1 days 2 hours 5 minutes" or `HH:MM:SS`, in seconds.
pub fn parse_delay(value: &str) -> Option<i64> {
    let v = value.trim().to_lowercase();
    if v.is_empty() {
        return None;
    }
    let parts: Vec<&str> = v.split(':').collect();
    if parts.len() == 3 {
        let n: Vec<i64> = parts.iter().filter_map(|p| p.trim().parse().ok()).collect();
        if n.len() == 3 {
            return Some(n[0] * 3600 + n[1] * 60 + n[2]);
        }
    }
    let words: Vec<&str> = v.split_whitespace().collect();
    if words.is_empty() || !words.len().is_multiple_of(2) {
        return None;
    }
    let mut total = 0;
    for pair in words.chunks(2) {
        let n: i64 = pair[0].parse().ok()?;
        let unit = match pair[1].trim_end_matches('s') {
            "second" | "sec" => 1,
            "minute" | "min" => 60,
            "hour" | "h" => 3600,
            "day" => 86_400,
            _ => return None,
        };
        total += n * unit;
    }
    Some(total)
}

fn squash(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Matches a tool's service value to the catalogue by name: the whole value, then each part of
/// a `A > B` category path, then a catalogue name contained in the value.
pub fn match_service(value: &str, services: &[(i64, String)]) -> Option<i64> {
    let v = squash(value);
    if v.is_empty() {
        return None;
    }
    let by_name = |name: &str| {
        services
            .iter()
            .find(|(_, n)| squash(n) == name)
            .map(|(id, _)| *id)
    };
    by_name(&v)
        .or_else(|| v.split('>').find_map(|part| by_name(part.trim())))
        .or_else(|| {
            services
                .iter()
                .find(|(_, n)| !n.trim().is_empty() && v.contains(&squash(n)))
                .map(|(id, _)| *id)
        })
}

struct Columns {
    headers: Vec<String>,
    by_field: BTreeMap<Field, Vec<usize>>,
}

impl Columns {
    fn new(preset: Preset, headers: Vec<String>) -> Self {
        let mut by_field = BTreeMap::new();
        for field in Field::ALL {
            for candidate in preset.columns(field) {
                let idx: Vec<usize> = headers
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| h.trim().eq_ignore_ascii_case(candidate))
                    .map(|(i, _)| i)
                    .collect();
                if !idx.is_empty() {
                    by_field.insert(field, idx);
                    break;
                }
            }
        }
        Self { headers, by_field }
    }

    fn name(&self, field: Field) -> Option<&str> {
        self.by_field
            .get(&field)
            .and_then(|i| i.first())
            .map(|&i| self.headers[i].as_str())
    }

    /// The first non-empty cell of `field`'s columns.
    fn get<'r>(&self, row: &'r [&'r str], field: Field) -> &'r str {
        self.by_field
            .get(&field)
            .and_then(|idx| {
                idx.iter()
                    .filter_map(|&i| row.get(i))
                    .map(|s| s.trim())
                    .find(|s| !s.is_empty())
            })
            .unwrap_or("")
    }

    /// Every non-empty cell of `field`'s columns joined with `; `.
    fn all(&self, row: &[&str], field: Field) -> String {
        let Some(idx) = self.by_field.get(&field) else {
            return String::new();
        };
        let cells: Vec<&str> = idx
            .iter()
            .filter_map(|&i| row.get(i))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        cells.join("; ")
    }
}

#[derive(Default)]
struct Tally {
    counts: HashMap<String, (String, u64)>,
}

impl Tally {
    fn add(&mut self, value: &str, maps_to: impl FnOnce() -> String) {
        if let Some(e) = self.counts.get_mut(value) {
            e.1 += 1;
        } else {
            self.counts.insert(value.to_owned(), (maps_to(), 1));
        }
    }

    fn into_sorted(self) -> Vec<ValueMapping> {
        let mut out: Vec<ValueMapping> = self
            .counts
            .into_iter()
            .map(|(value, (maps_to, count))| ValueMapping {
                value,
                maps_to,
                count,
            })
            .collect();
        out.sort_by(|a, b| a.value.cmp(&b.value));
        out
    }
}

/// Reads `bytes` (a CSV export, UTF-8, a leading BOM is skipped) with `ctx.preset`.
pub fn parse_export(bytes: &[u8], ctx: &ImportContext<'_>) -> Result<ImportPreview, ImportError> {
    let preset = ctx.preset;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(preset.delimiter())
        .flexible(true)
        .has_headers(false)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let unreadable = |e: csv::Error| ImportError::Unreadable {
        line: e.position().map_or(0, |p| p.line()),
        detail: e.to_string(),
    };
    if !reader.read_byte_record(&mut record).map_err(unreadable)? {
        return Err(ImportError::EmptyFile {
            preset: preset.label().into(),
        });
    }
    let headers: Vec<String> = record
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_owned())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(ImportError::EmptyFile {
            preset: preset.label().into(),
        });
    }
    let cols = Columns::new(preset, headers);
    for &field in preset.required() {
        if !cols.by_field.contains_key(&field) {
            let mut found: Vec<&str> = cols.headers.iter().take(8).map(String::as_str).collect();
            if cols.headers.len() > 8 {
                found.push("…");
            }
            return Err(ImportError::MissingColumn {
                preset: preset.label().into(),
                expected: preset.columns(field).join(" or "),
                found: found.join(", "),
            });
        }
    }
    let width = cols.headers.len();
    let opened_col = cols.name(Field::Opened).unwrap_or("opened").to_owned();
    let responded_col = cols
        .name(Field::Responded)
        .unwrap_or("responded")
        .to_owned();
    let resolved_col = cols.name(Field::Resolved).unwrap_or("resolved").to_owned();
    let closed_col = cols.name(Field::Closed).unwrap_or("closed").to_owned();
    let delay_col = cols
        .name(Field::ResponseDelay)
        .unwrap_or("delay")
        .to_owned();

    let mut summary = ImportSummary::default();
    let mut rejected = Vec::new();
    let mut tickets = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut kinds = Tally::default();
    let mut priorities = Tally::default();
    let mut statuses = Tally::default();
    let mut service_ids: HashMap<String, Option<i64>> = HashMap::new();
    let mut service_counts: BTreeMap<String, u64> = BTreeMap::new();
    // The header starts on line 1 at byte 0.
    let (mut line, mut counted_to) = (1u64, 0usize);
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(unreadable(e)),
        }
        // Line numbers counted from the bytes themselves (the reader's own count skips line
        // breaks inside some quoted cells).
        let mut start = record
            .position()
            .map_or(counted_to, |p| p.byte() as usize)
            .clamp(counted_to, bytes.len());
        // After a CRLF the reader places the next record at the LF.
        while matches!(bytes.get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        line += bytes[counted_to..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        counted_to = start;
        if record.len() == 1
            && record
                .get(0)
                .is_some_and(|c| c.iter().all(u8::is_ascii_whitespace))
        {
            continue;
        }
        summary.rows += 1;
        let mut reject = |id: &str, reason: RejectReason| {
            rejected.push(RejectedRow {
                line,
                id: id.to_owned(),
                reason,
            });
        };
        let mut cells: Vec<&str> = Vec::with_capacity(width);
        let mut utf8 = true;
        for c in record.iter() {
            match std::str::from_utf8(c) {
                Ok(s) => cells.push(s),
                Err(_) => {
                    utf8 = false;
                    break;
                }
            }
        }
        if !utf8 {
            reject("", RejectReason::NotUtf8);
            continue;
        }
        let id = cols.get(&cells, Field::Id);
        if cells.len() != width {
            reject(
                id,
                RejectReason::WrongFieldCount {
                    expected: width as u64,
                    found: cells.len() as u64,
                },
            );
            continue;
        }
        if id.is_empty() {
            reject(id, RejectReason::MissingId);
            continue;
        }
        let kind_value = cols.get(&cells, Field::Kind);
        let kind = match preset.kind(kind_value, id) {
            Ok(Some(k)) => {
                kinds.add(kind_value, || k.as_str().into());
                k
            }
            Ok(None) => {
                kinds.add(kind_value, || "ignored".into());
                summary.ignored += 1;
                continue;
            }
            Err(()) => {
                kinds.add(kind_value, || "unknown".into());
                reject(
                    id,
                    RejectReason::UnknownKind {
                        value: kind_value.into(),
                    },
                );
                continue;
            }
        };
        let priority_value = cols.get(&cells, Field::Priority);
        let priority = match preset.priority(priority_value) {
            Ok(p) => {
                priorities.add(priority_value, || p.map_or("none", |p| p.as_str()).into());
                p
            }
            Err(()) => {
                priorities.add(priority_value, || "unknown".into());
                reject(
                    id,
                    RejectReason::UnknownPriority {
                        value: priority_value.into(),
                    },
                );
                continue;
            }
        };
        let status = cols.get(&cells, Field::Status);
        let class = preset.status(status);
        if cols.by_field.contains_key(&Field::Status) {
            statuses.add(status, || {
                serde_json::to_value(class)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            });
        }
        let time = |field: Field, column: &str| -> Result<Option<DateTime<Utc>>, RejectReason> {
            let v = cols.get(&cells, field);
            if v.is_empty() {
                return Ok(None);
            }
            parse_time(v, preset, &ctx.calendar)
                .map(Some)
                .ok_or_else(|| RejectReason::BadDate {
                    column: column.to_owned(),
                    value: v.to_owned(),
                })
        };
        let opened = match time(Field::Opened, &opened_col) {
            Ok(Some(t)) => t,
            Ok(None) => {
                reject(id, RejectReason::MissingOpened);
                continue;
            }
            Err(r) => {
                reject(id, r);
                continue;
            }
        };
        let mut responded = match time(Field::Responded, &responded_col) {
            Ok(t) => t,
            Err(r) => {
                reject(id, r);
                continue;
            }
        };
        let delay = cols.get(&cells, Field::ResponseDelay);
        if responded.is_none() && !delay.is_empty() {
            match parse_delay(delay) {
                Some(s) => responded = Some(opened + Duration::seconds(s)),
                None => {
                    reject(
                        id,
                        RejectReason::BadDate {
                            column: delay_col.clone(),
                            value: delay.into(),
                        },
                    );
                    continue;
                }
            }
        }
        let mut resolved = match time(Field::Resolved, &resolved_col) {
            Ok(t) => t,
            Err(r) => {
                reject(id, r);
                continue;
            }
        };
        if resolved.is_none() && class == StatusClass::Done {
            resolved = match time(Field::Closed, &closed_col) {
                Ok(t) => t,
                Err(r) => {
                    reject(id, r);
                    continue;
                }
            };
        }
        if responded.is_some_and(|r| r < opened) {
            reject(id, RejectReason::RespondedBeforeOpened);
            continue;
        }
        if resolved.is_some_and(|r| r < opened) {
            reject(id, RejectReason::ResolvedBeforeOpened);
            continue;
        }
        let (mut change_type, mut outcome) = (None, None);
        if kind == RecordKind::Change {
            let ct = cols.get(&cells, Field::ChangeType);
            change_type = match preset.change_type(ct) {
                Ok(c) => c.or_else(|| preset.change_type_of_kind(kind_value)),
                Err(()) => {
                    reject(id, RejectReason::UnknownChangeType { value: ct.into() });
                    continue;
                }
            };
            let oc = cols.get(&cells, Field::Outcome);
            outcome = match preset.outcome(oc) {
                Ok(o) => o,
                Err(()) => {
                    reject(id, RejectReason::UnknownOutcome { value: oc.into() });
                    continue;
                }
            };
            if outcome.is_none() {
                let by_resolution = preset.status(cols.get(&cells, Field::Resolution));
                outcome = match (class, by_resolution) {
                    (StatusClass::RolledBack, _) | (_, StatusClass::RolledBack) => {
                        Some(ChangeOutcome::RolledBack)
                    }
                    (StatusClass::Failed, _) | (_, StatusClass::Failed) => {
                        Some(ChangeOutcome::Failed)
                    }
                    (StatusClass::Done, _) => Some(ChangeOutcome::Success),
                    _ => None,
                };
            }
        }
        if let Some(&first_line) = seen.get(id) {
            reject(id, RejectReason::DuplicateId { first_line });
            continue;
        }
        seen.insert(id.to_owned(), line);

        let service_value = cols.get(&cells, Field::Service);
        let service_id = match service_ids.get(service_value) {
            Some(s) => *s,
            None => {
                let s = match ctx.service_map.get(service_value) {
                    Some(choice) => *choice,
                    None => match_service(service_value, ctx.services),
                };
                service_ids.insert(service_value.to_owned(), s);
                s
            }
        };
        *service_counts.entry(service_value.to_owned()).or_default() += 1;
        summary.accepted += 1;
        match kind {
            RecordKind::Incident => summary.incidents += 1,
            RecordKind::Request => summary.requests += 1,
            RecordKind::Change => summary.changes += 1,
        }
        if service_id.is_none() {
            summary.no_service += 1;
        }
        tickets.push(Ticket {
            external_id: id.to_owned(),
            kind,
            service_value: service_value.to_owned(),
            service_id,
            priority,
            opened,
            responded,
            resolved,
            requester: cols.get(&cells, Field::Requester).to_owned(),
            approver: cols.all(&cells, Field::Approver),
            implementer: cols.get(&cells, Field::Implementer).to_owned(),
            change_type,
            outcome,
            title: cols.get(&cells, Field::Title).to_owned(),
            status: status.to_owned(),
        });
    }
    summary.rejected = rejected.len() as u64;
    let name_of = |id: i64| {
        ctx.services
            .iter()
            .find(|(s, _)| *s == id)
            .map(|(_, n)| n.clone())
    };
    let services: Vec<ServiceMapping> = service_counts
        .into_iter()
        .map(|(value, count)| {
            let service_id = service_ids.get(&value).copied().flatten();
            ServiceMapping {
                service: service_id.and_then(name_of),
                value,
                service_id,
                count,
            }
        })
        .collect();
    let unmatched_services = services
        .iter()
        .filter(|s| s.service_id.is_none() && !s.value.is_empty())
        .map(|s| s.value.clone())
        .collect();
    let columns = Field::ALL
        .into_iter()
        .filter(|f| !preset.columns(*f).is_empty())
        .map(|field| ColumnMapping {
            field,
            column: cols.name(field).map(str::to_owned),
        })
        .collect();
    Ok(ImportPreview {
        preset,
        columns,
        kinds: kinds.into_sorted(),
        priorities: priorities.into_sorted(),
        statuses: statuses.into_sorted(),
        services,
        unmatched_services,
        summary,
        rejected,
        tickets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::BusinessHours;

    fn calendar() -> WorkCalendar {
        WorkCalendar::new(&BusinessHours {
            time_zone: "Europe/London".into(),
            ..BusinessHours::default()
        })
        .unwrap()
    }

    fn preview(preset: Preset, text: &str) -> Result<ImportPreview, ImportError> {
        let services = vec![
            (1, "Managed Workplace".to_owned()),
            (2, "Cloud Hosting".to_owned()),
        ];
        let map = BTreeMap::new();
        parse_export(
            text.as_bytes(),
            &ImportContext {
                preset,
                calendar: calendar(),
                services: &services,
                service_map: &map,
            },
        )
    }

    const HEADER: &str = "id,kind,service,priority,opened,responded,resolved,requester,approver,implementer,change_type,outcome,title\n";

    #[test]
    fn records_import_every_reject_reason() {
        let body = "\
,incident,Managed Workplace,P1,2026-10-05T09:12,,,,,,,,no id
A1,problem,Managed Workplace,P1,2026-10-05T09:12,,,,,,,,bad kind
A2,incident,Managed Workplace,P9,2026-10-05T09:12,,,,,,,,bad priority
A3,incident,Managed Workplace,P1,,,,,,,,,no opened
A4,incident,Managed Workplace,P1,yesterday,,,,,,,,bad date
A5,incident,Managed Workplace,P1,2026-10-05T09:12,2026-10-05T09:00,,,,,,,early response
A6,incident,Managed Workplace,P1,2026-10-05T09:12,,2026-10-04T09:00,,,,,,early resolve
A7,change,Managed Workplace,P3,2026-10-05T09:12,,,,,,urgent,,bad change type
A8,change,Managed Workplace,P3,2026-10-05T09:12,,,,,,normal,meh,bad outcome
A9,incident,Managed Workplace,P1,2026-10-05T09:12
A10,incident,Managed Workplace,P1,2026-10-05T09:12,,,,,,,,good
A10,incident,Managed Workplace,P1,2026-10-05T09:12,,,,,,,,again
";
        let mut text = format!("{HEADER}{body}");
        text.push_str("A11,incident,Managed Workplace,P1,2026-10-05T09:12,,,,,,,,caf\u{e9}\n");
        let mut bytes = text.into_bytes();
        // Break the UTF-8 of the last row's é.
        let n = bytes.len();
        bytes[n - 3] = 0xFF;
        let services = vec![(1, "Managed Workplace".to_owned())];
        let map = BTreeMap::new();
        let p = parse_export(
            &bytes,
            &ImportContext {
                preset: Preset::Ready20k,
                calendar: calendar(),
                services: &services,
                service_map: &map,
            },
        )
        .unwrap();
        let codes: Vec<(u64, &str)> = p
            .rejected
            .iter()
            .map(|r| (r.line, r.reason.code()))
            .collect();
        assert_eq!(
            codes,
            vec![
                (2, "missing_id"),
                (3, "unknown_kind"),
                (4, "unknown_priority"),
                (5, "missing_opened"),
                (6, "bad_date"),
                (7, "responded_before_opened"),
                (8, "resolved_before_opened"),
                (9, "unknown_change_type"),
                (10, "unknown_outcome"),
                (11, "wrong_field_count"),
                (13, "duplicate_id"),
                (14, "not_utf8"),
            ]
        );
        assert_eq!(
            p.rejected[10].reason,
            RejectReason::DuplicateId { first_line: 12 }
        );
        assert_eq!(p.summary.accepted, 1);
        assert_eq!(p.summary.rows, 13);
        for r in &p.rejected {
            assert!(!r.reason.message().is_empty());
        }
    }

    #[test]
    fn records_import_ready20k_times_and_services() {
        let text = format!(
            "\u{feff}{HEADER}\
I1,incident,managed workplace,P1,2026-10-05T09:12,2026-10-05T09:30,2026-10-05T11:00+01:00,Ann,,Bob,,,Mail down
C1,change,Cloud Hosting,P3,2026-10-05T09:12Z,,2026-10-05T10:00:00Z,Ann,Ann,Bob,emergency,rolled_back,Patch
R1,request,Payroll,P4,2026-10-05 09:12,,,Ann,,,,,\"New laptop, 14\"\"\"\n"
        );
        let p = preview(Preset::Ready20k, &text).unwrap();
        assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        let t = &p.tickets;
        // Local London time in October is BST (UTC+1).
        assert_eq!(t[0].opened.to_rfc3339(), "2026-10-05T08:12:00+00:00");
        assert_eq!(
            t[0].resolved.unwrap().to_rfc3339(),
            "2026-10-05T10:00:00+00:00"
        );
        assert_eq!(t[0].service_id, Some(1));
        assert_eq!(t[1].opened.to_rfc3339(), "2026-10-05T09:12:00+00:00");
        assert!(t[1].self_approved());
        assert_eq!(t[1].outcome, Some(ChangeOutcome::RolledBack));
        assert_eq!(t[2].service_id, None);
        assert_eq!(t[2].title, "New laptop, 14\"");
        assert_eq!(p.unmatched_services, vec!["Payroll".to_owned()]);
        assert_eq!(p.summary.no_service, 1);
    }

    #[test]
    fn records_import_whole_file_errors() {
        assert_eq!(preview(Preset::Jira, "").unwrap_err().code(), "empty_file");
        let e = preview(Preset::Jira, "Summary,Status\nx,Open\n").unwrap_err();
        assert_eq!(e.code(), "missing_column");
        assert!(e.to_string().contains("Issue key"));
    }

    #[test]
    fn records_import_delays_and_matching() {
        assert_eq!(parse_delay("1 hours 5 minutes"), Some(3900));
        assert_eq!(parse_delay("2 days"), Some(172_800));
        assert_eq!(parse_delay("00:20:00"), Some(1200));
        assert_eq!(parse_delay("soon"), None);
        let s = vec![(1, "Managed Workplace".to_owned())];
        assert_eq!(match_service("Managed Workplace > Email", &s), Some(1));
        assert_eq!(match_service("MW", &s), None);
        assert_eq!(match_service("", &s), None);
    }
}
