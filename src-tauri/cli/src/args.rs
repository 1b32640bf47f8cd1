//! The command line, declared with clap, with every word a user sees in Chinese (clap's own
//! headings and errors are replaced).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

const HELP_TEMPLATE: &str = "{about}\n\n用法：{usage}\n\n{all-args}";

#[derive(Parser, Debug)]
#[command(
    name = "dossier",
    version,
    override_usage = "dossier [选项] <命令>",
    about = "申报书工作台命令行：管理可信数据空间试点申报书（新建、查看、导入导出、示例）。",
    help_template = HELP_TEMPLATE,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "命令",
    next_help_heading = "选项"
)]
pub struct Cli {
    /// 数据文件路径（默认取环境变量 DOSSIER_STORE，否则为用户数据目录下的 dossiers.db）
    #[arg(long, global = true, value_name = "路径")]
    pub store: Option<PathBuf>,

    /// 以这一天为“今天”（YYYY-MM-DD）：导出日期、快照和历史的时间都取这一天，同样的内容两次得到相同的文件
    #[arg(long, global = true, value_name = "日期", value_parser = parse_day)]
    pub today: Option<chrono::NaiveDate>,

    /// 显示帮助
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,

    /// 显示版本
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Copy, Clone, Debug, ValueEnum)]
pub enum TypeArg {
    Enterprise,
    Industry,
    City,
}

impl From<TypeArg> for dossier_core::app::PilotType {
    fn from(t: TypeArg) -> Self {
        use dossier_core::app::PilotType;
        match t {
            TypeArg::Enterprise => PilotType::Enterprise,
            TypeArg::Industry => PilotType::Industry,
            TypeArg::City => PilotType::City,
        }
    }
}

#[derive(Copy, Clone, Debug, ValueEnum)]
pub enum LayoutArg {
    /// 申报书模板自身的版式（默认）
    Form,
    /// GB/T 9704 公文版式
    Gbt9704,
}

impl From<LayoutArg> for dossier_core::app::PageLayout {
    fn from(l: LayoutArg) -> Self {
        match l {
            LayoutArg::Form => Self::Form,
            LayoutArg::Gbt9704 => Self::Gbt9704,
        }
    }
}

