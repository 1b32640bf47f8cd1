//! The one document model. Every output (Word, PDF, checks, preview, interchange) reads it.
//!
//! A [`Dossier`] is what the user writes; [`DossierRecord`] adds what the store keeps about it
//! (id, timestamps). Structured front matter is typed because checks and the cover read it;
//! section content is a list of [`Block`]s; structured tables are rows keyed by column.

mod anchor;
mod blocks;
mod fields;
mod front_matter;
pub mod legacy;

pub use anchor::Anchor;
pub use blocks::{Block, ListKind};
pub use fields::{FIELD_PATHS, check_blocks, check_text, month_of};
pub use front_matter::{
    Applicant, Authority, Commitment, Contact, Direction, FrontMatter, Funding, Incident,
    PilotPeriod, Recommendation, YearFigures,
};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The three pilot types of the call.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum PilotType {
    Enterprise,
    Industry,
    City,
}

impl PilotType {
    pub const ALL: [PilotType; 3] = [PilotType::Enterprise, PilotType::Industry, PilotType::City];

    /// The stable identifier used in files and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            PilotType::Enterprise => "enterprise",
            PilotType::Industry => "industry",
            PilotType::City => "city",
        }
    }

    /// The Chinese name, as printed on the cover: 企业 / 行业 / 城市.
    pub fn label(self) -> &'static str {
        match self {
            PilotType::Enterprise => "企业",
            PilotType::Industry => "行业",
            PilotType::City => "城市",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        PilotType::ALL
            .into_iter()
            .find(|t| t.key() == key || t.label() == key)
    }
}

/// Which template (and version) a dossier was written against.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct TemplateRef {
    pub id: String,
    pub version: String,
}

/// A whole dossier's content: everything the user writes, nothing the store manages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Dossier {
    pub template: TemplateRef,
    pub pilot_type: PilotType,
    /// 试点名称: the project title.
    pub title: String,
    /// 申报日期, when set.
    #[serde(default)]
    pub application_date: Option<NaiveDate>,
    #[serde(default)]
    pub front_matter: FrontMatter,
    /// Body sections in template order; a section without content may be absent.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Structured tables declared by the template, by table key.
    #[serde(default)]
    pub tables: BTreeMap<String, Vec<TableRow>>,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// Files referenced by attachments and image blocks, content-addressed.
    #[serde(default)]
    pub media: Vec<Media>,
    /// Warnings of the checks that a person acknowledged, with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledgements: Vec<Acknowledgement>,
    /// Content with no place in the template (from a migration or an import), kept so that
    /// nothing is lost and the user can move it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unplaced: Vec<Unplaced>,
    /// In a writer's copy handed out from a dossier: whose it is, which parts they write (the
    /// rest is read-only here), and the version it was cut from (see [`crate::merge`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignment: Option<Assignment>,
}

/// A writer's share of a dossier, carried by the copy handed out to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// The writer's name, as the one who handed the copy out typed it.
    pub writer: String,
    /// The part and section keys the writer writes (`technical`, `plan`, `basic_info`, …).
    pub parts: Vec<String>,
    /// The dossier it was cut from, in the store it was cut in.
    pub dossier: i64,
    /// The snapshot taken when it was cut (the merge's common ancestor), and the SHA-256 of that
    /// snapshot's interchange form, so a copy is only ever merged into the dossier it came from.
    pub snapshot: i64,
    pub base_sha256: String,
}

/// A piece of content without a place in the dossier's template, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Unplaced {
    /// Where it came from, in Chinese (e.g. `旧版模板 2025.1 › 封面 › 成立日期`).
    pub source: String,
    pub blocks: Vec<Block>,
}

/// A warning a person has looked at and accepted, kept with the dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    /// The finding's rule id.
    pub rule: String,
    /// The finding's place anchor (`section:goals/block:3`, …).
    pub anchor: String,
    pub reason: String,
}

/// One body section's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The template's section key (e.g. `goals`).
    pub key: String,
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// One row of a structured table: cell text by column key. Cells are kept as the user typed
/// them; the column's type (date, number, credit code…) is checked, not coerced.
pub type TableRow = BTreeMap<String, String>;

/// Attachment kinds: the evidence groups of the form's 十、试点相关证明材料, and the kinds of
/// the earlier templates (kept so that their dossiers still read); `Other` for the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum AttachmentKind {
    /// 营业执照或法人证书
    BusinessLicence,
    /// 近3年财务状况证明材料
    FinancialStatements,
    /// （二）申报单位技术基础材料
    TechnicalEvidence,
    /// （三）申报单位应用情况材料
    ApplicationEvidence,
    /// （四）申报单位运营情况材料
    OperationEvidence,
    /// 信用证明
    CreditEvidence,
    /// 城市人民政府同意文件
    CityConsent,
    /// 国家行业主管部门联合推荐
    JointRecommendation,
    /// 合作协议
    PartnerAgreement,
    /// 龙头骨干企业证明材料
    LeadingEnterpriseEvidence,
    Other,
}

