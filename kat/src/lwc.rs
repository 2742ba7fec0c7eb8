//! NIST Lightweight Cryptography KAT text.
//!
//! Records are separated by blank lines and start with `Count = n`:
//!
//! * AEAD: `Key`, `Nonce`, `PT`, `AD`, `CT`, where `CT` is the ciphertext followed by the
//!   tag (the ciphertext is as long as `PT`).
//! * Hash and XOF: `Msg`, `MD` (for an XOF, `MD`'s length is the output length requested).
//! * CXOF: `Msg`, `Z` (the customization string), `MD`.
//!
//! Empty values are written with nothing after the `=`. CRLF line ends, trailing
//! whitespace and `#` comment lines are tolerated.

use crate::cases::{AeadCase, DigestCase, Expect};
use crate::cases::{Batch, Group, run_groups};
use crate::error::{ErrorKind, KatError};
use crate::registry::Entry;
use crate::report::Tally;
use crate::resolve::{self, Resolved, describe};
use crate::util::decode_hex;

/// The cases of an LWC file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LwcFile {
    /// AEAD records (`Key`, `Nonce`, `PT`, `AD`, `CT`).
    Aead(Vec<AeadCase>),
    /// Hash or XOF records (`Msg`, `MD`).
    Digest(Vec<DigestCase>),
    /// CXOF records (`Msg`, `Z`, `MD`).
    Cxof(Vec<DigestCase>),
}

impl LwcFile {
    /// Number of records.
    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            LwcFile::Aead(c) => c.len(),
            LwcFile::Digest(c) | LwcFile::Cxof(c) => c.len(),
        }
    }

    /// True if there are no records (never the case for a parsed file).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn describe(&self) -> &'static str {
        match self {
            LwcFile::Aead(_) => "LWC AEAD vectors (Key, Nonce, PT, AD, CT)",
            LwcFile::Digest(_) => "LWC hash/XOF vectors (Msg, MD)",
            LwcFile::Cxof(_) => "LWC CXOF vectors (Msg, Z, MD)",
        }
    }
}

/// One raw record: its `Count`, first line number, and `(name, value, line)` fields.
struct Record<'a> {
    count: &'a str,
    line: usize,
    fields: Vec<(&'a str, &'a str, usize)>,
}

impl Record<'_> {
    fn id(&self) -> String {
        format!("Count = {}", self.count)
    }

    fn get(&self, name: &str) -> Option<(&str, usize)> {
        self.fields
            .iter()
            .find(|(n, _, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, v, l)| (v, l))
    }

    fn hex(&self, name: &str) -> Result<Vec<u8>, KatError> {
        let (value, line) = self.get(name).ok_or_else(|| {
            KatError::malformed(format!(
                "{} (line {}): missing field `{name}`",
                self.id(),
                self.line
            ))
        })?;
        decode_hex(value, &|| {
            format!("`{name}` of {} (line {line})", self.id())
        })
    }

    fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
}

const AEAD_FIELDS: &[&str] = &["Key", "Nonce", "PT", "AD", "CT"];
const DIGEST_FIELDS: &[&str] = &["Msg", "MD"];
const CXOF_FIELDS: &[&str] = &["Msg", "Z", "MD"];

fn records(text: &str) -> Result<Vec<Record<'_>>, KatError> {
    let mut out: Vec<Record<'_>> = Vec::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((name, value)) = line.split_once('=') else {
            return Err(KatError::malformed(format!(
                "line {line_no}: expected `Name = value`, found {:?}",
                truncate(line)
            )));
        };
        let (name, value) = (name.trim(), value.trim());
        if name.eq_ignore_ascii_case("Count") {
            out.push(Record {
                count: value,
                line: line_no,
                fields: Vec::new(),
            });
            continue;
        }
        let Some(rec) = out.last_mut() else {
            return Err(KatError::malformed(format!(
                "line {line_no}: `{name}` before the first `Count =`"
            )));
        };
        if rec.has(name) {
            return Err(KatError::malformed(format!(
                "line {line_no}: `{name}` given twice in {}",
                rec.id()
            )));
        }
        rec.fields.push((name, value, line_no));
    }
    if out.is_empty() {
        return Err(KatError::malformed("no `Count =` records"));
    }
    Ok(out)
}

fn truncate(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        t.push('…');
    }
    t
}

