//! Templates as data: one file per pilot type and call year under `templates/`, plus one file of
//! the call's settings. Code never names a section: it reads the template. The defaults are
//! embedded in the binary and validated at start; newer versions can be loaded from a file.

mod parse;
mod settings;
mod vocabulary;

pub use parse::{parse_settings, parse_template};
pub use settings::{CallSettings, Mailing, Quotas};
pub use vocabulary::{Concept, ConceptGroup, Secrecy, Statement, Vocabulary, parse_vocabulary};

use crate::model::{AttachmentKind, PilotType, TemplateRef};
use crate::{CoreError, Result};
use serde::{Deserialize, Serialize};

/// The default call settings and templates, as shipped.
pub const EMBEDDED_SETTINGS: (&str, &str) = (
    "templates/2025/call.toml",
    include_str!("../../../../templates/2025/call.toml"),
);
pub const EMBEDDED_VOCABULARY: (&str, &str) = (
    "templates/2025/vocabulary.toml",
    include_str!("../../../../templates/2025/vocabulary.toml"),
);
pub const EMBEDDED_TEMPLATES: [(&str, &str); 3] = [
    (
        "templates/2025/enterprise.toml",
        include_str!("../../../../templates/2025/enterprise.toml"),
    ),
    (
        "templates/2025/industry.toml",
        include_str!("../../../../templates/2025/industry.toml"),
    ),
    (
        "templates/2025/city.toml",
        include_str!("../../../../templates/2025/city.toml"),
    ),
];

/// The kinds of value a field or a table column holds; checks and the editor read them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Multiline,
    Date,
    Number,
    /// An amount of money in 万元.
    Money,
    Percent,
    CreditCode,
    Mobile,
    Email,
    Bool,
    /// One of the field's `options`.
    Choice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    Required,
    Recommended,
    Optional,
}

/// Roles let logic find a table or section without naming its key.
pub const SECTION_ROLES: [&str; 10] = [
    "applicant",
    "overview",
    "goals",
    "scenarios",
    "tasks",
    "technical",
    "operating",
    "milestones",
    "outcomes",
    "safeguards",
];
pub const TABLE_ROLES: [&str; 7] = [
    "finance",
    "team",
    "data_resources",
    "indicators",
    "scenarios",
    "partners",
    "milestones",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct TemplateMeta {
    pub id: String,
    pub version: String,
    pub pilot_type: PilotType,
    /// The id of the call settings this template belongs to.
    pub call: String,
    /// The document title printed on the cover, e.g. 企业可信数据空间创新发展试点项目申报书.
    pub title: String,
    #[serde(default)]
    pub description: String,
}

/// A front-matter field: where it lives in the model and how it is presented.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    /// Path in [`crate::model::FrontMatter`] (e.g. `applicant.credit_code`) or `title` /
    /// `application_date` on the dossier itself.
    pub path: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub guidance: String,
    /// The front-matter part it belongs to: cover, commitment or recommendation.
    #[serde(default = "default_part")]
    pub part: String,
}

