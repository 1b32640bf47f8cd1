//! The applicant: credit code, a single applicant, three years' figures.

use super::super::{Context, Finding, Place, Severity, push};
use super::RuleId;
use crate::credit_code;

/// `applicant.credit_code.missing|invalid`, `applicant.not_enterprise`.
pub fn credit_code(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let code = ctx.dossier().front_matter.applicant.credit_code.trim();
    let place = Place::field(ctx.template, "applicant.credit_code");
    if code.is_empty() {
        push(
            out,
            RuleId::ApplicantCreditCodeMissing,
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
            RuleId::ApplicantCreditCodeInvalid,
            Severity::Error,
            place,
            format!("统一社会信用代码“{code}”无效：{problem}"),
            "对照营业执照逐位核对，注意数字 0 与字母 O、数字 1 与字母 I 不要混淆",
        );
        return;
    }
    // The notice admits national innovation platforms (国家实验室、国家医学中心…), whose codes
    // are not 91 codes.
    let platform = ctx.dossier().front_matter.applicant.nature.trim() == "国家级创新平台";
    if !code.starts_with("91") && !platform {
        push(
            out,
            RuleId::ApplicantNotEnterprise,
            Severity::Warning,
            place,
            format!(
                "统一社会信用代码以“{}”开头，申报单位可能不是企业法人",
                &code[..2]
            ),
            "通知要求申报主体为独立企业法人（代码以 91 开头）或国家级创新平台；国家级创新平台请在基本情况表的单位性质中选择“国家级创新平台”",
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
            RuleId::ApplicantSingle,
            Severity::Error,
            Place::field(ctx.template, "applicant.name"),
            format!("申报单位“{name}”看起来包含多个单位"),
            "通知不接受多个运营主体联合申报：只填写一个申报单位，其他单位列在二（二）可信数据空间其他参与主体情况中",
        );
    }
    let code = d.front_matter.applicant.credit_code.trim();
    if let Some(def) = ctx
        .template
        .table_by_role(crate::template::TableRole::Partners)
    {
        for (ri, row) in d.tables.get(&def.key).into_iter().flatten().enumerate() {
            let same_code = !code.is_empty() && row.values().any(|v| v.trim() == code);
            let same_name = !name.is_empty() && row.get("name").is_some_and(|v| v.trim() == name);
            if same_code || same_name {
                push(
                    out,
                    RuleId::ApplicantSingle,
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
                RuleId::ApplicantSingle,
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
            RuleId::ApplicantFinance,
            Severity::Warning,
            Place::field(ctx.template, first),
            format!("近三年发展情况有 {} 项未填写", missing.len()),
            "逐年填写资产总额、资产负债率、主营业务收入和利润率，评审据此判断经营状况",
        );
    }
}

fn amount(text: &str) -> Option<f64> {
    text.trim()
        .replace([',', '，'], "")
        .trim_end_matches(['%', '％'])
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// `applicant.finance_range`: 资产负债率 within 0–100 %, 利润率 at most 100 %.
pub fn finance_range(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let d = ctx.dossier();
    for (i, year) in d.front_matter.finances.iter().enumerate() {
        let label = ctx
            .template
            .field_def(&format!("finances.{i}.debt_ratio"))
            .map_or_else(|| format!("第 {} 年资产负债率", i + 1), |f| f.label.clone());
        if let Some(v) = amount(&year.debt_ratio).filter(|v| !(0.0..=100.0).contains(v)) {
            push(
                out,
                RuleId::ApplicantFinanceRange,
                Severity::Error,
                Place::field(ctx.template, &format!("finances.{i}.debt_ratio")),
                format!("“{label}”为 {v}%，不在 0–100% 之间"),
                "资产负债率 = 负债总额 ÷ 资产总额 × 100，填写百分数的数值，如 46.5",
            );
        }
        if let Some(v) = amount(&year.profit_margin).filter(|v| *v > 100.0 || *v < -100.0) {
            push(
                out,
                RuleId::ApplicantFinanceRange,
                Severity::Error,
                Place::field(ctx.template, &format!("finances.{i}.profit_margin")),
                format!("利润率为 {v}%，超出 ±100% 的合理范围"),
                "利润率 = 利润总额 ÷ 主营业务收入 × 100，填写百分数的数值，如 8.4",
            );
        }
    }
}

/// `funding.invested`: 已投入资金 cannot exceed 拟投入资金总额.
pub fn funding(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let f = &ctx.dossier().front_matter.funding;
    if let (Some(planned), Some(invested)) = (amount(&f.planned), amount(&f.invested))
        && invested > planned
    {
        push(
            out,
            RuleId::FundingInvested,
            Severity::Error,
            Place::field(ctx.template, "funding.invested"),
            format!("已投入资金 {invested} 万元超过拟投入资金总额 {planned} 万元"),
            "拟投入资金总额是试点周期内的全部投入，已投入资金是其中已经投入的部分；请核对两项金额",
        );
    }
}

/// `period.length`: the 试点周期 runs forward and lasts the notice's two years.
pub fn period(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let p = &ctx.dossier().front_matter.period;
    let (Some((ys, ms)), Some((ye, me))) = (
        crate::model::month_of(&p.start),
        crate::model::month_of(&p.end),
    ) else {
        return; // missing or malformed months are field.required / field.format
    };
    let months = (ye - ys) * 12 + me as i32 - ms as i32 + 1;
    let expected = ctx.input.registry.settings.call.pilot_months as i32;
    let message = if months <= 0 {
        Some(format!(
            "试点周期的结束（{ye}年{me}月）早于开始（{ys}年{ms}月）"
        ))
    } else if months != expected {
        Some(format!(
            "试点周期为 {months} 个月（{ys}年{ms}月至{ye}年{me}月），通知规定试点周期为 {} 年",
            expected / 12
        ))
    } else {
        None
    };
    if let Some(message) = message {
        push(
            out,
            RuleId::PeriodLength,
            Severity::Warning,
            Place::field(ctx.template, "period.end"),
            message,
            "试点周期一般为两年，如 2025年9月至2027年8月",
        );
    }
}
