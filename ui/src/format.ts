// Formatting and status logic shared by the screens: Chinese numbers, dates, section status.
import type { Report } from "./bindings/Report";
import type { SectionDef } from "./bindings/SectionDef";
import type { Dossier } from "./bindings/Dossier";

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (up to 99). */
export function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : DIGITS[tens]}十${ones ? DIGITS[ones] : ""}`;
}

/** A body section's number as printed: 一、 */
export function sectionNumber(index1: number): string {
  return `${chineseNumeral(index1)}、`;
}

/** A UTC timestamp as local Chinese time: 2026年11月28日 09:05, or 2026-11-28 09:05 in ISO style. */
export function localTime(utc: string, style: "chinese" | "iso" = "chinese"): string {
  const t = new Date(utc);
  if (Number.isNaN(t.getTime())) return utc;
  const pad = (n: number) => String(n).padStart(2, "0");
  const time = `${pad(t.getHours())}:${pad(t.getMinutes())}`;
  return style === "iso"
    ? `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${time}`
    : `${t.getFullYear()}年${t.getMonth() + 1}月${t.getDate()}日 ${time}`;
}

export type SectionStatus = "empty" | "in_progress" | "complete" | "errors";

export const STATUS_LABELS: Record<SectionStatus, string> = {
  empty: "未填写",
  in_progress: "填写中",
  complete: "已完成",
  errors: "有错误",
};

/** A body section's status from the core's report: errors win, then 字数 and table rows. */
export function sectionStatus(section: SectionDef, dossier: Dossier, report: Report): SectionStatus {
  const tableKeys = new Set(section.tables.map((t) => t.key));
  const hasError = report.findings.some(
    (f) =>
      f.severity === "error" &&
      (f.place.section === section.key || (f.place.table !== null && tableKeys.has(f.place.table))),
  );
  if (hasError) return "errors";
  const count = report.counts.find((c) => c.key === section.key);
  const chars = count?.chars ?? 0;
  const rows = section.tables.reduce((n, t) => n + (dossier.tables[t.key]?.length ?? 0), 0);
  if (chars === 0 && rows === 0) return "empty";
  const enoughText = chars >= (count?.min ?? section.min_chars ?? 1);
  const enoughRows = section.tables.every((t) => (dossier.tables[t.key]?.length ?? 0) >= t.min_rows);
  return enoughText && enoughRows ? "complete" : "in_progress";
}

/** Where a finding's anchor leads in the workspace: a page and, within it, an element id. */
export interface Destination {
  page: string;
  target: string | null;
}

export function destinationOf(anchor: string, sections: SectionDef[], fieldPart: (path: string) => string): Destination {
  const parts = Object.fromEntries(
    anchor.split("/").map((p) => {
      const i = p.indexOf(":");
      return i < 0 ? [p, ""] : [p.slice(0, i), p.slice(i + 1)];
    }),
  );
  if ("field" in parts) return { page: `part:${fieldPart(parts.field)}`, target: `field-${parts.field}` };
  if ("section" in parts) {
    return { page: `section:${parts.section}`, target: "block" in parts ? `block-${parts.block}` : null };
  }
  if ("table" in parts) {
    const owner = sections.find((s) => s.tables.some((t) => t.key === parts.table));
    const target = "row" in parts ? `cell-${parts.table}-${parts.row}-${parts.col ?? ""}` : `table-${parts.table}`;
    return { page: owner ? `section:${owner.key}` : "part:cover", target };
  }
  if ("attachment" in parts) return { page: "attachments", target: `attachment-${parts.attachment}` };
  if ("commitment" in parts) return { page: "part:commitment", target: "clause" in parts ? `clause-${parts.clause}` : null };
  return { page: "part:cover", target: null };
}
