//! The rules, each a small function that reads the [`Context`] and pushes findings. The rule ids
//! they use are the variants of [`RuleId`], each with one line saying what it finds.

mod applicant;
mod content;
pub(crate) mod elements;
mod milestones;
mod project;
mod statements;
mod text;

use super::{Context, Finding};
use serde::{Deserialize, Serialize};

pub(crate) mod formats;

/// Every rule, in the order findings are reported within a severity.
pub const ALL: &[fn(&Context<'_>, &mut Vec<Finding>)] = &[
    applicant::credit_code,
    applicant::single_applicant,
    applicant::finance,
    applicant::finance_range,
    applicant::funding,
    applicant::period,
    project::pilot_type,
    project::one_per_applicant,
    project::industry_authority,
    project::attachments,
    project::unreadable_pictures,
    project::leading_enterprise,
    project::deadline,
    content::fields,
    content::sections,
    content::page_budgets,
    content::tables,
    milestones::milestones,
    statements::commitment,
    statements::recommendation,
    text::secrecy,
    text::personal_data,
    text::unsupported_characters,
    text::coverage,
];

/// Where a rule comes from.
pub const NOTICE: &str = "通知";
pub const FORM: &str = "申报书模板（附件3）";
pub const ELEMENTS: &str = "项目要素条件（附件2）";
pub const STANDARD: &str = "GB 32100-2015";
pub const PRODUCT: &str = "本程序（导出与核对）";

/// Writes [`RuleId`]: one variant per rule with its dotted id, what it finds and its source;
/// the rules of one dossier's check, then the summary table's.
macro_rules! rule_ids {
    (
        dossier { $($variant:ident = $id:literal, $what:literal, $source:expr;)* }
        summary { $($s_variant:ident = $s_id:literal, $s_what:literal, $s_source:expr;)* }
    ) => {
        /// Every rule, defined once: findings carry a [`RuleId`], which crosses to the window
        /// and to scripts as its dotted id (`applicant.credit_code.invalid`).
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
        )]
        pub enum RuleId {
            $(#[serde(rename = $id)] $variant,)*
            $(#[serde(rename = $s_id)] $s_variant,)*
        }

        impl RuleId {
            /// The rules of one dossier's check, in the order `dossier check --rules` lists them.
            pub const DOSSIER: &[RuleId] = &[$(RuleId::$variant,)*];
            /// The summary table's rules (推荐项目汇总表, over several dossiers).
            pub const SUMMARY: &[RuleId] = &[$(RuleId::$s_variant,)*];

            /// The stable dotted id: what acknowledgements and scripts key on.
            pub fn id(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                    $(RuleId::$s_variant => $s_id,)*
                }
            }

            /// What the rule finds, in Chinese.
            pub fn what(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $what,)*
                    $(RuleId::$s_variant => $s_what,)*
                }
            }

            /// Where the rule comes from (the notice, the form, 附件2, the standard, the program).
            pub fn source(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $source,)*
                    $(RuleId::$s_variant => $s_source,)*
                }
            }

            pub fn from_id(id: &str) -> Option<RuleId> {
                RuleId::DOSSIER
                    .iter()
                    .chain(RuleId::SUMMARY)
                    .copied()
                    .find(|r| r.id() == id)
            }
        }
    };
}

