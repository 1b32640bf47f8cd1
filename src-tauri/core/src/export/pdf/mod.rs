//! The PDF writer: the layout engine's pages drawn with printpdf, the shipped fonts embedded as
//! subsets (text stays searchable: printpdf writes ToUnicode maps), images kept lossless, a
//! document metadata, 草稿 under the text of every page of a draft, and — for the print pack — the
//! copies collated, each on an odd page. Copy marks and a fingerprint on every page are options
//! (the form asks for no marks). [`finish`] adds what printpdf cannot write (nested bookmarks,
//! page labels, viewer preferences) through lopdf.

mod finish;

use crate::document::{AssembleOptions, Document};
use crate::fonts::{Face, ShippedFonts};
use crate::layout::{self, Item, Layout};
use crate::model::Dossier;
use crate::template::{CallSettings, Template};
use crate::{CoreError, Result};
use printpdf::*;
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    pub draft: bool,
    /// Creation date (the injected clock).
    pub created: Option<chrono::NaiveDate>,
    /// The print pack: this many collated copies, each starting on an odd page. `None` is the
    /// electronic copy.
    pub copies: Option<u32>,
    /// In the print pack, 第k份／共n份 at the head of every page.
    pub copy_marks: bool,
    /// A short hash of the dossier's content, printed small at the foot of every page.
    pub fingerprint: Option<String>,
    /// The page and the contents page.
    pub page: AssembleOptions,
}

/// The fingerprint of a dossier: the first 10 hex digits of the SHA-256 of its interchange form,
/// the same for the paper and the electronic copy of the same version.
pub fn fingerprint(d: &Dossier) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(crate::interchange::to_json(d).as_bytes());
    digest[..5].iter().map(|b| format!("{b:02x}")).collect()
}

/// Glyph ids straight from the face's cmap (printpdf would look each character up again, which
/// was a fifth of the export's time), each carrying its character for the ToUnicode map, so the
/// text layer keeps every character. A character no shipped font draws (reported by the checks
/// before export) is shown as 〓, the typesetter's mark for a missing character, never as an
/// empty box.
pub(crate) fn glyphs(fonts: &ShippedFonts, face: Face, text: &str) -> TextItem {
    let f = fonts.face(face);
    let missing = f
        .glyph_index('〓')
        .or_else(|| f.glyph_index('?'))
        .map_or(0, |g| g.0);
    TextItem::GlyphIds(
        text.chars()
            .map(|c| Codepoint {
                gid: f
                    .glyph_index(c)
                    .map_or(if c.is_whitespace() { 0 } else { missing }, |g| g.0),
                offset: 0.0,
                cid: Some(c.to_string()),
            })
            .collect(),
    )
}

/// Adds one shipped face to the document (embedded as a subset when saved).
pub(crate) fn add_font(doc: &mut PdfDocument, fonts: &ShippedFonts, face: Face) -> Result<FontId> {
    let loaded = fonts
        .faces
        .iter()
        .find(|f| f.face == face)
        .expect("every face loads");
    let parsed = ParsedFont::from_bytes(loaded.data(), loaded.index as usize, &mut Vec::new())
        .ok_or_else(|| CoreError::Internal(format!("字体 {} 无法用于 PDF", face.file())))?;
    Ok(doc.add_font(&parsed))
}

/// Assembles, lays out and writes a dossier; returns the bytes and the layout (for page counts
/// and contents numbers elsewhere).
pub fn build(
    d: &Dossier,
    template: &Template,
    settings: &CallSettings,
    fonts: &ShippedFonts,
    options: &PdfOptions,
) -> Result<(Vec<u8>, Layout)> {
    let document = crate::document::assemble(d, template, settings, &options.page)?;
    let layout = layout::layout(&document, fonts);
    let bytes = render(&document, &layout, fonts, options)?;
    Ok((bytes, layout))
}

