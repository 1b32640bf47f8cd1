// Converts between the model's blocks (what the core stores and exports) and the editor's
// ProseMirror document. The editor's schema holds exactly these shapes, so nothing the user
// types can fall outside the model: paragraphs, sub-headings (levels 2–4), lists, tables, images.
import type { JSONContent } from "@tiptap/core";
import type { Block } from "../bindings/Block";

function textContent(text: string): JSONContent[] | undefined {
  return text ? [{ type: "text", text }] : undefined;
}

function paragraph(text: string): JSONContent {
  return { type: "paragraph", content: textContent(text) };
}

/** The plain text of a node: text nodes joined, hard breaks and paragraphs as line feeds. */
export function plainText(node: JSONContent | undefined): string {
  if (!node) return "";
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  const children = node.content ?? [];
  const separator = node.type === "tableCell" || node.type === "tableHeader" || node.type === "listItem" ? "\n" : "";
  return children
    .filter((c) => c.type !== "bulletList" && c.type !== "orderedList")
    .map(plainText)
    .join(separator);
}

/** One list's items, nested lists flattened in reading order (the model has one level). */
function listItems(list: JSONContent): string[] {
  const items: string[] = [];
  for (const item of list.content ?? []) {
    items.push(plainText(item));
    for (const child of item.content ?? []) {
      if (child.type === "bulletList" || child.type === "orderedList") items.push(...listItems(child));
    }
  }
  return items;
}

export function blocksToDoc(blocks: Block[], mediaUrl: (id: string) => string = () => ""): JSONContent {
  const content: JSONContent[] = blocks.map((b): JSONContent => {
    switch (b.type) {
      case "paragraph":
        return paragraph(b.text);
      case "heading":
        return { type: "heading", attrs: { level: b.level }, content: textContent(b.text) };
      case "list":
        return {
          type: b.kind === "numbered" ? "orderedList" : "bulletList",
          content: b.items.map((item) => ({ type: "listItem", content: [paragraph(item)] })),
        };
      case "table": {
        const row = (cells: string[], cellType: string): JSONContent => ({
          type: "tableRow",
          content: cells.map((c) => ({ type: cellType, content: [paragraph(c)] })),
        });
        return {
          type: "table",
          attrs: { caption: b.caption },
          content: [row(b.header, "tableHeader"), ...b.rows.map((r) => row(r, "tableCell"))],
        };
      }
      case "image":
        return { type: "image", attrs: { media: b.media, caption: b.caption, src: mediaUrl(b.media), alt: b.caption } };
    }
  });
  return { type: "doc", content: content.length ? content : [paragraph("")] };
}

/** The editor's document as blocks. An empty trailing paragraph (the cursor's resting place) is dropped. */
export function docToBlocks(doc: JSONContent): Block[] {
  const blocks: Block[] = [];
  for (const node of doc.content ?? []) {
    switch (node.type) {
      case "paragraph":
        blocks.push({ type: "paragraph", text: plainText(node) });
        break;
      case "heading": {
        const level = Math.min(4, Math.max(2, Number(node.attrs?.level ?? 2)));
        blocks.push({ type: "heading", level, text: plainText(node) });
        break;
      }
      case "bulletList":
      case "orderedList":
        blocks.push({ type: "list", kind: node.type === "orderedList" ? "numbered" : "bullet", items: listItems(node) });
        break;
      case "table": {
        const rows = (node.content ?? []).map((r) => (r.content ?? []).map(plainText));
        const width = Math.max(1, ...rows.map((r) => r.length));
        const padded = rows.map((r) => [...r, ...Array(width - r.length).fill("")]);
        blocks.push({
          type: "table",
          caption: String(node.attrs?.caption ?? ""),
          header: padded[0] ?? [""],
          rows: padded.slice(1),
        });
        break;
      }
      case "image":
        if (node.attrs?.media) blocks.push({ type: "image", media: String(node.attrs.media), caption: String(node.attrs.caption ?? "") });
        break;
    }
  }
  while (blocks.length) {
    const last = blocks[blocks.length - 1];
    if (last.type === "paragraph" && last.text.trim() === "") blocks.pop();
    else break;
  }
  return blocks;
}
