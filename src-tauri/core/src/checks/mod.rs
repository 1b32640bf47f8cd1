//! Completeness and eligibility checks. Findings are data, like a compiler's diagnostics: a stable
//! rule id, a severity, the place in the dossier, a Chinese message and a hint on how to fix it.
//! A result can succeed (no errors) and still carry warnings; warnings can be acknowledged with a
//! reason, and acknowledged ones stay listed.
//!
//! Rules about template fields (required, minimum rows, limits, allowed values) read the template;
//! rules that are logic live each in one small function under [`rules`]. Term lists (coverage,
//! commitment statements, secrecy words) are data in `templates/<call>/vocabulary.toml`.

pub mod coverage;
mod place;
pub mod rules;
mod text_units;
pub mod wordcount;

pub use coverage::{CoverageEntry, CoverageHit};
pub use place::{Destination, Focus, Place};
pub use rules::RuleId;
pub use text_units::{TextUnit, text_units};

pub use crate::model::Acknowledgement;
use crate::model::Dossier;
use crate::template::{Registry, Template};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks the final export (a draft export is still allowed).
    Error,
    /// Needs a person's judgement; can be acknowledged.
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "提醒",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Finding {
    /// Which rule found it (crosses as its dotted id, e.g. `applicant.credit_code.invalid`).
    pub rule: RuleId,
    pub severity: Severity,
    pub place: Place,
    pub message: String,
    pub hint: String,
    /// The reason given when a person acknowledged this warning.
    #[serde(default)]
    pub acknowledged: Option<String>,
}

/// Another dossier of the same store, as the one-project-per-applicant rule sees it.
#[derive(Debug, Clone)]
pub struct OtherDossier {
    pub id: i64,
    pub title: String,
    pub credit_code: String,
    pub for_submission: bool,
}

/// Which characters the exports can draw: the shipped fonts ([`crate::fonts::ShippedFonts`]),
/// or [`BasicGlyphCoverage`] where they cannot be read.
pub trait GlyphCoverage: Sync {
    fn covers(&self, c: char) -> bool;
    /// Pages each section takes when laid out, for the call's page budgets; `None` when the
    /// coverage cannot lay out (no fonts). The checks are handed these counts, never compute them.
    fn section_pages(
        &self,
        _d: &Dossier,
        _template: &crate::template::Template,
        _settings: &crate::template::CallSettings,
    ) -> Option<std::collections::BTreeMap<String, usize>> {
        None
    }
}

/// A conservative stand-in for the bundled CJK fonts' coverage: the BMP's scripts and symbols the
/// Noto CJK and Fandol families draw (★ included); not dingbats, emoji, private-use characters, or ideographs beyond
/// CJK Extension A.
pub struct BasicGlyphCoverage;

impl GlyphCoverage for BasicGlyphCoverage {
    fn covers(&self, c: char) -> bool {
        matches!(c,
            '\t' | '\n' | ' '..='~' | '\u{A0}'..='\u{24F}' | '\u{370}'..='\u{4FF}'
            | '\u{2000}'..='\u{2BFF}' | '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
            | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FFEF}')
            && !matches!(c, '\u{2700}'..='\u{27BF}')
    }
}

/// Everything a check run reads. The clock is injected, so results are reproducible.
pub struct CheckInput<'a> {
    pub registry: &'a Registry,
    pub dossier: &'a Dossier,
    /// Whether this dossier is marked for submission.
    pub for_submission: bool,
    /// The store's other dossiers (for one project per applicant).
    pub others: &'a [OtherDossier],
    pub acknowledgements: &'a [Acknowledgement],
    pub today: NaiveDate,
    pub glyphs: &'a dyn GlyphCoverage,
    /// Pages per section from the layout engine, when page budgets are set (see
    /// [`crate::template::CallSettings::section_page_limits`]).
    pub section_pages: Option<&'a std::collections::BTreeMap<String, usize>>,
}

