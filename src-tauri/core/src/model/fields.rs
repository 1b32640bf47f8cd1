//! Front-matter fields by path (`applicant.credit_code`), so that templates, the editor and the
//! CLI can read and write any field as text without knowing the struct.

use super::Dossier;
use crate::{CoreError, Result};
use chrono::NaiveDate;

/// Every field path a template may declare.
pub const FIELD_PATHS: [&str; 24] = [
    "title",
    "application_date",
    "applicant.name",
    "applicant.credit_code",
    "applicant.registered_address",
    "applicant.founded_on",
    "applicant.registered_capital",
    "applicant.legal_representative",
    "contact.name",
    "contact.title",
    "contact.mobile",
    "contact.email",
    "recommending_unit",
    "declarations.independent_legal_person",
    "declarations.operator_of_space",
    "declarations.central_enterprise",
    "commitment.signed_on",
    "recommendation.review",
    "recommendation.opinion",
    "recommendation.order",
    "recommendation.signed_on",
    "recommendation.joint_recommender",
    "recommendation.city_consent_reference",
    "pilot_type",
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

fn parse_bool(path: &str, value: &str) -> Result<bool> {
    match value.trim() {
        "true" | "是" | "1" => Ok(true),
        "false" | "否" | "0" | "" => Ok(false),
        other => Err(CoreError::input(path, format!("“{other}”应为“是”或“否”"))),
    }
}

impl Dossier {
    /// The field's value as text (dates as `YYYY-MM-DD`, booleans as `true`/`false`).
    pub fn field(&self, path: &str) -> Option<String> {
        let fm = &self.front_matter;
        Some(match path {
            "title" => self.title.clone(),
            "application_date" => date_text(&self.application_date),
            "pilot_type" => self.pilot_type.key().to_string(),
            "applicant.name" => fm.applicant.name.clone(),
            "applicant.credit_code" => fm.applicant.credit_code.clone(),
            "applicant.registered_address" => fm.applicant.registered_address.clone(),
            "applicant.founded_on" => date_text(&fm.applicant.founded_on),
            "applicant.registered_capital" => fm.applicant.registered_capital.clone(),
            "applicant.legal_representative" => fm.applicant.legal_representative.clone(),
            "contact.name" => fm.contact.name.clone(),
            "contact.title" => fm.contact.title.clone(),
            "contact.mobile" => fm.contact.mobile.clone(),
            "contact.email" => fm.contact.email.clone(),
            "recommending_unit" => fm.recommending_unit.clone(),
            "declarations.independent_legal_person" => {
                fm.declarations.independent_legal_person.to_string()
            }
            "declarations.operator_of_space" => fm.declarations.operator_of_space.to_string(),
            "declarations.central_enterprise" => fm.declarations.central_enterprise.to_string(),
            "commitment.signed_on" => date_text(&fm.commitment.signed_on),
            "recommendation.review" => fm.recommendation.review.clone(),
            "recommendation.opinion" => fm.recommendation.opinion.clone(),
            "recommendation.order" => fm
                .recommendation
                .order
                .map(|o| o.to_string())
                .unwrap_or_default(),
            "recommendation.signed_on" => date_text(&fm.recommendation.signed_on),
            "recommendation.joint_recommender" => fm.recommendation.joint_recommender.clone(),
            "recommendation.city_consent_reference" => {
                fm.recommendation.city_consent_reference.clone()
            }
            _ => return None,
        })
    }

    /// Sets a field from text, checking its shape (dates, booleans, numbers, control characters).
    /// The pilot type is fixed at creation and cannot be set here.
    pub fn set_field(&mut self, path: &str, value: &str) -> Result<()> {
        crate::text::check(path, value)?;
        let fm = &mut self.front_matter;
        let text = value.to_string();
        match path {
            "title" => self.title = text,
            "application_date" => self.application_date = parse_date(path, value)?,
            "applicant.name" => fm.applicant.name = text,
            "applicant.credit_code" => fm.applicant.credit_code = text.trim().to_uppercase(),
            "applicant.registered_address" => fm.applicant.registered_address = text,
            "applicant.founded_on" => fm.applicant.founded_on = parse_date(path, value)?,
            "applicant.registered_capital" => fm.applicant.registered_capital = text,
            "applicant.legal_representative" => fm.applicant.legal_representative = text,
            "contact.name" => fm.contact.name = text,
            "contact.title" => fm.contact.title = text,
            "contact.mobile" => fm.contact.mobile = text.trim().to_string(),
            "contact.email" => fm.contact.email = text.trim().to_string(),
            "recommending_unit" => fm.recommending_unit = text,
            "declarations.independent_legal_person" => {
                fm.declarations.independent_legal_person = parse_bool(path, value)?
            }
            "declarations.operator_of_space" => {
                fm.declarations.operator_of_space = parse_bool(path, value)?
            }
            "declarations.central_enterprise" => {
                fm.declarations.central_enterprise = parse_bool(path, value)?
            }
            "commitment.signed_on" => fm.commitment.signed_on = parse_date(path, value)?,
            "recommendation.review" => fm.recommendation.review = text,
            "recommendation.opinion" => fm.recommendation.opinion = text,
            "recommendation.order" => {
                fm.recommendation.order = match value.trim() {
                    "" => None,
                    v => Some(v.parse().map_err(|_| {
                        CoreError::input(path, format!("推荐意向序号“{v}”应为正整数"))
                    })?),
                }
            }
            "recommendation.signed_on" => fm.recommendation.signed_on = parse_date(path, value)?,
            "recommendation.joint_recommender" => fm.recommendation.joint_recommender = text,
            "recommendation.city_consent_reference" => {
                fm.recommendation.city_consent_reference = text
            }
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
        }
    }

    #[test]
    fn every_path_reads_and_writes() {
        let mut d = empty();
        for path in FIELD_PATHS {
            assert!(d.field(path).is_some(), "{path} not readable");
            let value = match path {
                p if p.ends_with("_on") || p.ends_with("_date") => "2025-05-06",
                p if p.starts_with("declarations.") => "true",
                "recommendation.order" => "2",
                "pilot_type" => continue,
                _ => "值",
            };
            d.set_field(path, value).unwrap();
            assert_eq!(d.field(path).unwrap(), value, "{path}");
        }
        assert!(d.set_field("application_date", "2025/5/6").is_err());
        assert!(d.set_field("nope", "x").is_err());
    }
}
