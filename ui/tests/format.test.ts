import { describe, expect, it } from "vitest";
import { chineseDate, chineseNumeral, elementIdOf, figuresText, localTime, parseDate, parseFigures, parseMonth, sectionNumber, guidanceBeyondNotes } from "../src/format";

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
  it("names the element each kind of focus is", () => {
    expect(elementIdOf({ type: "field", path: "applicant.credit_code" })).toBe("field-applicant.credit_code");
    expect(elementIdOf({ type: "block", index: 3 })).toBe("block-3");
    expect(elementIdOf({ type: "cell", table: "plan", row: 2, column: "end" })).toBe("cell-plan-2-end");
    expect(elementIdOf({ type: "cell", table: "plan", row: 2, column: null })).toBe("cell-plan-2-");
    expect(elementIdOf({ type: "table", key: "plan" })).toBe("table-plan");
    expect(elementIdOf({ type: "attachment", kind: "city_consent" })).toBe("attachment-city_consent");
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

describe("guidance beside the form's notes", () => {
  it("drops the notes the guidance starts with, and keeps the rest", () => {
    expect(
      guidanceBeyondNotes("说明：城市可信数据空间申报单位须获得地方人民政府同意。填写所在城市人民政府的意见。", [
        "说明：城市可信数据空间申报单位须获得地方人民政府同意",
      ]),
    ).toBe("填写所在城市人民政府的意见。");
    expect(guidanceBeyondNotes("说明：甲。乙", ["说明：甲。"])).toBe("乙");
    expect(guidanceBeyondNotes("只有指引。", ["说明：别处"])).toBe("只有指引。");
    expect(guidanceBeyondNotes("说明：甲。", ["说明：甲"])).toBe("");
  });
});
