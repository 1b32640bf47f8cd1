//! Thin Tauri commands over the core's operations ([`dossier_core::app`]), grouped by screen.
//! Each parses its arguments, asks the user for a file or folder where the screen needs one,
//! calls one operation and maps the error to `{code, message}`: a stable code to match on and a
//! Chinese message to show. All are `async`, so no save, check or export runs on the window's
//! thread.

pub mod editing;
pub mod export;
pub mod findings;
pub mod history;
pub mod library;
pub mod package;
pub mod settings;

use crate::AppState;
use dossier_core::CoreError;
use dossier_core::app::Context;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct CommandError {
    pub code: dossier_core::ErrorCode,
    pub message: String,
}

impl From<CoreError> for CommandError {
    fn from(e: CoreError) -> Self {
        let code = e.code();
        CommandError {
            code,
            message: match hint(code) {
                Some(hint) => format!("{e}{hint}"),
                None => e.to_string(),
            },
        }
    }
}

/// What to do about an error, in the window's terms (the core's message says only what is
/// wrong; the CLI gives its own hints, in flags).
fn hint(code: dossier_core::ErrorCode) -> Option<&'static str> {
    use dossier_core::ErrorCode::*;
    Some(match code {
        DossierNotFound => "它可能已被删除：请回到“全部申报书”查看。",
        ImportTypeUnknown => "请在 Word 中补全封面上的试点类型，保存后再导入。",
        StoreNoDataDir => "请设置环境变量 DOSSIER_STORE 指向数据文件，然后重新启动程序。",
        _ => return None,
    })
}

pub type CommandResult<T> = Result<T, CommandError>;

/// Runs `f` on the application context, holding it only while `f` runs; the context's opening
/// error, if it could not be opened, is returned to every command so the window can show it.
pub fn with_ctx<T>(
    state: &tauri::State<'_, AppState>,
    f: impl FnOnce(&mut Context) -> dossier_core::Result<T>,
) -> CommandResult<T> {
    let mut guard = state.ctx.lock().map_err(|_| CommandError {
        code: dossier_core::ErrorCode::Internal,
        message: "内部错误：数据文件的访问锁已损坏，请重新启动程序".into(),
    })?;
    match guard.as_mut() {
        Ok(ctx) => f(ctx).map_err(CommandError::from),
        Err(e) => Err(e.clone()),
    }
}

/// A path given by the environment instead of a native dialog. WebDriver cannot drive native
/// dialogs, so the end-to-end tests pass the export folder and the file to pick this way.
fn test_path(var: &str) -> Option<std::path::PathBuf> {
    std::env::var_os(var)
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from)
}

/// A folder the user picks in the native dialog (`$DOSSIER_EXPORT_DIR` in tests); `None` when
/// they cancelled.
pub fn pick_folder(app: &tauri::AppHandle, title: &str) -> Option<std::path::PathBuf> {
    use tauri_plugin_dialog::DialogExt;
    test_path("DOSSIER_EXPORT_DIR").or_else(|| {
        app.dialog()
            .file()
            .set_title(title)
            .blocking_pick_folder()
            .and_then(|p| p.into_path().ok())
    })
}

/// A file the user picks in the native dialog (`$DOSSIER_PICK_FILE` in tests), offered with a
/// filter of `extensions`; `None` when they cancelled.
pub fn pick_file(
    app: &tauri::AppHandle,
    title: &str,
    filter: &str,
    extensions: &[&str],
) -> Option<std::path::PathBuf> {
    use tauri_plugin_dialog::DialogExt;
    test_path("DOSSIER_PICK_FILE").or_else(|| {
        app.dialog()
            .file()
            .set_title(title)
            .add_filter(filter, extensions)
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
    })
}

/// Refuses in reviewer mode; commands that ask the user for a file call it before asking.
pub fn ensure_writable(state: &tauri::State<'_, AppState>) -> CommandResult<()> {
    with_ctx(state, |c| c.ensure_writable())
}
