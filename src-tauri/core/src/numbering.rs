//! Official heading numbers: 一、 for sections, （一） / 1. / （1） for sub-headings at levels 2–4,
//! and the Chinese numerals they use.

use crate::model::Block;

/// Chinese numeral for 1..=99 (一 … 十 … 九十九); larger numbers fall back to Arabic digits.
pub fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => DIGITS[0].to_string(),
        1..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n % 10]),
        20..=99 => {
            let tail = if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            };
            format!("{}十{}", DIGITS[n / 10], tail)
        }
        _ => n.to_string(),
    }
}

/// Dates as GB/T 9704 writes them: `2025年5月8日`; blanks for signing by hand when unset.
pub fn chinese_date(d: Option<chrono::NaiveDate>) -> String {
    use chrono::Datelike;
    d.map(|d| format!("{}年{}月{}日", d.year(), d.month(), d.day()))
        .unwrap_or_else(|| "　　年　　月　　日".to_string())
}

/// A month kept as `2025-09`, written as the form writes it: `2025年9月`; blanks when unset.
pub fn chinese_month(month: &str) -> String {
    match crate::model::month_of(month) {
        Some((y, m)) => format!("{y}年{m}月"),
        None if month.trim().is_empty() => "　　年　　月".to_string(),
        None => month.to_string(),
    }
}

/// The number of a section heading (level 1): `一、`.
pub fn section_number(index: usize) -> String {
    format!("{}、", chinese_numeral(index))
}

/// The label of a heading at `level` (2..=4) with 1-based `count` among its siblings.
pub fn heading_label(level: u8, count: usize) -> String {
    match level {
        2 => format!("（{}）", chinese_numeral(count)),
        3 => format!("{count}."),
        _ => format!("（{count}）"),
    }
}

/// Labels for every heading block of a section, in order (`None` for other blocks). Counters
/// restart below each higher-level heading, as in Word's multi-level lists.
pub fn heading_labels(blocks: &[Block]) -> Vec<Option<String>> {
    let mut counters = [0usize; 5];
    blocks
        .iter()
        .map(|block| match block {
            Block::Heading { level, .. } => {
                let level = (*level).clamp(Block::MIN_HEADING_LEVEL, Block::MAX_HEADING_LEVEL);
                counters[level as usize] += 1;
                for deeper in counters.iter_mut().skip(level as usize + 1) {
                    *deeper = 0;
                }
                Some(heading_label(level, counters[level as usize]))
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (23, "二十三"),
        ];
        for (n, s) in cases {
            assert_eq!(chinese_numeral(n), s);
        }
        assert_eq!(section_number(6), "六、");
    }

    #[test]
    fn nested_counters_restart() {
        let blocks = vec![
            Block::heading(2, "a"),
            Block::heading(3, "b"),
            Block::paragraph("p"),
            Block::heading(3, "c"),
            Block::heading(4, "d"),
            Block::heading(2, "e"),
            Block::heading(3, "f"),
        ];
        let labels: Vec<_> = heading_labels(&blocks).into_iter().flatten().collect();
        assert_eq!(labels, ["（一）", "1.", "2.", "（1）", "（二）", "1."]);
    }
}
