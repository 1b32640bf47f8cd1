//! Every piece of text in a dossier with its place, in reading order, so that text rules
//! (secrecy, privacy, characters, coverage) scan one list.

use super::Place;
use crate::model::Dossier;
use crate::template::Template;
use std::borrow::Cow;

#[derive(Debug, Clone)]
pub struct TextUnit<'a> {
    pub place: Place,
    pub text: Cow<'a, str>,
    pub kind: UnitKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// Front-matter fields outside the contact block.
    Field,
    /// The contact rows (name, title, mobile, fax, e-mail, an authority's 联系人及联系方式):
    /// personal data belongs here.
    Contact,
    /// A block of a body section.
    Body,
    /// A cell of a structured table.
    Cell,
    AttachmentTitle,
}

pub fn text_units<'a>(d: &'a Dossier, template: &Template) -> Vec<TextUnit<'a>> {
    let mut units = Vec::new();
    for path in crate::model::FIELD_PATHS {
        let kind = if path.starts_with("contact.") || path.ends_with(".contact") {
            UnitKind::Contact
        } else {
            UnitKind::Field
        };
        match d.field(path) {
            Some(text) if !text.is_empty() && *path != "pilot_type" => units.push(TextUnit {
                place: Place::field(template, path),
                text: Cow::Owned(text),
                kind,
            }),
            _ => {}
        }
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
                        text: Cow::Borrowed(text),
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
                            text: Cow::Borrowed(cell),
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
            text: Cow::Borrowed(&a.title),
            kind: UnitKind::AttachmentTitle,
        });
    }
    units
}
