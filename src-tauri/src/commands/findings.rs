//! The findings panel: a fresh check, acknowledging warnings, the submission mark.

use super::{CommandResult, with_ctx};
use crate::AppState;
use dossier_core::app::Report;

#[tauri::command]
pub async fn check_dossier(state: tauri::State<'_, AppState>, id: i64) -> CommandResult<Report> {
    with_ctx(&state, |c| c.check(id))
}

/// Accepts a warning with a reason (errors cannot be acknowledged: the core refuses).
#[tauri::command]
pub async fn acknowledge(
    state: tauri::State<'_, AppState>,
    id: i64,
    rule: String,
    anchor: String,
    reason: String,
) -> CommandResult<()> {
    with_ctx(&state, |c| c.acknowledge(id, &rule, &anchor, &reason))
}

#[tauri::command]
pub async fn unacknowledge(
    state: tauri::State<'_, AppState>,
    id: i64,
    rule: String,
    anchor: String,
) -> CommandResult<()> {
    with_ctx(&state, |c| c.unacknowledge(id, &rule, &anchor))
}

#[tauri::command]
pub async fn set_for_submission(
    state: tauri::State<'_, AppState>,
    id: i64,
    value: bool,
) -> CommandResult<()> {
    with_ctx(&state, |c| c.set_for_submission(id, value))
}
