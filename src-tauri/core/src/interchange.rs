//! The versioned JSON interchange format for a whole dossier (documented in
//! `src-tauri/core/INTERCHANGE.md`). Export is deterministic: the same dossier gives the same
//! bytes, so export → import → export is identical.
//!
//! Reading is strict and explains itself in Chinese: syntax errors with line and column, type
//! errors with the field path, a newer format version refused before anything is read further.

use crate::error::translate_serde_message;
use crate::model::Dossier;
use crate::{CoreError, Result};
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "dossier-studio/dossier";
/// 2: the official form's front matter (试点周期, 资金, 近三年发展情况 …) and unplaced content.
/// Documents of format 1 are upgraded on reading ([`crate::model::legacy`]).
pub const FORMAT_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub format_version: u32,
    pub dossier: Dossier,
}

/// Serialises a dossier as an interchange document (pretty JSON, trailing newline).
pub fn to_json(dossier: &Dossier) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        format: &'static str,
        format_version: u32,
        dossier: &'a Dossier,
    }
    let mut text = serde_json::to_string_pretty(&Out {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        dossier,
    })
    .expect("a dossier always serialises");
    text.push('\n');
    text
}

/// Reads an interchange document. `source_name` names the file in messages.
pub fn from_json(source_name: &str, text: &str) -> Result<Dossier> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(invalid(
            source_name,
            None,
            None,
            "文件是空的，不是申报书交换文件",
        ));
    }

    #[derive(Deserialize)]
    struct Header {
        format: Option<serde_json::Value>,
        format_version: Option<serde_json::Value>,
    }
    let header: Header =
        serde_json::from_str(text).map_err(|e| json_error(source_name, &e, None))?;
    if header.format.as_ref().and_then(|v| v.as_str()) != Some(FORMAT) {
        return Err(invalid(
            source_name,
            None,
            Some("format".into()),
            &format!("不是申报书工作台的交换文件（format 应为“{FORMAT}”）"),
        ));
    }
    let version = match header.format_version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if v as u32 as u64 == v && v as u32 <= FORMAT_VERSION && v >= 1 => v as u32,
        Some(v) if v > FORMAT_VERSION as u64 => {
            return Err(CoreError::ImportNewerVersion {
                source_name: source_name.into(),
                found: v.min(u32::MAX as u64) as u32,
                supported: FORMAT_VERSION,
            });
        }
        _ => {
            return Err(invalid(
                source_name,
                None,
                Some("format_version".into()),
                "缺少有效的格式版本号（format_version 应为正整数）",
            ));
        }
    };
    if version < FORMAT_VERSION {
        return from_older(source_name, text);
    }

    let mut de = serde_json::Deserializer::from_str(text);
    let doc: Document = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        json_error(source_name, e.inner(), Some(path))
    })?;
    de.end().map_err(|e| json_error(source_name, &e, None))?;
    Ok(doc.dossier)
}

/// Format 1: read as a value, upgrade its front matter, then read strictly (paths in messages).
fn from_older(source_name: &str, text: &str) -> Result<Dossier> {
    let mut value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| json_error(source_name, &e, None))?;
    if let Some(d) = value.get_mut("dossier") {
        crate::model::legacy::upgrade_dossier(d);
    }
    if let Some(v) = value.get_mut("format_version") {
        *v = serde_json::Value::from(FORMAT_VERSION);
    }
    let doc: Document = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let detail = translate_serde_message(&e.inner().to_string());
        invalid(source_name, None, Some(path), &detail)
    })?;
    Ok(doc.dossier)
}

fn invalid(source: &str, line: Option<usize>, path: Option<String>, detail: &str) -> CoreError {
    CoreError::ImportInvalid {
        source_name: source.into(),
        line,
        column: None,
        path,
        detail: detail.into(),
    }
}

fn json_error(source: &str, e: &serde_json::Error, path: Option<String>) -> CoreError {
    let message = e.to_string();
    // serde_json appends " at line L column C" to its messages; the place is reported apart.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m);
    CoreError::ImportInvalid {
        source_name: source.into(),
        line: (e.line() > 0).then_some(e.line()),
        column: (e.column() > 0).then_some(e.column()),
        path,
        detail: translate_serde_message(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_file_is_named_with_its_line() {
        let err = from_json(
            "a.json",
            "{\n  \"format\": \"dossier-studio/dossier\",\n  \"format_ver",
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("a.json 第 3 行"), "{msg}");
        assert!(msg.contains("意外结束"), "{msg}");
    }

    #[test]
    fn newer_version_is_refused() {
        let text = r#"{"format": "dossier-studio/dossier", "format_version": 7, "dossier": {}}"#;
        assert!(matches!(
            from_json("x.json", text),
            Err(CoreError::ImportNewerVersion { found: 7, .. })
        ));
    }

    #[test]
    fn wrong_type_names_the_field_path() {
        let text = r#"{"format": "dossier-studio/dossier", "format_version": 1, "dossier": {
            "template": {"id": "tds-city", "version": "2025.1"}, "pilot_type": "city",
            "title": 42}}"#;
        let msg = from_json("x.json", text).unwrap_err().to_string();
        assert!(msg.contains("dossier.title"), "{msg}");
        assert!(msg.contains("应为文本"), "{msg}");
    }
}
