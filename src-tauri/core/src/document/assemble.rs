//! The dossier and its template turned into one [`Document`]: the cover, 申报须知, the
//! 申报基本情况表 (一 as the form's grid; 二 to 十 as the form's rows on the form's page, or as
//! headings and paragraphs on the GB/T 9704 page), the attachments as appendix pages. Tables and
//! figures are numbered here, the Gantt chart is drawn here, the seal lines are filled here.

use super::structure;
use super::*;
use crate::fonts::Face;
use crate::model::{Block, Dossier, ListKind, Media};
use crate::numbering::{chinese_date, chinese_month, heading_labels};
use crate::template::{
    CallSettings, FieldKind, GridDef, PartDef, PartKind, SectionDef, TableDef, Template,
};
use crate::{CoreError, Result};

/// What the user chose for an export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AssembleOptions {
    pub layout: PageLayout,
    /// A contents page after 申报须知 (the form has none; off by default).
    pub contents: bool,
}

/// Assembles the document. Fails only when a picture or an attachment's file is missing.
pub fn assemble<'a>(
    d: &'a Dossier,
    template: &Template,
    settings: &CallSettings,
    options: &AssembleOptions,
) -> Result<Document<'a>> {
    crate::model::check_text(d)?;
    let mut a = Assembler {
        d,
        template,
        settings,
        layout: options.layout,
        nodes: Vec::new(),
        media: Vec::new(),
        tables: 0,
        figures: 0,
    };
    a.cover();
    a.notice();
    if options.contents {
        let entries = a.contents_entries();
        a.nodes.push(Node::Contents(entries));
        a.nodes.push(Node::PageBreak);
    }
    if template.is_form() {
        a.form()?;
    } else {
        a.earlier()?;
    }
    a.attachment_pages()?;
    let title = if d.title.is_empty() {
        template.template.title.clone()
    } else {
        d.title.clone()
    };
    Ok(Document {
        layout: options.layout,
        properties: Properties {
            title,
            author: d.front_matter.applicant.name.clone(),
            subject: template.template.title.clone(),
            keywords: vec![
                settings.call.title.clone(),
                "可信数据空间".into(),
                d.pilot_type.label().into(),
            ],
        },
        nodes: a.nodes,
        media: a.media,
    })
}

struct Assembler<'a, 't> {
    d: &'a Dossier,
    template: &'t Template,
    settings: &'t CallSettings,
    layout: PageLayout,
    nodes: Vec<Node>,
    media: Vec<Cow<'a, Media>>,
    tables: usize,
    figures: usize,
}

fn hei(text: impl Into<String>, align: Align) -> Para {
    Para::new(text, Face::Hei, Size::Body, align)
}

fn kai(text: impl Into<String>) -> Para {
    Para::new(text, Face::Kai, Size::Body, Align::Left)
}

fn small(text: impl Into<String>, align: Align) -> Para {
    Para::new(text, Face::Fang, Size::Small, align)
}

fn caption(text: String) -> Node {
    Node::Para(Para::new(text, Face::Hei, Size::Caption, Align::Center).keep())
}

/// One part as the form holds it: its heading, then rows of content (each a cell spanning the
/// table, or the form's own narrower cells).
struct PartRows {
    heading: Para,
    rows: Vec<PartRow>,
}

enum PartRow {
    /// A sub-heading row (（一）试点申报单位基本情况…).
    Heading(Para),
    /// Content across the table.
    Content(Vec<Node>),
    /// A table the form draws as its own rows (参与主体), with the grid columns each column spans.
    Cells(Table, Vec<u8>),
}

impl<'a, 't> Assembler<'a, 't> {
    fn push(&mut self, p: Para) {
        self.nodes.push(Node::Para(p));
    }

