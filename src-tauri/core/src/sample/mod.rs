//! Deterministic sample dossiers (same type and scale, same content) for tests, benchmarks and
//! demonstrations, and the hand-written example dossier offered to new users.
//!
//! A scale-1 sample is a complete, plausible dossier of some 30 pages: every required field,
//! every table at or above its minimum, milestone dates inside the pilot period covering each
//! half-year, a valid credit code, the attachments its type needs. Scale N multiplies prose and
//! table rows.

pub(crate) mod images;
mod prose;

use crate::model::{
    Attachment, AttachmentKind, Block, Dossier, ListKind, Media, PilotType, Section, TableRow,
};
use crate::template::{Registry, Template};
use crate::{Result, credit_code};
use chrono::{Days, NaiveDate};
use prose::Profile;
use std::collections::BTreeMap;

/// The example dossier (city type), written by hand, as an interchange document.
pub const EXAMPLE_JSON: &str = include_str!("../../../../templates/examples/city-example.json");

/// The example dossier, parsed.
pub fn example() -> Result<Dossier> {
    crate::interchange::from_json("templates/examples/city-example.json", EXAMPLE_JSON)
}

/// SplitMix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as u64) as u32
    }
}

/// Builds a complete sample dossier of `pilot_type` at `scale` (1 ≈ 30 pages, 4 ≈ 100 pages).
pub fn generate(registry: &Registry, pilot_type: PilotType, scale: u32) -> Result<Dossier> {
    let scale = scale.max(1);
    let template = registry.latest_for(pilot_type)?;
    let p = prose::profile(pilot_type);
    let mut rng = Rng(0x5EED_0000 ^ ((pilot_type as u64) << 32) ^ scale as u64);
    let start = registry.settings.call.pilot_start;
    let end = registry.settings.pilot_end();

    let mut media = Vec::new();
    let figure = Media::new(
        "总体架构图.png",
        "image/png",
        images::architecture_figure(pilot_type as u64),
    );
    let figure_id = figure.id.clone();
    media.push(figure);

    let sections = template
        .sections
        .iter()
        .map(|s| Section {
            key: s.key.clone(),
            blocks: section_blocks(s, &p, scale, &mut rng, &figure_id),
        })
        .collect();
    let tables = tables(template, &p, scale, &mut rng, start, end);
    let attachments = attachments(template, &p, &mut media);

    let mut d = Dossier {
        template: template.reference(),
        pilot_type,
        title: format!("{}建设项目", p.space),
        application_date: NaiveDate::from_ymd_opt(2025, 5, 20),
        front_matter: Default::default(),
        sections,
        tables,
        attachments,
        media,
        acknowledgements: Vec::new(),
    };
    fill_front_matter(&mut d, template, &p);
    Ok(d)
}

fn fill_front_matter(d: &mut Dossier, template: &Template, p: &Profile) {
    let fm = &mut d.front_matter;
    fm.applicant.name = p.org.into();
    fm.applicant.credit_code =
        credit_code::complete(p.credit_code_17).expect("profile codes are well formed");
    fm.applicant.registered_address = p.address.into();
    fm.applicant.founded_on = NaiveDate::from_ymd_opt(2012, 3, 16);
    fm.applicant.registered_capital = "50000万元".into();
    fm.applicant.legal_representative = p.legal_representative.into();
    fm.contact.name = "王晓敏".into();
    fm.contact.title = "数据运营中心主任".into();
    fm.contact.mobile = "13800138000".into();
    fm.contact.email = "wangxm@example.com".into();
    fm.recommending_unit = p.recommending_unit.into();
    fm.declarations.independent_legal_person = true;
    fm.declarations.operator_of_space = true;
    fm.commitment.clauses = template
        .commitment
        .clauses
        .iter()
        .map(|c| c.replace("{applicant}", p.org))
        .collect();
    fm.commitment.signed_on = NaiveDate::from_ymd_opt(2025, 5, 20);
    fm.recommendation.review = format!(
        "{}组织专家对项目申报材料进行了审查论证，重点核查了申报主体资格、建设基础、技术方案和运营模式，认为项目目标明确、基础扎实、方案可行。",
        p.recommending_unit
    );
    fm.recommendation.opinion = "同意推荐该项目参加2025年可信数据空间创新发展试点。".into();
    fm.recommendation.order = Some(1);
    fm.recommendation.signed_on = NaiveDate::from_ymd_opt(2025, 5, 26);
    match d.pilot_type {
        PilotType::Industry => {
            fm.recommendation.joint_recommender = "工业和信息化部原材料工业司".into()
        }
        PilotType::City => fm.recommendation.city_consent_reference = "滨府函〔2025〕37号".into(),
        PilotType::Enterprise => {}
    }
}

