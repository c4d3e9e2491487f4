//! [`collect`]: reads the whole project into a [`ProjectSnapshot`] in one read transaction.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rusqlite::{Connection, Row};

use super::types::*;
use crate::{Project, Result, StoreError, migrate};

/// What to include beyond the project data itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CollectOptions {
    /// Include the change journal.
    pub journal: bool,
}

/// Reads the whole project (without the journal) in one read transaction.
pub fn collect(project: &Project) -> Result<ProjectSnapshot> {
    collect_with(project, CollectOptions::default())
}

/// Reads the whole project in one read transaction, with the given options.
pub fn collect_with(project: &Project, opts: CollectOptions) -> Result<ProjectSnapshot> {
    collect_conn(project.conn(), opts)
}

/// [`collect_with`] on a bare connection.
pub fn collect_conn(conn: &Connection, opts: CollectOptions) -> Result<ProjectSnapshot> {
    // One read transaction: every SELECT sees the same state. Dropped (rolled back) on error.
    let tx = conn.unchecked_transaction()?;
    let snap = read_all(&tx, opts)?;
    tx.commit()?;
    Ok(snap)
}

fn read_all(conn: &Connection, opts: CollectOptions) -> Result<ProjectSnapshot> {
    Ok(ProjectSnapshot {
        format: FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        schema_version: migrate::schema_version(conn)?,
        project: header(conn)?,
        settings: list(conn, "SELECT key, value FROM settings ORDER BY key", |r| {
            Ok(Setting {
                key: r.get(0)?,
                value: r.get(1)?,
            })
        })?,
        wizard: wizard(conn)?,
        documents: documents(conn)?,
        assessment: assessment(conn)?,
        journal: if opts.journal {
            Some(list(
                conn,
                "SELECT id, at, kind, detail FROM journal ORDER BY id",
                |r| {
                    Ok(JournalRow {
                        id: r.get(0)?,
                        at: r.get(1)?,
                        kind: r.get(2)?,
                        detail: r.get(3)?,
                    })
                },
            )?)
        } else {
            None
        },
    })
}

fn list<T>(
    conn: &Connection,
    sql: &str,
    f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], f)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn list_by<T>(
    conn: &Connection,
    sql: &str,
    key: i64,
    f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([key], f)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn first<T>(
    conn: &Connection,
    sql: &str,
    f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Option<T>> {
    Ok(list(conn, sql, f)?.into_iter().next())
}

fn strings(text: &str) -> Result<Vec<String>> {
    Ok(serde_json::from_str(text)?)
}

fn json(text: &str) -> Result<serde_json::Value> {
    Ok(serde_json::from_str(text)?)
}

fn parse<T>(what: &str, text: &str, f: impl Fn(&str) -> Option<T>) -> Result<T> {
    f(text).ok_or_else(|| StoreError::Invalid(format!("Unknown {what} {text:?} in the project.")))
}

pub(crate) fn step_str(s: StepSnap) -> &'static str {
    match s {
        StepSnap::Profile => "profile",
        StepSnap::Context => "context",
        StepSnap::Services => "services",
        StepSnap::People => "people",
        StepSnap::Roles => "roles",
        StepSnap::Review => "review",
    }
}

fn step(s: &str) -> Option<StepSnap> {
    [
        StepSnap::Profile,
        StepSnap::Context,
        StepSnap::Services,
        StepSnap::People,
        StepSnap::Roles,
        StepSnap::Review,
    ]
    .into_iter()
    .find(|x| step_str(*x) == s)
}

pub(crate) fn party_kind_str(k: OtherPartyKindSnap) -> &'static str {
    match k {
        OtherPartyKindSnap::ExternalSupplier => "external_supplier",
        OtherPartyKindSnap::InternalSupplier => "internal_supplier",
        OtherPartyKindSnap::Customer => "customer",
    }
}

pub(crate) fn evidence_kind_str(k: EvidenceKindSnap) -> &'static str {
    match k {
        EvidenceKindSnap::File => "file",
        EvidenceKindSnap::Document => "document",
        EvidenceKindSnap::Location => "location",
    }
}

