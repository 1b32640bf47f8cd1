//! The mailing sheet: one printable A4 page to go with the package — the recipient and address
//! from the call's settings, the text the envelope must carry, the sender, and the contents
//! (three paper copies and one electronic copy of each dossier, the summary table). Drawn with
//! printpdf in the shipped fonts, like the dossier.

use super::pdf::{add_font, glyphs};
use crate::Result;
use crate::fonts::{Face, ShippedFonts};
use crate::summary::Summary;
use crate::template::CallSettings;
use printpdf::*;

const MM: f32 = 72.0 / 25.4;

/// Builds the mailing sheet for the projects of `summary`.
pub fn build(summary: &Summary, settings: &CallSettings, fonts: &ShippedFonts) -> Result<Vec<u8>> {
    for r in &summary.rows {
        crate::text::check("试点名称", &r.title)?;
        crate::text::check("申报单位", &r.applicant)?;
    }
    let call = &settings.call;
    let mail = &settings.mailing;
    let mut doc = PdfDocument::new("申报材料邮寄单");
    doc.metadata.info.creator = "申报书工作台".into();
    doc.metadata.info.producer = "申报书工作台".into();
    let mut ids = std::collections::HashMap::new();
    for face in [Face::Hei, Face::Fang, Face::Title] {
        ids.insert(face, add_font(&mut doc, fonts, face)?);
    }
    let mut ops = Vec::new();
    let mut y = 30.0f32;
    let line = |ops: &mut Vec<Op>, face: Face, size: f32, x_mm: f32, y_mm: f32, text: &str| {
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(ids[&face].clone()),
            size: Pt(size),
        });
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x_mm * MM), Pt((297.0 - y_mm) * MM)),
        });
        ops.push(Op::ShowText {
            items: vec![glyphs(fonts, face, text)],
        });
        ops.push(Op::EndTextSection);
    };
    line(&mut ops, Face::Title, 22.0, 70.0, y, "申报材料邮寄单");
    y += 16.0;
    let field = |ops: &mut Vec<Op>, y: &mut f32, label: &str, value: &str| {
        line(ops, Face::Hei, 14.0, 25.0, *y, label);
        line(ops, Face::Fang, 14.0, 58.0, *y, value);
        *y += 9.0;
    };
    field(&mut ops, &mut y, "收件单位：", &mail.recipient);
    for (i, a) in mail.address_lines.iter().enumerate() {
        field(&mut ops, &mut y, if i == 0 { "收件地址：" } else { "" }, a);
    }
    if !mail.phones.is_empty() {
        field(&mut ops, &mut y, "联系电话：", &mail.phones.join("、"));
    }
    y += 4.0;
    field(
        &mut ops,
        &mut y,
        "信封标注：",
        &format!("“{}”", call.envelope_text),
    );
    y += 4.0;
    field(&mut ops, &mut y, "寄件单位：", &summary.unit);
    field(
        &mut ops,
        &mut y,
        "寄件人：",
        "______________　电话：______________",
    );
    y += 6.0;
    line(&mut ops, Face::Hei, 14.0, 25.0, y, "材料清单：");
    y += 9.0;
    let n = summary.rows.len();
    let copies = call.paper_copies;
    let items = [
        format!(
            "1．申报书纸质版，每个项目一式{}份，共 {} 份（双面打印，加盖公章）",
            crate::numbering::chinese_numeral(copies as usize),
            n * copies as usize
        ),
        format!(
            "2．申报书电子版，每个项目 {} 份（PDF，与纸质版一致）",
            call.electronic_copies
        ),
        "3．推荐项目汇总表 1 份（加盖推荐单位公章）".to_string(),
    ];
    for item in &items {
        line(&mut ops, Face::Fang, 14.0, 30.0, y, item);
        y += 9.0;
    }
    y += 4.0;
    line(
        &mut ops,
        Face::Hei,
        14.0,
        25.0,
        y,
        "所附项目（按推荐意向序号）：",
    );
    y += 9.0;
    for r in &summary.rows {
        if y > 270.0 {
            line(
                &mut ops,
                Face::Fang,
                12.0,
                30.0,
                y,
                "（其余项目见推荐项目汇总表）",
            );
            break;
        }
        let order = r.order.map_or("—".to_string(), |o| o.to_string());
        let text: String = format!("{order}．{}（{}）", r.title, r.applicant)
            .chars()
            .take(36)
            .collect();
        line(&mut ops, Face::Fang, 12.0, 30.0, y, &text);
        y += 7.5;
    }
    doc.with_pages(vec![PdfPage::new(Mm(210.0), Mm(297.0), ops)]);
    let save = PdfSaveOptions {
        subset_fonts: true,
        ..Default::default()
    };
    Ok(doc.save(&save, &mut Vec::new()))
}
