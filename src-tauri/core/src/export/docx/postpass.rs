//! The post-pass over docx-rs's parts, before packing. It exists because docx-rs 0.4.22 cannot
//! express some things the dossier needs and writes others in ways Word's schema rejects (found by
//! validating its raw output; see `shared/design/platform-notes.md`). Each fix is one function:
//!
//! - core properties: docx-rs writes no title, author, subject or keywords → [`core_xml`];
//! - settings: no update-fields flag (the TOC must refresh), no document protection (reviewer
//!   copy), odd/even footers need `evenAndOddHeaders` → written whole by [`settings_xml`];
//! - font table: no fallbacks for the official names (仿宋_GB2312 → 仿宋 …) → [`font_table_xml`];
//! - the line grid (`docGrid`) has no API → [`add_doc_grid`];
//! - repeating table header rows (`tblHeader`) have no API → [`mark_header_rows`];
//! - "mark as final" is a custom property docx-rs cannot set → [`custom_xml`];
//! - empty comments/footnotes parts and JPEGs stored as `.png` → [`pack`] leaves the former out
//!   and names media by their real type;
//! - children of property elements out of schema order, `w:type` on grid columns, empty run
//!   properties inside style paragraph properties → [`super::xml::normalise`] on every part;
//! - no theme part, which Office expects → [`THEME`];
//! - entries are stored uncompressed → [`pack`] deflates them.

use crate::{CoreError, Result};
use docx_rs::XMLDocx;
use std::io::Write;

pub struct Finish {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: String,
    pub created: String,
    pub reviewer: bool,
    /// The GB/T 9704 character grid (`docGrid`).
    pub doc_grid: bool,
}

/// Marker on header rows, replaced by `tblHeader` (set by the builder through `cantSplit`).
const HEADER_ROW_MARK: &str = "<w:cantSplit />";

/// Parses a part, puts its elements into schema order, and writes it back.
fn normalised(part: &str) -> Result<Vec<u8>> {
    let mut root = super::xml::parse(part)
        .map_err(|e| CoreError::Internal(format!("Word 部件无法解析：{e}")))?;
    super::xml::normalise(&mut root, "");
    Ok(super::xml::write(&root).into_bytes())
}

