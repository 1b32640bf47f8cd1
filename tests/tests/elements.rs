//! 附件2's element conditions against the 试点目标响应表: for every condition of every type, a
//! target just below the number warns on that row (quoting the condition), one just at it does
//! not; the revenue target is read against 拟投入资金总额; the samples meet every condition; each
//! condition's source is 附件2's own wording.

use chrono::NaiveDate;
use dossier_core::checks::{self, BasicGlyphCoverage, CheckInput, Report};
use dossier_core::model::{Dossier, PilotType};
use dossier_core::sample;
use dossier_core::template::{Condition, ConditionKind, Registry};

fn check(registry: &Registry, d: &Dossier) -> Report {
    checks::run(&CheckInput {
        section_pages: None,
        registry,
        dossier: d,
        for_submission: false,
        others: &[],
        acknowledgements: &[],
        today: NaiveDate::from_ymd_opt(2025, 4, 10).unwrap(),
        glyphs: &BasicGlyphCoverage,
    })
}

fn row_of(registry: &Registry, d: &Dossier, c: &Condition) -> usize {
    let t = registry.get(&d.template).unwrap();
    t.table_by_role(dossier_core::template::TableRole::Response)
        .unwrap()
        .fixed_rows
        .iter()
        .position(|r| r["item"] == c.row)
        .unwrap_or_else(|| panic!("no 响应表 row {}", c.row))
}

/// The sample's 响应表 line answering `c` (the most specific name holding one of its terms).
fn line_of(d: &Dossier, row: usize, c: &Condition) -> String {
    d.tables["response"][row]["indicators"]
        .lines()
        .filter(|l| {
            let name = l.split(['：', ':']).next().unwrap();
            c.terms.iter().any(|t| name.contains(t.as_str()))
        })
        .min_by_key(|l| l.split(['：', ':']).next().unwrap().chars().count())
        .unwrap_or_else(|| panic!("the sample lacks {}", c.label))
        .to_string()
}

fn with_line(d: &Dossier, row: usize, old: &str, new: &str) -> Dossier {
    let mut d = d.clone();
    let cell = d.tables.get_mut("response").unwrap()[row]
        .get_mut("indicators")
        .unwrap();
    *cell = cell.replace(old, new);
    d
}

fn warned_at(report: &Report, row: usize) -> Vec<&checks::Finding> {
    let anchor = format!("table:response/row:{row}/col:indicators");
    report
        .findings
        .iter()
        .filter(|f| f.rule == "elements.target" && f.place.anchor == anchor)
        .collect()
}

#[test]
fn every_condition_warns_just_below_its_number_and_not_at_it() {
    let registry = Registry::embedded().unwrap();
    let mut tested = 0;
    for t in PilotType::ALL {
        let d = sample::generate(&registry, t, 1).unwrap();
        let planned: f64 = d.front_matter.funding.planned.parse().unwrap();
        for c in registry.elements.iter().filter(|c| c.pilot_type == t) {
            let row = row_of(&registry, &d, c);
            let (at, below): (Dossier, Dossier) = match c.kind {
                ConditionKind::Mentions => {
                    let mut without = d.clone();
                    for key in ["indicators", "response"] {
                        let cell = without.tables.get_mut("response").unwrap()[row]
                            .get_mut(key)
                            .unwrap();
                        *cell = cell.replace(c.terms.last().unwrap().as_str(), "");
                    }
                    (d.clone(), without)
                }
                _ => {
                    let line = line_of(&d, row, c);
                    let name = line.split(['：', ':']).next().unwrap();
                    let min = c.min.unwrap();
                    let (exact, under) = match c.kind {
                        ConditionKind::RevenueShare => {
                            let at = planned * min / 100.0;
                            (format!("{at}万元"), format!("{}万元", at - 1.0))
                        }
                        ConditionKind::Percent | ConditionKind::Growth => {
                            (format!("{min}%"), format!("{}%", min - 0.5))
                        }
                        _ => (
                            format!("{min}{}", c.unit),
                            format!("{}{}", min - 1.0, c.unit),
                        ),
                    };
                    (
                        with_line(&d, row, &line, &format!("{name}：{exact}")),
                        with_line(&d, row, &line, &format!("{name}：{under}")),
                    )
                }
            };
            let at_report = check(&registry, &at);
            assert!(
                warned_at(&at_report, row).is_empty(),
                "{t:?} {}: warned at the number: {:#?}",
                c.label,
                warned_at(&at_report, row)
            );
            let status = at_report
                .elements
                .iter()
                .find(|s| s.label == c.label)
                .unwrap();
            assert!(status.met, "{t:?} {} not met at the number", c.label);
            let below_report = check(&registry, &below);
            let warned = warned_at(&below_report, row);
            assert_eq!(warned.len(), 1, "{t:?} {}: {warned:#?}", c.label);
            assert!(warned[0].hint.contains(&c.source), "the hint quotes 附件2");
            if c.kind != ConditionKind::Mentions {
                assert!(
                    warned[0].message.contains(&c.requirement()),
                    "{}",
                    warned[0].message
                );
            }
            assert!(
                !below_report
                    .elements
                    .iter()
                    .find(|s| s.label == c.label)
                    .unwrap()
                    .met
            );
            tested += 1;
        }
    }
    assert!(tested >= 30, "only {tested} conditions");
}

