//! The checks as the store runs them: the dossier, the store's other dossiers (one project per
//! applicant), its acknowledgements, and the marks that go with them.

use super::{Store, stamp};
use crate::checks::{self, CheckInput, GlyphCoverage, OtherDossier, Report, Severity};
use crate::{CoreError, Result};
use chrono::NaiveDate;
use rusqlite::params;

impl Store {
    /// Checks one dossier as of `today`, with the exports' glyph coverage.
    pub fn check(&self, id: i64, today: NaiveDate, glyphs: &dyn GlyphCoverage) -> Result<Report> {
        let record = self.load(id)?;
        let others: Vec<OtherDossier> = self
            .list(true)?
            .into_iter()
            .filter(|d| d.id != id && !d.archived)
            .map(|d| OtherDossier {
                id: d.id,
                title: d.title,
                credit_code: d.credit_code,
                for_submission: d.for_submission,
            })
            .collect();
        let for_submission = self.is_for_submission(id)?;
        // Page budgets need a layout; the coverage lays out, only when budgets are set.
        let section_pages = if self.registry.settings.section_page_limits.is_empty() {
            None
        } else {
            let template = self.registry.get(&record.dossier.template)?;
            glyphs.section_pages(&record.dossier, template, &self.registry.settings)
        };
        let input = CheckInput {
            registry: &self.registry,
            dossier: &record.dossier,
            for_submission,
            others: &others,
            acknowledgements: &record.dossier.acknowledgements,
            today,
            glyphs,
            section_pages: section_pages.as_ref(),
        };
        Ok(checks::run(&input))
    }

    pub fn is_for_submission(&self, id: i64) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT for_submission FROM dossiers WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => CoreError::DossierNotFound { id },
                e => self.err(e),
            })
    }

    /// Marks (or unmarks) a dossier as the one to submit for its applicant.
    pub fn set_for_submission(&mut self, id: i64, value: bool) -> Result<()> {
        let n = self
            .conn
            .execute(
                "UPDATE dossiers SET for_submission = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, value, stamp(self.now())],
            )
            .map_err(|e| self.err(e))?;
        if n == 0 {
            return Err(CoreError::DossierNotFound { id });
        }
        Ok(())
    }

    /// Acknowledges a current warning (by rule and place anchor) with a reason. Errors cannot be
    /// acknowledged, and neither can findings the dossier does not have.
    pub fn acknowledge(
        &mut self,
        id: i64,
        rule: &str,
        anchor: &str,
        reason: &str,
        today: NaiveDate,
        glyphs: &dyn GlyphCoverage,
    ) -> Result<()> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(CoreError::input("确认理由", "请写明确认这条提醒的理由"));
        }
        crate::text::check("确认理由", reason)?;
        let report = self.check(id, today, glyphs)?;
        let finding = report
            .findings
            .iter()
            .find(|f| f.rule == rule && f.place.anchor == anchor)
            .ok_or_else(|| {
                CoreError::input(
                    format!("{rule} @ {anchor}"),
                    "当前检查结果中没有这条发现，无法确认",
                )
            })?;
        if finding.severity == Severity::Error {
            return Err(CoreError::input(
                format!("{rule} @ {anchor}"),
                "这是错误，不能确认跳过；请按提示修改",
            ));
        }
        self.conn
            .execute(
                "INSERT OR REPLACE INTO acknowledgements (dossier_id, rule, anchor, reason, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, rule, anchor, reason, stamp(self.now())],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Withdraws an acknowledgement.
    pub fn unacknowledge(&mut self, id: i64, rule: &str, anchor: &str) -> Result<()> {
        self.conn
            .execute(
                "DELETE FROM acknowledgements WHERE dossier_id = ?1 AND rule = ?2 AND anchor = ?3",
                params![id, rule, anchor],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }
}
