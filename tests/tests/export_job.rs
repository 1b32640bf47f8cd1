//! An export needs the store only to prepare and to record: while its files are laid out and
//! written, the store is free, so a save made meanwhile completes at once and lands; the files
//! are the version prepared (the snapshot taken for the export says which). Driven through the
//! application context, as the desktop shell drives it.

use dossier_core::app::{Assets, Block, Clock, Context, ExportFormat, ExportRequest, PilotType};
use dossier_core::{sample, template::Registry};
use dossier_tests::{han, pdf_pages};

#[test]
fn a_save_during_a_running_export_completes_first() {
    let dir = tempfile::tempdir().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2025, 4, 10).unwrap();
    let mut ctx = Context::open(
        &dir.path().join("store.db"),
        Assets::source_tree(),
        Clock::Fixed(today),
    )
    .unwrap();
    let registry = Registry::embedded().unwrap();
    let d = sample::generate(&registry, PilotType::City, 1).unwrap();
    let id = ctx
        .import_json("sample", &dossier_core::interchange::to_json(&d))
        .unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let request = ExportRequest {
        draft: true,
        ..ExportRequest::new(vec![ExportFormat::Pdf], out.clone())
    };
    let prepared = ctx.export_prepare(id, &request).unwrap();

    // The export runs on another thread without the store; the save on this one goes through.
    let writer = std::thread::spawn(move || {
        let outcome = prepared.write(&mut |_| {}).unwrap();
        (prepared, outcome.files)
    });
    ctx.save_section(id, "goals", &[Block::paragraph("导出进行中保存的新目标。")])
        .unwrap();
    let saved = ctx.load(id).unwrap().dossier;
    assert_eq!(
        saved.section("goals").unwrap().blocks,
        vec![Block::paragraph("导出进行中保存的新目标。")]
    );
    let (prepared, files) = writer.join().unwrap();
    ctx.export_finish(&prepared, &files).unwrap();

    // The file is the version prepared: the old goals, not the text saved meanwhile.
    let text = han(&pdf_pages(&files[0].path).concat());
    assert!(!text.contains(&han("导出进行中保存的新目标")));
    let old = d.section("goals").unwrap().blocks[0].texts()[0].to_string();
    assert!(text.contains(&han(&old)));
    // And the export is in the history.
    assert!(
        ctx.activity(id)
            .unwrap()
            .iter()
            .any(|a| a.what.contains("导出"))
    );
}

/// Under one fixed clock (`--today`) everything the core writes is the same bytes twice: two
/// stores made the same way, in separate runs, give byte-equal bundles (with snapshots) and
/// byte-equal Word files, PDFs and print packs. Without it, bundles differ by their time.
#[test]
fn a_fixed_clock_makes_bundles_and_exports_byte_reproducible() {
    let run = |today: Option<&str>| -> Vec<Vec<u8>> {
        let env = dossier_tests::Env::new();
        let with_day = |args: &[&str]| -> Vec<String> {
            let mut all: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            if let Some(day) = today {
                all.extend(["--today".to_string(), day.to_string()]);
            }
            all
        };
        let ok = |args: &[&str]| {
            let args = with_day(args);
            env.ok(&args.iter().map(String::as_str).collect::<Vec<_>>())
        };
        let id = ok(&["sample", "--type", "enterprise"]);
        ok(&["snapshot", &id, "--name", "初稿"]);
        let out = env.path("out");
        std::fs::create_dir_all(&out).unwrap();
        let printed = ok(&[
            "export",
            &id,
            "--format",
            "all",
            "--draft",
            "--out",
            out.to_str().unwrap(),
        ]);
        let bundle = env.path("b.dossier");
        ok(&[
            "bundle",
            "export",
            &id,
            bundle.to_str().unwrap(),
            "--with-snapshots",
        ]);
        let mut files: Vec<Vec<u8>> = printed.lines().map(|p| std::fs::read(p).unwrap()).collect();
        files.push(std::fs::read(&bundle).unwrap());
        files
    };
    let (first, second) = (run(Some("2026-03-01")), run(Some("2026-03-01")));
    assert_eq!(
        first.len(),
        4,
        "the Word file, the PDF, the print pack and the bundle"
    );
    for (i, (a, b)) in first.iter().zip(&second).enumerate() {
        assert!(
            a == b,
            "file {i} differs between two runs under one fixed clock"
        );
    }
    // The clock is what makes it so: the bundle records when it was made.
    let unfixed = run(None);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let later = run(None);
    assert_ne!(
        unfixed[3], later[3],
        "a bundle made a second later is the same"
    );
}
