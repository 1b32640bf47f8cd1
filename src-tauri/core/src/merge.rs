//! Several writers on several laptops: a dossier hands out a copy per writer with their parts
//! marked ([`hand_out`]), and takes each writer's copy back part by part ([`plan`], [`apply`]).
//!
//! The merge is three-way against the snapshot taken when the copy was cut (its `base`):
//! sections whole, front-matter fields one by one, structured tables row by row. What changed
//! only in the copy comes in; what changed only at home stays; what changed on both sides is a
//! conflict, shown side by side (the sentences each side has and the other lacks) for the user to
//! take one side or write the result. Only the writer's parts are taken from their copy. Nothing
//! is written before [`apply`]; it snapshots first, so a merge is undone by restoring that
//! snapshot, and it records the merge in the activity history.

use crate::diff::{missing_from, sentences};
use crate::model::{Anchor, Assignment, Block, Dossier, TableRow};
use crate::store::{SnapshotKind, Store};
use crate::template::Template;
use crate::template::share::{label, share, share_label};
use crate::{CoreError, Result, interchange};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes the copy for one writer: the dossier marked with their parts and the snapshot taken
/// now (the merge's common ancestor), as bundle bytes that carry that snapshot too.
pub fn hand_out(store: &mut Store, id: i64, parts: &[String], writer: &str) -> Result<Vec<u8>> {
    let writer = writer.trim();
    if writer.is_empty() {
        return Err(CoreError::input("撰写人", "请填写撰写人的姓名"));
    }
    crate::text::check("撰写人", writer)?;
    if parts.is_empty() {
        return Err(CoreError::input("分工", "请至少选择一个部分分给撰写人"));
    }
    let record = store.load(id)?;
    if record.dossier.assignment.is_some() {
        return Err(CoreError::input(
            "分工",
            "这份申报书本身是分工副本，不能再分发；请在原申报书中分发",
        ));
    }
    let template = store.registry().get(&record.dossier.template)?.clone();
    share(&template, parts)?;
    let snapshot = store.take_snapshot(
        id,
        &format!("分发给{writer}（{}）", parts.join("、")),
        SnapshotKind::Handout,
    )?;
    store.record_handout(snapshot, writer, parts)?;
    let base = store.snapshot(id, snapshot)?;
    let base_json = interchange::to_json(&base);
    let mut copy = base.clone();
    copy.assignment = Some(Assignment {
        writer: writer.to_string(),
        parts: parts.to_vec(),
        dossier: id,
        snapshot,
        base_sha256: sha256(&base_json),
    });
    let now = store.now();
    let bytes = crate::bundle::write_dossier(
        &copy,
        &[(
            crate::bundle::BundledSnapshot {
                file: "snapshots/0001.json".into(),
                name: format!("分发时的版本（{writer}）"),
                kind: SnapshotKind::Handout,
                created_at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            },
            base,
        )],
        now,
    )?;
    let labels: Vec<String> = parts.iter().map(|p| share_label(&template, p)).collect();
    store.record_activity(
        id,
        &format!("分发分工副本给{writer}：{}", labels.join("、")),
    )?;
    Ok(bytes)
}

/// One side's choice for a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case", tag = "take", content = "text")]
pub enum Resolution {
    /// Keep this dossier's version.
    Home,
    /// Take the writer's version.
    Bundle,
    /// The user's own text (sections: one paragraph per line; fields: the value).
    Edited(String),
}

impl Resolution {
    pub fn label(&self) -> &'static str {
        match self {
            Resolution::Home => "保留本机",
            Resolution::Bundle => "采用撰写人的",
            Resolution::Edited(_) => "手工编辑",
        }
    }
}

/// A change that comes in from the writer's copy.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Incoming {
    /// A section, a table or a field (`section:KEY`, `table:KEY`, `field:PATH`).
    #[ts(type = "string")]
    pub anchor: Anchor,
    pub label: String,
    /// What it says, in short.
    pub summary: String,
}

