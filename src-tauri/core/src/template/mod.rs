//! Templates as data: one file per pilot type and call year under `templates/`, plus one file of
//! the call's settings. Code never names a section: it reads the template. The defaults are
//! embedded in the binary and validated at start; newer versions can be loaded from a file.

mod elements;
mod parse;
mod settings;
pub mod share;
mod vocabulary;

pub use elements::{Condition, ConditionKind, parse_elements};
pub use parse::{parse_settings, parse_template};
pub use settings::{CallSettings, Mailing, Quotas};
pub use vocabulary::{Concept, ConceptGroup, Secrecy, Vocabulary, parse_vocabulary};

use crate::model::{AttachmentKind, PilotType, TemplateRef};
use crate::{CoreError, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The default call settings and templates, as shipped.
pub const EMBEDDED_SETTINGS: (&str, &str) = (
    "templates/2025/call.toml",
    include_str!("../../../../templates/2025/call.toml"),
);
pub const EMBEDDED_ELEMENTS: (&str, &str) = (
    "templates/2025/elements.toml",
    include_str!("../../../../templates/2025/elements.toml"),
);
pub const EMBEDDED_VOCABULARY: (&str, &str) = (
    "templates/2025/vocabulary.toml",
    include_str!("../../../../templates/2025/vocabulary.toml"),
);
/// The current templates (2025.2, on the official form 附件3), then the earlier ones (2025.1,
/// our own design made before the form was known), kept so their dossiers open and migrate.
pub const EMBEDDED_TEMPLATES: [(&str, &str); 6] = [
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
    (
        "templates/2025/earlier/enterprise-2025.1.toml",
        include_str!("../../../../templates/2025/earlier/enterprise-2025.1.toml"),
    ),
    (
        "templates/2025/earlier/industry-2025.1.toml",
        include_str!("../../../../templates/2025/earlier/industry-2025.1.toml"),
    ),
    (
        "templates/2025/earlier/city-2025.1.toml",
        include_str!("../../../../templates/2025/earlier/city-2025.1.toml"),
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
    /// A month, `YYYY-MM` (the form's `年 月`).
    Month,
    /// Indicator figures, one per line: `名称：数值单位` (the 响应表's 指标（目标）值).
    Figures,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    Required,
    Recommended,
    Optional,
}

/// Writes a role enum: its variants with their keys as templates write them (`role = "..."`).
macro_rules! roles {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $key:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
        pub enum $name {
            $(#[serde(rename = $key)] $variant,)*
        }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant,)*];

            /// The key templates write.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)*
                }
            }
        }
    };
}

roles! {
    /// What a section is for, so logic finds it without naming its key (an unknown role in a
    /// template file is refused with the ones there are).
    SectionRole {
        Applicant = "applicant",
        Overview = "overview",
        Participants = "participants",
        Goals = "goals",
        Scenarios = "scenarios",
        Tasks = "tasks",
        DataSharing = "data_sharing",
        Ecosystem = "ecosystem",
        Technical = "technical",
        Operating = "operating",
        Interconnection = "interconnection",
        Milestones = "milestones",
        Outcomes = "outcomes",
        Safeguards = "safeguards",
    }
}

roles! {
    /// What a structured table is for, so logic finds it without naming its key.
    TableRole {
        Finance = "finance",
        Team = "team",
        DataResources = "data_resources",
        Indicators = "indicators",
        Scenarios = "scenarios",
        Partners = "partners",
        Milestones = "milestones",
        Response = "response",
        Investment = "investment",
    }
}

/// What a part of the form (一 to 十) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// 一、项目基本信息: the grid of fields.
    Grid,
    /// Body sections (their `part` names this part).
    Sections,
    /// 六、申报单位承诺书: the form's fixed text.
    Commitment,
    /// Fields of an opinion (七、八、九): those whose `part` names this part.
    Opinion,
    /// 十、试点相关证明材料: attachments in the form's groups.
    Evidence,
}

/// A part of the 申报基本情况表, as the form heads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct PartDef {
    pub key: String,
    /// The form's heading, verbatim (`五、试点方案（不超过1.5万字）`).
    pub heading: String,
    pub kind: PartKind,
    /// A limit over all the part's sections together (五: 15 000).
    #[serde(default)]
    pub max_chars: Option<usize>,
    /// The form's own lines under the heading (说明：…), verbatim.
    #[serde(default)]
    pub note: Vec<String>,
    /// The seal and date lines the form prints at the part's foot, verbatim.
    #[serde(default)]
    pub seal_lines: Vec<String>,
    /// The form writes the part's sections one after another in one cell, each starting with its
    /// own heading (五); otherwise each section heading has its own row (二).
    #[serde(default)]
    pub shared_cell: bool,
    #[serde(default)]
    pub guidance: String,
}

