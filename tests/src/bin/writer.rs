//! A writer for the crash-safety test: saves edits to one dossier in a loop through the core's
//! store, printing `saved N` after each save returns, until it is killed.
//!
//! Usage: `writer STORE ID`

use dossier_core::model::Block;
use dossier_core::store::Store;
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut store = Store::open(&args[1]).expect("store opens");
    let id: i64 = args[2].parse().expect("dossier id");
    let mut out = std::io::stdout().lock();
    for n in 0u64.. {
        let blocks = vec![Block::paragraph(format!("第 {n} 次编辑：建设目标内容。"))];
        store
            .save_section(id, "goals", &blocks)
            .expect("save section");
        store
            .set_fields(id, &[("contact.name", &format!("联系人{n}"))])
            .expect("save fields");
        writeln!(out, "saved {n}").expect("report");
        out.flush().expect("report");
    }
}
