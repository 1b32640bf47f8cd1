//! The Word export: the dossier as a native .docx in the official layout, built with docx-rs and
//! finished by [`postpass`] where docx-rs cannot express something or gets it wrong.
//!
//! Parts in order: cover, commitment letter, recommending unit's opinion, table of contents,
//! body sections (empty optional ones left out), attachments as appendix pages.

mod postpass;
pub mod styles;
mod xml;

use super::images;
use crate::layout::structure;
use crate::model::{Block, Dossier, ListKind, Media};
use crate::template::{CallSettings, SectionDef, TableDef, Template};
use crate::{CoreError, Result};
use chrono::NaiveDate;
use docx_rs::*;
use styles::*;

/// How the Word file is made.
#[derive(Debug, Clone, Default)]
pub struct DocxOptions {
    /// Reviewer copy: opens read-only (document protection and "mark as final").
    pub reviewer: bool,
    /// Page numbers for table-of-contents entries, by heading anchor, when a layout is known.
    pub toc_pages: Vec<(String, usize)>,
    /// Creation time written to the core properties (RFC 3339).
    pub created: String,
    /// A draft: every page's header says 草稿.
    pub draft: bool,
}

/// Builds the .docx bytes.
pub fn build(
    d: &Dossier,
    template: &Template,
    settings: &CallSettings,
    options: &DocxOptions,
) -> Result<Vec<u8>> {
    // Characters XML 1.0 cannot hold never reach the file: the store refuses them at entry, and a
    // dossier from anywhere else is stopped here with their place.
    crate::text::check_dossier(d)?;
    let (abstract_numbering, numbering) = heading_numbering();
    let mut docx = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .header(851)
                .footer(FOOTER_DISTANCE)
                .gutter(0),
        )
        .default_fonts(fonts(FANGSONG))
        .default_size(BODY_SIZE)
        .add_abstract_numbering(abstract_numbering)
        .add_numbering(numbering)
        .title_pg()
        .first_footer(Footer::new())
        .footer(page_number_footer(AlignmentType::Right))
        .even_footer(page_number_footer(AlignmentType::Left))
        .created_at(&options.created)
        .updated_at(&options.created);
    for style in styles::styles() {
        docx = docx.add_style(style);
    }
    if options.draft {
        docx = docx
            .header(draft_header())
            .first_header(draft_header())
            .even_header(draft_header());
    }

    for p in cover(d, template) {
        docx = docx.add_paragraph(p);
    }
    for p in notice_and_grid(d, template) {
        docx = docx.add_paragraph(p);
    }
    for (before, after) in [commitment(d, template), recommendation(d, template)]
        .into_iter()
        .chain(authority_opinions(d, template))
    {
        for p in before {
            docx = docx.add_paragraph(p);
        }
        docx = docx.add_table(seal_box());
        for p in after {
            docx = docx.add_paragraph(p);
        }
    }
    let sections = structure::included_sections(d, template);
    for p in table_of_contents(d, template, &sections, options) {
        docx = docx.add_paragraph(p);
    }
    let mut n = Counters::default();
    for (i, s) in sections.iter().enumerate() {
        if template.is_form() {
            let h = structure::section_headings(template, s);
            for (level, text) in [(1, h.part), (2, h.own)] {
                if let Some(text) = text {
                    docx = docx.add_paragraph(
                        Paragraph::new()
                            .style(&format!("Heading{level}"))
                            .keep_next(true)
                            .page_break_before(i == 0 && level == 1)
                            .add_run(Run::new().add_text(text)),
                    );
                }
            }
        } else {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .style("Heading1")
                    .numbering(NumberingId::new(HEADING_NUMBERING), IndentLevel::new(0))
                    .keep_next(true)
                    .page_break_before(i == 0)
                    .add_run(Run::new().add_text(&s.title)),
            );
        }
        let blocks = d.section(&s.key).map_or(&[][..], |x| x.blocks.as_slice());
        for block in blocks {
            docx = add_block(docx, d, block, &mut n)?;
        }
        for t in &s.tables {
            let rows = d.tables.get(&t.key).map_or(&[][..], Vec::as_slice);
            if rows.is_empty() && !t.required {
                continue;
            }
            n.tables += 1;
            docx = docx
                .add_paragraph(caption(&format!("表{}　{}", n.tables, t.title)))
                .add_table(structured_table(t, rows));
            if t.role.as_deref() == Some("milestones") && !rows.is_empty() {
                n.figures += 1;
                let chart = Media::new(
                    "gantt.png",
                    "image/png",
                    super::gantt::for_table(t, rows, settings),
                );
                docx = docx
                    .add_paragraph(
                        picture(&chart, TYPE_WIDTH_TWIPS as u32, 9000, &mut n)?.keep_next(true),
                    )
                    .add_paragraph(caption(&format!(
                        "图{}　推进计划甘特图（编号与表{}中的阶段顺序对应）",
                        n.figures, n.tables
                    )));
            }
        }
    }
    for (i, a) in d.attachments.iter().enumerate() {
        let media = d.media(&a.media).ok_or_else(|| {
            CoreError::input(
                format!("附件{}", i + 1),
                format!("附件“{}”的文件不存在，请重新上传", a.title),
            )
        })?;
        for p in attachment_page(i + 1, &a.title, media, &mut n)? {
            docx = docx.add_paragraph(p);
        }
    }

    let title = if d.title.is_empty() {
        template.template.title.clone()
    } else {
        d.title.clone()
    };
    let built = docx.build();
    postpass::finish(
        built,
        &postpass::Finish {
            title,
            author: d.front_matter.applicant.name.clone(),
            subject: template.template.title.clone(),
            keywords: format!(
                "{}；可信数据空间；{}",
                settings.call.title,
                d.pilot_type.label()
            ),
            created: options.created.clone(),
            reviewer: options.reviewer,
        },
    )
}

