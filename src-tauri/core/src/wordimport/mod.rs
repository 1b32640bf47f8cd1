//! Bringing in what was written in Word: 附件3 filled in Word or WPS (in its table, or as
//! headings and paragraphs outside it), and our own Word export edited in Word, read into a
//! dossier of the form's template. Grid cells are found by their labels, parts and sections by
//! the form's headings; the form's own texts (labels, instructions, notes, fixed texts) are
//! recognised and not taken as content. Nothing is dropped: what has no place goes to the
//! dossier's unplaced content with where it came from.
//!
//! Bad files are refused with a Chinese message and nothing written: not a Word file, an old
//! binary .doc or a WPS .wps (say how to save as .docx), a password-protected file, a package
//! that breaks [`crate::zipread`]'s rules, a file that is not the form.

pub mod read;

use crate::model::{
    Attachment, AttachmentKind, Block, Dossier, ListKind, Media, PilotType, Unplaced,
};
use crate::template::{FieldKind, PartKind, Registry, Template};
use crate::{CoreError, Result};
use read::{Cell, Node, Para, Table};
use serde::Serialize;

/// What an import found, for the report.
#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
pub struct ImportReport {
    pub pilot_type: String,
    /// Fields filled, sections with content, table rows, pictures.
    pub fields: usize,
    pub sections: usize,
    pub rows: usize,
    pub pictures: usize,
    /// Texts recognised as the form's own (labels, instructions, notes) and left out.
    pub form_texts: usize,
    /// Items kept as unplaced content.
    pub unplaced: usize,
    /// What could not be read at all (content embedded in another format), with where it was;
    /// each is also kept as unplaced content saying so.
    pub not_imported: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Imported {
    pub dossier: Dossier,
    pub report: ImportReport,
}

/// Text with every kind of space and the form's blanks removed, for comparing with the form.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}' && *c != '_' && *c != '＿')
        .collect()
}

/// A value typed into a cell or after a label: blanks and the form's underscores trimmed.
fn value(text: &str) -> String {
    text.trim_matches(|c: char| c.is_whitespace() || c == '_' || c == '＿' || c == '\u{3000}')
        .to_string()
}

fn refuse(file: &str, detail: impl Into<String>) -> CoreError {
    CoreError::input(file, format!("无法从这个 Word 文件导入：{}", detail.into()))
}

/// Recognises what kind of file `bytes` is before reading it as a .docx.
fn sniff(file: &str, bytes: &[u8]) -> Result<()> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        let encrypted: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        if bytes.windows(encrypted.len()).any(|w| w == encrypted) {
            return Err(refuse(
                file,
                "文件设置了打开密码。请在 Word 或 WPS 中打开，取消密码（文件 › 信息 › 保护文档 › 用密码进行加密，清空密码）后另存为 .docx 再导入",
            ));
        }
        return Err(refuse(
            file,
            "这是旧版 Word（.doc）或 WPS（.wps）格式。请在 Word 或 WPS 中打开，选择“另存为”，文件类型选“Word 文档（*.docx）”，再导入另存的文件",
        ));
    }
    if !bytes.starts_with(b"PK") {
        return Err(refuse(file, "它不是 Word 文档（.docx）"));
    }
    Ok(())
}

/// One item of the document in reading order: a paragraph, a table, a picture, a row of the
/// form's table that has several cells (the grid, the 参与主体 rows), or content that cannot be
/// read (its package part).
enum Item {
    Para(Para),
    Table(Table),
    Picture(String),
    Row(Vec<Cell>),
    Skipped(String),
}

/// Whether a table is the form's 申报基本情况表 (or a part of it).
fn is_form_table(t: &Table, template: &Template) -> bool {
    let text: String = t
        .rows
        .iter()
        .flatten()
        .map(|c| squeeze(&c.text()))
        .collect();
    text.contains("申报基本情况表")
        || text.contains("项目基本信息")
        || template
            .parts
            .iter()
            .skip(1)
            .any(|p| text.contains(&squeeze(heading_stem(&p.heading))))
}

/// A heading without its limit: `三、试点目标（不超过1000字）` → `三、试点目标`.
fn heading_stem(heading: &str) -> &str {
    heading
        .find("（不超过")
        .or_else(|| heading.find("（如有）"))
        .or_else(|| heading.find("（可选）"))
        .map_or(heading, |i| &heading[..i])
}

fn flatten(body: Vec<Node>, template: &Template, out: &mut Vec<Item>) {
    for node in body {
        match node {
            Node::Para(p) => out.push(Item::Para(p)),
            Node::Picture(p) => out.push(Item::Picture(p)),
            Node::Skipped(p) => out.push(Item::Skipped(p)),
            Node::Table(t) if is_form_table(&t, template) => {
                // Cells are moved, never copied: a deep nest of tables stays linear.
                for mut row in t.rows {
                    if row.len() == 1 && !row[0].continued {
                        let cell = row.pop().expect("one cell");
                        flatten(cell.content, template, out);
                    } else {
                        out.push(Item::Row(row));
                    }
                }
            }
            Node::Table(t) => out.push(Item::Table(t)),
        }
    }
}

/// What a label of the grid is followed by in its row: the fields, with the text the form
/// prints before each.
fn grid_slots(template: &Template) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let Some(grid) = &template.grid else {
        return out;
    };
    for row in &grid.rows {
        let mut current: Option<(String, Vec<(String, String)>)> = None;
        for cell in row {
            if let Some(label) = &cell.label {
                if let Some(c) = current.take() {
                    out.push(c);
                }
                current = Some((squeeze(label), Vec::new()));
            } else if let (Some(path), Some(c)) = (&cell.field, current.as_mut()) {
                c.1.push((path.clone(), cell.before.clone().unwrap_or_default()));
            }
        }
        if let Some(c) = current {
            out.push(c);
        }
    }
    out
}

