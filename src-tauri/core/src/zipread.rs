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

/// One entry of the central directory as written: its name (the raw bytes, never an extra
/// field's other name) and where its local header is.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub name: String,
    pub offset: u64,
}

/// The central directory's entries, in order, duplicates kept. The end record must be the one
/// record whose comment ends exactly where the file ends: a second such record (a decoy hidden
/// in the comment, which some readers would take and others not) makes the package ambiguous,
/// and it is refused.
pub fn central_directory(bytes: &[u8]) -> Result<Vec<Listed>, Refusal> {
    const EOCD: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    const CDFH: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];
    let bad = || "文件不是有效的 ZIP 包（找不到目录）".to_string();
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
    // The end record is within the last 64 KiB + 22 bytes (its comment is at most 64 KiB).
    let from = bytes.len().saturating_sub(22 + 65_535);
    let ends: Vec<usize> = (from..bytes.len().saturating_sub(21))
        .rev()
        .filter(|&i| bytes[i..i + 4] == EOCD)
        .filter(|&i| u16_at(i + 20).is_some_and(|c| i + 22 + c == bytes.len()))
        .collect();
    let at = match ends.as_slice() {
        [] => return Err(bad()),
        [at] => *at,
        _ => {
            return Err(
                "文件的 ZIP 目录有两种读法（注释中藏有另一个目录结尾），可能是恶意构造的压缩包"
                    .into(),
            );
        }
    };
    let count = u16_at(at + 10).ok_or_else(bad)?;
    let mut pos = u32_at(at + 16).ok_or_else(bad)?;
    let mut entries = Vec::with_capacity(count.min(4096));
    for _ in 0..count {
        if bytes.get(pos..pos + 4) != Some(&CDFH[..]) {
            return Err(bad());
        }
        let name_len = u16_at(pos + 28).ok_or_else(bad)?;
        let extra_len = u16_at(pos + 30).ok_or_else(bad)?;
        let comment_len = u16_at(pos + 32).ok_or_else(bad)?;
        let offset = u32_at(pos + 42).ok_or_else(bad)? as u64;
        let name = bytes.get(pos + 46..pos + 46 + name_len).ok_or_else(bad)?;
        entries.push(Listed {
            name: String::from_utf8_lossy(name).into_owned(),
            offset,
        });
        pos += 46 + name_len + extra_len + comment_len;
    }
    Ok(entries)
}

/// A reader over the package's bytes that counts how many it has handed out, so an entry's
/// expansion ratio is measured against the compressed bytes really read, not against the size
/// its header claims.
struct Counted<'a> {
    inner: std::io::Cursor<&'a [u8]>,
    read: std::rc::Rc<std::cell::Cell<u64>>,
}

impl Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

impl std::io::Seek for Counted<'_> {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