fn paragraph(role: &str, p: &Profile, rng: &mut Rng, sentences: usize) -> String {
    let bank = prose::sentences(role);
    let mut picked: Vec<usize> = Vec::new();
    while picked.len() < sentences.min(bank.len()) {
        let i = rng.below(bank.len() as u64) as usize;
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    picked
        .into_iter()
        .map(|i| prose::fill(bank[i], p, || rng.range(3, 60)))
        .collect()
}

fn section_blocks(
    s: &crate::template::SectionDef,
    p: &Profile,
    scale: u32,
    rng: &mut Rng,
    figure: &str,
) -> Vec<Block> {
    let role = s.role.as_deref().unwrap_or("safeguards");
    let mut blocks = vec![Block::paragraph(prose::fill(
        prose::opening(role),
        p,
        || 12,
    ))];
    let headings: Vec<String> = if role == "scenarios" {
        p.scenarios.iter().map(|n| format!("场景：{n}")).collect()
    } else {
        s.outline.clone()
    };
    let per_heading = match role {
        "scenarios" | "tasks" | "technical" => 3,
        _ => 2,
    } * scale as usize;
    for (hi, heading) in headings.iter().enumerate() {
        blocks.push(Block::heading(2, heading.clone()));
        if role == "technical" && hi == 0 {
            blocks.push(Block::Image {
                media: figure.to_string(),
                caption: format!("图1 {}总体架构", p.space),
            });
        }
        for k in 0..per_heading {
            if role == "tasks" && k % 3 == 0 && k > 0 {
                blocks.push(Block::heading(3, format!("第{}项工作", k / 3 + 1)));
            }
            let n = rng.range(3, 5) as usize;
            blocks.push(Block::paragraph(paragraph(role, p, rng, n)));
        }
        if role == "operating" && hi == 1 {
            blocks.push(Block::List {
                kind: ListKind::Numbered,
                items: vec![
                    "准入认证：身份核验、资质审查、信用评级。".into(),
                    "授权管理：授权范围、期限和用途在合约中约定。".into(),
                    "争议处置：受理、调解、仲裁三级处置。".into(),
                ],
            });
        }
    }
    if headings.is_empty() {
        for _ in 0..per_heading {
            let n = rng.range(2, 3) as usize;
            blocks.push(Block::paragraph(paragraph(role, p, rng, n)));
        }
    }
    if role == "outcomes" {
        blocks.push(Block::Table {
            caption: "表 预期效益测算".into(),
            header: vec!["效益类别".into(), "测算依据".into(), "预期数值".into()],
            rows: vec![
                vec![
                    "降本增效".into(),
                    "参与企业平均节约数据获取成本".into(),
                    "约 2.6 亿元".into(),
                ],
                vec![
                    "新增产值".into(),
                    "数据产品和服务收入".into(),
                    "约 1.8 亿元".into(),
                ],
                vec![
                    "就业带动".into(),
                    "新增数据相关岗位".into(),
                    "约 600 个".into(),
                ],
            ],
        });
    }
    blocks
}

fn row(pairs: &[(&str, String)]) -> TableRow {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn tables(
    template: &Template,
    p: &Profile,
    scale: u32,
    rng: &mut Rng,
    start: NaiveDate,
    end: NaiveDate,
) -> BTreeMap<String, Vec<TableRow>> {
    let mut out = BTreeMap::new();
    for (_, def) in template.tables() {
        let n = |base: usize| (base * scale as usize).max(def.min_rows);
        let rows: Vec<TableRow> = match def.role.as_deref() {
            Some("finance") => (0..3)
                .map(|i| {
                    let revenue = 180_000 + 26_000 * i as u32 + rng.range(0, 9000);
                    row(&[
                        ("year", format!("{}年", 2022 + i)),
                        ("revenue", revenue.to_string()),
                        ("profit", (revenue / 9).to_string()),
                        ("rd", (revenue / 14).to_string()),
                    ])
                })
                .collect(),
            Some("team") => {
                let names = [
                    "李明", "张华", "刘洋", "陈静", "杨帆", "赵磊", "黄蕾", "吴昊",
                ];
                let duties = [
                    "总体负责",
                    "技术架构",
                    "数据治理",
                    "合规审查",
                    "运营推广",
                    "生态合作",
                ];
                (0..n(5))
                    .map(|i| {
                        row(&[
                            ("name", names[i % names.len()].to_string()),
                            (
                                "position",
                                if i == 0 {
                                    "总经理".into()
                                } else {
                                    "部门负责人".to_string()
                                },
                            ),
                            ("duty", duties[i % duties.len()].to_string()),
                            ("expertise", "数据工程".to_string()),
                        ])
                    })
                    .collect()
            }
            Some("data_resources") => {
                let names = [
                    "生产运行数据",
                    "供应商履约数据",
                    "产品质量数据",
                    "物流轨迹数据",
                    "能耗监测数据",
                    "市场交易数据",
                ];
                let kinds = [
                    "企业数据",
                    "企业数据",
                    "企业数据",
                    "公共数据",
                    "公共数据",
                    "企业数据",
                ];
                (0..n(6))
                    .map(|i| {
                        row(&[
                            (
                                "name",
                                format!(
                                    "{}{}",
                                    names[i % 6],
                                    if i >= 6 {
                                        format!("（{}）", i / 6 + 1)
                                    } else {
                                        String::new()
                                    }
                                ),
                            ),
                            (
                                "provider",
                                if i % 3 == 0 {
                                    p.short.to_string()
                                } else {
                                    "合作伙伴".to_string()
                                },
                            ),
                            ("category", kinds[i % 6].to_string()),
                            ("scale", format!("{} 万条", rng.range(50, 900))),
                            ("openness", "有条件开放".to_string()),
                            ("catalogue", format!("DS-{:04}", i + 1)),
                        ])
                    })
                    .collect()
            }
            Some("indicators") => {
                let names = [
                    ("接入参与主体数量", "家"),
                    ("上架数据产品数量", "个"),
                    ("高质量数据集数量", "个"),
                    ("数据流通规模", "亿次"),
                    ("应用场景数量", "个"),
                ];
                (0..n(5))
                    .map(|i| {
                        let (name, unit) = names[i % names.len()];
                        let base = rng.range(5, 40);
                        row(&[
                            (
                                "indicator",
                                if i < 5 {
                                    name.to_string()
                                } else {
                                    format!("{name}（第{}批）", i / 5 + 1)
                                },
                            ),
                            ("unit", unit.to_string()),
                            ("baseline", base.to_string()),
                            ("target_12", (base * 2).to_string()),
                            ("target_24", (base * 4).to_string()),
                        ])
                    })
                    .collect()
            }
            Some("scenarios") => p
                .scenarios
                .iter()
                .cycle()
                .take(n(3))
                .enumerate()
                .map(|(i, name)| {
                    row(&[
                        (
                            "name",
                            if i < 3 {
                                name.to_string()
                            } else {
                                format!("{name}（拓展{}）", i / 3)
                            },
                        ),
                        (
                            "participants",
                            format!("{}、上下游企业、第三方服务机构", p.short),
                        ),
                        ("data", "生产、交易和物流数据".to_string()),
                        ("value", "提升协同效率，降低交易成本".to_string()),
                        (
                            "replicability",
                            "规则和接口标准化，可在同类主体复制".to_string(),
                        ),
                    ])
                })
                .collect(),
            Some("partners") => {
                let partners = [
                    ("东方数据科技有限公司", "91310115MA1H7P3C0"),
                    ("安信合规服务有限公司", "91110108MA01R2XK6"),
                    ("云启算力有限公司", "91330106MA2CF8L34"),
                ];
                (0..n(3))
                    .map(|i| {
                        let (name, code17) = partners[i % 3];
                        let code = credit_code::complete(&code17[..17])
                            .expect("well-formed partner codes");
                        row(&[
                            (
                                "name",
                                if i < 3 {
                                    name.to_string()
                                } else {
                                    format!("{name}第{}分公司", i / 3)
                                },
                            ),
                            ("credit_code", code),
                            (
                                "role",
                                ["数据加工服务", "合规审查", "算力与隐私计算"][i % 3].to_string(),
                            ),
                        ])
                    })
                    .collect()
            }
            Some("milestones") => milestones(n(8), start, end),
            _ => Vec::new(),
        };
        out.insert(def.key.clone(), rows);
    }
    out
}

fn milestones(count: usize, start: NaiveDate, end: NaiveDate) -> Vec<TableRow> {
    let days = (end - start).num_days() + 1;
    let phases = [
        "平台能力建设",
        "数据资源接入",
        "场景试点运行",
        "规则制度完善",
        "互联互通测试",
        "运营推广",
        "成效评估",
        "总结验收",
    ];
    (0..count)
        .map(|i| {
            let from = start + Days::new((days * i as i64 / count as i64) as u64);
            let to = start + Days::new((days * (i as i64 + 1) / count as i64 - 1) as u64);
            let name = phases[i * phases.len() / count];
            row(&[
                (
                    "phase",
                    format!("第{}阶段：{name}", crate::numbering::chinese_numeral(i + 1)),
                ),
                ("start", from.to_string()),
                ("end", to.to_string()),
                (
                    "deliverables",
                    format!("完成{name}相关建设内容并形成阶段报告"),
                ),
                ("indicator", format!("通过{name}阶段内部验收")),
            ])
        })
        .collect()
}

fn attachments(template: &Template, p: &Profile, media: &mut Vec<Media>) -> Vec<Attachment> {
    template
        .attachments
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind != AttachmentKind::Other)
        .map(|(i, a)| {
            let scan = Media::new(
                format!("{}.png", a.kind.label()),
                "image/png",
                images::document_scan(i as u64 + 1),
            );
            let id = scan.id.clone();
            media.push(scan);
            let title = match a.kind {
                AttachmentKind::BusinessLicence => format!("{}营业执照", p.org),
                AttachmentKind::CityConsent => {
                    format!("{}人民政府关于同意申报城市可信数据空间试点的函", p.region)
                }
                other => other.label().to_string(),
            };
            Attachment {
                title,
                kind: a.kind,
                media: id,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_are_deterministic_and_valid() {
        let registry = Registry::embedded().unwrap();
        for t in PilotType::ALL {
            let a = generate(&registry, t, 1).unwrap();
            let b = generate(&registry, t, 1).unwrap();
            assert_eq!(a, b);
            crate::integrity::validate(&registry, &a).unwrap();
            assert_eq!(
                credit_code::validate(&a.front_matter.applicant.credit_code),
                Ok(())
            );
        }
    }

    #[test]
    fn example_is_valid() {
        let registry = Registry::embedded().unwrap();
        let d = example().unwrap();
        assert_eq!(d.pilot_type, PilotType::City);
        crate::integrity::validate(&registry, &d).unwrap();
    }
}
