//! Bringing in what was written in Word: 附件3 filled in Word or WPS (in its table, or as
//! headings and paragraphs outside it), and our own Word export edited in Word, read into a
//! dossier of the form's template. Grid cells are found by their labels, parts and sections by
//! the form's headings; the form's own texts (labels, instructions, notes, fixed texts) are
//! recognised and not taken as content. Nothing is dropped: what has no place goes to the
//! dossier's unplaced content with where it came from.
//!
//! Bad files are refused with a Chinese message and nothing written: not a Word file, an old
//! binary .doc or a WPS .wps (say how to save as .docx), a password-protected file, a package
//! that breaks [`crate::zipread`]'s rules, a file that is not the form.
//!
//! By concern: [`read`] reads the package into paragraphs, tables and pictures; `recognise`
//! knows the form's texts and how people write dates, choices and figures; `importer` walks the
//! body's items onto parts, sections and fields, and `tables` maps its tables and the grid's
//! rows; this module holds the import itself and laying it over an existing dossier.

mod importer;
pub mod read;
mod recognise;
mod tables;

use crate::model::{Dossier, PilotType};
use crate::template::Registry;
use crate::{CoreError, Result};
use importer::Importer;
use recognise::{Item, flatten, form_texts, grid_slots, type_on_cover};
use serde::Serialize;

/// What an import found, for the report.
#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
pub struct ImportReport {
    pub pilot_type: String,
    /// Fields filled, sections with content, table rows, pictures.
    pub fields: usize,
    pub sections: usize,
    pub rows: usize,
    pub pictures: usize,
    /// Texts recognised as the form's own (labels, instructions, notes) and left out.
    pub form_texts: usize,
    /// Items kept as unplaced content.
    pub unplaced: usize,
    /// What could not be read at all (content embedded in another format), with where it was;
    /// each is also kept as unplaced content saying so.
    pub not_imported: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Imported {
    pub dossier: Dossier,
    pub report: ImportReport,
}

fn refuse(file: &str, detail: impl Into<String>) -> CoreError {
    CoreError::input(file, format!("无法从这个 Word 文件导入：{}", detail.into()))
}

/// Recognises what kind of file `bytes` is before reading it as a .docx.
fn sniff(file: &str, bytes: &[u8]) -> Result<()> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        let encrypted: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        if bytes.windows(encrypted.len()).any(|w| w == encrypted) {
            return Err(refuse(
                file,
                "文件设置了打开密码。请在 Word 或 WPS 中打开，取消密码（文件 › 信息 › 保护文档 › 用密码进行加密，清空密码）后另存为 .docx 再导入",
            ));
        }
        return Err(refuse(
            file,
            "这是旧版 Word（.doc）或 WPS（.wps）格式。请在 Word 或 WPS 中打开，选择“另存为”，文件类型选“Word 文档（*.docx）”，再导入另存的文件",
        ));
    }
    if !bytes.starts_with(b"PK") {
        return Err(refuse(file, "它不是 Word 文档（.docx）"));
    }
    Ok(())
}

