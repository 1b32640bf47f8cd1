//! 版本与交接's history: snapshots (take, list, compare, restore whole or one section) and the
//! activity a dossier has seen.

use super::Context;
use crate::diff::Comparison;
use crate::store::{ActivityEntry, SnapshotInfo, SnapshotKind};
use crate::{CoreError, Result};

/// One version of a dossier: as it is now, or a snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// The dossier as it is now.
    Current,
    /// A snapshot, by its id.
    Snapshot(i64),
}

impl Version {
    /// `current` or a snapshot's number, as typed on the command line.
    pub fn parse(text: &str) -> Result<Version> {
        if text == "current" {
            return Ok(Version::Current);
        }
        text.parse()
            .map(Version::Snapshot)
            .map_err(|_| CoreError::input(text, "版本应为快照编号或 current"))
    }
}

impl Context {
    /// The dossier's snapshots, newest first.
    pub fn snapshots(&self, id: i64) -> Result<Vec<SnapshotInfo>> {
        self.store.snapshots(id)
    }

    /// Saves a named snapshot (an empty name becomes 手动保存); returns its id.
    pub fn take_snapshot(&mut self, id: i64, name: &str) -> Result<i64> {
        let name = if name.trim().is_empty() {
            "手动保存"
        } else {
            name
        };
        self.writable()?
            .take_snapshot(id, name, SnapshotKind::Manual)
    }

    fn version(&self, id: i64, v: Version) -> Result<crate::model::Dossier> {
        match v {
            Version::Current => Ok(self.store.load(id)?.dossier),
            Version::Snapshot(n) => self.store.snapshot(id, n),
        }
    }

    /// What changed from one version to another.
    pub fn compare(&self, id: i64, from: Version, to: Version) -> Result<Comparison> {
        Ok(crate::diff::compare(
            &self.version(id, from)?,
            &self.version(id, to)?,
        ))
    }

    /// Restores a snapshot (whole, or one section); returns the safety snapshot taken first.
    pub fn restore_snapshot(
        &mut self,
        id: i64,
        snapshot: i64,
        section: Option<&str>,
    ) -> Result<i64> {
        self.writable()?.restore_snapshot(id, snapshot, section)
    }

    /// The dossier's history, newest first.
    pub fn activity(&self, id: i64) -> Result<Vec<ActivityEntry>> {
        self.store.activity(id)
    }
}
