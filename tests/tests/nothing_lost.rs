//! Nothing lost, nothing crashes: the store file whole whenever nothing is writing, a writer's
//! copy kept to its assignment, interchange files as strict as the commands, exports and backups
//! that leave nothing half done, sizes and damaged pictures stopped at the door, and clear
//! Chinese words at the edges (a nearly full disk, a damaged store header, names that turn
//! around). Each input is made by the test.

use dossier_core::model::{Media, PilotType};
use dossier_core::store::Store;
use dossier_tests::{Env, dossier_bin, has_chinese, tool};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn json(env: &Env, id: &str) -> Value {
    serde_json::from_str(&env.ok(&["export-json", id])).unwrap()
}

/// How many dossiers the store lists.
fn count(env: &Env) -> usize {
    serde_json::from_str::<Value>(&env.ok(&["list", "--json"]))
        .unwrap()
        .as_array()
        .unwrap()
        .len()
}

fn import_doc(env: &Env, name: &str, doc: &Value) -> dossier_tests::Run {
    let file = env.path(name);
    std::fs::write(&file, serde_json::to_string(doc).unwrap()).unwrap();
    env.run(&["import", file.to_str().unwrap()])
}

/// A copy of the store file alone, as a user copies the one file Settings names.
fn copy_alone(store: &Path, to: &Path) -> PathBuf {
    std::fs::create_dir_all(to).unwrap();
    let copy = to.join("copied.db");
    std::fs::copy(store, &copy).unwrap();
    assert!(!to.join("copied.db-wal").exists());
    copy
}

#[test]
fn the_store_file_alone_holds_every_dossier() {
    // After CLI runs.
    let env = Env::new();
    let ids: Vec<String> = ["city", "enterprise", "industry"]
        .iter()
        .map(|t| env.ok(&["sample", "--type", t]))
        .collect();
    env.ok(&["set", &ids[0], "contact.name=最后一次修改"]);
    let copy = copy_alone(&env.store, &env.path("copy-cli"));
    let listed: Value =
        serde_json::from_str(&env.run_on(&copy, &["list", "--json"]).stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 3, "{listed}");
    let first: Value =
        serde_json::from_str(&env.run_on(&copy, &["export-json", &ids[0]]).stdout).unwrap();
    assert_eq!(
        first["dossier"]["front_matter"]["contact"]["name"],
        "最后一次修改"
    );

    // In a face that stays open (the app), after writing stops, even if the process then ends
    // without closing the store (as a killed app does): the idle checkpoint made the file whole.
    let env = Env::new();
    let mut store = Store::open(&env.store).unwrap();
    // What opening wrote (a new store's schema) goes into the file at the first quiet moment.
    assert!(
        store.checkpoint_when_idle().unwrap(),
        "a new store's schema left in the log"
    );
    let schema = copy_alone(&env.store, &env.path("copy-new"));
    let version: i64 = rusqlite::Connection::open(&schema)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, dossier_core::store::latest_schema_version());
    let id = store.create(PilotType::City, "打开中写入的申报书").unwrap();
    assert!(
        !store.checkpoint_when_idle().unwrap(),
        "still writing: not yet"
    );
    assert!(
        store.checkpoint_when_idle().unwrap(),
        "quiet since: checkpointed"
    );
    assert!(
        !store.checkpoint_when_idle().unwrap(),
        "nothing new to move"
    );
    let copy = copy_alone(&env.store, &env.path("copy-idle"));
    std::mem::forget(store); // no close, no drop: only what the checkpoint wrote counts
    let copied = Store::open(&copy).unwrap();
    assert_eq!(copied.load(id).unwrap().dossier.title, "打开中写入的申报书");
}

