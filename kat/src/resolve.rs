//! Which algorithm a vector (or a whole file) is for: named in the file, given by the
//! caller, or inferred from the file name.

use crate::registry::{self, Entry};
use crate::util::normalize;
use mamori_primitives::Family;

/// The resolution of an algorithm name found in a file.
#[derive(Clone, Debug)]
pub(crate) enum Resolved {
    /// Run on this implementation.
    Run(Entry),
    /// Skip every case, for this reason.
    Skip(String),
}

/// `"<name>: not implemented in Mamori"`.
pub(crate) fn not_implemented(name: &str) -> String {
    format!("{name}: not implemented in Mamori")
}

/// Resolves an algorithm named inside a file (an `algorithm` field, an ACVP or Wycheproof
/// parameter set). With a `requested` algorithm, other names are skipped as not requested.
pub(crate) fn by_name(name: &str, requested: Option<Entry>) -> Resolved {
    match requested {
        Some(e) if e.info().matches(name) => Resolved::Run(e),
        Some(e) => Resolved::Skip(format!(
            "{name}: not the requested algorithm ({})",
            e.info().name
        )),
        None => match registry::find(name) {
            Some(e) => Resolved::Run(e),
            None => Resolved::Skip(not_implemented(name)),
        },
    }
}

/// Algorithms Mamori does not implement (yet) but whose vector files it may be given,
/// matched as substrings of normalized file and directory names so that skip reasons name
/// them properly. Longer keys first.
const KNOWN: &[(&str, &str)] = &[
    ("aegis128x", "AEGIS-128X"),
    ("aegis256x", "AEGIS-256X"),
    ("aegis128l", "AEGIS-128L"),
    ("aegis256", "AEGIS-256"),
    ("roccas", "Rocca-S"),
    ("camellia", "Camellia"),
    ("clefia", "CLEFIA"),
    ("kcipher2", "KCipher-2"),
    ("present128", "PRESENT-128"),
    ("present80", "PRESENT-80"),
    ("mlkem", "ML-KEM"),
    ("mldsa", "ML-DSA"),
    ("slhdsa", "SLH-DSA"),
];

/// An algorithm inferred from a file name.
#[derive(Clone, Debug)]
pub(crate) struct Inferred {
    /// The resolution.
    pub(crate) resolved: Resolved,
    /// The name as found, for messages.
    pub(crate) name: String,
}

/// The algorithm of a group of vectors, by precedence: the name the file gives it, else
/// the caller's, else the one inferred from the file name (then also returning the name it
/// was inferred from). `None` if there is none of the three.
pub(crate) fn pick<'a>(
    named: Option<&str>,
    requested: Option<Entry>,
    inferred: Option<&'a Inferred>,
) -> Option<(Resolved, Option<&'a str>)> {
    match (named, requested, inferred) {
        (Some(n), _, _) => Some((by_name(n, requested), None)),
        (None, Some(e), _) => Some((Resolved::Run(e), None)),
        (None, None, Some(i)) => Some((i.resolved.clone(), Some(i.name.as_str()))),
        (None, None, None) => None,
    }
}

/// Splits a path-like label into (file stem, parent directory name).
fn stem_and_parent(label: &str) -> (&str, &str) {
    let path = std::path::Path::new(label);
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let parent = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|s| s.to_str())
        .unwrap_or("");
    (stem, parent)
}

/// The LWC algorithm prefix of a file name: what precedes `_LWC` (any case).
pub(crate) fn lwc_prefix(label: &str) -> Option<&str> {
    let (stem, _) = stem_and_parent(label);
    let at = stem.to_ascii_lowercase().find("_lwc")?;
    stem.get(..at).filter(|p| !p.is_empty())
}

/// The LWC kind token of a file name (`AEAD`, `HASH`, `XOF`, `CXOF`), upper-cased.
pub(crate) fn lwc_kind(label: &str) -> Option<String> {
    let (stem, _) = stem_and_parent(label);
    let upper = stem.to_ascii_uppercase();
    let at = upper.find("_LWC_")?;
    let rest = upper.get(at + 5..)?;
    let kind = rest.split('_').next()?;
    (!kind.is_empty()).then(|| kind.to_owned())
}