/// One cover line: its label, the field it shows, and the form's note after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CoverLine {
    /// `申报单位：`
    pub label: String,
    #[serde(default)]
    pub field: Option<String>,
    /// `（加盖单位公章）`
    #[serde(default)]
    pub note: String,
}

/// The cover, per type, as the form draws it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CoverDef {
    /// The title on two lines: `2025年城市可信数据空间创新发展试点项目` / `申报书`.
    pub title: Vec<String>,
    pub lines: Vec<CoverLine>,
    /// The label of the date line, `申报日期：` (the date is `application_date`).
    pub date_label: String,
    /// At the foot, centred: `国家数据局编制` / `2025年4月`.
    pub footer: Vec<String>,
}

/// 申报须知: its title and numbered notes, verbatim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct NoticeDef {
    pub title: String,
    pub items: Vec<String>,
}

/// One cell of the grid: a label (the form's text), a field, or fixed text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct GridCell {
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub field: Option<String>,
    /// Fixed text, alone in its cell (试点方向 of an enterprise or city pilot).
    #[serde(default)]
    pub text: Option<String>,
    /// Text printed before the field (`至` before the end month).
    #[serde(default)]
    pub before: Option<String>,
    /// Text printed after the field.
    #[serde(default)]
    pub after: Option<String>,
    /// Columns of the form's nine-column grid this cell spans.
    #[serde(default = "one")]
    pub span: u8,
    /// Rows it spans (the 联系人 and 近三年发展情况 labels).
    #[serde(default = "one")]
    pub rows: u8,
}

fn one() -> u8 {
    1
}

/// The grid of 一、项目基本信息, row by row, as the form lays it out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct GridDef {
    /// `申报基本情况表`
    pub title: String,
    /// Columns of the grid (nine in the form).
    pub columns: u8,
    /// The columns' widths in the form, in twentieths of a point (its `tblGrid`).
    #[serde(default)]
    pub widths: Vec<u32>,
    pub rows: Vec<Vec<GridCell>>,
}

/// One group of 十、试点相关证明材料.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct EvidenceGroup {
    /// `（一）申报单位基本材料`
    pub heading: String,
    /// The form's lines under it, verbatim.
    pub lines: Vec<String>,
    /// The attachment kinds filed under it.
    pub kinds: Vec<AttachmentKind>,
}

/// 十、试点相关证明材料: the groups and the form's note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct EvidenceDef {
    pub groups: Vec<EvidenceGroup>,
    pub note: String,
}

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
    /// Values offered while typing; any text is accepted (附件1's directions).
    #[serde(default)]
    pub suggestions: Vec<String>,
    /// Where it is edited: `cover`, `grid`, or the key of an opinion or commitment part.
    #[serde(default = "default_part")]
    pub part: String,
}

fn default_part() -> String {
    "cover".into()
}

/// The commitment: the form's fixed text, printed as it is (never edited).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CommitmentDef {
    pub title: String,
    /// The fixed paragraphs, verbatim.
    pub text: Vec<String>,
    /// `承诺单位：（盖申报单位公章）`, `承诺时间：  年   月  日`.
    #[serde(default)]
    pub seal_lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    pub key: String,
    /// A short name (tree, messages).
    pub title: String,
    /// The form's heading, verbatim (`（一）试点申报单位基本情况（不超过1000字）`); none when
    /// the part's heading is the section's.
    #[serde(default)]
    pub heading: Option<String>,
    /// The part of the form it belongs to (a [`PartDef`] key).
    #[serde(default)]
    pub part: Option<String>,
    /// The form's own instruction for it, verbatim (a filled form replaces it).
    #[serde(default)]
    pub instruction: Vec<String>,
    /// Whether the part has running text (二（二） is its table alone).
    #[serde(default = "yes")]
    pub body: bool,
    /// Roles of earlier templates' sections whose content a migration appends here.
    #[serde(default)]
    pub absorbs: Vec<SectionRole>,
    #[serde(default)]
    pub role: Option<SectionRole>,
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
    pub role: Option<TableRole>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub min_rows: usize,
    #[serde(default)]
    pub guidance: String,
    pub columns: Vec<ColumnDef>,
    /// Rows the form fixes (the 响应表's five 试点目标): the user fills the other columns and
    /// cannot add or remove rows.
    #[serde(default)]
    pub fixed_rows: Vec<BTreeMap<String, String>>,
    /// A label merged down the side of the fixed rows (the 响应表's `试点目标`).
    #[serde(default)]
    pub row_group: Option<String>,
    /// The label of a computed row total (`合计`) over the money columns, if any.
    #[serde(default)]
    pub total_column: Option<String>,
    /// The label of a computed totals row (`合计`) under the rows, if any.
    #[serde(default)]
    pub total_row: Option<String>,
    /// The grid columns each column spans when the form draws the table as rows of the
    /// 申报基本情况表 itself (参与主体: 2, 4, 3); empty: a table of its own.
    #[serde(default)]
    pub spans: Vec<u8>,
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
    /// Values offered while typing; any text is accepted.
    #[serde(default)]
    pub suggestions: Vec<String>,
    /// What the form says goes in the column (its placeholder row), verbatim.
    #[serde(default)]
    pub hint: String,
    /// Filled by the template (a fixed row's label): not editable.
    #[serde(default)]
    pub fixed: bool,
}

