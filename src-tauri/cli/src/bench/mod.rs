//! `dossier bench`: the foundation's speed figures on a throw-away store in a temporary folder,
//! printed as a table (no timed assertions anywhere: figures are for reading and for notes).

use dossier_core::model::{Block, PilotType};
use dossier_core::store::Store;
use dossier_core::{CoreError, Result, interchange, sample};
use std::time::{Duration, Instant};

mod typst;

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i.min(samples.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

/// Peak resident memory of this process in MB (Linux `VmHWM`), when known.
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Pads to a display width, counting CJK characters as two columns.
fn pad(text: &str, width: usize) -> String {
    let used: usize = text
        .chars()
        .map(|c| if c > '\u{2E80}' { 2 } else { 1 })
        .sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

pub fn run(dossiers: usize, saves: usize) -> Result<()> {
    let dir = tempfile::tempdir().map_err(|e| CoreError::Io {
        path: std::env::temp_dir(),
        detail: e.to_string(),
    })?;
    let mut store = Store::open(dir.path().join("bench.db"))?;

    let t = Instant::now();
    let types = PilotType::ALL;
    let samples: Vec<_> = types
        .iter()
        .map(|t| sample::generate(store.registry(), *t, 1))
        .collect::<Result<_>>()?;
    let mut ids = Vec::with_capacity(dossiers);
    for i in 0..dossiers {
        ids.push(store.insert(&samples[i % samples.len()])?);
    }
    let fill = t.elapsed();

    // Saving one section: a paragraph changes, as the editor's autosave would send it.
    let template = store.registry().latest_for(PilotType::City)?.clone();
    let mut save_times = Vec::with_capacity(saves);
    for i in 0..saves {
        let id = ids[i % ids.len()];
        let key = &template.sections[i % template.sections.len()].key;
        let blocks = vec![
            Block::heading(2, "基本情况"),
            Block::paragraph(format!(
                "第 {i} 次保存：申报单位近三年营业收入稳定增长，数据资源基础良好。"
            )),
        ];
        let t = Instant::now();
        store.save_section(id, key, &blocks)?;
        save_times.push(t.elapsed());
    }

    let mut list_times = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        let list = store.list(false)?;
        list_times.push(t.elapsed());
        assert_eq!(list.len(), ids.len());
    }

    let big = sample::generate(store.registry(), PilotType::City, 4)?;
    let big_json = interchange::to_json(&big);
    let mut import_times = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let d = interchange::from_json("bench.json", &big_json)?;
        store.insert(&d)?;
        import_times.push(t.elapsed());
    }
    let mut export_times = Vec::new();
    let big_id = store.list(false)?[0].id;
    for _ in 0..10 {
        let t = Instant::now();
        let text = interchange::to_json(&store.load(big_id)?.dossier);
        export_times.push(t.elapsed());
        assert_eq!(text.len(), big_json.len());
    }

    // The shipped fonts load once per process (their cmaps decide drawable characters); load
    // them before timing, as the app does at start.
    let fonts = dossier_core::fonts::ShippedFonts::shipped()?;
    let mut check_times = Vec::new();
    let today = chrono::Local::now().date_naive();
    for _ in 0..50 {
        let t = Instant::now();
        let report = store.check(big_id, today, &fonts)?;
        check_times.push(t.elapsed());
        assert!(report.total_chars > 0);
    }

    let mut docx_times = Vec::new();
    let big_record = store.load(big_id)?;
    let template = store.registry().get(&big_record.dossier.template)?.clone();
    let mut docx_size = 0;
    for _ in 0..20 {
        let t = Instant::now();
        let bytes = dossier_core::export::docx::build(
            &big_record.dossier,
            &template,
            &store.registry().settings,
            &dossier_core::export::docx::DocxOptions::default(),
            &fonts,
        )?;
        docx_times.push(t.elapsed());
        docx_size = bytes.len();
    }

    println!(
        "申报书工作台基准测试（数据文件中有 {} 份申报书，预置耗时 {:.2} 秒）",
        ids.len(),
        fill.as_secs_f64()
    );
    println!(
        "{}{:>8}{:>12}{:>12}{:>12}",
        pad("项目", 32),
        "次数",
        "p50/ms",
        "p99/ms",
        "最大/ms"
    );
    let rows: [(&str, &mut Vec<Duration>); 6] = [
        ("保存一个章节", &mut save_times),
        ("列出全部申报书", &mut list_times),
        ("导入规模 4 的申报书（JSON）", &mut import_times),
        ("导出规模 4 的申报书（JSON）", &mut export_times),
        ("全面检查规模 4 的申报书", &mut check_times),
        ("生成规模 4 的 Word 文件", &mut docx_times),
    ];
    for (label, times) in rows {
        let n = times.len();
        let p50 = percentile(times, 0.5);
        let p99 = percentile(times, 0.99);
        let max = *times.iter().max().unwrap_or(&Duration::ZERO);
        println!(
            "{}{n:>10}{:>12}{:>12}{:>12}",
            pad(label, 32),
            ms(p50),
            ms(p99),
            ms(max)
        );
    }
    println!(
        "规模 4 交换文件大小：{:.1} KB",
        big_json.len() as f64 / 1024.0
    );
    println!("规模 4 Word 文件大小：{:.1} KB", docx_size as f64 / 1024.0);
    merge_figures(&mut store)?;
    import_figures(&store)?;
    if let Some(mb) = peak_memory_mb() {
        println!("进程峰值内存（至此）：{mb:.1} MB");
    }
    export_figures(&mut store, dir.path())?;
    if let Some(mb) = peak_memory_mb() {
        println!("进程峰值内存（含 PDF）：{mb:.1} MB");
    }
    Ok(())
}

