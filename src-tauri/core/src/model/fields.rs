//! Front-matter fields by path (`applicant.credit_code`, `finances.0.revenue`), so that templates,
//! the editor and the CLI can read and write any field as text without knowing the struct.

use super::front_matter::{Authority, YearFigures};
use super::{Block, Dossier};
use crate::{CoreError, Result};
use chrono::NaiveDate;

/// Every field path a template may declare.
pub const FIELD_PATHS: &[&str] = &[
    "title",
    "application_date",
    "pilot_type",
    "applicant.name",
    "applicant.credit_code",
    "applicant.address",
    "applicant.legal_representative",
    "applicant.nature",
    "applicant.nature_note",
    "contact.name",
    "contact.title",
    "contact.mobile",
    "contact.fax",
    "contact.email",
    "recommending_unit",
    "period.start",
    "period.end",
    "funding.planned",
    "funding.invested",
    "finances.0.assets",
    "finances.0.debt_ratio",
    "finances.0.revenue",
    "finances.0.profit_margin",
    "finances.1.assets",
    "finances.1.debt_ratio",
    "finances.1.revenue",
    "finances.1.profit_margin",
    "finances.2.assets",
    "finances.2.debt_ratio",
    "finances.2.revenue",
    "finances.2.profit_margin",
    "incident.answer",
    "incident.name",
    "direction.industry_domain",
    "commitment.signed_on",
    "recommendation.review",
    "recommendation.opinion",
    "recommendation.order",
    "recommendation.signed_on",
    "city_government.name",
    "city_government.opinion",
    "city_government.contact",
    "city_government.signed_on",
    "industry_authority.name",
    "industry_authority.opinion",
    "industry_authority.contact",
    "industry_authority.signed_on",
];

fn date_text(d: &Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn parse_date(path: &str, value: &str) -> Result<Option<NaiveDate>> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            CoreError::input(
                path,
                format!("“{value}”不是有效日期，应写成 2025-04-08 的形式"),
            )
        })
}

/// A month as the form's `年 月`: kept as `YYYY-MM`.
fn parse_month(path: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(String::new());
    }
    month_of(v)
        .map(|(y, m)| format!("{y:04}-{m:02}"))
        .ok_or_else(|| {
            CoreError::input(
                path,
                format!("“{value}”不是有效的年月，应写成 2025-09 的形式"),
            )
        })
}

/// Reads a month written `2025-09`, `2025-9`, `2025/09`, `2025.9` or `2025年9月`.
pub fn month_of(text: &str) -> Option<(i32, u32)> {
    let t = text.trim().trim_end_matches('月');
    let (y, m) = t.split_once(['-', '/', '.', '年'])?;
    let (y, m): (i32, u32) = (y.trim().parse().ok()?, m.trim().parse().ok()?);
    ((1900..=2100).contains(&y) && (1..=12).contains(&m)).then_some((y, m))
}

fn year_field<'a>(figures: &'a [YearFigures; 3], path: &str) -> Option<&'a String> {
    let mut parts = path.strip_prefix("finances.")?.split('.');
    let year = figures.get(parts.next()?.parse::<usize>().ok()?)?;
    Some(match parts.next()? {
        "assets" => &year.assets,
        "debt_ratio" => &year.debt_ratio,
        "revenue" => &year.revenue,
        "profit_margin" => &year.profit_margin,
        _ => return None,
    })
}

fn year_field_mut<'a>(figures: &'a mut [YearFigures; 3], path: &str) -> Option<&'a mut String> {
    let mut parts = path.strip_prefix("finances.")?.split('.');
    let year = figures.get_mut(parts.next()?.parse::<usize>().ok()?)?;
    Some(match parts.next()? {
        "assets" => &mut year.assets,
        "debt_ratio" => &mut year.debt_ratio,
        "revenue" => &mut year.revenue,
        "profit_margin" => &mut year.profit_margin,
        _ => return None,
    })
}

fn authority_field(a: &Authority, name: &str) -> Option<String> {
    Some(match name {
        "name" => a.name.clone(),
        "opinion" => a.opinion.clone(),
        "contact" => a.contact.clone(),
        "signed_on" => date_text(&a.signed_on),
        _ => return None,
    })
}

fn set_authority_field(a: &mut Authority, path: &str, name: &str, value: &str) -> Result<bool> {
    match name {
        "name" => a.name = value.to_string(),
        "opinion" => a.opinion = value.to_string(),
        "contact" => a.contact = value.to_string(),
        "signed_on" => a.signed_on = parse_date(path, value)?,
        _ => return Ok(false),
    }
    Ok(true)
}

