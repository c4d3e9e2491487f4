//! Drift check for the TypeScript bindings in `ui/src/lib/bindings`.
//!
//! Every type that crosses the Tauri bridge is exported here with ts-rs into a temporary
//! directory and compared with the committed files. Run with `UPDATE_BINDINGS=1` to rewrite
//! them after changing a type (`make bindings`).
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings")
}

/// Exports every bridged type (and what it depends on) into `dir`.
fn export_all(dir: &Path) {
    use ready20k_domain::{ErrorPayload, project};
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    macro_rules! export {
        ($($t:ty),* $(,)?) => { $( <$t as TS>::export_all(&cfg).unwrap(); )* };
    }
    export!(
        ready20k_domain::dossier::DossierPack,
        ready20k_domain::dossier::DossierSaved,
    );
    export!(ready20k_domain::overview::OverviewView);
    export!(
        ready20k_domain::transfer::FileSaved,
        ready20k_domain::transfer::ImportOutcome,
        ready20k_domain::transfer::BackupsView,
    );
    export!(ready20k_domain::roadmap::Roadmap);
    export!(
        ErrorPayload,
        project::ProjectInfo,
        project::RecentProject,
        project::StartInfo
    );
    {
        use ready20k_domain::wizard::{self, csv, suggest, view};
        export!(
            view::WizardView,
            view::PersonRemoved,
            csv::ImportPreview,
            suggest::RoleSuggestion,
            wizard::FirmProfile,
            wizard::ContextItem,
            wizard::InterestedParty,
            wizard::ClimateDecision,
            wizard::Service,
            wizard::OtherParty,
            wizard::Person,
            wizard::RoleAssignment,
            wizard::SodMitigation,
            wizard::StepId,
            wizard::IssueKind,
            wizard::FieldError,
        );
    }
    {
        use ready20k_domain::assessment as a;
        export!(
            a::AssessmentView,
            a::AnswerSaved,
            a::ScorecardView,
            a::Comparison,
            a::AnswerRecord,
            a::NewEvidence,
            a::Action,
            a::EvidenceKind,
        );
    }
    {
        use ready20k_domain::documents as d;
        export!(
            d::Register,
            d::DocumentView,
            d::SavedDraft,
            d::Preview,
            d::TextDiffResult,
            d::NewOwnDocument,
            d::RefusalCode,
            d::DocStatus,
            d::export::DocFormat,
            d::export::DocumentsExported,
        );
    }
    {
        use ready20k_domain::{risks as r, screens as s, suppliers as su};
        export!(
            s::RiskScreen,
            s::SupplierScreen,
            s::CalendarScreen,
            r::Risk,
            r::RiskCriteria,
            su::Agreement,
            su::SupplierReview,
            su::Dispute,
        );
    }
    {
        use ready20k_domain::objectives as o;
        use ready20k_domain::records as r;
        export!(
            r::RecordsView,
            r::ImportPreview,
            r::ImportDone,
            r::PickedExport,
            r::Attainment,
            r::IncidentReview,
            r::ParsedSla,
            r::BusinessHours,
            r::ServiceLevels,
            r::ServiceReportsView,
            o::ObjectivesView,
            o::ObjectiveInput,
            o::KpiInput,
        );
    }
    {
        use ready20k_domain::guide as g;
        export!(g::ClauseGuide, g::PaletteHit, g::ScreenEntry);
    }
    {
        use ready20k_domain::reviews as rv;
        export!(rv::ReviewsScreen, rv::ReviewDetail, rv::ReviewEdit);
    }
    {
        use ready20k_domain::audits as au;
        export!(
            au::ProgrammeView,
            au::AuditView,
            au::Audit,
            au::AuditLine,
            au::LineInput,
            au::NcSaved,
            au::Nonconformity,
        );
    }
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".ts") {
                files.insert(name, std::fs::read_to_string(e.path()).unwrap());
            }
        }
    }
    files
}

#[test]
fn bindings_match_committed_files() {
    let tmp = tempfile::tempdir().unwrap();
    export_all(tmp.path());
    let fresh = read_dir(tmp.path());
    assert!(fresh.len() >= 4, "export produced {} files", fresh.len());
    let committed_dir = committed_dir();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        for name in read_dir(&committed_dir).keys() {
            std::fs::remove_file(committed_dir.join(name)).unwrap();
        }
        std::fs::create_dir_all(&committed_dir).unwrap();
        for (name, text) in &fresh {
            std::fs::write(committed_dir.join(name), text).unwrap();
        }
        return;
    }
    let committed = read_dir(&committed_dir);
    let stale: Vec<_> = fresh
        .iter()
        .filter(|(name, text)| committed.get(*name) != Some(text))
        .map(|(name, _)| name.as_str())
        .chain(
            committed
                .keys()
                .filter(|n| !fresh.contains_key(*n))
                .map(String::as_str),
        )
        .collect();
    assert!(
        stale.is_empty(),
        "TypeScript bindings drifted from the Rust types: {stale:?}. Run `make bindings` and commit."
    );
}