/// A date written `2025年4月20日`, `2025-04-20`, `2025.4.20` or `2025/4/20`, as `YYYY-MM-DD`.
fn date_of(text: &str) -> Option<String> {
    let digits: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match digits.as_slice() {
        [y, m, d, ..]
            if (1990..=2100).contains(y) && (1..=12).contains(m) && (1..=31).contains(d) =>
        {
            chrono::NaiveDate::from_ymd_opt(*y as i32, *m, *d).map(|d| d.to_string())
        }
        _ => None,
    }
}

/// Months in a text (`2025年9月 至 2027年8月`), as `YYYY-MM`.
fn months_of(text: &str) -> Vec<String> {
    let digits: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    digits
        .chunks(2)
        .filter(|c| c.len() == 2 && (1990..=2100).contains(&c[0]) && (1..=12).contains(&c[1]))
        .map(|c| format!("{:04}-{:02}", c[0], c[1]))
        .collect()
}

/// A choice among the form's options, as the filled form marks it: a ticked box (☑ ■ √ ✓ ✔ ●)
/// before it, or the option alone.
fn chosen(text: &str, options: &[&str]) -> Option<String> {
    const TICKS: [char; 7] = ['☑', '■', '√', '✓', '✔', '●', '▣'];
    for o in options {
        if let Some(i) = text.find(o) {
            let before = text[..i].trim_end();
            if before.ends_with(TICKS) {
                return Some(o.to_string());
            }
        }
    }
    let s = squeeze(text);
    options
        .iter()
        .find(|o| s == squeeze(o))
        .map(|o| o.to_string())
}

/// Figures of a prose target (“开放数据集 26 个，日活用户占比 32%”) as the typed lines
/// `名称：数值单位`; a part with no figure stays as it was written, on a line of its own.
fn figures_of(text: &str) -> String {
    let mut lines = Vec::new();
    for part in text.split(['，', ',', '；', ';', '、', '\n', '。']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if crate::checks::rules::formats::figure(part).is_some() {
            lines.push(part.to_string());
            continue;
        }
        let start = part.find(|c: char| c.is_ascii_digit());
        match start {
            Some(i) if i > 0 => {
                let mut name = part[..i].trim();
                for tail in ["不少于", "超过", "达到", "达", "为", "约", "：", ":"] {
                    name = name.trim_end_matches(tail).trim();
                }
                let rest = part[i..].trim();
                let line = format!("{name}：{rest}");
                if !name.is_empty() && crate::checks::rules::formats::figure(&line).is_some() {
                    lines.push(line);
                } else {
                    lines.push(part.to_string());
                }
            }
            _ => lines.push(part.to_string()),
        }
    }
    lines.join("\n")
}

struct Importer<'t> {
    template: &'t Template,
    d: Dossier,
    report: ImportReport,
    /// The form's own texts, squeezed.
    form_texts: Vec<String>,
    slots: Vec<(String, Vec<(String, String)>)>,
    section: Option<String>,
    part: Option<String>,
    /// Blocks of the current list being read.
    list: Vec<String>,
    /// Whether the list being read is numbered (`1. …`) rather than bulleted.
    numbered: bool,
    caption: Option<String>,
    /// Attachment kinds of the current group of 十, and a title waiting for its picture.
    evidence_kinds: Vec<AttachmentKind>,
    attachment_title: Option<String>,
    /// Attachments 十 lists (`附件1　…营业执照`) with the kind of their group.
    listed: Vec<(String, AttachmentKind)>,
    media: std::collections::BTreeMap<String, Vec<u8>>,
    position: usize,
    seen_form: bool,
}

