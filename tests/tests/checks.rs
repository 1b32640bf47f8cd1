//! The checks: every rule has a passing and a failing case with its place asserted; the samples
//! pass clean; a dossier made bad in ten ways yields exactly those ten findings; the CLI gates
//! on errors and keeps acknowledgements.

use chrono::NaiveDate;
use dossier_core::checks::{self, BasicGlyphCoverage, CheckInput, OtherDossier, Report};
use dossier_core::model::{AttachmentKind, Block, Dossier, PilotType};
use dossier_core::template::Registry;
use dossier_core::{credit_code, sample};
use dossier_tests::Env;
use std::collections::BTreeSet;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, 10).unwrap()
}

fn base(t: PilotType) -> (Registry, Dossier) {
    let registry = Registry::embedded().unwrap();
    let d = sample::generate(&registry, t, 1).unwrap();
    (registry, d)
}

fn check_with(
    registry: &Registry,
    d: &Dossier,
    for_submission: bool,
    others: &[OtherDossier],
) -> Report {
    let pages = (!registry.settings.section_page_limits.is_empty()).then(|| {
        let fonts = &dossier_core::fonts::ShippedFonts::shipped().unwrap();
        let template = registry.get(&d.template).unwrap();
        dossier_core::layout::layout_dossier(d, template, &registry.settings, fonts)
            .unwrap()
            .section_pages(template)
    });
    checks::run(&CheckInput {
        section_pages: pages.as_ref(),
        registry,
        dossier: d,
        for_submission,
        others,
        acknowledgements: &d.acknowledgements,
        today: today(),
        glyphs: &BasicGlyphCoverage,
    })
}

fn check(registry: &Registry, d: &Dossier) -> Report {
    check_with(registry, d, false, &[])
}

fn found(report: &Report) -> BTreeSet<(String, String)> {
    report
        .findings
        .iter()
        .map(|f| (f.rule.id().to_string(), f.place.anchor.to_string()))
        .collect()
}

fn has(report: &Report, rule: &str, anchor: &str) -> bool {
    found(report).contains(&(rule.to_string(), anchor.to_string()))
}

fn paragraph_mut<'a>(d: &'a mut Dossier, key: &str, block: usize) -> &'a mut String {
    let s = d.sections.iter_mut().find(|s| s.key == key).unwrap();
    match &mut s.blocks[block] {
        Block::Paragraph { text } => text,
        other => panic!("block {block} of {key} is {other:?}"),
    }
}

#[test]
fn samples_pass_with_no_findings_at_all() {
    for t in PilotType::ALL {
        let (registry, d) = base(t);
        let report = check(&registry, &d);
        assert!(report.ok, "{t:?}: {:#?}", report.findings);
        assert!(
            report.findings.is_empty(),
            "{t:?} has findings: {:#?}",
            found(&report)
        );
        assert!(report.total_chars > 10_000, "{t:?}: {}", report.total_chars);
        assert!(!report.not_checked.is_empty());
        let covered = report
            .coverage
            .iter()
            .filter(|c| !c.hits.is_empty())
            .count();
        assert_eq!(
            covered,
            report.coverage.len(),
            "sample leaves concepts uncovered"
        );
    }
}

type Mutation = Box<dyn Fn(&mut Registry, &mut Dossier)>;

