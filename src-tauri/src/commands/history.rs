//! 版本与交接: snapshots (take, compare with now, restore whole or one section), the activity
//! history, one-file bundles (export one; import one as a new dossier; replace from one),
//! writers' copies (hand out, merge back) and Word files (import, bring onto a dossier).

use super::{CommandResult, ensure_writable, pick_file, pick_folder, with_ctx};
use crate::AppState;
use dossier_core::app::exchange::Destination;
use dossier_core::app::{
    ActivityEntry, Anchor, Comparison, ImportReport, MergeOutcome, MergePlan, Resolution,
    SnapshotInfo, Version,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[tauri::command]
pub async fn list_snapshots(
    state: tauri::State<'_, AppState>,
    id: i64,
) -> CommandResult<Vec<SnapshotInfo>> {
    with_ctx(&state, |c| c.snapshots(id))
}

#[tauri::command]
pub async fn take_snapshot(
    state: tauri::State<'_, AppState>,
    id: i64,
    name: String,
) -> CommandResult<i64> {
    with_ctx(&state, |c| c.take_snapshot(id, &name))
}

/// What changed from a snapshot to the dossier as it is now.
#[tauri::command]
pub async fn compare_snapshot(
    state: tauri::State<'_, AppState>,
    id: i64,
    snapshot: i64,
) -> CommandResult<Comparison> {
    with_ctx(&state, |c| {
        c.compare(id, Version::Snapshot(snapshot), Version::Current)
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
    with_ctx(&state, |c| {
        c.restore_snapshot(id, snapshot, section.as_deref())
    })
}

#[tauri::command]
pub async fn activity(
    state: tauri::State<'_, AppState>,
    id: i64,
) -> CommandResult<Vec<ActivityEntry>> {
    with_ctx(&state, |c| c.activity(id))
}

fn shown(path: PathBuf) -> String {
    path.display().to_string()
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
    let Some(folder) = pick_folder(&app, "选择保存申报书包的文件夹") else {
        return Ok(None);
    };
    with_ctx(&state, |c| {
        c.export_bundle(id, with_snapshots, Destination::Folder(folder))
    })
    .map(|p| Some(shown(p)))
}

fn pick_bundle(app: &tauri::AppHandle) -> Option<PathBuf> {
    pick_file(
        app,
        "选择申报书包",
        "申报书包",
        &[dossier_core::app::BUNDLE_EXTENSION],
    )
}

fn pick_word(app: &tauri::AppHandle) -> Option<PathBuf> {
    pick_file(app, "选择 Word 文件", "Word 文档", &["docx", "docm"])
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
    let comparison = with_ctx(&state, |c| c.preview_bundle_replace(id, &path))?;
    Ok(Some((shown(path), comparison)))
}

/// Replaces the dossier with the bundle at `file` (read and verified again), after a snapshot
/// of the present; returns that snapshot's id.
#[tauri::command]
pub async fn replace_from_bundle(
    state: tauri::State<'_, AppState>,
    id: i64,
    file: String,
) -> CommandResult<i64> {
    with_ctx(&state, |c| c.replace_from_bundle(id, Path::new(&file)))
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
    with_ctx(&state, |c| c.import_bundle(&path)).map(Some)
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
    with_ctx(&state, |c| {
        c.hand_out(id, &parts, &writer, Destination::Folder(folder))
    })
    .map(|p| Some(shown(p)))
}

/// What merging a writer's copy the user picks (`$DOSSIER_PICK_FILE` in tests) would do; returns
/// its path and the plan, nothing written.
#[tauri::command]
pub async fn preview_merge(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    id: i64,
) -> CommandResult<Option<(String, MergePlan)>> {
    ensure_writable(&state)?;
    let Some(path) = pick_bundle(&app) else {
        return Ok(None);
    };
    let plan = with_ctx(&state, |c| c.preview_merge(id, &path))?;
    Ok(Some((shown(path), plan)))
}

/// Merges the writer's copy at `file` (read and verified again) with the user's choice for each
/// conflict; snapshots first and records the merge in the history.
#[tauri::command]
pub async fn apply_merge(
    state: tauri::State<'_, AppState>,
    id: i64,
    file: String,
    resolutions: BTreeMap<Anchor, Resolution>,
) -> CommandResult<MergeOutcome> {
    with_ctx(&state, |c| {
        c.apply_merge(id, Path::new(&file), &resolutions)
    })
}

/// Reads a Word file the user picks (`$DOSSIER_PICK_FILE` in tests) — 附件3 filled in Word or
/// WPS, or our own export — as a new dossier; returns its id and the import report, or null when
/// they cancelled.
#[tauri::command]
pub async fn import_docx(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
) -> CommandResult<Option<(i64, ImportReport)>> {
    ensure_writable(&state)?;
    let Some(path) = pick_word(&app) else {
        return Ok(None);
    };
    with_ctx(&state, |c| c.import_docx(&path, None)).map(Some)
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
    let (comparison, _) = with_ctx(&state, |c| c.preview_docx_onto(id, &path))?;
    Ok(Some((shown(path), comparison)))
}

/// Brings the Word file at `file` onto this dossier after a snapshot; returns that snapshot's id.
#[tauri::command]
pub async fn apply_docx_onto(
    state: tauri::State<'_, AppState>,
    id: i64,
    file: String,
) -> CommandResult<i64> {
    with_ctx(&state, |c| c.apply_docx_onto(id, Path::new(&file)))
}
