//! Row-level access to the document tables (migration `0004_documents`): `doc_document`,
//! `doc_draft`, `doc_attachment`, `doc_version`, `doc_approval`. Reads take a `&Connection`
//! (a transaction derefs to one); the operations in [`super`] wrap writes in transactions.

use std::collections::BTreeMap;

use ready20k_domain::content::DocumentKind;
use ready20k_domain::documents::{
    ApprovalRecord, AttachmentInfo, DocRecord, DraftRecord, VersionNumber, VersionRecord,
};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::{Result, StoreError};

fn kind_str(k: DocumentKind) -> &'static str {
    match k {
        DocumentKind::Document => "document",
        DocumentKind::Record => "record",
    }
}

fn kind_parse(s: &str) -> DocumentKind {
    if s == "record" {
        DocumentKind::Record
    } else {
        DocumentKind::Document
    }
}

const DOC_COLS: &str = "id, doc_key, title, kind, clause, template_id, owner_role, approver_role, \
                        review_months, next_review_date";

fn doc_row(r: &Row<'_>) -> rusqlite::Result<DocRecord> {
    Ok(DocRecord {
        id: r.get(0)?,
        key: r.get(1)?,
        title: r.get(2)?,
        kind: kind_parse(&r.get::<_, String>(3)?),
        clause: r.get(4)?,
        template_id: r.get(5)?,
        owner_role: r.get(6)?,
        approver_role: r.get(7)?,
        review_months: r.get(8)?,
        next_review_date: r.get(9)?,
    })
}

