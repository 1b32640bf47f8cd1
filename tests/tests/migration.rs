//! Moving dossiers to a newer template version: every value keeps its place or moves with its
//! role; what no longer has a place is listed and kept in the snapshot taken first.

use dossier_tests::Env;

/// city.toml as version 2025.2: 建设目标 renamed (same role), 预期成效 removed, a new section,
/// the milestone table without 验收指标 and with a new 责任单位 column.
fn newer_city_template() -> String {
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../templates/2025/city.toml"
    ))
    .unwrap();
    let mut t = source
        .replacen("version = \"2025.1\"", "version = \"2025.2\"", 1)
        .replacen("key = \"goals\"\ntitle = \"建设目标\"", "key = \"objectives\"\ntitle = \"试点目标\"", 1)
        .replacen(
            "[[sections.tables.columns]]\nkey = \"indicator\"\nlabel = \"验收指标\"\ntype = \"text\"\nrequired = true\n",
            "[[sections.tables.columns]]\nkey = \"owner\"\nlabel = \"责任单位\"\ntype = \"text\"\nrequired = false\n",
            1,
        );
    let start = t.find("[[sections]]\nkey = \"outcomes\"").unwrap();
    let end = start
        + t[start..]
            .find("[[sections]]\nkey = \"safeguards\"")
            .unwrap();
    t.replace_range(
        start..end,
        "[[sections]]\nkey = \"innovation\"\ntitle = \"创新亮点\"\nrequired = false\nguidance = \"写明创新之处。\"\n\n",
    );
    assert!(t.contains("objectives") && t.contains("owner") && !t.contains("key = \"outcomes\""));
    t
}

#[test]
fn migration_keeps_every_value_and_reports_what_moved() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city"]);
    let before: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", &id])).unwrap();
    let file = env.path("city-2025.2.toml");
    std::fs::write(&file, newer_city_template()).unwrap();
    env.ok(&["template", "load", file.to_str().unwrap()]);

    let report = env.ok(&["template", "migrate", &id]);
    assert!(
        report.contains("已从模板 tds-city 2025.1 迁移到 tds-city 2025.2"),
        "{report}"
    );
    assert!(report.contains("章节“建设目标”移到“试点目标”"), "{report}");
    assert!(report.contains("新增章节“创新亮点”"), "{report}");
    assert!(
        report.contains("表格“推进计划”新增“责任单位”列"),
        "{report}"
    );
    assert!(
        report.contains("章节“预期成效”（新版模板中没有对应章节）"),
        "{report}"
    );
    assert!(
        report.contains("“验收指标”列（新版模板中没有这一列）"),
        "{report}"
    );
    let snapshot = report
        .split("迁移前的内容保存在快照 ")
        .nth(1)
        .unwrap()
        .trim_end_matches('。')
        .to_string();

    let after: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", &id])).unwrap();
    let (b, a) = (&before["dossier"], &after["dossier"]);
    assert_eq!(a["template"]["version"], "2025.2");
    // Front matter, attachments and files do not move.
    for part in [
        "front_matter",
        "attachments",
        "media",
        "title",
        "pilot_type",
    ] {
        assert_eq!(a[part], b[part], "{part}");
    }
    let section = |d: &serde_json::Value, key: &str| {
        d["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == key)
            .map(|s| s["blocks"].clone())
    };
    assert_eq!(section(a, "objectives"), section(b, "goals"));
    assert_eq!(section(a, "outcomes"), None);
    for key in [
        "overview",
        "scenarios",
        "technical",
        "operating",
        "safeguards",
    ] {
        assert_eq!(section(a, key), section(b, key), "{key}");
    }
    // Every milestone cell but the dropped column is kept.
    let rows_b = b["tables"]["milestone_plan"].as_array().unwrap();
    let rows_a = a["tables"]["milestone_plan"].as_array().unwrap();
    assert_eq!(rows_a.len(), rows_b.len());
    for (ra, rb) in rows_a.iter().zip(rows_b) {
        let mut rb = rb.clone();
        rb.as_object_mut().unwrap().remove("indicator");
        assert_eq!(ra, &rb);
    }
    // What has no place is in the snapshot, whole.
    let compare = env.ok(&["compare", &id, &snapshot, "current", "--json"]);
    assert!(
        compare.contains("outcomes") || compare.contains("预期成效"),
        "{compare}"
    );
    env.ok(&["restore", &id, &snapshot]);
    let restored: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", &id])).unwrap();
    assert_eq!(restored["dossier"], before["dossier"], "undoable");

    // Already on the newest version after migrating again: nothing to do.
    env.ok(&["template", "migrate", &id]);
    let again = env.ok(&["template", "migrate", &id]);
    assert!(again.contains("无需迁移"), "{again}");
}
