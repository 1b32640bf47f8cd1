//! The package's printed sheets, one A4 page each, drawn with printpdf in the shipped fonts like
//! the dossier: the mailing sheet (the recipient and address from the call's settings, the text
//! the envelope must carry, the sender, and the contents: three paper copies and one electronic
//! copy of each dossier, the summary table) and the checklist of what paper cannot check.

use super::pdf::{add_font, glyphs};
use crate::Result;
use crate::fonts::{Face, ShippedFonts};
use crate::summary::Summary;
use crate::template::CallSettings;
use printpdf::*;

const MM: f32 = 72.0 / 25.4;

/// One page being drawn: text lines at millimetre positions from the top.
struct Sheet<'f> {
    fonts: &'f ShippedFonts,
    ids: std::collections::HashMap<Face, FontId>,
    ops: Vec<Op>,
    y: f32,
}

impl Sheet<'_> {
    fn line(&mut self, face: Face, size: f32, x_mm: f32, text: &str) {
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFont {
            font: PdfFontHandle::External(self.ids[&face].clone()),
            size: Pt(size),
        });
        self.ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x_mm * MM), Pt((297.0 - self.y) * MM)),
        });
        self.ops.push(Op::ShowText {
            items: vec![glyphs(self.fonts, face, text)],
        });
        self.ops.push(Op::EndTextSection);
    }

    fn field(&mut self, label: &str, value: &str) {
        self.line(Face::Hei, 14.0, 25.0, label);
        self.line(Face::Fang, 14.0, 58.0, value);
        self.y += 9.0;
    }

    /// Text wrapped at `chars` characters a line, from `x_mm`.
    fn wrapped(&mut self, face: Face, size: f32, x_mm: f32, chars: usize, text: &str) {
        let all: Vec<char> = text.chars().collect();
        for chunk in all.chunks(chars.max(1)) {
            let part: String = chunk.iter().collect();
            self.line(face, size, x_mm, &part);
            self.y += size * 0.55;
        }
    }
}

/// Draws one A4 page titled `title` with `draw`, and saves it.
fn sheet(title: &str, fonts: &ShippedFonts, draw: impl FnOnce(&mut Sheet)) -> Result<Vec<u8>> {
    let mut doc = PdfDocument::new(title);
    doc.metadata.info.creator = "申报书工作台".into();
    doc.metadata.info.producer = "申报书工作台".into();
    let mut ids = std::collections::HashMap::new();
    for face in [Face::Hei, Face::Fang, Face::Title] {
        ids.insert(face, add_font(&mut doc, fonts, face)?);
    }
    let mut page = Sheet {
        fonts,
        ids,
        ops: Vec::new(),
        y: 30.0,
    };
    let x = 105.0 - title.chars().count() as f32 * 22.0 / MM / 2.0;
    page.line(Face::Title, 22.0, x, title);
    page.y += 16.0;
    draw(&mut page);
    doc.with_pages(vec![PdfPage::new(Mm(210.0), Mm(297.0), page.ops)]);
    let save = PdfSaveOptions {
        subset_fonts: true,
        ..Default::default()
    };
    Ok(doc.save(&save, &mut Vec::new()))
}

/// Builds the mailing sheet for the projects of `summary`.
pub fn build(summary: &Summary, settings: &CallSettings, fonts: &ShippedFonts) -> Result<Vec<u8>> {
    for r in &summary.rows {
        crate::text::check("试点名称", &r.title)?;
        crate::text::check("申报单位", &r.applicant)?;
    }
    let call = &settings.call;
    let mail = &settings.mailing;
    sheet("申报材料邮寄单", fonts, |p| {
        p.field("收件单位：", &mail.recipient);
        for (i, a) in mail.address_lines.iter().enumerate() {
            p.field(if i == 0 { "收件地址：" } else { "" }, a);
        }
        if !mail.phones.is_empty() {
            p.field("联系电话：", &mail.phones.join("、"));
        }
        p.y += 4.0;
        p.field("信封标注：", &format!("“{}”", call.envelope_text));
        p.y += 4.0;
        p.field("寄件单位：", &summary.unit);
        p.field("寄件人：", "______________　电话：______________");
        p.y += 6.0;
        p.line(Face::Hei, 14.0, 25.0, "材料清单：");
        p.y += 9.0;
        let n = summary.rows.len();
        let copies = call.paper_copies;
        let items = [
            format!(
                "1．申报书纸质版，每个项目一式{}份，共 {} 份（双面打印，加盖公章）",
                crate::numbering::chinese_numeral(copies as usize),
                n * copies as usize
            ),
            format!(
                "2．申报书电子版，每个项目 {} 份（PDF，与纸质版一致，刻录在光盘上）",
                call.electronic_copies
            ),
            "3．推荐项目汇总表 1 份（加盖推荐单位公章）".to_string(),
        ];
        for item in &items {
            p.line(Face::Fang, 14.0, 30.0, item);
            p.y += 9.0;
        }
        p.y += 4.0;
        p.line(Face::Hei, 14.0, 25.0, "所附项目（按推荐意向序号）：");
        p.y += 9.0;
        for r in &summary.rows {
            if p.y > 270.0 {
                p.line(Face::Fang, 12.0, 30.0, "（其余项目见推荐项目汇总表）");
                break;
            }
            let order = r.order.map_or("—".to_string(), |o| o.to_string());
            let text: String = format!("{order}．{}（{}）", r.title, r.applicant)
                .chars()
                .take(36)
                .collect();
            p.line(Face::Fang, 12.0, 30.0, &text);
            p.y += 7.5;
        }
    })
}

/// What the paper package needs that no check here can see: one page to tick off by hand.
pub const PAPER_CHECKS: [&str; 8] = [
    "每份申报书要求盖章处均加盖公章原件（复印无效）",
    "每份纸质申报书加盖骑缝章",
    "纸质材料一式三份，与电子版内容一致（可核对每页的校验码，如导出时选择了校验码）",
    "电子版刻录在光盘上，随纸质材料一同报送（本材料包中的光盘映像可直接刻录）",
    "推荐项目汇总表加盖推荐单位公章",
    "城市方向有所在城市人民政府盖章的意见；行业方向有联合推荐的，有国家行业主管部门盖章",
    "封面、基本情况表和汇总表中的单位名称、试点名称一致",
    "信封标注文字正确，在截止日期前寄出（EMS）",
];

/// The checklist page of the package: the paper checks, the envelope text and the deadline.
pub fn checklist(
    summary: &Summary,
    settings: &CallSettings,
    fonts: &ShippedFonts,
) -> Result<Vec<u8>> {
    let call = &settings.call;
    sheet("报送核对清单", fonts, |p| {
        p.field("推荐单位：", &summary.unit);
        p.field("项目数量：", &format!("{} 个", summary.rows.len()));
        p.field(
            "截止日期：",
            &call.deadline.map_or("以推荐单位通知为准".to_string(), |d| {
                crate::numbering::chinese_date(Some(d))
            }),
        );
        p.field("信封标注：", &format!("“{}”", call.envelope_text));
        p.y += 4.0;
        p.line(
            Face::Hei,
            14.0,
            25.0,
            "以下各项纸质材料无法由本程序核对，请逐项确认：",
        );
        p.y += 10.0;
        for item in PAPER_CHECKS {
            p.line(Face::Fang, 14.0, 25.0, "□");
            p.wrapped(Face::Fang, 14.0, 32.0, 30, item);
            p.y += 4.0;
        }
    })
}
