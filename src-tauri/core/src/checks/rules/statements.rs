//! The commitment (六) against the grid, and the recommending unit's opinion (七).

use super::super::{Context, Finding, Place, Severity, push};
use super::RuleId;

/// `commitment.incident`: the form's commitment states that no major information-security,
/// network-security or production-safety incident happened in the last three years, so a 是 to
/// the grid's incident question contradicts it.
pub fn commitment(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let incident = &ctx.dossier().front_matter.incident;
    if incident.answer.trim() == "是" {
        let name = incident.name.trim();
        push(
            out,
            RuleId::CommitmentIncident,
            Severity::Error,
            Place::field(ctx.template, "incident.answer"),
            if name.is_empty() {
                "基本情况表填写近三年发生过重大信息安全、网络安全事件或生产安全事故，与申报单位承诺书矛盾".to_string()
            } else {
                format!("基本情况表填写近三年发生过“{name}”，与申报单位承诺书矛盾")
            },
            "申报单位承诺书承诺近3年未发生重大信息、网络安全事件和重大、特大生产安全事故；请核实后如实填写，确有发生的不符合申报条件",
        );
    }
}

/// `recommendation.opinion`: the recommending unit's review and specific opinion.
pub fn recommendation(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let r = &ctx.dossier().front_matter.recommendation;
    for (path, value, what) in [
        ("recommendation.review", &r.review, "审查论证情况"),
        ("recommendation.opinion", &r.opinion, "具体意见"),
    ] {
        if value.trim().is_empty() {
            push(
                out,
                RuleId::RecommendationOpinion,
                Severity::Error,
                Place::field(ctx.template, path),
                format!("推荐单位意见缺少{what}"),
                "通知要求推荐单位在申报文件中写明对项目的审查论证情况和具体意见",
            );
        }
    }
}
