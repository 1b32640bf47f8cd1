//! Moving dossiers to a newer template version: every value keeps its place or moves with its
//! role; what no longer has a place goes to the dossier's unplaced content, is listed, and stays
//! in the snapshot taken first. Dossiers of 2025.1 (our design before the official form) — from
//! an interchange file, a bundle or an older store — move to 2025.2 keeping every character.

use dossier_tests::{Env, han};
use std::collections::BTreeMap;

/// city.toml as version 2025.3: 试点目标 under a new key (same role), 五（三） removed, a new
/// sub-part, the milestone table without 验收指标 and with a new 责任单位 column.
fn newer_city_template() -> String {
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../templates/2025/city.toml"
    ))
    .unwrap();
    let mut t = source
        .replacen("version = \"2025.2\"", "version = \"2025.3\"", 1)
        .replacen("[[sections]]\nkey = \"goals\"", "[[sections]]\nkey = \"objectives\"", 1)
        .replacen(
            "[[sections.tables.columns]]\nkey = \"indicator\"\nlabel = \"验收指标\"\ntype = \"text\"\nrequired = false\n",
            "[[sections.tables.columns]]\nkey = \"owner\"\nlabel = \"责任单位\"\ntype = \"text\"\nrequired = false\n",
            1,
        );
    let start = t.find("[[sections]]\nkey = \"ecosystem\"").unwrap();
    let end = start
        + t[start..]
            .find("[[sections]]\nkey = \"operations\"")
            .unwrap();
    t.replace_range(
        start..end,
        "[[sections]]\nkey = \"innovation\"\ntitle = \"创新亮点\"\nheading = \"（九）创新亮点\"\npart = \"plan\"\nrequired = false\nguidance = \"写明创新之处。\"\n\n",
    );
    assert!(t.contains("objectives") && t.contains("owner") && !t.contains("key = \"ecosystem\""));
    t
}

#[test]
fn migration_keeps_every_value_and_reports_what_moved() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city"]);
    let before: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", &id])).unwrap();
    let file = env.path("city-2025.3.toml");
    std::fs::write(&file, newer_city_template()).unwrap();
    env.ok(&["template", "load", file.to_str().unwrap()]);

    let report = env.ok(&["template", "migrate", &id]);
    assert!(
        report.contains("已从模板 tds-city 2025.2 迁移到 tds-city 2025.3"),
        "{report}"
    );
    assert!(
        report.contains("章节“试点目标”移到“三、试点目标”"),
        "{report}"
    );
    assert!(report.contains("新增“五（九）创新亮点”"), "{report}");
    assert!(
        report.contains("表格“进度安排”新增“责任单位”列"),
        "{report}"
    );
    assert!(
        report.contains("章节“产业生态培育情况”（新版模板中没有对应部分，已放入“未归位内容”）"),
        "{report}"
    );
    assert!(
        report.contains("“验收指标”列（新版模板中没有这一列，已放入“未归位内容”）"),
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
    assert_eq!(a["template"]["version"], "2025.3");
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
    assert_eq!(section(a, "ecosystem"), None);
    for key in [
        "basics",
        "work_done",
        "cocreation",
        "technical",
        "operations",
        "safeguards",
    ] {
        assert_eq!(section(a, key), section(b, key), "{key}");
    }
    // The removed part's content is kept with the dossier, whole, under its source.
    let unplaced = a["unplaced"].as_array().unwrap();
    let kept = unplaced
        .iter()
        .find(|u| u["source"].as_str().unwrap().contains("产业生态培育情况"))
        .unwrap();
    assert_eq!(Some(kept["blocks"].clone()), section(b, "ecosystem"));
    // Every milestone cell but the dropped column is kept; the column is in the unplaced list.
    let rows_b = b["tables"]["milestone_plan"].as_array().unwrap();
    let rows_a = a["tables"]["milestone_plan"].as_array().unwrap();
    assert_eq!(rows_a.len(), rows_b.len());
    for (ra, rb) in rows_a.iter().zip(rows_b) {
        let mut rb = rb.clone();
        rb.as_object_mut().unwrap().remove("indicator");
        assert_eq!(ra, &rb);
    }
    let column = serde_json::to_string(unplaced).unwrap();
    for rb in rows_b {
        assert!(column.contains(rb["indicator"].as_str().unwrap()));
    }
    // What has no place is in the snapshot, whole.
    env.ok(&["restore", &id, &snapshot]);
    let restored: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", &id])).unwrap();
    assert_eq!(restored["dossier"], before["dossier"], "undoable");

    // Already on the newest version after migrating again: nothing to do.
    env.ok(&["template", "migrate", &id]);
    let again = env.ok(&["template", "migrate", &id]);
    assert!(again.contains("无需迁移"), "{again}");
}

/// The hand-written example as it was on 2025.1 (interchange format 1).
const EARLIER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/earlier/city-example-2025.1.json"
);

