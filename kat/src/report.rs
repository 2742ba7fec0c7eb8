//! What a run reports: per file, the passed / failed / skipped counts, the skip reasons
//! with their counts, and for every failure the test id and what differed.

use std::fmt;

/// A vector-file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// NIST Lightweight Cryptography KAT text (`Count = 1`, `Key = ..`, ...).
    Lwc,
    /// A JSON array of flat objects (one vector per object).
    FlatJson,
    /// NIST ACVP JSON (`prompt.json` + `expectedResults.json`).
    Acvp,
    /// C2SP Wycheproof JSON (`testGroups[].tests[]` with `result`).
    Wycheproof,
}

impl Format {
    /// Human-readable name: `"LWC"`, `"flat JSON"`, `"ACVP"` or `"Wycheproof"`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Format::Lwc => "LWC",
            Format::FlatJson => "flat JSON",
            Format::Acvp => "ACVP",
            Format::Wycheproof => "Wycheproof",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One failed test case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseFailure {
    /// The case's id as the file names it: `Count = 17`, `tgId 3 / tcId 57`, `tcId 12`,
    /// or a flat-JSON `name` (or `#index`).
    pub id: String,
    /// What differed: the field, the expected and the computed value (hex, shortened when
    /// long), or which check failed.
    pub detail: String,
}

/// The result of running one vector file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileReport {
    /// The path given, or `bundled:<file name>`.
    pub source: String,
    /// The format detected.
    pub format: Format,
    /// Canonical Mamori name of the algorithm the cases ran on, if exactly one did.
    pub algorithm: Option<&'static str>,
    /// Cases that ran and passed.
    pub passed: usize,
    /// Cases that ran and failed.
    pub failed: usize,
    /// Cases not run.
    pub skipped: usize,
    /// Why cases were skipped, with how many each, in order of first occurrence.
    pub skip_reasons: Vec<(String, usize)>,
    /// Every failure, in file order.
    pub failures: Vec<CaseFailure>,
}

impl FileReport {
    /// True if no case failed (skipped cases do not count against a file).
    #[must_use]
    pub fn ok(&self) -> bool {
        self.failed == 0
    }

    /// Cases that ran: passed plus failed.
    #[must_use]
    pub fn ran(&self) -> usize {
        self.passed + self.failed
    }

    /// All cases: ran plus skipped.
    #[must_use]
    pub fn total(&self) -> usize {
        self.ran() + self.skipped
    }
}

impl fmt::Display for FileReport {
    /// One summary line, e.g. `bundled:x.txt (LWC, ascon-aead128): 1089 passed, 0 failed, 0 skipped`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}", self.source, self.format)?;
        if let Some(a) = self.algorithm {
            write!(f, ", {a}")?;
        }
        write!(
            f,
            "): {} passed, {} failed, {} skipped",
            self.passed, self.failed, self.skipped
        )
    }
}

/// The result of checking one case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The case passed.
    Pass,
    /// The case failed; what differed.
    Fail(String),
    /// The case was not run; why.
    Skip(String),
}

/// Accumulates outcomes into a [`FileReport`].
#[derive(Debug, Default)]
pub(crate) struct Tally {
    passed: usize,
    failed: usize,
    skipped: usize,
    skip_reasons: Vec<(String, usize)>,
    failures: Vec<CaseFailure>,
    algorithms: Vec<&'static str>,
}

impl Tally {
    /// Records that `algorithm` ran (at least) one case.
    pub(crate) fn ran_on(&mut self, algorithm: &'static str) {
        if !self.algorithms.contains(&algorithm) {
            self.algorithms.push(algorithm);
        }
    }

    /// Records one case's outcome.
    pub(crate) fn record(&mut self, id: &str, outcome: Outcome) {
        match outcome {
            Outcome::Pass => self.passed += 1,
            Outcome::Fail(detail) => {
                self.failed += 1;
                self.failures.push(CaseFailure {
                    id: id.to_owned(),
                    detail,
                });
            }
            Outcome::Skip(reason) => self.skip(&reason, 1),
        }
    }

