//! The assembled document as Typst markup, for timing typst on the same content as our exports
//! (`dossier bench`). Same page, faces, sizes and table; texts are string literals, so nothing in
//! a dossier is read as markup. Only the benchmark uses it.

use dossier_core::document::{Align, Cell, Document, Merge, Node, Para, Size, Table};
use dossier_core::fonts::Face;
use dossier_core::{CoreError, Result};
use std::fmt::Write;
use std::path::Path;

fn family(face: Face) -> &'static str {
    match face {
        Face::Hei | Face::SansFallback => "FandolHei",
        Face::Kai => "FandolKai",
        Face::Song | Face::Title => "FandolSong",
        Face::Fang | Face::SerifFallback => "FandolFang",
    }
}

fn literal(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The document's Typst source; pictures are written into `dir` beside it.
pub fn source(doc: &Document, dir: &Path) -> Result<String> {
    let spec = doc.spec();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "#set page(paper: \"a4\", margin: (top: {}pt, bottom: {}pt, left: {}pt, right: {}pt), numbering: \"— 1 —\")",
        spec.top, spec.bottom, spec.left, spec.right
    );
    let _ = writeln!(
        out,
        "#set text(font: (\"FandolFang\", \"Noto Serif CJK SC\"), size: {}pt, lang: \"zh\")",
        spec.body
    );
    let _ = writeln!(
        out,
        "#set par(leading: {}pt, spacing: {}pt, justify: true)",
        spec.pitch - spec.body,
        spec.pitch - spec.body
    );
    let _ = writeln!(out, "#set table(inset: (x: 5.4pt, y: 0pt))");
    let mut files = Files::new();
    for m in &doc.media {
        let ext = if m.data.starts_with(&[0xFF, 0xD8]) {
            "jpg"
        } else {
            "png"
        };
        let name = format!("media-{}.{ext}", m.id);
        let path = dir.join(&name);
        std::fs::write(&path, &m.data).map_err(|e| CoreError::Io {
            path,
            detail: e.to_string(),
        })?;
        files.insert(m.id.clone(), name);
    }
    for node in &doc.nodes {
        node_source(&mut out, node, &spec, &files, true);
    }
    Ok(out)
}

/// Picture files by media id.
type Files = std::collections::HashMap<String, String>;

fn para_source(out: &mut String, p: &Para, spec: &dossier_core::document::PageSpec) {
    let size = p.size.points(spec);
    let weight = if p.bold || p.face == Face::Title {
        ", weight: \"bold\""
    } else {
        ""
    };
    let align = match p.align {
        Align::Justify | Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    };
    let indent = if p.indent { 2.0 * size } else { 0.0 };
    let leading = p.size.pitch(spec) - size;
    let _ = writeln!(
        out,
        "#align({align})[#par(first-line-indent: {indent}pt, leading: {leading}pt, justify: {})[#text(font: \"{}\", size: {size}pt{weight})[#{}]]]",
        p.align == Align::Justify,
        family(p.face),
        literal(&p.text)
    );
}

fn node_source(
    out: &mut String,
    node: &Node,
    spec: &dossier_core::document::PageSpec,
    files: &Files,
    top: bool,
) {
    match node {
        Node::Para(p) => para_source(out, p, spec),
        Node::PageBreak => {
            if top {
                out.push_str("#pagebreak(weak: true)\n");
            }
        }
        Node::Blank => {
            let _ = writeln!(out, "#v({}pt)", spec.pitch);
        }
        Node::Picture(p) => {
            if let Some(file) = files.get(&p.media) {
                let _ = writeln!(
                    out,
                    "#align(center)[#image(\"{file}\", width: 100%, height: {}pt, fit: \"contain\")]",
                    p.max_h * spec.area_h()
                );
            }
        }
        Node::Table(t) => table_source(out, t, spec, files),
        Node::Contents(_) => {}
    }
}

fn table_source(
    out: &mut String,
    t: &Table,
    spec: &dossier_core::document::PageSpec,
    files: &Files,
) {
    let columns: Vec<String> = t.widths.iter().map(|w| format!("{w}fr")).collect();
    let width = if t.form {
        spec.form_table_width
            .map_or("100%".to_string(), |w| format!("{w}pt"))
    } else {
        "100%".to_string()
    };
    let _ = writeln!(
        out,
        "#align(center)[#block(width: {width})[#table(columns: ({}),",
        columns.join(", ")
    );
    for (ri, row) in t.rows.iter().enumerate() {
        let mut col = 0;
        for cell in &row.cells {
            let span = cell.span.max(1);
            if cell.merge != Merge::Continue {
                let rowspan = if cell.merge == Merge::Start {
                    1 + t.rows[ri + 1..]
                        .iter()
                        .take_while(|r| starts_continue(r.cells.as_slice(), col))
                        .count()
                } else {
                    1
                };
                let _ = write!(out, "table.cell(colspan: {span}, rowspan: {rowspan})[");
                cell_source(out, cell, spec, files);
                out.push_str("],\n");
            }
            col += span;
        }
    }
    out.push_str(")]]\n");
}

fn starts_continue(cells: &[Cell], col: usize) -> bool {
    let mut c = 0;
    for cell in cells {
        if c == col {
            return cell.merge == Merge::Continue;
        }
        c += cell.span.max(1);
    }
    false
}

fn cell_source(
    out: &mut String,
    cell: &Cell,
    spec: &dossier_core::document::PageSpec,
    files: &Files,
) {
    for node in &cell.content {
        node_source(out, node, spec, files, false);
    }
    if cell.content.is_empty() {
        let _ = write!(out, "#v({}pt)", Size::Body.pitch(spec) - spec.body);
    }
}
