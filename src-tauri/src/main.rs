//! 申报书工作台's desktop shell: a Tauri 2 window over `dossier-core`. It owns nothing of the
//! domain: each command parses its arguments, calls the core and maps the error to
//! `{code, message}` (see [`commands`]).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use dossier_core::store::{Store, default_store_path};
use std::sync::Mutex;

/// The open store, shared by the commands.
pub struct AppState {
    pub store: Mutex<Result<Store, commands::CommandError>>,
}

fn main() {
    let store = default_store_path()
        .and_then(Store::open)
        .map_err(commands::CommandError::from);
    tauri::Builder::default()
        .manage(AppState {
            store: Mutex::new(store),
        })
        .invoke_handler(tauri::generate_handler![
            commands::store_path,
            commands::list_dossiers,
            commands::create_example,
        ])
        .run(tauri::generate_context!())
        .expect("申报书工作台无法启动");
}
