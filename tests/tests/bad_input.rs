//! Bad input through the real CLI: each case gives a clear Chinese message naming what and
//! where, exits with 2, writes nothing and leaves the store as it was.

use dossier_tests::{Env, has_chinese};

/// The store's visible state: the dossier list and every dossier's export.
fn snapshot(env: &Env) -> String {
    let list = env.ok(&["list", "--json", "--all"]);
    let ids: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap();
    let mut out = list.clone();
    for d in ids {
        out.push_str(&env.ok(&["export-json", &d["id"].to_string()]));
    }
    out
}

fn valid_document(env: &Env) -> serde_json::Value {
    let id = env.ok(&["sample", "--type", "city"]);
    serde_json::from_str(&env.ok(&["export-json", &id])).unwrap()
}

/// Imports `text` and expects a refusal whose message holds every one of `expect`.
fn refused(env: &Env, name: &str, text: &[u8], expect: &[&str]) {
    let before = snapshot(env);
    let file = env.path(name);
    std::fs::write(&file, text).unwrap();
    let r = env.run(&["import", file.to_str().unwrap()]);
    assert_eq!(
        r.code, 2,
        "{name}: exit {} stdout {} stderr {}",
        r.code, r.stdout, r.stderr
    );
    assert!(r.stdout.is_empty(), "{name}: printed an id: {}", r.stdout);
    assert!(has_chinese(&r.stderr), "{name}: not Chinese: {}", r.stderr);
    for e in expect {
        assert!(
            r.stderr.contains(e),
            "{name}: expected “{e}” in: {}",
            r.stderr
        );
    }
    assert_eq!(before, snapshot(env), "{name}: the store changed");
}

#[test]
fn malformed_and_truncated_json() {
    let env = Env::new();
    let doc = valid_document(&env);
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    let cut = &text[..half];
    refused(
        &env,
        "truncated.json",
        cut.as_bytes(),
        &["truncated.json", "行", "意外结束"],
    );
    refused(
        &env,
        "malformed.json",
        b"{\n  \"format\": \"dossier-studio/dossier\",,\n}",
        &["malformed.json 第 2 行"],
    );
    refused(&env, "empty.json", b"", &["空"]);
    refused(
        &env,
        "latin1.json",
        b"{\"title\": \"\xd6\xd0\"}",
        &["UTF-8"],
    );
    refused(
        &env,
        "other.json",
        b"{\"hello\": 1}",
        &["不是申报书工作台的交换文件"],
    );
}

#[test]
fn wrong_version_template_and_types() {
    let env = Env::new();
    let doc = valid_document(&env);
    let with = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut d = doc.clone();
        f(&mut d);
        serde_json::to_vec_pretty(&d).unwrap()
    };
    refused(
        &env,
        "newer.json",
        &with(&|d| d["format_version"] = 9.into()),
        &["版本为 9", "升级"],
    );
    refused(
        &env,
        "unknown-template.json",
        &with(&|d| d["dossier"]["template"]["id"] = "tds-moon".into()),
        &["tds-moon", "找不到模板"],
    );
    refused(
        &env,
        "unknown-version.json",
        &with(&|d| d["dossier"]["template"]["version"] = "1999.1".into()),
        &["1999.1"],
    );
    refused(
        &env,
        "type.json",
        &with(&|d| d["dossier"]["title"] = 42.into()),
        &["dossier.title", "应为文本"],
    );
    refused(
        &env,
        "date.json",
        &with(&|d| d["dossier"]["application_date"] = "2025年5月".into()),
        &["dossier.application_date", "日期"],
    );
    refused(
        &env,
        "pilot.json",
        &with(&|d| d["dossier"]["pilot_type"] = "town".into()),
        &["town", "enterprise"],
    );
    refused(
        &env,
        "mismatch.json",
        &with(&|d| d["dossier"]["pilot_type"] = "industry".into()),
        &["行业", "城市"],
    );
    refused(
        &env,
        "section.json",
        &with(&|d| d["dossier"]["sections"][0]["key"] = "poetry".into()),
        &["poetry", "可用的章节"],
    );
    refused(
        &env,
        "column.json",
        &with(&|d| d["dossier"]["tables"]["participants"][0]["color"] = "red".into()),
        &["color", "tables.participants[0]"],
    );
    refused(
        &env,
        "unknown-field.json",
        &with(&|d| d["dossier"]["front_matter"]["applicant"]["nickname"] = "x".into()),
        &["nickname", "不认识的字段"],
    );
    refused(
        &env,
        "heading.json",
        &with(&|d| d["dossier"]["sections"][4]["blocks"][1]["level"] = 7.into()),
        &["小标题层级 7"],
    );
    refused(
        &env,
        "media.json",
        &with(&|d| d["dossier"]["media"][0]["data"] = "AAAA".into()),
        &["media[0]"],
    );
}

