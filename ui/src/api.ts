// The only place that talks to the Rust side. Commands return data or reject with
// { code, message }: the UI matches on `code` and shows `message` (already Chinese).
import { invoke } from "@tauri-apps/api/core";

export type PilotType = "enterprise" | "industry" | "city";

export interface DossierSummary {
  id: number;
  title: string;
  pilot_type: PilotType;
  applicant: string;
  credit_code: string;
  template: { id: string; version: string };
  created_at: string;
  updated_at: string;
  archived: boolean;
}

export interface CommandError {
  code: string;
  message: string;
}

export const PILOT_LABELS: Record<PilotType, string> = {
  enterprise: "企业",
  industry: "行业",
  city: "城市",
};

function asCommandError(e: unknown): CommandError {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    return e as CommandError;
  }
  return { code: "internal", message: `内部错误：${String(e)}` };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw asCommandError(e);
  }
}

export const api = {
  storePath: () => call<string>("store_path"),
  listDossiers: (includeArchived: boolean) =>
    call<DossierSummary[]>("list_dossiers", { includeArchived }),
  createExample: () => call<number>("create_example"),
};
