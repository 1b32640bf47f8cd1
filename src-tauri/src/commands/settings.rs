//! The settings screen: where the store is, the fonts, the call's settings (deadline, quotas:
//! kept in the store, overriding the shipped call.toml).

use super::{CommandResult, with_ctx};
use crate::AppState;
use dossier_core::app::{AppInfo, CallSetting};

/// The call settings the user may change (deadline, quotas), with their current values.
#[tauri::command]
pub async fn call_settings(state: tauri::State<'_, AppState>) -> CommandResult<Vec<CallSetting>> {
    with_ctx(&state, |c| Ok(c.call_settings()))
}

/// Changes one call setting for this store; empty clears it.
#[tauri::command]
pub async fn set_call_setting(
    state: tauri::State<'_, AppState>,
    key: String,
    value: String,
) -> CommandResult<Vec<CallSetting>> {
    with_ctx(&state, |c| c.set_call_setting(&key, &value))
}

#[tauri::command]
pub async fn app_info(state: tauri::State<'_, AppState>) -> CommandResult<AppInfo> {
    with_ctx(&state, |c| Ok(c.app_info()))
}
