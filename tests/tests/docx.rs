//! The Word export, checked by third-party tools on real output: the OOXML schema validator,
//! openxml-audit, LibreOffice's rendering read back with poppler, a structural read-back of the
//! parts, and a golden copy of the document part.

use dossier_core::export::docx::{self, DocxOptions};
use dossier_core::model::{Block, PilotType};
use dossier_core::sample;
use dossier_core::template::Registry;
use dossier_tests::{Env, assert_valid_docx, libreoffice_pdf, pdf_pages, zip_part};
use std::path::{Path, PathBuf};

fn export(env: &Env, id: &str, extra: &[&str]) -> PathBuf {
    let out = env.path(&format!("out-{id}-{}", extra.len()));
    std::fs::create_dir_all(&out).unwrap();
    let mut args = vec![
        "export",
        id,
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let printed = env.ok(&args);
    let path = PathBuf::from(printed.lines().last().unwrap());
    assert!(path.exists(), "{printed}");
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
    path
}

#[test]
fn every_type_at_scales_1_and_4_is_schema_valid_and_audit_clean() {
    let env = Env::new();
    for ty in ["enterprise", "industry", "city"] {
        for (scale, layout) in [
            ("1", "form"),
            ("4", "form"),
            ("1", "gbt9704"),
            ("4", "gbt9704"),
        ] {
            let id = env.ok(&["sample", "--type", ty, "--scale", scale]);
            // Above scale 1 a sample runs past the form's maxima: exported as a draft.
            let mut args = vec!["--layout", layout];
            if scale != "1" {
                args.push("--draft");
            }
            let file = export(&env, &id, &args);
            assert_valid_docx(&file);
        }
    }
}

#[test]
fn libreoffice_renders_the_official_layout() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "industry", "--scale", "4"]);
    let file = export(&env, &id, &["--draft", "--contents"]);
    let pdf = libreoffice_pdf(&file, env.dir.path());
    let pages = pdf_pages(&pdf);
    assert!(pages.len() > 60, "only {} pages", pages.len());
    // The cover carries no page number; the next pages do, as — n —.
    assert!(
        pages[0].contains("2025年行业可信数据空间创新发展试点项目")
            && pages[0].contains("国家数据局编制"),
        "{}",
        pages[0]
    );
    assert!(
        !pages[0].contains('—'),
        "the cover has a page number: {}",
        pages[0]
    );
    assert!(pages[1].contains("—2—"), "{}", pages[1]);
    assert!(pages[2].contains("—3—"), "{}", pages[2]);
    // Numbered headings at every level.
    let all: String = pages.concat().replace(' ', "");
    for heading in [
        "申报须知",
        "申报基本情况表",
        "一、项目基本信息",
        "二、发展基础",
        "（一）试点申报单位基本情况（不超过1000字）",
        "五、试点方案（不超过1.5万字）",
        "（八）保障措施",
        "六、申报单位承诺书",
        "七、推荐单位意见",
        "九、国家行业主管部门意见（可选）",
        "目录",
    ] {
        assert!(all.contains(heading), "missing {heading}");
    }
    assert!(all.contains("甘特图"), "no Gantt chart caption");
    // The chart in the Word file is the one drawn from this dossier's milestone table (whose
    // bars the chart's own test reads back from its pixels).
    let store = dossier_core::store::Store::open(&env.store).unwrap();
    let d = store.load(id.parse().unwrap()).unwrap().dossier;
    let template = store.registry().get(&d.template).unwrap();
    let (_, milestones) = template
        .tables()
        .find(|(_, t)| t.role == Some(dossier_core::template::TableRole::Milestones))
        .unwrap();
    let expected = dossier_core::document::gantt::for_table(
        milestones,
        &d.tables[&milestones.key],
        &store.registry().settings,
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    let pictures: Vec<Vec<u8>> = (0..zip.len())
        .filter_map(|i| {
            let mut e = zip.by_index(i).unwrap();
            e.name().starts_with("word/media/").then(|| {
                let mut data = Vec::new();
                std::io::Read::read_to_end(&mut e, &mut data).unwrap();
                data
            })
        })
        .collect();
    assert!(
        pictures.contains(&expected),
        "the Gantt chart in the Word file is not the milestone table's"
    );
    // On the GB/T 9704 page the milestone table (32 rows at scale 4) is a table of its own and
    // continues over pages with its header repeated (Word repeats none in a nested table).
    let gbt = export(&env, &id, &["--draft", "--layout", "gbt9704"]);
    let gbt_dir = env.path("gbt");
    std::fs::create_dir_all(&gbt_dir).unwrap();
    let pages = pdf_pages(&libreoffice_pdf(&gbt, &gbt_dir));
    let with_header: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.contains("验收指标") && p.contains("第") && p.contains("阶段"))
        .map(|(i, _)| i)
        .collect();
    assert!(
        with_header.windows(2).any(|w| w[1] == w[0] + 1),
        "no continuation page repeats the header: {with_header:?}"
    );
}