/// Characters per run: a pasted megabyte paragraph becomes many runs, because XML readers
/// (libxml2 among them) refuse text nodes of several megabytes.
const RUN_CHARS: usize = 4096;

/// A justified body paragraph on the line grid, indented two characters.
fn justified() -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .line_spacing(exact_lines())
        .indent(
            Some(0),
            Some(SpecialIndentType::FirstLine(INDENT_2_CHARS)),
            None,
            None,
        )
}

fn body(text: &str) -> Paragraph {
    let mut p = justified();
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return p.add_run(Run::new().add_text(""));
    }
    for chunk in chars.chunks(RUN_CHARS) {
        p = p.add_run(Run::new().add_text(chunk.iter().collect::<String>()));
    }
    p
}

fn plain(text: &str, align: AlignmentType) -> Paragraph {
    Paragraph::new()
        .align(align)
        .line_spacing(exact_lines())
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
        .add_run(Run::new().add_text(text))
}

fn blank() -> Paragraph {
    Paragraph::new().line_spacing(exact_lines())
}

fn page_title(text: &str, page_break: bool) -> Paragraph {
    Paragraph::new()
        .style("DocTitle")
        .page_break_before(page_break)
        .add_run(Run::new().add_text(text))
}

fn caption(text: &str) -> Paragraph {
    Paragraph::new()
        .style("Caption")
        .keep_next(true)
        .add_run(Run::new().add_text(text))
}

