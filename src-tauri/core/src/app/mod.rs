//! The application's operations, written once and called by both faces: the `dossier` CLI and
//! the desktop shell's Tauri commands only parse their input, call a method of [`Context`] and
//! print or return the answer. A [`Context`] holds what the operations need, explicitly: the
//! store, the shipped fonts, the clock and where the assets are; in reviewer mode the store is
//! one in memory holding the bundle under review, and every change is refused here.
//!
//! The operations are grouped as the window's screens are: [`library`] (the dossiers), [`editing`],
//! [`findings`] (checks), [`export`] (the files and the preview), [`history`] (snapshots and the
//! activity), [`exchange`] (JSON, bundles, writers' copies, Word files) and [`upkeep`] (the
//! recommending unit's summary and package, templates, the call's settings, backups). The types
//! that cross to the faces are re-exported here, so a face names nothing of the core but this
//! module and the error types (`tests/tests/architecture.rs` holds it to that). The types derive
//! `ts_rs::TS` where the window uses them (`ui/src/bindings/`).

pub mod editing;
pub mod exchange;
pub mod export;
pub mod findings;
pub mod history;
pub mod library;
pub mod upkeep;

use crate::checks::{BasicGlyphCoverage, GlyphCoverage};
use crate::fonts::ShippedFonts;
use crate::store::Store;
use crate::{CoreError, Result};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use crate::bundle::EXTENSION as BUNDLE_EXTENSION;
pub use crate::checks::{Report, RuleId, Severity};
pub use crate::diff::Comparison;
pub use crate::document::PageLayout;
pub use crate::export::{ExportFormat, ExportJob, ExportProgress, ExportRequest, ExportedFile};
pub use crate::merge::{MergeOutcome, MergePlan, Resolution};
pub use crate::migrate::MigrationReport;
pub use crate::model::{
    Anchor, AttachmentKind, Block, DossierRecord, DossierSummary, PilotType, TableRow, TemplateRef,
};
pub use crate::package::PackageOutcome;
pub use crate::store::backup::BackupInfo;
pub use crate::store::{ActivityEntry, CallSetting, DuplicateKeep, SnapshotInfo, SnapshotKind};
pub use crate::summary::{Summary, UnitKind};
pub use crate::template::{FieldKind, Template};
pub use crate::wordimport::ImportReport;
pub use editing::value_problem;
pub use export::{ExportChoice, ExportOutcome, PreviewSource};
pub use history::Version;
pub use library::OpenedDossier;
pub use upkeep::{AppInfo, FontInfo, TemplateInfo};

pub use crate::clock::Clock;

/// What a face read from the process's environment, handed to the core (which reads none):
/// the store and assets folders the user named, and where the program runs from.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    /// `$DOSSIER_STORE` ([`Environment::STORE`]).
    pub store: Option<PathBuf>,
    /// `$DOSSIER_ASSETS` ([`Environment::ASSETS`]).
    pub assets: Option<PathBuf>,
    /// The running program's file.
    pub exe: Option<PathBuf>,
}

impl Environment {
    /// The variable naming the store file.
    pub const STORE: &str = "DOSSIER_STORE";
    /// The variable naming the assets folder.
    pub const ASSETS: &str = "DOSSIER_ASSETS";

    /// The store the user named, else the platform's data folder's.
    pub fn store_path(&self) -> Result<PathBuf> {
        crate::store::default_store_path(self.store.as_deref())
    }
}

/// Where the program's assets (the fonts) are: an installed package's resource folder, or the
/// default lookup ([`crate::fonts::default_assets_dir`]: `$DOSSIER_ASSETS`, beside the program,
/// the source tree).
#[derive(Debug, Clone)]
pub struct Assets {
    /// The folder holding `fonts/`.
    pub dir: PathBuf,
}

impl Assets {
    /// The default lookup, from what the face read.
    pub fn find(env: &Environment) -> Assets {
        Assets {
            dir: crate::fonts::default_assets_dir(env.assets.as_deref(), env.exe.as_deref()),
        }
    }

    /// The source tree's assets (tests, benchmarks, development).
    pub fn source_tree() -> Assets {
        Assets {
            dir: crate::fonts::source_tree_assets(),
        }
    }

    /// An installed package's folder when it holds the fonts, else the default lookup.
    pub fn installed_or_default(dir: Option<PathBuf>, env: &Environment) -> Assets {
        match dir.filter(|d| d.join("fonts").is_dir()) {
            Some(dir) => Assets { dir },
            None => Assets::find(env),
        }
    }

