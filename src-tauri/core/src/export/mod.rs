//! Exports: the files a dossier is submitted as — Word, the PDF electronic copy and the print
//! pack — each rendered from one assembled document laid out once. The final export is gated on
//! the checks' errors (a draft is always allowed); files are written atomically (temporary file,
//! then rename), and named by the call's file-naming setting.

pub mod docx;
pub mod mailing;
pub mod pdf;
pub mod xlsx;

use crate::checks::GlyphCoverage;
use crate::checks::Severity;
use crate::fonts::ShippedFonts;
use crate::store::Store;
use crate::{CoreError, Result, fsutil};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Docx,
    /// The electronic copy.
    Pdf,
    /// The three paper copies, collated, in one PDF.
    Pack,
    /// Word, the electronic copy and the print pack.
    All,
}

#[derive(Debug, Clone)]
pub struct ExportRequest {
    /// What to write; [`ExportFormat::All`] stands for the three files.
    pub formats: Vec<ExportFormat>,
    pub out_dir: PathBuf,
    /// Allowed whatever the checks say; the files say 草稿.
    pub draft: bool,
    /// The reviewer copy: opens read-only.
    pub reviewer: bool,
    /// The page: the form's own (default) or GB/T 9704.
    pub layout: crate::document::PageLayout,
    /// A contents page (the form has none).
    pub contents: bool,
    /// 第k份／共n份 on each page of the print pack.
    pub copy_marks: bool,
    /// The dossier's fingerprint at the foot of every PDF page.
    pub fingerprint: bool,
}

impl ExportRequest {
    /// What the form asks for: no contents, no marks, on the form's page.
    pub fn new(formats: Vec<ExportFormat>, out_dir: PathBuf) -> Self {
        ExportRequest {
            formats,
            out_dir,
            draft: false,
            reviewer: false,
            layout: Default::default(),
            contents: false,
            copy_marks: false,
            fingerprint: false,
        }
    }
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExportedFile {
    #[ts(type = "string")]
    pub path: PathBuf,
    pub bytes: u64,
    pub sha256: String,
    /// Pages, for PDF files.
    pub pages: Option<usize>,
}

/// The export report written beside the files (JSON and a readable text).
#[derive(Debug, Clone, Serialize)]
pub struct ExportReport {
    pub dossier: String,
    pub applicant: String,
    pub exported_on: String,
    pub draft: bool,
    pub fingerprint: String,
    /// Whether the fingerprint is printed on the pages.
    pub fingerprint_printed: bool,
    /// The page layout, in words.
    pub layout: String,
    pub files: Vec<ExportedFile>,
    /// Which shipped face stood in for which official font name.
    pub fonts: Vec<(String, String)>,
    pub acknowledged_warnings: Vec<crate::model::Acknowledgement>,
    /// Characters the shipped fonts cannot draw (shown as empty boxes in the PDF), each with
    /// its code point; the checks name where they are (`chars.unsupported`).
    pub missing_glyphs: Vec<String>,
}

/// The characters of `texts` that `glyphs` cannot draw, each once, in order of appearance.
fn missing_glyphs(texts: &[&str], glyphs: &dyn GlyphCoverage) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for c in texts.iter().flat_map(|t| t.chars()) {
        if !c.is_whitespace() && !glyphs.covers(c) && seen.insert(c) {
            out.push(format!("{c}（U+{:04X}）", c as u32));
        }
    }
    out
}

/// The name the call's naming setting gives this dossier, whole (not cut to a file system's
/// length), cleaned of what no file name may hold; empty when the pattern gives nothing.
pub fn full_name(store: &Store, d: &crate::model::Dossier) -> String {
    let pattern = &store.registry().settings.call.file_naming;
    let order = d
        .front_matter
        .recommendation
        .order
        .map_or("未排序".to_string(), |o| o.to_string());
    let name = pattern
        .replace("{order}", &order)
        .replace("{applicant}", &d.front_matter.applicant.name)
        .replace("{title}", &d.title)
        .replace("{type}", d.pilot_type.label());
    crate::fsutil::clean_name(&name)
}

/// The file name (without extension) of this dossier's exports: [`full_name`] cut to a length
/// every file system takes, with the draft and reviewer marks.
pub fn file_stem(store: &Store, d: &crate::model::Dossier, draft: bool, reviewer: bool) -> String {
    let name = crate::fsutil::name_part(&full_name(store, d));
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

/// Where an export is, for a progress bar: the step done so far out of the steps it takes.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExportProgress {
    pub step: usize,
    pub steps: usize,
    /// What is being done now, in Chinese.
    pub doing: String,
}

