//! Several writers, several laptops: copies handed out part by part, edited in stores of their
//! own (real SQLite files), merged back three-way against the snapshot they were cut from.

use dossier_core::bundle;
use dossier_core::interchange;
use dossier_core::merge::{self, Resolution};
use dossier_core::model::{Block, PilotType, TableRow};
use dossier_core::sample;
use dossier_core::store::Store;
use dossier_tests::{Env, has_chinese};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

/// The home store with the city sample, and a folder for the writers' stores.
fn home(dir: &Path, scale: u32) -> (Store, i64) {
    let mut store = Store::open(dir.join("home.db")).unwrap();
    let d = sample::generate(store.registry(), PilotType::City, scale).unwrap();
    let id = store.insert(&d).unwrap();
    (store, id)
}

/// A writer's laptop: their own store holding the copy handed out to them.
fn writer_copy(dir: &Path, name: &str, bytes: &[u8]) -> (Store, i64) {
    let mut store = Store::open(dir.join(format!("{name}.db"))).unwrap();
    let b = bundle::read("副本.dossier", bytes).unwrap();
    let id = bundle::import_new(&mut store, &b).unwrap();
    (store, id)
}

/// The writer's copy sent back, as the home read it.
fn sent_back(store: &Store, id: i64) -> dossier_core::model::Dossier {
    let bytes = bundle::write(store, id, false).unwrap();
    bundle::read("交回.dossier", &bytes).unwrap().dossier
}

fn paragraph(text: &str) -> Vec<Block> {
    vec![Block::paragraph(text)]
}

fn text_of(store: &Store, id: i64, key: &str) -> String {
    store
        .load(id)
        .unwrap()
        .dossier
        .section(key)
        .map(|s| {
            s.blocks
                .iter()
                .flat_map(|b| b.texts())
                .collect::<Vec<_>>()
                .concat()
        })
        .unwrap_or_default()
}

#[test]
fn two_writers_on_different_parts_merge_without_conflict_and_the_history_says_who() {
    let dir = tempfile::tempdir().unwrap();
    let (mut home, id) = home(dir.path(), 1);
    let a = merge::hand_out(&mut home, id, &["technical".into()], "张工").unwrap();
    let b = merge::hand_out(&mut home, id, &["operations".into()], "李工").unwrap();

    let (mut sa, ia) = writer_copy(dir.path(), "zhang", &a);
    sa.save_section(
        ia,
        "technical",
        &paragraph("技术方案由张工改写。采用统一身份认证。"),
    )
    .unwrap();
    // The rest is read-only in the copy: a clear message, nothing written.
    let before = interchange::to_json(&sa.load(ia).unwrap().dossier);
    let err = sa
        .save_section(ia, "operations", &paragraph("不该写进来。"))
        .unwrap_err();
    assert!(
        has_chinese(&err.to_string()) && err.to_string().contains("只读"),
        "{err}"
    );
    let err = sa
        .set_fields(ia, &[("contact.mobile", "13900000000")])
        .unwrap_err();
    assert!(err.to_string().contains("只读"), "{err}");
    assert_eq!(interchange::to_json(&sa.load(ia).unwrap().dossier), before);

    let (mut sb, ib) = writer_copy(dir.path(), "li", &b);
    sb.save_section(
        ib,
        "operations",
        &paragraph("运营方案由李工改写。按季度评估。"),
    )
    .unwrap();

    let plan = merge::plan(&home, id, &sent_back(&sa, ia)).unwrap();
    assert_eq!(plan.writer, "张工");
    assert_eq!(plan.conflicts, vec![]);
    assert_eq!(
        plan.incoming
            .iter()
            .map(|i| i.anchor.to_string())
            .collect::<Vec<_>>(),
        vec!["section:technical"]
    );
    merge::apply(
        &mut home,
        id,
        &sent_back(&sa, ia),
        &BTreeMap::new(),
        "张工.dossier",
    )
    .unwrap();
    // The second writer's copy merges after the first: its base is its own hand-out.
    let plan = merge::plan(&home, id, &sent_back(&sb, ib)).unwrap();
    assert_eq!(plan.conflicts, vec![]);
    merge::apply(
        &mut home,
        id,
        &sent_back(&sb, ib),
        &BTreeMap::new(),
        "李工.dossier",
    )
    .unwrap();
    assert!(text_of(&home, id, "technical").contains("张工改写"));
    assert!(text_of(&home, id, "operations").contains("李工改写"));
    assert!(home.load(id).unwrap().dossier.assignment.is_none());

    let history: Vec<String> = home
        .activity(id)
        .unwrap()
        .into_iter()
        .map(|a| a.what)
        .collect();
    assert!(
        history
            .iter()
            .any(|h| h.contains("合并张工的分工副本") && h.contains("技术方案")),
        "{history:?}"
    );
    assert!(
        history
            .iter()
            .any(|h| h.contains("合并李工的分工副本") && h.contains("冲突 0 处"))
    );
    assert!(history.iter().any(|h| h.contains("分发分工副本给张工")));
}

