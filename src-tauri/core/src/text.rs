//! Text hygiene: which characters a dossier may hold. Control characters (other than line feed
//! and tab) cannot be written to XML 1.0 or printed, so they are refused at the door with the
//! place they were found.

use crate::{CoreError, Result};

/// The first forbidden character of `text`, with its 1-based character position.
pub fn first_control_char(text: &str) -> Option<(usize, char)> {
    text.chars()
        .enumerate()
        .find(|(_, c)| is_forbidden(*c))
        .map(|(i, c)| (i + 1, c))
}

fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Checks one piece of text; `place` names where it is, for the message.
pub fn check(place: &str, text: &str) -> Result<()> {
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
    }
}
