//! The workspace's edits. Each stores one part (a section, a table, a field) in its own
//! transaction, so autosave writes little and a failure loses nothing else.

use super::{CommandError, CommandResult, ensure_writable, pick_file, with_store_mut};
use crate::AppState;
use dossier_core::model::{AttachmentKind, Block, TableRow};
use dossier_core::template::FieldKind;
use dossier_core::workspace;

#[tauri::command]
pub async fn save_section(
    state: tauri::State<'_, AppState>,
    id: i64,
    key: String,
    blocks: Vec<Block>,
) -> CommandResult<()> {
    with_store_mut(&state, |s| s.save_section(id, &key, &blocks))
}

#[tauri::command]
pub async fn save_table(
    state: tauri::State<'_, AppState>,
    id: i64,
    key: String,
    rows: Vec<TableRow>,
) -> CommandResult<()> {
    with_store_mut(&state, |s| s.save_table(id, &key, &rows))
}

/// Sets one front-matter field by path, from its text (dates as 2025-04-08, booleans 是/否).
#[tauri::command]
pub async fn set_field(
    state: tauri::State<'_, AppState>,
    id: i64,
    path: String,
    value: String,
) -> CommandResult<()> {
    with_store_mut(&state, |s| s.set_fields(id, &[(&path, &value)]))
}

/// What is wrong with a value as typed, by the same rule the checks apply; `null` when it fits.
#[tauri::command]
pub async fn value_problem(
    kind: FieldKind,
    value: String,
    options: Vec<String>,
) -> CommandResult<Option<String>> {
    Ok(workspace::value_problem(kind, &value, &options))
}

/// Takes the hourly snapshot when one is due; the window calls it when typing pauses.
#[tauri::command]
pub async fn snapshot_if_due(
    state: tauri::State<'_, AppState>,
    id: i64,
) -> CommandResult<Option<i64>> {
    with_store_mut(&state, |s| s.snapshot_if_due(id))
}

/// Asks for a file (native dialog; `$DOSSIER_PICK_FILE` in tests) and reads it.
async fn read_picked_file(app: &tauri::AppHandle) -> CommandResult<Option<(String, Vec<u8>)>> {
    let path = pick_file(
        app,
        "选择文件",
        "图片或 PDF",
        &["png", "jpg", "jpeg", "pdf"],
    );
    let Some(path) = path else { return Ok(None) };
    let data = std::fs::read(&path).map_err(|e| CommandError {
        code: dossier_core::ErrorCode::Io,
        message: format!(
            "无法读取文件 {}：{}",
            path.display(),
            dossier_core::error::describe_io(&e)
        ),
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "附件".into());
    Ok(Some((name, data)))
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
    let Some((name, data)) = read_picked_file(&app).await? else {
        return Ok(false);
    };
    with_store_mut(&state, |s| {
        let media = s.add_media(id, &name, data)?;
        let title = if title.trim().is_empty() {
            kind.label().to_string()
        } else {
            title
        };
        s.add_attachment(id, &title, kind, &media)?;
        Ok(true)
    })
}

#[tauri::command]
pub async fn remove_attachment(
    state: tauri::State<'_, AppState>,
    id: i64,
    position: usize,
) -> CommandResult<()> {
    with_store_mut(&state, |s| s.remove_attachment(id, position))
}

/// Removes item `index` of the dossier's unplaced content, once the user has moved it.
#[tauri::command]
pub async fn remove_unplaced(
    state: tauri::State<'_, AppState>,
    id: i64,
    index: usize,
) -> CommandResult<()> {
    with_store_mut(&state, |s| s.remove_unplaced(id, index))
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
    let Some((name, data)) = read_picked_file(&app).await? else {
        return Ok(None);
    };
    with_store_mut(&state, |s| s.add_media(id, &name, data).map(Some))
}
