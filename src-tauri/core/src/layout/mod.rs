//! The layout engine: the document model turned into pages on the GB/T 9704 grid (A4, type area
//! 156 × 225 mm at 37 mm / 28 mm, 28 characters × 22 lines of 三号 text). It is the only source
//! of page numbers: the PDF writer draws its pages, the table of contents takes its numbers, and
//! the checks and the app's preview can ask it.
//!
//! Written here because no kept crate lays out Chinese official documents on this grid. The
//! engine is deterministic: fonts come in as [`ShippedFonts`], nothing reads the clock.

pub mod linebreak;
pub mod structure;

use crate::fonts::{Face, ShippedFonts};
use crate::model::{Block, Dossier, ListKind};
use crate::numbering::heading_labels;
use crate::template::{CallSettings, TableDef, Template};
use linebreak::break_lines;
use std::collections::BTreeMap;

pub const MM: f32 = 72.0 / 25.4;
pub const PAGE_W: f32 = 210.0 * MM;
pub const PAGE_H: f32 = 297.0 * MM;
pub const LEFT: f32 = 28.0 * MM;
pub const TOP: f32 = 37.0 * MM;
pub const AREA_W: f32 = 156.0 * MM;
pub const AREA_H: f32 = 225.0 * MM;
pub const LINES: usize = 22;
pub const CHARS: usize = 28;
pub const PITCH: f32 = AREA_H / LINES as f32;
pub const CELL: f32 = AREA_W / CHARS as f32;
pub const BODY_SIZE: f32 = 16.0;

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

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub items: Vec<Item>,
    /// The printed page number, when one is printed (none on the cover).
    pub number: Option<usize>,
}

/// A bookmark: title, nesting level (1 = section), page index.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub level: u8,
    pub title: String,
    pub page: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    /// Page number (1-based, as printed) of each heading anchor (`section:goals`, …).
    pub anchors: BTreeMap<String, usize>,
    /// Extra media the layout drew (the Gantt chart), by id.
    pub generated_media: Vec<crate::model::Media>,
}

/// Text style: face, size, fake bold.
#[derive(Debug, Clone, Copy)]
struct Style {
    face: Face,
    size: f32,
    bold: bool,
}

const BODY: Style = Style {
    face: Face::Fang,
    size: BODY_SIZE,
    bold: false,
};
const HEI: Style = Style {
    face: Face::Hei,
    size: BODY_SIZE,
    bold: false,
};
const KAI: Style = Style {
    face: Face::Kai,
    size: BODY_SIZE,
    bold: false,
};
const CELL_STYLE: Style = Style {
    face: Face::Fang,
    size: 12.0,
    bold: false,
};
const CELL_LEADING: f32 = 17.0;

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Justify,
    Left,
    Center,
    Right,
}

struct Composer<'a> {
    fonts: &'a ShippedFonts,
    pages: Vec<Page>,
    /// Next grid line on the current page (0..22), or the y cursor for free content.
    y: f32,
    layout: Layout,
}

