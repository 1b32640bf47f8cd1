//! The Word export: the assembled [`Document`] as a native .docx — the 申报基本情况表 a real table a
//! user can go on editing in Word or WPS — built with docx-rs and finished by [`postpass`] where
//! docx-rs cannot express something or gets it wrong. It prints what the PDF prints, in the same
//! order: both render the same document (see `crate::document`).

mod postpass;
pub mod styles;
mod xml;

use crate::document::{
    Align, AssembleOptions, Cell, Document, Merge, Node, PageLayout, PageSpec, Para, Picture, Size,
    Table,
};
use crate::fonts::Face;
use crate::layout::{CELL_PAD, Layout};
use crate::model::{Dossier, Media};
use crate::template::{CallSettings, Template};
use crate::{CoreError, Result};
use docx_rs::*;
use styles::*;

/// How the Word file is made.
#[derive(Debug, Clone, Default)]
pub struct DocxOptions {
    /// Reviewer copy: opens read-only (document protection and "mark as final").
    pub reviewer: bool,
    /// Creation time written to the core properties (RFC 3339).
    pub created: String,
    /// A draft: every page's header says 草稿.
    pub draft: bool,
    /// The page and the contents page.
    pub page: AssembleOptions,
}

/// Assembles and writes a dossier. The contents page, when chosen, takes its numbers from a
/// layout made here.
pub fn build(
    d: &Dossier,
    template: &Template,
    settings: &CallSettings,
    options: &DocxOptions,
    fonts: &crate::fonts::ShippedFonts,
) -> Result<Vec<u8>> {
    let document = crate::document::assemble(d, template, settings, &options.page)?;
    let layout = if options.page.contents {
        Some(crate::layout::layout(&document, fonts))
    } else {
        None
    };
    render(&document, layout.as_ref(), options)
}

/// Characters per run: a pasted megabyte paragraph becomes many runs, because XML readers
/// (libxml2 among them) refuse text nodes of several megabytes.
const RUN_CHARS: usize = 4096;

/// Writes an assembled document; `layout` gives the contents their page numbers.
pub fn render(
    document: &Document,
    layout: Option<&Layout>,
    options: &DocxOptions,
) -> Result<Vec<u8>> {
    let spec = document.spec();
    let m = Metrics::of(&spec);
    let footer_distance = match document.layout {
        PageLayout::Form => twips(spec.footer_from_edge),
        PageLayout::Gbt9704 => FOOTER_DISTANCE,
    };
    let (number_odd, number_even) = match document.layout {
        PageLayout::Form => (AlignmentType::Center, AlignmentType::Center),
        PageLayout::Gbt9704 => (AlignmentType::Right, AlignmentType::Left),
    };
    let mut docx = Docx::new()
        .page_size(twips(spec.page_w) as u32, twips(spec.page_h) as u32)
        .page_margin(
            PageMargin::new()
                .top(twips(spec.top))
                .bottom(twips(spec.bottom))
                .left(twips(spec.left))
                .right(twips(spec.right))
                .header(851)
                .footer(footer_distance)
                .gutter(0),
        )
        .default_fonts(fonts(FANGSONG))
        .default_size(m.body)
        .title_pg()
        .first_footer(Footer::new())
        .footer(page_number_footer(number_odd))
        .even_footer(page_number_footer(number_even))
        .created_at(&options.created)
        .updated_at(&options.created);
    for style in styles::styles(m) {
        docx = docx.add_style(style);
    }
    if options.draft {
        docx = docx
            .header(draft_header())
            .first_header(draft_header())
            .even_header(draft_header());
    }
    let mut w = Writer {
        document,
        spec,
        pictures: 0,
        break_before: false,
        depth: 0,
    };
    let area = spec.area_w();
    for node in &document.nodes {
        match node {
            Node::PageBreak => w.break_before = true,
            Node::Table(t) => {
                if std::mem::take(&mut w.break_before) {
                    docx = docx.add_paragraph(page_break_paragraph());
                }
                let width = match (t.form, spec.form_table_width) {
                    (true, Some(fw)) => fw,
                    _ => area,
                };
                docx = docx.add_table(w.table(t, width, false)?);
            }
            Node::Contents(entries) => {
                for p in w.contents(entries, layout) {
                    docx = docx.add_paragraph(p);
                }
            }
            other => {
                for p in w.paragraphs(other, area)? {
                    docx = docx.add_paragraph(p);
                }
            }
        }
    }
    let built = docx.build();
    postpass::finish(
        built,
        &postpass::Finish {
            title: document.properties.title.clone(),
            author: document.properties.author.clone(),
            subject: document.properties.subject.clone(),
            keywords: document.properties.keywords.join("；"),
            created: options.created.clone(),
            reviewer: options.reviewer,
            doc_grid: document.layout == PageLayout::Gbt9704,
        },
    )
}

