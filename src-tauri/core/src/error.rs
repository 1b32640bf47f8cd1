//! The core's typed errors. Every variant has a stable `code` (for the UI and scripts) and a
//! Chinese message that says what is wrong and where; nothing here is ever shown in English.

use std::path::PathBuf;

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("模板文件 {file}{}：{detail}", line_suffix(*.line))]
    TemplateInvalid {
        file: String,
        line: Option<usize>,
        detail: String,
    },

    #[error("找不到模板“{id}”（版本 {version}）。请先载入该模板，或改用已安装的模板。")]
    TemplateUnknown { id: String, version: String },

    #[error("{source_name}{}：{detail}", place_suffix(*.line, *.column, .path))]
    ImportInvalid {
        source_name: String,
        line: Option<usize>,
        column: Option<usize>,
        path: Option<String>,
        detail: String,
    },

    #[error(
        "{source_name} 的交换格式版本为 {found}，本程序只支持到版本 {supported}。请升级申报书工作台后再导入。"
    )]
    ImportNewerVersion {
        source_name: String,
        found: u32,
        supported: u32,
    },

    #[error("{place}：{detail}")]
    InvalidInput { place: String, detail: String },

    #[error("找不到编号为 {id} 的申报书。")]
    DossierNotFound { id: i64 },

    /// A Word file whose cover does not say the pilot type, imported without one.
    #[error(
        "{file}：无法从这个 Word 文件导入：封面上没有写明是企业、行业还是城市试点项目，无法判断试点类型。"
    )]
    ImportTypeUnknown { file: String },

    /// No store was named and the platform has no data folder for the user.
    #[error("无法确定用户数据目录，不知道数据文件应放在哪里。")]
    StoreNoDataDir,

    #[error("申报书 {id} 没有“{key}”这一{kind}。")]
    PartNotFound {
        id: i64,
        kind: &'static str,
        key: String,
    },

    #[error("数据文件 {} 由更新版本的申报书工作台创建（结构版本 {found}，本程序支持到 {supported}）。为避免损坏数据，本程序不会打开它，请升级后再使用。", .path.display())]
    StoreTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("文件 {} 不是申报书工作台的数据文件，未作任何修改。", .path.display())]
    StoreForeign { path: PathBuf },

    #[error("数据文件 {} 已损坏或不是数据库文件（{detail}），未作任何修改。请从备份恢复或另选数据文件。", .path.display())]
    StoreCorrupt { path: PathBuf, detail: String },

    #[error("无法打开或写入数据文件 {}：{detail}", .path.display())]
    StoreUnavailable { path: PathBuf, detail: String },

    #[error("数据文件正被另一个程序占用，请稍后重试。")]
    StoreBusy,

    #[error("读写文件 {} 失败：{detail}", .path.display())]
    Io { path: PathBuf, detail: String },

    #[error("检查发现 {} 个错误，不能正式导出（可用草稿方式导出）：\n{}", .errors.len(), .errors.iter().map(|e| format!("  · {e}")).collect::<Vec<_>>().join("\n"))]
    ExportBlocked { errors: Vec<String> },

    #[error("这是只读审阅模式：可以查看、检查和导出，不能修改申报书")]
    ReviewReadOnly,

    #[error("内部错误：{0}")]
    Internal(String),
}

