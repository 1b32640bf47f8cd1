//! The PDF electronic copy, checked with qpdf and poppler on real output: structure, embedded
//! subset fonts with Unicode maps, every Han character of the source back from the text layer in
//! order, and the 28 × 22 grid measured from the PDF's own text positions.

use dossier_core::model::Block;
use dossier_tests::{Env, han, pdf_lines, pdf_pages, tool};
use std::path::{Path, PathBuf};
use std::process::Command;

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
        for (scale, layout) in [
            ("1", "form"),
            ("4", "form"),
            ("1", "gbt9704"),
            ("4", "gbt9704"),
        ] {
            let id = env.ok(&["sample", "--type", ty, "--scale", scale]);
            // Above scale 1 a sample runs past the form's maxima: exported as a draft.
            let mut args = vec!["--layout", layout];
            if scale != "1" {
                args.push("--draft");
            }
            let pdf = export_pdf(&env, &id, &args);
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
    let pdf = export_pdf(&env, &id, &["--layout", "gbt9704"]);
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

/// Grey levels of a page rendered by poppler at 20 dpi (PGM), to see what is drawn.
fn grey_pixels(pdf: &Path, page: usize) -> Vec<u8> {
    let n = page.to_string();
    let out = Command::new("pdftoppm")
        .args(["-gray", "-r", "20", "-f", &n, "-l", &n])
        .arg(pdf)
        .output()
        .expect("pdftoppm runs");
    assert!(out.status.success());
    // P5 header: magic, width, height, maxval, each followed by whitespace.
    let mut fields = 0;
    let mut i = 0;
    while fields < 4 {
        while out.stdout[i].is_ascii_whitespace() {
            i += 1;
        }
        while !out.stdout[i].is_ascii_whitespace() {
            i += 1;
        }
        fields += 1;
    }
    out.stdout[i + 1..].to_vec()
}

#[test]
fn page_numbers_and_drafts() {
    let env = Env::new();
    let id = env.ok(&["example"]);
    // The form's page: numbers centred, no contents, no marks.
    let pdf = export_pdf(&env, &id, &["--draft"]);
    structure_ok(&pdf);
    let pages = pdf_pages(&pdf);
    assert!(!pages[0].contains("—1—"), "the cover has a page number");
    assert!(pages[1].contains("—2—") && pages[2].contains("—3—"));
    assert!(
        !pages.iter().any(|p| p.contains("校验码")),
        "a fingerprint by default"
    );
    let lines = pdf_lines(&pdf);
    // The contents page: its title 目　　录 heads the page.
    let contents_title = |pages: &[String]| {
        pages.iter().position(|p| {
            p.chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
                .collect::<String>()
                .starts_with("目录")
        })
    };
    assert_eq!(contents_title(&pages), None, "a contents page by default");
    let number = |lines: &[Vec<dossier_tests::PdfLine>], p: usize| {
        lines[p]
            .iter()
            .find(|l| l.text.starts_with('—'))
            .cloned()
            .unwrap()
    };
    let centre = 210.0 * 72.0 / 25.4 / 2.0;
    for p in [1, 2] {
        let n = number(&lines, p);
        assert!(
            ((n.x_min + n.x_max) / 2.0 - centre).abs() < 3.0,
            "page number of page {} not centred",
            p + 1
        );
    }
    // The draft mark is not in the text layer.
    assert!(
        !pages.iter().any(|p| p.contains("草稿")),
        "草稿 in the text layer"
    );
    // It is drawn on every page, under the text: compared with a final export of the same
    // (complete) dossier page by page, the draft has light grey where the final page is white,
    // and no dark pixel of the final page is lighter in the draft.
    let complete = env.ok(&["sample", "--type", "city"]);
    for layout in ["form", "gbt9704"] {
        let draft = export_pdf(&env, &complete, &["--draft", "--layout", layout]);
        let final_copy = export_pdf(&env, &complete, &["--layout", layout]);
        let n = pdf_pages(&final_copy).len();
        assert_eq!(pdf_pages(&draft).len(), n, "{layout}: the mark moved pages");
        let mut mostly_white = 0;
        for p in 1..=n {
            let (d, f) = (grey_pixels(&draft, p), grey_pixels(&final_copy, p));
            assert_eq!(d.len(), f.len());
            let marked = d
                .iter()
                .zip(&f)
                .filter(|(d, f)| **f >= 250 && (150..=245).contains(*d))
                .count();
            // A page a picture fills hides the mark (it is under the content): only pages that
            // are mostly white must show it.
            let white = f.iter().filter(|v| **v >= 250).count();
            if white * 10 >= f.len() * 7 {
                mostly_white += 1;
                assert!(
                    marked > 200,
                    "{layout} page {p}: no draft mark ({marked} grey pixels in the draft, white in the final)"
                );
            }
            let lightened = d
                .iter()
                .zip(&f)
                .filter(|(d, f)| **f < 100 && **d > **f + 30)
                .count();
            assert_eq!(lightened, 0, "{layout} page {p}: the mark covers text");
        }
        assert!(
            mostly_white * 2 > n,
            "{layout}: {mostly_white} of {n} pages looked at"
        );
    }

    // GB/T 9704 with a contents page: odd numbers right, even left, real page numbers.
    let pdf = export_pdf(&env, &id, &["--draft", "--layout", "gbt9704", "--contents"]);
    structure_ok(&pdf);
    let pages = pdf_pages(&pdf);
    let lines = pdf_lines(&pdf);
    assert!(
        number(&lines, 1).x_min < LEFT + 2.0 * CELL,
        "even page numbers sit left"
    );
    assert!(
        number(&lines, 2).x_max > RIGHT - 2.0 * CELL,
        "odd page numbers sit right"
    );
    let toc_at = contents_title(&pages).expect("a contents page");
    let toc = &pages[toc_at];
    assert!(toc.contains("二、发展基础"), "{toc}");
    let part_page = pages
        .iter()
        .enumerate()
        .position(|(i, p)| i != toc_at && p.contains("二、发展基础"))
        .expect("part 二 is printed")
        + 1;
    assert!(toc.contains(&format!("二、发展基础{part_page}")), "{toc}");
}

#[test]
fn the_print_pack_collates_marked_copies_with_the_electronic_copys_fingerprint() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "industry"]);
    let out = env.path("all");
    std::fs::create_dir_all(&out).unwrap();
    // By default the form's pages carry no marks.
    let plain = env.path("plain");
    std::fs::create_dir_all(&plain).unwrap();
    let printed = env.ok(&[
        "export",
        &id,
        "--format",
        "pack",
        "--out",
        plain.to_str().unwrap(),
    ]);
    let pages = pdf_pages(Path::new(printed.lines().last().unwrap()));
    assert!(
        !pages
            .iter()
            .any(|p| p.contains("份／共") || p.contains("校验码"))
    );

    let printed = env.ok(&[
        "export",
        &id,
        "--format",
        "all",
        "--copy-marks",
        "--fingerprint",
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
    let pdf = export_pdf(&env, &id, &["--draft", "--layout", "gbt9704"]);
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
