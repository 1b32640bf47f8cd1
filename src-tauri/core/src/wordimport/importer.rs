//! The importer's walk over a Word body's items: paragraphs to parts, sections, lists and
//! headings; the form's own lines (commitment, opinions, evidence) to their fields; pictures to
//! attachments or images; what has no place kept as unplaced content with its source. Tables and
//! the grid's rows are mapped in [`super::tables`].

use super::ImportReport;
use super::read::Para;
use super::recognise::*;
use crate::model::{Attachment, AttachmentKind, Block, Dossier, ListKind, Media, Unplaced};
use crate::template::{FieldKind, PartKind, Template};

pub(super) struct Importer<'t> {
    pub(super) template: &'t Template,
    pub(super) d: Dossier,
    pub(super) report: ImportReport,
    /// The form's own texts, squeezed.
    pub(super) form_texts: Vec<String>,
    pub(super) slots: Vec<(String, Vec<(String, String)>)>,
    pub(super) section: Option<String>,
    pub(super) part: Option<String>,
    /// Blocks of the current list being read.
    pub(super) list: Vec<String>,
    /// Whether the list being read is numbered (`1. …`) rather than bulleted.
    pub(super) numbered: bool,
    pub(super) caption: Option<String>,
    /// Attachment kinds of the current group of 十, and a title waiting for its picture.
    pub(super) evidence_kinds: Vec<AttachmentKind>,
    pub(super) attachment_title: Option<String>,
    /// Attachments 十 lists (`附件1　…营业执照`) with the kind of their group.
    pub(super) listed: Vec<(String, AttachmentKind)>,
    pub(super) media: std::collections::BTreeMap<String, Vec<u8>>,
    pub(super) position: usize,
    pub(super) seen_form: bool,
}

impl Importer<'_> {
    pub(super) fn unplaced(&mut self, source: String, blocks: Vec<Block>) {
        self.report.unplaced += 1;
        self.d.unplaced.push(Unplaced { source, blocks });
    }

    pub(super) fn set(&mut self, path: &str, value: &str) {
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
    pub(super) fn skipped(&mut self, part: &str) {
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

    pub(super) fn is_form_text(&self, s: &str) -> bool {
        self.form_texts.iter().any(|f| f == s)
    }

    pub(super) fn flush_list(&mut self) {
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

    pub(super) fn push_block(&mut self, block: Block) {
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
    pub(super) fn heading(&self, s: &str) -> Option<(Option<String>, Option<String>, String)> {
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

    pub(super) fn para(&mut self, p: Para) {
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

    pub(super) fn part_kind(&self) -> Option<PartKind> {
        self.part
            .as_deref()
            .and_then(|k| self.template.part(k))
            .map(|p| p.kind)
    }

    pub(super) fn commitment_line(&mut self, s: &str) {
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

    pub(super) fn opinion_line(&mut self, text: &str, s: &str) {
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

    pub(super) fn evidence_line(&mut self, text: &str, s: &str) {
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

    pub(super) fn caption_last_image(&mut self, text: &str) {
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

    pub(super) fn picture(&mut self, part: &str) {
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
}
