//! Text hygiene: which characters a dossier may hold, and how much one text may be. Control
//! characters (other than line feed and tab) cannot be written to XML 1.0 or printed, and a text
//! past [`MAX_TEXT_BYTES`] cannot be laid out in any reasonable memory, so both are refused at the
//! door with the place they were found.

/// The most one text (a paragraph, a cell, a field) may hold: 16 MiB, about 5.5 million 字 —
/// far past any form's limit, and still exportable.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

use crate::{CoreError, Result};

/// The first forbidden character of `text`, with its 1-based character position.
pub fn first_control_char(text: &str) -> Option<(usize, char)> {
    text.chars()
        .enumerate()
        .find(|(_, c)| is_forbidden(*c))
        .map(|(i, c)| (i + 1, c))
}

/// Whether a dossier may not hold `c`: control characters other than line feed and tab, and the
/// two non-characters.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Checks one piece of text; `place` names where it is, for the message.
pub fn check(place: &str, text: &str) -> Result<()> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(CoreError::input(
            place,
            format!(
                "这段文字有 {:.1} MB，超过一段文字的上限 {} MB（约 {} 万字）；请分成多段或精简后再保存",
                text.len() as f64 / 1024.0 / 1024.0,
                MAX_TEXT_BYTES / 1024 / 1024,
                MAX_TEXT_BYTES / 3 / 10_000
            ),
        ));
    }
    match first_control_char(text) {
        None => Ok(()),
        Some((pos, c)) => Err(CoreError::input(
            place,
            format!(
                "第 {pos} 个字符是不可见的控制字符 U+{:04X}，无法写入文件或打印，请删除后重试",
                c as u32
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_controls_but_allows_newlines() {
        assert_eq!(first_control_char("正常文本\n第二行\t"), None);
        assert_eq!(first_control_char("ab\u{7}c"), Some((3, '\u{7}')));
        let err = check("title", "x\u{0}").unwrap_err();
        assert!(err.to_string().contains("U+0000"), "{err}");
        let big = "字".repeat(MAX_TEXT_BYTES / 3 + 1);
        let err = check("sections[0]", &big).unwrap_err().to_string();
        assert!(err.contains("超过一段文字的上限 16 MB"), "{err}");
        assert!(check("sections[0]", &"字".repeat(MAX_TEXT_BYTES / 3)).is_ok());
    }
}
