//! Small deterministic PNG pictures for sample dossiers: an architecture figure and document
//! "scans" (a page with text bars and a seal). Drawn pixel by pixel; no fonts needed.

use crate::raster::Canvas;

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
