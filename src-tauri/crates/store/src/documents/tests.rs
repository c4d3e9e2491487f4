#![allow(clippy::unwrap_used, clippy::expect_used)]

use ready20k_domain::clock::FixedClock;
use ready20k_domain::documents::markdown::{Block, to_blocks};
use ready20k_domain::documents::{DocStatus, RefusalCode, parse_date};
use ready20k_domain::wizard::{Person, RoleAssignment, Service, SodMitigation};

use super::*;
use crate::testing;
use crate::wizard::{people, roles, services};
use ready20k_domain::content::DocumentKind;

const NOW: &str = "2026-01-10T09:00:00+00:00";
const LATER: &str = "2026-02-01T09:00:00+00:00";

fn at(rfc3339: &str) -> chrono::DateTime<chrono::Utc> {
    FixedClock::at_rfc3339(rfc3339).unwrap().0
}

/// The people and the service the document tests name.
struct Ids {
    ann: i64,
    bob: i64,
    cleo: i64,
    svc: i64,
}

/// The project's clock stands at [`NOW`] until a test moves it.
type Firm = testing::Firm<Ids>;

/// Ann is top management, Bob the SMS manager, Cleo a service owner.
fn firm() -> Firm {
    let staff: &[(&str, &[&str])] = &[
        ("Ann Lee", &["ROLE-TM"]),
        ("Bob Ray", &["ROLE-SMSM"]),
        ("Cleo Park", &["ROLE-SO"]),
    ];
    testing::firm(NOW, "Acme IT", staff, |c, ids| Ids {
        ann: ids[0],
        bob: ids[1],
        cleo: ids[2],
        svc: services::save_service(
            c,
            &Service {
                name: "Managed backup".into(),
                customers: vec!["SMEs".into()],
                ..Service::default()
            },
        )
        .unwrap(),
    })
}

fn today() -> NaiveDate {
    parse_date(NOW).unwrap()
}

fn view(f: &Firm) -> DocumentView {
    document_view(f.p.conn(), "DOC-SM-POLICY", today()).unwrap()
}

fn start_policy(f: &mut Firm) -> i64 {
    start_document(&mut f.p, "DOC-SM-POLICY", None, None).unwrap()
}

fn rev(f: &Firm) -> i64 {
    view(f).draft.unwrap().revision
}

fn issue(f: &mut Firm, id: i64, summary: &str, major: bool) -> VersionRecord {
    let r = rev(f);
    issue_version(&mut f.p, id, summary, major, r).unwrap()
}

fn edit(f: &mut Firm, id: i64, change: impl FnOnce(&str) -> String) {
    let d = view(f).draft.unwrap();
    let body = change(&d.body);
    save_draft(&mut f.p, id, &body, d.author_person_id, d.revision).unwrap();
}

#[test]
fn a_started_policy_is_filled_from_the_wizard_and_authored_by_the_owner() {
    let mut f = firm();
    let before = register(f.p.conn(), today()).unwrap();
    let e = before
        .entries
        .iter()
        .find(|e| e.key == "DOC-SM-POLICY")
        .unwrap();
    assert_eq!(e.status, DocStatus::Missing);
    start_policy(&mut f);
    let v = view(&f);
    assert_eq!(v.entry.status, DocStatus::Draft);
    assert_eq!(v.template_id.as_deref(), Some("TPL-03"));
    let d = v.draft.unwrap();
    assert!(d.body.contains("Acme IT Ltd"));
    assert!(d.body.contains("Ann Lee"));
    assert!(d.body.contains("| Version | 1.0 (draft) |"));
    assert_eq!(
        d.author_person_id,
        Some(f.ids.bob),
        "owner role SMSM holder is the author"
    );
    assert!(
        d.placeholders
            .iter()
            .any(|p| p.text == "«ticketing system»")
    );
    assert!(d.html.contains("<mark class=\"placeholder\">"));
    assert!(!d.body.contains("undefined"));
    // A second start is refused.
    assert!(start_document(&mut f.p, "DOC-SM-POLICY", None, None).is_err());
}

#[test]
fn autosave_uses_revisions_and_refuses_a_stale_one() {
    let mut f = firm();
    let id = start_policy(&mut f);
    let r = rev(&f);
    let s = save_draft(&mut f.p, id, "# One", Some(f.ids.bob), r).unwrap();
    assert_eq!(s.revision, r + 1);
    let err = save_draft(&mut f.p, id, "# Two", Some(f.ids.bob), r).unwrap_err();
    assert_eq!(err.code(), "draft_conflict");
    assert_eq!(view(&f).draft.unwrap().body, "# One");
}

