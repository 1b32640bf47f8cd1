//! What printpdf 0.12 cannot write, added on its lopdf document before saving: PDF 1.7, nested
//! bookmarks (sections and sub-sections, per copy in the print pack), page labels (封面, then the
//! printed numbers), `/PageMode /UseOutlines`, the document language, and viewer preferences for
//! duplex long-edge printing without scaling, one printer copy; and compresses the streams.

use crate::layout::Layout;
use crate::{CoreError, Result};
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

pub struct Meta {
    pub language: &'static str,
    /// Images to put in unchanged, by XObject resource name.
    pub images: Vec<(String, crate::images::PdfImage)>,
    /// For the print pack: after the drawn pages come the copies' pages, each showing a drawn
    /// page (`Some(index)`) under its copy mark, or blank (`None`). Empty for the electronic copy.
    pub pack: Vec<Option<usize>>,
}

fn text(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn fault(e: lopdf::Error) -> CoreError {
    CoreError::Internal(format!("PDF 结构写入失败：{e}"))
}

struct Node {
    title: String,
    page: usize,
    children: Vec<usize>,
}

pub fn finish(
    mut doc: Document,
    layout: &Layout,
    copy_starts: &[usize],
    meta: &Meta,
) -> Result<Vec<u8>> {
    doc.version = "1.7".to_string();
    if !meta.pack.is_empty() {
        collate(&mut doc, layout.pages.len(), &meta.pack).map_err(fault)?;
    }
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();

    // The bookmark tree: per copy when there are several, sections and sub-sections below.
    let mut nodes: Vec<Node> = Vec::new();
    let mut roots: Vec<usize> = Vec::new();
    let several = copy_starts.len() > 1;
    for (k, start) in copy_starts.iter().enumerate() {
        let mut stack: Vec<(u8, usize)> = Vec::new();
        let top = if several {
            nodes.push(Node {
                title: format!("第{}份", k + 1),
                page: *start,
                children: vec![],
            });
            roots.push(nodes.len() - 1);
            Some(nodes.len() - 1)
        } else {
            None
        };
        for e in layout.outline.iter().filter(|e| e.level <= 3) {
            nodes.push(Node {
                title: e.title.clone(),
                page: start + e.page,
                children: vec![],
            });
            let id = nodes.len() - 1;
            while stack.last().is_some_and(|(level, _)| *level >= e.level) {
                stack.pop();
            }
            match stack.last() {
                Some((_, parent)) => nodes[*parent].children.push(id),
                None => match top {
                    Some(t) => nodes[t].children.push(id),
                    None => roots.push(id),
                },
            }
            stack.push((e.level, id));
        }
    }
    let outlines_id = doc.new_object_id();
    let ids: Vec<ObjectId> = nodes.iter().map(|_| doc.new_object_id()).collect();
    fn place(
        doc: &mut Document,
        nodes: &[Node],
        ids: &[ObjectId],
        pages: &[ObjectId],
        siblings: &[usize],
        parent: ObjectId,
    ) -> i64 {
        let mut count = 0;
        for (i, &n) in siblings.iter().enumerate() {
            let mut d = Dictionary::new();
            d.set("Title", text(&nodes[n].title));
            d.set("Parent", Object::Reference(parent));
            if i > 0 {
                d.set("Prev", Object::Reference(ids[siblings[i - 1]]));
            }
            if i + 1 < siblings.len() {
                d.set("Next", Object::Reference(ids[siblings[i + 1]]));
            }
            let page = pages[nodes[n].page.min(pages.len() - 1)];
            d.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Null,
                    Object::Null,
                ]),
            );
            let children = &nodes[n].children;
            if !children.is_empty() {
                d.set("First", Object::Reference(ids[children[0]]));
                d.set("Last", Object::Reference(ids[*children.last().unwrap()]));
                let below = place(doc, nodes, ids, pages, children, ids[n]);
                // Sections open, sub-sections closed.
                d.set(
                    "Count",
                    Object::Integer(if nodes[n].title.starts_with('第') {
                        below
                    } else {
                        -below
                    }),
                );
            }
            doc.objects.insert(ids[n], Object::Dictionary(d));
            count += 1;
        }
        count
    }
    let total = place(&mut doc, &nodes, &ids, &pages, &roots, outlines_id);
    let mut outlines = Dictionary::new();
    outlines.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(first), Some(last)) = (roots.first(), roots.last()) {
        outlines.set("First", Object::Reference(ids[*first]));
        outlines.set("Last", Object::Reference(ids[*last]));
    }
    outlines.set("Count", Object::Integer(total));
    doc.objects
        .insert(outlines_id, Object::Dictionary(outlines));

    // Page labels: 封面, then the printed numbers (2, 3, …); per copy in the pack.
    let mut nums = Vec::new();
    for (k, start) in copy_starts.iter().enumerate() {
        let prefix = if several {
            format!("第{}份-", k + 1)
        } else {
            String::new()
        };
        let mut cover = Dictionary::new();
        cover.set("P", text(&format!("{prefix}封面")));
        nums.push(Object::Integer(*start as i64));
        nums.push(Object::Dictionary(cover));
        let mut rest = Dictionary::new();
        rest.set("S", Object::Name(b"D".to_vec()));
        rest.set("St", Object::Integer(2));
        if several {
            rest.set("P", text(&prefix));
        }
        nums.push(Object::Integer(*start as i64 + 1));
        nums.push(Object::Dictionary(rest));
    }
    let mut labels = Dictionary::new();
    labels.set("Nums", Object::Array(nums));

    let mut prefs = Dictionary::new();
    prefs.set("Duplex", Object::Name(b"DuplexFlipLongEdge".to_vec()));
    prefs.set("PrintScaling", Object::Name(b"None".to_vec()));
    prefs.set("NumCopies", Object::Integer(1));
    prefs.set("DisplayDocTitle", Object::Boolean(true));

    let catalog_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(fault)?;
    let catalog = doc
        .get_object_mut(catalog_id)
        .and_then(Object::as_dict_mut)
        .map_err(fault)?;
    catalog.set("Outlines", Object::Reference(outlines_id));
    catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    catalog.set("PageLabels", Object::Dictionary(labels));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    catalog.set(
        "Lang",
        Object::String(meta.language.as_bytes().to_vec(), StringFormat::Literal),
    );

    put_images(&mut doc, &meta.images).map_err(fault)?;
    doc.prune_objects();
    compress(&mut doc);
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| CoreError::Internal(format!("PDF 保存失败：{e}")))?;
    Ok(out)
}

