//! The PDF electronic copy, checked with qpdf and poppler on real output: structure, embedded
//! subset fonts with Unicode maps, every Han character of the source back from the text layer in
//! order, and the 28 × 22 grid measured from the PDF's own text positions.

use dossier_core::model::Block;
use dossier_tests::{Env, han, pdf_lines, pdf_pages, tool};
use std::path::{Path, PathBuf};

const LEFT: f32 = 28.0 * 72.0 / 25.4;
const RIGHT: f32 = LEFT + 156.0 * 72.0 / 25.4;
const CELL: f32 = 156.0 * 72.0 / 25.4 / 28.0;

fn export_pdf(env: &Env, id: &str, extra: &[&str]) -> PathBuf {
    let out = env.path(&format!("pdf-{id}-{}", extra.len()));
    std::fs::create_dir_all(&out).unwrap();
    let mut args = vec![
        "export",
        id,
        "--format",
        "pdf",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    PathBuf::from(env.ok(&args).lines().last().unwrap())
}

fn structure_ok(pdf: &Path) {
    let (ok, out) = tool("qpdf", &["--check".as_ref(), pdf.as_os_str()]);
    assert!(
        ok && out.contains("No syntax or stream encoding errors"),
        "qpdf: {out}"
    );
    let (ok, fonts) = tool("pdffonts", &[pdf.as_os_str()]);
    assert!(ok);
    let rows: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!rows.is_empty());
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "font not embedded/subset/mapped: {row}"
        );
    }
}

/// Every paragraph's and table cell's Han characters come back, in order, from the text layer.
fn text_layer_complete(env: &Env, id: &str, pdf: &Path) {
    let doc: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", id])).unwrap();
    // Page furniture (the fingerprint label) is not part of the text flow.
    let layer = han(&pdf_pages(pdf)
        .concat()
        .replace("校验码", "")
        .replace("草稿", ""));
    // Paragraphs, headings, list items and free tables: present, and in reading order.
    let mut from = 0;
    for s in doc["dossier"]["sections"].as_array().unwrap() {
        let blocks: Vec<Block> = serde_json::from_value(s["blocks"].clone()).unwrap();
        for b in blocks {
            for t in b.texts() {
                let e = han(t);
                if e.is_empty() {
                    continue;
                }
                let at = layer[from..]
                    .find(e.as_str())
                    .unwrap_or_else(|| panic!("missing from the text layer, or out of order: {e}"));
                from += at + e.len();
            }
        }
    }
    // Structured table cells: each present (tables follow their section's text).
    for rows in doc["dossier"]["tables"].as_object().unwrap().values() {
        for row in rows.as_array().unwrap() {
            for cell in row.as_object().unwrap().values() {
                let e = han(cell.as_str().unwrap());
                assert!(
                    layer.contains(e.as_str()),
                    "table cell missing from the text layer: {e}"
                );
            }
        }
    }
}

#[test]
fn every_type_at_scales_1_and_4_is_well_formed_with_a_complete_text_layer() {
    let env = Env::new();
    for ty in ["enterprise", "industry", "city"] {
        for scale in ["1", "4"] {
            let id = env.ok(&["sample", "--type", ty, "--scale", scale]);
            // Above scale 1 a sample runs past the form's maxima: exported as a draft.
            let pdf = export_pdf(&env, &id, if scale == "1" { &[] } else { &["--draft"] });
            structure_ok(&pdf);
            text_layer_complete(&env, &id, &pdf);
            let (_, info) = tool("pdfinfo", &[pdf.as_os_str()]);
            assert!(info.contains("A4"), "{info}");
            let pages: usize = info
                .lines()
                .find_map(|l| l.strip_prefix("Pages:"))
                .unwrap()
                .trim()
                .parse()
                .unwrap();
            if scale == "4" {
                assert!(pages >= 90, "{ty} scale 4 has {pages} pages");
            } else {
                assert!((25..=60).contains(&pages), "{ty} scale 1 has {pages} pages");
            }
        }
    }
}

