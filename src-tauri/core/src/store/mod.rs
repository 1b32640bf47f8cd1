//! The SQLite store: one file holding many dossiers, in WAL mode with foreign keys on and a busy
//! timeout. Every edit is one short transaction that touches only the part it changes.
//!
//! Opening checks, before writing anything, that the file is a SQLite database, that it is ours
//! (`application_id`) and that it is not from a newer program (`user_version`).

mod activity;
pub mod backup;
mod call_settings;
mod checks;
mod dossiers;
mod duplicate;
mod migrations;
mod snapshots;

pub use activity::ActivityEntry;
pub use call_settings::{CALL_SETTING_KEYS, CallSetting};
pub use duplicate::DuplicateKeep;
pub use snapshots::{Brought, SnapshotInfo, SnapshotKind};

pub use migrations::{APPLICATION_ID, latest as latest_schema_version};

use crate::template::{Registry, parse_template};
use crate::{CoreError, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

pub struct Store {
    conn: Connection,
    path: PathBuf,
    registry: Registry,
    /// Where every stored moment comes from (the context's clock).
    clock: crate::clock::Clock,
    /// SQLite's count of changed rows when [`Store::checkpoint_when_idle`] last looked, and
    /// whether the write-ahead log holds changes not yet in the store file.
    idle: IdleState,
}

#[derive(Default)]
struct IdleState {
    changes_seen: u64,
    unwritten: bool,
}

/// Where the store lives when nothing else is said: the file `$DOSSIER_STORE` names (`named`,
/// as the face read it), else the platform's data directory (e.g.
/// `~/.local/share/dossier-studio/dossiers.db`). The desktop app uses the same.
pub fn default_store_path(named: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = named.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(p.to_path_buf());
    }
    directories::ProjectDirs::from("cn", "DossierStudio", "dossier-studio")
        .map(|d| d.data_dir().join("dossiers.db"))
        .ok_or(CoreError::StoreNoDataDir)
}