#[derive(Copy, Clone, Debug, ValueEnum)]
pub enum FormatArg {
    Docx,
    Pdf,
    Pack,
    All,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 新建申报书，只输出新编号
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    New {
        /// 试点类型：enterprise（企业）、industry（行业）、city（城市）
        #[arg(long = "type", value_name = "类型")]
        pilot_type: TypeArg,
        /// 试点名称
        #[arg(long, value_name = "名称")]
        title: String,
    },
    /// 列出申报书（最近修改的在前）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    List {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
        /// 包括已归档的申报书
        #[arg(long)]
        all: bool,
    },
    /// 查看一份申报书
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Show {
        /// 申报书编号
        #[arg(value_name = "编号", help_heading = "参数")]
        id: i64,
        /// 以 JSON 输出（含编号和时间）
        #[arg(long)]
        json: bool,
    },
    /// 导出为交换格式 JSON（默认输出到屏幕）
    #[command(name = "export-json", help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    ExportJson {
        /// 申报书编号
        #[arg(value_name = "编号", help_heading = "参数")]
        id: i64,
        /// 写入该文件（先写临时文件再改名，不会留下半个文件）
        #[arg(long, value_name = "文件")]
        out: Option<PathBuf>,
    },
    /// 从交换格式 JSON 导入为新申报书，只输出新编号
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Import {
        /// JSON 文件；“-”表示从标准输入读取
        #[arg(value_name = "文件", help_heading = "参数")]
        file: PathBuf,
    },
    /// 从 Word 导入：读取按申报书模板（附件3）填写的 .docx，或本程序导出后在 Word 中改过的文件；只输出新编号
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    ImportDocx {
        /// Word 文件（.docx）
        #[arg(value_name = "文件", help_heading = "参数")]
        file: PathBuf,
        /// 试点类型（封面上没有写明时）：enterprise、industry、city
        #[arg(long = "type", value_name = "类型")]
        pilot_type: Option<TypeArg>,
        /// 导入到这份已有的申报书：先显示差异，加 --confirm 才替换（替换前自动保存快照）
        #[arg(long, value_name = "编号")]
        onto: Option<i64>,
        /// 确认替换
        #[arg(long, requires = "onto")]
        confirm: bool,
    },
    /// 生成一份完整、确定的示例申报书（用于测试和基准），只输出新编号
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Sample {
        /// 试点类型：enterprise、industry、city
        #[arg(long = "type", value_name = "类型")]
        pilot_type: TypeArg,
        /// 规模：1 约 30 页，4 约 100 页
        #[arg(long, default_value_t = 1, value_name = "倍数", value_parser = clap::value_parser!(u32).range(1..=64))]
        scale: u32,
    },
    /// 添加手写的城市方向样例申报书，只输出新编号
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Example,
    /// 修改封面、承诺书或推荐意见中的字段，如 applicant.name=某某公司
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Set {
        /// 申报书编号
        #[arg(value_name = "编号", help_heading = "参数")]
        id: i64,
        /// 字段=值，可写多个；全部成功才保存
        #[arg(value_name = "字段=值", required = true, help_heading = "参数")]
        assignments: Vec<String>,
    },
    /// 检查完整性和合规性：有错误时退出码为 1，只有提醒时为 0
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Check {
        /// 申报书编号
        #[arg(
            value_name = "编号",
            help_heading = "参数",
            required_unless_present = "rules"
        )]
        id: Option<i64>,
        /// 以 JSON 输出（供程序读取）
        #[arg(long)]
        json: bool,
        /// 列出全部检查规则
        #[arg(long)]
        rules: bool,
    },
    /// 确认一条提醒（写明理由），或用 --undo 撤销确认
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Acknowledge {
        /// 申报书编号
        #[arg(value_name = "编号", help_heading = "参数")]
        id: i64,
        /// 规则编号，如 secrecy.review
        #[arg(value_name = "规则", help_heading = "参数")]
        rule: String,
        /// 位置，如 section:goals/block:3（见 dossier check 的输出）
        #[arg(value_name = "位置", help_heading = "参数")]
        anchor: String,
        /// 确认理由
        #[arg(long, value_name = "理由", required_unless_present = "undo")]
        reason: Option<String>,
        /// 撤销确认
        #[arg(long)]
        undo: bool,
    },
    /// 标记为拟报送（每个申报单位只能有一份），或用 --undo 取消
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Mark {
        /// 申报书编号
        #[arg(value_name = "编号", help_heading = "参数")]
        id: i64,
        /// 取消标记
        #[arg(long)]
        undo: bool,
    },
    /// 导出申报书文件（正式导出前会检查，有错误时拒绝；--draft 可导出草稿）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Export {
        /// 申报书编号
        #[arg(value_name = "编号", help_heading = "参数")]
        id: i64,
        /// 文件格式：docx（Word）、pdf（电子版）、pack（纸质版一式三份）或 all（全部）
        #[arg(long, value_name = "格式", default_value = "docx")]
        format: FormatArg,
        /// 导出到该目录
        #[arg(long, value_name = "目录")]
        out: PathBuf,
        /// 草稿：不论检查结果都导出
        #[arg(long)]
        draft: bool,
        /// 审阅版：打开时只读
        #[arg(long)]
        reviewer: bool,
        /// 版式：form（申报书模板版式，默认）或 gbt9704（GB/T 9704 公文版式）
        #[arg(long, value_name = "版式", default_value = "form")]
        layout: LayoutArg,
        /// 加目录页
        #[arg(long)]
        contents: bool,
        /// 纸质版每页标注“第k份／共n份”
        #[arg(long)]
        copy_marks: bool,
        /// 每页页脚印校验码
        #[arg(long)]
        fingerprint: bool,
    },
    /// 保存快照（恢复、比较时使用），只输出快照编号
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Snapshot {
        /// 申报书编号
        #[arg(value_name = "编号", help_heading = "参数")]
        id: i64,
        /// 快照名称
        #[arg(long, value_name = "名称", default_value = "手动保存")]
        name: String,
    },
    /// 列出快照（最新的在前）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Snapshots {
        /// 申报书编号
        #[arg(value_name = "编号", help_heading = "参数")]
        id: i64,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 恢复快照（整份或一个章节）；恢复前自动保存当前内容，可再恢复回来
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Restore {
        /// 申报书编号
        #[arg(value_name = "编号", help_heading = "参数")]
        id: i64,
        /// 快照编号
        #[arg(value_name = "快照", help_heading = "参数")]
        snapshot: i64,
        /// 只恢复这个章节（章节键，如 goals）
        #[arg(long, value_name = "章节")]
        section: Option<String>,
    },
    /// 比较两个版本：快照编号，或 current 表示当前内容
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Compare {
        /// 申报书编号
        #[arg(value_name = "编号", help_heading = "参数")]
        id: i64,
        /// 较早的版本
        #[arg(value_name = "版本甲", help_heading = "参数")]
        from: String,
        /// 较新的版本
        #[arg(
            value_name = "版本乙",
            help_heading = "参数",
            default_value = "current"
        )]
        to: String,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 复制申报书（为新客户或下一年度），只输出新编号
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Duplicate {
        /// 申报书编号
        #[arg(value_name = "编号", help_heading = "参数")]
        id: i64,
        /// 不保留封面、承诺书和推荐意见中的单位信息
        #[arg(long)]
        without_front_matter: bool,
        /// 不保留正文和表格
        #[arg(long)]
        without_content: bool,
        /// 不保留附件
        #[arg(long)]
        without_attachments: bool,
    },
    /// 归档（或用 --undo 取消归档）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Archive {
        /// 申报书编号
        #[arg(value_name = "编号", help_heading = "参数")]
        id: i64,
        /// 取消归档
        #[arg(long)]
        undo: bool,
    },
    /// 模板：列出或从文件载入新版本
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Template(TemplateCommand),
    /// 申报书包（单个文件，含附件、模板版本、可选快照和校验和）：导出或导入
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Bundle(BundleCommand),
    /// 以只读方式审阅申报书包：显示概况、检查结果和覆盖情况，可导出，不能修改（不使用数据文件）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Review {
        /// 申报书包（.dossier）
        #[arg(value_name = "文件", help_heading = "参数")]
        file: PathBuf,
        /// 把文件导出到该目录
        #[arg(long, value_name = "目录")]
        export: Option<PathBuf>,
        /// 导出的文件格式：docx、pdf、pack 或 all
        #[arg(long, value_name = "格式", default_value = "pdf", requires = "export")]
        format: FormatArg,
        /// 草稿：不论检查结果都导出
        #[arg(long, requires = "export")]
        draft: bool,
    },
    /// 报送材料包：每份申报书的电子版和纸质版打印文件、汇总表、邮寄单、核对清单和电子版光盘映像
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Package {
        /// 申报书编号（一个或多个）
        #[arg(value_name = "编号", help_heading = "参数", required = true, num_args = 1..)]
        ids: Vec<i64>,
        /// 推荐单位类别：province（省级）、plan_city（计划单列市）、corps（兵团）、central_enterprise（中央企业）
        #[arg(long, value_name = "类别", default_value = "province")]
        unit_kind: String,
        /// 在该目录下生成材料包文件夹
        #[arg(long, value_name = "目录")]
        out: PathBuf,
        /// 有错误时也生成（各文件标为草稿）
        #[arg(long)]
        draft: bool,
    },
    /// 推荐项目汇总表：按推荐意向序号列出所选申报书，检查序号、配额和一致性；--out 时生成 Word 汇总表
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Summary {
        /// 申报书编号（一个或多个）
        #[arg(value_name = "编号", help_heading = "参数", required = true, num_args = 1..)]
        ids: Vec<i64>,
        /// 推荐单位类别：province（省级）、plan_city（计划单列市）、corps（兵团）、central_enterprise（中央企业）
        #[arg(long, value_name = "类别", default_value = "province")]
        unit_kind: String,
        /// 把 Word 汇总表写到该目录
        #[arg(long, value_name = "目录")]
        out: Option<PathBuf>,
        /// 有错误时也生成（文件照常生成，请自行核对）
        #[arg(long, requires = "out")]
        draft: bool,
        /// 同时生成邮寄单（PDF：收件地址、信封标注、寄件单位和材料清单）
        #[arg(long, requires = "out")]
        mailing: bool,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 活动记录：何时修改了什么、何时导出
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    History {
        /// 申报书编号
        #[arg(value_name = "编号", help_heading = "参数")]
        id: i64,
    },
    /// 数据文件备份：立即备份、列出备份或从备份恢复（关闭程序时也会自动备份）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Backup(BackupCommand),
    /// 申报通知设置（截止日期、推荐数量上限）：不带参数时列出，带“项 值”时修改（值为空则清除）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Setting {
        /// 设置项，如 deadline、quotas.per_province
        #[arg(value_name = "项", help_heading = "参数")]
        key: Option<String>,
        /// 新的值，如 2025-06-30 或 3
        #[arg(value_name = "值", help_heading = "参数", requires = "key")]
        value: Option<String>,
    },
    /// 运行基准测试并输出数据（在临时目录中进行，不影响数据文件）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Bench {
        /// 数据文件中预置的申报书份数
        #[arg(long, default_value_t = 200, value_name = "份数")]
        dossiers: usize,
        /// 保存章节的次数
        #[arg(long, default_value_t = 1000, value_name = "次数")]
        saves: usize,
    },
}