fn page_number_footer(align: AlignmentType) -> Footer {
    let indent = match align {
        AlignmentType::Right => (None, Some(320)),
        _ => (Some(320), None),
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

/// The draft mark at the top of every page.
fn draft_header() -> Header {
    Header::new().add_paragraph(
        Paragraph::new()
            .style("Footer")
            .align(AlignmentType::Right)
            .add_run(Run::new().color("C00000").size(36).bold().add_text("草稿")),
    )
}

fn cover(d: &Dossier, template: &Template) -> Vec<Paragraph> {
    let mut out = vec![blank(), blank()];
    match &template.cover {
        Some(cover) => out.extend(cover.title.iter().map(|t| page_title(t, false))),
        None => out.push(page_title(&template.template.title, false)),
    }
    out.push(blank());
    out.push(blank());
    for (label, value) in structure::cover_lines(d, template) {
        out.push(
            Paragraph::new()
                .line_spacing(
                    LineSpacing::new()
                        .line(720)
                        .line_rule(LineSpacingType::Exact),
                )
                .indent(
                    Some(INDENT_2_CHARS),
                    Some(SpecialIndentType::FirstLine(0)),
                    None,
                    None,
                )
                .add_run(
                    Run::new()
                        .fonts(fonts(HEITI))
                        .add_text(format!("{label}：")),
                )
                .add_run(Run::new().underline("single").add_text(value)),
        );
    }
    if let Some(cover) = &template.cover {
        out.push(blank());
        out.push(blank());
        out.extend(
            cover
                .footer
                .iter()
                .map(|line| plain(line, AlignmentType::Center).fonts(fonts(HEITI))),
        );
    }
    out
}

/// 申报须知 and the 申报基本情况表's fields (一、项目基本信息), label by label.
fn notice_and_grid(d: &Dossier, template: &Template) -> Vec<Paragraph> {
    let mut out = Vec::new();
    if let Some(notice) = &template.notice {
        out.push(page_title(&notice.title, true));
        out.extend(notice.items.iter().map(|item| body(item)));
    }
    if let Some(grid) = &template.grid {
        out.push(page_title(&grid.title, true));
        if let Some(part) = template.parts.first() {
            out.push(heading_text(&part.heading));
        }
        for (label, value) in structure::grid_lines(d, template) {
            out.push(labelled(&label, &value));
        }
    }
    out
}

fn heading_text(text: &str) -> Paragraph {
    Paragraph::new()
        .style("Heading1")
        .keep_next(true)
        .add_run(Run::new().add_text(text))
}

fn labelled(label: &str, text: &str) -> Paragraph {
    justified()
        .add_run(
            Run::new()
                .fonts(fonts(HEITI))
                .add_text(format!("{label}：")),
        )
        .add_run(Run::new().add_text(text))
}

/// A page's text before the seal box, and the signature lines after it.
type Signed = (Vec<Paragraph>, Vec<Paragraph>);

/// The signature lines: the signing person (if any) above the seal box, the unit and the date
/// below it, right-aligned as GB/T 9704 sets them.
fn signature_block(
    mut text: Vec<Paragraph>,
    unit_label: &str,
    unit: &str,
    date: Option<NaiveDate>,
) -> Signed {
    let right = |t: String| {
        plain(&t, AlignmentType::Right).indent(None, None, Some(INDENT_2_CHARS * 2), None)
    };
    text.push(blank());
    let after = vec![
        right(format!("{unit_label}（盖章）：{unit}")),
        right(crate::numbering::chinese_date(date)),
    ];
    (text, after)
}

/// A 30 mm square box, right-aligned, where the seal goes.
fn seal_box() -> Table {
    const SIDE: usize = 1701;
    let label = Paragraph::new()
        .style("TableText")
        .add_run(Run::new().color("808080").add_text("（盖章处）"));
    Table::new(vec![
        TableRow::new(vec![
            TableCell::new()
                .width(SIDE, WidthType::Dxa)
                .vertical_align(VAlignType::Center)
                .add_paragraph(label),
        ])
        .row_height(SIDE as f32)
        .height_rule(HeightRule::Exact),
    ])
    .set_grid(vec![SIDE])
    .width(SIDE, WidthType::Dxa)
    .align(TableAlignmentType::Right)
    .indent(0)
}

fn commitment(d: &Dossier, template: &Template) -> Signed {
    let fm = &d.front_matter;
    let mut out = vec![match template.part("commitment") {
        Some(part) => heading_text(&part.heading).page_break_before(true),
        None => page_title(&template.commitment.title, true),
    }];
    out.extend(template.commitment.text.iter().map(|c| body(c)));
    signature_block(
        out,
        "承诺单位",
        &format!("{}（盖申报单位公章）", fm.applicant.name),
        fm.commitment.signed_on,
    )
}

fn recommendation(d: &Dossier, template: &Template) -> Signed {
    let r = &d.front_matter.recommendation;
    let mut out = match template.part("recommendation") {
        Some(part) => {
            let mut out = vec![heading_text(&part.heading).page_break_before(true)];
            out.extend(part.note.iter().map(|n| body(n)));
            out
        }
        None => vec![page_title("推荐单位意见", true), blank()],
    };
    out.push(labelled("审查论证情况", &r.review));
    out.push(labelled("具体意见", &r.opinion));
    out.push(labelled(
        "推荐意向序号",
        &r.order.map(|o| o.to_string()).unwrap_or_default(),
    ));
    signature_block(
        out,
        "推荐单位",
        &d.front_matter.recommending_unit,
        r.signed_on,
    )
}

/// 八 (the city government) and 九 (the national industry authority), where the type has them.
fn authority_opinions(d: &Dossier, template: &Template) -> Vec<Signed> {
    let fm = &d.front_matter;
    [
        ("city_opinion", &fm.city_government, "人民政府"),
        ("industry_opinion", &fm.industry_authority, "推荐单位"),
    ]
    .into_iter()
    .filter_map(|(key, authority, seal)| {
        let part = template.part(key)?;
        let mut out = vec![heading_text(&part.heading).page_break_before(true)];
        out.extend(part.note.iter().map(|n| body(n)));
        out.push(body(&authority.opinion));
        out.push(labelled("联系人及联系方式", &authority.contact));
        Some(signature_block(
            out,
            seal,
            &authority.name,
            authority.signed_on,
        ))
    })
    .collect()
}

/// The contents: a TOC field Word refreshes on opening, holding the numbered headings.
fn table_of_contents(
    d: &Dossier,
    template: &Template,
    sections: &[&SectionDef],
    options: &DocxOptions,
) -> Vec<Paragraph> {
    let entries = structure::contents_entries(d, template, sections);
    let mut out = vec![page_title("目　　录", true)];
    let last = entries.len().saturating_sub(1);
    for (
        i,
        structure::ContentsEntry {
            level,
            text,
            anchor,
        },
    ) in entries.into_iter().enumerate()
    {
        let mut p = Paragraph::new()
            .style(if level == 1 { "TOC1" } else { "TOC2" })
            .add_tab(
                Tab::new()
                    .val(TabValueType::Right)
                    .leader(TabLeaderType::Dot)
                    .pos(TYPE_WIDTH_TWIPS),
            );
        if i == 0 {
            p =
                p.add_run(Run::new().add_field_char(FieldCharType::Begin, true))
                    .add_run(Run::new().add_instr_text(InstrText::Unsupported(
                        "TOC \\o \"1-2\" \\h \\z \\u".into(),
                    )))
                    .add_run(Run::new().add_field_char(FieldCharType::Separate, false));
        }
        p = p.add_run(Run::new().add_text(text));
        if let Some((_, page)) = options.toc_pages.iter().find(|(a, _)| *a == anchor) {
            p = p.add_run(Run::new().add_tab().add_text(page.to_string()));
        }
        if i == last {
            p = p.add_run(Run::new().add_field_char(FieldCharType::End, false));
        }
        out.push(p);
    }
    out
}

/// Running numbers of one build: tables and figures for captions, pictures for their ids
/// (docx-rs's own picture ids come from a process-wide counter, which breaks determinism).
#[derive(Default)]
struct Counters {
    tables: usize,
    figures: usize,
    pictures: usize,
}

fn add_block(docx: Docx, d: &Dossier, block: &Block, n: &mut Counters) -> Result<Docx> {
    Ok(match block {
        Block::Paragraph { text } => docx.add_paragraph(body(text)),
        Block::Heading { level, text } => {
            let level = (*level).clamp(2, 4) as usize;
            docx.add_paragraph(
                Paragraph::new()
                    .style(&format!("Heading{level}"))
                    .numbering(
                        NumberingId::new(HEADING_NUMBERING),
                        IndentLevel::new(level - 1),
                    )
                    .keep_next(true)
                    .add_run(Run::new().add_text(text)),
            )
        }
        Block::List { kind, items } => {
            let mut docx = docx;
            for (i, item) in items.iter().enumerate() {
                let mark = match kind {
                    ListKind::Numbered => format!("{}. ", i + 1),
                    ListKind::Bullet => "· ".to_string(),
                };
                docx = docx.add_paragraph(body(&format!("{mark}{item}")));
            }
            docx
        }
        Block::Table {
            caption: c,
            header,
            rows,
        } => {
            n.tables += 1;
            let tables = n.tables;
            let title = if c.is_empty() {
                format!("表{tables}")
            } else {
                format!("表{tables}　{}", c.trim_start_matches('表').trim())
            };
            docx.add_paragraph(caption(&title))
                .add_table(simple_table(header, rows))
        }
        Block::Image { media, caption: c } => {
            let m = d.media(media).ok_or_else(|| {
                CoreError::input("图片", format!("图片文件 {media} 不存在，请重新插入"))
            })?;
            n.figures += 1;
            let figures = n.figures;
            let mut docx =
                docx.add_paragraph(picture(m, TYPE_WIDTH_TWIPS as u32, 8000, n)?.keep_next(true));
            let text = if c.is_empty() {
                format!("图{figures}")
            } else {
                c.clone()
            };
            docx = docx.add_paragraph(caption(&text));
            docx
        }
    })
}

/// A centred picture scaled into `max_w` × `max_h` twips, bytes passed through unchanged.
fn picture(m: &Media, max_w: u32, max_h: u32, n: &mut Counters) -> Result<Paragraph> {
    n.pictures += 1;
    let (w, h) = images::dimensions(&m.data)
        .ok_or_else(|| CoreError::input(&m.file_name, "无法读取图片尺寸，文件可能已损坏"))?;
    let scale = (max_w as f64 / w as f64).min(max_h as f64 / h as f64);
    let (tw, th) = (w as f64 * scale, h as f64 * scale);
    const EMU_PER_TWIP: f64 = 635.0;
    let pic = Pic::new_with_dimensions(m.data.clone(), w, h)
        .id(format!("rIdPicture{}", n.pictures))
        .size((tw * EMU_PER_TWIP) as u32, (th * EMU_PER_TWIP) as u32);
    Ok(Paragraph::new()
        .align(AlignmentType::Center)
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
        .add_run(Run::new().add_image(pic)))
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

fn grid(columns: usize) -> Vec<usize> {
    vec![TYPE_WIDTH_TWIPS / columns.max(1); columns.max(1)]
}

/// Column widths for a template table: dates and numbers narrow, text wide.
fn weighted_grid(def: &TableDef) -> Vec<usize> {
    let weights = structure::column_weights(def);
    let total: f32 = weights.iter().sum::<f32>().max(1.0);
    weights
        .iter()
        .map(|w| (TYPE_WIDTH_TWIPS as f32 * w / total) as usize)
        .collect()
}

fn simple_table(header: &[String], rows: &[Vec<String>]) -> Table {
    let mut all = vec![TableRow::new(header.iter().map(|h| cell(h, true)).collect()).cant_split()];
    for r in rows {
        all.push(TableRow::new(r.iter().map(|c| cell(c, false)).collect()));
    }
    Table::new(all)
        .set_grid(grid(header.len()))
        .width(TYPE_WIDTH_TWIPS, WidthType::Dxa)
        .align(TableAlignmentType::Center)
}

/// A template table: grouped columns get a merged header cell above their own labels.
fn structured_table(def: &TableDef, rows: &[crate::model::TableRow]) -> Table {
    let grouped = def.columns.iter().any(|c| c.group.is_some());
    let mut all = Vec::new();
    if grouped {
        let mut top = Vec::new();
        let mut bottom = Vec::new();
        let mut i = 0;
        while i < def.columns.len() {
            let c = &def.columns[i];
            match &c.group {
                Some(g) => {
                    let span = def.columns[i..]
                        .iter()
                        .take_while(|x| x.group.as_ref() == Some(g))
                        .count();
                    top.push(cell(g, true).grid_span(span));
                    for x in &def.columns[i..i + span] {
                        bottom.push(cell(&x.label, true));
                    }
                    i += span;
                }
                None => {
                    top.push(cell(&c.label, true).vertical_merge(VMergeType::Restart));
                    bottom.push(cell("", true).vertical_merge(VMergeType::Continue));
                    i += 1;
                }
            }
        }
        all.push(TableRow::new(top).cant_split());
        all.push(TableRow::new(bottom).cant_split());
    } else {
        all.push(
            TableRow::new(def.columns.iter().map(|c| cell(&c.label, true)).collect()).cant_split(),
        );
    }
    for r in rows {
        all.push(TableRow::new(
            def.columns
                .iter()
                .map(|c| cell(r.get(&c.key).map_or("", String::as_str), false))
                .collect(),
        ));
    }
    Table::new(all)
        .set_grid(weighted_grid(def))
        .width(TYPE_WIDTH_TWIPS, WidthType::Dxa)
        .align(TableAlignmentType::Center)
}

/// An appendix page: 附件N at the top left, the title centred on line 3, the scan below.
fn attachment_page(
    number: usize,
    title: &str,
    m: &Media,
    n: &mut Counters,
) -> Result<Vec<Paragraph>> {
    let mut out = vec![
        Paragraph::new()
            .page_break_before(true)
            .line_spacing(exact_lines())
            .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
            .add_run(
                Run::new()
                    .fonts(fonts(HEITI))
                    .add_text(format!("附件{number}")),
            ),
        blank(),
        Paragraph::new()
            .style("DocTitle")
            .add_run(Run::new().add_text(title)),
    ];
    if m.media_type == "application/pdf" {
        out.push(body(&format!(
            "（原件为 PDF 文件《{}》，随电子版一并报送。）",
            m.file_name
        )));
    } else {
        out.push(picture(m, TYPE_WIDTH_TWIPS as u32, 10_400, n)?);
    }
    Ok(out)
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
        .default_size(BODY_SIZE)
        .created_at(created)
        .updated_at(created);
    for style in styles::styles() {
        docx = docx.add_style(style);
    }
    let title = format!("{}推荐项目汇总表", settings.call.title);
    docx = docx
        .add_paragraph(page_title(&title, false))
        .add_paragraph(plain(
            &format!("推荐单位（盖章）：{}", s.unit),
            AlignmentType::Left,
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
            Table::new(rows)
                .set_grid(widths)
                .width(LANDSCAPE_TYPE_WIDTH, WidthType::Dxa)
                .align(TableAlignmentType::Center),
        )
        .add_paragraph(blank())
        .add_paragraph(plain(
            &format!(
                "共 {} 个项目。推荐意向序号按推荐优先顺序填写，1 为最优先。",
                s.rows.len()
            ),
            AlignmentType::Left,
        ))
        .add_paragraph(plain("年　　月　　日", AlignmentType::Right));
    postpass::finish(
        docx.build(),
        &postpass::Finish {
            title,
            author: s.unit.clone(),
            subject: format!("{}推荐项目汇总表", settings.call.title),
            keywords: format!("{}；推荐项目汇总表", settings.call.title),
            created: created.to_string(),
            reviewer: false,
        },
    )
}
