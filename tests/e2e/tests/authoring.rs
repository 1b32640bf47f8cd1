//! The main flows through the real webview: create a city dossier, fill the form's grid (一、项目
//! 基本信息), the goals with the 试点目标响应表's five rows, and a milestone row; watch findings
//! appear and go when fixed; dates shown 2025年4月8日 under the C locale; export a draft PDF and
//! read its text; end the app as the desktop does at logout, find everything in a copy of the
//! store file alone, relaunch and find everything; SIGKILL right after typing and find the
//! text.

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

    // The cover shows the form's lines for a city pilot.
    let cover = app.text_content("[data-testid=cover]").await;
    for line in [
        "2025年城市可信数据空间创新发展试点项目",
        "所申报城市人民政府：",
        "（加盖单位公章）",
        "国家数据局编制",
    ] {
        assert!(cover.contains(line), "cover lacks {line}: {cover}");
    }
    app.type_into("#field-recommending_unit", "东海省数据局")
        .await;

    // The grid: a wrong credit code is flagged as typed, and the findings panel shows it.
    app.click("[data-page='part:grid']").await;
    app.wait("[data-testid=grid]").await;
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
    // Months typed the Chinese way; money, a percentage; choices of the form.
    app.type_into("#field-period\\.start", "2025年9月").await;
    app.type_into("#field-period\\.end", "2027-8").await;
    app.type_into("#field-funding\\.planned", "52000").await;
    app.type_into("#field-funding\\.invested", "13000").await;
    app.type_into("#field-finances\\.1\\.debt_ratio", "四十")
        .await;
    app.wait("#field-finances\\.1\\.debt_ratio-problem").await;
    app.set_value("#field-finances\\.1\\.debt_ratio", "43.5")
        .await;
    app.js("for (const [id, v] of [['field-applicant.nature', '国有企业'], ['field-incident.answer', '是']]) { const s = document.getElementById(id); s.value = v; s.dispatchEvent(new Event('change')); }").await;
    // 是 contradicts the commitment: an error at the question; 否 takes it away.
    app.until(
        "document.querySelector('[data-testid=finding][data-rule=\"commitment.incident\"]')",
        "the incident answer against the commitment",
    )
    .await;
    app.js("const s = document.getElementById('field-incident.answer'); s.value = '否'; s.dispatchEvent(new Event('change'));").await;
    app.until(
        "!document.querySelector('[data-testid=finding][data-rule=\"commitment.incident\"]')",
        "the incident finding to go",
    )
    .await;
    app.blur_all().await;
    app.until(
        "document.querySelector('#field-period\\\\.end').value === '2027年8月'",
        "the month shown the form's way",
    )
    .await;
    app.saved().await;
    let shot = app.screenshot("grid.png").await;
    println!("grid screenshot: {}", shot.display());

    // Goals: typed into the rich-text editor.
    app.click("[data-page='section:goals']").await;
    let editor = app.wait("[data-testid=section-editor]").await;
    editor.click().await.unwrap();
    editor.send_keys(GOALS).await.unwrap();
    // The 试点目标响应表: its five fixed rows, figures typed as name, value and unit.
    app.wait("[data-testid=row-response-4]").await;
    let rows = app.text_content("[data-testid=table-response]").await;
    for item in [
        "试点目标",
        "具有更开放的数据资源",
        "具有更完备的运营管理体系",
    ] {
        assert!(rows.contains(item), "响应表 lacks {item}: {rows}");
    }
    assert_eq!(
        app.js("return document.querySelectorAll('[data-testid=table-response] tbody tr').length")
            .await,
        5
    );
    app.click("[data-testid=cell-response-0-indicators-add]")
        .await;
    app.type_into("#cell-response-0-indicators-name-0", "覆盖公共数据资源")
        .await;
    app.type_into("#cell-response-0-indicators-value-0", "65")
        .await;
    app.type_into("#cell-response-0-indicators-unit-0", "%")
        .await;
    app.type_into("#cell-response-0-response", "汇聚市级部门公共数据。")
        .await;
    app.saved().await;
    // Beside it, 附件2's conditions for a city pilot: the typed 65 % meets 不低于 60%.
    app.until(
        "document.querySelector('[data-testid=\"element-覆盖公共数据资源\"]')?.classList.contains('met') && document.querySelector('[data-testid=\"element-上架数据产品\"]')?.classList.contains('unmet')",
        "the element conditions beside the 响应表",
    )
    .await;
    app.screenshot("response-table.png").await;

    // One milestone row.
    app.click("[data-page='section:schedule']").await;
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
    app.js("for (const [id, on] of [['export-electronic', true], ['export-pack', false], ['export-word', false], ['export-draft', true], ['export-layout-gbt', true], ['export-fingerprint', true]]) { const e = document.querySelector(`[data-testid=${id}]`); if (e.checked !== on) e.click(); }").await;
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
    // A draft says so in its name; its mark lies under the text, outside the text layer.
    assert!(
        pdfs[0].to_string_lossy().contains("（草稿）") && !text.contains("草稿"),
        "a draft says so: {pdfs:?} {}",
        text.chars().take(300).collect::<String>()
    );
    // The options chosen in the dialog: the fingerprint printed, on the GB/T 9704 page.
    assert!(text.contains("校验码"), "the chosen fingerprint is printed");
    let report = std::fs::read_dir(env.exports())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with("导出报告.txt"))
        .expect("the export report");
    assert!(
        std::fs::read_to_string(report)
            .unwrap()
            .contains("版式：GB/T 9704 公文版式"),
        "the chosen layout"
    );
    app.screenshot("export-dialog.png").await;
    app.click(".modal-actions button:not(.primary)").await;
    app.terminate().await;

    // The store file alone, copied as a user copies the one file Settings names, holds it all.
    let copy = env.dir.path().join("copy");
    std::fs::create_dir_all(&copy).unwrap();
    std::fs::copy(env.store(), copy.join("dossiers.db")).unwrap();
    let copied = dossier_core::store::Store::open(copy.join("dossiers.db")).unwrap();
    let listed = copied.list(true).unwrap();
    assert_eq!(listed.len(), 1, "the dossier in the store file alone");
    let dossier = copied.load(listed[0].id).unwrap().dossier;
    assert_eq!(dossier.title, TITLE);
    assert!(
        dossier.section("goals").is_some_and(|s| s
            .blocks
            .iter()
            .any(|b| b.texts().iter().any(|t| t.contains(GOALS)))),
        "the goals in the store file alone"
    );
    drop(copied);

    // Relaunch: everything is still there.
    let app = env.launch().await;
    app.click("[data-testid=dossier-list] .title").await;
    app.wait(".workspace .tree").await;
    app.until(
        &format!("document.querySelector('[data-testid=ws-title]').textContent === '{TITLE}'"),
        "the title in the workspace bar",
    )
    .await;
    app.click("[data-page='part:grid']").await;
    app.until(
        "document.querySelector('#field-applicant\\\\.credit_code').value === '91350100M000100Y43' && document.querySelector('#field-period\\\\.start').value === '2025年9月' && document.querySelector('#field-finances\\\\.1\\\\.debt_ratio').value === '43.5'",
        "the grid after relaunch",
    )
    .await;
    app.click("[data-page='section:goals']").await;
    let goals = app.text("[data-testid=section-editor]").await;
    assert!(goals.contains(GOALS), "goals after relaunch: {goals}");
    app.until(
        "document.querySelector('#cell-response-0-indicators').dataset.value === '覆盖公共数据资源：65%' && document.querySelector('#cell-response-0-response').value === '汇聚市级部门公共数据。'",
        "the 响应表 row after relaunch",
    )
    .await;
    // Dates read the form's way under this C locale, and are kept as dates.
    app.click("[data-page='section:schedule']").await;
    app.until(
        "document.querySelector('#cell-milestone_plan-0-end').value === '2026年6月30日' && document.querySelector('#cell-milestone_plan-0-end').dataset.value === '2026-06-30' && document.querySelector('#cell-milestone_plan-0-indicator').value === '接入主体50家'",
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
    // The first is still there, with its window and state, and it is the only one.
    app.wait(".workspace .tree").await;
    let exe = std::fs::canonicalize(common::app_binary()).unwrap();
    let running = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| std::fs::read_link(e.path().join("exe")).is_ok_and(|x| x == exe))
        .filter(|e| {
            // Not a zombie (the second, ended, until reaped).
            std::fs::read_to_string(e.path().join("stat")).is_ok_and(|s| {
                !s.rsplit(')')
                    .next()
                    .unwrap_or("")
                    .trim_start()
                    .starts_with('Z')
            })
        })
        .count();
    assert_eq!(running, 1, "the second launch left a process running");
    app.quit().await;
}
