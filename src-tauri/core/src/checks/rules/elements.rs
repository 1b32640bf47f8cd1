//! 附件2's element conditions against the 试点目标响应表: each condition of the dossier's type
//! looks for a figure (名称：数值单位) in its row whose name holds one of its terms (the most
//! specific name wins: `高价值应用` over `每个高价值应用外部企业用户`), and compares its value
//! with the number the call asks for; the revenue target is read against 拟投入资金总额. A
//! target below its number, or missing, is a warning on that row that quotes the condition.

use super::super::{Context, ElementStatus, Finding, Place, Severity, push};
use super::RuleId;
use super::formats::{Figure, figure};
use crate::template::{Condition, ConditionKind};

/// A figure's value in the condition's terms: counts and shares as written (万/亿 scaled),
/// growth in % (×2 written in 倍 is +100 %), money in 万元.
fn value_of(c: &Condition, f: &Figure) -> f64 {
    let unit = f.unit.trim();
    match c.kind {
        ConditionKind::Growth if unit.starts_with('倍') => (f.value - 1.0) * 100.0,
        ConditionKind::RevenueShare => match unit {
            u if u.starts_with("亿") => f.value * 10_000.0,
            u if u.starts_with('元') => f.value / 10_000.0,
            _ => f.value,
        },
        ConditionKind::Count if unit.starts_with('万') => f.value * 10_000.0,
        ConditionKind::Count if unit.starts_with('亿') => f.value * 100_000_000.0,
        _ => f.value,
    }
}

fn number(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r}")
    }
}

/// Evaluates every condition of the dossier's type; pushes warnings and returns the statuses
/// the app shows beside the 响应表.
pub fn evaluate(ctx: &Context<'_>, out: &mut Vec<Finding>) -> Vec<ElementStatus> {
    let d = ctx.dossier();
    let Some(def) = ctx
        .template
        .table_by_role(crate::template::TableRole::Response)
    else {
        return Vec::new();
    };
    let rows = d.tables.get(&def.key).map_or(&[][..], Vec::as_slice);
    let planned = d
        .front_matter
        .funding
        .planned
        .replace([',', '，'], "")
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|p| *p > 0.0);
    let mut statuses = Vec::new();
    for c in ctx
        .input
        .registry
        .elements
        .iter()
        .filter(|c| c.pilot_type == d.pilot_type)
    {
        let Some(ri) = def
            .fixed_rows
            .iter()
            .position(|r| r.values().any(|v| v == &c.row))
        else {
            continue;
        };
        let row = rows.get(ri);
        let cell = |key: &str| row.and_then(|r| r.get(key)).map_or("", String::as_str);
        let place = Place::table(ctx.template, &def.key, Some(ri), Some("indicators"));
        let (found, problem): (Option<String>, Option<String>) = if c.kind
            == ConditionKind::Mentions
        {
            let text = format!("{}{}", cell("indicators"), cell("response"));
            let missing: Vec<&str> = c
                .terms
                .iter()
                .map(String::as_str)
                .filter(|t| !text.contains(t))
                .collect();
            (
                Some(if missing.is_empty() {
                    "已写明".into()
                } else {
                    format!("未写明{}", missing.join("、"))
                }),
                (!missing.is_empty())
                    .then(|| format!("“{}”的响应没有写明{}", c.row, missing.join("、"))),
            )
        } else {
            let figure = cell("indicators")
                .lines()
                .filter_map(figure)
                .filter(|f| c.terms.iter().any(|t| f.name.contains(t.as_str())))
                .min_by_key(|f| f.name.chars().count());
            match figure {
                None => (
                    None,
                    Some(format!("“{}”没有写出“{}”的目标值", c.row, c.label)),
                ),
                Some(f) => {
                    let written = format!("{}{}", number(f.value), f.unit);
                    let min = c.min.unwrap_or_default();
                    match c.kind {
                        ConditionKind::RevenueShare => match planned {
                            None => (
                                Some(written),
                                Some(format!(
                                    "“{}”的收入目标无法核对：基本情况表没有填写拟投入资金总额",
                                    c.label
                                )),
                            ),
                            Some(p) => {
                                let share = value_of(c, &f) / p * 100.0;
                                let shown = format!("{written}（占总投资 {}%）", number(share));
                                let low = (share + 1e-9 < min).then(|| {
                                    format!(
                                        "“{}”目标为 {written}，占拟投入资金总额 {} 万元的 {}%，低于附件2要求的{}",
                                        c.label,
                                        number(p),
                                        number(share),
                                        c.requirement()
                                    )
                                });
                                (Some(shown), low)
                            }
                        },
                        _ => {
                            let v = value_of(c, &f);
                            let low = (v + 1e-9 < min).then(|| {
                                format!(
                                    "“{}”目标为 {written}，低于附件2要求的{}",
                                    f.name,
                                    c.requirement()
                                )
                            });
                            (Some(written), low)
                        }
                    }
                }
            }
        };
        if let Some(message) = &problem {
            push(
                out,
                RuleId::ElementsTarget,
                Severity::Warning,
                place.clone(),
                message.clone(),
                format!(
                    "附件2：{}{}",
                    c.source,
                    if c.kind == ConditionKind::Mentions {
                        String::new()
                    } else {
                        format!(
                            "（在响应指标中写成“{}：数值{}”）",
                            c.label,
                            if c.kind == ConditionKind::RevenueShare {
                                "万元"
                            } else {
                                c.unit.as_str()
                            }
                        )
                    }
                ),
            );
        }
        statuses.push(ElementStatus {
            row: c.row.clone(),
            label: c.label.clone(),
            requirement: c.requirement(),
            source: c.source.clone(),
            found,
            met: problem.is_none(),
            anchor: place.anchor,
            destination: place.destination,
        });
    }
    statuses
}
