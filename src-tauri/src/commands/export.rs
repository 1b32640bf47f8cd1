//! The export dialog and the preview: choose a folder, write the chosen files with progress,
//! open the folder; the preview is the electronic copy itself, as PDF bytes.

use super::{CommandError, CommandResult, pick_folder, with_ctx};
use crate::AppState;
use dossier_core::app::{ExportChoice, ExportOutcome, ExportProgress};
use tauri::ipc::{Channel, Response};
use tauri_plugin_opener::OpenerExt;

/// The folder to export into: the native folder dialog (`$DOSSIER_EXPORT_DIR` in tests); null
/// when the user cancelled.
#[tauri::command]
pub async fn choose_folder(app: tauri::AppHandle) -> CommandResult<Option<String>> {
    Ok(pick_folder(&app, "选择导出文件夹").map(|p| p.display().to_string()))
}

#[tauri::command]
pub async fn export_dossier(
    state: tauri::State<'_, AppState>,
    id: i64,
    choice: ExportChoice,
    folder: String,
    progress: Channel<ExportProgress>,
) -> CommandResult<ExportOutcome> {
    // The context is held only to prepare (checks, snapshot, a copy of the dossier) and to
    // record the export after: laying out and writing run without it, so saves go on meanwhile.
    let prepared = with_ctx(&state, |c| {
        c.export_prepare(id, &choice.request(folder.into())?)
    })?;
    let outcome = prepared
        .write(&mut |p| {
            // A closed channel (the dialog went away) must not stop the export.
            let _ = progress.send(p);
        })
        .map_err(CommandError::from)?;
    with_ctx(&state, |c| c.export_finish(&prepared, &outcome.files))?;
    Ok(outcome)
}

/// Opens a folder in the system's file manager.
#[tauri::command]
pub async fn open_folder(app: tauri::AppHandle, path: String) -> CommandResult<()> {
    app.opener()
        .open_path(path, None::<&str>)
        .map_err(|e| CommandError {
            code: dossier_core::ErrorCode::OpenFolder,
            message: format!("无法打开文件夹：{e}"),
        })
}

/// The electronic copy (marked 草稿) as PDF bytes, for the preview pane.
#[tauri::command]
pub async fn preview_pdf(state: tauri::State<'_, AppState>, id: i64) -> CommandResult<Response> {
    // Read under the context, drawn after it is released.
    let source = with_ctx(&state, |c| c.preview_source(id))?;
    source
        .render()
        .map(Response::new)
        .map_err(CommandError::from)
}