    /// Records `count` skipped cases for `reason`.
    pub(crate) fn skip(&mut self, reason: &str, count: usize) {
        if count == 0 {
            return;
        }
        self.skipped += count;
        match self.skip_reasons.iter_mut().find(|(r, _)| r == reason) {
            Some((_, n)) => *n += count,
            None => self.skip_reasons.push((reason.to_owned(), count)),
        }
    }

    /// The finished report.
    pub(crate) fn finish(self, source: &str, format: Format) -> FileReport {
        let algorithm = match self.algorithms.as_slice() {
            [one] => Some(*one),
            _ => None,
        };
        FileReport {
            source: source.to_owned(),
            format,
            algorithm,
            passed: self.passed,
            failed: self.failed,
            skipped: self.skipped,
            skip_reasons: self.skip_reasons,
            failures: self.failures,
        }
    }
}

/// Shortened hex for reports: up to 32 bytes in full, longer values as head…tail plus the
/// length.
pub(crate) fn hex_preview(bytes: &[u8]) -> String {
    const FULL: usize = 32;
    const HEAD: usize = 24;
    const TAIL: usize = 8;
    if bytes.is_empty() {
        return "(empty)".to_owned();
    }
    if bytes.len() <= FULL {
        return hex::encode(bytes);
    }
    let head = bytes.get(..HEAD).unwrap_or(bytes);
    let tail = bytes.get(bytes.len().saturating_sub(TAIL)..).unwrap_or(&[]);
    format!(
        "{}…{} ({} bytes)",
        hex::encode(head),
        hex::encode(tail),
        bytes.len()
    )
}

/// `"<field>: expected <hex>, got <hex>"`, with the first differing byte for long values
/// of equal length, or both lengths when they differ.
pub(crate) fn diff(field: &str, expected: &[u8], got: &[u8]) -> String {
    let mut s = format!(
        "{field}: expected {}, got {}",
        hex_preview(expected),
        hex_preview(got)
    );
    if expected.len() != got.len() {
        s.push_str(&format!(
            " (length {} instead of {})",
            got.len(),
            expected.len()
        ));
    } else if let Some(i) = expected.iter().zip(got).position(|(a, b)| a != b)
        && expected.len() > 32
    {
        s.push_str(&format!(" (first difference at byte {i})"));
    }
    s
}

/// `Pass` if `expected == got`, else a [`diff`] failure.
pub(crate) fn compare(field: &str, expected: &[u8], got: &[u8]) -> Outcome {
    if expected == got {
        Outcome::Pass
    } else {
        Outcome::Fail(diff(field, expected, got))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_are_short() {
        assert_eq!(hex_preview(&[]), "(empty)");
        assert_eq!(hex_preview(&[0xab, 0x01]), "ab01");
        let long = vec![0x11u8; 100];
        let p = hex_preview(&long);
        assert!(p.ends_with("(100 bytes)"), "{p}");
        assert!(p.len() < 100);
        let mut other = long.clone();
        other[70] = 0;
        assert!(diff("ct", &long, &other).contains("first difference at byte 70"));
        assert!(diff("ct", &long, &other[..3]).contains("length 3 instead of 100"));
    }

    #[test]
    fn tally_groups_skip_reasons() {
        let mut t = Tally::default();
        t.record("a", Outcome::Pass);
        t.record("b", Outcome::Skip("x".into()));
        t.skip("y", 3);
        t.record("c", Outcome::Skip("x".into()));
        t.record("d", Outcome::Fail("bad".into()));
        t.ran_on("alg");
        let r = t.finish("src", Format::Lwc);
        assert_eq!((r.passed, r.failed, r.skipped), (1, 1, 5));
        assert_eq!(r.skip_reasons, vec![("x".into(), 2), ("y".into(), 3)]);
        assert_eq!(r.failures[0].id, "d");
        assert_eq!(r.algorithm, Some("alg"));
        assert!(!r.ok());
        assert_eq!(r.ran(), 2);
    }
}
