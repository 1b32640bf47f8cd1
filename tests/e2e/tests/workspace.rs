//! The workspace's other flows on the example dossier, through the real webview: attachments
//! clearing their finding, acknowledging a warning, keyboard navigation and the export key,
//! pasting Word HTML into the editor, and the page preview drawn from the PDF export.

mod common;

use base64::Engine;
use common::Env;

/// A 1×1 PNG, enough for the store to accept a scan.
const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

const WORD_HTML: &str = r#"<html><body><h1 style="font-family:黑体">粘贴的标题</h1><p class=MsoNormal style="color:red">粘贴的正文段落。</p><p class=MsoListParagraph style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">1.<span>&nbsp;</span></span>第一项</p><p class=MsoListParagraph style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">2.<span>&nbsp;</span></span>第二项</p></body></html>"#;

#[tokio::test(flavor = "current_thread")]
async fn example_attachments_acknowledge_keys_paste_preview() {
    let env = Env::new();
    let scan = env.dir.path().join("营业执照.png");
    std::fs::write(
        &scan,
        base64::engine::general_purpose::STANDARD
            .decode(PNG)
            .unwrap(),
    )
    .unwrap();
    // The native file dialog cannot be driven: the file comes from $DOSSIER_PICK_FILE.
    std::fs::write(env.dir.path().join("pick"), scan.to_str().unwrap()).unwrap();
    let app = env.launch().await;
    app.click("[data-testid=example]").await;
    app.wait(".workspace .tree").await;
    let missing_licence = "document.querySelector('[data-testid=finding][data-rule=\"attachment.required\"]') && [...document.querySelectorAll('[data-testid=finding]')].some(f => f.textContent.includes('营业执照'))";
    app.until(missing_licence, "the missing licence finding")
        .await;

    // Attach the licence: the error goes.
    app.click("[data-page='attachments']").await;
    app.js("const s = document.querySelector('#attachment-kind'); s.value = 'business_licence'; s.dispatchEvent(new Event('change'));").await;
    app.click(".add-attachment button[type=submit]").await;
    app.wait("[data-testid=attachment] img").await;
    app.until(
        &format!("!({missing_licence})"),
        "the licence finding to go",
    )
    .await;

    // Acknowledge a warning with a reason.
    app.until(
        "document.querySelector('[data-testid=finding][data-rule=\"attachment.recommended\"]')",
        "a recommended-attachment warning",
    )
    .await;
    app.click("[data-testid=finding][data-rule='attachment.recommended'] button.link")
        .await;
    app.type_into(
        "[data-testid=finding][data-rule='attachment.recommended'] .ack input",
        "截图随纸质材料另附",
    )
    .await;
    app.click("[data-testid=finding][data-rule='attachment.recommended'] .ack button[type=submit]")
        .await;
    app.until(
        "[...document.querySelectorAll('[data-testid=finding][data-rule=\"attachment.recommended\"]')].some(f => f.textContent.includes('已确认：截图随纸质材料另附'))",
        "the acknowledged warning",
    )
    .await;

    // Keyboard: Alt+↓ moves to the next part, Ctrl+Shift+E opens the export dialog.
    app.click("[data-page='part:cover']").await;
    let body = app.wait("body").await;
    body.send_keys("\u{E00A}\u{E015}\u{E000}").await.unwrap();
    app.until(
        "document.querySelector('.page').dataset.page === 'part:notice'",
        "Alt+↓ to open the next part (申报须知)",
    )
    .await;
    // The recommending unit's 说明 is shown once, as the form prints it; the guidance goes on.
    app.click("[data-page='part:recommendation']").await;
    app.wait(".form-note").await;
    assert_eq!(
        app.js("const note = document.querySelector('.form-note').textContent.trim(); const rest = document.querySelector('[data-testid=opinion-guidance]').textContent; return [note.startsWith('说明'), rest.includes(note)];").await,
        serde_json::json!([true, false])
    );
    app.click("[data-page='part:notice']").await;
    // Numbered once, by the form's own 一、二、三、 (no list marker before them).
    assert_eq!(
        app.js("const li = document.querySelector('[data-testid=notice] li'); return [getComputedStyle(li).listStyleType, li.textContent.slice(0, 2)];").await,
        serde_json::json!(["none", "一、"])
    );
    body.send_keys("\u{E009}\u{E008}e\u{E000}").await.unwrap();
    app.wait("[data-testid=export-dialog]").await;
    app.js("document.querySelector('.modal-actions button:not(.primary)').click()")
        .await;

    // Paste from Word: headings, paragraphs and the list survive, the styling does not.
    app.click("[data-page='section:safeguards']").await;
    let editor = app.wait("[data-testid=section-editor]").await;
    editor.click().await.unwrap();
    // On a new empty line at the end (Ctrl+End, Enter), as a person pastes a new part.
    editor.send_keys("\u{E009}\u{E010}\u{E000}").await.unwrap();
    editor.send_keys("\u{E006}").await.unwrap();
    app.js(&format!(
        "const dt = new DataTransfer(); dt.setData('text/html', {html:?}); dt.setData('text/plain', 'x');
         document.querySelector('[data-testid=section-editor]').dispatchEvent(new ClipboardEvent('paste', {{ clipboardData: dt, bubbles: true, cancelable: true }}));",
        html = WORD_HTML
    ))
    .await;
    app.until(
        "(() => { const e = document.querySelector('[data-testid=section-editor]'); return [...e.querySelectorAll('h2')].some(h => h.textContent === '粘贴的标题') && e.querySelectorAll('ol li').length === 2 && !e.innerHTML.includes('color:red') && e.textContent.includes('粘贴的正文段落。'); })()",
        "the pasted Word content as a heading, a paragraph and a numbered list",
    )
    .await;
    app.saved().await;

    // The preview is the PDF export, drawn by pdf.js.
    app.click("[data-page='preview']").await;
    app.until(
        "/^共 \\d+ 页$/.test(document.querySelector('[data-testid=preview-status]').textContent) && document.querySelectorAll('[data-testid=preview-pages] canvas').length > 10",
        "the preview pages",
    )
    .await;
    // The pages are drawn, not blank: the first canvas holds dark pixels (text).
    assert!(
        app.js("const c = document.querySelector('[data-testid=preview-pages] canvas'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let dark = 0; for (let i = 0; i < d.length; i += 4) { if (d[i] < 100 && d[i + 3] > 0) dark++; } return dark > 500;")
            .await
            .as_bool()
            .unwrap(),
        "the preview's first page is blank"
    );
    let shot = app.screenshot("preview.png").await;
    println!("preview screenshot: {}", shot.display());
    app.quit().await;
}

