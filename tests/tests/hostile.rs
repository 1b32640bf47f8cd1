//! A hostile environment: the export folder read-only or full, the store on a read-only file
//! system or locked by another process. Each gives a clear Chinese message, exits 2, and loses
//! nothing. The folders are real tmpfs mounts made by the test (CI runs as root).

use dossier_tests::{Env, has_chinese};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A tmpfs mounted for one test, unmounted when dropped.
struct Mount(PathBuf);

impl Mount {
    fn new(at: PathBuf, size: &str) -> Mount {
        std::fs::create_dir_all(&at).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&at)
            .status()
            .expect("mount runs")
            .success();
        assert!(ok, "mounting a tmpfs needs root (CI runs as root)");
        Mount(at)
    }

    fn read_only(&self, ro: bool) {
        let opt = if ro { "remount,ro" } else { "remount,rw" };
        assert!(
            Command::new("mount")
                .args(["-o", opt])
                .arg(&self.0)
                .status()
                .unwrap()
                .success()
        );
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_gives_a_clear_message_and_no_partial_file() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city"]);
    let disk = Mount::new(env.path("small"), "200k");
    let r = env.run(&[
        "export",
        &id,
        "--format",
        "pdf",
        "--draft",
        "--out",
        disk.path().to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2, "{} {}", r.stdout, r.stderr);
    assert!(r.stderr.contains("磁盘空间不足"), "{}", r.stderr);
    let left: Vec<_> = std::fs::read_dir(disk.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert!(
        left.iter().all(|n| !n.to_string_lossy().ends_with(".pdf")),
        "a partial PDF: {left:?}"
    );
    assert!(
        left.iter().all(|n| !n.to_string_lossy().ends_with(".tmp")),
        "a temporary file: {left:?}"
    );
}

#[test]
fn a_read_only_export_folder_gives_a_clear_message() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "industry"]);
    let folder = Mount::new(env.path("ro"), "20m");
    folder.read_only(true);
    let r = env.run(&[
        "export",
        &id,
        "--format",
        "docx",
        "--draft",
        "--out",
        folder.path().to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("只读") && has_chinese(&r.stderr),
        "{}",
        r.stderr
    );
}

#[test]
fn a_store_on_a_read_only_file_system_refuses_writes_and_keeps_its_data() {
    let env = Env::new();
    let disk = Mount::new(env.path("store-fs"), "50m");
    let store = disk.path().join("store.db");
    let id = env
        .run_on(&store, &["sample", "--type", "enterprise"])
        .stdout
        .trim()
        .to_string();
    let before = env.run_on(&store, &["export-json", &id]).stdout;
    assert!(before.len() > 1000);
    disk.read_only(true);
    let r = env.run_on(&store, &["set", &id, "contact.name=新联系人"]);
    assert_eq!(r.code, 2, "{} {}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("数据文件") && has_chinese(&r.stderr),
        "{}",
        r.stderr
    );
    disk.read_only(false);
    assert_eq!(
        env.run_on(&store, &["export-json", &id]).stdout,
        before,
        "the store changed"
    );
    assert_eq!(env.run_on(&store, &["list"]).code, 0);
}

#[test]
fn a_store_locked_by_another_process_is_reported_as_busy() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city"]);
    let before = env.ok(&["export-json", &id]);
    let locker = rusqlite::Connection::open(&env.store).unwrap();
    locker.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let r = env.run(&["set", &id, "contact.name=新联系人"]);
    assert_eq!(r.code, 2, "{} {}", r.stdout, r.stderr);
    assert!(r.stderr.contains("占用"), "{}", r.stderr);
    locker.execute_batch("ROLLBACK").unwrap();
    drop(locker);
    assert_eq!(env.ok(&["export-json", &id]), before);
}
