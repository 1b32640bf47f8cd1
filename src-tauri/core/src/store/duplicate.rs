//! Duplicating a dossier for a new client or next year's call, keeping what the user chooses.

use super::Store;
use crate::Result;

/// What a duplicate keeps of the original (for a new client, or next year's call).
#[derive(Debug, Clone, Copy, serde::Deserialize, ts_rs::TS)]
pub struct DuplicateKeep {
    /// Applicant, contact, recommending unit, declarations, commitment and opinion.
    pub front_matter: bool,
    /// Body sections and structured tables.
    pub content: bool,
    /// Attachments and the files they show.
    pub attachments: bool,
}

impl Store {
    /// Copies a dossier as a new one, keeping what `keep` says; the copy is titled （副本）, or
    /// （副本2）, （副本3） … when that title is taken, so copies are told apart; it has no
    /// acknowledgements and is not marked for submission. Returns the new id.
    pub fn duplicate(&mut self, id: i64, keep: DuplicateKeep) -> Result<i64> {
        let mut d = self.load(id)?.dossier;
        let taken: Vec<String> = self.list(true)?.into_iter().map(|s| s.title).collect();
        d.title = (1..)
            .map(|n| match n {
                1 => format!("{}（副本）", d.title),
                n => format!("{}（副本{n}）", d.title),
            })
            .find(|t| !taken.contains(t))
            .expect("some number is free");
        d.acknowledgements.clear();
        if !keep.front_matter {
            d.front_matter = Default::default();
        }
        if !keep.content {
            d.sections.clear();
            d.tables.clear();
        }
        if !keep.attachments {
            d.attachments.clear();
        }
        // Keep only the files something still shows.
        let used: Vec<String> = d
            .attachments
            .iter()
            .map(|a| a.media.clone())
            .chain(
                d.sections
                    .iter()
                    .flat_map(|s| s.blocks.iter())
                    .filter_map(|b| match b {
                        crate::model::Block::Image { media, .. } => Some(media.clone()),
                        _ => None,
                    }),
            )
            .collect();
        d.media.retain(|m| used.contains(&m.id));
        self.insert(&d)
    }
}
