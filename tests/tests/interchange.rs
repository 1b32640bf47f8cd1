//! The JSON interchange format through the real CLI: exact round trips for every pilot type at
//! scales 1 and 4, and the hand-written example.

use dossier_tests::Env;

#[test]
fn sample_export_import_export_is_identical_for_every_type_and_scale() {
    let env = Env::new();
    for ty in ["enterprise", "industry", "city"] {
        for scale in ["1", "4"] {
            let id = env.ok(&["sample", "--type", ty, "--scale", scale]);
            let first = env.path(&format!("{ty}-{scale}-a.json"));
            env.ok(&["export-json", &id, "--out", first.to_str().unwrap()]);
            let id2 = env.ok(&["import", first.to_str().unwrap()]);
            assert_ne!(id, id2, "import makes a new dossier");
            let second = env.ok(&["export-json", &id2]);
            let a = std::fs::read_to_string(&first).unwrap();
            assert_eq!(
                a.trim_end(),
                second,
                "{ty} scale {scale} changed in the round trip"
            );
            assert!(
                a.len() > 20_000 * scale.parse::<usize>().unwrap(),
                "{ty} {scale} too small"
            );
        }
    }
}

#[test]
fn samples_are_deterministic_and_scale_grows_content() {
    let env = Env::new();
    let a = env.ok(&["sample", "--type", "industry"]);
    let b = env.ok(&["sample", "--type", "industry"]);
    let big = env.ok(&["sample", "--type", "industry", "--scale", "4"]);
    let ja = env.ok(&["export-json", &a]);
    let jb = env.ok(&["export-json", &b]);
    assert_eq!(ja, jb);
    let blocks = |id: &str| -> usize {
        let v: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", id])).unwrap();
        v["dossier"]["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["blocks"].as_array().unwrap().len())
            .sum()
    };
    let (small, large) = (blocks(&a), blocks(&big));
    assert!(
        large > 3 * small,
        "scale 4 has {large} blocks, scale 1 has {small}"
    );
}

#[test]
fn example_dossier_imports_and_reads_like_a_city_dossier() {
    let env = Env::new();
    let id = env.ok(&["example"]);
    let shown = env.ok(&["show", &id]);
    assert!(shown.contains("试点类型：城市"), "{shown}");
    assert!(shown.contains("临川城市数据运营有限公司"), "{shown}");
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["show", &id, "--json"])).unwrap();
    assert_eq!(json["dossier"]["pilot_type"], "city");
}

#[test]
fn import_reads_standard_input() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city"]);
    let json = env.ok(&["export-json", &id]);
    let out = std::process::Command::new(dossier_tests::dossier_bin())
        .args(["--store", env.store.to_str().unwrap(), "import", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(json.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(out.status.success());
    let id2 = String::from_utf8(out.stdout).unwrap();
    assert_eq!(env.ok(&["export-json", id2.trim()]), json);
}
