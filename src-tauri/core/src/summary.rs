//! The recommending unit's summary table (推荐项目汇总表): the chosen dossiers ranked by their
//! recommendation order (推荐意向序号, the opinion's `recommendation.order` field), checked
//! against the rules for the table — order 1..n without gaps or repeats, one project per
//! applicant, the quotas of the call's settings, one recommending unit, and each dossier
//! consistent in itself (valid credit code, the applicant named in the commitment, the template
//! of its pilot type) — and written as Word by [`crate::export::docx::summary`].

use crate::checks::GlyphCoverage;
use crate::checks::{Finding, Place, RuleId, Severity};
use crate::model::Anchor;
use crate::model::PilotType;
use crate::store::Store;
use crate::{CoreError, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What kind of recommending unit the table is for: it decides which quota applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 省级数据管理部门
    Province,
    /// 计划单列市
    PlanCity,
    /// 新疆生产建设兵团
    Corps,
    /// 中央企业
    CentralEnterprise,
}

impl UnitKind {
    pub fn from_key(key: &str) -> Option<UnitKind> {
        match key {
            "province" => Some(UnitKind::Province),
            "plan_city" => Some(UnitKind::PlanCity),
            "corps" => Some(UnitKind::Corps),
            "central_enterprise" => Some(UnitKind::CentralEnterprise),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Province => "省级数据管理部门",
            UnitKind::PlanCity => "计划单列市数据管理部门",
            UnitKind::Corps => "新疆生产建设兵团数据管理部门",
            UnitKind::CentralEnterprise => "中央企业",
        }
    }
}

/// One line of the table.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SummaryRow {
    pub id: i64,
    pub order: Option<u32>,
    pub title: String,
    pub pilot_type: PilotType,
    pub applicant: String,
    pub credit_code: String,
    pub contact: String,
    pub mobile: String,
    pub recommending_unit: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Summary {
    pub unit: String,
    pub unit_kind: UnitKind,
    /// Ordered by recommendation order (unordered ones last, by id).
    pub rows: Vec<SummaryRow>,
    /// Errors first; each points at the dossier (`dossier:ID`, or its field).
    pub findings: Vec<Finding>,
    pub ok: bool,
}

fn finding(rule: RuleId, anchor: Anchor, label: String, message: String, hint: &str) -> Finding {
    Finding {
        rule,
        severity: Severity::Error,
        place: Place {
            anchor,
            label,
            ..Default::default()
        },
        message,
        hint: hint.into(),
        acknowledged: None,
    }
}

