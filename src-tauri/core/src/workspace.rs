//! What the desktop window asks of the core, one call each, Tauri-free: open a dossier with its
//! template and findings, check a value as it is typed, list the shipped fonts, export a chosen
//! set of files. The shell's commands only forward to these (and to [`crate::store::Store`]), so
//! every rule stays here and the front end duplicates none of it. The types derive `ts_rs::TS`:
//! the front end's TypeScript types are generated from them (`ui/src/bindings/`).

use crate::checks::Report;
use crate::export::{ExportFormat, ExportProgress, ExportRequest, ExportedFile};
use crate::fonts::glyph_coverage;
use crate::model::{DossierRecord, PilotType};
use crate::store::Store;
use crate::template::{FieldKind, Template};
use crate::{CoreError, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Today on the user's clock: deadlines and export dates are local dates.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A dossier as the workspace shows it: content, the template that shapes it, and its findings.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct OpenedDossier {
    pub record: DossierRecord,
    pub template: Template,
    pub for_submission: bool,
    pub report: Report,
    /// Every front-matter field as text by path (dates 2025-04-08, booleans true/false), so
    /// the form needs no copy of the model's field mapping.
    pub fields: std::collections::BTreeMap<String, String>,
    /// Chinese names of attachment kinds (`attachment.city_consent`) and coverage groups
    /// (`group.core_function`), as the core words them.
    pub labels: std::collections::BTreeMap<String, String>,
    /// In a writer's copy, the anchors (`section:KEY`, `table:KEY`, `field:PATH`) they may edit;
    /// the rest is read-only. `None`: everything.
    pub editable: Option<Vec<String>>,
}

fn labels() -> std::collections::BTreeMap<String, String> {
    use crate::model::AttachmentKind;
    use crate::template::ConceptGroup;
    let kinds = AttachmentKind::ALL
        .iter()
        .map(|k| (format!("attachment.{}", k.key()), k.label().to_string()));
    let groups = [
        ConceptGroup::CoreFunction,
        ConceptGroup::TrustProperty,
        ConceptGroup::TaskTheme,
    ]
    .into_iter()
    .map(|g| {
        let key = serde_json::to_value(g)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        (format!("group.{key}"), g.label().to_string())
    });
    kinds.chain(groups).collect()
}

/// Loads a dossier with its template and a fresh check, in one call.
pub fn open(store: &Store, id: i64, today: NaiveDate) -> Result<OpenedDossier> {
    let record = store.load(id)?;
    let template = store.registry().get(&record.dossier.template)?.clone();
    Ok(OpenedDossier {
        report: store.check(id, today, glyph_coverage())?,
        for_submission: store.is_for_submission(id)?,
        fields: crate::model::FIELD_PATHS
            .iter()
            .filter_map(|p| record.dossier.field(p).map(|v| (p.to_string(), v)))
            .collect(),
        labels: labels(),
        editable: record
            .dossier
            .assignment
            .as_ref()
            .map(|a| crate::template::share::editable_anchors(&template, a))
            .transpose()?,
        record,
        template,
    })
}

/// Checks a dossier as of `today` with the shipped fonts' coverage.
pub fn check(store: &Store, id: i64, today: NaiveDate) -> Result<Report> {
    store.check(id, today, glyph_coverage())
}

/// What is wrong with a value typed into a field or cell of `kind`, in Chinese; `None` when it
/// fits. The same function the checks use, so the form and the findings never disagree.
pub fn value_problem(kind: FieldKind, value: &str, options: &[String]) -> Option<String> {
    crate::checks::rules::formats::problem(kind, value, options)
}

/// Creates a new, empty dossier of `pilot_type` on the newest template; returns its id.
pub fn create(store: &mut Store, pilot_type: PilotType, title: &str) -> Result<i64> {
    let title = title.trim();
    let title = if title.is_empty() {
        format!("新建{}可信数据空间申报书", pilot_type.label())
    } else {
        title.to_string()
    };
    store.create(pilot_type, &title)
}

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

/// What an export wrote, for the dialog.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExportOutcome {
    #[ts(type = "string")]
    pub folder: PathBuf,
    pub files: Vec<ExportedFile>,
    /// The readable export report written beside the files.
    pub report_text: String,
}

/// The export dialog's request as an export job, read from the store (checks, snapshot, copy of
/// the dossier); the shell then writes it with the store released ([`export_job_write`]).
pub fn export_prepare(
    store: &mut Store,
    id: i64,
    choice: &ExportChoice,
    folder: PathBuf,
    today: NaiveDate,
) -> Result<crate::export::ExportJob> {
    let mut formats = Vec::new();
    if choice.word {
        formats.push(ExportFormat::Docx);
    }
    if choice.electronic {
        formats.push(ExportFormat::Pdf);
    }
    if choice.print_pack {
        formats.push(ExportFormat::Pack);
    }
    if formats.is_empty() {
        return Err(CoreError::input(
            "导出",
            "请至少选择一种文件（电子版 PDF、纸质版打印文件或 Word）",
        ));
    }
    let request = ExportRequest {
        draft: choice.draft,
        reviewer: choice.reviewer,
        layout: choice.layout,
        contents: choice.contents,
        copy_marks: choice.copy_marks,
        fingerprint: choice.fingerprint,
        ..ExportRequest::new(formats, folder)
    };
    crate::export::prepare(store, id, &request, today)
}

/// Writes a prepared export (no store needed) and says what it wrote, for the dialog.
pub fn export_job_write(
    job: &crate::export::ExportJob,
    progress: &mut dyn FnMut(ExportProgress),
) -> Result<ExportOutcome> {
    let files = job.write(progress)?;
    let folder = job.request.out_dir.clone();
    let report_text = std::fs::read_to_string(folder.join(format!("{}-导出报告.txt", job.stem)))
        .unwrap_or_default();
    Ok(ExportOutcome {
        folder,
        files,
        report_text,
    })
}

/// One shipped font, for the settings screen.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct FontInfo {
    /// The official face the layout asks for (仿宋_GB2312, …).
    pub official: String,
    /// The shipped file that stands in for it.
    pub file: String,
}

/// The shipped fonts and what they stand in for.
pub fn fonts() -> Vec<FontInfo> {
    crate::fonts::Face::ALL
        .iter()
        .map(|f| FontInfo {
            official: f.official_name().to_string(),
            file: f.file().to_string(),
        })
        .collect()
}

/// What the preview draws, read from the store, and drawn with [`PreviewSource::render`] after
/// the store is released: the PDF electronic copy marked 草稿, the export itself, not an
/// imitation of it.
pub struct PreviewSource {
    dossier: crate::model::Dossier,
    template: Template,
    settings: crate::template::CallSettings,
}

pub fn preview_source(store: &Store, id: i64) -> Result<PreviewSource> {
    let dossier = store.load(id)?.dossier;
    let template = store.registry().get(&dossier.template)?.clone();
    Ok(PreviewSource {
        dossier,
        template,
        settings: store.registry().settings.clone(),
    })
}

impl PreviewSource {
    /// The electronic copy marked 草稿, as PDF bytes.
    pub fn render(&self, today: NaiveDate) -> Result<Vec<u8>> {
        let (d, template) = (&self.dossier, &self.template);
        let fonts = crate::fonts::ShippedFonts::get()?;
        let (bytes, _) = crate::export::pdf::build(
            d,
            template,
            &self.settings,
            fonts,
            &crate::export::pdf::PdfOptions {
                draft: true,
                created: Some(today),
                ..Default::default()
            },
        )?;
        Ok(bytes)
    }
}
