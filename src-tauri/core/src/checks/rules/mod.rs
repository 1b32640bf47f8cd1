//! The rules, each a small function that reads the [`Context`] and pushes findings. The rule ids
//! they use are listed in [`RULE_IDS`] with one line each.

mod applicant;
mod content;
pub(crate) mod elements;
mod milestones;
mod project;
mod statements;
mod text;

use super::{Context, Finding};

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

/// Every rule id with what it finds and where the rule comes from (shown by
/// `dossier check --rules` and in the docs).
pub const RULE_IDS: &[(&str, &str, &str)] = &[
    (
        "applicant.credit_code.missing",
        "错误：未填写统一社会信用代码",
        FORM,
    ),
    (
        "applicant.credit_code.invalid",
        "错误：统一社会信用代码不符合 GB 32100-2015（长度、字符或校验位）",
        STANDARD,
    ),
    (
        "applicant.not_enterprise",
        "提醒：信用代码不以 91 开头而单位性质不是国家级创新平台，申报单位可能不是企业法人",
        NOTICE,
    ),
    (
        "applicant.single",
        "错误：出现多个申报单位（联合申报，或申报单位同时列为参与主体）",
        NOTICE,
    ),
    (
        "applicant.finance",
        "提醒：基本情况表的近三年发展情况不全",
        FORM,
    ),
    (
        "applicant.finance_range",
        "错误：资产负债率或利润率不在合理范围（资产负债率应在 0–100% 之间）",
        FORM,
    ),
    (
        "funding.invested",
        "错误：已投入资金超过拟投入资金总额",
        FORM,
    ),
    (
        "period.length",
        "提醒：试点周期不是通知规定的两年，或结束早于开始",
        NOTICE,
    ),
    ("project.pilot_type", "错误：模板与试点类型不一致", FORM),
    (
        "project.one_per_applicant",
        "错误：同一申报单位有两份拟报送的申报书",
        NOTICE,
    ),
    (
        "industry.authority",
        "提醒：行业方向没有国家行业主管部门意见（九、可选）",
        FORM,
    ),
    (
        "attachment.required",
        "错误：缺少申报书模板要求的证明材料（营业执照或法人证书、近3年财务状况证明材料）",
        FORM,
    ),
    (
        "attachment.recommended",
        "提醒：缺少建议提供的证明材料（技术基础、应用情况、运营情况材料）",
        FORM,
    ),
    (
        "applicant.leading_enterprise",
        "提醒：企业方向没有材料或文字支撑龙头骨干企业或大型平台企业地位",
        NOTICE,
    ),
    ("call.deadline", "提醒：申报截止日期已过或临近", NOTICE),
    ("field.required", "错误：必填字段未填写", FORM),
    (
        "field.format",
        "错误：字段格式不对（日期、年月、手机、电子邮箱、数字、信用代码、指标值）",
        FORM,
    ),
    ("section.required", "错误：必填部分没有内容", FORM),
    (
        "section.too_short",
        "提醒：部分没有写完（不到字数上限的十分之一，或少于旧版模板的最少字数）",
        FORM,
    ),
    (
        "section.too_long",
        "错误：部分字数超过申报书模板规定的上限",
        FORM,
    ),
    (
        "part.too_long",
        "错误：五、试点方案各部分合计超过 1.5 万字",
        FORM,
    ),
    (
        "section.pages",
        "提醒：部分排版后的页数超过设置的篇幅",
        PRODUCT,
    ),
    (
        "table.min_rows",
        "错误：表格行数少于模板要求（如二（二）没有相关方）",
        FORM,
    ),
    (
        "table.cell_required",
        "错误：表格必填列为空（如试点目标响应表未逐行响应）",
        FORM,
    ),
    ("table.cell_format", "错误：表格单元格格式不对", FORM),
    (
        "elements.target",
        "提醒：试点目标响应表的目标低于附件2要素条件的数字，或没有写出",
        ELEMENTS,
    ),
    (
        "milestones.dates",
        "提醒：进度安排结束早于开始或超出试点周期",
        FORM,
    ),
    ("milestones.order", "提醒：进度安排未按时间先后排列", FORM),
    (
        "milestones.half_year",
        "提醒：试点期某个半年没有安排阶段性成果",
        PRODUCT,
    ),
    (
        "commitment.incident",
        "错误：基本情况表填写近三年发生过重大安全事件或事故，与承诺书矛盾",
        FORM,
    ),
    (
        "recommendation.opinion",
        "错误：推荐单位意见缺少审查论证情况或具体意见",
        NOTICE,
    ),
    ("secrecy.mark", "错误：正文出现密级或内部资料标志", NOTICE),
    (
        "secrecy.review",
        "提醒：出现“商业秘密”“未公开”等需人工确认的词",
        NOTICE,
    ),
    (
        "privacy.id_number",
        "提醒：联系人信息以外出现身份证号码",
        PRODUCT,
    ),
    (
        "privacy.mobile",
        "提醒：联系人信息以外出现手机号码",
        PRODUCT,
    ),
    (
        "chars.unsupported",
        "提醒：有导出字体无法显示的字符（生僻字、表情符号等）",
        PRODUCT,
    ),
    (
        "coverage.missing",
        "提醒：已开展工作、运营方案和技术方案都没有提到某项核心功能或可信特性",
        NOTICE,
    ),
];
