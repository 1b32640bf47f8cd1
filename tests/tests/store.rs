//! The store on real SQLite files: migrations, the version fence, foreign and corrupt files,
//! unwritable places, partial saves and a second process reading while the CLI writes.

use dossier_core::model::{Block, PilotType};
use dossier_core::store::{APPLICATION_ID, Store, latest_schema_version};
use dossier_tests::{Env, has_chinese};
use std::time::Duration;

fn pragma(path: &std::path::Path, name: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_query_value(None, name, |r| r.get(0)).unwrap()
}

#[test]
fn migrations_apply_on_an_empty_store_and_reopen_keeps_data() {
    let env = Env::new();
    assert_eq!(env.ok(&["list", "--json"]), "[]");
    assert_eq!(pragma(&env.store, "user_version"), latest_schema_version());
    assert_eq!(pragma(&env.store, "application_id"), APPLICATION_ID as i64);
    let conn = rusqlite::Connection::open(&env.store).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    drop(conn);
    let id = env.ok(&["new", "--type", "city", "--title", "测试空间"]);
    assert_eq!(id, "1", "`new` prints the id alone");
    // Reopen: nothing re-applied, the dossier is still there.
    let list: serde_json::Value = serde_json::from_str(&env.ok(&["list", "--json"])).unwrap();
    assert_eq!(list[0]["title"], "测试空间");
    let store = Store::open(&env.store).unwrap();
    store.integrity_check().unwrap();
}

#[test]
fn a_store_from_a_newer_program_is_refused_untouched() {
    let env = Env::new();
    env.ok(&["sample", "--type", "city"]);
    let newer = latest_schema_version() + 1;
    {
        let conn = rusqlite::Connection::open(&env.store).unwrap();
        conn.pragma_update(None, "user_version", newer).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&env.store).unwrap();
    let r = env.run(&["list"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("更新版本"), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("结构版本 {newer}")),
        "{}",
        r.stderr
    );
    assert_eq!(
        before,
        std::fs::read(&env.store).unwrap(),
        "the newer store was modified"
    );
    assert!(!env.path("store.db-wal").exists(), "a WAL file was created");
}

#[test]
fn foreign_and_corrupt_files_are_refused_untouched() {
    let env = Env::new();
    let foreign = env.path("other.db");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');")
            .unwrap();
    }
    let before = std::fs::read(&foreign).unwrap();
    let r = env.run_on(&foreign, &["list"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("不是申报书工作台的数据文件"),
        "{}",
        r.stderr
    );
    assert_eq!(before, std::fs::read(&foreign).unwrap());

    let corrupt = env.path("corrupt.db");
    let junk: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&corrupt, &junk).unwrap();
    let r = env.run_on(&corrupt, &["list"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("已损坏或不是数据库文件"), "{}", r.stderr);
    assert_eq!(junk, std::fs::read(&corrupt).unwrap());

    // A real store cut in half (a bad copy) is also reported, not crashed on.
    let id = env.ok(&["sample", "--type", "industry", "--scale", "2"]);
    assert_eq!(id, "1");
    let conn = rusqlite::Connection::open(&env.store).unwrap();
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE").ok();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);
    let whole = std::fs::read(&env.store).unwrap();
    let half = env.path("half.db");
    std::fs::write(&half, &whole[..whole.len() / 2]).unwrap();
    let r = env.run_on(&half, &["export-json", "1"]);
    assert_eq!(r.code, 2, "{} {}", r.stdout, r.stderr);
    assert!(has_chinese(&r.stderr), "{}", r.stderr);
}

#[test]
fn an_unwritable_store_location_gives_a_clear_message() {
    let env = Env::new();
    let file = env.path("plain-file");
    std::fs::write(&file, "not a folder").unwrap();
    let r = env.run_on(
        &file.join("store.db"),
        &["new", "--type", "city", "--title", "x"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("无法打开或写入数据文件"), "{}", r.stderr);
    let r = env.run_on(env.dir.path(), &["list"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("这是一个目录"), "{}", r.stderr);
}

#[test]
fn saving_a_section_touches_only_that_section() {
    let env = Env::new();
    let mut store = Store::open(&env.store).unwrap();
    let d = dossier_core::sample::generate(store.registry(), PilotType::Enterprise, 1).unwrap();
    let id = store.insert(&d).unwrap();
    let stamps = |key: &str| -> String {
        let conn = rusqlite::Connection::open(&env.store).unwrap();
        conn.query_row(
            "SELECT updated_at FROM sections WHERE dossier_id = ?1 AND key = ?2",
            (id, key),
            |r| r.get(0),
        )
        .unwrap()
    };
    let goals_before = stamps("goals");
    let tables_before: String = {
        let conn = rusqlite::Connection::open(&env.store).unwrap();
        conn.query_row(
            "SELECT group_concat(updated_at) FROM structured_tables",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    std::thread::sleep(Duration::from_millis(5));
    store
        .save_section(id, "work_done", &[Block::paragraph("新的已开展工作。")])
        .unwrap();
    assert_ne!(stamps("work_done"), goals_before);
    assert_eq!(
        stamps("goals"),
        goals_before,
        "another section was rewritten"
    );
    let conn = rusqlite::Connection::open(&env.store).unwrap();
    let tables_after: String = conn
        .query_row(
            "SELECT group_concat(updated_at) FROM structured_tables",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables_before, tables_after, "tables were rewritten");
    let loaded = store.load(id).unwrap().dossier;
    assert_eq!(
        loaded.section("work_done").unwrap().blocks,
        vec![Block::paragraph("新的已开展工作。")]
    );
    assert_eq!(loaded.section("goals"), d.section("goals"));
    // Bad blocks are refused and leave the section as it was.
    let err = store
        .save_section(id, "work_done", &[Block::heading(9, "x")])
        .unwrap_err();
    assert!(err.to_string().contains("小标题层级"));
    let err = store.save_section(id, "nonsense", &[]).unwrap_err();
    assert_eq!(err.code().as_str(), "input.invalid");
    assert_eq!(
        store
            .load(id)
            .unwrap()
            .dossier
            .section("work_done")
            .unwrap()
            .blocks
            .len(),
        1
    );
}

#[test]
fn a_second_process_reads_while_the_cli_writes() {
    let env = Env::new();
    let first = env.ok(&["sample", "--type", "city"]);
    let store_path = env.store.clone();
    let first_id = first.clone();
    let writer = std::thread::spawn(move || {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
            store: store_path,
        };
        let mut ids = Vec::new();
        for i in 0..15 {
            ids.push(env.ok(&[
                "sample",
                "--type",
                ["enterprise", "industry", "city"][i % 3],
            ]));
            env.ok(&["set", &first_id, &format!("contact.name=联系人{i}")]);
        }
        ids
    });
    let reader = Store::open(&env.store).unwrap();
    let mut reads = 0;
    let mut last_count = 0;
    while !writer.is_finished() {
        let list = reader
            .list(true)
            .expect("reading while another process writes");
        assert!(list.len() >= last_count, "the list went backwards");
        last_count = list.len();
        let record = reader
            .load(first.parse().unwrap())
            .expect("load while writing");
        assert_eq!(record.dossier.sections.len(), 12);
        reads += 1;
    }
    let ids = writer.join().unwrap();
    assert_eq!(ids.len(), 15);
    assert_eq!(reader.list(true).unwrap().len(), 16);
    assert!(reads > 5, "the reader hardly ran ({reads} reads)");
    reader.integrity_check().unwrap();
}
