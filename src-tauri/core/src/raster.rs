//! A tiny RGB raster for the pictures the program draws itself (sample figures and scans, the
//! milestone Gantt chart): rectangles, rings, digits from a built-in 5×7 bitmap font, PNG output.
//! Hand-written because these pictures need only boxes and digits, not a graphics library.

/// A plain RGB canvas.
pub struct Canvas {
    pub width: u32,
    pub height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    pub fn new(width: u32, height: u32, background: [u8; 3]) -> Self {
        let pixels = background
            .iter()
            .copied()
            .cycle()
            .take((width * height * 3) as usize)
            .collect();
        Canvas {
            width,
            height,
            pixels,
        }
    }

    pub fn rect(&mut self, x: u32, y: u32, w: u32, h: u32, color: [u8; 3]) {
        for yy in y..(y + h).min(self.height) {
            for xx in x..(x + w).min(self.width) {
                let i = ((yy * self.width + xx) * 3) as usize;
                self.pixels[i..i + 3].copy_from_slice(&color);
            }
        }
    }

    pub fn frame(&mut self, x: u32, y: u32, w: u32, h: u32, t: u32, color: [u8; 3]) {
        self.rect(x, y, w, t, color);
        self.rect(x, y + h - t, w, t, color);
        self.rect(x, y, t, h, color);
        self.rect(x + w - t, y, t, h, color);
    }

    pub fn ring(&mut self, cx: i64, cy: i64, r: i64, t: i64, color: [u8; 3]) {
        for y in (cy - r).max(0)..(cy + r).min(self.height as i64) {
            for x in (cx - r).max(0)..(cx + r).min(self.width as i64) {
                let d2 = (x - cx).pow(2) + (y - cy).pow(2);
                if d2 <= r * r && d2 >= (r - t) * (r - t) {
                    let i = ((y as u32 * self.width + x as u32) * 3) as usize;
                    self.pixels[i..i + 3].copy_from_slice(&color);
                }
            }
        }
    }

    pub fn png(&self) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, self.width, self.height);
            enc.set_color(png::ColorType::Rgb);
            enc.set_depth(png::BitDepth::Eight);
            enc.set_compression(png::Compression::Fast);
            let mut writer = enc.write_header().expect("PNG header to memory");
            writer
                .write_image_data(&self.pixels)
                .expect("PNG data to memory");
        }
        out
    }
}

/// 5×7 bitmaps of `0`–`9`, `.` and `-`, one byte per row, high bit of the low five on the left.
fn glyph(c: char) -> Option<[u8; 7]> {
    Some(match c {
        '0' => [0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E],
        '1' => [0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E],
        '2' => [0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F],
        '3' => [0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E],
        '4' => [0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02],
        '5' => [0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E],
        '6' => [0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E],
        '7' => [0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
        '8' => [0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E],
        '9' => [0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C],
        '.' => [0x00, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x0C],
        '-' => [0x00, 0x00, 0x00, 0x1F, 0x00, 0x00, 0x00],
        _ => return None,
    })
}

impl Canvas {
    /// Draws `text` (digits, `.`, `-`) with its top-left at (x, y), each bitmap pixel `scale` wide.
    pub fn digits(&mut self, x: u32, y: u32, text: &str, scale: u32, color: [u8; 3]) {
        let mut cx = x;
        for c in text.chars() {
            if let Some(rows) = glyph(c) {
                for (ry, bits) in rows.iter().enumerate() {
                    for rx in 0..5 {
                        if bits & (0x10 >> rx) != 0 {
                            self.rect(cx + rx * scale, y + ry as u32 * scale, scale, scale, color);
                        }
                    }
                }
            }
            cx += 6 * scale;
        }
    }

    /// The width `digits` takes for `text`.
    pub fn digits_width(text: &str, scale: u32) -> u32 {
        (text.chars().count() as u32 * 6).saturating_sub(1) * scale
    }
}
