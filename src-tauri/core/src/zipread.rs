//! Reading ZIP packages we did not write (bundles; later, Word files) without trusting them: the
//! central directory is read first, by hand, so that an entry listed twice is seen (the `zip`
//! crate keeps only one of two entries with the same name, and would read the last); then every
//! entry is inflated in chunks, stopping at once when it passes its size limit or an expansion
//! ratio no honest file has, so a small bomb costs little memory. Written here because no
//! reader crate refuses duplicates; `zip` does the inflating.

use std::io::Read;

/// The limits a caller sets.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_entries: usize,
    pub max_entry_bytes: u64,
    pub max_total_bytes: u64,
    /// Uncompressed ÷ compressed above which an entry (past 1 MB) is refused.
    pub max_ratio: u64,
    /// Folder entries are passed over (Word and WPS write them) instead of refused.
    pub skip_folders: bool,
}

/// Why a package was refused, in Chinese (the caller adds the file's name).
pub type Refusal = String;

/// The names of the central directory's entries, in order, duplicates kept.
pub fn central_names(bytes: &[u8]) -> Result<Vec<String>, Refusal> {
    const EOCD: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    const CDFH: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];
    let bad = || "文件不是有效的 ZIP 包（找不到目录）".to_string();
    // The end record is within the last 64 KiB + 22 bytes (its comment is at most 64 KiB).
    let from = bytes.len().saturating_sub(22 + 65_535);
    let at = (from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..i + 4] == EOCD)
        .ok_or_else(bad)?;
    let u16_at = |i: usize| -> Option<usize> {
        bytes
            .get(i..i + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize)
    };
    let u32_at = |i: usize| -> Option<usize> {
        bytes
            .get(i..i + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let count = u16_at(at + 10).ok_or_else(bad)?;
    let mut pos = u32_at(at + 16).ok_or_else(bad)?;
    let mut names = Vec::with_capacity(count.min(4096));
    for _ in 0..count {
        if bytes.get(pos..pos + 4) != Some(&CDFH[..]) {
            return Err(bad());
        }
        let name_len = u16_at(pos + 28).ok_or_else(bad)?;
        let extra_len = u16_at(pos + 30).ok_or_else(bad)?;
        let comment_len = u16_at(pos + 32).ok_or_else(bad)?;
        let name = bytes.get(pos + 46..pos + 46 + name_len).ok_or_else(bad)?;
        names.push(String::from_utf8_lossy(name).into_owned());
        pos += 46 + name_len + extra_len + comment_len;
    }
    Ok(names)
}

/// Every entry of the package as (name, bytes), checked against `limits` and `allowed` (a
/// name the format has; `kind` names the format in messages, e.g. 申报书包). Refuses absolute paths, `..`, links, folders, unknown names, an entry
/// listed twice, an entry or a total past its limit, and a suspicious expansion ratio.
pub fn read_all(
    bytes: &[u8],
    kind: &str,
    limits: Limits,
    allowed: &dyn Fn(&str) -> bool,
) -> Result<Vec<(String, Vec<u8>)>, Refusal> {
    let names = central_names(bytes)?;
    if names.len() > limits.max_entries {
        return Err(format!(
            "包含 {} 个文件，超过上限 {}",
            names.len(),
            limits.max_entries
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for name in &names {
        if !seen.insert(name.as_str()) {
            let shown: String = name.chars().take(80).collect();
            return Err(format!("包内文件“{shown}”出现了两次"));
        }
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("文件不是有效的 ZIP 包（{e}）"))?;
    let mut contents: Vec<(String, Vec<u8>)> = Vec::new();
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| format!("第 {} 个文件无法读取（{e}）", i + 1))?;
        let name = entry.name().to_string();
        let shown: String = name.chars().take(80).collect();
        if name.starts_with('/') || name.starts_with('\\') || name.contains(':') {
            return Err(format!("包内文件“{shown}”使用了绝对路径"));
        }
        if name.split(['/', '\\']).any(|part| part == "..") {
            return Err(format!("包内文件“{shown}”的路径指向包外（..）"));
        }
        if entry.is_symlink() {
            return Err(format!("包内文件“{shown}”是链接"));
        }
        if entry.is_dir() && limits.skip_folders {
            continue;
        }
        if entry.is_dir() || !allowed(&name) {
            return Err(format!("包内有不属于{kind}的文件“{shown}”"));
        }
        // Sizes from the headers are not believed: inflated in chunks, stopped at the limit or
        // as soon as the ratio to the compressed size is past what any honest file has.
        let limit = limits
            .max_entry_bytes
            .min(limits.max_total_bytes.saturating_sub(total));
        let compressed = entry.compressed_size().max(1);
        let mut data = Vec::new();
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let n = entry
                .read(&mut chunk)
                .map_err(|e| format!("包内文件“{shown}”已损坏（{e}）"))?;
            if n == 0 {
                break;
            }
            data.extend_from_slice(&chunk[..n]);
            let len = data.len() as u64;
            if len > limit {
                return Err(format!(
                    "包内文件“{shown}”解压后超过 {} MB",
                    limit / 1024 / 1024
                ));
            }
            if len > 1024 * 1024 && len / compressed > limits.max_ratio {
                return Err(format!(
                    "包内文件“{shown}”压缩比异常（超过 {}:1），可能是恶意构造的压缩包",
                    limits.max_ratio
                ));
            }
        }
        total += data.len() as u64;
        contents.push((name, data));
    }
    Ok(contents)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default();
        for (name, data) in entries {
            w.start_file(*name, o).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    const LIMITS: Limits = Limits {
        skip_folders: false,
        max_entries: 10,
        max_entry_bytes: 64 * 1024 * 1024,
        max_total_bytes: 128 * 1024 * 1024,
        max_ratio: 100,
    };

    #[test]
    fn names_come_from_the_central_directory_in_order() {
        let z = zip_of(&[("a.json", b"1"), ("b/c.json", b"22")]);
        assert_eq!(central_names(&z).unwrap(), ["a.json", "b/c.json"]);
        assert!(central_names(b"not a zip").is_err());
    }

    #[test]
    fn an_entry_listed_twice_is_refused() {
        // Two entries named a.json: rename the second entry's name in place (b → a).
        let mut z = zip_of(&[("a.json", b"first"), ("b.json", b"second")]);
        let mut i = 0;
        while i + 6 <= z.len() {
            if &z[i..i + 6] == b"b.json" {
                z[i] = b'a';
            }
            i += 1;
        }
        assert_eq!(central_names(&z).unwrap(), ["a.json", "a.json"]);
        let err = read_all(&z, "测试包", LIMITS, &|_| true).unwrap_err();
        assert!(err.contains("出现了两次"), "{err}");
    }

    #[test]
    fn a_bomb_is_stopped_early_by_its_ratio() {
        let z = {
            let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            let o = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            w.start_file("a.json", o).unwrap();
            let zeros = vec![0u8; 1024 * 1024];
            for _ in 0..48 {
                w.write_all(&zeros).unwrap();
            }
            w.finish().unwrap().into_inner()
        };
        assert!(z.len() < 200 * 1024, "{}", z.len());
        let err = read_all(&z, "测试包", LIMITS, &|_| true).unwrap_err();
        assert!(err.contains("压缩比异常"), "{err}");
    }
}