#[test]
fn a_part_changed_on_both_sides_is_a_conflict_with_both_texts() {
    let dir = tempfile::tempdir().unwrap();
    let (mut home, id) = home(dir.path(), 1);
    let a = merge::hand_out(&mut home, id, &["plan".into()], "张工").unwrap();
    let (mut sa, ia) = writer_copy(dir.path(), "zhang", &a);
    sa.save_section(ia, "technical", &paragraph("共同的一句。张工新增的一句。"))
        .unwrap();
    home.save_section(id, "technical", &paragraph("共同的一句。家里新增的一句。"))
        .unwrap();
    let back = sent_back(&sa, ia);
    let plan = merge::plan(&home, id, &back).unwrap();
    assert_eq!(plan.conflicts.len(), 1, "{plan:?}");
    let c = &plan.conflicts[0];
    assert_eq!(c.anchor, "section:technical");
    assert!(c.home.contains("家里新增的一句") && c.bundle.contains("张工新增的一句"));
    assert_eq!(c.home_only, vec!["家里新增的一句。".to_string()]);
    assert_eq!(c.bundle_only, vec!["张工新增的一句。".to_string()]);

    // Unresolved: refused, nothing written.
    let before = interchange::to_json(&home.load(id).unwrap().dossier);
    let err = merge::apply(&mut home, id, &back, &BTreeMap::new(), "张工.dossier").unwrap_err();
    assert!(
        err.to_string().contains("冲突") && err.to_string().contains("技术方案"),
        "{err}"
    );
    assert_eq!(
        interchange::to_json(&home.load(id).unwrap().dossier),
        before
    );

    // Written by hand: the result is the user's text.
    let choice = BTreeMap::from([(
        c.anchor.clone(),
        Resolution::Edited("共同的一句。\n两边合起来的一句。".into()),
    )]);
    merge::apply(&mut home, id, &back, &choice, "张工.dossier").unwrap();
    assert_eq!(
        text_of(&home, id, "technical"),
        "共同的一句。两边合起来的一句。"
    );
    let history = home.activity(id).unwrap();
    assert!(history[0].what.contains("冲突 1 处") && history[0].what.contains("手工编辑"));
}

#[test]
fn rows_added_on_each_side_are_both_kept_and_a_field_changed_on_one_side_comes_in() {
    let dir = tempfile::tempdir().unwrap();
    let (mut home, id) = home(dir.path(), 1);
    let a = merge::hand_out(
        &mut home,
        id,
        &["participants".into(), "basic_info".into()],
        "王工",
    )
    .unwrap();
    let (mut sa, ia) = writer_copy(dir.path(), "wang", &a);
    let row = |name: &str| -> TableRow {
        BTreeMap::from([
            ("name".to_string(), name.to_string()),
            ("duty".to_string(), "数据提供方".to_string()),
            ("cooperation".to_string(), "提供数据资源".to_string()),
        ])
    };
    let mut theirs = sa.load(ia).unwrap().dossier.tables["participants"].clone();
    theirs.push(row("撰写人加的单位"));
    sa.save_table(ia, "participants", &theirs).unwrap();
    sa.set_fields(ia, &[("contact.mobile", "13911112222")])
        .unwrap();
    let mut ours = home.load(id).unwrap().dossier.tables["participants"].clone();
    let before_rows = ours.len();
    ours.push(row("家里加的单位"));
    home.save_table(id, "participants", &ours).unwrap();

    let back = sent_back(&sa, ia);
    let plan = merge::plan(&home, id, &back).unwrap();
    assert_eq!(plan.conflicts, vec![], "{plan:?}");
    let before = interchange::to_json(&home.load(id).unwrap().dossier);
    let outcome = merge::apply(&mut home, id, &back, &BTreeMap::new(), "王工.dossier").unwrap();
    let merged = home.load(id).unwrap().dossier;
    let names: Vec<&str> = merged.tables["participants"]
        .iter()
        .map(|r| r["name"].as_str())
        .collect();
    assert_eq!(names.len(), before_rows + 2, "{names:?}");
    assert!(names.contains(&"撰写人加的单位") && names.contains(&"家里加的单位"));
    assert_eq!(merged.front_matter.contact.mobile, "13911112222");

    // Undo: the snapshot taken first gives back the dossier as it was, byte for byte.
    home.restore_snapshot(id, outcome.snapshot, None).unwrap();
    assert_eq!(
        interchange::to_json(&home.load(id).unwrap().dossier),
        before
    );
}

