//! Bringing in what was written in Word: the official form (the fixture, 附件3) filled in by
//! editing its XML as Word or WPS would save it, our own Word export round-tripped on both
//! layouts and edited and brought back onto its dossier, bad files refused in Chinese with
//! nothing written, and a fuzz run over cut and flipped files.

use dossier_core::model::{Block, Dossier, ListKind, PilotType};
use dossier_core::template::Registry;
use dossier_core::wordimport;
use dossier_tests::official_form::{self, squeeze};
use dossier_tests::{Env, han, has_chinese};
use proptest::prelude::*;
use std::io::{Read, Write};
use std::path::Path;

/// The byte ranges of the paragraphs of a document part, with their texts.
fn paragraphs(xml: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = find_tag(xml, at, "<w:p") {
        let (end, text) = if xml[i..].starts_with("<w:p/>") {
            (i + "<w:p/>".len(), String::new())
        } else {
            let close = xml[i..]
                .find("</w:p>")
                .map_or(xml.len(), |e| i + e + "</w:p>".len());
            (close, texts(&xml[i..close]))
        };
        out.push((i, end, text));
        at = end;
    }
    out
}

/// The next `<w:p>` or `<w:p …>` (not `<w:pPr>`) from `at`.
fn find_tag(xml: &str, mut at: usize, tag: &str) -> Option<usize> {
    while let Some(i) = xml[at..].find(tag).map(|i| at + i) {
        let next = xml[i + tag.len()..].chars().next();
        if matches!(next, Some('>') | Some(' ') | Some('/')) {
            return Some(i);
        }
        at = i + tag.len();
    }
    None
}

fn texts(xml: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    while let Some(i) = find_tag(xml, at, "<w:t") {
        let open_end = xml[i..].find('>').map_or(xml.len(), |e| i + e + 1);
        if xml[i..open_end].ends_with("/>") {
            at = open_end;
            continue;
        }
        let close = xml[open_end..]
            .find("</w:t>")
            .map_or(xml.len(), |e| open_end + e);
        out.push_str(&xml[open_end..close]);
        at = close;
    }
    out
}

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// Replaces the first paragraph whose text (squeezed) is `old` with paragraphs of `new`.
fn replace_para(xml: &mut String, old: &str, new: &[&str]) {
    let (s, e, _) = paragraphs(xml)
        .into_iter()
        .find(|(_, _, t)| squeeze(t) == squeeze(old))
        .unwrap_or_else(|| panic!("no paragraph “{old}” in the form"));
    let with: String = new.iter().map(|t| para(t)).collect();
    xml.replace_range(s..e, &with);
}

/// Adds paragraphs after the first paragraph whose text starts with `after` (guidance left in
/// place above the answer).
fn add_after(xml: &mut String, after: &str, new: &[&str]) {
    let (_, e, _) = paragraphs(xml)
        .into_iter()
        .find(|(_, _, t)| squeeze(t).starts_with(&squeeze(after)))
        .unwrap_or_else(|| panic!("no paragraph “{after}” in the form"));
    let with: String = new.iter().map(|t| para(t)).collect();
    xml.insert_str(e, &with);
}

/// The cells (byte ranges) of the row holding `at`.
fn cells_of_row(xml: &str, at: usize) -> Vec<(usize, usize)> {
    let start = ["<w:tr>", "<w:tr "]
        .iter()
        .filter_map(|t| xml[..at].rfind(t))
        .max()
        .unwrap();
    let end = xml[at..].find("</w:tr>").unwrap() + at;
    let mut out = Vec::new();
    let mut i = start;
    while let Some(c) = find_tag(xml, i, "<w:tc").filter(|c| *c < end) {
        let close = xml[c..].find("</w:tc>").unwrap() + c + "</w:tc>".len();
        out.push((c, close));
        i = close;
    }
    out
}

/// Types `value` into the `n`-th cell after the cell holding the label `label` (its first
/// paragraph replaced).
fn fill_after_label(xml: &mut String, label: &str, n: usize, value: &str) {
    let (ps, _, _) = paragraphs(xml)
        .into_iter()
        .find(|(_, _, t)| squeeze(t) == squeeze(label))
        .unwrap_or_else(|| panic!("no label “{label}”"));
    let cells = cells_of_row(xml, ps);
    let li = cells.iter().position(|(s, e)| *s <= ps && ps < *e).unwrap();
    type_into_cell(xml, cells[li + n], value);
}

