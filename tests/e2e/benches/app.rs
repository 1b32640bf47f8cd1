//! Figures for the desktop app, measured through the real webview under Xvfb: cold start to an
//! interactive start page, opening a scale-4 dossier, resident memory with it open, and frame
//! times while typing into a long section (autosave and checks run meanwhile). Set
//! `DOSSIER_APP=…/release/dossier-studio` to measure the release build.

#[path = "../tests/common/mod.rs"]
mod common;

use common::Env;
use std::process::Command;

/// The `dossier` CLI: `$DOSSIER_CLI`, else beside the app.
fn dossier_cli() -> std::path::PathBuf {
    std::env::var_os("DOSSIER_CLI")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| common::app_binary().with_file_name("dossier"))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("app: {}", common::app_binary().display());
    let env = Env::new();
    let out = Command::new(dossier_cli())
        .args(["--store"])
        .arg(env.store())
        .args(["sample", "--type", "city", "--scale", "4"])
        .output()
        .expect("the dossier CLI beside the app");
    assert!(out.status.success(), "sample: {out:?}");
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();

    let mut starts = Vec::new();
    let mut opens = Vec::new();
    let mut loads = Vec::new();
    let mut rss = Vec::new();
    for round in 0..5 {
        let app = env.launch().await;
        starts.push(app.connecting.elapsed().as_secs_f64() * 1000.0);
        app.wait(&format!("[data-testid=open-{id}]")).await;
        let in_page = app
            .client
            .execute_async(
                &format!(
                    "const done = arguments[arguments.length - 1]; const t0 = performance.now();
                     document.querySelector('[data-testid=open-{id}]').click();
                     const poll = () => document.querySelector('.workspace .tree .status') ? done(performance.now() - t0) : requestAnimationFrame(poll);
                     poll();"
                ),
                vec![],
            )
            .await
            .unwrap()
            .as_f64()
            .unwrap();
        opens.push(in_page);
        let load: f64 = app
            .js("return Number(document.querySelector('.workspace').dataset.loadMs)")
            .await
            .as_f64()
            .unwrap_or(0.0);
        loads.push(load);
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let mem = app.memory_mb();
        if round == 0 {
            for (name, rss, pss) in &mem {
                println!(
                    "  with the scale-4 dossier open: {name}: resident {rss:.0} MB, proportional {pss:.0} MB"
                );
            }
        }
        rss.push((
            mem.first().map_or(0.0, |m| m.1),
            mem.iter().map(|m| m.2).sum::<f64>(),
        ));
        if round == 4 {
            // Typing: 200 characters into the longest section, one every 30 ms; each frame timed.
            app.click("[data-page='section:technical']").await;
            let editor = app.wait("[data-testid=section-editor]").await;
            editor.click().await.unwrap();
            let frames = app
                .client
                .execute_async(
                    "const done = arguments[arguments.length - 1]; const times = []; let n = 0;
                     const step = () => {
                       const t0 = performance.now();
                       document.execCommand('insertText', false, '数');
                       requestAnimationFrame(() => { times.push(performance.now() - t0); if (++n < 200) setTimeout(step, 30); else done(times); });
                     };
                     step();",
                    vec![],
                )
                .await
                .unwrap();
            let mut times: Vec<f64> = frames
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|v| v.as_f64())
                .collect();
            times.sort_by(|a, b| a.partial_cmp(b).unwrap());
            app.saved().await;
            println!(
                "typing 200 characters into a scale-4 section: keystroke to frame p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms; frames over 50 ms: {}",
                times[times.len() / 2],
                times[times.len() * 95 / 100],
                times[times.len() - 1],
                times.iter().filter(|t| **t > 50.0).count()
            );
            let mem = app.memory_mb();
            println!(
                "after typing: app {:.0} MB resident; app + WebKit {:.0} MB proportional",
                mem.first().map_or(0.0, |m| m.1),
                mem.iter().map(|m| m.2).sum::<f64>()
            );
        }
        app.quit().await;
    }
    println!(
        "cold start to interactive start page (session request → list shown): median {:.0} ms of {:?}",
        median(starts.clone()),
        starts.iter().map(|v| v.round()).collect::<Vec<_>>()
    );
    println!(
        "open a scale-4 dossier (click → workspace drawn): median {:.0} ms; of it the core's open (load + check): median {:.0} ms",
        median(opens),
        median(loads)
    );
    println!(
        "memory with it open: the app's own process median {:.0} MB resident; app + WebKit processes median {:.0} MB proportional (PSS)",
        median(rss.iter().map(|r| r.0).collect()),
        median(rss.iter().map(|r| r.1).collect())
    );
}