#[test]
fn the_parts_read_back_as_built() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city"]);
    let file = export(&env, &id, &[]);
    let styles = zip_part(&file, "word/styles.xml");
    for (id, name, level, font) in [
        ("Heading1", "heading 1", 0, "黑体"),
        ("Heading2", "heading 2", 1, "楷体_GB2312"),
        ("Heading3", "heading 3", 2, "仿宋_GB2312"),
        ("Heading4", "heading 4", 3, "仿宋_GB2312"),
    ] {
        let start = styles
            .find(&format!("w:styleId=\"{id}\""))
            .unwrap_or_else(|| panic!("no {id}"));
        let style = &styles[start..start + styles[start..].find("</w:style>").unwrap()];
        assert!(
            style.contains(&format!("<w:name w:val=\"{name}\"/>")),
            "{style}"
        );
        assert!(
            style.contains(&format!("<w:outlineLvl w:val=\"{level}\"/>")),
            "{style}"
        );
        assert!(style.contains(&format!("w:eastAsia=\"{font}\"")), "{style}");
    }
    assert_eq!(
        styles.matches("w:styleId=\"Normal\"").count(),
        1,
        "duplicate Normal style"
    );
    // Heading numbers are the text itself, as the form prints them (no list numbering that a
    // reader's Word could renumber).
    let document = zip_part(&file, "word/document.xml");
    for label in ["二、发展基础", "（一）试点申报单位基本情况", "（一）场景："]
    {
        assert!(document.contains(label), "{label}");
    }
    // The form's page: A4, margins 25.4 / 31.75 mm, 15 pt at an exact 29.4 pt, no grid, no
    // contents; the 申报基本情况表 a real table of the form's width and columns.
    assert!(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(document.contains("w:top=\"1440\"") && document.contains("w:left=\"1800\""));
    assert!(document.contains("w:line=\"588\" w:lineRule=\"exact\""));
    assert!(document.contains("<w:sz w:val=\"30\"/>"));
    assert!(!document.contains("w:linePitch"));
    assert!(!document.contains("TOC \\o"));
    assert!(
        document
            .contains("<w:gridCol w:w=\"2222\"/><w:gridCol w:w=\"633\"/><w:gridCol w:w=\"457\"/>")
    );
    assert!(document.contains("<w:titlePg/>"));
    for kind in ["default", "even", "first"] {
        assert!(
            document.contains(&format!("<w:footerReference w:type=\"{kind}\"")),
            "{kind} footer"
        );
    }
    assert!(document.contains("<w:tblHeader/>"));
    // GB/T 9704 with contents: its margins, its 22-line grid, the TOC field.
    let gbt = export(&env, &id, &["--layout", "gbt9704", "--contents"]);
    let document = zip_part(&gbt, "word/document.xml");
    assert!(document.contains("w:top=\"2098\"") && document.contains("w:left=\"1587\""));
    assert!(document.contains("w:linePitch=\"579\""));
    assert!(document.contains("TOC \\o"));
    let settings = zip_part(&file, "word/settings.xml");
    assert!(
        settings.contains("<w:evenAndOddHeaders/>")
            && settings.contains("<w:updateFields w:val=\"true\"/>")
    );
    assert!(!settings.contains("documentProtection"));
    let fonts = zip_part(&file, "word/fontTable.xml");
    assert!(fonts.contains("<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/>"));
    let core = zip_part(&file, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>滨江市城市可信数据空间建设项目</dc:title>"),
        "{core}"
    );
    assert!(
        core.contains("<dc:creator>滨江数据集团有限公司</dc:creator>"),
        "{core}"
    );

    let reviewer = export(&env, &id, &["--reviewer"]);
    assert!(reviewer.to_string_lossy().contains("审阅版"));
    assert_valid_docx(&reviewer);
    let settings = zip_part(&reviewer, "word/settings.xml");
    assert!(
        settings.contains("<w:documentProtection w:edit=\"readOnly\" w:enforcement=\"1\"/>"),
        "{settings}"
    );
    assert!(zip_part(&reviewer, "docProps/custom.xml").contains("_MarkAsFinal"));
}

