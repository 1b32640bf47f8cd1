//! The layout engine: an assembled [`Document`] turned into pages on its page layout (the form's
//! own, or GB/T 9704's 28 × 22 grid). It is the only source of page numbers: the PDF writer draws
//! its pages, the contents take their numbers, the checks and the preview ask it.
//!
//! Bordered tables continue across pages: a row taller than what is left of a page is split
//! between lines, the frame closed at the page's foot and reopened at the next page's head, with
//! a top-level table's header rows repeated. Written here because no kept crate lays out Chinese forms on
//! these pages; it is deterministic (fonts come in as [`ShippedFonts`], nothing reads the clock).

pub mod linebreak;

use crate::document::{
    self, Align, Cell, Document, Merge, Node, PageSpec, Para, Picture, Row, Size, Table,
};
use crate::fonts::{Face, ShippedFonts};
use crate::model::Dossier;
use crate::template::{CallSettings, Template};
use linebreak::break_lines;
use std::collections::BTreeMap;

pub use crate::document::MM;

/// Something drawn on a page. Coordinates are points from the page's top-left corner; text `y`
/// is the baseline.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        x: f32,
        y: f32,
        face: Face,
        size: f32,
        /// Extra space after each character (PDF `Tc`), for the grid and justification.
        spacing: f32,
        bold: bool,
        text: String,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    Image {
        media: String,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

impl Item {
    fn shifted(mut self, dy: f32) -> Item {
        match &mut self {
            Item::Text { y, .. } | Item::Image { y, .. } => *y += dy,
            Item::Rule { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
        }
        self
    }
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub items: Vec<Item>,
    /// The printed page number, when one is printed (none on the cover).
    pub number: Option<usize>,
}

/// A bookmark: title, nesting level (1 = part), page index.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub level: u8,
    pub title: String,
    pub page: usize,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub spec: PageSpec,
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    /// Page number (1-based, as printed) of each anchor (`part:plan`, `section:goals`, …).
    pub anchors: BTreeMap<String, usize>,
    /// The anchors in the order they were placed.
    pub order: Vec<String>,
}

/// Cell padding left and right (Word's default 108 twips, written into the Word file too).
pub const CELL_PAD: f32 = 5.4;
const RULE: f32 = 0.5;

/// Assembles a dossier on the form's page and lays it out: what the checks and the preview use.
pub fn layout_dossier(
    d: &Dossier,
    template: &Template,
    settings: &CallSettings,
    fonts: &ShippedFonts,
) -> crate::Result<Layout> {
    let doc = document::assemble(d, template, settings, &Default::default())?;
    Ok(layout(&doc, fonts))
}

/// A bookmark or anchor a piece carries: placed, it records its page.
#[derive(Debug, Clone)]
struct Mark {
    level: Option<u8>,
    title: String,
    anchor: String,
}

/// A laid-out, unbreakable piece of a flow (a line, a picture, a nested table's row). Items are
/// relative to the piece's top.
#[derive(Debug, Clone, Default)]
struct Piece {
    h: f32,
    /// The height that must fit for this piece to be placed: two lines for a paragraph's first
    /// line (no first line alone at a page's foot: orphan control).
    need: f32,
    items: Vec<Item>,
    keep_next: bool,
    marks: Vec<Mark>,
}

/// A cell laid out in a row: its left and right edges, its pieces, the cell.
type LaidCell<'r> = (f32, f32, Vec<Piece>, &'r Cell);

struct Engine<'f> {
    fonts: &'f ShippedFonts,
    spec: PageSpec,
    pages: Vec<Page>,
    y: f32,
    outline: Vec<OutlineEntry>,
    anchors: BTreeMap<String, usize>,
    order: Vec<String>,
}