/// Every entry of the package as (name, bytes), checked against `limits` and `allowed` (a
/// name the format has; `kind` names the format in messages, e.g. 申报书包). Refuses absolute
/// paths, `..`, links, folders, unknown names, an entry listed twice, an entry or a total past
/// its limit, a suspicious expansion ratio, and a package that the inflating reader sees
/// otherwise than its central directory says (another end record, another name from an extra
/// field, another offset): every reader of the file must see the same entries.
pub fn read_all(
    bytes: &[u8],
    kind: &str,
    limits: Limits,
    allowed: &dyn Fn(&str) -> bool,
) -> Result<Vec<(String, Vec<u8>)>, Refusal> {
    let listed = central_directory(bytes)?;
    if listed.len() > limits.max_entries {
        return Err(format!(
            "包含 {} 个文件，超过上限 {}",
            listed.len(),
            limits.max_entries
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for entry in &listed {
        if !seen.insert(entry.name.as_str()) {
            let shown: String = entry.name.chars().take(80).collect();
            return Err(format!("包内文件“{shown}”出现了两次"));
        }
    }
    let counter = std::rc::Rc::new(std::cell::Cell::new(0u64));
    let reader = Counted {
        inner: std::io::Cursor::new(bytes),
        read: counter.clone(),
    };
    let mut zip =
        zip::ZipArchive::new(reader).map_err(|e| format!("文件不是有效的 ZIP 包（{e}）"))?;
    let ambiguous = || "文件的 ZIP 目录有两种读法，可能是恶意构造的压缩包".to_string();
    if zip.len() != listed.len() {
        return Err(ambiguous());
    }
    let mut contents: Vec<(String, Vec<u8>)> = Vec::new();
    let mut total: u64 = 0;
    for (i, listed) in listed.iter().enumerate() {
        counter.set(0);
        let mut entry = zip
            .by_index(i)
            .map_err(|e| format!("第 {} 个文件无法读取（{e}）", i + 1))?;
        // The same entry for both readers: the name written in the directory (not one from an
        // Info-ZIP Unicode Path field) at the offset written there.
        if entry.name() != listed.name || entry.header_start() != listed.offset {
            return Err(ambiguous());
        }
        let name = listed.name.clone();
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
        // as soon as the ratio to the compressed bytes read so far is past what any honest
        // file has.
        let limit = limits
            .max_entry_bytes
            .min(limits.max_total_bytes.saturating_sub(total));
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
            if len > 1024 * 1024 && len / counter.get().max(1) > limits.max_ratio {
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
        let names: Vec<String> = central_directory(&z)
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["a.json", "b/c.json"]);
        assert!(central_directory(b"not a zip").is_err());
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
        let names: Vec<String> = central_directory(&z)
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["a.json", "a.json"]);
        let err = read_all(&z, "测试包", LIMITS, &|_| true).unwrap_err();
        assert!(err.contains("出现了两次"), "{err}");
    }

    /// 48 MB of zeros deflated into one entry (a few tens of KB).
    fn bomb() -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("a.json", o).unwrap();
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..48 {
            w.write_all(&zeros).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn a_bomb_is_stopped_early_by_its_ratio() {
        let z = bomb();
        assert!(z.len() < 200 * 1024, "{}", z.len());
        let err = read_all(&z, "测试包", LIMITS, &|_| true).unwrap_err();
        assert!(err.contains("压缩比异常"), "{err}");
    }

    /// CRC-32 (IEEE), for packages written by hand below.
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= b as u32;
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    /// A stored (uncompressed) package written byte by byte: each entry (name, data, extra
    /// field), then the central directory, then `tail` (end records) as given.
    fn raw_zip(entries: &[(&str, &[u8], Vec<u8>)]) -> (Vec<u8>, Vec<u8>) {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, data, extra) in entries {
            let offset = out.len() as u32;
            let crc = crc32(data);
            let fixed = |sig: u32, v: &mut Vec<u8>| {
                v.extend(sig.to_le_bytes());
                if sig == 0x0201_4b50 {
                    v.extend(20u16.to_le_bytes());
                }
                v.extend(20u16.to_le_bytes());
                v.extend(0x0800u16.to_le_bytes());
                v.extend(0u16.to_le_bytes());
                v.extend(0u32.to_le_bytes());
                v.extend(crc.to_le_bytes());
                v.extend((data.len() as u32).to_le_bytes());
                v.extend((data.len() as u32).to_le_bytes());
                v.extend((name.len() as u16).to_le_bytes());
                v.extend((extra.len() as u16).to_le_bytes());
            };
            fixed(0x0403_4b50, &mut out);
            out.extend(name.as_bytes());
            out.extend(extra);
            out.extend(*data);
            fixed(0x0201_4b50, &mut central);
            central.extend([0u8; 10]);
            central.extend(offset.to_le_bytes());
            central.extend(name.as_bytes());
            central.extend(extra);
        }
        (out, central)
    }

    fn end_record(count: u16, cd_size: usize, cd_offset: usize, comment: &[u8]) -> Vec<u8> {
        let mut v = vec![0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0];
        v.extend(count.to_le_bytes());
        v.extend(count.to_le_bytes());
        v.extend((cd_size as u32).to_le_bytes());
        v.extend((cd_offset as u32).to_le_bytes());
        v.extend((comment.len() as u16).to_le_bytes());
        v.extend(comment);
        v
    }

    #[test]
    fn a_hand_written_package_reads() {
        let (mut z, central) = raw_zip(&[("a.json", b"A", vec![]), ("b.json", b"B", vec![])]);
        let at = z.len();
        z.extend(&central);
        z.extend(end_record(2, central.len(), at, b""));
        let got = read_all(&z, "测试包", LIMITS, &|_| true).unwrap();
        assert_eq!(
            got,
            [
                ("a.json".into(), b"A".to_vec()),
                ("b.json".into(), b"B".to_vec())
            ]
        );
    }

    #[test]
    fn a_unicode_path_field_cannot_rename_an_entry() {
        // The second entry is b.json in its header and a.json in its Info-ZIP Unicode Path
        // field: the raw names differ, the inflating reader would see a.json twice.
        let mut field = vec![0x75, 0x70];
        let body: Vec<u8> = [&[1u8][..], &crc32(b"b.json").to_le_bytes(), b"a.json"].concat();
        field.extend((body.len() as u16).to_le_bytes());
        field.extend(body);
        let (mut z, central) =
            raw_zip(&[("a.json", b"honest", vec![]), ("b.json", b"forged", field)]);
        let at = z.len();
        z.extend(&central);
        z.extend(end_record(2, central.len(), at, b""));
        let err = read_all(&z, "测试包", LIMITS, &|_| true).unwrap_err();
        assert!(err.contains("两种读法"), "{err}");
    }

    #[test]
    fn a_decoy_end_record_in_the_comment_is_refused() {
        // Entries A and B; the real end record lists A, and its comment is a second end record
        // listing B that also ends at the end of the file.
        let (mut z, central_a) = raw_zip(&[("a.json", b"dossier A", vec![])]);
        let (b_local, central_b) = raw_zip(&[("a.json", b"dossier B", vec![])]);
        let b_at = z.len();
        z.extend(&b_local);
        // B's central entry points at its local header's real place.
        let mut central_b = central_b;
        central_b[42..46].copy_from_slice(&(b_at as u32).to_le_bytes());
        let a_cd = z.len();
        z.extend(&central_a);
        let b_cd = z.len();
        z.extend(&central_b);
        let decoy = end_record(1, central_b.len(), b_cd, b"");
        z.extend(end_record(1, central_a.len(), a_cd, &decoy));
        let err = read_all(&z, "测试包", LIMITS, &|_| true).unwrap_err();
        assert!(err.contains("两种读法"), "{err}");
    }

    #[test]
    fn the_ratio_counts_bytes_read_not_the_size_a_header_claims() {
        let mut z = bomb();
        // The central directory claims 40 MB compressed: by that figure the ratio looks honest.
        let cd = z
            .windows(4)
            .position(|w| w == [0x50, 0x4b, 0x01, 0x02])
            .unwrap();
        z[cd + 20..cd + 24].copy_from_slice(&(40u32 * 1024 * 1024).to_le_bytes());
        let err = read_all(&z, "测试包", LIMITS, &|_| true).unwrap_err();
        assert!(err.contains("压缩比异常"), "{err}");
    }
}
