//! Row-level access to the document tables (migration `0004_documents`): `doc_document`,
//! `doc_draft`, `doc_attachment`, `doc_version`, `doc_approval`. Reads take a `&Connection`
//! (a transaction derefs to one); the operations in [`super`] wrap writes in transactions.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ready20k_domain::documents::{
    ApprovalRecord, AttachmentInfo, DocRecord, DraftRecord, VersionNumber, VersionRecord,
};
use ready20k_domain::snapshot::{
    ApprovalSnap, AttachmentSnap, DocKindSnap, DocumentSnap, DraftSnap, VersionSnap,
};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::{Result, StoreError, rows};

const DOC_COLS: &str = "id, doc_key, title, kind, clause, template_id, owner_role, approver_role, \
                        review_months, next_review_date, created_at";

/// A `doc_document` row, without its files, draft and versions.
fn doc_row(r: &Row<'_>) -> rusqlite::Result<DocumentSnap> {
    Ok(DocumentSnap {
        id: r.get(0)?,
        doc_key: r.get(1)?,
        title: r.get(2)?,
        kind: DocKindSnap::parse(&r.get::<_, String>(3)?).unwrap_or(DocKindSnap::Document),
        clause: r.get(4)?,
        template_id: r.get(5)?,
        owner_role: r.get(6)?,
        approver_role: r.get(7)?,
        review_months: r.get(8)?,
        next_review_date: r.get(9)?,
        created_at: r.get(10)?,
        attachments: Vec::new(),
        draft: None,
        versions: Vec::new(),
    })
}

fn record(r: &Row<'_>) -> rusqlite::Result<DocRecord> {
    doc_row(r).map(|d| DocRecord::from(&d))
}

/// Every stored document, in creation order.
pub fn list_documents(conn: &Connection) -> Result<Vec<DocRecord>> {
    rows::all(
        conn,
        &format!("SELECT {DOC_COLS} FROM doc_document ORDER BY id"),
        [],
        record,
    )
}

/// The document with row id `id`.
pub fn get_document(conn: &Connection, id: i64) -> Result<DocRecord> {
    conn.query_row(
        &format!("SELECT {DOC_COLS} FROM doc_document WHERE id = ?1"),
        [id],
        record,
    )
    .optional()?
    .ok_or_else(|| StoreError::Missing {
        what: "document",
        id: id.to_string(),
        hint: "; reload the register.",
    })
}

/// The document with key `key`, if started.
pub fn find_document(conn: &Connection, key: &str) -> Result<Option<DocRecord>> {
    Ok(conn
        .query_row(
            &format!("SELECT {DOC_COLS} FROM doc_document WHERE doc_key = ?1"),
            [key],
            record,
        )
        .optional()?)
}

