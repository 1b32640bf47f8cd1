//! Activity history: when what was changed and exported, per dossier. Each edit records one line
//! in its own transaction; repeated edits of the same part within ten minutes update that line's
//! time instead of adding lines, so autosave does not flood the history.

use super::{Store, stamp};
use crate::Result;
use rusqlite::{Transaction, params};
use serde::Serialize;

/// One line of the history.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ActivityEntry {
    /// UTC, RFC 3339.
    pub at: String,
    /// What happened, in Chinese: 修改章节“建设目标”, 导出 Word、电子版 PDF …
    pub what: String,
}

/// Records `what` for dossier `id` inside the caller's transaction.
pub(crate) fn record(
    tx: &Transaction<'_>,
    now: chrono::DateTime<chrono::Utc>,
    id: i64,
    what: &str,
) -> rusqlite::Result<()> {
    let at = stamp(now);
    let cutoff = stamp(now - chrono::Duration::minutes(10));
    let updated = tx.execute(
        "UPDATE activity SET at = ?3
         WHERE id = (SELECT max(id) FROM activity WHERE dossier_id = ?1)
           AND what = ?2 AND at >= ?4",
        params![id, what, at, cutoff],
    )?;
    if updated == 0 {
        tx.execute(
            "INSERT INTO activity (dossier_id, at, what) VALUES (?1, ?2, ?3)",
            params![id, at, what],
        )?;
    }
    Ok(())
}

impl Store {
    /// Records an event that is not an edit (an export, a snapshot).
    pub fn record_activity(&mut self, id: i64, what: &str) -> Result<()> {
        let path = self.path.clone();
        let now = self.now();
        let tx = self.write_tx()?;
        record(&tx, now, id, what)
            .and_then(|_| tx.commit())
            .map_err(|e| super::with_path(e.into(), &path))
    }

    /// The dossier's history, newest first.
    pub fn activity(&self, id: i64) -> Result<Vec<ActivityEntry>> {
        self.load(id)?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT at, what FROM activity WHERE dossier_id = ?1 ORDER BY id DESC")
            .map_err(|e| self.err(e))?;
        stmt.query_map([id], |r| {
            Ok(ActivityEntry {
                at: r.get(0)?,
                what: r.get(1)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.err(e))
    }
}