fn yes() -> bool {
    true
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
    /// The form's cover; templates before the form have none.
    #[serde(default)]
    pub cover: Option<CoverDef>,
    /// 申报须知
    #[serde(default)]
    pub notice: Option<NoticeDef>,
    /// 一、项目基本信息
    #[serde(default)]
    pub grid: Option<GridDef>,
    /// The parts 一 to 十, in the form's order.
    #[serde(default)]
    pub parts: Vec<PartDef>,
    #[serde(default)]
    pub fields: Vec<FieldDef>,
    pub commitment: CommitmentDef,
    pub sections: Vec<SectionDef>,
    #[serde(default)]
    pub attachments: Vec<AttachmentDef>,
    #[serde(default)]
    pub evidence: Option<EvidenceDef>,
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

    pub fn part(&self, key: &str) -> Option<&PartDef> {
        self.parts.iter().find(|p| p.key == key)
    }

    /// The sections of a part, in order.
    pub fn part_sections<'a>(&'a self, part: &'a str) -> impl Iterator<Item = &'a SectionDef> {
        self.sections
            .iter()
            .filter(move |s| s.part.as_deref() == Some(part))
    }

    pub fn field_def(&self, path: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.path == path)
    }

    /// A section's name as a person refers to it: `二（一）试点申报单位基本情况` on the form,
    /// `三、建设目标` on an earlier template.
    pub fn section_label(&self, key: &str) -> String {
        let Some(i) = self.sections.iter().position(|s| s.key == key) else {
            return key.to_string();
        };
        let s = &self.sections[i];
        let Some(part) = s.part.as_deref().and_then(|p| self.part(p)) else {
            return format!("{}{}", crate::numbering::section_number(i + 1), s.title);
        };
        let part_no = part.heading.split('、').next().unwrap_or_default();
        match s.heading.as_deref() {
            Some(h) if h.starts_with('（') => {
                let end = h.find('）').map_or(0, |e| e + '）'.len_utf8());
                format!("{part_no}{}{}", &h[..end], s.title)
            }
            _ => format!("{part_no}、{}", s.title),
        }
    }

    /// The headings printed before a section: its part's (when it opens the part) and its own.
    /// Earlier templates number their sections 一、二、… instead.
    pub fn printed_headings(&self, key: &str) -> (Option<String>, Option<String>) {
        let Some(s) = self.section(key) else {
            return (None, None);
        };
        let Some(part) = s.part.as_deref().and_then(|p| self.part(p)) else {
            return (Some(self.section_label(key)), None);
        };
        let first = self.part_sections(&part.key).next().map(|f| f.key.as_str()) == Some(key);
        (first.then(|| part.heading.clone()), s.heading.clone())
    }

    /// Whether this template follows the official form (has its parts), rather than our earlier
    /// design.
    pub fn is_form(&self) -> bool {
        !self.parts.is_empty()
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

    pub fn table_by_role(&self, role: TableRole) -> Option<&TableDef> {
        self.tables().map(|(_, t)| t).find(|t| t.role == Some(role))
    }
}

/// The templates and settings the program knows: the embedded defaults plus loaded ones.
#[derive(Debug, Clone)]
pub struct Registry {
    pub settings: CallSettings,
    pub vocabulary: Vocabulary,
    /// 附件2's element conditions, every pilot type.
    pub elements: Vec<Condition>,
    templates: Vec<Template>,
}

impl Registry {
    /// The embedded defaults, validated. A broken embedded file is a build fault and is caught by
    /// the test suite; at run time it still surfaces as an error naming the file and line.
    pub fn embedded() -> Result<Self> {
        let settings = parse_settings(EMBEDDED_SETTINGS.0, EMBEDDED_SETTINGS.1)?;
        let vocabulary = parse_vocabulary(EMBEDDED_VOCABULARY.0, EMBEDDED_VOCABULARY.1)?;
        let elements = parse_elements(EMBEDDED_ELEMENTS.0, EMBEDDED_ELEMENTS.1)?;
        let mut templates = Vec::new();
        for (file, text) in EMBEDDED_TEMPLATES {
            templates.push(parse_template(file, text)?);
        }
        Ok(Registry {
            settings,
            vocabulary,
            elements,
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
            assert_eq!(template.template.version, "2025.2");
            assert!(template.is_form());
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
