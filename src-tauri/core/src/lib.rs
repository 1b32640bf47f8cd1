//! Dossier Studio's domain core. It knows nothing of Tauri or any window: the CLI and the desktop
//! shell are thin faces over [`app`], the application's operations over an explicit context.
//!
//! - [`app`]: every operation the faces offer, written once (open, save, check, export, preview,
//!   summary, package, review, bundle, migrate, import), and the types that cross to them;
//! - [`model`]: the one document model every output is rendered from;
//! - [`template`]: pilot templates and the call's settings, loaded from data and validated;
//! - [`store`]: the SQLite store holding many dossiers;
//! - [`interchange`]: the versioned JSON format for a whole dossier;
//! - [`bundle`]: one-file bundles (dossier, files, snapshots, checksums) for hand-off, read
//!   without trusting the file;
//! - [`sample`]: deterministic complete dossiers for tests and benchmarks, and the example dossier;
//! - [`document`]: the dossier assembled once into what every export prints, in order, on the
//!   chosen page (the form's own, or GB/T 9704);
//! - [`layout`]: the assembled document as pages (the only source of page numbers);
//! - [`fonts`]: the shipped fonts, their official stand-ins and their glyph coverage;
//! - [`export`]: the Word and PDF writers over the assembled document, the print pack, gated on
//!   errors;
//! - [`checks`]: completeness and eligibility findings, the coverage map, 字数;
//! - [`migrate`]: moving a dossier to a newer template version, with a report;
//! - [`summary`]: the recommending unit's summary table (推荐项目汇总表), its rules and Word file;
//! - [`package`]: the recommending unit's submission package (copies, print packs, summary,
//!   mailing sheet, checklist, disc image);
//! - [`diff`]: comparing two versions (sentences, table rows, fields);
//! - [`merge`]: writers' copies handed out part by part and merged back three-way;
//! - [`integrity`]: what the store requires of any dossier it accepts;
//! - [`wordimport`]: the official form filled in Word or WPS (or our own Word export) read into a
//!   dossier, what has no place kept as unplaced content;
//! - [`zipread`]: reading ZIP packages without trusting them (bundles, Word files);
//! - [`credit_code`], [`numbering`], [`text`], [`fsutil`], `images`: small rules shared by the
//!   parts above.
//!
//! The stages keep one direction, checked by `tests/tests/architecture.rs` (no import cycle):
//! model and templates → checks (pure; glyph coverage and page counts handed in) → document
//! assembly → layout → the PDF and Word writers; the store stores and calls neither the layout
//! nor a writer.

// The API both faces call: every public item says what it is (warnings are errors in CI).
#[warn(missing_docs)]
pub mod app;
pub mod bundle;
pub mod checks;
pub mod clock;
pub mod credit_code;
pub mod diff;
pub mod document;
pub mod error;
pub mod export;
pub mod fonts;
pub mod fsutil;
pub(crate) mod images;
pub mod integrity;
pub mod interchange;
pub mod layout;
pub mod merge;
pub mod migrate;
pub mod model;
pub mod numbering;
pub mod package;
pub(crate) mod raster;
pub mod sample;
pub mod store;
pub mod summary;
pub mod template;
pub mod text;
pub mod wordimport;
pub mod zipread;

pub use error::{CoreError, ErrorCode, Result};
