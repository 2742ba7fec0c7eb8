//! Message-size lists: parsing (`64,1k,16K,1m`) and display (`16k`).

use core::fmt;

/// Message sizes `mamori bench` uses by default, in bytes.
pub const DEFAULT_SIZES: &[usize] = &[16, 64, 256, 1024, 16384];
/// Sizes of a `--full` run.
pub const FULL_SIZES: &[usize] = &[0, 16, 64, 256, 1024, 4096, 16384, 65536];
/// Largest accepted size (64 MiB): larger buffers only measure the memory system.
pub const MAX_SIZE: usize = 64 << 20;

/// A size list that could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SizeError(String);

impl fmt::Display for SizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SizeError {}

/// Parses a comma-separated size list. Each item is a decimal number of bytes with an
/// optional `k`/`K` (×1024) or `m`/`M` (×1024²) suffix. Duplicates are dropped; the order
/// is kept.
///
/// # Errors
/// [`SizeError`] naming the offending item, for an empty list or item, a non-number, an
/// unknown suffix, or a size above [`MAX_SIZE`].
pub fn parse_sizes(list: &str) -> Result<Vec<usize>, SizeError> {
    let mut out = Vec::new();
    for item in list.split(',') {
        let item = item.trim();
        let n = parse_size(item)?;
        if !out.contains(&n) {
            out.push(n);
        }
    }
    Ok(out)
}

fn parse_size(item: &str) -> Result<usize, SizeError> {
    let bad = |why: &str| SizeError(format!("bad size '{item}': {why}"));
    if item.is_empty() {
        return Err(SizeError(
            "bad size list: empty item (expected e.g. 64,1k,16k)".to_owned(),
        ));
    }
    let (digits, unit) = match item.as_bytes()[item.len() - 1] {
        b'k' | b'K' => (&item[..item.len() - 1], 1usize << 10),
        b'm' | b'M' => (&item[..item.len() - 1], 1 << 20),
        c if c.is_ascii_digit() => (item, 1),
        _ => return Err(bad("expected a number with an optional k or m suffix")),
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return Err(bad("expected a number with an optional k or m suffix"));
    }
    let n = digits
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(unit))
        .filter(|&n| n <= MAX_SIZE)
        .ok_or_else(|| bad("larger than the 64m maximum"))?;
    Ok(n)
}

/// Short form of a size: `16`, `1k`, `16k`, `1m`, `1500`.
#[must_use]
pub fn format_size(n: usize) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{}m", n >> 20)
    } else if n >= 1 << 10 && n.is_multiple_of(1 << 10) {
        format!("{}k", n >> 10)
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_suffixes_and_dedups() {
        assert_eq!(
            parse_sizes("64,1k,16K, 2m,64").unwrap(),
            vec![64, 1024, 16384, 2 << 20]
        );
        assert_eq!(parse_sizes("0").unwrap(), vec![0]);
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            "",
            "1,,2",
            "k",
            "12x",
            "-5",
            "1.5k",
            "65m",
            "99999999999999999999999",
        ] {
            let e = parse_sizes(bad).unwrap_err().to_string();
            assert!(e.starts_with("bad size"), "{bad}: {e}");
        }
    }

    #[test]
    fn formats() {
        assert_eq!(format_size(16), "16");
        assert_eq!(format_size(16384), "16k");
        assert_eq!(format_size(1 << 20), "1m");
        assert_eq!(format_size(1500), "1500");
        for &n in FULL_SIZES {
            assert_eq!(parse_sizes(&format_size(n)).unwrap(), vec![n]);
        }
    }
}
