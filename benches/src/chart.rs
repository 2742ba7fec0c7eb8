//! An SVG chart of a run: cycles/byte (or ns/byte) against message size, both axes
//! logarithmic, one line per algorithm, operation and implementation.
//!
//! Colour identifies the algorithm and operation; Mamori's lines are solid with filled
//! dots, peers' are dashed with hollow triangles. Drawn with `plotters`' SVG backend and no
//! font machinery: text is emitted as SVG `<text>` and laid out by the viewer.

use crate::results::{BenchReport, Row};
use crate::sizes::format_size;
use core::fmt;
use plotters::prelude::*;
use std::collections::BTreeMap;

/// Chart size in pixels.
const SIZE: (u32, u32) = (1000, 640);
/// Line colours (Tableau 10).
const COLOURS: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// The chart could not be drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartError(String);

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot draw chart: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

fn err<E: fmt::Debug>(e: E) -> ChartError {
    ChartError(format!("{e:?}"))
}

type SeriesKey<'a> = (&'a str, &'static str, bool, &'a str);

/// Renders `report` as an SVG document.
///
/// # Errors
/// [`ChartError`] if plotters fails to draw (it does not for well-formed reports; kept so
/// callers never panic).
pub fn render_svg(report: &BenchReport) -> Result<String, ChartError> {
    // (alg, op, !mamori, impl) -> [(size, per byte)]; Mamori sorts first in each group.
    let mut series: BTreeMap<SeriesKey<'_>, Vec<(f64, f64)>> = BTreeMap::new();
    for r in &report.rows {
        if let (Some(size), Some(y)) = (r.size, Row::per_byte(r)) {
            series
                .entry((&r.alg, r.op.name(), !r.is_mamori(), &r.impl_name))
                .or_default()
                .push((size as f64, y));
        }
    }
    let unit = if report.has_cycles() {
        "cycles/byte"
    } else {
        "ns/byte"
    };
    let points = series.values().flatten();
    let (x0, x1) = bounds(points.clone().map(|p| p.0)).unwrap_or((16.0, 16384.0));
    let (y0, y1) = bounds(points.map(|p| p.1)).unwrap_or((1.0, 100.0));

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let subtitle = match &report.cpu {
            Some(cpu) => format!("{cpu}, {}", report.timer),
            None => report.timer.clone(),
        };
        let (title_area, plot_area) = root.split_vertically(62);
        title_area
            .draw(&Text::new(
                format!("Mamori vs peers: {unit} by message size (lower is better)"),
                (20, 12),
                ("sans-serif", 22).into_font(),
            ))
            .map_err(err)?;
        title_area
            .draw(&Text::new(
                subtitle,
                (20, 40),
                ("sans-serif", 14).into_font().color(&RGBColor(90, 90, 90)),
            ))
            .map_err(err)?;

        let mut chart = ChartBuilder::on(&plot_area)
            .margin(16)
            .x_label_area_size(48)
            .y_label_area_size(64)
            .build_cartesian_2d(
                (x0 / 1.4..x1 * 1.4).log_scale().base(2.0),
                // Base 2 from a power of two, so the lowest decade gets labels too.
                (floor_pow2(y0 / 1.05)..y1 * 1.3).log_scale().base(2.0),
            )
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc("message size (bytes)")
            .y_desc(unit)
            .x_labels(16)
            .y_labels(12)
            .x_label_formatter(&|x| format_size(x.round() as usize))
            .y_label_formatter(&|y| trim_number(*y))
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 16))
            .light_line_style(RGBColor(235, 235, 235))
            .bold_line_style(RGBColor(210, 210, 210))
            .draw()
            .map_err(err)?;

        let mut colour_of: BTreeMap<(&str, &str), RGBColor> = BTreeMap::new();
        for ((alg, op, is_peer, impl_name), mut pts) in series {
            pts.sort_by(|a, b| a.0.total_cmp(&b.0));
            let next = COLOURS[colour_of.len() % COLOURS.len()];
            let colour = *colour_of.entry((alg, op)).or_insert(next);
            let label = format!("{alg} {op}: {impl_name}");
            if is_peer {
                let style = colour.stroke_width(2);
                chart
                    .draw_series(DashedLineSeries::new(pts.clone(), 8, 5, style))
                    .map_err(err)?
                    .label(label)
                    .legend(move |(x, y)| {
                        EmptyElement::at((x, y))
                            + PathElement::new(vec![(0, 0), (6, 0)], colour.stroke_width(2))
                            + PathElement::new(vec![(11, 0), (17, 0)], colour.stroke_width(2))
                            + TriangleMarker::new((8, 0), 4, colour.stroke_width(2))
                    });
                chart
                    .draw_series(
                        pts.iter()
                            .map(|&p| TriangleMarker::new(p, 5, colour.stroke_width(2))),
                    )
                    .map_err(err)?;
            } else {
                chart
                    .draw_series(LineSeries::new(pts.clone(), colour.stroke_width(2)))
                    .map_err(err)?
                    .label(label)
                    .legend(move |(x, y)| {
                        EmptyElement::at((x, y))
                            + PathElement::new(vec![(0, 0), (17, 0)], colour.stroke_width(2))
                            + Circle::new((8, 0), 3, colour.filled())
                    });
                chart
                    .draw_series(pts.iter().map(|&p| Circle::new(p, 3, colour.filled())))
                    .map_err(err)?;
            }
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .label_font(("sans-serif", 13))
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(180, 180, 180))
            .draw()
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

