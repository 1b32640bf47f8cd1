//! Dossier reads and writes. Each public method is one transaction; edits touch only their part
//! (one section row, one table row, the front-matter column) plus the dossier's `updated_at`.

use super::{Store, stamp};
use crate::integrity;
use crate::model::{
    Acknowledgement, Attachment, AttachmentKind, Block, Dossier, DossierRecord, DossierSummary,
    FrontMatter, Media, PilotType, Section, TableRow, TemplateRef,
};
use crate::{CoreError, Result};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use std::collections::BTreeMap;

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| CoreError::Internal(format!("序列化失败：{e}")))
}

fn from_json<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T> {
    serde_json::from_str(text)
        .map_err(|e| CoreError::Internal(format!("数据文件中的{what}无法读取：{e}")))
}

impl Store {
    pub(super) fn write_tx(&mut self) -> Result<Transaction<'_>> {
        let path = self.path.clone();
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| super::with_path(e.into(), &path))
    }

    /// Creates an empty dossier on the newest template of `pilot_type`; returns its id.
    pub fn create(&mut self, pilot_type: PilotType, title: &str) -> Result<i64> {
        crate::text::check("title", title)?;
        let template = self.registry.latest_for(pilot_type)?.clone();
        let dossier = Dossier {
            template: template.reference(),
            pilot_type,
            title: title.trim().to_string(),
            application_date: None,
            front_matter: FrontMatter::default(),
            sections: Vec::new(),
            // Tables the form fixes (the 响应表's five rows) start with their rows.
            tables: template
                .tables()
                .filter(|(_, t)| !t.fixed_rows.is_empty())
                .map(|(_, t)| (t.key.clone(), t.fixed_rows.clone()))
                .collect(),
            attachments: Vec::new(),
            media: Vec::new(),
            acknowledgements: Vec::new(),
            unplaced: Vec::new(),
            assignment: None,
        };
        self.insert(&dossier)
    }

    /// Stores a whole dossier (from an import or a sample) as a new one; returns its id. The
    /// dossier is validated against its template first; nothing is written when it fails.
    pub fn insert(&mut self, dossier: &Dossier) -> Result<i64> {
        self.write_whole(None, dossier, &[])
    }

    /// Replaces a stored dossier's whole content (a restore), keeping its id, in one transaction.
    pub fn replace(&mut self, id: i64, dossier: &Dossier) -> Result<()> {
        self.template_of(id)?;
        self.write_whole(Some(id), dossier, &[]).map(|_| ())
    }

    /// Stores a dossier brought from elsewhere with its snapshots — new (`None`) or over an
    /// existing one — in one transaction: a kill or a failure leaves it whole or absent, never
    /// with some of its snapshots.
    pub fn write_with_snapshots(
        &mut self,
        existing: Option<i64>,
        dossier: &Dossier,
        snapshots: &[super::snapshots::Brought<'_>],
    ) -> Result<i64> {
        for s in snapshots {
            s.check()?;
        }
        if let Some(id) = existing {
            self.template_of(id)?;
        }
        self.write_whole(existing, dossier, snapshots)
    }

    /// Writes a whole dossier: a new row (`None`) or over an existing one's parts, and the
    /// snapshots brought with it.
    fn write_whole(
        &mut self,
        existing: Option<i64>,
        dossier: &Dossier,
        snapshots: &[super::snapshots::Brought<'_>],
    ) -> Result<i64> {
        let at = self.now();
        let template = integrity::validate(&self.registry, dossier)?;
        let order: BTreeMap<String, usize> = template
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.key.clone(), i))
            .collect();
        let mut sections: Vec<&Section> = dossier.sections.iter().collect();
        sections.sort_by_key(|s| order[s.key.as_str()]);

        let path = self.path.clone();
        let tx = self.write_tx()?;
        let ts = stamp(at);
        let id = (|| -> rusqlite::Result<i64> {
            let fm = serde_json::to_string(&dossier.front_matter).unwrap_or_default();
            // A new dossier gets its row first; then both cases write the same columns.
            let id = match existing {
                None => {
                    tx.execute(
                        "INSERT INTO dossiers (template_id, template_version, pilot_type, title,
                           front_matter, created_at, updated_at)
                         VALUES ('', '', ?1, '', '{}', ?2, ?2)",
                        params![dossier.pilot_type.key(), ts],
                    )?;
                    tx.last_insert_rowid()
                }
                Some(id) => {
                    for table in ["acknowledgements", "attachments", "media", "structured_tables", "sections"] {
                        tx.execute(&format!("DELETE FROM {table} WHERE dossier_id = ?1"), [id])?;
                    }
                    id
                }
            };
            tx.execute(
                "UPDATE dossiers SET template_id = ?2, template_version = ?3, pilot_type = ?4,
                   title = ?5, application_date = ?6, front_matter = ?7, applicant_name = ?8,
                   credit_code = ?9, updated_at = ?10, unplaced = ?11, assignment = ?12
                 WHERE id = ?1",
                params![
                    id,
                    dossier.template.id,
                    dossier.template.version,
                    dossier.pilot_type.key(),
                    dossier.title,
                    dossier.application_date.map(|d| d.to_string()),
                    fm,
                    dossier.front_matter.applicant.name,
                    dossier.front_matter.applicant.credit_code,
                    ts,
                    serde_json::to_string(&dossier.unplaced).unwrap_or_else(|_| "[]".into()),
                    dossier
                        .assignment
                        .as_ref()
                        .map(|a| serde_json::to_string(a).unwrap_or_default())
                ],
            )?;
            for section in sections {
                tx.execute(
                    "INSERT INTO sections (dossier_id, key, position, blocks, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![
                        id,
                        section.key,
                        order[section.key.as_str()] as i64,
                        serde_json::to_string(&section.blocks).unwrap_or_default(),
                        ts
                    ],
                )?;
            }
            for (key, rows) in &dossier.tables {
                tx.execute(
                    "INSERT INTO structured_tables (dossier_id, key, rows, updated_at)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![id, key, serde_json::to_string(rows).unwrap_or_default(), ts],
                )?;
            }
            for (i, m) in dossier.media.iter().enumerate() {
                tx.execute(
                    "INSERT INTO media (dossier_id, id, position, file_name, media_type, data)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![id, m.id, i as i64, m.file_name, m.media_type, m.data],
                )?;
            }
            for (i, a) in dossier.attachments.iter().enumerate() {
                tx.execute(
                    "INSERT INTO attachments (dossier_id, position, title, kind, media_id)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, i as i64, a.title, a.kind.key(), a.media],
                )?;
            }
            for a in &dossier.acknowledgements {
                tx.execute(
                    "INSERT OR REPLACE INTO acknowledgements (dossier_id, rule, anchor, reason, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, a.rule, a.anchor, a.reason, ts],
                )?;
            }
            super::activity::record(&tx, at, id,
                if existing.is_some() {
                    "整体替换内容（导入、恢复快照或迁移模板）"
                } else {
                    "创建"
                },
            )?;
            for s in snapshots {
                tx.execute(
                    "INSERT INTO snapshots (dossier_id, name, kind, created_at, content)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![
                        id,
                        s.name.trim(),
                        s.kind.key(),
                        s.created_at,
                        crate::interchange::to_json(s.content)
                    ],
                )?;
            }
            Ok(id)
        })()
        .map_err(|e| super::with_path(e.into(), &path))?;
        tx.commit().map_err(|e| super::with_path(e.into(), &path))?;
        Ok(id)
    }

    /// The dossiers, most recently changed first; archived ones only when asked.
    pub fn list(&self, include_archived: bool) -> Result<Vec<DossierSummary>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, title, pilot_type, applicant_name, credit_code, template_id,
                        template_version, created_at, updated_at, archived, for_submission
                 FROM dossiers WHERE archived = 0 OR ?1
                 ORDER BY updated_at DESC, id DESC",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([include_archived], |r| {
                let pilot: String = r.get(2)?;
                Ok(DossierSummary {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    pilot_type: PilotType::from_key(&pilot).unwrap_or(PilotType::Enterprise),
                    applicant: r.get(3)?,
                    credit_code: r.get(4)?,
                    template: TemplateRef {
                        id: r.get(5)?,
                        version: r.get(6)?,
                    },
                    created_at: r.get(7)?,
                    updated_at: r.get(8)?,
                    archived: r.get(9)?,
                    for_submission: r.get(10)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    /// Loads one whole dossier.
    pub fn load(&self, id: i64) -> Result<DossierRecord> {
        // A read transaction, so every part comes from the same committed state.
        let tx = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        let head = tx
            .query_row(
                "SELECT template_id, template_version, pilot_type, title, application_date,
                        front_matter, created_at, updated_at, archived, unplaced, assignment
                 FROM dossiers WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, String>(7)?,
                        r.get::<_, bool>(8)?,
                        r.get::<_, String>(9)?,
                        r.get::<_, Option<String>>(10)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or(CoreError::DossierNotFound { id })?;
        let (
            tid,
            tver,
            pilot,
            title,
            app_date,
            fm,
            created_at,
            updated_at,
            archived,
            unplaced,
            assignment,
        ) = head;

        let sections = query_all(
            &tx,
            "SELECT key, blocks FROM sections WHERE dossier_id = ?1 ORDER BY position",
            id,
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .map_err(|e| self.err(e))?
        .into_iter()
        .map(|(key, blocks)| {
            Ok(Section {
                blocks: from_json("章节内容", &blocks)?,
                key,
            })
        })
        .collect::<Result<Vec<_>>>()?;
        let tables = query_all(
            &tx,
            "SELECT key, rows FROM structured_tables WHERE dossier_id = ?1",
            id,
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .map_err(|e| self.err(e))?
        .into_iter()
        .map(|(key, rows)| Ok((key, from_json::<Vec<TableRow>>("表格内容", &rows)?)))
        .collect::<Result<BTreeMap<_, _>>>()?;
        let media = query_all(&tx, "SELECT id, file_name, media_type, data FROM media WHERE dossier_id = ?1 ORDER BY position", id, |r| {
            Ok(Media { id: r.get(0)?, file_name: r.get(1)?, media_type: r.get(2)?, data: r.get(3)? })
        })
        .map_err(|e| self.err(e))?;
        let attachments = query_all(
            &tx,
            "SELECT title, kind, media_id FROM attachments WHERE dossier_id = ?1 ORDER BY position",
            id,
            |r| {
                let kind: String = r.get(1)?;
                Ok(Attachment {
                    title: r.get(0)?,
                    kind: AttachmentKind::from_key(&kind).unwrap_or(AttachmentKind::Other),
                    media: r.get(2)?,
                })
            },
        )
        .map_err(|e| self.err(e))?;
        let acknowledgements = query_all(
            &tx,
            "SELECT rule, anchor, reason FROM acknowledgements WHERE dossier_id = ?1 ORDER BY rule, anchor",
            id,
            |r| Ok(Acknowledgement { rule: r.get(0)?, anchor: r.get(1)?, reason: r.get(2)? }),
        )
        .map_err(|e| self.err(e))?;
        drop(tx);

        Ok(DossierRecord {
            id,
            created_at,
            updated_at,
            archived,
            dossier: Dossier {
                template: TemplateRef {
                    id: tid,
                    version: tver,
                },
                pilot_type: PilotType::from_key(&pilot).ok_or_else(|| {
                    CoreError::Internal(format!("数据文件中的试点类型“{pilot}”无效"))
                })?,
                title,
                application_date: app_date.and_then(|d| d.parse().ok()),
                front_matter: from_json("封面信息", &fm)?,
                sections,
                tables,
                attachments,
                media,
                acknowledgements,
                unplaced: from_json("未归位内容", &unplaced)?,
                assignment: assignment.map(|a| from_json("分工信息", &a)).transpose()?,
            },
        })
    }

    pub(crate) fn template_of(&self, id: i64) -> Result<crate::template::Template> {
        Ok(self.registry.get(&self.template_ref_of(id)?)?.clone())
    }

    /// Which template (id and version) dossier `id` is written on.
    fn template_ref_of(&self, id: i64) -> Result<TemplateRef> {
        self.conn
            .query_row(
                "SELECT template_id, template_version FROM dossiers WHERE id = ?1",
                [id],
                |r| {
                    Ok(TemplateRef {
                        id: r.get(0)?,
                        version: r.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or(CoreError::DossierNotFound { id })
    }

    /// A writer's copy's assignment (see [`crate::merge`]), when the dossier is one.
    pub fn assignment_of(&self, id: i64) -> Result<Option<crate::model::Assignment>> {
        let text: Option<String> = self
            .conn
            .query_row("SELECT assignment FROM dossiers WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or(CoreError::DossierNotFound { id })?;
        text.map(|t| from_json("分工信息", &t)).transpose()
    }

    /// Refuses a change to a part a writer's copy does not own.
    fn guard(
        &self,
        id: i64,
        template: &crate::template::Template,
        anchor: &crate::model::Anchor,
    ) -> Result<()> {
        crate::template::share::may_edit(self.assignment_of(id)?.as_ref(), template, anchor)
    }

    /// Saves one section's blocks. Only that section's row is written.
    pub fn save_section(&mut self, id: i64, key: &str, blocks: &[Block]) -> Result<()> {
        let at = self.now();
        let template = self.template_of(id)?;
        self.guard(id, &template, &crate::model::Anchor::section(key))?;
        let position = template
            .sections
            .iter()
            .position(|s| s.key == key)
            .ok_or_else(|| integrity::unknown_section("章节", key, &template))?;
        let media: Vec<String> = self.media_ids(id)?;
        integrity::validate_blocks(&format!("章节“{key}”"), blocks, &|m| {
            media.iter().any(|x| x == m)
        })?;
        let json = to_json(&blocks)?;
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let ts = stamp(at);
        tx.execute(
            "INSERT INTO sections (dossier_id, key, position, blocks, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (dossier_id, key) DO UPDATE SET blocks = excluded.blocks,
               updated_at = excluded.updated_at",
            params![id, key, position as i64, json, ts],
        )
        .and_then(|_| touch(&tx, id, &ts))
        .and_then(|_| {
            super::activity::record(
                &tx,
                at,
                id,
                &format!("修改章节“{}”", template.sections[position].title),
            )
        })
        .and_then(|_| tx.commit())
        .map_err(|e| super::with_path(e.into(), &path))
    }

    /// Saves one structured table's rows. Only that table's row is written.
    pub fn save_table(&mut self, id: i64, key: &str, rows: &[TableRow]) -> Result<()> {
        let at = self.now();
        let template = self.template_of(id)?;
        self.guard(id, &template, &crate::model::Anchor::table(key))?;
        integrity::validate_table(&template, &format!("表格“{key}”"), key, rows)?;
        let json = to_json(&rows)?;
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let ts = stamp(at);
        tx.execute(
            "INSERT INTO structured_tables (dossier_id, key, rows, updated_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (dossier_id, key) DO UPDATE SET rows = excluded.rows,
               updated_at = excluded.updated_at",
            params![id, key, json, ts],
        )
        .and_then(|_| touch(&tx, id, &ts))
        .and_then(|_| {
            let title = template.table(key).map_or(key, |t| t.title.as_str());
            super::activity::record(&tx, at, id, &format!("修改表格“{title}”"))
        })
        .and_then(|_| tx.commit())
        .map_err(|e| super::with_path(e.into(), &path))
    }

    /// Sets front-matter fields by path (see [`crate::model::FIELD_PATHS`]), all or none.
    pub fn set_fields(&mut self, id: i64, values: &[(&str, &str)]) -> Result<()> {
        let at = self.now();
        if self.assignment_of(id)?.is_some() {
            let template = self.template_of(id)?;
            for (field, _) in values {
                self.guard(id, &template, &crate::model::Anchor::field(*field))?;
            }
        }
        // The history names the fields as the form labels them, never by their paths.
        let labels: Vec<String> = {
            let reference = self.template_ref_of(id)?;
            let template = self.registry.get(&reference).ok();
            values
                .iter()
                .map(|(field, _)| match template {
                    Some(t) => {
                        crate::template::share::label(t, &crate::model::Anchor::field(*field))
                    }
                    None => field.to_string(),
                })
                .collect()
        };
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let head = tx
            .query_row(
                "SELECT title, application_date, front_matter, pilot_type FROM dossiers WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| super::with_path(e.into(), &path))?
            .ok_or(CoreError::DossierNotFound { id })?;
        let mut d = Dossier {
            template: TemplateRef {
                id: String::new(),
                version: String::new(),
            },
            pilot_type: PilotType::from_key(&head.3).unwrap_or(PilotType::Enterprise),
            title: head.0,
            application_date: head.1.and_then(|d| d.parse().ok()),
            front_matter: from_json("封面信息", &head.2)?,
            sections: Vec::new(),
            tables: BTreeMap::new(),
            attachments: Vec::new(),
            media: Vec::new(),
            acknowledgements: Vec::new(),
            unplaced: Vec::new(),
            assignment: None,
        };
        for (field, value) in values {
            d.set_field(field, value)?;
        }
        let ts = stamp(at);
        tx.execute(
            "UPDATE dossiers SET title = ?2, application_date = ?3, front_matter = ?4,
               applicant_name = ?5, credit_code = ?6, updated_at = ?7 WHERE id = ?1",
            params![
                id,
                d.title,
                d.application_date.map(|x| x.to_string()),
                to_json(&d.front_matter)?,
                d.front_matter.applicant.name,
                d.front_matter.applicant.credit_code,
                ts
            ],
        )
        .and_then(|_| super::activity::record(&tx, at, id, &format!("修改“{}”", labels.join("”“"))))
        .and_then(|_| tx.commit())
        .map_err(|e| super::with_path(e.into(), &path))
    }

    /// Removes item `index` of the dossier's unplaced content (once the user has moved it).
    pub fn remove_unplaced(&mut self, id: i64, index: usize) -> Result<()> {
        let at = self.now();
        let mut record = self.load(id)?;
        if index >= record.dossier.unplaced.len() {
            return Err(CoreError::input(
                "未归位内容",
                format!("没有第 {} 项未归位内容", index + 1),
            ));
        }
        let removed = record.dossier.unplaced.remove(index);
        let path = self.path.clone();
        let tx = self.write_tx()?;
        tx.execute(
            "UPDATE dossiers SET unplaced = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, to_json(&record.dossier.unplaced)?, stamp(at)],
        )
        .and_then(|_| {
            super::activity::record(&tx, at, id, &format!("移除未归位内容“{}”", removed.source))
        })
        .and_then(|_| tx.commit())
        .map_err(|e| super::with_path(e.into(), &path))
    }

    fn media_ids(&self, id: i64) -> Result<Vec<String>> {
        query_all(
            &self.conn,
            "SELECT id FROM media WHERE dossier_id = ?1",
            id,
            |r| r.get(0),
        )
        .map_err(|e| self.err(e))
    }

    /// Adds a file (image or scan) to the dossier; returns its media id. Adding the same content
    /// twice keeps one copy.
    pub fn add_media(&mut self, id: i64, file_name: &str, data: Vec<u8>) -> Result<String> {
        let at = self.now();
        self.template_of(id)?;
        let media_type = Media::sniff(&data).ok_or_else(|| {
            CoreError::input(file_name, "不是 PNG、JPEG 图片或 PDF 文件，无法加入申报书")
        })?;
        let media = Media::new(file_name, media_type, data);
        integrity::validate_media(file_name, &media)?;
        let path = self.path.clone();
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO media (dossier_id, id, position, file_name, media_type, data)
             VALUES (?1, ?2, (SELECT coalesce(max(position) + 1, 0) FROM media WHERE dossier_id = ?1), ?3, ?4, ?5)
             ON CONFLICT (dossier_id, id) DO NOTHING",
            params![id, media.id, media.file_name, media.media_type, media.data],
        )
        .and_then(|_| touch(&tx, id, &stamp(at)))
        .and_then(|_| tx.commit())
        .map_err(|e| super::with_path(e.into(), &path))?;
        Ok(media.id)
    }

    /// Appends an attachment that shows a file already added with [`Store::add_media`].
    pub fn add_attachment(
        &mut self,
        id: i64,
        title: &str,
        kind: AttachmentKind,
        media_id: &str,
    ) -> Result<()> {
        let at = self.now();
        crate::text::check("附件标题", title)?;
        if !self.media_ids(id)?.iter().any(|m| m == media_id) {
            return Err(CoreError::input(
                "附件",
                format!("文件 {media_id} 不在这份申报书中"),
            ));
        }
        let path = self.path.clone();
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO attachments (dossier_id, position, title, kind, media_id)
             VALUES (?1, (SELECT coalesce(max(position) + 1, 0) FROM attachments WHERE dossier_id = ?1), ?2, ?3, ?4)",
            params![id, title, kind.key(), media_id],
        )
        .and_then(|_| touch(&tx, id, &stamp(at)))
        .and_then(|_| super::activity::record(&tx, at, id, &format!("添加附件“{}”", title.trim())))
        .and_then(|_| tx.commit())
        .map_err(|e| super::with_path(e.into(), &path))
    }

    /// Removes the attachment at `position` (0-based); the ones after it move up. The file stays
    /// in the dossier's media (an image block or a snapshot may still show it).
    pub fn remove_attachment(&mut self, id: i64, position: usize) -> Result<()> {
        let at = self.now();
        self.template_of(id)?;
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let removed = tx
            .execute(
                "DELETE FROM attachments WHERE dossier_id = ?1 AND position = ?2",
                params![id, position as i64],
            )
            .map_err(|e| super::with_path(e.into(), &path))?;
        if removed == 0 {
            return Err(CoreError::input(
                "附件",
                format!("第 {} 个附件不存在", position + 1),
            ));
        }
        // Two steps, so that no intermediate row collides with another's position.
        tx.execute(
            "UPDATE attachments SET position = -position WHERE dossier_id = ?1 AND position > ?2",
            params![id, position as i64],
        )
        .and_then(|_| {
            tx.execute(
                "UPDATE attachments SET position = -position - 1 WHERE dossier_id = ?1 AND position < 0",
                params![id],
            )
        })
        .and_then(|_| touch(&tx, id, &stamp(at)))
        .and_then(|_| {
            super::activity::record(&tx, at, id, &format!("移除第 {} 个附件", position + 1))
        })
        .and_then(|_| tx.commit())
        .map_err(|e| super::with_path(e.into(), &path))
    }

    /// Archives or restores a dossier (archived ones are hidden from the default list).
    pub fn set_archived(&mut self, id: i64, archived: bool) -> Result<()> {
        let at = self.now();
        let changed = self
            .conn
            .execute(
                "UPDATE dossiers SET archived = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, archived, stamp(at)],
            )
            .map_err(|e| self.err(e))?;
        if changed == 0 {
            return Err(CoreError::DossierNotFound { id });
        }
        Ok(())
    }

    /// Deletes a dossier and everything it holds.
    pub fn delete(&mut self, id: i64) -> Result<()> {
        let changed = self
            .conn
            .execute("DELETE FROM dossiers WHERE id = ?1", [id])
            .map_err(|e| self.err(e))?;
        if changed == 0 {
            return Err(CoreError::DossierNotFound { id });
        }
        Ok(())
    }
}

fn touch(tx: &Transaction<'_>, id: i64, ts: &str) -> rusqlite::Result<()> {
    let n = tx.execute(
        "UPDATE dossiers SET updated_at = ?2 WHERE id = ?1",
        params![id, ts],
    )?;
    if n == 0 {
        return Err(rusqlite::Error::QueryReturnedNoRows);
    }
    Ok(())
}

fn query_all<T>(
    conn: &rusqlite::Connection,
    sql: &str,
    id: i64,
    map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    stmt.query_map([id], map)?.collect()
}
