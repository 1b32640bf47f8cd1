//! Rules over all text: secrecy marks, personal data, characters the exports cannot draw, and
//! coverage of the core functions and trust properties.

use super::super::text_units::UnitKind;
use super::super::{Context, Finding, Severity, push};
use super::RuleId;
use super::formats;
use crate::template::ConceptGroup;

/// `secrecy.mark` (error), `secrecy.review` (warning, outside the commitment letter).
pub fn secrecy(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let s = &ctx.input.registry.vocabulary.secrecy;
    for unit in &ctx.units {
        let text: &str = &unit.text;
        let anywhere = s.marks_anywhere.iter().find(|m| text.contains(m.as_str()));
        let starred = s.marks_with_star.iter().find(|m| {
            text.match_indices(m.as_str()).any(|(i, _)| {
                let after = text[i + m.len()..].trim_start();
                let before = text[..i].trim_end();
                after.starts_with('★') || before.ends_with('★')
            })
        });
        if let Some(mark) = anywhere.or(starred) {
            push(
                out,
                RuleId::SecrecyMark,
                Severity::Error,
                unit.place.clone(),
                format!("出现密级或内部资料标志“{mark}”"),
                "申报材料不得涉及国家秘密：删除该标志及相关内容，涉密内容不得写入申报书",
            );
            continue;
        }
        if let Some(word) = s.review_words.iter().find(|w| text.contains(w.as_str())) {
            push(
                out,
                RuleId::SecrecyReview,
                Severity::Warning,
                unit.place.clone(),
                format!("出现“{word}”，请确认此处没有不宜公开的内容"),
                "申报材料须承诺不含商业秘密；确认无误后可将此提醒标记为已确认",
            );
        }
    }
}

/// `privacy.id_number`, `privacy.mobile`: personal data outside the contact block.
pub fn personal_data(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for unit in ctx.units.iter().filter(|u| u.kind != UnitKind::Contact) {
        for id in formats::id_numbers(&unit.text) {
            push(
                out,
                RuleId::PrivacyIdNumber,
                Severity::Warning,
                unit.place.clone(),
                format!("出现身份证号码 {}…{}", &id[..6], &id[14..]),
                "申报材料一般不需要个人身份证号码；删除或改为“（已脱敏）”",
            );
        }
        for m in formats::mobile_numbers(&unit.text) {
            push(
                out,
                RuleId::PrivacyMobile,
                Severity::Warning,
                unit.place.clone(),
                format!("出现手机号码 {}****{}", &m[..3], &m[7..]),
                "个人手机号码只应出现在封面的联系人信息中；如确需保留，请确认已获本人同意",
            );
        }
    }
}

/// `chars.unsupported`: characters the exports' fonts cannot draw, listed per place.
pub fn unsupported_characters(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for unit in &ctx.units {
        let mut bad: Vec<char> = Vec::new();
        for c in unit.text.chars() {
            if !ctx.input.glyphs.covers(c) && !bad.contains(&c) {
                bad.push(c);
            }
        }
        if bad.is_empty() {
            continue;
        }
        let shown: Vec<String> = bad
            .iter()
            .take(8)
            .map(|c| format!("“{c}”(U+{:04X})", *c as u32))
            .collect();
        push(
            out,
            RuleId::CharsUnsupported,
            Severity::Warning,
            unit.place.clone(),
            format!(
                "有 {} 个字符导出字体无法显示：{}",
                bad.len(),
                shown.join("、")
            ),
            "生僻字请改用常用字或在纸质版上手写补正；表情符号请删除",
        );
    }
}

/// `coverage.missing`: core functions and trust properties that 二（三）已开展工作, 五（四）运营方案
/// and 五（五）技术方案 never mention.
pub fn coverage(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(section) = ctx
        .template
        .sections
        .iter()
        .find(|s| s.role == Some(crate::template::SectionRole::Technical))
    else {
        return;
    };
    for entry in ctx
        .coverage
        .iter()
        .filter(|e| e.group != ConceptGroup::TaskTheme && !e.in_core_sections)
    {
        push(
            out,
            RuleId::CoverageMissing,
            Severity::Warning,
            super::super::Place::section(ctx.template, &section.key),
            format!(
                "已开展工作、运营方案和技术方案中都没有提到{}“{}”",
                entry.group.label(),
                entry.label
            ),
            format!(
                "说明空间如何实现“{}”；评审会对照通知的要求逐项查看",
                entry.label
            ),
        );
    }
}
