//! Where a finding points: a machine-readable anchor the app navigates to (and acknowledgements
//! are keyed by), the structured parts, and a Chinese label a person reads.

use crate::template::Template;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Place {
    /// e.g. `field:applicant.credit_code`, `section:goals/block:3`,
    /// `table:indicators/row:2/col:unit`, `attachment:city_consent`, `commitment/clause:1`.
    pub anchor: String,
    /// Where to read it, in Chinese: `三、建设目标 › 第 4 段`.
    pub label: String,
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub table: Option<String>,
    /// 0-based row of a structured table.
    #[serde(default)]
    pub row: Option<usize>,
    #[serde(default)]
    pub column: Option<String>,
    /// 0-based block of a section.
    #[serde(default)]
    pub block: Option<usize>,
}

fn section_label(template: &Template, key: &str) -> String {
    template.section_label(key)
}

impl Place {
    pub fn dossier() -> Place {
        Place {
            anchor: "dossier".into(),
            label: "整份申报书".into(),
            ..Default::default()
        }
    }

    /// A front-matter field by path, labelled with the template's wording.
    pub fn field(template: &Template, path: &str) -> Place {
        let def = template.fields.iter().find(|f| f.path == path);
        let part = match def.map(|f| f.part.as_str()) {
            Some("commitment") => "承诺书",
            Some("recommendation") => "推荐单位意见",
            _ => "封面",
        };
        let label = def.map_or(path, |f| f.label.as_str());
        Place {
            anchor: format!("field:{path}"),
            label: format!("{part} › {label}"),
            field: Some(path.to_string()),
            ..Default::default()
        }
    }

    pub fn section(template: &Template, key: &str) -> Place {
        Place {
            anchor: format!("section:{key}"),
            label: section_label(template, key),
            section: Some(key.to_string()),
            ..Default::default()
        }
    }

    pub fn block(template: &Template, key: &str, block: usize) -> Place {
        Place {
            anchor: format!("section:{key}/block:{block}"),
            label: format!("{} › 第 {} 段", section_label(template, key), block + 1),
            section: Some(key.to_string()),
            block: Some(block),
            ..Default::default()
        }
    }

    /// A structured table, a row of it, or one cell.
    pub fn table(
        template: &Template,
        key: &str,
        row: Option<usize>,
        column: Option<&str>,
    ) -> Place {
        let (section, def) = template
            .tables()
            .find(|(_, t)| t.key == key)
            .map(|(s, t)| (Some(s.key.clone()), Some(t)))
            .unwrap_or((None, None));
        let mut label = match &section {
            Some(s) => format!(
                "{} › {}",
                section_label(template, s),
                def.map_or(key, |t| &t.title)
            ),
            None => key.to_string(),
        };
        let mut anchor = format!("table:{key}");
        if let Some(r) = row {
            label.push_str(&format!(" 第 {} 行", r + 1));
            anchor.push_str(&format!("/row:{r}"));
        }
        if let Some(c) = column {
            let col_label = def
                .and_then(|t| t.columns.iter().find(|x| x.key == c))
                .map_or(c, |x| x.label.as_str());
            label.push_str(&format!("“{col_label}”"));
            anchor.push_str(&format!("/col:{c}"));
        }
        Place {
            anchor,
            label,
            section,
            table: Some(key.to_string()),
            row,
            column: column.map(str::to_string),
            ..Default::default()
        }
    }

    pub fn attachment(kind_key: &str, label: &str) -> Place {
        Place {
            anchor: format!("attachment:{kind_key}"),
            label: format!("附件 › {label}"),
            ..Default::default()
        }
    }

    pub fn commitment() -> Place {
        Place {
            anchor: "commitment".into(),
            label: "六、申报单位承诺书".into(),
            ..Default::default()
        }
    }
}
