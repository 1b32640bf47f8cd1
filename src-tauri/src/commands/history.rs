//! 版本与交接: snapshots (take, compare with now, restore whole or one section), the activity
//! history, and one-file bundles (export one; import one as a new dossier).

use super::{
    CommandError, CommandResult, ensure_writable, pick_file, pick_folder, with_store,
    with_store_mut,
};
use crate::AppState;
use dossier_core::diff::Comparison;
use dossier_core::store::{ActivityEntry, SnapshotInfo, SnapshotKind};

#[tauri::command]
pub async fn list_snapshots(
    state: tauri::State<'_, AppState>,
    id: i64,
) -> CommandResult<Vec<SnapshotInfo>> {
    with_store(&state, |s| s.snapshots(id))
}

#[tauri::command]
pub async fn take_snapshot(
    state: tauri::State<'_, AppState>,
    id: i64,
    name: String,
) -> CommandResult<i64> {
    with_store_mut(&state, |s| {
        let name = if name.trim().is_empty() {
            "手动保存".to_string()
        } else {
            name
        };
        s.take_snapshot(id, &name, SnapshotKind::Manual)
    })
}

/// What changed from a snapshot to the dossier as it is now.
#[tauri::command]
pub async fn compare_snapshot(
    state: tauri::State<'_, AppState>,
    id: i64,
    snapshot: i64,
) -> CommandResult<Comparison> {
    with_store(&state, |s| {
        Ok(dossier_core::diff::compare(
            &s.snapshot(id, snapshot)?,
            &s.load(id)?.dossier,
        ))
    })
}

/// Restores a snapshot (whole, or one section); returns the safety snapshot taken first.
#[tauri::command]
pub async fn restore_snapshot(
    state: tauri::State<'_, AppState>,
    id: i64,
    snapshot: i64,
    section: Option<String>,
) -> CommandResult<i64> {
    with_store_mut(&state, |s| {
        s.restore_snapshot(id, snapshot, section.as_deref())
    })
}

#[tauri::command]
pub async fn activity(
    state: tauri::State<'_, AppState>,
    id: i64,
) -> CommandResult<Vec<ActivityEntry>> {
    with_store(&state, |s| s.activity(id))
}

fn io_error(path: &std::path::Path, e: std::io::Error) -> CommandError {
    CommandError {
        code: dossier_core::ErrorCode::Io,
        message: format!(
            "无法读写 {}：{}",
            path.display(),
            dossier_core::error::describe_io(&e)
        ),
    }
}

/// Writes the dossier as a bundle into a folder the user picks (`$DOSSIER_EXPORT_DIR` in
/// tests); returns the file, or null when they cancelled.
#[tauri::command]
pub async fn export_bundle(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    id: i64,
    with_snapshots: bool,
) -> CommandResult<Option<String>> {
    let folder = pick_folder(&app, "选择保存申报书包的文件夹");
    let Some(folder) = folder else {
        return Ok(None);
    };
    with_store(&state, |s| {
        let bytes = dossier_core::bundle::write(s, id, with_snapshots)?;
        let d = s.load(id)?.dossier;
        let stem = dossier_core::export::file_stem(s, &d, false, false);
        let path = folder.join(format!("{stem}.{}", dossier_core::bundle::EXTENSION));
        dossier_core::fsutil::write_atomic(&path, &bytes)?;
        Ok(Some(path.display().to_string()))
    })
}

/// What replacing this dossier with a bundle would change: the user picks the bundle
/// (`$DOSSIER_PICK_FILE` in tests); returns its path and the differences, nothing written.
#[tauri::command]
pub async fn preview_bundle_replace(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    id: i64,
) -> CommandResult<Option<(String, Comparison)>> {
    ensure_writable(&state)?;
    let Some(path) = pick_bundle(&app) else {
        return Ok(None);
    };
    let bundle = read_bundle_at(&path)?;
    with_store(&state, |s| {
        let current = s.load(id)?.dossier;
        Ok(Some((
            path.display().to_string(),
            dossier_core::diff::compare(&current, &bundle.dossier),
        )))
    })
}

/// Replaces the dossier with the bundle at `file` (read and verified again), after a snapshot
/// of the present; returns that snapshot's id.
#[tauri::command]
pub async fn replace_from_bundle(
    state: tauri::State<'_, AppState>,
    id: i64,
    file: String,
) -> CommandResult<i64> {
    let path = std::path::PathBuf::from(&file);
    let bundle = read_bundle_at(&path)?;
    with_store_mut(&state, |s| {
        dossier_core::bundle::import_replacing(s, id, &bundle)
    })
}

/// Reads and verifies the bundle at `path`.
fn read_bundle_at(path: &std::path::Path) -> CommandResult<dossier_core::bundle::Bundle> {
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    Ok(dossier_core::bundle::read(
        &path.display().to_string(),
        &bytes,
    )?)
}

fn pick_bundle(app: &tauri::AppHandle) -> Option<std::path::PathBuf> {
    pick_file(
        app,
        "选择申报书包",
        "申报书包",
        &[dossier_core::bundle::EXTENSION],
    )
}