/// (rule, pilot type, mutation that must trigger it, expected anchor).
fn cases() -> Vec<(&'static str, PilotType, Mutation, &'static str)> {
    use PilotType::*;
    let b = |f: fn(&mut Registry, &mut Dossier)| -> Mutation { Box::new(f) };
    vec![
        (
            "applicant.credit_code.missing",
            City,
            b(|_, d| d.front_matter.applicant.credit_code.clear()),
            "field:applicant.credit_code",
        ),
        (
            "applicant.credit_code.invalid",
            City,
            b(|_, d| d.front_matter.applicant.credit_code = "91350100M000100Y4Z".into()),
            "field:applicant.credit_code",
        ),
        (
            "applicant.not_enterprise",
            City,
            b(|_, d| {
                d.front_matter.applicant.credit_code =
                    credit_code::complete("12110000400000000").unwrap()
            }),
            "field:applicant.credit_code",
        ),
        (
            "applicant.single",
            Enterprise,
            b(|_, d| {
                let name = d.front_matter.applicant.name.clone();
                d.tables.get_mut("participants").unwrap()[1].insert("name".into(), name);
            }),
            "table:participants/row:1",
        ),
        (
            "applicant.single",
            City,
            b(|_, d| {
                d.front_matter.applicant.name = "滨江数据集团有限公司、滨江城投有限公司".into()
            }),
            "field:applicant.name",
        ),
        (
            "applicant.single",
            City,
            b(|_, d| paragraph_mut(d, "operations", 0).push_str("本项目由三家单位联合申报。")),
            "section:operations/block:0",
        ),
        (
            "applicant.finance",
            Industry,
            b(|_, d| d.front_matter.finances[1].debt_ratio.clear()),
            "field:finances.1.debt_ratio",
        ),
        (
            "applicant.not_enterprise",
            Industry,
            b(|_, d| {
                d.front_matter.applicant.credit_code =
                    credit_code::complete("12100000400000000").unwrap();
                d.front_matter.applicant.nature = "其他（请注明）".into();
                d.front_matter.applicant.nature_note = "事业单位".into();
            }),
            "field:applicant.credit_code",
        ),
        (
            "applicant.finance_range",
            City,
            b(|_, d| d.front_matter.finances[2].debt_ratio = "146.2".into()),
            "field:finances.2.debt_ratio",
        ),
        (
            "applicant.finance_range",
            City,
            b(|_, d| d.front_matter.finances[0].profit_margin = "180".into()),
            "field:finances.0.profit_margin",
        ),
        (
            "funding.invested",
            Enterprise,
            b(|_, d| d.front_matter.funding.invested = "36001".into()),
            "field:funding.invested",
        ),
        (
            "period.length",
            City,
            b(|_, d| d.front_matter.period.end = "2026-08".into()),
            "field:period.end",
        ),
        (
            "period.length",
            City,
            b(|_, d| d.front_matter.period.end = "2025-08".into()),
            "field:period.end",
        ),
        (
            "industry.authority",
            Industry,
            b(|_, d| d.front_matter.industry_authority = Default::default()),
            "field:industry_authority.opinion",
        ),
        (
            "elements.target",
            City,
            b(|_, d| {
                d.tables.get_mut("response").unwrap()[0].insert(
                    "indicators".into(),
                    "覆盖公共数据资源：59%\n上架数据产品：2100个\n数据资源开放总量增长：100%"
                        .into(),
                );
            }),
            "table:response/row:0/col:indicators",
        ),
        (
            "project.pilot_type",
            City,
            b(|_, d| d.pilot_type = PilotType::Industry),
            "field:pilot_type",
        ),
        (
            "attachment.required",
            City,
            b(|_, d| {
                d.attachments
                    .retain(|a| a.kind != AttachmentKind::BusinessLicence)
            }),
            "attachment:business_licence",
        ),
        (
            "media.unreadable",
            City,
            b(|_, d| {
                // The licence's scan cut short: a JPEG that is only its header.
                let licence = d
                    .attachments
                    .iter()
                    .find(|a| a.kind == AttachmentKind::BusinessLicence)
                    .unwrap()
                    .media
                    .clone();
                let m = d.media.iter_mut().find(|m| m.id == licence).unwrap();
                m.data = vec![
                    0xFF, 0xD8, 0xFF, 0xC0, 0, 17, 8, 0, 16, 0, 16, 3, 1, 0x22, 0,
                ];
                m.media_type = "image/jpeg".into();
            }),
            "attachment:business_licence",
        ),
        (
            "attachment.recommended",
            Industry,
            b(|_, d| {
                d.attachments
                    .retain(|a| a.kind != AttachmentKind::TechnicalEvidence)
            }),
            "attachment:technical_evidence",
        ),
        (
            "applicant.leading_enterprise",
            Enterprise,
            b(|r, _| r.vocabulary.leading_enterprise_words = vec!["不会出现的说法".into()]),
            "attachment:leading_enterprise_evidence",
        ),
        (
            "call.deadline",
            City,
            b(|r, _| r.settings.call.deadline = NaiveDate::from_ymd_opt(2025, 4, 9)),
            "dossier",
        ),
        (
            "call.deadline",
            City,
            b(|r, _| r.settings.call.deadline = NaiveDate::from_ymd_opt(2025, 4, 13)),
            "dossier",
        ),
        (
            "field.required",
            City,
            b(|_, d| d.front_matter.contact.name.clear()),
            "field:contact.name",
        ),
        (
            "field.required",
            City,
            b(|_, d| d.front_matter.city_government.opinion.clear()),
            "field:city_government.opinion",
        ),
        (
            "field.format",
            City,
            b(|_, d| d.front_matter.contact.mobile = "12345".into()),
            "field:contact.mobile",
        ),
        (
            "field.format",
            City,
            b(|_, d| d.front_matter.contact.email = "wang at example".into()),
            "field:contact.email",
        ),
        (
            "section.required",
            City,
            b(|_, d| d.sections.retain(|s| s.key != "data_sharing")),
            "section:data_sharing",
        ),
        (
            "section.too_short",
            City,
            b(|_, d| {
                d.sections
                    .iter_mut()
                    .find(|s| s.key == "work_done")
                    .unwrap()
                    .blocks = vec![Block::paragraph("已开展大量工作。")]
            }),
            "section:work_done",
        ),
        (
            "section.too_long",
            City,
            b(|r, _| {
                r.settings.section_limits.insert("goals".into(), 100);
            }),
            "section:goals",
        ),
        (
            "section.pages",
            City,
            b(|r, _| {
                r.settings.section_page_limits.insert("technical".into(), 1);
            }),
            "section:technical",
        ),
        (
            "table.min_rows",
            City,
            b(|_, d| d.tables.get_mut("participants").unwrap().clear()),
            "table:participants",
        ),
        (
            "table.cell_required",
            City,
            b(|_, d| {
                d.tables.get_mut("participants").unwrap()[0].remove("name");
            }),
            "table:participants/row:0/col:name",
        ),
        (
            "table.cell_required",
            Industry,
            b(|_, d| {
                d.tables.get_mut("response").unwrap()[2].remove("response");
            }),
            "table:response/row:2/col:response",
        ),
        (
            "table.cell_format",
            City,
            b(|_, d| {
                d.tables.get_mut("response").unwrap()[0]
                    .insert("indicators".into(), "开放数据集很多".into());
            }),
            "table:response/row:0/col:indicators",
        ),
        (
            "table.cell_format",
            City,
            b(|_, d| {
                d.tables.get_mut("milestone_plan").unwrap()[0]
                    .insert("start".into(), "2025年9月".into());
            }),
            "table:milestone_plan/row:0/col:start",
        ),
        (
            "milestones.dates",
            City,
            b(|_, d| {
                d.tables.get_mut("milestone_plan").unwrap()[0]
                    .insert("end".into(), "2025-08-01".into());
            }),
            "table:milestone_plan/row:0",
        ),
        (
            "milestones.dates",
            City,
            b(|_, d| {
                d.tables.get_mut("milestone_plan").unwrap()[3]
                    .insert("end".into(), "2030-01-01".into());
            }),
            "table:milestone_plan/row:3",
        ),
        (
            "milestones.order",
            City,
            b(|_, d| d.tables.get_mut("milestone_plan").unwrap().swap(0, 1)),
            "table:milestone_plan/row:1",
        ),
        (
            "milestones.half_year",
            City,
            b(|_, d| {
                d.tables.get_mut("milestone_plan").unwrap().remove(2);
            }),
            "table:milestone_plan",
        ),
        (
            "commitment.incident",
            Enterprise,
            b(|_, d| d.front_matter.incident.answer = "是".into()),
            "field:incident.answer",
        ),
        (
            "part.too_long",
            City,
            b(|_, d| {
                let s = d
                    .sections
                    .iter_mut()
                    .find(|s| s.key == "technical")
                    .unwrap();
                for _ in 0..160 {
                    s.blocks.push(Block::paragraph("技术方案采用分层架构，各层之间通过标准接口交互，保障可信管控、资源交互、价值共创和安全管理等功能可靠运行，便于后续扩展和维护升级。".repeat(2)));
                }
            }),
            "section:cocreation",
        ),
        (
            "recommendation.opinion",
            City,
            b(|_, d| d.front_matter.recommendation.review.clear()),
            "field:recommendation.review",
        ),
        (
            "secrecy.mark",
            City,
            b(|_, d| paragraph_mut(d, "goals", 0).push_str("机密★1年")),
            "section:goals/block:0",
        ),
        (
            "secrecy.mark",
            City,
            b(|_, d| paragraph_mut(d, "goals", 0).push_str("（内部资料，注意保存）")),
            "section:goals/block:0",
        ),
        (
            "secrecy.review",
            City,
            b(|_, d| paragraph_mut(d, "operations", 0).push_str("部分内容涉及商业秘密。")),
            "section:operations/block:0",
        ),
        (
            "privacy.id_number",
            City,
            b(|_, d| paragraph_mut(d, "basics", 0).push_str("负责人身份证号11010519491231002X。")),
            "section:basics/block:0",
        ),
        (
            "privacy.mobile",
            City,
            b(|_, d| paragraph_mut(d, "cocreation", 0).push_str("咨询电话13912345678。")),
            "section:cocreation/block:0",
        ),
        (
            "chars.unsupported",
            City,
            b(|_, d| paragraph_mut(d, "safeguards", 0).push_str("效果很好😀，𠀀字。")),
            "section:safeguards/block:0",
        ),
        (
            "coverage.missing",
            City,
            b(|_, d| {
                for key in ["work_done", "technical", "operations"] {
                    d.sections.iter_mut().find(|s| s.key == key).unwrap().blocks =
                        vec![Block::paragraph("本节内容待补充。")];
                }
            }),
            "section:technical",
        ),
    ]
}

