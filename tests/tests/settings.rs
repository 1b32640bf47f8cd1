//! The call's settings a user changes for their store (deadline, quotas): kept across restarts,
//! used by the checks, refused with a Chinese message (and nothing written) when wrong.

use dossier_tests::{Env, has_chinese};

#[test]
fn a_deadline_set_in_the_store_is_kept_and_checked() {
    let env = Env::new();
    let id = env.ok(&["example"]);
    // The notice's deadline (2025-04-24) is shipped; a later one set for this store is used.
    assert!(
        env.ok(&["setting"])
            .contains("deadline\t申报截止日期：2025-04-24")
    );
    env.ok(&["setting", "deadline", "2099-01-31"]);
    let before = env.run(&["check", &id, "--json"]).stdout;
    assert!(!before.contains("\"call.deadline\""), "{before}");

    env.ok(&["setting", "deadline", "2020-01-31"]);
    // Another process (a restart) sees it, and the check reports the passed deadline.
    let listed = env.ok(&["setting"]);
    assert!(
        listed.contains("deadline\t申报截止日期：2020-01-31（本数据文件设置）"),
        "{listed}"
    );
    let after = env.run(&["check", &id, "--json"]);
    assert!(
        after.stdout.contains("\"call.deadline\""),
        "{}",
        after.stdout
    );

    // Cleared: not checked for this store.
    env.ok(&["setting", "deadline", ""]);
    assert!(
        !env.run(&["check", &id, "--json"])
            .stdout
            .contains("\"call.deadline\"")
    );
}

#[test]
fn quotas_take_positive_whole_numbers_and_bad_values_change_nothing() {
    let env = Env::new();
    env.ok(&["setting", "quotas.per_province", "3"]);
    for (key, value) in [
        ("quotas.per_province", "三"),
        ("quotas.per_province", "0"),
        ("quotas.per_province", "-1"),
        ("deadline", "2025-02-30"),
        ("quotas.unknown", "1"),
    ] {
        let r = env.run(&["setting", key, value]);
        assert_eq!(r.code, 2, "{key}={value} must be refused: {}", r.stdout);
        assert!(has_chinese(&r.stderr), "{}", r.stderr);
    }
    let listed = env.ok(&["setting"]);
    assert!(
        listed
            .contains("quotas.per_province\t每个省级数据管理部门推荐数量上限：3（本数据文件设置）"),
        "{listed}"
    );
    assert!(
        listed.contains("deadline\t申报截止日期：2025-04-24\n"),
        "{listed}"
    );
}

#[test]
fn backups_roll_and_restore_only_sound_copies() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city"]);
    env.ok(&["setting", "backup.keep", "2"]);
    let first = env.ok(&["backup", "now"]);
    for _ in 0..2 {
        env.ok(&["backup", "now"]);
    }
    let listed = env.ok(&["backup", "list"]);
    assert_eq!(
        listed.lines().count(),
        2,
        "the newest two are kept: {listed}"
    );
    assert!(!std::path::Path::new(&first).exists(), "the oldest went");
    let keep = listed
        .lines()
        .last()
        .unwrap()
        .rsplit('\t')
        .next()
        .unwrap()
        .to_string();

    env.ok(&["set", &id, "title=备份之后改的名称"]);
    let bad = env.path("bad.db.gz");
    std::fs::write(&bad, b"not a backup").unwrap();
    let r = env.run(&["backup", "restore", bad.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(has_chinese(&r.stderr), "{}", r.stderr);
    assert!(
        env.ok(&["export-json", &id]).contains("备份之后改的名称"),
        "untouched"
    );

    let restored = env.ok(&["backup", "restore", &keep]);
    assert!(restored.contains("恢复前的数据文件已备份为"), "{restored}");
    assert!(!env.ok(&["export-json", &id]).contains("备份之后改的名称"));
    // The store before the restore is itself a backup, so the restore can be undone.
    let undo = restored
        .rsplit("已备份为 ")
        .next()
        .unwrap()
        .trim()
        .to_string();
    env.ok(&["backup", "restore", &undo]);
    assert!(env.ok(&["export-json", &id]).contains("备份之后改的名称"));
}
