//! Error paths: every problem with a file is a `KatError` with a clear one-line message,
//! never a panic, including on garbage and truncated input.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use mamori_kat::{ErrorKind, KatError, find_algorithm, run_file, run_text};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn scratch(name: &str, content: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("errors");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn bundled(alg: &str) -> &'static str {
    mamori_kat::bundled::FILES
        .iter()
        .find(|f| f.algorithm == alg)
        .unwrap()
        .text
}

#[track_caller]
fn assert_err(e: &KatError, kind: ErrorKind, parts: &[&str]) {
    let msg = e.to_string();
    assert_eq!(e.kind(), kind, "{msg}");
    assert!(!msg.contains('\n'), "not one line: {msg:?}");
    for p in parts {
        assert!(msg.contains(p), "{msg:?} lacks {p:?}");
    }
}

const AEAD_VECTOR: &str = r#"[{"name": "v1", "key": "000102030405060708090a0b0c0d0e0f",
  "nonce": "101112131415161718191a1b1c1d1e1f", "ad": "", "msg": "",
  "ct": "", "tag": "4f9c278211bec9316bf68f46ee8b2ec6"}]"#;

#[test]
fn flat_json_runs_on_an_implemented_aead() {
    // Count = 1 of the official LWC file, as flat JSON: proves the flat-JSON path runs.
    let r = run_text("asconaead128.json", AEAD_VECTOR, None, None).unwrap();
    assert_eq!(
        (r.passed, r.failed, r.skipped),
        (1, 0, 0),
        "{:?}",
        r.failures
    );
    let invalid = AEAD_VECTOR
        .replace("\"msg\": \"\"", "\"msg\": null, \"valid\": false")
        .replace("4f9c", "4f9d");
    let r = run_text("asconaead128.json", &invalid, None, None).unwrap();
    assert_eq!((r.passed, r.failed), (1, 0), "{:?}", r.failures);
    let wrongly_valid = AEAD_VECTOR.replace("\"msg\": \"\"", "\"msg\": \"\", \"valid\": false");
    let r = run_text("asconaead128.json", &wrongly_valid, None, None).unwrap();
    assert_eq!(r.failures[0].id, "v1");
    assert!(
        r.failures[0]
            .detail
            .contains("open accepted an invalid case")
    );
}

#[test]
fn unknown_algorithm() {
    let e = find_algorithm("no-such-cipher").unwrap_err();
    assert_err(
        &e,
        ErrorKind::UnknownAlgorithm,
        &["unknown algorithm `no-such-cipher`", "ascon-hash256"],
    );
}

#[test]
fn unreadable_files() {
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("errors/does-not-exist.json");
    let e = run_file(&missing, None, None).unwrap_err();
    assert_err(&e, ErrorKind::Io, &["cannot read", "does-not-exist.json"]);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("errors/empty-dir");
    std::fs::create_dir_all(&dir).unwrap();
    let e = run_file(&dir, None, None).unwrap_err();
    assert_err(&e, ErrorKind::Io, &["directory without prompt.json"]);
    let bin = scratch("binary.bin", &[0xff, 0xfe, 0x00, 0x80]);
    let e = run_file(&bin, None, None).unwrap_err();
    assert_err(&e, ErrorKind::UnknownFormat, &["not UTF-8"]);
    let text = scratch("notes.txt", b"hello\nworld\n");
    let e = run_file(&text, None, None).unwrap_err();
    assert_err(
        &e,
        ErrorKind::UnknownFormat,
        &["notes.txt: not a known vector format"],
    );
}

