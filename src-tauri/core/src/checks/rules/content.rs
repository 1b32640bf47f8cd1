//! Template-driven completeness: required fields and their formats, required sections and their
//! length against the form's maxima, structured tables (rows, required cells, cell formats).

use super::super::{Context, Finding, Place, Severity, push, wordcount};
use super::RuleId;
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
                    RuleId::FieldRequired,
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
                RuleId::FieldFormat,
                Severity::Error,
                place,
                format!("“{}”：{problem}", f.label),
                "按提示的格式重新填写",
            );
        }
    }
}

fn section_chars(ctx: &Context<'_>, key: &str) -> usize {
    ctx.dossier().section(key).map_or(0, |sec| {
        sec.blocks
            .iter()
            .flat_map(|b| b.texts())
            .map(wordcount::count)
            .sum()
    })
}

/// `section.required`, `section.too_short`, `section.too_long`: 字数 as the form counts it;
/// the form's limits are maxima (an error over them), and a part under a tenth of its maximum
/// reads as unfinished (a warning).
pub fn sections(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let limits = &ctx.input.registry.settings.section_limits;
    for s in ctx.template.sections.iter().filter(|s| s.body) {
        let chars = section_chars(ctx, &s.key);
        let place = Place::section(ctx.template, &s.key);
        let label = ctx.template.section_label(&s.key);
        if chars == 0 {
            if s.required {
                push(
                    out,
                    RuleId::SectionRequired,
                    Severity::Error,
                    place,
                    format!("“{label}”没有内容"),
                    format!("按填写指引撰写本章：{}", first_sentence(&s.guidance)),
                );
            }
            continue;
        }
        let max = match (s.max_chars, limits.get(&s.key).copied()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let min = s.min_chars.or(max.map(|m| m / 10));
        if let Some(min) = min.filter(|m| chars < *m) {
            push(
                out,
                RuleId::SectionTooShort,
                Severity::Warning,
                place.clone(),
                format!("“{label}”只有 {chars} 字，内容显得不完整"),
                format!(
                    "对照填写指引补充具体内容和数据（建议不少于 {min} 字{}）",
                    max.map_or(String::new(), |m| format!("，不超过 {m} 字"))
                ),
            );
        }
        if let Some(max) = max.filter(|m| chars > *m) {
            push(
                out,
                RuleId::SectionTooLong,
                Severity::Error,
                place,
                format!("“{label}”有 {chars} 字，超过申报书模板规定的 {max} 字"),
                format!(
                    "精简到 {max} 字以内（字数按汉字和全角标点各计一字、连续的字母或数字计一字）"
                ),
            );
        }
    }
    for part in &ctx.template.parts {
        let Some(max) = part.max_chars else { continue };
        let chars: usize = ctx
            .template
            .part_sections(&part.key)
            .map(|s| section_chars(ctx, &s.key))
            .sum();
        if chars > max {
            let first = ctx.template.part_sections(&part.key).next();
            push(
                out,
                RuleId::PartTooLong,
                Severity::Error,
                first.map_or_else(Place::dossier, |s| Place::section(ctx.template, &s.key)),
                format!("“{}”各部分合计 {chars} 字，超过 {max} 字", part.heading),
                format!("精简各部分，使合计不超过 {max} 字"),
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
                RuleId::SectionPages,
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
                RuleId::TableMinRows,
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
        // Rows the form fixes count as present even before anything is typed into them.
        let empty = crate::model::TableRow::new();
        let fixed_missing = def.fixed_rows.len().saturating_sub(rows.len());
        let all = rows
            .iter()
            .chain(std::iter::repeat_n(&empty, fixed_missing));
        for (ri, row) in all.enumerate() {
            for col in def.columns.iter().filter(|c| !c.fixed) {
                let value = row.get(&col.key).map_or("", String::as_str);
                let place = Place::table(ctx.template, &def.key, Some(ri), Some(&col.key));
                if value.trim().is_empty() {
                    if col.required {
                        push(
                            out,
                            RuleId::TableCellRequired,
                            Severity::Error,
                            place,
                            format!("“{}”第 {} 行的“{}”未填写", def.title, ri + 1, col.label),
                            format!("填写{}", col.label),
                        );
                    }
                } else if let Some(problem) = formats::problem(col.kind, value, &col.options) {
                    push(
                        out,
                        RuleId::TableCellFormat,
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