#[test]
fn body_text_sits_on_the_28_by_22_grid() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city", "--scale", "1"]);
    let pdf = export_pdf(&env, &id, &[]);
    let pages = pdf_lines(&pdf);
    let body_line = |l: &dossier_tests::PdfLine| {
        (l.y_max - l.y_min - 16.0).abs() < 0.5
            && l.x_min >= LEFT - 0.5
            && l.y_min < 37.0 * 72.0 / 25.4 + 640.0
    };
    let (mut full, mut on_grid) = (0, 0);
    let mut full_pages_checked = 0;
    for (pi, lines) in pages.iter().enumerate().skip(6) {
        let body: Vec<_> = lines.iter().filter(|l| body_line(l)).collect();
        for l in &body {
            let cjk_only = l.text.chars().all(|c| !c.is_ascii());
            if !cjk_only || l.x_max < RIGHT - 2.0 {
                continue;
            }
            full += 1;
            let mut chars = l.text.chars().count();
            if l.x_max > RIGHT + 2.0 {
                chars -= 1; // a closing mark hanging past the measure
            }
            let indent = ((l.x_min - LEFT) / CELL).round() as usize;
            if indent + chars == 28 {
                on_grid += 1;
            }
        }
        // A page whose text runs on to the next (its last line is a full line) holds 22 lines.
        let continues = body.last().is_some_and(|l| {
            l.x_max >= RIGHT - 2.0
                && l.text.chars().all(|c| !c.is_ascii())
                && !l.text.ends_with('。')
        });
        let next_starts_paragraph = pages
            .get(pi + 1)
            .and_then(|n| n.iter().find(|l| body_line(l)))
            .is_some_and(|l| (l.x_min - LEFT) < 1.0 && !l.text.starts_with("附件"));
        let pure_text = lines.iter().all(|l| body_line(l) || l.y_min > 700.0);
        if continues && next_starts_paragraph && pure_text {
            full_pages_checked += 1;
            assert_eq!(body.len(), 22, "page {} holds {} lines", pi + 1, body.len());
        }
    }
    assert!(full > 200, "only {full} full lines measured");
    assert!(
        on_grid as f32 >= 0.95 * full as f32,
        "{on_grid} of {full} full lines hold 28 cells"
    );
    assert!(
        full_pages_checked > 5,
        "only {full_pages_checked} full pages checked"
    );
}

#[test]
fn page_numbers_and_drafts() {
    let env = Env::new();
    let id = env.ok(&["example"]);
    let pdf = export_pdf(&env, &id, &["--draft"]);
    structure_ok(&pdf);
    let pages = pdf_pages(&pdf);
    assert!(!pages[0].contains("—1—"), "the cover has a page number");
    assert!(pages[1].contains("—2—") && pages[2].contains("—3—"));
    assert!(
        pages.iter().all(|p| p.contains("草稿")),
        "a draft page without the mark"
    );
    let lines = pdf_lines(&pdf);
    let number = |p: usize| {
        lines[p]
            .iter()
            .find(|l| l.text.starts_with('—'))
            .cloned()
            .unwrap()
    };
    assert!(
        number(1).x_min < LEFT + 2.0 * CELL,
        "even page numbers sit left"
    );
    assert!(
        number(2).x_max > RIGHT - 2.0 * CELL,
        "odd page numbers sit right"
    );
    // The contents carry the real page numbers of the body.
    let toc = pages
        .iter()
        .find(|p| p.contains("目录"))
        .expect("a contents page");
    assert!(toc.contains("二、发展基础"), "{toc}");
    let section_page = pages
        .iter()
        .position(|p| p.starts_with("二、发展基础"))
        .expect("part 二 starts a page")
        + 1;
    assert!(
        toc.contains(&format!("二、发展基础{section_page}")),
        "{toc}"
    );
}

