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

/// PDF and print-pack figures at scales 1, 4 and 16, and LibreOffice converting our own Word
/// file of the scale-4 dossier to PDF, side by side.
fn pdf_figures(store: &mut Store, dir: &std::path::Path) -> Result<()> {
    use dossier_core::export::{docx, pdf};
    let fonts = dossier_core::fonts::ShippedFonts::get()?;
    println!();
    println!(
        "{}{:>6}{:>10}{:>12}{:>12}{:>12}",
        pad("PDF（城市类型）", 30),
        "规模",
        "页数",
        "电子版/ms",
        "纸质包/ms",
        "大小比"
    );
    let mut scale4_ms = 0.0;
    for scale in [1u32, 4, 16] {
        let d = sample::generate(store.registry(), PilotType::City, scale)?;
        let template = store.registry().get(&d.template)?.clone();
        let settings = store.registry().settings.clone();
        let run = |copies: Option<u32>| -> Result<(f64, usize, usize)> {
            let mut best = f64::MAX;
            let mut out = (0, 0);
            for _ in 0..if scale == 16 { 1 } else { 3 } {
                let t = Instant::now();
                let (bytes, layout) = pdf::build(
                    &d,
                    &template,
                    &settings,
                    fonts,
                    &pdf::PdfOptions {
                        copies,
                        fingerprint: pdf::fingerprint(&d),
                        ..Default::default()
                    },
                )?;
                best = best.min(t.elapsed().as_secs_f64() * 1000.0);
                out = (layout.pages.len(), bytes.len());
            }
            Ok((best, out.0, out.1))
        };
        let (e_ms, pages, e_size) = run(None)?;
        let (p_ms, _, p_size) = run(Some(3))?;
        if scale == 4 {
            scale4_ms = e_ms;
            let bytes = docx::build(&d, &template, &settings, &docx::DocxOptions::default())?;
            let file = dir.join("bench.docx");
            std::fs::write(&file, bytes).map_err(|e| CoreError::Io {
                path: file.clone(),
                detail: e.to_string(),
            })?;
        }
        println!(
            "{}{scale:>8}{pages:>10}{e_ms:>12.1}{p_ms:>12.1}{:>12.2}",
            pad("", 30),
            p_size as f64 / e_size as f64
        );
    }
    let docx = dir.join("bench.docx");
    let t = Instant::now();
    let status = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}/lo", dir.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&docx)
        .output();
    match status {
        Ok(o) if o.status.success() => {
            let lo_ms = t.elapsed().as_secs_f64() * 1000.0;
            println!(
                "LibreOffice 将同一份规模 4 的 Word 文件转为 PDF：{lo_ms:.0} 毫秒；本程序生成电子版快 {:.1} 倍",
                lo_ms / scale4_ms
            );
        }
        _ => println!("未找到 LibreOffice（soffice），跳过对比。"),
    }
    Ok(())
}
