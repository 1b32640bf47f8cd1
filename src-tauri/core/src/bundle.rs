//! One-file bundles for handing a dossier to another laptop or a reviewer: a ZIP holding
//! `manifest.json` (format, version, template, what is inside and each entry's SHA-256),
//! `dossier.json` (the interchange form, files included) and optionally `snapshots/NNNN.json`.
//! The format is documented in `src-tauri/core/BUNDLE.md`.
//!
//! Reading trusts nothing in the file: only the known entry names are accepted (no paths, no
//! `..`, no links, no folders), sizes are limited while reading (the headers' sizes are not
//! believed), highly compressed entries are refused (zip bombs), every entry must match its
//! checksum, and a newer format version is refused. All of it is checked before anything is
//! written to a store.

use crate::model::{Dossier, TemplateRef};
use crate::store::{SnapshotKind, Store};
use crate::{CoreError, Result, interchange};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Write;

pub const FORMAT: &str = "dossier-studio/bundle";
pub const FORMAT_VERSION: u32 = 1;
/// The file extension bundles are written with.
pub const EXTENSION: &str = "dossier";

/// Largest entry accepted (a dossier with its scans, as JSON with Base64).
pub const MAX_ENTRY_BYTES: u64 = 256 * 1024 * 1024;
/// Largest total accepted.
pub const MAX_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;
/// Most entries accepted (manifest, dossier, snapshots).
pub const MAX_ENTRIES: usize = 2_002;
/// Entries above 1 MiB may expand at most this many times (JSON with Base64 expands ~1.5×,
/// plain JSON ~10×; a zip bomb thousands of times).
pub const MAX_RATIO: u64 = 100;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub created_at: String,
    pub program: String,
    pub template: TemplateRef,
    pub title: String,
    pub applicant: String,
    /// Every other entry with its size and SHA-256 (hex).
    pub entries: Vec<ManifestEntry>,
    #[serde(default)]
    pub snapshots: Vec<BundledSnapshot>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    pub name: String,
    pub bytes: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BundledSnapshot {
    pub file: String,
    pub name: String,
    pub kind: SnapshotKind,
    pub created_at: String,
}

/// A bundle read and verified, not yet stored anywhere.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub manifest: Manifest,
    pub dossier: Dossier,
    pub snapshots: Vec<(BundledSnapshot, Dossier)>,
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn refuse(file: &str, detail: impl Into<String>) -> CoreError {
    CoreError::input(file, format!("不是可以导入的申报书包：{}", detail.into()))
}

/// Writes a dossier (and, when asked, its snapshots) as bundle bytes.
pub fn write(store: &Store, id: i64, with_snapshots: bool) -> Result<Vec<u8>> {
    let record = store.load(id)?;
    let mut snapshots = Vec::new();
    if with_snapshots {
        // Oldest first, numbered in that order.
        for (n, info) in store.snapshots(id)?.into_iter().rev().enumerate() {
            snapshots.push((
                BundledSnapshot {
                    file: format!("snapshots/{:04}.json", n + 1),
                    name: info.name,
                    kind: info.kind,
                    created_at: info.created_at,
                },
                store.snapshot(id, info.id)?,
            ));
        }
    }
    write_dossier(&record.dossier, &snapshots, store.now())
}

