//! The plain data model of a benchmark run, and its CSV and JSON forms.

use crate::subject::Op;
use serde::Serialize;
use std::fmt::Write as _;

/// Implementation name of Mamori's own rows.
pub const MAMORI: &str = "mamori";

/// One measurement: an implementation of an algorithm, one operation, one message size.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// Canonical algorithm name, e.g. `"ascon-aead128"`.
    pub alg: String,
    /// `"mamori"` or a peer's crate name and version, e.g. `"ascon-aead128 0.1.1"`.
    #[serde(rename = "impl")]
    pub impl_name: String,
    /// Backend that ran, e.g. `"portable"`.
    pub backend: String,
    /// The operation.
    pub op: Op,
    /// Message size in bytes; `None` for per-op operations (KEM, signatures).
    pub size: Option<usize>,
    /// Median cycles per message byte (TSC timing, size > 0 only).
    pub cycles_per_byte: Option<f64>,
    /// Median cycles per operation (TSC timing only).
    pub cycles_per_op: Option<f64>,
    /// Median nanoseconds per operation.
    pub ns_per_op: f64,
    /// Throughput in GB/s (10⁹ bytes per second; size > 0 only).
    pub gbps: Option<f64>,
    /// Operations per second.
    pub ops_per_sec: f64,
    /// Fastest sample, cycles per operation (TSC timing only).
    pub min_cycles_per_op: Option<f64>,
    /// Fastest sample, nanoseconds per operation.
    pub min_ns_per_op: f64,
    /// Interquartile range of the samples, in percent of the median: the run's noise.
    pub spread_pct: f64,
    /// For peer rows: peer time / Mamori time for the same algorithm, operation and size
    /// (> 1 means Mamori is faster). `None` on Mamori's rows.
    pub ratio: Option<f64>,
    /// Number of timed samples.
    pub samples: usize,
    /// Operations per sample.
    pub iterations: u64,
}

impl Row {
    /// True for Mamori's own rows.
    #[must_use]
    pub fn is_mamori(&self) -> bool {
        self.impl_name == MAMORI
    }

    /// Cycles per byte if measured, else nanoseconds per byte; `None` for per-op rows and
    /// size 0. This is what charts plot.
    #[must_use]
    pub fn per_byte(&self) -> Option<f64> {
        let size = self.size.filter(|&s| s > 0)?;
        Some(self.cycles_per_byte.unwrap_or(self.ns_per_op / size as f64))
    }
}

/// A note about the run, e.g. an algorithm without a peer or a skipped operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    /// The algorithm concerned.
    pub alg: String,
    /// What happened.
    pub message: String,
}

/// Everything one benchmark run produced.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BenchReport {
    /// Time source, e.g. `"TSC 2.45 GHz"` or `"ns timing (no TSC)"`.
    pub timer: String,
    /// Calibrated TSC rate in Hz, when cycles were measured.
    pub tsc_hz: Option<f64>,
    /// CPU model, when known.
    pub cpu: Option<String>,
    /// Profile name (`quick`, `default`, `full`).
    pub profile: String,
    /// Message sizes, in bytes.
    pub sizes: Vec<usize>,
    /// Measurements, grouped by algorithm, operation and size; Mamori first in each group.
    pub rows: Vec<Row>,
    /// Missing peers and skipped operations.
    pub notes: Vec<Note>,
}

impl BenchReport {
    /// True if cycle counts were measured (TSC), false for nanosecond timing.
    #[must_use]
    pub fn has_cycles(&self) -> bool {
        self.tsc_hz.is_some()
    }

    /// The report as pretty-printed JSON.
    ///
    /// # Errors
    /// Never in practice: every field serializes (kept as `Result` for `serde_json`).
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self)
    }

    /// The rows as CSV with a header line; absent values are empty fields.
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "alg,impl,backend,op,size,cycles_per_byte,cycles_per_op,ns_per_op,gbps,ops_per_sec,\
             min_cycles_per_op,min_ns_per_op,spread_pct,ratio,samples,iterations\n",
        );
        for r in &self.rows {
            let fields = [
                csv_field(&r.alg),
                csv_field(&r.impl_name),
                csv_field(&r.backend),
                r.op.name().to_owned(),
                opt(r.size.map(|s| s as f64)),
                opt(r.cycles_per_byte),
                opt(r.cycles_per_op),
                num(r.ns_per_op),
                opt(r.gbps),
                num(r.ops_per_sec),
                opt(r.min_cycles_per_op),
                num(r.min_ns_per_op),
                num(r.spread_pct),
                opt(r.ratio),
                r.samples.to_string(),
                r.iterations.to_string(),
            ];
            let _ = writeln!(out, "{}", fields.join(","));
        }
        out
    }
}

fn num(x: f64) -> String {
    // Shortest representation that round-trips; integers print without ".0".
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

fn opt(x: Option<f64>) -> String {
    x.map(num).unwrap_or_default()
}

/// Quotes a CSV field if it needs it (RFC 4180).
#[must_use]
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(impl_name: &str, size: Option<usize>, ratio: Option<f64>) -> Row {
        Row {
            alg: "ascon-aead128".into(),
            impl_name: impl_name.into(),
            backend: "portable".into(),
            op: Op::Seal,
            size,
            cycles_per_byte: size.map(|s| 1000.0 / s as f64),
            cycles_per_op: Some(1000.0),
            ns_per_op: 400.0,
            gbps: Some(0.5),
            ops_per_sec: 2.5e6,
            min_cycles_per_op: Some(990.0),
            min_ns_per_op: 396.0,
            spread_pct: 1.5,
            ratio,
            samples: 3,
            iterations: 10,
        }
    }

    #[test]
    fn csv_and_json_shapes() {
        let r = BenchReport {
            timer: "TSC 2.50 GHz".into(),
            tsc_hz: Some(2.5e9),
            cpu: None,
            profile: "default".into(),
            sizes: vec![16],
            rows: vec![
                row(MAMORI, Some(16), None),
                row("peer, \"x\" 1.0", None, Some(1.25)),
            ],
            notes: vec![],
        };
        let csv = r.to_csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1].split(',').count(), lines[0].split(',').count());
        assert!(lines[1].starts_with("ascon-aead128,mamori,portable,seal,16,62.5,1000,400,"));
        assert!(lines[2].contains("\"peer, \"\"x\"\" 1.0\",portable,seal,,,1000,"));
        assert!(lines[2].contains(",1.25,3,10"));
        let json: serde_json::Value = serde_json::from_str(&r.to_json().unwrap()).unwrap();
        assert_eq!(json["rows"][0]["impl"], "mamori");
        assert_eq!(json["rows"][0]["op"], "seal");
        assert_eq!(json["rows"][1]["size"], serde_json::Value::Null);
        assert_eq!(r.rows[0].per_byte(), Some(62.5));
        assert!(r.rows[0].is_mamori() && !r.rows[1].is_mamori());
    }
}
