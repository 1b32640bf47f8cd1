//! The recommending unit's submission package: one folder holding, per dossier, the electronic
//! copy named `推荐意向序号-试点名称-试点类型-申报单位` and its print pack (纸质版一式三份); the
//! summary table (Word and spreadsheet), the mailing sheet, the checklist of what paper cannot
//! check; and a disc image (ISO 9660 with Joliet, Chinese names intact) of the electronic copies,
//! since the form asks for the electronic copy on disc (申报须知 三).
//!
//! The disc image is written with `hadris-iso` (pure Rust, ISO 9660 + Joliet writer; no burning
//! tool needed on the user's machine). Everything is written into a hidden folder beside the
//! destination and renamed into place at the end: a full disk or a refused name leaves no
//! partial package.

use crate::export::{ExportFormat, ExportRequest};
use crate::fonts::ShippedFonts;
use crate::store::Store;
use crate::summary::{self, Summary, UnitKind};
use crate::{CoreError, Result, fsutil};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Joliet holds at most 64 UTF-16 units in a name.
pub const JOLIET_MAX_NAME: usize = 64;

/// What a package holds, for the CLI and the app.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PackageOutcome {
    #[ts(type = "string")]
    pub folder: PathBuf,
    /// Every file written, by name, in the order written.
    pub files: Vec<String>,
    /// The disc image's name inside the folder.
    pub disc: String,
}

/// Writes the summary table (Word and spreadsheet) and, when asked, the mailing sheet into
/// `folder`; returns the paths written. Refused while the table has errors, unless a draft is
/// asked for. Used by `dossier summary`, the app's summary screen and the package.
pub fn write_summary_files(
    store: &Store,
    table: &Summary,
    folder: &Path,
    mailing: bool,
    draft: bool,
    today: NaiveDate,
    fonts: &ShippedFonts,
) -> Result<Vec<PathBuf>> {
    if !table.ok && !draft {
        return Err(CoreError::ExportBlocked {
            errors: table.findings.iter().map(|f| f.message.clone()).collect(),
        });
    }
    let settings = &store.registry().settings;
    let title = format!("{}推荐项目汇总表", settings.call.title);
    let mut written = Vec::new();
    let docx = crate::export::docx::summary(table, settings, &format!("{today}T00:00:00Z"))?;
    let path = folder.join(format!("{title}.docx"));
    fsutil::write_atomic(&path, &docx)?;
    written.push(path);
    let path = folder.join(format!("{title}.xlsx"));
    fsutil::write_atomic(&path, &crate::export::xlsx::summary(table, &title)?)?;
    written.push(path);
    if mailing {
        let path = folder.join("申报材料邮寄单.pdf");
        fsutil::write_atomic(
            &path,
            &crate::export::mailing::build(table, settings, fonts)?,
        )?;
        written.push(path);
    }
    Ok(written)
}

/// Builds the package for dossiers `ids` of one recommending unit under `out`. Without
/// `draft`, refused when any dossier or the summary table has errors.
pub fn build(
    store: &mut Store,
    ids: &[i64],
    kind: UnitKind,
    out: &Path,
    draft: bool,
    today: NaiveDate,
    fonts: &ShippedFonts,
) -> Result<PackageOutcome> {
    if !out.is_dir() {
        return Err(CoreError::Io {
            path: out.to_path_buf(),
            detail: "保存材料包的目录不存在或不是目录".into(),
        });
    }
    let table = summary::build(store, ids, kind, today, fonts)?;
    if !table.ok && !draft {
        return Err(CoreError::ExportBlocked {
            errors: table.findings.iter().map(|f| f.message.clone()).collect(),
        });
    }
    // Names the disc format cannot hold are refused before anything is written.
    let stems: Vec<String> = ids
        .iter()
        .map(|id| {
            let d = store.load(*id)?.dossier;
            Ok(crate::export::file_stem(store, &d, draft, false))
        })
        .collect::<Result<_>>()?;
    // The whole name the call prescribes, not one cut to a file system's length: a disc with
    // cut names would break the call's naming.
    let whole: Vec<String> = ids
        .iter()
        .map(|id| {
            let d = store.load(*id)?.dossier;
            let full = crate::export::full_name(store, &d);
            Ok(format!("{full}{}", if draft { "（草稿）" } else { "" }))
        })
        .collect::<Result<_>>()?;
    for stem in &whole {
        let name = format!("{stem}.pdf");
        let units = name.encode_utf16().count();
        if units > JOLIET_MAX_NAME {
            return Err(CoreError::input(
                "光盘映像",
                format!(
                    "电子版文件名“{name}”有 {units} 个字符，光盘格式（ISO 9660 Joliet）最多 {JOLIET_MAX_NAME} 个；请缩短试点名称或申报单位名称（如用简称）后再生成材料包"
                ),
            ));
        }
    }
    let name = format!(
        "{}推荐申报材料（{}）{}",
        crate::fsutil::name_part(&table.unit),
        today.format("%Y%m%d"),
        if draft { "（草稿）" } else { "" }
    );
    let folder = unique(out, &name);
    let partial = out.join(format!(
        ".{}.部分",
        folder.file_name().unwrap_or_default().to_string_lossy()
    ));
    let _ = std::fs::remove_dir_all(&partial);
    std::fs::create_dir(&partial).map_err(|e| io(&partial, e))?;
    let members: Vec<(i64, String)> = ids.iter().copied().zip(stems).collect();
    let result = fill(store, &members, &table, &partial, draft, today, fonts);
    match result {
        Ok((files, disc)) => {
            std::fs::rename(&partial, &folder).map_err(|e| {
                let _ = std::fs::remove_dir_all(&partial);
                io(&folder, e)
            })?;
            Ok(PackageOutcome {
                folder,
                files,
                disc,
            })
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&partial);
            Err(e)
        }
    }
}

