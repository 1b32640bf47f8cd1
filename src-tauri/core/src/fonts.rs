//! The fonts shipped in `assets/fonts/`: where they are, which face stands in for which official
//! font name, and which characters they can draw (from their `cmap` tables, via ttf-parser).
//! The PDF exporter embeds them; the checks use [`ShippedFonts`] as their glyph coverage, so a
//! character no shipped font has is a finding before export, never an empty box.

use crate::{CoreError, Result};
use std::path::{Path, PathBuf};

/// A face the exports use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    /// 仿宋_GB2312: body text, headings at levels 3 and 4.
    Fang,
    /// 黑体: level-1 headings, labels.
    Hei,
    /// 楷体_GB2312: level-2 headings.
    Kai,
    /// 宋体: page numbers.
    Song,
    /// 方正小标宋简体: titles.
    Title,
    /// Per-character fallback for ideographs the Fandol faces lack.
    SerifFallback,
    /// Fallback for Hei text.
    SansFallback,
}

impl Face {
    pub const ALL: [Face; 7] = [
        Face::Fang,
        Face::Hei,
        Face::Kai,
        Face::Song,
        Face::Title,
        Face::SerifFallback,
        Face::SansFallback,
    ];

    pub fn file(self) -> &'static str {
        match self {
            Face::Fang => "FandolFang-Regular.otf",
            Face::Hei => "FandolHei-Regular.otf",
            Face::Kai => "FandolKai-Regular.otf",
            Face::Song => "FandolSong-Regular.otf",
            Face::Title => "FandolSong-Bold.otf",
            Face::SerifFallback => "NotoSerifCJK-Regular.ttc",
            Face::SansFallback => "NotoSansCJK-Regular.ttc",
        }
    }

    /// The official font name this face stands in for (said in the export report).
    pub fn official_name(self) -> &'static str {
        match self {
            Face::Fang => "仿宋_GB2312",
            Face::Hei => "黑体",
            Face::Kai => "楷体_GB2312",
            Face::Song => "宋体",
            Face::Title => "方正小标宋简体",
            Face::SerifFallback => "（生僻字后备）",
            Face::SansFallback => "（黑体后备）",
        }
    }
}

/// Where the assets are found when nobody says (see [`crate::app::Assets`]): the folder named
/// by `$DOSSIER_ASSETS` (`named`, as the face read it), else `assets/` beside the executable or
/// one or two levels above it, else the source tree's (development builds). An installed
/// package passes its resource folder instead. The core reads no environment: the faces hand in
/// what they read ([`crate::app::Environment`]).
pub fn default_assets_dir(named: Option<&Path>, exe: Option<&Path>) -> PathBuf {
    if let Some(p) = named.filter(|p| !p.as_os_str().is_empty()) {
        return p.to_path_buf();
    }
    if let Some(exe) = exe {
        for dir in exe.ancestors().skip(1).take(3) {
            let candidate = dir.join("assets");
            if candidate.join("fonts").is_dir() {
                return candidate;
            }
        }
    }
    source_tree_assets()
}

/// The source tree's assets folder (development builds, tests and benchmarks).
pub fn source_tree_assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets")
}

/// A loaded face: its file mapped into memory and its index in a collection.
pub struct LoadedFace {
    pub face: Face,
    map: memmap2::Mmap,
    pub index: u32,
}

impl LoadedFace {
    /// The font file's bytes.
    pub fn data(&self) -> &[u8] {
        &self.map
    }
}

/// Every shipped face, loaded from one folder. Whoever needs fonts is handed this (the
/// application context owns it); nothing holds it process-wide.
pub struct ShippedFonts {
    // Declared first so it is dropped first: these faces borrow from `faces`' mappings.
    parsed: Vec<ttf_parser::Face<'static>>,
    pub faces: Vec<LoadedFace>,
}

