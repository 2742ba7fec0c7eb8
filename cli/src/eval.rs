//! `mamori eval`: bundled KATs plus benchmarks, written as a report directory.

use crate::args::EvalArgs;
use crate::kat::{self, FileReportJson};
use crate::{CliError, CliResult, Outcome, bench, timestamp};
use mamori_bench::{BenchReport, chart, machine};
use mamori_kat::FileReport;
use serde::Serialize;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// Failures listed per file in report.md.
const REPORT_MAX_FAILURES: usize = 20;

#[derive(Serialize)]
struct Machine {
    cpu: Option<String>,
    logical_cpus: usize,
    platform: String,
    timer: String,
    tsc_hz: Option<f64>,
}

#[derive(Serialize)]
struct Results<'a> {
    mamori_version: &'static str,
    generated: &'a str,
    machine: Machine,
    kat_ok: bool,
    kat: Vec<FileReportJson>,
    bench: &'a BenchReport,
}

/// Runs `mamori eval`.
///
/// # Errors
/// [`CliError`] for bad sizes or an output directory that cannot be created or written.
/// KAT failures are not errors: the report is written and the outcome is a failure.
pub fn run(args: &EvalArgs) -> CliResult {
    let config = bench::config(args.quick, args.full, args.sizes.as_deref())?;
    let dir = args.out.as_path();
    prepare(dir)?;

    eprintln!("running bundled known-answer tests ...");
    let kat_reports = mamori_kat::run_bundled(&[]);
    let kat_ok = kat_reports.iter().all(FileReport::ok);

    eprintln!("benchmarking ({}) ...", config.profile);
    let settings = bench::settings(&config);
    let report = bench::measure(&[], config);

    let generated = timestamp::utc_now();
    let svg = chart::render_svg(&report).map_err(|e| CliError::new(e.to_string()))?;
    let results = Results {
        mamori_version: env!("CARGO_PKG_VERSION"),
        generated: &generated,
        machine: Machine {
            cpu: report.cpu.clone(),
            logical_cpus: machine::logical_cpus(),
            platform: machine::platform(),
            timer: report.timer.clone(),
            tsc_hz: report.tsc_hz,
        },
        kat_ok,
        kat: kat_reports.iter().map(FileReportJson::from).collect(),
        bench: &report,
    };
    let json = serde_json::to_string_pretty(&results)
        .map_err(|e| CliError::new(format!("cannot encode JSON: {e}")))?;
    let markdown = markdown(&results, &kat_reports, &settings);

    write(&dir.join("chart.svg"), &svg)?;
    write(&dir.join("results.csv"), &report.to_csv())?;
    write(&dir.join("results.json"), &(json + "\n"))?;
    write(&dir.join("report.md"), &markdown)?;

    println!("{}", kat::summary_table(&kat_reports).to_text());
    print!("{}", kat::summary_line(&kat_reports));
    println!();
    println!("{}", bench::header(&report, &settings));
    print!("{}", bench::table(&report).to_text());
    print!("{}", bench::notes(&report));
    println!();
    println!(
        "report written to {} (report.md, results.csv, results.json, chart.svg)",
        dir.display()
    );
    Ok(if kat_ok {
        Outcome::Success
    } else {
        Outcome::Failure
    })
}

/// Creates `dir` and checks it is writable, before any long-running work.
fn prepare(dir: &Path) -> Result<(), CliError> {
    let fail =
        |e: std::io::Error| CliError::new(format!("cannot write report to {}: {e}", dir.display()));
    fs::create_dir_all(dir).map_err(fail)?;
    let probe = dir.join(".mamori-write-test");
    fs::write(&probe, b"").map_err(fail)?;
    fs::remove_file(&probe).map_err(fail)
}

fn write(path: &Path, contents: &str) -> Result<(), CliError> {
    fs::write(path, contents)
        .map_err(|e| CliError::new(format!("cannot write {}: {e}", path.display())))
}

fn markdown(results: &Results<'_>, kat_reports: &[FileReport], settings: &str) -> String {
    let m = &results.machine;
    let bench = results.bench;
    let mut s = String::new();
    let _ = writeln!(s, "# Mamori evaluation report\n");
    let _ = writeln!(
        s,
        "Mamori {} (`mamori eval`), generated {}.\n",
        results.mamori_version, results.generated
    );
    let _ = writeln!(s, "## Machine\n");
    let _ = writeln!(s, "| | |\n|---|---|");
    let _ = writeln!(s, "| CPU | {} |", m.cpu.as_deref().unwrap_or("unknown"));
    let _ = writeln!(s, "| Logical CPUs | {} |", m.logical_cpus);
    let _ = writeln!(s, "| Platform | {} |", m.platform);
    let _ = writeln!(s, "| Timer | {} |", m.timer);
    let _ = writeln!(s, "| Benchmark settings | {settings} |\n");

    let _ = writeln!(s, "## Known-answer tests\n");
    if kat_reports.is_empty() {
        let _ = writeln!(s, "No bundled vectors.\n");
    } else {
        let _ = writeln!(s, "{}", kat::summary_table(kat_reports).to_markdown());
        let _ = writeln!(s, "**{}**\n", kat::summary_line(kat_reports).trim_end());
        let details = kat::details(kat_reports, REPORT_MAX_FAILURES);
        let notable: Vec<&str> = details.lines().filter(|l| l.starts_with("  ")).collect();
        if !notable.is_empty() {
            let _ = writeln!(s, "Skips and failures:\n\n```text");
            for l in notable {
                let _ = writeln!(s, "{}", l.trim_start());
            }
            let _ = writeln!(s, "```\n");
        }
    }

    let _ = writeln!(s, "## Performance\n");
    let unit = if bench.has_cycles() {
        "cycles (TSC ticks, calibrated to the OS clock)"
    } else {
        "nanoseconds"
    };
    let _ = writeln!(
        s,
        "Median {unit} per byte and per operation over interleaved samples: **lower is \
         better**. *spread* is the interquartile range in % of the median (the run's noise). \
         *ratio* = peer time / Mamori time for the same algorithm, operation and size: \
         **> 1 means Mamori is faster**. Peers run behind the same trait objects and buffers \
         as Mamori.\n"
    );
    let _ = writeln!(s, "![cycles/byte by message size](chart.svg)\n");
    let _ = writeln!(s, "{}", bench::table(bench).to_markdown());
    for n in &bench.notes {
        let _ = writeln!(s, "- {}: {}", n.alg, n.message);
    }
    if !bench.notes.is_empty() {
        s.push('\n');
    }
    let _ = writeln!(s, "## Files\n");
    let _ = writeln!(
        s,
        "- `results.csv`: every benchmark row at full precision\n- `results.json`: machine, \
         KAT reports and benchmark rows\n- `chart.svg`: the chart above"
    );
    s
}
