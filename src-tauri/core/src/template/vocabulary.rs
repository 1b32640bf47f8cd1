//! The call's vocabulary as data: capability concepts with their synonyms (for the coverage map),
//! secrecy marks and review words, the words of a joint application and of a leading enterprise.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ConceptGroup {
    /// 可信管控、资源交互、价值共创、安全管理
    CoreFunction,
    /// 参与主体可信任 …
    TrustProperty,
    /// Task themes of the notice; shown on the map, never a warning.
    TaskTheme,
}

impl ConceptGroup {
    pub fn label(self) -> &'static str {
        match self {
            ConceptGroup::CoreFunction => "核心功能",
            ConceptGroup::TrustProperty => "可信特性",
            ConceptGroup::TaskTheme => "任务主题",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    pub key: String,
    pub group: ConceptGroup,
    pub label: String,
    pub terms: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Secrecy {
    pub marks_anywhere: Vec<String>,
    pub marks_with_star: Vec<String>,
    pub review_words: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    pub concepts: Vec<Concept>,
    pub secrecy: Secrecy,
    pub joint_application_words: Vec<String>,
    pub leading_enterprise_words: Vec<String>,
}

/// Parses the vocabulary file; every concept needs at least one term.
pub fn parse_vocabulary(file: &str, text: &str) -> crate::Result<Vocabulary> {
    let v: Vocabulary = toml::from_str(text).map_err(|e| crate::CoreError::TemplateInvalid {
        file: file.to_string(),
        line: e.span().map(|s| text[..s.start].matches('\n').count() + 1),
        detail: crate::error::translate_serde_message(e.message()),
    })?;
    let empty = v
        .concepts
        .iter()
        .map(|c| (&c.label, &c.terms))
        .find(|(_, terms)| terms.iter().all(|t| t.trim().is_empty()));
    if let Some((label, _)) = empty {
        return Err(crate::CoreError::TemplateInvalid {
            file: file.to_string(),
            line: None,
            detail: format!("“{label}”没有任何匹配词（terms）"),
        });
    }
    Ok(v)
}
