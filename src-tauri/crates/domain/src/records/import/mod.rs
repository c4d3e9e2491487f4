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

mod preview;
mod values;

pub use preview::{
    ColumnMapping, ImportContext, ImportError, ImportPreview, ImportSummary, RejectReason,
    RejectedRow, ServiceMapping, ValueMapping,
};
pub use values::{match_service, parse_delay, parse_time};

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
                message: reason.message(),
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
mod tests;