impl<'a> Composer<'a> {
    fn new(fonts: &'a ShippedFonts) -> Self {
        Composer {
            fonts,
            pages: vec![Page::default()],
            y: TOP,
            layout: Layout::default(),
        }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("at least one page")
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    /// The grid line the cursor is at (rounded up).
    fn grid_line(&self) -> usize {
        (((self.y - TOP) / PITCH) - 0.01).ceil().max(0.0) as usize
    }

    fn lines_left(&self) -> usize {
        LINES.saturating_sub(self.grid_line())
    }

    /// The face that draws `c` for a text in `style`: the style's face, else a fallback.
    fn face_for(&self, style: Style, c: char) -> Face {
        if self.fonts.has(style.face, c) || c.is_whitespace() {
            style.face
        } else if style.face == Face::Hei && self.fonts.has(Face::SansFallback, c) {
            Face::SansFallback
        } else if self.fonts.has(Face::SerifFallback, c) {
            Face::SerifFallback
        } else {
            style.face
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

    /// Lays out `text` as lines. On the body grid (`grid`), each line takes one grid line and
    /// full-width characters advance one grid cell; otherwise lines are `leading` apart from the
    /// cursor. Returns the number of lines.
    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        text: &str,
        style: Style,
        first_indent: f32,
        x0: f32,
        width: f32,
        align: Align,
        grid: bool,
        leading: f32,
    ) -> usize {
        let chars: Vec<char> = text.chars().collect();
        let faces: Vec<Face> = chars.iter().map(|c| self.face_for(style, *c)).collect();
        // On the grid a full-width character takes exactly one cell.
        let base = if grid { CELL - style.size } else { 0.0 };
        let widths: Vec<f32> = chars
            .iter()
            .zip(&faces)
            .map(|(c, f)| {
                let a = self.advance(*f, style.size, *c);
                if a >= style.size * 0.9 { a + base } else { a }
            })
            .collect();
        let lines = break_lines(&chars, &widths, width - first_indent, width);
        for (li, line) in lines.iter().enumerate() {
            if grid {
                if self.lines_left() == 0 {
                    self.new_page();
                }
                let line_no = self.grid_line();
                self.y = TOP + line_no as f32 * PITCH;
            } else if self.y + leading > TOP + AREA_H {
                self.new_page();
            }
            let baseline = if grid {
                self.y + PITCH * 0.5 + style.size * 0.36
            } else {
                self.y + leading * 0.5 + style.size * 0.36
            };
            let indent = if li == 0 { first_indent } else { 0.0 };
            let range = line.range.clone();
            let mut natural: f32 = widths[range.clone()].iter().sum();
            let count = range.len();
            let hang = if line.hanging {
                widths[range.end - 1]
            } else {
                0.0
            };
            let measure = width - indent;
            let mut extra = 0.0;
            if align == Align::Justify && !line.last && count > 1 {
                let gaps = if line.hanging {
                    count.saturating_sub(2)
                } else {
                    count - 1
                };
                if gaps > 0 {
                    extra = (measure - (natural - hang)) / gaps as f32;
                    extra = extra.clamp(-style.size * 0.25, style.size * 0.6);
                }
            }
            natural += extra * count.saturating_sub(1) as f32;
            let mut x = x0
                + indent
                + match align {
                    Align::Center => ((measure - natural) / 2.0).max(0.0),
                    Align::Right => (measure - natural).max(0.0),
                    _ => 0.0,
                };
            // One text item per run of characters in the same face and spacing.
            let mut i = range.start;
            while i < range.end {
                let face = faces[i];
                let full = widths[i] >= style.size * 0.9;
                let mut j = i;
                let mut run_width = 0.0;
                let mut s = String::new();
                while j < range.end && faces[j] == face && (widths[j] >= style.size * 0.9) == full {
                    s.push(chars[j]);
                    run_width += widths[j] + extra;
                    j += 1;
                }
                let spacing = if full { base + extra } else { extra };
                self.page().items.push(Item::Text {
                    x,
                    y: baseline,
                    face,
                    size: style.size,
                    spacing,
                    bold: style.bold,
                    text: s,
                });
                x += run_width;
                i = j;
            }
            self.y += if grid { PITCH } else { leading };
        }
        lines.len()
    }

    fn body_paragraph(&mut self, text: &str) {
        self.text(
            text,
            BODY,
            2.0 * CELL,
            LEFT,
            AREA_W,
            Align::Justify,
            true,
            PITCH,
        );
    }

    fn centered(&mut self, text: &str, style: Style) {
        self.text(text, style, 0.0, LEFT, AREA_W, Align::Center, true, PITCH);
    }

    fn right(&mut self, text: &str, style: Style) {
        self.text(
            text,
            style,
            0.0,
            LEFT,
            AREA_W - 4.0 * CELL,
            Align::Right,
            true,
            PITCH,
        );
    }

    fn blank(&mut self) {
        if self.lines_left() > 0 {
            let l = self.grid_line();
            self.y = TOP + (l + 1) as f32 * PITCH;
        }
    }

    /// A heading kept with its next two lines.
    fn heading(&mut self, label: &str, text: &str, style: Style, level: u8, anchor: String) {
        if self.lines_left() < 3 {
            self.new_page();
        }
        let page = self.pages.len();
        self.layout.outline.push(OutlineEntry {
            level,
            title: format!("{label}{text}"),
            page: page - 1,
        });
        self.layout.anchors.insert(anchor, page);
        self.text(
            &format!("{label}{text}"),
            style,
            2.0 * CELL,
            LEFT,
            AREA_W,
            Align::Justify,
            true,
            PITCH,
        );
    }

    fn title(&mut self, text: &str) {
        let style = Style {
            face: Face::Title,
            size: 22.0,
            bold: false,
        };
        self.text(text, style, 0.0, LEFT, AREA_W, Align::Center, true, PITCH);
        self.blank();
    }

    /// A table with wrapped cells; the header rows repeat on each page the table spans.
    fn table(
        &mut self,
        header_rows: &[Vec<(String, usize)>],
        rows: &[Vec<String>],
        widths: &[f32],
    ) {
        self.y = TOP + self.grid_line() as f32 * PITCH;
        let cell_lines = |c: &mut Composer<'_>, text: &str, w: f32| -> Vec<String> {
            let chars: Vec<char> = text.chars().collect();
            let ws: Vec<f32> = chars
                .iter()
                .map(|ch| {
                    let f = c.face_for(CELL_STYLE, *ch);
                    c.advance(f, CELL_STYLE.size, *ch)
                })
                .collect();
            break_lines(&chars, &ws, w - 8.0, w - 8.0)
                .into_iter()
                .map(|l| chars[l.range].iter().collect())
                .collect()
        };
        let draw_row = |c: &mut Composer<'_>, cells: &[(String, f32, f32)], header: bool| -> f32 {
            let wrapped: Vec<Vec<String>> =
                cells.iter().map(|(t, _, w)| cell_lines(c, t, *w)).collect();
            let height =
                wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * CELL_LEADING + 8.0;
            let top = c.y;
            for ((_, x, w), lines) in cells.iter().zip(&wrapped) {
                let block = lines.len() as f32 * CELL_LEADING;
                let mut y = top + (height - block) / 2.0;
                for line in lines {
                    c.y = y;
                    let style = if header {
                        Style {
                            face: Face::Hei,
                            ..CELL_STYLE
                        }
                    } else {
                        CELL_STYLE
                    };
                    c.text(
                        line,
                        style,
                        0.0,
                        *x + 4.0,
                        *w - 8.0,
                        Align::Center,
                        false,
                        CELL_LEADING,
                    );
                    y += CELL_LEADING;
                }
                c.page().items.push(Item::Rule {
                    x1: *x,
                    y1: top,
                    x2: *x,
                    y2: top + height,
                    width: 0.5,
                });
                c.page().items.push(Item::Rule {
                    x1: *x + *w,
                    y1: top,
                    x2: *x + *w,
                    y2: top + height,
                    width: 0.5,
                });
            }
            let right = cells.last().map_or(LEFT, |(_, x, w)| x + w);
            c.page().items.push(Item::Rule {
                x1: LEFT,
                y1: top,
                x2: right,
                y2: top,
                width: 0.5,
            });
            c.page().items.push(Item::Rule {
                x1: LEFT,
                y1: top + height,
                x2: right,
                y2: top + height,
                width: 0.5,
            });
            c.y = top + height;
            height
        };
        let xs: Vec<f32> = widths
            .iter()
            .scan(LEFT, |x, w| {
                let at = *x;
                *x += w;
                Some(at)
            })
            .collect();
        let header_cells: Vec<Vec<(String, f32, f32)>> = header_rows
            .iter()
            .map(|row| {
                let mut col = 0;
                row.iter()
                    .map(|(t, span)| {
                        let w: f32 = widths[col..col + span].iter().sum();
                        let cell = (t.clone(), xs[col], w);
                        col += span;
                        cell
                    })
                    .collect()
            })
            .collect();
        let header_height = header_rows.len() as f32 * (CELL_LEADING * 2.0 + 8.0);
        if self.y + header_height + 2.0 * CELL_LEADING > TOP + AREA_H {
            self.new_page();
        }
        for h in &header_cells {
            draw_row(self, h, true);
        }
        for row in rows {
            let cells: Vec<(String, f32, f32)> = row
                .iter()
                .zip(xs.iter().zip(widths))
                .map(|(t, (x, w))| (t.clone(), *x, *w))
                .collect();
            let lines = cells
                .iter()
                .map(|(t, _, w)| cell_lines(self, t, *w).len())
                .max()
                .unwrap_or(1);
            let height = lines.max(1) as f32 * CELL_LEADING + 8.0;
            if self.y + height > TOP + AREA_H {
                self.new_page();
                for h in &header_cells {
                    draw_row(self, h, true);
                }
            }
            draw_row(self, &cells, false);
        }
        // Back onto the grid.
        let l = self.grid_line();
        self.y = TOP + l as f32 * PITCH;
    }

