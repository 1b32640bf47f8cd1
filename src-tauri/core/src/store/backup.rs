//! Backups of the whole store: a compressed copy (`VACUUM INTO`, then gzip) taken when the app
//! closes or on demand, in a `backups` folder beside the store, keeping the newest N (a setting
//! of the store, 10 unless changed). Restoring checks the copy is a sound store of ours, keeps
//! the present store as one more backup, and only then puts the copy in its place.

use super::Store;
use crate::{CoreError, Result, fsutil};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// How many backups are kept when the store says nothing else.
pub const DEFAULT_KEEP: u32 = 10;

/// One backup file.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct BackupInfo {
    #[ts(type = "string")]
    pub path: PathBuf,
    pub bytes: u64,
    /// From the file name: `2026-11-28 04:25:07` (UTC).
    pub taken_at: String,
}

/// The backups folder of a store: `backups/` beside it.
pub fn backup_dir(store_path: &Path) -> PathBuf {
    store_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

fn io(path: &Path, e: std::io::Error) -> CoreError {
    CoreError::Io {
        path: path.to_path_buf(),
        detail: crate::error::describe_io(&e),
    }
}

/// The backups of a store, newest first.
pub fn list(store_path: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backup_dir(store_path);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut out: Vec<BackupInfo> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stamp = name.strip_prefix("dossiers-")?.strip_suffix(".db.gz")?;
            let t = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S%.3f").ok()?;
            Some(BackupInfo {
                bytes: e.metadata().ok()?.len(),
                path: e.path(),
                taken_at: t.format("%Y-%m-%d %H:%M:%S").to_string(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.path.cmp(&a.path));
    Ok(out)
}

impl Store {
    /// How many backups to keep (the `backup.keep` setting of this store).
    pub fn backup_keep(&self) -> u32 {
        self.call_settings()
            .into_iter()
            .find(|s| s.key == "backup.keep")
            .and_then(|s| s.value.parse().ok())
            .unwrap_or(DEFAULT_KEEP)
    }

    /// Writes a compressed copy of the whole store into the backups folder and removes the
    /// oldest beyond [`Store::backup_keep`]. Returns the new file.
    pub fn backup(&self) -> Result<PathBuf> {
        let dir = backup_dir(&self.path);
        std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
        let stamp = self.now().format("%Y%m%d-%H%M%S%.3f");
        let raw = dir.join(format!(".dossiers-{stamp}.db.tmp"));
        let _ = std::fs::remove_file(&raw);
        // The copy is removed whatever happens (a full disk stops VACUUM INTO half way).
        let copied = self
            .conn
            .execute("VACUUM INTO ?1", [raw.to_string_lossy()])
            .map_err(|e| self.err(e))
            .and_then(|_| std::fs::read(&raw).map_err(|e| io(&raw, e)));
        let _ = std::fs::remove_file(&raw);
        let data = copied?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
        gz.write_all(&data)
            .and_then(|_| gz.try_finish())
            .map_err(|e| io(&dir, e))?;
        let target = dir.join(format!("dossiers-{stamp}.db.gz"));
        fsutil::write_atomic(&target, &gz.finish().map_err(|e| io(&dir, e))?)?;
        for old in list(&self.path)?
            .into_iter()
            .skip(self.backup_keep() as usize)
        {
            let _ = std::fs::remove_file(old.path);
        }
        Ok(target)
    }
}

/// Puts a backup in place of the store at `store_path`. The backup is inflated into a
/// candidate file beside the backups — never more than the size the SQLite file inside says it
/// has, so a crafted file cannot fill the disk — and opened and checked there (it must be a sound
/// store of this program); the present store is kept as one more backup; only then is the
/// candidate renamed into place. Call with no store open on that path.
pub fn restore(store_path: &Path, backup: &Path) -> Result<PathBuf> {
    let not_ours = |why: &str| {
        CoreError::input(
            backup.display().to_string(),
            format!("不是申报书工作台的备份文件（{why}）"),
        )
    };
    let file = std::fs::File::open(backup).map_err(|e| io(backup, e))?;
    let mut gz = flate2::read::GzDecoder::new(std::io::BufReader::new(file));
    // SQLite's header says how big the file is: page size × page count.
    let mut header = [0u8; 100];
    gz.read_exact(&mut header)
        .map_err(|_| not_ours("无法解压，或内容太短"))?;
    if &header[..16] != b"SQLite format 3\0" {
        return Err(not_ours("解压后不是 SQLite 数据文件"));
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536u64,
        n => n as u64,
    };
    let pages = u32::from_be_bytes([header[28], header[29], header[30], header[31]]) as u64;
    let expected = page_size * pages;
    if !page_size.is_power_of_two() || page_size < 512 || pages == 0 {
        return Err(not_ours("SQLite 文件头已损坏"));
    }
    let application_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if application_id != super::APPLICATION_ID {
        return Err(not_ours("其中的数据文件不是申报书工作台的"));
    }
    let dir = backup_dir(store_path);
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    let candidate = dir.join(".restore-candidate.db");
    let remove_candidate = || {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(dir.join(format!(".restore-candidate.db{suffix}")));
        }
    };
    remove_candidate();
    let written = (|| -> Result<u64> {
        let mut out = std::fs::File::create(&candidate).map_err(|e| io(&candidate, e))?;
        out.write_all(&header).map_err(|e| io(&candidate, e))?;
        let copied = std::io::copy(&mut (&mut gz).take(expected), &mut out)
            .map_err(|_| not_ours("无法解压"))?;
        // Anything past the size the header gives is not a store of ours.
        let mut probe = [0u8; 1];
        if gz.read(&mut probe).map_err(|_| not_ours("无法解压"))? > 0 {
            return Err(not_ours("解压后的内容比 SQLite 文件头所说的更长"));
        }
        out.sync_all().map_err(|e| io(&candidate, e))?;
        Ok(copied + header.len() as u64)
    })();
    let checked = written.and_then(|_| Store::open(&candidate)?.integrity_check());
    if let Err(e) = checked {
        remove_candidate();
        return Err(match e {
            e @ CoreError::InvalidInput { .. } => e,
            e => CoreError::input(
                backup.display().to_string(),
                format!("备份文件不能使用：{e}"),
            ),
        });
    }
    let before = if store_path.exists() {
        match Store::open(store_path).and_then(|s| s.backup()) {
            Ok(b) => Some(b),
            Err(e) => {
                remove_candidate();
                return Err(e);
            }
        }
    } else {
        None
    };
    for suffix in ["-wal", "-shm"] {
        let mut p = store_path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    std::fs::rename(&candidate, store_path).map_err(|e| {
        remove_candidate();
        io(store_path, e)
    })?;
    Ok(before.unwrap_or_default())
}