#[test]
fn versions_are_numbered_immutable_and_diffable() {
    let mut f = firm();
    let id = start_policy(&mut f);
    // An empty summary is refused.
    let r = rev(&f);
    assert!(issue_version(&mut f.p, id, " ", false, r).is_err());
    let v1 = issue(&mut f, id, "First issue", true);
    assert_eq!(
        v1.number.to_string(),
        "1.0",
        "the first issue is 1.0 even if marked major"
    );
    assert!(v1.body.contains("| Version | 1.0 |"));
    assert_eq!(v1.sha256, sha256_hex(v1.body.as_bytes()));
    assert_eq!(v1.author_name, "Bob Ray");
    // Issuing an unchanged draft is refused.
    let r = rev(&f);
    assert!(issue_version(&mut f.p, id, "Again", false, r).is_err());
    edit(&mut f, id, |b| {
        b.replace("## 4. Principles", "## 4. Principles we live by")
    });
    let v11 = issue(&mut f, id, "Reworded a heading", false);
    assert_eq!(v11.number.to_string(), "1.1");
    edit(&mut f, id, |b| format!("{b}\nA new closing line.\n"));
    let v2 = issue(&mut f, id, "Restructured", true);
    assert_eq!(v2.number.to_string(), "2.0");
    let history: Vec<String> = view(&f).versions.iter().map(|v| v.number.clone()).collect();
    assert_eq!(history, vec!["2.0", "1.1", "1.0"]);

    let d = diff_versions(f.p.conn(), v1.id, v11.id).unwrap();
    assert_eq!(
        (d.added, d.removed),
        (2, 2),
        "heading and version row changed"
    );
    let lines: Vec<&str> = d
        .hunks
        .iter()
        .flat_map(|h| &h.lines)
        .map(|l| l.text.as_str())
        .collect();
    assert!(lines.contains(&"## 4. Principles we live by"));
    let d = diff_versions(f.p.conn(), v1.id, v2.id).unwrap();
    assert!(d.added >= 3);

    // Issued versions cannot be changed or deleted, even with raw SQL.
    let c = f.p.conn();
    let err = c
        .execute(
            "UPDATE doc_version SET body = 'tampered' WHERE id = ?1",
            [v1.id],
        )
        .unwrap_err();
    assert!(err.to_string().contains("cannot be changed"), "{err}");
    assert!(
        c.execute("DELETE FROM doc_version WHERE id = ?1", [v1.id])
            .is_err()
    );
    assert_eq!(records::get_version(c, v1.id).unwrap().body, v1.body);
}

#[test]
fn approval_with_a_placeholder_is_refused_unless_each_one_is_kept() {
    let mut f = firm();
    let id = start_policy(&mut f);
    let v1 = issue(&mut f, id, "First issue", false);
    // Issuing lists what is still open: the firm has no ticketing system recorded.
    let listed = &view(&f).versions[0].unresolved;
    assert!(
        listed
            .iter()
            .any(|u| u.text == "«ticketing system»" && u.line > 0)
    );
    let err = approve_version(&mut f.p, v1.id, f.ids.ann, "1.0", &[]).unwrap_err();
    assert_eq!(err.code(), "unresolved_placeholders");
    assert!(err.to_string().contains("«ticketing system»"), "{err}");
    // Keeping all but one is still refused, and nothing is recorded.
    let mut kept = keep(&v1.body);
    let last = kept.pop().unwrap();
    let err = approve_version(&mut f.p, v1.id, f.ids.ann, "1.0", &kept).unwrap_err();
    assert!(err.to_string().contains(&last), "{err}");
    assert!(records::get_approval(f.p.conn(), v1.id).unwrap().is_none());
    // Every item kept explicitly: approved, and the kept list is recorded.
    kept.push(last);
    let a = approve_version(&mut f.p, v1.id, f.ids.ann, "1.0", &kept).unwrap();
    assert_eq!(a.kept, kept);
    let stored = records::get_approval(f.p.conn(), v1.id).unwrap().unwrap();
    assert_eq!(stored.kept, kept);
}

