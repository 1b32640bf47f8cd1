//! The templates against the official form (附件3, the fixture in `tests/fixtures/official/`):
//! for every pilot type, every label of the grid, every part heading and sub-heading, the form's
//! instructions, the 响应表, the commitment, the opinions' notes and seal lines, the evidence
//! groups, the cover and the 申报须知 are in our template, verbatim and in the form's order.

use dossier_core::model::PilotType;
use dossier_core::template::{PartKind, Registry, Template};
use dossier_tests::official_form::{self, Cell, squeeze};

fn templates() -> Vec<Template> {
    let registry = Registry::embedded().unwrap();
    PilotType::ALL
        .iter()
        .map(|t| registry.latest_for(*t).unwrap().clone())
        .collect()
}

fn row_text(row: &[Cell]) -> String {
    row.iter().map(Cell::text).collect()
}

#[test]
fn the_cover_and_the_notes_are_the_forms() {
    let form = official_form::read(&official_form::path());
    let p = &form.paragraphs;
    for t in templates() {
        let marker = match t.template.pilot_type {
            PilotType::Enterprise => "申报书封面格式-1",
            PilotType::Industry => "申报书封面格式-2",
            PilotType::City => "申报书封面格式-3",
        };
        let start = p.iter().position(|x| x.trim() == marker).unwrap() + 1;
        let end = start
            + p[start..]
                .iter()
                .position(|x| x.starts_with("申报书封面格式-") || squeeze(x) == "申报须知")
                .unwrap();
        let cover = t.cover.as_ref().expect("the form's cover");
        let lines: Vec<String> = p[start..end].iter().map(|x| squeeze(x)).collect();
        // Title: the template's 申报书模板 becomes 申报书 in a filled dossier.
        assert_eq!(lines[0], squeeze(&cover.title[0]));
        assert_eq!(lines[1].trim_end_matches("模板"), squeeze(&cover.title[1]));
        let labelled: Vec<&String> = lines[2..].iter().filter(|l| l.contains('：')).collect();
        let ours: Vec<String> = cover
            .lines
            .iter()
            .map(|l| squeeze(&format!("{}{}", l.label, l.note)))
            .chain([squeeze(&format!("{}年月日", cover.date_label))])
            .collect();
        assert_eq!(labelled, ours.iter().collect::<Vec<_>>(), "{marker}");
        let footer: Vec<&String> = lines[2..].iter().filter(|l| !l.contains('：')).collect();
        let ours: Vec<String> = cover.footer.iter().map(|f| squeeze(f)).collect();
        assert_eq!(footer, ours.iter().collect::<Vec<_>>(), "{marker}");
        // Nothing else is on the cover: no credit code, contact or type boxes.
        assert_eq!(cover.lines.len() + 1, labelled.len());

        let notice = t.notice.as_ref().expect("申报须知");
        let at = p
            .iter()
            .position(|x| squeeze(x) == squeeze(&notice.title))
            .unwrap();
        assert_eq!(notice.title, p[at].trim());
        assert_eq!(notice.items, p[at + 1..at + 4].to_vec());
    }
}

