//! The call's settings: every number and address of the call that may change or is unknown
//! (deadline, quotas, mailing address, file naming, pilot period) lives here, never in code.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallSettings {
    pub call: CallMeta,
    pub mailing: Mailing,
    #[serde(default)]
    pub quotas: Quotas,
    /// Optional character limits per section key (字数, counted the Chinese way).
    #[serde(default)]
    pub section_limits: BTreeMap<String, usize>,
    /// Optional page budgets per section key, measured by the layout engine.
    #[serde(default)]
    pub section_page_limits: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallMeta {
    pub id: String,
    pub title: String,
    /// The notice's full title.
    pub notice: String,
    /// First day of the two-year pilot period (an assumption until the call fixes it).
    pub pilot_start: NaiveDate,
    pub pilot_months: u32,
    /// Submission deadline, when known.
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    pub paper_copies: u32,
    pub electronic_copies: u32,
    /// Text to be written on the envelope.
    pub envelope_text: String,
    /// Pattern of the electronic copy's file name: `{order}`, `{applicant}`, `{title}`, `{type}`.
    pub file_naming: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mailing {
    pub recipient: String,
    pub address_lines: Vec<String>,
    #[serde(default)]
    pub phones: Vec<String>,
}

/// Quotas per recommending unit; unknown numbers stay unset and are not checked.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Quotas {
    pub per_province: Option<u32>,
    pub per_plan_city: Option<u32>,
    pub per_corps: Option<u32>,
    pub per_central_enterprise: Option<u32>,
    pub city_per_unit: Option<u32>,
}

impl CallSettings {
    /// The last day of the pilot period.
    pub fn pilot_end(&self) -> NaiveDate {
        self.call
            .pilot_start
            .checked_add_months(Months::new(self.call.pilot_months))
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }
}
