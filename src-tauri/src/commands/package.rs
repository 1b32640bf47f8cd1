//! The recommending unit's package and the store's upkeep: the summary table (推荐项目汇总表)
//! (Word and spreadsheet) with its mailing sheet, the submission package, template updates with
//! their report, and backups of the store.

use super::{CommandError, CommandResult, pick_folder, with_ctx};
use crate::AppState;
use dossier_core::app::{
    BackupInfo, MigrationReport, PackageOutcome, Summary, TemplateRef, UnitKind,
};
use std::path::Path;

#[tauri::command]
pub async fn summary_table(
    state: tauri::State<'_, AppState>,
    ids: Vec<i64>,
    unit_kind: UnitKind,
) -> CommandResult<Summary> {
    with_ctx(&state, |c| c.summary(&ids, unit_kind))
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
    let Some(folder) = pick_folder(&app, "选择保存汇总表的文件夹") else {
        return Ok(Vec::new());
    };
    let written = with_ctx(&state, |c| {
        let table = c.summary(&ids, unit_kind)?;
        c.write_summary(&table, &folder, mailing, draft)
    })?;
    Ok(written.iter().map(|p| p.display().to_string()).collect())
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
    let Some(folder) = pick_folder(&app, "选择保存报送材料包的文件夹") else {
        return Ok(None);
    };
    with_ctx(&state, |c| c.package(&ids, unit_kind, &folder, draft)).map(Some)
}

/// A newer template version for this dossier's pilot type, when one is loaded.
#[tauri::command]
pub async fn template_update(
    state: tauri::State<'_, AppState>,
    id: i64,
) -> CommandResult<Option<TemplateRef>> {
    with_ctx(&state, |c| c.template_update(id))
}

/// Moves the dossier to the newest template of its type; the report says what moved.
#[tauri::command]
pub async fn migrate_template(
    state: tauri::State<'_, AppState>,
    id: i64,
) -> CommandResult<MigrationReport> {
    with_ctx(&state, |c| c.migrate(id, None))
}

#[tauri::command]
pub async fn list_backups(state: tauri::State<'_, AppState>) -> CommandResult<Vec<BackupInfo>> {
    with_ctx(&state, |c| c.backups())
}

#[tauri::command]
pub async fn backup_now(state: tauri::State<'_, AppState>) -> CommandResult<String> {
    with_ctx(&state, |c| c.backup_now().map(|p| p.display().to_string()))
}

/// Puts a backup in place of the store (checked first; the present store kept as a backup) and
/// opens it again; returns that backup of the present.
#[tauri::command]
pub async fn restore_backup(
    state: tauri::State<'_, AppState>,
    file: String,
) -> CommandResult<String> {
    let mut guard = state.ctx.lock().map_err(|_| CommandError {
        code: dossier_core::ErrorCode::Internal,
        message: "内部错误：数据文件的访问锁已损坏，请重新启动程序".into(),
    })?;
    let restoring = Err(CommandError {
        code: dossier_core::ErrorCode::StoreRestoring,
        message: "正在从备份恢复数据文件".into(),
    });
    let ctx = match std::mem::replace(&mut *guard, restoring) {
        Ok(ctx) => ctx,
        Err(e) => {
            *guard = Err(e.clone());
            return Err(e);
        }
    };
    let (reopened, restored) = ctx.restore_backup(Path::new(&file));
    *guard = reopened.map_err(CommandError::from);
    let before = restored?;
    guard.as_ref().map_err(Clone::clone)?;
    Ok(before.display().to_string())
}
