//! Tables of a Word body mapped onto the template: the 响应表's fixed rows found by their
//! items, a section's tables by their column labels, the grid written as rows of labels and
//! values (cells holding two fields split), and any other table kept as a table block.

use super::importer::Importer;
use super::read::{Cell, Table};
use super::recognise::*;
use crate::model::Block;

impl Importer<'_> {
    pub(super) fn row(&mut self, cells: Vec<Cell>) {
        self.seen_form = true;
        let texts: Vec<String> = cells
            .iter()
            .filter(|c| !c.continued)
            .map(|c| c.text())
            .collect();
        // 参与主体: rows of three cells after their header.
        if let Some(t) = self
            .template
            .table_by_role(crate::template::TableRole::Partners)
            .cloned()
            && texts.len() == t.columns.len()
            && (self.section.as_deref() == Some("participants")
                || texts
                    .iter()
                    .zip(&t.columns)
                    .all(|(x, c)| squeeze(x) == squeeze(&c.label)))
        {
            let header = texts
                .iter()
                .zip(&t.columns)
                .all(|(x, c)| squeeze(x) == squeeze(&c.label));
            let hints = texts
                .iter()
                .zip(&t.columns)
                .all(|(x, c)| squeeze(x) == squeeze(&c.hint));
            if header || hints {
                self.section = Some("participants".into());
                self.report.form_texts += 1;
                return;
            }
            if texts.iter().all(|x| squeeze(x).is_empty()) {
                return;
            }
            let row = t
                .columns
                .iter()
                .zip(&texts)
                .map(|(c, x)| (c.key.clone(), value(x)))
                .collect();
            self.d.tables.entry(t.key.clone()).or_default().push(row);
            self.report.rows += 1;
            return;
        }
        // The grid: labels and the values after them.
        let mut pending: Vec<(String, String)> = Vec::new();
        let mut label_text = String::new();
        let mut any = false;
        for cell in cells.iter().filter(|c| !c.continued) {
            let text = cell.text();
            let s = squeeze(&text);
            if let Some((_, fields)) = self.slots.iter().find(|(l, _)| *l == s && !l.is_empty()) {
                pending = fields.clone();
                pending.reverse();
                label_text = s;
                any = true;
                self.report.form_texts += 1;
                continue;
            }
            if s.is_empty() {
                pending.pop();
                continue;
            }
            if self.is_form_text(&s) {
                self.report.form_texts += 1;
                continue;
            }
            // 试点方向 as the blank form offers it (the type's answer is fixed by the template).
            if s.contains("企业可信数据空间")
                && s.contains("城市可信数据空间")
                && pending.is_empty()
            {
                self.report.form_texts += 1;
                continue;
            }
            let Some((path, before)) = pending.pop() else {
                if !s.is_empty() && !self.is_form_text(&s) {
                    self.unplaced(
                        format!("Word 文件 › 基本情况表 › {label_text}"),
                        vec![Block::paragraph(text)],
                    );
                }
                continue;
            };
            any = true;
            self.grid_value(&path, &before, &text, &mut pending);
        }
        if !any && texts.iter().any(|t| !squeeze(t).is_empty()) {
            // A row the form does not have (one the user added): kept with its cells as the
            // header of a table of its own, so it is stored like any table.
            self.unplaced(
                format!("Word 文件 › 表格行（第 {} 项）", self.position),
                vec![Block::Table {
                    caption: String::new(),
                    header: texts,
                    rows: Vec::new(),
                }],
            );
        }
    }

    /// A value cell of the grid; some cells hold two fields (试点周期, the incident).
    pub(super) fn grid_value(
        &mut self,
        path: &str,
        before: &str,
        text: &str,
        pending: &mut Vec<(String, String)>,
    ) {
        match path {
            "period.start" => {
                let months = months_of(text);
                if let Some(m) = months.first() {
                    self.set("period.start", m);
                }
                if let Some(m) = months.get(1) {
                    pending.retain(|(p, _)| p != "period.end");
                    self.set("period.end", m);
                }
            }
            "incident.answer" => {
                pending.retain(|(p, _)| p != "incident.name");
                let answer = chosen(text, &["是", "否"]).or_else(|| {
                    let s = squeeze(text);
                    (s == "否" || s.ends_with("否") && !s.contains('☑')).then(|| "否".to_string())
                });
                if let Some(a) = &answer {
                    self.set("incident.answer", a);
                }
                if let Some(i) = text.find("名称：") {
                    let name = value(
                        text[i + "名称：".len()..]
                            .split(['）', ')'])
                            .next()
                            .unwrap_or(""),
                    );
                    self.set("incident.name", &name);
                }
            }
            "applicant.nature" => {
                let options = self
                    .template
                    .field_def(path)
                    .map(|f| f.options.clone())
                    .unwrap_or_default();
                let options: Vec<&str> = options.iter().map(String::as_str).collect();
                match chosen(text, &options) {
                    Some(o) => self.set(path, &o),
                    None => self.set(path, &value(text)),
                }
                pending.retain(|(p, _)| p != "applicant.nature_note");
            }
            "direction.industry_domain" => {
                // The form's three choices, the 行业 line carrying the domain when filled.
                let line = text
                    .lines()
                    .find(|l| l.contains("行业可信数据空间"))
                    .unwrap_or(text);
                let v = value(line.split("行业可信数据空间").next().unwrap_or(""));
                if v.is_empty() {
                    self.report.form_texts += 1;
                } else {
                    self.set(path, &v);
                }
            }
            _ => {
                let v = text.strip_prefix(before).unwrap_or(text);
                self.set(path, &value(v));
            }
        }
    }

    pub(super) fn table(&mut self, t: Table) {
        let rows: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .filter(|c| !c.continued)
                    .map(|c| value(&c.text()))
                    .collect()
            })
            .collect();
        // The 响应表: five rows found by their 试点目标.
        if let Some(def) = self
            .template
            .table_by_role(crate::template::TableRole::Response)
            .cloned()
            && rows.iter().any(|r| {
                r.iter().any(|c| {
                    def.fixed_rows
                        .iter()
                        .any(|f| f.values().any(|v| squeeze(v) == squeeze(c)))
                })
            })
        {
            let mut out = Vec::new();
            for fixed in &def.fixed_rows {
                let item = fixed.values().next().cloned().unwrap_or_default();
                let mut row = fixed.clone();
                if let Some(r) = rows
                    .iter()
                    .find(|r| r.iter().any(|c| squeeze(c) == squeeze(&item)))
                {
                    let at = r
                        .iter()
                        .position(|c| squeeze(c) == squeeze(&item))
                        .unwrap_or(0);
                    let rest: Vec<&String> = r[at + 1..].iter().collect();
                    if let Some(ind) = rest.first() {
                        row.insert("indicators".into(), figures_of(ind));
                    }
                    if let Some(resp) = rest.get(1) {
                        row.insert("response".into(), resp.to_string());
                    }
                }
                out.push(row);
            }
            self.d.tables.insert(def.key.clone(), out);
            self.report.rows += def.fixed_rows.len();
            return;
        }
        // A table of the current section's template (参与主体, 进度安排, 投资计划明细表): found by
        // its column labels, its data rows taken by column.
        let section_tables: Vec<crate::template::TableDef> = self
            .section
            .as_deref()
            .and_then(|k| self.template.section(k))
            .map(|s| s.tables.clone())
            .unwrap_or_default();
        let head: Vec<String> = rows.iter().take(2).flatten().map(|c| squeeze(c)).collect();
        if let Some(def) = section_tables
            .iter()
            .find(|t| t.columns.iter().all(|c| head.contains(&squeeze(&c.label))))
        {
            let labels: Vec<String> = def
                .columns
                .iter()
                .flat_map(|c| {
                    [
                        squeeze(&c.label),
                        c.group.as_deref().map(squeeze).unwrap_or_default(),
                    ]
                })
                .collect();
            for r in &rows {
                if r.iter()
                    .all(|c| c.is_empty() || labels.contains(&squeeze(c)))
                {
                    continue; // a header row
                }
                if r.len() == def.columns.len() {
                    let row = def
                        .columns
                        .iter()
                        .zip(r)
                        .map(|(c, v)| (c.key.clone(), v.clone()))
                        .collect();
                    self.d.tables.entry(def.key.clone()).or_default().push(row);
                    self.report.rows += 1;
                } else {
                    self.unplaced(
                        format!("Word 文件 › {}（列数与模板不符的一行）", def.title),
                        vec![Block::paragraph(r.join("｜"))],
                    );
                }
            }
            self.caption = None;
            return;
        }
        // A table whose rows are the grid's (the grid written as a table of its own).
        if rows.iter().flatten().any(|c| {
            self.slots
                .iter()
                .any(|(l, _)| *l == squeeze(c) && l == "试点名称")
        }) {
            for r in t.rows {
                self.row(r);
            }
            return;
        }
        let caption = self.caption.take().unwrap_or_default();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return; // a table without a cell holds nothing
        }
        let mut it = rows.into_iter().map(|mut r| {
            r.resize(width, String::new());
            r
        });
        let header = it.next().unwrap_or_default();
        let body: Vec<Vec<String>> = it.collect();
        self.report.rows += body.len();
        self.push_block(Block::Table {
            caption,
            header,
            rows: body,
        });
    }
}