/// Deflates every stream not yet filtered, at a fast level: lopdf's own `compress` uses the best
/// level, which took a quarter of the export's time for a few per cent of size.
fn compress(doc: &mut Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object
            && stream.dict.get(b"Filter").is_err()
        {
            let mut encoder =
                flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(3));
            if encoder.write_all(&stream.content).is_ok()
                && let Ok(compressed) = encoder.finish()
                && compressed.len() + 19 < stream.content.len()
            {
                stream
                    .dict
                    .set("Filter", Object::Name(b"FlateDecode".to_vec()));
                stream.set_content(compressed);
            }
        }
    }
}

/// Replaces the placeholder image XObjects with the files' own bytes.
fn put_images(
    doc: &mut Document,
    images: &[(String, crate::images::PdfImage)],
) -> lopdf::Result<()> {
    use crate::images::PdfImage;
    if images.is_empty() {
        return Ok(());
    }
    let mut targets: Vec<(ObjectId, usize)> = Vec::new();
    for page in doc.get_pages().values() {
        let Ok(page) = doc.get_dictionary(*page) else {
            continue;
        };
        let resources = match page.get(b"Resources") {
            Ok(Object::Reference(r)) => doc.get_dictionary(*r)?,
            Ok(Object::Dictionary(d)) => d,
            _ => continue,
        };
        let xobjects = match resources.get(b"XObject") {
            Ok(Object::Reference(r)) => doc.get_dictionary(*r)?,
            Ok(Object::Dictionary(d)) => d,
            _ => continue,
        };
        for (i, (name, _)) in images.iter().enumerate() {
            if let Ok(Object::Reference(id)) = xobjects.get(name.as_bytes())
                && !targets.iter().any(|(t, _)| t == id)
            {
                targets.push((*id, i));
            }
        }
    }
    for (id, i) in targets {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XObject".to_vec()));
        dict.set("Subtype", Object::Name(b"Image".to_vec()));
        dict.set("BitsPerComponent", Object::Integer(8));
        let stream = match &images[i].1 {
            PdfImage::Jpeg {
                width,
                height,
                components,
                data,
            } => {
                dict.set("Width", Object::Integer(*width as i64));
                dict.set("Height", Object::Integer(*height as i64));
                let space: &[u8] = match components {
                    1 => b"DeviceGray",
                    4 => b"DeviceCMYK",
                    _ => b"DeviceRGB",
                };
                dict.set("ColorSpace", Object::Name(space.to_vec()));
                dict.set("Filter", Object::Name(b"DCTDecode".to_vec()));
                lopdf::Stream::new(dict, data.clone())
            }
            PdfImage::Png {
                width,
                height,
                colors,
                idat,
            } => {
                dict.set("Width", Object::Integer(*width as i64));
                dict.set("Height", Object::Integer(*height as i64));
                dict.set(
                    "ColorSpace",
                    Object::Name(if *colors == 1 {
                        b"DeviceGray".to_vec()
                    } else {
                        b"DeviceRGB".to_vec()
                    }),
                );
                dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
                let mut parms = Dictionary::new();
                parms.set("Predictor", Object::Integer(15));
                parms.set("Colors", Object::Integer(*colors as i64));
                parms.set("BitsPerComponent", Object::Integer(8));
                parms.set("Columns", Object::Integer(*width as i64));
                dict.set("DecodeParms", Object::Dictionary(parms));
                lopdf::Stream::new(dict, idat.clone())
            }
        };
        doc.objects
            .insert(id, Object::Stream(stream.with_compression(false)));
    }
    Ok(())
}

