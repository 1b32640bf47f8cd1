//! The applicant: credit code, a single applicant, three years' figures.

use super::super::{Context, Finding, Place, Severity, push};
use crate::credit_code;

/// `applicant.credit_code.missing|invalid`, `applicant.not_enterprise`.
pub fn credit_code(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let code = ctx.dossier().front_matter.applicant.credit_code.trim();
    let place = Place::field(ctx.template, "applicant.credit_code");
    if code.is_empty() {
        push(
            out,
            "applicant.credit_code.missing",
            Severity::Error,
            place,
            "未填写申报单位的统一社会信用代码",
            "按营业执照填写 18 位统一社会信用代码",
        );
        return;
    }
    if let Err(problem) = credit_code::validate(code) {
        push(
            out,
            "applicant.credit_code.invalid",
            Severity::Error,
            place,
            format!("统一社会信用代码“{code}”无效：{problem}"),
            "对照营业执照逐位核对，注意数字 0 与字母 O、数字 1 与字母 I 不要混淆",
        );
        return;
    }
    if !code.starts_with("91") {
        push(
            out,
            "applicant.not_enterprise",
            Severity::Warning,
            place,
            format!(
                "统一社会信用代码以“{}”开头，申报单位可能不是企业法人",
                &code[..2]
            ),
            "通知要求申报主体原则上为独立企业法人（代码以 91 开头）；如确属其他类型，请在申报主体情况中说明",
        );
    }
}

/// `applicant.single`: the call allows exactly one applicant.
pub fn single_applicant(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let d = ctx.dossier();
    let name = d.front_matter.applicant.name.trim();
    let separators = ['、', '；', ';', '/', '／'];
    let joined = name.contains(separators)
        || name.contains("联合体")
        || ["公司", "集团", "研究院", "中心"]
            .iter()
            .map(|s| name.matches(s).count())
            .sum::<usize>()
            > 1
            && (name.contains('和') || name.contains('与') || name.contains(separators));
    if joined {
        push(
            out,
            "applicant.single",
            Severity::Error,
            Place::field(ctx.template, "applicant.name"),
            format!("申报单位“{name}”看起来包含多个单位"),
            "通知不接受多个运营主体联合申报：只填写一个申报单位，其他单位列在二（二）可信数据空间其他参与主体情况中",
        );
    }
    let code = d.front_matter.applicant.credit_code.trim();
    if let Some(def) = ctx.template.table_by_role("partners") {
        for (ri, row) in d.tables.get(&def.key).into_iter().flatten().enumerate() {
            let same_code = !code.is_empty() && row.values().any(|v| v.trim() == code);
            let same_name = !name.is_empty() && row.get("name").is_some_and(|v| v.trim() == name);
            if same_code || same_name {
                push(
                    out,
                    "applicant.single",
                    Severity::Error,
                    Place::table(ctx.template, &def.key, Some(ri), None),
                    if same_name {
                        "申报单位同时列为参与主体（相关方）"
                    } else {
                        "参与主体的统一社会信用代码与申报单位相同"
                    },
                    "申报单位不应同时作为其他参与主体列出；删除该行或更正",
                );
            }
        }
    }
    let words = &ctx.input.registry.vocabulary.joint_application_words;
    for unit in ctx
        .units
        .iter()
        .filter(|u| u.kind == crate::checks::text_units::UnitKind::Body)
    {
        if let Some(w) = words.iter().find(|w| unit.text.contains(w.as_str())) {
            push(
                out,
                "applicant.single",
                Severity::Error,
                unit.place.clone(),
                format!("正文提到“{w}”"),
                "通知不接受多个运营主体联合申报；如指合作关系，请改为“合作共建”等说法",
            );
        }
    }
}

/// `applicant.finance`: the grid's twelve 近三年发展情况 figures.
pub fn finance(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(grid) = &ctx.template.grid else {
        return;
    };
    let d = ctx.dossier();
    let missing: Vec<&str> = grid
        .rows
        .iter()
        .flatten()
        .filter_map(|c| c.field.as_deref())
        .filter(|p| p.starts_with("finances."))
        .filter(|p| d.field(p).is_none_or(|v| v.trim().is_empty()))
        .collect();
    if let Some(first) = missing.first() {
        push(
            out,
            "applicant.finance",
            Severity::Warning,
            Place::field(ctx.template, first),
            format!("近三年发展情况有 {} 项未填写", missing.len()),
            "逐年填写资产总额、资产负债率、主营业务收入和利润率，评审据此判断经营状况",
        );
    }
}