/// Exports one dossier. Without `draft`, refuses when the checks find errors, listing them. A
/// snapshot of what is exported is kept first, so the exported version can always be found again.
pub fn export(
    store: &mut Store,
    id: i64,
    request: &ExportRequest,
    today: NaiveDate,
    fonts: &ShippedFonts,
) -> Result<Vec<ExportedFile>> {
    export_with_progress(store, id, request, today, fonts, &mut |_| {})
}

/// [`export`], telling `progress` before each step.
pub fn export_with_progress(
    store: &mut Store,
    id: i64,
    request: &ExportRequest,
    today: NaiveDate,
    fonts: &ShippedFonts,
    progress: &mut dyn FnMut(ExportProgress),
) -> Result<Vec<ExportedFile>> {
    let job = prepare(store, id, request, today, fonts)?;
    let files = job.write(fonts, progress)?;
    job.finish(store, &files)?;
    Ok(files)
}

/// An export with everything it needs read from the store: laying out and writing it needs the
/// store no more, so the app releases the store while it runs and saves go on meanwhile.
pub struct ExportJob {
    pub id: i64,
    pub dossier: crate::model::Dossier,
    pub template: crate::template::Template,
    pub settings: crate::template::CallSettings,
    pub request: ExportRequest,
    pub today: NaiveDate,
    /// The files' name, without extension.
    pub stem: String,
}