#[test]
fn every_rule_fails_where_it_should_and_passes_on_the_sample() {
    let mut covered = BTreeSet::new();
    for (rule, t, mutate, anchor) in cases() {
        let (mut registry, mut d) = base(t);
        let clean = check(&registry, &d);
        assert!(
            !found(&clean).iter().any(|(r, _)| r == rule),
            "{rule} fires on the clean sample"
        );
        mutate(&mut registry, &mut d);
        let report = check(&registry, &d);
        assert!(
            has(&report, rule, anchor),
            "{rule} not found at {anchor}; found {:#?}",
            found(&report)
        );
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == rule && f.place.anchor == anchor)
            .unwrap();
        assert!(dossier_tests::has_chinese(&f.message) && dossier_tests::has_chinese(&f.hint));
        assert!(
            dossier_tests::has_chinese(&f.place.label),
            "{}",
            f.place.label
        );
        covered.insert(rule);
    }
    // one_per_applicant needs other dossiers: checked here.
    let (registry, d) = base(PilotType::City);
    let other = |marked| OtherDossier {
        id: 9,
        title: "另一份".into(),
        credit_code: d.front_matter.applicant.credit_code.clone(),
        for_submission: marked,
    };
    assert!(!has(
        &check_with(&registry, &d, true, &[other(false)]),
        "project.one_per_applicant",
        "field:applicant.credit_code"
    ));
    assert!(!has(
        &check_with(&registry, &d, false, &[other(true)]),
        "project.one_per_applicant",
        "field:applicant.credit_code"
    ));
    assert!(has(
        &check_with(&registry, &d, true, &[other(true)]),
        "project.one_per_applicant",
        "field:applicant.credit_code"
    ));
    covered.insert("project.one_per_applicant");
    // A dossier written on a template version the store does not have.
    let (registry, mut d) = base(PilotType::City);
    d.template.version = "9.9.9".into();
    assert!(has(&check(&registry, &d), "project.template", "dossier"));
    covered.insert("project.template");

    let all: BTreeSet<&str> = checks::RuleId::DOSSIER.iter().map(|r| r.id()).collect();
    let untested: Vec<_> = all.difference(&covered).collect();
    assert!(
        untested.is_empty(),
        "rules without a failing case: {untested:?}"
    );
}

