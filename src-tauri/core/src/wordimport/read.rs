//! A .docx read as what the importer needs: the body's paragraphs (text, heading level, list),
//! tables (rows of cells, their spans and vertical merges, cells holding paragraphs, pictures
//! and nested tables) and pictures, in document order. The package is read with
//! [`crate::zipread`] (no paths out of the package, no links, size and ratio limits, no entry
//! twice); the XML with quick-xml, the crate the project already reads and writes Word XML with —
//! no kept crate reads a .docx into this shape (docx-rs reads into its own writer's model, which
//! drops vertical merges and nested tables). Macros (`vbaProject.bin`) are never read.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;

/// A paragraph: its text, its outline level when it is a heading (1 = 一、, 2 = （一）…), and
/// whether it is a list item; pictures it holds come as [`Node::Picture`] after it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    pub text: String,
    pub heading: Option<u8>,
    pub list: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub span: usize,
    /// Covered by the cell above (`w:vMerge` without `restart`).
    pub continued: bool,
    pub content: Vec<Node>,
}

impl Cell {
    /// The cell's text, paragraphs joined by line ends.
    pub fn text(&self) -> String {
        self.content
            .iter()
            .filter_map(|n| match n {
                Node::Para(p) => Some(p.text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Para(Para),
    Table(Table),
    /// A picture: the package part it is stored in.
    Picture(String),
    /// Content the reader cannot take (an `altChunk`: HTML, RTF or another document embedded
    /// whole): the package part it is stored in, listed as not imported.
    Skipped(String),
}

/// The document's body, and the package's pictures by part name.
#[derive(Debug, Default)]
pub struct Document {
    pub body: Vec<Node>,
    pub media: BTreeMap<String, Vec<u8>>,
}

/// Parts a .docx (or .docm, .dotx) may hold; anything else is refused.
fn allowed(name: &str) -> bool {
    name == "[Content_Types].xml"
        || ["_rels/", "docProps/", "word/", "customXml/"]
            .iter()
            .any(|p| name.starts_with(p))
}

/// Reads a .docx package. Errors are Chinese sentences saying what is wrong.
pub fn read(bytes: &[u8]) -> Result<Document, String> {
    let limits = crate::zipread::Limits {
        max_entries: 5_000,
        max_entry_bytes: 64 * 1024 * 1024,
        max_total_bytes: 512 * 1024 * 1024,
        max_ratio: 200,
        skip_folders: true,
    };
    let parts = crate::zipread::read_all(bytes, "Word 文件", limits, &allowed)?;
    let part = |name: &str| parts.iter().find(|(n, _)| n == name).map(|(_, d)| d);
    let document = part("word/document.xml")
        .ok_or("文件中没有 Word 正文（word/document.xml），不是 Word 文档")?;
    let xml = std::str::from_utf8(document).map_err(|_| "Word 正文不是 UTF-8 文本")?;
    let rels = part("word/_rels/document.xml.rels")
        .and_then(|r| std::str::from_utf8(r).ok())
        .map(relationships)
        .unwrap_or_default();
    let styles = part("word/styles.xml")
        .and_then(|r| std::str::from_utf8(r).ok())
        .map(heading_styles)
        .unwrap_or_default();
    let body = parse_body(xml, &rels, &styles)?;
    let media = parts
        .into_iter()
        .filter(|(n, _)| n.starts_with("word/media/"))
        .collect();
    Ok(Document { body, media })
}

fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// Relationship id → package part (`rId5` → `word/media/image1.png`).
fn relationships(xml: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut reader = Reader::from_str(xml);
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == b"Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                    let target = target.trim_start_matches('/');
                    let part = if target.starts_with("word/") {
                        target.to_string()
                    } else {
                        format!("word/{target}")
                    };
                    out.insert(id, part);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Paragraph style id → outline level, for the styles that are headings (by their outline level
/// or their name, `heading 1` … / 标题 1 …).
fn heading_styles(xml: &str) -> BTreeMap<String, u8> {
    let mut out = BTreeMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<String> = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) if e.local_name().as_ref() == b"style" => {
                current = attr(&e, b"styleId");
            }
            Event::Empty(e) | Event::Start(e) => {
                let Some(id) = current.clone() else { continue };
                match e.local_name().as_ref() {
                    b"outlineLvl" => {
                        if let Some(l) = attr(&e, b"val").and_then(|v| v.parse::<u8>().ok())
                            && l < 9
                        {
                            out.insert(id, l + 1);
                        }
                    }
                    b"name" => {
                        let name = attr(&e, b"val").unwrap_or_default().to_lowercase();
                        let level = name
                            .strip_prefix("heading ")
                            .or_else(|| name.strip_prefix("标题 "))
                            .and_then(|n| n.trim().parse::<u8>().ok());
                        if let Some(l) = level {
                            out.entry(id).or_insert(l);
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"style" => current = None,
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// What the parser is inside.
enum Frame {
    Body(Vec<Node>),
    Table(Table),
    Row(Vec<Cell>),
    Cell(Cell),
}

fn push_node(stack: &mut [Frame], node: Node) {
    match stack.last_mut() {
        Some(Frame::Body(nodes)) => nodes.push(node),
        Some(Frame::Cell(cell)) => cell.content.push(node),
        _ => {}
    }
}

/// How deep tables may nest inside each other. Word's own limit is far lower than what a
/// crafted file can hold; past this the file is refused rather than read into a structure whose
/// depth would exhaust the stack.
pub const MAX_TABLE_DEPTH: usize = 32;

/// How many paragraphs, rows and cells a body may hold (a 500-page form has far fewer).
pub const MAX_NODES: usize = 2_000_000;

fn parse_body(
    xml: &str,
    rels: &BTreeMap<String, String>,
    styles: &BTreeMap<String, u8>,
) -> Result<Vec<Node>, String> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Frame> = vec![Frame::Body(Vec::new())];
    let mut para: Option<Para> = None;
    let mut pictures: Vec<String> = Vec::new();
    let mut in_text = false;
    let mut in_run = false;
    let mut in_body = false;
    let mut tables = 0usize;
    let mut nodes = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("Word 正文的 XML 已损坏（{e}）"))?;
        // Other producers write property elements as a start/end pair where Word writes an
        // empty element (LibreOffice: `<a:blip r:embed="rId2"></a:blip>`): both read alike.
        let (e, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = e {
            match e.local_name().as_ref() {
                b"body" if !empty => in_body = true,
                b"tbl" if in_body && !empty => {
                    tables += 1;
                    if tables > MAX_TABLE_DEPTH {
                        return Err(format!(
                            "Word 正文中的表格嵌套超过 {MAX_TABLE_DEPTH} 层，无法读取"
                        ));
                    }
                    stack.push(Frame::Table(Table::default()));
                }
                b"tr" if !empty => stack.push(Frame::Row(Vec::new())),
                b"tc" => {
                    let cell = Cell {
                        span: 1,
                        ..Default::default()
                    };
                    if empty {
                        if let Some(Frame::Row(r)) = stack.last_mut() {
                            r.push(cell);
                        }
                    } else {
                        stack.push(Frame::Cell(cell));
                    }
                }
                b"p" if in_body => {
                    nodes += 1;
                    if nodes > MAX_NODES {
                        return Err(format!(
                            "Word 正文超过 {MAX_NODES} 个段落和单元格，无法读取"
                        ));
                    }
                    if empty {
                        push_node(&mut stack, Node::Para(Para::default()));
                    } else {
                        para = Some(Para::default());
                        pictures.clear();
                    }
                }
                b"r" if !empty => in_run = true,
                b"t" if !empty => in_text = true,
                b"altChunk" if in_body => {
                    let part = attr(e, b"id")
                        .and_then(|id| rels.get(&id).cloned())
                        .unwrap_or_default();
                    push_node(&mut stack, Node::Skipped(part));
                }
                b"gridSpan" => {
                    if let (Some(Frame::Cell(c)), Some(v)) = (stack.last_mut(), attr(e, b"val")) {
                        c.span = v.parse().unwrap_or(1).clamp(1, 64);
                    }
                }
                b"vMerge" => {
                    if let Some(Frame::Cell(c)) = stack.last_mut() {
                        c.continued = attr(e, b"val").as_deref() != Some("restart");
                    }
                }
                b"pStyle" => {
                    if let (Some(p), Some(v)) = (para.as_mut(), attr(e, b"val"))
                        && let Some(l) = styles.get(&v)
                    {
                        p.heading = Some(*l);
                    }
                }
                b"outlineLvl" => {
                    if let (Some(p), Some(l)) = (
                        para.as_mut(),
                        attr(e, b"val").and_then(|v| v.parse::<u8>().ok()),
                    ) && l < 9
                    {
                        p.heading = Some(l + 1);
                    }
                }
                b"numPr" | b"numId" => {
                    if let Some(p) = para.as_mut() {
                        p.list = true;
                    }
                }
                // A picture: DrawingML's blip, or VML's imagedata in older files.
                b"blip" | b"imagedata" => {
                    if let Some(part) = attr(e, b"embed")
                        .or_else(|| attr(e, b"id"))
                        .and_then(|id| rels.get(&id))
                    {
                        pictures.push(part.clone());
                    }
                }
                // Inside a run only: `w:tab` in a paragraph's properties is a tab stop.
                b"tab" if in_run => {
                    if let Some(p) = para.as_mut() {
                        p.text.push('\t');
                    }
                }
                b"br" | b"cr" if in_run => {
                    if let Some(p) = para.as_mut() {
                        p.text.push('\n');
                    }
                }
                _ => {}
            }
        }
        match event {
            Event::Text(t) if in_text => {
                if let Some(p) = para.as_mut() {
                    // Characters no document may hold (a stray control character) are left out
                    // rather than failing the whole import.
                    let text = t
                        .decode()
                        .map_err(|e| format!("Word 正文的文字无法解码（{e}）"))?;
                    p.text
                        .extend(text.chars().filter(|c| !crate::text::is_forbidden(*c)));
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = para.as_mut() {
                    // A character reference (`&#x6EE8;`) is the character; a control character
                    // written that way is not text and is left out.
                    match r.resolve_char_ref() {
                        Ok(Some(c)) if !crate::text::is_forbidden(c) => p.text.push(c),
                        Ok(Some(_)) | Err(_) => {}
                        Ok(None) => {
                            let name = r.decode().unwrap_or_default();
                            p.text.push_str(
                                quick_xml::escape::resolve_predefined_entity(&name)
                                    .unwrap_or_default(),
                            );
                        }
                    }
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"r" => in_run = false,
                b"p" => {
                    if let Some(p) = para.take() {
                        push_node(&mut stack, Node::Para(p));
                        for pic in pictures.drain(..) {
                            push_node(&mut stack, Node::Picture(pic));
                        }
                    }
                }
                b"tc" => {
                    if let Some(Frame::Cell(c)) = stack.pop()
                        && let Some(Frame::Row(r)) = stack.last_mut()
                    {
                        nodes += 1;
                        r.push(c);
                    }
                }
                b"tr" => {
                    if let Some(Frame::Row(r)) = stack.pop()
                        && let Some(Frame::Table(t)) = stack.last_mut()
                    {
                        t.rows.push(r);
                    }
                }
                b"tbl" => {
                    if let Some(Frame::Table(t)) = stack.pop() {
                        tables = tables.saturating_sub(1);
                        push_node(&mut stack, Node::Table(t));
                    }
                }
                b"body" => in_body = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    match stack.into_iter().next() {
        Some(Frame::Body(nodes)) => Ok(nodes),
        _ => Err("Word 正文的表格结构不完整".into()),
    }
}