// Every rule with what it finds and where it comes from (shown by `dossier check --rules`).
rule_ids! {
    dossier {
    ApplicantCreditCodeMissing = "applicant.credit_code.missing", "错误：未填写统一社会信用代码", FORM;
    ApplicantCreditCodeInvalid = "applicant.credit_code.invalid", "错误：统一社会信用代码不符合 GB 32100-2015（长度、字符或校验位）", STANDARD;
    ApplicantNotEnterprise = "applicant.not_enterprise", "提醒：信用代码不以 91 开头而单位性质不是国家级创新平台，申报单位可能不是企业法人", NOTICE;
    ApplicantSingle = "applicant.single", "错误：出现多个申报单位（联合申报，或申报单位同时列为参与主体）", NOTICE;
    ApplicantFinance = "applicant.finance", "提醒：基本情况表的近三年发展情况不全", FORM;
    ApplicantFinanceRange = "applicant.finance_range", "错误：资产负债率或利润率不在合理范围（资产负债率应在 0–100% 之间）", FORM;
    FundingInvested = "funding.invested", "错误：已投入资金超过拟投入资金总额", FORM;
    PeriodLength = "period.length", "提醒：试点周期不是通知规定的两年，或结束早于开始", NOTICE;
    ProjectTemplate = "project.template", "错误：申报书所用的模板版本没有载入，无法检查", PRODUCT;
    ProjectPilotType = "project.pilot_type", "错误：模板与试点类型不一致", FORM;
    ProjectOnePerApplicant = "project.one_per_applicant", "错误：同一申报单位有两份拟报送的申报书", NOTICE;
    IndustryAuthority = "industry.authority", "提醒：行业方向没有国家行业主管部门意见（九、可选）", FORM;
    AttachmentRequired = "attachment.required", "错误：缺少申报书模板要求的证明材料（营业执照或法人证书、近3年财务状况证明材料）", FORM;
    MediaUnreadable = "media.unreadable", "错误：附件或图片文件已损坏、不完整或尺寸异常，不能放进导出文件", PRODUCT;
    AttachmentRecommended = "attachment.recommended", "提醒：缺少建议提供的证明材料（技术基础、应用情况、运营情况材料）", FORM;
    ApplicantLeadingEnterprise = "applicant.leading_enterprise", "提醒：企业方向没有材料或文字支撑龙头骨干企业或大型平台企业地位", NOTICE;
    CallDeadline = "call.deadline", "提醒：申报截止日期已过或临近", NOTICE;
    FieldRequired = "field.required", "错误：必填字段未填写", FORM;
    FieldFormat = "field.format", "错误：字段格式不对（日期、年月、手机、电子邮箱、数字、信用代码、指标值）", FORM;
    SectionRequired = "section.required", "错误：必填部分没有内容", FORM;
    SectionTooShort = "section.too_short", "提醒：部分没有写完（不到字数上限的十分之一，或少于旧版模板的最少字数）", FORM;
    SectionTooLong = "section.too_long", "错误：部分字数超过申报书模板规定的上限", FORM;
    PartTooLong = "part.too_long", "错误：五、试点方案各部分合计超过 1.5 万字", FORM;
    SectionPages = "section.pages", "提醒：部分排版后的页数超过设置的篇幅", PRODUCT;
    TableMinRows = "table.min_rows", "错误：表格行数少于模板要求（如二（二）没有相关方）", FORM;
    TableCellRequired = "table.cell_required", "错误：表格必填列为空（如试点目标响应表未逐行响应）", FORM;
    TableCellFormat = "table.cell_format", "错误：表格单元格格式不对", FORM;
    ElementsTarget = "elements.target", "提醒：试点目标响应表的目标低于附件2要素条件的数字，或没有写出", ELEMENTS;
    MilestonesDates = "milestones.dates", "提醒：进度安排结束早于开始或超出试点周期", FORM;
    MilestonesOrder = "milestones.order", "提醒：进度安排未按时间先后排列", FORM;
    MilestonesHalfYear = "milestones.half_year", "提醒：试点期某个半年没有安排阶段性成果", PRODUCT;
    CommitmentIncident = "commitment.incident", "错误：基本情况表填写近三年发生过重大安全事件或事故，与承诺书矛盾", FORM;
    RecommendationOpinion = "recommendation.opinion", "错误：推荐单位意见缺少审查论证情况或具体意见", NOTICE;
    SecrecyMark = "secrecy.mark", "错误：正文出现密级或内部资料标志", NOTICE;
    SecrecyReview = "secrecy.review", "提醒：出现“商业秘密”“未公开”等需人工确认的词", NOTICE;
    PrivacyIdNumber = "privacy.id_number", "提醒：联系人信息以外出现身份证号码", PRODUCT;
    PrivacyMobile = "privacy.mobile", "提醒：联系人信息以外出现手机号码", PRODUCT;
    CharsUnsupported = "chars.unsupported", "提醒：有导出字体无法显示的字符（生僻字、表情符号等）", PRODUCT;
    CoverageMissing = "coverage.missing", "提醒：已开展工作、运营方案和技术方案都没有提到某项核心功能或可信特性", NOTICE;
    }
    summary {
    SummaryConsistency = "summary.consistency", "错误：汇总表中的申报书信用代码、试点类型或模板有误，或推荐单位与汇总表不一致", NOTICE;
    SummaryOrder = "summary.order", "错误：推荐意向序号未填、重复或不是从 1 起连续", NOTICE;
    SummaryOnePerApplicant = "summary.one_per_applicant", "错误：汇总表中同一申报单位有多个项目", NOTICE;
    SummaryQuota = "summary.quota", "错误：推荐项目数超过推荐单位的配额", NOTICE;
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.id() == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}