/// Reads a filled 附件3 (or our own Word export) into a new dossier of the form's template for
/// its type (from the cover, else `pilot`). Nothing is stored here.
pub fn import(
    registry: &Registry,
    file: &str,
    bytes: &[u8],
    pilot: Option<PilotType>,
) -> Result<Imported> {
    sniff(file, bytes)?;
    let doc = read::read(bytes).map_err(|m| refuse(file, m))?;
    let on_cover = type_on_cover(&doc.body);
    let pilot_type = match (pilot, on_cover) {
        (Some(p), _) => p,
        (None, Some(p)) => p,
        (None, None) => {
            return Err(CoreError::ImportTypeUnknown { file: file.into() });
        }
    };
    let template = registry.latest_for(pilot_type)?;
    let mut items = Vec::new();
    flatten(doc.body, template, &mut items);
    let mut d = Dossier {
        template: template.reference(),
        pilot_type,
        title: String::new(),
        application_date: None,
        front_matter: Default::default(),
        sections: Vec::new(),
        tables: Default::default(),
        attachments: Vec::new(),
        media: Vec::new(),
        acknowledgements: Vec::new(),
        unplaced: Vec::new(),
        assignment: None,
    };
    d.front_matter.finances = Default::default();
    let mut im = Importer {
        template,
        d,
        report: ImportReport {
            pilot_type: pilot_type.label().to_string(),
            ..Default::default()
        },
        form_texts: form_texts(template),
        slots: grid_slots(template),
        section: None,
        part: None,
        list: Vec::new(),
        numbered: false,
        caption: None,
        evidence_kinds: Vec::new(),
        attachment_title: None,
        listed: Vec::new(),
        media: doc.media,
        position: 0,
        seen_form: false,
    };
    for (i, item) in items.into_iter().enumerate() {
        im.position = i + 1;
        match item {
            Item::Para(p) => im.para(p),
            Item::Picture(p) => im.picture(&p),
            Item::Row(r) => im.row(r),
            Item::Skipped(part) => im.skipped(&part),
            Item::Table(t) => {
                im.flush_list();
                im.table(t)
            }
        }
    }
    im.flush_list();
    if !im.seen_form {
        return Err(refuse(
            file,
            format!(
                "它不是申报书模板（附件3）：没有找到“申报基本情况表”或“一、项目基本信息”至“十、试点相关证明材料”的标题{}",
                if on_cover.is_some() {
                    "（只认出了封面）"
                } else {
                    ""
                }
            ),
        ));
    }
    // Fixed rows of the 响应表 are there even when the Word file left them empty.
    for (_, t) in template.tables() {
        if !t.fixed_rows.is_empty() && !im.d.tables.contains_key(&t.key) {
            im.d.tables.insert(t.key.clone(), t.fixed_rows.clone());
        }
    }
    if im.d.title.is_empty() {
        im.d.title = "（从 Word 导入）".into();
    }
    Ok(Imported {
        dossier: im.d,
        report: im.report,
    })
}

/// An import laid over an existing dossier (a Word file we exported, edited in Word and brought
/// back): its fields, sections and tables replace the existing ones where the Word file has them;
/// what Word cannot carry stays (acknowledgements, attachments' original files); its unplaced
/// items are added.
pub fn onto(existing: &Dossier, imported: Dossier) -> Dossier {
    let mut out = existing.clone();
    for path in crate::model::FIELD_PATHS {
        if let Some(v) = imported.field(path).filter(|v| !v.trim().is_empty())
            && existing.field(path).as_deref() != Some(v.as_str())
        {
            let _ = out.set_field(path, &v);
        }
    }
    for s in imported.sections {
        out.set_section(&s.key, s.blocks);
    }
    for (key, rows) in imported.tables {
        out.tables.insert(key, rows);
    }
    for m in imported.media {
        if !out.media.iter().any(|x| x.id == m.id) {
            out.media.push(m);
        }
    }
    out.unplaced.extend(imported.unplaced);
    out
}

/// Reads a Word file and stores it as a new dossier; returns its id and the report.
pub fn import_new(
    store: &mut crate::store::Store,
    file: &str,
    bytes: &[u8],
    pilot: Option<PilotType>,
) -> Result<(i64, ImportReport)> {
    let imported = import(store.registry(), file, bytes, pilot)?;
    let id = store.insert(&imported.dossier)?;
    store.record_activity(id, &format!("从 Word 导入：{file}"))?;
    Ok((id, imported.report))
}

/// What bringing a Word file onto dossier `id` would change: the dossier as it would be, and the
/// differences from now. Nothing is written.
pub fn preview_onto(
    store: &crate::store::Store,
    id: i64,
    file: &str,
    bytes: &[u8],
) -> Result<(Dossier, crate::diff::Comparison, ImportReport)> {
    let current = store.load(id)?.dossier;
    let imported = import(store.registry(), file, bytes, Some(current.pilot_type))?;
    let merged = onto(&current, imported.dossier);
    let comparison = crate::diff::compare(&current, &merged);
    Ok((merged, comparison, imported.report))
}

/// Brings a Word file onto dossier `id` after a snapshot of the present (so it can be undone);
/// returns that snapshot's id.
pub fn import_onto(
    store: &mut crate::store::Store,
    id: i64,
    file: &str,
    bytes: &[u8],
) -> Result<i64> {
    let (merged, _, _) = preview_onto(store, id, file, bytes)?;
    let safety =
        store.take_snapshot(id, "从 Word 导入之前", crate::store::SnapshotKind::Restore)?;
    store.replace(id, &merged)?;
    store.record_activity(id, &format!("从 Word 导入：{file}"))?;
    Ok(safety)
}