#[test]
fn the_document_part_matches_its_golden_copy() {
    let registry = Registry::embedded().unwrap();
    let d = sample::example().unwrap();
    let template = registry.get(&d.template).unwrap();
    let bytes = docx::build(
        &d,
        template,
        &registry.settings,
        &DocxOptions {
            created: "2025-05-16T00:00:00Z".into(),
            ..Default::default()
        },
        &fonts(),
    )
    .unwrap();
    let env = Env::new();
    let file = env.path("example.docx");
    std::fs::write(&file, &bytes).unwrap();
    let document = zip_part(&file, "word/document.xml").replace("><", ">\n<");
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/example-document.xml");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &document).unwrap();
    }
    let expected =
        std::fs::read_to_string(&golden).expect("golden file (UPDATE_GOLDEN=1 writes it)");
    assert!(
        document == expected,
        "document.xml changed; review the diff and rerun with UPDATE_GOLDEN=1 if intended"
    );
    assert_eq!(
        bytes,
        docx::build(
            &d,
            template,
            &registry.settings,
            &DocxOptions {
                created: "2025-05-16T00:00:00Z".into(),
                ..Default::default()
            },
            &fonts(),
        )
        .unwrap(),
        "not deterministic"
    );
}

#[test]
fn hard_content_still_gives_a_valid_file() {
    let registry = Registry::embedded().unwrap();
    let mut d = sample::generate(&registry, PilotType::Enterprise, 1).unwrap();
    let team = d.tables.get_mut("participants").unwrap();
    let first = team[0].clone();
    team.extend(std::iter::repeat_n(first, 2000));
    let long = "可信数据空间".repeat(4000);
    let token = "A".repeat(300);
    let s = d
        .sections
        .iter_mut()
        .find(|s| s.key == "work_done")
        .unwrap();
    s.blocks.push(Block::paragraph(long));
    s.blocks.push(Block::paragraph(format!(
        "链接：https://example.com/{token}"
    )));
    s.blocks.push(Block::paragraph(
        "表情😀与生僻字𠀀、右到左文字שלום、零宽\u{200B}字符".to_string(),
    ));
    let template = registry.get(&d.template).unwrap();
    let bytes = plain_docx(&d, template, &registry).unwrap();
    let env = Env::new();
    let file = env.path("hard.docx");
    std::fs::write(&file, bytes).unwrap();
    assert_valid_docx(&file);
}