/// Every error code that crosses to the UI (and that scripts see), defined once and exported to
/// TypeScript with the other bindings: the core's, and the desktop shell's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub enum ErrorCode {
    #[serde(rename = "template.invalid")]
    TemplateInvalid,
    #[serde(rename = "template.unknown")]
    TemplateUnknown,
    #[serde(rename = "import.invalid")]
    ImportInvalid,
    #[serde(rename = "import.newer_version")]
    ImportNewerVersion,
    #[serde(rename = "input.invalid")]
    InvalidInput,
    #[serde(rename = "dossier.not_found")]
    DossierNotFound,
    #[serde(rename = "dossier.part_not_found")]
    PartNotFound,
    #[serde(rename = "store.too_new")]
    StoreTooNew,
    #[serde(rename = "store.foreign")]
    StoreForeign,
    #[serde(rename = "store.corrupt")]
    StoreCorrupt,
    #[serde(rename = "store.unavailable")]
    StoreUnavailable,
    /// No store named and no data folder for the user.
    #[serde(rename = "store.no_data_dir")]
    StoreNoDataDir,
    /// A Word file whose pilot type is neither on its cover nor given.
    #[serde(rename = "import.type_unknown")]
    ImportTypeUnknown,
    #[serde(rename = "store.busy")]
    StoreBusy,
    #[serde(rename = "io")]
    Io,
    #[serde(rename = "export.blocked")]
    ExportBlocked,
    #[serde(rename = "internal")]
    Internal,
    /// The shell could not open a folder in the file manager.
    #[serde(rename = "open_folder")]
    OpenFolder,
    /// An edit asked for in reviewer mode.
    #[serde(rename = "review.read_only")]
    ReviewReadOnly,
    /// The store is being restored from a backup.
    #[serde(rename = "store.restoring")]
    StoreRestoring,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::TemplateInvalid => "template.invalid",
            ErrorCode::TemplateUnknown => "template.unknown",
            ErrorCode::ImportInvalid => "import.invalid",
            ErrorCode::ImportNewerVersion => "import.newer_version",
            ErrorCode::InvalidInput => "input.invalid",
            ErrorCode::DossierNotFound => "dossier.not_found",
            ErrorCode::PartNotFound => "dossier.part_not_found",
            ErrorCode::StoreTooNew => "store.too_new",
            ErrorCode::StoreForeign => "store.foreign",
            ErrorCode::StoreCorrupt => "store.corrupt",
            ErrorCode::StoreUnavailable => "store.unavailable",
            ErrorCode::StoreNoDataDir => "store.no_data_dir",
            ErrorCode::ImportTypeUnknown => "import.type_unknown",
            ErrorCode::StoreBusy => "store.busy",
            ErrorCode::Io => "io",
            ErrorCode::ExportBlocked => "export.blocked",
            ErrorCode::Internal => "internal",
            ErrorCode::OpenFolder => "open_folder",
            ErrorCode::ReviewReadOnly => "review.read_only",
            ErrorCode::StoreRestoring => "store.restoring",
        }
    }
}

impl CoreError {
    /// A stable, machine-readable code. The UI and scripts match on it, never on the message.
    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::TemplateInvalid { .. } => ErrorCode::TemplateInvalid,
            CoreError::TemplateUnknown { .. } => ErrorCode::TemplateUnknown,
            CoreError::ImportInvalid { .. } => ErrorCode::ImportInvalid,
            CoreError::ImportNewerVersion { .. } => ErrorCode::ImportNewerVersion,
            CoreError::InvalidInput { .. } => ErrorCode::InvalidInput,
            CoreError::DossierNotFound { .. } => ErrorCode::DossierNotFound,
            CoreError::PartNotFound { .. } => ErrorCode::PartNotFound,
            CoreError::StoreTooNew { .. } => ErrorCode::StoreTooNew,
            CoreError::StoreForeign { .. } => ErrorCode::StoreForeign,
            CoreError::StoreCorrupt { .. } => ErrorCode::StoreCorrupt,
            CoreError::StoreUnavailable { .. } => ErrorCode::StoreUnavailable,
            CoreError::StoreNoDataDir => ErrorCode::StoreNoDataDir,
            CoreError::ImportTypeUnknown { .. } => ErrorCode::ImportTypeUnknown,
            CoreError::StoreBusy => ErrorCode::StoreBusy,
            CoreError::Io { .. } => ErrorCode::Io,
            CoreError::ExportBlocked { .. } => ErrorCode::ExportBlocked,
            CoreError::ReviewReadOnly => ErrorCode::ReviewReadOnly,
            CoreError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// True when the user (input, file or environment) can fix it; false for faults of the program.
    pub fn is_user_error(&self) -> bool {
        !matches!(self, CoreError::Internal(_))
    }

    pub(crate) fn io(path: impl Into<PathBuf>, err: std::io::Error) -> Self {
        CoreError::Io {
            path: path.into(),
            detail: describe_io(&err),
        }
    }