/// Types `value` into the cell at `range`: its first paragraph replaced, the cell's other
/// paragraphs (the form's choices) gone, as a filled cell holds the answer.
fn type_into_cell(xml: &mut String, (cs, ce): (usize, usize), value: &str) {
    let mut cell = xml[cs..ce].to_string();
    let first = paragraphs(&cell).into_iter().next().unwrap();
    cell.replace_range(first.0..first.1, &para(value));
    let rest: Vec<_> = paragraphs(&cell).into_iter().skip(1).collect();
    for (s, e, _) in rest.into_iter().rev() {
        cell.replace_range(s..e, "");
    }
    xml.replace_range(cs..ce, &cell);
}

fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The package with its document part replaced, every other part kept.
fn with_document(docx: &[u8], xml: &str) -> Vec<u8> {
    with_parts(docx, xml, &[])
}

/// [`with_document`], with parts added (a picture) and the document's relationships given
/// `rels` more.
fn with_parts(docx: &[u8], xml: &str, added: &[(&str, &[u8], &str)]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        out.start_file(name.as_str(), options).unwrap();
        if name == "word/document.xml" {
            out.write_all(xml.as_bytes()).unwrap();
        } else if name == "word/_rels/document.xml.rels" && !added.is_empty() {
            let rels = String::from_utf8(data).unwrap();
            let more: String = added
                .iter()
                .map(|(part, _, id)| {
                    format!(
                        "<Relationship Id=\"{id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"{}\"/>",
                        part.trim_start_matches("word/")
                    )
                })
                .collect();
            out.write_all(
                rels.replace("</Relationships>", &format!("{more}</Relationships>"))
                    .as_bytes(),
            )
            .unwrap();
        } else {
            out.write_all(&data).unwrap();
        }
    }
    for (part, data, _) in added {
        out.start_file(*part, options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The form filled in as a city applicant would: one cover, the grid, sections typed over the
/// guidance or below it, 参与主体 rows, the 响应表 in prose, 五's parts under their headings.
fn filled_form() -> Vec<u8> {
    let form = std::fs::read(official_form::path()).unwrap();
    let mut xml = document_xml(&form);
    // Only the city's cover stays.
    let ps = paragraphs(&xml);
    let first = ps[0].0;
    let third = ps
        .iter()
        .find(|(_, _, t)| squeeze(t) == "申报书封面格式-3")
        .unwrap()
        .0;
    xml.replace_range(first..third, "");
    replace_para(
        &mut xml,
        "试点名称：",
        &["试点名称：星河市城市可信数据空间"],
    );
    replace_para(
        &mut xml,
        "申报单位：（加盖单位公章）",
        &["申报单位：星河数据集团有限公司（加盖单位公章）"],
    );
    replace_para(
        &mut xml,
        "推荐单位：（加盖单位公章）",
        &["推荐单位：某省数据局（加盖单位公章）"],
    );
    replace_para(&mut xml, "申报日期：年月日", &["申报日期：2025年4月18日"]);
    fill_after_label(&mut xml, "试点名称", 1, "星河市城市可信数据空间");
    fill_after_label(&mut xml, "申报单位名称", 1, "星河数据集团有限公司");
    fill_after_label(&mut xml, "试点周期", 1, "2025年9月 至 2027年8月");
    fill_after_label(&mut xml, "统一社会信用代码", 1, "91440300MA5G3R8W26");
    fill_after_label(
        &mut xml,
        "单位性质",
        1,
        "☑国有企业    □民营企业    □外资企业    □合资企业",
    );
    fill_after_label(&mut xml, "姓名", 1, "王晓敏");
    fill_after_label(&mut xml, "手机", 1, "13800138000");
    fill_after_label(&mut xml, "资产总额（万元）", 1, "320000");
    fill_after_label(&mut xml, "资产总额（万元）", 2, "361000");
    fill_after_label(&mut xml, "资产总额（万元）", 3, "402000");
    fill_after_label(
        &mut xml,
        "企业近三年是否发生重大信息安全、网络安全事件、生产安全事故",
        1,
        "否",
    );
    // Typed over the guidance, and below the guidance left in place.
    replace_para(
        &mut xml,
        "介绍申报单位主营业务等基本概况，以及可信数据空间相关工作基础和能力等情况。",
        &[
            "星河数据集团成立于2012年，主营城市数据运营。",
            "公司已建设数据共享交换平台。",
        ],
    );
    add_after(
        &mut xml,
        "运营管理相关工作基础",
        &["已上线应用三十八个，服务企业两百家。"],
    );
    add_after(
        &mut xml,
        "试点方案总体思路和主要任务",
        &["以场景牵引数据流通，分三步推进。"],
    );
    add_after(&mut xml, "（一）应用共创情况", &["围绕城市治理共创应用。"]);
    add_after(
        &mut xml,
        "（五）技术方案",
        &["采用统一身份认证和使用控制。"],
    );
    // Inside a part: a bulleted list, a table with its caption, a picture with its caption.
    let (_, e, _) = paragraphs(&xml)
        .into_iter()
        .find(|(_, _, t)| t == "采用统一身份认证和使用控制。")
        .unwrap();
    let item = |t: &str| {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"
        )
    };
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", para(t));
    let inside = format!(
        "{}{}{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl><w:p><w:r><w:drawing><a:blip xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:embed=\"rIdTest1\"/></w:drawing></w:r></w:p>{}",
        item("可信管控"),
        item("资源交互"),
        para("表1　技术指标"),
        cell("指标"),
        cell("目标值"),
        cell("接入节点"),
        cell("50个"),
        para("图1　总体架构图"),
    );
    xml.insert_str(e, &inside);
    replace_para(&mut xml, "承诺时间：年月日", &["承诺时间：2025年4月18日"]);
    // 参与主体: the first empty row filled, and one more added.
    let hint = paragraphs(&xml)
        .into_iter()
        .find(|(_, _, t)| t.starts_with("包括但不限于"))
        .unwrap()
        .0;
    let row_end = xml[hint..].find("</w:tr>").unwrap() + hint + "</w:tr>".len();
    let next_end = xml[row_end..].find("</w:tr>").unwrap() + row_end + "</w:tr>".len();
    let mut row = xml[row_end..next_end].to_string();
    for (i, value) in ["星河科技公司", "数据提供方", "提供交通数据"]
        .iter()
        .enumerate()
    {
        let cell = cells_of_row(&row, 8)[i];
        type_into_cell(&mut row, cell, value);
    }
    let extra = row
        .replace("星河科技公司", "星河银行")
        .replace("数据提供方", "数据使用方")
        .replace("提供交通数据", "开发金融产品");
    xml.replace_range(row_end..next_end, &format!("{row}{extra}"));
    // The 响应表 in prose.
    let (rs, _, _) = paragraphs(&xml)
        .into_iter()
        .find(|(_, _, t)| t == "具有更开放的数据资源")
        .unwrap();
    let cells = cells_of_row(&xml, rs);
    let at = cells.iter().position(|(s, e)| *s <= rs && rs < *e).unwrap();
    for (k, value) in [
        (1, "开放数据集 26 个，日活用户占比 32%"),
        (2, "已开放城市公共数据"),
    ] {
        let cell = cells_of_row(&xml, rs)[at + k];
        type_into_cell(&mut xml, cell, value);
    }
    with_parts(
        &form,
        &xml,
        &[("word/media/test-architecture.png", PNG, "rIdTest1")],
    )
}

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0xFC, 0xCF, 0xC0, 0x50,
    0x0F, 0x00, 0x04, 0x85, 0x01, 0x80, 0x84, 0xA9, 0x8C, 0x21, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn all_text(d: &Dossier) -> String {
    let mut t = String::new();
    for p in dossier_core::model::FIELD_PATHS {
        t += &d.field(p).unwrap_or_default();
    }
    for s in &d.sections {
        for b in &s.blocks {
            t += &b.texts().concat();
        }
    }
    for rows in d.tables.values() {
        for r in rows {
            t += &r.values().cloned().collect::<String>();
        }
    }
    for a in &d.attachments {
        t += &a.title;
    }
    for u in &d.unplaced {
        for b in &u.blocks {
            t += &b.texts().concat();
        }
    }
    t
}

/// Every paragraph of the Word file's body is the form's own text, or its Han characters are in
/// the dossier or its unplaced content.
fn nothing_dropped(docx: &Path, d: &Dossier) {
    let blank: Vec<String> = official_form::paragraphs_in_order(&official_form::path())
        .iter()
        .map(|p| han(p))
        .collect();
    let kept = han(&all_text(d));
    for p in official_form::paragraphs_in_order(docx) {
        let h = han(&p);
        if h.is_empty() || blank.iter().any(|b| b == &h) {
            continue;
        }
        // A cover or seal line: its label and note are the form's, its value the dossier's.
        let mut value = p.split_once('：').map_or(p.clone(), |(_, v)| v.to_string());
        while let (Some(i), Some(j)) = (value.find('（'), value.find('）')) {
            if j < i || !blank.iter().any(|b| b.contains(&han(&value[i..j]))) {
                break;
            }
            value.replace_range(i..j + '）'.len_utf8(), "");
        }
        let value = han(&value);
        assert!(
            kept.contains(&h) || kept.contains(&value) || blank.iter().any(|b| b.contains(&h)),
            "dropped from the Word file: {p}"
        );
    }
}

#[test]
fn the_form_filled_in_word_comes_in_field_by_field_and_part_by_part() {
    let registry = Registry::embedded().unwrap();
    let env = Env::new();
    let file = env.path("填好的申报书.docx");
    std::fs::write(&file, filled_form()).unwrap();
    let bytes = std::fs::read(&file).unwrap();
    let imported = wordimport::import(&registry, "填好的申报书.docx", &bytes, None).unwrap();
    let d = &imported.dossier;
    assert_eq!(d.pilot_type, PilotType::City, "the type from the cover");
    assert_eq!(d.title, "星河市城市可信数据空间");
    let fm = &d.front_matter;
    assert_eq!(fm.applicant.name, "星河数据集团有限公司");
    assert_eq!(fm.recommending_unit, "某省数据局");
    assert_eq!(d.application_date.unwrap().to_string(), "2025-04-18");
    assert_eq!(
        (fm.period.start.as_str(), fm.period.end.as_str()),
        ("2025-09", "2027-08")
    );
    assert_eq!(fm.applicant.credit_code, "91440300MA5G3R8W26");
    assert_eq!(fm.applicant.nature, "国有企业");
    assert_eq!(
        (fm.contact.name.as_str(), fm.contact.mobile.as_str()),
        ("王晓敏", "13800138000")
    );
    assert_eq!(
        [
            &fm.finances[0].assets,
            &fm.finances[1].assets,
            &fm.finances[2].assets
        ],
        ["320000", "361000", "402000"]
    );
    assert_eq!(fm.incident.answer, "否");
    assert_eq!(fm.commitment.signed_on.unwrap().to_string(), "2025-04-18");
    let text = |key: &str| {
        d.section(key)
            .map(|s| {
                s.blocks
                    .iter()
                    .flat_map(|b| b.texts())
                    .collect::<Vec<_>>()
                    .concat()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        text("basics"),
        "星河数据集团成立于2012年，主营城市数据运营。公司已建设数据共享交换平台。"
    );
    assert_eq!(
        text("work_done"),
        "已上线应用三十八个，服务企业两百家。",
        "the guidance above the answer is not content"
    );
    assert_eq!(text("approach"), "以场景牵引数据流通，分三步推进。");
    assert_eq!(text("cocreation"), "围绕城市治理共创应用。");
    let technical = &d.section("technical").unwrap().blocks;
    assert_eq!(
        technical[0],
        Block::paragraph("采用统一身份认证和使用控制。")
    );
    assert_eq!(
        technical[1],
        Block::List {
            kind: ListKind::Bullet,
            items: vec!["可信管控".into(), "资源交互".into()]
        }
    );
    assert_eq!(
        technical[2],
        Block::Table {
            caption: "表1　技术指标".into(),
            header: vec!["指标".into(), "目标值".into()],
            rows: vec![vec!["接入节点".into(), "50个".into()]]
        }
    );
    match &technical[3] {
        Block::Image { media, caption } => {
            assert_eq!(caption, "图1　总体架构图");
            assert!(d.media.iter().any(|m| &m.id == media && m.data == PNG));
        }
        other => panic!("not the picture: {other:?}"),
    }
    let partners = &d.tables["participants"];
    assert_eq!(partners.len(), 2, "{partners:?}");
    assert_eq!(partners[1]["name"], "星河银行");
    assert_eq!(partners[1]["duty"], "数据使用方");
    let response = &d.tables["response"];
    assert_eq!(response.len(), 5);
    assert_eq!(
        response[0]["indicators"],
        "开放数据集：26 个\n日活用户占比：32%"
    );
    assert_eq!(response[0]["response"], "已开放城市公共数据");
    assert_eq!(d.unplaced.len(), 0, "{:?}", d.unplaced);
    nothing_dropped(&file, d);
    // Stored, it opens with the checks run.
    let id = env.ok(&["import-docx", file.to_str().unwrap()]);
    let check = env.run(&["check", &id, "--json"]);
    assert!(check.code <= 1, "{}", check.stderr);
    let report: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    // The parts the Word file filled are counted as written, on the form's own template.
    let status = |key: &str| {
        report["counts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["key"] == key)
            .map(|c| c["status"].as_str().unwrap().to_string())
    };
    for key in d.sections.iter().map(|s| s.key.as_str()) {
        assert!(
            status(key).is_some_and(|s| s != "empty"),
            "{key} is {:?} after the import",
            status(key)
        );
    }
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"] != "project.template" && f["rule"] != "project.pilot_type"),
        "the import is not on the form's template"
    );
}

#[test]
fn our_own_export_comes_back_part_by_part_on_both_layouts() {
    let env = Env::new();
    for ty in ["enterprise", "industry", "city", "example"] {
        // The hand-written example has lists, headings, tables and pictures in its parts.
        let id = if ty == "example" {
            env.ok(&["example"])
        } else {
            env.ok(&["sample", "--type", ty])
        };
        for layout in ["form", "gbt9704"] {
            let out = env.path(&format!("rt-{ty}-{layout}"));
            std::fs::create_dir_all(&out).unwrap();
            let printed = env.ok(&[
                "export",
                &id,
                "--format",
                "docx",
                "--layout",
                layout,
                "--draft",
                "--out",
                out.to_str().unwrap(),
            ]);
            let docx = printed.lines().last().unwrap().to_string();
            let back = env.ok(&["import-docx", &docx]);
            let a: serde_json::Value =
                serde_json::from_str(&env.ok(&["export-json", &id])).unwrap();
            let b: serde_json::Value =
                serde_json::from_str(&env.ok(&["export-json", &back])).unwrap();
            let (a, b) = (&a["dossier"], &b["dossier"]);
            for key in [
                "title",
                "application_date",
                "front_matter",
                "sections",
                "tables",
            ] {
                assert_eq!(
                    a[key], b[key],
                    "{ty} on {layout}: {key} changed in the round trip"
                );
            }
            let kinds = |v: &serde_json::Value| -> Vec<(String, String)> {
                v["attachments"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| {
                        (
                            x["title"].as_str().unwrap().into(),
                            x["kind"].as_str().unwrap().into(),
                        )
                    })
                    .collect()
            };
            assert_eq!(kinds(a), kinds(b), "{ty} on {layout}: attachments");
            assert!(
                b.get("unplaced").is_none(),
                "{ty} on {layout}: {:?}",
                b.get("unplaced")
            );
        }
    }
}

#[test]
fn an_edited_export_comes_back_onto_its_dossier_after_the_differences() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city"]);
    let out = env.path("onto");
    std::fs::create_dir_all(&out).unwrap();
    let printed = env.ok(&[
        "export",
        &id,
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ]);
    let docx = std::fs::read(printed.lines().last().unwrap()).unwrap();
    let before_text = env.ok(&["export-json", &id]);
    let before: serde_json::Value = serde_json::from_str(&before_text).unwrap();
    let technical = before["dossier"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "technical")
        .unwrap()["blocks"][0]["text"]
        .as_str()
        .unwrap()
        .to_string();
    let partner = before["dossier"]["tables"]["participants"][0]["name"]
        .as_str()
        .unwrap()
        .to_string();
    // In Word: a paragraph rewritten, one added after it, a 参与主体 row added.
    let mut xml = document_xml(&docx);
    replace_para(
        &mut xml,
        &technical,
        &["在 Word 中改写的技术方案首段。", "在 Word 中新增的一段。"],
    );
    let at = xml.find(&format!(">{partner}<")).unwrap();
    let start = ["<w:tr>", "<w:tr "]
        .iter()
        .filter_map(|t| xml[..at].rfind(t))
        .max()
        .unwrap();
    let end = xml[at..].find("</w:tr>").unwrap() + at + "</w:tr>".len();
    let added = xml[start..end].replace(&partner, "在 Word 中新增的合作单位");
    xml.insert_str(end, &added);
    let edited = env.path("改过的.docx");
    std::fs::write(&edited, with_document(&docx, &xml)).unwrap();

    let shown = env.ok(&["import-docx", edited.to_str().unwrap(), "--onto", &id]);
    assert!(
        shown.contains("在 Word 中新增的一段") && shown.contains("未做修改"),
        "{shown}"
    );
    assert_eq!(
        env.ok(&["export-json", &id]),
        before_text,
        "the preview changed the dossier"
    );
    let done = env.ok(&[
        "import-docx",
        edited.to_str().unwrap(),
        "--onto",
        &id,
        "--confirm",
    ]);
    assert!(
        done.contains("已导入") && done.contains("dossier restore"),
        "{done}"
    );
    let after: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", &id])).unwrap();
    let (b, a) = (&before["dossier"], &after["dossier"]);
    let sections = |v: &serde_json::Value| -> Vec<serde_json::Value> {
        v["sections"].as_array().unwrap().clone()
    };
    for (x, y) in sections(b).iter().zip(sections(a).iter()) {
        if x["key"] == "technical" {
            let t = y["blocks"].to_string();
            assert!(
                t.contains("在 Word 中改写的技术方案首段") && t.contains("在 Word 中新增的一段")
            );
            assert_eq!(
                x["blocks"].as_array().unwrap().len() + 1,
                y["blocks"].as_array().unwrap().len()
            );
        } else {
            assert_eq!(x, y, "section {} changed", x["key"]);
        }
    }
    assert_eq!(
        a["tables"]["participants"].as_array().unwrap().len(),
        b["tables"]["participants"].as_array().unwrap().len() + 1
    );
    assert_eq!(a["front_matter"], b["front_matter"]);
    assert_eq!(a["attachments"], b["attachments"]);
    // Undoable: the snapshot taken first gives the dossier back.
    let snapshot = done
        .split("快照 ")
        .nth(1)
        .unwrap()
        .split('，')
        .next()
        .unwrap()
        .to_string();
    env.ok(&["restore", &id, &snapshot]);
    let restored: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", &id])).unwrap();
    assert_eq!(restored["dossier"], before["dossier"]);
}

fn refused(bytes: &[u8], expect: &str) {
    let registry = Registry::embedded().unwrap();
    let err = wordimport::import(&registry, "坏文件.docx", bytes, None).unwrap_err();
    let msg = err.to_string();
    assert!(
        has_chinese(&msg) && msg.contains("坏文件.docx") && msg.contains(expect),
        "{msg}"
    );
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        out.start_file(*name, options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn bad_files_are_refused_in_chinese_and_nothing_is_written() {
    refused(b"%PDF-1.7 not a word file", "不是 Word 文档");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(std::iter::repeat_n(0u8, 600));
    refused(&ole, "另存为");
    let mut encrypted = ole.clone();
    encrypted.extend(
        "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    refused(&encrypted, "密码");
    let doc = |body: &str| {
        format!(
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
        )
    };
    let other = doc(&format!(
        "{}{}",
        para("2025年城市可信数据空间创新发展试点项目"),
        para("一份会议纪要。")
    ));
    refused(
        &zip_of(&[("word/document.xml", other.as_bytes())]),
        "只认出了封面",
    );
    refused(
        &zip_of(&[("word/document.xml", doc(&para("会议纪要")).as_bytes())]),
        "无法判断试点类型",
    );
    refused(&zip_of(&[("docProps/app.xml", b"<x/>")]), "没有 Word 正文");
    refused(&zip_of(&[("../evil.xml", b"<x/>")]), "包外");
    // A zip bomb: 300 MB of zeros in a few hundred KB.
    let zeros = vec![0u8; 300 * 1024 * 1024];
    refused(&zip_of(&[("word/document.xml", &zeros)]), "压缩比异常");
    // An oversized picture.
    let big = vec![7u8; 70 * 1024 * 1024];
    refused(
        &zip_of(&[
            ("word/document.xml", doc("").as_bytes()),
            ("word/media/image1.png", &big),
        ]),
        "超过",
    );
    // Nothing was stored by any of them.
    let env = Env::new();
    let bad = env.path("bad.docx");
    std::fs::write(&bad, b"not a word file").unwrap();
    let r = env.run(&["import-docx", bad.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("不是 Word 文档"), "{}", r.stderr);
    assert!(
        env.ok(&["list"]).contains("还没有申报书"),
        "something was stored"
    );
}

#[test]
fn macros_in_a_docm_are_ignored_never_run() {
    let registry = Registry::embedded().unwrap();
    let form = filled_form();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(form.clone())).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        entries.push((e.name().to_string(), data));
    }
    entries.push((
        "word/vbaProject.bin".into(),
        b"Sub AutoOpen(): Shell \"rm -rf /\": End Sub".to_vec(),
    ));
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let docm = zip_of(&refs);
    let imported = wordimport::import(&registry, "带宏.docm", &docm, None).unwrap();
    assert_eq!(imported.dossier.title, "星河市城市可信数据空间");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]
    /// Cut and byte-flipped Word files never panic and always answer in Chinese.
    #[test]
    fn cut_and_flipped_files_never_panic(cut in 0.0f64..1.0, flips in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 0..8)) {
        let registry = Registry::embedded().unwrap();
        let mut bytes = filled_form();
        for (at, b) in flips {
            let i = ((bytes.len() - 1) as f64 * at) as usize;
            bytes[i] ^= b | 1;
        }
        bytes.truncate(((bytes.len() as f64) * (0.05 + 0.95 * cut)) as usize);
        match wordimport::import(&registry, "坏.docx", &bytes, None) {
            Ok(_) => {}
            Err(e) => prop_assert!(has_chinese(&e.to_string()), "not Chinese: {e}"),
        }
    }
}

/// A minimal Word package around a body (the cover names the type, so the import gets past it).
fn body_docx(body: &str) -> Vec<u8> {
    let xml = format!(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{}{body}</w:body></w:document>",
        para("2025年城市可信数据空间创新发展试点项目")
    );
    zip_of(&[("word/document.xml", xml.as_bytes())])
}

#[test]
fn nesting_past_the_limit_is_refused_without_exhausting_the_reader() {
    // 60 000 tables each inside the other (a 2.6 MB file): refused in Chinese, no stack overflow.
    let depth = 60_000;
    let nest = |n: usize| {
        format!(
            "{}<w:p/>{}",
            "<w:tbl><w:tr><w:tc>".repeat(n),
            "</w:tc></w:tr></w:tbl>".repeat(n)
        )
    };
    refused(&body_docx(&nest(depth)), "嵌套超过");
    // 10 000 deep inside the form's own table (the flattening step once copied each level).
    let form = format!(
        "<w:tbl><w:tr><w:tc>{}{}</w:tc></w:tr></w:tbl>",
        para("申报基本情况表"),
        nest(10_000)
    );
    refused(&body_docx(&form), "嵌套超过");
    // Wide instead of deep: more paragraphs than any form has (2 000 001 empty ones, a 12 MB
    // part) is refused by its count, not read into memory without end.
    // Stored, not deflated: so repetitive a part would otherwise be stopped by its ratio first.
    let many = format!(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{}</w:body></w:document>",
        "<w:p/>".repeat(wordimport::read::MAX_NODES + 1)
    );
    let stored = {
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        out.start_file("word/document.xml", options).unwrap();
        out.write_all(many.as_bytes()).unwrap();
        out.finish().unwrap().into_inner()
    };
    refused(&stored, "段落和单元格");
    // Within the limit the same shape reads (as the form's table, cell by cell).
    let registry = Registry::embedded().unwrap();
    let within = format!(
        "<w:tbl><w:tr><w:tc>{}{}</w:tc></w:tr></w:tbl>",
        para("申报基本情况表"),
        nest(30)
    );
    let err = wordimport::import(&registry, "浅.docx", &body_docx(&within), None);
    assert!(
        err.as_ref().is_err_and(|e| !e.to_string().contains("嵌套")),
        "{:?}",
        err.map(|_| ())
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]
    /// Any nesting depth and width of tables either reads or is refused in Chinese; never a
    /// panic, never an overflow.
    #[test]
    fn nests_of_any_depth_and_width_never_panic(depth in 0usize..200, width in 1usize..40) {
        let registry = Registry::embedded().unwrap();
        let row = "<w:tc><w:p><w:r><w:t>格</w:t></w:r></w:p></w:tc>".repeat(width);
        let body = format!(
            "{}{}<w:p/>{}",
            para("申报基本情况表"),
            format!("<w:tbl><w:tr>{row}<w:tc>").repeat(depth),
            "</w:tc></w:tr></w:tbl>".repeat(depth)
        );
        match wordimport::import(&registry, "嵌套.docx", &body_docx(&body), None) {
            Ok(_) => prop_assert!(depth <= 32),
            Err(e) => prop_assert!(has_chinese(&e.to_string()), "not Chinese: {e}"),
        }
    }
}

/// The form filled in, as another producer writes the same content: property elements as
/// start/end pairs, characters as numeric references, a row the form does not have, content
/// embedded in another format.
#[test]
fn other_producers_writing_reads_as_ours_and_nothing_goes_silently() {
    let registry = Registry::embedded().unwrap();
    let form = filled_form();
    let ours = wordimport::import(&registry, "表.docx", &form, None).unwrap();
    let mut xml = document_xml(&form);
    // Start/end pairs where Word writes empty elements.
    for tag in ["w:gridSpan", "w:vMerge", "w:pStyle", "w:numId"] {
        let mut out = String::new();
        let mut rest = xml.as_str();
        while let Some(at) = rest.find(&format!("<{tag} ")) {
            let end = at + rest[at..].find("/>").unwrap();
            out.push_str(&rest[..end]);
            out.push_str(&format!("></{tag}>"));
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        xml = out;
    }
    // The title's characters as numeric character references (星 is U+661F).
    assert!(xml.contains("星河市"), "the filled form names 星河市");
    xml = xml.replace("星河市", "&#x661F;&#27827;市");
    let paired = wordimport::import(&registry, "表.docx", &with_document(&form, &xml), None)
        .expect("the same content, written otherwise");
    assert_eq!(paired.dossier, ours.dossier, "read otherwise than our own");

    // A row added to the form's table and an altChunk after the form: the import goes through,
    // the row is kept as unplaced content, the embedded part is listed as not imported.
    let grid_row = xml.find("<w:tr").unwrap();
    let added = "<w:tr><w:tc><w:p><w:r><w:t>自行增加的一行</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>补充说明内容</w:t></w:r></w:p></w:tc></w:tr>";
    let mut extra = xml.clone();
    let after_first_row = grid_row + extra[grid_row..].find("</w:tr>").unwrap() + "</w:tr>".len();
    extra.insert_str(after_first_row, added);
    let body_end = extra
        .rfind("<w:sectPr")
        .unwrap_or_else(|| extra.rfind("</w:body>").unwrap());
    extra.insert_str(body_end, "<w:altChunk r:id=\"rIdChunk\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"/>");
    let imported = wordimport::import(&registry, "表.docx", &with_document(&form, &extra), None)
        .expect("one extra row does not fail the import");
    let unplaced: String = imported
        .dossier
        .unplaced
        .iter()
        .flat_map(|u| u.blocks.iter().flat_map(|b| b.texts()))
        .collect();
    assert!(
        unplaced.contains("自行增加的一行") && unplaced.contains("补充说明内容"),
        "{unplaced}"
    );
    assert!(unplaced.contains("无法导入"), "{unplaced}");
    assert_eq!(
        imported.report.not_imported.len(),
        1,
        "{:?}",
        imported.report
    );
    // And it stores: the unplaced row is a table the store accepts.
    let env = Env::new();
    let file = env.path("多一行.docx");
    std::fs::write(&file, with_document(&form, &extra)).unwrap();
    let id = env.ok(&["import-docx", file.to_str().unwrap()]);
    assert!(env.ok(&["export-json", &id]).contains("自行增加的一行"));
}

/// Our Word export opened and saved again by LibreOffice (which writes `<a:blip …></a:blip>`,
/// its own styles and numbering) comes back with every paragraph, table row and picture.
#[test]
fn our_export_saved_again_by_libreoffice_comes_back_whole() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city"]);
    let out = env.path("out");
    std::fs::create_dir_all(&out).unwrap();
    let printed = env.ok(&[
        "export",
        &id,
        "--format",
        "docx",
        "--draft",
        "--out",
        out.to_str().unwrap(),
    ]);
    let docx = std::path::PathBuf::from(printed.lines().last().unwrap());
    let resaved = dossier_tests::libreoffice_resave(&docx, &env.path("lo"));
    let direct = env.ok(&["import-docx", docx.to_str().unwrap()]);
    let again = env.ok(&["import-docx", resaved.to_str().unwrap()]);
    let read = |id: &str| -> serde_json::Value {
        serde_json::from_str(&env.ok(&["export-json", id])).unwrap()
    };
    let (a, b) = (read(&direct), read(&again));
    let count = |d: &serde_json::Value, what: &str| -> usize {
        d["dossier"]["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["blocks"].as_array().unwrap())
            .filter(|b| b["type"] == what)
            .count()
    };
    let rows = |d: &serde_json::Value| -> usize {
        d["dossier"]["tables"]
            .as_object()
            .unwrap()
            .values()
            .map(|t| t.as_array().unwrap().len())
            .sum()
    };
    assert!(
        count(&a, "image") > 0,
        "the sample has pictures in its parts"
    );
    for what in ["paragraph", "heading", "list", "table", "image"] {
        assert_eq!(
            count(&a, what),
            count(&b, what),
            "{what} blocks after LibreOffice"
        );
    }
    assert_eq!(rows(&a), rows(&b), "table rows after LibreOffice");
    assert_eq!(
        a["dossier"]["attachments"].as_array().unwrap().len(),
        b["dossier"]["attachments"].as_array().unwrap().len(),
        "attachments after LibreOffice"
    );
    assert_eq!(
        a["dossier"]["sections"], b["dossier"]["sections"],
        "the parts' content"
    );
    assert!(
        b["dossier"].get("unplaced").is_none(),
        "{:?}",
        b["dossier"].get("unplaced")
    );
}