#[test]
fn a_copy_from_another_dossier_or_a_plain_bundle_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut home, id) = home(dir.path(), 1);
    let other = home
        .insert(&sample::generate(home.registry(), PilotType::City, 1).unwrap())
        .unwrap();
    let a = merge::hand_out(&mut home, other, &["technical".into()], "张工").unwrap();
    let copy = bundle::read("副本.dossier", &a).unwrap().dossier;
    let err = merge::plan(&home, id, &copy).unwrap_err();
    assert!(err.to_string().contains("不是从这份申报书分发的"), "{err}");
    let plain = bundle::read("整份.dossier", &bundle::write(&home, id, false).unwrap())
        .unwrap()
        .dossier;
    let err = merge::plan(&home, id, &plain).unwrap_err();
    assert!(err.to_string().contains("不是分工副本"), "{err}");
    // A part that does not exist, and no writer.
    let err = merge::hand_out(&mut home, id, &["nothing".into()], "张工").unwrap_err();
    assert!(err.to_string().contains("没有“nothing”这一部分"), "{err}");
    let err = merge::hand_out(&mut home, id, &["technical".into()], " ").unwrap_err();
    assert!(err.to_string().contains("撰写人"), "{err}");
}

#[test]
fn the_cli_hands_out_and_merges_with_a_plan_first() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city"]);
    let file = env.path("zhang.dossier");
    env.ok(&[
        "bundle",
        "export",
        &id,
        file.to_str().unwrap(),
        "--parts",
        "technical",
        "--writer",
        "张工",
    ]);
    // The writer's laptop.
    let writer = Env::new();
    let wid = writer.ok(&["bundle", "import", file.to_str().unwrap()]);
    let out = writer.run(&["set", &wid, "contact.mobile=13900000000"]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("只读"), "{}", out.stderr);
    let back = writer.path("back.dossier");
    writer.ok(&["bundle", "export", &wid, back.to_str().unwrap()]);
    let shown = env.ok(&["bundle", "merge", &id, back.to_str().unwrap()]);
    assert!(
        shown.contains("张工的分工副本") && shown.contains("未做修改"),
        "{shown}"
    );
    let done = env.ok(&["bundle", "merge", &id, back.to_str().unwrap(), "--confirm"]);
    assert!(
        done.contains("已合并") && done.contains("dossier restore"),
        "{done}"
    );
    let history = env.ok(&["history", &id]);
    assert!(history.contains("合并张工的分工副本"), "{history}");
}

/// Figures for the note (no assertion on time): merging two writers' copies of a scale-4 dossier.
#[test]
fn merge_time_of_two_scale_4_copies() {
    let dir = tempfile::tempdir().unwrap();
    let (mut home, id) = home(dir.path(), 4);
    let a = merge::hand_out(&mut home, id, &["technical".into()], "张工").unwrap();
    let b = merge::hand_out(&mut home, id, &["operations".into()], "李工").unwrap();
    let (mut sa, ia) = writer_copy(dir.path(), "zhang", &a);
    let (mut sb, ib) = writer_copy(dir.path(), "li", &b);
    sa.save_section(ia, "technical", &paragraph("张工的技术方案。"))
        .unwrap();
    sb.save_section(ib, "operations", &paragraph("李工的运营方案。"))
        .unwrap();
    let (ba, bb) = (
        bundle::write(&sa, ia, false).unwrap(),
        bundle::write(&sb, ib, false).unwrap(),
    );
    let t = Instant::now();
    for (bytes, name) in [(&ba, "张工"), (&bb, "李工")] {
        let copy = bundle::read(name, bytes).unwrap().dossier;
        let plan = merge::plan(&home, id, &copy).unwrap();
        assert_eq!(plan.incoming.len(), 1);
        merge::apply(&mut home, id, &copy, &BTreeMap::new(), name).unwrap();
    }
    println!(
        "merging two scale-4 copies (read, plan, apply, each): {:.1} ms in all ({} KB and {} KB)",
        t.elapsed().as_secs_f64() * 1000.0,
        ba.len() / 1024,
        bb.len() / 1024
    );
    assert!(text_of(&home, id, "technical").contains("张工"));
    assert!(text_of(&home, id, "operations").contains("李工"));
}
