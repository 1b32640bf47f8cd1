//! Template-driven completeness: required fields and their formats, required sections and their
//! length, structured tables (rows, required cells, cell formats), goal indicators.

use super::super::{Context, Finding, Place, Severity, push, wordcount};
use super::formats;
use crate::template::FieldKind;

/// Paths that have their own dedicated rules.
const OWN_RULES: [&str; 3] = [
    "applicant.credit_code",
    "recommendation.review",
    "recommendation.opinion",
];

/// `field.required`, `field.format`.
pub fn fields(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let d = ctx.dossier();
    for f in &ctx.template.fields {
        if f.kind == FieldKind::Bool || OWN_RULES.contains(&f.path.as_str()) {
            continue;
        }
        let value = d.field(&f.path).unwrap_or_default();
        let place = Place::field(ctx.template, &f.path);
        if value.trim().is_empty() {
            if f.required {
                push(
                    out,
                    "field.required",
                    Severity::Error,
                    place,
                    format!("“{}”未填写", f.label),
                    if f.guidance.is_empty() {
                        format!("填写{}", f.label)
                    } else {
                        f.guidance.clone()
                    },
                );
            }
            continue;
        }
        if let Some(problem) = formats::problem(f.kind, &value, &f.options) {
            push(
                out,
                "field.format",
                Severity::Error,
                place,
                format!("“{}”：{problem}", f.label),
                "按提示的格式重新填写",
            );
        }
    }
}

/// `section.required`, `section.too_short`, `section.too_long`.
pub fn sections(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let limits = &ctx.input.registry.settings.section_limits;
    for s in &ctx.template.sections {
        let chars: usize = ctx.dossier().section(&s.key).map_or(0, |sec| {
            sec.blocks
                .iter()
                .flat_map(|b| b.texts())
                .map(wordcount::count)
                .sum()
        });
        let place = Place::section(ctx.template, &s.key);
        if chars == 0 {
            if s.required {
                push(
                    out,
                    "section.required",
                    Severity::Error,
                    place,
                    format!("必填章节“{}”没有内容", s.title),
                    format!("按填写指引撰写本章：{}", first_sentence(&s.guidance)),
                );
            }
            continue;
        }
        if let Some(min) = s.min_chars.filter(|m| chars < *m) {
            push(
                out,
                "section.too_short",
                Severity::Warning,
                place.clone(),
                format!("“{}”只有 {chars} 字，模板建议至少 {min} 字", s.title),
                "对照填写指引补充具体内容和数据",
            );
        }
        let max = match (s.max_chars, limits.get(&s.key).copied()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some(max) = max.filter(|m| chars > *m) {
            push(
                out,
                "section.too_long",
                Severity::Warning,
                place,
                format!("“{}”有 {chars} 字，超过限制 {max} 字", s.title),
                "精简表述：通知要求申报材料重点突出、言简意赅",
            );
        }
    }
}

fn first_sentence(text: &str) -> String {
    let end = text.find('。').map_or(text.len(), |i| i + '。'.len_utf8());
    text[..end].replace('\n', "")
}

/// `section.pages`: a section over its page budget (budgets are settings of the call; pages come
/// from the layout engine).
pub fn page_budgets(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(pages) = ctx.input.section_pages else {
        return;
    };
    for (key, limit) in &ctx.input.registry.settings.section_page_limits {
        let (Some(used), Some(def)) = (pages.get(key), ctx.template.section(key)) else {
            continue;
        };
        if used > limit {
            push(
                out,
                "section.pages",
                Severity::Warning,
                Place::section(ctx.template, key),
                format!(
                    "“{}”排版后占 {used} 页，超过 {limit} 页的篇幅要求",
                    def.title
                ),
                "精简本章内容，或把详细材料移到附件",
            );
        }
    }
}

/// `table.min_rows`, `table.cell_required`, `table.cell_format`.
pub fn tables(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, def) in ctx.template.tables() {
        let rows = ctx
            .dossier()
            .tables
            .get(&def.key)
            .map_or(&[][..], Vec::as_slice);
        if rows.len() < def.min_rows && (def.required || !rows.is_empty()) {
            push(
                out,
                "table.min_rows",
                Severity::Error,
                Place::table(ctx.template, &def.key, None, None),
                format!(
                    "“{}”有 {} 行，至少需要 {} 行",
                    def.title,
                    rows.len(),
                    def.min_rows
                ),
                if def.guidance.is_empty() {
                    "补充表格内容".to_string()
                } else {
                    def.guidance.clone()
                },
            );
        }
        for (ri, row) in rows.iter().enumerate() {
            for col in &def.columns {
                let value = row.get(&col.key).map_or("", String::as_str);
                let place = Place::table(ctx.template, &def.key, Some(ri), Some(&col.key));
                if value.trim().is_empty() {
                    if col.required {
                        push(
                            out,
                            "table.cell_required",
                            Severity::Error,
                            place,
                            format!("“{}”第 {} 行的“{}”未填写", def.title, ri + 1, col.label),
                            format!("填写{}", col.label),
                        );
                    }
                } else if let Some(problem) = formats::problem(col.kind, value, &col.options) {
                    push(
                        out,
                        "table.cell_format",
                        Severity::Error,
                        place,
                        format!(
                            "“{}”第 {} 行的“{}”：{problem}",
                            def.title,
                            ri + 1,
                            col.label
                        ),
                        "按提示的格式重新填写",
                    );
                }
            }
        }
    }
}

/// `goals.indicators`: at least three quantitative indicators, each with a unit and targets.
pub fn indicators(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some((def, rows)) = ctx.table_by_role("indicators") else {
        return;
    };
    if rows.len() < 3 {
        push(
            out,
            "goals.indicators",
            Severity::Warning,
            Place::table(ctx.template, &def.key, None, None),
            format!("量化目标指标只有 {} 项，少于 3 项", rows.len()),
            "通知要求目标明确：至少列出 3 项可量化的指标",
        );
    }
    let filled = |row: &crate::model::TableRow, key: &str| {
        row.get(key).is_some_and(|v| !v.trim().is_empty())
    };
    for (ri, row) in rows.iter().enumerate() {
        let targets: Vec<&str> = def
            .columns
            .iter()
            .filter(|c| c.group.is_some())
            .map(|c| c.key.as_str())
            .collect();
        let lacks_unit = def.columns.iter().any(|c| c.key == "unit") && !filled(row, "unit");
        let lacks_target = !targets.is_empty() && targets.iter().all(|k| !filled(row, k));
        if lacks_unit || lacks_target {
            let what = match (lacks_unit, lacks_target) {
                (true, true) => "单位和目标值",
                (true, false) => "单位",
                _ => "目标值",
            };
            push(
                out,
                "goals.indicators",
                Severity::Warning,
                Place::table(ctx.template, &def.key, Some(ri), None),
                format!("第 {} 项指标缺少{what}", ri + 1),
                "每项指标都写明单位和 12 个月、24 个月目标值",
            );
        }
    }
}