/// Lays out the document.
pub fn layout(doc: &Document, fonts: &ShippedFonts) -> Layout {
    let spec = doc.spec();
    let mut e = Engine {
        fonts,
        spec,
        pages: vec![Page::default()],
        y: spec.top,
        outline: Vec::new(),
        anchors: BTreeMap::new(),
        order: Vec::new(),
    };
    let mut contents: Option<(usize, usize, &[document::ContentsEntry])> = None;
    for (i, node) in doc.nodes.iter().enumerate() {
        match node {
            Node::PageBreak => {
                if !e.page_is_empty() {
                    e.new_page();
                }
            }
            Node::Contents(entries) => {
                let per_page = spec.lines().saturating_sub(2).max(1);
                let count = (entries.len() + 1).div_ceil(per_page).max(1);
                if !e.page_is_empty() {
                    e.new_page();
                }
                contents = Some((e.pages.len() - 1, count, entries));
                for _ in 1..count {
                    e.new_page();
                }
                e.y = spec.top + spec.area_h();
            }
            Node::Table(t) => e.place_table(t),
            other => {
                let next = doc.nodes.get(i + 1);
                let pieces =
                    e.flow_pieces(std::slice::from_ref(other), spec.left, spec.area_w(), true);
                let next_h = next.map(|n| e.first_height(n));
                let count = pieces.len();
                for (k, p) in pieces.into_iter().enumerate() {
                    let after = if k + 1 < count {
                        Some(spec.pitch)
                    } else {
                        next_h
                    };
                    e.place(p, after);
                }
            }
        }
    }
    if let Some((start, count, entries)) = contents {
        e.fill_contents(start, count, entries);
    }
    e.number_pages();
    Layout {
        spec,
        pages: e.pages,
        outline: e.outline,
        anchors: e.anchors,
        order: e.order,
    }
}

