//! 申报书工作台's desktop shell: a Tauri 2 window over `dossier-core`'s application operations
//! (`dossier_core::app`). It owns nothing of the domain: each command parses its arguments, calls
//! one operation and maps the error to `{code, message}` (see [`commands`]). The shell adds what only a desktop window has: one
//! instance at a time (a second launch focuses the first), the window's size and place
//! remembered, native file dialogs, the store file made whole and backed up when the app
//! closes (also when the system asks it to end).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use dossier_core::app::{Assets, Clock, Context, Environment};
use std::sync::Mutex;
use tauri::Manager;

/// The application context (the store, the fonts, the clock), shared by the commands, or why it
/// could not be opened; in reviewer mode, a store in memory holding the bundle under review,
/// where the core refuses every change.
pub struct AppState {
    pub ctx: Mutex<Result<Context, commands::CommandError>>,
}

/// `--review FILE`: open a bundle read-only instead of the user's store.
fn review_arg() -> Option<std::path::PathBuf> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    args.iter()
        .position(|a| a == "--review")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from)
}

fn main() {
    tauri::Builder::default()
        // First, so a second launch hands over before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            // An installed package keeps the fonts among its resources.
            let installed = app.path().resource_dir().ok().map(|d| d.join("assets"));
            // What the core needs from the environment, read here (the core reads none).
            let env = Environment {
                store: std::env::var_os(Environment::STORE).map(Into::into),
                assets: std::env::var_os(Environment::ASSETS).map(Into::into),
                exe: std::env::current_exe().ok(),
            };
            let assets = Assets::installed_or_default(installed, &env);
            let ctx = match review_arg() {
                Some(file) => Context::review(&file, assets, Clock::Local),
                None => Context::open_default(&env, assets, Clock::Local),
            };
            app.manage(AppState {
                ctx: Mutex::new(ctx.map_err(commands::CommandError::from)),
            });
            // Asked to end by the system (logout, shutdown, `kill`): the app ends as if its
            // window were closed, so what it does on closing is done.
            #[cfg(unix)]
            {
                use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
                let handle = app.handle().clone();
                let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
                std::thread::spawn(move || {
                    if signals.forever().next().is_some() {
                        handle.exit(0);
                    }
                });
            }
            // The store file made whole shortly after each burst of writing (see `when_idle`).
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                loop {
                    std::thread::sleep(std::time::Duration::from_millis(1500));
                    let state = handle.state::<AppState>();
                    if let Ok(mut guard) = state.ctx.lock()
                        && let Ok(ctx) = guard.as_mut()
                        && let Err(e) = ctx.when_idle()
                    {
                        eprintln!("整理数据文件失败：{e}");
                    }
                }
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::library::store_path,
            commands::library::session,
            commands::library::list_dossiers,
            commands::library::create_dossier,
            commands::library::create_example,
            commands::library::duplicate_dossier,
            commands::library::set_archived,
            commands::library::open_dossier,
            commands::editing::save_section,
            commands::editing::save_table,
            commands::editing::set_field,
            commands::editing::value_problem,
            commands::editing::snapshot_if_due,
            commands::editing::add_attachment,
            commands::editing::remove_attachment,
            commands::editing::remove_unplaced,
            commands::editing::add_image,
            commands::findings::check_dossier,
            commands::findings::acknowledge,
            commands::findings::unacknowledge,
            commands::findings::set_for_submission,
            commands::export::choose_folder,
            commands::export::export_dossier,
            commands::export::open_folder,
            commands::export::preview_pdf,
            commands::history::list_snapshots,
            commands::history::take_snapshot,
            commands::history::compare_snapshot,
            commands::history::restore_snapshot,
            commands::history::activity,
            commands::history::export_bundle,
            commands::history::import_bundle,
            commands::history::preview_bundle_replace,
            commands::history::replace_from_bundle,
            commands::history::hand_out_bundle,
            commands::history::preview_merge,
            commands::history::apply_merge,
            commands::history::import_docx,
            commands::history::preview_docx_onto,
            commands::history::apply_docx_onto,
            commands::package::summary_table,
            commands::package::export_summary,
            commands::package::export_package,
            commands::package::template_update,
            commands::package::migrate_template,
            commands::package::list_backups,
            commands::package::backup_now,
            commands::package::restore_backup,
            commands::settings::app_info,
            commands::settings::call_settings,
            commands::settings::set_call_setting,
        ])
        .build(tauri::generate_context!())
        .expect("申报书工作台无法启动")
        .run(|app, event| {
            // The store file made whole as soon as the window goes (a window closed by the user,
            // by the desktop or by a test driver may not reach `Exit`).
            if let tauri::RunEvent::WindowEvent {
                event: tauri::WindowEvent::CloseRequested { .. } | tauri::WindowEvent::Destroyed,
                ..
            }
            | tauri::RunEvent::ExitRequested { .. } = event
            {
                let state = app.state::<AppState>();
                if let Ok(mut guard) = state.ctx.lock()
                    && let Ok(ctx) = guard.as_mut()
                    && let Err(e) = ctx.when_closing()
                {
                    eprintln!("整理数据文件失败：{e}");
                }
            }
            // The store file made whole and a compressed copy of it when the app closes (kept:
            // the newest N). The process ends without dropping the state, so it is done here.
            if let tauri::RunEvent::Exit = event {
                let state = app.state::<AppState>();
                if let Ok(mut guard) = state.ctx.lock()
                    && let Ok(ctx) = guard.as_mut()
                    && let Err(e) = ctx.on_close()
                {
                    eprintln!("关闭时备份数据文件失败：{e}");
                }
            }
        });
}
