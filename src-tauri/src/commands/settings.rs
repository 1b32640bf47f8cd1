//! The settings screen: where the store is, the fonts, the call's settings (deadline, quotas:
//! kept in the store, overriding the shipped call.toml).

use super::{CommandResult, with_store, with_store_mut};
use crate::AppState;
use dossier_core::store::CallSetting;
use dossier_core::workspace::{self, FontInfo};
use serde::Serialize;

/// What the settings screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    pub store_path: String,
    pub fonts: Vec<FontInfo>,
    pub paper_copies: u32,
    pub version: String,
}

/// The call settings the user may change (deadline, quotas), with their current values.
#[tauri::command]
pub async fn call_settings(state: tauri::State<'_, AppState>) -> CommandResult<Vec<CallSetting>> {
    with_store(&state, |s| Ok(s.call_settings()))
}

/// Changes one call setting for this store; empty clears it.
#[tauri::command]
pub async fn set_call_setting(
    state: tauri::State<'_, AppState>,
    key: String,
    value: String,
) -> CommandResult<Vec<CallSetting>> {
    with_store_mut(&state, |s| {
        s.set_call_setting(&key, &value)?;
        Ok(s.call_settings())
    })
}

#[tauri::command]
pub async fn app_info(state: tauri::State<'_, AppState>) -> CommandResult<AppInfo> {
    with_store(&state, |s| {
        let call = &s.registry().settings.call;
        Ok(AppInfo {
            store_path: s.path().display().to_string(),
            fonts: workspace::fonts(),
            paper_copies: call.paper_copies,
            version: env!("CARGO_PKG_VERSION").to_string(),
        })
    })
}