    fn cover(&mut self) {
        let (d, t) = (self.d, self.template);
        self.nodes.extend([Node::Blank, Node::Blank]);
        match &t.cover {
            Some(cover) => {
                for line in &cover.title {
                    self.push(Para::new(line, Face::Title, Size::Title, Align::Center));
                }
            }
            None => self.push(Para::new(
                &t.template.title,
                Face::Title,
                Size::Title,
                Align::Center,
            )),
        }
        self.nodes.extend([Node::Blank, Node::Blank]);
        for (label, value) in structure::cover_lines(d, t) {
            self.push(hei(format!("{label}：{value}"), Align::Left).indented());
            self.nodes.push(Node::Blank);
        }
        if let Some(cover) = &t.cover {
            self.nodes.extend([Node::Blank, Node::Blank]);
            for line in &cover.footer {
                self.push(hei(line, Align::Center));
            }
        }
        self.nodes.push(Node::PageBreak);
    }

    fn notice(&mut self) {
        if let Some(notice) = &self.template.notice {
            self.push(hei(&notice.title, Align::Center));
            for item in &notice.items {
                self.push(Para::body(item));
            }
            self.nodes.push(Node::PageBreak);
        }
    }

    fn contents_entries(&self) -> Vec<ContentsEntry> {
        let t = self.template;
        if !t.is_form() {
            let sections = structure::included_sections(self.d, t);
            return structure::contents_entries(self.d, t, &sections);
        }
        let mut out = Vec::new();
        for part in &t.parts {
            out.push(ContentsEntry {
                level: 1,
                text: part.heading.clone(),
                anchor: crate::model::Anchor::part(&part.key).to_string(),
            });
            if part.kind == PartKind::Sections {
                for s in self.part_sections(part) {
                    if let Some(h) = &s.heading {
                        out.push(ContentsEntry {
                            level: 2,
                            text: h.clone(),
                            anchor: crate::model::Anchor::section(&s.key).to_string(),
                        });
                    }
                }
            }
        }
        out
    }

