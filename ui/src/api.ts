// The only place that talks to the Rust side. Commands return data or reject with
// { code, message }: the UI matches on `code` and shows `message` (already Chinese).
// Every type here is generated from the Rust model (./bindings, by ts-rs).
import { Channel, invoke } from "@tauri-apps/api/core";
import type { Block } from "./bindings/Block";
import type { DossierSummary } from "./bindings/DossierSummary";
import type { DuplicateKeep } from "./bindings/DuplicateKeep";
import type { ExportChoice } from "./bindings/ExportChoice";
import type { ExportOutcome } from "./bindings/ExportOutcome";
import type { ExportProgress } from "./bindings/ExportProgress";
import type { FieldKind } from "./bindings/FieldKind";
import type { AppInfo } from "./bindings/AppInfo";
import type { Review } from "./bindings/Review";
import type { OpenedDossier } from "./bindings/OpenedDossier";
import type { PilotType } from "./bindings/PilotType";
import type { Report } from "./bindings/Report";
import type { AttachmentKind } from "./bindings/AttachmentKind";
import type { CallSetting } from "./bindings/CallSetting";
import type { SnapshotInfo } from "./bindings/SnapshotInfo";
import type { Comparison } from "./bindings/Comparison";
import type { ActivityEntry } from "./bindings/ActivityEntry";
import type { Summary } from "./bindings/Summary";
import type { UnitKind } from "./bindings/UnitKind";
import type { MigrationReport } from "./bindings/MigrationReport";
import type { TemplateRef } from "./bindings/TemplateRef";
import type { BackupInfo } from "./bindings/BackupInfo";
import type { PackageOutcome } from "./bindings/PackageOutcome";
import type { MergePlan } from "./bindings/MergePlan";
import type { MergeOutcome } from "./bindings/MergeOutcome";
import type { Resolution } from "./bindings/Resolution";
import type { ImportReport } from "./bindings/ImportReport";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { RuleId } from "./bindings/RuleId";

export type { PilotType, DossierSummary, OpenedDossier, Report };

export interface CommandError {
  code: ErrorCode;
  message: string;
}

/** Reviewer mode: a bundle opened read-only with `--review FILE`. */
export type { Review, AppInfo };

export const PILOT_LABELS: Record<PilotType, string> = {
  enterprise: "企业",
  industry: "行业",
  city: "城市",
};

export function asCommandError(e: unknown): CommandError {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    return e as CommandError;
  }
  return { code: "internal", message: `内部错误：${String(e)}` };
}

/** Every command the desktop shell registers (`src-tauri/src/main.rs`), by name: a call to any
 * other is a type error here, and `tests/tests/bindings.rs` keeps this list and the shell's equal. */
export type Command =
  | "store_path"
  | "session"
  | "list_dossiers"
  | "create_dossier"
  | "create_example"
  | "duplicate_dossier"
  | "set_archived"
  | "open_dossier"
  | "save_section"
  | "save_table"
  | "set_field"
  | "value_problem"
  | "snapshot_if_due"
  | "add_attachment"
  | "remove_attachment"
  | "remove_unplaced"
  | "add_image"
  | "check_dossier"
  | "acknowledge"
  | "unacknowledge"
  | "set_for_submission"
  | "choose_folder"
  | "export_dossier"
  | "open_folder"
  | "preview_pdf"
  | "list_snapshots"
  | "take_snapshot"
  | "compare_snapshot"
  | "restore_snapshot"
  | "activity"
  | "export_bundle"
  | "import_bundle"
  | "preview_bundle_replace"
  | "replace_from_bundle"
  | "hand_out_bundle"
  | "preview_merge"
  | "apply_merge"
  | "import_docx"
  | "preview_docx_onto"
  | "apply_docx_onto"
  | "summary_table"
  | "export_summary"
  | "export_package"
  | "template_update"
  | "migrate_template"
  | "list_backups"
  | "backup_now"
  | "restore_backup"
  | "app_info"
  | "call_settings"
  | "set_call_setting";

async function call<T>(command: Command, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw asCommandError(e);
  }
}

