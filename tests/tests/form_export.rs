//! The exports are the official form (附件3): every label, heading, fixed text and note of the
//! form (those of the dossier's type) is in our Word file and in our PDF's text layer, in the
//! form's order; the cover carries only what the form's cover carries; both files carry exactly
//! the assembled document's texts in the same order (on the GB/T 9704 page the PDF repeats a
//! table's header rows on each page it continues on); LibreOffice paginates our Word file as our
//! PDF is paginated.

use dossier_core::document::{self, AssembleOptions, PageLayout};
use dossier_core::export::{docx, pdf};
use dossier_core::fonts::ShippedFonts;
use dossier_core::model::{Dossier, PilotType};
use dossier_core::sample;
use dossier_core::template::Registry;
use dossier_tests::official_form::{self, Cell, squeeze};
use dossier_tests::{Env, libreoffice_pdf, tool};
use std::path::Path;

/// The text layer in content-stream order (`pdftotext -raw`), page numbers left out.
fn pdf_text(pdf: &Path) -> String {
    let (ok, text) = tool(
        "pdftotext",
        &["-raw".as_ref(), pdf.as_os_str(), "-".as_ref()],
    );
    assert!(ok, "{text}");
    text.lines()
        .filter(|l| {
            let t = l.trim();
            !(t.starts_with('—')
                && t.ends_with('—')
                && t.trim_matches(['—', ' ']).parse::<u32>().is_ok())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn pages(pdf: &Path) -> usize {
    let (ok, info) = tool("pdfinfo", &[pdf.as_os_str()]);
    assert!(ok, "{info}");
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count")
}

/// Writes the Word file and the PDF of `d` on `layout` into `dir`.
fn write_both(
    d: &Dossier,
    registry: &Registry,
    layout: PageLayout,
    dir: &Path,
) -> (std::path::PathBuf, std::path::PathBuf, Vec<String>) {
    let template = registry.get(&d.template).unwrap();
    let options = AssembleOptions {
        layout,
        contents: false,
    };
    let fonts = &ShippedFonts::shipped().unwrap();
    let doc = document::assemble(d, template, &registry.settings, &options).unwrap();
    let laid = dossier_core::layout::layout(&doc, fonts);
    let word = docx::render(
        &doc,
        Some(&laid),
        &docx::DocxOptions {
            created: "2025-04-20T00:00:00Z".into(),
            page: options,
            ..Default::default()
        },
    )
    .unwrap();
    let pdf_bytes = pdf::render(
        &doc,
        &laid,
        fonts,
        &pdf::PdfOptions {
            page: options,
            ..Default::default()
        },
    )
    .unwrap();
    let (w, p) = (dir.join("dossier.docx"), dir.join("ours.pdf"));
    std::fs::write(&w, word).unwrap();
    std::fs::write(&p, pdf_bytes).unwrap();
    let texts = doc.texts().into_iter().map(str::to_string).collect();
    (w, p, texts)
}

/// Finds each of `expected` in `text` (both squeezed) after the previous one.
fn in_order(what: &str, text: &str, expected: &[String]) {
    let text = squeeze(text);
    let mut from = 0;
    for e in expected {
        let e = squeeze(e);
        if e.is_empty() {
            continue;
        }
        let at = text[from..].find(&e).unwrap_or_else(|| {
            let seen: String = text[from..].chars().take(120).collect();
            panic!("{what}: “{e}” missing or out of the form's order; next: {seen}")
        });
        from += at + e.len();
    }
}

#[test]
fn word_and_pdf_carry_the_assembled_texts_in_the_same_order() {
    let registry = Registry::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut dossiers: Vec<Dossier> = [PilotType::Enterprise, PilotType::Industry, PilotType::City]
        .into_iter()
        .map(|t| sample::generate(&registry, t, 1).unwrap())
        .collect();
    dossiers.push(sample::example().unwrap());
    for d in &dossiers {
        for layout in [PageLayout::Form, PageLayout::Gbt9704] {
            let (word, pdf, texts) = write_both(d, &registry, layout, dir.path());
            let assembled: Vec<String> = texts
                .iter()
                .filter(|t| !t.trim().is_empty())
                .cloned()
                .collect();
            let paragraphs = official_form::paragraphs_in_order(&word);
            assert_eq!(
                paragraphs, assembled,
                "{} on {layout:?}: the Word file's paragraphs are not the assembled texts",
                d.title
            );
            let layer = squeeze(&pdf_text(&pdf));
            let expected = squeeze(&assembled.concat());
            if layout == PageLayout::Gbt9704 {
                // On this page a table's header rows are drawn again on each page it continues
                // on: the document's texts in order, with those repeats between them.
                in_order(
                    &format!("{} PDF on {layout:?}", d.title),
                    &layer,
                    &assembled,
                );
                continue;
            }
            if layer != expected {
                let at = layer
                    .chars()
                    .zip(expected.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                panic!(
                    "{} on {layout:?}: the PDF's text differs from the document after {at} characters: PDF “{}” / document “{}”",
                    d.title,
                    layer.chars().skip(at).take(40).collect::<String>(),
                    expected.chars().skip(at).take(40).collect::<String>()
                );
            }
        }
    }
}

/// What the official form prints for a dossier of `ty`, in order: the cover's lines (the title
/// saying 申报书, not 申报书模板), 申报须知, the table's labels, headings, fixed texts and notes.
/// Left out, because a filled form replaces them: the template annotations (附件3,
/// 申报书封面格式-N), the form's instructions and hints, the blanks and choice lists of value
/// cells, and the blank date lines.
fn form_texts(ty: PilotType, registry: &Registry) -> Vec<String> {
    let form = official_form::read(&official_form::path());
    let n = match ty {
        PilotType::Enterprise => 1,
        PilotType::Industry => 2,
        PilotType::City => 3,
    };
    let template = registry.latest_for(ty).unwrap();
    let mut out = Vec::new();
    // The cover of this type.
    let marker = format!("申报书封面格式-{n}");
    let mut in_cover = false;
    for p in &form.paragraphs {
        let s = squeeze(p);
        if s.starts_with("申报书封面格式-") {
            in_cover = s == marker;
            continue;
        }
        if s == "申报须知" {
            in_cover = false;
            out.push(s.clone());
            continue;
        }
        if s == "附件3" {
            continue;
        }
        if in_cover {
            if s == "申报书模板" {
                out.push("申报书".into());
            } else if let Some(i) = s.find('：') {
                let label = &s[..i + '：'.len_utf8()];
                out.push(label.to_string());
                if let Some(j) = s.find('（') {
                    out.push(s[j..].to_string());
                }
            } else {
                out.push(s);
            }
        } else if s.starts_with("一、") || s.starts_with("二、") || s.starts_with("三、") {
            out.push(s); // 申报须知's notes
        }
    }
    // The table, row by row.
    let instructions: Vec<String> = template
        .sections
        .iter()
        .flat_map(|s| s.instruction.iter().map(|i| squeeze(i)))
        .collect();
    let headings: Vec<String> = template
        .sections
        .iter()
        .filter_map(|s| s.heading.as_deref().map(squeeze))
        .collect();
    let is_value_cell = |s: &str| {
        s.starts_with("年月至")
            || s.starts_with("国有企业")
            || s.starts_with("是（事件")
            || s.starts_with("企业可信数据空间")
            || s.starts_with("年月至")
            || s.starts_with("包括但不限于数据空间建设方")
            || s.starts_with("描述在空间中承担")
            || s.starts_with("描述与申报主体")
    };
    let mut skip_part = false;
    for row in &form.table.rows {
        let first = row
            .first()
            .map(Cell::text)
            .map(|t| squeeze(&t))
            .unwrap_or_default();
        if first.starts_with("八、") {
            skip_part = ty != PilotType::City;
        } else if first.starts_with("九、") {
            skip_part = ty != PilotType::Industry;
        } else if first.starts_with("十、") {
            skip_part = false;
        }
        if skip_part {
            continue;
        }
        for cell in row {
            // A value cell (its blanks, or the choices a filled form replaces by one).
            if cell
                .paragraphs
                .first()
                .is_some_and(|p| is_value_cell(&squeeze(p)))
            {
                continue;
            }
            for p in &cell.paragraphs {
                let s = squeeze(p);
                if s.is_empty() || instructions.contains(&s) {
                    continue;
                }
                // 五's cell: each part's heading, then its instruction.
                if let Some(h) = headings.iter().find(|h| s.starts_with(&format!("{h}，"))) {
                    out.push(h.clone());
                    continue;
                }
                if s.starts_with("年月日") {
                    continue; // the date, filled in
                }
                if let Some(rest) = s.strip_prefix("承诺时间：") {
                    let _ = rest;
                    out.push("承诺时间：".into());
                    continue;
                }
                if let Some(i) = s.find("（盖申报单位公章）") {
                    out.push(s[..i].to_string());
                    out.push("（盖申报单位公章）".into());
                    continue;
                }
                out.push(s);
            }
            for table in &cell.tables {
                for r in &table.rows {
                    for c in r {
                        let s = squeeze(&c.text());
                        if !s.is_empty() && !out.last().is_some_and(|l| *l == s && s == "试点目标")
                        {
                            out.push(s);
                        }
                    }
                }
            }
        }
    }
    out
}

#[test]
fn every_text_of_the_form_is_printed_in_the_forms_order() {
    let registry = Registry::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for ty in [PilotType::Enterprise, PilotType::Industry, PilotType::City] {
        let d = sample::generate(&registry, ty, 1).unwrap();
        let expected = form_texts(ty, &registry);
        assert!(
            expected.len() > 60,
            "{ty:?}: only {} texts read from the form",
            expected.len()
        );
        println!(
            "{ty:?}: {} texts of the form: {}",
            expected.len(),
            expected.join(" | ")
        );
        for layout in [PageLayout::Form, PageLayout::Gbt9704] {
            let (word, pdf, _) = write_both(&d, &registry, layout, dir.path());
            in_order(
                &format!("{ty:?} Word on {layout:?}"),
                &official_form::paragraphs_in_order(&word).concat(),
                &expected,
            );
            let layer = pdf_text(&pdf);
            in_order(&format!("{ty:?} PDF on {layout:?}"), &layer, &expected);
            // The form's instructions are guidance a filled form replaces: never printed.
            let template = registry.latest_for(ty).unwrap();
            let squeezed = squeeze(&layer);
            for s in &template.sections {
                for i in &s.instruction {
                    assert!(
                        !squeezed.contains(&squeeze(i)),
                        "{ty:?} on {layout:?}: the form's instruction is printed: {i}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_cover_carries_only_what_the_forms_cover_carries() {
    let registry = Registry::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for ty in [PilotType::Enterprise, PilotType::Industry, PilotType::City] {
        let d = sample::generate(&registry, ty, 1).unwrap();
        let (_, pdf, _) = write_both(&d, &registry, PageLayout::Form, dir.path());
        let (ok, cover) = tool(
            "pdftotext",
            &[
                "-raw".as_ref(),
                "-l".as_ref(),
                "1".as_ref(),
                pdf.as_os_str(),
                "-".as_ref(),
            ],
        );
        assert!(ok);
        let template = registry.latest_for(ty).unwrap();
        let c = template.cover.as_ref().unwrap();
        // Title, each line's label, value and note, the date line, the footer: nothing else.
        let mut expected = c.title.concat();
        for line in &c.lines {
            let value = line
                .field
                .as_deref()
                .and_then(|f| d.field(f))
                .unwrap_or_default();
            expected += &format!("{}{value}{}", line.label, line.note);
        }
        expected += &c.date_label;
        expected += &dossier_core::numbering::chinese_date(d.application_date);
        expected += &c.footer.concat();
        assert_eq!(squeeze(&cover), squeeze(&expected), "{ty:?} cover");
        for foreign in [
            "统一社会信用代码",
            "联系人",
            "模板",
            "附件3",
            "封面格式",
            "草稿",
            "校验码",
        ] {
            assert!(!cover.contains(foreign), "{ty:?} cover carries {foreign}");
        }
    }
}

#[test]
fn libreoffice_paginates_the_word_file_as_the_pdf_is_paginated() {
    let registry = Registry::embedded().unwrap();
    let env = Env::new();
    for layout in [PageLayout::Form, PageLayout::Gbt9704] {
        for ty in [PilotType::Enterprise, PilotType::Industry, PilotType::City] {
            let d = sample::generate(&registry, ty, 1).unwrap();
            let dir = env.path(&format!("pages-{ty:?}-{layout:?}"));
            std::fs::create_dir_all(&dir).unwrap();
            let (word, pdf, _) = write_both(&d, &registry, layout, &dir);
            let ours = pages(&pdf);
            let theirs = pages(&libreoffice_pdf(&word, &dir));
            let off = (theirs as f64 - ours as f64).abs() / ours as f64;
            println!("{ty:?} on {layout:?}: our PDF {ours} pages, LibreOffice {theirs} pages");
            assert!(
                off <= 0.05,
                "{ty:?} on {layout:?}: LibreOffice paginates our Word file at {theirs} pages, our PDF has {ours}"
            );
        }
    }
}