impl Dossier {
    /// The field's value as text (dates as `YYYY-MM-DD`, months as `YYYY-MM`).
    pub fn field(&self, path: &str) -> Option<String> {
        let fm = &self.front_matter;
        if let Some(v) = year_field(&fm.finances, path) {
            return Some(v.clone());
        }
        if let Some(name) = path.strip_prefix("city_government.") {
            return authority_field(&fm.city_government, name);
        }
        if let Some(name) = path.strip_prefix("industry_authority.") {
            return authority_field(&fm.industry_authority, name);
        }
        Some(match path {
            "title" => self.title.clone(),
            "application_date" => date_text(&self.application_date),
            "pilot_type" => self.pilot_type.key().to_string(),
            "applicant.name" => fm.applicant.name.clone(),
            "applicant.credit_code" => fm.applicant.credit_code.clone(),
            "applicant.address" => fm.applicant.address.clone(),
            "applicant.legal_representative" => fm.applicant.legal_representative.clone(),
            "applicant.nature" => fm.applicant.nature.clone(),
            "applicant.nature_note" => fm.applicant.nature_note.clone(),
            "contact.name" => fm.contact.name.clone(),
            "contact.title" => fm.contact.title.clone(),
            "contact.mobile" => fm.contact.mobile.clone(),
            "contact.fax" => fm.contact.fax.clone(),
            "contact.email" => fm.contact.email.clone(),
            "recommending_unit" => fm.recommending_unit.clone(),
            "period.start" => fm.period.start.clone(),
            "period.end" => fm.period.end.clone(),
            "funding.planned" => fm.funding.planned.clone(),
            "funding.invested" => fm.funding.invested.clone(),
            "incident.answer" => fm.incident.answer.clone(),
            "incident.name" => fm.incident.name.clone(),
            "direction.industry_domain" => fm.direction.industry_domain.clone(),
            "commitment.signed_on" => date_text(&fm.commitment.signed_on),
            "recommendation.review" => fm.recommendation.review.clone(),
            "recommendation.opinion" => fm.recommendation.opinion.clone(),
            "recommendation.order" => fm
                .recommendation
                .order
                .map(|o| o.to_string())
                .unwrap_or_default(),
            "recommendation.signed_on" => date_text(&fm.recommendation.signed_on),
            _ => return None,
        })
    }

    /// Sets a field from text, checking its shape (dates, months, numbers, control characters).
    /// The pilot type is fixed at creation and cannot be set here.
    pub fn set_field(&mut self, path: &str, value: &str) -> Result<()> {
        crate::text::check(path, value)?;
        let fm = &mut self.front_matter;
        let text = value.to_string();
        if let Some(slot) = year_field_mut(&mut fm.finances, path) {
            *slot = text.trim().to_string();
            return Ok(());
        }
        if let Some(name) = path.strip_prefix("city_government.")
            && set_authority_field(&mut fm.city_government, path, name, value)?
        {
            return Ok(());
        }
        if let Some(name) = path.strip_prefix("industry_authority.")
            && set_authority_field(&mut fm.industry_authority, path, name, value)?
        {
            return Ok(());
        }
        match path {
            "title" if text.trim().is_empty() => {
                return Err(CoreError::input(path, "标题不能为空"));
            }
            "title" => self.title = text,
            "application_date" => self.application_date = parse_date(path, value)?,
            "applicant.name" => fm.applicant.name = text,
            "applicant.credit_code" => fm.applicant.credit_code = text.trim().to_uppercase(),
            "applicant.address" => fm.applicant.address = text,
            "applicant.legal_representative" => fm.applicant.legal_representative = text,
            "applicant.nature" => fm.applicant.nature = text.trim().to_string(),
            "applicant.nature_note" => fm.applicant.nature_note = text,
            "contact.name" => fm.contact.name = text,
            "contact.title" => fm.contact.title = text,
            "contact.mobile" => fm.contact.mobile = text.trim().to_string(),
            "contact.fax" => fm.contact.fax = text.trim().to_string(),
            "contact.email" => fm.contact.email = text.trim().to_string(),
            "recommending_unit" => fm.recommending_unit = text,
            "period.start" => fm.period.start = parse_month(path, value)?,
            "period.end" => fm.period.end = parse_month(path, value)?,
            "funding.planned" => fm.funding.planned = text.trim().to_string(),
            "funding.invested" => fm.funding.invested = text.trim().to_string(),
            "incident.answer" => fm.incident.answer = text.trim().to_string(),
            "incident.name" => fm.incident.name = text,
            "direction.industry_domain" => fm.direction.industry_domain = text,
            "commitment.signed_on" => fm.commitment.signed_on = parse_date(path, value)?,
            "recommendation.review" => fm.recommendation.review = text,
            "recommendation.opinion" => fm.recommendation.opinion = text,
            "recommendation.order" => {
                fm.recommendation.order = match value.trim() {
                    "" => None,
                    v => Some(v.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                        CoreError::input(path, format!("推荐意向序号“{v}”应为正整数"))
                    })?),
                }
            }
            "recommendation.signed_on" => fm.recommendation.signed_on = parse_date(path, value)?,
            "pilot_type" => {
                return Err(CoreError::input(
                    path,
                    "试点类型在创建时确定，不能修改；如需更换，请新建对应类型的申报书",
                ));
            }
            other => {
                return Err(CoreError::input(other, "没有这个字段"));
            }
        }
        Ok(())
    }
}