#[test]
fn control_characters_are_refused_with_their_place() {
    let env = Env::new();
    let mut doc = valid_document(&env);
    doc["dossier"]["sections"][2]["blocks"][0]["text"] = "目标\u{0007}明确".into();
    refused(
        &env,
        "bell.json",
        &serde_json::to_vec(&doc).unwrap(),
        &["sections[2]", "U+0007"],
    );
    let mut doc = valid_document(&env);
    doc["dossier"]["front_matter"]["applicant"]["name"] = "某\u{001B}公司".into();
    refused(
        &env,
        "escape.json",
        &serde_json::to_vec(&doc).unwrap(),
        &["front_matter.applicant.name", "U+001B"],
    );
}

#[test]
fn bad_field_values_and_usage_errors() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "enterprise"]);
    let before = snapshot(&env);
    for (args, expect) in [
        (
            vec!["set", id.as_str(), "application_date=2025/5/8"],
            "不是有效日期",
        ),
        (
            vec![
                "set",
                id.as_str(),
                "applicant.name=好",
                "recommendation.order=第一",
            ],
            "推荐意向序号",
        ),
        (vec!["set", id.as_str(), "no_such_field=1"], "没有这个字段"),
        (vec!["set", id.as_str(), "applicant.name"], "字段=值"),
        (vec!["show", "999"], "找不到编号为 999"),
        (vec!["new", "--type", "town", "--title", "x"], "可选值为"),
        (vec!["new", "--type", "city", "--title", "  "], "不能为空"),
        (vec!["frobnicate"], "不认识的命令"),
        (vec!["sample", "--type", "city", "--scale", "0"], "无效"),
    ] {
        let r = env.run(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains(expect),
            "{args:?}: expected “{expect}” in {}",
            r.stderr
        );
    }
    assert_eq!(before, snapshot(&env));
    env.ok(&[
        "set",
        &id,
        "applicant.name=星河智能装备集团股份有限公司",
        "recommendation.order=3",
    ]);
    let shown = env.ok(&["show", &id]);
    assert!(shown.contains("星河智能装备集团股份有限公司"));
}

/// The core's messages say what is wrong; the CLI adds what to do in its own terms (a flag, a
/// command), and the window its own (see the shell's `hint`), by error code.
#[test]
fn the_cli_adds_its_own_hint_to_the_cores_message() {
    let env = Env::new();
    let r = env.run(&["show", "999"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("找不到编号为 999 的申报书"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("提示：可用 `dossier list`"),
        "{}",
        r.stderr
    );
    // A Word file whose cover does not say the type: the flag that says it is named.
    let file = env.path("无封面.docx");
    let xml = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>会议纪要</w:t></w:r></w:p></w:body></w:document>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
    std::fs::write(&file, zip.finish().unwrap().into_inner()).unwrap();
    let r = env.run(&["import-docx", file.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("无法判断试点类型"), "{}", r.stderr);
    assert!(r.stderr.contains("提示：用 --type"), "{}", r.stderr);
    // The message itself names no flag (the window shows it too).
    let message = r.stderr.lines().next().unwrap();
    assert!(!message.contains("--"), "{message}");
}

/// `dossier --help` lists every command once, each with its own description.
#[test]
fn the_help_lists_each_command_with_its_own_description() {
    let env = Env::new();
    let r = env.run(&["--help"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let commands: Vec<(String, String)> = r
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("命令"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| {
            let l = l.trim();
            let (name, about) = l.split_once(' ').unwrap_or((l, ""));
            (name.to_string(), about.trim().to_string())
        })
        .collect();
    assert!(commands.len() > 20, "{}", r.stdout);
    for (name, about) in &commands {
        assert!(
            has_chinese(about),
            "{name} has no description: {}",
            r.stdout
        );
    }
    let mut abouts: Vec<&String> = commands.iter().map(|(_, a)| a).collect();
    abouts.sort();
    abouts.dedup();
    assert_eq!(
        abouts.len(),
        commands.len(),
        "two commands share a description"
    );
}
