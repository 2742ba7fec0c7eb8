//! Mamori's known-answer-test engine.
//!
//! It reads vector files in four formats and runs them, generically, on every algorithm in
//! the [`registry`] through the object-safe views of [`dynamic`]:
//!
//! | format | module | what |
//! |---|---|---|
//! | [`Format::Lwc`] | [`lwc`] | NIST LWC KAT text (`Count = 1`, `Key = ..`, ...) |
//! | [`Format::FlatJson`] | [`flat_json`] | a JSON array of flat vectors (RFC and draft appendices) |
//! | [`Format::Acvp`] | [`acvp`] | NIST ACVP `prompt.json` + `expectedResults.json` |
//! | [`Format::Wycheproof`] | [`wycheproof`] | C2SP Wycheproof `testGroups[].tests[]` |
//!
//! The format is detected from the content ([`detect`]). Each format's parser produces the
//! typed cases of [`cases`], whose checkers are shared: an AEAD vector is sealed, opened and
//! opened again with a tampered tag the same way whichever file it came from.
//!
//! Every file yields a [`FileReport`]: passed, failed and skipped counts, skip reasons with
//! their counts, and for each failure the test id and what differed. Vectors for algorithms
//! Mamori does not implement are counted and skipped with a reason such as
//! `"SLH-DSA-SHA2-128s: not implemented in Mamori"`. Problems with the file itself (unreadable,
//! malformed, not fitting the algorithm) are a [`KatError`] with a one-line message; no
//! input makes the engine panic.
//!
//! The official Ascon vectors are compiled in ([`bundled()`], [`run_bundled`], module [`mod@bundled`]):
//!
//! ```
//! let reports = mamori_kat::run_bundled(&[mamori_kat::find_algorithm("ascon-hash256")?]);
//! assert_eq!(reports.len(), 1);
//! assert_eq!((reports[0].passed, reports[0].failed), (1025, 0));
//! # Ok::<(), mamori_kat::KatError>(())
//! ```

pub mod acvp;
pub mod bundled;
pub mod cases;
pub mod dynamic;
pub mod error;
pub mod flat_json;
pub mod lwc;
pub mod registry;
pub mod report;
pub mod wycheproof;

mod resolve;
mod util;

pub use error::{ErrorKind, KatError};
pub use report::{CaseFailure, FileReport, Format};

use registry::Entry;
use report::Tally;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The content of a vector file, classified.
enum Content {
    Lwc,
    Json(Value),
}

/// Which JSON format a parsed document is, if any.
fn json_format(v: &Value) -> Option<Format> {
    match v {
        Value::Array(items) => {
            if items
                .iter()
                .any(|i| i.get("acvVersion").is_some() || i.get("testGroups").is_some())
            {
                Some(Format::Acvp)
            } else if items.iter().all(Value::is_object) {
                Some(Format::FlatJson)
            } else {
                None
            }
        }
        Value::Object(m) => {
            if !m.contains_key("testGroups") {
                return None;
            }
            if ["vsId", "mode", "revision", "acvVersion"]
                .iter()
                .any(|k| m.contains_key(*k))
            {
                return Some(Format::Acvp);
            }
            if ["schema", "numberOfTests", "header", "notes"]
                .iter()
                .any(|k| m.contains_key(*k))
            {
                return Some(Format::Wycheproof);
            }
            let first_test = m
                .get("testGroups")
                .and_then(Value::as_array)
                .and_then(|g| g.first())
                .and_then(|g| g.get("tests"))
                .and_then(Value::as_array)
                .and_then(|t| t.first());
            match first_test {
                Some(t) if t.get("result").is_some() => Some(Format::Wycheproof),
                _ => Some(Format::Acvp),
            }
        }
        _ => None,
    }
}