/// Characters XML 1.0 cannot hold never reach a file: every string of a dossier checked,
/// the first bad one named by its path.
pub fn check_text(d: &Dossier) -> Result<()> {
    for path in FIELD_PATHS {
        if let Some(text) = d.field(path) {
            crate::text::check(&format!("front_matter.{path}"), &text)?;
        }
    }
    for (i, u) in d.unplaced.iter().enumerate() {
        crate::text::check(&format!("unplaced[{i}].source"), &u.source)?;
        check_blocks(&format!("unplaced[{i}]"), &u.blocks)?;
    }
    for (si, section) in d.sections.iter().enumerate() {
        check_blocks(
            &format!("sections[{si}]（{}）", section.key),
            &section.blocks,
        )?;
    }
    for (key, rows) in &d.tables {
        for (ri, row) in rows.iter().enumerate() {
            for (col, cell) in row {
                crate::text::check(&format!("tables.{key}[{ri}].{col}"), cell)?;
            }
        }
    }
    for (i, a) in d.attachments.iter().enumerate() {
        crate::text::check(&format!("attachments[{i}].title"), &a.title)?;
    }
    for (i, a) in d.acknowledgements.iter().enumerate() {
        crate::text::check(&format!("acknowledgements[{i}].rule"), &a.rule)?;
        crate::text::check(&format!("acknowledgements[{i}].anchor"), &a.anchor)?;
        crate::text::check(&format!("acknowledgements[{i}].reason"), &a.reason)?;
    }
    if let Some(a) = &d.assignment {
        crate::text::check("assignment.writer", &a.writer)?;
        for (i, part) in a.parts.iter().enumerate() {
            crate::text::check(&format!("assignment.parts[{i}]"), part)?;
        }
    }
    for (i, m) in d.media.iter().enumerate() {
        crate::text::check(&format!("media[{i}].file_name"), &m.file_name)?;
    }
    Ok(())
}

/// Checks the blocks of one section; `place` prefixes the block path.
pub fn check_blocks(place: &str, blocks: &[Block]) -> Result<()> {
    for (bi, block) in blocks.iter().enumerate() {
        for text in block.texts() {
            crate::text::check(&format!("{place}.blocks[{bi}]"), text)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PilotType, TemplateRef};

    fn empty() -> Dossier {
        Dossier {
            template: TemplateRef {
                id: "t".into(),
                version: "1".into(),
            },
            pilot_type: PilotType::City,
            title: String::new(),
            application_date: None,
            front_matter: Default::default(),
            sections: vec![],
            tables: Default::default(),
            attachments: vec![],
            media: vec![],
            acknowledgements: vec![],
            unplaced: vec![],
            assignment: None,
        }
    }

    #[test]
    fn every_path_reads_and_writes() {
        let mut d = empty();
        for path in FIELD_PATHS {
            assert!(d.field(path).is_some(), "{path} not readable");
            let value = match *path {
                p if p.ends_with("_on") || p.ends_with("_date") => "2025-05-06",
                "period.start" | "period.end" => "2025-09",
                "recommendation.order" => "2",
                "pilot_type" => continue,
                _ => "值",
            };
            d.set_field(path, value).unwrap();
            assert_eq!(d.field(path).unwrap(), value, "{path}");
        }
        assert!(d.set_field("application_date", "2025/5/6").is_err());
        assert!(d.set_field("period.start", "2025年13月").is_err());
        d.set_field("period.end", "2027年8月").unwrap();
        assert_eq!(d.field("period.end").unwrap(), "2027-08");
        assert!(d.set_field("nope", "x").is_err());
        assert!(d.set_field("finances.3.assets", "1").is_err());
    }
}