#[test]
fn a_writers_copy_cannot_widen_its_own_assignment() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city"]);
    let copy = env.path("张三.dossier");
    env.ok(&[
        "bundle",
        "export",
        &id,
        copy.to_str().unwrap(),
        "--parts",
        "goals",
        "--writer",
        "张三",
    ]);
    // The writer edits the copy's own record to add a part they were not given, and writes it.
    let bytes = std::fs::read(&copy).unwrap();
    let bundle = dossier_core::bundle::read("张三.dossier", &bytes).unwrap();
    let mut d = bundle.dossier.clone();
    let a = d.assignment.as_mut().unwrap();
    a.parts.push("basic_info".into());
    let widened = "越权改写的单位基本情况。";
    d.set_section(
        "basic_info",
        vec![dossier_core::model::Block::paragraph(widened)],
    );
    d.set_section(
        "goals",
        vec![dossier_core::model::Block::paragraph("张三写的试点目标。")],
    );
    let forged =
        dossier_core::bundle::write_dossier(&d, &bundle.snapshots, chrono::Utc::now()).unwrap();
    std::fs::write(&copy, forged).unwrap();
    env.ok(&["bundle", "merge", &id, copy.to_str().unwrap(), "--confirm"]);
    let home = env.ok(&["export-json", &id]);
    assert!(home.contains("张三写的试点目标。"), "the writer's own part");
    assert!(
        !home.contains(widened),
        "a part the copy gave itself was merged"
    );
}

#[test]
fn interchange_files_are_as_strict_as_the_commands() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city"]);
    let good = json(&env, &id);
    let refused = |doc: &Value, expect: &[&str]| {
        let r = import_doc(&env, "bad.json", doc);
        assert_eq!(r.code, 2, "{}", r.stderr);
        for e in expect {
            assert!(r.stderr.contains(e), "{e} not in: {}", r.stderr);
        }
    };
    // An assignment naming a part the template does not have.
    let mut doc = good.clone();
    doc["dossier"]["assignment"] = serde_json::json!({
        "writer": "李四", "parts": ["no_such_part"], "dossier": 1, "snapshot": 1,
        "base_sha256": "00"
    });
    refused(&doc, &["assignment.parts", "no_such_part"]);
    // Control characters in an acknowledgement and in an assignment.
    let mut doc = good.clone();
    doc["dossier"]["acknowledgements"] = serde_json::json!([
        {"rule": "attachment.recommended", "anchor": "attachment:technical_basis", "reason": "原因\u{7}"}
    ]);
    refused(&doc, &["acknowledgements[0].reason", "U+0007"]);
    let mut doc = good.clone();
    doc["dossier"]["assignment"] = serde_json::json!({
        "writer": "李\u{1b}四", "parts": ["goals"], "dossier": 1, "snapshot": 1, "base_sha256": "00"
    });
    refused(&doc, &["assignment.writer", "U+001B"]);
    // A key twice in one map: serde_json would keep the last and drop the first's rows.
    let text = serde_json::to_string(&good).unwrap();
    let twice = text.replacen(
        "\"participants\":",
        "\"participants\":[],\"participants\":",
        1,
    );
    assert_ne!(twice, text);
    let file = env.path("twice.json");
    std::fs::write(&file, twice).unwrap();
    let r = env.run(&["import", file.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("tables.participants") && r.stderr.contains("出现了两次"),
        "{}",
        r.stderr
    );
    // A blank title and order 0: refused in a file as by `set`.
    let mut doc = good.clone();
    doc["dossier"]["title"] = Value::from("  ");
    refused(&doc, &["dossier.title", "标题不能为空"]);
    let mut doc = good.clone();
    doc["dossier"]["front_matter"]["recommendation"]["order"] = Value::from(0);
    refused(&doc, &["推荐意向序号应为正整数"]);
    for (set, expect) in [
        ("title=  ", "标题不能为空"),
        ("recommendation.order=0", "应为正整数"),
    ] {
        let r = env.run(&["set", &id, set]);
        assert_eq!(r.code, 2, "{set}: {}", r.stderr);
        assert!(r.stderr.contains(expect), "{set}: {}", r.stderr);
    }
    assert_eq!(
        json(&env, &id),
        good,
        "a refused change touched the dossier"
    );
    assert_eq!(count(&env), 1, "something was stored");
}

/// Exports dossier `id` as a draft in `format` into `out` (made when absent); the names then in it.
fn export_draft(env: &Env, id: &str, format: &str, out: &Path) -> Vec<String> {
    std::fs::create_dir_all(out).unwrap();
    env.ok(&[
        "export",
        id,
        "--format",
        format,
        "--draft",
        "--out",
        out.to_str().unwrap(),
    ]);
    names(out)
}

