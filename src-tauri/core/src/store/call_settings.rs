//! The call's settings a user may change for their store: the deadline and the quotas. The
//! shipped `call.toml` gives the defaults; a value set here overrides it for every check and
//! export of this store, and survives restarts.

use super::Store;
use crate::{CoreError, Result};
use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;

/// The settings that can be changed, with their Chinese names.
pub const CALL_SETTING_KEYS: [(&str, &str); 7] = [
    ("deadline", "申报截止日期"),
    ("quotas.per_province", "每个省级数据管理部门推荐数量上限"),
    ("quotas.per_plan_city", "每个计划单列市推荐数量上限"),
    ("quotas.per_corps", "新疆生产建设兵团推荐数量上限"),
    ("quotas.per_central_enterprise", "每家中央企业推荐数量上限"),
    ("quotas.city_per_unit", "每个推荐单位城市方向推荐数量上限"),
    ("backup.keep", "关闭程序时保留的数据文件备份份数"),
];

/// One changeable setting as the settings screen shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct CallSetting {
    pub key: String,
    pub label: String,
    /// The current value as text (`2025-06-30`, `3`); empty when unset.
    pub value: String,
    /// True when this store overrides the shipped value.
    pub overridden: bool,
}

impl Store {
    /// The changeable call settings with their current values.
    pub fn call_settings(&self) -> Vec<CallSetting> {
        let overridden = self.stored_call_settings().unwrap_or_default();
        CALL_SETTING_KEYS
            .iter()
            .map(|(key, label)| CallSetting {
                key: key.to_string(),
                label: label.to_string(),
                value: self.call_setting_text(key),
                overridden: overridden.iter().any(|(k, _)| k == key),
            })
            .collect()
    }

    fn call_setting_text(&self, key: &str) -> String {
        let s = &self.registry.settings;
        let q = &s.quotas;
        let n = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
        match key {
            "deadline" => s.call.deadline.map(|d| d.to_string()).unwrap_or_default(),
            "quotas.per_province" => n(q.per_province),
            "quotas.per_plan_city" => n(q.per_plan_city),
            "quotas.per_corps" => n(q.per_corps),
            "quotas.per_central_enterprise" => n(q.per_central_enterprise),
            "quotas.city_per_unit" => n(q.city_per_unit),
            "backup.keep" => self
                .stored_call_settings()
                .ok()
                .and_then(|v| v.into_iter().find(|(k, _)| k == key))
                .map(|(_, v)| v)
                .unwrap_or_else(|| super::backup::DEFAULT_KEEP.to_string()),
            _ => String::new(),
        }
    }

    /// Sets one call setting for this store (empty clears it to "not set"); the value is
    /// checked first and nothing is written when it is wrong.
    pub fn set_call_setting(&mut self, key: &str, value: &str) -> Result<()> {
        apply(&mut self.registry.settings.clone(), key, value)?;
        self.conn
            .execute(
                "INSERT INTO call_settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value.trim()],
            )
            .map_err(|e| self.err(e))?;
        apply(&mut self.registry.settings, key, value)
    }

    fn stored_call_settings(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, value FROM call_settings ORDER BY key")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    /// Applies the stored overrides to the registry's settings (at open). A stored value this
    /// program cannot read is reported, not ignored.
    pub(super) fn apply_stored_call_settings(&mut self) -> Result<()> {
        for (key, value) in self.stored_call_settings()? {
            apply(&mut self.registry.settings, &key, &value)?;
        }
        Ok(())
    }
}

fn apply(settings: &mut crate::template::CallSettings, key: &str, value: &str) -> Result<()> {
    let value = value.trim();
    let label = CALL_SETTING_KEYS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, l)| *l)
        .ok_or_else(|| {
            CoreError::input(
                key,
                format!(
                    "没有这项设置；可设置的有：{}",
                    CALL_SETTING_KEYS
                        .iter()
                        .map(|(k, _)| *k)
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            )
        })?;
    if key == "deadline" {
        settings.call.deadline = if value.is_empty() {
            None
        } else {
            Some(NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
                CoreError::input(
                    label,
                    format!("“{value}”不是有效日期，应写成 2025-06-30 的形式"),
                )
            })?)
        };
        return Ok(());
    }
    let number = if value.is_empty() {
        None
    } else {
        Some(
            value
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| CoreError::input(label, format!("“{value}”不是正整数")))?,
        )
    };
    if key == "backup.keep" {
        // Kept in the store only; read by [`Store::backup_keep`].
        return Ok(());
    }
    let q = &mut settings.quotas;
    let slot = match key {
        "quotas.per_province" => &mut q.per_province,
        "quotas.per_plan_city" => &mut q.per_plan_city,
        "quotas.per_corps" => &mut q.per_corps,
        "quotas.per_central_enterprise" => &mut q.per_central_enterprise,
        _ => &mut q.city_per_unit,
    };
    *slot = number;
    Ok(())
}
