//! A minimal XML tree for the post-pass: parse a part with quick-xml, put the children of
//! WordprocessingML property elements into the order the schema requires, and write it back.
//! Qualified names are kept as written (`w:pPr`); text and attributes are passed through.

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

pub fn parse(text: &str) -> Result<Element, String> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = vec![Element {
        name: String::new(),
        attrs: vec![],
        children: vec![],
    }];
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(s) => stack.push(element(&s)?),
            Event::Empty(s) => {
                let e = element(&s)?;
                stack
                    .last_mut()
                    .expect("root")
                    .children
                    .push(Node::Element(e));
            }
            Event::End(_) => {
                let done = stack.pop().ok_or("unbalanced")?;
                stack
                    .last_mut()
                    .ok_or("unbalanced")?
                    .children
                    .push(Node::Element(done));
            }
            Event::Text(t) => {
                let s = t.xml_content().map_err(|e| e.to_string())?.into_owned();
                stack.last_mut().expect("root").children.push(Node::Text(s));
            }
            Event::GeneralRef(r) => {
                let name = String::from_utf8_lossy(&r).into_owned();
                let ch = match name.as_str() {
                    "amp" => "&".to_string(),
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "quot" => "\"".to_string(),
                    "apos" => "'".to_string(),
                    other => r
                        .resolve_char_ref()
                        .ok()
                        .flatten()
                        .map(String::from)
                        .unwrap_or_else(|| format!("&{other};")),
                };
                stack
                    .last_mut()
                    .expect("root")
                    .children
                    .push(Node::Text(ch));
            }
            Event::CData(c) => {
                let s = String::from_utf8_lossy(&c).into_owned();
                stack.last_mut().expect("root").children.push(Node::Text(s));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut root = stack.pop().ok_or("empty")?;
    match root
        .children
        .iter()
        .position(|n| matches!(n, Node::Element(_)))
    {
        Some(i) => match root.children.swap_remove(i) {
            Node::Element(e) => Ok(e),
            Node::Text(_) => Err("no root element".into()),
        },
        None => Err("no root element".into()),
    }
}

fn element(s: &BytesStart<'_>) -> Result<Element, String> {
    let mut attrs = Vec::new();
    for a in s.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let value = a.unescape_value().map_err(|e| e.to_string())?.into_owned();
        attrs.push((key, value));
    }
    Ok(Element {
        name: String::from_utf8_lossy(s.name().as_ref()).into_owned(),
        attrs,
        children: vec![],
    })
}

pub fn write(root: &Element) -> String {
    let mut writer = Writer::new(Vec::new());
    writer
        .write_event(Event::Decl(BytesDecl::new(
            "1.0",
            Some("UTF-8"),
            Some("yes"),
        )))
        .expect("write to memory");
    write_element(&mut writer, root);
    String::from_utf8(writer.into_inner()).expect("UTF-8 in, UTF-8 out")
}

fn write_element(w: &mut Writer<Vec<u8>>, e: &Element) {
    let mut start = BytesStart::new(e.name.as_str());
    for (k, v) in &e.attrs {
        start.push_attribute((k.as_str(), v.as_str()));
    }
    if e.children.is_empty() {
        w.write_event(Event::Empty(start)).expect("write to memory");
        return;
    }
    w.write_event(Event::Start(start)).expect("write to memory");
    for c in &e.children {
        match c {
            Node::Element(child) => write_element(w, child),
            Node::Text(t) => w
                .write_event(Event::Text(BytesText::new(t)))
                .expect("write to memory"),
        }
    }
    w.write_event(Event::End(BytesEnd::new(e.name.as_str())))
        .expect("write to memory");
}

/// Children orders of the ECMA-376 transitional schema for the containers docx-rs gets wrong.
fn sequence(container: &str) -> Option<&'static [&'static str]> {
    Some(match container {
        "w:pPr" => &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
        "w:rPr" => &[
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:ins",
            "w:del",
            "w:rPrChange",
        ],
        "w:sectPr" => &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
        "w:style" => &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
        "w:lvl" => &[
            "w:start",
            "w:numFmt",
            "w:lvlRestart",
            "w:pStyle",
            "w:isLgl",
            "w:suff",
            "w:lvlText",
            "w:lvlPicBulletId",
            "w:legacy",
            "w:lvlJc",
            "w:pPr",
            "w:rPr",
        ],
        "w:tblPr" => &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
        ],
        "w:tcPr" => &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
            "w:headers",
            "w:cellIns",
            "w:cellDel",
            "w:cellMerge",
            "w:tcPrChange",
        ],
        "w:numPr" => &["w:ilvl", "w:numId", "w:numberingChange", "w:ins"],
        "w:numbering" => &[
            "w:numPicBullet",
            "w:abstractNum",
            "w:num",
            "w:numIdMacAtCleanup",
        ],
        _ => return None,
    })
}

/// Puts every container's children into schema order (a stable sort: repeated elements keep
/// their order), recursively. `parent` tells property elements where they stand: a paragraph
/// property set in a style, a list level or the document defaults may not hold run properties,
/// so an empty `w:rPr` there is dropped.
pub fn normalise(e: &mut Element, parent: &str) {
    if e.name == "w:pPr" && matches!(parent, "w:style" | "w:lvl" | "w:pPrDefault") {
        e.children.retain(
            |n| !matches!(n, Node::Element(c) if c.name == "w:rPr" && c.children.is_empty()),
        );
    }
    if e.name == "w:gridCol" {
        e.attrs.retain(|(k, _)| k != "w:type");
    }
    // docx-rs numbers paragraphs from a process-wide counter; the ids are optional, and without
    // them the same dossier gives the same bytes however many exports ran before.
    e.attrs
        .retain(|(k, _)| k != "w14:paraId" && k != "w14:textId");
    let name = e.name.clone();
    for c in &mut e.children {
        if let Node::Element(child) = c {
            normalise(child, &name);
        }
    }
    if let Some(order) = sequence(&e.name) {
        let rank = |n: &Node| match n {
            Node::Element(c) => order
                .iter()
                .position(|x| *x == c.name)
                .unwrap_or(order.len()),
            Node::Text(_) => order.len(),
        };
        e.children.sort_by_key(rank);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reorders_paragraph_properties_and_keeps_text() {
        let text = r#"<w:document xmlns:w="x"><w:p><w:pPr><w:jc w:val="both"/><w:pStyle w:val="A"/></w:pPr><w:r><w:t xml:space="preserve">甲 &amp; 乙 &lt;丙&gt;</w:t></w:r></w:p></w:document>"#;
        let mut root = parse(text).unwrap();
        normalise(&mut root, "");
        let out = write(&root);
        assert!(
            out.contains(r#"<w:pPr><w:pStyle w:val="A"/><w:jc w:val="both"/></w:pPr>"#),
            "{out}"
        );
        assert!(out.contains("甲 &amp; 乙 &lt;丙&gt;"), "{out}");
    }
}