#[tokio::test(flavor = "current_thread")]
async fn settings_keep_the_call_deadline_and_refuse_bad_quotas() {
    let env = Env::new();
    let app = env.launch().await;
    app.click(".settings-link").await;
    app.set_value("#setting-deadline", "2026-03-31").await;
    app.click("#setting-deadline ~ button").await;
    app.wait(".setting-edit [role=status]").await;
    app.set_value("#setting-quotas\\.per_province", "三个")
        .await;
    app.click("#setting-quotas\\.per_province ~ button").await;
    let message = app.text("[data-testid=settings-error]").await;
    assert!(message.contains("不是正整数"), "{message}");
    app.quit().await;

    let app = env.launch().await;
    app.click(".settings-link").await;
    app.until(
        "document.querySelector('#setting-deadline').value === '2026年3月31日' && document.querySelector('#setting-deadline').dataset.value === '2026-03-31' && document.querySelector('#setting-quotas\\\\.per_province').value === '8'",
        "the deadline kept (shown the Chinese way), the bad quota not (the notice's 8 stays)",
    )
    .await;
    assert!(
        app.text("[data-testid=settings-store]")
            .await
            .ends_with("dossiers.db")
    );
    app.quit().await;
}

#[tokio::test(flavor = "current_thread")]
async fn snapshots_compare_restore_history_and_bundles() {
    let env = Env::new();
    let app = env.launch().await;
    app.click("[data-testid=example]").await;
    app.wait(".workspace .tree").await;
    app.click("[data-page='history']").await;
    app.type_into("#snapshot-name", "初稿").await;
    app.click("[data-testid=take-snapshot]").await;
    app.until(
        "[...document.querySelectorAll('[data-testid=snapshots] td')].some(td => td.textContent === '初稿')",
        "the named snapshot in the list",
    )
    .await;

    // Change the title, compare with the snapshot, restore it.
    app.click("[data-page='part:grid']").await;
    app.set_value("#field-title", "改过的试点名称").await;
    app.saved().await;
    app.click("[data-page='history']").await;
    app.until(
        "[...document.querySelectorAll('[data-testid=snapshots] tr')].some(tr => tr.textContent.includes('初稿'))",
        "the snapshot list",
    )
    .await;
    app.js("[...document.querySelectorAll('[data-testid=snapshots] tr')].find(tr => tr.textContent.includes('初稿')).querySelector('button.compare').click()").await;
    app.until(
        "document.querySelector('[data-testid=comparison]') && document.querySelector('[data-testid=comparison]').textContent.includes('“改过的试点名称”')",
        "the comparison showing the changed title",
    )
    .await;
    app.js("[...document.querySelectorAll('[data-testid=snapshots] tr')].find(tr => tr.textContent.includes('初稿')).querySelector('button.restore').click()").await;
    app.until(
        "document.querySelector('[data-testid=history-message]') && document.querySelector('[data-testid=history-message]').textContent.includes('恢复前的内容保存在快照')",
        "the restore message",
    )
    .await;
    app.until(
        "document.querySelector('[data-testid=ws-title]').textContent !== '改过的试点名称'",
        "the title restored",
    )
    .await;
    app.until(
        "['保存快照“初稿”', '修改“试点名称”', '整体替换内容'].every(t => document.querySelector('[data-testid=activity]').textContent.includes(t))",
        "the activity history",
    )
    .await;

    // The bundle: exported here, imported after a relaunch as a new dossier.
    app.click("[data-testid=export-bundle]").await;
    app.wait("[data-testid=history-message]").await;
    app.until(
        "document.querySelector('[data-testid=history-message]').textContent.includes('.dossier')",
        "the bundle written",
    )
    .await;
    let title = app
        .js("return document.querySelector('[data-testid=ws-title]').textContent")
        .await
        .as_str()
        .unwrap()
        .to_string();
    assert!(title.contains("城市可信数据空间"), "{title}");
    app.quit().await;
    let bundle = std::fs::read_dir(env.exports())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "dossier"))
        .expect("a bundle file");
    std::fs::write(env.dir.path().join("pick"), bundle.to_str().unwrap()).unwrap();
    let app = env.launch().await;
    let before = app
        .js("return document.querySelectorAll('[data-testid=dossier-list] li').length")
        .await;
    app.click("[data-testid=import-bundle]").await;
    app.wait(".workspace .tree").await;
    app.until(
        &format!("document.querySelector('[data-testid=ws-title]').textContent === '{title}'"),
        "the imported dossier open",
    )
    .await;
    app.click("[data-testid=back]").await;
    app.until(
        &format!(
            "document.querySelectorAll('[data-testid=dossier-list] li').length === {} + 1",
            before
        ),
        "one more dossier in the list",
    )
    .await;

    // Replacing the first dossier with the bundle: the differences first, then the replacement.
    app.click("[data-testid=open-1]").await;
    app.wait(".workspace .tree").await;
    app.click("[data-page='part:grid']").await;
    app.set_value("#field-title", "又改过的试点名称").await;
    app.saved().await;
    app.click("[data-page='history']").await;
    app.click("[data-testid=replace-bundle]").await;
    app.until(
        "document.querySelector('[data-testid=comparison]') && document.querySelector('[data-testid=comparison]').textContent.includes('“又改过的试点名称”')",
        "the differences before replacing",
    )
    .await;
    app.click("[data-testid=confirm-replace]").await;
    app.until(
        &format!("document.querySelector('[data-testid=ws-title]').textContent === '{title}'"),
        "the dossier replaced by the bundle",
    )
    .await;
    assert!(
        app.text("[data-testid=history-message]")
            .await
            .contains("已用申报书包替换")
    );
    app.quit().await;
}