/// Per-section 字数 against the limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SectionCount {
    pub key: String,
    pub title: String,
    pub chars: usize,
    pub min: Option<usize>,
    pub max: Option<usize>,
    /// Pages the section spans, when measured.
    #[serde(default)]
    pub pages: Option<usize>,
    /// How far along the section is, as the section tree and the CLI show it.
    pub status: SectionStatus,
    /// The status in Chinese (未填写, 填写中, 已完成, 有错误).
    pub status_label: String,
}

/// A body section's status: errors win, then 字数 and table rows. A part of the form whose
/// limit is a maximum counts as complete once it has a tenth of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SectionStatus {
    Empty,
    InProgress,
    Complete,
    Errors,
}

impl SectionStatus {
    pub fn label(self) -> &'static str {
        match self {
            SectionStatus::Empty => "未填写",
            SectionStatus::InProgress => "填写中",
            SectionStatus::Complete => "已完成",
            SectionStatus::Errors => "有错误",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Report {
    /// True when there is no error (warnings allowed).
    pub ok: bool,
    pub errors: usize,
    pub warnings: usize,
    /// Errors first, then warnings; each in dossier order.
    pub findings: Vec<Finding>,
    pub coverage: Vec<CoverageEntry>,
    pub counts: Vec<SectionCount>,
    pub total_chars: usize,
    /// What the checks do not and cannot verify, said plainly with every result.
    pub not_checked: Vec<String>,
    /// 附件2's conditions for the dossier's type, and which the 响应表 meets.
    pub elements: Vec<ElementStatus>,
}

/// One of 附件2's conditions against the dossier's 试点目标响应表.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ElementStatus {
    /// The 响应表 row (试点目标).
    pub row: String,
    pub label: String,
    /// What the call asks, in words (`不少于 20 个`).
    pub requirement: String,
    /// 附件2's line, verbatim.
    pub source: String,
    /// What the dossier states (`26个`), when it states it.
    pub found: Option<String>,
    pub met: bool,
    /// Where the answer goes (the row's 响应指标 cell).
    #[ts(type = "string")]
    pub anchor: crate::model::Anchor,
    /// Where the workspace shows it.
    pub destination: Destination,
}

/// What no check here can verify.
pub const NOT_CHECKED: [&str; 6] = [
    "内容是否真实、数据是否准确（只有申报单位能保证）",
    "签字、公章和日期是否真实有效（须在纸质版上核对）",
    "附件2要素条件只核对试点目标响应表中写成“指标名称：数值单位”的目标值，正文中的数字不核对",
    "附件扫描件的内容是否与标题相符",
    "配额、截止日期等以推荐单位通知为准的数字（未在设置中填写的不检查）",
    "专家评审关注的方案质量、创新性和可行性",
];

/// Runs every rule and builds the report.
pub fn run(input: &CheckInput<'_>) -> Report {
    let template = match input.registry.get(&input.dossier.template) {
        Ok(t) => t,
        Err(e) => {
            let finding = Finding {
                rule: RuleId::ProjectTemplate,
                severity: Severity::Error,
                place: Place::dossier(),
                message: e.to_string(),
                hint: "载入该模板文件后再检查".into(),
                acknowledged: None,
            };
            return finish(vec![finding], Vec::new(), Vec::new(), Vec::new());
        }
    };
    let mut ctx = Context {
        input,
        template,
        units: text_units(input.dossier, template),
        coverage: Vec::new(),
    };
    ctx.coverage = coverage::map(&ctx);
    let mut findings = Vec::new();
    for rule in rules::ALL {
        rule(&ctx, &mut findings);
    }
    let elements = rules::elements::evaluate(&ctx, &mut findings);
    for f in &mut findings {
        if f.severity == Severity::Warning {
            f.acknowledged = input
                .acknowledgements
                .iter()
                .find(|a| f.rule == a.rule.as_str() && f.place.anchor == a.anchor)
                .map(|a| a.reason.clone());
        }
    }
    let mut counts = section_counts(input, template);
    for c in &mut counts {
        c.status = section_status(c, input.dossier, template, &findings);
        c.status_label = c.status.label().to_string();
    }
    finish(findings, ctx.coverage, counts, elements)
}

fn finish(
    mut findings: Vec<Finding>,
    coverage: Vec<CoverageEntry>,
    counts: Vec<SectionCount>,
    elements: Vec<ElementStatus>,
) -> Report {
    // Stable: errors first, then warnings, each in the order the rules found them.
    findings.sort_by_key(|f| f.severity);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    Report {
        ok: errors == 0,
        errors,
        warnings: findings.len() - errors,
        findings,
        coverage,
        total_chars: counts.iter().map(|c| c.chars).sum(),
        counts,
        not_checked: NOT_CHECKED.iter().map(|s| s.to_string()).collect(),
        elements,
    }
}

fn section_status(
    c: &SectionCount,
    d: &Dossier,
    template: &Template,
    findings: &[Finding],
) -> SectionStatus {
    let Some(s) = template.section(&c.key) else {
        return SectionStatus::Empty;
    };
    let tables: Vec<&str> = s.tables.iter().map(|t| t.key.as_str()).collect();
    let errors = findings.iter().any(|f| {
        f.severity == Severity::Error
            && (f.place.section.as_deref() == Some(s.key.as_str())
                || f.place
                    .table
                    .as_deref()
                    .is_some_and(|t| tables.contains(&t)))
    });
    if errors {
        return SectionStatus::Errors;
    }
    let rows = |key: &str| d.tables.get(key).map_or(0, Vec::len);
    let all_rows: usize = tables.iter().map(|t| rows(t)).sum();
    if c.chars == 0 && all_rows == 0 {
        return SectionStatus::Empty;
    }
    let minimum = c.min.or(c.max.map(|m| m / 10)).unwrap_or(1);
    let enough_text = !s.body || c.chars >= minimum;
    let enough_rows = s.tables.iter().all(|t| rows(&t.key) >= t.min_rows);
    if enough_text && enough_rows {
        SectionStatus::Complete
    } else {
        SectionStatus::InProgress
    }
}

fn section_counts(input: &CheckInput<'_>, template: &Template) -> Vec<SectionCount> {
    template
        .sections
        .iter()
        .map(|s| {
            let chars = input.dossier.section(&s.key).map_or(0, |sec| {
                sec.blocks
                    .iter()
                    .flat_map(|b| b.texts())
                    .map(wordcount::count)
                    .sum()
            });
            let setting = input.registry.settings.section_limits.get(&s.key).copied();
            SectionCount {
                key: s.key.clone(),
                title: s.title.clone(),
                chars,
                pages: input.section_pages.and_then(|p| p.get(&s.key).copied()),
                min: s.min_chars,
                max: match (s.max_chars, setting) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                },
                status: SectionStatus::Empty,
                status_label: String::new(),
            }
        })
        .collect()
}