/// Export figures at scales 1, 4 and 16 on both page layouts, next to the peers a user would
/// otherwise use on the same content: LibreOffice converting our own Word file to PDF, and typst
/// (the PyPI package) typesetting the same assembled document. The CLI's exports and the peers
/// are timed as whole processes, one after another in this one run; the in-process figures say
/// where our time goes.
fn export_figures(store: &mut Store, dir: &std::path::Path) -> Result<()> {
    use dossier_core::document::{self, AssembleOptions, PageLayout};
    use dossier_core::export::{docx, pdf};
    let fonts = &dossier_core::fonts::ShippedFonts::shipped()?;
    let exe = std::env::current_exe().map_err(|e| CoreError::Internal(e.to_string()))?;
    let db = dir.join("bench.db");
    println!();
    println!(
        "导出（城市类型，毫秒，取 3 次中最快，规模 16 取 1 次；“进程”为整条命令的墙钟时间）与同类工具对比："
    );
    println!(
        "{:>4} {:<8}{:>6}{:>8}{:>8}{:>8}{:>8}{:>10}{:>10}{:>10}{:>12}{:>8}{:>10}{:>8}{:>8}",
        "规模",
        "版式",
        "页数",
        "排版",
        "电子版",
        "纸质包",
        "Word",
        "电子版进程",
        "纸质包进程",
        "Word进程",
        "LibreOffice",
        "LO页数",
        "typst",
        "typst页",
        "峰值MB"
    );
    for scale in [1u32, 4, 16] {
        reset_peak_memory();
        let d = sample::generate(store.registry(), PilotType::City, scale)?;
        let id = store.insert(&d)?;
        let tries = if scale == 16 { 1 } else { 3 };
        let template = store.registry().get(&d.template)?.clone();
        let settings = store.registry().settings.clone();
        for layout in [PageLayout::Form, PageLayout::Gbt9704] {
            let page = AssembleOptions {
                layout,
                contents: false,
            };
            let best = |f: &mut dyn FnMut() -> Result<()>| -> Result<f64> {
                let mut ms = f64::MAX;
                for _ in 0..tries {
                    let t = Instant::now();
                    f()?;
                    ms = ms.min(t.elapsed().as_secs_f64() * 1000.0);
                }
                Ok(ms)
            };
            let mut pages = 0;
            let layout_ms = best(&mut || {
                let doc = document::assemble(&d, &template, &settings, &page)?;
                pages = dossier_core::layout::layout(&doc, fonts).pages.len();
                Ok(())
            })?;
            let pdf_options = |copies| pdf::PdfOptions {
                copies,
                page,
                ..Default::default()
            };
            let pdf_ms = best(&mut || {
                pdf::build(&d, &template, &settings, fonts, &pdf_options(None)).map(|_| ())
            })?;
            let pack_ms = best(&mut || {
                pdf::build(&d, &template, &settings, fonts, &pdf_options(Some(3))).map(|_| ())
            })?;
            let docx_options = docx::DocxOptions {
                page,
                ..Default::default()
            };
            let docx_ms = best(&mut || {
                docx::build(&d, &template, &settings, &docx_options, fonts).map(|_| ())
            })?;
            // The same exports as whole `dossier export` processes.
            let out = dir.join(format!("cli-{scale}-{layout:?}"));
            std::fs::create_dir_all(&out).map_err(|e| CoreError::Io {
                path: out.clone(),
                detail: e.to_string(),
            })?;
            let process = |format: &str| -> Option<f64> {
                (0..tries)
                    .filter_map(|_| {
                        timed(
                            std::process::Command::new(&exe)
                                .arg("--store")
                                .arg(&db)
                                .args(["export", &id.to_string(), "--format", format])
                                .args(["--layout", layout_arg(layout), "--draft", "--out"])
                                .arg(&out),
                        )
                    })
                    .reduce(f64::min)
            };
            let (pdf_process, pack_process, docx_process) =
                (process("pdf"), process("pack"), process("docx"));
            // LibreOffice converting our Word file.
            let docx_file = dir.join(format!("bench-{scale}-{layout:?}.docx"));
            write_file(
                &docx_file,
                &docx::build(&d, &template, &settings, &docx_options, fonts)?,
            )?;
            let lo = timed(
                std::process::Command::new("soffice")
                    .arg(format!("-env:UserInstallation=file://{}/lo", dir.display()))
                    .args(["--headless", "--convert-to", "pdf", "--outdir"])
                    .arg(dir)
                    .arg(&docx_file),
            );
            let lo_pages = pdf_pages(&docx_file.with_extension("pdf"));
            // typst typesetting the same document.
            let doc = document::assemble(&d, &template, &settings, &page)?;
            let typ = dir.join(format!("bench-{scale}-{layout:?}.typ"));
            write_file(&typ, typst::source(&doc, dir)?.as_bytes())?;
            let typst_pdf = typ.with_extension("pdf");
            let typst_ms = timed(
                std::process::Command::new("python3")
                    .args([
                        "-c",
                        "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]])",
                    ])
                    .arg(&typ)
                    .arg(&typst_pdf)
                    .arg(dossier_core::fonts::source_tree_assets().join("fonts")),
            );
            let typst_pages = pdf_pages(&typst_pdf);
            let show = |v: Option<f64>| v.map_or("—".to_string(), |ms| format!("{ms:.0}"));
            let count = |v: Option<usize>| v.map_or("—".to_string(), |n| n.to_string());
            let peak = peak_memory_mb().map_or("—".to_string(), |mb| format!("{mb:.0}"));
            println!(
                "{scale:>6} {:<10}{pages:>6}{layout_ms:>10.1}{pdf_ms:>10.1}{pack_ms:>10.1}{docx_ms:>10.1}{:>12}{:>12}{:>12}{:>14}{:>8}{:>10}{:>8}{peak:>8}",
                layout_arg(layout),
                show(pdf_process),
                show(pack_process),
                show(docx_process),
                show(lo),
                count(lo_pages),
                show(typst_ms),
                count(typst_pages),
            );
        }
    }
    println!("（LibreOffice、typst 未安装时显示“—”；.ci/bench 会安装。）");
    Ok(())
}