#[test]
fn approval_needs_the_role_refuses_self_approval_and_stale_versions() {
    let mut f = firm();
    let id = start_policy(&mut f);
    let v1 = issue(&mut f, id, "First issue", false);
    assert_eq!(view(&f).entry.status, DocStatus::InReview);

    // Wrong role: Cleo is a service owner, not top management.
    let err = approve_version(&mut f.p, v1.id, f.ids.cleo, "1.0", &keep(&v1.body)).unwrap_err();
    assert_eq!(err.code(), "wrong_role");
    assert!(err.to_string().contains("Top management"));

    // Make Bob (the author) top management too: self-approval is refused by SOD-08…
    roles::update_assignment(
        &mut f.p,
        &RoleAssignment {
            role_id: "ROLE-TM".into(),
            holders: vec![f.ids.ann, f.ids.bob],
            deputy: None,
        },
    )
    .unwrap();
    let err = approve_version(&mut f.p, v1.id, f.ids.bob, "1.0", &keep(&v1.body)).unwrap_err();
    assert_eq!(err.code(), "self_approval");
    assert!(err.to_string().contains("SOD-08"));
    // The dialog offers Ann and explains why Bob and Cleo cannot.
    let options = view(&f).approvers;
    assert_eq!(options[0].name, "Ann Lee");
    assert!(options[0].refusal.is_none());
    assert!(options.iter().any(|o| o.person_id == f.ids.bob
        && o.refusal.as_ref().unwrap().code == RefusalCode::SelfApproval));

    // A newer version is issued: approving 1.0 now is stale.
    edit(&mut f, id, |b| format!("{b}\nOne more line.\n"));
    let v11 = issue(&mut f, id, "Added a line", false);
    let err = approve_version(&mut f.p, v1.id, f.ids.ann, "1.0", &keep(&v1.body)).unwrap_err();
    assert_eq!(err.code(), "stale_version");
    // So is approving 1.1 by someone who was shown 1.0.
    let err = approve_version(&mut f.p, v11.id, f.ids.ann, "1.0", &keep(&v11.body)).unwrap_err();
    assert_eq!(err.code(), "stale_version");
    // Nothing was recorded by the refusals.
    assert!(records::get_approval(f.p.conn(), v1.id).unwrap().is_none());

    f.clock.set(at(LATER));
    let a = approve_version(&mut f.p, v11.id, f.ids.ann, "1.1", &keep(&v11.body)).unwrap();
    assert_eq!(a.approver_name, "Ann Lee");
    assert_eq!(a.role_id, "ROLE-TM");
    assert_eq!(a.role_name, "Top management");
    assert_eq!(a.approved_at, LATER);
    let v = view(&f);
    assert_eq!(v.entry.status, DocStatus::Approved);
    assert_eq!(v.entry.approved_version.as_deref(), Some("1.1"));
    assert_eq!(v.entry.next_review_date.as_deref(), Some("2027-02-01"));
    assert!(v.approvers.is_empty());
    // Approving twice is refused; the approval itself cannot be changed.
    let err = approve_version(&mut f.p, v11.id, f.ids.ann, "1.1", &keep(&v11.body)).unwrap_err();
    assert_eq!(err.code(), "already_approved");
    assert!(
        f.p.conn()
            .execute("UPDATE doc_approval SET approver_name = 'X'", [])
            .is_err()
    );
    assert!(f.p.conn().execute("DELETE FROM doc_approval", []).is_err());
}

#[test]
fn self_approval_is_allowed_with_a_recorded_mitigation() {
    let mut f = firm();
    roles::update_assignment(
        &mut f.p,
        &RoleAssignment {
            role_id: "ROLE-TM".into(),
            holders: vec![f.ids.bob],
            deputy: None,
        },
    )
    .unwrap();
    roles::upsert_mitigation(
        &mut f.p,
        &SodMitigation {
            rule_id: "SOD-08".into(),
            person_id: f.ids.bob,
            text: "Ann reviews each document before Bob approves it".into(),
        },
    )
    .unwrap();
    let id = start_policy(&mut f);
    let v1 = issue(&mut f, id, "First issue", false);
    let a = approve_version(&mut f.p, v1.id, f.ids.bob, "1.0", &keep(&v1.body)).unwrap();
    assert!(a.sod_note.unwrap().contains("SOD-08"));
}

#[test]
fn review_dates_drive_due_and_overdue() {
    let mut f = firm();
    let id = start_policy(&mut f);
    let v1 = issue(&mut f, id, "First issue", false);
    approve_version(&mut f.p, v1.id, f.ids.ann, "1.0", &keep(&v1.body)).unwrap();
    let status = |f: &Firm, day: &str| {
        register(f.p.conn(), parse_date(day).unwrap())
            .unwrap()
            .entries
            .into_iter()
            .find(|e| e.key == "DOC-SM-POLICY")
            .unwrap()
            .status
    };
    assert_eq!(status(&f, "2026-06-01"), DocStatus::Approved);
    assert_eq!(status(&f, "2026-12-20"), DocStatus::DueForReview);
    assert_eq!(status(&f, "2027-01-11"), DocStatus::Overdue);
    let reg = register(f.p.conn(), parse_date("2027-01-11").unwrap()).unwrap();
    assert_eq!(reg.overdue, 1);
    set_review_date(&mut f.p, id, "2027-06-30").unwrap();
    assert_eq!(status(&f, "2027-01-11"), DocStatus::Approved);
    assert!(set_review_date(&mut f.p, id, "30/06/2027").is_err());
}

