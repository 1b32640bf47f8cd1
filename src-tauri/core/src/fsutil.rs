//! Writing files so that a reader never sees half of one: write a temporary file beside the
//! target, flush it to disk, then rename it over the target. Each writer's temporary file has a
//! name of its own (process and sequence number), so two exports into one folder never touch
//! each other's; temporary files a killed writer left behind (its process gone) are removed by
//! the next write to the same target.

use crate::{CoreError, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically. On failure the target is untouched and the temporary
/// file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| CoreError::input(path.display().to_string(), "这不是文件路径"))?;
    let prefix = format!(".{}.", name.to_string_lossy());
    // Temporary files of writers killed before they could rename are cleared first; those of
    // writers still running (this process's other exports, another process's) are left alone.
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            let writer = n
                .strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(".tmp"))
                .and_then(|rest| rest.split('-').next())
                .and_then(|pid| pid.parse::<u32>().ok());
            if writer.is_some_and(|pid| !process_alive(pid)) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    static SEQUENCE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let seq = SEQUENCE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!("{prefix}{}-{seq}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        CoreError::io(path, e)
    })
}

/// How many bytes of a file name may come from the user's text: Linux and macOS allow 255
/// bytes in a name; the rest is left for what the program adds (（草稿）, -纸质版一式三份,
/// -导出报告.json …).
pub const MAX_NAME_PART_BYTES: usize = 150;

/// Text the user typed (a title, an applicant) made fit to stand in a file name: no characters
/// file systems refuse (`/ \\ : * ? " < > |`), no control characters, none that are invisible
/// or turn text around (zero-width spaces and joiners, bidirectional marks and overrides: a name
/// could otherwise show `…exe.pdf` as `…fdp.exe`), trimmed. See [`name_part`] for the length.
pub fn clean_name(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|c| {
            !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
                && !c.is_control()
                && !is_invisible_or_bidi(*c)
        })
        .collect();
    kept.trim_matches(|c: char| c == '-' || c == '.' || c.is_whitespace())
        .to_string()
}

/// [`clean_name`], cut at a character boundary to at most [`MAX_NAME_PART_BYTES`] bytes.
pub fn name_part(text: &str) -> String {
    let clean = clean_name(text);
    let mut end = 0;
    for (i, c) in clean.char_indices() {
        if i + c.len_utf8() > MAX_NAME_PART_BYTES {
            break;
        }
        end = i + c.len_utf8();
    }
    clean[..end]
        .trim_end_matches(|c: char| c == '-' || c == '.' || c.is_whitespace())
        .to_string()
}

/// Zero-width characters, bidirectional marks, embeddings, overrides and isolates, the BOM.
fn is_invisible_or_bidi(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}' | '\u{00AD}')
}

/// Whether process `pid` is running: this process always; others by `/proc` where there is one.
/// Elsewhere every writer counts as running, and its leftovers stay (hidden files, never read).
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_invisible_and_reversing_characters_and_are_capped() {
        assert_eq!(name_part("某\u{202E}fdp.exe\u{200B}项目"), "某fdp.exe项目");
        assert_eq!(name_part(" ../a:b*c? "), "abc");
        let long = "可信数据空间".repeat(30);
        let cut = name_part(&long);
        assert!(cut.len() <= MAX_NAME_PART_BYTES, "{}", cut.len());
        assert!(long.starts_with(&cut) && !cut.is_empty());
    }

    #[test]
    fn leftovers_of_dead_writers_go_and_live_writers_keep_theirs() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("申报书.pdf");
        // A dead writer's (no process has id 4 000 000 000 here) and a running one's (ours).
        let dead = dir.path().join(".申报书.pdf.4000000000-0.tmp");
        let live = dir
            .path()
            .join(format!(".申报书.pdf.{}-999.tmp", std::process::id()));
        std::fs::write(&dead, b"half").unwrap();
        std::fs::write(&live, b"in progress").unwrap();
        write_atomic(&target, b"whole").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"whole");
        assert!(!dead.exists(), "a dead writer's temporary file stayed");
        assert!(
            live.exists(),
            "a running writer's temporary file was removed"
        );
    }
}