fn default_part() -> String {
    "cover".into()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CommitmentDef {
    pub title: String,
    /// The default wording; `{applicant}` is replaced by the applicant's name.
    pub clauses: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub min_chars: Option<usize>,
    #[serde(default)]
    pub max_chars: Option<usize>,
    /// What to write, from the call's requirements.
    pub guidance: String,
    /// Suggested sub-headings (level 2) for a new section.
    #[serde(default)]
    pub outline: Vec<String>,
    #[serde(default)]
    pub tables: Vec<TableDef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct TableDef {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub min_rows: usize,
    #[serde(default)]
    pub guidance: String,
    pub columns: Vec<ColumnDef>,
}

impl TableDef {
    /// The keys of the date columns, in order (a milestone table's start and end).
    pub fn date_columns(&self) -> Vec<&str> {
        self.columns
            .iter()
            .filter(|c| c.kind == FieldKind::Date)
            .map(|c| c.key.as_str())
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ColumnDef {
    pub key: String,
    pub label: String,
    #[serde(rename = "type", default = "default_kind")]
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub options: Vec<String>,
    /// Consecutive columns with the same group share a merged header cell above theirs.
    #[serde(default)]
    pub group: Option<String>,
}

fn default_kind() -> FieldKind {
    FieldKind::Text
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AttachmentDef {
    pub kind: AttachmentKind,
    pub requirement: Requirement,
    pub guidance: String,
}

/// A validated template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub template: TemplateMeta,
    #[serde(default)]
    pub fields: Vec<FieldDef>,
    pub commitment: CommitmentDef,
    pub sections: Vec<SectionDef>,
    #[serde(default)]
    pub attachments: Vec<AttachmentDef>,
}

impl Template {
    pub fn reference(&self) -> TemplateRef {
        TemplateRef {
            id: self.template.id.clone(),
            version: self.template.version.clone(),
        }
    }

    pub fn section(&self, key: &str) -> Option<&SectionDef> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// Every table the template declares, with the section it belongs to.
    pub fn tables(&self) -> impl Iterator<Item = (&SectionDef, &TableDef)> {
        self.sections
            .iter()
            .flat_map(|s| s.tables.iter().map(move |t| (s, t)))
    }

    pub fn table(&self, key: &str) -> Option<&TableDef> {
        self.tables().map(|(_, t)| t).find(|t| t.key == key)
    }

    pub fn table_by_role(&self, role: &str) -> Option<&TableDef> {
        self.tables()
            .map(|(_, t)| t)
            .find(|t| t.role.as_deref() == Some(role))
    }
}

/// The templates and settings the program knows: the embedded defaults plus loaded ones.
#[derive(Debug, Clone)]
pub struct Registry {
    pub settings: CallSettings,
    pub vocabulary: Vocabulary,
    templates: Vec<Template>,
}

impl Registry {
    /// The embedded defaults, validated. A broken embedded file is a build fault and is caught by
    /// the test suite; at run time it still surfaces as an error naming the file and line.
    pub fn embedded() -> Result<Self> {
        let settings = parse_settings(EMBEDDED_SETTINGS.0, EMBEDDED_SETTINGS.1)?;
        let vocabulary = parse_vocabulary(EMBEDDED_VOCABULARY.0, EMBEDDED_VOCABULARY.1)?;
        let mut templates = Vec::new();
        for (file, text) in EMBEDDED_TEMPLATES {
            templates.push(parse_template(file, text)?);
        }
        Ok(Registry {
            settings,
            vocabulary,
            templates,
        })
    }

    pub fn templates(&self) -> &[Template] {
        &self.templates
    }

    /// Adds a template (from a file or the store). Replaces one with the same id and version.
    pub fn add(&mut self, template: Template) {
        self.templates
            .retain(|t| t.reference() != template.reference());
        self.templates.push(template);
    }

    pub fn get(&self, reference: &TemplateRef) -> Result<&Template> {
        self.templates
            .iter()
            .find(|t| &t.reference() == reference)
            .ok_or_else(|| CoreError::TemplateUnknown {
                id: reference.id.clone(),
                version: reference.version.clone(),
            })
    }

    /// The newest template for a pilot type (versions compare numerically part by part).
    pub fn latest_for(&self, pilot_type: PilotType) -> Result<&Template> {
        self.templates
            .iter()
            .filter(|t| t.template.pilot_type == pilot_type)
            .max_by(|a, b| compare_versions(&a.template.version, &b.template.version))
            .ok_or_else(|| CoreError::TemplateUnknown {
                id: format!("{}类型模板", pilot_type.label()),
                version: "任意".into(),
            })
    }
}

/// Compares `2025.1` < `2025.10` < `2026.1` numerically, part by part.
pub fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |v: &str| -> Vec<u64> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    parts(a).cmp(&parts(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_defaults_are_valid() {
        let registry = Registry::embedded().expect("embedded templates must be valid");
        for t in PilotType::ALL {
            let template = registry.latest_for(t).unwrap();
            assert_eq!(template.template.pilot_type, t);
            assert!(template.sections.len() >= 10);
            assert!(
                template
                    .sections
                    .iter()
                    .all(|s| !s.guidance.trim().is_empty())
            );
        }
    }

    #[test]
    fn versions_compare_numerically() {
        use std::cmp::Ordering::*;
        assert_eq!(compare_versions("2025.1", "2025.10"), Less);
        assert_eq!(compare_versions("2026.1", "2025.9"), Greater);
    }
}
