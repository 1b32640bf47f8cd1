//! The official print layout as Word styles and numbering (GB/T 9704): page, fonts, the 22-line
//! grid, heading styles with outline levels and the 一、（一）1.（1） multi-level list.

use docx_rs::*;

/// A4 in twips.
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;
/// Margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (twips).
pub const MARGIN_TOP: i32 = 2098;
pub const MARGIN_BOTTOM: i32 = 1984;
pub const MARGIN_LEFT: i32 = 1587;
pub const MARGIN_RIGHT: i32 = 1474;
/// Footer distance from the page edge: the number sits about 7 mm below the type area.
pub const FOOTER_DISTANCE: i32 = 1587;
/// The type area's width: 156 mm.
pub const TYPE_WIDTH_TWIPS: usize = 8844;
/// Exact line pitch giving 22 lines in the 225 mm type area (22 × 579 = 12 738 ≤ 12 756).
pub const LINE_PITCH: i32 = 579;
/// 三号 = 16 pt, in half-points.
pub const BODY_SIZE: usize = 32;
/// Two characters of 三号 text, the paragraph indent.
pub const INDENT_2_CHARS: i32 = 640;

pub const FANGSONG: &str = "仿宋_GB2312";
pub const HEITI: &str = "黑体";
pub const KAITI: &str = "楷体_GB2312";
pub const SONGTI: &str = "宋体";
pub const TITLE_FONT: &str = "方正小标宋简体";
pub const LATIN: &str = "Times New Roman";

/// The numbering id of the heading list (ids ≥ 2: docx-rs reserves 1).
pub const HEADING_NUMBERING: usize = 2;

pub fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .cs(LATIN)
}

pub fn exact_lines() -> LineSpacing {
    LineSpacing::new()
        .line(LINE_PITCH)
        .line_rule(LineSpacingType::Exact)
        .before(0)
        .after(0)
}

/// Paragraph and character styles. Ids are ASCII; names are Word's built-in names so that the
/// navigation pane and the table of contents recognise the headings.
pub fn styles() -> Vec<Style> {
    let heading = |id: &str, name: &str, level: usize, font: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .outline_lvl(level)
            .fonts(fonts(font))
            .size(BODY_SIZE)
            .line_spacing(exact_lines())
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(INDENT_2_CHARS)),
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
                Some(INDENT_2_CHARS),
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

/// The heading list: 一、 / （一） / 1. / （1）, no tab after the number.
pub fn heading_numbering() -> (AbstractNumbering, Numbering) {
    let level = |i: usize, format: &str, text: &str, style: &str| {
        Level::new(
            i,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .suffix(LevelSuffixType::Nothing)
        .paragraph_style(style)
        .indent(
            Some(0),
            Some(SpecialIndentType::FirstLine(INDENT_2_CHARS)),
            None,
            None,
        )
    };
    let abstract_numbering = AbstractNumbering::new(HEADING_NUMBERING)
        .add_level(level(0, "chineseCounting", "%1、", "Heading1"))
        .add_level(level(1, "chineseCounting", "（%2）", "Heading2"))
        .add_level(level(2, "decimal", "%3.", "Heading3"))
        .add_level(level(3, "decimal", "（%4）", "Heading4"));
    (
        abstract_numbering,
        Numbering::new(HEADING_NUMBERING, HEADING_NUMBERING),
    )
}
