//! Snapshots: a dossier's whole content (its interchange form) kept in the store, taken by the
//! user with a name, before every export, before every restore (so a restore can be undone), and
//! at most once an hour while editing. A snapshot restores whole or one section at a time.

use super::{Store, stamp};
use crate::interchange;
use crate::{CoreError, Result};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SnapshotKind {
    Manual,
    Export,
    Restore,
    Hourly,
    /// When a writer's copy was handed out: the common ancestor its merge compares against.
    Handout,
    /// Before a writer's bundle was merged in (so the merge can be undone).
    Merge,
}

impl SnapshotKind {
    pub(super) fn key(self) -> &'static str {
        match self {
            SnapshotKind::Manual => "manual",
            SnapshotKind::Export => "export",
            SnapshotKind::Restore => "restore",
            SnapshotKind::Hourly => "hourly",
            SnapshotKind::Handout => "handout",
            SnapshotKind::Merge => "merge",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SnapshotKind::Manual => "手动保存",
            SnapshotKind::Export => "导出前",
            SnapshotKind::Restore => "恢复前",
            SnapshotKind::Hourly => "自动（每小时）",
            SnapshotKind::Handout => "分发给撰写人时",
            SnapshotKind::Merge => "合并前",
        }
    }

    fn from_key(k: &str) -> SnapshotKind {
        match k {
            "manual" => SnapshotKind::Manual,
            "export" => SnapshotKind::Export,
            "restore" => SnapshotKind::Restore,
            "handout" => SnapshotKind::Handout,
            "merge" => SnapshotKind::Merge,
            _ => SnapshotKind::Hourly,
        }
    }
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SnapshotInfo {
    pub id: i64,
    pub name: String,
    pub kind: SnapshotKind,
    /// The kind in Chinese: 手动保存, 导出前 …
    pub kind_label: String,
    pub created_at: String,
}

/// A snapshot brought from elsewhere (a bundle) with its own name, kind and time.
pub struct Brought<'a> {
    pub name: &'a str,
    pub kind: SnapshotKind,
    pub created_at: &'a str,
    pub content: &'a crate::model::Dossier,
}

impl Brought<'_> {
    pub(super) fn check(&self) -> Result<()> {
        crate::text::check("快照名称", self.name)?;
        chrono::DateTime::parse_from_rfc3339(self.created_at).map_err(|_| {
            CoreError::input("快照时间", format!("“{}”不是有效的时间", self.created_at))
        })?;
        Ok(())
    }
}

impl Store {
    /// Takes a snapshot of the dossier as it is now; returns its id.
    pub fn take_snapshot(&mut self, id: i64, name: &str, kind: SnapshotKind) -> Result<i64> {
        crate::text::check("快照名称", name)?;
        let content = interchange::to_json(&self.load(id)?.dossier);
        self.conn
            .execute(
                "INSERT INTO snapshots (dossier_id, name, kind, created_at, content) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, name.trim(), kind.key(), stamp(self.now()), content],
            )
            .map_err(|e| self.err(e))?;
        let snapshot = self.conn.last_insert_rowid();
        if kind == SnapshotKind::Manual {
            self.record_activity(id, &format!("保存快照“{}”", name.trim()))?;
        }
        Ok(snapshot)
    }

    /// Keeps what a writer's copy cut from `snapshot` was handed out with.
    pub fn record_handout(&mut self, snapshot: i64, writer: &str, parts: &[String]) -> Result<()> {
        let parts = serde_json::to_string(parts).unwrap_or_else(|_| "[]".into());
        self.conn
            .execute(
                "INSERT OR REPLACE INTO handouts (snapshot_id, writer, parts) VALUES (?1, ?2, ?3)",
                params![snapshot, writer, parts],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The writer and the parts a copy cut from `snapshot` was handed out with, as recorded
    /// here; `None` for a snapshot no copy was handed out from (or one from before the record).
    pub fn handout(&self, snapshot: i64) -> Result<Option<(String, Vec<String>)>> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT writer, parts FROM handouts WHERE snapshot_id = ?1",
                [snapshot],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        row.map(|(writer, parts)| {
            serde_json::from_str(&parts)
                .map(|parts| (writer, parts))
                .map_err(|e| CoreError::StoreCorrupt {
                    path: self.path.clone(),
                    detail: format!("分工记录已损坏（{e}）"),
                })
        })
        .transpose()
    }

    /// Takes an hourly snapshot when the last snapshot of the dossier is older than an hour. Kept
    /// out of the save path (a snapshot serialises the whole dossier, files included, and a save
    /// must stay within milliseconds): the app calls it when the user pauses, the CLI before an
    /// edit.
    pub fn snapshot_if_due(&mut self, id: i64) -> Result<Option<i64>> {
        let last: Option<String> = self
            .conn
            .query_row(
                "SELECT max(created_at) FROM snapshots WHERE dossier_id = ?1",
                [id],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        let due = last
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
            .is_none_or(|t| self.now().signed_duration_since(t) >= chrono::Duration::hours(1));
        if due {
            return self
                .take_snapshot(id, "自动保存", SnapshotKind::Hourly)
                .map(Some);
        }
        Ok(None)
    }

    /// The dossier's snapshots, newest first.
    pub fn snapshots(&self, id: i64) -> Result<Vec<SnapshotInfo>> {
        self.load(id)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, name, kind, created_at FROM snapshots WHERE dossier_id = ?1 ORDER BY id DESC",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([id], |r| {
            let kind: String = r.get(2)?;
            let kind = SnapshotKind::from_key(&kind);
            Ok(SnapshotInfo {
                id: r.get(0)?,
                name: r.get(1)?,
                kind,
                kind_label: kind.label().to_string(),
                created_at: r.get(3)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.err(e))
    }

    /// The content of one of the dossier's snapshots.
    pub fn snapshot(&self, id: i64, snapshot: i64) -> Result<crate::model::Dossier> {
        let content: String = self
            .conn
            .query_row(
                "SELECT content FROM snapshots WHERE dossier_id = ?1 AND id = ?2",
                [id, snapshot],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or_else(|| {
                CoreError::input("快照", format!("申报书 {id} 没有编号为 {snapshot} 的快照"))
            })?;
        interchange::from_json(&format!("快照 {snapshot}"), &content)
    }

    /// Restores a snapshot, whole or one section, after taking a snapshot of the present (so the
    /// restore can itself be undone). Returns the id of that safety snapshot.
    pub fn restore_snapshot(
        &mut self,
        id: i64,
        snapshot: i64,
        section: Option<&str>,
    ) -> Result<i64> {
        let old = self.snapshot(id, snapshot)?;
        let safety = self.take_snapshot(
            id,
            &format!("恢复快照 {snapshot} 之前"),
            SnapshotKind::Restore,
        )?;
        match section {
            Some(key) => {
                let blocks = old
                    .section(key)
                    .map(|s| s.blocks.clone())
                    .unwrap_or_default();
                self.save_section(id, key, &blocks)?;
            }
            None => self.replace(id, &old)?,
        }
        Ok(safety)
    }
}
