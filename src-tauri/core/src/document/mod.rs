//! The assembled document: what an export prints, in order, built once from the dossier and its
//! template ([`assemble`]) and rendered by both writers — the layout engine (for the PDF) and the
//! Word writer. Parts, labels, numbering, captions, the Gantt chart and the seal lines are decided
//! here and nowhere else, so the Word file and the PDF carry the same texts in the same order.
//!
//! The page is chosen here too ([`PageLayout`]): the form's own (the default) or GB/T 9704.

pub mod assemble;
pub mod gantt;
pub mod structure;

pub use assemble::{AssembleOptions, assemble};

use crate::fonts::Face;
use crate::model::Media;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// One millimetre in points.
pub const MM: f32 = 72.0 / 25.4;

/// Which page the exports are set on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PageLayout {
    /// The form's own page (附件3 as made in WPS): A4, margins 25.4 / 31.75 mm, 15 pt 仿宋 at an
    /// exact 29.4 pt, 黑体 headings, 小标宋 title; the 申报基本情况表 as one bordered table.
    #[default]
    Form,
    /// GB/T 9704-2012: the 28 × 22 grid of 三号 text; the parts as headings and paragraphs.
    Gbt9704,
}

impl PageLayout {
    /// The value a user types (`form`, `gbt9704`).
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "form" => Some(Self::Form),
            "gbt9704" => Some(Self::Gbt9704),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Form => "申报书模板版式",
            Self::Gbt9704 => "GB/T 9704 公文版式",
        }
    }

    /// The page's figures, in points.
    pub fn spec(self) -> PageSpec {
        match self {
            Self::Form => PageSpec {
                page_w: 210.0 * MM,
                page_h: 297.0 * MM,
                top: 25.4 * MM,
                bottom: 25.4 * MM,
                left: 31.75 * MM,
                right: 31.75 * MM,
                body: 15.0,
                pitch: 29.4,
                title: 20.0,
                char_grid: false,
                footer_from_edge: 17.5 * MM,
                form_table_width: Some(8896.0 / 20.0),
            },
            Self::Gbt9704 => PageSpec {
                page_w: 210.0 * MM,
                page_h: 297.0 * MM,
                top: 37.0 * MM,
                bottom: 35.0 * MM,
                left: 28.0 * MM,
                right: 26.0 * MM,
                body: 16.0,
                pitch: 225.0 * MM / 22.0,
                title: 22.0,
                char_grid: true,
                footer_from_edge: 28.0 * MM - 7.0 * MM,
                form_table_width: None,
            },
        }
    }
}

/// A page layout's figures, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSpec {
    pub page_w: f32,
    pub page_h: f32,
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
    /// Body text size.
    pub body: f32,
    /// Exact line pitch of body text.
    pub pitch: f32,
    pub title: f32,
    /// Body text outside tables on the 28-character grid (GB/T 9704).
    pub char_grid: bool,
    /// Where the page number's line sits, from the page's bottom edge.
    pub footer_from_edge: f32,
    /// The form table's width (the form's own `tblGrid`, wider than the type area); `None`: the
    /// type area's.
    pub form_table_width: Option<f32>,
}

impl PageSpec {
    pub fn area_w(&self) -> f32 {
        self.page_w - self.left - self.right
    }
    pub fn area_h(&self) -> f32 {
        self.page_h - self.top - self.bottom
    }
    /// Body lines a page holds.
    pub fn lines(&self) -> usize {
        (self.area_h() / self.pitch + 0.01).floor() as usize
    }
    /// Size of text in table cells that are not body text (data tables, small labels).
    pub fn small(&self) -> f32 {
        12.0
    }
    /// Line pitch of small text.
    pub fn small_pitch(&self) -> f32 {
        18.0
    }
}

/// The size class of a paragraph's text; each layout gives it points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Body,
    /// Table text (12 pt).
    Small,
    /// Captions (14 pt).
    Caption,
    /// The title (小标宋).
    Title,
}