#[test]
fn every_label_of_the_grid_is_in_the_template_in_order() {
    let form = official_form::read(&official_form::path());
    let rows = &form.table.rows;
    assert_eq!(row_text(&rows[0]), "申报基本情况表");
    assert_eq!(row_text(&rows[1]), "一、项目基本信息");
    let grid_end = rows
        .iter()
        .position(|r| row_text(r) == "二、发展基础")
        .unwrap();
    for t in templates() {
        let grid = t.grid.as_ref().expect("the grid");
        assert_eq!(grid.title, row_text(&rows[0]));
        assert_eq!(grid.widths, form.grid_widths, "the form's column widths");
        assert_eq!(t.parts[0].heading, row_text(&rows[1]));
        assert_eq!(t.parts[0].kind, PartKind::Grid);
        let ours: Vec<String> = grid
            .rows
            .iter()
            .flatten()
            .filter_map(|c| c.label.as_deref().map(squeeze))
            .collect();
        let mut theirs = Vec::new();
        for row in &rows[2..grid_end] {
            for cell in row {
                let text = squeeze(&cell.text());
                if text.is_empty() || theirs.last() == Some(&text) {
                    continue; // a vertically merged label repeats in the next rows
                }
                match () {
                    _ if text.contains("国有企业") => {
                        let options = &t.field_def("applicant.nature").unwrap().options;
                        for word in [
                            "国有企业",
                            "民营企业",
                            "外资企业",
                            "合资企业",
                            "国家级创新平台",
                            "其他（请注明）",
                        ] {
                            assert!(
                                text.contains(word) && options.iter().any(|o| o == word),
                                "{word}"
                            );
                        }
                    }
                    _ if text.starts_with("是（事件/事故名称") => {
                        let options = &t.field_def("incident.answer").unwrap().options;
                        assert_eq!(options, &["是", "否"]);
                        let before = grid
                            .rows
                            .iter()
                            .flatten()
                            .find(|c| c.field.as_deref() == Some("incident.name"))
                            .unwrap();
                        assert_eq!(before.before.as_deref(), Some("事件/事故名称："));
                    }
                    _ if text.contains("可信数据空间") && text.contains("城市可信数据空间") =>
                    {
                        let direction = grid.rows.last().unwrap();
                        let ours: String = direction
                            .iter()
                            .map(|c| {
                                format!(
                                    "{}{}",
                                    c.text.clone().unwrap_or_default(),
                                    c.after.clone().unwrap_or_default()
                                )
                            })
                            .collect();
                        let variant = match t.template.pilot_type {
                            PilotType::Enterprise => "企业可信数据空间",
                            PilotType::Industry => "行业可信数据空间(请注明具体细分行业领域）",
                            PilotType::City => "城市可信数据空间",
                        };
                        assert!(
                            text.contains(variant) && squeeze(&ours).ends_with(variant),
                            "{ours}"
                        );
                    }
                    _ if text == "年月至年月" => {
                        let end = grid
                            .rows
                            .iter()
                            .flatten()
                            .find(|c| c.field.as_deref() == Some("period.end"))
                            .unwrap();
                        assert_eq!(end.before.as_deref(), Some("至"));
                    }
                    _ => theirs.push(text),
                }
            }
        }
        assert_eq!(ours, theirs, "{}", t.template.id);
    }
}

