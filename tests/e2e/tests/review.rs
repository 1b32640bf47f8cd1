//! Reviewer mode in the app: `--review FILE` opens a bundle read-only. Everything is visible
//! (content, findings), exports work, and no edit is possible — not through the page, and not
//! by calling the commands directly.

mod common;

use common::Env;
use std::process::Command;

#[tokio::test(flavor = "current_thread")]
async fn a_bundle_opens_read_only_and_refuses_every_edit() {
    let env = Env::new();
    let cli = common::app_binary().with_file_name("dossier");
    let source = env.dir.path().join("source.db");
    let run = |args: &[&str]| {
        let out = Command::new(&cli)
            .arg("--store")
            .arg(&source)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let id = run(&["sample", "--type", "city"]);
    let bundle = env.dir.path().join("交接.dossier");
    run(&["bundle", "export", &id, bundle.to_str().unwrap()]);
    let before = std::fs::read(&bundle).unwrap();

    let app = env
        .launch_with(&["--review", bundle.to_str().unwrap()])
        .await;
    let banner = app.text("[data-testid=review-banner]").await;
    assert!(
        banner.contains("只读审阅") && banner.contains("交接.dossier"),
        "{banner}"
    );
    app.wait(".workspace .tree").await;
    // Fields are disabled, the editor is not editable, there is no back to a store.
    app.until(
        "document.querySelector('#field-recommending_unit').matches(':disabled') && document.querySelector('#field-recommending_unit').value !== ''",
        "the cover shown, disabled",
    )
    .await;
    app.click("[data-page='section:goals']").await;
    app.until(
        "document.querySelector('[data-testid=section-editor]').getAttribute('contenteditable') === 'false' && document.querySelector('[data-testid=section-editor]').textContent.length > 50",
        "the goals shown, not editable",
    )
    .await;
    assert!(
        app.js("return document.querySelector('[data-testid=back]') === null && document.querySelector('.toolbar') === null")
            .await
            .as_bool()
            .unwrap()
    );
    // Every edit command refuses, even called directly.
    let refusals = app
        .client
        .execute_async(
            &format!(
                "const done = arguments[arguments.length - 1];
                 const inv = window.__TAURI_INTERNALS__.invoke;
                 const calls = [
                   ['save_section', {{ id: {id}, key: 'goals', blocks: [] }}],
                   ['save_table', {{ id: {id}, key: 'milestone_plan', rows: [] }}],
                   ['set_field', {{ id: {id}, path: 'title', value: '改' }}],
                   ['remove_attachment', {{ id: {id}, position: 0 }}],
                   ['add_attachment', {{ id: {id}, kind: 'other', title: 'x' }}],
                   ['add_image', {{ id: {id} }}],
                   ['acknowledge', {{ id: {id}, rule: 'r', anchor: 'a', reason: 'x' }}],
                   ['unacknowledge', {{ id: {id}, rule: 'r', anchor: 'a' }}],
                   ['set_for_submission', {{ id: {id}, value: true }}],
                   ['create_dossier', {{ pilotType: 'city', title: 'x' }}],
                   ['create_example', {{}}],
                   ['duplicate_dossier', {{ id: {id}, keep: {{ front_matter: true, content: true, attachments: true }} }}],
                   ['set_archived', {{ id: {id}, archived: true }}],
                   ['set_call_setting', {{ key: 'deadline', value: '2020-01-01' }}],
                   ['snapshot_if_due', {{ id: {id} }}],
                 ];
                 Promise.all(calls.map(([c, a]) => inv(c, a).then(() => c + ': accepted', (e) => e.code))).then(done);"
            ),
            vec![],
        )
        .await
        .unwrap();
    let refusals: Vec<String> = serde_json::from_value(refusals).unwrap();
    assert_eq!(refusals.len(), 15);
    assert!(
        refusals.iter().all(|r| r == "review.read_only"),
        "{refusals:?}"
    );
    // Exports work (the reviewer copy of the Word file here).
    app.click("[data-testid=open-export]").await;
    app.js("for (const [id, on] of [['export-electronic', false], ['export-pack', false], ['export-word', true]]) { const e = document.querySelector(`[data-testid=${id}]`); if (e.checked !== on) e.click(); }").await;
    app.click("[data-testid=export-run]").await;
    app.wait("[data-testid=export-done]").await;
    assert!(
        std::fs::read_dir(env.exports())
            .unwrap()
            .flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "docx"))
    );
    app.screenshot("review.png").await;
    app.quit().await;
    assert_eq!(
        std::fs::read(&bundle).unwrap(),
        before,
        "the bundle is untouched"
    );
    assert!(!env.store().exists(), "no store was opened or created");
}
