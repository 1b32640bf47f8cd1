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
use crate::template::{Registry, SectionRole, TableRole, Template};
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
        .filter(|s| s.body)
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
        application_date: NaiveDate::from_ymd_opt(2025, 4, 20),
        front_matter: Default::default(),
        sections,
        tables,
        attachments,
        media,
        acknowledgements: Vec::new(),
        unplaced: Vec::new(),
        assignment: None,
    };
    fill_front_matter(&mut d, registry, &p);
    Ok(d)
}

fn fill_front_matter(d: &mut Dossier, registry: &Registry, p: &Profile) {
    let start = registry.settings.call.pilot_start;
    let end = registry.settings.pilot_end();
    let fm = &mut d.front_matter;
    fm.applicant.name = p.org.into();
    fm.applicant.credit_code =
        credit_code::complete(p.credit_code_17).expect("profile codes are well formed");
    fm.applicant.address = p.address.into();
    fm.applicant.legal_representative = p.legal_representative.into();
    fm.applicant.nature = "国有企业".into();
    fm.contact.name = "王晓敏".into();
    fm.contact.title = "数据运营中心主任".into();
    fm.contact.mobile = "13800138000".into();
    fm.contact.fax = "0512-66881234".into();
    fm.contact.email = "wangxm@example.com".into();
    fm.recommending_unit = p.recommending_unit.into();
    fm.period.start = start.format("%Y-%m").to_string();
    fm.period.end = end.format("%Y-%m").to_string();
    fm.funding.planned = p.investment.to_string();
    fm.funding.invested = (p.investment / 4).to_string();
    for (i, year) in fm.finances.iter_mut().enumerate() {
        let assets = 320_000 + 41_000 * i as u32;
        year.assets = assets.to_string();
        year.debt_ratio = format!("{}.{}", 46 + i, 3 * i + 2);
        year.revenue = (180_000 + 26_000 * i as u32).to_string();
        year.profit_margin = format!("{}.{}", 8 + i, 4 + i);
    }
    fm.incident.answer = "否".into();
    fm.commitment.signed_on = NaiveDate::from_ymd_opt(2025, 4, 18);
    fm.recommendation.review = format!(
        "{}组织专家对项目申报材料进行了审查论证，重点核查了申报主体资格、发展基础、试点目标和试点方案，认为项目目标明确、基础扎实、方案可行。",
        p.recommending_unit
    );
    fm.recommendation.opinion = "同意推荐该项目参加2025年可信数据空间创新发展试点。".into();
    fm.recommendation.order = Some(1);
    fm.recommendation.signed_on = NaiveDate::from_ymd_opt(2025, 4, 21);
    match d.pilot_type {
        PilotType::Industry => {
            fm.direction.industry_domain = "新材料方向".into();
            fm.industry_authority = crate::model::Authority {
                name: "工业和信息化部原材料工业司".into(),
                opinion: "同意联合推荐该项目。".into(),
                contact: "赵工，010-68200000".into(),
                signed_on: NaiveDate::from_ymd_opt(2025, 4, 21),
            };
        }
        PilotType::City => {
            fm.city_government = crate::model::Authority {
                name: format!("{}人民政府", p.region),
                opinion:
                    "同意申报城市可信数据空间创新发展试点，并在政策、资金和数据资源方面予以支持。"
                        .into(),
                contact: "孙主任，0571-87000000".into(),
                signed_on: NaiveDate::from_ymd_opt(2025, 4, 17),
            };
        }
        PilotType::Enterprise => {}
    }
}