#[derive(Subcommand, Debug)]
pub enum TemplateCommand {
    /// 列出可用模板
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    List {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 从文件载入模板（校验通过后保存在数据文件中）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Load {
        /// 模板文件（TOML）
        #[arg(value_name = "文件", help_heading = "参数")]
        file: PathBuf,
    },
    /// 把申报书迁移到同一方向的新版模板（先保存快照），并列出保留、新增和无处安放的内容
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Migrate {
        /// 申报书编号
        #[arg(value_name = "编号", help_heading = "参数")]
        id: i64,
        /// 目标模板版本（默认：该方向的最新版本）
        #[arg(long, value_name = "版本")]
        to: Option<String>,
        /// 以 JSON 输出报告
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// 立即备份数据文件（压缩保存在数据文件旁的 backups 目录，只保留最新的若干份）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Now,
    /// 列出备份，最新的在前
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    List,
    /// 用备份替换数据文件（先检查备份可用，并把当前数据文件另存为一份备份）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Restore {
        /// 备份文件（.db.gz）
        #[arg(value_name = "文件", help_heading = "参数")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// 把申报书导出为一个申报书包文件
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Export {
        /// 申报书编号
        #[arg(value_name = "编号", help_heading = "参数")]
        id: i64,
        /// 要写入的包文件（建议以 .dossier 结尾）
        #[arg(value_name = "文件", help_heading = "参数")]
        file: PathBuf,
        /// 同时带上全部快照
        #[arg(long)]
        with_snapshots: bool,
        /// 分工副本：分给撰写人的部分或章节（逗号分隔，如 technical,operations 或 plan），其余只读
        #[arg(long, value_name = "部分", value_delimiter = ',', requires = "writer")]
        parts: Vec<String>,
        /// 分工副本的撰写人
        #[arg(long, value_name = "姓名", requires = "parts")]
        writer: Option<String>,
    },
    /// 合并撰写人交回的分工副本：先显示采纳的改动和冲突，加 --confirm 才合并（合并前自动保存快照）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Merge {
        /// 申报书编号（分发分工副本的那一份）
        #[arg(value_name = "编号", help_heading = "参数")]
        id: i64,
        /// 撰写人交回的申报书包
        #[arg(value_name = "文件", help_heading = "参数")]
        file: PathBuf,
        /// 确认合并（不加时只显示，不做修改）
        #[arg(long)]
        confirm: bool,
        /// 某处冲突的选择：位置=home（保留本机）或 bundle（采用撰写人的），可重复
        #[arg(long, value_name = "位置=选择")]
        take: Vec<String>,
        /// 其余冲突一律：home 或 bundle
        #[arg(long, value_name = "选择")]
        prefer: Option<String>,
    },
    /// 导入申报书包：默认作为新申报书；--replace 时先显示差异，加 --confirm 才替换
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Import {
        /// 申报书包文件
        #[arg(value_name = "文件", help_heading = "参数")]
        file: PathBuf,
        /// 替换该编号的申报书（替换前自动保存快照，可恢复）
        #[arg(long, value_name = "编号")]
        replace: Option<i64>,
        /// 确认替换（不加时只显示差异，不做修改）
        #[arg(long, requires = "replace")]
        confirm: bool,
    },
}

impl From<FormatArg> for dossier_core::app::ExportFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Docx => Self::Docx,
            FormatArg::Pdf => Self::Pdf,
            FormatArg::Pack => Self::Pack,
            FormatArg::All => Self::All,
        }
    }
}