    /// The part's sections that are printed: required ones and optional ones with content.
    fn part_sections(&self, part: &'t PartDef) -> Vec<&'t SectionDef> {
        let included = structure::included_sections(self.d, self.template);
        self.template
            .part_sections(&part.key)
            .filter(|s| included.iter().any(|i| i.key == s.key))
            .collect()
    }

    /// The 申报基本情况表 and what follows it, on either page.
    fn form(&mut self) -> Result<()> {
        let t = self.template;
        let Some(grid) = &t.grid else {
            return Err(CoreError::Internal("模板缺少基本情况表".into()));
        };
        let mut parts = Vec::new();
        for part in &t.parts {
            if part.kind != PartKind::Grid {
                parts.push(self.part_rows(part)?);
            }
        }
        let first = t.parts.first();
        let mut table = grid_table(self.d, t, grid, first, self.layout);
        match self.layout {
            PageLayout::Form => {
                for part in parts {
                    table.rows.push(heading_row(part.heading));
                    for row in part.rows {
                        match row {
                            PartRow::Heading(p) => table.rows.push(heading_row(p)),
                            PartRow::Content(nodes) => {
                                let mut cell = Cell::new(9, nodes);
                                cell.middle = false;
                                table.rows.push(Row::new(vec![cell]));
                            }
                            PartRow::Cells(inner, spans) => {
                                for r in inner.rows {
                                    let cells = r
                                        .cells
                                        .into_iter()
                                        .zip(&spans)
                                        .map(|(mut c, s)| {
                                            c.span = *s as usize;
                                            c
                                        })
                                        .collect();
                                    table.rows.push(Row {
                                        cells,
                                        heading: r.header,
                                        header: false,
                                    });
                                }
                            }
                        }
                    }
                }
                self.nodes.push(Node::Table(table));
            }
            PageLayout::Gbt9704 => {
                self.nodes.push(Node::Table(table));
                for part in parts {
                    if matches!(part.heading.outline.as_ref(), Some(o)
                        if crate::model::Anchor::part("commitment") == o.anchor
                            || crate::model::Anchor::part("recommendation") == o.anchor)
                    {
                        self.nodes.push(Node::PageBreak);
                    }
                    self.push(part.heading.indented());
                    for row in part.rows {
                        match row {
                            PartRow::Heading(p) => self.push(p.indented()),
                            PartRow::Content(nodes) => self.nodes.extend(nodes),
                            PartRow::Cells(inner, _) => {
                                self.tables += 1;
                                let title = self
                                    .template
                                    .table_by_role(crate::template::TableRole::Partners)
                                    .map_or(String::new(), |t| {
                                        format!("表{}　{}", self.tables, t.title)
                                    });
                                self.nodes.push(caption(title));
                                self.nodes.push(Node::Table(inner));
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn part_rows(&mut self, part: &'t PartDef) -> Result<PartRows> {
        let (d, t) = (self.d, self.template);
        let fm = &d.front_matter;
        let heading = hei(&part.heading, Align::Left)
            .outline(1, crate::model::Anchor::part(&part.key).to_string());
        let mut rows = Vec::new();
        let mut heading = heading;
        match part.kind {
            PartKind::Grid => {}
            PartKind::Sections => {
                // Sections sharing the form's one cell (五) each get a row of their own under their
                // heading: rows of a few pages split across pages in every reader.
                for s in self.part_sections(part) {
                    let own = s.heading.as_ref().map(|h| {
                        kai(h.clone())
                            .indented()
                            .outline(2, crate::model::Anchor::section(&s.key).to_string())
                    });
                    if own.is_none() {
                        heading = heading.mark(crate::model::Anchor::section(&s.key).to_string());
                    }
                    let mut content = Vec::new();
                    if part.shared_cell {
                        content.extend(own.map(Node::Para));
                    } else if let Some(own) = own {
                        rows.push(PartRow::Heading(own));
                    }
                    let spanned = self.section_content(s, &mut content)?;
                    if !content.is_empty() || spanned.is_none() {
                        rows.push(PartRow::Content(content));
                    }
                    if let Some(cells) = spanned {
                        rows.push(cells);
                    }
                }
            }
            PartKind::Commitment => {
                let mut content: Vec<Node> = t
                    .commitment
                    .text
                    .iter()
                    .map(|p| Node::Para(Para::body(p)))
                    .collect();
                content.push(Node::Blank);
                let lines = &t.commitment.seal_lines;
                if let Some(unit) = lines.first() {
                    content.push(seal(fill_seal(unit, &fm.applicant.name)));
                }
                if let Some(date) = lines.get(1) {
                    content.push(seal(fill_date(date, fm.commitment.signed_on)));
                }
                rows.push(PartRow::Content(content));
            }
            PartKind::Opinion => {
                let mut content: Vec<Node> = part
                    .note
                    .iter()
                    .map(|n| Node::Para(Para::body(n)))
                    .collect();
                let (unit, date) = match part.key.as_str() {
                    "recommendation" => {
                        let r = &fm.recommendation;
                        for (label, value) in [
                            ("审查论证情况", r.review.clone()),
                            ("具体意见", r.opinion.clone()),
                            (
                                "推荐意向序号",
                                r.order.map(|o| o.to_string()).unwrap_or_default(),
                            ),
                        ] {
                            content.push(Node::Para(Para::body(format!("{label}：{value}"))));
                        }
                        (fm.recommending_unit.clone(), r.signed_on)
                    }
                    key => {
                        let authority = if key == "city_opinion" {
                            &fm.city_government
                        } else {
                            &fm.industry_authority
                        };
                        content.push(Node::Para(Para::body(&authority.opinion)));
                        content.push(Node::Para(Para::body(format!(
                            "联系人及联系方式：{}",
                            authority.contact
                        ))));
                        (authority.name.clone(), authority.signed_on)
                    }
                };
                content.push(Node::Blank);
                if let Some(line) = part.seal_lines.first() {
                    content.push(seal(fill_seal(line, &unit)));
                }
                if let Some(line) = part.seal_lines.get(1) {
                    content.push(seal(fill_date(line, date)));
                }
                rows.push(PartRow::Content(content));
            }
            PartKind::Evidence => {
                let mut content = Vec::new();
                if let Some(evidence) = &t.evidence {
                    for group in &evidence.groups {
                        content.push(Node::Para(kai(&group.heading).indented().keep()));
                        for line in &group.lines {
                            content.push(Node::Para(Para::body(line)));
                        }
                        for (i, a) in d.attachments.iter().enumerate() {
                            if group.kinds.contains(&a.kind) {
                                content.push(Node::Para(Para::body(format!(
                                    "附件{}　{}",
                                    i + 1,
                                    a.title
                                ))));
                            }
                        }
                    }
                    content.push(Node::Para(Para::body(&evidence.note)));
                }
                rows.push(PartRow::Content(content));
            }
        }
        Ok(PartRows { heading, rows })
    }

    /// A section's blocks and tables into `out`; a table the form draws as its own rows is
    /// returned instead.
    fn section_content(&mut self, s: &SectionDef, out: &mut Vec<Node>) -> Result<Option<PartRow>> {
        let d = self.d;
        let blocks = d.section(&s.key).map_or(&[][..], |x| x.blocks.as_slice());
        let labels = heading_labels(blocks);
        let bump = u8::from(s.heading.is_some() || !self.template.is_form());
        for (bi, block) in blocks.iter().enumerate() {
            match block {
                Block::Paragraph { text } => out.push(Node::Para(Para::body(text))),
                Block::Heading { level, text } => {
                    let face = match level {
                        2 => Face::Kai,
                        _ => Face::Fang,
                    };
                    let mut p = Para::new(
                        format!("{}{text}", labels[bi].clone().unwrap_or_default()),
                        face,
                        Size::Body,
                        Align::Justify,
                    )
                    .indented()
                    .outline(
                        (*level + bump - 1).clamp(2, 4),
                        crate::model::Anchor::Block(s.key.clone(), bi).to_string(),
                    );
                    p.bold = *level == 3;
                    out.push(Node::Para(p));
                }
                Block::List { kind, items } => {
                    for (n, item) in items.iter().enumerate() {
                        let mark = match kind {
                            ListKind::Numbered => format!("{}. ", n + 1),
                            ListKind::Bullet => "· ".into(),
                        };
                        out.push(Node::Para(Para::body(format!("{mark}{item}"))));
                    }
                }
                Block::Table {
                    caption: c,
                    header,
                    rows,
                } => {
                    self.tables += 1;
                    let title = c.trim_start_matches('表').trim();
                    out.push(caption(if title.is_empty() {
                        format!("表{}", self.tables)
                    } else {
                        format!("表{}　{title}", self.tables)
                    }));
                    let mut all = vec![header_row(header.iter().map(|h| (h.clone(), 1)))];
                    all.extend(rows.iter().map(|r| data_row(r.iter().cloned())));
                    out.push(Node::Table(Table {
                        widths: vec![1.0; header.len().max(1)],
                        rows: all,
                        form: false,
                    }));
                }
                Block::Image { media, caption: c } => {
                    let m = d.media(media).ok_or_else(|| {
                        CoreError::input("图片", format!("图片文件 {media} 不存在，请重新插入"))
                    })?;
                    // A damaged picture is a finding (`media.unreadable`); a draft shows a note.
                    let px = match crate::images::problem(&m.data) {
                        None => crate::images::dimensions(&m.data),
                        Some(_) => None,
                    };
                    let Some(px) = px else {
                        out.push(Node::Para(Para::body(format!(
                            "［图片《{}》已损坏，无法显示］",
                            m.file_name
                        ))));
                        continue;
                    };
                    self.use_media(m);
                    self.figures += 1;
                    out.push(Node::Picture(Picture {
                        media: m.id.clone(),
                        px,
                        max_h: 0.5,
                    }));
                    let title = c.trim_start_matches('图').trim();
                    out.push(caption(if title.is_empty() {
                        format!("图{}", self.figures)
                    } else if c.starts_with('图') {
                        c.clone()
                    } else {
                        format!("图{}　{title}", self.figures)
                    }));
                }
            }
        }
        let mut spanned = None;
        for t in &s.tables {
            let rows = d.tables.get(&t.key).map_or(&[][..], Vec::as_slice);
            if rows.is_empty() && !t.required {
                continue;
            }
            let table = template_table(t, rows);
            if !t.spans.is_empty() {
                spanned = Some(PartRow::Cells(table, t.spans.clone()));
                continue;
            }
            self.tables += 1;
            out.push(caption(format!("表{}　{}", self.tables, t.title)));
            out.push(Node::Table(table));
            if t.role == Some(crate::template::TableRole::Milestones) && !rows.is_empty() {
                self.figures += 1;
                let chart = Media::new(
                    "gantt.png",
                    "image/png",
                    crate::document::gantt::for_table(t, rows, self.settings),
                );
                let px = crate::images::dimensions(&chart.data).unwrap_or((1600, 800));
                out.push(Node::Picture(Picture {
                    media: chart.id.clone(),
                    px,
                    max_h: 0.6,
                }));
                out.push(caption(format!(
                    "图{}　推进计划甘特图（编号与表{}中的阶段顺序对应）",
                    self.figures, self.tables
                )));
                self.media.push(Cow::Owned(chart));
            }
        }
        Ok(spanned)
    }

    fn use_media(&mut self, m: &'a Media) {
        if !self.media.iter().any(|x| x.id == m.id) {
            self.media.push(Cow::Borrowed(m));
        }
    }

    /// Earlier templates (our own design before the form): commitment, recommendation, then the
    /// numbered sections.
    fn earlier(&mut self) -> Result<()> {
        let (d, t) = (self.d, self.template);
        let fm = &d.front_matter;
        self.push(Para::new(
            &t.commitment.title,
            Face::Title,
            Size::Title,
            Align::Center,
        ));
        for p in &t.commitment.text {
            self.push(Para::body(p));
        }
        self.nodes.push(Node::Blank);
        self.nodes
            .push(seal(format!("承诺单位（盖章）：{}", fm.applicant.name)));
        self.nodes.push(seal(chinese_date(fm.commitment.signed_on)));
        self.nodes.push(Node::PageBreak);
        let r = &fm.recommendation;
        self.push(Para::new(
            "推荐单位意见",
            Face::Title,
            Size::Title,
            Align::Center,
        ));
        self.push(Para::body(format!("审查论证情况：{}", r.review)));
        self.push(Para::body(format!("具体意见：{}", r.opinion)));
        self.nodes.push(Node::Blank);
        self.nodes
            .push(seal(format!("推荐单位（盖章）：{}", fm.recommending_unit)));
        self.nodes.push(seal(chinese_date(r.signed_on)));
        self.nodes.push(Node::PageBreak);
        for s in structure::included_sections(d, t) {
            self.push(
                hei(t.section_label(&s.key), Align::Justify)
                    .indented()
                    .outline(1, crate::model::Anchor::section(&s.key).to_string()),
            );
            let mut content = Vec::new();
            if let Some(PartRow::Cells(table, _)) = self.section_content(s, &mut content)? {
                content.push(Node::Table(table));
            }
            self.nodes.extend(content);
        }
        Ok(())
    }

    /// Each attachment on a page of its own: 附件N at the top left, its title, the scan.
    fn attachment_pages(&mut self) -> Result<()> {
        let d = self.d;
        for (i, a) in d.attachments.iter().enumerate() {
            let m = d.media(&a.media).ok_or_else(|| {
                CoreError::input(
                    format!("附件{}", i + 1),
                    format!("附件“{}”的文件不存在，请重新上传", a.title),
                )
            })?;
            self.nodes.push(Node::PageBreak);
            self.push(hei(format!("附件{}", i + 1), Align::Left));
            self.nodes.push(Node::Blank);
            self.push(Para::new(&a.title, Face::Title, Size::Title, Align::Center));
            if m.media_type == "application/pdf" {
                self.push(Para::body(format!(
                    "（原件为 PDF 文件《{}》，随电子版一并报送。）",
                    m.file_name
                )));
            } else if let Some(why) = crate::images::problem(&m.data) {
                self.push(Para::body(format!(
                    "［附件文件《{}》无法显示：{why}］",
                    m.file_name
                )));
            } else if let Some(px) = crate::images::dimensions(&m.data) {
                self.use_media(m);
                self.nodes.push(Node::Picture(Picture {
                    media: m.id.clone(),
                    px,
                    max_h: 0.8,
                }));
            }
        }
        Ok(())
    }
}

fn seal(text: String) -> Node {
    Node::Para(Para::new(text, Face::Fang, Size::Body, Align::Right))
}

/// `承诺单位：（盖申报单位公章）` with the unit's name after the colon.
fn fill_seal(line: &str, unit: &str) -> String {
    match line.find('：') {
        Some(i) => {
            let (label, rest) = line.split_at(i + '：'.len_utf8());
            format!("{label}{unit}{rest}")
        }
        None => format!("{line}{unit}"),
    }
}

/// The form's date line (`承诺时间：  年   月  日`, `年     月    日`) with the date, when set.
fn fill_date(line: &str, date: Option<chrono::NaiveDate>) -> String {
    let Some(date) = date else {
        return line.to_string();
    };
    let label = line.find('：').map_or("", |i| &line[..i + '：'.len_utf8()]);
    format!("{label}{}", chinese_date(Some(date)))
}

fn heading_row(p: Para) -> Row {
    let mut cell = Cell::new(9, vec![Node::Para(p)]);
    cell.middle = true;
    Row {
        cells: vec![cell],
        heading: true,
        header: false,
    }
}

fn header_row(cells: impl Iterator<Item = (String, usize)>) -> Row {
    Row {
        cells: cells
            .map(|(t, span)| Cell::new(span, vec![Node::Para(small(t, Align::Center))]))
            .collect(),
        heading: true,
        header: true,
    }
}

fn data_row(cells: impl Iterator<Item = String>) -> Row {
    Row::new(
        cells
            .map(|t| Cell::new(1, vec![Node::Para(small(t, Align::Left))]))
            .collect(),
    )
}

/// A template table: grouped columns under a merged header cell, a row group (试点目标) down the
/// first column, the form's fixed rows.
fn template_table(def: &TableDef, rows: &[crate::model::TableRow]) -> Table {
    let mut out = Vec::new();
    let mut widths: Vec<f32> = structure::column_weights(def);
    let group_col = def.row_group.is_some();
    if group_col {
        widths.insert(0, 1.5);
    }
    let grouped = def.columns.iter().any(|c| c.group.is_some());
    if grouped {
        let mut top: Vec<Cell> = Vec::new();
        let mut bottom: Vec<Cell> = Vec::new();
        let mut i = 0;
        while i < def.columns.len() {
            let c = &def.columns[i];
            match &c.group {
                Some(g) => {
                    let span = def.columns[i..]
                        .iter()
                        .take_while(|x| x.group.as_ref() == Some(g))
                        .count();
                    top.push(Cell::new(span, vec![Node::Para(small(g, Align::Center))]));
                    for x in &def.columns[i..i + span] {
                        bottom.push(Cell::new(
                            1,
                            vec![Node::Para(small(&x.label, Align::Center))],
                        ));
                    }
                    i += span;
                }
                None => {
                    let mut first = Cell::new(1, vec![Node::Para(small(&c.label, Align::Center))]);
                    first.merge = Merge::Start;
                    top.push(first);
                    let mut below = Cell::new(1, vec![]);
                    below.merge = Merge::Continue;
                    bottom.push(below);
                    i += 1;
                }
            }
        }
        for r in [top, bottom] {
            out.push(Row {
                cells: r,
                heading: true,
                header: true,
            });
        }
    } else {
        let mut header: Vec<(String, usize)> =
            def.columns.iter().map(|c| (c.label.clone(), 1)).collect();
        if group_col && let Some(first) = header.first_mut() {
            first.1 = 2;
        }
        out.push(header_row(header.into_iter()));
    }
    for (ri, r) in rows.iter().enumerate() {
        let mut cells: Vec<Cell> = Vec::new();
        if let Some(g) = &def.row_group {
            let mut c = Cell::new(1, vec![]);
            if ri == 0 {
                c.content.push(Node::Para(small(g, Align::Center)));
                c.merge = Merge::Start;
            } else {
                c.merge = Merge::Continue;
            }
            cells.push(c);
        }
        for col in &def.columns {
            let value = r.get(&col.key).map_or("", String::as_str);
            let align = if col.fixed {
                Align::Center
            } else {
                Align::Left
            };
            let content = value
                .split('\n')
                .map(|line| Node::Para(small(line, align)))
                .collect();
            cells.push(Cell::new(1, content));
        }
        out.push(Row::new(cells));
    }
    Table {
        widths,
        rows: out,
        form: false,
    }
}

/// 一、项目基本信息: the table's title row, the part's heading row and the grid's rows.
fn grid_table(
    d: &Dossier,
    template: &Template,
    grid: &GridDef,
    part: Option<&PartDef>,
    layout: PageLayout,
) -> Table {
    let mut rows = Vec::new();
    let mut title = Cell::new(
        9,
        vec![Node::Para(Para::new(
            &grid.title,
            Face::Title,
            Size::Title,
            Align::Center,
        ))],
    );
    title.middle = true;
    rows.push(Row {
        cells: vec![title],
        heading: true,
        header: false,
    });
    if let Some(part) = part {
        rows.push(heading_row(
            hei(&part.heading, Align::Left)
                .outline(1, crate::model::Anchor::part(&part.key).to_string()),
        ));
    }
    // Cells covered by a label spanning rows below it: (column, rows left).
    let mut covering: Vec<(usize, usize, usize)> = Vec::new();
    for row in &grid.rows {
        let mut cells = Vec::new();
        let mut col = 0;
        for (c0, span, left) in covering.iter_mut() {
            if *left > 0 && *c0 == 0 {
                let mut c = Cell::new(*span, vec![]);
                c.merge = Merge::Continue;
                cells.push(c);
                col += *span;
                *left -= 1;
            }
        }
        covering.retain(|(_, _, left)| *left > 0);
        // The form sets rows of many small cells (联系人, 近三年发展情况) in 12 pt.
        let size = if row.len() + cells.len() > 2 {
            Size::Small
        } else {
            Size::Body
        };
        for cell in row {
            let span = cell.span as usize;
            let mut content = Vec::new();
            if let Some(label) = &cell.label {
                // The form sets its labels flush left, the years of 近三年发展情况 centred.
                let year = label.len() == "2022年".len() && label.ends_with('年');
                let align = if year { Align::Center } else { Align::Left };
                content.push(Node::Para(Para::new(label, Face::Fang, size, align)));
            } else if let Some(text) = &cell.text {
                content.push(Node::Para(Para::new(text, Face::Fang, size, Align::Left)));
            } else if let Some(path) = &cell.field {
                let def = template.field_def(path);
                let mut value = d.field(path).unwrap_or_default();
                if def.is_some_and(|f| f.kind == FieldKind::Month) {
                    value = chinese_month(&value);
                }
                let text = format!(
                    "{}{value}{}",
                    cell.before.as_deref().unwrap_or(""),
                    cell.after.as_deref().unwrap_or("")
                );
                content.push(Node::Para(Para::new(text, Face::Fang, size, Align::Left)));
            }
            let mut c = Cell::new(span, content);
            if cell.rows > 1 {
                c.merge = Merge::Start;
                covering.push((col, span, cell.rows as usize - 1));
            }
            col += span;
            cells.push(c);
        }
        rows.push(Row::new(cells));
    }
    let widths = if grid.widths.len() == grid.columns as usize {
        grid.widths.iter().map(|w| *w as f32).collect()
    } else {
        vec![1.0; grid.columns as usize]
    };
    Table {
        widths,
        rows,
        form: layout == PageLayout::Form,
    }
}
