//! The call's settings a user changes for their store (deadline, quotas): kept across restarts,
//! used by the checks, refused with a Chinese message (and nothing written) when wrong.

use dossier_tests::{Env, has_chinese};

#[test]
fn a_deadline_set_in_the_store_is_kept_and_checked() {
    let env = Env::new();
    let id = env.ok(&["example"]);
    let before = env.run(&["check", &id, "--json"]).stdout;
    assert!(!before.contains("\"call.deadline\""), "no deadline shipped");

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

    // Cleared: as shipped again.
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
        listed.contains("deadline\t申报截止日期：（未设置）"),
        "{listed}"
    );
}