    fn image(&mut self, media: &str, px: (u32, u32), max_h: f32) {
        let (w, h) = (px.0 as f32, px.1 as f32);
        let scale = (AREA_W / w).min(max_h / h);
        let (dw, dh) = (w * scale, h * scale);
        self.y = TOP + self.grid_line() as f32 * PITCH;
        if self.y + dh > TOP + AREA_H {
            self.new_page();
        }
        let x = LEFT + (AREA_W - dw) / 2.0;
        let y = self.y;
        self.page().items.push(Item::Image {
            media: media.to_string(),
            x,
            y,
            w: dw,
            h: dh,
        });
        self.y += dh;
        let l = self.grid_line();
        self.y = TOP + l as f32 * PITCH;
    }

    fn caption(&mut self, text: &str) {
        self.centered(
            text,
            Style {
                face: Face::Hei,
                size: 14.0,
                bold: false,
            },
        );
    }
}

/// Lays out a whole dossier: cover, commitment, opinion, contents with real page numbers, body,
/// attachments. Fails only when a referenced file is missing.
pub fn layout(
    d: &Dossier,
    template: &Template,
    settings: &CallSettings,
    fonts: &ShippedFonts,
) -> crate::Result<Layout> {
    let mut c = Composer::new(fonts);
    let fm = &d.front_matter;

    // Cover: the template's title lines, the cover's lines, and its footer.
    c.blank();
    c.blank();
    match &template.cover {
        Some(cover) => {
            for line in &cover.title {
                c.title(line);
            }
        }
        None => c.title(&template.template.title),
    }
    c.blank();
    for (label, value) in structure::cover_lines(d, template) {
        c.text(
            &format!("{label}：{value}"),
            BODY,
            2.0 * CELL,
            LEFT,
            AREA_W,
            Align::Left,
            true,
            PITCH,
        );
    }
    if let Some(cover) = &template.cover {
        c.blank();
        c.blank();
        for line in &cover.footer {
            c.centered(line, BODY);
        }
    }

    // 申报须知.
    if let Some(notice) = &template.notice {
        c.new_page();
        c.centered(&notice.title, HEI);
        for item in &notice.items {
            c.body_paragraph(item);
        }
    }

    // 申报基本情况表 一: its fields, label by label.
    if let Some(grid) = &template.grid {
        c.new_page();
        c.title(&grid.title);
        if let Some(part) = template.parts.first() {
            c.heading("", &part.heading, HEI, 1, format!("part:{}", part.key));
        }
        for (label, value) in structure::grid_lines(d, template) {
            c.body_paragraph(&format!("{label}：{value}"));
        }
    }

    // Commitment: the template's fixed text under the applicant's seal.
    c.new_page();
    match template.part("commitment") {
        Some(part) => c.heading("", &part.heading, HEI, 1, "part:commitment".into()),
        None => c.title(&template.commitment.title),
    }
    for paragraph in &template.commitment.text {
        c.body_paragraph(paragraph);
    }
    c.blank();
    c.right(
        &format!("承诺单位：{}（盖申报单位公章）", fm.applicant.name),
        BODY,
    );
    c.right(
        &format!(
            "承诺时间：{}",
            crate::numbering::chinese_date(fm.commitment.signed_on)
        ),
        BODY,
    );

    // Opinions: the recommending unit's (七), the city government's (八), the authority's (九).
    let r = &fm.recommendation;
    c.new_page();
    match template.part("recommendation") {
        Some(part) => {
            c.heading("", &part.heading, HEI, 1, "part:recommendation".into());
            for line in &part.note {
                c.body_paragraph(line);
            }
        }
        None => c.title("推荐单位意见"),
    }
    c.body_paragraph(&format!("审查论证情况：{}", r.review));
    c.body_paragraph(&format!("具体意见：{}", r.opinion));
    c.body_paragraph(&format!(
        "推荐意向序号：{}",
        r.order.map(|o| o.to_string()).unwrap_or_default()
    ));
    c.blank();
    c.right(&format!("推荐单位（盖章）：{}", fm.recommending_unit), BODY);
    c.right(&crate::numbering::chinese_date(r.signed_on), BODY);
    for (key, authority, seal) in [
        ("city_opinion", &fm.city_government, "人民政府（盖章）："),
        (
            "industry_opinion",
            &fm.industry_authority,
            "推荐单位（盖章）：",
        ),
    ] {
        let Some(part) = template.part(key) else {
            continue;
        };
        c.blank();
        c.heading("", &part.heading, HEI, 1, format!("part:{key}"));
        for line in &part.note {
            c.body_paragraph(line);
        }
        c.body_paragraph(&authority.opinion);
        c.body_paragraph(&format!("联系人及联系方式：{}", authority.contact));
        c.right(&format!("{seal}{}", authority.name), BODY);
        c.right(&crate::numbering::chinese_date(authority.signed_on), BODY);
    }

    // Contents: reserve its pages now, fill them once the body's page numbers are known.
    let sections = structure::included_sections(d, template);
    let entries = structure::contents_entries(d, template, &sections);
    let toc_pages = (entries.len() + 1).div_ceil(LINES - 2).max(1);
    let toc_start = c.pages.len();
    for _ in 0..toc_pages {
        c.new_page();
    }

    // Body.
    let mut tables = 0;
    let mut figures = 0;
    for (i, s) in sections.iter().enumerate() {
        if i == 0 {
            c.new_page();
        }
        let headings = structure::section_headings(template, s);
        if let Some(part) = &headings.part {
            c.heading("", part, HEI, 1, format!("section:{}", s.key));
        }
        if let Some(own) = &headings.own {
            let level = if headings.part.is_some() || template.is_form() {
                2
            } else {
                1
            };
            let anchor = if headings.part.is_some() {
                format!("section:{}/heading", s.key)
            } else {
                format!("section:{}", s.key)
            };
            c.heading("", own, if level == 1 { HEI } else { KAI }, level, anchor);
        }
        let blocks = d.section(&s.key).map_or(&[][..], |x| x.blocks.as_slice());
        let labels = heading_labels(blocks);
        for (bi, block) in blocks.iter().enumerate() {
            match block {
                Block::Paragraph { text } => c.body_paragraph(text),
                Block::Heading { level, text } => {
                    let style = match level {
                        2 => Style {
                            face: Face::Kai,
                            size: BODY_SIZE,
                            bold: false,
                        },
                        3 => Style {
                            face: Face::Fang,
                            size: BODY_SIZE,
                            bold: true,
                        },
                        _ => BODY,
                    };
                    let label = labels[bi].clone().unwrap_or_default();
                    c.heading(
                        &label,
                        text,
                        style,
                        *level,
                        format!("section:{}/block:{bi}", s.key),
                    );
                }
                Block::List { kind, items } => {
                    for (n, item) in items.iter().enumerate() {
                        let mark = match kind {
                            ListKind::Numbered => format!("{}. ", n + 1),
                            ListKind::Bullet => "· ".into(),
                        };
                        c.body_paragraph(&format!("{mark}{item}"));
                    }
                }
                Block::Table {
                    caption,
                    header,
                    rows,
                } => {
                    tables += 1;
                    c.caption(&format!(
                        "表{tables}　{}",
                        caption.trim_start_matches('表').trim()
                    ));
                    let widths = vec![AREA_W / header.len().max(1) as f32; header.len().max(1)];
                    c.table(
                        &[header.iter().map(|h| (h.clone(), 1)).collect()],
                        rows,
                        &widths,
                    );
                }
                Block::Image { media, caption } => {
                    let m = d.media(media).ok_or_else(|| {
                        crate::CoreError::input("图片", format!("图片文件 {media} 不存在"))
                    })?;
                    let px = crate::export::images::dimensions(&m.data)
                        .ok_or_else(|| crate::CoreError::input(&m.file_name, "无法读取图片尺寸"))?;
                    figures += 1;
                    c.image(media, px, AREA_H * 0.5);
                    c.caption(if caption.is_empty() { "" } else { caption });
                }
            }
        }
        for t in &s.tables {
            let rows = d.tables.get(&t.key).map_or(&[][..], Vec::as_slice);
            if rows.is_empty() && !t.required {
                continue;
            }
            tables += 1;
            c.caption(&format!("表{tables}　{}", t.title));
            let (header, widths) = table_header(t);
            let body: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    t.columns
                        .iter()
                        .map(|col| r.get(&col.key).cloned().unwrap_or_default())
                        .collect()
                })
                .collect();
            c.table(&header, &body, &widths);
            if t.role.as_deref() == Some("milestones") && !rows.is_empty() {
                figures += 1;
                let png = crate::export::gantt::for_table(t, rows, settings);
                let media = crate::model::Media::new("gantt.png", "image/png", png);
                let px = crate::export::images::dimensions(&media.data).unwrap_or((1600, 800));
                c.image(&media.id, px, AREA_H * 0.6);
                c.caption(&format!(
                    "图{figures}　推进计划甘特图（编号与表{tables}中的阶段顺序对应）"
                ));
                c.layout.generated_media.push(media);
            }
        }
    }

    // Attachments: each on a new page, 附件N at the top left, title on line 3.
    for (i, a) in d.attachments.iter().enumerate() {
        let m = d.media(&a.media).ok_or_else(|| {
            crate::CoreError::input(
                format!("附件{}", i + 1),
                format!("附件“{}”的文件不存在，请重新上传", a.title),
            )
        })?;
        c.new_page();
        c.text(
            &format!("附件{}", i + 1),
            HEI,
            0.0,
            LEFT,
            AREA_W,
            Align::Left,
            true,
            PITCH,
        );
        c.blank();
        c.centered(
            &a.title,
            Style {
                face: Face::Title,
                size: 22.0,
                bold: false,
            },
        );
        if m.media_type == "application/pdf" {
            c.body_paragraph(&format!(
                "（原件为 PDF 文件《{}》，随电子版一并报送。）",
                m.file_name
            ));
        } else if let Some(px) = crate::export::images::dimensions(&m.data) {
            c.image(&m.id, px, AREA_H - 4.0 * PITCH);
        }
    }

    // Fill the contents with the real page numbers.
    let anchors = c.layout.anchors.clone();
    let body_pages = std::mem::take(&mut c.pages);
    let mut toc = Composer::new(fonts);
    toc.title("目　　录");
    for entry in &entries {
        let (text, anchor) = (&entry.text, &entry.anchor);
        let page = anchors.get(anchor).copied().unwrap_or(0);
        let indent = if entry.level == 1 { 0.0 } else { 2.0 * CELL };
        toc.text(
            text,
            BODY,
            indent,
            LEFT,
            AREA_W - 3.0 * CELL,
            Align::Left,
            true,
            PITCH,
        );
        // The number sits on the entry's last line, on the page that line went to.
        let y = toc.y - PITCH * 0.5 + BODY_SIZE * 0.36;
        let number = page.to_string();
        let nw = number.len() as f32 * BODY_SIZE * 0.5;
        toc.page().items.push(Item::Text {
            x: LEFT + AREA_W - nw,
            y,
            face: Face::Fang,
            size: BODY_SIZE,
            spacing: 0.0,
            bold: false,
            text: number,
        });
    }
    let toc_pages_laid = std::mem::take(&mut toc.pages);
    let mut pages = body_pages;
    for (k, page) in toc_pages_laid.into_iter().enumerate().take(toc_pages) {
        pages[toc_start + k] = page;
    }
    c.pages = pages;

    // Page numbers: — n —, odd pages right, even left, 7 mm below the type area; none on the cover.
    let y = TOP + AREA_H + 7.0 * MM + 10.0;
    for (i, page) in c.pages.iter_mut().enumerate() {
        let n = i + 1;
        if n == 1 {
            continue;
        }
        page.number = Some(n);
        let text = format!("— {n} —");
        let width = 14.0 * 2.0 + n.to_string().len() as f32 * 7.0 + 2.0 * 3.5;
        let x = if n % 2 == 1 {
            LEFT + AREA_W - 14.0 - width
        } else {
            LEFT + 14.0
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
    let mut result = c.layout;
    result.pages = c.pages;
    Ok(result)
}

impl Layout {
    /// Pages each section spans (a page shared by two sections counts for both), by section key.
    pub fn section_pages(&self, template: &Template) -> BTreeMap<String, usize> {
        let starts: Vec<(&str, usize)> = template
            .sections
            .iter()
            .filter_map(|s| {
                self.anchors
                    .get(&format!("section:{}", s.key))
                    .map(|p| (s.key.as_str(), *p))
            })
            .collect();
        let body_end = self
            .anchors
            .values()
            .max()
            .copied()
            .unwrap_or(0)
            .max(self.pages.len());
        starts
            .iter()
            .enumerate()
            .map(|(i, (key, start))| {
                let end = starts.get(i + 1).map_or(body_end, |(_, next)| *next);
                (key.to_string(), end.saturating_sub(*start) + 1)
            })
            .collect()
    }
}

/// Header rows (grouped columns merged above their members) and column widths.
fn table_header(t: &TableDef) -> (Vec<Vec<(String, usize)>>, Vec<f32>) {
    let weights = structure::column_weights(t);
    let total: f32 = weights.iter().sum();
    let widths = weights.iter().map(|w| AREA_W * w / total).collect();
    if !t.columns.iter().any(|c| c.group.is_some()) {
        return (
            vec![t.columns.iter().map(|c| (c.label.clone(), 1)).collect()],
            widths,
        );
    }
    let mut top = Vec::new();
    let mut bottom = Vec::new();
    let mut i = 0;
    while i < t.columns.len() {
        match &t.columns[i].group {
            Some(g) => {
                let span = t.columns[i..]
                    .iter()
                    .take_while(|c| c.group.as_ref() == Some(g))
                    .count();
                top.push((g.clone(), span));
                bottom.extend(t.columns[i..i + span].iter().map(|c| (c.label.clone(), 1)));
                i += span;
            }
            None => {
                top.push((String::new(), 1));
                bottom.push((t.columns[i].label.clone(), 1));
                i += 1;
            }
        }
    }
    (vec![top, bottom], widths)
}
