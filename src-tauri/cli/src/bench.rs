//! `dossier bench`: the foundation's speed figures on a throw-away store in a temporary folder,
//! printed as a table (no timed assertions anywhere: figures are for reading and for notes).

use dossier_core::model::{Block, PilotType};
use dossier_core::store::Store;
use dossier_core::{CoreError, Result, interchange, sample};
use std::time::{Duration, Instant};

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
    let _ = dossier_core::checks::glyph_coverage();
    let mut check_times = Vec::new();
    let today = chrono::Local::now().date_naive();
    for _ in 0..50 {
        let t = Instant::now();
        let report = store.check(big_id, today, dossier_core::checks::glyph_coverage())?;
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
    if let Some(mb) = peak_memory_mb() {
        println!("进程峰值内存（至此）：{mb:.1} MB");
    }
    pdf_figures(&mut store, dir.path())?;
    if let Some(mb) = peak_memory_mb() {
        println!("进程峰值内存（含 PDF）：{mb:.1} MB");
    }
    Ok(())
}

/// Export figures at scales 1, 4 and 16 next to the peers a user would otherwise use on the same
/// content: LibreOffice converting our own Word file to PDF, and pandoc making a Word file from a
/// Markdown rendering of the dossier.
fn pdf_figures(store: &mut Store, dir: &std::path::Path) -> Result<()> {
    use dossier_core::export::{docx, pdf};
    let fonts = dossier_core::fonts::ShippedFonts::get()?;
    println!();
    println!("按规模（城市类型，毫秒，取 3 次中最快；规模 16 取 1 次）与同类工具对比：");
    println!(
        "{:>4}{:>6}{:>8}{:>8}{:>9}{:>9}{:>9}{:>10}{:>14}{:>12}{:>12}{:>10}",
        "规模",
        "页数",
        "导入",
        "检查",
        "Word",
        "电子版",
        "纸质包",
        "包/电子",
        "LibreOffice",
        "pandoc",
        "LO/电子版",
        "峰值MB"
    );
    for scale in [1u32, 4, 16] {
        reset_peak_memory();
        let d = sample::generate(store.registry(), PilotType::City, scale)?;
        let json = interchange::to_json(&d);
        let tries = if scale == 16 { 1 } else { 3 };
        let mut import_ms = f64::MAX;
        let mut id = 0;
        for _ in 0..tries {
            let t = Instant::now();
            id = store.insert(&interchange::from_json("bench.json", &json)?)?;
            import_ms = import_ms.min(t.elapsed().as_secs_f64() * 1000.0);
        }
        let mut check_ms = f64::MAX;
        for _ in 0..tries {
            let t = Instant::now();
            store.check(
                id,
                chrono::Local::now().date_naive(),
                dossier_core::checks::glyph_coverage(),
            )?;
            check_ms = check_ms.min(t.elapsed().as_secs_f64() * 1000.0);
        }
        let template = store.registry().get(&d.template)?.clone();
        let settings = store.registry().settings.clone();
        let best = |f: &mut dyn FnMut() -> Result<usize>| -> Result<(f64, usize)> {
            let mut ms = f64::MAX;
            let mut size = 0;
            for _ in 0..tries {
                let t = Instant::now();
                size = f()?;
                ms = ms.min(t.elapsed().as_secs_f64() * 1000.0);
            }
            Ok((ms, size))
        };
        let mut pages = 0;
        let (docx_ms, _) = best(&mut || {
            Ok(docx::build(&d, &template, &settings, &docx::DocxOptions::default())?.len())
        })?;
        let (pdf_ms, pdf_size) = best(&mut || {
            let (bytes, layout) = pdf::build(
                &d,
                &template,
                &settings,
                fonts,
                &pdf::PdfOptions {
                    fingerprint: None,
                    ..Default::default()
                },
            )?;
            pages = layout.pages.len();
            Ok(bytes.len())
        })?;
        let (pack_ms, pack_size) = best(&mut || {
            Ok(pdf::build(
                &d,
                &template,
                &settings,
                fonts,
                &pdf::PdfOptions {
                    copies: Some(3),
                    fingerprint: None,
                    ..Default::default()
                },
            )?
            .0
            .len())
        })?;
        let docx_file = dir.join(format!("bench-{scale}.docx"));
        let bytes = docx::build(&d, &template, &settings, &docx::DocxOptions::default())?;
        std::fs::write(&docx_file, bytes).map_err(|e| CoreError::Io {
            path: docx_file.clone(),
            detail: e.to_string(),
        })?;
        let lo = timed(
            std::process::Command::new("soffice")
                .arg(format!("-env:UserInstallation=file://{}/lo", dir.display()))
                .args(["--headless", "--convert-to", "pdf", "--outdir"])
                .arg(dir)
                .arg(&docx_file),
        );
        let md_file = dir.join(format!("bench-{scale}.md"));
        std::fs::write(&md_file, markdown(&d, &template)).map_err(|e| CoreError::Io {
            path: md_file.clone(),
            detail: e.to_string(),
        })?;
        let pandoc = timed(
            std::process::Command::new("pandoc")
                .arg(&md_file)
                .arg("-o")
                .arg(dir.join(format!("pandoc-{scale}.docx"))),
        );
        let show = |v: Option<f64>| v.map_or("未安装".to_string(), |ms| format!("{ms:.0}"));
        let ratio = lo.map_or("—".to_string(), |ms| format!("{:.1}×", ms / pdf_ms));
        let peak = peak_memory_mb().map_or("—".to_string(), |mb| format!("{mb:.0}"));
        println!(
            "{scale:>6}{pages:>8}{import_ms:>10.1}{check_ms:>10.1}{docx_ms:>11.1}{pdf_ms:>11.1}{pack_ms:>11.1}{:>11.2}{:>15}{:>12}{:>14}{peak:>10}",
            pack_size as f64 / pdf_size as f64,
            show(lo),
            show(pandoc),
            ratio
        );
    }
    Ok(())
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

/// The dossier as Markdown, the input a pandoc user would write: headings, paragraphs, lists,
/// tables.
fn markdown(
    d: &dossier_core::model::Dossier,
    template: &dossier_core::template::Template,
) -> String {
    use dossier_core::model::Block;
    let mut md = format!("# {}\n\n", d.title);
    for s in &template.sections {
        md.push_str(&format!("## {}\n\n", template.section_label(&s.key)));
        for block in d.section(&s.key).map_or(&[][..], |x| x.blocks.as_slice()) {
            match block {
                Block::Paragraph { text } => md.push_str(&format!("{text}\n\n")),
                Block::Heading { level, text } => {
                    md.push_str(&format!("{} {text}\n\n", "#".repeat(*level as usize + 1)))
                }
                Block::List { items, .. } => {
                    for item in items {
                        md.push_str(&format!("- {item}\n"));
                    }
                    md.push('\n');
                }
                Block::Table { header, rows, .. } => md.push_str(&pipe_table(header, rows)),
                Block::Image { caption, .. } => md.push_str(&format!("*{caption}*\n\n")),
            }
        }
        for t in &s.tables {
            let header: Vec<String> = t.columns.iter().map(|c| c.label.clone()).collect();
            let rows: Vec<Vec<String>> = d
                .tables
                .get(&t.key)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .map(|r| {
                    t.columns
                        .iter()
                        .map(|c| r.get(&c.key).cloned().unwrap_or_default())
                        .collect()
                })
                .collect();
            md.push_str(&format!("**{}**\n\n", t.title));
            md.push_str(&pipe_table(&header, &rows));
        }
    }
    md
}

fn pipe_table(header: &[String], rows: &[Vec<String>]) -> String {
    let line = |cells: &[String]| {
        format!(
            "| {} |\n",
            cells
                .iter()
                .map(|c| c.replace('|', "｜"))
                .collect::<Vec<_>>()
                .join(" | ")
        )
    };
    let mut t = line(header);
    t.push_str(&format!("|{}\n", " --- |".repeat(header.len())));
    for r in rows {
        t.push_str(&line(r));
    }
    t.push('\n');
    t
}
