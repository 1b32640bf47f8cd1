//! Small questions assembly asks of a dossier and its template: which sections are printed,
//! the cover's lines, the contents of an earlier template, a table's column weights.

use super::ContentsEntry;
use crate::model::{Block, Dossier};
use crate::numbering::{chinese_date, heading_labels};
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

/// The contents of an earlier template: its numbered sections and their level-2 headings.
pub fn contents_entries(
    d: &Dossier,
    template: &Template,
    sections: &[&SectionDef],
) -> Vec<ContentsEntry> {
    let mut entries = Vec::new();
    for s in sections {
        entries.push(ContentsEntry {
            level: 1,
            text: template.section_label(&s.key),
            anchor: crate::model::Anchor::section(&s.key).to_string(),
        });
        let blocks = d.section(&s.key).map_or(&[][..], |x| x.blocks.as_slice());
        for (bi, label) in heading_labels(blocks).into_iter().enumerate() {
            if let (Some(label), Block::Heading { level: 2, text }) = (label, &blocks[bi]) {
                entries.push(ContentsEntry {
                    level: 2,
                    text: format!("{label}{text}"),
                    anchor: crate::model::Anchor::Block(s.key.clone(), bi).to_string(),
                });
            }
        }
    }
    entries
}

/// The cover's lines after the title: label and value (with the form's note, e.g.
/// `（加盖单位公章）`), as the template's cover gives them.
pub fn cover_lines(d: &Dossier, template: &Template) -> Vec<(String, String)> {
    let Some(cover) = &template.cover else {
        return vec![
            ("试点名称".into(), d.title.clone()),
            ("申报单位".into(), d.front_matter.applicant.name.clone()),
            ("推荐单位".into(), d.front_matter.recommending_unit.clone()),
            ("申报日期".into(), chinese_date(d.application_date)),
        ];
    };
    let mut lines: Vec<(String, String)> = cover
        .lines
        .iter()
        .map(|l| {
            let value = l
                .field
                .as_deref()
                .and_then(|f| d.field(f))
                .unwrap_or_default();
            (
                l.label.trim_end_matches('：').to_string(),
                format!("{value}{}", l.note),
            )
        })
        .collect();
    lines.push((
        cover.date_label.trim_end_matches('：').to_string(),
        chinese_date(d.application_date),
    ));
    lines
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
            | FieldKind::Mobile
            | FieldKind::Month => 2.0,
            FieldKind::CreditCode | FieldKind::Email | FieldKind::Choice => 3.0,
            FieldKind::Text | FieldKind::Multiline | FieldKind::Figures => 4.0,
        })
        .collect()
}
