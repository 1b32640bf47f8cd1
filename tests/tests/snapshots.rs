//! Snapshots through the real CLI: taken by hand, before every export and before every restore;
//! listed, compared sentence by sentence, restored whole or one section, and the restore undone.

use dossier_tests::Env;

#[test]
fn snapshots_restore_compare_and_undo() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city"]);
    let original = env.ok(&["export-json", &id]);
    let snap = env.ok(&["snapshot", &id, "--name", "初稿"]);

    // Edit: a section, a field and a table row.
    let mut doc: serde_json::Value = serde_json::from_str(&original).unwrap();
    doc["dossier"]["sections"][2]["blocks"][0]["text"] = "目标调整为三年内建成全国示范。".into();
    doc["dossier"]["front_matter"]["contact"]["name"] = "李四".into();
    doc["dossier"]["tables"]["participants"]
        .as_array_mut()
        .unwrap()
        .pop();
    let file = env.path("edited.json");
    std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
    // Apply the edits to the same dossier through restore's counterpart: a snapshot of an import.
    let edited = env.ok(&["import", file.to_str().unwrap()]);
    let edited_json = env.ok(&["export-json", &edited]);
    assert_ne!(edited_json, original);
    env.ok(&["set", &id, "contact.name=李四"]);

    let cmp = env.ok(&["compare", &id, &snap]);
    assert!(
        cmp.contains("contact.name") && cmp.contains("李四"),
        "{cmp}"
    );

    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["compare", &edited, "current", "current", "--json"]))
            .unwrap();
    assert_eq!(json["sections"].as_array().unwrap().len(), 0);

    // Restore the whole dossier: the edit is gone, and a safety snapshot was taken first.
    let said = env.ok(&["restore", &id, &snap]);
    assert!(said.contains("撤销"), "{said}");
    assert_eq!(env.ok(&["export-json", &id]), original);
    let list: serde_json::Value =
        serde_json::from_str(&env.ok(&["snapshots", &id, "--json"])).unwrap();
    let kinds: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"restore") && kinds.contains(&"manual"),
        "{kinds:?}"
    );
    let safety = list[0]["id"].to_string();
    // Undo the restore.
    env.ok(&["restore", &id, &safety]);
    assert!(env.ok(&["show", &id, "--json"]).contains("李四"));

    // Restore one section from the edited dossier's snapshot: only that section changes.
    let esnap = env.ok(&["snapshot", &edited]);
    let cmp: serde_json::Value =
        serde_json::from_str(&env.ok(&["compare", &edited, &esnap, "current", "--json"])).unwrap();
    assert!(cmp["sections"].as_array().unwrap().is_empty());
    let before: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", &id])).unwrap();
    let r = env.run(&["restore", &id, &esnap]);
    assert_eq!(
        r.code, 2,
        "a snapshot of another dossier must be refused: {}",
        r.stdout
    );
    assert!(r.stderr.contains("没有编号为"), "{}", r.stderr);
    // Two sections edited since the snapshot; restoring one brings it back and keeps the other's
    // edit (and the cover) as they are.
    {
        let mut store = dossier_core::store::Store::open(&env.store).unwrap();
        let numeric: i64 = id.parse().unwrap();
        for key in ["goals", "basics"] {
            let edit = vec![dossier_core::model::Block::paragraph(format!(
                "{key} 改写后的内容。"
            ))];
            store.save_section(numeric, key, &edit).unwrap();
        }
    }
    let section = |doc: &serde_json::Value, key: &str| -> serde_json::Value {
        doc["dossier"]["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == key)
            .cloned()
            .unwrap()
    };
    let at_snapshot: serde_json::Value = serde_json::from_str(&original).unwrap();
    let edited_doc: serde_json::Value =
        serde_json::from_str(&env.ok(&["export-json", &id])).unwrap();
    assert_ne!(
        section(&edited_doc, "goals"),
        section(&at_snapshot, "goals")
    );
    env.ok(&["restore", &id, &snap, "--section", "goals"]);
    let after: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", &id])).unwrap();
    assert_eq!(
        section(&after, "goals"),
        section(&at_snapshot, "goals"),
        "the restored section is not the snapshot's"
    );
    assert_eq!(
        section(&after, "basics"),
        section(&edited_doc, "basics"),
        "a section restore touched another section's edit"
    );
    assert_eq!(
        before["dossier"]["front_matter"], after["dossier"]["front_matter"],
        "a section restore touched the cover"
    );

    // Sentence-level comparison: one sentence replaced in the goals section.
    let mut store = dossier_core::store::Store::open(&env.store).unwrap();
    let numeric: i64 = id.parse().unwrap();
    let mut blocks = store
        .load(numeric)
        .unwrap()
        .dossier
        .section("goals")
        .unwrap()
        .blocks
        .clone();
    if let dossier_core::model::Block::Paragraph { text } = &mut blocks[0] {
        *text = format!("{text}新增一句承诺。");
    }
    store.save_section(numeric, "goals", &blocks).unwrap();
    drop(store);
    let cmp: serde_json::Value =
        serde_json::from_str(&env.ok(&["compare", &id, &snap, "current", "--json"])).unwrap();
    let goals = cmp["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "goals")
        .expect("goals changed");
    assert!(
        goals["added"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "新增一句承诺。"),
        "{goals}"
    );
    let human = env.ok(&["compare", &id, &snap]);
    assert!(human.contains("＋ 新增一句承诺。"), "{human}");
}

#[test]
fn every_export_keeps_a_snapshot_of_what_it_exported() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "industry"]);
    let out = env.path("out");
    std::fs::create_dir_all(&out).unwrap();
    env.ok(&[
        "export",
        &id,
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ]);
    let list: serde_json::Value =
        serde_json::from_str(&env.ok(&["snapshots", &id, "--json"])).unwrap();
    assert_eq!(list[0]["kind"], "export");
    let snap = list[0]["id"].to_string();
    env.ok(&["set", &id, "title=改过的名称"]);
    let cmp = env.ok(&["compare", &id, &snap]);
    assert!(cmp.contains("改过的名称"), "{cmp}");
    // An edit through the CLI keeps an hourly snapshot when the last one is over an hour old.
    let fresh = env.ok(&["new", "--type", "city", "--title", "新项目"]);
    assert!(env.ok(&["snapshots", &fresh]).contains("还没有快照"));
    env.ok(&["set", &fresh, "contact.name=王五"]);
    env.ok(&["set", &fresh, "contact.name=赵六"]);
    let list: serde_json::Value =
        serde_json::from_str(&env.ok(&["snapshots", &fresh, "--json"])).unwrap();
    assert_eq!(
        list.as_array().unwrap().len(),
        1,
        "one hourly snapshot, not one per edit"
    );
    assert_eq!(list[0]["kind"], "hourly");
}