/// Every string value of a JSON document (keys are ours, never the user's).
fn strings(v: &serde_json::Value, out: &mut String) {
    match v {
        serde_json::Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

fn han_counts(text: &str) -> BTreeMap<char, usize> {
    let mut counts = BTreeMap::new();
    for c in han(text).chars() {
        *counts.entry(c).or_default() += 1;
    }
    counts
}

/// Asserts that every Han character of `old` (counted) is in `new` or in `report`.
fn assert_no_character_lost(old: &serde_json::Value, new: &serde_json::Value, report: &str) {
    let (mut o, mut n) = (String::new(), String::new());
    strings(old, &mut o);
    strings(new, &mut n);
    n.push_str(report);
    let (o, n) = (han_counts(&o), han_counts(&n));
    let lost: Vec<(char, usize)> = o
        .iter()
        .filter(|(c, k)| n.get(c).copied().unwrap_or(0) < **k)
        .map(|(c, k)| (*c, k - n.get(c).copied().unwrap_or(0)))
        .collect();
    assert!(lost.is_empty(), "characters lost: {lost:?}");
    assert!(o.values().sum::<usize>() > 1500, "a substantial dossier");
}

fn migrate_earlier(env: &Env, id: &str) -> (serde_json::Value, String) {
    let show = env.ok(&["show", id]);
    assert!(show.contains("tds-city 版本 2025.1"), "{show}");
    let report = env.ok(&["template", "migrate", id]);
    assert!(
        report.contains("已从模板 tds-city 2025.1 迁移到 tds-city 2025.2"),
        "{report}"
    );
    for line in [
        "章节“申报主体基本情况”移到“二（一）试点申报单位基本情况”",
        "章节“项目概况与建设基础”移到“二（三）已开展工作”",
        "章节“建设目标”保留",
        "章节“应用场景”移到“五（一）应用共创情况”",
        "章节“主要任务”移到“四、总体思路”",
        "章节“运营模式”移到“五（四）运营方案”",
        "章节“推进计划与阶段性成果”移到“五（七）进度计划”",
        "章节“预期成效”并入“五（七）进度计划”",
        "章节“保障措施”保留",
        "表格“主要合作伙伴”的 2 行移到“可信数据空间其他参与主体情况”",
        "表格“近三年主要经营指标”的 3 行（新版模板中没有对应表格，已放入“未归位内容”）",
        "旧版模板（2025.1） › 封面 › 成立日期",
        "旧版模板（2025.1） › 承诺书 › 原条款",
    ] {
        assert!(report.contains(line), "{line}\n{report}");
    }
    let after: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", id])).unwrap();
    assert_eq!(after["dossier"]["template"]["version"], "2025.2");
    // The migrated dossier is valid on the form and opens with the checks run.
    let check = env.run(&["check", id, "--json"]);
    assert!(check.code <= 1, "{}", check.stderr);
    let findings: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let rules: Vec<&str> = findings["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(
        !rules.contains(&"project.template") && !rules.contains(&"project.pilot_type"),
        "the migrated dossier is not on the form's template: {rules:?}"
    );
    let counted = findings["counts"].as_array().unwrap();
    assert!(
        counted.iter().any(|c| c["key"] == "basics") && counted.iter().any(|c| c["key"] == "goals"),
        "the form's parts are counted: {counted:?}"
    );
    (after, report)
}

#[test]
fn an_earlier_interchange_file_imports_and_migrates_keeping_every_character() {
    let env = Env::new();
    let old: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(EARLIER).unwrap()).unwrap();
    assert_eq!(old["format_version"], 1);
    let id = env.ok(&["import", EARLIER]);
    let (after, report) = migrate_earlier(&env, &id);
    assert_no_character_lost(&old, &after, &report);
    // The old front matter has its new names: 注册地址 is 单位地址, the joint recommender the
    // authority; what has none is unplaced content.
    let fm = &after["dossier"]["front_matter"];
    assert_eq!(
        fm["applicant"]["address"],
        old["dossier"]["front_matter"]["applicant"]["registered_address"]
    );
    let unplaced = serde_json::to_string(&after["dossier"]["unplaced"]).unwrap();
    for text in [
        "成立日期：2021-06-18",
        "注册资本：20000万元",
        "临府字〔2025〕12号",
    ] {
        assert!(unplaced.contains(text), "{text}");
    }
}

#[test]
fn an_earlier_bundle_imports_and_migrates_keeping_every_character() {
    let env = Env::new();
    let old: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(EARLIER).unwrap()).unwrap();
    let id = env.ok(&["import", EARLIER]);
    let bundle = env.path("earlier.dossier");
    env.ok(&["bundle", "export", &id, bundle.to_str().unwrap()]);
    let elsewhere = Env::new();
    let id = elsewhere.ok(&["bundle", "import", bundle.to_str().unwrap()]);
    let (after, report) = migrate_earlier(&elsewhere, &id);
    assert_no_character_lost(&old, &after, &report);
}

#[test]
fn an_earlier_store_opens_with_its_front_matter_upgraded() {
    let env = Env::new();
    let old: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(EARLIER).unwrap()).unwrap();
    let id = env.ok(&["import", EARLIER]);
    // Make the store what the program before the form left: schema 5, old front matter.
    {
        let conn = rusqlite::Connection::open(&env.store).unwrap();
        conn.execute(
            "UPDATE dossiers SET front_matter = ?1",
            [old["dossier"]["front_matter"].to_string()],
        )
        .unwrap();
        conn.execute_batch(
            "ALTER TABLE dossiers DROP COLUMN unplaced; ALTER TABLE dossiers DROP COLUMN assignment;
             DROP TABLE handouts; PRAGMA user_version = 5;",
        )
        .unwrap();
    }
    let after: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", &id])).unwrap();
    let unplaced = serde_json::to_string(&after["dossier"]["unplaced"]).unwrap();
    assert!(unplaced.contains("注册资本：20000万元"), "{unplaced}");
    let conn = rusqlite::Connection::open(&env.store).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(
        version,
        dossier_core::store::latest_schema_version(),
        "every migration applied"
    );
    drop(conn);
    let (after, report) = migrate_earlier(&env, &id);
    assert_no_character_lost(&old, &after, &report);
}
