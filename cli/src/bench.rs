//! `mamori bench`: the benchmark engine with table, CSV, JSON or Markdown output.

use crate::algorithms;
use crate::args::{BenchArgs, Format};
use crate::progress;
use crate::table::{Align, Table};
use crate::{CliError, CliResult, Outcome};
use mamori_bench::sizes::{format_size, parse_sizes};
use mamori_bench::{BenchReport, Clock, Config, Engine};
use mamori_kat::registry::Entry;
use std::fmt::Write as _;
use std::fs::File;
use std::io::Write as _;
use std::path::Path;

/// The engine configuration for a profile and an optional size list.
///
/// # Errors
/// [`CliError`] for a malformed size list.
pub fn config(quick: bool, full: bool, sizes: Option<&str>) -> Result<Config, CliError> {
    let mut config = if quick {
        Config::quick()
    } else if full {
        Config::full()
    } else {
        Config::standard()
    };
    if let Some(list) = sizes {
        config.sizes = parse_sizes(list).map_err(|e| CliError::new(e.to_string()))?;
    }
    Ok(config)
}

/// Runs the engine over `entries` (all if empty), with a progress bar on stderr.
pub fn measure(entries: &[Entry], config: Config) -> BenchReport {
    let plan = mamori_bench::plan(entries, &config);
    let clock = Clock::detect();
    let bar = progress::bar(plan.groups.len());
    let report = Engine::new(clock, config).run(&plan, &mut progress::callback(&bar));
    bar.finish_and_clear();
    report
}

/// Runs `mamori bench`.
///
/// # Errors
/// [`CliError`] for an unknown algorithm, bad sizes, or an unwritable --out file.
pub fn run(args: &BenchArgs) -> CliResult {
    let entries = algorithms::resolve(&args.algorithms)?;
    let mut config = config(args.quick, args.full, args.sizes.as_deref())?;
    config.peers = !args.no_peers;
    // Open the output first: a bad path fails now, not after the run.
    let out_file = args.out.as_deref().map(create).transpose()?;
    let settings = settings(&config);
    let report = measure(&entries, config);
    let text = match args.format {
        Format::Table => format!(
            "{}\n{}{}",
            header(&report, &settings),
            table(&report).to_text(),
            notes(&report)
        ),
        Format::Md => format!(
            "{}\n{}{}",
            header(&report, &settings),
            table(&report).to_markdown(),
            notes(&report)
        ),
        Format::Csv => report.to_csv(),
        Format::Json => {
            let mut s = report
                .to_json()
                .map_err(|e| CliError::new(format!("cannot encode JSON: {e}")))?;
            s.push('\n');
            s
        }
    };
    match (out_file, &args.out) {
        (Some(mut f), Some(path)) => {
            f.write_all(text.as_bytes())
                .map_err(|e| CliError::new(format!("cannot write {}: {e}", path.display())))?;
            eprintln!("wrote {}", path.display());
        }
        _ => print!("{text}"),
    }
    Ok(Outcome::Success)
}

/// Creates (truncates) `path` for writing.
///
/// # Errors
/// [`CliError`] naming the path if it cannot be created.
pub fn create(path: &Path) -> Result<File, CliError> {
    File::create(path).map_err(|e| CliError::new(format!("cannot write {}: {e}", path.display())))
}

/// `profile default: 41 samples of ~300 µs per row, sizes 16,64,...`.
pub fn settings(config: &Config) -> String {
    let sizes: Vec<String> = config.sizes.iter().map(|&s| format_size(s)).collect();
    format!(
        "profile {}: {} samples of ~{} µs per row, interleaved across implementations; sizes {}",
        config.profile,
        config.samples,
        config.sample_time.as_micros(),
        sizes.join(",")
    )
}

/// The lines above the table: timer, CPU, settings, and how to read the table.
pub fn header(report: &BenchReport, settings: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "mamori bench: {} on {}",
        report.timer,
        report.cpu.as_deref().unwrap_or("unknown CPU")
    );
    let _ = writeln!(s, "{settings}");
    let unit = if report.has_cycles() {
        "cycles (TSC ticks)"
    } else {
        "nanoseconds"
    };
    let _ = writeln!(
        s,
        "Median {unit} per byte and per operation: lower is better. spread = interquartile \
         range in % of the median.\nratio = peer time / mamori time for the same alg, op and \
         size: > 1 means mamori is faster."
    );
    s
}

/// The results as a table (rounded for reading; CSV and JSON keep full precision).
pub fn table(report: &BenchReport) -> Table {
    let (per_byte, per_op) = if report.has_cycles() {
        ("cycles/B", "cycles/op")
    } else {
        ("ns/B", "ns/op")
    };
    let mut t = Table::new(&[
        ("alg", Align::Left),
        ("op", Align::Left),
        ("size", Align::Right),
        ("impl", Align::Left),
        ("backend", Align::Left),
        (per_byte, Align::Right),
        (per_op, Align::Right),
        ("GB/s", Align::Right),
        ("spread", Align::Right),
        ("ratio", Align::Right),
    ]);
    for r in &report.rows {
        let per_op = r.cycles_per_op.unwrap_or(r.ns_per_op);
        t.push(vec![
            r.alg.clone(),
            r.op.to_string(),
            r.size.map_or_else(|| "-".to_owned(), format_size),
            r.impl_name.clone(),
            r.backend.clone(),
            r.per_byte().map_or_else(|| "-".to_owned(), round),
            format!("{per_op:.0}"),
            r.gbps.map_or_else(|| "-".to_owned(), |g| format!("{g:.3}")),
            format!("{:.1}%", r.spread_pct),
            r.ratio.map_or_else(String::new, |x| format!("{x:.2}")),
        ]);
    }
    t
}

/// Notes (missing peers, skipped operations), one per line.
pub fn notes(report: &BenchReport) -> String {
    let mut s = String::new();
    for n in &report.notes {
        let _ = writeln!(s, "note: {}: {}", n.alg, n.message);
    }
    s
}

fn round(x: f64) -> String {
    if x < 10.0 {
        format!("{x:.2}")
    } else if x < 1000.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.0}")
    }
}
