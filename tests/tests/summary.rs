//! The recommending unit's summary table: each rule with a passing and a failing case, and the
//! Word table valid against the OOXML schema and openxml-audit, with the projects in order.

use dossier_tests::{Env, assert_valid_docx, tool, zip_part};

/// Three dossiers of one applicant type each, same recommending unit, different applicants.
fn three(env: &Env) -> Vec<String> {
    dossier_tests::dossiers_of_one_unit(env, &["city", "industry", "enterprise"])
}

fn summary(env: &Env, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["summary"];
    all.extend_from_slice(args);
    all.push("--json");
    let r = env.run(&all);
    let v: serde_json::Value =
        serde_json::from_str(&r.stdout).unwrap_or_else(|_| panic!("{} {}", r.stdout, r.stderr));
    (r.code, v)
}

fn rules(v: &serde_json::Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_consistent_table_passes_in_order() {
    let env = Env::new();
    let ids = three(&env);
    env.ok(&["set", &ids[0], "recommendation.order=3"]);
    env.ok(&["set", &ids[2], "recommendation.order=1"]);
    let (code, v) = summary(&env, &[&ids[0], &ids[1], &ids[2]]);
    assert_eq!(code, 0, "{v}");
    assert!(rules(&v).is_empty());
    let order: Vec<_> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["order"].as_u64().unwrap())
        .collect();
    assert_eq!(order, [1, 2, 3]);
    assert_eq!(v["rows"][0]["id"].as_i64().unwrap().to_string(), ids[2]);
}

#[test]
fn order_numbers_must_be_one_to_n_once_each() {
    let env = Env::new();
    let ids = three(&env);
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    for (values, expect) in [
        (["1", "1", "2"], "重复"),
        (["1", "2", "4"], "缺少 3"),
        (["1", "2", ""], "没有填写推荐意向序号"),
    ] {
        for (id, v) in ids.iter().zip(values) {
            env.ok(&["set", id, &format!("recommendation.order={v}")]);
        }
        let (code, v) = summary(&env, &refs);
        assert_eq!(code, 1);
        assert!(rules(&v).contains(&"summary.order".to_string()), "{v}");
        assert!(v.to_string().contains(expect), "{expect}: {v}");
    }
}

#[test]
fn one_project_per_applicant() {
    let env = Env::new();
    let ids = three(&env);
    let (_, ok) = summary(&env, &[&ids[0], &ids[1]]);
    assert!(!rules(&ok).contains(&"summary.one_per_applicant".to_string()));
    let code = env.ok(&["show", &ids[0], "--json"]);
    let v: serde_json::Value = serde_json::from_str(&code).unwrap();
    let credit = v["dossier"]["front_matter"]["applicant"]["credit_code"]
        .as_str()
        .unwrap()
        .to_string();
    env.ok(&["set", &ids[1], &format!("applicant.credit_code={credit}")]);
    let (code, bad) = summary(&env, &[&ids[0], &ids[1]]);
    assert_eq!(code, 1);
    assert!(
        rules(&bad).contains(&"summary.one_per_applicant".to_string()),
        "{bad}"
    );
}

#[test]
fn quotas_from_the_settings_apply() {
    let env = Env::new();
    let ids = three(&env);
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let (_, unset) = summary(&env, &refs);
    assert!(
        !rules(&unset).contains(&"summary.quota".to_string()),
        "the notice's quotas (8 per province, 1 city project) allow these three"
    );
    env.ok(&["setting", "quotas.per_province", "3"]);
    let (code, within) = summary(&env, &refs);
    assert_eq!(code, 0, "{within}");
    env.ok(&["setting", "quotas.per_province", "2"]);
    let (code, over) = summary(&env, &refs);
    assert_eq!(code, 1);
    assert!(
        over.to_string()
            .contains("最多推荐 2 个项目，汇总表列了 3 个"),
        "{over}"
    );
    // Another unit kind has its own quota (8 for the corps, as for a province).
    let mut args = refs.clone();
    args.extend(["--unit-kind", "corps"]);
    let (code, _) = summary(&env, &args);
    assert_eq!(code, 0);
    // The central-enterprise channel cannot carry a city project.
    let mut args = refs.clone();
    args.extend(["--unit-kind", "central_enterprise"]);
    let (_, central) = summary(&env, &args);
    assert!(
        central
            .to_string()
            .contains("中央企业渠道不能推荐城市方向的项目")
    );
}

