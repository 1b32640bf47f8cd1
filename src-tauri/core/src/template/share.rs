//! A writer's share of a dossier (the parts handed out to them, see `crate::merge`): which
//! sections, tables and fields it covers, what a writer's copy may edit, and the parts' names.

use super::{PartKind, Template};
use crate::model::{Anchor, Assignment};
use crate::{CoreError, Result};

/// What a writer's parts cover: sections (with their tables) and front-matter fields.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct Share {
    pub sections: Vec<String>,
    pub tables: Vec<String>,
    pub fields: Vec<String>,
}

/// The keys a share may name, in Chinese for a message: parts (一 to 十) and sections.
fn share_keys(template: &Template) -> Vec<(String, String)> {
    let mut keys: Vec<(String, String)> = template
        .parts
        .iter()
        .map(|p| (p.key.clone(), p.heading.clone()))
        .collect();
    keys.extend(
        template
            .sections
            .iter()
            .map(|s| (s.key.clone(), template.section_label(&s.key))),
    );
    keys
}

pub fn share(template: &Template, parts: &[String]) -> Result<Share> {
    let mut out = Share::default();
    let keys = share_keys(template);
    for key in parts {
        if !keys.iter().any(|(k, _)| k == key) {
            let known: Vec<String> = keys.iter().map(|(k, l)| format!("{k}（{l}）")).collect();
            return Err(CoreError::input(
                "分工",
                format!("没有“{key}”这一部分；可以分配的有：{}", known.join("、")),
            ));
        }
        let mut take_section = |key: &str| {
            if let Some(s) = template.section(key)
                && !out.sections.contains(&s.key)
            {
                out.sections.push(s.key.clone());
                out.tables.extend(s.tables.iter().map(|t| t.key.clone()));
            }
        };
        match template.part(key) {
            Some(part) => match part.kind {
                PartKind::Sections => {
                    let keys: Vec<String> = template
                        .part_sections(&part.key)
                        .map(|s| s.key.clone())
                        .collect();
                    for k in keys {
                        take_section(&k);
                    }
                }
                PartKind::Grid => out.fields.extend(
                    template
                        .fields
                        .iter()
                        .filter(|f| f.part == "grid" || f.part == "cover")
                        .map(|f| f.path.clone()),
                ),
                _ => out.fields.extend(
                    template
                        .fields
                        .iter()
                        .filter(|f| f.part == part.key)
                        .map(|f| f.path.clone()),
                ),
            },
            None => take_section(key),
        }
    }
    out.fields.dedup();
    Ok(out)
}

/// Whether a writer's copy may change this section, table or field: always, unless the copy is
/// a writer's and the unit is not theirs.
pub fn may_edit(
    assignment: Option<&Assignment>,
    template: &Template,
    anchor: &Anchor,
) -> Result<()> {
    let Some(a) = assignment else {
        return Ok(());
    };
    let share = share(template, &a.parts)?;
    let ok = match anchor {
        Anchor::Section(key) => share.sections.contains(key),
        Anchor::Table { key, .. } => share.tables.contains(key),
        Anchor::Field(path) => share.fields.contains(path),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(CoreError::input(
            label(template, anchor),
            format!(
                "这一部分在“{}”的分工副本中是只读的（分给其撰写的是：{}），请在原申报书中修改",
                a.writer,
                a.parts
                    .iter()
                    .map(|p| share_label(template, p))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
        ))
    }
}

pub fn share_label(template: &Template, key: &str) -> String {
    share_keys(template)
        .into_iter()
        .find(|(k, _)| k == key)
        .map_or(key.to_string(), |(_, l)| l)
}

/// A unit's name in Chinese.
pub fn label(template: &Template, anchor: &Anchor) -> String {
    match anchor {
        Anchor::Section(key) => template.section_label(key),
        Anchor::Table { key, .. } => template
            .table(key)
            .map_or(key.to_string(), |t| t.title.clone()),
        Anchor::Field(path) => template
            .field_def(path)
            .map_or(path.to_string(), |f| f.label.clone()),
        other => other.to_string(),
    }
}
