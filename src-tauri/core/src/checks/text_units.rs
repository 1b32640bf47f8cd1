//! Every piece of text in a dossier with its place, in reading order, so that text rules
//! (secrecy, privacy, characters, coverage) scan one list.

use super::Place;
use crate::model::Dossier;
use crate::template::Template;

#[derive(Debug, Clone)]
pub struct TextUnit<'a> {
    pub place: Place,
    pub text: &'a str,
    pub kind: UnitKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// Front-matter fields outside the contact block.
    Field,
    /// The contact block (name, title, mobile, e-mail): personal data belongs here.
    Contact,
    Commitment,
    /// A block of a body section.
    Body,
    /// A cell of a structured table.
    Cell,
    AttachmentTitle,
}

pub fn text_units<'a>(d: &'a Dossier, template: &Template) -> Vec<TextUnit<'a>> {
    let mut units = Vec::new();
    let fm = &d.front_matter;
    let fields: [(&str, &str, UnitKind); 13] = [
        ("title", &d.title, UnitKind::Field),
        ("applicant.name", &fm.applicant.name, UnitKind::Field),
        (
            "applicant.registered_address",
            &fm.applicant.registered_address,
            UnitKind::Field,
        ),
        (
            "applicant.legal_representative",
            &fm.applicant.legal_representative,
            UnitKind::Field,
        ),
        ("recommending_unit", &fm.recommending_unit, UnitKind::Field),
        ("contact.name", &fm.contact.name, UnitKind::Contact),
        ("contact.title", &fm.contact.title, UnitKind::Contact),
        ("contact.mobile", &fm.contact.mobile, UnitKind::Contact),
        ("contact.email", &fm.contact.email, UnitKind::Contact),
        (
            "recommendation.review",
            &fm.recommendation.review,
            UnitKind::Field,
        ),
        (
            "recommendation.opinion",
            &fm.recommendation.opinion,
            UnitKind::Field,
        ),
        (
            "recommendation.joint_recommender",
            &fm.recommendation.joint_recommender,
            UnitKind::Field,
        ),
        (
            "recommendation.city_consent_reference",
            &fm.recommendation.city_consent_reference,
            UnitKind::Field,
        ),
    ];
    for (path, text, kind) in fields {
        if !text.is_empty() {
            units.push(TextUnit {
                place: Place::field(template, path),
                text,
                kind,
            });
        }
    }
    for (i, clause) in fm.commitment.clauses.iter().enumerate() {
        units.push(TextUnit {
            place: Place::commitment_clause(i),
            text: clause,
            kind: UnitKind::Commitment,
        });
    }
    for s in template.sections.iter() {
        let Some(section) = d.section(&s.key) else {
            continue;
        };
        for (bi, block) in section.blocks.iter().enumerate() {
            for text in block.texts() {
                if !text.is_empty() {
                    units.push(TextUnit {
                        place: Place::block(template, &s.key, bi),
                        text,
                        kind: UnitKind::Body,
                    });
                }
            }
        }
        for t in &s.tables {
            for (ri, row) in d.tables.get(&t.key).into_iter().flatten().enumerate() {
                for (col, cell) in row {
                    if !cell.is_empty() {
                        units.push(TextUnit {
                            place: Place::table(template, &t.key, Some(ri), Some(col)),
                            text: cell,
                            kind: UnitKind::Cell,
                        });
                    }
                }
            }
        }
    }
    for a in &d.attachments {
        units.push(TextUnit {
            place: Place::attachment(a.kind.key(), &a.title),
            text: &a.title,
            kind: UnitKind::AttachmentTitle,
        });
    }
    units
}