    pub(crate) fn input(place: impl Into<String>, detail: impl Into<String>) -> Self {
        CoreError::InvalidInput {
            place: place.into(),
            detail: detail.into(),
        }
    }
}

/// A Chinese description of an I/O error, by kind.
pub fn describe_io(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match err.kind() {
        NotFound => "文件或目录不存在".into(),
        PermissionDenied => "没有权限".into(),
        AlreadyExists => "文件已存在".into(),
        StorageFull => "磁盘空间不足".into(),
        ReadOnlyFilesystem => "文件系统只读".into(),
        NotADirectory => "路径中有一项不是目录".into(),
        IsADirectory => "这是一个目录，不是文件".into(),
        InvalidData => "内容不是有效的 UTF-8 文本".into(),
        UnexpectedEof => "文件意外结束".into(),
        _ => format!("系统错误（{err}）"),
    }
}

fn line_suffix(line: Option<usize>) -> String {
    line.map(|l| format!(" 第 {l} 行")).unwrap_or_default()
}

fn place_suffix(line: Option<usize>, column: Option<usize>, path: &Option<String>) -> String {
    let mut s = String::new();
    if let Some(l) = line {
        s.push_str(&format!(" 第 {l} 行"));
        if let Some(c) = column {
            s.push_str(&format!("第 {c} 列"));
        }
    }
    if let Some(p) = path.as_deref().filter(|p| !p.is_empty() && *p != ".") {
        s.push_str(&format!("（字段 {p}）"));
    }
    s
}

impl From<rusqlite::Error> for CoreError {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match &err {
            rusqlite::Error::SqliteFailure(e, _) => match e.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => CoreError::StoreBusy,
                ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied => {
                    CoreError::StoreUnavailable {
                        path: PathBuf::new(),
                        detail: "数据文件只读或无权限写入".into(),
                    }
                }
                ErrorCode::DiskFull => CoreError::StoreUnavailable {
                    path: PathBuf::new(),
                    detail: "磁盘空间不足".into(),
                },
                // A write SQLite could not finish: on a nearly full disk this is what it says
                // ("disk I/O error") when the log or its index cannot grow.
                ErrorCode::SystemIoFailure => CoreError::StoreUnavailable {
                    path: PathBuf::new(),
                    detail: "读写数据文件失败：磁盘空间可能不足，或磁盘出错。请清理磁盘空间后重试；已保存的内容不受影响".into(),
                },
                ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => CoreError::StoreCorrupt {
                    path: PathBuf::new(),
                    detail: "数据库结构损坏".into(),
                },
                _ => CoreError::Internal(format!("数据库错误：{err}")),
            },
            _ => CoreError::Internal(format!("数据库错误：{err}")),
        }
    }
}

