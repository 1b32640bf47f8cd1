import { describe, expect, it } from "vitest";
import { chineseNumeral, destinationOf, localTime, sectionNumber } from "../src/format";

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
    expect(destinationOf("commitment/clause:1", sections, part)).toEqual({ page: "part:commitment", target: "clause-1" });
  });
});