/// Every stored document, in creation order.
pub fn list_documents(conn: &Connection) -> Result<Vec<DocRecord>> {
    let mut stmt = conn.prepare(&format!("SELECT {DOC_COLS} FROM doc_document ORDER BY id"))?;
    let rows = stmt.query_map([], doc_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The document with row id `id`.
pub fn get_document(conn: &Connection, id: i64) -> Result<DocRecord> {
    conn.query_row(
        &format!("SELECT {DOC_COLS} FROM doc_document WHERE id = ?1"),
        [id],
        doc_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::Invalid(format!("There is no document {id}; reload the register.")))
}

/// The document with key `key`, if started.
pub fn find_document(conn: &Connection, key: &str) -> Result<Option<DocRecord>> {
    Ok(conn
        .query_row(
            &format!("SELECT {DOC_COLS} FROM doc_document WHERE doc_key = ?1"),
            [key],
            doc_row,
        )
        .optional()?)
}

/// Inserts a document row; returns its id.
pub fn insert_document(conn: &Connection, now: &str, d: &DocRecord) -> Result<i64> {
    conn.execute(
        "INSERT INTO doc_document (doc_key, title, kind, clause, template_id, owner_role,
                                   approver_role, review_months, next_review_date, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            d.key,
            d.title,
            kind_str(d.kind),
            d.clause,
            d.template_id,
            d.owner_role,
            d.approver_role,
            d.review_months,
            d.next_review_date,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Sets the template a document is drafted from.
pub fn set_template(conn: &Connection, id: i64, template_id: Option<&str>) -> Result<()> {
    conn.execute(
        "UPDATE doc_document SET template_id = ?2 WHERE id = ?1",
        params![id, template_id],
    )?;
    Ok(())
}

/// Sets the next review date (`YYYY-MM-DD`) or clears it.
pub fn set_next_review(conn: &Connection, id: i64, date: Option<&str>) -> Result<()> {
    conn.execute(
        "UPDATE doc_document SET next_review_date = ?2 WHERE id = ?1",
        params![id, date],
    )?;
    Ok(())
}

/// Number of the firm's own documents so far (for the next `OWN-nnn`).
pub fn count_own(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM doc_document WHERE doc_key LIKE 'OWN-%'",
        [],
        |r| r.get(0),
    )?)
}

fn draft_row(r: &Row<'_>) -> rusqlite::Result<(DraftRecord, String)> {
    Ok((
        DraftRecord {
            document_id: r.get(0)?,
            body: r.get(1)?,
            attachment_id: r.get(2)?,
            author_person_id: r.get(3)?,
            values: BTreeMap::new(),
            revision: r.get(5)?,
            updated_at: r.get(6)?,
        },
        r.get(4)?,
    ))
}

/// The working draft of document `id`, if any.
pub fn get_draft(conn: &Connection, id: i64) -> Result<Option<DraftRecord>> {
    let row = conn
        .query_row(
            "SELECT document_id, body, attachment_id, author_person_id, filled_values, revision,
                    updated_at
             FROM doc_draft WHERE document_id = ?1",
            [id],
            draft_row,
        )
        .optional()?;
    match row {
        None => Ok(None),
        Some((mut d, values)) => {
            d.values = serde_json::from_str(&values)?;
            Ok(Some(d))
        }
    }
}

/// Inserts or replaces the draft of `d.document_id` with revision `d.revision`.
pub fn put_draft(conn: &Connection, now: &str, d: &DraftRecord) -> Result<()> {
    conn.execute(
        "INSERT INTO doc_draft (document_id, body, attachment_id, author_person_id,
                                filled_values, revision, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (document_id) DO UPDATE SET body = excluded.body,
             attachment_id = excluded.attachment_id, author_person_id = excluded.author_person_id,
             filled_values = excluded.filled_values, revision = excluded.revision,
             updated_at = excluded.updated_at",
        params![
            d.document_id,
            d.body,
            d.attachment_id,
            d.author_person_id,
            serde_json::to_string(&d.values)?,
            d.revision,
            now
        ],
    )?;
    Ok(())
}

const ATT_COLS: &str = "id, file_name, media_type, size, sha256, added_at";

fn att_row(r: &Row<'_>) -> rusqlite::Result<AttachmentInfo> {
    Ok(AttachmentInfo {
        id: r.get(0)?,
        file_name: r.get(1)?,
        media_type: r.get(2)?,
        size: r.get(3)?,
        sha256: r.get(4)?,
        added_at: r.get(5)?,
    })
}

/// Stores a file; returns its info.
pub fn insert_attachment(
    conn: &Connection,
    now: &str,
    document_id: i64,
    file_name: &str,
    media_type: &str,
    sha256: &str,
    content: &[u8],
) -> Result<AttachmentInfo> {
    let size = i64::try_from(content.len()).unwrap_or(i64::MAX);
    conn.execute(
        "INSERT INTO doc_attachment (document_id, file_name, media_type, size, sha256, content,
                                     added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            document_id,
            file_name,
            media_type,
            size,
            sha256,
            content,
            now
        ],
    )?;
    get_attachment(conn, conn.last_insert_rowid())
}

/// A stored file's info.
pub fn get_attachment(conn: &Connection, id: i64) -> Result<AttachmentInfo> {
    conn.query_row(
        &format!("SELECT {ATT_COLS} FROM doc_attachment WHERE id = ?1"),
        [id],
        att_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::Invalid(format!("There is no stored file {id}.")))
}

/// A stored file's bytes.
pub fn attachment_content(conn: &Connection, id: i64) -> Result<Vec<u8>> {
    conn.query_row(
        "SELECT content FROM doc_attachment WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| StoreError::Invalid(format!("There is no stored file {id}.")))
}

const VER_COLS: &str = "id, document_id, major, minor, body, attachment_id, sha256, \
                        change_summary, author_person_id, author_name, issued_at";

fn ver_row(r: &Row<'_>) -> rusqlite::Result<VersionRecord> {
    Ok(VersionRecord {
        id: r.get(0)?,
        document_id: r.get(1)?,
        number: VersionNumber {
            major: r.get(2)?,
            minor: r.get(3)?,
        },
        body: r.get(4)?,
        attachment_id: r.get(5)?,
        sha256: r.get(6)?,
        change_summary: r.get(7)?,
        author_person_id: r.get(8)?,
        author_name: r.get(9)?,
        issued_at: r.get(10)?,
    })
}

/// Versions of document `id`, newest first.
pub fn list_versions(conn: &Connection, id: i64) -> Result<Vec<VersionRecord>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {VER_COLS} FROM doc_version WHERE document_id = ?1 ORDER BY major DESC, minor DESC"
    ))?;
    let rows = stmt.query_map([id], ver_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The version with row id `id`.
pub fn get_version(conn: &Connection, id: i64) -> Result<VersionRecord> {
    conn.query_row(
        &format!("SELECT {VER_COLS} FROM doc_version WHERE id = ?1"),
        [id],
        ver_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::Invalid(format!("There is no document version {id}.")))
}

/// Inserts an issued version; returns its id.
pub fn insert_version(
    conn: &Connection,
    v: &VersionRecord,
    values: &BTreeMap<String, String>,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO doc_version (document_id, major, minor, body, attachment_id, sha256,
                                  change_summary, author_person_id, author_name, filled_values,
                                  issued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            v.document_id,
            v.number.major,
            v.number.minor,
            v.body,
            v.attachment_id,
            v.sha256,
            v.change_summary,
            v.author_person_id,
            v.author_name,
            serde_json::to_string(values)?,
            v.issued_at
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

fn appr_row(r: &Row<'_>) -> rusqlite::Result<ApprovalRecord> {
    Ok(ApprovalRecord {
        version_id: r.get(0)?,
        approver_person_id: r.get(1)?,
        approver_name: r.get(2)?,
        role_id: r.get(3)?,
        role_name: r.get(4)?,
        approved_at: r.get(5)?,
        sod_note: r.get(6)?,
    })
}

/// The approval of version `version_id`, if approved.
pub fn get_approval(conn: &Connection, version_id: i64) -> Result<Option<ApprovalRecord>> {
    Ok(conn
        .query_row(
            "SELECT version_id, approver_person_id, approver_name, role_id, role_name,
                    approved_at, sod_note
             FROM doc_approval WHERE version_id = ?1",
            [version_id],
            appr_row,
        )
        .optional()?)
}

/// Records an approval.
pub fn insert_approval(conn: &Connection, a: &ApprovalRecord) -> Result<()> {
    conn.execute(
        "INSERT INTO doc_approval (version_id, approver_person_id, approver_name, role_id,
                                   role_name, approved_at, sod_note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            a.version_id,
            a.approver_person_id,
            a.approver_name,
            a.role_id,
            a.role_name,
            a.approved_at,
            a.sod_note
        ],
    )?;
    Ok(())
}
