//! 附件2's element conditions as data (`templates/2025/elements.toml`): per pilot type, the
//! numbers the 试点目标响应表 answers, each with the wording of its source line. Read and
//! validated here; evaluated by the checks (`checks::rules::elements`).

use crate::model::PilotType;
use crate::{CoreError, Result};
use serde::{Deserialize, Serialize};

/// How a condition reads the 响应表.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ConditionKind {
    /// A number of things (数据集, 场景, 家): at least `min`.
    Count,
    /// A share in %: at least `min`.
    Percent,
    /// 开放总量翻一番: +`min` % (or ×2 written in 倍).
    Growth,
    /// 可信数据空间收入 against 拟投入资金总额: at least `min` %.
    RevenueShare,
    /// The row's text names every one of `terms`.
    Mentions,
}

/// One condition of 附件2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub pilot_type: PilotType,
    /// The 响应表 row it belongs to (the fixed 试点目标 item).
    pub row: String,
    /// What the figure is called, as we suggest writing it.
    pub label: String,
    pub kind: ConditionKind,
    /// Words of a figure's name that answer it (or, for `mentions`, the words the row names).
    pub terms: Vec<String>,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub unit: String,
    /// 附件2's line, verbatim.
    pub source: String,
}

impl Condition {
    /// The requirement in words: `不少于 20 个`, `不低于总投资的 10%`, `写明可信管控、资源交互……`.
    pub fn requirement(&self) -> String {
        let min = self.min.unwrap_or_default();
        let n = if min.fract() == 0.0 {
            format!("{min:.0}")
        } else {
            format!("{min}")
        };
        match self.kind {
            ConditionKind::Count => format!("不少于 {n} {}", self.unit),
            ConditionKind::Percent => format!("不低于 {n}%"),
            ConditionKind::Growth => "试点期内实现翻一番（增长不低于 100%）".to_string(),
            ConditionKind::RevenueShare => format!("不低于总投资（拟投入资金总额）的 {n}%"),
            ConditionKind::Mentions => format!("写明{}", self.terms.join("、")),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    conditions: Vec<Condition>,
}

/// Parses the element conditions; every condition but `mentions` needs a `min`, and every one
/// needs terms and its source line.
pub fn parse_elements(file: &str, text: &str) -> Result<Vec<Condition>> {
    let parsed: File = toml::from_str(text).map_err(|e| CoreError::TemplateInvalid {
        file: file.to_string(),
        line: e.span().map(|s| text[..s.start].matches('\n').count() + 1),
        detail: crate::error::translate_serde_message(e.message()),
    })?;
    for c in &parsed.conditions {
        let problem = if c.terms.iter().all(|t| t.trim().is_empty()) {
            Some("没有匹配词（terms）")
        } else if c.kind != ConditionKind::Mentions && c.min.is_none() {
            Some("没有给出要求的数值（min）")
        } else if c.source.trim().is_empty() {
            Some("没有附件2的原文（source）")
        } else {
            None
        };
        if let Some(p) = problem {
            return Err(CoreError::TemplateInvalid {
                file: file.to_string(),
                line: None,
                detail: format!("要素条件“{}”{p}", c.label),
            });
        }
    }
    Ok(parsed.conditions)
}