impl Importer<'_> {
    fn unplaced(&mut self, source: String, blocks: Vec<Block>) {
        self.report.unplaced += 1;
        self.d.unplaced.push(Unplaced { source, blocks });
    }

    fn set(&mut self, path: &str, value: &str) {
        let v = value.trim();
        if v.is_empty() {
            return;
        }
        let kind = self.template.field_def(path).map(|f| f.kind);
        let v = match kind {
            Some(FieldKind::Money) => v.trim_end_matches("万元").trim().to_string(),
            Some(FieldKind::Percent) => v.trim_end_matches(['%', '％']).trim().to_string(),
            Some(FieldKind::Month) => months_of(v).into_iter().next().unwrap_or(v.to_string()),
            Some(FieldKind::Date) => date_of(v).unwrap_or(v.to_string()),
            _ => v.to_string(),
        };
        match self.d.set_field(path, &v) {
            Ok(()) => self.report.fields += 1,
            Err(e) => {
                let label = self
                    .template
                    .field_def(path)
                    .map_or(path, |f| f.label.as_str())
                    .to_string();
                self.unplaced(
                    format!("Word 文件 › {label}（{e}）"),
                    vec![Block::paragraph(v)],
                );
            }
        }
    }

    /// Content embedded whole in another format (`altChunk`): not read, but never dropped in
    /// silence; it is listed in the report and as unplaced content saying what to do.
    fn skipped(&mut self, part: &str) {
        let name = part.rsplit('/').next().unwrap_or(part);
        self.report.not_imported.push(format!(
            "第 {} 项：以其他格式嵌入的内容（{name}）",
            self.position
        ));
        self.unplaced(
            format!("Word 文件 › 第 {} 项内容（未导入）", self.position),
            vec![Block::paragraph(format!(
                "此处是以其他格式整体嵌入的内容（{name}），无法导入。请在 Word 中打开原文件，复制这部分内容后粘贴到相应章节。"
            ))],
        );
    }

    fn is_form_text(&self, s: &str) -> bool {
        self.form_texts.iter().any(|f| f == s)
    }

    fn flush_list(&mut self) {
        if self.list.is_empty() {
            return;
        }
        let items = std::mem::take(&mut self.list);
        let kind = if self.numbered {
            ListKind::Numbered
        } else {
            ListKind::Bullet
        };
        self.push_block(Block::List { kind, items });
    }

    fn push_block(&mut self, block: Block) {
        match self.section.clone() {
            Some(key) if self.template.section(&key).is_some_and(|s| s.body) => {
                // Appended in place: a long part read paragraph by paragraph stays linear.
                match self.d.sections.iter_mut().find(|s| s.key == key) {
                    Some(s) => {
                        if s.blocks.is_empty() {
                            self.report.sections += 1;
                        }
                        s.blocks.push(block);
                    }
                    None => {
                        self.report.sections += 1;
                        self.d.set_section(&key, vec![block]);
                    }
                }
            }
            _ => {
                let source = format!("Word 文件 › 第 {} 项内容", self.position);
                self.unplaced(source, vec![block]);
            }
        }
    }

    /// A part or section heading this paragraph is, and what follows it on the same line.
    fn heading(&self, s: &str) -> Option<(Option<String>, Option<String>, String)> {
        for part in &self.template.parts {
            let stem = squeeze(heading_stem(&part.heading));
            if s.starts_with(&stem)
                && s.chars().count() <= squeeze(&part.heading).chars().count() + 2
            {
                return Some((Some(part.key.clone()), None, String::new()));
            }
        }
        for sec in &self.template.sections {
            let Some(h) = &sec.heading else { continue };
            let stem = squeeze(heading_stem(h));
            if let Some(rest) = s.strip_prefix(&stem) {
                let rest = rest
                    .trim_start_matches(|c: char| {
                        c != '，'
                            && (c == '（'
                                || c == '）'
                                || c.is_ascii_digit()
                                || "不超过字如有可选".contains(c))
                    })
                    .trim_start_matches('，');
                return Some((sec.part.clone(), Some(sec.key.clone()), rest.to_string()));
            }
        }
        None
    }

    fn para(&mut self, p: Para) {
        let text = p.text.trim().to_string();
        let s = squeeze(&text);
        if s.is_empty() {
            return;
        }
        if let Some((part, section, rest)) = self.heading(&s) {
            self.flush_list();
            self.seen_form = true;
            self.part = part.clone();
            self.section = section.clone();
            if section.is_none()
                && let Some(part) = &part
            {
                // A part with one section and no heading of its own (三, 四): that section.
                let own: Vec<_> = self.template.part_sections(part).collect();
                if own.len() == 1 && own[0].heading.is_none() {
                    self.section = Some(own[0].key.clone());
                }
                self.evidence_kinds.clear();
            }
            self.report.form_texts += 1;
            let is_instruction = section
                .as_ref()
                .and_then(|k| self.template.section(k))
                .is_some_and(|sec| sec.instruction.iter().any(|i| squeeze(i) == rest));
            if !rest.is_empty() && !is_instruction {
                self.push_block(Block::paragraph(rest));
            }
            return;
        }
        if self.is_form_text(&s) || (!self.seen_form && s == "附件3") {
            self.report.form_texts += 1;
            return;
        }
        // The cover's lines.
        if !self.seen_form
            && let Some(cover) = &self.template.cover
        {
            if s.contains("可信数据空间创新发展试点项目") || s == "申报书" || s == "申报书模板"
            {
                self.report.form_texts += 1;
                return;
            }
            for line in cover.lines.clone() {
                if let (Some(rest), Some(field)) = (after_label(&text, &line.label), &line.field) {
                    let v = value(&rest);
                    let v = v.strip_suffix(line.note.as_str()).unwrap_or(&v);
                    self.set(field, v);
                    return;
                }
            }
            if let Some(rest) = s.strip_prefix(&squeeze(&cover.date_label)) {
                if let Some(date) = date_of(rest) {
                    self.set("application_date", &date);
                }
                return;
            }
        }
        match self.part_kind() {
            Some(PartKind::Commitment) => return self.commitment_line(&s),
            Some(PartKind::Opinion) => return self.opinion_line(&text, &s),
            Some(PartKind::Evidence) => return self.evidence_line(&text, &s),
            _ => {}
        }
        if s.starts_with("附件") && s[("附件".len())..].chars().all(|c| c.is_ascii_digit()) {
            self.attachment_title = Some(String::new());
            return;
        }
        if let Some(t) = &self.attachment_title
            && t.is_empty()
        {
            self.attachment_title = Some(text);
            return;
        }
        if (s.starts_with('表') || s.starts_with('图'))
            && s.chars().count() < 40
            && s.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
        {
            if s.starts_with('图') {
                self.caption_last_image(&text);
            } else {
                self.caption = Some(text);
            }
            return;
        }
        // List items: Word's own lists, and the marks our export writes (`· …`, `1. …`).
        let marked = list_item(&text);
        if p.list || marked.is_some() {
            let (numbered, item) = marked.unwrap_or((false, text.clone()));
            if !self.list.is_empty() && numbered != self.numbered {
                self.flush_list();
            }
            self.numbered = numbered;
            self.list.push(item);
            return;
        }
        self.flush_list();
        let level = p.heading.or_else(|| numbered_heading(&text));
        match level {
            Some(l) if self.section.is_some() => {
                let label_free = strip_number(&text);
                self.push_block(Block::Heading {
                    level: l.clamp(2, 4),
                    text: label_free,
                });
            }
            _ => self.push_block(Block::paragraph(text)),
        }
    }

    fn part_kind(&self) -> Option<PartKind> {
        self.part
            .as_deref()
            .and_then(|k| self.template.part(k))
            .map(|p| p.kind)
    }

    fn commitment_line(&mut self, s: &str) {
        if let Some(rest) = s.strip_prefix("承诺时间：") {
            if let Some(date) = date_of(rest) {
                self.set("commitment.signed_on", &date);
            }
        } else if s.starts_with("承诺单位：") {
            self.report.form_texts += 1;
        } else {
            let source = "Word 文件 › 六、申报单位承诺书".to_string();
            self.unplaced(source, vec![Block::paragraph(s)]);
        }
    }

    fn opinion_line(&mut self, text: &str, s: &str) {
        let key = self.part.clone().unwrap_or_default();
        let prefix = match key.as_str() {
            "recommendation" => "recommendation",
            "city_opinion" => "city_government",
            _ => "industry_authority",
        };
        if s.starts_with("说明：") {
            self.report.form_texts += 1;
        } else if let Some(rest) = after_label(text, "审查论证情况：") {
            self.set("recommendation.review", &rest);
        } else if let Some(rest) = after_label(text, "具体意见：") {
            self.set("recommendation.opinion", &rest);
        } else if let Some(rest) = after_label(text, "推荐意向序号：") {
            self.set("recommendation.order", &rest);
        } else if let Some(rest) = after_label(text, "联系人及联系方式：") {
            self.set(&format!("{prefix}.contact"), &rest);
        } else if let Some((_, rest)) = text.split_once("（盖章）：") {
            let rest = rest.trim();
            if !rest.is_empty() && prefix != "recommendation" {
                self.set(&format!("{prefix}.name"), rest);
            } else if !rest.is_empty() && self.d.front_matter.recommending_unit.is_empty() {
                self.set("recommending_unit", rest);
            }
        } else if let Some(date) =
            date_of(s).filter(|_| s.ends_with('日') && s.chars().count() <= 16)
        {
            self.set(&format!("{prefix}.signed_on"), &date);
        } else if s.starts_with("年月日") {
            self.report.form_texts += 1;
        } else {
            let path = format!("{prefix}.opinion");
            let old = self.d.field(&path).unwrap_or_default();
            let joined = if old.is_empty() {
                text.to_string()
            } else {
                format!("{old}\n{text}")
            };
            self.set(&path, &joined);
        }
    }

    fn evidence_line(&mut self, text: &str, s: &str) {
        if let Some(evidence) = &self.template.evidence
            && let Some(g) = evidence.groups.iter().find(|g| squeeze(&g.heading) == s)
        {
            self.evidence_kinds = g.kinds.clone();
            self.report.form_texts += 1;
            return;
        }
        if let Some(rest) = s.strip_prefix("附件")
            && rest.starts_with(|c: char| c.is_ascii_digit())
        {
            let title = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            if title.is_empty() {
                self.attachment_title = Some(String::new());
            } else if let Some(kind) = self.evidence_kinds.first().copied() {
                // 十 lists the attachments under their group: the group says the kind.
                let kind = kind_by_title(self.template, title)
                    .filter(|k| self.evidence_kinds.contains(k))
                    .unwrap_or(kind);
                self.listed.push((title.to_string(), kind));
                self.report.form_texts += 1;
            }
            return;
        }
        // An attachment page: 附件N, then its title, then the scan.
        if self.attachment_title.as_deref() == Some("") {
            self.attachment_title = Some(text.to_string());
            return;
        }
        if s.starts_with("（原件为PDF文件") {
            self.report.form_texts += 1;
            return;
        }
        self.unplaced(
            "Word 文件 › 十、试点相关证明材料".into(),
            vec![Block::paragraph(text)],
        );
    }

    fn caption_last_image(&mut self, text: &str) {
        if let Some(key) = &self.section
            && let Some(s) = self.d.sections.iter_mut().find(|s| &s.key == key)
            && let Some(Block::Image { caption, media }) = s.blocks.last_mut()
        {
            // The Gantt chart is drawn from the milestone table at every export: not content.
            if text.contains("推进计划甘特图") {
                let media = media.clone();
                s.blocks.pop();
                self.d.media.retain(|m| m.id != media);
                self.report.pictures -= 1;
                self.report.form_texts += 1;
                return;
            }
            *caption = text.to_string();
            return;
        }
        self.push_block(Block::paragraph(text));
    }

    fn picture(&mut self, part: &str) {
        let Some(data) = self.media.get(part).cloned() else {
            return;
        };
        let media_type = if data.starts_with(&[0xFF, 0xD8]) {
            "image/jpeg"
        } else if data.starts_with(b"\x89PNG") {
            "image/png"
        } else {
            self.unplaced(
                format!("Word 文件 › 图片 {part}（不是 PNG 或 JPEG，请另存为 PNG 后插入）"),
                Vec::new(),
            );
            return;
        };
        let name = part.rsplit('/').next().unwrap_or(part).to_string();
        let m = Media::new(name, media_type, data);
        let id = m.id.clone();
        if !self.d.media.iter().any(|x| x.id == id) {
            self.d.media.push(m);
        }
        self.report.pictures += 1;
        if self.part_kind() == Some(PartKind::Evidence) || self.attachment_title.is_some() {
            let title = self
                .attachment_title
                .take()
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| "证明材料".into());
            let kind = self
                .listed
                .iter()
                .find(|(t, _)| squeeze(t) == squeeze(&title))
                .map(|(_, k)| *k)
                .or_else(|| kind_by_title(self.template, &title))
                .or_else(|| self.evidence_kinds.first().copied())
                .unwrap_or(AttachmentKind::Other);
            self.d.attachments.push(Attachment {
                title,
                kind,
                media: id,
            });
            return;
        }
        self.flush_list();
        self.push_block(Block::Image {
            media: id,
            caption: String::new(),
        });
    }

    fn row(&mut self, cells: Vec<Cell>) {
        self.seen_form = true;
        let texts: Vec<String> = cells
            .iter()
            .filter(|c| !c.continued)
            .map(|c| c.text())
            .collect();
        // 参与主体: rows of three cells after their header.
        if let Some(t) = self
            .template
            .table_by_role(crate::template::TableRole::Partners)
            .cloned()
            && texts.len() == t.columns.len()
            && (self.section.as_deref() == Some("participants")
                || texts
                    .iter()
                    .zip(&t.columns)
                    .all(|(x, c)| squeeze(x) == squeeze(&c.label)))
        {
            let header = texts
                .iter()
                .zip(&t.columns)
                .all(|(x, c)| squeeze(x) == squeeze(&c.label));
            let hints = texts
                .iter()
                .zip(&t.columns)
                .all(|(x, c)| squeeze(x) == squeeze(&c.hint));
            if header || hints {
                self.section = Some("participants".into());
                self.report.form_texts += 1;
                return;
            }
            if texts.iter().all(|x| squeeze(x).is_empty()) {
                return;
            }
            let row = t
                .columns
                .iter()
                .zip(&texts)
                .map(|(c, x)| (c.key.clone(), value(x)))
                .collect();
            self.d.tables.entry(t.key.clone()).or_default().push(row);
            self.report.rows += 1;
            return;
        }
        // The grid: labels and the values after them.
        let mut pending: Vec<(String, String)> = Vec::new();
        let mut label_text = String::new();
        let mut any = false;
        for cell in cells.iter().filter(|c| !c.continued) {
            let text = cell.text();
            let s = squeeze(&text);
            if let Some((_, fields)) = self.slots.iter().find(|(l, _)| *l == s && !l.is_empty()) {
                pending = fields.clone();
                pending.reverse();
                label_text = s;
                any = true;
                self.report.form_texts += 1;
                continue;
            }
            if s.is_empty() {
                pending.pop();
                continue;
            }
            if self.is_form_text(&s) {
                self.report.form_texts += 1;
                continue;
            }
            // 试点方向 as the blank form offers it (the type's answer is fixed by the template).
            if s.contains("企业可信数据空间")
                && s.contains("城市可信数据空间")
                && pending.is_empty()
            {
                self.report.form_texts += 1;
                continue;
            }
            let Some((path, before)) = pending.pop() else {
                if !s.is_empty() && !self.is_form_text(&s) {
                    self.unplaced(
                        format!("Word 文件 › 基本情况表 › {label_text}"),
                        vec![Block::paragraph(text)],
                    );
                }
                continue;
            };
            any = true;
            self.grid_value(&path, &before, &text, &mut pending);
        }
        if !any && texts.iter().any(|t| !squeeze(t).is_empty()) {
            // A row the form does not have (one the user added): kept with its cells as the
            // header of a table of its own, so it is stored like any table.
            self.unplaced(
                format!("Word 文件 › 表格行（第 {} 项）", self.position),
                vec![Block::Table {
                    caption: String::new(),
                    header: texts,
                    rows: Vec::new(),
                }],
            );
        }
    }

    /// A value cell of the grid; some cells hold two fields (试点周期, the incident).
    fn grid_value(
        &mut self,
        path: &str,
        before: &str,
        text: &str,
        pending: &mut Vec<(String, String)>,
    ) {
        match path {
            "period.start" => {
                let months = months_of(text);
                if let Some(m) = months.first() {
                    self.set("period.start", m);
                }
                if let Some(m) = months.get(1) {
                    pending.retain(|(p, _)| p != "period.end");
                    self.set("period.end", m);
                }
            }
            "incident.answer" => {
                pending.retain(|(p, _)| p != "incident.name");
                let answer = chosen(text, &["是", "否"]).or_else(|| {
                    let s = squeeze(text);
                    (s == "否" || s.ends_with("否") && !s.contains('☑')).then(|| "否".to_string())
                });
                if let Some(a) = &answer {
                    self.set("incident.answer", a);
                }
                if let Some(i) = text.find("名称：") {
                    let name = value(
                        text[i + "名称：".len()..]
                            .split(['）', ')'])
                            .next()
                            .unwrap_or(""),
                    );
                    self.set("incident.name", &name);
                }
            }
            "applicant.nature" => {
                let options = self
                    .template
                    .field_def(path)
                    .map(|f| f.options.clone())
                    .unwrap_or_default();
                let options: Vec<&str> = options.iter().map(String::as_str).collect();
                match chosen(text, &options) {
                    Some(o) => self.set(path, &o),
                    None => self.set(path, &value(text)),
                }
                pending.retain(|(p, _)| p != "applicant.nature_note");
            }
            "direction.industry_domain" => {
                // The form's three choices, the 行业 line carrying the domain when filled.
                let line = text
                    .lines()
                    .find(|l| l.contains("行业可信数据空间"))
                    .unwrap_or(text);
                let v = value(line.split("行业可信数据空间").next().unwrap_or(""));
                if v.is_empty() {
                    self.report.form_texts += 1;
                } else {
                    self.set(path, &v);
                }
            }
            _ => {
                let v = text.strip_prefix(before).unwrap_or(text);
                self.set(path, &value(v));
            }
        }
    }

    fn table(&mut self, t: Table) {
        let rows: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .filter(|c| !c.continued)
                    .map(|c| value(&c.text()))
                    .collect()
            })
            .collect();
        // The 响应表: five rows found by their 试点目标.
        if let Some(def) = self
            .template
            .table_by_role(crate::template::TableRole::Response)
            .cloned()
            && rows.iter().any(|r| {
                r.iter().any(|c| {
                    def.fixed_rows
                        .iter()
                        .any(|f| f.values().any(|v| squeeze(v) == squeeze(c)))
                })
            })
        {
            let mut out = Vec::new();
            for fixed in &def.fixed_rows {
                let item = fixed.values().next().cloned().unwrap_or_default();
                let mut row = fixed.clone();
                if let Some(r) = rows
                    .iter()
                    .find(|r| r.iter().any(|c| squeeze(c) == squeeze(&item)))
                {
                    let at = r
                        .iter()
                        .position(|c| squeeze(c) == squeeze(&item))
                        .unwrap_or(0);
                    let rest: Vec<&String> = r[at + 1..].iter().collect();
                    if let Some(ind) = rest.first() {
                        row.insert("indicators".into(), figures_of(ind));
                    }
                    if let Some(resp) = rest.get(1) {
                        row.insert("response".into(), resp.to_string());
                    }
                }
                out.push(row);
            }
            self.d.tables.insert(def.key.clone(), out);
            self.report.rows += def.fixed_rows.len();
            return;
        }
        // A table of the current section's template (参与主体, 进度安排, 投资计划明细表): found by
        // its column labels, its data rows taken by column.
        let section_tables: Vec<crate::template::TableDef> = self
            .section
            .as_deref()
            .and_then(|k| self.template.section(k))
            .map(|s| s.tables.clone())
            .unwrap_or_default();
        let head: Vec<String> = rows.iter().take(2).flatten().map(|c| squeeze(c)).collect();
        if let Some(def) = section_tables
            .iter()
            .find(|t| t.columns.iter().all(|c| head.contains(&squeeze(&c.label))))
        {
            let labels: Vec<String> = def
                .columns
                .iter()
                .flat_map(|c| {
                    [
                        squeeze(&c.label),
                        c.group.as_deref().map(squeeze).unwrap_or_default(),
                    ]
                })
                .collect();
            for r in &rows {
                if r.iter()
                    .all(|c| c.is_empty() || labels.contains(&squeeze(c)))
                {
                    continue; // a header row
                }
                if r.len() == def.columns.len() {
                    let row = def
                        .columns
                        .iter()
                        .zip(r)
                        .map(|(c, v)| (c.key.clone(), v.clone()))
                        .collect();
                    self.d.tables.entry(def.key.clone()).or_default().push(row);
                    self.report.rows += 1;
                } else {
                    self.unplaced(
                        format!("Word 文件 › {}（列数与模板不符的一行）", def.title),
                        vec![Block::paragraph(r.join("｜"))],
                    );
                }
            }
            self.caption = None;
            return;
        }
        // A table whose rows are the grid's (the grid written as a table of its own).
        if rows.iter().flatten().any(|c| {
            self.slots
                .iter()
                .any(|(l, _)| *l == squeeze(c) && l == "试点名称")
        }) {
            for r in t.rows {
                self.row(r);
            }
            return;
        }
        let caption = self.caption.take().unwrap_or_default();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return; // a table without a cell holds nothing
        }
        let mut it = rows.into_iter().map(|mut r| {
            r.resize(width, String::new());
            r
        });
        let header = it.next().unwrap_or_default();
        let body: Vec<Vec<String>> = it.collect();
        self.report.rows += body.len();
        self.push_block(Block::Table {
            caption,
            header,
            rows: body,
        });
    }
}

