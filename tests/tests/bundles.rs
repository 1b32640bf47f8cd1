//! One-file bundles: round trips for every pilot type with attachments and snapshots; replacing
//! after showing the differences (undoable); hostile files refused with a Chinese message and
//! nothing written; reviewer mode opening a bundle without any store or edit.

use dossier_tests::{Env, has_chinese};
use std::io::Write;
use zip::write::SimpleFileOptions;

/// A bundle's entries, by name, as the helpers below rewrite them.
type Entries = Vec<(String, Vec<u8>)>;

fn bundle_of(env: &Env, pilot: &str) -> (String, std::path::PathBuf) {
    let id = env.ok(&["sample", "--type", pilot]);
    env.ok(&["snapshot", &id, "--name", "初稿"]);
    let file = env.path(&format!("{pilot}.dossier"));
    env.ok(&[
        "bundle",
        "export",
        &id,
        file.to_str().unwrap(),
        "--with-snapshots",
    ]);
    (id, file)
}

#[test]
fn bundles_round_trip_every_type_with_files_and_snapshots() {
    for pilot in ["enterprise", "industry", "city"] {
        let env = Env::new();
        let (id, file) = bundle_of(&env, pilot);
        let original = env.ok(&["export-json", &id]);
        let value: serde_json::Value = serde_json::from_str(&original).unwrap();
        assert!(
            !value["dossier"]["attachments"]
                .as_array()
                .unwrap()
                .is_empty()
                && !value["dossier"]["media"].as_array().unwrap().is_empty(),
            "{pilot} sample has attachments and their files"
        );
        let other = Env::new();
        let new_id = other.ok(&["bundle", "import", file.to_str().unwrap()]);
        assert_eq!(other.ok(&["export-json", &new_id]), original, "{pilot}");
        let snaps = other.ok(&["snapshots", &new_id]);
        assert!(snaps.contains("初稿"), "{snaps}");
    }
}

#[test]
fn replacing_shows_the_differences_first_and_can_be_undone() {
    let env = Env::new();
    let (id, file) = bundle_of(&env, "city");
    env.ok(&["set", &id, "title=改过的试点名称"]);
    let shown = env.ok(&["bundle", "import", file.to_str().unwrap(), "--replace", &id]);
    assert!(
        shown.contains("“改过的试点名称”") && shown.contains("未做修改"),
        "{shown}"
    );
    assert!(env.ok(&["export-json", &id]).contains("改过的试点名称"));

    let done = env.ok(&[
        "bundle",
        "import",
        file.to_str().unwrap(),
        "--replace",
        &id,
        "--confirm",
    ]);
    assert!(!env.ok(&["export-json", &id]).contains("改过的试点名称"));
    let safety = done
        .split("快照 ")
        .nth(1)
        .and_then(|s| s.split('，').next())
        .expect("the safety snapshot is named");
    env.ok(&["restore", &id, safety]);
    assert!(env.ok(&["export-json", &id]).contains("改过的试点名称"));
}

/// Rewrites a bundle entry by entry; `edit` may change names, contents, or add entries.
fn rebuild(source: &std::path::Path, target: &std::path::Path, edit: impl Fn(&mut Entries)) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(source).unwrap()).unwrap();
    let mut entries = Vec::new();
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut data).unwrap();
        entries.push((e.name().to_string(), data));
    }
    edit(&mut entries);
    let mut out = zip::ZipWriter::new(std::fs::File::create(target).unwrap());
    for (name, data) in entries {
        out.start_file(name, SimpleFileOptions::default()).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap();
}

