//! Structured front matter: the cover, the commitment letter and the recommending unit's opinion
//! are generated from these fields, never typed as free text.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct FrontMatter {
    pub applicant: Applicant,
    pub contact: Contact,
    /// 推荐单位
    pub recommending_unit: String,
    pub declarations: Declarations,
    pub commitment: Commitment,
    pub recommendation: Recommendation,
}

/// 申报单位
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Applicant {
    pub name: String,
    /// 统一社会信用代码 (GB 32100-2015)
    pub credit_code: String,
    /// 注册地址
    pub registered_address: String,
    /// 成立日期
    pub founded_on: Option<NaiveDate>,
    /// 注册资本 (as written, e.g. "5000万元")
    pub registered_capital: String,
    /// 法定代表人
    pub legal_representative: String,
}

/// 联系人
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    /// 职务
    pub title: String,
    pub mobile: String,
    pub email: String,
}

/// The applicant's declarations the call requires.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Declarations {
    /// 在中华人民共和国境内注册的独立法人
    pub independent_legal_person: bool,
    /// 可信数据空间的运营单位
    pub operator_of_space: bool,
    /// 中央企业 (central enterprise channel)
    pub central_enterprise: bool,
}

/// 承诺书: its clauses start as the template's wording and may be edited.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Commitment {
    pub clauses: Vec<String>,
    pub signed_on: Option<NaiveDate>,
}

/// 推荐单位意见
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Recommendation {
    /// 审查论证情况
    pub review: String,
    /// 具体意见
    pub opinion: String,
    /// 推荐意向序号
    pub order: Option<u32>,
    pub signed_on: Option<NaiveDate>,
    /// 行业: the national industry authority that joins the recommendation, if any.
    pub joint_recommender: String,
    /// 城市: the reference (文号) of the city government's consent document.
    pub city_consent_reference: String,
}
