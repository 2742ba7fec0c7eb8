//! `mamori`: list Mamori's algorithms, run known-answer tests, benchmark against peers and
//! write an evaluation report.

mod algorithms;
mod args;
mod bench;
mod eval;
mod kat;
mod list;
mod progress;
mod table;
mod timestamp;

use clap::Parser;
use std::fmt;
use std::process::ExitCode;

/// A failed command: one line for stderr, and the exit code.
#[derive(Debug)]
pub struct CliError {
    message: String,
    code: u8,
}

impl CliError {
    /// Bad input or an environment problem (exit code 1).
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 1,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// What a command ends with: success, failure already reported (e.g. a KAT mismatch, exit
/// code 1), or an error to print.
pub type CliResult = Result<Outcome, CliError>;

/// How a command that ran to the end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything passed.
    Success,
    /// Something failed and was reported on stdout.
    Failure,
}

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let result = match cli.command {
        args::Command::List(a) => list::run(&a),
        args::Command::Kat(a) => kat::run(&a),
        args::Command::Bench(a) => bench::run(&a),
        args::Command::Eval(a) => eval::run(&a),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failure) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.code)
        }
    }
}
