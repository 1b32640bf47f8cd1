//! Reading front matter written before the official form (templates 2025.1, interchange format 1):
//! the fields the form has move to their new names, and those it has not (成立日期, 注册资本, the
//! declarations, our own commitment clauses, the consent's 文号) become [`Unplaced`] content of the
//! dossier, so nothing is lost on the way. Works on JSON values, before the typed parse.

use super::{Block, Unplaced};
use serde_json::{Map, Value};

const SOURCE: &str = "旧版模板（2025.1）";

/// Upgrades a front-matter object in place; returns what has no place in the current model.
/// Front matter already in the current shape is left as it is and returns nothing.
pub fn upgrade_front_matter(fm: &mut Value) -> Vec<Unplaced> {
    let Some(obj) = fm.as_object_mut() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let keep = |out: &mut Vec<Unplaced>, part: &str, label: &str, text: String| {
        if !text.trim().is_empty() {
            out.push(Unplaced {
                source: format!("{SOURCE} › {part} › {label}"),
                blocks: vec![Block::paragraph(format!("{label}：{text}"))],
            });
        }
    };
    if let Some(applicant) = obj.get_mut("applicant").and_then(Value::as_object_mut) {
        if let Some(address) = applicant.remove("registered_address") {
            applicant
                .entry("address")
                .or_insert(Value::String(String::new()));
            if let (Some(Value::String(a)), Value::String(old)) =
                (applicant.get_mut("address"), address)
                && a.is_empty()
            {
                *a = old;
            }
        }
        if let Some(v) = applicant.remove("founded_on") {
            keep(&mut out, "封面", "成立日期", text_of(&v));
        }
        if let Some(v) = applicant.remove("registered_capital") {
            keep(&mut out, "封面", "注册资本", text_of(&v));
        }
    }
    if let Some(Value::Object(decl)) = obj.remove("declarations") {
        let labels = [
            (
                "independent_legal_person",
                "在中华人民共和国境内注册的独立法人",
            ),
            ("operator_of_space", "申报单位为本可信数据空间的运营单位"),
            ("central_enterprise", "中央企业申报"),
        ];
        let declared: Vec<&str> = labels
            .iter()
            .filter(|(k, _)| decl.get(*k).and_then(Value::as_bool) == Some(true))
            .map(|(_, l)| *l)
            .collect();
        keep(&mut out, "封面", "已声明", declared.join("；"));
    }
    if let Some(commitment) = obj.get_mut("commitment").and_then(Value::as_object_mut)
        && let Some(Value::Array(clauses)) = commitment.remove("clauses")
    {
        let paragraphs: Vec<Block> = clauses
            .iter()
            .map(text_of)
            .filter(|t| !t.trim().is_empty())
            .map(Block::paragraph)
            .collect();
        if !paragraphs.is_empty() {
            out.push(Unplaced {
                source: format!("{SOURCE} › 承诺书 › 原条款（现由申报书模板规定的承诺书代替）"),
                blocks: paragraphs,
            });
        }
    }
    if let Some(rec) = obj.get_mut("recommendation").and_then(Value::as_object_mut) {
        let joint = rec.remove("joint_recommender").map(|v| text_of(&v));
        let consent = rec.remove("city_consent_reference").map(|v| text_of(&v));
        if let Some(joint) = joint.filter(|j| !j.trim().is_empty()) {
            let authority = obj
                .entry("industry_authority")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(a) = authority.as_object_mut() {
                a.entry("name").or_insert(Value::String(joint));
            }
        }
        if let Some(consent) = consent {
            keep(
                &mut out,
                "推荐单位意见",
                "城市人民政府同意文件文号",
                consent,
            );
        }
    }
    out
}

/// Upgrades a whole dossier object (interchange format 1): its front matter, with what has no
/// place appended to its `unplaced` list.
pub fn upgrade_dossier(dossier: &mut Value) {
    let Some(fm) = dossier.get_mut("front_matter") else {
        return;
    };
    let unplaced = upgrade_front_matter(fm);
    if unplaced.is_empty() {
        return;
    }
    if let Some(obj) = dossier.as_object_mut() {
        let list = obj
            .entry("unplaced")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Some(list) = list.as_array_mut() {
            list.extend(
                unplaced
                    .into_iter()
                    .filter_map(|u| serde_json::to_value(u).ok()),
            );
        }
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FrontMatter;

    #[test]
    fn old_front_matter_reads_and_keeps_what_has_no_place() {
        let mut v: Value = serde_json::json!({
            "applicant": {"name": "甲公司", "credit_code": "X", "registered_address": "某市某路1号",
                          "founded_on": "2012-03-16", "registered_capital": "5000万元",
                          "legal_representative": "张三"},
            "contact": {"name": "李四", "title": "主任", "mobile": "13800138000", "email": "a@b.cn"},
            "recommending_unit": "某省数据局",
            "declarations": {"independent_legal_person": true, "operator_of_space": true,
                             "central_enterprise": false},
            "commitment": {"clauses": ["本单位承诺真实。"], "signed_on": "2025-05-20"},
            "recommendation": {"review": "审查了", "opinion": "同意", "order": 1,
                               "signed_on": null, "joint_recommender": "某部某司",
                               "city_consent_reference": "某府函〔2025〕1号"}
        });
        let unplaced = upgrade_front_matter(&mut v);
        let fm: FrontMatter = serde_json::from_value(v).unwrap();
        assert_eq!(fm.applicant.address, "某市某路1号");
        assert_eq!(fm.industry_authority.name, "某部某司");
        assert_eq!(fm.recommendation.opinion, "同意");
        let sources: Vec<&str> = unplaced.iter().map(|u| u.source.as_str()).collect();
        assert_eq!(unplaced.len(), 5, "{sources:?}");
        let all = serde_json::to_string(&unplaced).unwrap();
        for text in [
            "2012-03-16",
            "5000万元",
            "本单位承诺真实。",
            "某府函〔2025〕1号",
            "独立法人",
        ] {
            assert!(all.contains(text), "{text} lost");
        }
        // The current shape passes through unchanged.
        let mut current = serde_json::to_value(&fm).unwrap();
        let before = current.clone();
        assert!(upgrade_front_matter(&mut current).is_empty());
        assert_eq!(current, before);
    }
}
