//! Command-line syntax.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Mamori: post-quantum and lightweight cryptography. List the algorithms, check them
/// against known-answer tests, and benchmark them against peer implementations.
#[derive(Debug, Parser)]
#[command(name = "mamori", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every algorithm with its standard, security, sizes, CRYPTREC status and the
    /// backend active on this CPU.
    List(ListArgs),
    /// Run known-answer tests: the bundled vectors, or a vector file (LWC, flat JSON,
    /// ACVP, Wycheproof).
    Kat(KatArgs),
    /// Benchmark Mamori and peer implementations: cycles/byte, throughput, ratio.
    Bench(BenchArgs),
    /// Run the bundled KATs and the benchmarks, and write a report (Markdown, CSV, JSON,
    /// SVG chart).
    Eval(EvalArgs),
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text table.
    Table,
    /// Comma-separated values with a header line.
    Csv,
    /// JSON.
    Json,
    /// Markdown table.
    Md,
}

/// `mamori list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// `mamori kat`.
#[derive(Debug, Args)]
pub struct KatArgs {
    /// Algorithms to test (default: all). With --file: the algorithm of the file, when the
    /// file does not name it.
    #[arg(value_name = "ALG")]
    pub algorithms: Vec<String>,
    /// Run this vector file instead of the bundled vectors.
    #[arg(long, value_name = "PATH")]
    pub file: Option<PathBuf>,
    /// ACVP expected-results file matching --file.
    #[arg(long, value_name = "PATH", requires = "file")]
    pub expected: Option<PathBuf>,
    /// Failures printed per file.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub max_failures: usize,
}

/// `mamori bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Algorithms to benchmark (default: all).
    #[arg(value_name = "ALG")]
    pub algorithms: Vec<String>,
    /// Message sizes, comma-separated, with optional k/m suffixes (default
    /// 16,64,256,1k,16k; --full: 0,16,64,256,1k,4k,16k,64k).
    #[arg(long, value_name = "LIST")]
    pub sizes: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write the output to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Fewer, shorter samples: a rough picture in about a second.
    #[arg(long, conflicts_with = "full")]
    pub quick: bool,
    /// More, longer samples over more sizes.
    #[arg(long)]
    pub full: bool,
    /// Measure Mamori only.
    #[arg(long)]
    pub no_peers: bool,
}

/// `mamori eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Directory to write report.md, results.csv, results.json and chart.svg into.
    #[arg(long, value_name = "DIR", default_value = "mamori-report")]
    pub out: PathBuf,
    /// Benchmark with the --full profile (more samples and sizes).
    #[arg(long, conflicts_with = "quick")]
    pub full: bool,
    /// Benchmark with the --quick profile.
    #[arg(long, hide = true)]
    pub quick: bool,
    /// Override the benchmark sizes (as for `mamori bench --sizes`).
    #[arg(long, value_name = "LIST", hide = true)]
    pub sizes: Option<String>,
}
