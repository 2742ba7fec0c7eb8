//! `mamori kat`: known-answer tests, bundled or from a file.

use crate::algorithms;
use crate::args::KatArgs;
use crate::table::{Align, Table};
use crate::{CliError, CliResult, Outcome};
use mamori_kat::FileReport;
use serde::Serialize;
use std::fmt::Write as _;

/// Runs the bundled vectors (narrowed to `args.algorithms`) or `args.file`.
///
/// # Errors
/// [`CliError`] for an unknown algorithm, an unreadable, malformed or mismatched vector
/// file, a file in which nothing ran, or an algorithm without bundled vectors.
pub fn run(args: &KatArgs) -> CliResult {
    let entries = algorithms::resolve(&args.algorithms)?;
    let reports = match &args.file {
        Some(path) => {
            if entries.len() > 1 {
                return Err(CliError::new(
                    "with --file, name at most one algorithm (the file's)",
                ));
            }
            let report =
                mamori_kat::run_file(path, args.expected.as_deref(), entries.first().copied())
                    .map_err(|e| CliError::new(e.to_string()))?;
            if report.ran() == 0 {
                return Err(CliError::new(format!(
                    "nothing ran: {}",
                    nothing_ran_reason(&report)
                )));
            }
            vec![report]
        }
        None => {
            let reports = mamori_kat::run_bundled(&entries);
            if reports.is_empty() {
                let names: Vec<&str> = entries.iter().map(|e| e.info().name).collect();
                return Err(CliError::new(format!(
                    "no bundled vectors for {}",
                    if names.is_empty() {
                        "any algorithm".to_owned()
                    } else {
                        names.join(", ")
                    }
                )));
            }
            reports
        }
    };
    print!("{}", details(&reports, args.max_failures));
    if args.file.is_none() {
        print!("{}", without_vectors(&entries, &reports));
    }
    print!("{}", summary_line(&reports));
    Ok(if reports.iter().all(FileReport::ok) {
        Outcome::Success
    } else {
        Outcome::Failure
    })
}

/// The algorithms asked for (all, if none was named) that have no bundled vector file,
/// as one line (empty if there are none). Their checks are differential tests against an
/// independent implementation until official vectors are bundled.
fn without_vectors(entries: &[mamori_kat::registry::Entry], reports: &[FileReport]) -> String {
    let asked: Vec<_> = if entries.is_empty() {
        mamori_kat::registry::all().to_vec()
    } else {
        entries.to_vec()
    };
    let missing: Vec<&str> = asked
        .iter()
        .map(|e| e.info().name)
        .filter(|name| !reports.iter().any(|r| r.algorithm == Some(*name)))
        .collect();
    if missing.is_empty() {
        String::new()
    } else {
        format!(
            "no bundled vectors: {} (checked by differential tests against an independent implementation)\n",
            missing.join(", ")
        )
    }
}

fn nothing_ran_reason(r: &FileReport) -> String {
    if r.skip_reasons.is_empty() {
        return format!("no test cases found in {} ({})", r.source, r.format);
    }
    let reasons: Vec<String> = r
        .skip_reasons
        .iter()
        .map(|(reason, n)| format!("{reason} ({})", plural(*n, "case")))
        .collect();
    format!(
        "all {} in {} skipped: {}",
        plural(r.skipped, "case"),
        r.source,
        reasons.join("; ")
    )
}

/// Per file: the summary line, skip reasons with counts, and up to `max_failures`
/// failures.
pub fn details(reports: &[FileReport], max_failures: usize) -> String {
    let mut out = String::new();
    for r in reports {
        let status = if r.ok() { "ok" } else { "FAILED" };
        let _ = writeln!(
            out,
            "{} [{}] {}: {} passed, {} failed, {} skipped  {status}",
            r.source,
            r.format,
            r.algorithm.unwrap_or("-"),
            r.passed,
            r.failed,
            r.skipped,
        );
        for (reason, n) in &r.skip_reasons {
            let _ = writeln!(out, "  skipped {n}: {reason}");
        }
        for f in r.failures.iter().take(max_failures) {
            let _ = writeln!(out, "  FAIL {}: {}", f.id, f.detail);
        }
        let unprinted = r.failed.saturating_sub(max_failures.min(r.failures.len()));
        if unprinted > 0 {
            let noun = if unprinted == 1 {
                "failure"
            } else {
                "failures"
            };
            let _ = writeln!(out, "  ... and {unprinted} more {noun}");
        }
    }
    out
}

/// `KAT: N files, P passed, F failed, S skipped: all passed` (or `FAILED`).
pub fn summary_line(reports: &[FileReport]) -> String {
    let sum = |f: fn(&FileReport) -> usize| reports.iter().map(f).sum::<usize>();
    let failed_files = reports.iter().filter(|r| !r.ok()).count();
    format!(
        "KAT: {}, {} passed, {} failed, {} skipped: {}\n",
        plural(reports.len(), "file"),
        sum(|r| r.passed),
        sum(|r| r.failed),
        sum(|r| r.skipped),
        if failed_files == 0 {
            "all passed".to_owned()
        } else {
            format!("{} FAILED", plural(failed_files, "file"))
        }
    )
}

/// `1 case`, `2 cases`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// One row per file: source, format, algorithm, counts, status.
pub fn summary_table(reports: &[FileReport]) -> Table {
    let mut t = Table::new(&[
        ("source", Align::Left),
        ("format", Align::Left),
        ("algorithm", Align::Left),
        ("passed", Align::Right),
        ("failed", Align::Right),
        ("skipped", Align::Right),
        ("status", Align::Left),
    ]);
    for r in reports {
        t.push(vec![
            r.source.clone(),
            r.format.to_string(),
            r.algorithm.unwrap_or("-").to_owned(),
            r.passed.to_string(),
            r.failed.to_string(),
            r.skipped.to_string(),
            if r.ok() { "ok" } else { "FAILED" }.to_owned(),
        ]);
    }
    t
}

/// A skip reason and its count.
#[derive(Serialize)]
pub struct SkipJson {
    reason: String,
    count: usize,
}

/// A failed case.
#[derive(Serialize)]
pub struct FailureJson {
    id: String,
    detail: String,
}

/// A [`FileReport`] in serializable form.
#[derive(Serialize)]
pub struct FileReportJson {
    source: String,
    format: String,
    algorithm: Option<&'static str>,
    passed: usize,
    failed: usize,
    skipped: usize,
    ok: bool,
    skip_reasons: Vec<SkipJson>,
    failures: Vec<FailureJson>,
}

impl From<&FileReport> for FileReportJson {
    fn from(r: &FileReport) -> Self {
        Self {
            source: r.source.clone(),
            format: r.format.to_string(),
            algorithm: r.algorithm,
            passed: r.passed,
            failed: r.failed,
            skipped: r.skipped,
            ok: r.ok(),
            skip_reasons: r
                .skip_reasons
                .iter()
                .map(|(reason, count)| SkipJson {
                    reason: reason.clone(),
                    count: *count,
                })
                .collect(),
            failures: r
                .failures
                .iter()
                .map(|f| FailureJson {
                    id: f.id.clone(),
                    detail: f.detail.clone(),
                })
                .collect(),
        }
    }
}