#[test]
fn the_print_pack_collates_marked_copies_with_the_electronic_copys_fingerprint() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "industry"]);
    let out = env.path("all");
    std::fs::create_dir_all(&out).unwrap();
    let printed = env.ok(&[
        "export",
        &id,
        "--format",
        "all",
        "--out",
        out.to_str().unwrap(),
    ]);
    let files: Vec<PathBuf> = printed.lines().map(PathBuf::from).collect();
    assert_eq!(files.len(), 3, "{printed}");
    let electronic = files
        .iter()
        .find(|f| f.extension().unwrap() == "pdf" && !f.to_string_lossy().contains("三份"))
        .unwrap();
    let pack = files
        .iter()
        .find(|f| f.to_string_lossy().contains("纸质版一式三份"))
        .unwrap();
    structure_ok(electronic);
    structure_ok(pack);

    let single = pdf_pages(electronic);
    let copies = pdf_pages(pack);
    let per_copy = single.len() + single.len() % 2;
    assert_eq!(copies.len(), 3 * per_copy);
    for k in 0..3 {
        let start = k * per_copy;
        assert_eq!(start % 2, 0, "copy {} starts on an even page", k + 1);
        for p in &copies[start..start + per_copy] {
            assert!(
                p.contains(&format!("第{}份／共3份", k + 1)),
                "a page of copy {} lacks its mark",
                k + 1
            );
        }
        assert_eq!(
            han(&copies[start]),
            han(&single[0]).to_string() + &han(&format!("第{}份共3份", k + 1)).to_string() + "",
            "copy {} does not start with the cover",
            k + 1
        );
    }
    assert!(
        !single.iter().any(|p| p.contains("第1份")),
        "the electronic copy carries copy marks"
    );
    // The same fingerprint on every page of both.
    let fingerprint = single[0]
        .split("校验码")
        .nth(1)
        .map(|s| s.chars().take(10).collect::<String>())
        .expect("fingerprint on the cover");
    assert!(
        single
            .iter()
            .chain(&copies)
            .all(|p| p.contains(&format!("校验码{fingerprint}")))
    );
    // Fonts and images stored once: the pack is not three electronic copies.
    let size = |p: &Path| std::fs::metadata(p).unwrap().len() as f64;
    assert!(
        size(pack) < 1.5 * size(electronic),
        "pack {} vs electronic {}",
        size(pack),
        size(electronic)
    );

    // Structure a reader uses: page labels, nested bookmarks per copy, duplex viewer preferences.
    let (ok, json) = tool(
        "qpdf",
        &[
            "--json".as_ref(),
            "--json-key=pagelabels".as_ref(),
            "--json-key=outlines".as_ref(),
            pack.as_os_str(),
        ],
    );
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["pagelabels"][0]["label"]["/P"], "u:第1份-封面");
    let outlines = v["outlines"].as_array().unwrap();
    assert_eq!(outlines.len(), 3);
    let kids = outlines[0]["kids"].as_array().unwrap();
    assert!(kids[0]["title"].as_str().unwrap().starts_with("一、"));
    let foundation = kids
        .iter()
        .find(|k| k["title"] == "二、发展基础")
        .expect("part 二 in the bookmarks");
    assert!(
        !foundation["kids"].as_array().unwrap().is_empty(),
        "sub-sections are not nested"
    );
    let qdf = env.path("qdf.pdf");
    let (ok, _) = tool(
        "qpdf",
        &[
            "--qdf".as_ref(),
            "--object-streams=disable".as_ref(),
            pack.as_os_str(),
            qdf.as_os_str(),
        ],
    );
    assert!(ok);
    let raw = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    for needle in [
        "/Duplex /DuplexFlipLongEdge",
        "/PrintScaling /None",
        "/NumCopies 1",
        "/PageMode /UseOutlines",
        "/Lang (zh-CN)",
    ] {
        assert!(raw.contains(needle), "missing {needle}");
    }
    let (_, info) = tool("pdfinfo", &[electronic.as_os_str()]);
    let version = info
        .lines()
        .find_map(|l| l.strip_prefix("PDF version:"))
        .map(str::trim);
    assert_eq!(version, Some("1.7"), "{info}");
    assert!(
        info.contains("Author:") && info.contains("Keywords:"),
        "{info}"
    );

    // The export report lists every file with its hash and pages.
    let report_path = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with("导出报告.json"))
        .expect("report");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(report_path).unwrap()).unwrap();
    assert_eq!(report["fingerprint"], fingerprint.as_str());
    for f in report["files"].as_array().unwrap() {
        let path = PathBuf::from(f["path"].as_str().unwrap());
        let (_, sum) = tool("sha256sum", &[path.as_os_str()]);
        assert!(
            sum.starts_with(f["sha256"].as_str().unwrap()),
            "hash of {}",
            path.display()
        );
    }
    assert!(std::fs::read_dir(&out).unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with("导出报告.txt")
    }));
}

#[test]
fn scans_pass_through_and_rare_characters_stay_in_the_text_layer() {
    let env = Env::new();
    // A real JPEG scan, made by ImageMagick.
    let jpeg = env.path("scan.jpg");
    let (ok, out) = tool(
        "/usr/bin/convert",
        &[
            "-size".as_ref(),
            "300x420".as_ref(),
            "gradient:white-grey".as_ref(),
            "-quality".as_ref(),
            "85".as_ref(),
            jpeg.as_os_str(),
        ],
    );
    assert!(ok, "{out}");
    let scan = std::fs::read(&jpeg).unwrap();
    let id = env.ok(&["sample", "--type", "city"]);
    let mut doc: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", &id])).unwrap();
    let media_id = dossier_core::model::Media::id_for(&scan);
    use base64::Engine;
    doc["dossier"]["media"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "id": media_id, "file_name": "scan.jpg", "media_type": "image/jpeg",
            "data": base64::engine::general_purpose::STANDARD.encode(&scan),
        }));
    doc["dossier"]["attachments"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"title": "扫描件", "kind": "other", "media": media_id}));
    doc["dossier"]["sections"][0]["blocks"][0]["text"] = "生僻字𠀀在此。".into();
    let file = env.path("with-scan.json");
    std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
    let id2 = env.ok(&["import", file.to_str().unwrap()]);
    let pdf = export_pdf(&env, &id2, &["--draft"]);
    structure_ok(&pdf);
    let dir = env.path("images");
    std::fs::create_dir_all(&dir).unwrap();
    let (ok, _) = tool(
        "pdfimages",
        &["-j".as_ref(), pdf.as_os_str(), dir.join("img").as_os_str()],
    );
    assert!(ok);
    let same = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| std::fs::read(e.path()).unwrap() == scan);
    assert!(same, "the JPEG scan was re-encoded");
    let text: String = pdf_pages(&pdf).concat();
    assert!(
        text.contains("生僻字𠀀在此"),
        "the rare character left the text layer"
    );
}

#[test]
fn table_headers_repeat_on_continuation_pages() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "industry", "--scale", "4"]);
    let pdf = export_pdf(&env, &id, &["--draft"]);
    let pages = pdf_pages(&pdf);
    let with_header: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.contains("验收指标") && p.contains("阶段性成果"))
        .map(|(i, _)| i)
        .collect();
    assert!(
        with_header.windows(2).any(|w| w[1] == w[0] + 1),
        "no continuation page repeats the header: {with_header:?}"
    );
}
