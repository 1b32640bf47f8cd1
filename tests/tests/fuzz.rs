//! Property-based fuzzing (proptest) where a coverage fuzzer does not fit the suite's budget:
//! the JSON import never panics and always answers in Chinese, whatever the bytes; the layout
//! engine never panics and never loses or reorders a character, whatever the text. The seed is
//! the hand-written example dossier (`templates/examples/city-example.json`). Longer runs:
//! `PROPTEST_CASES=20000 cargo test -p dossier-tests --test fuzz --release`.

use dossier_core::fonts::ShippedFonts;
use dossier_core::interchange;
use dossier_core::layout::{self, Item};
use dossier_core::model::Block;
use dossier_core::sample::EXAMPLE_JSON;
use dossier_core::template::Registry;
use proptest::prelude::*;

fn chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn import_of_cut_or_corrupted_json_never_panics(cut in 0usize..EXAMPLE_JSON.len(), flips in proptest::collection::vec((0usize..EXAMPLE_JSON.len(), any::<u8>()), 0..6)) {
        let mut bytes = EXAMPLE_JSON.as_bytes()[..cut].to_vec();
        for (at, b) in flips {
            if at < bytes.len() {
                bytes[at] = b;
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Err(e) = interchange::from_json("fuzz.json", &text) {
            prop_assert!(chinese(&e.to_string()), "not Chinese: {e}");
        }
    }

    #[test]
    fn import_of_arbitrary_values_at_any_field_never_panics(path_seed in any::<u64>(), value in prop_oneof![
        Just(serde_json::Value::Null), any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from), ".{0,20}".prop_map(serde_json::Value::from),
        Just(serde_json::json!([])), Just(serde_json::json!({}))]) {
        let mut doc: serde_json::Value = serde_json::from_str(EXAMPLE_JSON).unwrap();
        // Walk to a pseudo-random node and replace it.
        let mut pointer = String::new();
        let mut node = &doc;
        let mut seed = path_seed;
        loop {
            let next = match node {
                serde_json::Value::Object(m) if !m.is_empty() && seed % 5 != 0 => {
                    let k = m.keys().nth((seed as usize / 5) % m.len()).unwrap();
                    pointer.push_str(&format!("/{}", k.replace('~', "~0").replace('/', "~1")));
                    m.get(k)
                }
                serde_json::Value::Array(a) if !a.is_empty() && seed % 5 != 0 => {
                    let i = (seed as usize / 5) % a.len();
                    pointer.push_str(&format!("/{i}"));
                    a.get(i)
                }
                _ => None,
            };
            seed /= 7;
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        *doc.pointer_mut(&pointer).unwrap() = value;
        let text = serde_json::to_string(&doc).unwrap();
        match interchange::from_json("fuzz.json", &text) {
            Ok(d) => { let _ = dossier_core::integrity::validate(&Registry::embedded().unwrap(), &d); }
            Err(e) => prop_assert!(chinese(&e.to_string()), "not Chinese: {e}"),
        }
    }

    #[test]
    fn layout_keeps_every_character_in_order(text in "[一-龥，。、；：？！（）《》“”‘’… a-zA-Z0-9\\-/._😀𠀀]{1,400}") {
        let registry = Registry::embedded().unwrap();
        let fonts = &ShippedFonts::shipped().unwrap();
        let mut d = interchange::from_json("example", EXAMPLE_JSON).unwrap();
        d.sections[0].blocks = vec![Block::paragraph(text.clone())];
        let template = registry.get(&d.template).unwrap();
        let l = layout::layout_dossier(&d, template, &registry.settings, fonts).unwrap();
        let start = l.anchors["section:basics"] - 1;
        let mut drawn = String::new();
        for page in &l.pages[start..] {
            for item in &page.items {
                if let Item::Text { text, size, .. } = item && (*size - l.spec.body).abs() < 0.01 {
                    drawn.push_str(text);
                }
            }
        }
        let drawn: String = drawn.chars().filter(|c| *c != ' ').collect();
        let expected: String = text.chars().filter(|c| *c != ' ').collect();
        prop_assert!(drawn.contains(&expected), "lost or reordered: {expected:?}");
    }
}
