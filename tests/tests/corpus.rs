//! The bad-input corpus: text and shapes users paste. Each one either exports to files the
//! validators accept, or is stopped at the door with a clear message — never a panic, a corrupt
//! store or a broken file.

use dossier_tests::{Env, assert_valid_docx, has_chinese, tool};
use serde_json::{Value, json};
use std::path::PathBuf;

fn sample(env: &Env) -> Value {
    let id = env.ok(&["sample", "--type", "city"]);
    serde_json::from_str(&env.ok(&["export-json", &id])).unwrap()
}

fn push_paragraph(doc: &mut Value, text: &str) {
    doc["dossier"]["sections"][1]["blocks"]
        .as_array_mut()
        .unwrap()
        .push(json!({"type": "paragraph", "text": text}));
}

/// Imports the document and exports everything as a draft; every file must validate.
fn exports_valid(env: &Env, name: &str, doc: &Value) {
    let file = env.path(&format!("{name}.json"));
    std::fs::write(&file, serde_json::to_vec(doc).unwrap()).unwrap();
    let r = env.run(&["import", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{name}: import refused: {}", r.stderr);
    let id = r.stdout.trim().to_string();
    let out = env.path(&format!("out-{name}"));
    std::fs::create_dir_all(&out).unwrap();
    let r = env.run(&[
        "export",
        &id,
        "--format",
        "all",
        "--draft",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{name}: export failed: {}", r.stderr);
    // The files are checked side by side (the validators of a 10 MB export take half a minute
    // each); a failed check fails the test with its message.
    let files: Vec<PathBuf> = r.stdout.lines().map(PathBuf::from).collect();
    let of = |ext: &str| {
        files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == ext) && p.exists())
            .count()
    };
    assert!(
        of("docx") == 1 && of("pdf") == 2,
        "{name}: the export printed {files:?}, not the Word file, the PDF and the print pack"
    );
    std::thread::scope(|s| {
        for path in files {
            s.spawn(move || {
                if path.extension().unwrap() == "docx" {
                    assert_valid_docx(&path);
                } else {
                    let pdf = path.clone();
                    let qpdf =
                        s.spawn(move || tool("qpdf", &["--check".as_ref(), pdf.as_os_str()]));
                    let (ok, fonts) = tool("pdffonts", &[path.as_os_str()]);
                    assert!(
                        ok && fonts.lines().skip(2).all(|l| l
                            .split_whitespace()
                            .filter(|w| *w == "yes")
                            .count()
                            >= 3),
                        "{name}: {fonts}"
                    );
                    let (ok, out) = qpdf.join().unwrap();
                    assert!(ok, "{name}: {out}");
                }
            });
        }
    });
    let report = env.run(&["check", &id, "--json"]);
    assert!(report.code <= 1, "{name}: check failed: {}", report.stderr);
}

#[test]
fn pasted_text_of_every_kind_exports_or_is_refused_clearly() {
    let env = Env::new();
    let base = sample(&env);
    let cases: Vec<(&str, String)> = vec![
        ("emoji", "效果显著😀👍🏽，用户满意🎉。".into()),
        ("beyond-gbk", "生僻字𠀀𪚥𰻞与扩展区汉字䶮龘。".into()),
        (
            "rtl",
            "对接阿拉伯语系统：مرحبا بالعالم，以及希伯来语 שלום。".into(),
        ),
        (
            "zero-width",
            "零\u{200B}宽\u{200C}字\u{200D}符\u{FEFF}混入。".into(),
        ),
        ("unbreakable", format!("令牌{}结束。", "X".repeat(300))),
        (
            "long-url",
            format!("见 https://example.com/{} 。", "path/".repeat(80)),
        ),
        (
            "punctuation-run",
            "！！！？？？……——《》《》（（（））））“”“”、、、。。。".into(),
        ),
    ];
    for (name, text) in cases {
        let mut doc = base.clone();
        push_paragraph(&mut doc, &text);
        exports_valid(&env, name, &doc);
    }
}

#[test]
fn control_characters_are_stopped_at_the_door() {
    let env = Env::new();
    let mut doc = sample(&env);
    push_paragraph(&mut doc, "含有\u{0001}控制字符");
    let file = env.path("control.json");
    std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
    let r = env.run(&["import", file.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("U+0001") && has_chinese(&r.stderr),
        "{}",
        r.stderr
    );
}

// Big and empty dossiers export, each case its own test so they run side by side.

#[test]
fn a_ten_megabyte_paste_exports() {
    let env = Env::new();
    let mut doc = sample(&env);
    let paste = "可信数据空间建设稳步推进，数据要素价值持续释放。".repeat(10 * 1024 * 1024 / 72);
    push_paragraph(&mut doc, &paste);
    exports_valid(&env, "ten-megabytes", &doc);
}

#[test]
fn a_two_thousand_row_table_exports() {
    let env = Env::new();
    let mut doc = sample(&env);
    let row = doc["dossier"]["tables"]["participants"][0].clone();
    doc["dossier"]["tables"]["participants"] = Value::Array(vec![row; 2000]);
    exports_valid(&env, "two-thousand-rows", &doc);
}

#[test]
fn empty_and_minimal_dossiers_export() {
    let env = Env::new();
    // An empty dossier, and one with every optional part missing.
    let id = env.ok(&["new", "--type", "industry", "--title", "空白申报书"]);
    let empty: Value = serde_json::from_str(&env.ok(&["export-json", &id])).unwrap();
    exports_valid(&env, "empty", &empty);
    let mut minimal = sample(&env);
    minimal["dossier"]["attachments"] = json!([]);
    minimal["dossier"]["media"] = json!([]);
    for s in minimal["dossier"]["sections"].as_array_mut().unwrap() {
        s["blocks"]
            .as_array_mut()
            .unwrap()
            .retain(|b| b["type"] != "image");
    }
    minimal["dossier"]["tables"]["participants"] = json!([]);
    exports_valid(&env, "minimal", &minimal);
}
