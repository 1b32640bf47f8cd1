//! Thin Tauri commands over the core. Errors cross to the UI as `{code, message}`: a stable code
//! to match on and a Chinese message to show.

use crate::AppState;
use dossier_core::CoreError;
use dossier_core::model::DossierSummary;
use dossier_core::store::Store;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct CommandError {
    pub code: String,
    pub message: String,
}

impl From<CoreError> for CommandError {
    fn from(e: CoreError) -> Self {
        CommandError {
            code: e.code().to_string(),
            message: e.to_string(),
        }
    }
}

type CommandResult<T> = Result<T, CommandError>;

fn with_store<T>(
    state: &tauri::State<'_, AppState>,
    f: impl FnOnce(&mut Store) -> dossier_core::Result<T>,
) -> CommandResult<T> {
    let mut guard = state.store.lock().map_err(|_| CommandError {
        code: "internal".into(),
        message: "内部错误：数据文件的访问锁已损坏，请重新启动程序".into(),
    })?;
    match guard.as_mut() {
        Ok(store) => f(store).map_err(CommandError::from),
        Err(e) => Err(e.clone()),
    }
}

/// The path of the store the window works on.
#[tauri::command]
pub fn store_path(state: tauri::State<'_, AppState>) -> CommandResult<String> {
    with_store(&state, |s| Ok(s.path().display().to_string()))
}

/// The dossiers, most recently changed first.
#[tauri::command]
pub fn list_dossiers(
    state: tauri::State<'_, AppState>,
    include_archived: bool,
) -> CommandResult<Vec<DossierSummary>> {
    with_store(&state, |s| s.list(include_archived))
}

/// Adds the hand-written example dossier; returns its id.
#[tauri::command]
pub fn create_example(state: tauri::State<'_, AppState>) -> CommandResult<i64> {
    with_store(&state, |s| s.insert(&dossier_core::sample::example()?))
}