pub(crate) fn source_str(k: ActionSourceSnap) -> &'static str {
    match k {
        ActionSourceSnap::Gap => "gap",
        ActionSourceSnap::Audit => "audit",
        ActionSourceSnap::ManagementReview => "management_review",
        ActionSourceSnap::Other => "other",
    }
}

pub(crate) fn status_str(k: ActionStatusSnap) -> &'static str {
    match k {
        ActionStatusSnap::Open => "open",
        ActionStatusSnap::InProgress => "in_progress",
        ActionStatusSnap::Done => "done",
    }
}

fn header(conn: &Connection) -> Result<ProjectHeader> {
    Ok(conn.query_row(
        "SELECT firm_name, created_at, updated_at, app_version FROM project WHERE id = 1",
        [],
        |r| {
            Ok(ProjectHeader {
                firm_name: r.get(0)?,
                created_at: r.get(1)?,
                updated_at: r.get(2)?,
                app_version: r.get(3)?,
            })
        },
    )?)
}

fn wizard(conn: &Connection) -> Result<WizardSnapshot> {
    let profile = first(
        conn,
        "SELECT legal_name, trading_name, address, sector, headcount, customer_kinds,
                target_date, certification_body, updated_at FROM firm_profile WHERE id = 1",
        |r| {
            Ok((
                ProfileSnap {
                    legal_name: r.get(0)?,
                    trading_name: r.get(1)?,
                    address: r.get(2)?,
                    sector: r.get(3)?,
                    headcount: r.get(4)?,
                    customer_kinds: vec![],
                    target_date: r.get(6)?,
                    certification_body: r.get(7)?,
                    updated_at: r.get(8)?,
                },
                r.get::<_, String>(5)?,
            ))
        },
    )?
    .map(|(mut p, kinds)| -> Result<ProfileSnap> {
        p.customer_kinds = strings(&kinds)?;
        Ok(p)
    })
    .transpose()?;

    let issues = list(
        conn,
        "SELECT id, kind, text, position FROM context_issue ORDER BY id",
        |r| Ok((r.get(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?)),
    )?
    .into_iter()
    .map(|(id, kind, text, position)| {
        let kind = parse("issue kind", &kind, |k| match k {
            "internal" => Some(IssueKindSnap::Internal),
            "external" => Some(IssueKindSnap::External),
            _ => None,
        })?;
        Ok(IssueSnap {
            id,
            kind,
            text,
            position,
        })
    })
    .collect::<Result<Vec<_>>>()?;

    let interested_parties = list(
        conn,
        "SELECT id, name, requirements, position FROM interested_party ORDER BY id",
        |r| {
            Ok(InterestedPartySnap {
                id: r.get(0)?,
                name: r.get(1)?,
                requirements: r.get(2)?,
                position: r.get(3)?,
            })
        },
    )?;

    let climate = first(
        conn,
        "SELECT relevant, rationale, updated_at FROM climate_decision WHERE id = 1",
        |r| {
            Ok(ClimateSnap {
                relevant: r.get(0)?,
                rationale: r.get(1)?,
                updated_at: r.get(2)?,
            })
        },
    )?;

    let services = list(
        conn,
        "SELECT id, name, description, customers, sla_targets, locations, delivered_by_others,
                position FROM service ORDER BY id",
        |r| {
            Ok((
                ServiceSnap {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    description: r.get(2)?,
                    customers: vec![],
                    sla_targets: r.get(4)?,
                    locations: vec![],
                    delivered_by_others: r.get(6)?,
                    position: r.get(7)?,
                },
                r.get::<_, String>(3)?,
                r.get::<_, String>(5)?,
            ))
        },
    )?
    .into_iter()
    .map(|(mut s, c, l)| {
        s.customers = strings(&c)?;
        s.locations = strings(&l)?;
        Ok(s)
    })
    .collect::<Result<Vec<_>>>()?;

    let mut other_parties = Vec::new();
    for (id, name, kind, provides, position) in list(
        conn,
        "SELECT id, name, kind, provides, position FROM other_party ORDER BY id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
                r.get(4)?,
            ))
        },
    )? {
        let kind = parse("party kind", &kind, |k| match k {
            "external_supplier" => Some(OtherPartyKindSnap::ExternalSupplier),
            "internal_supplier" => Some(OtherPartyKindSnap::InternalSupplier),
            "customer" => Some(OtherPartyKindSnap::Customer),
            _ => None,
        })?;
        other_parties.push(OtherPartySnap {
            id,
            name,
            kind,
            provides,
            position,
            services: list_by(
                conn,
                "SELECT service_id FROM other_party_service WHERE other_party_id = ?1
                 ORDER BY service_id",
                id,
                |r| r.get(0),
            )?,
            processes: list_by(
                conn,
                "SELECT process_id FROM other_party_process WHERE other_party_id = ?1
                 ORDER BY process_id",
                id,
                |r| r.get(0),
            )?,
        });
    }

    let scope = first(
        conn,
        "SELECT text, edited, updated_at FROM scope_statement WHERE id = 1",
        |r| {
            Ok(ScopeSnap {
                text: r.get(0)?,
                edited: r.get(1)?,
                updated_at: r.get(2)?,
            })
        },
    )?;

    let people = list(
        conn,
        "SELECT id, name, email, job_title, external, created_at, deleted_at
         FROM person ORDER BY id",
        |r| {
            Ok(PersonSnap {
                id: r.get(0)?,
                name: r.get(1)?,
                email: r.get(2)?,
                job_title: r.get(3)?,
                external: r.get(4)?,
                created_at: r.get(5)?,
                deleted_at: r.get(6)?,
            })
        },
    )?;

    let role_holders = list(
        conn,
        "SELECT role_id, person_id, position FROM role_holder ORDER BY role_id, person_id",
        |r| {
            Ok(RoleHolderSnap {
                role_id: r.get(0)?,
                person_id: r.get(1)?,
                position: r.get(2)?,
            })
        },
    )?;
    let role_deputies = list(
        conn,
        "SELECT role_id, person_id FROM role_deputy ORDER BY role_id",
        |r| {
            Ok(RoleDeputySnap {
                role_id: r.get(0)?,
                person_id: r.get(1)?,
            })
        },
    )?;
    let sod_mitigations = list(
        conn,
        "SELECT rule_id, person_id, text, recorded_at FROM sod_mitigation
         ORDER BY rule_id, person_id",
        |r| {
            Ok(MitigationSnap {
                rule_id: r.get(0)?,
                person_id: r.get(1)?,
                text: r.get(2)?,
                recorded_at: r.get(3)?,
            })
        },
    )?;

    let progress = first(
        conn,
        "SELECT current_step, completed, updated_at FROM wizard_progress WHERE id = 1",
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        },
    )?
    .map(|(cur, done, updated_at)| -> Result<ProgressSnap> {
        Ok(ProgressSnap {
            current_step: parse("wizard step", &cur, step)?,
            completed: strings(&done)?
                .iter()
                .map(|s| parse("wizard step", s, step))
                .collect::<Result<_>>()?,
            updated_at,
        })
    })
    .transpose()?;

    Ok(WizardSnapshot {
        profile,
        issues,
        interested_parties,
        climate,
        services,
        other_parties,
        scope,
        people,
        role_holders,
        role_deputies,
        sod_mitigations,
        progress,
    })
}