/// What follows `label` (`联系人及联系方式：`) in `text`, spaces inside the value kept; the
/// label matched without its spaces (`试 点 名 称：`).
fn after_label(text: &str, label: &str) -> Option<String> {
    let want = squeeze(label);
    let mut seen = String::new();
    for (i, c) in text.char_indices() {
        if !(c.is_whitespace() || c == '\u{3000}' || c == '_' || c == '＿') {
            seen.push(c);
        }
        if seen == want {
            return Some(text[i + c.len_utf8()..].trim().to_string());
        }
        if !want.starts_with(&seen) {
            return None;
        }
    }
    None
}

/// A list item as our export writes it: `· 文字` (bulleted) or `1. 文字` (numbered).
fn list_item(text: &str) -> Option<(bool, String)> {
    let t = text.trim();
    if let Some(rest) = t.strip_prefix("· ") {
        return Some((false, rest.to_string()));
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    let rest = t[digits..].strip_prefix(". ")?;
    (digits > 0 && digits < 4).then(|| (true, rest.to_string()))
}

/// A heading level read from a numbered line: `（一）` 2, `1.` 3, `（1）` 4 — short lines only.
fn numbered_heading(text: &str) -> Option<u8> {
    let t = text.trim();
    if t.chars().count() > 40 || t.ends_with('。') {
        return None;
    }
    let inner = t.strip_prefix('（')?;
    let (label, _) = inner.split_once('）')?;
    if label.chars().all(|c| "一二三四五六七八九十".contains(c)) && !label.is_empty() {
        Some(2)
    } else if label.chars().all(|c| c.is_ascii_digit()) && !label.is_empty() {
        Some(4)
    } else {
        None
    }
}

/// A heading's text without its number (`（一）场景：…` → `场景：…`).
fn strip_number(text: &str) -> String {
    let t = text.trim();
    if let Some(inner) = t.strip_prefix('（')
        && let Some((_, rest)) = inner.split_once('）')
    {
        return rest.trim().to_string();
    }
    t.to_string()
}

fn kind_by_title(template: &Template, title: &str) -> Option<AttachmentKind> {
    let s = squeeze(title);
    if s.contains("营业执照") || s.contains("法人证书") {
        return Some(AttachmentKind::BusinessLicence);
    }
    if s.contains("财务") {
        return Some(AttachmentKind::FinancialStatements);
    }
    template
        .evidence
        .as_ref()?
        .groups
        .iter()
        .find(|g| {
            s.contains(
                &squeeze(heading_stem(&g.heading))
                    .replace("（一）", "")
                    .replace("（二）", "")
                    .replace("（三）", "")
                    .replace("（四）", ""),
            )
        })
        .and_then(|g| g.kinds.first().copied())
}

/// The form's own texts for this template: what a filled form still carries and is not content.
fn form_texts(template: &Template) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |t: &str| {
        let s = squeeze(t);
        if !s.is_empty() {
            out.push(s);
        }
    };
    for n in 1..=3 {
        add(&format!("申报书封面格式-{n}"));
    }
    if let Some(c) = &template.cover {
        c.footer.iter().for_each(|l| add(l));
    }
    if let Some(n) = &template.notice {
        add(&n.title);
        n.items.iter().for_each(|l| add(l));
    }
    if let Some(g) = &template.grid {
        add(&g.title);
        for cell in g.rows.iter().flatten() {
            for t in [&cell.text, &cell.before, &cell.after]
                .into_iter()
                .flatten()
            {
                add(t);
            }
        }
    }
    for p in &template.parts {
        p.note.iter().for_each(|l| add(l));
        p.seal_lines.iter().for_each(|l| add(l));
    }
    for s in &template.sections {
        s.instruction.iter().for_each(|l| add(l));
        if let Some(h) = &s.heading {
            s.instruction.iter().for_each(|i| add(&format!("{h}，{i}")));
        }
    }
    template.commitment.text.iter().for_each(|l| add(l));
    if let Some(e) = &template.evidence {
        add(&e.note);
        for g in &e.groups {
            g.lines.iter().for_each(|l| add(l));
        }
    }
    for (_, t) in template.tables() {
        for c in &t.columns {
            add(&c.label);
            add(&c.hint);
        }
        if let Some(g) = &t.row_group {
            add(g);
        }
    }
    out
}

