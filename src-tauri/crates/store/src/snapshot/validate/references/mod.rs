//! Pass 3: the typed snapshot: unique ids, references, dates, limits and file hashes.
//! The checks of each part live beside: [`wizard`], [`documents`], [`assessment`],
//! [`records`] and [`registers`].

mod assessment;
mod audits;
mod documents;
mod objectives;
mod records;
mod registers;
mod reviews;
mod service_reports;
mod wizard;

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ready20k_domain::content::library;

use super::{Limits, Problems};
use crate::migrate::LATEST;
use crate::snapshot::import::ImportError;
use crate::snapshot::types::*;

/// Checks a typed snapshot: ids, references, dates, limits and file hashes. Returns every
/// problem found (empty when the snapshot can be imported).
pub fn validate(s: &ProjectSnapshot, limits: &Limits) -> Vec<ImportError> {
    let mut out = Problems::new(limits.max_errors);
    Checker {
        out: &mut out,
        limits,
        total_blobs: 0,
    }
    .run(s);
    out.finish()
}

fn is_date(s: &str) -> bool {
    s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

fn is_time(s: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(s).is_ok()
}

fn is_sha(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn sha_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

struct Checker<'a> {
    out: &'a mut Problems,
    limits: &'a Limits,
    total_blobs: usize,
}

impl Checker<'_> {
    fn err(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.out.add(path, message);
    }

    fn nonempty(&mut self, path: String, text: &str, what: &str) {
        if text.trim().is_empty() {
            self.err(path, format!("{what} cannot be empty"));
        }
    }

    fn date(&mut self, path: String, d: Option<&str>) {
        if let Some(d) = d
            && !is_date(d)
        {
            self.err(path, format!("{d:?} is not a date (YYYY-MM-DD)"));
        }
    }

    fn time(&mut self, path: String, t: &str) {
        if !is_time(t) {
            self.err(path, format!("{t:?} is not an RFC 3339 timestamp"));
        }
    }

    fn unique<K: Ord + std::fmt::Display>(
        &mut self,
        seen: &mut BTreeMap<K, String>,
        key: K,
        path: String,
    ) {
        if let Some(first) = seen.get(&key) {
            let message = format!("{key} is used twice (first at {first})");
            self.err(path, message);
        } else {
            seen.insert(key, path);
        }
    }

    fn role(&mut self, path: String, id: &str) {
        if library().role(id).is_none() {
            self.err(path, format!("there is no role {id:?} in the library"));
        }
    }

    fn person(&mut self, people: &BTreeSet<i64>, path: String, id: Option<i64>) {
        if let Some(id) = id
            && !people.contains(&id)
        {
            self.err(path, format!("there is no person {id} in /wizard/people"));
        }
    }

    fn question(&mut self, path: String, id: &str) {
        if library().question(id).is_none() {
            self.err(path, format!("there is no question {id:?} in the library"));
        }
    }

    /// Decodes a file, checking its size limit, declared size and SHA-256.
    fn blob(&mut self, path: &str, b64: &str, sha: &str, size: Option<i64>) {
        let bytes = match STANDARD.decode(b64) {
            Ok(b) => b,
            Err(e) => {
                self.err(
                    format!("{path}/content_base64"),
                    format!("is not valid base64 ({e})"),
                );
                return;
            }
        };
        if bytes.len() > self.limits.max_blob_bytes {
            self.err(
                format!("{path}/content_base64"),
                format!("file is larger than {} bytes", self.limits.max_blob_bytes),
            );
        }
        self.total_blobs = self.total_blobs.saturating_add(bytes.len());
        if let Some(size) = size
            && usize::try_from(size).ok() != Some(bytes.len())
        {
            self.err(
                format!("{path}/size"),
                format!("says {size} bytes but the content has {}", bytes.len()),
            );
        }
        if !is_sha(sha) {
            self.err(format!("{path}/sha256"), "must be 64 lowercase hex digits");
        } else if sha_hex(&bytes) != sha {
            self.err(
                format!("{path}/sha256"),
                "does not match the SHA-256 of content_base64 (the file is damaged or altered)",
            );
        }
    }

    fn run(&mut self, s: &ProjectSnapshot) {
        if s.format != FORMAT {
            self.err("/format", format!("must be {FORMAT:?}"));
        }
        if s.format_version != FORMAT_VERSION {
            self.err(
                "/format_version",
                format!(
                    "version {} is not supported; this Ready20k reads {FORMAT_VERSION}",
                    s.format_version
                ),
            );
        }
        if s.schema_version == 0 || s.schema_version > LATEST {
            self.err(
                "/schema_version",
                format!(
                    "schema {} is not supported; this Ready20k knows 1 to {LATEST}",
                    s.schema_version
                ),
            );
        }
        if let Err(m) = ready20k_domain::project::validate_firm_name(&s.project.firm_name) {
            self.err("/project/firm_name", m.message);
        }
        self.time("/project/created_at".into(), &s.project.created_at);
        if let Some(u) = &s.project.updated_at {
            self.time("/project/updated_at".into(), u);
        }
        let mut keys = BTreeMap::new();
        for (i, st) in s.settings.iter().enumerate() {
            self.unique(&mut keys, st.key.clone(), format!("/settings/{i}/key"));
        }
        if let Some(j) = &s.journal {
            let mut ids = BTreeMap::new();
            for (i, e) in j.iter().enumerate() {
                self.unique(&mut ids, e.id, format!("/journal/{i}/id"));
            }
        }
        let people = self.wizard(&s.wizard);
        let versions = self.documents(&s.documents, &people);
        self.assessment(s, &people, &versions);
        self.records(s);
        self.service_reports(s, &people);
        self.registers(s, &people);
        self.audits(s, &people);
        self.objectives(s);
        self.reviews(s, &people);
        if self.total_blobs > self.limits.max_total_bytes {
            self.err(
                "",
                format!(
                    "the files add up to {} bytes; at most {} can be imported",
                    self.total_blobs, self.limits.max_total_bytes
                ),
            );
        }
    }
}
