//! Recognising the form in a Word body: its own texts (labels, headings, notes) squeezed for
//! comparing, its table flattened into items in reading order, the grid's labels and the values
//! after them, dates, months, choices and figures written as people write them, list items and
//! numbered headings, the pilot type on the cover. Pure functions over text and the template.

use super::read::{Cell, Node, Para, Table};
use crate::model::{AttachmentKind, PilotType};
use crate::template::Template;

/// Text with every kind of space and the form's blanks removed, for comparing with the form.
pub(super) fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}' && *c != '_' && *c != '＿')
        .collect()
}

/// A value typed into a cell or after a label: blanks and the form's underscores trimmed.
pub(super) fn value(text: &str) -> String {
    text.trim_matches(|c: char| c.is_whitespace() || c == '_' || c == '＿' || c == '\u{3000}')
        .to_string()
}

/// One item of the document in reading order: a paragraph, a table, a picture, a row of the
/// form's table that has several cells (the grid, the 参与主体 rows), or content that cannot be
/// read (its package part).
pub(super) enum Item {
    Para(Para),
    Table(Table),
    Picture(String),
    Row(Vec<Cell>),
    Skipped(String),
}

/// Whether a table is the form's 申报基本情况表 (or a part of it).
pub(super) fn is_form_table(t: &Table, template: &Template) -> bool {
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
pub(super) fn heading_stem(heading: &str) -> &str {
    heading
        .find("（不超过")
        .or_else(|| heading.find("（如有）"))
        .or_else(|| heading.find("（可选）"))
        .map_or(heading, |i| &heading[..i])
}

pub(super) fn flatten(body: Vec<Node>, template: &Template, out: &mut Vec<Item>) {
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
pub(super) fn grid_slots(template: &Template) -> Vec<(String, Vec<(String, String)>)> {
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
pub(super) fn date_of(text: &str) -> Option<String> {
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
pub(super) fn months_of(text: &str) -> Vec<String> {
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
pub(super) fn chosen(text: &str, options: &[&str]) -> Option<String> {
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
pub(super) fn figures_of(text: &str) -> String {
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

/// What follows `label` (`联系人及联系方式：`) in `text`, spaces inside the value kept; the
/// label matched without its spaces (`试 点 名 称：`).
pub(super) fn after_label(text: &str, label: &str) -> Option<String> {
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
pub(super) fn list_item(text: &str) -> Option<(bool, String)> {
    let t = text.trim();
    if let Some(rest) = t.strip_prefix("· ") {
        return Some((false, rest.to_string()));
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    let rest = t[digits..].strip_prefix(". ")?;
    (digits > 0 && digits < 4).then(|| (true, rest.to_string()))
}

/// A heading level read from a numbered line: `（一）` 2, `1.` 3, `（1）` 4 — short lines only.
pub(super) fn numbered_heading(text: &str) -> Option<u8> {
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
pub(super) fn strip_number(text: &str) -> String {
    let t = text.trim();
    if let Some(inner) = t.strip_prefix('（')
        && let Some((_, rest)) = inner.split_once('）')
    {
        return rest.trim().to_string();
    }
    t.to_string()
}

pub(super) fn kind_by_title(template: &Template, title: &str) -> Option<AttachmentKind> {
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
pub(super) fn form_texts(template: &Template) -> Vec<String> {
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
pub(super) fn type_on_cover(body: &[Node]) -> Option<PilotType> {
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