/// Writes a dossier and the given snapshots as bundle bytes, made at `created_at`.
pub fn write_dossier(
    d: &Dossier,
    snapshots: &[(BundledSnapshot, Dossier)],
    created_at: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<u8>> {
    let mut files: Vec<(String, Vec<u8>)> =
        vec![("dossier.json".into(), interchange::to_json(d).into_bytes())];
    for (meta, snapshot) in snapshots {
        files.push((
            meta.file.clone(),
            interchange::to_json(snapshot).into_bytes(),
        ));
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        version: FORMAT_VERSION,
        created_at: created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        program: format!("申报书工作台 {}", env!("CARGO_PKG_VERSION")),
        template: d.template.clone(),
        title: d.title.clone(),
        applicant: d.front_matter.applicant.name.clone(),
        entries: files
            .iter()
            .map(|(name, bytes)| ManifestEntry {
                name: name.clone(),
                bytes: bytes.len() as u64,
                sha256: hex_sha256(bytes),
            })
            .collect(),
        snapshots: snapshots.iter().map(|(meta, _)| meta.clone()).collect(),
    };
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .large_file(false);
    let manifest_json = serde_json::to_vec_pretty(&manifest).expect("plain data serialises");
    let io = |e: std::io::Error| CoreError::Internal(format!("写申报书包时出错：{e}"));
    let zerr = |e: zip::result::ZipError| CoreError::Internal(format!("写申报书包时出错：{e}"));
    zip.start_file("manifest.json", options).map_err(zerr)?;
    zip.write_all(&manifest_json).map_err(io)?;
    for (name, bytes) in &files {
        zip.start_file(name.as_str(), options).map_err(zerr)?;
        zip.write_all(bytes).map_err(io)?;
    }
    Ok(zip.finish().map_err(zerr)?.into_inner())
}

/// Is `name` one the format has: `manifest.json`, `dossier.json`, `snapshots/NNNN.json`?
fn known_name(name: &str) -> bool {
    name == "manifest.json"
        || name == "dossier.json"
        || name
            .strip_prefix("snapshots/")
            .and_then(|n| n.strip_suffix(".json"))
            .is_some_and(|n| n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Reads and verifies a bundle. `file` names it in messages.
pub fn read(file: &str, bytes: &[u8]) -> Result<Bundle> {
    let limits = crate::zipread::Limits {
        max_entries: MAX_ENTRIES,
        max_entry_bytes: MAX_ENTRY_BYTES,
        max_total_bytes: MAX_TOTAL_BYTES,
        max_ratio: MAX_RATIO,
        skip_folders: false,
    };
    let contents = crate::zipread::read_all(bytes, "申报书包", limits, &known_name)
        .map_err(|m| refuse(file, m))?;
    let take = |name: &str| contents.iter().find(|(n, _)| n == name).map(|(_, d)| d);
    let manifest_bytes = take("manifest.json").ok_or_else(|| refuse(file, "缺少 manifest.json"))?;
    let manifest_value: serde_json::Value = serde_json::from_slice(manifest_bytes)
        .map_err(|e| refuse(file, format!("manifest.json 不是有效的 JSON（{e}）")))?;
    if manifest_value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(refuse(file, "manifest.json 不是申报书工作台的包说明"));
    }
    let version = manifest_value
        .get("version")
        .and_then(|v| v.as_u64())
        .unwrap_or(0);
    if version > u64::from(FORMAT_VERSION) {
        return Err(refuse(
            file,
            format!(
                "它由更新版本的程序生成（包格式第 {version} 版，本程序支持到第 {FORMAT_VERSION} 版），请先升级程序"
            ),
        ));
    }
    let manifest: Manifest = serde_json::from_value(manifest_value)
        .map_err(|e| refuse(file, format!("manifest.json 的内容不完整（{e}）")))?;
    for (name, _) in &contents {
        if name != "manifest.json" && !manifest.entries.iter().any(|e| e.name == *name) {
            return Err(refuse(file, format!("包内文件“{name}”未在说明中登记")));
        }
    }
    let verified = |name: &str| -> Result<&Vec<u8>> {
        let listed = manifest
            .entries
            .iter()
            .find(|e| e.name == name)
            .ok_or_else(|| refuse(file, format!("说明中没有登记 {name}")))?;
        let data = take(name).ok_or_else(|| refuse(file, format!("缺少 {name}")))?;
        if data.len() as u64 != listed.bytes || hex_sha256(data) != listed.sha256 {
            return Err(refuse(
                file,
                format!("{name} 的校验和不符，文件在传递中被改动或损坏"),
            ));
        }
        Ok(data)
    };
    let text = |name: &str, data: &[u8]| -> Result<String> {
        String::from_utf8(data.to_vec())
            .map_err(|_| refuse(file, format!("{name} 不是 UTF-8 文本")))
    };
    let dossier_bytes = verified("dossier.json")?;
    let dossier_name = format!("{file} › dossier.json");
    let dossier = interchange::from_json(&dossier_name, &text("dossier.json", dossier_bytes)?)?;
    interchange::check_incoming(&dossier_name, &dossier)?;
    let mut snapshots = Vec::new();
    for s in &manifest.snapshots {
        crate::text::check("快照名称", &s.name)?;
        let data = verified(&s.file)?;
        let d = interchange::from_json(&format!("{file} › {}", s.file), &text(&s.file, data)?)?;
        snapshots.push((s.clone(), d));
    }
    for e in &manifest.entries {
        verified(&e.name)?;
    }
    Ok(Bundle {
        manifest,
        dossier,
        snapshots,
    })
}

/// Stores a verified bundle as a new dossier with its snapshots; returns the new id. When a
/// snapshot cannot be stored, the new dossier is removed again: all or nothing.
pub fn import_new(store: &mut Store, bundle: &Bundle) -> Result<i64> {
    store.write_with_snapshots(None, &bundle.dossier, &brought(bundle))
}

/// The bundle's snapshots as the store keeps them.
fn brought(bundle: &Bundle) -> Vec<crate::store::Brought<'_>> {
    bundle
        .snapshots
        .iter()
        .map(|(meta, d)| crate::store::Brought {
            name: &meta.name,
            kind: meta.kind,
            created_at: &meta.created_at,
            content: d,
        })
        .collect()
}

/// Replaces dossier `id` with the bundle's content, after a snapshot of the present (so it can
/// be undone); the bundle's snapshots are added. Returns the safety snapshot's id.
pub fn import_replacing(store: &mut Store, id: i64, bundle: &Bundle) -> Result<i64> {
    store.load(id)?;
    let safety = store.take_snapshot(id, "导入申报书包之前", SnapshotKind::Restore)?;
    store.write_with_snapshots(Some(id), &bundle.dossier, &brought(bundle))?;
    Ok(safety)
}
