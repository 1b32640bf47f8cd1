//! Structural validation of a dossier against its template: what must hold for the store to
//! accept it at all (known template, known section/table/column keys, heading levels, media
//! references, no control characters). Whether the content is complete or eligible is the
//! checks' business, reported as findings, never refused here.

use crate::model::{Block, Dossier, Media, TableRow};
use crate::template::{Registry, Template};
use crate::{CoreError, Result};
use std::collections::HashSet;

/// Validates a whole dossier; returns its template.
pub fn validate<'r>(registry: &'r Registry, d: &Dossier) -> Result<&'r Template> {
    let template = registry.get(&d.template)?;
    if template.template.pilot_type != d.pilot_type {
        return Err(CoreError::input(
            "pilot_type",
            format!(
                "试点类型为“{}”，但模板“{}”属于“{}”类型",
                d.pilot_type.label(),
                template.template.id,
                template.template.pilot_type.label()
            ),
        ));
    }
    crate::model::check_text(d)?;
    if let Some(a) = &d.assignment {
        if a.writer.trim().is_empty() {
            return Err(CoreError::input("assignment.writer", "分工副本没有撰写人"));
        }
        crate::template::share::share(template, &a.parts).map_err(|e| match e {
            CoreError::InvalidInput { detail, .. } => CoreError::input("assignment.parts", detail),
            e => e,
        })?;
    }

    let mut media_ids = HashSet::new();
    for (i, m) in d.media.iter().enumerate() {
        validate_media(&format!("media[{i}]"), m)?;
        if !media_ids.insert(m.id.as_str()) {
            return Err(CoreError::input(format!("media[{i}]"), "同一文件重复出现"));
        }
    }
    let mut keys = HashSet::new();
    for (i, section) in d.sections.iter().enumerate() {
        let place = format!("sections[{i}]");
        if template.section(&section.key).is_none() {
            return Err(unknown_section(&place, &section.key, template));
        }
        if !keys.insert(section.key.as_str()) {
            return Err(CoreError::input(
                place,
                format!("章节“{}”重复出现", section.key),
            ));
        }
        validate_blocks(&place, &section.blocks, &|id| media_ids.contains(id))?;
    }
    for (key, rows) in &d.tables {
        validate_table(template, &format!("tables.{key}"), key, rows)?;
    }
    for (i, u) in d.unplaced.iter().enumerate() {
        validate_blocks(&format!("unplaced[{i}]"), &u.blocks, &|id| {
            media_ids.contains(id)
        })?;
    }
    for (i, a) in d.attachments.iter().enumerate() {
        if !media_ids.contains(a.media.as_str()) {
            return Err(CoreError::input(
                format!("attachments[{i}].media"),
                format!("附件“{}”引用的文件 {} 不在 media 中", a.title, a.media),
            ));
        }
    }
    Ok(template)
}

pub(crate) fn unknown_section(place: &str, key: &str, template: &Template) -> CoreError {
    let known: Vec<&str> = template.sections.iter().map(|s| s.key.as_str()).collect();
    CoreError::input(
        place,
        format!(
            "模板“{}”中没有章节“{key}”，可用的章节有：{}",
            template.template.id,
            known.join("、")
        ),
    )
}

/// Checks a section's blocks: heading levels, table shapes, image references, text.
pub fn validate_blocks(
    place: &str,
    blocks: &[Block],
    media_exists: &dyn Fn(&str) -> bool,
) -> Result<()> {
    crate::model::check_blocks(place, blocks)?;
    for (bi, block) in blocks.iter().enumerate() {
        let place = format!("{place}.blocks[{bi}]");
        match block {
            Block::Heading { level, .. }
                if !(Block::MIN_HEADING_LEVEL..=Block::MAX_HEADING_LEVEL).contains(level) =>
            {
                return Err(CoreError::input(
                    place,
                    format!("小标题层级 {level} 无效，只能是 2（（一））、3（1.）或 4（（1））"),
                ));
            }
            Block::Table { header, rows, .. } => {
                if header.is_empty() {
                    return Err(CoreError::input(place, "表格没有表头"));
                }
                if let Some(r) = rows.iter().position(|r| r.len() != header.len()) {
                    return Err(CoreError::input(
                        place,
                        format!(
                            "表格第 {} 行有 {} 格，表头有 {} 列，两者应相同",
                            r + 1,
                            rows[r].len(),
                            header.len()
                        ),
                    ));
                }
            }
            Block::Image { media, .. } if !media_exists(media) => {
                return Err(CoreError::input(
                    place,
                    format!("图片引用的文件 {media} 不存在，请重新插入图片"),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Checks a structured table's rows against the template's columns.
pub fn validate_table(
    template: &Template,
    place: &str,
    key: &str,
    rows: &[TableRow],
) -> Result<()> {
    let Some(def) = template.table(key) else {
        let known: Vec<&str> = template.tables().map(|(_, t)| t.key.as_str()).collect();
        return Err(CoreError::input(
            place,
            format!("模板中没有表格“{key}”，可用的表格有：{}", known.join("、")),
        ));
    };
    if !def.fixed_rows.is_empty() && rows.len() > def.fixed_rows.len() {
        return Err(CoreError::input(
            place,
            format!(
                "“{}”由申报书模板规定为 {} 行，不能增加",
                def.title,
                def.fixed_rows.len()
            ),
        ));
    }
    for (ri, (row, fixed)) in rows.iter().zip(&def.fixed_rows).enumerate() {
        for (col, value) in fixed {
            if row.get(col).is_some_and(|v| v != value) {
                let label = def
                    .columns
                    .iter()
                    .find(|c| &c.key == col)
                    .map_or(col.as_str(), |c| c.label.as_str());
                return Err(CoreError::input(
                    format!("{place}[{ri}].{col}"),
                    format!(
                        "第 {} 行的“{label}”由申报书模板规定为“{value}”，不能修改",
                        ri + 1
                    ),
                ));
            }
        }
    }
    for (ri, row) in rows.iter().enumerate() {
        for (col, cell) in row {
            if !def.columns.iter().any(|c| &c.key == col) {
                let known: Vec<&str> = def.columns.iter().map(|c| c.key.as_str()).collect();
                return Err(CoreError::input(
                    format!("{place}[{ri}].{col}"),
                    format!(
                        "表格“{}”没有“{col}”这一列，可用的列有：{}",
                        def.title,
                        known.join("、")
                    ),
                ));
            }
            crate::text::check(&format!("{place}[{ri}].{col}"), cell)?;
        }
    }
    Ok(())
}

/// Checks that a media entry's id matches its content and its type is one we take.
pub fn validate_media(place: &str, m: &Media) -> Result<()> {
    if !Media::MEDIA_TYPES.contains(&m.media_type.as_str()) {
        return Err(CoreError::input(
            place,
            format!(
                "文件类型“{}”不支持，只能是 PNG、JPEG 图片或 PDF",
                m.media_type
            ),
        ));
    }
    if Media::sniff(&m.data) != Some(m.media_type.as_str()) {
        return Err(CoreError::input(
            place,
            format!(
                "文件“{}”的内容与其类型 {} 不符，可能已损坏",
                m.file_name, m.media_type
            ),
        ));
    }
    if Media::id_for(&m.data) != m.id {
        return Err(CoreError::input(
            place,
            format!(
                "文件“{}”的编号与内容不符，文件可能被改动或损坏",
                m.file_name
            ),
        ));
    }
    Ok(())
}
