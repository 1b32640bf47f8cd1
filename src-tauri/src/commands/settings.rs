//! The settings screen: where the store is, the fonts, the call's settings.

use super::{CommandResult, with_store};
use crate::AppState;
use dossier_core::workspace::{self, FontInfo};
use serde::Serialize;

/// What the settings screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    pub store_path: String,
    pub fonts: Vec<FontInfo>,
    pub deadline: Option<String>,
    pub paper_copies: u32,
    pub version: String,
}

#[tauri::command]
pub async fn app_info(state: tauri::State<'_, AppState>) -> CommandResult<AppInfo> {
    with_store(&state, |s| {
        let call = &s.registry().settings.call;
        Ok(AppInfo {
            store_path: s.path().display().to_string(),
            fonts: workspace::fonts(),
            deadline: call.deadline.map(|d| d.to_string()),
            paper_copies: call.paper_copies,
            version: env!("CARGO_PKG_VERSION").to_string(),
        })
    })
}
