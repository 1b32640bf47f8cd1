//! Places in a dossier, typed: a front-matter field, a section or one of its blocks, a table, a
//! row or a cell of it, an attachment, the commitment. Findings point at an [`Anchor`],
//! acknowledgements and writers' shares are keyed by one, the exports' outline marks sections
//! with one. Its text form (`section:goals/block:3`, `table:indicators/row:2/col:unit`) is what
//! is stored and what crosses to the window and to scripts; it is written and read only here (in TypeScript a `string`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Anchor {
    /// The dossier as a whole.
    #[default]
    Dossier,
    /// One of the form's parts (一 to 十, the cover, 申报须知) by key.
    Part(String),
    /// A front-matter field by path (`applicant.credit_code`).
    Field(String),
    /// A section by key.
    Section(String),
    /// One block (0-based) of a section.
    Block(String, usize),
    /// A structured table, one of its rows (0-based), or one cell of a row.
    Table {
        key: String,
        row: Option<usize>,
        column: Option<String>,
    },
    /// The attachment of a kind (by the kind's key).
    Attachment(String),
    /// 申报单位承诺书.
    Commitment,
    /// Another dossier of the store, or a place in it (the summary table's findings).
    InDossier { id: i64, at: Option<Box<Anchor>> },
    /// A part of the summary table itself (`order`, `quota`, `type`).
    Summary(String),
}

impl Anchor {
    pub fn field(path: impl Into<String>) -> Anchor {
        Anchor::Field(path.into())
    }

    pub fn part(key: impl Into<String>) -> Anchor {
        Anchor::Part(key.into())
    }

    pub fn section(key: impl Into<String>) -> Anchor {
        Anchor::Section(key.into())
    }

    pub fn table(key: impl Into<String>) -> Anchor {
        Anchor::Table {
            key: key.into(),
            row: None,
            column: None,
        }
    }

    /// A place in another dossier of the store.
    pub fn in_dossier(id: i64, at: Option<Anchor>) -> Anchor {
        Anchor::InDossier {
            id,
            at: at.map(Box::new),
        }
    }

    /// Reads the text form; `None` when it is not one.
    pub fn parse(text: &str) -> Option<Anchor> {
        if let Some(rest) = text.strip_prefix("dossier:") {
            let (id, at) = match rest.split_once('/') {
                Some((id, at)) => (id, Some(Anchor::parse(at)?)),
                None => (rest, None),
            };
            return Some(Anchor::in_dossier(id.parse().ok()?, at));
        }
        let mut parts = text.split('/');
        let (kind, value) = match parts.next()?.split_once(':') {
            Some((k, v)) => (k, Some(v)),
            None => (text.split('/').next()?, None),
        };
        let rest: Vec<(&str, &str)> = parts
            .map(|p| p.split_once(':'))
            .collect::<Option<Vec<_>>>()?;
        let nonempty = |v: Option<&str>| v.filter(|v| !v.is_empty()).map(str::to_string);
        match (kind, rest.as_slice()) {
            ("dossier", []) if value.is_none() => Some(Anchor::Dossier),
            ("commitment", []) if value.is_none() => Some(Anchor::Commitment),
            ("part", []) => nonempty(value).map(Anchor::Part),
            ("field", []) => nonempty(value).map(Anchor::Field),
            ("attachment", []) => nonempty(value).map(Anchor::Attachment),
            ("summary", []) => nonempty(value).map(Anchor::Summary),
            ("section", []) => nonempty(value).map(Anchor::Section),
            ("section", [("block", n)]) => Some(Anchor::Block(nonempty(value)?, n.parse().ok()?)),
            ("table", rest) => {
                let key = nonempty(value)?;
                let (mut row, mut column) = (None, None);
                for (k, v) in rest {
                    match *k {
                        "row" if row.is_none() && column.is_none() => row = Some(v.parse().ok()?),
                        "col" if column.is_none() => column = nonempty(Some(v)),
                        _ => return None,
                    }
                }
                Some(Anchor::Table { key, row, column })
            }
            _ => None,
        }
    }
}

impl fmt::Display for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Anchor::Dossier => f.write_str("dossier"),
            Anchor::Part(key) => write!(f, "part:{key}"),
            Anchor::Field(path) => write!(f, "field:{path}"),
            Anchor::Section(key) => write!(f, "section:{key}"),
            Anchor::Block(key, block) => write!(f, "section:{key}/block:{block}"),
            Anchor::Table { key, row, column } => {
                write!(f, "table:{key}")?;
                if let Some(r) = row {
                    write!(f, "/row:{r}")?;
                }
                if let Some(c) = column {
                    write!(f, "/col:{c}")?;
                }
                Ok(())
            }
            Anchor::Attachment(kind) => write!(f, "attachment:{kind}"),
            Anchor::Commitment => f.write_str("commitment"),
            Anchor::InDossier { id, at: None } => write!(f, "dossier:{id}"),
            Anchor::InDossier { id, at: Some(at) } => write!(f, "dossier:{id}/{at}"),
            Anchor::Summary(part) => write!(f, "summary:{part}"),
        }
    }
}

impl Serialize for Anchor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Anchor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Anchor, D::Error> {
        let text = String::deserialize(d)?;
        Anchor::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("“{text}”不是申报书中的位置")))
    }
}

impl PartialEq<str> for Anchor {
    fn eq(&self, other: &str) -> bool {
        Anchor::parse(other).as_ref() == Some(self)
    }
}

impl PartialEq<String> for Anchor {
    fn eq(&self, other: &String) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<&str> for Anchor {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_reads_back_as_written() {
        for text in [
            "dossier",
            "commitment",
            "field:applicant.credit_code",
            "part:grid",
            "section:goals",
            "section:goals/block:3",
            "table:indicators",
            "table:indicators/row:2",
            "table:indicators/row:2/col:unit",
            "table:indicators/col:unit",
            "attachment:city_consent",
            "dossier:12",
            "dossier:12/field:recommendation.order",
            "dossier:3/table:participants/row:1/col:name",
            "summary:quota",
        ] {
            let a = Anchor::parse(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(a.to_string(), text);
            assert_eq!(
                serde_json::from_str::<Anchor>(&serde_json::to_string(&a).unwrap()).unwrap(),
                a
            );
        }
        for bad in [
            "",
            "field:",
            "section:goals/block:x",
            "table:t/col:a/row:1",
            "nothing:x",
            "section:a/row:1",
            "dossier:x",
            "dossier:1/nothing",
        ] {
            assert_eq!(Anchor::parse(bad), None, "{bad}");
        }
    }
}
