//! Comparing two versions of a dossier the way a Chinese reader compares them: per section, the
//! sentences added and removed (split at 。！？； and line ends), and per structured table, the
//! rows added and removed.

use crate::model::{Dossier, TableRow};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct SectionChange {
    pub key: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct TableChange {
    pub key: String,
    pub added: Vec<TableRow>,
    pub removed: Vec<TableRow>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
pub struct Comparison {
    pub sections: Vec<SectionChange>,
    pub tables: Vec<TableChange>,
    /// Front-matter fields whose value changed: (path, before, after).
    pub fields: Vec<(String, String, String)>,
}

impl Comparison {
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty() && self.tables.is_empty() && self.fields.is_empty()
    }
}

/// Sentences of a text, each with its closing mark.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if c != '\n' {
            current.push(c);
        }
        if matches!(c, '。' | '！' | '？' | '；' | '\n') {
            let s = current.trim().to_string();
            if !s.is_empty() {
                out.push(s);
            }
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// Items of `a` not matched in `b`, counting repeats (a multiset difference, in `a`'s order).
pub(crate) fn missing_from<T: PartialEq + Clone>(a: &[T], b: &[T]) -> Vec<T> {
    let mut pool: Vec<Option<&T>> = b.iter().map(Some).collect();
    a.iter()
        .filter(
            |x| match pool.iter_mut().find(|p| p.is_some_and(|p| p == *x)) {
                Some(slot) => {
                    *slot = None;
                    false
                }
                None => true,
            },
        )
        .cloned()
        .collect()
}

/// What changed from `before` to `after`.
pub fn compare(before: &Dossier, after: &Dossier) -> Comparison {
    let mut result = Comparison::default();
    let text_of = |d: &Dossier, key: &str| -> Vec<String> {
        d.section(key)
            .map(|s| {
                s.blocks
                    .iter()
                    .flat_map(|b| b.texts())
                    .flat_map(sentences)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut keys: Vec<&str> = before
        .sections
        .iter()
        .chain(&after.sections)
        .map(|s| s.key.as_str())
        .collect();
    keys.dedup();
    let mut seen = Vec::new();
    for key in keys {
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let (a, b) = (text_of(before, key), text_of(after, key));
        let (added, removed) = (missing_from(&b, &a), missing_from(&a, &b));
        if !added.is_empty() || !removed.is_empty() {
            result.sections.push(SectionChange {
                key: key.to_string(),
                added,
                removed,
            });
        }
    }
    let mut table_keys: Vec<&String> = before.tables.keys().chain(after.tables.keys()).collect();
    table_keys.sort();
    table_keys.dedup();
    for key in table_keys {
        let a = before.tables.get(key).cloned().unwrap_or_default();
        let b = after.tables.get(key).cloned().unwrap_or_default();
        let (added, removed) = (missing_from(&b, &a), missing_from(&a, &b));
        if !added.is_empty() || !removed.is_empty() {
            result.tables.push(TableChange {
                key: key.clone(),
                added,
                removed,
            });
        }
    }
    for path in crate::model::FIELD_PATHS {
        let (x, y) = (
            before.field(path).unwrap_or_default(),
            after.field(path).unwrap_or_default(),
        );
        if x != y {
            result.fields.push((path.to_string(), x, y));
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_the_chinese_way() {
        assert_eq!(
            sentences("第一句。第二句！第三句？\n第四句；尾巴"),
            ["第一句。", "第二句！", "第三句？", "第四句；", "尾巴"]
        );
    }

    #[test]
    fn repeated_sentences_count() {
        let a = vec!["甲。".to_string(), "甲。".to_string()];
        let b = vec!["甲。".to_string()];
        assert_eq!(missing_from(&a, &b), ["甲。"]);
        assert!(missing_from(&b, &a).is_empty());
    }
}
