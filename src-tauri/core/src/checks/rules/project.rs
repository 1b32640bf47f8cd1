//! The project as a whole: type, one project per applicant, central enterprises, attachments,
//! the deadline.

use super::super::{Context, Finding, Place, Severity, push};
use super::RuleId;
use crate::model::{AttachmentKind, PilotType};
use crate::template::Requirement;

/// `project.pilot_type`: the template variant matches the dossier's pilot type.
pub fn pilot_type(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let t = ctx.template.template.pilot_type;
    let d = ctx.dossier().pilot_type;
    if t != d {
        push(
            out,
            RuleId::ProjectPilotType,
            Severity::Error,
            Place::field(ctx.template, "pilot_type"),
            format!(
                "试点类型为“{}”，但使用的是“{}”类型的模板",
                d.label(),
                t.label()
            ),
            "每份申报书只能选择一种试点类型，并使用该类型的模板；请新建对应类型的申报书后迁移内容",
        );
    }
}

/// `project.one_per_applicant`: one dossier per credit code marked for submission.
pub fn one_per_applicant(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if !ctx.input.for_submission {
        return;
    }
    let code = ctx.dossier().front_matter.applicant.credit_code.trim();
    if code.is_empty() {
        return;
    }
    for other in ctx
        .input
        .others
        .iter()
        .filter(|o| o.for_submission && o.credit_code.trim() == code)
    {
        push(
            out,
            RuleId::ProjectOnePerApplicant,
            Severity::Error,
            Place::field(ctx.template, "applicant.credit_code"),
            format!(
                "同一申报单位的另一份申报书（编号 {}：{}）也标记为拟报送",
                other.id, other.title
            ),
            "通知规定每个申报主体只能申报一个项目：只保留一份标记为拟报送",
        );
    }
}

/// `industry.authority`: an industry pilot without the national industry authority's opinion
/// (九 is optional, but the form says such dossiers 宜 have it).
pub fn industry_authority(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let d = ctx.dossier();
    if d.pilot_type != PilotType::Industry || ctx.template.part("industry_opinion").is_none() {
        return;
    }
    let a = &d.front_matter.industry_authority;
    if a.name.trim().is_empty() && a.opinion.trim().is_empty() {
        push(
            out,
            RuleId::IndustryAuthority,
            Severity::Warning,
            Place::field(ctx.template, "industry_authority.opinion"),
            "没有国家行业主管部门的意见",
            "申报须知：行业可信数据空间宜由国家行业主管部门联合推荐；有联合推荐的，填写九、国家行业主管部门意见并在封面写明主管部门",
        );
    }
}

/// `attachment.required` / `attachment.recommended`, as the template declares them.
pub fn attachments(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let present = |kind: AttachmentKind| ctx.dossier().attachments.iter().any(|a| a.kind == kind);
    for def in &ctx.template.attachments {
        if present(def.kind) || def.kind == AttachmentKind::LeadingEnterpriseEvidence {
            continue;
        }
        let place = Place::attachment(def.kind.key(), def.kind.label());
        match def.requirement {
            Requirement::Required => push(
                out,
                RuleId::AttachmentRequired,
                Severity::Error,
                place,
                format!("缺少必须提供的附件：{}", def.kind.label()),
                format!(
                    "在附件中上传{}（PDF、PNG 或 JPEG）。{}",
                    def.kind.label(),
                    def.guidance
                ),
            ),
            Requirement::Recommended => push(
                out,
                RuleId::AttachmentRecommended,
                Severity::Warning,
                place,
                format!("缺少建议提供的附件：{}", def.kind.label()),
                format!("如有，请上传{}。{}", def.kind.label(), def.guidance),
            ),
            Requirement::Optional => {}
        }
    }
}

/// `media.unreadable`: an attachment or a picture whose file cannot be drawn (damaged, cut short,
/// or claiming a size no scan has). A draft shows a note in its place; a final export is refused.
pub fn unreadable_pictures(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let d = ctx.dossier();
    let problem = |id: &str| {
        d.media(id)
            .filter(|m| m.media_type != "application/pdf")
            .and_then(|m| crate::images::problem(&m.data).map(|p| (m.file_name.clone(), p)))
    };
    for a in &d.attachments {
        if let Some((file, why)) = problem(&a.media) {
            push(
                out,
                RuleId::MediaUnreadable,
                Severity::Error,
                Place::attachment(a.kind.key(), a.kind.label()),
                format!("附件“{}”的文件《{file}》无法使用：{why}", a.title),
                "删除这个附件，重新扫描或导出原件后再上传",
            );
        }
    }
    for section in &d.sections {
        for (i, block) in section.blocks.iter().enumerate() {
            if let crate::model::Block::Image { media, .. } = block
                && let Some((file, why)) = problem(media)
            {
                push(
                    out,
                    RuleId::MediaUnreadable,
                    Severity::Error,
                    Place::block(ctx.template, &section.key, i),
                    format!("图片《{file}》无法使用：{why}"),
                    "删除这张图片，用原图重新插入",
                );
            }
        }
    }
}

/// `applicant.leading_enterprise`: for the enterprise type, something supports 龙头骨干企业.
pub fn leading_enterprise(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let d = ctx.dossier();
    if d.pilot_type != PilotType::Enterprise {
        return;
    }
    let attached = d
        .attachments
        .iter()
        .any(|a| a.kind == AttachmentKind::LeadingEnterpriseEvidence);
    let words = &ctx.input.registry.vocabulary.leading_enterprise_words;
    let written = ctx
        .units
        .iter()
        .any(|u| words.iter().any(|w| u.text.contains(w.as_str())));
    if !attached && !written {
        push(
            out,
            RuleId::ApplicantLeadingEnterprise,
            Severity::Warning,
            Place::attachment(
                AttachmentKind::LeadingEnterpriseEvidence.key(),
                AttachmentKind::LeadingEnterpriseEvidence.label(),
            ),
            "没有材料或文字说明申报单位是龙头骨干企业或大型平台企业",
            "企业方向由龙头骨干企业、大型平台企业等申报：在二（一）试点申报单位基本情况中写明行业地位，或上传证明材料",
        );
    }
}

/// `call.deadline`: the submission deadline, when it is set, has passed or is within 7 days.
pub fn deadline(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(deadline) = ctx.input.registry.settings.call.deadline else {
        return;
    };
    let days = (deadline - ctx.input.today).num_days();
    let date = format!(
        "{}年{}月{}日",
        chrono::Datelike::year(&deadline),
        chrono::Datelike::month(&deadline),
        chrono::Datelike::day(&deadline)
    );
    if days < 0 {
        push(
            out,
            RuleId::CallDeadline,
            Severity::Warning,
            Place::dossier(),
            format!("申报截止日期 {date} 已过"),
            "请与推荐单位确认是否仍可报送",
        );
    } else if days <= 7 {
        push(
            out,
            RuleId::CallDeadline,
            Severity::Warning,
            Place::dossier(),
            format!("距申报截止日期 {date} 只剩 {days} 天"),
            "尽快完成并留出邮寄纸质版的时间",
        );
    }
}