/// The pilot type the cover names (`2025年城市可信数据空间创新发展试点项目`).
fn type_on_cover(body: &[Node]) -> Option<PilotType> {
    for n in body.iter().take(40) {
        if let Node::Para(p) = n {
            let s = squeeze(&p.text);
            if s.contains("可信数据空间创新发展试点项目") {
                for (word, t) in [
                    ("企业可信", PilotType::Enterprise),
                    ("行业可信", PilotType::Industry),
                    ("城市可信", PilotType::City),
                ] {
                    if s.contains(word) {
                        return Some(t);
                    }
                }
            }
        }
    }
    None
}

/// Reads a filled 附件3 (or our own Word export) into a new dossier of the form's template for
/// its type (from the cover, else `pilot`). Nothing is stored here.
pub fn import(
    registry: &Registry,
    file: &str,
    bytes: &[u8],
    pilot: Option<PilotType>,
) -> Result<Imported> {
    sniff(file, bytes)?;
    let doc = read::read(bytes).map_err(|m| refuse(file, m))?;
    let on_cover = type_on_cover(&doc.body);
    let pilot_type = match (pilot, on_cover) {
        (Some(p), _) => p,
        (None, Some(p)) => p,
        (None, None) => {
            return Err(CoreError::ImportTypeUnknown { file: file.into() });
        }
    };
    let template = registry.latest_for(pilot_type)?;
    let mut items = Vec::new();
    flatten(doc.body, template, &mut items);
    let mut d = Dossier {
        template: template.reference(),
        pilot_type,
        title: String::new(),
        application_date: None,
        front_matter: Default::default(),
        sections: Vec::new(),
        tables: Default::default(),
        attachments: Vec::new(),
        media: Vec::new(),
        acknowledgements: Vec::new(),
        unplaced: Vec::new(),
        assignment: None,
    };
    d.front_matter.finances = Default::default();
    let mut im = Importer {
        template,
        d,
        report: ImportReport {
            pilot_type: pilot_type.label().to_string(),
            ..Default::default()
        },
        form_texts: form_texts(template),
        slots: grid_slots(template),
        section: None,
        part: None,
        list: Vec::new(),
        numbered: false,
        caption: None,
        evidence_kinds: Vec::new(),
        attachment_title: None,
        listed: Vec::new(),
        media: doc.media,
        position: 0,
        seen_form: false,
    };
    for (i, item) in items.into_iter().enumerate() {
        im.position = i + 1;
        match item {
            Item::Para(p) => im.para(p),
            Item::Picture(p) => im.picture(&p),
            Item::Row(r) => im.row(r),
            Item::Skipped(part) => im.skipped(&part),
            Item::Table(t) => {
                im.flush_list();
                im.table(t)
            }
        }
    }
    im.flush_list();
    if !im.seen_form {
        return Err(refuse(
            file,
            format!(
                "它不是申报书模板（附件3）：没有找到“申报基本情况表”或“一、项目基本信息”至“十、试点相关证明材料”的标题{}",
                if on_cover.is_some() {
                    "（只认出了封面）"
                } else {
                    ""
                }
            ),
        ));
    }
    // Fixed rows of the 响应表 are there even when the Word file left them empty.
    for (_, t) in template.tables() {
        if !t.fixed_rows.is_empty() && !im.d.tables.contains_key(&t.key) {
            im.d.tables.insert(t.key.clone(), t.fixed_rows.clone());
        }
    }
    if im.d.title.is_empty() {
        im.d.title = "（从 Word 导入）".into();
    }
    Ok(Imported {
        dossier: im.d,
        report: im.report,
    })
}

