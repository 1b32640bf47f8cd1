//! Writers' copies through the real webview: handing a part out from 版本与交接, and merging a
//! writer's copy back with one conflict resolved side by side in the app; and a Word file brought
//! in from the start page, with what has no place shown where it came from.

mod common;

use common::Env;
use dossier_core::bundle;
use dossier_core::merge;
use dossier_core::model::{Block, PilotType};
use dossier_core::store::Store;

#[tokio::test(flavor = "current_thread")]
async fn a_writers_copy_merges_back_with_a_conflict_resolved_in_the_app() {
    let env = Env::new();
    // Home: the city sample, a copy of 五（五）技术方案 handed out to 张工, who rewrites it on
    // their laptop while the same part is changed at home: one conflict.
    let back = env.dir.path().join("张工交回.dossier");
    {
        let mut home = Store::open(env.store()).unwrap();
        let d = dossier_core::sample::generate(home.registry(), PilotType::City, 1).unwrap();
        let id = home.insert(&d).unwrap();
        let copy = merge::hand_out(&mut home, id, &["technical".into()], "张工").unwrap();
        let mut theirs = bundle::read("副本", &copy).unwrap().dossier;
        theirs.set_section(
            "technical",
            vec![Block::paragraph("共同的一句。张工新增的一句。")],
        );
        std::fs::write(
            &back,
            bundle::write_dossier(&theirs, &[], chrono::Utc::now()).unwrap(),
        )
        .unwrap();
        home.save_section(
            id,
            "technical",
            &[Block::paragraph("共同的一句。家里新增的一句。")],
        )
        .unwrap();
    }
    std::fs::write(env.dir.path().join("pick"), back.to_str().unwrap()).unwrap();

    let app = env.launch().await;
    app.click("[data-testid=dossier-list] .title").await;
    app.wait(".workspace .tree").await;
    app.click("[data-page='history']").await;

    // Handing out another part from the app writes a writer's copy.
    app.click("[data-share='operations']").await;
    app.type_into("[data-testid=handout-writer]", "李工").await;
    app.click("[data-testid=handout-export]").await;
    app.until(
        "document.querySelector('[data-testid=history-message]') && document.querySelector('[data-testid=history-message]').textContent.includes('李工的分工副本')",
        "the writer's copy written",
    )
    .await;

    // The merge: the plan first, the conflict side by side with what differs marked.
    app.click("[data-testid=merge-bundle]").await;
    app.wait("[data-testid=merge-plan]").await;
    app.until(
        "(() => { const c = document.querySelector(\"[data-conflict='section:technical']\"); return c && c.querySelector('[data-side=home] .only')?.textContent === '家里新增的一句。' && c.querySelector('[data-side=bundle] .only')?.textContent === '张工新增的一句。'; })()",
        "the conflict with both texts, each side's own sentence marked",
    )
    .await;
    let label = app
        .js("return document.querySelector('[data-testid=confirm-merge]').textContent")
        .await;
    assert!(
        label.as_str().unwrap().contains("还有 1 处冲突未选择"),
        "{label}"
    );
    app.js("document.querySelector('[data-testid=merge-plan]').scrollIntoView()")
        .await;
    app.screenshot("merge-conflict.png").await;
    app.click("[data-conflict='section:technical'] [data-take=bundle]")
        .await;
    app.click("[data-testid=confirm-merge]").await;
    app.until(
        "document.querySelector('[data-testid=history-message]').textContent.includes('已合并张工的分工副本')",
        "the merge done",
    )
    .await;
    app.until(
        "document.querySelector('[data-testid=activity]').textContent.includes('合并张工的分工副本') && document.querySelector('[data-testid=activity]').textContent.includes('采用撰写人的')",
        "the merge in the activity history",
    )
    .await;
    app.quit().await;

    let store = Store::open(env.store()).unwrap();
    let d = store.load(1).unwrap().dossier;
    let text: String = d.section("technical").unwrap().blocks[0].texts().concat();
    assert_eq!(text, "共同的一句。张工新增的一句。");
    let snapshots = store.snapshots(1).unwrap();
    assert!(
        snapshots
            .iter()
            .any(|s| s.name.contains("合并张工的分工副本之前"))
    );
    assert!(
        std::fs::read_dir(env.exports())
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().contains("李工的分工副本"))
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_word_file_comes_in_from_the_start_page_with_its_unplaced_content_shown() {
    use std::io::{Read, Write};
    let env = Env::new();
    // Our own Word export of the city sample, with a paragraph added at its end that has no
    // place in the form.
    let registry = dossier_core::template::Registry::embedded().unwrap();
    let d = dossier_core::sample::generate(&registry, PilotType::City, 1).unwrap();
    let template = registry.get(&d.template).unwrap();
    let docx = dossier_core::export::docx::build(
        &d,
        template,
        &registry.settings,
        &Default::default(),
        &dossier_core::fonts::ShippedFonts::shipped().unwrap(),
    )
    .unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        let name = e.name().to_string();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        if name == "word/document.xml" {
            let xml = String::from_utf8(data).unwrap();
            let at = xml.rfind("<w:sectPr").unwrap();
            let mut xml = xml;
            xml.insert_str(
                at,
                "<w:p><w:r><w:t>会后补充的一段说明，没有对应的位置。</w:t></w:r></w:p>",
            );
            data = xml.into_bytes();
        }
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    let file = env.dir.path().join("申报书.docx");
    std::fs::write(&file, out.finish().unwrap().into_inner()).unwrap();
    std::fs::write(env.dir.path().join("pick"), file.to_str().unwrap()).unwrap();

    let app = env.launch().await;
    app.click("[data-testid=import-docx]").await;
    app.wait(".workspace .tree").await;
    app.until(
        "document.querySelector('[data-testid=import-notice]') && document.querySelector('[data-testid=import-notice]').textContent.includes('已从 Word 导入') && document.querySelector('[data-testid=import-notice]').textContent.includes('有 1 项内容')",
        "the import report",
    )
    .await;
    app.until(
        &format!(
            "document.querySelector('[data-testid=ws-title]').textContent === '{}'",
            d.title
        ),
        "the imported dossier open",
    )
    .await;
    app.click("[data-page='unplaced']").await;
    app.until(
        "[...document.querySelectorAll('[data-testid=unplaced-item]')].some(e => e.textContent.includes('会后补充的一段说明') && e.textContent.includes('十、试点相关证明材料'))",
        "the unplaced paragraph with where it came from",
    )
    .await;
    app.quit().await;
}