#[test]
fn malformed_json_and_hex() {
    let p = scratch("broken.json", br#"[{"key": "00", "nonce": "#);
    let e = run_file(&p, None, None).unwrap_err();
    assert_err(
        &e,
        ErrorKind::Malformed,
        &["broken.json: malformed JSON", "line 1"],
    );
    let bad_hex = AEAD_VECTOR.replace("\"key\": \"00", "\"key\": \"zz");
    let e = run_text("asconaead128.json", &bad_hex, None, None).unwrap_err();
    assert_err(
        &e,
        ErrorKind::Malformed,
        &["malformed hex in field `key` of vector v1", "'z'"],
    );
    let odd = AEAD_VECTOR.replace("\"tag\": \"4f", "\"tag\": \"4");
    let e = run_text("asconaead128.json", &odd, None, None).unwrap_err();
    assert_err(
        &e,
        ErrorKind::Malformed,
        &["field `tag`", "odd number of hex digits"],
    );
    let e = run_text("x.json", r#"[{"foo": 1}]"#, None, None).unwrap_err();
    assert_err(
        &e,
        ErrorKind::Malformed,
        &["#1: not a known kind of vector"],
    );
    let e = run_text("x.json", "[]", None, None).unwrap_err();
    assert_err(&e, ErrorKind::Malformed, &["no test vectors"]);
    let e = run_text("x.txt", "Count = 1\nMsg = 0\nMD = 00\n", None, None).unwrap_err();
    assert_err(
        &e,
        ErrorKind::Malformed,
        &["`Msg` of Count = 1 (line 2)", "odd"],
    );
}

#[test]
fn format_does_not_match_the_algorithm() {
    let aead = find_algorithm("ascon-aead128").unwrap();
    let xof = find_algorithm("ascon-xof128").unwrap();
    let hash = find_algorithm("ascon-hash256").unwrap();
    // LWC hash vectors given for an AEAD.
    let e = run_text("hash.txt", bundled("ascon-hash256"), None, Some(aead)).unwrap_err();
    assert_err(
        &e,
        ErrorKind::Mismatch,
        &["LWC hash/XOF vectors (Msg, MD) do not fit ascon-aead128 (an AEAD)"],
    );
    // LWC AEAD vectors given for a hash.
    let e = run_text("aead.txt", bundled("ascon-aead128"), None, Some(hash)).unwrap_err();
    assert_err(
        &e,
        ErrorKind::Mismatch,
        &["LWC AEAD vectors", "ascon-hash256 (a hash function)"],
    );
    // CXOF vectors for an XOF without customization.
    let e = run_text("c.txt", bundled("ascon-cxof128"), None, Some(xof)).unwrap_err();
    assert_err(
        &e,
        ErrorKind::Mismatch,
        &["need a customizable XOF", "ascon-xof128"],
    );
    // The file name says HASH, the caller says XOF.
    let e = run_text(
        "asconhash256_LWC_HASH_KAT_128_256.txt",
        bundled("ascon-hash256"),
        None,
        Some(xof),
    )
    .unwrap_err();
    assert_err(
        &e,
        ErrorKind::Mismatch,
        &["file name says LWC HASH vectors"],
    );
    // An LWC AEAD file named for a hash algorithm.
    let e = run_text(
        "asconhash256_LWC_AEAD_KAT_128_128.txt",
        bundled("ascon-aead128"),
        None,
        None,
    )
    .unwrap_err();
    assert_err(
        &e,
        ErrorKind::Mismatch,
        &["inferred from the file name (`asconhash256`)"],
    );
    // A flat-JSON AEAD file named for a hash algorithm.
    let p = scratch("asconhash256.json", AEAD_VECTOR.as_bytes());
    let e = run_file(&p, None, None).unwrap_err();
    assert_err(
        &e,
        ErrorKind::Mismatch,
        &[
            "asconhash256.json: flat JSON AEAD vectors",
            "ascon-hash256 (a hash function)",
            "inferred from the file name",
        ],
    );
    // Flat-JSON AEAD vectors given for an XOF.
    let e = run_text("v.json", AEAD_VECTOR, None, Some(xof)).unwrap_err();
    assert_err(
        &e,
        ErrorKind::Mismatch,
        &["do not fit ascon-xof128 (an XOF)"],
    );
    // Vectors naming another algorithm than the one requested.
    let named = AEAD_VECTOR.replace("\"name\"", "\"algorithm\": \"Rocca-S\", \"name\"");
    let e = run_text("v.json", &named, None, Some(aead)).unwrap_err();
    assert_err(
        &e,
        ErrorKind::Mismatch,
        &["the vectors are for Rocca-S, not ascon-aead128"],
    );
}

#[test]
fn algorithm_needed_and_expected_misuse() {
    let e = run_text("vectors.json", AEAD_VECTOR, None, None).unwrap_err();
    assert_err(
        &e,
        ErrorKind::AlgorithmNeeded,
        &["vector v1", "name the algorithm"],
    );
    let e = run_text("v.txt", bundled("ascon-xof128"), Some("{}"), None).unwrap_err();
    assert_err(
        &e,
        ErrorKind::Expected,
        &["only go with an ACVP prompt", "LWC file"],
    );
    let lwc = scratch(
        "asconxof128_LWC_XOF_KAT_128_512.txt",
        bundled("ascon-xof128").as_bytes(),
    );
    let e = run_file(&lwc, Some(&lwc), None).unwrap_err();
    assert_err(&e, ErrorKind::Expected, &["only go with an ACVP prompt"]);
}

#[test]
fn unimplemented_flat_json_algorithms_are_skipped_not_errors() {
    let named = AEAD_VECTOR.replace("\"name\"", "\"algorithm\": \"AEGIS-128L\", \"name\"");
    let r = run_text("v.json", &named, None, None).unwrap();
    assert_eq!(
        r.skip_reasons,
        [("AEGIS-128L: not implemented in Mamori".to_owned(), 1)]
    );
    let block = r#"[{"algorithm": "Camellia-128", "key": "00", "plaintext": "00", "ciphertext": "00"},
                    {"algorithm": "KCipher-2", "key": "00", "iv": "00", "keystream": "00"}]"#;
    let r = run_text("v.json", block, None, None).unwrap();
    assert_eq!(r.skipped, 2);
}

/// Runs `text` under a few names and algorithms; only the absence of panics matters.
fn run_everything(text: &str) {
    let aead = find_algorithm("ascon-aead128").ok();
    for (name, alg) in [
        ("asconaead128_LWC_AEAD_KAT_128_128.txt", None),
        ("x.json", aead),
        ("prompt.json", None),
    ] {
        let _ = run_text(name, text, None, alg);
        let _ = run_text(name, text, Some(text), alg);
    }
    let _ = mamori_kat::detect(text);
}

const SAMPLES: &[&str] = &[
    AEAD_VECTOR,
    r#"{"vsId": 1, "algorithm": "ML-KEM", "mode": "encapDecap", "revision": "FIPS203", "testGroups": [{"tgId": 1, "parameterSet": "ML-KEM-512", "function": "decapsulation", "keyFormat": "seed", "tests": [{"tcId": 1, "dk": "00", "c": "01", "k": "02"}]}]}"#,
    r#"{"algorithm": "ASCON-AEAD128", "schema": "aead_test_schema_v1.json", "testGroups": [{"type": "AeadTest", "ivSize": 128, "keySize": 128, "tagSize": 128, "tests": [{"tcId": 1, "comment": "", "flags": [], "key": "000102030405060708090a0b0c0d0e0f", "iv": "101112131415161718191a1b1c1d1e1f", "aad": "", "msg": "", "ct": "", "tag": "4f9c278211bec9316bf68f46ee8b2ec6", "result": "valid"}]}]}"#,
];

#[test]
fn every_truncation_of_small_files_is_an_error_or_a_report() {
    let lwc: String = bundled("ascon-aead128")
        .split("\n\n")
        .take(40)
        .collect::<Vec<_>>()
        .join("\n\n");
    for text in SAMPLES.iter().copied().chain([lwc.as_str()]) {
        for cut in 0..text.len() {
            if let Some(prefix) = text.get(..cut) {
                run_everything(prefix);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        run_everything(&text);
    }

    #[test]
    fn mutated_files_never_panic(
        which in 0..SAMPLES.len(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<char>()), 1..6),
    ) {
        let mut chars: Vec<char> = SAMPLES[which].chars().collect();
        for (at, c) in edits {
            let i = at.index(chars.len());
            chars[i] = c;
        }
        run_everything(&chars.into_iter().collect::<String>());
    }

    #[test]
    fn lwc_lines_in_any_order_never_panic(lines in proptest::collection::vec(
        prop_oneof![
            Just("Count = 1".to_owned()), Just("Key = 00".to_owned()), Just("PT = ".to_owned()),
            Just("CT = 00".to_owned()), Just("Msg = ".to_owned()), Just("Z = 1".to_owned()),
            Just("MD = 00".to_owned()), Just(String::new()), "[A-Za-z =0-9]{0,12}",
        ], 0..30)) {
        run_everything(&lines.join("\n"));
    }
}
