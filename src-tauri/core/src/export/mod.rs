//! Exports: the files a dossier is submitted as (Word, and the PDF electronic copy drawn from
//! the layout engine, whose page numbers the Word contents also use). The final export is gated on the checks' errors
//! (a draft is always allowed); files are written atomically (temporary file, then rename), and
//! named by the call's file-naming setting.

pub mod docx;
pub mod gantt;
pub(crate) mod images;
pub mod pdf;

use crate::checks::{Severity, glyph_coverage};
use crate::store::Store;
use crate::{CoreError, Result, fsutil};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Docx,
    /// The electronic copy.
    Pdf,
}

#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub format: ExportFormat,
    pub out_dir: PathBuf,
    /// Allowed whatever the checks say; the files say 草稿.
    pub draft: bool,
    /// The reviewer copy: opens read-only.
    pub reviewer: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedFile {
    pub path: PathBuf,
    pub bytes: u64,
    pub sha256: String,
}

/// The file name (without extension) the call's naming setting gives this dossier.
pub fn file_stem(store: &Store, d: &crate::model::Dossier, draft: bool, reviewer: bool) -> String {
    let pattern = &store.registry().settings.call.file_naming;
    let order = d
        .front_matter
        .recommendation
        .order
        .map_or("未排序".to_string(), |o| o.to_string());
    let mut name = pattern
        .replace("{order}", &order)
        .replace("{applicant}", &d.front_matter.applicant.name)
        .replace("{title}", &d.title)
        .replace("{type}", d.pilot_type.label());
    name.retain(|c| {
        !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control()
    });
    let name = name
        .trim_matches(|c: char| c == '-' || c == '.' || c.is_whitespace())
        .to_string();
    let mut name = if name.is_empty() {
        "申报书".to_string()
    } else {
        name
    };
    if draft {
        name.push_str("（草稿）");
    }
    if reviewer {
        name.push_str("（审阅版）");
    }
    name
}

/// Exports one dossier. Without `draft`, refuses when the checks find errors, listing them.
pub fn export(
    store: &Store,
    id: i64,
    request: &ExportRequest,
    today: NaiveDate,
) -> Result<Vec<ExportedFile>> {
    let record = store.load(id)?;
    if !request.draft {
        let report = store.check(id, today, glyph_coverage())?;
        if !report.ok {
            let errors = report
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| format!("{}：{}", f.place.label, f.message))
                .collect();
            return Err(CoreError::ExportBlocked { errors });
        }
    }
    if !request.out_dir.is_dir() {
        return Err(CoreError::Io {
            path: request.out_dir.clone(),
            detail: "导出目录不存在或不是目录".into(),
        });
    }
    let template = store.registry().get(&record.dossier.template)?;
    let stem = file_stem(store, &record.dossier, request.draft, request.reviewer);
    let mut out = Vec::new();
    let settings = &store.registry().settings;
    let fonts = crate::fonts::ShippedFonts::get()?;
    match request.format {
        ExportFormat::Docx => {
            // The contents take their page numbers from the layout engine, like the PDF's.
            let pages = crate::layout::layout(&record.dossier, template, settings, fonts)?;
            let bytes = docx::build(
                &record.dossier,
                template,
                settings,
                &docx::DocxOptions {
                    reviewer: request.reviewer,
                    toc_pages: pages.anchors.into_iter().collect(),
                    created: format!("{}T00:00:00Z", today),
                    draft: request.draft,
                },
            )?;
            out.push(write(
                &request.out_dir.join(format!("{stem}.docx")),
                &bytes,
            )?);
        }
        ExportFormat::Pdf => {
            let (bytes, _) = pdf::build(
                &record.dossier,
                template,
                settings,
                fonts,
                &pdf::PdfOptions {
                    draft: request.draft,
                    created: Some(today),
                },
            )?;
            out.push(write(&request.out_dir.join(format!("{stem}.pdf")), &bytes)?);
        }
    }
    Ok(out)
}

fn write(path: &Path, bytes: &[u8]) -> Result<ExportedFile> {
    use sha2::{Digest, Sha256};
    fsutil::write_atomic(path, bytes)?;
    Ok(ExportedFile {
        path: path.to_path_buf(),
        bytes: bytes.len() as u64,
        sha256: Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    })
}