export const api = {
  storePath: () => call<string>("store_path"),
  session: () => call<Review | null>("session"),
  listDossiers: (includeArchived: boolean) => call<DossierSummary[]>("list_dossiers", { includeArchived }),
  createDossier: (pilotType: PilotType, title: string) => call<number>("create_dossier", { pilotType, title }),
  createExample: () => call<number>("create_example"),
  duplicateDossier: (id: number, keep: DuplicateKeep) => call<number>("duplicate_dossier", { id, keep }),
  setArchived: (id: number, archived: boolean) => call<void>("set_archived", { id, archived }),
  openDossier: (id: number) => call<OpenedDossier>("open_dossier", { id }),
  saveSection: (id: number, key: string, blocks: Block[]) => call<void>("save_section", { id, key, blocks }),
  saveTable: (id: number, key: string, rows: Record<string, string>[]) => call<void>("save_table", { id, key, rows }),
  setField: (id: number, path: string, value: string) => call<void>("set_field", { id, path, value }),
  valueProblem: (kind: FieldKind, value: string, options: string[]) =>
    call<string | null>("value_problem", { kind, value, options }),
  snapshotIfDue: (id: number) => call<number | null>("snapshot_if_due", { id }),
  addAttachment: (id: number, kind: AttachmentKind, title: string) => call<boolean>("add_attachment", { id, kind, title }),
  removeAttachment: (id: number, position: number) => call<void>("remove_attachment", { id, position }),
  removeUnplaced: (id: number, index: number) => call<void>("remove_unplaced", { id, index }),
  addImage: (id: number) => call<string | null>("add_image", { id }),
  check: (id: number) => call<Report>("check_dossier", { id }),
  acknowledge: (id: number, rule: RuleId, anchor: string, reason: string) =>
    call<void>("acknowledge", { id, rule, anchor, reason }),
  unacknowledge: (id: number, rule: RuleId, anchor: string) => call<void>("unacknowledge", { id, rule, anchor }),
  setForSubmission: (id: number, value: boolean) => call<void>("set_for_submission", { id, value }),
  chooseFolder: () => call<string | null>("choose_folder"),
  exportDossier: (id: number, choice: ExportChoice, folder: string, onProgress: (p: ExportProgress) => void) => {
    const progress = new Channel<ExportProgress>();
    progress.onmessage = onProgress;
    return call<ExportOutcome>("export_dossier", { id, choice, folder, progress });
  },
  openFolder: (path: string) => call<void>("open_folder", { path }),
  previewPdf: (id: number) => call<ArrayBuffer>("preview_pdf", { id }),
  listSnapshots: (id: number) => call<SnapshotInfo[]>("list_snapshots", { id }),
  takeSnapshot: (id: number, name: string) => call<number>("take_snapshot", { id, name }),
  compareSnapshot: (id: number, snapshot: number) => call<Comparison>("compare_snapshot", { id, snapshot }),
  restoreSnapshot: (id: number, snapshot: number, section: string | null) =>
    call<number>("restore_snapshot", { id, snapshot, section }),
  activity: (id: number) => call<ActivityEntry[]>("activity", { id }),
  exportBundle: (id: number, withSnapshots: boolean) => call<string | null>("export_bundle", { id, withSnapshots }),
  importBundle: () => call<number | null>("import_bundle"),
  previewBundleReplace: (id: number) => call<[string, Comparison] | null>("preview_bundle_replace", { id }),
  replaceFromBundle: (id: number, file: string) => call<number>("replace_from_bundle", { id, file }),
  importDocx: () => call<[number, ImportReport] | null>("import_docx"),
  previewDocxOnto: (id: number) => call<[string, Comparison] | null>("preview_docx_onto", { id }),
  applyDocxOnto: (id: number, file: string) => call<number>("apply_docx_onto", { id, file }),
  handOutBundle: (id: number, parts: string[], writer: string) => call<string | null>("hand_out_bundle", { id, parts, writer }),
  previewMerge: (id: number) => call<[string, MergePlan] | null>("preview_merge", { id }),
  applyMerge: (id: number, file: string, resolutions: Record<string, Resolution>) =>
    call<MergeOutcome>("apply_merge", { id, file, resolutions }),
  summaryTable: (ids: number[], unitKind: UnitKind) => call<Summary>("summary_table", { ids, unitKind }),
  exportSummary: (ids: number[], unitKind: UnitKind, mailing: boolean, draft: boolean) =>
    call<string[]>("export_summary", { ids, unitKind, mailing, draft }),
  exportPackage: (ids: number[], unitKind: UnitKind, draft: boolean) =>
    call<PackageOutcome | null>("export_package", { ids, unitKind, draft }),
  templateUpdate: (id: number) => call<TemplateRef | null>("template_update", { id }),
  migrateTemplate: (id: number) => call<MigrationReport>("migrate_template", { id }),
  listBackups: () => call<BackupInfo[]>("list_backups"),
  backupNow: () => call<string>("backup_now"),
  restoreBackup: (file: string) => call<string>("restore_backup", { file }),
  appInfo: () => call<AppInfo>("app_info"),
  callSettings: () => call<CallSetting[]>("call_settings"),
  setCallSetting: (key: string, value: string) => call<CallSetting[]>("set_call_setting", { key, value }),
};