impl Engine<'_> {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("at least one page")
    }

    fn page_is_empty(&self) -> bool {
        self.pages.last().is_none_or(|p| p.items.is_empty())
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.spec.top;
    }

    /// The foot of the type area: on the grid, a whole number of body lines.
    fn bottom(&self) -> f32 {
        if self.spec.char_grid {
            self.spec.top + self.spec.lines() as f32 * self.spec.pitch
        } else {
            self.spec.top + self.spec.area_h()
        }
    }

    fn at_top(&self) -> bool {
        self.y <= self.spec.top + 0.01
    }

    /// On the GB/T 9704 grid, the cursor goes back onto the next grid line.
    fn snap(&mut self) {
        if self.spec.char_grid {
            let line = ((self.y - self.spec.top) / self.spec.pitch - 0.01)
                .ceil()
                .max(0.0);
            self.y = self.spec.top + line * self.spec.pitch;
        }
    }

    fn record(&mut self, marks: &[Mark]) {
        let page = self.pages.len();
        for m in marks {
            if let Some(level) = m.level {
                self.outline.push(OutlineEntry {
                    level,
                    title: m.title.clone(),
                    page: page - 1,
                });
            }
            if !self.anchors.contains_key(&m.anchor) {
                self.anchors.insert(m.anchor.clone(), page);
                self.order.push(m.anchor.clone());
            }
        }
    }

    /// Places a piece of the top-level flow, on a new page when it does not fit (or when it
    /// must stay with the next piece, `next_h` high, and both do not fit).
    fn place(&mut self, p: Piece, next_h: Option<f32>) {
        let bottom = self.bottom();
        if !self.at_top()
            && (self.y + p.h.max(p.need) > bottom + 0.01
                || (p.keep_next && self.y + p.h + next_h.unwrap_or(0.0) > bottom + 0.01))
        {
            self.new_page();
        }
        self.record(&p.marks);
        let y = self.y;
        let items = p.items.into_iter().map(|i| i.shifted(y));
        self.page().items.extend(items);
        self.y += p.h;
        self.snap();
    }

    /// The height of a node's first piece, for keeping a heading with what follows.
    fn first_height(&self, node: &Node) -> f32 {
        match node {
            Node::Para(p) => p.size.pitch(&self.spec),
            Node::Blank => self.spec.pitch,
            Node::Table(_) => 2.0 * self.spec.pitch,
            Node::Picture(p) => self.picture_size(p, self.spec.area_w()).1,
            Node::PageBreak | Node::Contents(_) => 0.0,
        }
    }

    // ---- text ----

    /// The face that draws `c` for text in `face`: that face, else a fallback.
    fn face_for(&self, face: Face, c: char) -> Face {
        if self.fonts.has(face, c) || c.is_whitespace() {
            face
        } else if face == Face::Hei && self.fonts.has(Face::SansFallback, c) {
            Face::SansFallback
        } else if self.fonts.has(Face::SerifFallback, c) {
            Face::SerifFallback
        } else {
            face
        }
    }

    fn advance(&self, face: Face, size: f32, c: char) -> f32 {
        let f = self.fonts.face(face);
        let units = f.units_per_em() as f32;
        f.glyph_index(c)
            .and_then(|g| f.glyph_hor_advance(g))
            .map_or(size * if c.is_ascii() { 0.5 } else { 1.0 }, |a| {
                a as f32 / units * size
            })
    }

    /// A paragraph as line pieces in `width` from `x0`. On the character grid (`grid`), a
    /// full-width character takes exactly one of the 28 cells.
    fn para_pieces(&self, para: &Para, x0: f32, width: f32, grid: bool) -> Vec<Piece> {
        let size = para.size.points(&self.spec);
        let pitch = para.size.pitch(&self.spec);
        let chars: Vec<char> = para.text.chars().collect();
        let faces: Vec<Face> = chars.iter().map(|c| self.face_for(para.face, *c)).collect();
        let cell = self.spec.area_w() / 28.0;
        let base = if grid { cell - size } else { 0.0 };
        let widths: Vec<f32> = chars
            .iter()
            .zip(&faces)
            .map(|(c, f)| {
                let a = self.advance(*f, size, *c);
                if a >= size * 0.9 { a + base } else { a }
            })
            .collect();
        let em = if grid { cell } else { size };
        let first_indent = if para.indent { 2.0 * em } else { 0.0 };
        let lines = break_lines(&chars, &widths, width - first_indent, width);
        let marks = marks_of(para);
        if lines.is_empty() {
            return vec![Piece {
                h: pitch,
                keep_next: para.keep_next,
                marks,
                ..Default::default()
            }];
        }
        let count = lines.len();
        let mut out = Vec::with_capacity(count);
        for (li, line) in lines.iter().enumerate() {
            let baseline = pitch * 0.5 + size * 0.36;
            let indent = if li == 0 { first_indent } else { 0.0 };
            let range = line.range.clone();
            let mut natural: f32 = widths[range.clone()].iter().sum();
            let n = range.len();
            let hang = if line.hanging {
                widths[range.end - 1]
            } else {
                0.0
            };
            let measure = width - indent;
            let mut extra = 0.0;
            if para.align == Align::Justify && !line.last && n > 1 {
                let gaps = if line.hanging {
                    n.saturating_sub(2)
                } else {
                    n - 1
                };
                if gaps > 0 {
                    extra = ((measure - (natural - hang)) / gaps as f32)
                        .clamp(-size * 0.25, size * 0.6);
                }
            }
            natural += extra * n.saturating_sub(1) as f32;
            let mut x = x0
                + indent
                + match para.align {
                    Align::Center => ((measure - natural) / 2.0).max(0.0),
                    Align::Right => (measure - natural).max(0.0),
                    _ => 0.0,
                };
            let mut items = Vec::new();
            let mut i = range.start;
            while i < range.end {
                let face = faces[i];
                let full = widths[i] >= size * 0.9;
                let mut j = i;
                let mut run_width = 0.0;
                let mut s = String::new();
                while j < range.end && faces[j] == face && (widths[j] >= size * 0.9) == full {
                    s.push(chars[j]);
                    run_width += widths[j] + extra;
                    j += 1;
                }
                items.push(Item::Text {
                    x,
                    y: baseline,
                    face,
                    size,
                    spacing: if full { base + extra } else { extra },
                    bold: para.bold,
                    text: s,
                });
                x += run_width;
                i = j;
            }
            let pair = count >= 2 && li == 0;
            out.push(Piece {
                h: pitch,
                need: if pair { 2.0 * pitch } else { pitch },
                items,
                // A heading's lines stay together and with what follows.
                keep_next: para.keep_next,
                marks: if li == 0 { marks.clone() } else { Vec::new() },
            });
        }
        out
    }

    fn picture_size(&self, p: &Picture, width: f32) -> (f32, f32) {
        let (w, h) = (p.px.0.max(1) as f32, p.px.1.max(1) as f32);
        let scale = (width / w).min(p.max_h * self.spec.area_h() / h);
        (w * scale, h * scale)
    }

    /// Nodes inside a width as pieces: paragraphs by line, pictures whole, nested tables by row.
    fn flow_pieces(&self, nodes: &[Node], x0: f32, width: f32, top_level: bool) -> Vec<Piece> {
        let mut out = Vec::new();
        for node in nodes {
            match node {
                Node::Para(p) => {
                    let grid = top_level && self.spec.char_grid && p.size == Size::Body;
                    out.extend(self.para_pieces(p, x0, width, grid));
                }
                Node::Blank => out.push(Piece {
                    h: self.spec.pitch,
                    ..Default::default()
                }),
                Node::Picture(p) => {
                    let (w, h) = self.picture_size(p, width);
                    out.push(Piece {
                        h,
                        items: vec![Item::Image {
                            media: p.media.clone(),
                            x: x0 + (width - w) / 2.0,
                            y: 0.0,
                            w,
                            h,
                        }],
                        keep_next: true,
                        ..Default::default()
                    });
                }
                Node::Table(t) => out.extend(self.table_row_pieces(t, x0, width)),
                Node::PageBreak | Node::Contents(_) => {}
            }
        }
        out
    }

    // ---- tables ----

    /// Column edges of a table in `width` from `x0`.
    fn columns(t: &Table, x0: f32, width: f32) -> Vec<f32> {
        let total: f32 = t.widths.iter().sum::<f32>().max(1.0);
        let mut xs = vec![x0];
        let mut x = x0;
        for w in &t.widths {
            x += width * w / total;
            xs.push(x);
        }
        xs
    }

    /// Each cell's left edge, right edge and pieces.
    fn row_cells<'r>(&self, row: &'r Row, xs: &[f32]) -> Vec<LaidCell<'r>> {
        let mut col = 0;
        let mut out = Vec::new();
        for cell in &row.cells {
            let end = (col + cell.span.max(1)).min(xs.len() - 1);
            let (x1, x2) = (xs[col.min(xs.len() - 1)], xs[end]);
            let pieces = self.flow_pieces(
                &cell.content,
                x1 + CELL_PAD,
                x2 - x1 - 2.0 * CELL_PAD,
                false,
            );
            out.push((x1, x2, pieces, cell));
            col = end;
        }
        out
    }

    /// A nested table as one piece per row, its rules drawn. Its header rows are not repeated on
    /// a new page: Word and WPS repeat none in a nested table, and both files paginate alike.
    fn table_row_pieces(&self, t: &Table, x0: f32, width: f32) -> Vec<Piece> {
        let xs = Self::columns(t, x0, width);
        let mut out = Vec::new();
        for (ri, row) in t.rows.iter().enumerate() {
            let cells = self.row_cells(row, &xs);
            let merged_below = |c: usize| -> bool {
                t.rows.get(ri + 1).is_some_and(|next| {
                    cell_at(next, c).is_some_and(|n| n.merge == Merge::Continue)
                })
            };
            let h = cells
                .iter()
                .map(|(_, _, p, _)| p.iter().map(|p| p.h).sum::<f32>())
                .fold(self.spec.small_pitch(), f32::max);
            let mut items = Vec::new();
            let mut col = 0;
            for (x1, x2, pieces, cell) in cells {
                place_in_cell(&mut items, pieces, 0.0, h, cell.middle);
                if cell.merge != Merge::Continue {
                    items.push(rule(x1, 0.0, x2, 0.0));
                }
                if !merged_below(col) {
                    items.push(rule(x1, h, x2, h));
                }
                items.push(rule(x1, 0.0, x1, h));
                items.push(rule(x2, 0.0, x2, h));
                col += cell.span.max(1);
            }
            out.push(Piece {
                h,
                need: h,
                items,
                keep_next: row.header || row.heading,
                marks: Vec::new(),
            });
        }
        out
    }

    /// A top-level table: rows placed one after another, a row that does not fit split between
    /// its lines with the frame closed and reopened; rows joined by a vertical merge kept whole.
    fn place_table(&mut self, t: &Table) {
        let spec = self.spec;
        let (x0, width) = match (t.form, spec.form_table_width) {
            (true, Some(w)) => (spec.left - (w - spec.area_w()) / 2.0, w),
            _ => (spec.left, spec.area_w()),
        };
        let xs = Self::columns(t, x0, width);
        let right = *xs.last().expect("a table has columns");
        let header_rows: Vec<&Row> = t.rows.iter().take_while(|r| r.header).collect();
        let mut i = 0;
        let mut open = false;
        while i < t.rows.len() {
            let mut j = i + 1;
            while j < t.rows.len() && t.rows[j].cells.iter().any(|c| c.merge == Merge::Continue) {
                j += 1;
            }
            let group = &t.rows[i..j];
            let next_h = t.rows.get(j).map_or(0.0, |_| spec.pitch);
            if group.len() > 1 || group[0].heading {
                let (h, items) = self.group(group, &xs);
                let need = h + if group.iter().any(|r| r.heading) {
                    next_h
                } else {
                    0.0
                };
                if self.y + need > self.bottom() + 0.01 && !self.at_top() {
                    self.close_and_turn(x0, right, &header_rows, &xs, &mut open);
                }
                let y = self.y;
                for r in group {
                    for c in &r.cells {
                        self.record_cell_marks(c);
                    }
                }
                self.page()
                    .items
                    .extend(items.into_iter().map(|it| it.shifted(y)));
                self.y += h;
                open = true;
            } else {
                self.split_row(&group[0], &xs, x0, right, &header_rows, &mut open);
            }
            i = j;
        }
        if open {
            let y = self.y;
            self.page().items.push(rule(x0, y, right, y));
        }
        self.snap();
    }

    fn record_cell_marks(&mut self, c: &Cell) {
        for n in &c.content {
            if let Node::Para(p) = n {
                self.record(&marks_of(p));
            }
        }
    }

    /// Closes the frame at the cursor, turns the page and draws the header rows again.
    fn close_and_turn(
        &mut self,
        x0: f32,
        right: f32,
        headers: &[&Row],
        xs: &[f32],
        open: &mut bool,
    ) {
        if *open {
            let y = self.y;
            self.page().items.push(rule(x0, y, right, y));
        }
        self.new_page();
        *open = false;
        if !headers.is_empty() {
            let rows: Vec<Row> = headers.iter().map(|r| (*r).clone()).collect();
            let (h, items) = self.group(&rows, xs);
            let y = self.y;
            self.page()
                .items
                .extend(items.into_iter().map(|it| it.shifted(y)));
            self.y += h;
            *open = true;
        }
    }

    /// Rows drawn whole, merged cells centred over the rows they span. Items relative to the
    /// group's top.
    fn group(&self, rows: &[Row], xs: &[f32]) -> (f32, Vec<Item>) {
        let laid: Vec<Vec<LaidCell<'_>>> = rows.iter().map(|r| self.row_cells(r, xs)).collect();
        let min = self.spec.pitch;
        let mut heights: Vec<f32> = laid
            .iter()
            .map(|cells| {
                cells
                    .iter()
                    .filter(|c| c.3.merge != Merge::Start || rows.len() == 1)
                    .map(|(_, _, p, _)| p.iter().map(|p| p.h).sum::<f32>())
                    .fold(min, f32::max)
            })
            .collect();
        // A merged cell taller than its rows stretches the last of them.
        for cells in &laid {
            for (_, _, p, c) in cells {
                if c.merge == Merge::Start && rows.len() > 1 {
                    let need: f32 = p.iter().map(|p| p.h).sum();
                    let have: f32 = heights.iter().sum();
                    if need > have {
                        *heights.last_mut().expect("rows") += need - have;
                    }
                }
            }
        }
        let total: f32 = heights.iter().sum();
        let mut items = Vec::new();
        let mut top = 0.0;
        for (ri, cells) in laid.into_iter().enumerate() {
            let h = heights[ri];
            for (x1, x2, pieces, cell) in cells {
                let span_h = if cell.merge == Merge::Start && rows.len() > 1 {
                    total - top
                } else {
                    h
                };
                place_in_cell(&mut items, pieces, top, span_h, cell.middle);
                if cell.merge != Merge::Continue {
                    items.push(rule(x1, top, x2, top));
                }
                items.push(rule(x1, top, x1, top + h));
                items.push(rule(x2, top, x2, top + h));
            }
            top += h;
        }
        (total, items)
    }

    /// One row, split across pages when it must be.
    fn split_row(
        &mut self,
        row: &Row,
        xs: &[f32],
        x0: f32,
        right: f32,
        headers: &[&Row],
        open: &mut bool,
    ) {
        let mut cells = self.row_cells(row, xs);
        let natural = cells
            .iter()
            .map(|(_, _, p, _)| p.iter().map(|p| p.h).sum::<f32>())
            .fold(self.spec.pitch, f32::max);
        let capacity = self.bottom() - self.spec.top;
        // A short row that does not fit goes whole to the next page.
        if self.y + natural > self.bottom() + 0.01 && natural <= capacity * 0.25 && !self.at_top() {
            self.close_and_turn(x0, right, headers, xs, open);
        }
        let mut first = true;
        let mut just_turned = self.at_top();
        loop {
            let avail = self.bottom() - self.y;
            let mut taken: Vec<Vec<Piece>> = Vec::new();
            let mut any = false;
            for (_, _, pieces, _) in cells.iter_mut() {
                let mut used = 0.0;
                let mut k = 0;
                // No paragraph's first line alone at the page's foot, but for the row's very
                // first line (LibreOffice splits rows so, and the Word file must paginate alike).
                while k < pieces.len()
                    && used
                        + if first && k == 0 {
                            pieces[k].h
                        } else {
                            pieces[k].h.max(pieces[k].need)
                        }
                        <= avail + 0.01
                {
                    used += pieces[k].h;
                    k += 1;
                }
                // Keep a heading with the line after it.
                while k > 0
                    && k < pieces.len()
                    && pieces[k - 1].keep_next
                    && pieces[k - 1].h < avail
                {
                    k -= 1;
                    if k == 0 || !pieces[k - 1].keep_next {
                        break;
                    }
                }
                if k == 0 && !pieces.is_empty() && just_turned {
                    k = 1; // taller than a page: drawn anyway
                }
                if k > 0 {
                    any = true;
                }
                taken.push(pieces.drain(..k).collect());
            }
            if !any && !cells.iter().all(|(_, _, p, _)| p.is_empty()) {
                self.close_and_turn(x0, right, headers, xs, open);
                first = false;
                just_turned = true;
                continue;
            }
            let rest = cells.iter().any(|(_, _, p, _)| !p.is_empty());
            let seg_h = taken
                .iter()
                .map(|s| s.iter().map(|p| p.h).sum::<f32>())
                .fold(0.0, f32::max);
            let seg_h = if rest {
                self.bottom() - self.y
            } else {
                seg_h.max(self.spec.pitch)
            };
            let top = self.y;
            let mut items = Vec::new();
            let mut marks = Vec::new();
            for ((x1, x2, _, cell), seg) in cells.iter().zip(taken) {
                marks.extend(seg.iter().flat_map(|p| p.marks.iter().cloned()));
                place_in_cell(&mut items, seg, top, seg_h, cell.middle && !rest && first);
                items.push(rule(*x1, top, *x2, top));
                items.push(rule(*x1, top, *x1, top + seg_h));
                items.push(rule(*x2, top, *x2, top + seg_h));
            }
            self.record(&marks);
            self.page().items.extend(items);
            self.y = top + seg_h;
            *open = true;
            if !rest {
                break;
            }
            self.close_and_turn(x0, right, &[], xs, open);
            first = false;
            just_turned = true;
        }
    }

    // ---- contents and page numbers ----

    fn fill_contents(&mut self, start: usize, count: usize, entries: &[document::ContentsEntry]) {
        let spec = self.spec;
        let saved = std::mem::take(&mut self.pages);
        let saved_y = self.y;
        self.pages = vec![Page::default()];
        self.y = spec.top;
        let title = Para::new("目　　录", Face::Title, Size::Title, Align::Center);
        for p in self.para_pieces(&title, spec.left, spec.area_w(), false) {
            self.place(p, None);
        }
        self.y += spec.pitch;
        for entry in entries {
            let page = self.anchors.get(&entry.anchor).copied().unwrap_or(0);
            let para = Para::new(&entry.text, Face::Fang, Size::Body, Align::Left);
            let indent = if entry.level == 1 {
                0.0
            } else {
                2.0 * spec.body
            };
            let pieces = self.para_pieces(
                &para,
                spec.left + indent,
                spec.area_w() - 3.0 * spec.body - indent,
                false,
            );
            for p in pieces {
                self.place(p, None);
            }
            let number = page.to_string();
            let nw = number.len() as f32 * spec.body * 0.5;
            let y = self.y - spec.pitch * 0.5 + spec.body * 0.36;
            self.page().items.push(Item::Text {
                x: spec.left + spec.area_w() - nw,
                y,
                face: Face::Fang,
                size: spec.body,
                spacing: 0.0,
                bold: false,
                text: number,
            });
        }
        let laid = std::mem::replace(&mut self.pages, saved);
        self.y = saved_y;
        for (k, page) in laid.into_iter().enumerate().take(count) {
            self.pages[start + k] = page;
        }
    }

    /// `— n —` on every page but the cover: centred on the form's page; on GB/T 9704's, odd pages
    /// right and even pages left, one character in.
    fn number_pages(&mut self) {
        let spec = self.spec;
        let y = spec.page_h - spec.footer_from_edge;
        for (i, page) in self.pages.iter_mut().enumerate() {
            let n = i + 1;
            if n == 1 {
                continue;
            }
            page.number = Some(n);
            let text = format!("— {n} —");
            let width = 14.0 * 2.0 + n.to_string().len() as f32 * 7.0 + 2.0 * 3.5;
            let x = if !spec.char_grid {
                spec.left + (spec.area_w() - width) / 2.0
            } else if n % 2 == 1 {
                spec.left + spec.area_w() - 14.0 - width
            } else {
                spec.left + 14.0
            };
            page.items.push(Item::Text {
                x,
                y,
                face: Face::Song,
                size: 14.0,
                spacing: 0.0,
                bold: false,
                text,
            });
        }
    }
}