impl Size {
    pub fn points(self, spec: &PageSpec) -> f32 {
        match self {
            Size::Body => spec.body,
            Size::Small => spec.small(),
            Size::Caption => 14.0,
            Size::Title => spec.title,
        }
    }
    /// The exact line pitch of a line of this size.
    pub fn pitch(self, spec: &PageSpec) -> f32 {
        match self {
            Size::Body => spec.pitch,
            Size::Small => spec.small_pitch(),
            Size::Caption => spec.pitch,
            Size::Title => (spec.title * 1.8).max(spec.pitch),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Justify,
    Left,
    Center,
    Right,
}

/// A bookmark and contents entry: the paragraph's text at `level`, found again by `anchor`
/// (`part:plan`, `section:goals`, `section:goals/block:3`).
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    pub level: u8,
    pub anchor: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub text: String,
    pub face: Face,
    pub size: Size,
    pub align: Align,
    /// A first-line indent of two characters.
    pub indent: bool,
    /// Kept on the page of the next paragraph (headings, captions).
    pub keep_next: bool,
    pub outline: Option<Outline>,
    /// Further anchors that point at this paragraph (a section whose heading is its part's).
    pub marks: Vec<String>,
    /// Drawn bold (level-3 headings).
    pub bold: bool,
}

impl Para {
    pub fn new(text: impl Into<String>, face: Face, size: Size, align: Align) -> Self {
        Para {
            text: text.into(),
            face,
            size,
            align,
            indent: false,
            keep_next: false,
            outline: None,
            marks: Vec::new(),
            bold: false,
        }
    }
    /// Justified body text with the two-character indent.
    pub fn body(text: impl Into<String>) -> Self {
        Para {
            indent: true,
            ..Para::new(text, Face::Fang, Size::Body, Align::Justify)
        }
    }
    pub fn indented(mut self) -> Self {
        self.indent = true;
        self
    }
    pub fn mark(mut self, anchor: impl Into<String>) -> Self {
        self.marks.push(anchor.into());
        self
    }
    pub fn keep(mut self) -> Self {
        self.keep_next = true;
        self
    }
    pub fn outline(mut self, level: u8, anchor: impl Into<String>) -> Self {
        self.outline = Some(Outline {
            level,
            anchor: anchor.into(),
        });
        self.keep_next = true;
        self
    }
}

/// A vertical merge: the first cell of a merged column, or one the cell above covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    None,
    Start,
    Continue,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Grid columns spanned.
    pub span: usize,
    pub merge: Merge,
    /// Paragraphs, nested tables and pictures.
    pub content: Vec<Node>,
    /// Centred vertically (the grid's cells); body cells start at the top.
    pub middle: bool,
}

impl Cell {
    pub fn new(span: usize, content: Vec<Node>) -> Self {
        Cell {
            span,
            merge: Merge::None,
            content,
            middle: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// A heading row: kept on the page of the next row.
    pub heading: bool,
    /// Repeated at the head of each page the table continues on.
    pub header: bool,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Self {
        Row {
            cells,
            heading: false,
            header: false,
        }
    }
}

/// A bordered table. Its width is the form's (the form table) or the space it sits in.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Relative column widths (the form's own twips for the form table).
    pub widths: Vec<f32>,
    pub rows: Vec<Row>,
    /// The 申报基本情况表: as wide as the form draws it.
    pub form: bool,
}

/// A picture, scaled into the width it sits in and at most `max_h` of the type area's height.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub media: String,
    /// Pixel size.
    pub px: (u32, u32),
    pub max_h: f32,
}

/// One contents line.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentsEntry {
    pub level: u8,
    pub text: String,
    pub anchor: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Para(Para),
    /// Starts a new page.
    PageBreak,
    /// An empty body line.
    Blank,
    Table(Table),
    Picture(Picture),
    /// The table of contents, filled with the layout's page numbers.
    Contents(Vec<ContentsEntry>),
}

/// Who wrote the document, for the files' properties.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Properties {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
}

/// The assembled document, with the media it shows (the dossier's, borrowed, and what assembly
/// drew, such as the Gantt chart).
#[derive(Debug, Clone)]
pub struct Document<'a> {
    pub layout: PageLayout,
    pub properties: Properties,
    pub nodes: Vec<Node>,
    pub media: Vec<Cow<'a, Media>>,
}

impl Document<'_> {
    pub fn spec(&self) -> PageSpec {
        self.layout.spec()
    }
    pub fn media(&self, id: &str) -> Option<&Media> {
        self.media.iter().map(|m| m.as_ref()).find(|m| m.id == id)
    }

    /// Every text the document prints, in order (paragraphs, cells, contents), for the parity
    /// test and for counting.
    pub fn texts(&self) -> Vec<&str> {
        fn walk<'n>(nodes: &'n [Node], out: &mut Vec<&'n str>) {
            for n in nodes {
                match n {
                    Node::Para(p) => out.push(&p.text),
                    Node::Table(t) => {
                        for r in &t.rows {
                            for c in &r.cells {
                                walk(&c.content, out);
                            }
                        }
                    }
                    Node::Contents(entries) => out.extend(entries.iter().map(|e| e.text.as_str())),
                    Node::PageBreak | Node::Blank | Node::Picture(_) => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.nodes, &mut out);
        out
    }
}
