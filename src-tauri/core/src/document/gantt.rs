//! The milestone Gantt chart, drawn from the milestone table: one bar per phase on a month grid
//! spanning the pilot period, phases numbered as in the table, half-years marked with their first
//! month (`2025.9`). Digits only, so it needs no font; the caption says what the numbers mean.

use crate::model::TableRow;
use crate::raster::Canvas;
use crate::template::{CallSettings, TableDef};
use chrono::{Datelike, Months, NaiveDate};

const LEFT: u32 = 90;
const TOP: u32 = 70;
const ROW: u32 = 40;
const WIDTH: u32 = 1600;

/// Draws the chart; phases without valid dates keep their number with no bar.
pub fn chart(
    phases: &[Option<(NaiveDate, NaiveDate)>],
    start: NaiveDate,
    end: NaiveDate,
) -> Vec<u8> {
    let height = TOP + ROW * phases.len().max(1) as u32 + 30;
    let mut c = Canvas::new(WIDTH, height, [255, 255, 255]);
    let span = (end - start).num_days().max(1) as f64;
    let plot = (WIDTH - LEFT - 30) as f64;
    let x_of = |d: NaiveDate| {
        LEFT + (((d - start).num_days().clamp(0, span as i64) as f64 / span) * plot) as u32
    };

    // Month grid, half-years stronger and labelled.
    let mut m = 0;
    while let Some(month) = start.checked_add_months(Months::new(m)) {
        if month > end {
            break;
        }
        let x = x_of(month);
        let half = m % 6 == 0;
        c.rect(
            x,
            TOP - 10,
            if half { 3 } else { 1 },
            height - TOP - 20,
            if half {
                [150, 150, 150]
            } else {
                [225, 225, 225]
            },
        );
        if half {
            let label = format!("{}.{}", month.year(), month.month());
            c.digits(x + 6, 20, &label, 4, [60, 60, 60]);
        }
        m += 1;
    }
    c.rect(LEFT, height - 30, WIDTH - LEFT - 30, 2, [120, 120, 120]);

    for (i, phase) in phases.iter().enumerate() {
        let y = TOP + i as u32 * ROW;
        let label = (i + 1).to_string();
        c.digits(
            LEFT - 16 - Canvas::digits_width(&label, 4),
            y + 6,
            &label,
            4,
            [40, 40, 40],
        );
        if let Some((from, to)) = phase {
            let (x0, x1) = (x_of(*from), x_of(*to).max(x_of(*from) + 4));
            c.rect(x0, y + 6, x1 - x0, ROW - 14, [31, 58, 95]);
        }
    }
    c.png()
}

/// The chart of a milestone table (its first two date columns), over the call's pilot period.
pub fn for_table(def: &TableDef, rows: &[TableRow], settings: &CallSettings) -> Vec<u8> {
    let dates = def.date_columns();
    let parse = |r: &TableRow, k: &str| {
        r.get(k)
            .and_then(|v| NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok())
    };
    let phases: Vec<_> = rows
        .iter()
        .map(|r| match (parse(r, dates[0]), parse(r, dates[1])) {
            (Some(a), Some(b)) if b >= a => Some((a, b)),
            _ => None,
        })
        .collect();
    chart(&phases, settings.call.pilot_start, settings.pilot_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The bars as drawn: for each phase's row, the first and last column of the bar's colour
    /// along the row's middle, read back from the PNG's pixels.
    fn bars(png: &[u8], rows: usize) -> Vec<Option<(u32, u32)>> {
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut pixels).unwrap();
        assert_eq!(info.color_type, png::ColorType::Rgb);
        (0..rows)
            .map(|i| {
                let y = (TOP + i as u32 * ROW + ROW / 2) as usize;
                let row = &pixels[y * info.line_size..(y + 1) * info.line_size];
                let bar: Vec<u32> = (0..info.width)
                    .filter(|x| row[*x as usize * 3..*x as usize * 3 + 3] == [31, 58, 95])
                    .collect();
                Some((*bar.first()?, *bar.last()?))
            })
            .collect()
    }

    #[test]
    fn draws_each_phase_as_a_bar_over_its_months_in_order() {
        let (start, end) = (d(2025, 9, 1), d(2027, 8, 31));
        let phases = [
            Some((d(2025, 9, 1), d(2026, 2, 28))),
            None,
            Some((d(2026, 9, 1), d(2027, 8, 31))),
            Some((d(2026, 3, 1), d(2026, 5, 31))),
        ];
        let png = chart(&phases, start, end);
        assert_eq!(
            crate::images::dimensions(&png),
            Some((WIDTH, TOP + 4 * ROW + 30))
        );
        // Where a date falls on the plot, worked out here from the chart's geometry.
        let span = (end - start).num_days() as f64;
        let x = |day: NaiveDate| {
            LEFT as f64 + (day - start).num_days() as f64 / span * (WIDTH - LEFT - 30) as f64
        };
        let drawn = bars(&png, phases.len());
        for (i, (phase, bar)) in phases.iter().zip(&drawn).enumerate() {
            match (phase, bar) {
                (None, None) => {}
                (Some((from, to)), Some((x0, x1))) => {
                    assert!(
                        (*x0 as f64 - x(*from)).abs() <= 1.5 && (*x1 as f64 - x(*to)).abs() <= 1.5,
                        "phase {}: bar {x0}..{x1}, dates at {:.0}..{:.0}",
                        i + 1,
                        x(*from),
                        x(*to)
                    );
                }
                _ => panic!("phase {}: {phase:?} drawn as {bar:?}", i + 1),
            }
        }
        // Phases stay in the table's order, row by row: the fourth starts before the third.
        let (third, fourth) = (drawn[2].unwrap(), drawn[3].unwrap());
        assert!(fourth.0 < third.0);
    }
}
