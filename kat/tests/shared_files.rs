//! The real vector files in `../shared/kat` (beside the repository) parse; ML-KEM's and
//! ML-DSA's pass in full (all three parameter sets; for ML-DSA every signing interface:
//! pure, pre-hash, internal and external mu), and the algorithms not implemented yet
//! (SLH-DSA) have every case reported skipped with a reason naming the algorithm (and
//! parameter set). Counts are checked against counts computed here
//! independently with `serde_json::Value`.
//!
//! A clone without `../shared` skips these tests (printing "skipped: ../shared not found").

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use mamori_kat::{FileReport, Format, find_algorithm, run_file};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `<repo>/../shared/kat`, if present.
fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/kat");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared not found");
        None
    }
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn reasons(r: &FileReport) -> BTreeMap<String, usize> {
    r.skip_reasons.iter().cloned().collect()
}

fn assert_all_skipped(r: &FileReport, total: usize) {
    assert_eq!((r.passed, r.failed, r.skipped), (0, 0, total), "{r}");
    assert!(r.ok());
    assert_eq!(r.algorithm, None);
    assert!(r.failures.is_empty());
}

#[test]
fn flat_json_files_are_skipped_per_algorithm() {
    let Some(kat) = shared() else { return };
    // (file, name used when the vectors carry no `algorithm` field)
    let files = [
        ("cryptrec/camellia_rfc3713.json", ""),
        ("cryptrec/clefia_rfc6114.json", ""),
        ("cryptrec/kcipher2_rfc7008.json", ""),
        ("cryptrec/present80_ches2007.json", ""),
        ("cryptrec/present128_derived.json", ""),
    ];
    for (file, fallback) in files {
        let path = kat.join(file);
        let Value::Array(items) = json(&path) else {
            panic!("{file} is not an array")
        };
        let mut want = BTreeMap::new();
        for item in &items {
            let name = item
                .get("algorithm")
                .and_then(Value::as_str)
                .unwrap_or(fallback);
            *want
                .entry(format!("{name}: not implemented in Mamori"))
                .or_insert(0) += 1;
        }
        let r = run_file(&path, None, None).unwrap();
        assert_eq!(r.format, Format::FlatJson, "{file}");
        assert_all_skipped(&r, items.len());
        assert_eq!(reasons(&r), want, "{file}");
    }
}

/// `(parameterSet → number of tests)` of an ACVP prompt, computed with `Value` alone.
fn acvp_counts(prompt: &Value) -> (usize, BTreeMap<String, usize>) {
    let vs = match prompt {
        Value::Array(a) => a.iter().find(|v| v.get("testGroups").is_some()).unwrap(),
        v => v,
    };
    let mut per_set = BTreeMap::new();
    let mut total = 0;
    for g in vs["testGroups"].as_array().unwrap() {
        let n = g["tests"].as_array().unwrap().len();
        total += n;
        *per_set
            .entry(g["parameterSet"].as_str().unwrap().to_owned())
            .or_insert(0) += n;
    }
    (total, per_set)
}

const ACVP_DIRS: &[&str] = &[
    "ML-KEM-keyGen-FIPS203",
    "ML-KEM-encapDecap-FIPS203",
    "ML-DSA-keyGen-FIPS204",
    "ML-DSA-sigGen-FIPS204",
    "ML-DSA-sigVer-FIPS204",
    "SLH-DSA-keyGen-FIPS205",
    "SLH-DSA-sigGen-FIPS205",
    "SLH-DSA-sigVer-FIPS205",
];

#[test]
fn acvp_sets_parse_and_are_skipped_per_parameter_set() {
    let Some(kat) = shared() else { return };
    for dir in ACVP_DIRS {
        let d = kat.join("acvp").join(dir);
        let prompt_text = std::fs::read_to_string(d.join("prompt.json")).unwrap();
        let prompt: Value = serde_json::from_str(&prompt_text).unwrap();
        let (total, per_set) = acvp_counts(&prompt);
        let want: BTreeMap<String, usize> = per_set
            .into_iter()
            .map(|(ps, n)| (format!("{ps}: not implemented in Mamori"), n))
            .collect();
        // Given as the directory (prompt.json + expectedResults.json inside it).
        let r = run_file(&d, None, None).unwrap();
        assert_eq!(r.format, Format::Acvp, "{dir}");
        assert_eq!(r.source, d.display().to_string());
        if dir.starts_with("ML-KEM") || dir.starts_with("ML-DSA") {
            // Implemented: every case of every parameter set passes.
            assert_eq!((r.passed, r.failed, r.skipped), (total, 0, 0), "{r}");
        } else {
            assert_all_skipped(&r, total);
            assert_eq!(reasons(&r), want, "{dir}");
        }
        // The typed parse: one typed case per test, per group.
        let expected = std::fs::read_to_string(d.join("expectedResults.json")).unwrap();
        check_typed(dir, &prompt, &prompt_text, &expected);
    }
}