/// Which of the three record kinds `r` is.
fn kind_of(r: &Record<'_>) -> Result<&'static [&'static str], KatError> {
    let known = |set: &[&str]| {
        r.fields
            .iter()
            .all(|(n, _, _)| set.iter().any(|k| k.eq_ignore_ascii_case(n)))
    };
    for set in [AEAD_FIELDS, CXOF_FIELDS, DIGEST_FIELDS] {
        if known(set) && set.iter().all(|k| r.has(k)) {
            return Ok(set);
        }
    }
    if let Some((n, _, l)) = r.fields.iter().find(|(n, _, _)| {
        ![AEAD_FIELDS, CXOF_FIELDS]
            .iter()
            .any(|set| set.iter().any(|k| k.eq_ignore_ascii_case(n)))
    }) {
        return Err(KatError::malformed(format!(
            "line {l}: unknown field `{n}` in {} (LWC fields are Key, Nonce, PT, AD, CT for AEADs; Msg, MD for hashes and XOFs; Msg, Z, MD for CXOFs)",
            r.id()
        )));
    }
    let want = if r.has("Key") || r.has("CT") {
        AEAD_FIELDS
    } else if r.has("Z") {
        CXOF_FIELDS
    } else {
        DIGEST_FIELDS
    };
    let missing: Vec<&str> = want.iter().copied().filter(|k| !r.has(k)).collect();
    Err(KatError::malformed(format!(
        "{} (line {}): missing field{} {}",
        r.id(),
        r.line,
        if missing.len() == 1 { "" } else { "s" },
        missing.join(", ")
    )))
}

/// Parses LWC KAT text.
///
/// # Errors
/// [`ErrorKind::Malformed`] for a line that is not `Name = value`, a field before the first
/// `Count`, a repeated, unknown or missing field, records of different kinds, bad hex, or an
/// AEAD `CT` shorter than its `PT`.
pub fn parse(text: &str) -> Result<LwcFile, KatError> {
    let recs = records(text)?;
    let mut kind = None;
    for r in &recs {
        let k = kind_of(r)?;
        match kind {
            None => kind = Some(k),
            Some(prev) if prev != k => {
                return Err(KatError::malformed(format!(
                    "{} (line {}): record fields differ from the earlier records (mixed vector kinds in one file)",
                    r.id(),
                    r.line
                )));
            }
            Some(_) => {}
        }
    }
    match kind {
        Some(k) if k == AEAD_FIELDS => recs
            .iter()
            .map(aead_case)
            .collect::<Result<_, _>>()
            .map(LwcFile::Aead),
        Some(k) if k == CXOF_FIELDS => recs
            .iter()
            .map(|r| digest_case(r, true))
            .collect::<Result<_, _>>()
            .map(LwcFile::Cxof),
        _ => recs
            .iter()
            .map(|r| digest_case(r, false))
            .collect::<Result<_, _>>()
            .map(LwcFile::Digest),
    }
}

fn aead_case(r: &Record<'_>) -> Result<AeadCase, KatError> {
    let msg = r.hex("PT")?;
    let ct_tag = r.hex("CT")?;
    if ct_tag.len() < msg.len() {
        return Err(KatError::malformed(format!(
            "{} (line {}): CT has {} bytes, fewer than PT's {}",
            r.id(),
            r.line,
            ct_tag.len(),
            msg.len()
        )));
    }
    let (ct, tag) = ct_tag.split_at(msg.len());
    Ok(AeadCase {
        id: r.id(),
        key: r.hex("Key")?,
        nonce: r.hex("Nonce")?,
        ad: r.hex("AD")?,
        ct: ct.to_vec(),
        tag: tag.to_vec(),
        msg: Some(msg),
        expect: Expect::Valid,
    })
}

fn digest_case(r: &Record<'_>, customized: bool) -> Result<DigestCase, KatError> {
    Ok(DigestCase {
        id: r.id(),
        msg: r.hex("Msg")?,
        customization: if customized { Some(r.hex("Z")?) } else { None },
        md: r.hex("MD")?,
    })
}

/// Checks that the file's kind (from its content, and from the `_LWC_<KIND>_` token of its
/// name if any) fits the algorithm's family.
fn check_fit(
    file: &LwcFile,
    label: &str,
    e: Entry,
    inferred: Option<&str>,
) -> Result<(), KatError> {
    let how = inferred.map_or_else(String::new, |name| {
        format!(", the algorithm inferred from the file name (`{name}`)")
    });
    let fits = match (file, e) {
        (LwcFile::Aead(_), Entry::Aead(_)) => true,
        (LwcFile::Digest(_), Entry::Hash(_) | Entry::Xof(_)) => true,
        (LwcFile::Cxof(_), Entry::Xof(x)) => {
            if x.max_customization_len() == 0 {
                return Err(KatError::mismatch(format!(
                    "{} need a customizable XOF; {} takes no customization string{how}",
                    file.describe(),
                    e.info().name
                )));
            }
            true
        }
        _ => false,
    };
    if !fits {
        return Err(KatError::mismatch(format!(
            "{} do not fit {}{how}",
            file.describe(),
            describe(e)
        )));
    }
    if let Some(kind) = resolve::lwc_kind(label) {
        let ok = match kind.as_str() {
            "AEAD" => matches!(e, Entry::Aead(_)),
            "HASH" => matches!(e, Entry::Hash(_)),
            "XOF" | "CXOF" => matches!(e, Entry::Xof(_)),
            _ => true,
        };
        if !ok {
            return Err(KatError::mismatch(format!(
                "the file name says LWC {kind} vectors, which do not fit {}{how}",
                describe(e)
            )));
        }
    }
    Ok(())
}

/// Runs an LWC file. The algorithm is `requested`, else inferred from the file name.
pub(crate) fn run(
    text: &str,
    label: &str,
    requested: Option<Entry>,
    tally: &mut Tally,
) -> Result<(), KatError> {
    let file = parse(text)?;
    let (resolved, inferred) = match requested {
        Some(e) => (Resolved::Run(e), None),
        None => match resolve::infer_lwc(label) {
            Some(i) => (i.resolved, Some(i.name)),
            None => {
                return Err(KatError::new(
                    ErrorKind::AlgorithmNeeded,
                    "cannot tell which algorithm these LWC vectors are for (the file name has no `<algorithm>_LWC_` prefix): name the algorithm",
                ));
            }
        },
    };
    if let Resolved::Run(e) = resolved {
        check_fit(&file, label, e, inferred.as_deref())?;
    }
    let batch = match &file {
        LwcFile::Aead(c) => Batch::Aead(c),
        LwcFile::Digest(c) | LwcFile::Cxof(c) => Batch::Digest(c),
    };
    let group = Group {
        named: None,
        resolved,
        batch,
    };
    // `check_fit` rejected every family that does not fit.
    run_groups(&[group], None, "LWC vectors", tally, |_, e| {
        KatError::mismatch(format!("{} do not fit {}", file.describe(), describe(e)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_crlf_trailing_spaces_and_empty_values() {
        let t = "Count = 1\r\nKey = 00\r\nNonce = 01  \r\nPT =\r\nAD = \r\nCT = AABB\r\n\r\n";
        let LwcFile::Aead(c) = parse(t).unwrap() else {
            panic!("not AEAD")
        };
        assert_eq!(c[0].id, "Count = 1");
        assert_eq!(c[0].nonce, [1]);
        assert!(c[0].msg.as_ref().unwrap().is_empty());
        assert!(c[0].ct.is_empty());
        assert_eq!(c[0].tag, [0xaa, 0xbb]);
    }

    #[test]
    fn tolerates_a_byte_order_mark_and_comments() {
        let t = "\u{feff}# generated\nCount = 1\nMsg = \nMD = 00\n";
        assert_eq!(parse(t).unwrap().len(), 1);
    }

    #[test]
    fn rejects_bad_records() {
        let cases = [
            ("Key = 00\n", "before the first `Count =`"),
            ("Count = 1\nMsg = 00\nMsg = 01\nMD = 00\n", "given twice"),
            (
                "Count = 1\nMsg = 00\nFoo = 1\nMD = 00\n",
                "unknown field `Foo`",
            ),
            ("Count = 1\nMsg = 00\n", "missing field MD"),
            (
                "Count = 1\nMsg = 0g\nMD = 00\n",
                "malformed hex in `Msg` of Count = 1",
            ),
            (
                "Count = 1\nMsg = 00\nMD = 00\n\nCount = 2\nMsg = 00\nZ = \nMD = 00\n",
                "mixed",
            ),
            (
                "Count = 1\nKey = \nNonce = \nPT = 0011\nAD = \nCT = 00\n",
                "fewer than PT",
            ),
            ("Count = 1\nno equals sign\n", "expected `Name = value`"),
        ];
        for (text, want) in cases {
            let e = parse(text).unwrap_err();
            assert!(e.message().contains(want), "{text:?}: {e}");
        }
    }
}
