//! The workspace's edits. Each stores one part (a section, a table, fields) in its own
//! transaction, so autosave writes little and a failure loses nothing else.

use super::{Context, file_name, read_file};
use crate::Result;
use crate::model::{AttachmentKind, Block, TableRow};
use crate::template::FieldKind;
use std::path::Path;

/// What is wrong with a value typed into a field or cell of `kind`, in Chinese; `None` when it
/// fits. The same function the checks use, so the form and the findings never disagree.
pub fn value_problem(kind: FieldKind, value: &str, options: &[String]) -> Option<String> {
    crate::checks::rules::formats::problem(kind, value, options)
}

impl Context {
    /// Stores one body section's blocks (that section's row only).
    pub fn save_section(&mut self, id: i64, key: &str, blocks: &[Block]) -> Result<()> {
        self.writable()?.save_section(id, key, blocks)
    }

    /// Stores one structured table's rows.
    pub fn save_table(&mut self, id: i64, key: &str, rows: &[TableRow]) -> Result<()> {
        self.writable()?.save_table(id, key, rows)
    }

    /// Sets front-matter fields by path, from their text (dates as 2025-04-08, booleans 是/否).
    pub fn set_fields(&mut self, id: i64, values: &[(&str, &str)]) -> Result<()> {
        self.writable()?.set_fields(id, values)
    }

    /// Takes the hourly snapshot when one is due; returns its id.
    pub fn snapshot_if_due(&mut self, id: i64) -> Result<Option<i64>> {
        self.writable()?.snapshot_if_due(id)
    }

    /// Adds the file at `path` as an attachment of `kind`; an empty title becomes the kind's name.
    pub fn add_attachment(
        &mut self,
        id: i64,
        path: &Path,
        kind: AttachmentKind,
        title: &str,
    ) -> Result<()> {
        let media = self.add_image(id, path)?;
        let title = if title.trim().is_empty() {
            kind.label()
        } else {
            title
        };
        self.writable()?.add_attachment(id, title, kind, &media)
    }

    /// Adds the picture (or PDF) at `path` to the dossier's files; returns its media id.
    pub fn add_image(&mut self, id: i64, path: &Path) -> Result<String> {
        self.ensure_writable()?;
        let data = read_file(path)?;
        let name = match file_name(path) {
            n if n.is_empty() => "附件".to_string(),
            n => n,
        };
        self.writable()?.add_media(id, &name, data)
    }

    /// Removes the attachment at `position` (its file stays while a picture uses it).
    pub fn remove_attachment(&mut self, id: i64, position: usize) -> Result<()> {
        self.writable()?.remove_attachment(id, position)
    }

    /// Removes item `index` of the dossier's unplaced content, once the user has moved it.
    pub fn remove_unplaced(&mut self, id: i64, index: usize) -> Result<()> {
        self.writable()?.remove_unplaced(id, index)
    }
}