fn classify(text: &str) -> Result<(Format, Content), KatError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let start = body.trim_start();
    if start.starts_with('{') || start.starts_with('[') {
        let v = util::parse_json(body)?;
        let format = json_format(&v).ok_or_else(|| {
            KatError::new(
                ErrorKind::UnknownFormat,
                "JSON, but not a known vector format: expected a flat array of vector objects, an ACVP vector set or a Wycheproof file (with `testGroups`)",
            )
        })?;
        return Ok((format, Content::Json(v)));
    }
    let first = body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    let is_count = first
        .and_then(|l| l.split('=').next())
        .is_some_and(|name| name.trim().eq_ignore_ascii_case("count"));
    if is_count {
        Ok((Format::Lwc, Content::Lwc))
    } else {
        Err(KatError::new(
            ErrorKind::UnknownFormat,
            "not a known vector format: expected LWC KAT text (starting with `Count = `) or JSON (a flat array, ACVP or Wycheproof)",
        ))
    }
}

/// Detects the format of a vector file from its content.
///
/// # Errors
/// [`ErrorKind::Malformed`] for text that starts like JSON but does not parse;
/// [`ErrorKind::UnknownFormat`] for anything else that is none of the formats.
pub fn detect(text: &str) -> Result<Format, KatError> {
    classify(text).map(|(f, _)| f)
}

/// Looks an algorithm up by canonical name or alias (see [`registry::find`]).
///
/// # Errors
/// [`ErrorKind::UnknownAlgorithm`], listing the algorithms Mamori implements.
pub fn find_algorithm(name: &str) -> Result<Entry, KatError> {
    registry::find(name).ok_or_else(|| {
        let known: Vec<&str> = registry::all().iter().map(|e| e.info().name).collect();
        KatError::new(
            ErrorKind::UnknownAlgorithm,
            format!(
                "unknown algorithm `{name}`; Mamori implements: {}",
                known.join(", ")
            ),
        )
    })
}

/// The bundled vector files: `(algorithm, file name)`, algorithm being the canonical name.
#[must_use]
pub fn bundled() -> Vec<(&'static str, &'static str)> {
    bundled::FILES
        .iter()
        .map(|f| (f.algorithm, f.file_name))
        .collect()
}

/// Runs the bundled files of `algorithms` (all bundled files if the slice is empty). Each
/// report's `source` is `bundled:<file name>`. Algorithms without bundled vectors yield no
/// report.
#[must_use]
pub fn run_bundled(algorithms: &[Entry]) -> Vec<FileReport> {
    bundled::FILES
        .iter()
        .filter(|f| {
            algorithms.is_empty() || algorithms.iter().any(|e| e.info().name == f.algorithm)
        })
        .map(|f| {
            let source = format!("bundled:{}", f.file_name);
            let entry = registry::find(f.algorithm);
            match run_classified(&source, f.file_name, f.text, f.expected, entry) {
                Ok(report) => report,
                // The bundled data are fixed, so this only happens if the engine breaks;
                // report it as a failure rather than hiding the file.
                Err(e) => FileReport {
                    source,
                    format: Format::Lwc,
                    algorithm: None,
                    passed: 0,
                    failed: 1,
                    skipped: 0,
                    skip_reasons: Vec::new(),
                    failures: vec![CaseFailure {
                        id: "(file)".to_owned(),
                        detail: e.to_string(),
                    }],
                },
            }
        })
        .collect()
}

/// Runs vectors held in memory. `source` is used in the report and, as a path, to infer
/// the algorithm from its file (and directory) name when neither the caller nor the file
/// names one. `expected` is an ACVP `expectedResults.json` for an ACVP prompt.
///
/// # Errors
/// As [`run_file`], except for reading files.
pub fn run_text(
    source: &str,
    text: &str,
    expected: Option<&str>,
    algorithm: Option<Entry>,
) -> Result<FileReport, KatError> {
    run_classified(source, source, text, expected, algorithm)
}

fn run_classified(
    source: &str,
    label: &str,
    text: &str,
    expected: Option<&str>,
    algorithm: Option<Entry>,
) -> Result<FileReport, KatError> {
    let (format, content) = classify(text)?;
    let expected = match (format, expected) {
        (_, None) => None,
        (Format::Acvp, Some(e)) => Some(util::parse_json(e).map_err(|err| {
            KatError::new(err.kind(), format!("expected results: {}", err.message()))
        })?),
        (other, Some(_)) => return Err(expected_not_acvp(other)),
    };
    run_content(
        source,
        label,
        text,
        format,
        content,
        expected.as_ref(),
        algorithm,
    )
}