/// Builds the print pack's page tree: each copy page shows its drawn page's content stream (shared,
/// so the pack holds the content once) under its own copy mark, with the drawn page's resources;
/// the drawn pages themselves leave the tree.
fn collate(doc: &mut Document, drawn: usize, pack: &[Option<usize>]) -> lopdf::Result<()> {
    let all: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let (base, copies) = all.split_at(drawn);
    let contents_of = |doc: &Document, page: ObjectId| -> lopdf::Result<Vec<Object>> {
        Ok(match doc.get_dictionary(page)?.get(b"Contents")? {
            Object::Array(items) => items.clone(),
            other => vec![other.clone()],
        })
    };
    let resources_of = |doc: &Document, page: ObjectId| -> lopdf::Result<Dictionary> {
        Ok(match doc.get_dictionary(page)?.get(b"Resources")? {
            Object::Reference(r) => doc.get_dictionary(*r)?.clone(),
            Object::Dictionary(d) => d.clone(),
            _ => Dictionary::new(),
        })
    };
    // One merged resource dictionary per drawn page, referenced by its three copies.
    let mut shared: std::collections::HashMap<usize, ObjectId> = std::collections::HashMap::new();
    for (page, shows) in copies.iter().zip(pack) {
        let Some(b) = shows else { continue };
        let mut contents = contents_of(doc, base[*b])?;
        contents.extend(contents_of(doc, *page)?);
        if let Some(resources) = shared.get(b) {
            let dict = doc.get_object_mut(*page).and_then(Object::as_dict_mut)?;
            dict.set("Contents", Object::Array(contents));
            dict.set("Resources", Object::Reference(*resources));
            continue;
        }
        let mut resources = resources_of(doc, base[*b])?;
        let own = resources_of(doc, *page)?;
        for kind in [b"Font".as_slice(), b"XObject", b"ExtGState"] {
            let mut merged = match resources.get(kind) {
                Ok(Object::Dictionary(d)) => d.clone(),
                Ok(Object::Reference(r)) => doc.get_dictionary(*r)?.clone(),
                _ => Dictionary::new(),
            };
            if let Ok(Object::Dictionary(d)) = own.get(kind) {
                for (k, v) in d.iter() {
                    merged.set(k.clone(), v.clone());
                }
            }
            if !merged.is_empty() {
                resources.set(kind, Object::Dictionary(merged));
            }
        }
        let resources_id = doc.add_object(Object::Dictionary(resources));
        shared.insert(*b, resources_id);
        let dict = doc.get_object_mut(*page).and_then(Object::as_dict_mut)?;
        dict.set("Contents", Object::Array(contents));
        dict.set("Resources", Object::Reference(resources_id));
    }
    // The drawn pages leave the page tree (their content streams stay, shared by the copies).
    let root = doc.catalog()?.get(b"Pages")?.as_reference()?;
    let kids: Vec<Object> = copies.iter().map(|p| Object::Reference(*p)).collect();
    let pages = doc.get_object_mut(root).and_then(Object::as_dict_mut)?;
    pages.set("Kids", Object::Array(kids));
    pages.set("Count", Object::Integer(copies.len() as i64));
    Ok(())
}