/// The shipped fonts are the checks' glyph coverage, and lay out for their page budgets.
impl crate::checks::GlyphCoverage for ShippedFonts {
    /// Drawable when the body face or the serif fallback has it; white space always is.
    fn covers(&self, c: char) -> bool {
        c.is_whitespace() || self.has(Face::Fang, c) || self.has(Face::SerifFallback, c)
    }

    /// The form's page, laid out with these fonts.
    fn section_pages(
        &self,
        d: &Dossier,
        template: &Template,
        settings: &CallSettings,
    ) -> Option<BTreeMap<String, usize>> {
        layout_dossier(d, template, settings, self)
            .ok()
            .map(|l| l.section_pages(template))
    }
}

/// A cell's pieces one under the other from `top`, centred in `height` when `middle`.
fn place_in_cell(items: &mut Vec<Item>, pieces: Vec<Piece>, top: f32, height: f32, middle: bool) {
    let content: f32 = pieces.iter().map(|p| p.h).sum();
    let mut y = top
        + if middle {
            ((height - content) / 2.0).max(0.0)
        } else {
            0.0
        };
    for p in pieces {
        items.extend(p.items.into_iter().map(|i| i.shifted(y)));
        y += p.h;
    }
}

/// The bookmark and anchors a paragraph carries.
fn marks_of(para: &Para) -> Vec<Mark> {
    para.outline
        .iter()
        .map(|o| Mark {
            level: Some(o.level),
            title: para.text.clone(),
            anchor: o.anchor.clone(),
        })
        .chain(para.marks.iter().map(|a| Mark {
            level: None,
            title: String::new(),
            anchor: a.clone(),
        }))
        .collect()
}

