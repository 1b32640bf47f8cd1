import { describe, expect, it } from "vitest";
import { blocksToDoc, docToBlocks } from "../src/editor/blocks";
import type { Block } from "../src/bindings/Block";

const sample: Block[] = [
  { type: "heading", level: 2, text: "总体目标" },
  { type: "paragraph", text: "建成可信数据空间，汇聚数据资源。" },
  { type: "heading", level: 3, text: "数据资源" },
  { type: "list", kind: "numbered", items: ["第一项", "第二项"] },
  { type: "list", kind: "bullet", items: ["要点"] },
  { type: "table", caption: "表1 指标", header: ["指标", "目标值"], rows: [["接入主体", "100"], ["数据产品", "50"]] },
  { type: "image", media: "abc123", caption: "架构图" },
  { type: "heading", level: 4, text: "细项" },
];

describe("blocks ↔ editor document", () => {
  it("round-trips every block shape unchanged", () => {
    expect(docToBlocks(blocksToDoc(sample))).toEqual(sample);
  });

  it("gives an empty section one empty paragraph to type in, and stores nothing for it", () => {
    const doc = blocksToDoc([]);
    expect(doc.content).toHaveLength(1);
    expect(docToBlocks(doc)).toEqual([]);
  });

  it("flattens nested lists in reading order", () => {
    const doc = {
      type: "doc",
      content: [
        {
          type: "bulletList",
          content: [
            {
              type: "listItem",
              content: [
                { type: "paragraph", content: [{ type: "text", text: "甲" }] },
                { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "乙" }] }] }] },
              ],
            },
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "丙" }] }] },
          ],
        },
      ],
    };
    expect(docToBlocks(doc)).toEqual([{ type: "list", kind: "bullet", items: ["甲", "乙", "丙"] }]);
  });

  it("pads ragged table rows and clamps heading levels to 2–4", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "甲" }] },
        {
          type: "table",
          content: [
            { type: "tableRow", content: [{ type: "tableHeader", content: [{ type: "paragraph", content: [{ type: "text", text: "A" }] }] }, { type: "tableHeader", content: [] }] },
            { type: "tableRow", content: [{ type: "tableCell", content: [{ type: "paragraph", content: [{ type: "text", text: "1" }] }] }] },
          ],
        },
      ],
    };
    expect(docToBlocks(doc)).toEqual([
      { type: "heading", level: 2, text: "甲" },
      { type: "table", caption: "", header: ["A", ""], rows: [["1", ""]] },
    ]);
  });
});
