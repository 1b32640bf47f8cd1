//! The commitment letter and the recommending unit's opinion.

use super::super::{Context, Finding, Place, Severity, push};

/// `commitment.applicant`, `commitment.statement`.
pub fn commitment(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let d = ctx.dossier();
    let clauses = &d.front_matter.commitment.clauses;
    let all = clauses.join("");
    let name = d.front_matter.applicant.name.trim();
    if !name.is_empty() && !all.contains(name) {
        push(
            out,
            "commitment.applicant",
            Severity::Error,
            Place::commitment(),
            format!("承诺书没有写明申报单位“{name}”"),
            "在承诺书第一条写明申报单位全称（与封面一致）",
        );
    }
    for s in &ctx.input.registry.vocabulary.commitment_statements {
        if !s.terms.iter().any(|t| all.contains(t.as_str())) {
            push(
                out,
                "commitment.statement",
                Severity::Error,
                Place::commitment(),
                format!("承诺书缺少“{}”的承诺", s.label),
                format!("补充关于{}的承诺条款（可恢复模板的默认承诺内容）", s.label),
            );
        }
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
                "recommendation.opinion",
                Severity::Error,
                Place::field(ctx.template, path),
                format!("推荐单位意见缺少{what}"),
                "通知要求推荐单位在申报文件中写明对项目的审查论证情况和具体意见",
            );
        }
    }
}