    fn fonts(&self) -> Result<Arc<ShippedFonts>> {
        ShippedFonts::load(&self.dir.join("fonts")).map(Arc::new)
    }
}

/// Reviewer mode: the bundle that is open read-only and what its manifest says.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Review {
    /// The bundle's file, as given.
    pub file: String,
    /// The reviewed dossier's id in the store in memory.
    pub id: i64,
    /// The template the reviewed dossier is written on.
    pub template: TemplateRef,
    /// When the bundle was made (its manifest).
    pub created_at: String,
    /// The program and version that made it.
    pub program: String,
    /// How many snapshots it carries.
    pub snapshots: usize,
}

/// What every operation works on: the store, the fonts, the clock, the assets.
pub struct Context {
    store: Store,
    /// The fonts, or why they could not be loaded: the checks then fall back to a conservative
    /// glyph coverage, and the exports say what is missing.
    fonts: std::result::Result<Arc<ShippedFonts>, String>,
    clock: Clock,
    assets: Assets,
    review: Option<Review>,
}

impl Context {
    /// Opens the store at `store_path` (created when new) with the fonts from `assets`.
    pub fn open(store_path: &Path, assets: Assets, clock: Clock) -> Result<Context> {
        let store = Store::open(store_path)?;
        Ok(Context::with_store(store, assets, clock))
    }

    /// Opens the user's default store ([`Environment::store_path`]).
    pub fn open_default(env: &Environment, assets: Assets, clock: Clock) -> Result<Context> {
        Context::open(&env.store_path()?, assets, clock)
    }

    fn with_store(mut store: Store, assets: Assets, clock: Clock) -> Context {
        store.set_clock(clock);
        Context {
            store,
            fonts: assets.fonts().map_err(|e| e.to_string()),
            clock,
            assets,
            review: None,
        }
    }

    /// Opens a bundle for review: verified, then held in a store in memory (nothing on disk is
    /// read or written after), every change refused.
    pub fn review(file: &Path, assets: Assets, clock: Clock) -> Result<Context> {
        let bundle = exchange::read_bundle(file)?;
        let mut store = Store::open(":memory:")?;
        store.set_clock(clock);
        let id = crate::bundle::import_new(&mut store, &bundle)?;
        let mut ctx = Context::with_store(store, assets, clock);
        ctx.review = Some(Review {
            file: file.display().to_string(),
            id,
            template: bundle.manifest.template.clone(),
            created_at: bundle.manifest.created_at.clone(),
            program: bundle.manifest.program.clone(),
            snapshots: bundle.snapshots.len(),
        });
        Ok(ctx)
    }

    /// Reviewer mode, when a bundle is open read-only.
    pub fn review_info(&self) -> Option<&Review> {
        self.review.as_ref()
    }

    /// The store's file.
    pub fn store_path(&self) -> PathBuf {
        self.store.path().to_path_buf()
    }

    /// Today, from the context's clock.
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// Where the program's assets are.
    pub fn assets(&self) -> &Assets {
        &self.assets
    }

    /// The fonts, for what draws pages; a clear error when the installation lacks them.
    fn fonts(&self) -> Result<Arc<ShippedFonts>> {
        self.fonts.clone().map_err(CoreError::Internal)
    }

    /// What the checks can count on being drawn: the fonts' own coverage, or — without fonts —
    /// the conservative basic coverage.
    fn glyphs(&self) -> &dyn GlyphCoverage {
        coverage(&self.fonts)
    }

    /// The store for a change: refused in reviewer mode.
    fn writable(&mut self) -> Result<&mut Store> {
        match self.review {
            Some(_) => Err(CoreError::ReviewReadOnly),
            None => Ok(&mut self.store),
        }
    }

    /// Refuses in reviewer mode; for faces that ask the user something before a change.
    pub fn ensure_writable(&self) -> Result<()> {
        match self.review {
            Some(_) => Err(CoreError::ReviewReadOnly),
            None => Ok(()),
        }
    }
}

fn coverage(fonts: &std::result::Result<Arc<ShippedFonts>, String>) -> &dyn GlyphCoverage {
    match fonts {
        Ok(fonts) => fonts.as_ref(),
        Err(_) => &BasicGlyphCoverage,
    }
}

/// Reads a file the user named, with a Chinese message when it cannot be read.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| CoreError::io(path, e))
}

/// Writes a file whole or not at all (a temporary file renamed into place).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::fsutil::write_atomic(path, bytes)
}

/// A file's name without its folder, for history entries.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned())
}
