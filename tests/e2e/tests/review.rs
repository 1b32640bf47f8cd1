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
    // Every command the shell registers is either one that only reads (allowed in review) or
    // one that changes something, and each of those refuses, even called directly: a command
    // added to the shell and to neither list fails here.
    const READS: &[&str] = &[
        "store_path",
        "session",
        "list_dossiers",
        "open_dossier",
        "value_problem",
        "check_dossier",
        "choose_folder",
        "export_dossier",
        "open_folder",
        "preview_pdf",
        "list_snapshots",
        "compare_snapshot",
        "activity",
        "export_bundle",
        "summary_table",
        "export_summary",
        "export_package",
        "template_update",
        "list_backups",
        "app_info",
        "call_settings",
    ];
    let calls: Vec<(&str, String)> = vec![
        (
            "save_section",
            format!("{{ id: {id}, key: 'goals', blocks: [] }}"),
        ),
        (
            "save_table",
            format!("{{ id: {id}, key: 'milestone_plan', rows: [] }}"),
        ),
        (
            "set_field",
            format!("{{ id: {id}, path: 'title', value: '改' }}"),
        ),
        ("remove_attachment", format!("{{ id: {id}, position: 0 }}")),
        ("remove_unplaced", format!("{{ id: {id}, index: 0 }}")),
        (
            "add_attachment",
            format!("{{ id: {id}, kind: 'other', title: 'x' }}"),
        ),
        ("add_image", format!("{{ id: {id} }}")),
        (
            "acknowledge",
            format!("{{ id: {id}, rule: 'r', anchor: 'a', reason: 'x' }}"),
        ),
        (
            "unacknowledge",
            format!("{{ id: {id}, rule: 'r', anchor: 'a' }}"),
        ),
        ("set_for_submission", format!("{{ id: {id}, value: true }}")),
        ("create_dossier", "{ pilotType: 'city', title: 'x' }".into()),
        ("create_example", "{}".into()),
        (
            "duplicate_dossier",
            format!(
                "{{ id: {id}, keep: {{ front_matter: true, content: true, attachments: true }} }}"
            ),
        ),
        ("set_archived", format!("{{ id: {id}, archived: true }}")),
        (
            "set_call_setting",
            "{ key: 'deadline', value: '2020-01-01' }".into(),
        ),
        ("snapshot_if_due", format!("{{ id: {id} }}")),
        ("take_snapshot", format!("{{ id: {id}, name: 'x' }}")),
        (
            "restore_snapshot",
            format!("{{ id: {id}, snapshot: 1, section: null }}"),
        ),
        ("import_bundle", "{}".into()),
        ("preview_bundle_replace", format!("{{ id: {id} }}")),
        (
            "replace_from_bundle",
            format!("{{ id: {id}, file: '/nonexistent.dossier' }}"),
        ),
        (
            "hand_out_bundle",
            format!("{{ id: {id}, parts: ['goals'], writer: 'x' }}"),
        ),
        ("preview_merge", format!("{{ id: {id} }}")),
        (
            "apply_merge",
            format!("{{ id: {id}, file: '/nonexistent.dossier', resolutions: {{}} }}"),
        ),
        ("import_docx", "{}".into()),
        ("preview_docx_onto", format!("{{ id: {id} }}")),
        (
            "apply_docx_onto",
            format!("{{ id: {id}, file: '/nonexistent.docx' }}"),
        ),
        ("migrate_template", format!("{{ id: {id} }}")),
        ("backup_now", "{}".into()),
        ("restore_backup", "{ file: '/nonexistent.db.gz' }".into()),
    ];
    let shell = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/src/main.rs"),
    )
    .unwrap();
    let registered: Vec<&str> = shell
        .lines()
        .filter_map(|l| l.trim().strip_prefix("commands::"))
        .filter_map(|l| l.trim_end_matches(',').split("::").nth(1))
        .collect();
    assert!(registered.len() > 40, "{registered:?}");
    for name in &registered {
        assert!(
            READS.contains(name) || calls.iter().any(|(c, _)| c == name),
            "the shell's command {name} is neither a read nor a refused change in review"
        );
    }
    for (c, _) in &calls {
        assert!(registered.contains(c), "{c} is not a command of the shell");
    }
    let script = format!(
        "const done = arguments[arguments.length - 1];
         const inv = window.__TAURI_INTERNALS__.invoke;
         const calls = [{}];
         Promise.all(calls.map(([c, a]) => inv(c, a).then(() => c + ': accepted', (e) => (e && e.code) || (c + ': ' + JSON.stringify(e))))).then(done);",
        calls
            .iter()
            .map(|(c, a)| format!("['{c}', {a}]"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let refusals = app.client.execute_async(&script, vec![]).await.unwrap();
    let refusals: Vec<String> = serde_json::from_value(refusals).unwrap();
    assert_eq!(refusals.len(), calls.len());
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