fn bounds(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .filter(|v| v.is_finite() && *v > 0.0)
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((f64::min(lo, v), f64::max(hi, v))),
        })
}

fn floor_pow2(x: f64) -> f64 {
    x.log2().floor().exp2()
}

fn trim_number(y: f64) -> String {
    if y >= 10.0 || (y - y.round()).abs() < 1e-9 {
        format!("{y:.0}")
    } else if y >= 1.0 {
        format!("{y:.1}")
    } else {
        format!("{y:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::{MAMORI, Note};
    use crate::subject::Op;

    fn row(alg: &str, impl_name: &str, size: usize, cpb: f64) -> Row {
        Row {
            alg: alg.into(),
            impl_name: impl_name.into(),
            backend: "portable".into(),
            op: Op::Hash,
            size: Some(size),
            cycles_per_byte: Some(cpb),
            cycles_per_op: Some(cpb * size as f64),
            ns_per_op: 1.0,
            gbps: Some(1.0),
            ops_per_sec: 1.0,
            min_cycles_per_op: None,
            min_ns_per_op: 1.0,
            spread_pct: 0.0,
            ratio: None,
            samples: 1,
            iterations: 1,
        }
    }

    fn report(rows: Vec<Row>) -> BenchReport {
        BenchReport {
            timer: "TSC 2.00 GHz".into(),
            tsc_hz: Some(2e9),
            cpu: Some("Test CPU & <Co>".into()),
            profile: "test".into(),
            sizes: vec![],
            rows,
            notes: vec![Note {
                alg: "x".into(),
                message: "y".into(),
            }],
        }
    }

    #[test]
    fn renders_valid_svg_with_labels() {
        let rows = vec![
            row("ascon-hash256", MAMORI, 16, 40.0),
            row("ascon-hash256", MAMORI, 16384, 8.0),
            row("ascon-hash256", "ascon-hash 0.4.0", 16, 44.0),
            row("ascon-hash256", "ascon-hash 0.4.0", 16384, 9.0),
            row("ascon-hash256", MAMORI, 0, 0.0),
        ];
        let svg = render_svg(&report(rows)).unwrap();
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("cycles/byte"));
        assert!(svg.contains("ascon-hash256 hash: mamori"));
        assert!(svg.contains("ascon-hash256 hash: ascon-hash 0.4.0"));
        assert!(svg.contains("16k"));
        assert!(svg.contains("&amp;"), "text must be escaped");
    }

    #[test]
    fn degenerate_inputs_still_render() {
        assert!(render_svg(&report(vec![])).unwrap().contains("</svg>"));
        let one = vec![row("a", MAMORI, 64, 10.0)];
        assert!(render_svg(&report(one)).unwrap().contains("</svg>"));
    }
}
