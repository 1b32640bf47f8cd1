//! The recommending unit's package and the store's upkeep: the summary table (推荐项目汇总表)
//! (Word and spreadsheet) with its mailing sheet, template updates with their report, and backups of the store.

use super::{CommandError, CommandResult, pick_folder, today, with_store, with_store_mut};
use crate::AppState;
use dossier_core::migrate::MigrationReport;
use dossier_core::model::TemplateRef;
use dossier_core::package::PackageOutcome;
use dossier_core::store::Store;
use dossier_core::store::backup::{self, BackupInfo};
use dossier_core::summary::{self, Summary, UnitKind};

#[tauri::command]
pub async fn summary_table(
    state: tauri::State<'_, AppState>,
    ids: Vec<i64>,
    unit_kind: UnitKind,
) -> CommandResult<Summary> {
    with_store(&state, |s| summary::build(s, &ids, unit_kind, today()))
}

/// Writes the summary table (Word) and, when asked, the mailing sheet (PDF) into a folder the
/// user picks (`$DOSSIER_EXPORT_DIR` in tests). Refused while the table has errors, unless a
/// draft is asked for. Returns the files written (none when cancelled).
#[tauri::command]
pub async fn export_summary(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    ids: Vec<i64>,
    unit_kind: UnitKind,
    mailing: bool,
    draft: bool,
) -> CommandResult<Vec<String>> {
    let folder = pick_folder(&app, "选择保存汇总表的文件夹");
    let Some(folder) = folder else {
        return Ok(Vec::new());
    };
    with_store(&state, |s| {
        let table = summary::build(s, &ids, unit_kind, today())?;
        let written = dossier_core::package::write_summary_files(
            s,
            &table,
            &folder,
            mailing,
            draft,
            today(),
        )?;
        Ok(written.iter().map(|p| p.display().to_string()).collect())
    })
}

/// Writes the submission package (copies, print packs, summary, mailing sheet, checklist, disc
/// image) into a folder under the one the user picks (`$DOSSIER_EXPORT_DIR` in tests). `None`
/// when cancelled.
#[tauri::command]
pub async fn export_package(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    ids: Vec<i64>,
    unit_kind: UnitKind,
    draft: bool,
) -> CommandResult<Option<PackageOutcome>> {
    let folder = pick_folder(&app, "选择保存报送材料包的文件夹");
    let Some(folder) = folder else {
        return Ok(None);
    };
    with_store_mut(&state, |s| {
        dossier_core::package::build(s, &ids, unit_kind, &folder, draft, today()).map(Some)
    })
}

/// A newer template version for this dossier's pilot type, when one is loaded.
#[tauri::command]
pub async fn template_update(
    state: tauri::State<'_, AppState>,
    id: i64,
) -> CommandResult<Option<TemplateRef>> {
    with_store(&state, |s| {
        let d = s.load(id)?.dossier;
        let latest = s.registry().latest_for(d.pilot_type)?.reference();
        Ok((latest != d.template
            && dossier_core::template::compare_versions(&latest.version, &d.template.version)
                == std::cmp::Ordering::Greater)
            .then_some(latest))
    })
}

/// Moves the dossier to the newest template of its type; the report says what moved.
#[tauri::command]
pub async fn migrate_template(
    state: tauri::State<'_, AppState>,
    id: i64,
) -> CommandResult<MigrationReport> {
    with_store_mut(&state, |s| dossier_core::migrate::migrate(s, id, None))
}

#[tauri::command]
pub async fn list_backups(state: tauri::State<'_, AppState>) -> CommandResult<Vec<BackupInfo>> {
    with_store(&state, |s| backup::list(s.path()))
}

#[tauri::command]
pub async fn backup_now(state: tauri::State<'_, AppState>) -> CommandResult<String> {
    with_store_mut(&state, |s| s.backup().map(|p| p.display().to_string()))
}

/// Puts a backup in place of the store: the store is closed, the backup checked and put in
/// place (the present store kept as a backup), and the store opened again.
#[tauri::command]
pub async fn restore_backup(
    state: tauri::State<'_, AppState>,
    file: String,
) -> CommandResult<String> {
    super::ensure_writable(&state)?;
    let mut guard = state.store.lock().map_err(|_| CommandError {
        code: dossier_core::ErrorCode::Internal,
        message: "内部错误：数据文件的访问锁已损坏，请重新启动程序".into(),
    })?;
    let path = match guard.as_ref() {
        Ok(store) => store.path().to_path_buf(),
        Err(e) => return Err(e.clone()),
    };
    // Close the store (and its WAL) before its file is replaced.
    *guard = Err(CommandError {
        code: dossier_core::ErrorCode::StoreRestoring,
        message: "正在从备份恢复数据文件".into(),
    });
    let restored = backup::restore(&path, std::path::Path::new(&file));
    *guard = Store::open(&path).map_err(CommandError::from);
    let before = restored?;
    guard.as_ref().map_err(Clone::clone)?;
    Ok(before.display().to_string())
}