impl AttachmentKind {
    pub const ALL: [AttachmentKind; 11] = [
        AttachmentKind::BusinessLicence,
        AttachmentKind::FinancialStatements,
        AttachmentKind::TechnicalEvidence,
        AttachmentKind::ApplicationEvidence,
        AttachmentKind::OperationEvidence,
        AttachmentKind::CreditEvidence,
        AttachmentKind::CityConsent,
        AttachmentKind::JointRecommendation,
        AttachmentKind::PartnerAgreement,
        AttachmentKind::LeadingEnterpriseEvidence,
        AttachmentKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AttachmentKind::BusinessLicence => "营业执照或法人证书",
            AttachmentKind::FinancialStatements => "近3年财务状况证明材料",
            AttachmentKind::TechnicalEvidence => "申报单位技术基础材料",
            AttachmentKind::ApplicationEvidence => "申报单位应用情况材料",
            AttachmentKind::OperationEvidence => "申报单位运营情况材料",
            AttachmentKind::CreditEvidence => "信用证明材料",
            AttachmentKind::CityConsent => "城市人民政府同意文件",
            AttachmentKind::JointRecommendation => "国家行业主管部门联合推荐文件",
            AttachmentKind::PartnerAgreement => "合作协议",
            AttachmentKind::LeadingEnterpriseEvidence => "龙头骨干企业证明材料",
            AttachmentKind::Other => "其他材料",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            AttachmentKind::BusinessLicence => "business_licence",
            AttachmentKind::FinancialStatements => "financial_statements",
            AttachmentKind::TechnicalEvidence => "technical_evidence",
            AttachmentKind::ApplicationEvidence => "application_evidence",
            AttachmentKind::OperationEvidence => "operation_evidence",
            AttachmentKind::CreditEvidence => "credit_evidence",
            AttachmentKind::CityConsent => "city_consent",
            AttachmentKind::JointRecommendation => "joint_recommendation",
            AttachmentKind::PartnerAgreement => "partner_agreement",
            AttachmentKind::LeadingEnterpriseEvidence => "leading_enterprise_evidence",
            AttachmentKind::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        AttachmentKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// An attachment placed as an appendix page (附件N).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    pub title: String,
    pub kind: AttachmentKind,
    /// The [`Media`] id of the file.
    pub media: String,
}

/// A file kept in the dossier (a scan, a figure). Its id is derived from its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Media {
    pub id: String,
    pub file_name: String,
    /// `image/png`, `image/jpeg` or `application/pdf`.
    pub media_type: String,
    #[serde(with = "base64_bytes")]
    #[ts(type = "string")]
    pub data: Vec<u8>,
}

impl Media {
    pub const MEDIA_TYPES: [&'static str; 3] = ["image/png", "image/jpeg", "application/pdf"];

    /// Builds a media entry, deriving its id from the content (first 16 hex digits of SHA-256).
    pub fn new(file_name: impl Into<String>, media_type: impl Into<String>, data: Vec<u8>) -> Self {
        Media {
            id: Self::id_for(&data),
            file_name: file_name.into(),
            media_type: media_type.into(),
            data,
        }
    }

    pub fn id_for(data: &[u8]) -> String {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(data);
        digest[..8].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Guesses the media type from the file's first bytes; `None` for formats we do not take.
    pub fn sniff(data: &[u8]) -> Option<&'static str> {
        if data.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some("image/png")
        } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some("image/jpeg")
        } else if data.starts_with(b"%PDF-") {
            Some("application/pdf")
        } else {
            None
        }
    }
}

impl Dossier {
    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// Sets a section's blocks (adding the section when it has none yet).
    pub fn set_section(&mut self, key: &str, blocks: Vec<Block>) {
        match self.sections.iter_mut().find(|s| s.key == key) {
            Some(s) => s.blocks = blocks,
            None => self.sections.push(Section {
                key: key.to_string(),
                blocks,
            }),
        }
    }

    pub fn media(&self, id: &str) -> Option<&Media> {
        self.media.iter().find(|m| m.id == id)
    }
}

/// A dossier as the store holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct DossierRecord {
    pub id: i64,
    pub created_at: String,
    pub updated_at: String,
    pub archived: bool,
    pub dossier: Dossier,
}

/// One line of the dossier list: what a consultant needs to find a client's dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct DossierSummary {
    pub id: i64,
    pub title: String,
    pub pilot_type: PilotType,
    pub applicant: String,
    pub credit_code: String,
    pub template: TemplateRef,
    pub created_at: String,
    pub updated_at: String,
    pub archived: bool,
    /// Marked for submission (one project per applicant is checked among these).
    pub for_submission: bool,
}

mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(data: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(data))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        STANDARD
            .decode(text.as_bytes())
            .map_err(|_| serde::de::Error::custom("附件内容不是有效的 Base64 编码"))
    }
}
