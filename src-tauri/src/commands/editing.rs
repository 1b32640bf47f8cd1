//! The workspace's edits: a section, a table, a field, attachments and pictures, unplaced content.

use super::{CommandResult, ensure_writable, pick_file, with_ctx};
use crate::AppState;
use dossier_core::app::{self, AttachmentKind, Block, FieldKind, TableRow};

#[tauri::command]
pub async fn save_section(
    state: tauri::State<'_, AppState>,
    id: i64,
    key: String,
    blocks: Vec<Block>,
) -> CommandResult<()> {
    with_ctx(&state, |c| c.save_section(id, &key, &blocks))
}

#[tauri::command]
pub async fn save_table(
    state: tauri::State<'_, AppState>,
    id: i64,
    key: String,
    rows: Vec<TableRow>,
) -> CommandResult<()> {
    with_ctx(&state, |c| c.save_table(id, &key, &rows))
}

/// Sets one front-matter field by path, from its text (dates as 2025-04-08, booleans 是/否).
#[tauri::command]
pub async fn set_field(
    state: tauri::State<'_, AppState>,
    id: i64,
    path: String,
    value: String,
) -> CommandResult<()> {
    with_ctx(&state, |c| c.set_fields(id, &[(&path, &value)]))
}

/// What is wrong with a value as typed, by the same rule the checks apply; `null` when it fits.
#[tauri::command]
pub async fn value_problem(
    kind: FieldKind,
    value: String,
    options: Vec<String>,
) -> CommandResult<Option<String>> {
    Ok(app::value_problem(kind, &value, &options))
}

/// Takes the hourly snapshot when one is due; the window calls it when typing pauses.
#[tauri::command]
pub async fn snapshot_if_due(
    state: tauri::State<'_, AppState>,
    id: i64,
) -> CommandResult<Option<i64>> {
    with_ctx(&state, |c| c.snapshot_if_due(id))
}

fn pick_picture(app: &tauri::AppHandle) -> Option<std::path::PathBuf> {
    pick_file(
        app,
        "选择文件",
        "图片或 PDF",
        &["png", "jpg", "jpeg", "pdf"],
    )
}

/// Adds an attachment from a file the user picks; returns false when they cancelled.
#[tauri::command]
pub async fn add_attachment(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    id: i64,
    kind: AttachmentKind,
    title: String,
) -> CommandResult<bool> {
    ensure_writable(&state)?;
    let Some(path) = pick_picture(&app) else {
        return Ok(false);
    };
    with_ctx(&state, |c| c.add_attachment(id, &path, kind, &title))?;
    Ok(true)
}

#[tauri::command]
pub async fn remove_attachment(
    state: tauri::State<'_, AppState>,
    id: i64,
    position: usize,
) -> CommandResult<()> {
    with_ctx(&state, |c| c.remove_attachment(id, position))
}

/// Removes item `index` of the dossier's unplaced content, once the user has moved it.
#[tauri::command]
pub async fn remove_unplaced(
    state: tauri::State<'_, AppState>,
    id: i64,
    index: usize,
) -> CommandResult<()> {
    with_ctx(&state, |c| c.remove_unplaced(id, index))
}

/// Adds a picture for an image block from a file the user picks; returns its media id, or
/// null when they cancelled.
#[tauri::command]
pub async fn add_image(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    id: i64,
) -> CommandResult<Option<String>> {
    ensure_writable(&state)?;
    let Some(path) = pick_picture(&app) else {
        return Ok(None);
    };
    with_ctx(&state, |c| c.add_image(id, &path)).map(Some)
}