/// Imports a bundle the user picks (`$DOSSIER_PICK_FILE` in tests) as a new dossier; returns
/// its id, or null when they cancelled.
#[tauri::command]
pub async fn import_bundle(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
) -> CommandResult<Option<i64>> {
    ensure_writable(&state)?;
    let Some(path) = pick_bundle(&app) else {
        return Ok(None);
    };
    let bundle = read_bundle_at(&path)?;
    with_store_mut(&state, |s| {
        dossier_core::bundle::import_new(s, &bundle).map(Some)
    })
}

/// Writes a writer's copy (their parts marked, the rest read-only in it) into a folder the user
/// picks (`$DOSSIER_EXPORT_DIR` in tests); returns the file, or null when they cancelled.
#[tauri::command]
pub async fn hand_out_bundle(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    id: i64,
    parts: Vec<String>,
    writer: String,
) -> CommandResult<Option<String>> {
    ensure_writable(&state)?;
    let Some(folder) = pick_folder(&app, "选择保存分工副本的文件夹") else {
        return Ok(None);
    };
    with_store_mut(&state, |s| {
        let bytes = dossier_core::merge::hand_out(s, id, &parts, &writer)?;
        let d = s.load(id)?.dossier;
        let stem = dossier_core::export::file_stem(s, &d, false, false);
        let path = folder.join(format!(
            "{stem}（{}的分工副本）.{}",
            writer.trim(),
            dossier_core::bundle::EXTENSION
        ));
        dossier_core::fsutil::write_atomic(&path, &bytes)?;
        Ok(Some(path.display().to_string()))
    })
}

/// What merging a writer's copy the user picks (`$DOSSIER_PICK_FILE` in tests) would do; returns
/// its path and the plan, nothing written.
#[tauri::command]
pub async fn preview_merge(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    id: i64,
) -> CommandResult<Option<(String, dossier_core::merge::MergePlan)>> {
    ensure_writable(&state)?;
    let Some(path) = pick_bundle(&app) else {
        return Ok(None);
    };
    let bundle = read_bundle_at(&path)?;
    with_store(&state, |s| {
        Ok(Some((
            path.display().to_string(),
            dossier_core::merge::plan(s, id, &bundle.dossier)?,
        )))
    })
}

/// Merges the writer's copy at `file` (read and verified again) with the user's choice for each
/// conflict; snapshots first and records the merge in the history.
#[tauri::command]
pub async fn apply_merge(
    state: tauri::State<'_, AppState>,
    id: i64,
    file: String,
    resolutions: std::collections::BTreeMap<String, dossier_core::merge::Resolution>,
) -> CommandResult<dossier_core::merge::MergeOutcome> {
    let path = std::path::PathBuf::from(&file);
    let bundle = read_bundle_at(&path)?;
    let name = path
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    with_store_mut(&state, |s| {
        dossier_core::merge::apply(s, id, &bundle.dossier, &resolutions, &name)
    })
}

fn pick_word(app: &tauri::AppHandle) -> Option<std::path::PathBuf> {
    pick_file(app, "选择 Word 文件", "Word 文档", &["docx", "docm"])
}

/// Reads a Word file the user picks (`$DOSSIER_PICK_FILE` in tests) — 附件3 filled in Word or
/// WPS, or our own export — as a new dossier; returns its id and the import report, or null when
/// they cancelled.
#[tauri::command]
pub async fn import_docx(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
) -> CommandResult<Option<(i64, dossier_core::wordimport::ImportReport)>> {
    ensure_writable(&state)?;
    let Some(path) = pick_word(&app) else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path).map_err(|e| io_error(&path, e))?;
    let name = path.display().to_string();
    with_store_mut(&state, |s| {
        dossier_core::wordimport::import_new(s, &name, &bytes, None).map(Some)
    })
}

/// What bringing a Word file the user picks onto this dossier would change; returns its path and
/// the differences, nothing written.
#[tauri::command]
pub async fn preview_docx_onto(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    id: i64,
) -> CommandResult<Option<(String, Comparison)>> {
    ensure_writable(&state)?;
    let Some(path) = pick_word(&app) else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path).map_err(|e| io_error(&path, e))?;
    let name = path.display().to_string();
    with_store(&state, |s| {
        let (_, comparison, _) = dossier_core::wordimport::preview_onto(s, id, &name, &bytes)?;
        Ok(Some((name.clone(), comparison)))
    })
}

/// Brings the Word file at `file` onto this dossier after a snapshot; returns that snapshot's id.
#[tauri::command]
pub async fn apply_docx_onto(
    state: tauri::State<'_, AppState>,
    id: i64,
    file: String,
) -> CommandResult<i64> {
    let path = std::path::PathBuf::from(&file);
    let bytes = std::fs::read(&path).map_err(|e| io_error(&path, e))?;
    with_store_mut(&state, |s| {
        dossier_core::wordimport::import_onto(s, id, &file, &bytes)
    })
}