pub fn finish(x: XMLDocx, f: &Finish) -> Result<Vec<u8>> {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let marked = mark_header_rows(&text(&x.document));
    let document = normalised(&if f.doc_grid {
        add_doc_grid(&marked)
    } else {
        marked
    })?;
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("_rels/.rels".into(), x.rels.clone()),
        ("docProps/app.xml".into(), x.doc_props.app.clone()),
        ("docProps/core.xml".into(), core_xml(f).into_bytes()),
        (
            "docProps/custom.xml".into(),
            custom_xml(f.reviewer).into_bytes(),
        ),
        ("word/document.xml".into(), document),
        ("word/styles.xml".into(), normalised(&text(&x.styles))?),
        (
            "word/settings.xml".into(),
            settings_xml(f.reviewer).into_bytes(),
        ),
        ("word/fontTable.xml".into(), font_table_xml().into_bytes()),
        (
            "word/numbering.xml".into(),
            normalised(&text(&x.numberings))?,
        ),
    ];
    for (i, h) in x.headers.iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), normalised(&text(h))?));
    }
    for (i, h) in x.footers.iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), normalised(&text(h))?));
    }
    let mut rels = text(&x.document_rels);
    let mut content_types = text(&x.content_type);
    for (name, data) in &x.media {
        let ext = if data.starts_with(&[0xFF, 0xD8]) {
            "jpeg"
        } else {
            "png"
        };
        if ext != "png" {
            rels = rels.replace(
                &format!("media/{name}.png\""),
                &format!("media/{name}.{ext}\""),
            );
        }
        parts.push((format!("word/media/{name}.{ext}"), data.clone()));
    }
    for dropped in ["comments", "commentsExtended", "footnotes"] {
        rels = drop_relationship(&rels, &format!("{dropped}.xml"));
        content_types = drop_override(&content_types, &format!("/word/{dropped}.xml"));
    }
    if !content_types.contains("Extension=\"jpeg\"") {
        content_types = content_types.replacen(
            "<Default Extension=\"png\"",
            "<Default Extension=\"jpeg\" ContentType=\"image/jpeg\" /><Default Extension=\"png\"",
            1,
        );
    }
    // A theme part: Office expects one (validators flag its absence).
    parts.push(("word/theme/theme1.xml".into(), THEME.as_bytes().to_vec()));
    rels = rels.replacen(
        "</Relationships>",
        r#"<Relationship Id="rIdTheme1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml" /></Relationships>"#,
        1,
    );
    content_types = content_types.replacen(
        "</Types>",
        r#"<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml" /></Types>"#,
        1,
    );
    parts.insert(
        0,
        ("[Content_Types].xml".into(), content_types.into_bytes()),
    );
    parts.push(("word/_rels/document.xml.rels".into(), rels.into_bytes()));
    for (i, r) in x.footer_rels.iter().enumerate() {
        if !r.is_empty() {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), r.clone()));
        }
    }
    pack(&parts)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn core_xml(f: &Finish) -> String {
    let dates = if f.created.is_empty() {
        String::new()
    } else {
        format!(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{0}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{0}</dcterms:modified>"#,
            escape(&f.created)
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><cp:keywords>{}</cp:keywords><dc:language>zh-CN</dc:language><cp:lastModifiedBy>{}</cp:lastModifiedBy>{}</cp:coreProperties>"#,
        escape(&f.title),
        escape(&f.subject),
        escape(&f.author),
        escape(&f.keywords),
        escape(&f.author),
        dates
    )
}

fn custom_xml(reviewer: bool) -> String {
    let property = if reviewer {
        r#"<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="_MarkAsFinal"><vt:bool>true</vt:bool></property>"#
    } else {
        ""
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{property}</Properties>"#
    )
}

/// Settings written whole, elements in the schema's order.
fn settings_xml(reviewer: bool) -> String {
    let protection = if reviewer {
        r#"<w:documentProtection w:edit="readOnly" w:enforcement="1"/>"#
    } else {
        ""
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/>{protection}<w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="compressPunctuation"/><w:updateFields w:val="true"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>"#
    )
}

/// The fonts the document names, with the fallbacks a reader without the GB2312-era fonts gets.
fn font_table_xml() -> String {
    let fonts = [
        ("仿宋_GB2312", Some("仿宋"), "86", "modern"),
        ("仿宋", None, "86", "modern"),
        ("楷体_GB2312", Some("楷体"), "86", "modern"),
        ("楷体", None, "86", "modern"),
        ("黑体", Some("SimHei"), "86", "modern"),
        ("宋体", Some("SimSun"), "86", "auto"),
        ("方正小标宋简体", Some("宋体"), "86", "script"),
        ("Times New Roman", None, "00", "roman"),
    ];
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    for (name, alt, charset, family) in fonts {
        out.push_str(&format!(r#"<w:font w:name="{name}">"#));
        if let Some(alt) = alt {
            out.push_str(&format!(r#"<w:altName w:val="{alt}"/>"#));
        }
        out.push_str(&format!(
            r#"<w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>"#
        ));
    }
    out.push_str("</w:fonts>");
    out
}

/// The line grid of GB/T 9704 (docx-rs has no `docGrid`): 22 lines of 579 twips. The 28
/// characters a line holds come from the body runs' character spacing (−0.2 pt), which every
/// reader honours alike; a `linesAndChars` grid is drawn differently by LibreOffice (lines of 20
/// characters, +48 % pages).
fn add_doc_grid(document: &str) -> String {
    document.replace(
        "</w:sectPr>",
        r#"<w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>"#,
    )
}

/// Header rows carry `cantSplit` only (body rows carry none): give them `tblHeader` too, so the
/// header repeats on every page the table spans.
fn mark_header_rows(document: &str) -> String {
    document.replace(HEADER_ROW_MARK, "<w:cantSplit /><w:tblHeader />")
}

fn drop_relationship(rels: &str, target: &str) -> String {
    let mut out = rels.to_string();
    if let Some(t) = out.find(&format!("Target=\"{target}\"")) {
        let start = out[..t].rfind("<Relationship ").unwrap_or(t);
        let end = out[t..].find("/>").map_or(out.len(), |e| t + e + 2);
        out.replace_range(start..end, "");
    }
    out
}

fn drop_override(types: &str, part: &str) -> String {
    let mut out = types.to_string();
    if let Some(t) = out.find(&format!("PartName=\"{part}\"")) {
        let start = out[..t].rfind("<Override ").unwrap_or(t);
        let end = out[t..].find("/>").map_or(out.len(), |e| t + e + 2);
        out.replace_range(start..end, "");
    }
    out
}

/// Packs the parts, deflated, with fixed timestamps (same input, same bytes).
fn pack(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default());
        for (name, data) in parts {
            let stored = name.starts_with("word/media/");
            let opts = if stored {
                options.compression_method(zip::CompressionMethod::Stored)
            } else {
                options
            };
            zip.start_file(name.as_str(), opts)
                .and_then(|_| zip.write_all(data).map_err(Into::into))
                .map_err(|e| CoreError::Internal(format!("打包 Word 文件失败：{e}")))?;
        }
        zip.finish()
            .map_err(|e| CoreError::Internal(format!("打包 Word 文件失败：{e}")))?;
    }
    Ok(buf.into_inner())
}

/// A minimal Office theme: plain colours, the document's fonts (宋体 / 黑体 for East Asian text),
/// the three required style lists.
const THEME: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="申报书"><a:themeElements><a:clrScheme name="申报书"><a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="1F3A5F"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="1F3A5F"/></a:accent1><a:accent2><a:srgbClr val="C0504D"/></a:accent2><a:accent3><a:srgbClr val="9BBB59"/></a:accent3><a:accent4><a:srgbClr val="8064A2"/></a:accent4><a:accent5><a:srgbClr val="4BACC6"/></a:accent5><a:accent6><a:srgbClr val="F79646"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme><a:fontScheme name="申报书"><a:majorFont><a:latin typeface="Times New Roman"/><a:ea typeface="黑体"/><a:cs typeface="Times New Roman"/></a:majorFont><a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface="宋体"/><a:cs typeface="Times New Roman"/></a:minorFont></a:fontScheme><a:fmtScheme name="申报书"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#;
