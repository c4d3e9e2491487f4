//! `evidence`, `evidence_file`, `evidence_question`: files stored in the project with their
//! SHA-256, approved document versions, and described locations, each linked to questions.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ready20k_domain::assessment::{Evidence, EvidenceKind, NewEvidence};
use ready20k_domain::snapshot::EvidenceSnap;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};

use super::{date, known_question, write};
use crate::Project;
use crate::{Result, StoreError};

/// The largest evidence file accepted, in bytes (50 MiB): a project file stays easy to copy
/// and mail. Larger evidence is better described as a location.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

const COLUMNS: &str = "id, kind, title, file_name, size, sha256, document_id, document_version, \
                       location, added_at, expires_on, review_on";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Evidence> {
    let kind: String = r.get(1)?;
    Ok(Evidence {
        id: r.get(0)?,
        kind: EvidenceKind::parse(&kind).unwrap_or(EvidenceKind::Location),
        title: r.get(2)?,
        file_name: r.get(3)?,
        size: r.get(4)?,
        sha256: r.get(5)?,
        document_id: r.get(6)?,
        document_version: r.get(7)?,
        location: r.get(8)?,
        added_at: r.get(9)?,
        expires_on: r.get(10)?,
        review_on: r.get(11)?,
        questions: Vec::new(),
    })
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every piece of evidence with its question ids, oldest first. File contents are not read.
pub fn list_evidence(conn: &Connection) -> Result<Vec<Evidence>> {
    let mut links: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT evidence_id, question_id FROM evidence_question ORDER BY evidence_id, question_id",
    )?;
    for pair in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, q) = pair?;
        links.entry(id).or_default().push(q);
    }
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM evidence ORDER BY id"))?;
    let rows: Vec<Evidence> = stmt.query_map([], row)?.collect::<Result<_, _>>()?;
    Ok(rows
        .into_iter()
        .map(|mut e| {
            e.questions = links.remove(&e.id).unwrap_or_default();
            e
        })
        .collect())
}

/// One piece of evidence with its question ids.
pub fn get_evidence(conn: &Connection, id: i64) -> Result<Evidence> {
    let mut e = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM evidence WHERE id = ?1"),
            [id],
            row,
        )
        .optional()?
        .ok_or_else(|| StoreError::Missing {
            what: "evidence",
            id: id.to_string(),
            hint: "; reload.",
        })?;
    let mut stmt = conn.prepare_cached(
        "SELECT question_id FROM evidence_question WHERE evidence_id = ?1 ORDER BY question_id",
    )?;
    e.questions = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(e)
}

/// The stored file of evidence `id`: its name and bytes, checked against the stored SHA-256.
pub fn read_file(conn: &Connection, id: i64) -> Result<(String, Vec<u8>)> {
    let e = get_evidence(conn, id)?;
    let (Some(name), Some(sha)) = (e.file_name, e.sha256) else {
        return Err(StoreError::NotAllowed(format!(
            "Evidence {id} is not a file."
        )));
    };
    let bytes: Vec<u8> = conn.query_row(
        "SELECT content FROM evidence_file WHERE evidence_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if sha256_hex(&bytes) != sha {
        return Err(StoreError::Corrupt {
            path: name,
            detail: "the stored evidence file does not match its SHA-256".into(),
        });
    }
    Ok((name, bytes))
}

