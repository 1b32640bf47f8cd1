//! The start page: the dossiers in the store, new, example, duplicate, archive, open.

use super::{CommandResult, with_ctx};
use crate::AppState;
use dossier_core::app::{DossierSummary, DuplicateKeep, OpenedDossier, PilotType, Review};

/// The path of the store the window works on.
#[tauri::command]
pub async fn store_path(state: tauri::State<'_, AppState>) -> CommandResult<String> {
    with_ctx(&state, |c| Ok(c.store_path().display().to_string()))
}

/// Reviewer mode, when a bundle is open read-only (`--review FILE`); null otherwise.
#[tauri::command]
pub async fn session(state: tauri::State<'_, AppState>) -> CommandResult<Option<Review>> {
    with_ctx(&state, |c| Ok(c.review_info().cloned()))
}

/// The dossiers, most recently changed first.
#[tauri::command]
pub async fn list_dossiers(
    state: tauri::State<'_, AppState>,
    include_archived: bool,
) -> CommandResult<Vec<DossierSummary>> {
    with_ctx(&state, |c| c.list(include_archived))
}

/// A new, empty dossier of the pilot type; returns its id.
#[tauri::command]
pub async fn create_dossier(
    state: tauri::State<'_, AppState>,
    pilot_type: PilotType,
    title: String,
) -> CommandResult<i64> {
    with_ctx(&state, |c| c.create(pilot_type, &title))
}

/// Adds the hand-written example dossier; returns its id.
#[tauri::command]
pub async fn create_example(state: tauri::State<'_, AppState>) -> CommandResult<i64> {
    with_ctx(&state, |c| c.create_example())
}

/// Copies a dossier keeping what the user chose; returns the copy's id.
#[tauri::command]
pub async fn duplicate_dossier(
    state: tauri::State<'_, AppState>,
    id: i64,
    keep: DuplicateKeep,
) -> CommandResult<i64> {
    with_ctx(&state, |c| c.duplicate(id, keep))
}

/// Archives (hides) or restores a dossier.
#[tauri::command]
pub async fn set_archived(
    state: tauri::State<'_, AppState>,
    id: i64,
    archived: bool,
) -> CommandResult<()> {
    with_ctx(&state, |c| c.set_archived(id, archived))
}

/// A dossier with its template and findings.
#[tauri::command]
pub async fn open_dossier(
    state: tauri::State<'_, AppState>,
    id: i64,
) -> CommandResult<OpenedDossier> {
    with_ctx(&state, |c| c.open_dossier(id))
}
