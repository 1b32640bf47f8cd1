//! Moving a dossier to a newer template version of its pilot type, keeping its data. Sections
//! and structured tables are matched by key, then by role (a section renamed in the new version
//! keeps its content), or appended to the new part that absorbs the old role (预期成效 into
//! 五（七）进度计划); table columns by key or by a known rename. What the new version adds is
//! listed as new; what has no place goes to the dossier's unplaced content (and stays in the
//! snapshot taken before the migration), listed in the report, so nothing is lost. Front-matter
//! fields the form does not have were set aside as unplaced content when the dossier was read
//! ([`crate::model::legacy`]).

use crate::model::{Block, Dossier, Section, TableRow, TemplateRef, Unplaced};
use crate::store::{SnapshotKind, Store};
use crate::template::{ColumnDef, TableDef, TableRole, Template};
use crate::{CoreError, Result};
use serde::Serialize;
use std::collections::BTreeMap;

/// What a migration did (or would do), in Chinese lines a person reads.
#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
pub struct MigrationReport {
    pub from: Option<TemplateRef>,
    pub to: Option<TemplateRef>,
    /// Parts kept where they were or moved to their new place.
    pub moved: Vec<String>,
    /// Parts the new version adds (empty, to be written).
    pub added: Vec<String>,
    /// Parts without a place in the new version, kept in the safety snapshot.
    pub without_place: Vec<String>,
    /// The snapshot holding the dossier as it was before (when migrated).
    pub snapshot: Option<i64>,
}

/// Maps `d` onto `to`; returns the new content and the report (without a snapshot number).
pub fn plan(d: &Dossier, from: &Template, to: &Template) -> (Dossier, MigrationReport) {
    let mut out = d.clone();
    out.template = to.reference();
    out.sections.clear();
    out.tables.clear();
    let mut report = MigrationReport {
        from: Some(from.reference()),
        to: Some(to.reference()),
        ..Default::default()
    };
    let source = |what: &str| {
        format!(
            "模板 {} {} › {what}",
            from.template.id, from.template.version
        )
    };
    // Sections: same key, else same role; else appended to the part that absorbs the role.
    for old in &from.sections {
        let Some(section) = d.section(&old.key).filter(|s| !s.blocks.is_empty()) else {
            continue;
        };
        let taken = |key: &str, out: &Dossier| out.sections.iter().any(|s| s.key == key);
        let target = to
            .section(&old.key)
            .filter(|t| t.body)
            .or_else(|| {
                old.role.as_ref().and_then(|r| {
                    to.sections
                        .iter()
                        .find(|s| s.body && s.role.as_ref() == Some(r))
                })
            })
            .filter(|t| !taken(&t.key, &out));
        let absorber = old
            .role
            .as_ref()
            .and_then(|r| to.sections.iter().find(|s| s.body && s.absorbs.contains(r)));
        if let Some(t) = target {
            let mut moved = section.clone();
            moved.key = t.key.clone();
            out.sections.push(moved);
            report.moved.push(if t.key == old.key {
                format!("章节“{}”保留", old.title)
            } else {
                format!("章节“{}”移到“{}”", old.title, to.section_label(&t.key))
            });
        } else if let Some(t) = absorber {
            let mut blocks = vec![Block::heading(2, old.title.clone())];
            blocks.extend(section.blocks.iter().cloned());
            match out.sections.iter_mut().find(|s| s.key == t.key) {
                Some(existing) => existing.blocks.extend(blocks),
                None => out.sections.push(Section {
                    key: t.key.clone(),
                    blocks,
                }),
            }
            report.moved.push(format!(
                "章节“{}”并入“{}”（以小标题“{}”开头）",
                old.title,
                to.section_label(&t.key),
                old.title
            ));
        } else {
            out.unplaced.push(Unplaced {
                source: source(&format!("章节“{}”", old.title)),
                blocks: section.blocks.clone(),
            });
            report.without_place.push(format!(
                "章节“{}”（新版模板中没有对应部分，已放入“未归位内容”）",
                old.title
            ));
        }
    }
    out.sections
        .sort_by_key(|s| to.sections.iter().position(|t| t.key == s.key));
    for s in &to.sections {
        if from.section(&s.key).is_none()
            && !from
                .sections
                .iter()
                .any(|o| o.role.is_some() && o.role == s.role)
        {
            report
                .added
                .push(format!("新增“{}”", to.section_label(&s.key)));
        }
    }
    // Structured tables: same key, else same role; columns by key.
    for (_, old) in from.tables() {
        let Some(rows) = d.tables.get(&old.key).filter(|r| !r.is_empty()) else {
            continue;
        };
        let target = to
            .table(&old.key)
            .or_else(|| old.role.and_then(|r| to.table_by_role(r)))
            .filter(|t| t.fixed_rows.is_empty());
        let Some(t) = target else {
            out.unplaced.push(Unplaced {
                source: source(&format!("表格“{}”", old.title)),
                blocks: vec![table_block(
                    old,
                    rows,
                    &old.columns.iter().collect::<Vec<_>>(),
                )],
            });
            report.without_place.push(format!(
                "表格“{}”的 {} 行（新版模板中没有对应表格，已放入“未归位内容”）",
                old.title,
                rows.len()
            ));
            continue;
        };
        let map = column_map(old, t);
        let kept: Vec<TableRow> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .filter_map(|(k, v)| map.get(k.as_str()).map(|n| (n.to_string(), v.clone())))
                    .collect()
            })
            .collect();
        let dropped: Vec<&ColumnDef> = old
            .columns
            .iter()
            .filter(|c| !map.contains_key(c.key.as_str()))
            .filter(|c| {
                rows.iter()
                    .any(|r| r.get(&c.key).is_some_and(|v| !v.trim().is_empty()))
            })
            .collect();
        for c in &dropped {
            report.without_place.push(format!(
                "表格“{}”的“{}”列（新版模板中没有这一列，已放入“未归位内容”）",
                old.title, c.label
            ));
        }
        if !dropped.is_empty() {
            let first = &old.columns[0];
            let mut shown = vec![first];
            shown.extend(dropped.iter().copied().filter(|c| c.key != first.key));
            out.unplaced.push(Unplaced {
                source: source(&format!("表格“{}”中没有位置的列", old.title)),
                blocks: vec![table_block(old, rows, &shown)],
            });
        }
        for c in &t.columns {
            if !map.values().any(|n| *n == c.key) {
                report
                    .added
                    .push(format!("表格“{}”新增“{}”列", t.title, c.label));
            }
        }
        report.moved.push(if t.key == old.key {
            format!("表格“{}”的 {} 行保留", old.title, rows.len())
        } else {
            format!("表格“{}”的 {} 行移到“{}”", old.title, rows.len(), t.title)
        });
        out.tables.insert(t.key.clone(), kept);
    }
    for t in to.tables().map(|(_, t)| t) {
        if !t.fixed_rows.is_empty() && !out.tables.contains_key(&t.key) {
            out.tables.insert(t.key.clone(), t.fixed_rows.clone());
        }
    }
    // Front matter the new model has no field for was set aside when the dossier was read.
    for u in &d.unplaced {
        report
            .without_place
            .push(format!("{}（已放入“未归位内容”）", u.source));
    }
    (out, report)
}