fn clean(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

fn link_all(tx: &Transaction<'_>, id: i64, questions: &[String]) -> Result<()> {
    if questions.is_empty() {
        return Err(StoreError::Required(
            "Evidence must support at least one question.".into(),
        ));
    }
    for q in questions {
        known_question(q)?;
    }
    insert_links(tx, id, questions)
}

/// Links evidence `id` to `questions` (existing links are kept).
fn insert_links(conn: &Connection, id: i64, questions: &[String]) -> Result<()> {
    for q in questions {
        conn.execute(
            "INSERT OR IGNORE INTO evidence_question (evidence_id, question_id) VALUES (?1, ?2)",
            params![id, q],
        )?;
    }
    Ok(())
}

/// Inserts an `evidence` row as given (id 0: SQLite chooses) with its file content, without
/// question links. Returns its id.
fn put_row(conn: &Connection, e: &Evidence, content: Option<&[u8]>) -> Result<i64> {
    conn.execute(
        "INSERT INTO evidence (id, kind, title, file_name, size, sha256, document_id,
                               document_version, location, added_at, expires_on, review_on)
         VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            e.id,
            e.kind.as_str(),
            e.title,
            e.file_name,
            e.size,
            e.sha256,
            e.document_id,
            e.document_version,
            e.location,
            e.added_at,
            e.expires_on,
            e.review_on
        ],
    )?;
    let id = conn.last_insert_rowid();
    if let Some(bytes) = content {
        conn.execute(
            "INSERT INTO evidence_file (evidence_id, content) VALUES (?1, ?2)",
            params![id, bytes],
        )?;
    }
    Ok(id)
}

/// Every `evidence` row with its question links and file content, in id order.
pub fn export_evidence(conn: &Connection) -> Result<Vec<EvidenceSnap>> {
    let mut files: BTreeMap<i64, Vec<u8>> = BTreeMap::new();
    let mut stmt = conn.prepare("SELECT evidence_id, content FROM evidence_file")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))? {
        let (id, bytes) = row?;
        files.insert(id, bytes);
    }
    Ok(list_evidence(conn)?
        .into_iter()
        .map(|e| {
            let content = files.remove(&e.id).map(|b| STANDARD.encode(b));
            EvidenceSnap::of(e, content)
        })
        .collect())
}

/// Inserts `evidence` rows with their ids, files and question links.
pub fn import_evidence(conn: &Connection, rows: &[EvidenceSnap]) -> Result<()> {
    for e in rows {
        let content = e
            .content_base64
            .as_deref()
            .map(|b64| {
                STANDARD
                    .decode(b64)
                    .map_err(|err| StoreError::FileRefused(format!("bad base64: {err}")))
            })
            .transpose()?;
        put_row(conn, &Evidence::from(e), content.as_deref())?;
        insert_links(conn, e.id, &e.questions)?;
    }
    Ok(())
}

struct Row<'a> {
    kind: EvidenceKind,
    title: String,
    file: Option<(&'a str, &'a [u8])>,
    meta: &'a NewEvidence,
}

fn insert(conn: &mut Connection, now: &str, r: Row<'_>) -> Result<Evidence> {
    let expires = date(r.meta.expires_on.as_deref(), "expiry date")?;
    let review = date(r.meta.review_on.as_deref(), "review date")?;
    let (file_name, size, sha) = match r.file {
        Some((name, bytes)) => (
            Some(name.to_owned()),
            Some(i64::try_from(bytes.len()).unwrap_or(i64::MAX)),
            Some(sha256_hex(bytes)),
        ),
        None => (None, None, None),
    };
    let row = Evidence {
        id: 0,
        kind: r.kind,
        title: r.title.clone(),
        file_name,
        size,
        sha256: sha,
        document_id: clean(r.meta.document_id.as_deref()),
        document_version: r.meta.document_version,
        location: clean(r.meta.location.as_deref()),
        added_at: now.to_owned(),
        expires_on: expires,
        review_on: review,
        questions: Vec::new(),
    };
    let id = write(conn, now, "assessment_evidence_added", |tx| {
        let id = put_row(tx, &row, r.file.map(|(_, bytes)| bytes))?;
        link_all(tx, id, &r.meta.questions)?;
        Ok((id, format!("{id} {} {}", r.kind.as_str(), r.title)))
    })?;
    get_evidence(conn, id)
}

