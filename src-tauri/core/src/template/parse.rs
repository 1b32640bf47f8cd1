//! Reading template and settings files: TOML syntax and types first (errors carry the line),
//! then the rules serde cannot express (unique keys, known roles and field paths), reported at
//! the line of the offending item through a light shadow parse that keeps spans.

use super::{CallSettings, FieldKind, TableRole, Template};
use crate::error::translate_serde_message;
use crate::model::FIELD_PATHS;
use crate::{CoreError, Result};
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::collections::HashSet;
use std::ops::Range;
use toml::Spanned;

/// Parses and validates a template file. `file` names it in messages.
pub fn parse_template(file: &str, text: &str) -> Result<Template> {
    let template: Template = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
    let spans: TemplateSpans = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
    validate(&template, &spans).map_err(|(span, detail)| CoreError::TemplateInvalid {
        file: file.to_string(),
        line: span.map(|s| line_of(text, s.start)),
        detail,
    })?;
    Ok(template)
}

/// Parses a call settings file.
pub fn parse_settings(file: &str, text: &str) -> Result<CallSettings> {
    let settings: CallSettings = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
    let invalid = |detail: &str| CoreError::TemplateInvalid {
        file: file.to_string(),
        line: None,
        detail: detail.to_string(),
    };
    if settings.call.pilot_months == 0 {
        return Err(invalid("试点期（pilot_months）必须大于 0 个月"));
    }
    if settings.call.paper_copies == 0 {
        return Err(invalid("纸质版份数（paper_copies）必须大于 0"));
    }
    Ok(settings)
}