/// Inserts a document row created `now`; id 0 lets SQLite choose it. Returns its id.
pub(crate) fn insert_document(conn: &Connection, now: &str, d: &DocRecord) -> Result<i64> {
    let kind = DocKindSnap::from(d.kind);
    let values = params![
        d.id,
        d.key,
        d.title,
        kind.as_str(),
        d.clause,
        d.template_id,
        d.owner_role,
        d.approver_role,
        d.review_months,
        d.next_review_date,
        now
    ];
    rows::insert(conn, "doc_document", DOC_COLS, values)
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

/// The `doc_draft` row of document `id`, if any.
fn draft_row(conn: &Connection, id: i64) -> Result<Option<DraftSnap>> {
    let row = conn
        .query_row(
            "SELECT body, attachment_id, author_person_id, filled_values, revision, updated_at
             FROM doc_draft WHERE document_id = ?1",
            [id],
            |r| {
                Ok((
                    DraftSnap {
                        body: r.get(0)?,
                        attachment_id: r.get(1)?,
                        author_person_id: r.get(2)?,
                        filled_values: serde_json::Value::Null,
                        revision: r.get(4)?,
                        updated_at: r.get(5)?,
                    },
                    r.get::<_, String>(3)?,
                ))
            },
        )
        .optional()?;
    row.map(|(mut d, values)| {
        d.filled_values = serde_json::from_str(&values)?;
        Ok(d)
    })
    .transpose()
}

/// The working draft of document `id`, if any.
pub fn get_draft(conn: &Connection, id: i64) -> Result<Option<DraftRecord>> {
    draft_row(conn, id)?
        .map(|d| {
            Ok(DraftRecord {
                document_id: id,
                values: serde_json::from_value(d.filled_values)?,
                body: d.body,
                attachment_id: d.attachment_id,
                author_person_id: d.author_person_id,
                revision: d.revision,
                updated_at: d.updated_at,
            })
        })
        .transpose()
}

/// Inserts or replaces the draft of document `id` as given.
fn upsert_draft(conn: &Connection, id: i64, d: &DraftSnap) -> Result<()> {
    conn.execute(
        "INSERT INTO doc_draft (document_id, body, attachment_id, author_person_id,
                                filled_values, revision, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (document_id) DO UPDATE SET body = excluded.body,
             attachment_id = excluded.attachment_id, author_person_id = excluded.author_person_id,
             filled_values = excluded.filled_values, revision = excluded.revision,
             updated_at = excluded.updated_at",
        params![
            id,
            d.body,
            d.attachment_id,
            d.author_person_id,
            d.filled_values.to_string(),
            d.revision,
            d.updated_at
        ],
    )?;
    Ok(())
}

/// Inserts or replaces the draft of `d.document_id` with revision `d.revision`, changed `now`.
pub(crate) fn put_draft(conn: &Connection, now: &str, d: &DraftRecord) -> Result<()> {
    upsert_draft(
        conn,
        d.document_id,
        &DraftSnap {
            body: d.body.clone(),
            attachment_id: d.attachment_id,
            author_person_id: d.author_person_id,
            filled_values: serde_json::to_value(&d.values)?,
            revision: d.revision,
            updated_at: now.to_owned(),
        },
    )
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

/// Stores a file added `now`; returns its info.
pub(crate) fn insert_attachment(
    conn: &Connection,
    now: &str,
    document_id: i64,
    file_name: &str,
    media_type: &str,
    sha256: &str,
    content: &[u8],
) -> Result<AttachmentInfo> {
    let info = AttachmentInfo {
        id: 0,
        file_name: file_name.to_owned(),
        media_type: media_type.to_owned(),
        size: i64::try_from(content.len()).unwrap_or(i64::MAX),
        sha256: sha256.to_owned(),
        added_at: now.to_owned(),
    };
    let id = put_attachment(conn, document_id, &info, content)?;
    get_attachment(conn, id)
}

/// Inserts a `doc_attachment` row as given (id 0: SQLite chooses); returns its id.
fn put_attachment(
    conn: &Connection,
    document_id: i64,
    a: &AttachmentInfo,
    content: &[u8],
) -> Result<i64> {
    conn.execute(
        "INSERT INTO doc_attachment (id, document_id, file_name, media_type, size, sha256,
                                     content, added_at)
         VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            a.id,
            document_id,
            a.file_name,
            a.media_type,
            a.size,
            a.sha256,
            content,
            a.added_at
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A stored file's info.
pub fn get_attachment(conn: &Connection, id: i64) -> Result<AttachmentInfo> {
    conn.query_row(
        &format!("SELECT {ATT_COLS} FROM doc_attachment WHERE id = ?1"),
        [id],
        att_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::Missing {
        what: "stored file",
        id: id.to_string(),
        hint: ".",
    })
}

/// A stored file's bytes.
pub fn attachment_content(conn: &Connection, id: i64) -> Result<Vec<u8>> {
    conn.query_row(
        "SELECT content FROM doc_attachment WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| StoreError::Missing {
        what: "stored file",
        id: id.to_string(),
        hint: ".",
    })
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
    rows::all(
        conn,
        &format!(
            "SELECT {VER_COLS} FROM doc_version WHERE document_id = ?1 ORDER BY major DESC, minor DESC"
        ),
        [id],
        ver_row,
    )
}

/// The version with row id `id`.
pub fn get_version(conn: &Connection, id: i64) -> Result<VersionRecord> {
    conn.query_row(
        &format!("SELECT {VER_COLS} FROM doc_version WHERE id = ?1"),
        [id],
        ver_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::Missing {
        what: "document version",
        id: id.to_string(),
        hint: ".",
    })
}

/// Inserts an issued version; returns its id.
pub fn insert_version(
    conn: &Connection,
    v: &VersionRecord,
    values: &BTreeMap<String, String>,
) -> Result<i64> {
    put_version(conn, v, &serde_json::to_string(values)?)
}

/// Inserts a `doc_version` row as given (id 0: SQLite chooses); returns its id.
fn put_version(conn: &Connection, v: &VersionRecord, values_json: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO doc_version (id, document_id, major, minor, body, attachment_id, sha256,
                                  change_summary, author_person_id, author_name, filled_values,
                                  issued_at)
         VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            v.id,
            v.document_id,
            v.number.major,
            v.number.minor,
            v.body,
            v.attachment_id,
            v.sha256,
            v.change_summary,
            v.author_person_id,
            v.author_name,
            values_json,
            v.issued_at
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

const APPR_COLS: &str = "version_id, approver_person_id, approver_name, role_id, role_name, \
                         approved_at, sod_note, id, kept";

/// An approval row with its row id.
fn appr_row(r: &Row<'_>) -> rusqlite::Result<(ApprovalRecord, i64)> {
    Ok((
        ApprovalRecord {
            version_id: r.get(0)?,
            approver_person_id: r.get(1)?,
            approver_name: r.get(2)?,
            role_id: r.get(3)?,
            role_name: r.get(4)?,
            approved_at: r.get(5)?,
            sod_note: r.get(6)?,
            kept: serde_json::from_str(&r.get::<_, String>(8)?).unwrap_or_default(),
        },
        r.get(7)?,
    ))
}

fn approval_row(conn: &Connection, version_id: i64) -> Result<Option<(ApprovalRecord, i64)>> {
    Ok(conn
        .query_row(
            &format!("SELECT {APPR_COLS} FROM doc_approval WHERE version_id = ?1"),
            [version_id],
            appr_row,
        )
        .optional()?)
}

/// The approval of version `version_id`, if approved.
pub fn get_approval(conn: &Connection, version_id: i64) -> Result<Option<ApprovalRecord>> {
    Ok(approval_row(conn, version_id)?.map(|(a, _)| a))
}

/// Records an approval.
pub fn insert_approval(conn: &Connection, a: &ApprovalRecord) -> Result<()> {
    put_approval(conn, a, 0)
}

/// Inserts a `doc_approval` row as given (id 0: SQLite chooses).
fn put_approval(conn: &Connection, a: &ApprovalRecord, id: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO doc_approval (id, version_id, approver_person_id, approver_name, role_id,
                                   role_name, approved_at, sod_note, kept)
         VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id,
            a.version_id,
            a.approver_person_id,
            a.approver_name,
            a.role_id,
            a.role_name,
            a.approved_at,
            a.sod_note,
            serde_json::to_string(&a.kept).unwrap_or_else(|_| "[]".into())
        ],
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The whole document tables as snapshot rows.

/// Every document with its files (with content), draft, versions (oldest first) and
/// approvals, in id order.
pub fn export_documents(conn: &Connection) -> Result<Vec<DocumentSnap>> {
    let mut stmt = conn.prepare(&format!("SELECT {DOC_COLS} FROM doc_document ORDER BY id"))?;
    let docs: Vec<DocumentSnap> = stmt.query_map([], doc_row)?.collect::<Result<_, _>>()?;
    let mut files = conn.prepare(&format!(
        "SELECT {ATT_COLS}, content FROM doc_attachment WHERE document_id = ?1 ORDER BY id"
    ))?;
    let mut versions = conn.prepare(&format!(
        "SELECT {VER_COLS}, filled_values FROM doc_version WHERE document_id = ?1
         ORDER BY major, minor, id"
    ))?;
    let mut out = Vec::with_capacity(docs.len());
    for mut d in docs {
        d.attachments = files
            .query_map([d.id], |r| {
                Ok(AttachmentSnap::of(
                    att_row(r)?,
                    STANDARD.encode(r.get::<_, Vec<u8>>(6)?),
                ))
            })?
            .collect::<Result<_, _>>()?;
        d.draft = draft_row(conn, d.id)?;
        let rows: Vec<(VersionRecord, String)> = versions
            .query_map([d.id], |r| Ok((ver_row(r)?, r.get(11)?)))?
            .collect::<Result<_, _>>()?;
        for (v, values) in rows {
            let approval = approval_row(conn, v.id)?.map(|(a, id)| ApprovalSnap::of(id, a));
            d.versions
                .push(VersionSnap::of(v, serde_json::from_str(&values)?, approval));
        }
        out.push(d);
    }
    Ok(out)
}

/// Inserts documents with their files, drafts, versions and approvals, ids as given.
pub fn import_documents(conn: &Connection, docs: &[DocumentSnap]) -> Result<()> {
    for d in docs {
        insert_document(conn, &d.created_at, &DocRecord::from(d))?;
        for a in &d.attachments {
            let content = STANDARD
                .decode(&a.content_base64)
                .map_err(|e| StoreError::FileRefused(format!("bad base64: {e}")))?;
            put_attachment(conn, d.id, &AttachmentInfo::from(a), &content)?;
        }
        if let Some(draft) = &d.draft {
            upsert_draft(conn, d.id, draft)?;
        }
        for v in &d.versions {
            put_version(conn, &v.record(d.id), &v.filled_values.to_string())?;
            if let Some(a) = &v.approval {
                put_approval(conn, &a.record(v.id), a.id)?;
            }
        }
    }
    Ok(())
}