#[test]
fn duplicates_keep_what_was_chosen() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "enterprise"]);
    let all = env.ok(&["duplicate", &id]);
    let a: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", &all])).unwrap();
    let o: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", &id])).unwrap();
    assert_eq!(a["dossier"]["sections"], o["dossier"]["sections"]);
    assert_eq!(a["dossier"]["front_matter"], o["dossier"]["front_matter"]);
    assert!(
        a["dossier"]["title"]
            .as_str()
            .unwrap()
            .ends_with("（副本）")
    );
    // A second copy of the same dossier is told apart from the first.
    let again = env.ok(&["duplicate", &id]);
    let title = |id: &str| -> String {
        let d: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", id])).unwrap();
        d["dossier"]["title"].as_str().unwrap().to_string()
    };
    assert_eq!(title(&again), format!("{}（副本2）", title(&id)));
    assert_eq!(title(&all), format!("{}（副本）", title(&id)));

    let next_year = env.ok(&[
        "duplicate",
        &id,
        "--without-front-matter",
        "--without-attachments",
    ]);
    let n: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", &next_year])).unwrap();
    assert_eq!(n["dossier"]["sections"], o["dossier"]["sections"]);
    assert_eq!(n["dossier"]["front_matter"]["applicant"]["name"], "");
    assert!(n["dossier"]["front_matter"]["commitment"]["signed_on"].is_null());
    assert!(n["dossier"]["attachments"].as_array().unwrap().is_empty());
    // The architecture figure stays (the body shows it); the scans went with the attachments.
    assert_eq!(n["dossier"]["media"].as_array().unwrap().len(), 1);

    let blank = env.ok(&["duplicate", &id, "--without-content"]);
    let b: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", &blank])).unwrap();
    assert!(b["dossier"]["sections"].as_array().unwrap().is_empty());
    assert_eq!(b["dossier"]["front_matter"], o["dossier"]["front_matter"]);
}

#[test]
fn activity_history_says_when_what_was_changed_and_exported() {
    let env = Env::new();
    let id = env.ok(&["example"]);
    for n in 0..5 {
        env.ok(&["set", &id, &format!("contact.name=联系人{n}")]);
    }
    env.ok(&["snapshot", &id, "--name", "交稿前"]);
    let out = env.path("out");
    std::fs::create_dir_all(&out).unwrap();
    env.ok(&[
        "export",
        &id,
        "--format",
        "pdf",
        "--out",
        out.to_str().unwrap(),
        "--draft",
    ]);
    let history = env.ok(&["history", &id]);
    let lines: Vec<&str> = history.lines().collect();
    assert!(
        lines[0].contains("导出草稿：") && lines[0].contains(".pdf"),
        "{history}"
    );
    assert!(lines[1].ends_with("保存快照“交稿前”"), "{history}");
    // Five quick edits of the same field are one line.
    assert_eq!(
        lines.iter().filter(|l| l.ends_with("修改“姓名”")).count(),
        1,
        "{history}"
    );
    // Fields are named by their labels, never by their paths.
    for path in dossier_core::model::FIELD_PATHS {
        assert!(!history.contains(path), "{path} in the history: {history}");
    }
    assert!(lines.last().unwrap().ends_with("创建"), "{history}");
    assert!(
        lines.iter().all(|l| l.starts_with("20")),
        "each line has its time: {history}"
    );
}
