//! Crash safety: a writer saving edits is killed with SIGKILL at random moments, 200 times; after
//! each kill the store passes SQLite's integrity check and holds every edit reported as saved.
//! An export stopped while its file is being written leaves its target either absent or a
//! complete file.

// Signalling our own child processes (SIGKILL, SIGSTOP) is libc's; each call has its SAFETY.
#![allow(unsafe_code)]

use dossier_core::model::Block;
use dossier_core::store::Store;
use dossier_tests::{Env, dossier_bin, tool};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

/// A small deterministic generator for the kill moments.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

fn kill(child: &mut std::process::Child) {
    // SAFETY: sending a signal to our own child process.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGKILL);
    }
    let _ = child.wait();
}

#[test]
fn killed_writers_lose_no_reported_edit() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "city"]);
    let mut rng = Lcg(20251128);
    let mut last_reported: Option<u64> = None;
    for round in 0..200 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_writer"))
            .arg(&env.store)
            .arg(&id)
            .stdout(Stdio::piped())
            .spawn()
            .expect("writer starts");
        std::thread::sleep(Duration::from_millis(2 + rng.next(40)));
        kill(&mut child);
        let reported = BufReader::new(child.stdout.take().unwrap())
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| l.strip_prefix("saved ").and_then(|n| n.parse::<u64>().ok()))
            .last();
        let store = Store::open(&env.store).expect("the store opens after a kill");
        store
            .integrity_check()
            .expect("integrity_check is ok after a kill");
        let d = store.load(id.parse().unwrap()).unwrap().dossier;
        let Block::Paragraph { text } = &d.section("goals").unwrap().blocks[0] else {
            panic!("goals lost its paragraph in round {round}")
        };
        let saved: u64 = text
            .trim_start_matches("第 ")
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("goals holds {text}"));
        if let Some(n) = reported {
            // Every reported edit is there: the stored one is that edit or a later one.
            assert!(
                saved >= n,
                "round {round}: reported {n} saved, store holds {saved}"
            );
            let name: u64 = d
                .front_matter
                .contact
                .name
                .trim_start_matches("联系人")
                .parse()
                .unwrap();
            assert!(
                name >= n,
                "round {round}: reported {n}, contact holds {name}"
            );
            last_reported = Some(n);
        }
    }
    assert!(last_reported.is_some(), "no writer ever reported a save");
}

#[test]
fn a_killed_export_leaves_nothing_or_a_complete_file() {
    let env = Env::new();
    let id = env.ok(&["sample", "--type", "industry", "--scale", "4"]);
    let export = |dir: &std::path::Path| {
        Command::new(dossier_bin())
            .arg("--store")
            .arg(&env.store)
            .args(["export", &id, "--format", "pdf", "--draft", "--out"])
            .arg(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // The moment is chosen, not drawn: the writer is frozen (SIGSTOP) as soon as anything
    // appears in its empty output folder — its temporary file, or, were it to write straight to
    // the final name, the half-written PDF itself. Frozen there, the target must be absent or
    // complete; then the writer is killed.
    let mut caught_mid_write = 0;
    let mut last = None;
    for round in 0..6 {
        let out = env.path(&format!("out-{round}"));
        std::fs::create_dir_all(&out).unwrap();
        let mut child = export(&out);
        let seen = loop {
            let names: Vec<String> = std::fs::read_dir(&out)
                .unwrap()
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            if !names.is_empty() {
                // SAFETY: signalling our own child process.
                unsafe {
                    libc::kill(child.id() as i32, libc::SIGSTOP);
                }
                break names;
            }
            if child.try_wait().unwrap().is_some() {
                panic!("the export ended without any file ever being seen in its folder");
            }
        };
        let at_target: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".pdf"))
            .collect();
        for name in &at_target {
            let (ok, text) = tool("qpdf", &["--check".as_ref(), out.join(name).as_os_str()]);
            assert!(ok, "a partial PDF stands at the target {name}: {text}");
        }
        if seen.iter().any(|n| n.ends_with(".tmp")) && at_target.is_empty() {
            caught_mid_write += 1;
        }
        kill(&mut child);
        last = Some(out);
    }
    assert!(
        caught_mid_write > 0,
        "the writer was never caught with its temporary file open"
    );
    // The next export clears the temporary files killed exports left behind.
    let out = last.unwrap();
    let mut child = export(&out);
    assert!(child.wait().unwrap().success());
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "{} temporary files left",
        leftovers.len()
    );
    assert!(
        std::fs::read_dir(&out)
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".pdf")),
        "the export after the kills wrote its PDF"
    );
}
