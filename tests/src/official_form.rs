//! Reads the official form (附件3, `tests/fixtures/official/`) the way the tests compare against
//! it: the paragraphs outside tables in order, and its table row by row, each cell's paragraphs
//! and nested tables. A small reader over quick-xml: only `w:p`, `w:t`, `w:tbl`, `w:tr` and
//! `w:tc` matter here.

use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One table: rows of cells.
#[derive(Debug, Default, Clone)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

/// One cell: its paragraphs' texts and the tables nested in it.
#[derive(Debug, Default, Clone)]
pub struct Cell {
    pub paragraphs: Vec<String>,
    pub tables: Vec<Table>,
}

impl Cell {
    /// The cell's text, paragraphs joined without separators.
    pub fn text(&self) -> String {
        self.paragraphs.concat()
    }
}

/// The form: paragraphs outside any table, and its (first) top-level table.
#[derive(Debug, Default)]
pub struct Form {
    pub paragraphs: Vec<String>,
    pub table: Table,
    /// The top-level table's column widths (`w:tblGrid`), in twentieths of a point.
    pub grid_widths: Vec<u32>,
}

/// Where the fixture is.
pub fn path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/official/annex3-application-template.docx")
}

/// Text with every kind of space removed, for comparing the form's spaced-out blanks
/// (`申报单位：      （加盖单位公章）`) with our texts.
pub fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}' && *c != '_')
        .collect()
}

/// Reads a .docx's main document part as a [`Form`].
pub fn read(docx: &Path) -> Form {
    let file = std::fs::File::open(docx).expect("open the form");
    let mut zip = zip::ZipArchive::new(file).expect("the form is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document part")
        .read_to_string(&mut xml)
        .expect("UTF-8 document part");
    parse(&xml)
}

pub fn parse(xml: &str) -> Form {
    let mut reader = Reader::from_str(xml);
    let mut form = Form::default();
    let mut tables: Vec<Table> = Vec::new();
    let mut paragraph: Option<String> = None;
    let mut in_text = false;
    let mut in_grid = false;
    loop {
        match reader.read_event().expect("well-formed document part") {
            Event::Start(e) => match e.local_name().as_ref() {
                b"tbl" => tables.push(Table::default()),
                b"tr" => tables
                    .last_mut()
                    .expect("row in a table")
                    .rows
                    .push(Vec::new()),
                b"tc" => tables
                    .last_mut()
                    .and_then(|t| t.rows.last_mut())
                    .expect("cell in a row")
                    .push(Cell::default()),
                b"p" => paragraph = Some(String::new()),
                b"t" => in_text = true,
                b"tblGrid" => in_grid = tables.len() == 1 && form.table.rows.is_empty(),
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == b"gridCol" && in_grid => {
                if let Some(w) = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"w")
                {
                    form.grid_widths
                        .push(String::from_utf8_lossy(&w.value).parse().expect("a width"));
                }
            }
            Event::Empty(e) if e.local_name().as_ref() == b"p" => {
                paragraph = Some(String::new());
                finish_paragraph(&mut paragraph, &mut tables, &mut form);
            }
            Event::Text(t) if in_text => {
                if let Some(p) = paragraph.as_mut() {
                    p.push_str(&t.decode().expect("text"));
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = paragraph.as_mut() {
                    let name = r.decode().expect("entity");
                    p.push_str(entity(name.as_ref()));
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"tblGrid" => in_grid = false,
                b"p" => finish_paragraph(&mut paragraph, &mut tables, &mut form),
                b"tbl" => {
                    let done = tables.pop().expect("a table ends");
                    match tables
                        .last_mut()
                        .and_then(|t| t.rows.last_mut())
                        .and_then(|r| r.last_mut())
                    {
                        Some(cell) => cell.tables.push(done),
                        None if form.table.rows.is_empty() => form.table = done,
                        None => {}
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    form
}

fn finish_paragraph(paragraph: &mut Option<String>, tables: &mut [Table], form: &mut Form) {
    let Some(text) = paragraph.take() else { return };
    match tables
        .last_mut()
        .and_then(|t| t.rows.last_mut())
        .and_then(|r| r.last_mut())
    {
        Some(cell) => {
            if !text.trim().is_empty() {
                cell.paragraphs.push(text);
            }
        }
        None => {
            if !text.trim().is_empty() {
                form.paragraphs.push(text);
            }
        }
    }
}

/// Every paragraph's text of a .docx's main part in document order, nested tables included
/// (empty paragraphs left out).
pub fn paragraphs_in_order(docx: &Path) -> Vec<String> {
    let file = std::fs::File::open(docx).expect("open the .docx");
    let mut zip = zip::ZipArchive::new(file).expect("a .docx is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document part")
        .read_to_string(&mut xml)
        .expect("UTF-8 document part");
    let mut reader = Reader::from_str(&xml);
    let mut out = Vec::new();
    let mut paragraph: Option<String> = None;
    let mut in_text = false;
    loop {
        match reader.read_event().expect("well-formed document part") {
            Event::Start(e) => match e.local_name().as_ref() {
                b"p" => paragraph = Some(String::new()),
                b"t" => in_text = true,
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(p) = paragraph.as_mut() {
                    p.push_str(&t.decode().expect("text"));
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = paragraph.as_mut() {
                    let name = r.decode().expect("entity");
                    p.push_str(entity(name.as_ref()));
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    if let Some(p) = paragraph.take().filter(|p| !p.trim().is_empty()) {
                        out.push(p);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The text an XML entity reference (`&amp;` …) stands for.
fn entity(name: &str) -> &'static str {
    quick_xml::escape::resolve_predefined_entity(name).unwrap_or_default()
}
