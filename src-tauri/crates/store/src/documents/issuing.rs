//! Issuing versions, approving them and setting review dates.

use super::drafting::draft_at;
use super::*;
use crate::Project;

/// Issues the draft of `doc_id` as a new immutable version: 1.0 first, then a minor step, or
/// a major one when `major`. The `| Version |` row of the document control table is set to
/// the new number in the issued text (and in the draft, which stays as the working copy).
pub fn issue_version(
    p: &mut Project,
    doc_id: i64,
    change_summary: &str,
    major: bool,
    revision: i64,
) -> DocResult<VersionRecord> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let summary = change_summary.trim();
    if summary.is_empty() {
        return Err(required(
            "Say in a few words what this version changes (for 1.0: \"First issue\").",
        ));
    }
    let data = crate::wizard::load(conn)?;
    write(conn, now, "document_version_issued", |tx| {
        let mut d = draft_at(tx, doc_id, revision)?;
        let versions = records::list_versions(tx, doc_id)?;
        if let Some(l) = versions.first()
            && l.body == d.body
            && l.attachment_id == d.attachment_id
        {
            return Err(not_allowed(format!(
                "The draft is the same as version {}; change something before issuing.",
                l.number
            )));
        }
        if d.attachment_id.is_none() && d.body.trim().is_empty() {
            return Err(not_allowed("The draft is empty; write it before issuing."));
        }
        let number = next_version(versions.first().map(|v| v.number), major);
        let body = if d.attachment_id.is_some() {
            String::new()
        } else {
            stamp_version(&d.body, &number.to_string())
        };
        let sha256 = match d.attachment_id {
            Some(a) => records::get_attachment(tx, a)?.sha256,
            None => sha256_hex(body.as_bytes()),
        };
        let mut v = VersionRecord {
            id: 0,
            document_id: doc_id,
            number,
            body: body.clone(),
            attachment_id: d.attachment_id,
            sha256,
            change_summary: summary.to_owned(),
            author_person_id: d.author_person_id,
            author_name: person_name(&data, d.author_person_id),
            issued_at: now.to_owned(),
        };
        v.id = records::insert_version(tx, &v, &d.values)?;
        d.body = body;
        d.revision += 1;
        records::put_draft(tx, now, &d)?;
        Ok((v, format!("{doc_id} {number}")))
    })
}

/// Approves version `version_id` as `approver`, who was shown version number `seen`. The rules
/// of `ready20k_domain::documents::approval` decide; a refusal writes nothing. On approval the
/// next review date becomes the approval date plus the document's review interval.
///
/// Approval is refused (`unresolved_placeholders`) while the version's text holds a
/// placeholder or template instruction ([`dom::unresolved`]) whose text is not in `keep`, the
/// approver's explicit list of items kept as they are; the kept items are recorded.
pub fn approve_version(
    p: &mut Project,
    version_id: i64,
    approver: i64,
    seen: &str,
    keep: &[String],
) -> DocResult<ApprovalRecord> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let lib = lib()?;
    let data = crate::wizard::load(conn)?;
    let today = date_of(now)?;
    write(conn, now, "document_approved", |tx| {
        let version = records::get_version(tx, version_id)?;
        let doc = records::get_document(tx, version.document_id)?;
        let versions = records::list_versions(tx, doc.id)?;
        let already = records::get_approval(tx, version.id)?.is_some();
        let c = check_for(
            lib,
            &data,
            &doc,
            &version,
            versions.first(),
            Some(seen),
            already,
        );
        let grant = check_approval(&c, approver).map_err(DocError::Refused)?;
        let kept = dom::unresolved::check_kept(&version.body, keep).map_err(DocError::Refused)?;
        let record = ApprovalRecord {
            version_id: version.id,
            approver_person_id: approver,
            approver_name: person_name(&data, Some(approver)),
            role_id: grant.role_id,
            role_name: grant.role_name,
            approved_at: now.to_owned(),
            sod_note: grant.sod_note,
            kept,
        };
        records::insert_approval(tx, &record)?;
        let next = next_review_date(today, doc.review_months);
        records::set_next_review(tx, doc.id, Some(&next.to_string()))?;
        Ok((
            record,
            format!("{} {} by {}", doc.key, version.number, approver),
        ))
    })
}

/// Sets the next review date of an approved document (`YYYY-MM-DD`).
pub fn set_review_date(p: &mut Project, doc_id: i64, date: &str) -> DocResult<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let parsed = dom::parse_date(date)
        .filter(|_| date.trim().len() == 10)
        .ok_or_else(|| bad_date("Enter the date as YYYY-MM-DD."))?;
    write(conn, now, "document_review_date_set", |tx| {
        records::get_document(tx, doc_id)?;
        records::set_next_review(tx, doc_id, Some(&parsed.to_string()))?;
        Ok(((), format!("{doc_id} {parsed}")))
    })
}
