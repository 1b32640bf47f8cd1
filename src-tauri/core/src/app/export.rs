//! The files: an export (Word, the electronic copy, the print pack) in three steps — prepared
//! under the store, written without it, recorded after — so a face can release the store while
//! the pages are laid out and written; and the preview, which is the electronic copy itself.

use super::Context;
use crate::export::{ExportFormat, ExportJob, ExportProgress, ExportRequest, ExportedFile};
use crate::fonts::ShippedFonts;
use crate::template::Template;
use crate::{CoreError, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;

/// The files the export dialog offers; any combination.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
pub struct ExportChoice {
    /// 电子版 PDF
    pub electronic: bool,
    /// 纸质版打印文件（一式三份）
    pub print_pack: bool,
    /// Word
    pub word: bool,
    /// 审阅版: the Word file opens read-only.
    pub reviewer: bool,
    /// 草稿: always allowed, every page marked.
    pub draft: bool,
    /// 版式: the form's own page or GB/T 9704.
    #[serde(default)]
    pub layout: crate::document::PageLayout,
    /// 目录页
    #[serde(default)]
    pub contents: bool,
    /// 纸质版每页标注“第k份／共n份”
    #[serde(default)]
    pub copy_marks: bool,
    /// 每页页脚印校验码
    #[serde(default)]
    pub fingerprint: bool,
}

impl ExportChoice {
    /// The request this choice makes for `folder`; refused when no file is chosen.
    pub fn request(&self, folder: PathBuf) -> Result<ExportRequest> {
        let mut formats = Vec::new();
        if self.word {
            formats.push(ExportFormat::Docx);
        }
        if self.electronic {
            formats.push(ExportFormat::Pdf);
        }
        if self.print_pack {
            formats.push(ExportFormat::Pack);
        }
        if formats.is_empty() {
            return Err(CoreError::input(
                "导出",
                "请至少选择一种文件（电子版 PDF、纸质版打印文件或 Word）",
            ));
        }
        Ok(ExportRequest {
            draft: self.draft,
            reviewer: self.reviewer,
            layout: self.layout,
            contents: self.contents,
            copy_marks: self.copy_marks,
            fingerprint: self.fingerprint,
            ..ExportRequest::new(formats, folder)
        })
    }
}

/// What an export wrote, for the dialog.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExportOutcome {
    #[ts(type = "string")]
    /// The folder written into.
    pub folder: PathBuf,
    /// The files written, with their sizes, hashes and pages.
    pub files: Vec<ExportedFile>,
    /// The readable export report written beside the files.
    pub report_text: String,
}

/// An export read from the store, to be written without it ([`PreparedExport::write`]).
pub struct PreparedExport {
    job: ExportJob,
    fonts: Arc<ShippedFonts>,
}

impl PreparedExport {
    /// Lays out and writes the files and the export report, telling `progress` before each
    /// step. Needs no store.
    pub fn write(&self, progress: &mut dyn FnMut(ExportProgress)) -> Result<ExportOutcome> {
        let files = self.job.write(&self.fonts, progress)?;
        let folder = self.job.request.out_dir.clone();
        let report_text =
            std::fs::read_to_string(folder.join(format!("{}-导出报告.txt", self.job.stem)))
                .unwrap_or_default();
        Ok(ExportOutcome {
            folder,
            files,
            report_text,
        })
    }
}

/// What the preview draws, read from the store, and drawn with [`PreviewSource::render`] after
/// the store is released: the PDF electronic copy marked 草稿, the export itself, not an
/// imitation of it.
pub struct PreviewSource {
    dossier: crate::model::Dossier,
    template: Template,
    settings: crate::template::CallSettings,
    fonts: Arc<ShippedFonts>,
    today: NaiveDate,
}

impl PreviewSource {
    /// The electronic copy marked 草稿, as PDF bytes.
    pub fn render(&self) -> Result<Vec<u8>> {
        let (bytes, _) = crate::export::pdf::build(
            &self.dossier,
            &self.template,
            &self.settings,
            &self.fonts,
            &crate::export::pdf::PdfOptions {
                draft: true,
                created: Some(self.today),
                ..Default::default()
            },
        )?;
        Ok(bytes)
    }
}

impl Context {
    /// The part of an export that needs the store: the checks (unless a draft), the folder, the
    /// snapshot of what is exported, a copy of the dossier. Allowed in reviewer mode (the
    /// snapshot goes to the store in memory).
    pub fn export_prepare(&mut self, id: i64, request: &ExportRequest) -> Result<PreparedExport> {
        let fonts = self.fonts()?;
        let today = self.today();
        let job = crate::export::prepare(&mut self.store, id, request, today, &*fonts)?;
        Ok(PreparedExport { job, fonts })
    }

    /// Records a written export in the dossier's history.
    pub fn export_finish(
        &mut self,
        prepared: &PreparedExport,
        files: &[ExportedFile],
    ) -> Result<()> {
        prepared.job.finish(&mut self.store, files)
    }

    /// The three steps at once, for a face that need not release the store.
    pub fn export(
        &mut self,
        id: i64,
        request: &ExportRequest,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<ExportOutcome> {
        let prepared = self.export_prepare(id, request)?;
        let outcome = prepared.write(progress)?;
        self.export_finish(&prepared, &outcome.files)?;
        Ok(outcome)
    }

    /// What the preview will draw, read now.
    pub fn preview_source(&self, id: i64) -> Result<PreviewSource> {
        let dossier = self.store.load(id)?.dossier;
        let template = self.store.registry().get(&dossier.template)?.clone();
        Ok(PreviewSource {
            dossier,
            template,
            settings: self.store.registry().settings.clone(),
            fonts: self.fonts()?,
            today: self.today(),
        })
    }
}
