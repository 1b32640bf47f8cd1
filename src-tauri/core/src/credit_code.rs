//! 统一社会信用代码 (GB 32100-2015): validation and check-character computation.

const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Why a code is not valid, in words a user understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditCodeProblem {
    Length(usize),
    Character { position: usize, ch: char },
    RegionNotDigits,
    CheckCharacter { expected: char, found: char },
}

impl std::fmt::Display for CreditCodeProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CreditCodeProblem::Length(n) => write!(f, "应为 18 位，实际为 {n} 位"),
            CreditCodeProblem::Character { position, ch } => write!(
                f,
                "第 {position} 位“{ch}”不是允许的字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）"
            ),
            CreditCodeProblem::RegionNotDigits => {
                write!(f, "第 3 至 8 位（登记管理机关行政区划码）应为数字")
            }
            CreditCodeProblem::CheckCharacter { expected, found } => {
                write!(f, "校验位应为“{expected}”，实际为“{found}”，请核对是否抄错")
            }
        }
    }
}

fn value_of(ch: char) -> Option<u32> {
    CHARSET.find(ch).map(|i| i as u32)
}

/// The check character for the first 17 characters, or `None` when one is not allowed.
pub fn check_character(first17: &str) -> Option<char> {
    let mut sum = 0u32;
    let mut count = 0;
    for (ch, weight) in first17.chars().zip(WEIGHTS) {
        sum += value_of(ch)? * weight;
        count += 1;
    }
    if count != 17 || first17.chars().count() != 17 {
        return None;
    }
    let check = (31 - sum % 31) % 31;
    CHARSET.chars().nth(check as usize)
}

/// Validates a code; `Ok(())` when it is well formed and its check character is right.
pub fn validate(code: &str) -> Result<(), CreditCodeProblem> {
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(CreditCodeProblem::Length(chars.len()));
    }
    for (i, &ch) in chars.iter().enumerate() {
        if value_of(ch).is_none() {
            return Err(CreditCodeProblem::Character {
                position: i + 1,
                ch,
            });
        }
    }
    if !chars[2..8].iter().all(char::is_ascii_digit) {
        return Err(CreditCodeProblem::RegionNotDigits);
    }
    let first17: String = chars[..17].iter().collect();
    let expected = check_character(&first17).expect("all characters were checked");
    if expected != chars[17] {
        return Err(CreditCodeProblem::CheckCharacter {
            expected,
            found: chars[17],
        });
    }
    Ok(())
}

/// Completes 17 characters with their check character.
pub fn complete(first17: &str) -> Option<String> {
    check_character(first17).map(|c| format!("{first17}{c}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_vectors() {
        assert_eq!(validate("91350100M000100Y43"), Ok(()));
        assert!(matches!(
            validate("91350100M000100Y4Z"),
            Err(CreditCodeProblem::Character { position: 18, .. })
        ));
        assert_eq!(
            validate("91350100M000100Y44"),
            Err(CreditCodeProblem::CheckCharacter {
                expected: '3',
                found: '4'
            })
        );
        assert_eq!(validate("9135"), Err(CreditCodeProblem::Length(4)));
        assert_eq!(
            validate("91A50100M000100Y43"),
            Err(CreditCodeProblem::RegionNotDigits)
        );
    }

    #[test]
    fn completion_round_trips() {
        let code = complete("91350100M000100Y4").unwrap();
        assert_eq!(code, "91350100M000100Y43");
        assert_eq!(complete("91350100M000100YI"), None);
    }
}
