//! The front end's TypeScript types are generated from the Rust types that cross the Tauri
//! boundary (ts-rs), never hand-copied. This test regenerates them and fails when the committed
//! copies in `ui/src/bindings/` differ; `UPDATE_BINDINGS=1 cargo test -p dossier-tests --test
//! bindings` rewrites them.

use dossier_core::checks::Report;
use dossier_core::diff::Comparison;
use dossier_core::export::{ExportFormat, ExportProgress};
use dossier_core::migrate::MigrationReport;
use dossier_core::model::{DossierSummary, PilotType};
use dossier_core::store::backup::BackupInfo;
use dossier_core::store::{ActivityEntry, CallSetting, DuplicateKeep, SnapshotInfo};
use dossier_core::summary::Summary;
use dossier_core::workspace::{ExportChoice, ExportOutcome, FontInfo, OpenedDossier};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::{Config, TS};

fn generate(dir: &Path) {
    // i64 ids and u64 sizes fit a JavaScript number; Tauri sends them as JSON numbers.
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    OpenedDossier::export_all(&cfg).unwrap();
    DossierSummary::export_all(&cfg).unwrap();
    PilotType::export_all(&cfg).unwrap();
    Report::export_all(&cfg).unwrap();
    ExportChoice::export_all(&cfg).unwrap();
    ExportOutcome::export_all(&cfg).unwrap();
    ExportProgress::export_all(&cfg).unwrap();
    ExportFormat::export_all(&cfg).unwrap();
    FontInfo::export_all(&cfg).unwrap();
    DuplicateKeep::export_all(&cfg).unwrap();
    SnapshotInfo::export_all(&cfg).unwrap();
    CallSetting::export_all(&cfg).unwrap();
    ActivityEntry::export_all(&cfg).unwrap();
    Comparison::export_all(&cfg).unwrap();
    Summary::export_all(&cfg).unwrap();
    MigrationReport::export_all(&cfg).unwrap();
    BackupInfo::export_all(&cfg).unwrap();
    dossier_core::package::PackageOutcome::export_all(&cfg).unwrap();
    dossier_core::merge::MergePlan::export_all(&cfg).unwrap();
    dossier_core::merge::MergeOutcome::export_all(&cfg).unwrap();
    dossier_core::merge::Resolution::export_all(&cfg).unwrap();
    dossier_core::wordimport::ImportReport::export_all(&cfg).unwrap();
    dossier_core::ErrorCode::export_all(&cfg).unwrap();
}

fn files(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read_to_string(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn typescript_bindings_match_the_rust_types() {
    let committed_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings");
    let fresh = tempfile::tempdir().unwrap();
    generate(fresh.path());
    let generated = files(fresh.path());
    assert!(generated.contains_key("OpenedDossier.ts") && generated.len() > 20);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        std::fs::create_dir_all(&committed_dir).unwrap();
        for (name, text) in &generated {
            std::fs::write(committed_dir.join(name), text).unwrap();
        }
    }
    let committed = files(&committed_dir);
    let stale: Vec<_> = generated
        .keys()
        .chain(committed.keys())
        .filter(|k| generated.get(*k) != committed.get(*k))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/bindings is out of date for {stale:?}; run UPDATE_BINDINGS=1 cargo test -p dossier-tests --test bindings"
    );
}