/// Turns a serde / serde_json / toml / chrono message (English) into Chinese. Names of fields
/// and values are kept as they are; unknown messages become a general description.
pub(crate) fn translate_serde_message(msg: &str) -> String {
    let msg = msg.trim();
    let ticked = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("缺少必填字段“{}”", rest.trim_matches('`'));
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ") {
        return format!("字段“{}”重复出现", rest.trim_matches('`'));
    }
    if msg.starts_with("unknown field ") {
        let names = ticked(msg);
        let mut out = format!("不认识的字段“{}”", names.first().map_or("", |s| s.as_str()));
        if names.len() > 1 {
            out.push_str(&format!("，此处可用的字段有：{}", names[1..].join("、")));
        }
        return out;
    }
    if msg.starts_with("unknown variant ") {
        let names = ticked(msg);
        let mut out = format!("不认识的取值“{}”", names.first().map_or("", |s| s.as_str()));
        if names.len() > 1 {
            out.push_str(&format!("，可选值为：{}", names[1..].join("、")));
        }
        return out;
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return format!(
            "类型不符：此处应为{}，实际是{}",
            describe_expected(expected),
            describe_found(found)
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        return format!("元素个数不对（{rest}）");
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return format!(
            "取值无效：此处应为{}，实际是{}",
            describe_expected(expected),
            describe_found(found)
        );
    }
    let lower = msg.to_ascii_lowercase();
    let table: [(&str, &str); 22] = [
        (
            "eof while parsing",
            "文件在此处意外结束，内容不完整（可能被截断）",
        ),
        (
            "premature end of input",
            "日期不完整，应写成 2025-04-08 的形式",
        ),
        (
            "input contains invalid characters",
            "日期格式不对，应写成 2025-04-08 的形式",
        ),
        (
            "input is out of range",
            "日期超出范围（如 2 月 30 日），请核对",
        ),
        (
            "input is not enough for unique date",
            "日期不完整，应写成 2025-04-08 的形式",
        ),
        (
            "trailing input",
            "日期后有多余的字符，应写成 2025-04-08 的形式",
        ),
        ("no possible date", "日期不存在，请核对"),
        ("trailing characters", "内容结束后还有多余的字符"),
        ("expected value", "此处应为一个值（文本、数字、列表或对象）"),
        (
            "expected ident",
            "此处的写法无法识别（true、false、null 须为小写）",
        ),
        ("key must be a string", "对象的键必须是加引号的文本"),
        ("control character", "文本中含有未转义的控制字符"),
        ("invalid escape", "文本中的转义写法（\\）无效"),
        (
            "invalid unicode code point",
            "文本中的 \\u 转义不是有效字符",
        ),
        ("lone leading surrogate", "文本中的 \\u 转义不是有效字符"),
        ("recursion limit exceeded", "嵌套层次过深"),
        ("number out of range", "数字超出范围"),
        ("duplicate key", "同一个键出现了两次"),
        ("invalid table header", "表头（[...]）写法无效"),
        ("unclosed", "括号或引号没有闭合"),
        ("invalid string", "文本写法无效，请检查引号"),
        ("expected", "此处的写法不符合格式，请检查标点、引号和括号"),
    ];
    for (needle, chinese) in table {
        if lower.contains(needle) {
            return chinese.to_string();
        }
    }
    if lower.contains("invalid") {
        return "此处的值或写法无效".into();
    }
    "内容无法解析，请检查该处的格式".into()
}

fn describe_expected(expected: &str) -> String {
    let e = expected.trim();
    if e.contains("string") && !e.contains("date") {
        "文本".into()
    } else if e.contains("bool") {
        "是否值（true 或 false）".into()
    } else if e.contains("sequence") || e.contains("array") || e.starts_with("a vec") {
        "列表".into()
    } else if e.starts_with("struct") || e.contains("map") || e.contains("table") {
        "对象".into()
    } else if e.starts_with('u') || e.starts_with('i') || e.contains("integer") {
        "整数".into()
    } else if e.starts_with('f') || e.contains("float") || e.contains("number") {
        "数字".into()
    } else if e.contains("date") {
        "日期（如 2025-04-08）".into()
    } else if e.contains("enum") || e.contains("variant") {
        "规定的取值之一".into()
    } else {
        "规定的格式".into()
    }
}

fn describe_found(found: &str) -> String {
    let f = found.trim();
    let value = f.split('`').nth(1).or_else(|| f.split('"').nth(1));
    let kind = if f.starts_with("string") {
        "文本"
    } else if f.starts_with("integer") {
        "整数"
    } else if f.starts_with("floating") {
        "小数"
    } else if f.starts_with("boolean") {
        "是否值"
    } else if f.starts_with("sequence") {
        "列表"
    } else if f.starts_with("map") {
        "对象"
    } else if f.starts_with("null") || f.starts_with("unit") {
        "空值 null"
    } else {
        "其他类型的值"
    };
    match value {
        Some(v) => format!("{kind}“{v}”"),
        None => kind.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::translate_serde_message as t;

    #[test]
    fn translates_common_messages() {
        assert_eq!(t("missing field `title`"), "缺少必填字段“title”");
        assert_eq!(
            t("invalid type: integer `3`, expected a string"),
            "类型不符：此处应为文本，实际是整数“3”"
        );
        assert!(
            t("unknown variant `town`, expected one of `enterprise`, `industry`, `city`")
                .contains("可选值为：enterprise、industry、city")
        );
        assert!(t("EOF while parsing an object").contains("意外结束"));
        assert!(
            t("something nobody expected in English")
                .chars()
                .any(|c| c > '\u{2e80}')
        );
    }
}
