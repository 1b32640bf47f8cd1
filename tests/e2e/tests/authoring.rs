//! The main flows through the real webview: create a city dossier, fill the cover, the goals
//! and a milestone row; watch a finding appear and go when fixed; export a draft PDF and read
//! its text; quit, relaunch and find everything; SIGKILL right after typing and find the text.

mod common;

use common::Env;
use std::process::Command;
use std::time::Duration;

const TITLE: &str = "滨海市城市可信数据空间";
const GOALS: &str = "建成覆盖全市的城市可信数据空间，汇聚公共数据与企业数据。";

fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test(flavor = "current_thread")]
async fn create_fill_check_export_relaunch() {
    let env = Env::new();
    let app = env.launch().await;
    println!(
        "start page shown {} ms after launch",
        app.started.elapsed().as_millis()
    );
    app.wait("[data-testid=empty]").await;

    // New city dossier.
    app.js("const s = document.querySelector('[data-testid=new-type]'); s.value = 'city'; s.dispatchEvent(new Event('change'));").await;
    app.type_into("[data-testid=new-title]", TITLE).await;
    app.click("[data-testid=create]").await;
    app.wait(".workspace .tree").await;
    app.until(
        &format!("document.querySelector('[data-testid=ws-title]').textContent === '{TITLE}'"),
        "the title in the workspace bar",
    )
    .await;

    // Cover: a wrong credit code is flagged as typed, and the findings panel shows it.
    app.type_into("#field-applicant\\.name", "滨海数据集团有限公司")
        .await;
    app.type_into("#field-applicant\\.credit_code", "91310000123456789X")
        .await;
    app.wait("#field-applicant\\.credit_code-problem").await;
    app.until(
        "document.querySelector('[data-testid=finding][data-rule=\"applicant.credit_code.invalid\"]')",
        "the invalid credit code finding",
    )
    .await;
    // Fixed: the finding goes away.
    app.set_value("#field-applicant\\.credit_code", "").await;
    app.type_into("#field-applicant\\.credit_code", "91350100M000100Y43")
        .await;
    app.until(
        "!document.querySelector('[data-testid=finding][data-rule=\"applicant.credit_code.invalid\"]') && !document.querySelector('#field-applicant\\\\.credit_code-problem')",
        "the credit code finding to go once fixed",
    )
    .await;

    // Goals: typed into the rich-text editor.
    app.click("[data-page='section:goals']").await;
    let editor = app.wait("[data-testid=section-editor]").await;
    editor.click().await.unwrap();
    editor.send_keys(GOALS).await.unwrap();

    // One milestone row.
    app.click("[data-page='section:milestones']").await;
    app.click("[data-testid=add-row-milestone_plan]").await;
    app.type_into("#cell-milestone_plan-0-phase", "建设启动")
        .await;
    app.set_value("#cell-milestone_plan-0-start", "2026-01-01")
        .await;
    app.set_value("#cell-milestone_plan-0-end", "2026-06-30")
        .await;
    app.type_into("#cell-milestone_plan-0-deliverables", "平台上线")
        .await;
    app.type_into("#cell-milestone_plan-0-indicator", "接入主体50家")
        .await;
    app.saved().await;
    let shot = app.screenshot("workspace.png").await;
    println!("workspace screenshot: {}", shot.display());

    // Export a draft PDF (the folder comes from $DOSSIER_EXPORT_DIR instead of the dialog).
    app.click("[data-testid=open-export]").await;
    app.wait("[data-testid=export-dialog]").await;
    app.js("for (const [id, on] of [['export-electronic', true], ['export-pack', false], ['export-word', false], ['export-draft', true]]) { const e = document.querySelector(`[data-testid=${id}]`); if (e.checked !== on) e.click(); }").await;
    app.click("[data-testid=export-run]").await;
    app.wait("[data-testid=export-done]").await;
    let pdfs: Vec<_> = std::fs::read_dir(env.exports())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert_eq!(pdfs.len(), 1, "one electronic copy: {pdfs:?}");
    let text = pdf_text(&pdfs[0]).replace([' ', '\n'], "");
    assert!(text.contains(TITLE), "the PDF holds the title");
    assert!(
        text.contains("草稿") && pdfs[0].to_string_lossy().contains("（草稿）"),
        "a draft says so: {pdfs:?} {}",
        text.chars().take(300).collect::<String>()
    );
    app.screenshot("export-dialog.png").await;
    app.click(".modal-actions button:not(.primary)").await;
    app.quit().await;

    // Relaunch: everything is still there.
    let app = env.launch().await;
    app.click("[data-testid=dossier-list] .title").await;
    app.wait(".workspace .tree").await;
    app.until(
        &format!("document.querySelector('[data-testid=ws-title]').textContent === '{TITLE}'"),
        "the title in the workspace bar",
    )
    .await;
    app.until(
        "document.querySelector('#field-applicant\\\\.credit_code').value === '91350100M000100Y43'",
        "the credit code after relaunch",
    )
    .await;
    app.click("[data-page='section:goals']").await;
    let goals = app.text("[data-testid=section-editor]").await;
    assert!(goals.contains(GOALS), "goals after relaunch: {goals}");
    app.click("[data-page='section:milestones']").await;
    app.until(
        "document.querySelector('#cell-milestone_plan-0-end').value === '2026-06-30' && document.querySelector('#cell-milestone_plan-0-indicator').value === '接入主体50家'",
        "the milestone row after relaunch",
    )
    .await;
    app.quit().await;
}

#[tokio::test(flavor = "current_thread")]
async fn text_typed_just_before_a_kill_survives() {
    let env = Env::new();
    let app = env.launch().await;
    app.click("[data-testid=create]").await;
    app.click("[data-page='section:goals']").await;
    let editor = app.wait("[data-testid=section-editor]").await;
    editor.click().await.unwrap();
    editor.send_keys(GOALS).await.unwrap();
    // The promise is "stored within 1 s": kill at 1 s, without waiting for the indicator.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    app.kill_app().await;

    let app = env.launch().await;
    app.click("[data-testid=dossier-list] .title").await;
    app.click("[data-page='section:goals']").await;
    let goals = app.text("[data-testid=section-editor]").await;
    assert!(goals.contains(GOALS), "goals after SIGKILL: {goals}");
    app.quit().await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_second_launch_hands_over_to_the_first() {
    let bus = common::Bus::start();
    let mut env = Env::new();
    env.bus = Some(bus.address.clone());
    let app = env.launch().await;
    app.click("[data-testid=create]").await;
    app.wait(".workspace .tree").await;
    // A second copy on the same session finds the first through D-Bus and exits.
    let mut second = env.app_command(&app.display).spawn().unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(s) = second.try_wait().unwrap() {
            break s;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the second launch did not hand over"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success(), "{status:?}");
    // The first is still there, with its window and state.
    app.wait(".workspace .tree").await;
    app.quit().await;
}
