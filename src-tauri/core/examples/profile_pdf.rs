//! Splits the PDF export's time into its stages (layout, printpdf document, lopdf finishing),
//! for finding where a scale-4 export spends it: `cargo run --release -p dossier-core --example profile_pdf`.
use dossier_core::{fonts::ShippedFonts, layout, sample, template::Registry};
use std::time::Instant;

fn main() {
    let registry = Registry::embedded().unwrap();
    let d = sample::generate(&registry, dossier_core::model::PilotType::City, 4).unwrap();
    let template = registry.get(&d.template).unwrap();
    let t = Instant::now();
    let fonts = &ShippedFonts::shipped().unwrap();
    println!("fonts loaded: {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
    for f in &fonts.faces {
        let t = Instant::now();
        let parsed = printpdf::ParsedFont::from_bytes(f.data(), f.index as usize, &mut Vec::new());
        println!(
            "parse {:?}: {:.1} ms ({})",
            f.face,
            t.elapsed().as_secs_f64() * 1000.0,
            parsed.is_some()
        );
    }
    for _ in 0..3 {
        let t = Instant::now();
        let l = layout::layout_dossier(&d, template, &registry.settings, fonts).unwrap();
        let lay = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        let (bytes, _) = dossier_core::export::pdf::build(
            &d,
            template,
            &registry.settings,
            fonts,
            &Default::default(),
        )
        .unwrap();
        let all = t.elapsed().as_secs_f64() * 1000.0;
        println!(
            "layout {lay:.1} ms ({} pages); whole PDF {all:.1} ms, {} KB",
            l.pages.len(),
            bytes.len() / 1024
        );
    }
}