/// Draws a laid-out document.
pub fn render(
    document: &Document,
    layout: &Layout,
    fonts: &ShippedFonts,
    options: &PdfOptions,
) -> Result<Vec<u8>> {
    let spec = layout.spec;
    let (page_w, page_h) = (spec.page_w, spec.page_h);
    let (page_w_mm, page_h_mm) = (Mm(page_w / layout::MM), Mm(page_h / layout::MM));
    let properties = &document.properties;
    let mut doc = PdfDocument::new(&properties.title);
    let info = &mut doc.metadata.info;
    info.author = properties.author.clone();
    info.subject = properties.subject.clone();
    info.keywords = properties.keywords.clone();
    info.creator = "申报书工作台".into();
    info.producer = "申报书工作台".into();
    if let Some(date) = options.created {
        let ts = date
            .and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc().timestamp())
            .unwrap_or(0);
        if let Ok(t) = OffsetDateTime::from_unix_timestamp(ts) {
            info.creation_date = t;
            info.modification_date = t;
            info.metadata_date = t;
        }
    }

    // Fonts actually used, each embedded once (as a subset when saved).
    let mut font_ids: HashMap<Face, FontId> = HashMap::new();
    let mut used: Vec<Face> = Vec::new();
    for page in &layout.pages {
        for item in &page.items {
            if let Item::Text { face, .. } = item
                && !used.contains(face)
            {
                used.push(*face);
            }
        }
    }
    for face in [Face::Hei, Face::Song] {
        if !used.contains(&face) {
            used.push(face);
        }
    }
    for face in used {
        font_ids.insert(face, add_font(&mut doc, fonts, face)?);
    }

    // Images, each stored once however often it is drawn. Files whose bytes a PDF can hold as
    // they are (JPEG, plain PNG) are put in by `finish` unchanged; printpdf only reserves a
    // placeholder for them. Others are decoded here.
    let mut images: HashMap<String, (XObjectId, (u32, u32))> = HashMap::new();
    let mut passthrough: Vec<(String, crate::images::PdfImage)> = Vec::new();
    for page in &layout.pages {
        for item in &page.items {
            if let Item::Image { media, .. } = item
                && !images.contains_key(media)
            {
                let m = document
                    .media(media)
                    .ok_or_else(|| CoreError::input("图片", format!("图片文件 {media} 不存在")))?;
                if let Some(image) = crate::images::pdf_passthrough(&m.data) {
                    let placeholder = RawImage {
                        pixels: RawImageData::U8(vec![255, 255, 255]),
                        width: 1,
                        height: 1,
                        data_format: RawImageFormat::RGB8,
                        tag: Vec::new(),
                    };
                    let id = doc.add_image(&placeholder);
                    passthrough.push((id.0.clone(), image));
                    images.insert(media.clone(), (id, (1, 1)));
                } else {
                    let raw =
                        RawImage::decode_from_bytes(&m.data, &mut Vec::new()).map_err(|e| {
                            CoreError::input(&m.file_name, format!("图片无法读取（{e}）"))
                        })?;
                    let px = (raw.width as u32, raw.height as u32);
                    images.insert(media.clone(), (doc.add_image(&raw), px));
                }
            }
        }
    }

    let black = Color::Rgb(Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    });
    let grey = Color::Rgb(Rgb {
        r: 0.35,
        g: 0.35,
        b: 0.35,
        icc_profile: None,
    });
    let song = font_ids[&Face::Song].clone();
    let small = |ops: &mut Vec<Op>, x: f32, y: f32, text: String| {
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFillColor { col: grey.clone() });
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(song.clone()),
            size: Pt(8.0),
        });
        ops.push(Op::SetCharacterSpacing { multiplier: 0.0 });
        ops.push(Op::SetTextRenderingMode {
            mode: TextRenderingMode::Fill,
        });
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(page_h - y)),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(text)],
        });
        ops.push(Op::EndTextSection);
    };
    // The marks outside the type area, when chosen: the fingerprint at the foot of every page,
    // the copy mark at the head of each page of the pack.
    let fingerprint_mark = |ops: &mut Vec<Op>| {
        if let Some(fingerprint) = &options.fingerprint {
            small(
                ops,
                spec.left,
                page_h - 12.0 * layout::MM,
                format!("校验码 {fingerprint}"),
            );
        }
    };
    let copy_mark = |ops: &mut Vec<Op>, text: String| {
        if options.copy_marks {
            small(
                ops,
                spec.left + spec.area_w() - 60.0,
                12.0 * layout::MM,
                text,
            );
        }
    };
    let draft_mark = if options.draft {
        draft_mark(fonts, page_w, page_h)
    } else {
        Vec::new()
    };
    let copies = options.copies.unwrap_or(1).max(1);
    let mut pages = Vec::new();
    // The pages as drawn once. In the print pack they are not shown themselves: each copy's page
    // reuses their content stream and adds its own copy mark (see `finish`), so the pack holds
    // the content once.
    {
        for page in &layout.pages {
            let mut ops = Vec::new();
            // The draft mark first, light grey, so that every text and rule is drawn over it.
            if options.draft {
                ops.extend(draft_mark.iter().cloned());
            }
            for item in &page.items {
                match item {
                    Item::Text {
                        x,
                        y,
                        face,
                        size,
                        spacing,
                        bold,
                        text,
                    } => {
                        ops.push(Op::StartTextSection);
                        ops.push(Op::SetFillColor { col: black.clone() });
                        ops.push(Op::SetFont {
                            font: PdfFontHandle::External(font_ids[face].clone()),
                            size: Pt(*size),
                        });
                        ops.push(Op::SetCharacterSpacing {
                            multiplier: *spacing,
                        });
                        if *bold {
                            ops.push(Op::SetTextRenderingMode {
                                mode: TextRenderingMode::FillStroke,
                            });
                            ops.push(Op::SetOutlineThickness { pt: Pt(0.45) });
                            ops.push(Op::SetOutlineColor { col: black.clone() });
                        } else {
                            ops.push(Op::SetTextRenderingMode {
                                mode: TextRenderingMode::Fill,
                            });
                        }
                        ops.push(Op::SetTextMatrix {
                            matrix: TextMatrix::Translate(Pt(*x), Pt(page_h - *y)),
                        });
                        ops.push(Op::ShowText {
                            items: vec![glyphs(fonts, *face, text)],
                        });
                        ops.push(Op::EndTextSection);
                    }
                    Item::Rule {
                        x1,
                        y1,
                        x2,
                        y2,
                        width,
                    } => {
                        ops.push(Op::SetOutlineColor { col: black.clone() });
                        ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                        ops.push(Op::DrawLine {
                            line: Line {
                                points: vec![
                                    LinePoint {
                                        p: Point {
                                            x: Pt(*x1),
                                            y: Pt(page_h - *y1),
                                        },
                                        bezier: false,
                                    },
                                    LinePoint {
                                        p: Point {
                                            x: Pt(*x2),
                                            y: Pt(page_h - *y2),
                                        },
                                        bezier: false,
                                    },
                                ],
                                is_closed: false,
                            },
                        });
                    }
                    Item::Image { media, x, y, w, h } => {
                        let (id, px) = &images[media];
                        ops.push(Op::UseXobject {
                            id: id.clone(),
                            transform: XObjectTransform {
                                translate_x: Some(Pt(*x)),
                                translate_y: Some(Pt(page_h - *y - *h)),
                                scale_x: Some(*w / px.0 as f32),
                                scale_y: Some(*h / px.1 as f32),
                                dpi: Some(72.0),
                                ..Default::default()
                            },
                        });
                    }
                }
            }
            fingerprint_mark(&mut ops);
            pages.push(PdfPage::new(page_w_mm, page_h_mm, ops));
        }
    }
    // The pack's pages: per copy, a mark on each drawn page (`Some(base page)`), and a blank page
    // (`None`) after an odd-length copy so that every copy starts on an odd page.
    let mut copy_starts = vec![0];
    let mut pack: Vec<Option<usize>> = Vec::new();
    if options.copies.is_some() {
        copy_starts.clear();
        for copy in 1..=copies {
            copy_starts.push(pack.len());
            for i in 0..layout.pages.len() {
                let mut ops = Vec::new();
                copy_mark(&mut ops, format!("第{copy}份／共{copies}份"));
                pages.push(PdfPage::new(page_w_mm, page_h_mm, ops));
                pack.push(Some(i));
            }
            if layout.pages.len() % 2 == 1 {
                let mut ops = Vec::new();
                fingerprint_mark(&mut ops);
                copy_mark(&mut ops, format!("第{copy}份／共{copies}份（空白页）"));
                pages.push(PdfPage::new(page_w_mm, page_h_mm, ops));
                pack.push(None);
            }
        }
    }
    doc.with_pages(pages);
    let save = PdfSaveOptions {
        // Streams are compressed once, at a fast level, by `finish`.
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: Some(ImageOptimizationOptions {
            quality: Some(1.0),
            max_image_size: None,
            dither_greyscale: Some(false),
            convert_to_greyscale: Some(false),
            auto_optimize: Some(false),
            format: Some(ImageCompression::Flate),
        }),
    };
    let pdf = doc.to_lopdf_document(&save, &mut Vec::new());
    finish::finish(
        pdf,
        layout,
        &copy_starts,
        &finish::Meta {
            language: "zh-CN",
            images: passthrough,
            pack,
        },
    )
}

