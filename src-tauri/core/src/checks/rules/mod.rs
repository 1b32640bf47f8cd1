//! The rules, each a small function that reads the [`Context`] and pushes findings. The rule ids
//! they use are listed in [`RULE_IDS`] with one line each.

mod applicant;
mod content;
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
    project::pilot_type,
    project::one_per_applicant,
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

/// Every rule id with what it finds (shown by `dossier check --rules` and in the docs).
pub const RULE_IDS: &[(&str, &str)] = &[
    (
        "applicant.credit_code.missing",
        "错误：未填写统一社会信用代码",
    ),
    (
        "applicant.credit_code.invalid",
        "错误：统一社会信用代码不符合 GB 32100-2015（长度、字符或校验位）",
    ),
    (
        "applicant.not_enterprise",
        "提醒：信用代码不以 91 开头，申报单位可能不是企业法人",
    ),
    (
        "applicant.single",
        "错误：出现多个申报单位（联合申报，或合作伙伴与申报单位信用代码相同）",
    ),
    ("applicant.finance", "提醒：基本情况表的近三年发展情况不全"),
    ("project.pilot_type", "错误：模板与试点类型不一致"),
    (
        "project.one_per_applicant",
        "错误：同一申报单位有两份拟报送的申报书",
    ),
    (
        "attachment.required",
        "错误：缺少模板规定必须提供的附件（如城市人民政府同意文件）",
    ),
    (
        "attachment.recommended",
        "提醒：缺少建议提供的附件（如国家行业主管部门联合推荐文件）",
    ),
    (
        "applicant.leading_enterprise",
        "提醒：企业方向没有材料或文字支撑龙头骨干企业地位",
    ),
    ("call.deadline", "提醒：申报截止日期已过或临近"),
    ("field.required", "错误：必填字段未填写"),
    (
        "field.format",
        "错误：字段格式不对（日期、手机、电子邮箱、数字、信用代码）",
    ),
    ("section.required", "错误：必填章节没有内容"),
    (
        "section.too_short",
        "提醒：部分没有写完（不到字数上限的十分之一，或少于旧版模板的最少字数）",
    ),
    ("section.too_long", "错误：部分字数超过申报书模板规定的上限"),
    ("part.too_long", "错误：五、试点方案各部分合计超过 1.5 万字"),
    ("section.pages", "提醒：章节排版后的页数超过篇幅要求"),
    ("table.min_rows", "错误：表格行数少于模板要求"),
    ("table.cell_required", "错误：表格必填列为空"),
    ("table.cell_format", "错误：表格单元格格式不对"),
    (
        "milestones.dates",
        "提醒：进度安排结束早于开始或超出试点周期",
    ),
    ("milestones.order", "提醒：进度安排未按时间先后排列"),
    (
        "milestones.half_year",
        "提醒：试点期某个半年没有安排阶段性成果",
    ),
    (
        "commitment.incident",
        "错误：基本情况表填写近三年发生过重大安全事件或事故，与承诺书矛盾",
    ),
    (
        "recommendation.opinion",
        "错误：推荐单位意见缺少审查论证情况或具体意见",
    ),
    ("secrecy.mark", "错误：正文出现密级或内部资料标志"),
    (
        "secrecy.review",
        "提醒：出现“商业秘密”“未公开”等需人工确认的词",
    ),
    ("privacy.id_number", "提醒：联系人信息以外出现身份证号码"),
    ("privacy.mobile", "提醒：联系人信息以外出现手机号码"),
    (
        "chars.unsupported",
        "提醒：有导出字体无法显示的字符（生僻字、表情符号等）",
    ),
    (
        "coverage.missing",
        "提醒：技术方案和运营模式没有提到某项核心功能或可信特性",
    ),
];