/// What a rule sees: the input, the dossier's template, and every piece of text with its place.
pub struct Context<'a> {
    pub input: &'a CheckInput<'a>,
    pub template: &'a Template,
    pub units: Vec<TextUnit<'a>>,
    /// The coverage map, computed once before the rules run.
    pub coverage: Vec<CoverageEntry>,
}

impl Context<'_> {
    pub fn dossier(&self) -> &Dossier {
        self.input.dossier
    }

    /// The template table with `role` and the dossier's rows of it (none when unfilled).
    pub fn table_by_role(
        &self,
        role: crate::template::TableRole,
    ) -> Option<(&crate::template::TableDef, &[crate::model::TableRow])> {
        let def = self.template.table_by_role(role)?;
        let rows = self
            .dossier()
            .tables
            .get(&def.key)
            .map_or(&[][..], Vec::as_slice);
        Some((def, rows))
    }
}

/// Shorthand for rules: push a finding.
pub(crate) fn push(
    out: &mut Vec<Finding>,
    rule: RuleId,
    severity: Severity,
    place: Place,
    message: impl Into<String>,
    hint: impl Into<String>,
) {
    out.push(Finding {
        rule,
        severity,
        place,
        message: message.into(),
        hint: hint.into(),
        acknowledged: None,
    });
}