impl Store {
    /// Opens (creating when absent) the store at `path` and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            std::fs::create_dir_all(dir).map_err(|e| CoreError::StoreUnavailable {
                path: path.clone(),
                detail: format!(
                    "无法创建目录 {}（{}）",
                    dir.display(),
                    crate::error::describe_io(&e)
                ),
            })?;
        }
        if path.is_dir() {
            return Err(CoreError::StoreUnavailable {
                path,
                detail: "这是一个目录，请指定数据文件的路径".into(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn =
            Connection::open_with_flags(&path, flags).map_err(|e| with_path(e.into(), &path))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| with_path(e.into(), &path))?;

        let (app_id, version, objects) = read_identity(&conn).map_err(|e| with_path(e, &path))?;
        if app_id != 0 && app_id != APPLICATION_ID {
            return Err(CoreError::StoreForeign { path });
        }
        if app_id == 0 && version == 0 && objects > 0 {
            return Err(CoreError::StoreForeign { path });
        }
        if version < 0 {
            return Err(CoreError::StoreCorrupt {
                path,
                detail: format!("结构版本号为 {version}，不是有效的版本号，文件可能已损坏或被改动"),
            });
        }
        if version > migrations::latest() {
            return Err(CoreError::StoreTooNew {
                path,
                found: version,
                supported: migrations::latest(),
            });
        }

        conn.pragma_update(None, "journal_mode", "WAL")
            .and_then(|_| conn.pragma_update(None, "synchronous", "FULL"))
            .and_then(|_| conn.pragma_update(None, "foreign_keys", "ON"))
            .map_err(|e| with_path(e.into(), &path))?;
        migrations::apply(&mut conn).map_err(|e| with_path(e.into(), &path))?;
        let conn_changes = conn.total_changes();

        let mut store = Store {
            conn,
            path,
            registry: Registry::embedded()?,
            clock: crate::clock::Clock::Local,
            // What opening wrote (a new store's schema, a migration) or an earlier session left
            // in the log counts as not yet in the file: the first quiet moment moves it there.
            idle: IdleState {
                changes_seen: conn_changes,
                unwritten: true,
            },
        };
        store.load_stored_templates()?;
        store.apply_stored_call_settings()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Takes its moments from `clock` from now on (the context hands its own).
    pub fn set_clock(&mut self, clock: crate::clock::Clock) {
        self.clock = clock;
    }

    /// Now, from the store's clock.
    pub(crate) fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// The templates this store knows: the embedded defaults plus those loaded into it.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Moves everything the write-ahead log holds into the store file and empties the log, so
    /// that the one file the user sees (and copies, mails or backs up) holds every dossier.
    pub fn checkpoint(&mut self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|e| self.err(e))?;
        self.idle = IdleState {
            changes_seen: self.conn.total_changes(),
            unwritten: false,
        };
        Ok(())
    }

    /// Called now and then by a face that stays open (the desktop app): checkpoints once the
    /// store has been written to and nothing more was written since the previous call, so the
    /// store file is whole shortly after the user stops typing. Returns whether it did.
    pub fn checkpoint_when_idle(&mut self) -> Result<bool> {
        let changes = self.conn.total_changes();
        if changes != self.idle.changes_seen {
            self.idle.changes_seen = changes;
            self.idle.unwritten = true;
            return Ok(false);
        }
        if !self.idle.unwritten {
            return Ok(false);
        }
        self.checkpoint()?;
        Ok(true)
    }

    /// Runs SQLite's own consistency check; `Ok(())` when it answers `ok`.
    pub fn integrity_check(&self) -> Result<()> {
        let answer: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if answer == "ok" {
            Ok(())
        } else {
            Err(CoreError::StoreCorrupt {
                path: self.path.clone(),
                detail: answer,
            })
        }
    }

    /// Loads a template file into the store, validating it first. Returns its id and version.
    pub fn load_template(
        &mut self,
        file_name: &str,
        source: &str,
    ) -> Result<crate::model::TemplateRef> {
        let template = parse_template(file_name, source)?;
        let reference = template.reference();
        self.conn
            .execute(
                "INSERT INTO templates (id, version, file_name, source, loaded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id, version) DO UPDATE SET
                   file_name = excluded.file_name, source = excluded.source,
                   loaded_at = excluded.loaded_at",
                (
                    &reference.id,
                    &reference.version,
                    file_name,
                    source,
                    stamp(self.now()),
                ),
            )
            .map_err(|e| self.err(e))?;
        self.registry.add(template);
        Ok(reference)
    }

    fn load_stored_templates(&mut self) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare("SELECT file_name, source FROM templates ORDER BY loaded_at")
            .map_err(|e| with_path(e.into(), &self.path))?;
        let rows: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| with_path(e.into(), &self.path))?;
        drop(stmt);
        for (file, source) in rows {
            let template = parse_template(&format!("数据文件中保存的模板 {file}"), &source)?;
            self.registry.add(template);
        }
        Ok(())
    }

    pub(crate) fn err(&self, e: rusqlite::Error) -> CoreError {
        with_path(e.into(), &self.path)
    }
}

impl Drop for Store {
    /// Leaves the store file whole: SQLite checkpoints when its last connection closes, but only
    /// when the close is clean; an explicit checkpoint first costs nothing when the log is empty.
    fn drop(&mut self) {
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }
}

fn read_identity(conn: &Connection) -> Result<(i32, i64, i64)> {
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok((app_id, version, objects))
}

/// Fills in the store's path on errors that came from SQLite without one.
fn with_path(err: CoreError, path: &Path) -> CoreError {
    match err {
        CoreError::StoreUnavailable { path: p, detail } if p.as_os_str().is_empty() => {
            CoreError::StoreUnavailable {
                path: path.to_path_buf(),
                detail,
            }
        }
        CoreError::StoreCorrupt { path: p, detail } if p.as_os_str().is_empty() => {
            CoreError::StoreCorrupt {
                path: path.to_path_buf(),
                detail,
            }
        }
        other => other,
    }
}

pub(crate) use crate::clock::stamp;
