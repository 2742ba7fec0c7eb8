//! `mamori list`: the registry with its metadata.

use crate::args::{Format, ListArgs};
use crate::table::{Align, Table};
use crate::{CliError, CliResult, Outcome};
use mamori_kat::registry::{self, Entry};
use serde::Serialize;

#[derive(Serialize)]
struct SizeJson {
    name: &'static str,
    bytes: usize,
}

#[derive(Serialize)]
struct AlgorithmJson {
    name: &'static str,
    aliases: &'static [&'static str],
    family: &'static str,
    standard: &'static str,
    section: &'static str,
    classical_bits: u16,
    pq_category: Option<u8>,
    sizes: Vec<SizeJson>,
    cryptrec: &'static str,
    backend: &'static str,
}

fn to_json(e: &Entry) -> AlgorithmJson {
    let i = e.info();
    AlgorithmJson {
        name: i.name,
        aliases: i.aliases,
        family: i.family.name(),
        standard: i.standard.document,
        section: i.standard.section,
        classical_bits: i.security.classical_bits,
        pq_category: i.security.pq_category,
        sizes: i
            .sizes
            .iter()
            .map(|&(name, bytes)| SizeJson { name, bytes })
            .collect(),
        cryptrec: i.cryptrec.name(),
        backend: e.backend().name(),
    }
}

fn table() -> Table {
    let mut t = Table::new(&[
        ("algorithm", Align::Left),
        ("family", Align::Left),
        ("standard", Align::Left),
        ("security", Align::Left),
        ("sizes (bytes)", Align::Left),
        ("CRYPTREC", Align::Left),
        ("backend", Align::Left),
    ]);
    for e in registry::all() {
        let i = e.info();
        let sizes: Vec<String> = i.sizes.iter().map(|(l, n)| format!("{l} {n}")).collect();
        t.push(vec![
            i.name.to_owned(),
            i.family.to_string(),
            i.standard.to_string(),
            i.security.to_string(),
            sizes.join(", "),
            i.cryptrec.to_string(),
            e.backend().to_string(),
        ]);
    }
    t
}

/// Which AES-round backends this CPU has, and which Rocca-S / AEGIS-256 pick for single
/// messages and for batches (the table's backend column shows the single-message one).
fn aes_round_note() -> String {
    use mamori_primitives::aes_round::AesBackend;
    let available: Vec<&str> = AesBackend::available()
        .map(|b| b.backend().name())
        .collect();
    let wide = AesBackend::detect_wide();
    format!(
        "\nAES round (rocca-s, aegis-256): single messages on {}, batches on {} ({} lane{}); available here: {}\n",
        AesBackend::detect().backend(),
        wide.backend(),
        wide.lanes(),
        if wide.lanes() == 1 { "" } else { "s" },
        available.join(", ")
    )
}

/// Prints the registry in `args.format`.
///
/// # Errors
/// Only if JSON serialization fails.
pub fn run(args: &ListArgs) -> CliResult {
    let out = match args.format {
        Format::Table => table().to_text() + &aes_round_note(),
        Format::Md => table().to_markdown(),
        Format::Csv => table().to_csv(),
        Format::Json => {
            let all: Vec<AlgorithmJson> = registry::all().iter().map(to_json).collect();
            let mut s = serde_json::to_string_pretty(&all)
                .map_err(|e| CliError::new(format!("cannot encode JSON: {e}")))?;
            s.push('\n');
            s
        }
    };
    print!("{out}");
    Ok(Outcome::Success)
}