#[test]
fn names_units_and_codes_must_agree() {
    let env = Env::new();
    let ids = three(&env);
    env.ok(&["set", &ids[1], "recommending_unit=西山省数据局"]);
    env.ok(&["set", &ids[2], "applicant.credit_code=91350100M000100Y4Z"]);
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let (code, v) = summary(&env, &refs);
    assert_eq!(code, 1);
    let text = v.to_string();
    assert!(
        text.contains("推荐单位“西山省数据局”与汇总表的推荐单位“东海省数据局”不一致"),
        "{text}"
    );
    assert!(
        rules(&v)
            .iter()
            .filter(|r| *r == "summary.consistency")
            .count()
            >= 2,
        "{text}"
    );
}

#[test]
fn the_word_table_is_valid_and_refused_while_wrong() {
    let env = Env::new();
    let ids = three(&env);
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let out = env.path("out");
    std::fs::create_dir_all(&out).unwrap();
    let mut args = vec!["summary"];
    args.extend(&refs);
    args.extend(["--out", out.to_str().unwrap()]);
    let written = env.ok(&args);
    let file = std::path::PathBuf::from(written.lines().find(|l| l.ends_with(".docx")).unwrap());
    // The spreadsheet: a real .xlsx whose shared strings hold the rows.
    let xlsx = std::path::PathBuf::from(written.lines().find(|l| l.ends_with(".xlsx")).unwrap());
    let strings = zip_part(&xlsx, "xl/sharedStrings.xml");
    for expect in [
        "推荐意向序号",
        "滨江市城市可信数据空间建设项目",
        "东海省数据局",
    ] {
        assert!(strings.contains(expect), "{expect} in the spreadsheet");
    }
    assert!(
        file.ends_with("2025年可信数据空间创新发展试点推荐项目汇总表.docx"),
        "{written}"
    );
    assert_valid_docx(&file);
    let document = zip_part(&file, "word/document.xml");
    assert!(document.contains("w:orient=\"landscape\""));
    let (a, b, c) = (
        document.find("滨江市城市可信数据空间建设项目").unwrap(),
        document.find("新材料行业可信数据空间建设项目").unwrap(),
        document.find("星河智造供应链可信数据空间建设项目").unwrap(),
    );
    assert!(a < b && b < c, "rows in recommendation order");

    // The mailing sheet: the recipient, the envelope text and the contents, fonts embedded.
    let mut with_mailing = args.clone();
    with_mailing.push("--mailing");
    let written = env.ok(&with_mailing);
    let sheet = std::path::PathBuf::from(written.lines().last().unwrap());
    std::fs::remove_file(&xlsx).unwrap();
    assert!(sheet.ends_with("申报材料邮寄单.pdf"));
    let (ok, check) = tool("qpdf", &["--check".as_ref(), sheet.as_os_str()]);
    assert!(ok, "{check}");
    let (_, fonts) = tool("pdffonts", &[sheet.as_os_str()]);
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes yes ")),
        "{fonts}"
    );
    let (_, text) = tool("pdftotext", &[sheet.as_os_str(), "-".as_ref()]);
    let text = text.replace([' ', '\n'], "");
    for expect in [
        "国家数据局数据资源司",
        "北京市西城区月坛北小街",
        "“可信数据空间试点项目申报”",
        "东海省数据局",
        "一式三份，共9份",
        "推荐项目汇总表1份",
        "1．滨江市城市可信数据空间建设项目",
    ] {
        assert!(text.contains(expect), "{expect} in {text}");
    }
    std::fs::remove_file(&sheet).unwrap();

    // With an error, nothing is written unless asked for a draft.
    std::fs::remove_file(&file).unwrap();
    env.ok(&["set", &ids[0], "recommendation.order=2"]);
    let r = env.run(&args);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        std::fs::read_dir(&out).unwrap().next().is_none(),
        "nothing written"
    );
}
