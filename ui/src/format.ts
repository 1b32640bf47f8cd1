// Formatting and status logic shared by the screens: Chinese numbers, dates, section status.
import type { Focus } from "./bindings/Focus";

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

/** Reads a date typed as 2025-04-08, 2025/4/8, 2025.4.8 or 2025年4月8日; `null` when it is not one. */
export function parseDate(text: string): string | null {
  const m = text.trim().match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Reads a month typed as 2025-09, 2025/9, 2025.9 or 2025年9月; `null` when it is not one. */
export function parseMonth(text: string): string | null {
  const m = text.trim().match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/);
  if (!m) return null;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (mo < 1 || mo > 12) return null;
  return `${y}-${String(mo).padStart(2, "0")}`;
}

/** 2025-04-08 → 2025年4月8日, 2025-09 → 2025年9月, whatever the system's locale; other text as it is. */
export function chineseDate(value: string): string {
  const d = value.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (d) return `${Number(d[1])}年${Number(d[2])}月${Number(d[3])}日`;
  const m = value.match(/^(\d{4})-(\d{2})$/);
  if (m) return `${Number(m[1])}年${Number(m[2])}月`;
  return value;
}

/** Indicator figures of the 响应表, one per line: 名称：数值单位. */
export interface Figure {
  name: string;
  value: string;
  unit: string;
}

export function parseFigures(text: string): Figure[] {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const i = l.search(/[：:]/);
      const name = i < 0 ? l.trim() : l.slice(0, i).trim();
      const rest = i < 0 ? "" : l.slice(i + 1).trim();
      const n = rest.match(/^[\d.,，]*/)?.[0] ?? "";
      return { name, value: n, unit: rest.slice(n.length).trim() };
    });
}

export function figuresText(figures: Figure[]): string {
  return figures
    .filter((f) => f.name.trim() || f.value.trim() || f.unit.trim())
    .map((f) => `${f.name.trim()}：${f.value.trim()}${f.unit.trim()}`)
    .join("\n");
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

/** The element a destination's focus names on its page (the core says which page and what). */
export function elementIdOf(focus: Focus): string {
  switch (focus.type) {
    case "field":
      return `field-${focus.path}`;
    case "block":
      return `block-${focus.index}`;
    case "table":
      return `table-${focus.key}`;
    case "cell":
      return `cell-${focus.table}-${focus.row}-${focus.column ?? ""}`;
    case "attachment":
      return `attachment-${focus.kind}`;
  }
}

/** Guidance without the form's own notes it starts with (they are shown as the form prints
 * them, above it): `说明：…同意。填写…` after the note `说明：…同意` is `填写…`. */
export function guidanceBeyondNotes(guidance: string, notes: string[]): string {
  let rest = guidance.trim();
  for (const note of notes) {
    const n = note.trim().replace(/[。．.]$/, "");
    if (n && rest.startsWith(n)) rest = rest.slice(n.length).replace(/^[。．.\s]+/, "");
  }
  return rest;
}