/// An import laid over an existing dossier (a Word file we exported, edited in Word and brought
/// back): its fields, sections and tables replace the existing ones where the Word file has them;
/// what Word cannot carry stays (acknowledgements, attachments' original files); its unplaced
/// items are added.
pub fn onto(existing: &Dossier, imported: Dossier) -> Dossier {
    let mut out = existing.clone();
    for path in crate::model::FIELD_PATHS {
        if let Some(v) = imported.field(path).filter(|v| !v.trim().is_empty())
            && existing.field(path).as_deref() != Some(v.as_str())
        {
            let _ = out.set_field(path, &v);
        }
    }
    for s in imported.sections {
        out.set_section(&s.key, s.blocks);
    }
    for (key, rows) in imported.tables {
        out.tables.insert(key, rows);
    }
    for m in imported.media {
        if !out.media.iter().any(|x| x.id == m.id) {
            out.media.push(m);
        }
    }
    out.unplaced.extend(imported.unplaced);
    out
}

/// Reads a Word file and stores it as a new dossier; returns its id and the report.
pub fn import_new(
    store: &mut crate::store::Store,
    file: &str,
    bytes: &[u8],
    pilot: Option<PilotType>,
) -> Result<(i64, ImportReport)> {
    let imported = import(store.registry(), file, bytes, pilot)?;
    let id = store.insert(&imported.dossier)?;
    store.record_activity(id, &format!("从 Word 导入：{file}"))?;
    Ok((id, imported.report))
}

