//! Rocca-S and AEGIS-256 through the KAT engine: the draft vector files (bundled, on disk
//! and in `../shared`), the AEGIS file's two tag sizes routed to `aegis-256` and
//! `aegis-256-t256`, a schema-shaped Wycheproof AEAD file generated here from the draft
//! vectors (SYNTHETIC: no official Wycheproof Rocca-S file exists), and broken files.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use mamori_kat::{ErrorKind, Format, find_algorithm, run_file, run_text};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn vectors(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("vectors")
        .join(rel)
}

const ROCCA: &str = "rocca-s/draft-nakano-rocca-s-05.json";
const AEGIS: &str = "aegis256/draft-irtf-cfrg-aegis-aead-18.json";

#[test]
fn draft_files_pass_with_the_algorithm_inferred() {
    let r = run_file(&vectors(ROCCA), None, None).unwrap();
    assert_eq!((r.passed, r.failed, r.skipped), (7, 0, 0), "{r}");
    assert_eq!(r.format, Format::FlatJson);
    // Both tag sizes, each on its variant; the must-fail entries included.
    let r = run_file(&vectors(AEGIS), None, None).unwrap();
    assert_eq!((r.passed, r.failed, r.skipped), (18, 0, 0), "{r}");
}

#[test]
fn a_requested_tag_size_runs_its_half_and_skips_the_other() {
    for (name, other) in [
        ("aegis-256", "aegis-256-t256"),
        ("aegis-256-t256", "aegis-256"),
    ] {
        let e = find_algorithm(name).unwrap();
        let r = run_file(&vectors(AEGIS), None, Some(e)).unwrap();
        assert_eq!((r.passed, r.failed, r.skipped), (9, 0, 9), "{r}");
        assert!(
            r.skip_reasons
                .iter()
                .any(|(why, n)| why.contains(other) && *n == 9),
            "{:?}",
            r.skip_reasons
        );
    }
}

#[test]
fn shared_draft_files_pass() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/kat");
    if !dir.is_dir() {
        eprintln!("skipped: ../shared not found");
        return;
    }
    assert_eq!(run_file(&dir.join(ROCCA), None, None).unwrap().passed, 7);
    assert_eq!(run_file(&dir.join(AEGIS), None, None).unwrap().passed, 18);
}

/// A Wycheproof AEAD file (schema `aead_test_schema_v1.json`) for `algorithm`, made of the
/// valid draft vectors of one tag size, each also with a flipped tag bit and a flipped
/// ciphertext bit (result "invalid").
fn wycheproof(algorithm: &str, file: &str, tag_bits: Option<u64>) -> (String, usize, usize) {
    let text = std::fs::read_to_string(vectors(file)).unwrap();
    let all: Vec<Value> = serde_json::from_str(&text).unwrap();
    let mut groups: std::collections::BTreeMap<(usize, usize, usize), Vec<Value>> =
        Default::default();
    let (mut valid, mut invalid) = (0, 0);
    let mut tc = 0;
    for v in all.iter().filter(|v| v["valid"].as_bool().unwrap_or(true)) {
        if tag_bits.is_some() && v["tag_bits"].as_u64() != tag_bits {
            continue;
        }
        let h = |k: &str| hex::decode(v[k].as_str().unwrap()).unwrap();
        let (key, nonce, tag, ct) = (h("key"), h("nonce"), h("tag"), h("ct"));
        let mut add = |ct: &[u8], tag: &[u8], result: &str, comment: &str| {
            tc += 1;
            groups
                .entry((key.len() * 8, nonce.len() * 8, tag.len() * 8))
                .or_default()
                .push(json!({
                    "tcId": tc, "comment": comment, "flags": [],
                    "key": hex::encode(&key), "iv": hex::encode(&nonce),
                    "aad": v["ad"], "msg": v["msg"],
                    "ct": hex::encode(ct), "tag": hex::encode(tag), "result": result,
                }));
        };
        add(&ct, &tag, "valid", "draft vector");
        let mut t = tag.clone();
        t[0] ^= 1;
        add(&ct, &t, "invalid", "flipped tag bit");
        valid += 1;
        invalid += 1;
        if !ct.is_empty() {
            let mut c = ct.clone();
            c[ct.len() - 1] ^= 0x80;
            add(&c, &tag, "invalid", "flipped ciphertext bit");
            invalid += 1;
        }
    }
    let test_groups: Vec<Value> = groups
        .into_iter()
        .map(|((k, n, t), tests)| {
            json!({"type": "AeadTest", "keySize": k, "ivSize": n, "tagSize": t, "tests": tests})
        })
        .collect();
    let doc = json!({
        "algorithm": algorithm,
        "schema": "aead_test_schema_v1.json",
        "numberOfTests": tc,
        "header": ["synthetic: the draft vectors plus tampered copies"],
        "notes": {},
        "testGroups": test_groups,
    });
    (doc.to_string(), valid, invalid)
}

#[test]
fn wycheproof_aead_files_pass() {
    for (alg, file, bits) in [
        ("ROCCA-S", ROCCA, None),
        ("AEGIS256", AEGIS, Some(128)),
        ("AEGIS256", AEGIS, None),
    ] {
        let (text, valid, invalid) = wycheproof(alg, file, bits);
        let r = run_text("synthetic_test.json", &text, None, None).unwrap();
        assert_eq!(r.format, Format::Wycheproof);
        assert_eq!(
            (r.passed, r.failed, r.skipped),
            (valid + invalid, 0, 0),
            "{alg}: {r}"
        );
    }
}

#[test]
fn broken_files_are_errors_not_panics() {
    let text = std::fs::read_to_string(vectors(AEGIS)).unwrap();
    // `tag_bits` that contradicts the tag.
    let bad = text.replacen("\"tag_bits\": 128", "\"tag_bits\": 64", 1);
    let e = run_text("aegis256.json", &bad, None, None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Malformed, "{e}");
    // Cut short.
    let e = run_text("aegis256.json", &text[..text.len() / 2], None, None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Malformed, "{e}");
    // A wrong-length tag on a vector that claims to be valid is a failure, not a panic.
    let rocca = std::fs::read_to_string(vectors(ROCCA)).unwrap();
    let short = rocca.replacen(
        "\"tag\": \"8df934d1483710c9410f6a089c4ced9791901b7e2e661206202db2cc7a24a386\"",
        "\"tag\": \"8df934d1483710c9\"",
        1,
    );
    assert_ne!(short, rocca);
    let r = run_text("rocca-s.json", &short, None, None).unwrap();
    assert_eq!(r.passed + r.failed + r.skipped, 7, "{r}");
    assert!(r.passed < 7, "{r}");
}
