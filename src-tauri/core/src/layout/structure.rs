//! What every rendering of a dossier shows, in what order — shared by the layout engine (PDF)
//! and the Word export so that both print the same parts, numbers and contents.

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

/// One line of the table of contents.
pub struct ContentsEntry {
    /// 1 for a part or section (一、), 2 for a sub-section (（一）).
    pub level: u8,
    pub text: String,
    /// The heading's anchor, as the layout records its page.
    pub anchor: String,
}

/// A printed section's headings: its part's (when it opens the part, level 1) and its own.
pub struct SectionHeadings {
    pub part: Option<String>,
    pub own: Option<String>,
}

pub fn section_headings(template: &Template, s: &SectionDef) -> SectionHeadings {
    let (part, own) = template.printed_headings(&s.key);
    SectionHeadings { part, own }
}

/// The contents: every printed part and section with its level-2 sub-headings.
pub fn contents_entries(
    d: &Dossier,
    template: &Template,
    sections: &[&SectionDef],
) -> Vec<ContentsEntry> {
    let mut entries = Vec::new();
    for s in sections {
        let h = section_headings(template, s);
        let anchor = format!("section:{}", s.key);
        if let Some(part) = h.part {
            entries.push(ContentsEntry {
                level: 1,
                text: part,
                anchor: anchor.clone(),
            });
        }
        if let Some(own) = h.own {
            entries.push(ContentsEntry {
                level: 2,
                text: own,
                anchor: anchor.clone(),
            });
        }
        let blocks = d.section(&s.key).map_or(&[][..], |x| x.blocks.as_slice());
        if template.is_form() {
            continue;
        }
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

/// The 申报基本情况表's fields as label and value, in the grid's order (months as the form
/// writes them, `2025年9月`). Fixed cells (试点方向) come with the label of their row. The
/// PDF and Word writers print these as labelled lines until they draw the form's grid.
pub fn grid_lines(d: &Dossier, template: &Template) -> Vec<(String, String)> {
    let Some(grid) = &template.grid else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for row in &grid.rows {
        let row_label = row.iter().find_map(|c| c.label.clone()).unwrap_or_default();
        for cell in row {
            if let Some(text) = cell.text.as_deref().filter(|t| !t.is_empty()) {
                out.push((row_label.clone(), text.to_string()));
            }
            let Some(path) = &cell.field else { continue };
            let def = template.field_def(path);
            let label = def.map_or(path.clone(), |f| f.label.clone());
            let mut value = d.field(path).unwrap_or_default();
            if def.is_some_and(|f| f.kind == FieldKind::Month) {
                value = crate::numbering::chinese_month(&value);
            }
            // The form's decorations around a field (至, 事件/事故名称：) belong to the grid;
            // a labelled line needs only the field's own label.
            out.push((label, value));
        }
    }
    out
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