/// An empty paragraph one point high that starts a new page, before a table (a table has no
/// page-break-before of its own).
fn page_break_paragraph() -> Paragraph {
    Paragraph::new()
        .page_break_before(true)
        .line_spacing(exact(20))
        .add_run(Run::new().size(2).add_text(""))
}

struct Writer<'d, 'a> {
    document: &'d Document<'a>,
    spec: PageSpec,
    /// Running picture number for ids (docx-rs's own come from a process-wide counter, which
    /// breaks determinism).
    pictures: usize,
    /// The next paragraph starts a new page.
    break_before: bool,
    /// Tables the writer is inside.
    depth: usize,
}

fn official(face: Face) -> &'static str {
    match face {
        Face::Hei | Face::SansFallback => HEITI,
        Face::Kai => KAITI,
        Face::Song => SONGTI,
        Face::Title => TITLE_FONT,
        Face::Fang | Face::SerifFallback => FANGSONG,
    }
}

impl Writer<'_, '_> {
    fn para(&mut self, p: &Para) -> Paragraph {
        let size = p.size.points(&self.spec);
        let pitch = p.size.pitch(&self.spec);
        let indent = if p.indent {
            twips(
                2.0 * if self.spec.char_grid {
                    self.spec.area_w() / 28.0
                } else {
                    size
                },
            )
        } else {
            0
        };
        let mut out = Paragraph::new()
            .align(match p.align {
                Align::Justify => AlignmentType::Both,
                Align::Left => AlignmentType::Left,
                Align::Center => AlignmentType::Center,
                Align::Right => AlignmentType::Right,
            })
            .line_spacing(exact(twips(pitch)))
            // On the character grid only where the layout puts text on it: body text outside
            // tables.
            .snap_to_grid(self.spec.char_grid && self.depth == 0 && p.size == Size::Body)
            .widow_control(true)
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(indent)),
                None,
                None,
            );
        if let Some(o) = &p.outline {
            out = out.style(&format!("Heading{}", o.level.clamp(1, 4)));
        } else if p.size == Size::Caption {
            out = out.style("Caption");
        }
        // Keep-with-next only outside tables: inside a cell LibreOffice takes it for "keep the
        // row with the next", and a kept row that cannot split moves whole to the next page.
        if p.keep_next && self.depth == 0 {
            out = out.keep_next(true);
        }
        if std::mem::take(&mut self.break_before) {
            out = out.page_break_before(true);
        }
        // On the GB/T 9704 grid a full-width character takes one of 28 cells: a little less
        // than its size, as character spacing (the layout's `Tc`).
        let on_grid = self.spec.char_grid && self.depth == 0 && p.size == Size::Body;
        let condense = twips(self.spec.area_w() / 28.0 - size);
        let run = |text: String| {
            let mut r = Run::new()
                .fonts(fonts(official(p.face)))
                .size((size * 2.0).round() as usize)
                .add_text(text);
            if on_grid && condense != 0 {
                r = r.character_spacing(condense);
            }
            if p.bold {
                r = r.bold();
            }
            r
        };
        let chars: Vec<char> = p.text.chars().collect();
        if chars.is_empty() {
            return out.add_run(run(String::new()));
        }
        for chunk in chars.chunks(RUN_CHARS) {
            out = out.add_run(run(chunk.iter().collect()));
        }
        out
    }

    /// A node outside a table, or inside a cell `width` wide, as paragraphs.
    fn paragraphs(&mut self, node: &Node, width: f32) -> Result<Vec<Paragraph>> {
        Ok(match node {
            Node::Para(p) => vec![self.para(p)],
            Node::Blank => {
                let mut p = Paragraph::new()
                    .line_spacing(exact(twips(self.spec.pitch)))
                    .add_run(Run::new().add_text(""));
                if std::mem::take(&mut self.break_before) {
                    p = p.page_break_before(true);
                }
                vec![p]
            }
            Node::Picture(pic) => vec![self.picture(pic, width)?],
            Node::PageBreak => {
                self.break_before = true;
                vec![]
            }
            Node::Table(_) | Node::Contents(_) => vec![],
        })
    }

    /// A centred picture at the size the layout gives it, bytes passed through unchanged.
    fn picture(&mut self, pic: &Picture, width: f32) -> Result<Paragraph> {
        let m: &Media = self.document.media(&pic.media).ok_or_else(|| {
            CoreError::input("图片", format!("图片文件 {} 不存在，请重新插入", pic.media))
        })?;
        self.pictures += 1;
        let (w, h) = (pic.px.0.max(1) as f32, pic.px.1.max(1) as f32);
        let scale = (width / w).min(pic.max_h * self.spec.area_h() / h);
        const EMU_PER_PT: f32 = 12700.0;
        let image = Pic::new_with_dimensions(m.data.clone(), pic.px.0, pic.px.1)
            .id(format!("rIdPicture{}", self.pictures))
            .size(
                (w * scale * EMU_PER_PT) as u32,
                (h * scale * EMU_PER_PT) as u32,
            );
        let mut p = Paragraph::new()
            .align(AlignmentType::Center)
            .keep_next(true)
            .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
            .add_run(Run::new().add_image(image));
        if std::mem::take(&mut self.break_before) {
            p = p.page_break_before(true);
        }
        Ok(p)
    }

    /// A bordered table `width` points wide; cells padded as the layout pads them, rows of a
    /// top-level table at least a body line high, as the layout makes them.
    fn table(&mut self, t: &Table, width: f32, nested: bool) -> Result<docx_rs::Table> {
        let total: f32 = t.widths.iter().sum::<f32>().max(1.0);
        let grid: Vec<usize> = t
            .widths
            .iter()
            .map(|w| twips(width * w / total) as usize)
            .collect();
        self.depth += 1;
        let mut rows = Vec::new();
        for row in &t.rows {
            let mut cells = Vec::new();
            let mut col = 0;
            for cell in &row.cells {
                let span = cell.span.max(1);
                let cell_w: usize = grid[col.min(grid.len())..(col + span).min(grid.len())]
                    .iter()
                    .sum();
                cells.push(self.cell(cell, cell_w as f32 / 20.0)?);
                col += span;
            }
            let mut r = TableRow::new(cells);
            if row.header {
                r = r.cant_split();
            }
            if !nested {
                r = r
                    .row_height(twips(self.spec.pitch) as f32)
                    .height_rule(HeightRule::AtLeast);
            } else {
                r = r
                    .row_height(twips(self.spec.small_pitch()) as f32)
                    .height_rule(HeightRule::AtLeast);
            }
            rows.push(r);
        }
        self.depth -= 1;
        let pad = twips(CELL_PAD) as usize;
        Ok(docx_rs::Table::new(rows)
            .set_grid(grid.clone())
            .width(grid.iter().sum(), WidthType::Dxa)
            .align(TableAlignmentType::Center)
            .layout(TableLayoutType::Fixed)
            .margins(TableCellMargins::new().margin(0, pad, 0, pad)))
    }

    fn cell(&mut self, cell: &Cell, width: f32) -> Result<TableCell> {
        let mut out = TableCell::new().width(twips(width) as usize, WidthType::Dxa);
        if cell.span > 1 {
            out = out.grid_span(cell.span);
        }
        match cell.merge {
            Merge::Start => out = out.vertical_merge(VMergeType::Restart),
            Merge::Continue => out = out.vertical_merge(VMergeType::Continue),
            Merge::None => {}
        }
        if cell.middle {
            out = out.vertical_align(VAlignType::Center);
        }
        let inner = width - 2.0 * CELL_PAD;
        let mut any = false;
        for node in &cell.content {
            if let Node::Table(t) = node {
                out = out.add_table(self.table(t, inner, true)?);
                // Word requires a paragraph after a table in a cell.
                out = out.add_paragraph(
                    Paragraph::new()
                        .line_spacing(exact(20))
                        .add_run(Run::new().size(2).add_text("")),
                );
                any = true;
                continue;
            }
            for p in self.paragraphs(node, inner)? {
                out = out.add_paragraph(p);
                any = true;
            }
        }
        if !any {
            out = out.add_paragraph(
                Paragraph::new()
                    .line_spacing(exact(twips(self.spec.pitch)))
                    .add_run(Run::new().add_text("")),
            );
        }
        Ok(out)
    }

    /// The contents: a TOC field Word refreshes on opening, holding the headings with the
    /// layout's page numbers.
    fn contents(
        &mut self,
        entries: &[crate::document::ContentsEntry],
        layout: Option<&Layout>,
    ) -> Vec<Paragraph> {
        let title = Para::new("目　　录", Face::Title, Size::Title, Align::Center);
        let mut out = vec![self.para(&title)];
        let last = entries.len().saturating_sub(1);
        let tab = twips(self.spec.area_w()) as usize;
        for (i, e) in entries.iter().enumerate() {
            let mut p = Paragraph::new()
                .style(if e.level == 1 { "TOC1" } else { "TOC2" })
                .line_spacing(exact(twips(self.spec.pitch)))
                .add_tab(
                    Tab::new()
                        .val(TabValueType::Right)
                        .leader(TabLeaderType::Dot)
                        .pos(tab),
                );
            if i == 0 {
                p = p
                    .add_run(Run::new().add_field_char(FieldCharType::Begin, true))
                    .add_run(Run::new().add_instr_text(InstrText::Unsupported(
                        "TOC \\o \"1-2\" \\h \\z \\u".into(),
                    )))
                    .add_run(Run::new().add_field_char(FieldCharType::Separate, false));
            }
            p = p.add_run(Run::new().add_text(&e.text));
            if let Some(page) = layout.and_then(|l| l.anchors.get(&e.anchor)) {
                p = p.add_run(Run::new().add_tab().add_text(page.to_string()));
            }
            if i == last {
                p = p.add_run(Run::new().add_field_char(FieldCharType::End, false));
            }
            out.push(p);
        }
        out
    }
}

