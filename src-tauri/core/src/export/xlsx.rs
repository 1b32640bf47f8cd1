//! The summary table as a spreadsheet (rust_xlsxwriter), for units that collect the tables of
//! several recommending units: the same columns as the Word table, one row per project.

use crate::summary::Summary;
use crate::{CoreError, Result};
use rust_xlsxwriter::{Format, FormatBorder, Workbook};

pub fn summary(s: &Summary, title: &str) -> Result<Vec<u8>> {
    let fail =
        |e: rust_xlsxwriter::XlsxError| CoreError::Internal(format!("生成电子表格出错：{e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("推荐项目汇总表").map_err(fail)?;
    let bold = Format::new().set_bold().set_border(FormatBorder::Thin);
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    sheet.write_string(0, 0, title).map_err(fail)?;
    sheet
        .write_string(1, 0, format!("推荐单位：{}", s.unit))
        .map_err(fail)?;
    let header = [
        ("推荐意向序号", 12.0),
        ("试点名称", 40.0),
        ("试点类型", 10.0),
        ("申报单位", 32.0),
        ("统一社会信用代码", 22.0),
        ("联系人", 10.0),
        ("联系电话", 16.0),
    ];
    for (c, (h, width)) in header.iter().enumerate() {
        sheet
            .write_string_with_format(3, c as u16, *h, &bold)
            .map_err(fail)?;
        sheet.set_column_width(c as u16, *width).map_err(fail)?;
    }
    for (i, r) in s.rows.iter().enumerate() {
        let row = 4 + i as u32;
        match r.order {
            Some(o) => sheet.write_number_with_format(row, 0, o, &cell),
            None => sheet.write_string_with_format(row, 0, "", &cell),
        }
        .map_err(fail)?;
        let texts = [
            r.title.as_str(),
            r.pilot_type.label(),
            r.applicant.as_str(),
            r.credit_code.as_str(),
            r.contact.as_str(),
            r.mobile.as_str(),
        ];
        for (c, t) in texts.iter().enumerate() {
            sheet
                .write_string_with_format(row, 1 + c as u16, *t, &cell)
                .map_err(fail)?;
        }
    }
    book.save_to_buffer().map_err(fail)
}