fn documents(conn: &Connection) -> Result<Vec<DocumentSnap>> {
    let docs = list(
        conn,
        "SELECT id, doc_key, title, kind, clause, template_id, owner_role, approver_role,
                review_months, next_review_date, created_at FROM doc_document ORDER BY id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, i64>(8)?,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, String>(10)?,
            ))
        },
    )?;
    let mut out = Vec::with_capacity(docs.len());
    for (id, doc_key, title, kind, clause, template_id, owner, approver, months, next, created) in
        docs
    {
        let kind = parse("document kind", &kind, |k| match k {
            "document" => Some(DocKindSnap::Document),
            "record" => Some(DocKindSnap::Record),
            _ => None,
        })?;
        let attachments = list_by(
            conn,
            "SELECT id, file_name, media_type, size, sha256, content, added_at
             FROM doc_attachment WHERE document_id = ?1 ORDER BY id",
            id,
            |r| {
                Ok(AttachmentSnap {
                    id: r.get(0)?,
                    file_name: r.get(1)?,
                    media_type: r.get(2)?,
                    size: r.get(3)?,
                    sha256: r.get(4)?,
                    content_base64: STANDARD.encode(r.get::<_, Vec<u8>>(5)?),
                    added_at: r.get(6)?,
                })
            },
        )?;
        let draft = list_by(
            conn,
            "SELECT body, attachment_id, author_person_id, filled_values, revision, updated_at
             FROM doc_draft WHERE document_id = ?1",
            id,
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, String>(5)?,
                ))
            },
        )?
        .into_iter()
        .next()
        .map(
            |(body, attachment_id, author_person_id, values, revision, updated_at)| {
                Ok::<_, StoreError>(DraftSnap {
                    body,
                    attachment_id,
                    author_person_id,
                    filled_values: json(&values)?,
                    revision,
                    updated_at,
                })
            },
        )
        .transpose()?;
        let rows = list_by(
            conn,
            "SELECT v.id, v.major, v.minor, v.body, v.attachment_id, v.sha256, v.change_summary,
                    v.author_person_id, v.author_name, v.filled_values, v.issued_at,
                    a.id, a.approver_person_id, a.approver_name, a.role_id, a.role_name,
                    a.approved_at, a.sod_note
             FROM doc_version v LEFT JOIN doc_approval a ON a.version_id = v.id
             WHERE v.document_id = ?1 ORDER BY v.major, v.minor, v.id",
            id,
            |r| {
                let approval = match r.get::<_, Option<i64>>(11)? {
                    Some(aid) => Some(ApprovalSnap {
                        id: aid,
                        approver_person_id: r.get(12)?,
                        approver_name: r.get(13)?,
                        role_id: r.get(14)?,
                        role_name: r.get(15)?,
                        approved_at: r.get(16)?,
                        sod_note: r.get(17)?,
                    }),
                    None => None,
                };
                Ok((
                    VersionSnap {
                        id: r.get(0)?,
                        major: r.get(1)?,
                        minor: r.get(2)?,
                        body: r.get(3)?,
                        attachment_id: r.get(4)?,
                        sha256: r.get(5)?,
                        change_summary: r.get(6)?,
                        author_person_id: r.get(7)?,
                        author_name: r.get(8)?,
                        filled_values: serde_json::Value::Null,
                        issued_at: r.get(10)?,
                        approval,
                    },
                    r.get::<_, String>(9)?,
                ))
            },
        )?;
        let versions = rows
            .into_iter()
            .map(|(mut v, values)| {
                v.filled_values = json(&values)?;
                Ok(v)
            })
            .collect::<Result<Vec<_>>>()?;
        out.push(DocumentSnap {
            id,
            doc_key,
            title,
            kind,
            clause,
            template_id,
            owner_role: owner,
            approver_role: approver,
            review_months: months,
            next_review_date: next,
            created_at: created,
            attachments,
            draft,
            versions,
        });
    }
    Ok(out)
}