/// The names in a folder.
fn names(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn long_and_turned_titles_give_names_every_file_system_takes() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city"]);
    // About 70 字 of title, and marks that turn text around or hide.
    let title = format!(
        "{}\u{202E}fdp.exe\u{200B}项目",
        "某某市城市可信数据空间建设与运营一体化示范".repeat(3)
    );
    env.ok(&["set", &id, &format!("title={title}")]);
    let files = export_draft(&env, &id, "all", &env.path("out"));
    assert!(files.len() >= 5, "{files:?}");
    for f in &files {
        assert!(f.len() <= 255, "{} bytes: {f}", f.len());
        assert!(
            !f.chars()
                .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{200B}'..='\u{200F}')),
            "an invisible or reversing mark in {f:?}"
        );
    }
}

#[test]
fn exports_into_one_folder_at_once_leave_each_other_alone() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "enterprise"]);
    let out = env.path("shared");
    std::fs::create_dir_all(&out).unwrap();
    for round in 0..4 {
        let children: Vec<_> = (0..3)
            .map(|_| {
                Command::new(dossier_bin())
                    .arg("--store")
                    .arg(&env.store)
                    .args(["export", &id, "--format", "pdf", "--draft", "--out"])
                    .arg(&out)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let o = child.wait_with_output().unwrap();
            assert!(
                o.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
    }
    let files = names(&out);
    assert!(files.iter().all(|f| !f.ends_with(".tmp")), "{files:?}");
    let pdf = files.iter().find(|f| f.ends_with(".pdf")).unwrap();
    let (ok, text) = tool("qpdf", &["--check".as_ref(), out.join(pdf).as_os_str()]);
    assert!(ok, "{text}");
}

#[test]
fn a_killed_bundle_import_leaves_the_dossier_whole_or_absent() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city", "--scale", "2"]);
    for i in 0..40 {
        env.ok(&["snapshot", &id, "--name", &format!("第{i}版")]);
    }
    let bundle = env.path("四十个快照.dossier");
    env.ok(&[
        "bundle",
        "export",
        &id,
        bundle.to_str().unwrap(),
        "--with-snapshots",
    ]);
    let target = Env::new();
    let snapshots_of = |store: &Path, id: &str| -> usize {
        let r = target.run_on(store, &["snapshots", id, "--json"]);
        serde_json::from_str::<Value>(&r.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .len()
    };
    // Kills at chosen moments after the start, from at once to after the import is done.
    for delay in (0..24).map(|i| i * 15) {
        let mut child = Command::new(dossier_bin())
            .arg("--store")
            .arg(&target.store)
            .args(["bundle", "import"])
            .arg(&bundle)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        if !target.store.exists() {
            continue;
        }
        let listed: Value = match target.run(&["list", "--json"]) {
            r if r.code == 0 => serde_json::from_str(&r.stdout).unwrap(),
            r => panic!("the store after a kill: {}", r.stderr),
        };
        for d in listed.as_array().unwrap() {
            let n = snapshots_of(&target.store, &d["id"].to_string());
            assert!(n >= 40, "a dossier kept {n} of its 40 snapshots");
        }
    }
    // And an import left alone finishes with all of them.
    let id = target.ok(&["bundle", "import", bundle.to_str().unwrap()]);
    assert!(snapshots_of(&target.store, &id) >= 40);
}

#[test]
fn a_backup_leaves_nothing_half_done_and_a_crafted_backup_is_refused() {
    // A backup that cannot be written (its folder full) leaves no temporary file.
    let env = Env::new();
    env.ok(&["sample", "--type", "city", "--scale", "2"]);
    let backups = env.path("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&backups)
        .status()
        .unwrap()
        .success();
    assert!(mounted, "mounting a tmpfs needs root (CI runs as root)");
    let r = env.run(&["backup", "now"]);
    let left = names(&backups);
    let _ = Command::new("umount").arg("-l").arg(&backups).status();
    assert_eq!(r.code, 2, "{} {}", r.stdout, r.stderr);
    assert!(has_chinese(&r.stderr), "{}", r.stderr);
    assert!(left.is_empty(), "left in the backups folder: {left:?}");

    // A backup whose SQLite header says 1 page, followed by 200 MB of zeros (200 KB packed):
    // refused after inflating no more than the header says; the store is untouched.
    let before = env.ok(&["list", "--json"]);
    let mut header = vec![0u8; 100];
    header[..16].copy_from_slice(b"SQLite format 3\0");
    header[16..18].copy_from_slice(&4096u16.to_be_bytes());
    header[28..32].copy_from_slice(&1u32.to_be_bytes());
    header[68..72].copy_from_slice(&dossier_core::store::APPLICATION_ID.to_be_bytes());
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&header).unwrap();
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..200 {
        gz.write_all(&zeros).unwrap();
    }
    let bomb = env.path("dossiers-20260101-000000.000.db.gz");
    std::fs::write(&bomb, gz.finish().unwrap()).unwrap();
    let r = env.run(&["backup", "restore", bomb.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("不是申报书工作台的备份文件"),
        "{}",
        r.stderr
    );
    assert_eq!(env.ok(&["list", "--json"]), before);
    let left = names(&backups);
    assert!(
        left.iter().all(|n| !n.contains("restore-candidate")),
        "{left:?}"
    );
}

#[test]
fn sizes_and_damaged_pictures_are_stopped_at_the_door() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city"]);
    let good = json(&env, &id);
    // A 60 MB paragraph: refused with the limit named, nothing stored.
    let mut doc = good.clone();
    doc["dossier"]["sections"][0]["blocks"] = serde_json::json!([
        {"type": "paragraph", "text": "字".repeat(20 * 1024 * 1024)}
    ]);
    let r = import_doc(&env, "huge.json", &doc);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("上限 16 MB"), "{}", r.stderr);
    assert_eq!(count(&env), 1, "something was stored");

    // The licence's scan is a JPEG that is only its header; a picture in a part claims
    // 100000×100000 pixels.
    let mut doc = good.clone();
    let d = &mut doc["dossier"];
    let licence = d["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "business_licence")
        .unwrap()["media"]
        .as_str()
        .unwrap()
        .to_string();
    let jpeg = vec![
        0xFF, 0xD8, 0xFF, 0xC0, 0, 17, 8, 0, 16, 0, 16, 3, 1, 0x22, 0,
    ];
    // A PNG's chunks as a file has them (signature, IHDR, IDAT, IEND), the size a lie.
    let chunk = |kind: &[u8], body: &[u8]| -> Vec<u8> {
        [
            &(body.len() as u32).to_be_bytes()[..],
            kind,
            body,
            &[0, 0, 0, 0],
        ]
        .concat()
    };
    let mut ihdr = [100_000u32.to_be_bytes(), 100_000u32.to_be_bytes()].concat();
    ihdr.extend([8, 2, 0, 0, 0]);
    let png = [
        &b"\x89PNG\r\n\x1a\n"[..],
        &chunk(b"IHDR", &ihdr),
        &chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00]),
        &chunk(b"IEND", &[]),
    ]
    .concat();
    let b64 = |data: &[u8]| {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(data)
    };
    for m in d["media"].as_array_mut().unwrap() {
        if m["id"] == licence.as_str() {
            m["id"] = Value::from(Media::id_for(&jpeg));
            m["media_type"] = Value::from("image/jpeg");
            m["data"] = Value::from(b64(&jpeg));
        }
    }
    for a in d["attachments"].as_array_mut().unwrap() {
        if a["media"] == licence.as_str() {
            a["media"] = Value::from(Media::id_for(&jpeg));
        }
    }
    d["media"].as_array_mut().unwrap().push(serde_json::json!({
        "id": Media::id_for(&png), "file_name": "巨图.png", "media_type": "image/png",
        "data": b64(&png)
    }));
    let goals = d["sections"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|s| s["key"] == "goals")
        .unwrap();
    goals["blocks"].as_array_mut().unwrap().push(
        serde_json::json!({"type": "image", "media": Media::id_for(&png), "caption": "巨图"}),
    );
    let r = import_doc(&env, "damaged.json", &doc);
    assert_eq!(
        r.code, 0,
        "damaged pictures are findings, not refusals: {}",
        r.stderr
    );
    let damaged = r.stdout.trim().to_string();
    let report: Value =
        serde_json::from_str(&env.run(&["check", &damaged, "--json"]).stdout).unwrap();
    let unreadable: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "media.unreadable")
        .map(|f| f["place"]["anchor"].as_str().unwrap().to_string())
        .collect();
    assert!(
        unreadable.contains(&"attachment:business_licence".to_string())
            && unreadable
                .iter()
                .any(|a| a.starts_with("section:goals/block:")),
        "{unreadable:?}"
    );
    // A formal export is refused; a draft exports with a note where each picture would be.
    let out = env.path("damaged-out");
    std::fs::create_dir_all(&out).unwrap();
    let r = env.run(&[
        "export",
        &damaged,
        "--format",
        "pdf",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("无法使用"), "{}", r.stderr);
    let files = export_draft(&env, &damaged, "pdf", &out);
    let pdf = files.iter().find(|f| f.ends_with(".pdf")).unwrap();
    let (ok, text) = tool("pdftotext", &[out.join(pdf).as_os_str(), "-".as_ref()]);
    assert!(ok);
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(text.contains("已损坏，无法显示"), "the picture's note");
    assert!(
        text.contains("无法显示：JPEG文件不完整"),
        "the licence's note"
    );
}

