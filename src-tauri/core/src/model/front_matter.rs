//! Structured front matter: the cover, 申报基本情况表 一 (the grid), the commitment (六) and the
//! opinions (七、八、九) of the official form (附件3). Each is a field the form asks for; values are
//! kept as typed (amounts, percentages and months as text, checked by the template's field type,
//! never coerced), dates as dates.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct FrontMatter {
    pub applicant: Applicant,
    pub contact: Contact,
    /// 推荐单位 (cover and 七)
    pub recommending_unit: String,
    /// 试点周期: start and end month.
    pub period: PilotPeriod,
    /// 拟投入资金总额 / 已投入资金, in 万元.
    pub funding: Funding,
    /// 近三年发展情况: the three years of the form, oldest first.
    pub finances: [YearFigures; 3],
    /// 企业近三年是否发生重大信息安全、网络安全事件、生产安全事故
    pub incident: Incident,
    /// 试点方向 beyond the pilot type: the 细分行业领域 of an industry pilot.
    pub direction: Direction,
    pub commitment: Commitment,
    pub recommendation: Recommendation,
    /// 城市: 所申报城市人民政府 (cover) and its opinion (八).
    pub city_government: Authority,
    /// 行业: 国家行业主管部门 (cover, optional) and its opinion (九, optional).
    pub industry_authority: Authority,
}

/// 申报单位
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Applicant {
    /// 申报单位名称
    pub name: String,
    /// 统一社会信用代码 (GB 32100-2015)
    pub credit_code: String,
    /// 单位地址
    pub address: String,
    /// 法定代表人
    pub legal_representative: String,
    /// 单位性质: one of the form's choices.
    pub nature: String,
    /// The name the form asks next to 国家级创新平台, or what 其他（请注明） means.
    pub nature_note: String,
}

/// 联系人
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Contact {
    /// 姓名
    pub name: String,
    /// 职务
    pub title: String,
    /// 手机
    pub mobile: String,
    /// 传真
    pub fax: String,
    /// 邮箱
    pub email: String,
}

/// 试点周期 (`年 月 至 年 月`), months as `YYYY-MM`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct PilotPeriod {
    pub start: String,
    pub end: String,
}

/// 拟投入资金总额（万元） and 已投入资金（万元）.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Funding {
    pub planned: String,
    pub invested: String,
}

/// One year of 近三年发展情况.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct YearFigures {
    /// 资产总额（万元）
    pub assets: String,
    /// 资产负债率（%）
    pub debt_ratio: String,
    /// 主营业务收入（万元）
    pub revenue: String,
    /// 利润率（%）
    pub profit_margin: String,
}

/// The incident question: `是` (with the event's name) or `否`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Incident {
    pub answer: String,
    /// 事件/事故名称, when answered 是.
    pub name: String,
}

/// 试点方向 details.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Direction {
    /// 行业: the 细分行业领域 (附件1's directions offered, free text allowed).
    pub industry_domain: String,
}

/// 六、申报单位承诺书: the text is the form's, fixed; only the date is the applicant's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Commitment {
    pub signed_on: Option<NaiveDate>,
}

/// 七、推荐单位意见
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Recommendation {
    /// 审查论证情况 (the notice asks for it)
    pub review: String,
    /// 具体意见
    pub opinion: String,
    /// 推荐意向序号
    pub order: Option<u32>,
    pub signed_on: Option<NaiveDate>,
}

/// A body whose seal the form asks for besides the recommending unit: the city government (八)
/// or the national industry authority (九).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Authority {
    /// Its name, on the cover's seal line.
    pub name: String,
    /// 意见
    pub opinion: String,
    /// 联系人及联系方式
    pub contact: String,
    pub signed_on: Option<NaiveDate>,
}
