//! Moving a dossier to a newer template version of its pilot type, keeping its data. Sections
//! and structured tables are matched by key, then by role (a section renamed in the new version
//! keeps its content); table columns by key. What the new version adds is listed as new; what
//! no longer has a place stays in the snapshot taken before the migration and is listed with
//! that snapshot's number, so nothing is lost. Front-matter fields are typed and never move.

use crate::model::{Dossier, TemplateRef};
use crate::store::{SnapshotKind, Store};
use crate::template::Template;
use crate::{CoreError, Result};
use serde::Serialize;

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
    // Sections: same key, else same role.
    for old in &from.sections {
        let target = to
            .section(&old.key)
            .or_else(|| {
                old.role
                    .as_ref()
                    .and_then(|r| to.sections.iter().find(|s| s.role.as_ref() == Some(r)))
            })
            .filter(|t| !out.sections.iter().any(|s| s.key == t.key));
        let content = d.section(&old.key).filter(|s| !s.blocks.is_empty());
        match (target, content) {
            (Some(t), Some(section)) => {
                let mut moved = section.clone();
                moved.key = t.key.clone();
                out.sections.push(moved);
                report.moved.push(if t.key == old.key {
                    format!("章节“{}”保留", old.title)
                } else {
                    format!("章节“{}”移到“{}”", old.title, t.title)
                });
            }
            (None, Some(_)) => report
                .without_place
                .push(format!("章节“{}”（新版模板中没有对应章节）", old.title)),
            _ => {}
        }
    }
    // Keep the new template's order.
    out.sections
        .sort_by_key(|s| to.sections.iter().position(|t| t.key == s.key));
    for s in &to.sections {
        if from.section(&s.key).is_none()
            && !from
                .sections
                .iter()
                .any(|o| o.role.is_some() && o.role == s.role)
        {
            report.added.push(format!("新增章节“{}”", s.title));
        }
    }
    // Structured tables: same key, else same role; columns by key.
    for (_, old) in from.tables() {
        let Some(rows) = d.tables.get(&old.key).filter(|r| !r.is_empty()) else {
            continue;
        };
        let target = to
            .table(&old.key)
            .or_else(|| old.role.as_ref().and_then(|r| to.table_by_role(r)));
        let Some(t) = target else {
            report.without_place.push(format!(
                "表格“{}”的 {} 行（新版模板中没有对应表格）",
                old.title,
                rows.len()
            ));
            continue;
        };
        let kept: Vec<_> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .filter(|(k, _)| t.columns.iter().any(|c| &c.key == *k))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .collect();
        for c in &old.columns {
            if !t.columns.iter().any(|n| n.key == c.key)
                && rows
                    .iter()
                    .any(|r| r.get(&c.key).is_some_and(|v| !v.trim().is_empty()))
            {
                report.without_place.push(format!(
                    "表格“{}”的“{}”列（新版模板中没有这一列）",
                    old.title, c.label
                ));
            }
        }
        for c in &t.columns {
            if !old.columns.iter().any(|o| o.key == c.key) {
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
    (out, report)
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