fn rule(x1: f32, y1: f32, x2: f32, y2: f32) -> Item {
    Item::Rule {
        x1,
        y1,
        x2,
        y2,
        width: RULE,
    }
}

/// The cell of `row` that starts at grid column `col`.
fn cell_at(row: &Row, col: usize) -> Option<&Cell> {
    let mut c = 0;
    for cell in &row.cells {
        if c == col {
            return Some(cell);
        }
        c += cell.span.max(1);
    }
    None
}

impl Layout {
    /// Pages each section spans, from its anchor to the next section's or part's (a page shared
    /// by two counts for both), by section key.
    pub fn section_pages(&self, template: &Template) -> BTreeMap<String, usize> {
        let starts: Vec<(&str, usize)> = self
            .order
            .iter()
            .filter(|a| !a.contains('/'))
            .map(|a| (a.as_str(), self.anchors[a]))
            .collect();
        let mut out = BTreeMap::new();
        for (i, (anchor, start)) in starts.iter().enumerate() {
            let Some(crate::model::Anchor::Section(key)) = crate::model::Anchor::parse(anchor)
            else {
                continue;
            };
            if template.section(&key).is_none() {
                continue;
            }
            let end = starts[i + 1..]
                .iter()
                .find(|(_, p)| *p >= *start)
                .map_or(self.pages.len(), |(_, p)| *p);
            out.insert(key, end.saturating_sub(*start) + 1);
        }
        out
    }
}