/// What bringing a Word file onto dossier `id` would change: the dossier as it would be, and the
/// differences from now. Nothing is written.
pub fn preview_onto(
    store: &crate::store::Store,
    id: i64,
    file: &str,
    bytes: &[u8],
) -> Result<(Dossier, crate::diff::Comparison, ImportReport)> {
    let current = store.load(id)?.dossier;
    let imported = import(store.registry(), file, bytes, Some(current.pilot_type))?;
    let merged = onto(&current, imported.dossier);
    let comparison = crate::diff::compare(&current, &merged);
    Ok((merged, comparison, imported.report))
}

/// Brings a Word file onto dossier `id` after a snapshot of the present (so it can be undone);
/// returns that snapshot's id.
pub fn import_onto(
    store: &mut crate::store::Store,
    id: i64,
    file: &str,
    bytes: &[u8],
) -> Result<i64> {
    let (merged, _, _) = preview_onto(store, id, file, bytes)?;
    let safety =
        store.take_snapshot(id, "从 Word 导入之前", crate::store::SnapshotKind::Restore)?;
    store.replace(id, &merged)?;
    store.record_activity(id, &format!("从 Word 导入：{file}"))?;
    Ok(safety)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_readers() {
        assert_eq!(list_item("· 可信管控"), Some((false, "可信管控".into())));
        assert_eq!(list_item("12. 资源交互"), Some((true, "资源交互".into())));
        assert_eq!(
            list_item("1.数据治理"),
            None,
            "a numbered heading, not a list item"
        );
        assert_eq!(date_of("2025年4月20日"), Some("2025-04-20".into()));
        assert_eq!(date_of("年 月 日"), None);
        assert_eq!(
            months_of("2025年9月 至 2027年8月"),
            vec!["2025-09", "2027-08"]
        );
        assert_eq!(
            chosen("□国有企业 ☑民营企业", &["国有企业", "民营企业"]),
            Some("民营企业".into())
        );
        assert_eq!(
            chosen("国有企业", &["国有企业", "民营企业"]),
            Some("国有企业".into())
        );
        assert_eq!(
            chosen("□国有企业 □民营企业", &["国有企业", "民营企业"]),
            None
        );
        assert_eq!(
            figures_of("开放数据集 26 个，日活用户占比达 32%；已建成平台"),
            "开放数据集：26 个\n日活用户占比：32%\n已建成平台"
        );
        assert_eq!(heading_stem("三、试点目标（不超过1000字）"), "三、试点目标");
        assert_eq!(
            after_label("试 点 名 称：星河 空间", "试点名称："),
            Some("星河 空间".into())
        );
        assert_eq!(numbered_heading("（二）场景：交通"), Some(2));
        assert_eq!(numbered_heading("（二）这是一整段正文，以句号结束。"), None);
    }
}