#[test]
fn reference_credit_codes() {
    let (registry, mut d) = base(PilotType::City);
    d.front_matter.applicant.credit_code = "91350100M000100Y43".into();
    assert!(
        !found(&check(&registry, &d))
            .iter()
            .any(|(r, _)| r.starts_with("applicant.credit_code"))
    );
    d.front_matter.applicant.credit_code = "91350100M000100Y4Z".into();
    assert!(has(
        &check(&registry, &d),
        "applicant.credit_code.invalid",
        "field:applicant.credit_code"
    ));
}

#[test]
fn no_false_alarms_on_ordinary_words() {
    let (registry, mut d) = base(PilotType::City);
    paragraph_mut(&mut d, "technical", 0)
        .push_str("保障数据的机密性、完整性和可用性，订单号913800138000。");
    let report = check(&registry, &d);
    assert!(report.findings.is_empty(), "{:#?}", found(&report));
}

#[test]
fn a_dossier_bad_in_ten_ways_yields_exactly_ten_findings() {
    let (registry, mut d) = base(PilotType::City);
    d.front_matter.applicant.credit_code = "91440300MA5G3R8W27".into();
    d.front_matter.contact.mobile = "12345".into();
    d.front_matter.recommendation.opinion.clear();
    d.attachments
        .retain(|a| a.kind != AttachmentKind::BusinessLicence);
    d.tables.get_mut("milestone_plan").unwrap()[3].insert("end".into(), "2030-01-01".into());
    d.tables.get_mut("participants").unwrap()[0].remove("name");
    paragraph_mut(&mut d, "goals", 0).push_str("秘密★");
    paragraph_mut(&mut d, "cocreation", 0).push_str("咨询电话13912345678。");
    d.front_matter.incident.answer = "是".into();
    d.tables.get_mut("response").unwrap()[1]
        .get_mut("indicators")
        .unwrap()
        .push_str("\n场景很多");

    let expected: BTreeSet<(String, String)> = [
        (
            "applicant.credit_code.invalid",
            "field:applicant.credit_code",
        ),
        ("field.format", "field:contact.mobile"),
        ("recommendation.opinion", "field:recommendation.opinion"),
        ("attachment.required", "attachment:business_licence"),
        ("milestones.dates", "table:milestone_plan/row:3"),
        ("table.cell_required", "table:participants/row:0/col:name"),
        ("secrecy.mark", "section:goals/block:0"),
        ("privacy.mobile", "section:cocreation/block:0"),
        ("commitment.incident", "field:incident.answer"),
        ("table.cell_format", "table:response/row:1/col:indicators"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let report = check(&registry, &d);
    assert_eq!(found(&report), expected);
    assert_eq!(report.findings.len(), 10);
    assert_eq!((report.errors, report.warnings), (8, 2));
    assert!(!report.ok);
    // Errors come first.
    assert!(
        report.findings[..8]
            .iter()
            .all(|f| f.severity == checks::Severity::Error)
    );
}

#[test]
fn the_cli_gates_on_errors_and_keeps_acknowledgements() {
    let env = Env::new();
    let good = env.ok(&["sample", "--type", "industry"]);
    let r = env.run(&["check", &good]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("检查通过"), "{}", r.stdout);
    assert!(r.stdout.contains("以下内容本程序不检查"));

    let example = env.ok(&["example"]);
    let r = env.run(&["check", &example, "--json"]);
    assert_eq!(
        r.code, 1,
        "the example lacks its business licence: {}",
        r.stderr
    );
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["ok"], false);
    let findings = report["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f["rule"] == "attachment.required"
        && f["place"]["anchor"] == "attachment:business_licence"));

    // A warning can be acknowledged with a reason; an error cannot.
    let warning = findings
        .iter()
        .find(|f| f["severity"] == "warning")
        .expect("the example has warnings");
    let (rule, anchor) = (
        warning["rule"].as_str().unwrap(),
        warning["place"]["anchor"].as_str().unwrap(),
    );
    env.ok(&[
        "acknowledge",
        &example,
        rule,
        anchor,
        "--reason",
        "样例不需要补充",
    ]);
    let after: serde_json::Value =
        serde_json::from_str(&env.run(&["check", &example, "--json"]).stdout).unwrap();
    let acked = after["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule && f["place"]["anchor"] == anchor)
        .unwrap();
    assert_eq!(acked["acknowledged"], "样例不需要补充");
    let exported = env.ok(&["export-json", &example]);
    assert!(
        exported.contains("样例不需要补充"),
        "acknowledgements travel with the dossier"
    );
    let r = env.run(&[
        "acknowledge",
        &example,
        "attachment.required",
        "attachment:business_licence",
        "--reason",
        "x",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("不能确认"), "{}", r.stderr);

    // One project per applicant among the dossiers marked for submission.
    let twin = env.ok(&["sample", "--type", "industry"]);
    env.ok(&["mark", &good]);
    assert_eq!(env.run(&["check", &good]).code, 0);
    env.ok(&["mark", &twin]);
    let r = env.run(&["check", &good]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("project.one_per_applicant"),
        "{}",
        r.stdout
    );
    let rules = env.ok(&["check", "--rules"]);
    assert_eq!(rules.lines().count(), checks::RuleId::DOSSIER.len());
    // Each with where it comes from: the notice, the form, 附件2 (or the standard, or us).
    for line in rules.lines() {
        let source = line
            .split("依据：")
            .nth(1)
            .unwrap_or_else(|| panic!("no source: {line}"));
        assert!(
            [
                "通知",
                "申报书模板（附件3）",
                "项目要素条件（附件2）",
                "GB 32100-2015",
                "本程序（导出与核对）"
            ]
            .contains(&source),
            "{line}"
        );
    }
    assert!(rules.contains("elements.target") && rules.contains("项目要素条件（附件2）"));
}

#[test]
fn the_shipped_fonts_decide_what_is_drawable() {
    let (registry, mut d) = base(PilotType::City);
    let fonts = &dossier_core::fonts::ShippedFonts::shipped().expect("assets/fonts");
    paragraph_mut(&mut d, "safeguards", 0).push_str("龘䶮。");
    let run = |d: &Dossier| {
        checks::run(&CheckInput {
            registry: &registry,
            dossier: d,
            for_submission: false,
            others: &[],
            acknowledgements: &[],
            today: today(),
            glyphs: fonts,
            section_pages: None,
        })
    };
    assert!(run(&d).findings.is_empty(), "{:#?}", found(&run(&d)));
    paragraph_mut(&mut d, "safeguards", 0).push_str("𠀀😀");
    let report = run(&d);
    assert!(has(
        &report,
        "chars.unsupported",
        "section:safeguards/block:0"
    ));
    let f = &report.findings[0];
    assert!(
        f.message.contains("U+20000") && f.message.contains("U+1F600"),
        "{}",
        f.message
    );
}

/// Each section's status is the core's, the same for the section tree and the CLI: complete on
/// the samples, empty on a new dossier, in progress when short, errors when a rule says so.
#[test]
fn section_statuses_come_with_the_report() {
    use dossier_core::checks::SectionStatus;
    let (registry, d) = base(PilotType::City);
    let report = check(&registry, &d);
    assert!(
        report
            .counts
            .iter()
            .all(|c| c.status == SectionStatus::Complete || c.key == "interconnection"),
        "{:?}",
        report
            .counts
            .iter()
            .map(|c| (&c.key, c.status))
            .collect::<Vec<_>>()
    );
    assert_eq!(report.counts[0].status_label, "已完成");
    let mut short = d.clone();
    short
        .sections
        .iter_mut()
        .find(|s| s.key == "basics")
        .unwrap()
        .blocks = vec![Block::paragraph("简短。")];
    let r = check(&registry, &short);
    let basics = r.counts.iter().find(|c| c.key == "basics").unwrap();
    assert_eq!(
        (basics.status, basics.status_label.as_str()),
        (SectionStatus::InProgress, "填写中")
    );
    let mut empty = d.clone();
    empty.sections.retain(|s| s.key != "approach");
    let r = check(&registry, &empty);
    let approach = r.counts.iter().find(|c| c.key == "approach").unwrap();
    assert_eq!(
        approach.status,
        SectionStatus::Errors,
        "a required section left empty is an error"
    );
    let mut over = d.clone();
    let long = "可信数据空间建设。".repeat(200);
    over.sections
        .iter_mut()
        .find(|s| s.key == "basics")
        .unwrap()
        .blocks = vec![Block::paragraph(long)];
    let r = check(&registry, &over);
    assert_eq!(
        r.counts.iter().find(|c| c.key == "basics").unwrap().status,
        SectionStatus::Errors
    );
    // A new dossier: nothing written, so no part is 填写中 or 已完成; the optional ones are
    // 未填写 and the required ones 有错误 — read from the statuses themselves.
    let env = Env::new();
    let id = env.ok(&["new", "--type", "city", "--title", "新的申报书"]);
    let report: serde_json::Value =
        serde_json::from_str(&env.run(&["check", &id, "--json"]).stdout).unwrap();
    let statuses: Vec<(String, String, String)> = report["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["key"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
                c["status_label"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(!statuses.is_empty());
    for (key, status, label) in &statuses {
        assert!(
            (status == "empty" && label == "未填写") || (status == "errors" && label == "有错误"),
            "{key} of a new dossier is {status} ({label})"
        );
    }
    assert!(
        statuses.iter().any(|(_, s, _)| s == "empty"),
        "no part of a new dossier is 未填写: {statuses:?}"
    );
}
