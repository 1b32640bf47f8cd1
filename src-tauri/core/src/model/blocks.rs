//! Rich section content as blocks: the only shapes the editor, the exporters and the checks know.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    Bullet,
    Numbered,
}

/// One block of a section. Sub-headings carry only their level and text: their official numbers
/// （一）, 1., （1） are computed from their position (see [`crate::numbering`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    Paragraph {
        text: String,
    },
    /// Level 2 is （一）, level 3 is 1., level 4 is （1）; level 1 is the section itself.
    Heading {
        level: u8,
        text: String,
    },
    List {
        kind: ListKind,
        items: Vec<String>,
    },
    Table {
        #[serde(default)]
        caption: String,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Image {
        /// The [`crate::model::Media`] id of the picture.
        media: String,
        #[serde(default)]
        caption: String,
    },
}

impl Block {
    pub const MIN_HEADING_LEVEL: u8 = 2;
    pub const MAX_HEADING_LEVEL: u8 = 4;

    pub fn paragraph(text: impl Into<String>) -> Self {
        Block::Paragraph { text: text.into() }
    }

    pub fn heading(level: u8, text: impl Into<String>) -> Self {
        Block::Heading {
            level,
            text: text.into(),
        }
    }

    /// Every piece of text the block holds, in reading order.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Block::Paragraph { text } | Block::Heading { text, .. } => vec![text.as_str()],
            Block::List { items, .. } => items.iter().map(String::as_str).collect(),
            Block::Table {
                caption,
                header,
                rows,
            } => std::iter::once(caption.as_str())
                .chain(header.iter().map(String::as_str))
                .chain(rows.iter().flatten().map(String::as_str))
                .collect(),
            Block::Image { caption, .. } => vec![caption.as_str()],
        }
    }
}