fn expected_not_acvp(format: Format) -> KatError {
    KatError::new(
        ErrorKind::Expected,
        format!("expected results only go with an ACVP prompt, and this is a {format} file"),
    )
}

fn run_content(
    source: &str,
    label: &str,
    text: &str,
    format: Format,
    content: Content,
    expected: Option<&Value>,
    algorithm: Option<Entry>,
) -> Result<FileReport, KatError> {
    let mut tally = Tally::default();
    match (format, &content) {
        (Format::Lwc, _) => lwc::run(text, label, algorithm, &mut tally)?,
        (Format::FlatJson, Content::Json(v)) => flat_json::run(v, label, algorithm, &mut tally)?,
        (Format::Acvp, Content::Json(v)) => acvp::run(v, expected, algorithm, &mut tally)?,
        (Format::Wycheproof, Content::Json(v)) => wycheproof::run(v, label, algorithm, &mut tally)?,
        (_, Content::Lwc) => {
            return Err(KatError::new(
                ErrorKind::UnknownFormat,
                "not a known vector format",
            ));
        }
    }
    Ok(tally.finish(source, format))
}

fn read_text(path: &Path) -> Result<String, KatError> {
    let bytes = std::fs::read(path).map_err(|e| {
        KatError::new(
            ErrorKind::Io,
            format!("cannot read `{}`: {e}", path.display()),
        )
    })?;
    String::from_utf8(bytes).map_err(|_| {
        KatError::new(
            ErrorKind::UnknownFormat,
            format!(
                "`{}` is not UTF-8 text, so not a vector file",
                path.display()
            ),
        )
    })
}

fn named(path: &Path, name: &str) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case(name))
}

/// The file to run and where its ACVP expected results would be if not given.
fn locate(path: &Path, expected: Option<&Path>) -> Result<(PathBuf, Option<PathBuf>), KatError> {
    if path.is_dir() {
        let prompt = path.join("prompt.json");
        if prompt.is_file() {
            return Ok((prompt, Some(path.join("expectedResults.json"))));
        }
        let combined = path.join("internalProjection.json");
        if combined.is_file() {
            return Ok((combined, None));
        }
        return Err(KatError::new(
            ErrorKind::Io,
            format!(
                "`{}` is a directory without prompt.json (or internalProjection.json)",
                path.display()
            ),
        ));
    }
    let sibling = |name: &str| path.parent().map(|d| d.join(name));
    if expected.is_none()
        && named(path, "expectedResults.json")
        && let Some(prompt) = sibling("prompt.json").filter(|p| p.is_file())
    {
        return Ok((prompt, Some(path.to_path_buf())));
    }
    let exp = sibling("expectedResults.json").filter(|_| !named(path, "expectedResults.json"));
    Ok((path.to_path_buf(), exp))
}

/// Runs one vector file.
///
/// The format is detected from the content. The algorithm is, in this order: the one a
/// vector names inside the file (`algorithm` field, ACVP or Wycheproof `parameterSet`),
/// `algorithm`, or the one the file name suggests (e.g. `asconaead128_LWC_...` for an LWC
/// file, the stem or directory name for JSON). Vectors for algorithms Mamori does not
/// implement, or other than `algorithm` when it is given, are skipped with a reason.
///
/// For ACVP, `path` is the `prompt.json` and `expected` its `expectedResults.json`. If
/// `expected` is `None`: a directory `path` holding `prompt.json` and
/// `expectedResults.json` is run as that pair; a `prompt.json` with an
/// `expectedResults.json` beside it is joined with it; an `expectedResults.json` with a
/// `prompt.json` beside it runs that pair; otherwise the file must carry its expected
/// values inline.
///
/// # Errors
/// A [`KatError`] whose message starts with `path`: [`ErrorKind::Io`] if a file cannot be
/// read; [`ErrorKind::UnknownFormat`] if the content is no known format;
/// [`ErrorKind::Malformed`] for bad JSON, hex or fields; [`ErrorKind::AlgorithmNeeded`] if
/// nothing names the algorithm; [`ErrorKind::Mismatch`] if the vectors do not fit the
/// algorithm (hash vectors given for an AEAD, say); [`ErrorKind::Expected`] for an ACVP
/// prompt without expected results, a pair that does not belong together, or `expected`
/// given for a file that is not ACVP.
pub fn run_file(
    path: &Path,
    expected: Option<&Path>,
    algorithm: Option<Entry>,
) -> Result<FileReport, KatError> {
    let source = path.display().to_string();
    run_path(path, expected, algorithm, &source).map_err(|e| {
        if e.kind() == ErrorKind::Io {
            e
        } else {
            e.in_source(&source)
        }
    })
}