#[test]
fn glyphs_the_fonts_lack_are_named_in_the_export_report() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city"]);
    env.ok(&["set", &id, "contact.title=主任😀"]);
    let out = env.path("out");
    let files = export_draft(&env, &id, "pdf", &out);
    let report = files.iter().find(|f| f.ends_with("导出报告.txt")).unwrap();
    let text = std::fs::read_to_string(out.join(report)).unwrap();
    assert!(text.contains("😀（U+1F600）"), "{text}");
    let report = files.iter().find(|f| f.ends_with("导出报告.json")).unwrap();
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join(report)).unwrap()).unwrap();
    assert_eq!(json["missing_glyphs"], serde_json::json!(["😀（U+1F600）"]));
}

#[test]
fn a_damaged_store_header_and_a_nearly_full_disk_get_clear_words() {
    // A negative user_version.
    let env = Env::new();
    env.ok(&["sample", "--type", "city"]);
    {
        let conn = rusqlite::Connection::open(&env.store).unwrap();
        conn.pragma_update(None, "user_version", -1).unwrap();
    }
    let r = env.run(&["list"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("结构版本号为 -1"), "{}", r.stderr);
    assert!(
        !r.stderr.contains("SQL") && !r.stderr.contains("CREATE"),
        "{}",
        r.stderr
    );

    // A store on a disk with a few kilobytes left.
    let env = Env::new();
    let disk = env.path("disk");
    std::fs::create_dir_all(&disk).unwrap();
    assert!(
        Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=8m", "tmpfs"])
            .arg(&disk)
            .status()
            .unwrap()
            .success(),
        "mounting a tmpfs needs root (CI runs as root)"
    );
    let store = disk.join("store.db");
    let id = env
        .run_on(&store, &["sample", "--type", "city"])
        .stdout
        .trim()
        .to_string();
    let before = env.run_on(&store, &["export-json", &id]).stdout;
    // Fill the disk, leaving a little.
    let mut filler = std::fs::File::create(disk.join("filler")).unwrap();
    let block = vec![1u8; 64 * 1024];
    while filler.write_all(&block).is_ok() {}
    drop(filler);
    let big = "数据".repeat(15_000);
    let r = env.run_on(&store, &["set", &id, &format!("contact.title={big}")]);
    let after = {
        let _ = std::fs::remove_file(disk.join("filler"));
        env.run_on(&store, &["export-json", &id]).stdout
    };
    let _ = Command::new("umount").arg("-l").arg(&disk).status();
    assert_eq!(r.code, 2, "{} {}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("磁盘空间") && !r.stderr.contains("disk I/O"),
        "{}",
        r.stderr
    );
    assert_eq!(after, before, "the store lost or changed something");
}
