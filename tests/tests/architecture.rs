//! The core's shape, read from its sources: no import cycle between its modules, and the stages
//! in their direction — model and templates → checks (pure, page counts handed in) → document
//! assembly → layout → the PDF and Word writers; the store stores and calls neither the layout
//! nor an exporter; the faces (CLI, desktop shell) never call a writer or the layout themselves;
//! the core takes the time only from its clock and reads no environment (the faces hand it in).
//! Fails naming the files when a change breaks one of these.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// A file's code without its comments and its test module.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `crate::NAME` modules a text refers to.
fn uses(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_' || c.is_ascii_digit())
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
        rest = after;
    }
    out
}

fn core_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/core/src")
}

/// Module → (module it uses → files that use it).
fn graph() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let root = core_dir();
    let mut g: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in sources(&root) {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let module = rel
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string();
        if module == "lib" {
            continue;
        }
        let entry = g.entry(module.clone()).or_default();
        for used in uses(&code(&file)) {
            if used != module {
                entry.entry(used).or_default().insert(rel.clone());
            }
        }
    }
    g
}

#[test]
fn the_core_has_no_import_cycle() {
    let g = graph();
    assert!(g.len() > 20, "only {} modules read", g.len());
    // Depth-first search for a back edge; the cycle is printed with the files that make it.
    fn visit(
        m: &str,
        g: &BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(m.to_string(), 1);
        path.push(m.to_string());
        for next in g
            .get(m)
            .map(|e| e.keys().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
        {
            if !g.contains_key(&next) {
                continue;
            }
            match state.get(&next).copied().unwrap_or(0) {
                1 => {
                    let from = path.iter().position(|p| *p == next).unwrap();
                    let mut cycle = path[from..].to_vec();
                    cycle.push(next);
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(&next, g, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(m.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in g.keys() {
        if state.get(m).copied().unwrap_or(0) == 0
            && let Some(cycle) = visit(m, &g, &mut state, &mut Vec::new())
        {
            let edges: Vec<String> = cycle
                .windows(2)
                .map(|w| format!("{} → {} ({:?})", w[0], w[1], g[&w[0]][&w[1]]))
                .collect();
            panic!("import cycle in the core: {}", edges.join("; "));
        }
    }
}

#[test]
fn the_stages_keep_their_direction() {
    let g = graph();
    let forbidden: &[(&str, &[&str], &str)] = &[
        (
            "checks",
            &["store", "layout", "document", "export", "fonts"],
            "the checks are pure: data and counts come in",
        ),
        (
            "document",
            &["layout", "export", "store"],
            "assembly comes before layout and the writers",
        ),
        (
            "layout",
            &["export", "store"],
            "the layout comes before the writers and knows no store",
        ),
        (
            "store",
            &["layout", "document", "export"],
            "the store stores",
        ),
        (
            "model",
            &["store", "checks", "layout", "export", "document"],
            "the model is data",
        ),
        (
            "template",
            &["store", "checks", "layout", "export", "document"],
            "templates are data",
        ),
    ];
    for (module, not, why) in forbidden {
        let used = g.get(*module).cloned().unwrap_or_default();
        for n in *not {
            assert!(
                !used.contains_key(*n),
                "{module} uses {n} ({why}): {:?}",
                used.get(*n)
            );
        }
    }
    // The writers render what assembly and the layout made: they never read the store.
    let root = core_dir();
    for dir in ["export/docx", "export/pdf"] {
        for file in sources(&root.join(dir)) {
            assert!(
                !uses(&code(&file)).contains("store"),
                "{} reads the store",
                file.display()
            );
        }
    }
}

/// The faces' files: the desktop shell's and the CLI's, but its benchmark, which times the stages
/// themselves (assembly, layout, each writer) against other programs.
fn faces() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri");
    let faces: Vec<PathBuf> = sources(&root.join("src"))
        .into_iter()
        .chain(
            sources(&root.join("cli/src"))
                .into_iter()
                .filter(|p| !p.components().any(|c| c.as_os_str() == "bench")),
        )
        .collect();
    assert!(faces.len() > 10, "{faces:?}");
    faces
}

/// What a text names of the core: `dossier_core::NAME` and each name in `dossier_core::{…}`.
fn core_names(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("dossier_core::") {
        let after = &rest[i + "dossier_core::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let mut depth = 0;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth < 0
                })
                .map_or(group.len(), |(i, _)| i);
            // Top-level names only: what follows a comma at depth 0.
            let mut depth = 0;
            let mut name = String::new();
            for c in group[..end].chars().chain([',']) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        let n: String = name
                            .trim()
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        if !n.is_empty() {
                            out.insert(n);
                        }
                        name.clear();
                    }
                    _ if depth == 0 => name.push(c),
                    _ => {}
                }
            }
        } else {
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
        rest = after;
    }
    out
}

#[test]
fn the_faces_call_only_the_application_operations() {
    // The CLI and the shell parse, call `dossier_core::app` and print or return: they name no
    // store, writer, layout, assembly, bundle, merge or import module of the core themselves.
    let allowed = ["app", "CoreError", "ErrorCode", "Result"];
    let mut seen = BTreeSet::new();
    for file in faces() {
        let names = core_names(&code(&file));
        for n in &names {
            assert!(
                allowed.contains(&n.as_str()),
                "{} names dossier_core::{n}; the faces call only dossier_core::app",
                file.display()
            );
        }
        seen.extend(names);
    }
    assert!(
        seen.contains("app"),
        "no face calls the operations: {seen:?}"
    );
    // A renamed crate (`use dossier_core as core;`) or a glob import would hide what a face
    // names from the reader above: neither is allowed in a face.
    for file in faces() {
        let code = code(&file).replace(char::is_whitespace, "");
        for hidden in [
            "usedossier_coreas",
            "externcratedossier_core",
            "usedossier_core::*",
        ] {
            assert!(
                !code.contains(hidden),
                "{} uses the core in a way the reader cannot follow ({hidden})",
                file.display()
            );
        }
    }
    // The reader itself, on a line of each kind.
    let probe = core_names(
        "use dossier_core::{CoreError, store::{Store, x}};\ndossier_core::export::pdf::build(",
    );
    assert_eq!(
        probe,
        ["CoreError", "export", "store"].map(String::from).into()
    );
}

#[test]
fn the_faces_never_call_a_writer_or_the_layout_themselves() {
    for file in faces() {
        let code = code(&file);
        for call in [
            "export::docx::build",
            "export::docx::render",
            "export::pdf::build",
            "export::pdf::render",
            "layout::layout",
            "document::assemble",
        ] {
            assert!(
                !code.contains(call),
                "{} calls {call} itself",
                file.display()
            );
        }
    }
}

/// The places in `dir`'s code (test modules aside) where one of `forbidden` stands, as
/// `file: what in “line”`; files under `allowed_in` are passed over.
fn offences(dir: &Path, forbidden: &[&str], allowed_in: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for file in sources(dir) {
        let relative = file
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if allowed_in.iter().any(|a| relative.starts_with(a)) {
            continue;
        }
        for line in code(&file).lines() {
            if let Some(what) = forbidden.iter().find(|f| line.contains(*f)) {
                out.push(format!("{relative}: {what} in “{}”", line.trim()));
            }
        }
    }
    out
}

/// A rule's probe: a file planted in a folder of its own is found, naming the file.
fn probe_finds(planted: &str, forbidden: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("planted.rs"), planted).unwrap();
    let found = offences(dir.path(), forbidden, &[]);
    assert!(
        found.len() == 1 && found[0].starts_with("planted.rs: "),
        "{found:?}"
    );
}

const TIME: &[&str] = &[
    "Utc::now(",
    "Local::now(",
    "SystemTime::now(",
    "Instant::now(",
];
const ENVIRONMENT: &[&str] = &["std::env::var", "env::var_os(", "env::current_exe("];

/// The time comes from the context's clock only (`clock.rs`): a fixed clock then makes every
/// file the core writes reproducible.
#[test]
fn the_core_reads_the_time_only_from_its_clock() {
    let found = offences(&core_dir(), TIME, &["clock.rs"]);
    assert!(
        found.is_empty(),
        "reads the time itself:\n{}",
        found.join("\n")
    );
    probe_finds("fn f() { let t = chrono::Utc::now(); }", TIME);
}

/// The environment is read by the faces and handed in (`app::Environment`); the core reads none.
#[test]
fn the_core_reads_no_environment() {
    let found = offences(&core_dir(), ENVIRONMENT, &[]);
    assert!(
        found.is_empty(),
        "reads the environment:\n{}",
        found.join("\n")
    );
    probe_finds("fn f() { let v = std::env::var_os(\"X\"); }", ENVIRONMENT);
}