fn run_path(
    path: &Path,
    expected: Option<&Path>,
    algorithm: Option<Entry>,
    source: &str,
) -> Result<FileReport, KatError> {
    let (file, sibling) = locate(path, expected)?;
    let text = read_text(&file)?;
    let (format, content) = classify(&text)?;
    let expected_path = match (format, expected) {
        (Format::Acvp, Some(p)) => Some(p.to_path_buf()),
        (Format::Acvp, None) => sibling.filter(|p| p.is_file()),
        (other, Some(_)) => return Err(expected_not_acvp(other)),
        (_, None) => None,
    };
    let expected_value = match expected_path {
        Some(p) => Some(util::parse_json(&read_text(&p)?).map_err(|err| {
            KatError::new(
                err.kind(),
                format!("expected results `{}`: {}", p.display(), err.message()),
            )
        })?),
        None => None,
    };
    let label = file.to_string_lossy();
    run_content(
        source,
        &label,
        &text,
        format,
        content,
        expected_value.as_ref(),
        algorithm,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats() {
        assert_eq!(
            detect("\n# c\nCount = 1\nMsg =\nMD = 00\n").unwrap(),
            Format::Lwc
        );
        assert_eq!(detect(r#"[{"key": "00"}]"#).unwrap(), Format::FlatJson);
        assert_eq!(
            detect(r#"[{"acvVersion": "1.0"}, {"vsId": 1, "testGroups": []}]"#).unwrap(),
            Format::Acvp
        );
        assert_eq!(
            detect(r#"{"algorithm": "ML-KEM", "mode": "keyGen", "testGroups": []}"#).unwrap(),
            Format::Acvp
        );
        assert_eq!(
            detect(r#"{"algorithm": "X", "schema": "aead_test_schema_v1.json", "testGroups": []}"#)
                .unwrap(),
            Format::Wycheproof
        );
        assert_eq!(
            detect(r#"{"testGroups": [{"tests": [{"tcId": 1, "result": "valid"}]}]}"#).unwrap(),
            Format::Wycheproof
        );
        assert_eq!(detect("{").unwrap_err().kind(), ErrorKind::Malformed);
        assert_eq!(detect("{}").unwrap_err().kind(), ErrorKind::UnknownFormat);
        assert_eq!(
            detect("hello").unwrap_err().kind(),
            ErrorKind::UnknownFormat
        );
        assert_eq!(detect("").unwrap_err().kind(), ErrorKind::UnknownFormat);
        assert_eq!(
            detect("[1, 2]").unwrap_err().kind(),
            ErrorKind::UnknownFormat
        );
    }

    #[test]
    fn bundled_list() {
        let b = bundled();
        // Ascon 4, Rocca-S 1, AEGIS-256 2 (one file, both tag sizes), ML-KEM 3 x 2 and
        // ML-DSA 3 x 3 (ACVP).
        assert_eq!(b.len(), 7 + 6 + 9);
        for (alg, _) in b {
            assert!(registry::find(alg).is_some(), "{alg}");
        }
    }

    #[test]
    fn unknown_algorithm_lists_the_known_ones() {
        let e = find_algorithm("rocca").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnknownAlgorithm);
        assert!(e.to_string().contains("unknown algorithm `rocca`"), "{e}");
        assert!(e.to_string().contains("ascon-aead128"), "{e}");
    }
}
