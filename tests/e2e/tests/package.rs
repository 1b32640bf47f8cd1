//! The recommending unit's package and the store's upkeep in the app: the summary table with its
//! mailing sheet, the submission package with its disc image, a template update (2025.1 to the
//! form) with its report and unplaced content, backups taken and restored.

mod common;

use common::Env;
use std::process::Command;

#[tokio::test(flavor = "current_thread")]
async fn summary_table_template_update_and_backups() {
    let env = Env::new();
    let cli = common::app_binary().with_file_name("dossier");
    let run = |args: &[&str]| {
        let out = Command::new(&cli)
            .arg("--store")
            .arg(env.store())
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let city = run(&["sample", "--type", "city"]);
    let industry = run(&["sample", "--type", "industry"]);
    for (id, order) in [(&city, "2"), (&industry, "1")] {
        run(&[
            "set",
            id,
            "recommending_unit=东海省数据局",
            &format!("recommendation.order={order}"),
        ]);
    }
    // A dossier written on the template before the official form (2025.1).
    let earlier = run(&[
        "import",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../fixtures/earlier/city-example-2025.1.json"
        ),
    ]);

    let app = env.launch().await;
    // The summary table: both picked, ranked by their order, checked, written with the mailing sheet.
    app.click("[data-testid=open-summary]").await;
    app.click(&format!("[data-testid=pick-{city}]")).await;
    app.click(&format!("[data-testid=pick-{industry}]")).await;
    app.wait("[data-testid=summary-ok]").await;
    app.until(
        "document.querySelector('[data-testid=summary-table] tbody tr td').textContent === '1' && document.querySelector('[data-testid=summary-table] tbody tr').textContent.includes('行业')",
        "the industry project first (order 1)",
    )
    .await;
    app.click("[data-testid=summary-export]").await;
    app.wait("[data-testid=summary-written]").await;
    let files: Vec<String> = std::fs::read_dir(env.exports())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        files.iter().any(|f| f.ends_with("推荐项目汇总表.docx"))
            && files.iter().any(|f| f == "申报材料邮寄单.pdf"),
        "{files:?}"
    );

    // The submission package: copies, print packs, summary, sheets and the disc image.
    app.click("[data-testid=package-export]").await;
    app.wait("[data-testid=package-written]").await;
    let folder = std::fs::read_dir(env.exports())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.is_dir() && p.to_string_lossy().contains("推荐申报材料"))
        .expect("the package folder");
    let inside: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for name in [
        "电子版光盘映像.iso",
        "报送核对清单.pdf",
        "申报材料邮寄单.pdf",
    ] {
        assert!(
            inside.iter().any(|f| f == name),
            "{name} missing: {inside:?}"
        );
    }
    assert_eq!(
        inside
            .iter()
            .filter(|f| f.contains("纸质版一式三份"))
            .count(),
        2,
        "{inside:?}"
    );
    app.screenshot("package.png").await;

    // A wrong order shows its finding.
    run(&["set", &industry, "recommendation.order=3"]);
    app.js(&format!(
        "document.querySelector('[data-testid=pick-{industry}]').click()"
    ))
    .await;
    app.js(&format!(
        "document.querySelector('[data-testid=pick-{industry}]').click()"
    ))
    .await;
    app.wait("[data-testid=summary-findings] [data-rule='summary.order']")
        .await;

    // The earlier dossier is offered the form's template; migrating shows the report, and
    // what has no place on the form is listed with the dossier.
    app.click(".summary-page > button").await;
    app.click(&format!("[data-testid=open-{earlier}]")).await;
    app.wait("[data-testid=template-update]").await;
    app.click("[data-testid=migrate]").await;
    app.until(
        "document.querySelector('[data-testid=migration-report]') && document.querySelector('[data-testid=migration-report]').textContent.includes('2025.2') && document.querySelector('[data-testid=migration-report]').textContent.includes('章节“应用场景”移到“五（一）应用共创情况”')",
        "the migration report",
    )
    .await;
    app.js("document.querySelector('[data-testid=migration-report] .primary').click()")
        .await;
    app.until(
        "!document.querySelector('[data-testid=template-update]')",
        "no update offered once migrated",
    )
    .await;
    app.click("[data-page='unplaced']").await;
    app.until(
        "document.querySelector('[data-testid=unplaced]').textContent.includes('注册资本：20000万元') && document.querySelectorAll('[data-testid=unplaced-item]').length > 5",
        "the unplaced content after the migration",
    )
    .await;
    app.screenshot("unplaced.png").await;

    // Backups: taken by hand, listed, restored (the confirmation accepted).
    app.click("[data-testid=back]").await;
    app.click(".settings-link").await;
    app.click("[data-testid=backup-now]").await;
    app.wait("[data-testid=backups] tbody tr").await;
    // A dossier made after the backup: the restore takes the store back to before it.
    app.click(".settings-settings, .settings > button").await;
    app.click("[data-testid=create]").await;
    app.wait(".workspace .tree").await;
    app.click("[data-testid=back]").await;
    app.until(
        "document.querySelectorAll('[data-testid=dossier-list] li').length === 4",
        "four dossiers before the restore",
    )
    .await;
    app.click(".settings-link").await;
    app.wait("[data-testid=backups] tbody tr").await;
    app.js("window.confirm = () => true; document.querySelector('[data-testid=backups] .restore-backup').click()").await;
    app.until(
        "document.querySelector('[data-testid=backup-message]').textContent.includes('已从备份恢复')",
        "the restore done",
    )
    .await;
    // The store is open again and holds the dossiers.
    app.click(".settings-settings, .settings > button").await;
    app.until(
        "document.querySelectorAll('[data-testid=dossier-list] li').length === 3",
        "the three dossiers after the restore",
    )
    .await;
    app.quit().await;
}