fn layout_arg(layout: dossier_core::document::PageLayout) -> &'static str {
    match layout {
        dossier_core::document::PageLayout::Form => "form",
        dossier_core::document::PageLayout::Gbt9704 => "gbt9704",
    }
}

fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| CoreError::Io {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })
}

/// A PDF's page count as poppler's `pdfinfo` reads it, when the file and the tool are there.
fn pdf_pages(pdf: &std::path::Path) -> Option<usize> {
    let out = std::process::Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
}

/// Resets the process's peak resident memory (Linux: `5` to `/proc/self/clear_refs`), so each
/// scale's peak is its own. Peers run as their own processes and are not counted.
fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Runs a peer tool once; its wall time in milliseconds, or `None` when it is not installed or
/// fails.
fn timed(command: &mut std::process::Command) -> Option<f64> {
    let t = Instant::now();
    let out = command.output().ok()?;
    out.status
        .success()
        .then(|| t.elapsed().as_secs_f64() * 1000.0)
}

/// Merging two writers' copies of a scale-4 dossier back, one after the other: reading each
/// bundle, planning and applying (best of 3, a fresh dossier each time).
fn merge_figures(store: &mut Store) -> Result<()> {
    use dossier_core::{bundle, merge};
    let mut best = f64::MAX;
    for _ in 0..3 {
        let d = sample::generate(store.registry(), PilotType::City, 4)?;
        let id = store.insert(&d)?;
        let mut copies = Vec::new();
        for (part, writer) in [("technical", "张工"), ("operations", "李工")] {
            let bytes = merge::hand_out(store, id, &[part.to_string()], writer)?;
            let mut copy = bundle::read(writer, &bytes)?.dossier;
            copy.set_section(
                part,
                vec![Block::paragraph(format!("{writer}改写的{part}。"))],
            );
            copies.push(bundle::write_dossier(&copy, &[], chrono::Utc::now())?);
        }
        let t = Instant::now();
        for bytes in &copies {
            let copy = bundle::read("副本", bytes)?.dossier;
            merge::plan(store, id, &copy)?;
            merge::apply(store, id, &copy, &Default::default(), "副本")?;
        }
        best = best.min(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!("合并两份规模 4 的分工副本（读包、比对、合并，依次）：{best:.1} ms");
    Ok(())
}

/// Reading a filled form back from Word: our own Word file of a dossier of about 30 and about
/// 150 pages, imported (best of 3).
fn import_figures(store: &Store) -> Result<()> {
    use dossier_core::export::docx;
    let fonts = &dossier_core::fonts::ShippedFonts::shipped()?;
    for scale in [1u32, 6] {
        let d = sample::generate(store.registry(), PilotType::City, scale)?;
        let template = store.registry().get(&d.template)?.clone();
        let settings = &store.registry().settings;
        let bytes = docx::build(&d, &template, settings, &Default::default(), fonts)?;
        let pages = dossier_core::layout::layout_dossier(&d, &template, settings, fonts)?
            .pages
            .len();
        let mut best = f64::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            let imported =
                dossier_core::wordimport::import(store.registry(), "bench.docx", &bytes, None)?;
            best = best.min(t.elapsed().as_secs_f64() * 1000.0);
            assert!(imported.dossier.unplaced.is_empty());
        }
        println!(
            "从 Word 导入 {pages} 页的申报书（{:.0} KB）：{best:.1} ms",
            bytes.len() as f64 / 1024.0
        );
    }
    Ok(())
}