/// Builds and checks the summary table of the dossiers `ids`, for a unit of `kind`.
pub fn build(
    store: &Store,
    ids: &[i64],
    kind: UnitKind,
    today: NaiveDate,
    glyphs: &dyn GlyphCoverage,
) -> Result<Summary> {
    if ids.is_empty() {
        return Err(CoreError::input("汇总表", "请至少选择一份申报书"));
    }
    let mut rows = Vec::new();
    let mut findings = Vec::new();
    for &id in ids {
        if rows.iter().any(|r: &SummaryRow| r.id == id) {
            return Err(CoreError::input(
                "汇总表",
                format!("申报书 {id} 被重复选择；每份申报书只列一次"),
            ));
        }
        let d = store.load(id)?.dossier;
        let fm = &d.front_matter;
        let row = SummaryRow {
            id,
            order: fm.recommendation.order,
            title: d.title.clone(),
            pilot_type: d.pilot_type,
            applicant: fm.applicant.name.clone(),
            credit_code: fm.applicant.credit_code.clone(),
            contact: fm.contact.name.clone(),
            mobile: fm.contact.mobile.clone(),
            recommending_unit: fm.recommending_unit.clone(),
        };
        // Consistency of each dossier in itself: the same rules its own check applies.
        let report = store.check(id, today, glyphs)?;
        for f in report.findings.iter().filter(|f| {
            matches!(
                f.rule,
                RuleId::ApplicantCreditCodeMissing
                    | RuleId::ApplicantCreditCodeInvalid
                    | RuleId::ProjectPilotType
                    | RuleId::ProjectTemplate
            )
        }) {
            findings.push(finding(
                RuleId::SummaryConsistency,
                Anchor::in_dossier(id, Some(f.place.anchor.clone())),
                format!("申报书 {id}《{}》› {}", row.title, f.place.label),
                f.message.clone(),
                "在该申报书中改正后再生成汇总表，使汇总表与封面、承诺书一致",
            ));
        }
        if row.order.is_none() {
            findings.push(finding(
                RuleId::SummaryOrder,
                Anchor::in_dossier(id, Some(Anchor::field("recommendation.order"))),
                format!("申报书 {id}《{}》› 推荐单位意见 › 推荐意向序号", row.title),
                "没有填写推荐意向序号".into(),
                "在推荐单位意见中填写推荐意向序号（1 表示最优先）",
            ));
        }
        rows.push(row);
    }
    // Order numbers: 1..n, each once.
    let n = rows.len() as u32;
    let mut orders: Vec<u32> = rows.iter().filter_map(|r| r.order).collect();
    orders.sort_unstable();
    let mut repeated: Vec<u32> = orders
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    repeated.dedup();
    for value in repeated {
        let same: Vec<String> = rows
            .iter()
            .filter(|r| r.order == Some(value))
            .map(|r| format!("《{}》", r.title))
            .collect();
        findings.push(finding(
            RuleId::SummaryOrder,
            Anchor::Summary("order".into()),
            "汇总表 › 推荐意向序号".into(),
            format!("推荐意向序号 {value} 重复：{}", same.join("、")),
            "每个序号只能用一次",
        ));
    }
    let missing: Vec<String> = (1..=n)
        .filter(|k| !orders.contains(k))
        .map(|k| k.to_string())
        .collect();
    let outside: Vec<String> = orders
        .iter()
        .filter(|o| **o == 0 || **o > n)
        .map(|o| o.to_string())
        .collect();
    if !outside.is_empty() || (!missing.is_empty() && orders.len() == rows.len()) {
        findings.push(finding(
            RuleId::SummaryOrder,
            Anchor::Summary("order".into()),
            "汇总表 › 推荐意向序号".into(),
            format!(
                "推荐意向序号应为 1 到 {n} 连续不重复{}{}",
                if missing.is_empty() {
                    String::new()
                } else {
                    format!("，缺少 {}", missing.join("、"))
                },
                if outside.is_empty() {
                    String::new()
                } else {
                    format!("，{} 超出范围", outside.join("、"))
                }
            ),
            "按推荐的先后顺序重新编号",
        ));
    }
    // One project per applicant.
    for (i, r) in rows.iter().enumerate() {
        let code = r.credit_code.trim();
        if code.is_empty() {
            continue;
        }
        if let Some(first) = rows[..i].iter().find(|o| o.credit_code.trim() == code) {
            findings.push(finding(
                RuleId::SummaryOnePerApplicant,
                Anchor::in_dossier(r.id, None),
                format!("申报书 {}《{}》", r.id, r.title),
                format!(
                    "与《{}》是同一申报单位（统一社会信用代码 {code}），每个申报主体只能申报一个项目",
                    first.title
                ),
                "只保留其中一个项目",
            ));
        }
    }
    // One recommending unit per table.
    let unit = rows
        .iter()
        .map(|r| r.recommending_unit.trim())
        .find(|u| !u.is_empty())
        .unwrap_or_default()
        .to_string();
    for r in &rows {
        if r.recommending_unit.trim() != unit {
            findings.push(finding(
                RuleId::SummaryConsistency,
                Anchor::in_dossier(r.id, Some(Anchor::field("recommending_unit"))),
                format!("申报书 {}《{}》› 封面 › 推荐单位", r.id, r.title),
                format!(
                    "推荐单位“{}”与汇总表的推荐单位“{unit}”不一致",
                    r.recommending_unit
                ),
                "一张汇总表只列同一推荐单位推荐的项目",
            ));
        }
    }
    // Quotas, where the settings give them.
    let q = &store.registry().settings.quotas;
    let quota = match kind {
        UnitKind::Province => q.per_province,
        UnitKind::PlanCity => q.per_plan_city,
        UnitKind::Corps => q.per_corps,
        UnitKind::CentralEnterprise => q.per_central_enterprise,
    };
    if let Some(max) = quota.filter(|max| n > *max) {
        findings.push(finding(
            RuleId::SummaryQuota,
            Anchor::Summary("quota".into()),
            "汇总表".into(),
            format!("{}最多推荐 {max} 个项目，汇总表列了 {n} 个", kind.label()),
            "按推荐意向序号保留排在前面的项目，或在设置中核对配额",
        ));
    }
    let cities = rows
        .iter()
        .filter(|r| r.pilot_type == PilotType::City)
        .count() as u32;
    if let Some(max) = q.city_per_unit.filter(|max| cities > *max) {
        findings.push(finding(
            RuleId::SummaryQuota,
            Anchor::Summary("quota".into()),
            "汇总表".into(),
            format!("城市方向每个推荐单位最多推荐 {max} 个项目，汇总表列了 {cities} 个"),
            "减少城市方向的项目，或在设置中核对配额",
        ));
    }
    if kind == UnitKind::CentralEnterprise && cities > 0 {
        findings.push(finding(
            RuleId::SummaryConsistency,
            Anchor::Summary("type".into()),
            "汇总表".into(),
            "中央企业渠道不能推荐城市方向的项目".into(),
            "城市方向由所在地数据管理部门推荐",
        ));
    }
    rows.sort_by_key(|r| (r.order.is_none(), r.order, r.id));
    Ok(Summary {
        unit,
        unit_kind: kind,
        ok: findings.is_empty(),
        rows,
        findings,
    })
}
