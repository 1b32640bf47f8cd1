//! The start page: the dossiers in the store, new, example, duplicate, archive, open.

use super::Review;
use super::{CommandResult, today, with_store, with_store_mut};
use crate::AppState;
use dossier_core::model::{DossierSummary, PilotType};
use dossier_core::store::DuplicateKeep;
use dossier_core::workspace::{self, OpenedDossier};

/// The path of the store the window works on.
#[tauri::command]
pub async fn store_path(state: tauri::State<'_, AppState>) -> CommandResult<String> {
    with_store(&state, |s| Ok(s.path().display().to_string()))
}

/// Reviewer mode, when a bundle is open read-only (`--review FILE`); null otherwise.
#[tauri::command]
pub async fn session(state: tauri::State<'_, AppState>) -> CommandResult<Option<Review>> {
    Ok(state.review.clone())
}

/// The dossiers, most recently changed first.
#[tauri::command]
pub async fn list_dossiers(
    state: tauri::State<'_, AppState>,
    include_archived: bool,
) -> CommandResult<Vec<DossierSummary>> {
    with_store(&state, |s| s.list(include_archived))
}

/// A new, empty dossier of the pilot type; returns its id.
#[tauri::command]
pub async fn create_dossier(
    state: tauri::State<'_, AppState>,
    pilot_type: PilotType,
    title: String,
) -> CommandResult<i64> {
    with_store_mut(&state, |s| workspace::create(s, pilot_type, &title))
}

/// Adds the hand-written example dossier; returns its id.
#[tauri::command]
pub async fn create_example(state: tauri::State<'_, AppState>) -> CommandResult<i64> {
    with_store_mut(&state, |s| s.insert(&dossier_core::sample::example()?))
}

/// Copies a dossier keeping what the user chose; returns the copy's id.
#[tauri::command]
pub async fn duplicate_dossier(
    state: tauri::State<'_, AppState>,
    id: i64,
    keep: DuplicateKeep,
) -> CommandResult<i64> {
    with_store_mut(&state, |s| s.duplicate(id, keep))
}

/// Archives (hides) or restores a dossier.
#[tauri::command]
pub async fn set_archived(
    state: tauri::State<'_, AppState>,
    id: i64,
    archived: bool,
) -> CommandResult<()> {
    with_store_mut(&state, |s| s.set_archived(id, archived))
}

/// A dossier with its template and findings.
#[tauri::command]
pub async fn open_dossier(
    state: tauri::State<'_, AppState>,
    id: i64,
) -> CommandResult<OpenedDossier> {
    with_store(&state, |s| workspace::open(s, id, today()))
}
