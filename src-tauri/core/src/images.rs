//! Pixel sizes of PNG and JPEG files, read from their headers (no decoding), so that images are
//! placed at their aspect ratio and passed through byte for byte.

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