fn assessment(conn: &Connection) -> Result<AssessmentSnapshot> {
    let answers = list(
        conn,
        "SELECT question_id, level, note, owner_id, target_date, other_party_id,
                other_party_control, updated_at FROM answer ORDER BY question_id",
        |r| {
            Ok(AnswerSnap {
                question_id: r.get(0)?,
                level: r.get(1)?,
                note: r.get(2)?,
                owner_id: r.get(3)?,
                target_date: r.get(4)?,
                other_party_id: r.get(5)?,
                other_party_control: r.get(6)?,
                updated_at: r.get(7)?,
            })
        },
    )?;

    let rows = list(
        conn,
        "SELECT e.id, e.kind, e.title, e.file_name, e.size, e.sha256, f.content, e.document_id,
                e.document_version, e.location, e.added_at, e.expires_on, e.review_on
         FROM evidence e LEFT JOIN evidence_file f ON f.evidence_id = e.id ORDER BY e.id",
        |r| {
            Ok((
                r.get::<_, String>(1)?,
                EvidenceSnap {
                    id: r.get(0)?,
                    kind: EvidenceKindSnap::Location,
                    title: r.get(2)?,
                    file_name: r.get(3)?,
                    size: r.get(4)?,
                    sha256: r.get(5)?,
                    content_base64: r.get::<_, Option<Vec<u8>>>(6)?.map(|b| STANDARD.encode(b)),
                    document_id: r.get(7)?,
                    document_version: r.get(8)?,
                    location: r.get(9)?,
                    added_at: r.get(10)?,
                    expires_on: r.get(11)?,
                    review_on: r.get(12)?,
                    questions: vec![],
                },
            ))
        },
    )?;
    let mut evidence = Vec::with_capacity(rows.len());
    for (kind, mut e) in rows {
        e.kind = parse("evidence kind", &kind, |k| match k {
            "file" => Some(EvidenceKindSnap::File),
            "document" => Some(EvidenceKindSnap::Document),
            "location" => Some(EvidenceKindSnap::Location),
            _ => None,
        })?;
        e.questions = list_by(
            conn,
            "SELECT question_id FROM evidence_question WHERE evidence_id = ?1
             ORDER BY question_id",
            e.id,
            |r| r.get(0),
        )?;
        evidence.push(e);
    }

    let rows = list(
        conn,
        "SELECT id, source, question_id, title, owner_id, due, status, cause, correction,
                corrective_action, verification, created_at, updated_at FROM action ORDER BY id",
        |r| {
            Ok((
                r.get::<_, String>(1)?,
                r.get::<_, String>(6)?,
                ActionSnap {
                    id: r.get(0)?,
                    source: ActionSourceSnap::Other,
                    question_id: r.get(2)?,
                    title: r.get(3)?,
                    owner_id: r.get(4)?,
                    due: r.get(5)?,
                    status: ActionStatusSnap::Open,
                    cause: r.get(7)?,
                    correction: r.get(8)?,
                    corrective_action: r.get(9)?,
                    verification: r.get(10)?,
                    created_at: r.get(11)?,
                    updated_at: r.get(12)?,
                },
            ))
        },
    )?;
    let mut actions = Vec::with_capacity(rows.len());
    for (source, status, mut a) in rows {
        a.source = parse("action source", &source, |s| match s {
            "gap" => Some(ActionSourceSnap::Gap),
            "audit" => Some(ActionSourceSnap::Audit),
            "management_review" => Some(ActionSourceSnap::ManagementReview),
            "other" => Some(ActionSourceSnap::Other),
            _ => None,
        })?;
        a.status = parse("action status", &status, |s| match s {
            "open" => Some(ActionStatusSnap::Open),
            "in_progress" => Some(ActionStatusSnap::InProgress),
            "done" => Some(ActionStatusSnap::Done),
            _ => None,
        })?;
        actions.push(a);
    }

    let rows = list(
        conn,
        "SELECT id, taken_at, label, overall, stage1, stage1_score, stage2, stage2_score,
                answered, questions, scorecard FROM snapshot ORDER BY id",
        |r| {
            Ok((
                ScoreSnapshotSnap {
                    id: r.get(0)?,
                    taken_at: r.get(1)?,
                    label: r.get(2)?,
                    overall: r.get(3)?,
                    stage1: r.get(4)?,
                    stage1_score: r.get(5)?,
                    stage2: r.get(6)?,
                    stage2_score: r.get(7)?,
                    answered: r.get(8)?,
                    questions: r.get(9)?,
                    scorecard: serde_json::Value::Null,
                },
                r.get::<_, String>(10)?,
            ))
        },
    )?;
    let snapshots = rows
        .into_iter()
        .map(|(mut s, card)| {
            s.scorecard = json(&card)?;
            Ok(s)
        })
        .collect::<Result<Vec<_>>>()?;

    Ok(AssessmentSnapshot {
        answers,
        evidence,
        actions,
        snapshots,
    })
}