/// A unit changed on both sides since the copy was cut.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Conflict {
    #[ts(type = "string")]
    pub anchor: Anchor,
    pub label: String,
    pub base: String,
    pub home: String,
    pub bundle: String,
    /// Sentences (or rows) this dossier has and the writer's copy lacks, and the other way round.
    pub home_only: Vec<String>,
    pub bundle_only: Vec<String>,
    /// Whether the result may be written by hand (sections and fields, not tables).
    pub editable: bool,
}

/// What merging a writer's copy would do.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct MergePlan {
    pub writer: String,
    /// The writer's parts, in Chinese.
    pub parts: Vec<String>,
    pub incoming: Vec<Incoming>,
    pub conflicts: Vec<Conflict>,
    /// Units the copy changed outside the writer's parts: not taken.
    pub ignored: Vec<String>,
}

/// The three versions of a merge.
struct Versions {
    base: Dossier,
    home: Dossier,
    bundle: Dossier,
    assignment: Assignment,
}

fn versions(store: &Store, id: i64, bundle: &Dossier) -> Result<Versions> {
    let Some(mut assignment) = bundle.assignment.clone() else {
        return Err(CoreError::input(
            "申报书包",
            "这不是分工副本（没有撰写人和分工），不能合并；整份替换请用“导入申报书包”",
        ));
    };
    let home = store.load(id)?.dossier;
    let mismatch = || {
        CoreError::input(
            "申报书包",
            format!(
                "这份分工副本不是从这份申报书分发的（它来自编号 {} 的申报书，分发时的快照 {}），不能合并到“{}”",
                assignment.dossier, assignment.snapshot, home.title
            ),
        )
    };
    if assignment.dossier != id {
        return Err(mismatch());
    }
    let base = store
        .snapshot(id, assignment.snapshot)
        .map_err(|_| mismatch())?;
    if sha256(&interchange::to_json(&base)) != assignment.base_sha256 {
        return Err(mismatch());
    }
    // Who writes which parts is what was recorded here when the copy was handed out, never
    // what the returned copy says: a copy cannot widen its own assignment.
    match store.handout(assignment.snapshot)? {
        Some((writer, parts)) => {
            assignment.writer = writer;
            assignment.parts = parts;
        }
        None => {
            // A copy handed out before the record was kept: the hand-out snapshot's name lists
            // the parts (`分发给{writer}（{key}、{key}）`).
            let name = store
                .snapshots(id)?
                .into_iter()
                .find(|s| s.id == assignment.snapshot)
                .map(|s| s.name)
                .unwrap_or_default();
            let parts: Vec<String> = name
                .rsplit_once('（')
                .and_then(|(_, rest)| rest.strip_suffix('）'))
                .map(|list| list.split('、').map(str::to_string).collect())
                .unwrap_or_default();
            if parts.is_empty() {
                return Err(mismatch());
            }
            assignment.parts = parts;
        }
    }
    Ok(Versions {
        base,
        home,
        bundle: bundle.clone(),
        assignment,
    })
}

fn blocks<'d>(d: &'d Dossier, key: &str) -> &'d [Block] {
    d.section(key).map_or(&[], |s| s.blocks.as_slice())
}

fn section_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .flat_map(|b| b.texts())
        .collect::<Vec<_>>()
        .join("\n")
}

fn rows<'d>(d: &'d Dossier, key: &str) -> &'d [TableRow] {
    d.tables.get(key).map_or(&[], Vec::as_slice)
}

fn row_text(row: &TableRow) -> String {
    row.values().cloned().collect::<Vec<_>>().join(" | ")
}

/// Rows merged: home's rows, less those the writer removed, plus those the writer added; or
/// `None` when both sides changed the same row (a conflict).
fn merge_rows(base: &[TableRow], home: &[TableRow], bundle: &[TableRow]) -> Option<Vec<TableRow>> {
    let removed_home = missing_from(base, home);
    let removed_bundle = missing_from(base, bundle);
    let added_home = missing_from(home, base);
    let added_bundle = missing_from(bundle, base);
    let both_edited = removed_bundle.iter().any(|r| removed_home.contains(r))
        && !added_home.is_empty()
        && !added_bundle.is_empty();
    if both_edited {
        return None;
    }
    let mut out: Vec<TableRow> = home.to_vec();
    for r in &removed_bundle {
        if let Some(i) = out.iter().position(|x| x == r) {
            out.remove(i);
        }
    }
    for r in added_bundle {
        if !added_home.contains(&r) {
            out.push(r);
        }
    }
    Some(out)
}

