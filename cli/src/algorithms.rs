//! Algorithm names given on the command line.

use crate::CliError;
use mamori_kat::registry::{self, Entry};

/// Resolves names (canonical or alias, case- and punctuation-insensitive) to registry
/// entries, in the order given, without duplicates.
///
/// # Errors
/// [`CliError`] naming the first unknown algorithm.
pub fn resolve(names: &[String]) -> Result<Vec<Entry>, CliError> {
    let mut out: Vec<Entry> = Vec::new();
    for name in names {
        let entry = registry::find(name).ok_or_else(|| {
            CliError::new(format!("unknown algorithm '{name}'; run `mamori list`"))
        })?;
        if !out.iter().any(|e| e.info().name == entry.info().name) {
            out.push(entry);
        }
    }
    Ok(out)
}
