//! What each subcommand does: open the application context, call one of its operations
//! ([`dossier_core::app`]), print the answer.

use crate::args::{BackupCommand, BundleCommand, Cli, Command, FormatArg, TemplateCommand};
use dossier_core::app::exchange::Destination;
use dossier_core::app::{
    self, Assets, Clock, Comparison, Context, DossierRecord, DossierSummary, DuplicateKeep,
    ExportRequest, MigrationReport, Report, Resolution, Version,
};
use dossier_core::{CoreError, Result};
use std::io::Read;
use std::path::Path;

/// Runs one command; returns the exit code (0, or 1 when `check` found errors).
pub fn run(cli: Cli) -> Result<u8> {
    if let Command::Bench { dossiers, saves } = cli.command {
        return crate::bench::run(dossiers, saves).map(|_| 0);
    }
    if let Command::Check { rules: true, .. } = cli.command {
        for rule in app::RuleId::DOSSIER {
            println!("{}\t{}\t依据：{}", rule.id(), rule.what(), rule.source());
        }
        return Ok(0);
    }
    if let Command::Review {
        file,
        export,
        format,
        draft,
    } = &cli.command
    {
        return review(file, export.as_deref(), *format, *draft, clock(cli.today));
    }
    let env = environment();
    let store_path = match cli.store {
        Some(p) => p,
        None => env.store_path()?,
    };
    if let Command::Backup(BackupCommand::Restore { file }) = &cli.command {
        // Before the store is opened: restoring is for a store that may not open.
        let before = app::upkeep::restore_backup_at(&store_path, file)?;
        println!("已从备份恢复：{}", file.display());
        if !before.as_os_str().is_empty() {
            println!("恢复前的数据文件已备份为 {}", before.display());
        }
        return Ok(0);
    }
    let mut ctx = Context::open(&store_path, Assets::find(&env), clock(cli.today))?;
    match cli.command {
        Command::History { id } => {
            for a in ctx.activity(id)? {
                println!("{}\t{}", local_time(&a.at), a.what);
            }
        }
        Command::Backup(BackupCommand::Now) => println!("{}", ctx.backup_now()?.display()),
        Command::Backup(BackupCommand::List) => {
            for b in ctx.backups()? {
                println!("{}\t{} 字节\t{}", b.taken_at, b.bytes, b.path.display());
            }
        }
        Command::Bundle(BundleCommand::Export {
            id,
            file,
            with_snapshots,
            parts,
            writer,
        }) => {
            let path = match writer {
                Some(writer) => ctx.hand_out(id, &parts, &writer, Destination::File(file))?,
                None => ctx.export_bundle(id, with_snapshots, Destination::File(file))?,
            };
            println!("{}", path.display());
        }
        Command::Bundle(BundleCommand::Merge {
            id,
            file,
            confirm,
            take,
            prefer,
        }) => return merge_command(&mut ctx, id, &file, confirm, &take, prefer.as_deref()),
        Command::Bundle(BundleCommand::Import {
            file,
            replace,
            confirm,
        }) => match replace {
            None => println!("{}", ctx.import_bundle(&file)?),
            Some(id) => {
                let comparison = ctx.preview_bundle_replace(id, &file)?;
                println!("申报书 {id} 与包中内容的差异：");
                print_comparison(&ctx, id, &comparison)?;
                if_confirmed(confirm, id, "替换", || ctx.replace_from_bundle(id, &file))?;
            }
        },
        Command::New { pilot_type, title } => {
            if title.trim().is_empty() {
                return Err(CoreError::InvalidInput {
                    place: "--title".into(),
                    detail: "试点名称不能为空".into(),
                });
            }
            println!("{}", ctx.create(pilot_type.into(), &title)?);
        }
        Command::List { json, all } => {
            let list = ctx.list(all)?;
            if json {
                println!("{}", to_json(&list));
            } else {
                print_list(&list);
            }
        }
        Command::Show { id, json } => {
            let record = ctx.load(id)?;
            if json {
                println!("{}", to_json(&record));
            } else {
                print_record(&ctx, &record);
            }
        }
        Command::ExportJson { id, out } => {
            let text = ctx.export_json(id)?;
            match out {
                Some(path) => app::write_file(&path, text.as_bytes())?,
                None => print!("{text}"),
            }
        }
        Command::ImportDocx {
            file,
            pilot_type,
            onto,
            confirm,
        } => {
            let report_of = |r: &app::ImportReport| {
                eprintln!(
                    "已读取（{}）：字段 {} 个，章节 {} 个，表格行 {} 行，图片 {} 张；认出模板自身文字 {} 处；未归位内容 {} 项",
                    r.pilot_type,
                    r.fields,
                    r.sections,
                    r.rows,
                    r.pictures,
                    r.form_texts,
                    r.unplaced
                );
                for what in &r.not_imported {
                    eprintln!("未导入：{what}（已在未归位内容中注明）");
                }
            };
            match onto {
                None => {
                    let (id, report) = ctx.import_docx(&file, pilot_type.map(Into::into))?;
                    report_of(&report);
                    for u in &ctx.load(id)?.dossier.unplaced {
                        eprintln!("  未归位：{}", u.source);
                    }
                    println!("{id}");
                }
                Some(id) => {
                    let (comparison, report) = ctx.preview_docx_onto(id, &file)?;
                    report_of(&report);
                    println!("申报书 {id} 与 Word 文件的差异：");
                    print_comparison(&ctx, id, &comparison)?;
                    if_confirmed(confirm, id, "导入", || ctx.apply_docx_onto(id, &file))?;
                }
            }
        }
        Command::Import { file } => {
            let (name, text) = read_input(&file)?;
            println!("{}", ctx.import_json(&name, &text)?);
        }
        Command::Sample { pilot_type, scale } => {
            println!("{}", ctx.create_sample(pilot_type.into(), scale)?);
        }
        Command::Example => println!("{}", ctx.create_example()?),
        Command::Set { id, assignments } => {
            let pairs = assignments
                .iter()
                .map(|a| {
                    a.split_once('=').ok_or_else(|| CoreError::InvalidInput {
                        place: a.clone(),
                        detail: "应写成“字段=值”，如 applicant.name=某某有限公司".into(),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            ctx.snapshot_if_due(id)?;
            ctx.set_fields(id, &pairs)?;
        }
        Command::Archive { id, undo } => ctx.set_archived(id, !undo)?,
        Command::Check { id, json, .. } => {
            let id = id.expect("clap requires an id without --rules");
            let report = ctx.check(id)?;
            if json {
                println!("{}", to_json(&report));
            } else {
                print_report(&report);
            }
            return Ok(if report.ok { 0 } else { 1 });
        }
        Command::Acknowledge {
            id,
            rule,
            anchor,
            reason,
            undo,
        } => {
            if undo {
                ctx.unacknowledge(id, &rule, &anchor)?;
            } else {
                ctx.acknowledge(id, &rule, &anchor, reason.as_deref().unwrap_or(""))?;
            }
        }
        Command::Mark { id, undo } => ctx.set_for_submission(id, !undo)?,
        Command::Duplicate {
            id,
            without_front_matter,
            without_content,
            without_attachments,
        } => {
            let keep = DuplicateKeep {
                front_matter: !without_front_matter,
                content: !without_content,
                attachments: !without_attachments,
            };
            println!("{}", ctx.duplicate(id, keep)?);
        }
        Command::Snapshot { id, name } => {
            println!("{}", ctx.take_snapshot(id, &name)?);
        }
        Command::Snapshots { id, json } => {
            let list = ctx.snapshots(id)?;
            if json {
                println!("{}", to_json(&list));
            } else if list.is_empty() {
                println!(
                    "申报书 {id} 还没有快照。用 `dossier snapshot {id} --name 名称` 保存一个。"
                );
            } else {
                println!("快照\t时间\t类型\t名称");
                for s in list {
                    println!(
                        "{}\t{}\t{}\t{}",
                        s.id,
                        local_time(&s.created_at),
                        s.kind.label(),
                        s.name
                    );
                }
            }
        }
        Command::Restore {
            id,
            snapshot,
            section,
        } => {
            let safety = ctx.restore_snapshot(id, snapshot, section.as_deref())?;
            println!(
                "已恢复快照 {snapshot}；恢复前的内容已保存为快照 {safety}，可用 `dossier restore {id} {safety}` 撤销。"
            );
        }
        Command::Compare { id, from, to, json } => {
            let comparison = ctx.compare(id, Version::parse(&from)?, Version::parse(&to)?)?;
            if json {
                println!("{}", to_json(&comparison));
            } else {
                print_comparison(&ctx, id, &comparison)?;
            }
        }
        Command::Export {
            id,
            format,
            out,
            draft,
            reviewer,
            layout,
            contents,
            copy_marks,
            fingerprint,
        } => {
            let request = ExportRequest {
                draft,
                reviewer,
                layout: layout.into(),
                contents,
                copy_marks,
                fingerprint,
                ..ExportRequest::new(vec![format.into()], out)
            };
            for f in ctx.export(id, &request, &mut |_| {})?.files {
                println!("{}", f.path.display());
            }
        }
        Command::Summary {
            ids,
            unit_kind,
            out,
            draft,
            mailing,
            json,
        } => {
            let kind = unit_kind_of(&unit_kind)?;
            let summary = ctx.summary(&ids, kind)?;
            if json {
                println!("{}", to_json(&summary));
            } else {
                println!(
                    "推荐项目汇总表（推荐单位：{}，{}）",
                    summary.unit,
                    kind.label()
                );
                println!("序号\t编号\t试点名称\t类型\t申报单位\t统一社会信用代码");
                for r in &summary.rows {
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        r.order.map(|o| o.to_string()).unwrap_or_else(|| "—".into()),
                        r.id,
                        r.title,
                        r.pilot_type.label(),
                        r.applicant,
                        r.credit_code
                    );
                }
                if summary.ok {
                    println!("检查通过。");
                } else {
                    println!("检查未通过：{} 个错误。", summary.findings.len());
                    for f in &summary.findings {
                        println!(
                            "  · {}\n    位置：{}  [{}]\n    修改建议：{}",
                            f.message, f.place.label, f.rule, f.hint
                        );
                    }
                }
            }
            if let Some(out) = out {
                for path in ctx.write_summary(&summary, &out, mailing, draft)? {
                    println!("{}", path.display());
                }
            }
            return Ok(if summary.ok { 0 } else { 1 });
        }
        Command::Package {
            ids,
            unit_kind,
            out,
            draft,
        } => {
            let kind = unit_kind_of(&unit_kind)?;
            let done = ctx.package(&ids, kind, &out, draft)?;
            println!("材料包已生成：{}", done.folder.display());
            for f in &done.files {
                println!("  {f}");
            }
            println!("光盘映像（可直接刻录）：{}", done.disc);
        }
        Command::Setting { key, value } => {
            let settings = match key {
                Some(key) => ctx.set_call_setting(&key, value.as_deref().unwrap_or(""))?,
                None => ctx.call_settings(),
            };
            for s in settings {
                let value = if s.value.is_empty() {
                    "（未设置）"
                } else {
                    &s.value
                };
                let mark = if s.overridden {
                    "（本数据文件设置）"
                } else {
                    ""
                };
                println!("{}\t{}：{value}{mark}", s.key, s.label);
            }
        }
        Command::Template(TemplateCommand::Migrate { id, to, json }) => {
            let report = ctx.migrate(id, to.as_deref())?;
            if json {
                println!("{}", to_json(&report));
            } else {
                print_migration(&report);
            }
        }
        Command::Template(TemplateCommand::List { json }) => {
            let templates = ctx.templates();
            if json {
                println!("{}", to_json(&templates));
            } else {
                for t in templates {
                    println!(
                        "{}  {}  {}（{}）",
                        t.id,
                        t.version,
                        t.title,
                        t.pilot_type.label()
                    );
                }
            }
        }
        Command::Template(TemplateCommand::Load { file }) => {
            let (name, text) = read_input(&file)?;
            let r = ctx.load_template(&name, &text)?;
            println!("已载入模板 {} 版本 {}", r.id, r.version);
        }
        Command::Bench { .. }
        | Command::Review { .. }
        | Command::Backup(BackupCommand::Restore { .. }) => {
            unreachable!("handled before the store is opened")
        }
    }
    Ok(0)
}

/// After the differences were shown: `apply` (which snapshots first and returns that snapshot)
/// with `--confirm`, else nothing; says which, with how to undo.
fn if_confirmed(
    confirm: bool,
    id: i64,
    verb: &str,
    apply: impl FnOnce() -> Result<i64>,
) -> Result<()> {
    if confirm {
        let safety = apply()?;
        println!(
            "已{verb}。{verb}前的内容保存在快照 {safety}，可用 dossier restore {id} {safety} 恢复。"
        );
    } else {
        println!("未做修改。确认{verb}请加 --confirm。");
    }
    Ok(())
}

fn print_comparison(ctx: &Context, id: i64, c: &Comparison) -> Result<()> {
    if c.is_empty() {
        println!("两个版本内容相同。");
        return Ok(());
    }
    let template = ctx.template_of(id)?;
    for s in &c.sections {
        let title = template
            .section(&s.key)
            .map_or(s.key.as_str(), |d| d.title.as_str());
        println!("【{title}】");
        for r in &s.removed {
            println!("  － {r}");
        }
        for a in &s.added {
            println!("  ＋ {a}");
        }
    }
    for t in &c.tables {
        let title = template
            .table(&t.key)
            .map_or(t.key.as_str(), |d| d.title.as_str());
        println!(
            "【表格：{title}】删除 {} 行，新增 {} 行",
            t.removed.len(),
            t.added.len()
        );
    }
    for (path, before, after) in &c.fields {
        println!("【字段 {path}】“{before}” → “{after}”");
    }
    Ok(())
}

/// Reviewer mode: the bundle is opened in a store held in memory, so nothing the reviewer does
/// can change it or any store on disk; no editing command exists here.
fn review(
    file: &Path,
    out: Option<&Path>,
    format: FormatArg,
    draft: bool,
    clock: Clock,
) -> Result<u8> {
    let mut ctx = Context::review(file, Assets::find(&environment()), clock)?;
    let review = ctx.review_info().cloned().expect("a review context");
    let id = review.id;
    let d = ctx.load(id)?.dossier;
    println!("【只读审阅】{}", file.display());
    println!("试点名称：{}", d.title);
    println!("试点类型：{}", d.pilot_type.label());
    println!("申报单位：{}", d.front_matter.applicant.name);
    println!(
        "模板：{} {}；包生成于 {}（{}）；快照 {} 个",
        review.template.id,
        review.template.version,
        review.created_at,
        review.program,
        review.snapshots
    );
    println!();
    let report = ctx.check(id)?;
    print_report(&report);
    if let Some(out) = out {
        let request = ExportRequest {
            draft,
            reviewer: true,
            ..ExportRequest::new(vec![format.into()], out.to_path_buf())
        };
        for f in ctx.export(id, &request, &mut |_| {})?.files {
            println!("{}", f.path.display());
        }
    }
    Ok(if report.ok { 0 } else { 1 })
}

fn print_migration(r: &MigrationReport) {
    let name = |t: &Option<app::TemplateRef>| {
        t.as_ref()
            .map(|t| format!("{} {}", t.id, t.version))
            .unwrap_or_default()
    };
    if r.snapshot.is_none() {
        println!("申报书已经使用模板 {}，无需迁移。", name(&r.to));
        return;
    }
    println!("已从模板 {} 迁移到 {}。", name(&r.from), name(&r.to));
    for (title, lines) in [
        ("保留或移动", &r.moved),
        ("新版模板新增（待填写）", &r.added),
        (
            "新版模板中没有位置（放入“未归位内容”，并保存在迁移前的快照中，未丢失）",
            &r.without_place,
        ),
    ] {
        println!("{title}：");
        if lines.is_empty() {
            println!("  （无）");
        }
        for l in lines {
            println!("  · {l}");
        }
    }
    if let Some(s) = r.snapshot {
        println!("迁移前的内容保存在快照 {s}。");
    }
}

/// Findings grouped by place, errors first, then the coverage map and the 字数.
fn print_report(report: &Report) {
    if report.ok {
        println!("检查通过：没有错误，{} 条提醒。", report.warnings);
    } else {
        println!(
            "检查未通过：{} 个错误，{} 条提醒。",
            report.errors, report.warnings
        );
    }
    let mut current = None;
    for f in &report.findings {
        let group = (f.severity, f.place.section.clone());
        if current.as_ref() != Some(&group) {
            println!();
            println!(
                "【{}】{}",
                f.severity.label(),
                f.place
                    .section
                    .as_deref()
                    .map_or("封面、承诺书与附件", |_| f
                        .place
                        .label
                        .split(" › ")
                        .next()
                        .unwrap_or(""))
            );
            current = Some(group);
        }
        let ack = f
            .acknowledged
            .as_ref()
            .map(|r| format!("（已确认：{r}）"))
            .unwrap_or_default();
        println!("  · {}{ack}", f.message);
        println!(
            "    位置：{}  [{} @ {}]",
            f.place.label, f.rule, f.place.anchor
        );
        println!("    修改建议：{}", f.hint);
    }
    println!();
    println!("能力覆盖：");
    for e in &report.coverage {
        let state = if e.hits.is_empty() {
            "未提及".to_string()
        } else {
            format!("{} 处", e.hits.len())
        };
        println!("  {}·{}：{}", e.group.label(), e.label, state);
    }
    println!();
    println!("字数（共 {} 字）：", report.total_chars);
    for c in &report.counts {
        let limit = match (c.min, c.max) {
            (Some(a), Some(b)) => format!("（{a}–{b}）"),
            (Some(a), None) => format!("（至少 {a}）"),
            (None, Some(b)) => format!("（至多 {b}）"),
            _ => String::new(),
        };
        println!("  {}  {} 字{limit}  {}", c.title, c.chars, c.status_label);
    }
    println!();
    println!("以下内容本程序不检查：");
    for n in &report.not_checked {
        println!("  · {n}");
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("plain data serialises")
}

/// Reads a UTF-8 file, or standard input for `-`; returns a name for messages and the text.
fn read_input(file: &Path) -> Result<(String, String)> {
    let mut bytes = Vec::new();
    let name = if file == Path::new("-") {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| CoreError::Io {
                path: "标准输入".into(),
                detail: e.to_string(),
            })?;
        "标准输入".to_string()
    } else {
        bytes = app::read_file(file)?;
        file.display().to_string()
    };
    let text = String::from_utf8(bytes).map_err(|e| CoreError::ImportInvalid {
        source_name: name.clone(),
        line: None,
        column: None,
        path: None,
        detail: format!(
            "第 {} 个字节起不是有效的 UTF-8 文本（请以 UTF-8 编码保存）",
            e.utf8_error().valid_up_to() + 1
        ),
    })?;
    Ok((name, text))
}

fn print_list(list: &[DossierSummary]) {
    if list.is_empty() {
        println!(
            "数据文件中还没有申报书。用 `dossier new --type city --title 名称` 新建，或 `dossier example` 添加样例。"
        );
        return;
    }
    println!("编号\t类型\t申报单位\t试点名称\t最后修改");
    for d in list {
        println!(
            "{}\t{}\t{}\t{}{}\t{}",
            d.id,
            d.pilot_type.label(),
            if d.applicant.is_empty() {
                "（未填）"
            } else {
                &d.applicant
            },
            d.title,
            if d.archived { "（已归档）" } else { "" },
            local_time(&d.updated_at)
        );
    }
}

fn local_time(utc: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(utc)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| utc.to_string())
}

fn print_record(ctx: &Context, r: &DossierRecord) {
    let d = &r.dossier;
    let fm = &d.front_matter;
    let or_blank = |s: &str| {
        if s.is_empty() {
            "（未填）".to_string()
        } else {
            s.to_string()
        }
    };
    println!("申报书 {}：{}", r.id, d.title);
    println!("试点类型：{}", d.pilot_type.label());
    println!("模板：{} 版本 {}", d.template.id, d.template.version);
    println!("申报单位：{}", or_blank(&fm.applicant.name));
    println!("统一社会信用代码：{}", or_blank(&fm.applicant.credit_code));
    println!("推荐单位：{}", or_blank(&fm.recommending_unit));
    println!(
        "创建：{}  最后修改：{}",
        local_time(&r.created_at),
        local_time(&r.updated_at)
    );
    let Ok(template) = ctx.template_of(r.id) else {
        return;
    };
    println!("章节：");
    for s in template.sections.iter().filter(|s| s.body) {
        let blocks = d.section(&s.key).map_or(0, |x| x.blocks.len());
        let state = if blocks == 0 {
            "未填写".to_string()
        } else {
            format!("{blocks} 个内容块")
        };
        println!("  {}  {}", template.section_label(&s.key), state);
    }
    if !d.unplaced.is_empty() {
        println!(
            "未归位内容：{} 项（在模板中没有对应位置，保存在申报书中）",
            d.unplaced.len()
        );
        for u in &d.unplaced {
            println!("  {}", u.source);
        }
    }
    println!("表格：");
    for (_, t) in template.tables() {
        let rows = d.tables.get(&t.key).map_or(0, Vec::len);
        println!("  {}  {} 行（至少 {} 行）", t.title, rows, t.min_rows);
    }
    println!("附件：{} 个", d.attachments.len());
    for (i, a) in d.attachments.iter().enumerate() {
        println!("  附件{}  {}（{}）", i + 1, a.title, a.kind.label());
    }
}

fn unit_kind_of(key: &str) -> Result<app::UnitKind> {
    app::UnitKind::from_key(key).ok_or_else(|| CoreError::InvalidInput {
        place: "--unit-kind".into(),
        detail: format!(
            "“{key}”不是推荐单位类别，应为 province、plan_city、corps 或 central_enterprise"
        ),
    })
}

/// `dossier bundle merge`: the plan, then (with `--confirm`) the merge.
fn merge_command(
    ctx: &mut Context,
    id: i64,
    file: &std::path::Path,
    confirm: bool,
    take: &[String],
    prefer: Option<&str>,
) -> Result<u8> {
    let plan = ctx.preview_merge(id, file)?;
    println!(
        "{}的分工副本（分工：{}）",
        plan.writer,
        plan.parts.join("、")
    );
    println!("采纳的改动 {} 处：", plan.incoming.len());
    for i in &plan.incoming {
        println!("  {}（{}）：{}", i.label, i.anchor, i.summary);
    }
    if !plan.ignored.is_empty() {
        println!("分工以外的改动，不采纳：{}", plan.ignored.join("、"));
    }
    println!("冲突 {} 处：", plan.conflicts.len());
    for c in &plan.conflicts {
        println!("  {}（{}）", c.label, c.anchor);
        println!("    本机：{}", c.home.replace('\n', " / "));
        println!("    撰写人：{}", c.bundle.replace('\n', " / "));
        for s in &c.home_only {
            println!("    − 仅本机：{s}");
        }
        for s in &c.bundle_only {
            println!("    + 仅撰写人：{s}");
        }
    }
    if !confirm {
        println!(
            "未做修改。确认合并请加 --confirm（冲突用 --take 位置=home|bundle 或 --prefer 选择）。"
        );
        return Ok(0);
    }
    let side = |v: &str, place: &str| -> Result<Resolution> {
        match v {
            "home" => Ok(Resolution::Home),
            "bundle" => Ok(Resolution::Bundle),
            _ => Err(CoreError::InvalidInput {
                place: place.to_string(),
                detail: format!(
                    "“{v}”不是可选的值，应为 home（保留本机）或 bundle（采用撰写人的）"
                ),
            }),
        }
    };
    let mut resolutions = std::collections::BTreeMap::new();
    for t in take {
        let (anchor, value) = t.split_once('=').ok_or_else(|| CoreError::InvalidInput {
            place: "--take".into(),
            detail: format!("“{t}”应写成 位置=home 或 位置=bundle"),
        })?;
        let anchor = app::Anchor::parse(anchor).ok_or_else(|| CoreError::InvalidInput {
            place: "--take".into(),
            detail: format!(
                "“{anchor}”不是申报书中的位置，应写成 section:键、table:键 或 field:路径"
            ),
        })?;
        resolutions.insert(anchor, side(value, "--take")?);
    }
    if let Some(p) = prefer {
        let r = side(p, "--prefer")?;
        for c in &plan.conflicts {
            resolutions
                .entry(c.anchor.clone())
                .or_insert_with(|| r.clone());
        }
    }
    let outcome = ctx.apply_merge(id, file, &resolutions)?;
    println!(
        "已合并：采纳 {} 处，解决冲突 {} 处。合并前的内容保存在快照 {}，可用 dossier restore {id} {} 撤销。",
        outcome.incoming, outcome.conflicts, outcome.snapshot, outcome.snapshot
    );
    Ok(0)
}

/// What the core needs from the process's environment, read here (the core reads none).
fn environment() -> app::Environment {
    app::Environment {
        store: std::env::var_os(app::Environment::STORE).map(Into::into),
        assets: std::env::var_os(app::Environment::ASSETS).map(Into::into),
        exe: std::env::current_exe().ok(),
    }
}

/// The user's clock, or the day `--today` names.
fn clock(today: Option<chrono::NaiveDate>) -> Clock {
    today.map_or(Clock::Local, Clock::Fixed)
}