/// What merging `bundle` (a writer's copy) into dossier `id` would do; nothing is written.
pub fn plan(store: &Store, id: i64, bundle: &Dossier) -> Result<MergePlan> {
    let v = versions(store, id, bundle)?;
    let template = store.registry().get(&v.home.template)?.clone();
    Ok(compute(&v, &template)?.0)
}

/// The plan, and the merged dossier with every conflict resolved as home's.
fn compute(v: &Versions, template: &Template) -> Result<(MergePlan, Dossier)> {
    let share = share(template, &v.assignment.parts)?;
    let mut plan = MergePlan {
        writer: v.assignment.writer.clone(),
        parts: v
            .assignment
            .parts
            .iter()
            .map(|p| share_label(template, p))
            .collect(),
        incoming: Vec::new(),
        conflicts: Vec::new(),
        ignored: Vec::new(),
    };
    let mut merged = v.home.clone();
    for s in &template.sections {
        let anchor = Anchor::section(&s.key);
        let (b, h, w) = (
            blocks(&v.base, &s.key),
            blocks(&v.home, &s.key),
            blocks(&v.bundle, &s.key),
        );
        if w == b || h == w {
            continue;
        }
        if !share.sections.contains(&s.key) {
            plan.ignored.push(label(template, &anchor));
            continue;
        }
        if h == b {
            merged.set_section(&s.key, w.to_vec());
            let added = missing_from(&sentences(&section_text(w)), &sentences(&section_text(b)));
            plan.incoming.push(Incoming {
                label: label(template, &anchor),
                anchor,
                summary: format!("新增或改写 {} 句", added.len()),
            });
        } else {
            let (ht, wt) = (section_text(h), section_text(w));
            plan.conflicts.push(Conflict {
                label: label(template, &anchor),
                anchor,
                base: section_text(b),
                home_only: missing_from(&sentences(&ht), &sentences(&wt)),
                bundle_only: missing_from(&sentences(&wt), &sentences(&ht)),
                home: ht,
                bundle: wt,
                editable: true,
            });
        }
    }
    for f in &template.fields {
        let anchor = Anchor::field(&f.path);
        let get = |d: &Dossier| d.field(&f.path).unwrap_or_default();
        let (b, h, w) = (get(&v.base), get(&v.home), get(&v.bundle));
        if w == b || h == w {
            continue;
        }
        if !share.fields.contains(&f.path) {
            plan.ignored.push(label(template, &anchor));
            continue;
        }
        if h == b {
            merged.set_field(&f.path, &w)?;
            plan.incoming.push(Incoming {
                label: label(template, &anchor),
                anchor,
                summary: format!("“{b}” → “{w}”"),
            });
        } else {
            plan.conflicts.push(Conflict {
                label: label(template, &anchor),
                anchor,
                base: b,
                home_only: vec![h.clone()],
                bundle_only: vec![w.clone()],
                home: h,
                bundle: w,
                editable: true,
            });
        }
    }
    for (_, t) in template.tables() {
        let anchor = Anchor::table(&t.key);
        let (b, h, w) = (
            rows(&v.base, &t.key),
            rows(&v.home, &t.key),
            rows(&v.bundle, &t.key),
        );
        if w == b || h == w {
            continue;
        }
        if !share.tables.contains(&t.key) {
            plan.ignored.push(label(template, &anchor));
            continue;
        }
        match merge_rows(b, h, w) {
            Some(result) => {
                let added = missing_from(w, b).len();
                let removed = missing_from(b, w).len();
                merged.tables.insert(t.key.clone(), result);
                plan.incoming.push(Incoming {
                    label: label(template, &anchor),
                    anchor,
                    summary: format!("新增 {added} 行，删除 {removed} 行"),
                });
            }
            None => {
                let text = |r: &[TableRow]| r.iter().map(row_text).collect::<Vec<_>>();
                plan.conflicts.push(Conflict {
                    label: label(template, &anchor),
                    anchor,
                    base: text(b).join("\n"),
                    home: text(h).join("\n"),
                    bundle: text(w).join("\n"),
                    home_only: missing_from(&text(h), &text(w)),
                    bundle_only: missing_from(&text(w), &text(h)),
                    editable: false,
                });
            }
        }
    }
    // Pictures the writer's sections show come with them.
    for m in &v.bundle.media {
        if !merged.media.iter().any(|x| x.id == m.id) {
            merged.media.push(m.clone());
        }
    }
    Ok((plan, merged))
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct MergeOutcome {
    /// The snapshot taken before the merge: restoring it undoes the merge.
    pub snapshot: i64,
    pub incoming: usize,
    pub conflicts: usize,
}

/// Merges a writer's copy into dossier `id`, every conflict resolved by `resolutions` (by
/// anchor); refuses, writing nothing, when a conflict is left unresolved. Snapshots first and
/// records the merge in the history.
pub fn apply(
    store: &mut Store,
    id: i64,
    bundle: &Dossier,
    resolutions: &BTreeMap<Anchor, Resolution>,
    file: &str,
) -> Result<MergeOutcome> {
    let v = versions(store, id, bundle)?;
    let template = store.registry().get(&v.home.template)?.clone();
    let (plan, mut merged) = compute(&v, &template)?;
    let open: Vec<String> = plan
        .conflicts
        .iter()
        .filter(|c| !resolutions.contains_key(&c.anchor))
        .map(|c| c.label.clone())
        .collect();
    if !open.is_empty() {
        return Err(CoreError::input(
            "合并",
            format!("还有 {} 处冲突没有选择：{}", open.len(), open.join("、")),
        ));
    }
    let mut resolved = Vec::new();
    for c in &plan.conflicts {
        let r = &resolutions[&c.anchor];
        if let Anchor::Section(key) = &c.anchor {
            match r {
                Resolution::Home => {}
                Resolution::Bundle => merged.set_section(key, blocks(&v.bundle, key).to_vec()),
                Resolution::Edited(text) => merged.set_section(
                    key,
                    text.lines()
                        .filter(|l| !l.trim().is_empty())
                        .map(|l| Block::paragraph(l.trim()))
                        .collect(),
                ),
            }
        } else if let Anchor::Field(path) = &c.anchor {
            match r {
                Resolution::Home => {}
                Resolution::Bundle => merged.set_field(path, &c.bundle)?,
                Resolution::Edited(text) => merged.set_field(path, text)?,
            }
        } else if let Anchor::Table { key, .. } = &c.anchor {
            match r {
                Resolution::Home => {}
                Resolution::Bundle => {
                    merged
                        .tables
                        .insert(key.to_string(), rows(&v.bundle, key).to_vec());
                }
                Resolution::Edited(_) => {
                    return Err(CoreError::input(
                        c.label.clone(),
                        "表格的冲突只能选择保留本机或采用撰写人的版本",
                    ));
                }
            }
        }
        resolved.push(format!("{}（{}）", c.label, r.label()));
    }
    merged.assignment = None;
    let snapshot = store.take_snapshot(
        id,
        &format!("合并{}的分工副本之前", plan.writer),
        SnapshotKind::Merge,
    )?;
    store.replace(id, &merged)?;
    let taken: Vec<&str> = plan.incoming.iter().map(|i| i.label.as_str()).collect();
    store.record_activity(
        id,
        &format!(
            "合并{}的分工副本（{file}，分工：{}）：采纳 {}；冲突 {} 处{}{}",
            plan.writer,
            plan.parts.join("、"),
            if taken.is_empty() {
                "无".to_string()
            } else {
                taken.join("、")
            },
            plan.conflicts.len(),
            if resolved.is_empty() { "" } else { "：" },
            resolved.join("、")
        ),
    )?;
    Ok(MergeOutcome {
        snapshot,
        incoming: plan.incoming.len(),
        conflicts: plan.conflicts.len(),
    })
}
