//! The plan across the pilot period: dates present and ordered, inside the period, and every
//! half-year holding a milestone.

use super::super::{Context, Finding, Place, Severity, push};
use super::RuleId;
use super::formats::parse_date;
use crate::template::TableRole;
use chrono::{Datelike, Months, NaiveDate};

fn ymd(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

/// The dossier's 试点周期 (first day of its start month to the last of its end month); the
/// call's assumed period when the dossier does not state one.
pub(crate) fn pilot_period(ctx: &Context<'_>) -> (NaiveDate, NaiveDate) {
    let settings = &ctx.input.registry.settings;
    let period = &ctx.dossier().front_matter.period;
    let month = |text: &str| {
        crate::model::month_of(text).and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1))
    };
    match (month(&period.start), month(&period.end)) {
        (Some(start), Some(end)) if start <= end => (
            start,
            end.checked_add_months(Months::new(1))
                .and_then(|d| d.pred_opt())
                .unwrap_or(end),
        ),
        _ => (settings.call.pilot_start, settings.pilot_end()),
    }
}

/// `milestones.dates`, `milestones.order`, `milestones.half_year`.
pub fn milestones(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some((def, rows)) = ctx.table_by_role(TableRole::Milestones) else {
        return;
    };
    let dates = def.date_columns();
    let (start_key, end_key) = (dates[0], dates[1]);
    let (period_start, period_end) = pilot_period(ctx);

    let mut spans = Vec::new();
    let mut previous: Option<NaiveDate> = None;
    for (ri, row) in rows.iter().enumerate() {
        let start = row.get(start_key).and_then(|v| parse_date(v));
        let end = row.get(end_key).and_then(|v| parse_date(v));
        let place = Place::table(ctx.template, &def.key, Some(ri), None);
        let (Some(start), Some(end)) = (start, end) else {
            // Missing or malformed dates are reported by table.cell_required / cell_format.
            continue;
        };
        if end < start {
            push(
                out,
                RuleId::MilestonesDates,
                Severity::Warning,
                place.clone(),
                format!(
                    "第 {} 个阶段的结束日期 {} 早于开始日期 {}",
                    ri + 1,
                    ymd(end),
                    ymd(start)
                ),
                "更正起止日期",
            );
            continue;
        }
        if start < period_start || end > period_end {
            push(
                out,
                RuleId::MilestonesDates,
                Severity::Warning,
                place.clone(),
                format!(
                    "第 {} 个阶段（{}至{}）超出试点期（{}至{}）",
                    ri + 1,
                    ymd(start),
                    ymd(end),
                    ymd(period_start),
                    ymd(period_end)
                ),
                "阶段安排须在基本情况表填写的试点周期内",
            );
        }
        if previous.is_some_and(|p| start < p) {
            push(
                out,
                RuleId::MilestonesOrder,
                Severity::Warning,
                place,
                format!("第 {} 个阶段开始于 {}，早于上一阶段", ri + 1, ymd(start)),
                "按开始日期先后排列各阶段",
            );
        }
        previous = Some(start);
        spans.push((start, end));
    }

    let months = (period_end.year() - period_start.year()) * 12 + period_end.month() as i32
        - period_start.month() as i32
        + 1;
    let halves = (months.max(1) as u32).div_ceil(6);
    for h in 0..halves {
        let from = period_start + Months::new(6 * h);
        let to = (period_start + Months::new(6 * (h + 1)))
            .pred_opt()
            .unwrap_or(period_end)
            .min(period_end);
        if !spans.iter().any(|(s, e)| *s <= to && *e >= from) {
            push(
                out,
                RuleId::MilestonesHalfYear,
                Severity::Warning,
                Place::table(ctx.template, &def.key, None, None),
                format!(
                    "试点期第 {} 个半年（{}至{}）没有安排阶段性成果",
                    h + 1,
                    ymd(from),
                    ymd(to)
                ),
                "每个半年至少安排一个阶段和可验收的成果",
            );
        }
    }
}
