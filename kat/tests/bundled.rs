//! The bundled official KATs (Ascon, Rocca-S, AEGIS-256, ML-KEM, ML-DSA) all pass, with exactly the
//! official case counts.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use mamori_kat::{Format, find_algorithm, run_bundled};

#[test]
fn every_bundled_kat_passes() {
    let reports = run_bundled(&[]);
    let counts: Vec<(&str, usize)> = reports
        .iter()
        .map(|r| (r.source.as_str(), r.passed))
        .collect();
    assert_eq!(
        counts,
        [
            ("bundled:asconaead128_LWC_AEAD_KAT_128_128.txt", 1089),
            ("bundled:asconhash256_LWC_HASH_KAT_128_256.txt", 1025),
            ("bundled:asconxof128_LWC_XOF_KAT_128_512.txt", 1025),
            ("bundled:asconcxof128_LWC_CXOF_KAT_128_512.txt", 1089),
            ("bundled:draft-nakano-rocca-s-05.json", 7),
            // One file, 9 vectors per tag size; each algorithm skips the other's 9.
            ("bundled:draft-irtf-cfrg-aegis-aead-18.json", 9),
            ("bundled:draft-irtf-cfrg-aegis-aead-18.json", 9),
            // ACVP: 25 keyGen cases and 55 encapDecap cases per parameter set.
            ("bundled:ML-KEM-keyGen-FIPS203/prompt.json", 25),
            ("bundled:ML-KEM-encapDecap-FIPS203/prompt.json", 55),
            ("bundled:ML-KEM-keyGen-FIPS203/prompt.json", 25),
            ("bundled:ML-KEM-encapDecap-FIPS203/prompt.json", 55),
            ("bundled:ML-KEM-keyGen-FIPS203/prompt.json", 25),
            ("bundled:ML-KEM-encapDecap-FIPS203/prompt.json", 55),
            // ACVP ML-DSA, per parameter set: 25 keyGen cases, 120 sigGen (8 groups of 15:
            // pure, pre-hash, internal and external mu, each deterministic and hedged) and
            // 60 sigVer (4 groups of 15, one per interface).
            ("bundled:ML-DSA-keyGen-FIPS204/prompt.json", 25),
            ("bundled:ML-DSA-sigGen-FIPS204/prompt.json", 120),
            ("bundled:ML-DSA-sigVer-FIPS204/prompt.json", 60),
            ("bundled:ML-DSA-keyGen-FIPS204/prompt.json", 25),
            ("bundled:ML-DSA-sigGen-FIPS204/prompt.json", 120),
            ("bundled:ML-DSA-sigVer-FIPS204/prompt.json", 60),
            ("bundled:ML-DSA-keyGen-FIPS204/prompt.json", 25),
            ("bundled:ML-DSA-sigGen-FIPS204/prompt.json", 120),
            ("bundled:ML-DSA-sigVer-FIPS204/prompt.json", 60),
        ]
    );
    for r in &reports {
        assert!(r.ok(), "{r}: {:?}", r.failures);
        assert_eq!(r.failed, 0, "{r}");
        if r.source.contains("aegis") {
            assert_eq!(r.skipped, 9, "{r}");
        } else if r.source.contains("ML-KEM") || r.source.contains("ML-DSA") {
            // The other two parameter sets' cases.
            assert_eq!(r.skipped, 2 * r.passed, "{r}");
        } else {
            assert_eq!(r.skipped, 0, "{r}");
        }
        let format = if r.source.contains("LWC") {
            Format::Lwc
        } else if r.source.contains("ML-KEM") || r.source.contains("ML-DSA") {
            Format::Acvp
        } else {
            Format::FlatJson
        };
        assert_eq!(r.format, format, "{r}");
        assert!(r.algorithm.is_some());
    }
    let algs: Vec<_> = reports.iter().map(|r| r.algorithm.unwrap()).collect();
    assert_eq!(
        algs,
        [
            "ascon-aead128",
            "ascon-hash256",
            "ascon-xof128",
            "ascon-cxof128",
            "rocca-s",
            "aegis-256",
            "aegis-256-t256",
            "ml-kem-512",
            "ml-kem-512",
            "ml-kem-768",
            "ml-kem-768",
            "ml-kem-1024",
            "ml-kem-1024",
            "ml-dsa-44",
            "ml-dsa-44",
            "ml-dsa-44",
            "ml-dsa-65",
            "ml-dsa-65",
            "ml-dsa-65",
            "ml-dsa-87",
            "ml-dsa-87",
            "ml-dsa-87",
        ]
    );
}

#[test]
fn bundled_runs_can_be_selected_by_algorithm() {
    let xof = find_algorithm("Ascon-XOF128").unwrap();
    let cxof = find_algorithm("ascon_cxof128").unwrap();
    let reports = run_bundled(&[cxof, xof]);
    let sources: Vec<_> = reports.iter().map(|r| r.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            "bundled:asconxof128_LWC_XOF_KAT_128_512.txt",
            "bundled:asconcxof128_LWC_CXOF_KAT_128_512.txt"
        ]
    );
    let kem = find_algorithm("ML-KEM-768").unwrap();
    let reports = run_bundled(&[kem]);
    let sources: Vec<_> = reports.iter().map(|r| r.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            "bundled:ML-KEM-keyGen-FIPS203/prompt.json",
            "bundled:ML-KEM-encapDecap-FIPS203/prompt.json"
        ]
    );
    assert!(
        reports.iter().all(|r| r.ok() && r.passed > 0),
        "{reports:?}"
    );
    let dsa = find_algorithm("ML-DSA-65").unwrap();
    let reports = run_bundled(&[dsa]);
    let counts: Vec<_> = reports
        .iter()
        .map(|r| (r.source.as_str(), r.passed, r.failed, r.skipped))
        .collect();
    assert_eq!(
        counts,
        [
            ("bundled:ML-DSA-keyGen-FIPS204/prompt.json", 25, 0, 50),
            ("bundled:ML-DSA-sigGen-FIPS204/prompt.json", 120, 0, 240),
            ("bundled:ML-DSA-sigVer-FIPS204/prompt.json", 60, 0, 120),
        ]
    );
    assert_eq!(mamori_kat::bundled().len(), 7 + 6 + 9);
}

#[test]
fn bundled_data_equal_the_vector_files() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors");
    for f in mamori_kat::bundled::FILES {
        let path = ["ascon", "rocca-s", "aegis256", "ml-kem", "ml-dsa"]
            .iter()
            .map(|sub| dir.join(sub).join(f.file_name))
            .find(|p| p.exists())
            .unwrap();
        let on_disk = std::fs::read_to_string(&path).unwrap();
        assert_eq!(on_disk, f.text, "{}", f.file_name);
        let expected = path.with_file_name("expectedResults.json");
        match f.expected {
            Some(text) => assert_eq!(std::fs::read_to_string(expected).unwrap(), text),
            None => assert!(!expected.exists(), "{}", f.file_name),
        }
    }
}
