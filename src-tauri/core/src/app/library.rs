//! The dossiers in the store: list, create (empty, the example, a generated sample), copy,
//! archive, open with template and findings, read one as stored.

use super::Context;
use crate::Result;
use crate::checks::Report;
use crate::model::{DossierRecord, DossierSummary, PilotType};
use crate::store::DuplicateKeep;
use crate::template::Template;
use serde::Serialize;

/// A dossier as the workspace shows it: content, the template that shapes it, and its findings.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct OpenedDossier {
    /// The dossier with its store data (id, times, archived).
    pub record: DossierRecord,
    /// The template it is written on.
    pub template: Template,
    /// Whether it is marked as the one to submit for its applicant.
    pub for_submission: bool,
    /// The checks' findings, run on opening.
    pub report: Report,
    /// Every front-matter field as text by path (dates 2025-04-08, booleans true/false), so
    /// the form needs no copy of the model's field mapping.
    pub fields: std::collections::BTreeMap<String, String>,
    /// Chinese names of attachment kinds (`attachment.city_consent`) and coverage groups
    /// (`group.core_function`), as the core words them.
    pub labels: std::collections::BTreeMap<String, String>,
    /// In a writer's copy, the sections, tables and fields they may edit; the rest is
    /// read-only. `None`: everything.
    pub editable: Option<crate::template::share::Share>,
}

fn labels() -> std::collections::BTreeMap<String, String> {
    use crate::model::AttachmentKind;
    use crate::template::ConceptGroup;
    let kinds = AttachmentKind::ALL
        .iter()
        .map(|k| (format!("attachment.{}", k.key()), k.label().to_string()));
    let groups = [
        ConceptGroup::CoreFunction,
        ConceptGroup::TrustProperty,
        ConceptGroup::TaskTheme,
    ]
    .into_iter()
    .map(|g| {
        let key = serde_json::to_value(g)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        (format!("group.{key}"), g.label().to_string())
    });
    kinds.chain(groups).collect()
}

impl Context {
    /// The dossiers, most recently changed first.
    pub fn list(&self, include_archived: bool) -> Result<Vec<DossierSummary>> {
        self.store.list(include_archived)
    }

    /// A new, empty dossier of `pilot_type` on the newest template; an empty title becomes the
    /// type's default one. Returns its id.
    pub fn create(&mut self, pilot_type: PilotType, title: &str) -> Result<i64> {
        let title = title.trim();
        let title = if title.is_empty() {
            format!("新建{}可信数据空间申报书", pilot_type.label())
        } else {
            title.to_string()
        };
        self.writable()?.create(pilot_type, &title)
    }

    /// Adds the hand-written example dossier; returns its id.
    pub fn create_example(&mut self) -> Result<i64> {
        let example = crate::sample::example()?;
        self.writable()?.insert(&example)
    }

    /// Adds a generated complete dossier of `pilot_type` (`scale` 1 is the size of a real one);
    /// returns its id.
    pub fn create_sample(&mut self, pilot_type: PilotType, scale: u32) -> Result<i64> {
        let dossier = crate::sample::generate(self.store.registry(), pilot_type, scale)?;
        self.writable()?.insert(&dossier)
    }

    /// Copies a dossier keeping what the user chose; returns the copy's id.
    pub fn duplicate(&mut self, id: i64, keep: DuplicateKeep) -> Result<i64> {
        self.writable()?.duplicate(id, keep)
    }

    /// Archives (hides) or restores a dossier.
    pub fn set_archived(&mut self, id: i64, archived: bool) -> Result<()> {
        self.writable()?.set_archived(id, archived)
    }

    /// A dossier as stored.
    pub fn load(&self, id: i64) -> Result<DossierRecord> {
        self.store.load(id)
    }

    /// The template a dossier is written on.
    pub fn template_of(&self, id: i64) -> Result<Template> {
        let d = self.store.load(id)?.dossier;
        Ok(self.store.registry().get(&d.template)?.clone())
    }

    /// A dossier with its template and a fresh check, in one call.
    pub fn open_dossier(&self, id: i64) -> Result<OpenedDossier> {
        let record = self.store.load(id)?;
        let template = self.store.registry().get(&record.dossier.template)?.clone();
        Ok(OpenedDossier {
            report: self.check(id)?,
            for_submission: self.store.is_for_submission(id)?,
            fields: crate::model::FIELD_PATHS
                .iter()
                .filter_map(|p| record.dossier.field(p).map(|v| (p.to_string(), v)))
                .collect(),
            labels: labels(),
            editable: record
                .dossier
                .assignment
                .as_ref()
                .map(|a| crate::template::share::share(&template, &a.parts))
                .transpose()?,
            record,
            template,
        })
    }
}
