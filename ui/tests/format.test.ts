import { describe, expect, it } from "vitest";
import { chineseDate, chineseNumeral, destinationOf, figuresText, localTime, parseDate, parseFigures, parseMonth, sectionNumber } from "../src/format";

describe("formatting", () => {
  it("writes Chinese numerals as section numbers are printed", () => {
    expect([1, 9, 10, 11, 20, 23].map(chineseNumeral)).toEqual(["一", "九", "十", "十一", "二十", "二十三"]);
    expect(sectionNumber(3)).toBe("三、");
  });
  it("shows local times in Chinese or ISO style", () => {
    const t = new Date(2026, 10, 28, 9, 5).toISOString();
    expect(localTime(t)).toBe("2026年11月28日 09:05");
    expect(localTime(t, "iso")).toBe("2026-11-28 09:05");
    expect(localTime("not a time")).toBe("not a time");
  });
  it("sends each kind of anchor to its page and element", () => {
    const sections = [{ key: "milestones", tables: [{ key: "plan" }] }] as never;
    const part = (p: string) => (p.startsWith("recommendation") ? "recommendation" : "cover");
    expect(destinationOf("field:applicant.credit_code", sections, part)).toEqual({ page: "part:cover", target: "field-applicant.credit_code" });
    expect(destinationOf("section:goals/block:3", sections, part)).toEqual({ page: "section:goals", target: "block-3" });
    expect(destinationOf("table:plan/row:2/col:end", sections, part)).toEqual({ page: "section:milestones", target: "cell-plan-2-end" });
    expect(destinationOf("attachment:city_consent", sections, part)).toEqual({ page: "attachments", target: "attachment-city_consent" });
    expect(destinationOf("commitment", sections, part)).toEqual({ page: "part:commitment", target: null });
    const grid = (p: string) => (p.startsWith("finances") ? "grid" : "cover");
    expect(destinationOf("field:finances.1.revenue", sections, grid)).toEqual({ page: "part:grid", target: "field-finances.1.revenue" });
  });
  it("reads and writes dates the Chinese way, whatever the locale", () => {
    expect(["2025-04-08", "2025/4/8", "2025.4.8", "2025年4月8日", " 2025 年 4 月 8 日 "].map(parseDate)).toEqual(Array(5).fill("2025-04-08"));
    expect(["2025-02-30", "2025-13-01", "4/8/2025", "明天", ""].map(parseDate)).toEqual(Array(5).fill(null));
    expect(["2025-09", "2025/9", "2025年9月"].map(parseMonth)).toEqual(Array(3).fill("2025-09"));
    expect(parseMonth("2025-13")).toBeNull();
    expect(chineseDate("2025-04-08")).toBe("2025年4月8日");
    expect(chineseDate("2027-08")).toBe("2027年8月");
    expect(chineseDate("随便")).toBe("随便");
  });
  it("keeps the 响应表's figures as name, value and unit", () => {
    const text = "开放数据集：26个\n日活用户占比：32%\n收入:4,000万元";
    const figures = parseFigures(text);
    expect(figures).toEqual([
      { name: "开放数据集", value: "26", unit: "个" },
      { name: "日活用户占比", value: "32", unit: "%" },
      { name: "收入", value: "4,000", unit: "万元" },
    ]);
    expect(figuresText(figures)).toBe("开放数据集：26个\n日活用户占比：32%\n收入：4,000万元");
    expect(figuresText([{ name: "", value: "", unit: "" }])).toBe("");
  });
});
