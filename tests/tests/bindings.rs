//! The front end's TypeScript types are generated from the Rust types that cross the Tauri
//! boundary (ts-rs), never hand-copied. This test regenerates them and fails when the committed
//! copies in `ui/src/bindings/` differ; `UPDATE_BINDINGS=1 cargo test -p dossier-tests --test
//! bindings` rewrites them.

use dossier_core::app::{
    ActivityEntry, AppInfo, BackupInfo, CallSetting, Comparison, DossierSummary, DuplicateKeep,
    ExportChoice, ExportFormat, ExportOutcome, ExportProgress, FontInfo, MigrationReport,
    OpenedDossier, PilotType, Report, SnapshotInfo, Summary,
};
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
    AppInfo::export_all(&cfg).unwrap();
    dossier_core::app::Review::export_all(&cfg).unwrap();
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

/// The commands the UI may call (`Command` in `ui/src/api.ts`) are exactly those the shell
/// registers, and the UI invokes nothing by a name outside that type.
#[test]
fn the_ui_calls_exactly_the_commands_the_shell_registers() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let main = std::fs::read_to_string(root.join("src-tauri/src/main.rs")).unwrap();
    let start = main
        .find("generate_handler![")
        .expect("the shell's command list");
    let end = start + main[start..].find(']').unwrap();
    let registered: std::collections::BTreeSet<String> = main[start..end]
        .split("commands::")
        .skip(1)
        .filter_map(|s| s.split("::").nth(1))
        .map(|s| s.trim_end_matches([',', '\n', ' ']).trim().to_string())
        .map(|s| {
            s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    let api = std::fs::read_to_string(root.join("ui/src/api.ts")).unwrap();
    let union_start = api.find("export type Command =").expect("the Command type");
    let union_end = union_start + api[union_start..].find(';').unwrap();
    let typed: std::collections::BTreeSet<String> = api[union_start..union_end]
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    assert!(registered.len() > 40, "{registered:?}");
    assert_eq!(
        typed, registered,
        "ui/src/api.ts's Command type and the shell's commands differ"
    );
    // Only `call` invokes, and only with a `Command`.
    let invokes = api.matches("invoke<").count() + api.matches("invoke(").count();
    assert_eq!(invokes, 1, "invoke used outside `call`");
    for file in [
        "ui/src/App.vue",
        "ui/src/components",
        "ui/src/editor",
        "ui/src/state",
    ] {
        let path = root.join(file);
        let files: Vec<PathBuf> = if path.is_dir() {
            std::fs::read_dir(&path)
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .collect()
        } else {
            vec![path]
        };
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            assert!(
                !text.contains("invoke("),
                "{} invokes a command itself",
                f.display()
            );
        }
    }
}

/// The arguments each shell command takes, by name (camelCase, as Tauri expects them from the
/// window), read from `src-tauri/src/commands/`: what the window itself supplies (the app handle,
/// the state) left out.
fn shell_arguments() -> BTreeMap<String, Vec<String>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/src/commands");
    let camel = |s: &str| {
        let mut out = String::new();
        let mut upper = false;
        for c in s.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                out.extend(c.to_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    };
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for item in text.split("#[tauri::command]").skip(1) {
            let sig = item.split_once("pub async fn ").unwrap().1;
            let (name, rest) = sig.split_once('(').unwrap();
            let params = &rest[..rest.find(") ->").unwrap()];
            let args = params
                .split(',')
                .filter_map(|p| p.split_once(':'))
                .map(|(n, ty)| (n.trim(), ty.trim()))
                .filter(|(_, ty)| {
                    !ty.starts_with("tauri::State") && !ty.starts_with("tauri::AppHandle")
                })
                .map(|(n, _)| camel(n))
                .collect();
            out.insert(name.trim().to_string(), args);
        }
    }
    out
}

#[test]
fn the_ui_passes_each_command_the_arguments_it_takes() {
    let shell = shell_arguments();
    assert!(shell.len() > 40, "{shell:?}");
    assert_eq!(shell["list_dossiers"], ["includeArchived"]);
    let api =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api.ts"))
            .unwrap();
    let mut seen = BTreeMap::new();
    // Every `call<…>("name")` or `call<…>("name", { a, b })` in the api object.
    for piece in api.split("call<").skip(1) {
        let Some((_, after)) = piece.split_once(">(\"") else {
            continue;
        };
        let (name, rest) = after.split_once('"').unwrap();
        let args: Vec<String> = match rest.trim_start().strip_prefix(", {") {
            Some(obj) => obj[..obj.find('}').unwrap()]
                .split(',')
                .map(|a| a.split(':').next().unwrap().trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
            None => Vec::new(),
        };
        seen.insert(name.to_string(), args);
    }
    for (name, args) in &shell {
        let mut want = args.clone();
        want.sort();
        let mut got = seen
            .get(name)
            .unwrap_or_else(|| panic!("ui/src/api.ts never calls {name}"))
            .clone();
        got.sort();
        assert_eq!(got, want, "the arguments the UI passes to {name}");
    }
}
