//! Helpers for the integration tests: run the real `dossier` binary against a real SQLite file
//! in a temporary folder, and read what it printed.

pub mod official_form;

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

/// The validators kept in the repository (`tests/validators/`: the OOXML schema check with its
/// schemas, LibreOffice's fonts.conf), so the suite needs nothing outside the clone.
pub fn validators_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("validators")
}

/// Runs an external tool and returns its combined output; panics with a clear message when the
/// tool is missing (the README's test command installs every tool the suite uses).
pub fn tool(program: &str, args: &[&std::ffi::OsStr]) -> (bool, String) {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} could not run ({e}); run `bash .ci/test` to install it")
        });
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// Reads one part of a zip package (a .docx) as text.
/// Asserts a Word file is valid: the OOXML schema validator (`tests/validators/`) finds 0 errors
/// and openxml-audit (Microsoft 365 rules) 0 findings.
pub fn assert_valid_docx(file: &Path) {
    let validator = validators_dir().join("ooxml-validate");
    let (_, out) = tool("python3", &[validator.as_os_str(), file.as_os_str()]);
    assert!(
        out.contains("TOTAL schema errors: 0"),
        "schema errors in {}:\n{out}",
        file.display()
    );
    let (ok, out) = tool(
        "openxml-audit",
        &[
            "-f".as_ref(),
            "microsoft365".as_ref(),
            "-m".as_ref(),
            "0".as_ref(),
            file.as_os_str(),
        ],
    );
    assert!(
        ok && out.contains("Errors: 0"),
        "openxml-audit findings in {}:\n{out}",
        file.display()
    );
}

pub fn zip_part(file: &Path, part: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(file).expect("open package"))
        .expect("a zip package");
    let mut entry = archive
        .by_name(part)
        .unwrap_or_else(|_| panic!("{part} missing in {}", file.display()));
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("UTF-8 part");
    text
}

/// Converts a document to PDF with LibreOffice (`tests/validators/fonts.conf` maps the official
/// font names to free ones); returns the PDF's path.
pub fn libreoffice_pdf(docx: &Path, out_dir: &Path) -> PathBuf {
    libreoffice_convert(docx, out_dir, "pdf", "pdf")
}

/// Opens a Word file in LibreOffice and saves it again as .docx (as a user who edits in
/// LibreOffice would); returns the new file's path, in `out_dir`.
pub fn libreoffice_resave(docx: &Path, out_dir: &Path) -> PathBuf {
    std::fs::create_dir_all(out_dir).expect("output folder");
    libreoffice_convert(docx, out_dir, "docx:MS Word 2007 XML", "docx")
}

/// `soffice --convert-to FILTER` of `docx` into `out_dir`, with its own profile there; returns
/// the written file (the same name, extension `ext`).
fn libreoffice_convert(docx: &Path, out_dir: &Path, filter: &str, ext: &str) -> PathBuf {
    let profile = out_dir.join("lo-profile");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", filter, "--outdir"])
        .arg(out_dir)
        .arg(docx)
        .env("FONTCONFIG_FILE", validators_dir().join("fonts.conf"))
        .output()
        .expect("soffice runs (libreoffice-writer installed by .ci/setup)");
    assert!(
        status.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let written = out_dir.join(docx.with_extension(ext).file_name().unwrap());
    assert!(written.exists(), "no .{ext} from LibreOffice");
    written
}

/// The text of each page of a PDF (pdftotext), white space removed.
pub fn pdf_pages(pdf: &Path) -> Vec<String> {
    let (ok, info) = tool("pdfinfo", &[pdf.as_os_str()]);
    assert!(ok, "{info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count");
    let (ok, text) = tool(
        "pdftotext",
        &["-raw".as_ref(), pdf.as_os_str(), "-".as_ref()],
    );
    assert!(ok);
    let mut out: Vec<String> = text
        .split('\u{c}')
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    out.truncate(pages);
    out
}

/// One text line of a PDF page as poppler reads it (`pdftotext -bbox-layout`).
#[derive(Debug, Clone)]
pub struct PdfLine {
    pub x_min: f32,
    pub x_max: f32,
    pub y_min: f32,
    pub y_max: f32,
    pub text: String,
}

/// The lines of every page, from the PDF's own text positions.
pub fn pdf_lines(pdf: &Path) -> Vec<Vec<PdfLine>> {
    let (ok, xml) = tool(
        "pdftotext",
        &["-bbox-layout".as_ref(), pdf.as_os_str(), "-".as_ref()],
    );
    assert!(ok, "pdftotext failed");
    let attr = |tag: &str, name: &str| -> f32 {
        let key = format!("{name}=\"");
        let start = tag.find(&key).expect("attribute") + key.len();
        tag[start..start + tag[start..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    let mut pages = Vec::new();
    for page in xml.split("<page ").skip(1) {
        let mut lines = Vec::new();
        for chunk in page.split("<line ").skip(1) {
            let head = &chunk[..chunk.find('>').unwrap()];
            let mut text = String::new();
            for w in chunk.split("<word ").skip(1) {
                let body = &w[w.find('>').unwrap() + 1..];
                text.push_str(&body[..body.find("</word>").unwrap()]);
            }
            let text = text
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"");
            lines.push(PdfLine {
                x_min: attr(head, "xMin"),
                x_max: attr(head, "xMax"),
                y_min: attr(head, "yMin"),
                y_max: attr(head, "yMax"),
                text,
            });
        }
        pages.push(lines);
    }
    pages
}

/// Sample dossiers of the given types, all recommended by one unit (东海省数据局) in the order
/// given (推荐意向序号 1, 2, …); returns their ids.
pub fn dossiers_of_one_unit(env: &Env, types: &[&str]) -> Vec<String> {
    let ids: Vec<String> = types
        .iter()
        .map(|t| env.ok(&["sample", "--type", t]))
        .collect();
    for (i, id) in ids.iter().enumerate() {
        env.ok(&[
            "set",
            id,
            "recommending_unit=东海省数据局",
            &format!("recommendation.order={}", i + 1),
        ]);
    }
    ids
}

/// Han characters of a text, in order.
pub fn han(text: &str) -> String {
    text.chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c) || ('\u{3400}'..='\u{4DBF}').contains(c))
        .collect()
}