impl ShippedFonts {
    /// The fonts of the source tree ([`source_tree_assets`]); tests and benchmarks.
    pub fn shipped() -> Result<ShippedFonts> {
        Self::load(&source_tree_assets().join("fonts"))
    }

    /// Loads every face from `dir`. Fails with a clear message when a file is missing or
    /// unreadable (an incomplete installation).
    // Reviewed: the two mappings below (SAFETY comments) are the core's only unsafe code.
    #[allow(unsafe_code)]
    pub fn load(dir: &Path) -> Result<ShippedFonts> {
        let mut faces = Vec::new();
        let mut parsed = Vec::new();
        for face in Face::ALL {
            let path = dir.join(face.file());
            let unreadable = |e: std::io::Error| CoreError::Io {
                path: path.clone(),
                detail: format!(
                    "字体文件缺失或无法读取（{}），请重新安装申报书工作台",
                    crate::error::describe_io(&e)
                ),
            };
            let file = std::fs::File::open(&path).map_err(unreadable)?;
            // Mapped, not read: 74 MB of fonts of which a check or an export touches a few
            // tables and glyphs, so only those pages become resident (the desktop app's memory
            // was dominated by the fonts read whole).
            // SAFETY: the shipped font files are the program's own read-only assets; nothing
            // writes them while it runs.
            let map = unsafe { memmap2::Mmap::map(&file) }.map_err(unreadable)?;
            // SAFETY: the mapping's bytes stay at their address until the map is dropped (moving
            // the `Mmap` moves a pointer, not the pages), the map is kept in `faces` beside the
            // parsed face, and `parsed` is dropped before `faces`; no `'static` face is handed
            // out (see [`ShippedFonts::face`]).
            let data: &'static [u8] =
                unsafe { std::slice::from_raw_parts(map.as_ptr(), map.len()) };
            let index = simplified_chinese_index(data).ok_or_else(|| CoreError::Io {
                path: path.clone(),
                detail: "不是可用的字体文件".into(),
            })?;
            parsed.push(
                ttf_parser::Face::parse(data, index).map_err(|_| CoreError::Io {
                    path,
                    detail: "字体文件已损坏".into(),
                })?,
            );
            faces.push(LoadedFace { face, map, index });
        }
        Ok(ShippedFonts { parsed, faces })
    }

    /// A face's tables, borrowed from these fonts.
    pub fn face(&self, face: Face) -> &ttf_parser::Face<'_> {
        &self.parsed[Face::ALL
            .iter()
            .position(|f| *f == face)
            .expect("all faces load")]
    }

    /// Whether `face` draws `c` itself.
    pub fn has(&self, face: Face, c: char) -> bool {
        self.face(face).glyph_index(c).is_some()
    }
}

/// In a collection, the Simplified Chinese face (its family name ends in "SC"); else the first.
fn simplified_chinese_index(data: &[u8]) -> Option<u32> {
    let count = ttf_parser::fonts_in_collection(data).unwrap_or(1);
    (0..count)
        .find(|&i| {
            ttf_parser::Face::parse(data, i).is_ok_and(|f| {
                f.names().into_iter().any(|n| {
                    n.name_id == ttf_parser::name_id::FAMILY
                        && n.to_string().is_some_and(|s| s.ends_with(" SC"))
                })
            })
        })
        .or_else(|| ttf_parser::Face::parse(data, 0).ok().map(|_| 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::GlyphCoverage;

    #[test]
    fn shipped_fonts_load_and_cover_what_they_should() {
        let fonts = ShippedFonts::shipped().expect("assets/fonts present");
        for c in "可信数据空间创新发展试点，。（）“”ABC123".chars() {
            assert!(fonts.covers(c), "{c}");
        }
        // A rare GBK ideograph Fandol lacks is still drawn by the fallback.
        assert!(fonts.covers('㐀') || fonts.covers('䶮'));
        for c in ['😀', '\u{E000}', '\u{20000}'] {
            assert!(!fonts.covers(c), "{c:?}");
        }
    }
}