#[test]
fn every_part_heading_instruction_table_and_fixed_text_is_in_the_template() {
    let form = official_form::read(&official_form::path());
    let rows = &form.table.rows;
    let start = rows
        .iter()
        .position(|r| row_text(r) == "二、发展基础")
        .unwrap();
    for t in templates() {
        let ty = t.template.pilot_type;
        let mut found = 0;
        let mut i = start;
        while i < rows.len() {
            let row = &rows[i];
            let text = row_text(row);
            let first = row[0].paragraphs.first().cloned().unwrap_or_default();
            let is_part = ["二", "三", "四", "五", "六", "七", "八", "九", "十"]
                .iter()
                .any(|n| first.starts_with(&format!("{n}、")));
            if is_part {
                let belongs = match &first[..3] {
                    "八" => ty == PilotType::City,
                    "九" => ty == PilotType::Industry,
                    _ => true,
                };
                let part = t.parts.iter().find(|p| p.heading == first);
                assert_eq!(part.is_some(), belongs, "{} {first}", t.template.id);
                found += belongs as usize;
                let Some(part) = part else {
                    i += 2;
                    continue;
                };
                let body = &rows[i + 1][0];
                match part.kind {
                    PartKind::Sections => {
                        let sections: Vec<_> = t.part_sections(&part.key).collect();
                        if sections.len() == 1 && sections[0].heading.is_none() {
                            // 三、四: the part's heading is the section's; the row is its instruction.
                            assert_eq!(sections[0].instruction, body.paragraphs, "{first}");
                            if first.starts_with("三") {
                                let table = &body.tables[0];
                                let response = sections[0]
                                    .tables
                                    .iter()
                                    .find(|x| x.role.map(|r| r.key()) == Some("response"))
                                    .unwrap();
                                let header: Vec<String> =
                                    table.rows[0].iter().map(Cell::text).collect();
                                let labels: Vec<&str> =
                                    response.columns.iter().map(|c| c.label.as_str()).collect();
                                assert_eq!(header, labels);
                                for (ri, r) in table.rows[1..].iter().enumerate() {
                                    if ri == 0 {
                                        assert_eq!(Some(r[0].text()), response.row_group);
                                    }
                                    assert_eq!(
                                        Some(&r[1].text()),
                                        response.fixed_rows[ri].get("item")
                                    );
                                }
                                assert_eq!(response.fixed_rows.len(), table.rows.len() - 1);
                            }
                        } else if sections[0].heading.as_deref()
                            != Some(row_text(&rows[i + 1]).as_str())
                        {
                            // 五: each line is the sub-part's heading, a comma and its instruction.
                            let lines: Vec<String> = sections
                                .iter()
                                .map(|s| {
                                    format!(
                                        "{}，{}",
                                        s.heading.as_deref().unwrap(),
                                        s.instruction.concat()
                                    )
                                })
                                .collect();
                            assert_eq!(lines, body.paragraphs, "{first}");
                        } else {
                            // 二: sub-part heading rows, each followed by its instruction or table.
                            let mut j = i + 1;
                            for s in &sections {
                                assert_eq!(
                                    Some(row_text(&rows[j])),
                                    s.heading.clone(),
                                    "{}",
                                    s.key
                                );
                                j += 1;
                                if s.body {
                                    assert_eq!(rows[j][0].paragraphs, s.instruction, "{}", s.key);
                                    j += 1;
                                } else {
                                    let table = &s.tables[0];
                                    let header: Vec<String> =
                                        rows[j].iter().map(Cell::text).collect();
                                    let hints: Vec<String> =
                                        rows[j + 1].iter().map(Cell::text).collect();
                                    assert_eq!(
                                        header,
                                        table
                                            .columns
                                            .iter()
                                            .map(|c| c.label.clone())
                                            .collect::<Vec<_>>()
                                    );
                                    assert_eq!(
                                        hints,
                                        table
                                            .columns
                                            .iter()
                                            .map(|c| c.hint.clone())
                                            .collect::<Vec<_>>()
                                    );
                                    let suggested = &table.columns[1].suggestions;
                                    for role in [
                                        "建设方",
                                        "数据提供方",
                                        "数据使用方",
                                        "数据服务方",
                                        "监管方",
                                    ] {
                                        assert!(
                                            hints[0].contains(role)
                                                && suggested.iter().any(|s| s.ends_with(role))
                                        );
                                    }
                                    j += 2;
                                    while row_text(&rows[j]).is_empty() {
                                        j += 1; // the form's empty rows to fill in
                                    }
                                }
                            }
                            i = j;
                            continue;
                        }
                    }
                    PartKind::Commitment => {
                        let ours: Vec<String> = t
                            .commitment
                            .text
                            .iter()
                            .chain(&t.commitment.seal_lines)
                            .map(|l| squeeze(l))
                            .collect();
                        let theirs: Vec<String> =
                            body.paragraphs.iter().map(|l| squeeze(l)).collect();
                        assert_eq!(ours, theirs);
                        assert_eq!(t.commitment.text[0], body.paragraphs[0], "verbatim");
                    }
                    PartKind::Opinion => {
                        let fields: Vec<String> = t
                            .fields
                            .iter()
                            .filter(|f| f.part == part.key && f.label == "联系人及联系方式")
                            .map(|f| format!("{}：", f.label))
                            .collect();
                        let ours: Vec<String> = part
                            .note
                            .iter()
                            .chain(&fields)
                            .chain(&part.seal_lines)
                            .map(|l| squeeze(l))
                            .collect();
                        let theirs: Vec<String> =
                            body.paragraphs.iter().map(|l| squeeze(l)).collect();
                        assert_eq!(ours, theirs, "{first}");
                    }
                    PartKind::Evidence => {
                        let ev = t.evidence.as_ref().unwrap();
                        let mut ours: Vec<String> = Vec::new();
                        for g in &ev.groups {
                            ours.push(g.heading.clone());
                            ours.extend(g.lines.iter().cloned());
                        }
                        ours.push(ev.note.clone());
                        assert_eq!(ours, body.paragraphs);
                    }
                    PartKind::Grid => unreachable!(),
                }
                i += 2;
                continue;
            }
            assert!(text.is_empty(), "row {i} not matched: {text}");
            i += 1;
        }
        assert_eq!(found, t.parts.len() - 1, "{}", t.template.id);
    }
}
