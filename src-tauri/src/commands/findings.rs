//! The findings panel: a fresh check, acknowledging warnings, the submission mark.

use super::{CommandResult, today, with_store, with_store_mut};
use crate::AppState;
use dossier_core::checks::Report;
use dossier_core::workspace;

#[tauri::command]
pub async fn check_dossier(state: tauri::State<'_, AppState>, id: i64) -> CommandResult<Report> {
    with_store(&state, |s| workspace::check(s, id, today()))
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
    with_store_mut(&state, |s| {
        s.acknowledge(id, &rule, &anchor, &reason, today())
    })
}

#[tauri::command]
pub async fn unacknowledge(
    state: tauri::State<'_, AppState>,
    id: i64,
    rule: String,
    anchor: String,
) -> CommandResult<()> {
    with_store_mut(&state, |s| s.unacknowledge(id, &rule, &anchor))
}

#[tauri::command]
pub async fn set_for_submission(
    state: tauri::State<'_, AppState>,
    id: i64,
    value: bool,
) -> CommandResult<()> {
    with_store_mut(&state, |s| s.set_for_submission(id, value))
}