#[test]
fn wizard_changes_show_on_the_draft_and_refresh_keeps_approved_versions() {
    let mut f = firm();
    let id = start_policy(&mut f);
    let v1 = issue(&mut f, id, "First issue", false);
    approve_version(&mut f.p, v1.id, f.ids.ann, "1.0", &keep(&v1.body)).unwrap();
    assert!(view(&f).draft.unwrap().changes.is_empty());

    // The wizard changes: Ann is renamed, the service is renamed.
    let c = &mut f.p;
    people::save_person(
        c,
        &Person {
            id: f.ids.ann,
            name: "Ann Lee-Smith".into(),
            ..Person::default()
        },
    )
    .unwrap();
    services::save_service(
        c,
        &Service {
            id: f.ids.svc,
            name: "Backup and restore".into(),
            customers: vec!["SMEs".into()],
            ..Service::default()
        },
    )
    .unwrap();
    let d = view(&f).draft.unwrap();
    let keys: Vec<&str> = d.changes.iter().map(|c| c.key.as_str()).collect();
    assert!(keys.contains(&"roles.ROLE-TM.holder"), "{keys:?}");
    assert!(
        keys.contains(&format!("services.{}.name", f.ids.svc).as_str()),
        "{keys:?}"
    );
    let tm = d
        .changes
        .iter()
        .find(|c| c.key == "roles.ROLE-TM.holder")
        .unwrap();
    assert_eq!(
        (tm.old.as_str(), tm.new.as_str()),
        ("Ann Lee", "Ann Lee-Smith")
    );

    let all: Vec<String> = d.changes.iter().map(|c| c.key.clone()).collect();
    let applied = refresh_draft(&mut f.p, id, &all, d.revision).unwrap();
    assert!(applied.contains(&"roles.ROLE-TM.holder".to_owned()));
    let d = view(&f).draft.unwrap();
    assert!(d.body.contains("Ann Lee-Smith"));
    assert!(d.body.contains("Backup and restore"));
    assert!(d.changes.is_empty(), "{:?}", d.changes);
    assert!(d.differs_from_latest);
    // The approved version is untouched and still approved.
    let v = view(&f);
    assert_eq!(
        records::get_version(f.p.conn(), v1.id).unwrap().body,
        v1.body
    );
    assert_eq!(v.entry.status, DocStatus::Approved);
    assert!(v.entry.draft_pending);
}

#[test]
fn script_in_a_document_never_reaches_the_preview_or_the_dossier() {
    let mut f = firm();
    let id = start_policy(&mut f);
    edit(&mut f, id, |b| {
        format!(
            "{b}\n<script>alert('x')</script>\n\nClick <a href=\"javascript:alert(1)\" \
             onclick=\"alert(2)\">here</a> and [there](javascript:alert(3)).\n\n\
             <img src=x onerror=alert(4)>\n"
        )
    });
    let d = view(&f).draft.unwrap();
    let html = d.html.to_ascii_lowercase();
    for bad in [
        "<script",
        "onclick",
        "onerror",
        "javascript:",
        "<img",
        "<a href=\"javascript",
    ] {
        assert!(!html.contains(bad), "{bad} in the preview");
    }
    let v1 = issue(&mut f, id, "First issue", false);
    let html = version_html(f.p.conn(), v1.id)
        .unwrap()
        .to_ascii_lowercase();
    assert!(!html.contains("<script") && !html.contains("javascript:"));
    approve_version(&mut f.p, v1.id, f.ids.ann, "1.0", &keep(&v1.body)).unwrap();
    // What the dossier gets: approved versions only, as neutral blocks.
    let approved = approved_documents(f.p.conn()).unwrap();
    assert_eq!(approved.len(), 1);
    let blocks = to_blocks(&approved[0].version.body);
    let json = serde_json::to_string(&blocks).unwrap().to_ascii_lowercase();
    for bad in [
        "<script",
        "alert('x')",
        "onclick",
        "javascript:",
        "<img",
        "<a ",
    ] {
        assert!(!json.contains(bad), "{bad} in the dossier blocks");
    }
    assert!(matches!(blocks[0], Block::Heading { level: 1, .. }));
}