/// Every group of the real files is typed (none unsupported) with the right number of
/// cases, and the modes come out as the expected operations and interfaces.
fn check_typed(dir: &str, pv: &Value, prompt: &str, expected: &str) {
    use mamori_kat::acvp::{AcvpCases, parse};
    use mamori_kat::cases::{KemOp, SigOp};
    let set = parse(prompt, Some(expected)).unwrap();
    let groups = pv["testGroups"].as_array().unwrap();
    assert_eq!(set.groups.len(), groups.len(), "{dir}");
    for (g, gv) in set.groups.iter().zip(groups) {
        assert_eq!(g.tg_id, gv["tgId"].as_u64().unwrap());
        assert_eq!(
            g.cases.len(),
            gv["tests"].as_array().unwrap().len(),
            "{dir} tgId {}",
            g.tg_id
        );
        assert!(
            !matches!(g.cases, AcvpCases::Unsupported { .. }),
            "{dir} tgId {} unsupported",
            g.tg_id
        );
    }
    match (
        set.algorithm.as_str(),
        set.mode.as_str(),
        &set.groups[0].cases,
    ) {
        ("ML-KEM", "keyGen", AcvpCases::Kem(c)) => {
            assert!(matches!(&c[0].op, KemOp::KeyGen { seed, .. } if seed.len() == 64));
        }
        ("ML-KEM", "encapDecap", AcvpCases::Kem(_)) => {
            // Every function of the FIPS 203 encapDecap set is represented.
            let mut kinds = std::collections::HashSet::new();
            for g in &set.groups {
                if let AcvpCases::Kem(c) = &g.cases {
                    kinds.insert(std::mem::discriminant(&c[0].op));
                }
            }
            assert_eq!(
                kinds.len(),
                4,
                "encapsulation, decapsulation and both key checks"
            );
        }
        ("ML-DSA" | "SLH-DSA", "keyGen", AcvpCases::Signature(c)) => {
            assert!(matches!(&c[0].op, SigOp::KeyGen { .. }));
        }
        ("ML-DSA" | "SLH-DSA", "sigGen" | "sigVer", AcvpCases::Signature(_)) => {
            let mut interfaces = std::collections::BTreeSet::new();
            for g in &set.groups {
                if let AcvpCases::Signature(c) = &g.cases
                    && let SigOp::Sign { interface, .. } | SigOp::Verify { interface, .. } =
                        &c[0].op
                {
                    interfaces.insert(interface.name());
                }
            }
            assert!(
                ["external", "pre-hash", "internal"]
                    .iter()
                    .all(|i| interfaces.contains(i)),
                "{dir}: {interfaces:?}"
            );
        }
        other => panic!("{dir}: unexpected {:?}", (other.0, other.1)),
    }
}

#[test]
fn acvp_pairs_are_found_from_either_file() {
    let Some(kat) = shared() else { return };
    let d = kat.join("acvp/ML-KEM-encapDecap-FIPS203");
    let (total, _) = acvp_counts(&json(&d.join("prompt.json")));
    let explicit = run_file(
        &d.join("prompt.json"),
        Some(&d.join("expectedResults.json")),
        None,
    )
    .unwrap();
    let sibling = run_file(&d.join("prompt.json"), None, None).unwrap();
    let reverse = run_file(&d.join("expectedResults.json"), None, None).unwrap();
    for r in [&explicit, &sibling, &reverse] {
        assert_eq!((r.passed, r.failed, r.skipped), (total, 0, 0), "{r}");
    }
}

#[test]
fn acvp_prompt_alone_asks_for_expected_results() {
    let Some(kat) = shared() else { return };
    let d = kat.join("acvp/ML-DSA-keyGen-FIPS204");
    let prompt = std::fs::read_to_string(d.join("prompt.json")).unwrap();
    let e = mamori_kat::run_text("prompt.json", &prompt, None, None).unwrap_err();
    assert_eq!(e.kind(), mamori_kat::ErrorKind::Expected);
    assert!(e.to_string().contains("expectedResults.json"), "{e}");
    // The wrong expected results are refused.
    let other =
        std::fs::read_to_string(kat.join("acvp/ML-KEM-keyGen-FIPS203/expectedResults.json"))
            .unwrap();
    let e = mamori_kat::run_text("prompt.json", &prompt, Some(&other), None).unwrap_err();
    assert_eq!(e.kind(), mamori_kat::ErrorKind::Expected);
    assert!(e.to_string().contains("do not belong together"), "{e}");
}

#[test]
fn shared_files_given_for_ascon_are_a_mismatch() {
    let Some(kat) = shared() else { return };
    let aead = find_algorithm("ascon-aead128").unwrap();
    let e = run_file(&kat.join("acvp/ML-KEM-keyGen-FIPS203"), None, Some(aead)).unwrap_err();
    assert_eq!(e.kind(), mamori_kat::ErrorKind::Mismatch, "{e}");
    assert!(e.to_string().contains("ascon-aead128"), "{e}");
    let e = run_file(
        &kat.join("cryptrec/camellia_rfc3713.json"),
        None,
        Some(aead),
    )
    .unwrap_err();
    assert_eq!(e.kind(), mamori_kat::ErrorKind::Mismatch, "{e}");
    assert!(e.to_string().contains("Camellia-128"), "{e}");
    let hash = find_algorithm("ascon-hash256").unwrap();
    let e = run_file(
        &kat.join("ascon/asconaead128_LWC_AEAD_KAT_128_128.txt"),
        None,
        Some(hash),
    )
    .unwrap_err();
    assert_eq!(e.kind(), mamori_kat::ErrorKind::Mismatch, "{e}");
}

#[test]
fn shared_ascon_files_pass() {
    let Some(kat) = shared() else { return };
    for (file, n) in [
        ("asconaead128_LWC_AEAD_KAT_128_128.txt", 1089),
        ("asconhash256_LWC_HASH_KAT_128_256.txt", 1025),
        ("asconxof128_LWC_XOF_KAT_128_512.txt", 1025),
        ("asconcxof128_LWC_CXOF_KAT_128_512.txt", 1089),
    ] {
        let r = run_file(&kat.join("ascon").join(file), None, None).unwrap();
        assert_eq!((r.passed, r.failed, r.skipped), (n, 0, 0), "{r}");
    }
}
