//! Where a finding points: its [`Anchor`] (what acknowledgements are keyed by), where the
//! workspace shows it ([`Destination`]), the structured parts, and a Chinese label a person reads.

use crate::model::Anchor;
use crate::template::Template;
use serde::{Deserialize, Serialize};

/// Where the workspace shows a place: its page and what to focus there. The pages are the
/// workspace's own: `part:KEY` (the cover, the grid, the commitment, an opinion), `section:KEY`
/// and `attachments`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Destination {
    pub page: String,
    #[serde(default)]
    pub focus: Option<Focus>,
}

/// What to focus on a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Focus {
    Field {
        path: String,
    },
    /// A block of the page's section, 0-based.
    Block {
        index: usize,
    },
    Table {
        key: String,
    },
    /// A row (0-based) of a table, or one cell of it.
    Cell {
        table: String,
        row: usize,
        column: Option<String>,
    },
    Attachment {
        kind: String,
    },
}

/// The workspace's page of attachments (the other pages are a part's or a section's anchor).
const ATTACHMENTS_PAGE: &str = "attachments";

impl Destination {
    fn page(page: impl ToString, focus: Option<Focus>) -> Destination {
        Destination {
            page: page.to_string(),
            focus,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Place {
    /// e.g. `field:applicant.credit_code`, `section:goals/block:3`,
    /// `table:indicators/row:2/col:unit`, `attachment:city_consent`, `commitment`.
    #[ts(type = "string")]
    pub anchor: Anchor,
    /// Where the workspace shows it.
    #[serde(default)]
    pub destination: Destination,
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
            anchor: Anchor::Dossier,
            label: "整份申报书".into(),
            destination: Destination::page(Anchor::part("cover"), None),
            ..Default::default()
        }
    }

    /// A front-matter field by path, labelled with the template's wording.
    pub fn field(template: &Template, path: &str) -> Place {
        let def = template.fields.iter().find(|f| f.path == path);
        let page = Anchor::part(def.map_or("cover", |f| f.part.as_str()));
        let part = match def.map(|f| f.part.as_str()) {
            Some("commitment") => "承诺书",
            Some("recommendation") => "推荐单位意见",
            _ => "封面",
        };
        let label = def.map_or(path, |f| f.label.as_str());
        Place {
            anchor: Anchor::field(path),
            destination: Destination::page(
                page,
                Some(Focus::Field {
                    path: path.to_string(),
                }),
            ),
            label: format!("{part} › {label}"),
            field: Some(path.to_string()),
            ..Default::default()
        }
    }

    pub fn section(template: &Template, key: &str) -> Place {
        Place {
            anchor: Anchor::section(key),
            destination: Destination::page(Anchor::section(key), None),
            label: section_label(template, key),
            section: Some(key.to_string()),
            ..Default::default()
        }
    }

    pub fn block(template: &Template, key: &str, block: usize) -> Place {
        Place {
            anchor: Anchor::Block(key.to_string(), block),
            destination: Destination::page(
                Anchor::section(key),
                Some(Focus::Block { index: block }),
            ),
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
        if let Some(r) = row {
            label.push_str(&format!(" 第 {} 行", r + 1));
        }
        if let Some(c) = column {
            let col_label = def
                .and_then(|t| t.columns.iter().find(|x| x.key == c))
                .map_or(c, |x| x.label.as_str());
            label.push_str(&format!("“{col_label}”"));
        }
        let focus = match row {
            Some(row) => Focus::Cell {
                table: key.to_string(),
                row,
                column: column.map(str::to_string),
            },
            None => Focus::Table {
                key: key.to_string(),
            },
        };
        let page = section
            .as_ref()
            .map_or(Anchor::part("cover"), Anchor::section);
        Place {
            anchor: Anchor::Table {
                key: key.to_string(),
                row,
                column: column.map(str::to_string),
            },
            destination: Destination::page(page, Some(focus)),
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
            anchor: Anchor::Attachment(kind_key.to_string()),
            destination: Destination::page(
                ATTACHMENTS_PAGE,
                Some(Focus::Attachment {
                    kind: kind_key.to_string(),
                }),
            ),
            label: format!("附件 › {label}"),
            ..Default::default()
        }
    }

    pub fn commitment() -> Place {
        Place {
            anchor: Anchor::Commitment,
            destination: Destination::page(Anchor::part("commitment"), None),
            label: "六、申报单位承诺书".into(),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PilotType;
    use crate::template::Registry;

    #[test]
    fn each_kind_of_place_leads_to_its_page_and_element() {
        let registry = Registry::embedded().unwrap();
        let t = registry.latest_for(PilotType::City).unwrap();
        let dest = |p: Place| (p.destination.page, p.destination.focus);
        let field = |path: &str| Focus::Field { path: path.into() };
        let cover = t.fields.iter().find(|f| f.part == "cover").unwrap();
        assert_eq!(
            dest(Place::field(t, &cover.path)),
            ("part:cover".into(), Some(field(&cover.path)))
        );
        // A path no template field has stays on the cover.
        assert_eq!(dest(Place::field(t, "no.such")).0, "part:cover");
        // A field of the 申报基本情况表 opens the grid; an opinion's its part.
        let grid = t.fields.iter().find(|f| f.part == "grid").unwrap();
        assert_eq!(
            dest(Place::field(t, &grid.path)),
            ("part:grid".into(), Some(field(&grid.path)))
        );
        let opinion = t
            .fields
            .iter()
            .find(|f| f.path.starts_with("recommendation."))
            .unwrap();
        assert_eq!(
            dest(Place::field(t, &opinion.path)).0,
            format!("part:{}", opinion.part)
        );
        assert_eq!(
            dest(Place::block(t, "goals", 3)),
            ("section:goals".into(), Some(Focus::Block { index: 3 }))
        );
        let (owner, table) = t.tables().next().unwrap();
        assert_eq!(
            dest(Place::table(t, &table.key, Some(2), Some("end"))),
            (
                format!("section:{}", owner.key),
                Some(Focus::Cell {
                    table: table.key.clone(),
                    row: 2,
                    column: Some("end".into())
                })
            )
        );
        assert_eq!(
            dest(Place::table(t, &table.key, None, None)).1,
            Some(Focus::Table {
                key: table.key.clone()
            })
        );
        assert_eq!(
            dest(Place::attachment("city_consent", "同意函")),
            (
                "attachments".into(),
                Some(Focus::Attachment {
                    kind: "city_consent".into()
                })
            )
        );
        assert_eq!(dest(Place::commitment()), ("part:commitment".into(), None));
        // The anchor and the page agree on the text forms.
        assert_eq!(
            Place::block(t, "goals", 3).anchor.to_string(),
            "section:goals/block:3"
        );
    }
}