/// The part of an export that needs the store: the checks (unless a draft), the folder, the
/// snapshot of what is exported, and a copy of the dossier, its template and the settings.
pub fn prepare(
    store: &mut Store,
    id: i64,
    request: &ExportRequest,
    today: NaiveDate,
    glyphs: &dyn GlyphCoverage,
) -> Result<ExportJob> {
    let record = store.load(id)?;
    if !request.draft {
        let report = store.check(id, today, glyphs)?;
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
    // A folder that does not exist yet is made (as `mkdir -p`); a file in its place is not.
    if !request.out_dir.is_dir() {
        std::fs::create_dir_all(&request.out_dir).map_err(|e| CoreError::Io {
            path: request.out_dir.clone(),
            detail: format!("无法创建导出目录（{}）", crate::error::describe_io(&e)),
        })?;
    }
    store.take_snapshot(
        id,
        &format!("{today} 导出"),
        crate::store::SnapshotKind::Export,
    )?;
    let template = store.registry().get(&record.dossier.template)?.clone();
    let stem = file_stem(store, &record.dossier, request.draft, request.reviewer);
    Ok(ExportJob {
        id,
        dossier: record.dossier,
        template,
        settings: store.registry().settings.clone(),
        request: request.clone(),
        today,
        stem,
    })
}

impl ExportJob {
    /// Lays out and writes the files and the export report, telling `progress` before each step.
    pub fn write(
        &self,
        fonts: &ShippedFonts,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<Vec<ExportedFile>> {
        let request = &self.request;
        let today = self.today;
        let want = |f: ExportFormat| {
            request.formats.contains(&f) || request.formats.contains(&ExportFormat::All)
        };
        let steps = 1 + [ExportFormat::Docx, ExportFormat::Pdf, ExportFormat::Pack]
            .into_iter()
            .filter(|f| want(*f))
            .count();
        let mut step = 0;
        let mut tell = |doing: &str| {
            progress(ExportProgress {
                step,
                steps,
                doing: doing.to_string(),
            });
            step += 1;
        };
        let (d, template, settings, stem) =
            (&self.dossier, &self.template, &self.settings, &self.stem);
        let fingerprint = pdf::fingerprint(d);
        let page = crate::document::AssembleOptions {
            layout: request.layout,
            contents: request.contents,
        };
        // Assembled once, laid out once: every file renders the same pages.
        let document = crate::document::assemble(d, template, settings, &page)?;
        let layout = crate::layout::layout(&document, fonts);
        let mut out = Vec::new();
        if want(ExportFormat::Docx) {
            tell("正在生成 Word 文件");
            let bytes = docx::render(
                &document,
                Some(&layout),
                &docx::DocxOptions {
                    reviewer: request.reviewer,
                    created: format!("{today}T00:00:00Z"),
                    draft: request.draft,
                    page,
                },
            )?;
            out.push(write(
                &request.out_dir.join(format!("{stem}.docx")),
                &bytes,
                None,
            )?);
        }
        for (format, copies, suffix) in [
            (ExportFormat::Pdf, None, String::new()),
            (
                ExportFormat::Pack,
                Some(settings.call.paper_copies),
                format!(
                    "（纸质版一式{}份）",
                    crate::numbering::chinese_numeral(settings.call.paper_copies as usize)
                ),
            ),
        ] {
            if !want(format) {
                continue;
            }
            tell(if copies.is_some() {
                "正在生成纸质版打印文件"
            } else {
                "正在生成电子版 PDF"
            });
            let bytes = pdf::render(
                &document,
                &layout,
                fonts,
                &pdf::PdfOptions {
                    draft: request.draft,
                    created: Some(today),
                    copies,
                    copy_marks: request.copy_marks,
                    fingerprint: request.fingerprint.then(|| fingerprint.clone()),
                    page,
                },
            )?;
            let per_copy = layout.pages.len()
                + if copies.is_some() {
                    layout.pages.len() % 2
                } else {
                    0
                };
            let pages = per_copy * copies.unwrap_or(1) as usize;
            out.push(write(
                &request.out_dir.join(format!("{stem}{suffix}.pdf")),
                &bytes,
                Some(pages),
            )?);
        }
        tell("正在写导出报告");
        let report = ExportReport {
            dossier: d.title.clone(),
            applicant: d.front_matter.applicant.name.clone(),
            exported_on: today.to_string(),
            draft: request.draft,
            fingerprint,
            fingerprint_printed: request.fingerprint,
            layout: request.layout.label().to_string(),
            files: out.clone(),
            fonts: crate::fonts::Face::ALL
                .iter()
                .map(|f| (f.official_name().to_string(), f.file().to_string()))
                .collect(),
            acknowledged_warnings: d.acknowledgements.clone(),
            missing_glyphs: missing_glyphs(&document.texts(), fonts),
        };
        let json = serde_json::to_string_pretty(&report).expect("plain data serialises");
        fsutil::write_atomic(
            &request.out_dir.join(format!("{stem}-导出报告.json")),
            json.as_bytes(),
        )?;
        fsutil::write_atomic(
            &request.out_dir.join(format!("{stem}-导出报告.txt")),
            report_text(&report).as_bytes(),
        )?;
        Ok(out)
    }

    /// Records the export in the dossier's activity history (needs the store again).
    pub fn finish(&self, store: &mut Store, files: &[ExportedFile]) -> Result<()> {
        let what: Vec<String> = files
            .iter()
            .filter_map(|f| f.path.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect();
        store.record_activity(
            self.id,
            &format!(
                "导出{}：{}",
                if self.request.draft { "草稿" } else { "" },
                what.join("、")
            ),
        )
    }
}

/// The report as a person reads it.
fn report_text(r: &ExportReport) -> String {
    let mut t = format!(
        "申报书导出报告\n\n试点名称：{}\n申报单位：{}\n导出日期：{}{}\n版式：{}\n校验码：{}{}\n\n文件：\n",
        r.dossier,
        r.applicant,
        r.exported_on,
        if r.draft { "（草稿）" } else { "" },
        r.layout,
        r.fingerprint,
        if r.fingerprint_printed {
            "（印在每一页页脚，纸质版与电子版相同即为同一版本）"
        } else {
            "（内容相同的版本校验码相同）"
        }
    );
    for f in &r.files {
        let name = f
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let pages = f.pages.map(|p| format!("，{p} 页")).unwrap_or_default();
        t.push_str(&format!(
            "  {name}（{} 字节{pages}）\n    SHA-256：{}\n",
            f.bytes, f.sha256
        ));
    }
    t.push_str("\n字体（PDF 内嵌；Word 文件使用阅读者电脑上的官方字体名）：\n");
    for (official, file) in &r.fonts {
        t.push_str(&format!("  {official} → {file}\n"));
    }
    if !r.missing_glyphs.is_empty() {
        t.push_str(&format!(
            "\n导出字体无法显示的字符（PDF 中显示为空框，共 {} 个；位置见“检查”）：\n  {}\n",
            r.missing_glyphs.len(),
            r.missing_glyphs.join("、")
        ));
    }
    t.push_str("\n已确认的提醒：\n");
    if r.acknowledged_warnings.is_empty() {
        t.push_str("  （无）\n");
    }
    for a in &r.acknowledged_warnings {
        t.push_str(&format!("  {} @ {}：{}\n", a.rule, a.anchor, a.reason));
    }
    t
}

fn write(path: &Path, bytes: &[u8], pages: Option<usize>) -> Result<ExportedFile> {
    use sha2::{Digest, Sha256};
    fsutil::write_atomic(path, bytes)?;
    Ok(ExportedFile {
        path: path.to_path_buf(),
        bytes: bytes.len() as u64,
        sha256: Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        pages,
    })
}