/// Writes each dossier's files (`members`: id and file stem) and the unit's into `dir`.
fn fill(
    store: &mut Store,
    members: &[(i64, String)],
    table: &Summary,
    dir: &Path,
    draft: bool,
    today: NaiveDate,
    fonts: &ShippedFonts,
) -> Result<(Vec<String>, String)> {
    let mut files = Vec::new();
    let mut electronic = Vec::new();
    for (id, stem) in members {
        let request = ExportRequest {
            draft,
            ..ExportRequest::new(
                vec![ExportFormat::Pdf, ExportFormat::Pack],
                dir.to_path_buf(),
            )
        };
        for f in crate::export::export(store, *id, &request, today, fonts)? {
            let name = file_name(&f.path);
            if name == format!("{stem}.pdf") {
                electronic.push((
                    name.clone(),
                    std::fs::read(&f.path).map_err(|e| io(&f.path, e))?,
                ));
            }
            files.push(name);
        }
    }
    for path in write_summary_files(store, table, dir, true, draft, today, fonts)? {
        files.push(file_name(&path));
    }
    let checklist = dir.join("报送核对清单.pdf");
    fsutil::write_atomic(
        &checklist,
        &crate::export::mailing::checklist(table, &store.registry().settings, fonts)?,
    )?;
    files.push(file_name(&checklist));
    let disc = "电子版光盘映像.iso".to_string();
    let image = disc_image(&electronic)?;
    fsutil::write_atomic(&dir.join(&disc), &image)?;
    files.push(disc.clone());
    Ok((files, disc))
}

/// An ISO 9660 image with Joliet names holding `files` at its root.
pub fn disc_image(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    use hadris_iso::joliet::JolietLevel;
    use hadris_iso::read::PathSeparator;
    use hadris_iso::write::options::{CreationFeatures, IsoFormatOptions};
    use hadris_iso::write::{File as IsoFile, InputFiles, IsoImageWriter};
    let input = InputFiles {
        path_separator: PathSeparator::ForwardSlash,
        files: files
            .iter()
            .map(|(name, bytes)| IsoFile::File {
                name: Arc::new(name.clone()),
                contents: bytes.clone(),
            })
            .collect(),
    };
    let options = IsoFormatOptions {
        volume_name: "TDS_PILOT_2025".to_string(),
        system_id: None,
        volume_set_id: None,
        publisher_id: None,
        preparer_id: None,
        application_id: Some("DOSSIER STUDIO".to_string()),
        sector_size: 2048,
        path_separator: PathSeparator::ForwardSlash,
        features: CreationFeatures::joliet(JolietLevel::Level3),
        strict_charset: false,
    };
    let mut buffer = std::io::Cursor::new(Vec::new());
    IsoImageWriter::create(&mut buffer, input, options)
        .map_err(|e| CoreError::Internal(format!("光盘映像无法生成：{e}")))?;
    Ok(buffer.into_inner())
}

fn unique(out: &Path, name: &str) -> PathBuf {
    let mut candidate = out.join(name);
    let mut n = 2;
    while candidate.exists() {
        candidate = out.join(format!("{name}-{n}"));
        n += 1;
    }
    candidate
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn io(path: &Path, e: std::io::Error) -> CoreError {
    CoreError::io(path, e)
}
