//! Line breaking for Chinese text on a fixed measure: UAX #14 break opportunities
//! (`unicode-linebreak`), tailored for Chinese quotation marks (“ ‘ open, ” ’ close, where UAX #14
//! glues them to both neighbours), closing punctuation allowed to hang one character past the
//! measure, and over-long Latin words or URLs broken where they must.
//!
//! Written here because no kept crate lays out the GB/T 9704 grid; it is pure (widths in, line
//! ranges out) and property-tested never to lose or reorder a character.

use std::ops::Range;

/// Punctuation that may not start a line (and may hang past the measure).
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '”'
            | '’'
            | '…'
            | '·'
            | '％'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
    )
}

/// Punctuation that may not end a line.
pub fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '《' | '「' | '『' | '【' | '〔' | '〈' | '“' | '‘' | '(' | '[' | '{'
    )
}

/// One laid-out line: the characters it holds, and whether its last one hangs past the measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub range: Range<usize>,
    pub hanging: bool,
    /// The paragraph's last line (not justified).
    pub last: bool,
}

/// Where breaks are allowed: `allowed[i]` means a line may start at character `i`.
pub fn opportunities(chars: &[char]) -> Vec<bool> {
    let text: String = chars.iter().collect();
    let mut byte_to_char = vec![0usize; text.len() + 1];
    for (ci, (bi, _)) in text.char_indices().enumerate() {
        byte_to_char[bi] = ci;
    }
    byte_to_char[text.len()] = chars.len();
    let mut allowed = vec![false; chars.len() + 1];
    for (byte, _) in unicode_linebreak::linebreaks(&text) {
        allowed[byte_to_char[byte]] = true;
    }
    // Tailoring for Chinese quotation marks and punctuation.
    for i in 1..chars.len() {
        let (prev, cur) = (chars[i - 1], chars[i]);
        if matches!(cur, '“' | '‘') && !is_opening(prev) {
            allowed[i] = true;
        }
        if matches!(prev, '”' | '’') && !is_closing(cur) {
            allowed[i] = true;
        }
        if is_closing(cur) || is_opening(prev) {
            allowed[i] = false;
        }
    }
    allowed
}

/// Breaks a paragraph into lines: the first `first_width` wide, the rest `width` wide. `widths`
/// are the characters' advances. `\n` forces a break.
pub fn break_lines(chars: &[char], widths: &[f32], first_width: f32, width: f32) -> Vec<Line> {
    assert_eq!(chars.len(), widths.len());
    let allowed = opportunities(chars);
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let measure = if lines.is_empty() { first_width } else { width };
        let mut used = 0.0;
        let mut end = start;
        let mut hanging = false;
        let mut forced_newline = false;
        while end < chars.len() {
            let c = chars[end];
            if c == '\n' {
                forced_newline = true;
                break;
            }
            if used + widths[end] > measure + 0.01 && end > start {
                if is_closing(c) && !hanging {
                    // Hang one closing mark past the measure rather than start a line with it.
                    hanging = true;
                    end += 1;
                }
                break;
            }
            used += widths[end];
            end += 1;
        }
        let mut stop = end;
        if end < chars.len() && !forced_newline {
            // Back up to the last opportunity inside the line; a word longer than the line is
            // broken where it overflows.
            if let Some(b) = (start + 1..=end).rev().find(|&b| allowed[b]) {
                stop = b;
                if stop < end {
                    hanging = false;
                }
            }
        }
        if stop == start {
            stop = start + 1;
        }
        let next = if forced_newline && stop == end {
            stop + 1
        } else {
            stop
        };
        lines.push(Line {
            range: start..stop,
            hanging: hanging && stop == end,
            last: next >= chars.len() || forced_newline && stop == end,
        });
        start = next;
        // A line never starts with spaces left over from a break.
        while start < chars.len() && chars[start] == ' ' {
            start += 1;
        }
    }
    if lines.is_empty() {
        lines.push(Line {
            range: 0..0,
            hanging: false,
            last: true,
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn layout(text: &str, n: usize) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let widths: Vec<f32> = chars
            .iter()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .collect();
        break_lines(&chars, &widths, n as f32, n as f32)
            .into_iter()
            .map(|l| chars[l.range].iter().collect())
            .collect()
    }

    #[test]
    fn chinese_fills_the_measure() {
        assert_eq!(
            layout("一二三四五六七八九十", 4),
            ["一二三四", "五六七八", "九十"]
        );
    }

    #[test]
    fn closing_punctuation_never_starts_a_line_and_may_hang() {
        let lines = layout("一二三四，五六七八。", 4);
        assert_eq!(lines, ["一二三四，", "五六七八。"]);
        for l in layout("一二三。」四五六七八九", 3) {
            assert!(!l.starts_with(is_closing), "{l}");
        }
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        for l in layout("一二三（四五）六七《八九》十", 4) {
            assert!(!l.ends_with(is_opening), "{l}");
        }
    }

    #[test]
    fn quotation_marks_open_and_close() {
        let lines = layout("他说“可信数据空间”很重要，大家都同意。", 5);
        for l in &lines {
            assert!(!l.ends_with('“') && !l.starts_with('”'), "{lines:?}");
        }
        assert_eq!(lines.concat(), "他说“可信数据空间”很重要，大家都同意。");
    }

    #[test]
    fn long_latin_words_and_urls_still_break() {
        let url = format!("见https://example.com/{}", "a".repeat(40));
        let lines = layout(&url, 6);
        assert!(lines.iter().all(|l| l.chars().count() <= 13), "{lines:?}");
        assert_eq!(lines.concat(), url);
        let mixed = layout("采用AI大模型和Kubernetes容器平台，部署3.5万个节点", 6);
        assert_eq!(
            mixed.concat(),
            "采用AI大模型和Kubernetes容器平台，部署3.5万个节点"
        );
    }

    proptest! {
        #[test]
        fn never_loses_or_reorders_a_character(text in "[一二三四五六七八九十，。、“”（）《》a-z0-9 ]{0,200}", n in 2usize..30) {
            let chars: Vec<char> = text.chars().collect();
            let widths: Vec<f32> = chars.iter().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).collect();
            let lines = break_lines(&chars, &widths, n as f32, n as f32);
            let mut rebuilt = String::new();
            let mut expected = String::new();
            let mut prev_end = 0;
            for l in &lines {
                // Only spaces may be dropped, and only at a break.
                expected.extend(chars[prev_end..l.range.start].iter().filter(|c| **c != ' '));
                rebuilt.extend(chars[l.range.clone()].iter());
                expected.extend(chars[l.range.clone()].iter());
                prev_end = l.range.end;
                prop_assert!(l.range.start <= l.range.end);
            }
            expected.extend(chars[prev_end..].iter().filter(|c| **c != ' '));
            prop_assert_eq!(rebuilt, expected);
        }
    }
}
