//! The versioned JSON interchange format for a whole dossier (documented in
//! `src-tauri/core/INTERCHANGE.md`). Export is deterministic: the same dossier gives the same
//! bytes, so export → import → export is identical.
//!
//! Reading is strict and explains itself in Chinese: syntax errors with line and column, type
//! errors with the field path, a newer format version refused before anything is read further,
//! a key written twice in one object (which a map would otherwise keep only once, silently)
//! refused with its path.

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
    no_duplicate_keys(source_name, text)?;
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

/// What a document brought in by a person (a file, a bundle) must hold beyond its shape: what
/// the commands refuse is refused here too (a blank title, a recommendation order of 0).
pub fn check_incoming(source_name: &str, d: &Dossier) -> Result<()> {
    if d.title.trim().is_empty() {
        return Err(invalid(
            source_name,
            None,
            Some("dossier.title".into()),
            "标题不能为空",
        ));
    }
    if d.front_matter.recommendation.order == Some(0) {
        return Err(invalid(
            source_name,
            None,
            Some("dossier.front_matter.recommendation.order".into()),
            "推荐意向序号应为正整数",
        ));
    }
    Ok(())
}

/// Refuses a JSON text in which one object has the same key twice, naming the path. (serde
/// refuses a struct's field given twice, but a map keeps the last value; no JSON crate at hand
/// has a strict mode, so this walks the text once with serde's own visitor.)
fn no_duplicate_keys(source_name: &str, text: &str) -> Result<()> {
    use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
    use std::fmt;

    struct Walk<'p>(&'p str);

    impl<'de> DeserializeSeed<'de> for Walk<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("JSON")
        }
        fn visit_bool<E>(self, _: bool) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
            let mut i = 0usize;
            loop {
                let path = format!("{}[{i}]", self.0);
                if seq.next_element_seed(Walk(&path))?.is_none() {
                    return Ok(());
                }
                i += 1;
            }
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
            let mut seen = std::collections::HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                let path = if self.0.is_empty() {
                    key.clone()
                } else {
                    format!("{}.{key}", self.0)
                };
                if !seen.insert(key) {
                    return Err(A::Error::custom(format!("\u{1}{path}")));
                }
                map.next_value_seed(Walk(&path))?;
            }
            Ok(())
        }
    }

    let mut de = serde_json::Deserializer::from_str(text);
    match Walk("").deserialize(&mut de) {
        Ok(()) => Ok(()),
        Err(e) => {
            let message = e.to_string();
            match message.strip_prefix('\u{1}') {
                Some(rest) => {
                    let path = rest.rsplit_once(" at line ").map_or(rest, |(p, _)| p);
                    Err(CoreError::ImportInvalid {
                        source_name: source_name.into(),
                        line: (e.line() > 0).then_some(e.line()),
                        column: None,
                        path: Some(path.to_string()),
                        detail: "同一个键出现了两次，无法确定用哪一个".into(),
                    })
                }
                None => Err(json_error(source_name, &e, None)),
            }
        }
    }
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
    fn a_key_twice_in_one_object_is_refused_with_its_path() {
        let text = r#"{"format": "dossier-studio/dossier", "format_version": 2, "dossier": {
            "tables": {"partners": [], "partners": [{"name": "甲"}]}}}"#;
        let msg = from_json("x.json", text).unwrap_err().to_string();
        assert!(msg.contains("dossier.tables.partners"), "{msg}");
        assert!(msg.contains("出现了两次"), "{msg}");
        // The same key in two objects is no duplicate.
        let text = r#"{"format": "dossier-studio/dossier", "format_version": 2, "dossier": {
            "tables": {"a": [{"name": "甲"}, {"name": "乙"}]}}}"#;
        let msg = from_json("x.json", text).unwrap_err().to_string();
        assert!(!msg.contains("出现了两次"), "{msg}");
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