/// The draft mark: 草稿 large, turned 45°, light grey, drawn as the glyphs' outlines before the
/// page's content, so every text and rule lies over it and the text layer holds no mark.
fn draft_mark(fonts: &ShippedFonts, page_w: f32, page_h: f32) -> Vec<Op> {
    struct Rings {
        rings: Vec<PolygonRing>,
        at: (f32, f32),
        place: Box<dyn Fn(f32, f32) -> Point>,
    }
    impl Rings {
        fn point(&self, x: f32, y: f32, bezier: bool) -> LinePoint {
            LinePoint {
                p: (self.place)(x, y),
                bezier,
            }
        }
        fn ring(&mut self) -> &mut Vec<LinePoint> {
            &mut self.rings.last_mut().expect("a ring is open").points
        }
    }
    impl ttf_parser::OutlineBuilder for Rings {
        fn move_to(&mut self, x: f32, y: f32) {
            let p = self.point(x, y, false);
            self.rings.push(PolygonRing { points: vec![p] });
            self.at = (x, y);
        }
        fn line_to(&mut self, x: f32, y: f32) {
            let p = self.point(x, y, false);
            self.ring().push(p);
            self.at = (x, y);
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            let (x0, y0) = self.at;
            let c1 = (x0 + 2.0 / 3.0 * (x1 - x0), y0 + 2.0 / 3.0 * (y1 - y0));
            let c2 = (x + 2.0 / 3.0 * (x1 - x), y + 2.0 / 3.0 * (y1 - y));
            self.curve_to(c1.0, c1.1, c2.0, c2.1, x, y);
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            let points = [
                self.point(x1, y1, true),
                self.point(x2, y2, true),
                self.point(x, y, false),
            ];
            self.ring().extend(points);
            self.at = (x, y);
        }
        fn close(&mut self) {}
    }
    let face = fonts.face(Face::Hei);
    let size = 120.0;
    let scale = size / face.units_per_em() as f32;
    let (sin, cos) = 45f32.to_radians().sin_cos();
    let mut ops = vec![
        Op::SaveGraphicsState,
        Op::SetFillColor {
            col: Color::Rgb(Rgb {
                r: 0.85,
                g: 0.85,
                b: 0.85,
                icc_profile: None,
            }),
        },
    ];
    let (x0, y0) = (page_w * 0.28, page_h * 0.35);
    for (i, c) in "草稿".chars().enumerate() {
        let Some(glyph) = face.glyph_index(c) else {
            continue;
        };
        let advance = i as f32 * size;
        let mut rings = Rings {
            rings: Vec::new(),
            at: (0.0, 0.0),
            place: Box::new(move |x, y| {
                let (u, v) = (advance + x * scale, y * scale);
                Point {
                    x: Pt(x0 + u * cos - v * sin),
                    y: Pt(y0 + u * sin + v * cos),
                }
            }),
        };
        if face.outline_glyph(glyph, &mut rings).is_some() {
            ops.push(Op::DrawPolygon {
                polygon: Polygon {
                    rings: rings.rings,
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            });
        }
    }
    ops.push(Op::RestoreGraphicsState);
    ops
}
