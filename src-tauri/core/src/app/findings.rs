//! The findings: a fresh check, acknowledging warnings, the submission mark.

use super::Context;
use crate::Result;
use crate::checks::Report;

impl Context {
    /// Checks a dossier as of today with the fonts' glyph coverage.
    pub fn check(&self, id: i64) -> Result<Report> {
        self.store.check(id, self.today(), self.glyphs())
    }

    /// Accepts a warning with a reason (errors cannot be acknowledged: the store refuses).
    pub fn acknowledge(&mut self, id: i64, rule: &str, anchor: &str, reason: &str) -> Result<()> {
        let today = self.today();
        self.ensure_writable()?;
        let glyphs = super::coverage(&self.fonts);
        self.store
            .acknowledge(id, rule, anchor, reason, today, glyphs)
    }

    /// Takes back the acknowledgement of a warning.
    pub fn unacknowledge(&mut self, id: i64, rule: &str, anchor: &str) -> Result<()> {
        self.writable()?.unacknowledge(id, rule, anchor)
    }

    /// Marks (or unmarks) a dossier as the one to submit.
    pub fn set_for_submission(&mut self, id: i64, value: bool) -> Result<()> {
        self.writable()?.set_for_submission(id, value)
    }
}
