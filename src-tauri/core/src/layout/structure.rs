//! What every rendering of a dossier shows, in what order — shared by the layout engine (PDF)
//! and the Word export so that both print the same parts, numbers and contents.

use crate::model::{Block, Dossier, PilotType};
use crate::numbering::{chinese_date, heading_labels, section_number};
use crate::template::{FieldKind, SectionDef, TableDef, Template};

/// The body sections printed: required ones, and optional ones with content.
pub fn included_sections<'t>(d: &Dossier, template: &'t Template) -> Vec<&'t SectionDef> {
    template
        .sections
        .iter()
        .filter(|s| s.required || has_content(d, s))
        .collect()
}

fn has_content(d: &Dossier, s: &SectionDef) -> bool {
    d.section(&s.key).is_some_and(|x| {
        x.blocks.iter().any(|b| {
            b.texts().iter().any(|t| !t.trim().is_empty()) || matches!(b, Block::Image { .. })
        })
    }) || s
        .tables
        .iter()
        .any(|t| d.tables.get(&t.key).is_some_and(|r| !r.is_empty()))
}

/// One line of the table of contents.
pub struct ContentsEntry {
    /// 1 for a section (一、), 2 for a sub-section (（一）).
    pub level: u8,
    pub text: String,
    /// The heading's anchor, as the layout records its page.
    pub anchor: String,
}

/// The contents: every printed section with its level-2 sub-headings, numbered.
pub fn contents_entries(d: &Dossier, sections: &[&SectionDef]) -> Vec<ContentsEntry> {
    let mut entries = Vec::new();
    for (i, s) in sections.iter().enumerate() {
        entries.push(ContentsEntry {
            level: 1,
            text: format!("{}{}", section_number(i + 1), s.title),
            anchor: format!("section:{}", s.key),
        });
        let blocks = d.section(&s.key).map_or(&[][..], |x| x.blocks.as_slice());
        for (bi, label) in heading_labels(blocks).into_iter().enumerate() {
            if let (Some(label), Block::Heading { level: 2, text }) = (label, &blocks[bi]) {
                entries.push(ContentsEntry {
                    level: 2,
                    text: format!("{label}{text}"),
                    anchor: format!("section:{}/block:{bi}", s.key),
                });
            }
        }
    }
    entries
}

/// The cover's labelled lines; `checked` ticks the pilot type.
pub fn cover_lines(d: &Dossier, checked: char) -> Vec<(&'static str, String)> {
    let fm = &d.front_matter;
    let types = PilotType::ALL
        .iter()
        .map(|t| {
            format!(
                "{}{}",
                if *t == d.pilot_type { checked } else { '□' },
                t.label()
            )
        })
        .collect::<Vec<_>>()
        .join("　");
    vec![
        ("试点名称", d.title.clone()),
        ("试点类型", types),
        ("申报单位（盖章）", fm.applicant.name.clone()),
        ("统一社会信用代码", fm.applicant.credit_code.clone()),
        ("推荐单位（盖章）", fm.recommending_unit.clone()),
        (
            "联 系 人",
            format!("{}　　职务：{}", fm.contact.name, fm.contact.title),
        ),
        ("手　　机", fm.contact.mobile.clone()),
        ("电子邮箱", fm.contact.email.clone()),
        ("申报日期", chinese_date(d.application_date)),
    ]
}

/// Relative column widths of a template table: dates and numbers narrow, text wide.
pub fn column_weights(def: &TableDef) -> Vec<f32> {
    def.columns
        .iter()
        .map(|c| match c.kind {
            FieldKind::Date
            | FieldKind::Number
            | FieldKind::Money
            | FieldKind::Percent
            | FieldKind::Bool
            | FieldKind::Mobile => 2.0,
            FieldKind::CreditCode | FieldKind::Email | FieldKind::Choice => 3.0,
            FieldKind::Text | FieldKind::Multiline => 4.0,
        })
        .collect()
}