/// Columns of `old` mapped to columns of `new`: by key, then by the same label (partners'
/// 单位名称 → 相关方单位名称 and 在空间中的角色 → 职责分工 through [`RENAMED_COLUMNS`]).
fn column_map<'a>(old: &'a TableDef, new: &'a TableDef) -> BTreeMap<&'a str, &'a str> {
    old.columns
        .iter()
        .filter_map(|c| {
            let by_key = new.columns.iter().find(|n| n.key == c.key);
            let renamed = RENAMED_COLUMNS
                .iter()
                .find(|(role, from, _)| old.role == Some(*role) && *from == c.key)
                .and_then(|(_, _, to)| new.columns.iter().find(|n| n.key == *to));
            by_key.or(renamed).map(|n| (c.key.as_str(), n.key.as_str()))
        })
        .collect()
}

/// `(table role, old column key, new column key)` for columns renamed between versions.
const RENAMED_COLUMNS: &[(TableRole, &str, &str)] = &[(TableRole::Partners, "role", "duty")];

/// A table block of the given columns of `rows`, for the unplaced list.
fn table_block(def: &TableDef, rows: &[TableRow], columns: &[&ColumnDef]) -> Block {
    Block::Table {
        caption: def.title.clone(),
        header: columns.iter().map(|c| c.label.clone()).collect(),
        rows: rows
            .iter()
            .map(|r| {
                columns
                    .iter()
                    .map(|c| r.get(&c.key).cloned().unwrap_or_default())
                    .collect()
            })
            .collect(),
    }
}

/// Migrates dossier `id` to `to` (default: the newest template of its pilot type), after a
/// snapshot of the present. A dossier already on that version is left alone.
pub fn migrate(store: &mut Store, id: i64, to: Option<&TemplateRef>) -> Result<MigrationReport> {
    let d = store.load(id)?.dossier;
    let registry = store.registry();
    let from = registry.get(&d.template)?.clone();
    let target = match to {
        Some(r) => registry.get(r)?.clone(),
        None => registry.latest_for(d.pilot_type)?.clone(),
    };
    if target.template.pilot_type != d.pilot_type {
        return Err(CoreError::input(
            "模板",
            format!(
                "模板 {} 属于{}方向，不能用于{}方向的申报书",
                target.template.id,
                target.template.pilot_type.label(),
                d.pilot_type.label()
            ),
        ));
    }
    if target.reference() == d.template {
        return Ok(MigrationReport {
            from: Some(d.template.clone()),
            to: Some(d.template),
            ..Default::default()
        });
    }
    let (migrated, mut report) = plan(&d, &from, &target);
    let snapshot = store.take_snapshot(
        id,
        &format!(
            "迁移到模板 {} {} 之前",
            target.template.id, target.template.version
        ),
        SnapshotKind::Restore,
    )?;
    store.replace(id, &migrated)?;
    report.snapshot = Some(snapshot);
    Ok(report)
}
