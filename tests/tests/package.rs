//! The submission package through the real binary: per dossier the electronic copy named
//! 推荐意向序号-试点名称-试点类型-申报单位 and its print pack, the summary table (Word and
//! spreadsheet), the mailing sheet, the checklist and a disc image that a third-party reader
//! (xorriso) reads back with every Chinese name and byte equal; refused with errors unless a
//! draft, refused for a name the disc cannot hold, and nothing partial left behind.

use dossier_tests::{Env, has_chinese, tool};
use std::path::{Path, PathBuf};

fn two(env: &Env) -> Vec<String> {
    dossier_tests::dossiers_of_one_unit(env, &["industry", "enterprise"])
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_package_holds_everything_and_its_disc_reads_back() {
    let env = Env::new();
    let ids = two(&env);
    let out = env.path("out");
    std::fs::create_dir_all(&out).unwrap();
    let mut args = vec!["package"];
    args.extend(ids.iter().map(String::as_str));
    args.extend(["--out", out.to_str().unwrap()]);
    let printed = env.ok(&args);
    let folder = PathBuf::from(
        printed
            .lines()
            .next()
            .unwrap()
            .strip_prefix("材料包已生成：")
            .unwrap(),
    );
    assert_eq!(
        entries(&out),
        [folder.file_name().unwrap().to_string_lossy().into_owned()]
    );
    assert!(
        folder
            .to_string_lossy()
            .contains("东海省数据局推荐申报材料")
    );
    let names = entries(&folder);
    let electronic = [
        "1-新材料行业可信数据空间建设项目-行业-华材数智科技有限公司.pdf",
        "2-星河智造供应链可信数据空间建设项目-企业-星河智能装备集团有限公司.pdf",
    ];
    for name in electronic {
        assert!(names.iter().any(|n| n == name), "{name} missing: {names:?}");
        let pack = name.replace(".pdf", "（纸质版一式三份）.pdf");
        assert!(names.contains(&pack), "{pack} missing");
    }
    for name in [
        "2025年可信数据空间创新发展试点推荐项目汇总表.docx",
        "2025年可信数据空间创新发展试点推荐项目汇总表.xlsx",
        "申报材料邮寄单.pdf",
        "报送核对清单.pdf",
        "电子版光盘映像.iso",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} missing: {names:?}");
    }
    // The checklist says what paper cannot check.
    let (ok, text) = tool(
        "pdftotext",
        &[folder.join("报送核对清单.pdf").as_os_str(), "-".as_ref()],
    );
    assert!(ok);
    let text = text.replace([' ', '\n'], "");
    for item in [
        "复印无效",
        "骑缝章",
        "可信数据空间试点项目申报",
        "2025年4月24日",
        "光盘",
    ] {
        assert!(text.contains(item), "checklist lacks {item}: {text}");
    }

    // The disc: ISO 9660 with Joliet, read by xorriso; names and bytes as in the folder.
    let iso = folder.join("电子版光盘映像.iso");
    let (ok, listing) = tool(
        "xorriso",
        &[
            "-indev".as_ref(),
            iso.as_os_str(),
            "-find".as_ref(),
            "/".as_ref(),
            "-type".as_ref(),
            "f".as_ref(),
        ],
    );
    assert!(ok, "{listing}");
    let (_, pvd) = tool(
        "xorriso",
        &["-indev".as_ref(), iso.as_os_str(), "-pvd_info".as_ref()],
    );
    assert!(
        pvd.contains("Joliet") || listing.contains(electronic[0]),
        "{pvd}"
    );
    let extracted = env.path("disc");
    std::fs::create_dir_all(&extracted).unwrap();
    for name in electronic {
        assert!(listing.contains(name), "{name} not on the disc: {listing}");
        let target = extracted.join(name);
        let (ok, said) = tool(
            "xorriso",
            &[
                "-osirrox".as_ref(),
                "on".as_ref(),
                "-indev".as_ref(),
                iso.as_os_str(),
                "-extract".as_ref(),
                format!("/{name}").as_ref(),
                target.as_os_str(),
            ],
        );
        assert!(ok, "{said}");
        assert_eq!(
            std::fs::read(&target).unwrap(),
            std::fs::read(folder.join(name)).unwrap(),
            "{name} differs on the disc"
        );
    }
    assert_eq!(
        listing.matches(".pdf").count(),
        2,
        "only the electronic copies: {listing}"
    );
}

#[test]
fn errors_and_a_name_the_disc_cannot_hold_leave_no_package() {
    let env = Env::new();
    let ids = two(&env);
    let out = env.path("out");
    std::fs::create_dir_all(&out).unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["package"];
        args.extend(ids.iter().map(String::as_str));
        args.extend(["--out", out.to_str().unwrap()]);
        args.extend_from_slice(extra);
        env.run(&args)
    };
    // An error in a dossier: refused, nothing written.
    let doc: serde_json::Value = serde_json::from_str(&env.ok(&["export-json", &ids[0]])).unwrap();
    let code = doc["dossier"]["front_matter"]["applicant"]["credit_code"]
        .as_str()
        .unwrap()
        .to_string();
    env.ok(&["set", &ids[0], "applicant.credit_code=91350100M000100Y4Z"]);
    let r = run(&[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("不能正式导出"), "{}", r.stderr);
    assert!(entries(&out).is_empty(), "{:?}", entries(&out));
    env.ok(&["set", &ids[0], &format!("applicant.credit_code={code}")]);
    // A title the disc format cannot hold (Joliet: 64 characters), even as a draft.
    env.ok(&[
        "set",
        &ids[1],
        "title=星河智造供应链可信数据空间面向高端装备制造全产业链上下游协同的数据流通利用与价值共创建设项目",
    ]);
    let r = run(&["--draft"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("光盘") && r.stderr.contains("64"),
        "{}",
        r.stderr
    );
    assert!(has_chinese(&r.stderr));
    assert!(entries(&out).is_empty(), "{:?}", entries(&out));
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_leaves_no_partial_package() {
    // A 3 MB tmpfs holds the first files, not the whole package.
    let env = Env::new();
    let ids = two(&env);
    let mount = env.path("small");
    std::fs::create_dir_all(&mount).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=3m", "tmpfs"])
        .arg(&mount)
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        mounted,
        "mounting a tmpfs needs root (the test suite runs as root)"
    );
    let mut args = vec!["package"];
    args.extend(ids.iter().map(String::as_str));
    args.extend(["--out", mount.to_str().unwrap()]);
    let r = env.run(&args);
    let left = entries(&mount);
    let _ = std::process::Command::new("umount").arg(&mount).status();
    assert_eq!(r.code, 2, "{} {}", r.stdout, r.stderr);
    assert!(
        has_chinese(&r.stderr) && r.stderr.contains("失败"),
        "{}",
        r.stderr
    );
    assert!(left.is_empty(), "a partial package was left: {left:?}");
}
