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
        Assets::find(),
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
