//! Small deterministic PNG pictures for sample dossiers: an architecture figure and document
//! "scans" (a page with text bars and a seal). Drawn pixel by pixel; no fonts needed.

/// A plain RGB canvas.
struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32, background: [u8; 3]) -> Self {
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

    fn rect(&mut self, x: u32, y: u32, w: u32, h: u32, color: [u8; 3]) {
        for yy in y..(y + h).min(self.height) {
            for xx in x..(x + w).min(self.width) {
                let i = ((yy * self.width + xx) * 3) as usize;
                self.pixels[i..i + 3].copy_from_slice(&color);
            }
        }
    }

    fn frame(&mut self, x: u32, y: u32, w: u32, h: u32, t: u32, color: [u8; 3]) {
        self.rect(x, y, w, t, color);
        self.rect(x, y + h - t, w, t, color);
        self.rect(x, y, t, h, color);
        self.rect(x + w - t, y, t, h, color);
    }

    fn ring(&mut self, cx: i64, cy: i64, r: i64, t: i64, color: [u8; 3]) {
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

    fn png(&self) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, self.width, self.height);
            enc.set_color(png::ColorType::Rgb);
            enc.set_depth(png::BitDepth::Eight);
            enc.set_compression(png::Compression::Best);
            let mut writer = enc.write_header().expect("PNG header to memory");
            writer
                .write_image_data(&self.pixels)
                .expect("PNG data to memory");
        }
        out
    }
}

/// A layered architecture diagram: four layers of boxes with a side bar, colours varied by `seed`.
pub fn architecture_figure(seed: u64) -> Vec<u8> {
    let mut c = Canvas::new(1200, 720, [255, 255, 255]);
    let palette = [
        [46, 94, 170],
        [61, 142, 117],
        [196, 125, 36],
        [120, 86, 160],
    ];
    for layer in 0..4u32 {
        let y = 40 + layer * 165;
        let color = palette[((layer as u64 + seed) % 4) as usize];
        c.frame(40, y, 960, 140, 3, color);
        let boxes = 3 + (layer + seed as u32) % 3;
        let w = (920 - (boxes - 1) * 20) / boxes;
        for b in 0..boxes {
            c.rect(
                60 + b * (w + 20),
                y + 30,
                w,
                80,
                color.map(|v| 255 - (255 - v) / 3),
            );
        }
    }
    c.frame(1030, 40, 130, 635, 3, [180, 40, 40]);
    c.rect(1050, 70, 90, 575, [250, 225, 225]);
    c.png()
}

/// A one-page document scan: paper, a title bar, text lines and a red seal.
pub fn document_scan(seed: u64) -> Vec<u8> {
    let mut c = Canvas::new(620, 877, [250, 249, 244]);
    c.frame(30, 30, 560, 817, 2, [90, 90, 90]);
    c.rect(190, 80, 240, 22, [60, 60, 60]);
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    for line in 0..24u32 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
        let indent = if line % 6 == 0 { 60 } else { 0 };
        let len = 320 + ((state >> 33) % 160) as u32;
        c.rect(
            70 + indent,
            140 + line * 24,
            len - indent,
            9,
            [120, 120, 120],
        );
    }
    c.ring(460, 740, 62, 6, [200, 30, 30]);
    c.rect(430, 735, 60, 10, [200, 30, 30]);
    c.png()
}