/// Infers the algorithm of an LWC file from the prefix before `_LWC` in its name. A prefix
/// Mamori does not know resolves to "not implemented".
pub(crate) fn infer_lwc(label: &str) -> Option<Inferred> {
    let prefix = lwc_prefix(label)?;
    let resolved = match registry::find(prefix) {
        Some(e) => Resolved::Run(e),
        None => match known_in(prefix) {
            Some(display) => match registry::find(display) {
                Some(e) => Resolved::Run(e),
                None => Resolved::Skip(not_implemented(display)),
            },
            None => Resolved::Skip(not_implemented(prefix)),
        },
    };
    Some(Inferred {
        resolved,
        name: prefix.to_owned(),
    })
}

fn known_in(text: &str) -> Option<&'static str> {
    let n = normalize(text);
    KNOWN
        .iter()
        .find(|(key, _)| n.contains(key))
        .map(|&(_, display)| display)
}

/// Infers the algorithm of a JSON file from its name: the stem, the stem up to the first
/// `_`, or the parent directory name matching a registry name or alias; failing that, a
/// known-but-unimplemented algorithm named within the stem or the directory name.
pub(crate) fn infer_json(label: &str) -> Option<Inferred> {
    let (stem, parent) = stem_and_parent(label);
    let first = stem.split('_').next().unwrap_or("");
    for cand in [stem, first, parent] {
        if cand.is_empty() {
            continue;
        }
        if let Some(e) = registry::find(cand) {
            return Some(Inferred {
                resolved: Resolved::Run(e),
                name: cand.to_owned(),
            });
        }
    }
    for cand in [stem, parent] {
        if let Some(display) = known_in(cand) {
            let resolved = match registry::find(display) {
                Some(e) => Resolved::Run(e),
                None => Resolved::Skip(not_implemented(display)),
            };
            return Some(Inferred {
                resolved,
                name: display.to_owned(),
            });
        }
    }
    None
}

/// A human phrase for a family, e.g. `"an AEAD"`.
pub(crate) fn family_phrase(f: Family) -> &'static str {
    match f {
        Family::Aead => "an AEAD",
        Family::Hash => "a hash function",
        Family::Xof => "an XOF",
        Family::Kem => "a KEM",
        Family::Signature => "a signature scheme",
        Family::BlockCipher => "a block cipher",
        Family::StreamCipher => "a stream cipher",
        _ => "another kind of algorithm",
    }
}

/// `"<name> (<family phrase>)"` for messages.
pub(crate) fn describe(e: Entry) -> String {
    format!("{} ({})", e.info().name, family_phrase(e.info().family))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lwc_names() {
        assert_eq!(
            lwc_prefix("x/asconaead128_LWC_AEAD_KAT_128_128.txt"),
            Some("asconaead128")
        );
        assert_eq!(
            lwc_kind("asconcxof128_LWC_CXOF_KAT_128_512.txt").as_deref(),
            Some("CXOF")
        );
        assert!(lwc_prefix("_LWC_AEAD.txt").is_none());
        let i = infer_lwc("asconhash256_LWC_HASH_KAT_128_256.txt").unwrap();
        assert!(matches!(i.resolved, Resolved::Run(e) if e.info().name == "ascon-hash256"));
        let i = infer_lwc("giftcofb128v1_LWC_AEAD_KAT_128_128.txt").unwrap();
        assert!(
            matches!(&i.resolved, Resolved::Skip(r) if r == "giftcofb128v1: not implemented in Mamori")
        );
        assert!(infer_lwc("vectors.txt").is_none());
    }

    #[test]
    fn json_names() {
        let i = infer_json("/k/rocca-s/draft-nakano-rocca-s-05.json").unwrap();
        assert!(matches!(i.resolved, Resolved::Run(e) if e.info().name == "rocca-s"));
        let i = infer_json("/k/aegis256/draft-irtf-cfrg-aegis-aead-18.json").unwrap();
        assert!(matches!(i.resolved, Resolved::Run(e) if e.info().name == "aegis-256"));
        let i = infer_json("/k/aegis/aegis128l.json").unwrap();
        assert!(matches!(&i.resolved, Resolved::Skip(r) if r.starts_with("AEGIS-128L:")));
        let i = infer_json("ascon-hash256.json").unwrap();
        assert!(matches!(i.resolved, Resolved::Run(e) if e.info().name == "ascon-hash256"));
        let i = infer_json("asconaead128_more.json").unwrap();
        assert!(matches!(i.resolved, Resolved::Run(e) if e.info().name == "ascon-aead128"));
        assert!(infer_json("/tmp/vectors.json").is_none());
    }
}
