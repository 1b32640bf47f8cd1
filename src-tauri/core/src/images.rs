//! Pixel sizes of PNG and JPEG files, read from their headers (no decoding), so that images are
//! placed at their aspect ratio and passed through byte for byte; and whether a file can be drawn
//! at all ([`problem`]): a damaged or truncated file, or one that claims a size no scan has, is
//! reported (a finding on its attachment or picture) and never put into an export.

/// The most pixels an image may have: a 600 dpi A3 scan has about 70 million.
pub const MAX_PIXELS: u64 = 100_000_000;

/// Why the picture in `data` cannot be drawn, in Chinese; `None` when it can. Reads the file's
/// structure, not its pixels: the header, the size it claims, and that the image data is there.
pub fn problem(data: &[u8]) -> Option<String> {
    let Some((w, h)) = dimensions(data) else {
        return Some("无法读取图片的尺寸，文件不完整或已损坏".into());
    };
    if w as u64 * h as u64 > MAX_PIXELS {
        return Some(format!(
            "图片声称有 {w}×{h} 像素，超过上限 {} 万像素，文件可能已损坏",
            MAX_PIXELS / 10_000
        ));
    }
    if data.starts_with(&[0xFF, 0xD8]) {
        // The scan data follows a start-of-scan marker and ends with the end-of-image marker.
        let has_scan = data.windows(2).any(|m| m == [0xFF, 0xDA]);
        let ends = data
            .iter()
            .rev()
            .skip_while(|b| **b == 0)
            .take(2)
            .eq([0xD9u8, 0xFF].iter());
        if !has_scan || !ends {
            return Some("JPEG 文件不完整（缺少图像数据或文件结尾），可能传输中断或已损坏".into());
        }
        return None;
    }
    // A PNG: chunks whole up to IEND, with image data.
    let mut pos = 8;
    let (mut idat, mut end) = (false, false);
    while pos + 12 <= data.len() {
        let len =
            u32::from_be_bytes([data[pos], data[pos + 1], data[pos + 2], data[pos + 3]]) as usize;
        let Some(kind) = data.get(pos + 4..pos + 8) else {
            break;
        };
        if data.len() < pos + 12 + len {
            break;
        }
        match kind {
            b"IDAT" => idat = true,
            b"IEND" => {
                end = true;
                break;
            }
            _ => {}
        }
        pos += 12 + len;
    }
    if !idat || !end {
        return Some("PNG 文件不完整（缺少图像数据或文件结尾），可能传输中断或已损坏".into());
    }
    None
}

/// `(width, height)` in pixels, or `None` when the header cannot be read.
pub fn dimensions(data: &[u8]) -> Option<(u32, u32)> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") && data.len() >= 24 {
        let w = u32::from_be_bytes(data[16..20].try_into().ok()?);
        let h = u32::from_be_bytes(data[20..24].try_into().ok()?);
        return (w > 0 && h > 0).then_some((w, h));
    }
    jpeg_frame(data).map(|(w, h, _)| (w, h))
}

/// A JPEG's frame header: width, height and number of colour components.
fn jpeg_frame(data: &[u8]) -> Option<(u32, u32, u8)> {
    if !data.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut i = 2;
    while i + 9 < data.len() {
        if data[i] != 0xFF {
            i += 1;
            continue;
        }
        let marker = data[i + 1];
        let len = u16::from_be_bytes([data[i + 2], data[i + 3]]) as usize;
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            let h = u16::from_be_bytes([data[i + 5], data[i + 6]]) as u32;
            let w = u16::from_be_bytes([data[i + 7], data[i + 8]]) as u32;
            return (w > 0 && h > 0).then_some((w, h, data[i + 9]));
        }
        i += 2 + len;
    }
    None
}

/// How an image's own bytes go into a PDF unchanged: JPEG as `DCTDecode`, a plain 8-bit PNG's
/// compressed data as `FlateDecode` with the PNG predictor. `None` for anything else (palette,
/// alpha, 16-bit, interlaced), which must be decoded instead.
pub enum PdfImage {
    Jpeg {
        width: u32,
        height: u32,
        components: u8,
        data: Vec<u8>,
    },
    Png {
        width: u32,
        height: u32,
        colors: u8,
        idat: Vec<u8>,
    },
}

pub fn pdf_passthrough(data: &[u8]) -> Option<PdfImage> {
    if let Some((width, height, components)) = jpeg_frame(data) {
        return matches!(components, 1 | 3 | 4).then(|| PdfImage::Jpeg {
            width,
            height,
            components,
            data: data.to_vec(),
        });
    }
    if !data.starts_with(b"\x89PNG\r\n\x1a\n") {
        return None;
    }
    let mut pos = 8;
    let (mut width, mut height, mut colors) = (0, 0, 0);
    let mut idat = Vec::new();
    while pos + 8 <= data.len() {
        let len = u32::from_be_bytes(data[pos..pos + 4].try_into().ok()?) as usize;
        let kind = &data[pos + 4..pos + 8];
        let body = data.get(pos + 8..pos + 8 + len)?;
        match kind {
            b"IHDR" => {
                width = u32::from_be_bytes(body[0..4].try_into().ok()?);
                height = u32::from_be_bytes(body[4..8].try_into().ok()?);
                let (depth, color, interlace) = (body[8], body[9], body[12]);
                colors = match color {
                    0 => 1,
                    2 => 3,
                    _ => return None,
                };
                if depth != 8 || interlace != 0 {
                    return None;
                }
            }
            b"IDAT" => idat.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        pos += 12 + len;
    }
    (width > 0 && !idat.is_empty()).then_some(PdfImage::Png {
        width,
        height,
        colors,
        idat,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn damaged_and_oversized_pictures_have_a_problem() {
        let png = crate::sample::images::architecture_figure(0);
        assert_eq!(super::problem(&png), None);
        // Cut short: no IEND.
        assert!(
            super::problem(&png[..png.len() / 2])
                .unwrap()
                .contains("不完整")
        );
        // A header claiming 100000×100000.
        let mut huge = png.clone();
        huge[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        huge[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        assert!(super::problem(&huge).unwrap().contains("超过上限"));
        // A JPEG that is only its header: start, a frame, nothing after.
        let mut jpeg = vec![
            0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10, 0x03,
        ];
        jpeg.extend([0u8; 16]);
        assert!(super::problem(&jpeg).unwrap().contains("JPEG 文件不完整"));
        assert!(super::problem(b"not an image").is_some());
    }

    #[test]
    fn reads_png_headers() {
        let png = crate::sample::images::architecture_figure(0);
        assert_eq!(super::dimensions(&png), Some((1200, 720)));
        assert_eq!(super::dimensions(b"not an image"), None);
        assert!(matches!(
            super::pdf_passthrough(&png),
            Some(super::PdfImage::Png {
                width: 1200,
                height: 720,
                colors: 3,
                ..
            })
        ));
    }
}
