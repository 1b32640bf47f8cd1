//! Thin Tauri commands over the core, grouped by screen. Each parses its arguments, calls
//! `dossier-core` (mostly [`dossier_core::workspace`] and the store) and maps the error to
//! `{code, message}`: a stable code to match on and a Chinese message to show. All are `async`,
//! so no save, check or export runs on the window's thread.

pub mod editing;
pub mod export;
pub mod findings;
pub mod history;
pub mod library;
pub mod package;
pub mod settings;

use crate::AppState;
use dossier_core::CoreError;
use dossier_core::store::Store;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct CommandError {
    pub code: dossier_core::ErrorCode,
    pub message: String,
}

impl From<CoreError> for CommandError {
    fn from(e: CoreError) -> Self {
        CommandError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;

/// Reviewer mode: which bundle is open (read-only) and the id of its dossier in memory.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub file: String,
    pub id: i64,
}

/// Opens a bundle for review: verified, then held in a store in memory (nothing on disk).
pub fn open_review(file: &std::path::Path) -> Result<(Store, Review), CommandError> {
    let bytes = std::fs::read(file).map_err(|e| CommandError {
        code: dossier_core::ErrorCode::Io,
        message: format!(
            "无法读取申报书包 {}：{}",
            file.display(),
            dossier_core::error::describe_io(&e)
        ),
    })?;
    let bundle = dossier_core::bundle::read(&file.display().to_string(), &bytes)?;
    let mut store = Store::open(":memory:")?;
    let id = dossier_core::bundle::import_new(&mut store, &bundle)?;
    Ok((
        store,
        Review {
            file: file.display().to_string(),
            id,
        },
    ))
}

/// Refuses in reviewer mode; commands that ask the user something first call it before asking.
pub fn ensure_writable(state: &tauri::State<'_, AppState>) -> CommandResult<()> {
    match state.review {
        Some(_) => Err(CommandError {
            code: dossier_core::ErrorCode::ReviewReadOnly,
            message: "这是只读审阅模式：可以查看、检查和导出，不能修改申报书".into(),
        }),
        None => Ok(()),
    }
}

/// Runs `f` on the open store for a change; refused in reviewer mode.
pub fn with_store_mut<T>(
    state: &tauri::State<'_, AppState>,
    f: impl FnOnce(&mut Store) -> dossier_core::Result<T>,
) -> CommandResult<T> {
    ensure_writable(state)?;
    with_store(state, f)
}

/// Runs `f` on the open store; the store's opening error, if it could not be opened, is
/// returned to every command so the window can show it.
pub fn with_store<T>(
    state: &tauri::State<'_, AppState>,
    f: impl FnOnce(&mut Store) -> dossier_core::Result<T>,
) -> CommandResult<T> {
    let mut guard = state.store.lock().map_err(|_| CommandError {
        code: dossier_core::ErrorCode::Internal,
        message: "内部错误：数据文件的访问锁已损坏，请重新启动程序".into(),
    })?;
    match guard.as_mut() {
        Ok(store) => f(store).map_err(CommandError::from),
        Err(e) => Err(e.clone()),
    }
}

pub use dossier_core::workspace::today;

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