#[test]
fn a_missing_attachment_file_is_named_and_nothing_is_written() {
    let registry = Registry::embedded().unwrap();
    let mut d = sample::generate(&registry, PilotType::City, 1).unwrap();
    let title = d.attachments[0].title.clone();
    let media = d.attachments[0].media.clone();
    d.media.retain(|m| m.id != media);
    let template = registry.get(&d.template).unwrap();
    let err = plain_docx(&d, template, &registry).unwrap_err();
    assert!(err.to_string().contains(&title), "{err}");
}

#[test]
fn the_final_export_is_gated_on_errors_and_drafts_always_work() {
    let env = Env::new();
    let id = env.ok(&["example"]);
    let out = env.path("gate");
    std::fs::create_dir_all(&out).unwrap();
    let r = env.run(&["export", &id, "--out", out.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{} {}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("不能正式导出") && r.stderr.contains("营业执照或法人证书"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        0,
        "a refused export wrote something"
    );
    let draft = export(&env, &id, &["--draft"]);
    assert!(
        draft
            .file_name()
            .unwrap()
            .to_string_lossy()
            .contains("（草稿）")
    );
    assert_valid_docx(&draft);
    // A folder that does not exist yet is made; a file standing where the folder should be is
    // refused with a clear message.
    let fresh = env.path("not-yet/deeper");
    env.ok(&["export", &id, "--out", fresh.to_str().unwrap(), "--draft"]);
    assert!(
        std::fs::read_dir(&fresh)
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".docx")),
        "nothing exported into the new folder"
    );
    std::fs::write(env.path("a-file"), b"x").unwrap();
    let r = env.run(&[
        "export",
        &id,
        "--out",
        env.path("a-file").to_str().unwrap(),
        "--draft",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("无法创建导出目录"), "{}", r.stderr);
}

#[test]
fn empty_optional_sections_are_left_out() {
    let mut registry = Registry::embedded().unwrap();
    let mut d = sample::generate(&registry, PilotType::City, 1).unwrap();
    let mut template = registry.get(&d.template).unwrap().clone();
    template.template.version = "2025.99".into();
    template
        .sections
        .iter_mut()
        .find(|s| s.key == "interconnection")
        .unwrap()
        .required = false;
    registry.add(template.clone());
    d.template.version = "2025.99".into();
    let build = |d: &dossier_core::model::Dossier| {
        let bytes = plain_docx(d, &template, &registry).unwrap();
        let env = Env::new();
        let file = env.path("optional.docx");
        std::fs::write(&file, bytes).unwrap();
        zip_part(&file, "word/document.xml")
    };
    assert!(
        build(&d).contains(">（六）互联互通方案（如有）<"),
        "a filled optional section is printed"
    );
    d.sections.retain(|s| s.key != "interconnection");
    let document = build(&d);
    assert!(
        !document.contains(">（六）互联互通方案（如有）<"),
        "an empty optional section is printed"
    );
    assert!(document.contains(">（八）保障措施<"));
}

#[test]
fn control_characters_never_reach_the_file() {
    let registry = Registry::embedded().unwrap();
    let mut d = sample::generate(&registry, PilotType::City, 1).unwrap();
    d.sections[0].blocks.push(Block::paragraph("响铃\u{7}字符"));
    let template = registry.get(&d.template).unwrap();
    let err = plain_docx(&d, template, &registry).unwrap_err();
    assert!(
        err.to_string().contains("U+0007") && err.to_string().contains("sections[0]"),
        "{err}"
    );
}

/// The Word file with the default options.
fn plain_docx(
    d: &dossier_core::model::Dossier,
    template: &dossier_core::template::Template,
    registry: &Registry,
) -> dossier_core::Result<Vec<u8>> {
    docx::build(
        d,
        template,
        &registry.settings,
        &DocxOptions::default(),
        &fonts(),
    )
}

fn fonts() -> dossier_core::fonts::ShippedFonts {
    dossier_core::fonts::ShippedFonts::shipped().unwrap()
}