/// Parses the command line; on a usage error prints a Chinese message and returns exit code 2.
pub fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|err| match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = err.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            ExitCode::from(2)
        }
        _ => {
            eprintln!("错误：{}\n用 `dossier --help` 查看用法。", describe(&err));
            ExitCode::from(2)
        }
    })
}

fn context(err: &clap::Error, kind: ContextKind) -> String {
    match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        _ => String::new(),
    }
}

fn describe(err: &clap::Error) -> String {
    let arg = context(err, ContextKind::InvalidArg);
    let value = context(err, ContextKind::InvalidValue);
    let valid = context(err, ContextKind::ValidValue);
    match err.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let mut s = format!("参数 {arg} 的值“{value}”无效");
            if !valid.is_empty() {
                s.push_str(&format!("，可选值为：{valid}"));
            }
            s
        }
        ErrorKind::UnknownArgument => format!("不认识的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            format!(
                "不认识的命令“{}”",
                context(err, ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".into(),
        ErrorKind::TooManyValues | ErrorKind::ArgumentConflict => {
            format!("参数“{arg}”与其他参数冲突或多余")
        }
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("参数 {arg} 的值个数不对")
        }
        ErrorKind::NoEquals => format!("参数 {arg} 需要用“=”给出值"),
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文本".into(),
        _ => "命令行参数有误".into(),
    }
}

/// A `--today` date, with a Chinese message when it is not one.
fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("“{text}”不是有效的日期，应写作 YYYY-MM-DD（例如 2025-04-10）"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