fn page_number_footer(align: AlignmentType) -> Footer {
    let indent = match align {
        AlignmentType::Right => (None, Some(320)),
        AlignmentType::Left => (Some(320), None),
        _ => (None, None),
    };
    Footer::new().add_paragraph(
        Paragraph::new()
            .style("Footer")
            .align(align)
            .indent(indent.0, None, indent.1, None)
            .add_run(Run::new().add_text("— "))
            .add_run(Run::new().add_field_char(FieldCharType::Begin, false))
            .add_run(Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
            .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
            .add_run(Run::new().add_text("1"))
            .add_run(Run::new().add_field_char(FieldCharType::End, false))
            .add_run(Run::new().add_text(" —")),
    )
}

/// The draft mark in every page's header, away from the text.
fn draft_header() -> Header {
    Header::new().add_paragraph(
        Paragraph::new()
            .style("Footer")
            .align(AlignmentType::Right)
            .add_run(Run::new().color("C00000").size(36).bold().add_text("草稿")),
    )
}

fn page_title(text: &str) -> Paragraph {
    Paragraph::new()
        .style("DocTitle")
        .add_run(Run::new().add_text(text))
}

fn plain(text: &str, align: AlignmentType, pitch: i32) -> Paragraph {
    Paragraph::new()
        .align(align)
        .line_spacing(exact(pitch))
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
        .add_run(Run::new().add_text(text))
}

fn cell(text: &str, header: bool) -> TableCell {
    let mut run = Run::new().add_text(text);
    if header {
        run = run.fonts(fonts(HEITI));
    }
    TableCell::new()
        .vertical_align(VAlignType::Center)
        .add_paragraph(Paragraph::new().style("TableText").add_run(run))
}

/// The recommending unit's summary table (推荐项目汇总表) as a landscape Word page: title, the
/// unit with room for its seal, the ranked projects, the date line. Same styles and post-pass
/// as the dossier.
pub fn summary(
    s: &crate::summary::Summary,
    settings: &CallSettings,
    created: &str,
) -> Result<Vec<u8>> {
    const LANDSCAPE_TYPE_WIDTH: usize = 16838 - 2 * 1440;
    let m = Metrics::of(&PageLayout::Gbt9704.spec());
    for r in &s.rows {
        for (place, text) in [
            ("试点名称", &r.title),
            ("申报单位", &r.applicant),
            ("联系人", &r.contact),
        ] {
            crate::text::check(place, text)?;
        }
    }
    let mut docx = Docx::new()
        .page_size(16838, 11906)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(
            PageMargin::new()
                .top(1440)
                .bottom(1440)
                .left(1440)
                .right(1440)
                .header(851)
                .footer(FOOTER_DISTANCE)
                .gutter(0),
        )
        .default_fonts(fonts(FANGSONG))
        .default_size(m.body)
        .created_at(created)
        .updated_at(created);
    for style in styles::styles(m) {
        docx = docx.add_style(style);
    }
    let title = format!("{}推荐项目汇总表", settings.call.title);
    docx = docx.add_paragraph(page_title(&title)).add_paragraph(plain(
        &format!("推荐单位（盖章）：{}", s.unit),
        AlignmentType::Left,
        m.pitch,
    ));
    let header: Vec<String> = [
        "推荐意向序号",
        "试点名称",
        "试点类型",
        "申报单位",
        "统一社会信用代码",
        "联系人",
        "联系电话",
    ]
    .iter()
    .map(|h| h.to_string())
    .collect();
    let weights = [1.2f32, 3.6, 1.0, 3.0, 2.6, 1.2, 1.8];
    let total: f32 = weights.iter().sum();
    let widths: Vec<usize> = weights
        .iter()
        .map(|w| (LANDSCAPE_TYPE_WIDTH as f32 * w / total) as usize)
        .collect();
    let mut rows = vec![TableRow::new(header.iter().map(|h| cell(h, true)).collect()).cant_split()];
    for r in &s.rows {
        let cells = [
            r.order.map(|o| o.to_string()).unwrap_or_default(),
            r.title.clone(),
            r.pilot_type.label().to_string(),
            r.applicant.clone(),
            r.credit_code.clone(),
            r.contact.clone(),
            r.mobile.clone(),
        ];
        rows.push(TableRow::new(
            cells.iter().map(|c| cell(c, false)).collect(),
        ));
    }
    docx = docx
        .add_table(
            docx_rs::Table::new(rows)
                .set_grid(widths)
                .width(LANDSCAPE_TYPE_WIDTH, WidthType::Dxa)
                .align(TableAlignmentType::Center),
        )
        .add_paragraph(plain("", AlignmentType::Left, m.pitch))
        .add_paragraph(plain(
            &format!(
                "共 {} 个项目。推荐意向序号按推荐优先顺序填写，1 为最优先。",
                s.rows.len()
            ),
            AlignmentType::Left,
            m.pitch,
        ))
        .add_paragraph(plain("年　　月　　日", AlignmentType::Right, m.pitch));
    postpass::finish(
        docx.build(),
        &postpass::Finish {
            title,
            author: s.unit.clone(),
            subject: format!("{}推荐项目汇总表", settings.call.title),
            keywords: format!("{}；推荐项目汇总表", settings.call.title),
            created: created.to_string(),
            reviewer: false,
            doc_grid: true,
        },
    )
}