fn toml_error(file: &str, text: &str, err: &toml::de::Error) -> CoreError {
    CoreError::TemplateInvalid {
        file: file.to_string(),
        line: err.span().map(|s| line_of(text, s.start)),
        detail: translate_serde_message(err.message()),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[derive(Deserialize)]
struct TemplateSpans {
    #[serde(default)]
    fields: Vec<Spanned<IgnoredAny>>,
    sections: Vec<Spanned<SectionSpans>>,
    #[serde(default)]
    attachments: Vec<Spanned<IgnoredAny>>,
}

#[derive(Deserialize)]
struct SectionSpans {
    #[serde(default)]
    tables: Vec<Spanned<TableSpans>>,
}

#[derive(Deserialize)]
struct TableSpans {
    columns: Vec<Spanned<IgnoredAny>>,
}

type Problem = (Option<Range<usize>>, String);

fn validate(t: &Template, spans: &TemplateSpans) -> std::result::Result<(), Problem> {
    let meta = &t.template;
    let at = |span: &Range<usize>, msg: String| -> Problem { (Some(span.clone()), msg) };
    if meta.id.trim().is_empty() || meta.version.trim().is_empty() {
        return Err((None, "模板的 id 和 version 不能为空".into()));
    }
    if !meta.version.split('.').all(|p| p.parse::<u64>().is_ok()) {
        return Err((
            None,
            format!("版本号“{}”应为以点分隔的数字，如 2025.1", meta.version),
        ));
    }
    if t.commitment.text.is_empty() {
        return Err((None, "承诺书（commitment）至少要有一段承诺内容".into()));
    }
    if t.sections.is_empty() {
        return Err((None, "模板至少要有一个章节（sections）".into()));
    }

    let mut paths = HashSet::new();
    for (field, span) in t.fields.iter().zip(&spans.fields) {
        let span = span.span();
        if !FIELD_PATHS.contains(&field.path.as_str()) {
            return Err(at(
                &span,
                format!(
                    "字段路径“{}”不存在，可用的路径有：{}",
                    field.path,
                    FIELD_PATHS.join("、")
                ),
            ));
        }
        if !paths.insert(field.path.as_str()) {
            return Err(at(&span, format!("字段路径“{}”重复出现", field.path)));
        }
        check_choice(field.kind, &field.options, &field.label).map_err(|m| at(&span, m))?;
    }

    let mut section_keys = HashSet::new();
    let mut table_keys = HashSet::new();
    for (section, sspan) in t.sections.iter().zip(&spans.sections) {
        let span = sspan.span();
        check_key(&section.key).map_err(|m| at(&span, m))?;
        if !section_keys.insert(section.key.as_str()) {
            return Err(at(&span, format!("章节键“{}”重复出现", section.key)));
        }
        if section.guidance.trim().is_empty() {
            return Err(at(
                &span,
                format!("章节“{}”缺少填写指引（guidance）", section.title),
            ));
        }
        if let (Some(min), Some(max)) = (section.min_chars, section.max_chars)
            && min > max
        {
            return Err(at(&span, "最少字数大于最多字数".into()));
        }
        for (table, tspan) in section.tables.iter().zip(&sspan.get_ref().tables) {
            let span = tspan.span();
            check_key(&table.key).map_err(|m| at(&span, m))?;
            if !table_keys.insert(table.key.as_str()) {
                return Err(at(&span, format!("表格键“{}”重复出现", table.key)));
            }
            if table.columns.is_empty() {
                return Err(at(&span, format!("表格“{}”没有列", table.title)));
            }
            let mut column_keys = HashSet::new();
            for (column, cspan) in table.columns.iter().zip(&tspan.get_ref().columns) {
                let span = cspan.span();
                check_key(&column.key).map_err(|m| at(&span, m))?;
                if !column_keys.insert(column.key.as_str()) {
                    return Err(at(
                        &span,
                        format!("表格“{}”的列键“{}”重复出现", table.title, column.key),
                    ));
                }
                check_choice(column.kind, &column.options, &column.label)
                    .map_err(|m| at(&span, m))?;
            }
            if table.role == Some(TableRole::Milestones) {
                let dates = table
                    .columns
                    .iter()
                    .filter(|c| c.kind == FieldKind::Date)
                    .count();
                if dates < 2 {
                    return Err(at(
                        &span,
                        "进度安排表（milestones）需要开始和结束两个日期列".into(),
                    ));
                }
            }
        }
    }

    let mut kinds = HashSet::new();
    for (attachment, aspan) in t.attachments.iter().zip(&spans.attachments) {
        if !kinds.insert(attachment.kind) {
            return Err(at(
                &aspan.span(),
                format!("附件类型“{}”重复出现", attachment.kind.label()),
            ));
        }
    }
    // The form's own structure last, once every field and section is known to be well formed
    // (their problems carry a line).
    validate_form(t).map_err(|m| (None, m))
}

/// The form's own parts: unique part keys, sections in known parts, grid and cover fields that
/// the template declares.
fn validate_form(t: &Template) -> std::result::Result<(), String> {
    let mut part_keys = HashSet::new();
    for part in &t.parts {
        check_key(&part.key)?;
        if !part_keys.insert(part.key.as_str()) {
            return Err(format!("部分键“{}”重复出现", part.key));
        }
    }
    for section in &t.sections {
        if let Some(part) = &section.part
            && !part_keys.contains(part.as_str())
        {
            return Err(format!("章节“{}”所属的部分“{part}”不存在", section.title));
        }
    }
    let declared = |path: &str, place: &str| -> std::result::Result<(), String> {
        if t.fields.iter().any(|f| f.path == path) {
            Ok(())
        } else {
            Err(format!("{place}用到的字段“{path}”没有在 fields 中声明"))
        }
    };
    if let Some(grid) = &t.grid {
        if !grid.widths.is_empty() && grid.widths.len() != grid.columns as usize {
            return Err(format!(
                "基本情况表有 {} 列，但给出了 {} 个列宽（widths）",
                grid.columns,
                grid.widths.len()
            ));
        }
        for (ri, row) in grid.rows.iter().enumerate() {
            let width: u32 = row.iter().map(|c| c.span as u32).sum();
            if width > grid.columns as u32 {
                return Err(format!(
                    "基本情况表第 {} 行宽 {width} 列，超过表格的 {} 列",
                    ri + 1,
                    grid.columns
                ));
            }
            for cell in row {
                if let Some(field) = &cell.field {
                    declared(field, &format!("基本情况表第 {} 行", ri + 1))?;
                }
            }
        }
    }
    if let Some(cover) = &t.cover {
        for line in &cover.lines {
            if let Some(field) = &line.field {
                declared(field, "封面")?;
            }
        }
    }
    Ok(())
}

fn check_key(key: &str) -> std::result::Result<(), String> {
    let ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && key.starts_with(|c: char| c.is_ascii_lowercase());
    if ok {
        Ok(())
    } else {
        Err(format!(
            "键“{key}”不合规：只能用小写英文字母、数字和下划线，并以字母开头"
        ))
    }
}

fn check_choice(
    kind: FieldKind,
    options: &[String],
    label: &str,
) -> std::result::Result<(), String> {
    match (kind, options.is_empty()) {
        (FieldKind::Choice, true) => Err(format!("“{label}”是选择项，但没有给出可选值（options）")),
        (FieldKind::Choice, false) | (_, true) => Ok(()),
        (_, false) => Err(format!("“{label}”不是选择项，不应给出可选值（options）")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::EMBEDDED_TEMPLATES;

    #[test]
    fn syntax_error_names_file_and_line() {
        let text = "[template]\nid = \"x\"\nversion = 2025.1.2\n";
        let err = parse_template("bad.toml", text).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("模板文件 bad.toml 第 3 行"), "{msg}");
    }

    #[test]
    fn duplicate_section_names_its_line() {
        let (_, text) = EMBEDDED_TEMPLATES[0];
        let first = text.find("key = \"work_done\"").unwrap();
        let broken = format!("{}key = \"basics\"{}", &text[..first], &text[first + 17..]);
        let expected_line = line_of(&broken, first);
        let err = parse_template("dup.toml", &broken).unwrap_err();
        let CoreError::TemplateInvalid { line, detail, .. } = &err else {
            panic!("{err}")
        };
        assert!(detail.contains("重复"), "{detail}");
        let line = line.unwrap();
        assert!(
            line <= expected_line && expected_line - line < 5,
            "reported {line}, key at {expected_line}"
        );
    }
}
