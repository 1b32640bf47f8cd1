// Cleans HTML pasted from Word or WPS before the editor parses it: keeps paragraphs,
// sub-headings, lists and tables, drops the foreign styling. Word writes list paragraphs as
// <p class="MsoListParagraph…" style="mso-list:…"> with the marker in a mso-list:Ignore span, and
// Chinese documents often number headings by hand (（一）, 1., （1）); both become the model's shapes,
// and hand-typed heading numbers are dropped because the program numbers headings itself.

const HAND_NUMBERED: Array<[RegExp, number]> = [
  [/^[一二三四五六七八九十]+、\s*/, 2],
  [/^[（(][一二三四五六七八九十]+[)）]\s*/, 2],
  [/^\d{1,2}[.．、]\s*(?!\d)/, 3],
  [/^[（(]\d{1,2}[)）]\s*/, 4],
];

/** The heading level a hand-numbered short line stands for, and its text without the number. */
export function handNumberedHeading(text: string): { level: number; text: string } | null {
  const t = text.trim();
  // A heading is short and is not a sentence.
  if (t.length > 40 || /[。；;]/.test(t.slice(0, -1)) || t.endsWith("。")) return null;
  for (const [pattern, level] of HAND_NUMBERED) {
    const m = t.match(pattern);
    if (m && t.length > m[0].length) return { level, text: t.slice(m[0].length).trim() };
  }
  return null;
}

function isListParagraph(el: Element): boolean {
  return /MsoListParagraph/i.test(el.className) || /mso-list\s*:/i.test(el.getAttribute("style") ?? "");
}

export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const body = doc.body;
  const IGNORE = "[style*='mso-list:Ignore'], [style*='mso-list: Ignore']";
  body.querySelectorAll("o\\:p, style, script, meta, link, xml").forEach((e) => e.remove());
  // Level 1 is the section itself: Word's 标题 1 becomes our first sub-heading level.
  for (const [from, to] of [["h1", "h2"], ["h5", "h4"], ["h6", "h4"]] as const) {
    body.querySelectorAll(from).forEach((e) => {
      const n = doc.createElement(to);
      n.textContent = e.textContent;
      e.replaceWith(n);
    });
  }
  // Runs of Word list paragraphs become one list.
  const paragraphs = Array.from(body.querySelectorAll("p"));
  let current: HTMLElement | null = null;
  for (const p of paragraphs) {
    if (isListParagraph(p)) {
      // Word's marker sits in a hidden span; WPS types it into the text.
      const hidden = p.querySelector(IGNORE);
      const marker = (hidden?.textContent ?? "").replace(/\u00a0/g, " ").trim();
      hidden?.remove();
      const raw = (p.textContent ?? "").replace(/\u00a0/g, " ").trim();
      const ordered = /^(\d+|[a-zA-Z]|[一二三四五六七八九十]+)[.．、)）]/.test(marker || raw);
      const text = hidden ? raw : raw.replace(/^([·•▪◦§\-–]|\d+[.．、)）]|[a-zA-Z][.)]|[一二三四五六七八九十]+、)\s*/, "");
      const prev = current?.nextElementSibling === p ? current : null;
      const list: HTMLElement = prev ?? doc.createElement(ordered ? "ol" : "ul");
      const li = doc.createElement("li");
      li.textContent = text;
      list.appendChild(li);
      if (!prev) p.before(list);
      p.remove();
      current = list;
    } else {
      const h = handNumberedHeading(p.textContent ?? "");
      if (h) {
        const n = doc.createElement(`h${h.level}`);
        n.textContent = h.text;
        p.replaceWith(n);
      }
      current = null;
    }
  }
  body.querySelectorAll(IGNORE).forEach((e) => e.remove());
  // Foreign styling: every attribute but table spans goes.
  body.querySelectorAll("*").forEach((e) => {
    for (const a of Array.from(e.attributes)) {
      if (!["colspan", "rowspan"].includes(a.name)) e.removeAttribute(a.name);
    }
  });
  return body.innerHTML;
}
