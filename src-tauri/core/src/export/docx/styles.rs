//! The page layouts as Word styles: fonts by their official names, body size and exact line
//! pitch of the chosen layout, heading styles with outline levels (for the navigation pane and
//! the contents), captions, table text, footer.

use crate::document::PageSpec;
use docx_rs::*;

/// Footer distance from the page edge on the GB/T 9704 page: the number sits about 7 mm below
/// the type area.
pub const FOOTER_DISTANCE: i32 = 1587;

/// Points to twips.
pub fn twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// A page layout's figures as Word counts them.
#[derive(Debug, Clone, Copy)]
pub struct Metrics {
    /// Body size in half-points.
    pub body: usize,
    /// Exact body line pitch in twips.
    pub pitch: i32,
    /// Two characters of body text, the paragraph indent.
    pub indent: i32,
}

impl Metrics {
    pub fn of(spec: &PageSpec) -> Self {
        Metrics {
            body: (spec.body * 2.0).round() as usize,
            pitch: twips(spec.pitch),
            indent: twips(2.0 * spec.body),
        }
    }
}

pub const FANGSONG: &str = "仿宋_GB2312";
pub const HEITI: &str = "黑体";
pub const KAITI: &str = "楷体_GB2312";
pub const SONGTI: &str = "宋体";
pub const TITLE_FONT: &str = "方正小标宋简体";
pub const LATIN: &str = "Times New Roman";

pub fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .cs(LATIN)
}

pub fn exact(pitch: i32) -> LineSpacing {
    LineSpacing::new()
        .line(pitch)
        .line_rule(LineSpacingType::Exact)
        .before(0)
        .after(0)
}

/// Paragraph and character styles. Ids are ASCII; names are Word's built-in names so that the
/// navigation pane and the table of contents recognise the headings.
pub fn styles(m: Metrics) -> Vec<Style> {
    let heading = |id: &str, name: &str, level: usize, font: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .outline_lvl(level)
            .fonts(fonts(font))
            .size(m.body)
            .line_spacing(exact(m.pitch))
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(m.indent)),
                None,
                None,
            )
    };
    vec![
        heading("Heading1", "heading 1", 0, HEITI),
        heading("Heading2", "heading 2", 1, KAITI),
        heading("Heading3", "heading 3", 2, FANGSONG).bold(),
        heading("Heading4", "heading 4", 3, FANGSONG),
        Style::new("DocTitle", StyleType::Paragraph)
            .name("Title")
            .snap_to_grid(false)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .fonts(fonts(TITLE_FONT))
            .size(44)
            .align(AlignmentType::Center)
            .line_spacing(
                LineSpacing::new()
                    .line(800)
                    .line_rule(LineSpacingType::Exact),
            )
            .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None),
        Style::new("Caption", StyleType::Paragraph)
            .name("caption")
            .snap_to_grid(false)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .fonts(fonts(HEITI))
            .size(28)
            .align(AlignmentType::Center)
            .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None),
        Style::new("TableText", StyleType::Paragraph)
            .name("Table Text")
            .snap_to_grid(false)
            .based_on("Normal")
            .fonts(fonts(FANGSONG))
            .size(24)
            .align(AlignmentType::Center)
            .line_spacing(
                LineSpacing::new()
                    .line(360)
                    .line_rule(LineSpacingType::Exact),
            )
            .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None),
        Style::new("TOC1", StyleType::Paragraph)
            .name("toc 1")
            .snap_to_grid(false)
            .based_on("Normal")
            .next("Normal")
            .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None),
        Style::new("TOC2", StyleType::Paragraph)
            .name("toc 2")
            .snap_to_grid(false)
            .based_on("Normal")
            .next("Normal")
            .indent(
                Some(m.indent),
                Some(SpecialIndentType::FirstLine(0)),
                None,
                None,
            ),
        Style::new("Footer", StyleType::Paragraph)
            .name("footer")
            .snap_to_grid(false)
            .based_on("Normal")
            .fonts(fonts(SONGTI))
            .size(28)
            .line_spacing(
                LineSpacing::new()
                    .line(240)
                    .line_rule(LineSpacingType::Auto),
            )
            .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None),
    ]
}
