// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { cleanPastedHtml, handNumberedHeading } from "../src/editor/paste";

const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>
<h1 style="mso-style-name:标题1"><span style="font-family:黑体">建设目标</span></h1>
<p class=MsoNormal style="text-indent:2em"><span style="font-size:16pt;color:red">建成城市可信数据空间。</span><o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">1.<span>&nbsp;&nbsp;</span></span>汇聚数据</p>
<p class=MsoListParagraphCxSpLast style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">2.<span>&nbsp;&nbsp;</span></span>开放流通</p>
<p class=MsoNormal>（一）总体架构</p>
<table class=MsoTableGrid style="border:solid"><tr><td style="width:100pt"><p>指标</p></td><td><p>目标</p></td></tr></table>
</body></html>`;

describe("paste from Word/WPS", () => {
  const out = cleanPastedHtml(WORD);
  const doc = new DOMParser().parseFromString(out, "text/html");

  it("keeps headings (Word's 标题1 becomes the first sub-heading level)", () => {
    expect(doc.querySelector("h2")?.textContent).toBe("建设目标");
  });
  it("turns Word list paragraphs into one numbered list without the typed markers", () => {
    const items = Array.from(doc.querySelectorAll("ol > li")).map((li) => li.textContent);
    expect(items).toEqual(["汇聚数据", "开放流通"]);
  });
  it("turns a hand-numbered short line into a heading without its number", () => {
    expect(Array.from(doc.querySelectorAll("h2")).map((h) => h.textContent)).toContain("总体架构");
  });
  it("keeps tables and drops every style, class and Office tag", () => {
    expect(doc.querySelectorAll("td")).toHaveLength(2);
    expect(out).not.toMatch(/style=|class=|o:p|mso/);
    expect(doc.body.textContent).toContain("建成城市可信数据空间。");
  });
  it("does not mistake a sentence or a decimal for a heading", () => {
    expect(handNumberedHeading("一、建设内容包括很多方面。其次是运营。")).toBeNull();
    expect(handNumberedHeading("1.5亿元用于建设")).toBeNull();
    expect(handNumberedHeading("（1）数据目录")).toEqual({ level: 4, text: "数据目录" });
    expect(handNumberedHeading("2．运营机制")).toEqual({ level: 3, text: "运营机制" });
  });
});
