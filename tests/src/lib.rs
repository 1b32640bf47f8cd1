//! Helpers for the integration tests: run the real `dossier` binary against a real SQLite file
//! in a temporary folder, and read what it printed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The built `dossier` binary: `$DOSSIER_BIN`, else `dossier` beside the test executable's
/// `deps` folder (cargo builds it with the workspace).
pub fn dossier_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("DOSSIER_BIN") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("test executable path");
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target profile folder");
    let bin = dir.join("dossier");
    assert!(
        bin.exists(),
        "{} is missing: build it first with `cargo build -p dossier-cli`",
        bin.display()
    );
    bin
}

/// What one run printed.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// A temporary folder with a store path in it.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub store: PathBuf,
}

impl Env {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = dir.path().join("store.db");
        Env { dir, store }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `dossier --store STORE args…`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_on(&self.store, args)
    }

    pub fn run_on(&self, store: &Path, args: &[&str]) -> Run {
        Command::new(dossier_bin())
            .arg("--store")
            .arg(store)
            .args(args)
            .env_remove("DOSSIER_STORE")
            .output()
            .expect("run dossier")
            .into()
    }

    /// Runs and expects success; returns stdout trimmed.
    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, 0, "dossier {args:?} failed: {}", r.stderr);
        r.stdout.trim().to_string()
    }
}

impl Default for Env {
    fn default() -> Self {
        Self::new()
    }
}

/// True when the text holds at least one Han character (messages must be Chinese).
pub fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}
