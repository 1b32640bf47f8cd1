//! Crash safety: a writer saving edits is killed with SIGKILL at random moments, 200 times; after
//! each kill the store passes SQLite's integrity check and holds every edit reported as saved.
//! An export killed midway leaves its target either absent or a complete file.

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
    let out = env.path("out");
    std::fs::create_dir_all(&out).unwrap();
    // How long one export takes on this machine, measured first (into another folder): the
    // kills below fall anywhere in twice that, so some land mid-write and some after.
    let export = |dir: &std::path::Path| {
        let dir = dir.to_str().unwrap().to_string();
        ["export", &id, "--format", "pdf", "--draft", "--out"]
            .map(str::to_string)
            .into_iter()
            .chain([dir])
            .collect::<Vec<String>>()
    };
    let measured = env.path("measured");
    std::fs::create_dir_all(&measured).unwrap();
    let started = std::time::Instant::now();
    env.ok(&export(&measured)
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>());
    let window = (started.elapsed().as_millis() as u64 * 2).max(20);
    let mut rng = Lcg(7);
    let mut complete_seen = 0;
    for _ in 0..30 {
        let mut child = Command::new(dossier_bin())
            .arg("--store")
            .arg(&env.store)
            .args(export(&out))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.next(window)));
        kill(&mut child);
        for entry in std::fs::read_dir(&out).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".pdf") {
                let (ok, text) = tool("qpdf", &["--check".as_ref(), path.as_os_str()]);
                assert!(ok, "a partial PDF stands at the target: {text}");
                complete_seen += 1;
            }
        }
    }
    assert!(
        complete_seen > 0,
        "no export ever completed within {window} ms (twice a measured export)"
    );
    // The next export clears the temporary files killed exports left behind.
    env.ok(&export(&out).iter().map(String::as_str).collect::<Vec<_>>());
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
}
