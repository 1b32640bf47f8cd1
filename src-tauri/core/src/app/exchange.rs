//! What comes in and goes out as files besides the exports: the interchange JSON, one-file
//! bundles (hand-off, replacing a dossier from one), writers' copies handed out and merged back,
//! and Word files (附件3 filled in Word or WPS, or our own export) read into a dossier.

use super::{Context, file_name, read_file};
use crate::bundle::{self, Bundle};
use crate::diff::Comparison;
use crate::merge::{MergeOutcome, MergePlan, Resolution};
use crate::model::PilotType;
use crate::wordimport::ImportReport;
use crate::{Result, fsutil};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where a bundle goes: the file named, or a folder, where it is named after the dossier.
#[derive(Debug, Clone)]
pub enum Destination {
    /// This file.
    File(PathBuf),
    /// A file in this folder, named after the dossier.
    Folder(PathBuf),
}

/// Reads and verifies the bundle at `path`.
pub fn read_bundle(path: &Path) -> Result<Bundle> {
    bundle::read(&path.display().to_string(), &read_file(path)?)
}

impl Context {
    /// The dossier in the interchange format (JSON).
    pub fn export_json(&self, id: i64) -> Result<String> {
        Ok(crate::interchange::to_json(&self.store.load(id)?.dossier))
    }

    /// A dossier in the interchange format, stored as a new one; `name` says where the text
    /// came from in messages. Returns its id.
    pub fn import_json(&mut self, name: &str, text: &str) -> Result<i64> {
        let dossier = crate::interchange::from_json(name, text)?;
        crate::interchange::check_incoming(name, &dossier)?;
        self.writable()?.insert(&dossier)
    }

    fn place(&self, id: i64, dest: Destination, suffix: &str) -> Result<PathBuf> {
        Ok(match dest {
            Destination::File(path) => path,
            Destination::Folder(folder) => {
                let d = self.store.load(id)?.dossier;
                let stem = crate::export::file_stem(&self.store, &d, false, false);
                folder.join(format!("{stem}{suffix}.{}", bundle::EXTENSION))
            }
        })
    }

    /// Writes the dossier (and, when asked, its snapshots) as a bundle; returns the file.
    pub fn export_bundle(
        &self,
        id: i64,
        with_snapshots: bool,
        dest: Destination,
    ) -> Result<PathBuf> {
        let bytes = bundle::write(&self.store, id, with_snapshots)?;
        let path = self.place(id, dest, "")?;
        fsutil::write_atomic(&path, &bytes)?;
        Ok(path)
    }

    /// Imports the bundle at `path` as a new dossier; returns its id.
    pub fn import_bundle(&mut self, path: &Path) -> Result<i64> {
        self.ensure_writable()?;
        let b = read_bundle(path)?;
        bundle::import_new(self.writable()?, &b)
    }

    /// What replacing dossier `id` with the bundle at `path` would change; nothing written.
    pub fn preview_bundle_replace(&self, id: i64, path: &Path) -> Result<Comparison> {
        self.ensure_writable()?;
        let b = read_bundle(path)?;
        let current = self.store.load(id)?.dossier;
        Ok(crate::diff::compare(&current, &b.dossier))
    }

    /// Replaces dossier `id` with the bundle at `path` (read and verified again), after a
    /// snapshot of the present; returns that snapshot's id.
    pub fn replace_from_bundle(&mut self, id: i64, path: &Path) -> Result<i64> {
        self.ensure_writable()?;
        let b = read_bundle(path)?;
        bundle::import_replacing(self.writable()?, id, &b)
    }

    /// Writes a writer's copy (their parts marked, the rest read-only in it) after a hand-out
    /// snapshot; returns the file.
    pub fn hand_out(
        &mut self,
        id: i64,
        parts: &[String],
        writer: &str,
        dest: Destination,
    ) -> Result<PathBuf> {
        let bytes = crate::merge::hand_out(self.writable()?, id, parts, writer)?;
        let path = self.place(id, dest, &format!("（{}的分工副本）", writer.trim()))?;
        fsutil::write_atomic(&path, &bytes)?;
        Ok(path)
    }

    /// What merging the writer's copy at `path` would do; nothing written.
    pub fn preview_merge(&self, id: i64, path: &Path) -> Result<MergePlan> {
        self.ensure_writable()?;
        let b = read_bundle(path)?;
        crate::merge::plan(&self.store, id, &b.dossier)
    }

    /// Merges the writer's copy at `path` (read and verified again) with a choice for each
    /// conflict; snapshots first and records the merge in the history.
    pub fn apply_merge(
        &mut self,
        id: i64,
        path: &Path,
        resolutions: &BTreeMap<crate::model::Anchor, Resolution>,
    ) -> Result<MergeOutcome> {
        self.ensure_writable()?;
        let b = read_bundle(path)?;
        crate::merge::apply(
            self.writable()?,
            id,
            &b.dossier,
            resolutions,
            &file_name(path),
        )
    }

    /// Reads the Word file at `path` as a new dossier (its type from the cover, or
    /// `pilot_type`); returns its id and what was read.
    pub fn import_docx(
        &mut self,
        path: &Path,
        pilot_type: Option<PilotType>,
    ) -> Result<(i64, ImportReport)> {
        self.ensure_writable()?;
        let bytes = read_file(path)?;
        let name = path.display().to_string();
        crate::wordimport::import_new(self.writable()?, &name, &bytes, pilot_type)
    }

    /// What bringing the Word file at `path` onto dossier `id` would change; nothing written.
    pub fn preview_docx_onto(&self, id: i64, path: &Path) -> Result<(Comparison, ImportReport)> {
        self.ensure_writable()?;
        let bytes = read_file(path)?;
        let name = path.display().to_string();
        let (_, comparison, report) =
            crate::wordimport::preview_onto(&self.store, id, &name, &bytes)?;
        Ok((comparison, report))
    }

    /// Brings the Word file at `path` onto dossier `id` after a snapshot; returns that
    /// snapshot's id.
    pub fn apply_docx_onto(&mut self, id: i64, path: &Path) -> Result<i64> {
        self.ensure_writable()?;
        let bytes = read_file(path)?;
        let name = path.display().to_string();
        crate::wordimport::import_onto(self.writable()?, id, &name, &bytes)
    }
}
