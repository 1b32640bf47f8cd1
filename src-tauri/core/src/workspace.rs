//! What the desktop window asks of the core, one call each, Tauri-free: open a dossier with its
//! template and findings, check a value as it is typed, list the shipped fonts, export a chosen
//! set of files. The shell's commands only forward to these (and to [`crate::store::Store`]), so
//! every rule stays here and the front end duplicates none of it. The types derive `ts_rs::TS`:
//! the front end's TypeScript types are generated from them (`ui/src/bindings/`).

use crate::checks::{Report, glyph_coverage};
use crate::export::{ExportFormat, ExportProgress, ExportRequest, ExportedFile};
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

/// Exports the chosen files into `folder`, telling `progress` before each step.
pub fn export(
    store: &mut Store,
    id: i64,
    choice: &ExportChoice,
    folder: PathBuf,
    today: NaiveDate,
    progress: &mut dyn FnMut(ExportProgress),
) -> Result<ExportOutcome> {
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
        formats,
        out_dir: folder.clone(),
        draft: choice.draft,
        reviewer: choice.reviewer,
    };
    let files = crate::export::export_with_progress(store, id, &request, today, progress)?;
    let stem = crate::export::file_stem(
        store,
        &store.load(id)?.dossier,
        choice.draft,
        choice.reviewer,
    );
    let report_text =
        std::fs::read_to_string(folder.join(format!("{stem}-导出报告.txt"))).unwrap_or_default();
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

/// The PDF electronic copy as bytes, marked 草稿, for the preview: the export itself, not an
/// imitation of it.
pub fn preview_pdf(store: &Store, id: i64, today: NaiveDate) -> Result<Vec<u8>> {
    let record = store.load(id)?;
    let d = &record.dossier;
    let template = store.registry().get(&d.template)?;
    let fonts = crate::fonts::ShippedFonts::get()?;
    let (bytes, _) = crate::export::pdf::build(
        d,
        template,
        &store.registry().settings,
        fonts,
        &crate::export::pdf::PdfOptions {
            draft: true,
            created: Some(today),
            copies: None,
            fingerprint: crate::export::pdf::fingerprint(d),
        },
    )?;
    Ok(bytes)
}