#[test]
fn a_missing_target_warns_and_the_revenue_share_follows_the_investment() {
    let registry = Registry::embedded().unwrap();
    let d = sample::generate(&registry, PilotType::Industry, 1).unwrap();
    // The 响应表's first row left empty: each of its conditions is missing.
    let mut empty = d.clone();
    empty.tables.get_mut("response").unwrap()[0].insert("indicators".into(), String::new());
    let report = check(&registry, &empty);
    let missing = warned_at(&report, 0);
    assert_eq!(missing.len(), 2, "{missing:#?}");
    assert!(missing.iter().all(|f| f.message.contains("没有写出")));
    // Revenue 6 000 万元 of 28 000 is 21 %: met; raising the investment to 31 000 makes it 19 %.
    assert!(warned_at(&check(&registry, &d), 4).is_empty());
    let mut bigger = d.clone();
    bigger.front_matter.funding.planned = "31000".into();
    let bigger_report = check(&registry, &bigger);
    let warned = warned_at(&bigger_report, 4);
    assert_eq!(warned.len(), 1);
    assert!(
        warned[0]
            .message
            .contains("不低于总投资（拟投入资金总额）的 20%"),
        "{}",
        warned[0].message
    );
    // Written in 亿元, it is read as 万元.
    let in_yi = with_line(
        &bigger,
        4,
        "可信数据空间收入：6000万元",
        "可信数据空间收入：0.7亿元",
    );
    assert!(warned_at(&check(&registry, &in_yi), 4).is_empty());
    // Without an investment, the share cannot be read: said so.
    let mut none = d.clone();
    none.front_matter.funding.planned.clear();
    let report = check(&registry, &none);
    assert!(
        warned_at(&report, 4)
            .iter()
            .any(|f| f.message.contains("拟投入资金总额"))
    );
}

#[test]
fn the_samples_meet_every_condition_and_sources_are_annex_2s_words() {
    let registry = Registry::embedded().unwrap();
    let annex2: String = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/official/annex2-element-conditions.txt"
    ))
    .unwrap()
    .split_whitespace()
    .collect();
    for t in PilotType::ALL {
        let d = sample::generate(&registry, t, 1).unwrap();
        let report = check(&registry, &d);
        let conditions = registry
            .elements
            .iter()
            .filter(|c| c.pilot_type == t)
            .count();
        assert_eq!(report.elements.len(), conditions);
        assert!(
            report.elements.iter().all(|s| s.met),
            "{t:?}: {:#?}",
            report.elements
        );
    }
    for c in &registry.elements {
        let source: String = c.source.split_whitespace().collect();
        assert!(annex2.contains(&source), "not 附件2's words: {}", c.source);
    }
}

#[test]
fn a_national_innovation_platform_is_eligible_without_a_91_code() {
    let registry = Registry::embedded().unwrap();
    let mut d = sample::generate(&registry, PilotType::Industry, 1).unwrap();
    d.front_matter.applicant.credit_code =
        dossier_core::credit_code::complete("12100000400000000").unwrap();
    d.front_matter.applicant.nature = "国家级创新平台".into();
    d.front_matter.applicant.nature_note = "国家新材料测试评价平台".into();
    let report = check(&registry, &d);
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.rule == "applicant.not_enterprise"),
        "{:#?}",
        report.findings
    );
}