/// Stores a file as evidence for `meta.questions`, with its SHA-256 and today's date.
pub fn add_file(
    p: &mut Project,
    file_name: &str,
    bytes: &[u8],
    meta: &NewEvidence,
) -> Result<Evidence> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let name = file_name.trim();
    if name.is_empty() {
        return Err(StoreError::FileRefused(
            "The evidence file has no name.".into(),
        ));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(StoreError::FileRefused(format!(
            "{name} is {} MB; evidence files are limited to {} MB. Describe where it lives instead.",
            bytes.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let title = clean(Some(&meta.title)).unwrap_or_else(|| name.to_owned());
    insert(
        conn,
        now,
        Row {
            kind: EvidenceKind::File,
            title,
            file: Some((name, bytes)),
            meta,
        },
    )
}

/// Links an approved document version (`meta.document_id`, `meta.document_version`).
pub fn add_document(p: &mut Project, meta: &NewEvidence) -> Result<Evidence> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let (Some(doc), Some(version)) = (clean(meta.document_id.as_deref()), meta.document_version)
    else {
        return Err(StoreError::Required(
            "Pick an approved document version to link.".into(),
        ));
    };
    let title = clean(Some(&meta.title)).unwrap_or_else(|| format!("{doc} v{version}"));
    insert(
        conn,
        now,
        Row {
            kind: EvidenceKind::Document,
            title,
            file: None,
            meta,
        },
    )
}

/// Records where evidence lives (`meta.location`).
pub fn add_location(p: &mut Project, meta: &NewEvidence) -> Result<Evidence> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let Some(location) = clean(meta.location.as_deref()) else {
        return Err(StoreError::Required(
            "Say where the evidence lives, e.g. \"Ticket system, monthly SLA reports\".".into(),
        ));
    };
    let title = clean(Some(&meta.title)).unwrap_or_else(|| location.clone());
    insert(
        conn,
        now,
        Row {
            kind: EvidenceKind::Location,
            title,
            file: None,
            meta,
        },
    )
}

/// Changes title, expiry and review dates (and, for a location, where it lives).
pub fn update_evidence(p: &mut Project, id: i64, meta: &NewEvidence) -> Result<Evidence> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let old = get_evidence(conn, id)?;
    let expires = date(meta.expires_on.as_deref(), "expiry date")?;
    let review = date(meta.review_on.as_deref(), "review date")?;
    let title = clean(Some(&meta.title)).unwrap_or(old.title);
    let location = if old.kind == EvidenceKind::Location {
        clean(meta.location.as_deref()).or(old.location)
    } else {
        old.location
    };
    write(conn, now, "assessment_evidence_updated", |tx| {
        tx.execute(
            "UPDATE evidence SET title = ?2, expires_on = ?3, review_on = ?4, location = ?5
             WHERE id = ?1",
            params![id, title, expires, review, location],
        )?;
        Ok(((), id.to_string()))
    })?;
    get_evidence(conn, id)
}

/// Links existing evidence to one more question.
pub fn link(p: &mut Project, id: i64, question_id: &str) -> Result<Evidence> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    get_evidence(conn, id)?;
    write(conn, now, "assessment_evidence_linked", |tx| {
        link_all(tx, id, &[question_id.to_owned()])?;
        Ok(((), format!("{id} -> {question_id}")))
    })?;
    get_evidence(conn, id)
}

/// Unlinks evidence from a question. Evidence left without any question is deleted with its
/// stored file (the UI confirms first). Returns the evidence if it still exists.
pub fn unlink(p: &mut Project, id: i64, question_id: &str) -> Result<Option<Evidence>> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    get_evidence(conn, id)?;
    let deleted = write(conn, now, "assessment_evidence_unlinked", |tx| {
        tx.execute(
            "DELETE FROM evidence_question WHERE evidence_id = ?1 AND question_id = ?2",
            params![id, question_id],
        )?;
        let left: i64 = tx.query_row(
            "SELECT count(*) FROM evidence_question WHERE evidence_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if left == 0 {
            tx.execute("DELETE FROM evidence WHERE id = ?1", [id])?;
        }
        Ok((left == 0, format!("{id} -x- {question_id}")))
    })?;
    if deleted {
        Ok(None)
    } else {
        get_evidence(conn, id).map(Some)
    }
}

/// Deletes evidence and its stored file.
pub fn delete_evidence(p: &mut Project, id: i64) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    write(conn, now, "assessment_evidence_deleted", |tx| {
        let n = tx.execute("DELETE FROM evidence WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(StoreError::Missing {
                what: "evidence",
                id: id.to_string(),
                hint: "; reload.",
            });
        }
        Ok(((), id.to_string()))
    })
}
