//! The recommending unit's work and the store's upkeep: the summary table (推荐项目汇总表) with
//! its files and the submission package; template versions (list, load, move a dossier to a
//! newer one); the call's settings kept in the store; backups; what the settings screen shows.

use super::Context;
use crate::Result;
use crate::migrate::MigrationReport;
use crate::model::{PilotType, TemplateRef};
use crate::package::PackageOutcome;
use crate::store::CallSetting;
use crate::store::backup::BackupInfo;
use crate::summary::{Summary, UnitKind};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// One template version the store knows.
#[derive(Debug, Clone, Serialize)]
pub struct TemplateInfo {
    /// The template's id.
    pub id: String,
    /// Its version.
    pub version: String,
    /// The pilot type it is for.
    pub pilot_type: PilotType,
    /// Its title, as the form names itself.
    pub title: String,
}

/// One shipped font, for the settings screen.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct FontInfo {
    /// The official face the layout asks for (仿宋_GB2312, …).
    pub official: String,
    /// The shipped file that stands in for it.
    pub file: String,
}

/// What the settings screen shows.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AppInfo {
    /// The store file in use.
    pub store_path: String,
    /// The shipped fonts and the official names they stand in for.
    pub fonts: Vec<FontInfo>,
    /// How many paper copies the call asks for.
    pub paper_copies: u32,
    /// The program's version.
    pub version: String,
}

/// Puts the backup `file` in place of the store at `store_path` (the present store kept as a
/// backup); for when the store itself cannot be opened. Returns that backup of the present.
pub fn restore_backup_at(store_path: &Path, file: &Path) -> Result<PathBuf> {
    crate::store::backup::restore(store_path, file)
}

impl Context {
    /// The summary table of dossiers `ids` for a unit of `kind`, checked.
    pub fn summary(&self, ids: &[i64], kind: UnitKind) -> Result<Summary> {
        crate::summary::build(&self.store, ids, kind, self.today(), self.glyphs())
    }

    /// Writes the summary table (Word and spreadsheet) and, when asked, the mailing sheet into
    /// `folder`; refused while the table has errors, unless a draft is asked for.
    pub fn write_summary(
        &self,
        summary: &Summary,
        folder: &Path,
        mailing: bool,
        draft: bool,
    ) -> Result<Vec<PathBuf>> {
        let fonts = self.fonts()?;
        crate::package::write_summary_files(
            &self.store,
            summary,
            folder,
            mailing,
            draft,
            self.today(),
            &fonts,
        )
    }

    /// The submission package of dossiers `ids` under `folder`.
    pub fn package(
        &mut self,
        ids: &[i64],
        kind: UnitKind,
        folder: &Path,
        draft: bool,
    ) -> Result<PackageOutcome> {
        let fonts = self.fonts()?;
        let today = self.today();
        crate::package::build(self.writable()?, ids, kind, folder, draft, today, &fonts)
    }

    /// A newer template version for this dossier's pilot type, when one is loaded.
    pub fn template_update(&self, id: i64) -> Result<Option<TemplateRef>> {
        let d = self.store.load(id)?.dossier;
        let latest = self.store.registry().latest_for(d.pilot_type)?.reference();
        Ok((latest != d.template
            && crate::template::compare_versions(&latest.version, &d.template.version)
                == std::cmp::Ordering::Greater)
            .then_some(latest))
    }

    /// Moves the dossier to `version` of its template, or the newest of its type; the report says
    /// what moved.
    pub fn migrate(&mut self, id: i64, version: Option<&str>) -> Result<MigrationReport> {
        let target = match version {
            Some(version) => Some(TemplateRef {
                id: self.store.load(id)?.dossier.template.id,
                version: version.to_string(),
            }),
            None => None,
        };
        crate::migrate::migrate(self.writable()?, id, target.as_ref())
    }

    /// The template versions the store knows.
    pub fn templates(&self) -> Vec<TemplateInfo> {
        self.store
            .registry()
            .templates()
            .iter()
            .map(|t| TemplateInfo {
                id: t.template.id.clone(),
                version: t.template.version.clone(),
                pilot_type: t.template.pilot_type,
                title: t.template.title.clone(),
            })
            .collect()
    }

    /// Loads a template file (validated first) into the store; `name` says where it came from.
    pub fn load_template(&mut self, name: &str, text: &str) -> Result<TemplateRef> {
        self.writable()?.load_template(name, text)
    }

    /// The call settings the user may change (deadline, quotas), with their current values.
    pub fn call_settings(&self) -> Vec<CallSetting> {
        self.store.call_settings()
    }

    /// Changes one call setting for this store (empty clears it); returns them all.
    pub fn set_call_setting(&mut self, key: &str, value: &str) -> Result<Vec<CallSetting>> {
        self.writable()?.set_call_setting(key, value)?;
        Ok(self.store.call_settings())
    }

    /// The store's backups, newest first.
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        crate::store::backup::list(self.store.path())
    }

    /// A compressed copy of the store now; returns its file.
    pub fn backup_now(&self) -> Result<PathBuf> {
        self.ensure_writable()?;
        self.store.backup()
    }

    /// What the app does as it closes: the store file made whole (everything in the
    /// write-ahead log moved into it), then a compressed copy; neither in reviewer mode.
    pub fn on_close(&mut self) -> Result<()> {
        match self.review {
            Some(_) => Ok(()),
            None => {
                self.store.checkpoint()?;
                self.store.backup().map(|_| ())
            }
        }
    }

    /// The store file made whole now (the window is going); none in reviewer mode.
    pub fn when_closing(&mut self) -> Result<()> {
        match self.review {
            Some(_) => Ok(()),
            None => self.store.checkpoint(),
        }
    }

    /// Called every second or two while the app is open: once writing has stopped, the store
    /// file is made whole, so a copy of that one file taken at any quiet moment holds every
    /// dossier, even if the app is then killed.
    pub fn when_idle(&mut self) -> Result<()> {
        match self.review {
            Some(_) => Ok(()),
            None => self.store.checkpoint_when_idle().map(|_| ()),
        }
    }

    /// Puts the backup `file` in place of the store: the store is closed, the backup checked
    /// and put in place (the present store kept as a backup), and the store opened again.
    /// Returns the context on the store as it is now (or why it cannot be opened again) and the
    /// backup of the present (or why the backup was refused).
    pub fn restore_backup(self, file: &Path) -> (Result<Context>, Result<PathBuf>) {
        if let Err(e) = self.ensure_writable() {
            return (Ok(self), Err(e));
        }
        let Context {
            store,
            fonts,
            clock,
            assets,
            review,
        } = self;
        let path = store.path().to_path_buf();
        // Close the store (and its WAL) before its file is replaced.
        drop(store);
        let restored = restore_backup_at(&path, file);
        let reopened = crate::store::Store::open(&path).map(|store| Context {
            store,
            fonts,
            clock,
            assets,
            review,
        });
        (reopened, restored)
    }

    /// What the settings screen shows.
    pub fn app_info(&self) -> AppInfo {
        AppInfo {
            store_path: self.store.path().display().to_string(),
            fonts: crate::fonts::Face::ALL
                .iter()
                .map(|f| FontInfo {
                    official: f.official_name().to_string(),
                    file: f.file().to_string(),
                })
                .collect(),
            paper_copies: self.store.registry().settings.call.paper_copies,
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}