#[test]
fn only_approved_versions_are_offered_to_the_dossier() {
    let mut f = firm();
    let id = start_policy(&mut f);
    let v1 = issue(&mut f, id, "First issue", false);
    assert!(approved_documents(f.p.conn()).unwrap().is_empty());
    approve_version(&mut f.p, v1.id, f.ids.ann, "1.0", &keep(&v1.body)).unwrap();
    edit(&mut f, id, |b| format!("{b}\nRevision.\n"));
    issue(&mut f, id, "Revision", false);
    let approved = approved_documents(f.p.conn()).unwrap();
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0].version.number.to_string(), "1.0");
}

#[test]
fn own_files_stand_in_for_a_template_with_their_sha256() {
    let mut f = firm();
    let id = start_document(&mut f.p, "DOC-CHANGE-POLICY", None, None).unwrap();
    let pdf = b"%PDF-1.4 our own change policy".to_vec();
    assert!(attach_file(&mut f.p, id, "policy.exe", &pdf).is_err());
    let info = attach_file(&mut f.p, id, "Change policy.pdf", &pdf).unwrap();
    assert_eq!(info.sha256, sha256_hex(&pdf));
    assert_eq!(info.media_type, "application/pdf");
    let v = document_view(f.p.conn(), "DOC-CHANGE-POLICY", today()).unwrap();
    let d = v.draft.unwrap();
    assert_eq!(d.attachment.as_ref().unwrap().id, info.id);
    let ver = issue_version(&mut f.p, id, "Our existing policy", false, d.revision).unwrap();
    assert_eq!(ver.sha256, info.sha256);
    assert_eq!(ver.attachment_id, Some(info.id));
    assert_eq!(
        records::attachment_content(f.p.conn(), info.id).unwrap(),
        pdf
    );
    // The stored file cannot be changed or removed.
    assert!(
        f.p.conn()
            .execute("UPDATE doc_attachment SET content = x'00'", [])
            .is_err()
    );
    assert!(
        f.p.conn()
            .execute("DELETE FROM doc_attachment", [])
            .is_err()
    );
    // Approval works the same way (change policy is approved by top management).
    let approver_role = records::get_document(f.p.conn(), id).unwrap().approver_role;
    let holder = if approver_role == "ROLE-TM" {
        f.ids.ann
    } else {
        f.ids.bob
    };
    if approver_role == "ROLE-TM" || approver_role == "ROLE-SMSM" {
        approve_version(&mut f.p, ver.id, holder, "1.0", &keep(&ver.body)).unwrap();
    }
    // A Markdown file becomes editable text.
    let md = b"# Our change policy\n\nWe change things carefully.\n";
    attach_file(&mut f.p, id, "policy.md", md).unwrap();
    let d = document_view(f.p.conn(), "DOC-CHANGE-POLICY", today())
        .unwrap()
        .draft
        .unwrap();
    assert!(d.attachment.is_none());
    assert!(d.body.starts_with("# Our change policy"));
}

#[test]
fn the_firm_can_add_its_own_documents() {
    let mut f = firm();
    let new = NewOwnDocument {
        title: "Backup runbook".into(),
        kind: DocumentKind::Document,
        clause: "8.7.2".into(),
        owner_role: "ROLE-SMSM".into(),
        approver_role: "ROLE-TM".into(),
        review_months: 6,
    };
    let id = add_own_document(&mut f.p, &new).unwrap();
    assert!(
        add_own_document(
            &mut f.p,
            &NewOwnDocument {
                clause: "99".into(),
                ..new.clone()
            }
        )
        .is_err()
    );
    let reg = register(f.p.conn(), today()).unwrap();
    let own = reg.entries.iter().find(|e| e.key == "OWN-001").unwrap();
    assert_eq!(own.document_id, Some(id));
    assert_eq!(own.status, DocStatus::Draft);
    assert_eq!(own.group, "8");
    let v = document_view(f.p.conn(), "OWN-001", today()).unwrap();
    assert_eq!(v.review_months, 6);
    assert!(v.draft.unwrap().body.starts_with("# Backup runbook"));
}

/// The approver keeps every unresolved item of `body` explicitly (issue 17).
fn keep(body: &str) -> Vec<String> {
    ready20k_domain::documents::unresolved::distinct_texts(
        &ready20k_domain::documents::unresolved::unresolved_in(body),
    )
}