fn paragraph(role: SectionRole, p: &Profile, rng: &mut Rng, sentences: usize) -> String {
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
    let role = s.role.unwrap_or(SectionRole::Safeguards);
    let mut blocks = vec![Block::paragraph(prose::fill(
        prose::opening(role),
        p,
        || 12,
    ))];
    let headings: Vec<String> = if role == SectionRole::Scenarios {
        p.scenarios.iter().map(|n| format!("场景：{n}")).collect()
    } else {
        s.outline.clone()
    };
    let per_heading = match role {
        SectionRole::Scenarios | SectionRole::Tasks | SectionRole::Technical => 3,
        _ => 2,
    } * scale as usize;
    for (hi, heading) in headings.iter().enumerate() {
        blocks.push(Block::heading(2, heading.clone()));
        if role == SectionRole::Technical && hi == 0 {
            blocks.push(Block::Image {
                media: figure.to_string(),
                caption: format!("图1 {}总体架构", p.space),
            });
        }
        for k in 0..per_heading {
            if role == SectionRole::Tasks && k % 3 == 0 && k > 0 {
                blocks.push(Block::heading(3, format!("第{}项工作", k / 3 + 1)));
            }
            let n = rng.range(3, 5) as usize;
            blocks.push(Block::paragraph(paragraph(role, p, rng, n)));
        }
        if role == SectionRole::Operating && hi == 1 {
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
    if headings.is_empty() && role == SectionRole::Technical {
        blocks.push(Block::Image {
            media: figure.to_string(),
            caption: format!("图1 {}总体架构", p.space),
        });
    }
    if headings.is_empty() {
        // On the form: fill to a share of the part's limit (at scale 1 inside every maximum).
        let target = s.max_chars.map_or(1_300, |m| m * 6 / 10) * scale as usize;
        let mut written: usize = blocks
            .iter()
            .flat_map(|b| b.texts())
            .map(crate::checks::wordcount::count)
            .sum();
        while written < target {
            let n = rng.range(2, 3) as usize;
            let text = paragraph(role, p, rng, n);
            written += crate::checks::wordcount::count(&text);
            blocks.push(Block::paragraph(text));
        }
    }
    if role == SectionRole::Outcomes {
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
        let rows: Vec<TableRow> = match def.role {
            Some(TableRole::Finance) => (0..3)
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
            Some(TableRole::Team) => {
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
            Some(TableRole::DataResources) => {
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
            Some(TableRole::Indicators) => {
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
            Some(TableRole::Scenarios) => p
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
            Some(TableRole::Partners) => {
                let partners = [
                    (
                        "东方数据科技有限公司",
                        "数据服务方：数据加工、标注和质量评估",
                        "为空间提供数据治理服务，共同开发数据集 12 个",
                    ),
                    (
                        "安信合规服务有限公司",
                        "数据服务方：合规审查和审计清算",
                        "对空间规则和重要合约开展合规审查",
                    ),
                    (
                        "云启算力有限公司",
                        "数据空间建设方：算力与隐私计算设施",
                        "提供隐私计算节点，支撑多方联合建模",
                    ),
                    (
                        "华东产业联盟",
                        "数据提供方：行业运行数据",
                        "向空间提供行业运行数据，共同开发行业指数产品",
                    ),
                ];
                (0..n(4))
                    .map(|i| {
                        let (name, duty, cooperation) = partners[i % partners.len()];
                        row(&[
                            (
                                "name",
                                if i < partners.len() {
                                    name.to_string()
                                } else {
                                    format!("{name}第{}分支机构", i / partners.len())
                                },
                            ),
                            ("duty", duty.to_string()),
                            ("cooperation", cooperation.to_string()),
                        ])
                    })
                    .collect()
            }
            Some(TableRole::Response) => response_rows(template.template.pilot_type, def),
            Some(TableRole::Investment) => investment_rows(p.investment),
            // Four half-years at scale 1; long plans (over pages) at larger scales.
            Some(TableRole::Milestones) => {
                milestones(if scale == 1 { 4 } else { 8 * scale as usize }, start, end)
            }
            _ => Vec::new(),
        };
        out.insert(def.key.clone(), rows);
    }
    out
}

/// The 响应表: the template's five rows, answered with figures that meet 附件2 for the type.
fn response_rows(pilot_type: PilotType, def: &crate::template::TableDef) -> Vec<TableRow> {
    let answers: [(&str, &str); 5] = match pilot_type {
        PilotType::Enterprise => [
            (
                "开放数据集：26个\n数据资源开放总量增长：100%",
                "运营方开放生产、质量、物流等数据集，试点期内开放总量翻一番。",
            ),
            (
                "典型应用场景：6类\n每类数据应用：12个\n高价值应用：6个\n每个高价值应用外部企业用户：25家\n普惠服务中小企业占比：55%",
                "面向上下游企业共性业务需求开发应用场景和数据应用。",
            ),
            (
                "接入上下游和生态合作企业：230家\n日活用户占比：32%",
                "以龙头企业为主导，带动上下游企业接入数据空间。",
            ),
            (
                "核心功能：4项",
                "技术系统具备可信管控、资源交互、应用开发、安全管理等功能。",
            ),
            (
                "规则规范：8项\n可信数据空间收入：4000万元",
                "构建准入认证、流通使用等规则规范，形成可持续运营的商业模式。",
            ),
        ],
        PilotType::Industry => [
            (
                "细分领域高质量数据集：6个\n数据资源开放总量增长：100%",
                "形成覆盖多个细分领域的高质量数据集，试点期内开放总量翻一番。",
            ),
            (
                "典型应用场景：11类\n数据产品和服务：32个\n高价值应用：5个\n每个高价值应用服务企业：120家",
                "面向行业共性需求及转型难点痛点开发应用场景和数据产品。",
            ),
            (
                "接入主体市场份额：35%\n日活用户占比：31%\n第三方数据服务机构：32家",
                "接入主体覆盖行业主要企业，引入第三方数据服务机构。",
            ),
            (
                "核心功能：4项",
                "技术系统具备可信管控、资源交互、应用开发、安全管理等功能。",
            ),
            (
                "规则规范：10项\n可信数据空间收入：6000万元",
                "构建准入认证、流通使用、争议仲裁、收益分配等规则规范。",
            ),
        ],
        PilotType::City => [
            (
                "覆盖公共数据资源：65%\n上架数据产品：2100个\n数据资源开放总量增长：100%",
                "汇聚城市公共数据资源，上架数据产品，试点期内开放总量翻一番。",
            ),
            (
                "典型应用场景：110个",
                "面向城市全域数字化转型培育典型应用场景。",
            ),
            (
                "覆盖政府部门及公共服务企事业单位：55%\n数据服务方：120家\n企事业单位日活用户占比：12%",
                "覆盖本地区政府部门、公共服务企事业单位和主导产业龙头企业。",
            ),
            (
                "核心功能：4项",
                "技术系统具备可信管控、资源交互、应用开发、安全管理等功能。",
            ),
            (
                "规则规范：9项\n可信数据空间收入：8000万元",
                "构建准入认证、流通使用等规则规范，建立促进各类主体参与城市可信数据空间发展的规则和激励机制。",
            ),
        ],
    };
    def.fixed_rows
        .iter()
        .zip(answers)
        .map(|(fixed, (indicators, response))| {
            let mut r = fixed.clone();
            r.insert("indicators".into(), indicators.into());
            r.insert("response".into(), response.into());
            r
        })
        .collect()
}

/// 投资计划明细表: five categories over the two years, adding up to `total` 万元.
fn investment_rows(total: u32) -> Vec<TableRow> {
    let categories = [
        ("软硬件及基础设施", 34),
        ("平台研发", 30),
        ("数据资源建设", 17),
        ("运营推广", 11),
        ("人员", 8),
    ];
    let mut left = total;
    categories
        .iter()
        .enumerate()
        .map(|(i, (name, share))| {
            let amount = if i + 1 == categories.len() {
                left
            } else {
                total * share / 100
            };
            left -= amount;
            let first = amount * 55 / 100;
            row(&[
                ("category", name.to_string()),
                ("year_1", first.to_string()),
                ("year_2", (amount - first).to_string()),
                ("source", "自有资金".to_string()),
            ])
        })
        .collect()
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
