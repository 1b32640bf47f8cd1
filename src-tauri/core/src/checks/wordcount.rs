//! 字数 counted the Chinese way: each Han character and each full-width punctuation mark is one;
//! a run of Latin letters or digits (a number may hold `.` or `,` between digits) is one word;
//! spaces and half-width punctuation are not counted.

/// How a character counts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Counts one by itself (Han, full-width punctuation).
    One,
    /// Part of a Latin/digit run.
    Word,
    /// Not counted.
    None,
}

fn kind(c: char) -> Kind {
    match c {
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}'
        | '\u{3000}'..='\u{303F}'
        | '\u{FE30}'..='\u{FE4F}'
        | '“'
        | '”'
        | '‘'
        | '’'
        | '—'
        | '…'
        | '·' => Kind::One,
        // Full-width letters and digits belong to word runs; other full-width forms count one.
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => Kind::Word,
        '\u{FF01}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}' => Kind::One,
        c if c.is_alphanumeric() => Kind::Word,
        _ => Kind::None,
    }
}

/// The 字数 of a piece of text.
pub fn count(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut total = 0;
    let mut in_word = false;
    for (i, &c) in chars.iter().enumerate() {
        match kind(c) {
            Kind::One => {
                total += 1;
                in_word = false;
            }
            Kind::Word => {
                if !in_word {
                    total += 1;
                    in_word = true;
                }
            }
            Kind::None => {
                // `3.5` and `1,200` stay one word: a separator between two digits does not end it.
                let joins = (c == '.' || c == ',')
                    && in_word
                    && i > 0
                    && chars[i - 1].is_ascii_digit()
                    && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
                if !joins {
                    in_word = false;
                }
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::count;
    use proptest::prelude::*;

    #[test]
    fn examples() {
        assert_eq!(count("可信数据空间"), 6);
        assert_eq!(count("可信数据空间。"), 7);
        assert_eq!(count("采用 AI 技术"), 5);
        assert_eq!(count("投入3.5亿元，覆盖1,200家企业"), 12);
        assert_eq!(count("“数据要素×”行动"), 8);
        assert_eq!(count("API-gateway v2"), 3);
        assert_eq!(count(""), 0);
        assert_eq!(count("   ,.;"), 0);
    }

    fn han() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::char::range('\u{4E00}', '\u{9FA5}'), 0..40)
            .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn han_text_counts_each_character(s in han()) {
            prop_assert_eq!(count(&s), s.chars().count());
        }

        #[test]
        fn spaces_separate_and_add(a in "\\PC{0,40}", b in "\\PC{0,40}") {
            let joined = format!("{a} {b}");
            prop_assert_eq!(count(&joined), count(&a) + count(&b));
        }

        #[test]
        fn concatenation_never_counts_more(a in "\\PC{0,40}", b in "\\PC{0,40}") {
            let joined = format!("{a}{b}");
            prop_assert!(count(&joined) <= count(&a) + count(&b));
        }

        #[test]
        fn a_latin_word_counts_once(w in "[A-Za-z0-9]{1,30}") {
            prop_assert_eq!(count(&w), 1);
            let padded = format!("数据{w}空间");
            prop_assert_eq!(count(&padded), 5);
        }
    }
}
