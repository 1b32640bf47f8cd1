//! Shapes of typed values (dates, numbers, mobiles, e-mails, ID numbers) and a description of
//! what is wrong with one, in Chinese.

use crate::credit_code;
use crate::template::FieldKind;
use chrono::NaiveDate;

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

pub fn is_mobile(text: &str) -> bool {
    let t = text.trim();
    t.len() == 11
        && t.starts_with('1')
        && t.as_bytes()[1].is_ascii_digit()
        && (b'3'..=b'9').contains(&t.as_bytes()[1])
        && t.bytes().all(|b| b.is_ascii_digit())
}

pub fn is_email(text: &str) -> bool {
    let t = text.trim();
    let Some((local, domain)) = t.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !t.contains(char::is_whitespace)
        && !domain.contains('@')
        && t.is_ascii()
}

pub fn is_number(text: &str) -> bool {
    let t = text.trim().replace([',', '，'], "");
    let t = t.strip_suffix('%').unwrap_or(&t);
    !t.is_empty() && t.parse::<f64>().is_ok_and(f64::is_finite)
}

/// What is wrong with a value of `kind`, or `None` when it fits. Empty values fit (required-ness
/// is another rule).
pub fn problem(kind: FieldKind, text: &str, options: &[String]) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match kind {
        FieldKind::Date => parse_date(t)
            .is_none()
            .then(|| format!("“{t}”不是有效日期，应写成 2025-09-01 的形式")),
        FieldKind::Number | FieldKind::Money => (!is_number(t)).then(|| format!("“{t}”不是数字")),
        FieldKind::Percent => {
            (!is_number(t)).then(|| format!("“{t}”不是数字（百分比写数值，如 46.5）"))
        }
        FieldKind::Mobile => (!is_mobile(t)).then(|| format!("“{t}”不是 11 位手机号码")),
        FieldKind::Email => (!is_email(t)).then(|| format!("“{t}”不是有效的电子邮箱地址")),
        FieldKind::CreditCode => credit_code::validate(t)
            .err()
            .map(|p| format!("统一社会信用代码“{t}”{p}")),
        FieldKind::Choice => (!options.iter().any(|o| o == t))
            .then(|| format!("“{t}”不是可选值之一（{}）", options.join("、"))),
        FieldKind::Month => crate::model::month_of(t)
            .is_none()
            .then(|| format!("“{t}”不是有效的年月，应写成 2025-09 的形式")),
        FieldKind::Figures => t
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .find(|(_, l)| figure(l).is_none())
            .map(|(i, l)| {
                format!(
                    "第 {} 项“{}”没有数值，应写成“指标名称：数值单位”，如“开放数据集：26个”",
                    i + 1,
                    l.trim()
                )
            }),
        FieldKind::Text | FieldKind::Multiline | FieldKind::Bool => None,
    }
}

/// One indicator figure of the 响应表: `开放数据集：26个` → name, value, unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub name: String,
    pub value: f64,
    pub unit: String,
}

/// Reads one line `名称：数值单位` (the colon full- or half-width; the number may carry commas).
pub fn figure(line: &str) -> Option<Figure> {
    let (name, rest) = line.trim().split_once(['：', ':'])?;
    let rest = rest.trim();
    let end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '，')))
        .map_or(rest.len(), |(i, _)| i);
    let value: f64 = rest[..end].replace([',', '，'], "").parse().ok()?;
    Some(Figure {
        name: name.trim().to_string(),
        value,
        unit: rest[end..].trim().to_string(),
    })
}

/// 18-character resident ID numbers (GB 11643) with a valid check digit and birth date, found in
/// `text` where they stand alone (not inside a longer run of digits).
pub fn id_numbers(text: &str) -> Vec<String> {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    runs(text, |c| c.is_ascii_digit() || c == 'X' || c == 'x')
        .into_iter()
        .filter(|r| r.len() == 18 && r[..17].bytes().all(|b| b.is_ascii_digit()))
        .filter(|r| {
            let sum: u32 = r
                .bytes()
                .take(17)
                .zip(WEIGHTS)
                .map(|(b, w)| (b - b'0') as u32 * w)
                .sum();
            let check = CHECK[(sum % 11) as usize] as char;
            let birth = NaiveDate::parse_from_str(&r[6..14], "%Y%m%d").is_ok();
            birth && r[17..].eq_ignore_ascii_case(&check.to_string())
        })
        .collect()
}

/// Mobile numbers standing alone in `text`.
pub fn mobile_numbers(text: &str) -> Vec<String> {
    runs(text, |c| c.is_ascii_digit())
        .into_iter()
        .filter(|r| is_mobile(r))
        .collect()
}

/// Maximal runs of characters matching `keep`, bounded by ASCII letters or digits on neither side.
fn runs(text: &str, keep: impl Fn(char) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut spoiled = false;
    let mut prev_alnum = false;
    for c in text.chars().chain(std::iter::once(' ')) {
        if keep(c) {
            if current.is_empty() && prev_alnum {
                spoiled = true;
            }
            current.push(c);
        } else {
            if !current.is_empty() && !spoiled && !c.is_ascii_alphanumeric() {
                out.push(std::mem::take(&mut current));
            }
            current.clear();
            spoiled = false;
        }
        prev_alnum = c.is_ascii_alphanumeric();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(is_mobile("13800138000"));
        assert!(!is_mobile("12800138000"));
        assert!(!is_mobile("1380013800"));
        assert!(is_email("a.b@example.com"));
        assert!(!is_email("a@b"));
        assert!(!is_email("张三@例子.中国"));
        assert!(is_number("1,200.5"));
        assert!(is_number("35%"));
        assert!(!is_number("约100"));
    }

    #[test]
    fn finds_ids_and_mobiles_standing_alone() {
        // 11010519491231002X is the standard's published example.
        assert_eq!(
            id_numbers("身份证号11010519491231002X。"),
            ["11010519491231002X"]
        );
        assert!(
            id_numbers("编号110105194912310021").is_empty(),
            "bad check digit"
        );
        assert_eq!(mobile_numbers("请拨打13800138000联系"), ["13800138000"]);
        assert!(mobile_numbers("订单号913800138000").is_empty());
        assert!(mobile_numbers("DS13800138000").is_empty());
    }
}
