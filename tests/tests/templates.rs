//! Templates as data: the shipped files are valid, a broken file is rejected with its line, and a
//! newer version loaded from a file is used for new dossiers and kept in the store.

use dossier_tests::Env;

const CITY: &str = include_str!("../../templates/2025/city.toml");

#[test]
fn shipped_templates_are_listed() {
    let env = Env::new();
    let list: serde_json::Value =
        serde_json::from_str(&env.ok(&["template", "list", "--json"])).unwrap();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    // The current templates on the official form, then the earlier ones kept for migration.
    assert_eq!(
        ids,
        ["tds-enterprise", "tds-industry", "tds-city"].repeat(2)
    );
    let versions: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["version"].as_str().unwrap())
        .collect();
    assert_eq!(
        versions,
        ["2025.2", "2025.2", "2025.2", "2025.1", "2025.1", "2025.1"]
    );
}

#[test]
fn broken_template_files_name_the_file_and_line() {
    let env = Env::new();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "syntax.toml",
            CITY.replacen(
                "title = \"试点申报单位基本情况\"",
                "title = \"试点申报单位基本情况",
                1,
            ),
            "行",
        ),
        (
            "type.toml",
            CITY.replacen("min_rows = 1", "min_rows = \"three\"", 1),
            "应为整数",
        ),
        (
            "dup.toml",
            CITY.replacen("key = \"work_done\"", "key = \"basics\"", 1),
            "重复",
        ),
        (
            "kind.toml",
            CITY.replacen("type = \"credit_code\"", "type = \"colour\"", 1),
            "colour",
        ),
        (
            "path.toml",
            CITY.replacen("path = \"contact.fax\"", "path = \"contact.pager\"", 1),
            "contact.pager",
        ),
        (
            "role.toml",
            CITY.replacen("role = \"tasks\"", "role = \"poetry\"", 1),
            "poetry",
        ),
    ];
    for (name, text, expect) in cases {
        assert_ne!(text, CITY, "{name}: the replacement did not apply");
        let file = env.path(name);
        std::fs::write(&file, &text).unwrap();
        let r = env.run(&["template", "load", file.to_str().unwrap()]);
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert!(
            r.stderr.contains(&format!("模板文件 {}", file.display())),
            "{name}: {}",
            r.stderr
        );
        assert!(r.stderr.contains(" 第 "), "{name}: no line in {}", r.stderr);
        assert!(
            r.stderr.contains(expect),
            "{name}: expected “{expect}” in {}",
            r.stderr
        );
    }
    let list: serde_json::Value =
        serde_json::from_str(&env.ok(&["template", "list", "--json"])).unwrap();
    assert_eq!(
        list.as_array().unwrap().len(),
        6,
        "a broken template was kept"
    );
}

#[test]
fn a_newer_template_version_is_loaded_and_used() {
    let env = Env::new();
    let old = env.ok(&["new", "--type", "city", "--title", "旧版"]);
    let newer = CITY
        .replacen("version = \"2025.2\"", "version = \"2025.3\"", 1)
        .replacen("title = \"保障措施\"", "title = \"保障措施与风险应对\"", 1);
    let file = env.path("city-2025.3.toml");
    std::fs::write(&file, newer).unwrap();
    let said = env.ok(&["template", "load", file.to_str().unwrap()]);
    assert!(
        said.contains("tds-city") && said.contains("2025.3"),
        "{said}"
    );
    let id = env.ok(&["new", "--type", "city", "--title", "新版"]);
    let shown = env.ok(&["show", &id]);
    assert!(shown.contains("版本 2025.3"), "{shown}");
    assert!(shown.contains("保障措施与风险应对"), "{shown}");
    // The old dossier keeps its version; both templates survive a reopen.
    assert!(env.ok(&["show", &old]).contains("版本 2025.2"));
    let list: serde_json::Value =
        serde_json::from_str(&env.ok(&["template", "list", "--json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 7);
}