#[test]
fn hostile_bundles_are_refused_and_nothing_is_written() {
    let env = Env::new();
    let (_, good) = bundle_of(&env, "city");
    let before = env.ok(&["list", "--json", "--all"]);
    let dir = env.path("hostile");
    std::fs::create_dir_all(&dir).unwrap();
    let mut cases: Vec<(&str, std::path::PathBuf, &str)> = Vec::new();
    let mut case = |name: &'static str, expect: &'static str, edit: &dyn Fn(&mut Entries)| {
        let path = dir.join(format!("{name}.dossier"));
        rebuild(&good, &path, edit);
        cases.push((name, path, expect));
    };
    case("traversal", "指向包外", &|e| {
        e.push(("../evil.json".into(), b"{}".to_vec()))
    });
    case("absolute", "绝对路径", &|e| {
        e.push(("/etc/evil.json".into(), b"{}".to_vec()))
    });
    case("unknown", "不属于申报书包", &|e| {
        e.push(("run.exe".into(), b"MZ".to_vec()))
    });
    case("checksum", "校验和不符", &|e| {
        let d = e.iter_mut().find(|(n, _)| n == "dossier.json").unwrap();
        let text = String::from_utf8(d.1.clone()).unwrap();
        d.1 = text
            .replacen("可信数据空间", "可信数据空问", 1)
            .into_bytes();
    });
    case("newer", "更新版本的程序", &|e| {
        let m = e.iter_mut().find(|(n, _)| n == "manifest.json").unwrap();
        let text = String::from_utf8(m.1.clone()).unwrap();
        m.1 = text
            .replacen("\"version\": 1", "\"version\": 9", 1)
            .into_bytes();
    });
    case("unlisted", "未在说明中登记", &|e| {
        e.push(("snapshots/0099.json".into(), b"{}".to_vec()))
    });
    case("bomb", "压缩比异常", &|e| {
        let d = e.iter_mut().find(|(n, _)| n == "dossier.json").unwrap();
        d.1 = vec![b' '; 64 * 1024 * 1024];
    });
    case("no-manifest", "缺少 manifest.json", &|e| {
        e.retain(|(n, _)| n != "manifest.json")
    });
    // 300 MB of one byte in a few hundred KB: the ratio stops it long before the 256 MB limit.
    case("big-bomb", "压缩比异常", &|e| {
        let d = e.iter_mut().find(|(n, _)| n == "dossier.json").unwrap();
        d.1 = vec![b' '; 300 * 1024 * 1024];
    });
    // dossier.json twice, the second another dossier (ZIP tools differ on which they show):
    // written under another name of the same length, then renamed in the file's bytes.
    let twice = dir.join("twice.dossier");
    rebuild(&good, &twice, |e: &mut Entries| {
        let d = e
            .iter()
            .find(|(n, _)| n == "dossier.json")
            .unwrap()
            .1
            .clone();
        let other = String::from_utf8(d)
            .unwrap()
            .replacen("建设项目", "另一项目", 1);
        e.push(("dossier.jsoo".into(), other.into_bytes()));
    });
    let mut bytes = std::fs::read(&twice).unwrap();
    for i in 0..bytes.len().saturating_sub(12) {
        if &bytes[i..i + 12] == b"dossier.jsoo" {
            bytes[i + 11] = b'n';
        }
    }
    std::fs::write(&twice, bytes).unwrap();
    cases.push(("twice", twice, "出现了两次"));
    // A link, written by hand (the rebuild helper writes plain files).
    let link = dir.join("link.dossier");
    {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&good).unwrap()).unwrap();
        let mut out = zip::ZipWriter::new(std::fs::File::create(&link).unwrap());
        for i in 0..zip.len() {
            out.raw_copy_file(zip.by_index(i).unwrap()).unwrap();
        }
        out.add_symlink(
            "snapshots/0002.json",
            "/etc/passwd",
            SimpleFileOptions::default(),
        )
        .unwrap();
        out.finish().unwrap();
    }
    cases.push(("link", link, "是链接"));
    let not_zip = dir.join("text.dossier");
    std::fs::write(&not_zip, "这不是压缩包").unwrap();
    cases.push(("not-zip", not_zip, "不是有效的 ZIP 包"));

    for (name, path, expect) in &cases {
        for args in [
            vec!["bundle", "import", path.to_str().unwrap()],
            vec![
                "bundle",
                "import",
                path.to_str().unwrap(),
                "--replace",
                "1",
                "--confirm",
            ],
            vec!["review", path.to_str().unwrap()],
        ] {
            let r = env.run(&args);
            assert_eq!(r.code, 2, "{name} {args:?}: {} {}", r.stdout, r.stderr);
            assert!(
                r.stderr.contains(expect) && has_chinese(&r.stderr),
                "{name}: expected “{expect}” in {}",
                r.stderr
            );
        }
    }
    assert_eq!(
        env.ok(&["list", "--json", "--all"]),
        before,
        "the store is unchanged"
    );
    assert!(!env.ok(&["snapshots", "1"]).contains("导入申报书包之前"));
}

#[test]
fn review_reads_a_bundle_without_a_store_and_exports_the_reviewer_copy() {
    let env = Env::new();
    let (_, file) = bundle_of(&env, "enterprise");
    let bytes = std::fs::read(&file).unwrap();
    let out = env.path("review-out");
    std::fs::create_dir_all(&out).unwrap();
    let untouched_store = env.path("never-created.db");
    let r = std::process::Command::new(dossier_tests::dossier_bin())
        .args(["review", file.to_str().unwrap(), "--export"])
        .arg(&out)
        .args(["--format", "docx"])
        .env("DOSSIER_STORE", &untouched_store)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert!(
        r.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(
        stdout.starts_with("【只读审阅】") && stdout.contains("检查通过"),
        "{stdout}"
    );
    assert!(!untouched_store.exists(), "review uses no store");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        bytes,
        "the bundle is not changed"
    );
    let docx = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "docx"))
        .expect("a Word file");
    assert!(docx.to_string_lossy().contains("（审阅版）"));
    let settings = dossier_tests::zip_part(&docx, "word/settings.xml");
    assert!(settings.contains("documentProtection"), "opens read-only");
    // There is no way to edit through review: unknown arguments are refused.
    let r = env.run(&["review", file.to_str().unwrap(), "--set", "title=x"]);
    assert_eq!(r.code, 2);
}
