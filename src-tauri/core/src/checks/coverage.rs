//! The capability coverage map: for each concept of the call's vocabulary (core functions, trust
//! properties, task themes), where the text addresses it. Matching is by the vocabulary's terms.

use super::Context;
use super::text_units::UnitKind;
use crate::model::Anchor;
use crate::template::{ConceptGroup, SectionRole};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CoverageHit {
    #[ts(type = "string")]
    pub anchor: Anchor,
    /// Where the workspace shows it.
    pub destination: super::Destination,
    pub label: String,
    /// The term that matched.
    pub term: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CoverageEntry {
    pub key: String,
    pub label: String,
    pub group: ConceptGroup,
    /// True when addressed in the technical approach or the operating model.
    pub in_core_sections: bool,
    pub hits: Vec<CoverageHit>,
}

/// The section roles where core functions and trust properties must be addressed: 二（三）
/// 已开展工作, 五（四）运营方案 and 五（五）技术方案 (the earlier templates' technical approach and
/// operating model carry the same roles).
pub const CORE_ROLES: [SectionRole; 3] = [
    SectionRole::Overview,
    SectionRole::Technical,
    SectionRole::Operating,
];

pub fn map(ctx: &Context<'_>) -> Vec<CoverageEntry> {
    let core_keys: Vec<&str> = ctx
        .template
        .sections
        .iter()
        .filter(|s| s.role.is_some_and(|r| CORE_ROLES.contains(&r)))
        .map(|s| s.key.as_str())
        .collect();
    ctx.input
        .registry
        .vocabulary
        .concepts
        .iter()
        .map(|concept| {
            let mut hits = Vec::new();
            let mut in_core = false;
            for unit in ctx
                .units
                .iter()
                .filter(|u| matches!(u.kind, UnitKind::Body | UnitKind::Cell))
            {
                if let Some(term) = concept
                    .terms
                    .iter()
                    .find(|t| unit.text.contains(t.as_str()))
                {
                    if hits
                        .iter()
                        .any(|h: &CoverageHit| h.anchor == unit.place.anchor)
                    {
                        continue;
                    }
                    if unit
                        .place
                        .section
                        .as_deref()
                        .is_some_and(|s| core_keys.contains(&s))
                    {
                        in_core = true;
                    }
                    hits.push(CoverageHit {
                        anchor: unit.place.anchor.clone(),
                        destination: unit.place.destination.clone(),
                        label: unit.place.label.clone(),
                        term: term.clone(),
                    });
                }
            }
            CoverageEntry {
                key: concept.key.clone(),
                label: concept.label.clone(),
                group: concept.group,
                in_core_sections: in_core,
                hits,
            }
        })
        .collect()
}
